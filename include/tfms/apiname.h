/* Canonical names of TensorFlow APIs, shared by the front end (which
 * resolves uses to them) and the rules (which are keyed by them). */
#ifndef TFMS_APINAME_H
#define TFMS_APINAME_H

#include "tfms/common.h"

/* Canonical TF name: "tensorflow" becomes "tf", "tensorflow_probability"
 * becomes "tfp", and a "tf.compat.v1" prefix is dropped (TF 1.15 exports
 * every v1 endpoint tf.X again as tf.compat.v1.X). An internal path is
 * replaced by the public v1 name of the same object, longest known prefix
 * first: tf.python.ops.array_ops.concat is tf.concat, and
 * tf.python.framework.dtypes.float32.as_numpy_dtype is
 * tf.float32.as_numpy_dtype (tfms_tf_internal_names). Caller owns the
 * result; free with free(). Returns NULL when name is not under TF. */
char *tfms_canonical_api(const char *name, size_t len);

/* One row of data/tf115_internal_names.tsv: an internal path under
 * tf.python and the public v1 name TF 1.15 exports that object as. */
typedef struct {
	const char *internal;
	const char *public_name;
} tfms_api_alias;

/* The table, compiled in by cmake/embed_names.cmake; sorted by internal
 * in byte order (strcmp). Static data. */
extern const tfms_api_alias tfms_tf_internal_names[];
extern const size_t tfms_tf_internal_name_count;

#endif
