/* The rule set: community table rows (what maps to what, and whether the
 * table calls the pair consistent) joined with detail rules (YAML: how a
 * call translates). A row is automated only when the table calls it
 * consistent and its detail rule says how.
 *
 * Detail rule file (see rules/README.md for the full reference):
 *
 *   rules:
 *     - api: tf.sparse.SparseTensor    # canonical TF name
 *       exports: [tf.SparseTensor]     # other names of the same symbol
 *       tf_signature: SparseTensor(indices, values, dense_shape)
 *       ms_signature: SparseTensor(indices, values, shape)
 *       ms_form: class                 # function|class|primitive|cell
 *       args: {dense_shape: shape}     # keep|drop|positional|NEW|{to: ...}
 *       call: auto                     # auto | manual
 *       reference: type-only           # auto | type-only | manual
 *       review: "..."                  # attached to every conversion
 */
#ifndef TFMS_RULES_H
#define TFMS_RULES_H

#include "tfms/common.h"
#include "tfms/signature.h"
#include "tfms/table.h"

typedef enum {
	TFMS_ARG_MAP,  /* pass on to ms_param */
	TFMS_ARG_DROP, /* only names a graph op: drop when side-effect free */
} tfms_arg_action;

/* What MindSpore accepts where TF converts a Python value to a tensor. */
typedef enum {
	TFMS_TENSOR_ANY,     /* no restriction recorded */
	TFMS_TENSOR_WRAP,    /* Tensor only: a number or list literal is wrapped
			       in mindspore.Tensor(lit, dtype TF infers) */
	TFMS_TENSOR_SCALAR,  /* a Python number passes; a list literal is
			       wrapped only where TF infers its dtype from it
			       (the first such input), else refused */
	TFMS_TENSOR_FLOAT32, /* Tensor only, and TF converts the value to
				float32 (the call's dtype, kept at its
				default): a number or list literal of numbers
				becomes mindspore.Tensor(lit, float32) */
} tfms_tensor_mode;

typedef enum {
	TFMS_INT_NONE,
	TFMS_INT_ANY,	 /* an int constant (a one-element list unwrapped) */
	TFMS_INT_NONNEG, /* the same, >= 0 */
} tfms_int_mode;

typedef enum {
	TFMS_TUPLE_NONE,
	TFMS_TUPLE_STRICT, /* a list/tuple display of constant elements */
	TFMS_TUPLE_OR_INT, /* the same, or a bare int constant */
	TFMS_TUPLE_SIZES,  /* as STRICT, and a negative literal element is
			      refused: TF infers a size of -1 from the
			      others (tf.split), MindSpore does not */
} tfms_tuple_mode;

/* value_map: the argument must be one of the keys (source text, string
 * literals compared by their value); the value's text is passed. */
typedef struct {
	char *from, *to;
} tfms_value_map;

typedef struct {
	char *tf_param;
	tfms_arg_action action;
	char *ms_param;	    /* TFMS_ARG_MAP only */
	bool positional;    /* emit positionally (MS names differ by release) */
	bool init;	    /* a primitive's constructor attribute */
	char *default_text; /* passed when the call leaves it out, because
			       MindSpore's default differs; or NULL */
	bool only_default;  /* convert only when the call leaves it out (or
			       gives the TF default literally) */
	bool must_give;	    /* convert only when the call gives it: TF's
			       default has no MindSpore equivalent */
	bool tuple;	    /* MindSpore needs a constant tuple: a list or
			       tuple literal converts, anything else not */
	char *why;	    /* for must_give/only_default: the reason shown */
	tfms_tensor_mode tensor;
	tfms_int_mode int_mode;
	tfms_tuple_mode tuple_mode; /* tuple above is tuple_mode != NONE */
	char *default_from; /* TF's default is this other parameter's value */
	/* dtype_from: left out, the dtype TF infers from the literals
	 * of these parameters (tf.constant: value; tf.range: start,
	 * limit, delta, all literals) */
	char **dtype_from;
	size_t ndtype_from;
	tfms_value_map *values;
	size_t nvalues;
	bool no_string; /* a string literal or a NumPy type is refused (TF
			   accepts 'float32' and np.float32 for a dtype;
			   MindSpore wants the dtype object) */
	bool tensors;	/* a list or tuple of Tensors: a display holding a
			   Python number or a nested display is refused */
	bool nonempty;	/* an empty list or tuple display is refused (an
			   empty axis list reduces nothing in TF, all in
			   MindSpore) */
	char *check;	/* given as anything but a literal: a condition the
			   reader must check, added to the review note */
	/* float_from: the value must be a float literal or a call of one
	 * of these canonical TF APIs that leaves its dtype out; NULL when
	 * any value goes. */
	char **float_from;
	size_t nfloat_from;
} tfms_arg_rule;

/* A MindSpore argument no TF parameter feeds (extra_args). */
typedef struct {
	char *ms_param;
	char *text;
	bool positional;
} tfms_extra_arg;

/* Which calls a rule applies to when an API has several (when:). */
typedef enum {
	TFMS_WHEN_ALWAYS,
	TFMS_WHEN_INT_LITERAL,	/* when_param is an int literal */
	TFMS_WHEN_LIST_LITERAL, /* when_param is a list/tuple display */
	TFMS_WHEN_GIVEN,	/* every when_params entry is given */
	TFMS_WHEN_ABSENT,	/* no when_params entry is given */
} tfms_when_kind;

