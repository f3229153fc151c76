/* Python call signatures, as written in rule files:
 * "stop_gradient(input, name=None)", "f(a, /, b, *args, c, **kw)". */
#ifndef TFMS_SIGNATURE_H
#define TFMS_SIGNATURE_H

#include "tfms/common.h"

typedef enum {
	TFMS_PARAM_POSITIONAL_ONLY,
	TFMS_PARAM_POSITIONAL_OR_KEYWORD,
	TFMS_PARAM_KEYWORD_ONLY,
	TFMS_PARAM_VAR_POSITIONAL, /* *args */
	TFMS_PARAM_VAR_KEYWORD,	   /* **kwargs */
} tfms_param_kind;

typedef struct {
	char *name;
	char *default_text; /* NULL when the parameter is required */
	tfms_param_kind kind;
} tfms_param;

typedef struct {
	char *name;
	tfms_param *params;
	size_t nparams;
} tfms_signature;

/* Parses text into sig (caller owns; free with tfms_signature_dispose).
 * Errors say what is wrong with the text; on failure *sig is empty (its
 * pointers NULL, nparams 0). */
int tfms_signature_parse(tfms_signature *sig,
			 const char *text) TFMS_WARN_UNUSED;
void tfms_signature_dispose(tfms_signature *sig);

/* Index of the parameter called name, or -1. */
int tfms_signature_find(const tfms_signature *sig, const char *name);
/* Index of the parameter that receives the n-th positional argument, or -1
 * when the signature takes fewer (a *args parameter absorbs the rest). */
int tfms_signature_positional(const tfms_signature *sig, size_t n);

#endif
