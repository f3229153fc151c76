/* Argument mapping: how one TF call's arguments become the MindSpore
 * call's, through the call's rule: binding to the TF signature the way
 * Python would, drops, renames, keyword to positional, TF defaults that
 * MindSpore does not share, tuple literals, and a primitive's constructor
 * attributes. */
#ifndef TFMS_ARGS_H
#define TFMS_ARGS_H

#include "tfms/edit.h"
#include "tfms/resolve.h"
#include "tfms/rules.h"
#include "tfms/strindex.h"

typedef struct {
	tfms_edit_list edits; /* the argument list's edits, on success */
	char *constructor;    /* a primitive's "(attrs)" on success, or NULL */
	char *reason;	      /* why the call cannot be mapped, on failure */
	char *note; /* on success: conditions the reader must check, or NULL */
} tfms_args_result;

#define TFMS_ARGS_RESULT_INIT                         \
	{                                             \
		TFMS_EDIT_LIST_INIT, NULL, NULL, NULL \
	}

/* Emitted texts name MindSpore objects as \x01dotted.name\x02, for the
 * planner to spell the way the file imports MindSpore. */

/* Maps the arguments of call, a call node from analysis's tree whose
 * callee is rule's API. Arguments keep their source order unless every one
 * that would move is side-effect free and holds no TF use of analysis.
 * Returns true with out->edits (their origin is rule->api, so rule must
 * outlive them) and, for a primitive, out->constructor; false with
 * out->reason, the finding's text, and no edits. Caller owns *out; free
 * with tfms_args_result_dispose. strings: the file's string index, made on
 * first need and kept in *strings for the next call (the caller frees it);
 * NULL: a temporary one. */
bool tfms_args_map(tfms_args_result *out, const tfms_source *src,
		   const tfms_analysis *analysis, const tfms_ruleset *rs,
		   const tfms_rule *rule, TSNode call,
		   tfms_string_index **strings);
/* True when rule's `when` condition holds for call (always without one;
 * also when the arguments do not bind, so the mapping reports why). */
bool tfms_args_when(const tfms_source *src, const tfms_rule *rule, TSNode call);
/* Accepts NULL and an empty result. */
void tfms_args_result_dispose(tfms_args_result *result);

#endif