typedef enum {
	TFMS_DECISION_AUTO,
	TFMS_DECISION_TYPE_ONLY, /* references only where a type is expected */
	TFMS_DECISION_MANUAL,
} tfms_decision;

typedef struct tfms_rule_s {
	char *api;	/* canonical TF name */
	char **aliases; /* canonical names of the same symbol */
	size_t naliases;
	char *ms_api; /* NULL when there is no counterpart */
	bool in_table;
	tfms_table_status status;
	char *doc_url;
	char *description;
	char *table_source; /* "file:line" of the row, or NULL */

	bool has_detail;
	char *detail_source; /* "file:line" of the detail rule, or NULL */
	char *ms_form;
	bool has_tf_signature, has_ms_signature, has_ms_init_signature;
	tfms_signature tf_signature;
	tfms_signature ms_signature;	  /* the call (a primitive's inputs) */
	tfms_signature ms_init_signature; /* a primitive's constructor */
	tfms_arg_rule *args;
	size_t nargs;
	tfms_decision call;
	tfms_decision reference;
	char *call_reason;	/* why a call is manual */
	char *reference_reason; /* why a reference is manual */
	char *review;		/* note attached to every conversion */
	char *note;		/* maintainers' rationale */

	/* MindSpore releases the emitted form needs, as major*100+minor;
	 * max -1 for open-ended. Without releases: 0 and -1. */
	int release_min, release_max;
	char *releases; /* as written, or NULL */
	tfms_extra_arg *extra;
	size_t nextra;
	tfms_when_kind when;
	char **when_params;
	size_t nwhen_params;
	char *when_text; /* as written, for messages */
	char *result;	 /* text appended after the call, or NULL */
	char *doc_page;	 /* "tensorflow_diff/grad", "none", or NULL */
	bool project;	 /* the project's own rule: its detail names ms_api */
	bool overridden; /* a table's diff verdict beat its detail rule */
	/* The next rule for the same API (another `when`), or NULL.
	 * Borrowed; valid until tfms_ruleset_free. */
	const struct tfms_rule_s *alt;
} tfms_rule;

/* How new code names a MindSpore module, from a detail file's top-level
 * `modules:` list:
 *
 *   modules:
 *     - module: mindspore.ops   # dotted module
 *       name: ops               # imported as: from mindspore import ops
 *
 * The name is used when the file does not use it already. Otherwise a
 * submodule is reached through its parent (ms.ops.stop_gradient) and a
 * top-level module goes by its own name, numbered when that is taken too.
 * A module listed nowhere is treated the same way. */
typedef struct {
	char *module; /* dotted MindSpore module */
	char *name;   /* the local name it is imported as */
	char *source; /* "file:line" of the entry */
} tfms_module_rule;

typedef struct tfms_ruleset tfms_ruleset;

/* Caller owns *out; free with tfms_ruleset_free. Never fails. */
void tfms_ruleset_new(tfms_ruleset **out);
void tfms_ruleset_free(tfms_ruleset *rs);

/* Loads a table (.md or .txt) or detail file (.yaml/.yml); a directory
 * loads its .md, .txt, .yaml and .yml files in name order, except
 * README.md and hidden files. A later definition of the same API replaces
 * an earlier one. */
int tfms_ruleset_load_path(tfms_ruleset *rs, const char *path) TFMS_WARN_UNUSED;
/* The same for bytes in memory; name decides the format and appears in
 * messages. Copies data. */
int tfms_ruleset_load_buffer(tfms_ruleset *rs, const char *name,
			     const char *data, size_t len) TFMS_WARN_UNUSED;
/* The rules compiled into the binary from rules/. */
int tfms_ruleset_load_builtin(tfms_ruleset *rs) TFMS_WARN_UNUSED;
/* Joins tables and details, checks every rule and builds the index. Must be
 * called once, after loading and before lookups. */
int tfms_ruleset_finalize(tfms_ruleset *rs) TFMS_WARN_UNUSED;

/* Borrowed; valid until tfms_ruleset_free. NULL when no rule names api. */
const tfms_rule *tfms_ruleset_find(const tfms_ruleset *rs, const char *api);
size_t tfms_ruleset_count(const tfms_ruleset *rs);
const tfms_rule *tfms_ruleset_at(const tfms_ruleset *rs, size_t i);
/* How module is spelled; the last loaded entry for it wins. Borrowed;
 * valid until tfms_ruleset_free. NULL when no loaded file lists module. */
const tfms_module_rule *tfms_ruleset_module(const tfms_ruleset *rs,
					    const char *module);
/* Picks the MindSpore release ("2.3") the rules are chosen for; call
 * before finalize. NULL: the newest release the rules know. An unknown or
 * malformed release fails finalize. Copies version. */
void tfms_ruleset_set_ms_version(tfms_ruleset *rs, const char *version);
/* The release in effect after finalize ("2.7"); borrowed. */
const char *tfms_ruleset_ms_version(const tfms_ruleset *rs);
/* Warnings of finalize (one line each, '\n'-separated, e.g. rules a
 * table's diff verdict overrode), or NULL; borrowed. */
const char *tfms_ruleset_warnings(const tfms_ruleset *rs);
/* The ms_api of the rule for api, or NULL (for dtype spellings). */
const char *tfms_ruleset_ms_name(const tfms_ruleset *rs, const char *api);

/* Comma-separated names of the loaded sources; borrowed. */
const char *tfms_ruleset_sources(const tfms_ruleset *rs);

#endif
