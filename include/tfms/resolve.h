/* Name resolution for one Python file, the way Python resolves names:
 * imports (with aliases, inside functions, under try/if), module, function,
 * class, lambda and comprehension scopes, global/nonlocal, and the places
 * where Python evaluates an expression in the enclosing scope (defaults,
 * annotations, decorators, base classes, a comprehension's first iterable).
 *
 * The result lists every use of TensorFlow: each reference expression that
 * resolves to a TF symbol, at its longest attribute chain
 * (`tf.nn.relu(x)` is one use of tf.nn.relu). Import statements are not
 * uses. Text in strings and comments never is; f-string replacement fields
 * are code and are. */
#ifndef TFMS_RESOLVE_H
#define TFMS_RESOLVE_H

#include "tfms/common.h"
#include "tfms/python.h"
#include "tfms/source.h"

typedef struct {
	uint32_t start, end; /* byte range of the reference chain */
	char *api;	     /* canonical TF name; owned */
	TSNode chain;	     /* identifier or attribute node */
	TSNode call;	     /* the call whose callee the chain is, or null */
	int32_t group;	     /* binding group it resolves to; -1 if none */
	const char *dynamic; /* why it cannot be resolved statically, or NULL */
	bool in_error;	     /* inside a region with syntax errors */
	bool type_context; /* isinstance/issubclass, annotation, base, except */
	bool exact_binding; /* the chain is just the imported name */
} tfms_use;

/* One name bound by an import statement (TF or not). */
typedef struct {
	char *name;   /* the local name bound; owned */
	char *target; /* dotted module path imported; owned */
	char *api;    /* canonical TF name, or NULL for non-TF imports; owned */
	bool module;  /* binds a module (import X [as Y], or the TF root) */
	TSNode stmt;  /* the import statement */
	TSNode item;  /* dotted_name / aliased_import inside it */
	uint32_t scope;
	int32_t group;	  /* bindings of one name in one scope share a group */
	bool group_clean; /* all bindings of the group are equivalent imports */
	bool sole;	  /* the only binding of its name in its scope */
	bool in_error;
} tfms_import;

typedef struct {
	TSTree *tree;	/* owned */
	tfms_use *uses; /* in source order: by start, then end */
	size_t nuses;
	tfms_import *imports;
	size_t nimports;
	const char *text; /* the source's bytes; borrowed */
	size_t len;
} tfms_analysis;

/* Parses src and resolves it. Caller owns *out; free with
 * tfms_analysis_dispose. It borrows src's bytes: src must outlive it. */
int tfms_analyze(tfms_analysis *out, tfms_python *py,
		 const tfms_source *src) TFMS_WARN_UNUSED;
void tfms_analysis_dispose(tfms_analysis *analysis);

/* True when name is bound or referenced anywhere in the file, so a new
 * module-level import of that name could collide. */
bool tfms_analysis_name_taken(const tfms_analysis *analysis, const char *name);

#endif
