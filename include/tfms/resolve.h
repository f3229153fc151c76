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
 * are code and are.
 *
 * A name bound by an assignment from a TF name (`K = tf.keras.backend`,
 * `a, b = tf.x, tf.y`, `A = B = tf.layers`) is an alias: reads through it
 * resolve like the TF name (`K.dot` is tf.keras.backend.dot), by the same
 * scope rules as imports; a name also bound to anything else is dynamic.
 * The assigned value itself stays one use, marked alias_def; a plain
 * read of the alias (no attribute, not called) is marked alias_read.
 *
 * Names a from-import brings in from a module of the scanned project
 * (`from pkg.mod import *`, `from .layers import tf`) come from a
 * tfms_resolve_env (see project.h), when one is given. */
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
	bool alias_def;	    /* the value of an assignment binding an alias */
	/* A plain read of such an alias (`return DT`, `f(x, DT)`): it holds
	 * whatever the assignment's value becomes, so it is never rewritten
	 * to that value's spelling. */
	bool alias_read;
	TSNode arg_call;  /* for alias_read: the call it is an argument of */
	int32_t alias_of; /* for alias_def: the group its reads have; or -1 */
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

/* A name a module binds to TF at module level, as another module's
 * from-import sees it. */
typedef struct {
	char *name;  /* owned */
	char *api;   /* canonical TF name; owned */
	bool module; /* bound to a module (`import tensorflow as tf`) */
	bool star;   /* `from m import *` brings it in */
	const char
		*dynamic; /* why it is not one static name (static), or NULL */
} tfms_export;

/* What a module of the project exports. A zeroed value exports nothing. */
typedef struct {
	tfms_export *items; /* owned */
	size_t len;
	/* Why a star import of the module cannot be resolved (`__all__`
	 * computed at run time), or NULL; static. */
	const char *star_dynamic;
} tfms_module_exports;

void tfms_module_exports_dispose(tfms_module_exports *exports);
/* Whether a and b export the same names the same way. */
bool tfms_module_exports_equal(const tfms_module_exports *a,
			       const tfms_module_exports *b);

/* The project around the file being analysed (project.h builds one). */
typedef struct tfms_resolve_env tfms_resolve_env;
struct tfms_resolve_env {
	/* The module a from-import names, seen from the file: level is the
	 * number of leading dots, dotted the rest (may be empty). NULL when
	 * it is not a module of the scanned project. Borrowed; valid for the
	 * analysis. */
	const tfms_module_exports *(*find_module)(const tfms_resolve_env *env,
						  unsigned level,
						  const char *dotted,
						  size_t len);
	/* Every name some module of the project exports to TF (borrowed):
	 * only such names can be brought in by a from-import. */
	const char *const *names;
	size_t nnames;
	/* Other files of the project import from this one: its module-level
	 * TF imports stay even when every use in the file converts (an
	 * importer may still use the names they bind). */
	bool imported;
	void *payload;
};

typedef struct {
	TSTree *tree;	/* owned */
	tfms_use *uses; /* in source order: by start, then end */
	size_t nuses;
	tfms_import *imports;
	size_t nimports;
	const char *text; /* the source's bytes; borrowed */
	size_t len;
	/* What the file binds to TF at module level, for the project's
	 * other modules (`__all__` as a literal list or tuple of strings
	 * decides what a star import brings in). */
	tfms_module_exports exports;
} tfms_analysis;

/* Parses src and resolves it. Caller owns *out; free with
 * tfms_analysis_dispose. It borrows src's bytes: src must outlive it.
 * Fails for a file nested deeper than Python allows (more than 200
 * levels of brackets, which CPython refuses and which crashes
 * tree-sitter 0.20.7 near 65,533 levels) or whose syntax tree nests
 * definitions, lambdas or assignments deeper than the walk allows. */
int tfms_analyze(tfms_analysis *out, tfms_python *py,
		 const tfms_source *src) TFMS_WARN_UNUSED;
/* The same, with the project around the file; env may be NULL. */
int tfms_analyze_in(tfms_analysis *out, tfms_python *py, const tfms_source *src,
		    const tfms_resolve_env *env) TFMS_WARN_UNUSED;
/* For the project pre-pass, which reads only exports, nuses > 0 and the
 * modules found: as tfms_analyze_in, but the text in skip (nskip pairs
 * of byte offsets [start, end), ascending, disjoint: whole top-level
 * definitions) is not parsed. The caller skips only definitions whose
 * text holds no import, global, nonlocal, __all__ or `:=`, uses the
 * builtins the resolver looks up in the whole tree (isinstance,
 * issubclass, getattr, hasattr, setattr) only as `name(` calls or
 * attributes, and cannot nest the walk too deep. A whole walk enters
 * such a definition only where a name it looks at occurs; there it binds
 * names in the definition's own scopes and its name in the module, and
 * reads names: it adds uses, nothing else. So the exports and
 * find_module calls are those of tfms_analyze_in, and the uses a subset
 * that misses only uses in the ranges hit[k] is set for (nskip bools,
 * caller's: those holding a candidate name). Returns 1, with *out empty,
 * when it cannot vouch for that: the partial tree has a syntax error, the
 * walk made every identifier a candidate or nested too deep, or the name
 * of a skipped definition is a candidate. In the last case alone hit[k]
 * is set for those definitions (hit must come zeroed), and the caller
 * may try again with them parsed; otherwise it analyses the whole file.
 * find_module may have been called before a 1: the caller forgets those
 * calls. A caller that reads only the modules found may skip any
 * top-level statements without a from-import (the resolver calls
 * find_module at every from-import of the text it parses, and only
 * there); then nothing else of *out holds. */
int tfms_analyze_skipping(tfms_analysis *out, tfms_python *py,
			  const tfms_source *src, const tfms_resolve_env *env,
			  const uint32_t *skip, size_t nskip,
			  bool *hit) TFMS_WARN_UNUSED;
void tfms_analysis_dispose(tfms_analysis *analysis);

/* Whether a file may use TF by itself: it spells `tensorflow`, or holds
 * a star import (of a module that may bind `tf`). Any other file gets TF
 * names only from the project (project.h). */
bool tfms_text_may_use_tf(const char *text, size_t len);
/* Whether the text has a CR that is not part of a CRLF: a line end to
 * Python, not always to tree-sitter-python (a comment runs on past it),
 * so tfms_analyze refuses such a file. */
bool tfms_text_has_lone_cr(const char *text, size_t len);
/* Whether the text holds `import *` (with any blanks between). */
bool tfms_text_has_star_import(const char *text, size_t len);

/* True when name is bound or referenced anywhere in the file, so a new
 * module-level import of that name could collide. */
bool tfms_analysis_name_taken(const tfms_analysis *analysis, const char *name);

#endif
