/* Canonical names of TensorFlow APIs, shared by the front end (which
 * resolves uses to them) and the rules (which are keyed by them). */
#ifndef TFMS_APINAME_H
#define TFMS_APINAME_H

#include "tfms/common.h"

/* Canonical TF name: "tensorflow" becomes "tf", "tensorflow_probability"
 * becomes "tfp", and a "tf.compat.v1" prefix is dropped (TF 1.15 exports
 * every v1 endpoint tf.X again as tf.compat.v1.X). Caller owns the result;
 * free with free(). Returns NULL when name is not under TF. */
char *tfms_canonical_api(const char *name, size_t len);

#endif
