/* Checking that a rewritten file parses no worse than it did, without
 * re-parsing all of it when that is not needed.
 *
 * Most edits stay inside one simple statement (a callee, an argument) or
 * one compound statement's header, change no line structure, and the
 * statement parsed cleanly before (regions with errors are never edited).
 * Such a statement still parses cleanly in its file exactly when its new
 * text parses cleanly on its own as one statement: a Python module is a
 * sequence of statements, and the indentation before the statement and the
 * line break after it are untouched. Removing whole statement lines and
 * inserting complete module-level lines are checked the same way. Anything
 * else is left to a full re-parse. */
#ifndef TFMS_VERIFY_H
#define TFMS_VERIFY_H

#include "tfms/edit.h"
#include "tfms/python.h"
#include "tfms/source.h"

typedef enum {
	TFMS_VERIFY_CLEAN,   /* every changed statement parses cleanly */
	TFMS_VERIFY_BROKEN,  /* the file parses worse (from a full re-parse) */
	TFMS_VERIFY_UNKNOWN, /* not decided locally: re-parse the file */
} tfms_verify_result;

/* CLEAN or UNKNOWN, never BROKEN: a local failure may come from the
 * check's own limits, so the full re-parse decides. edits must be sorted
 * (as tfms_edits_apply leaves them) and come from src, whose tree is
 * tree. */
tfms_verify_result tfms_verify_locally(tfms_python *py, const tfms_source *src,
				       const TSTree *tree,
				       const tfms_edit_list *edits);

/* How many constructs tree has that tree-sitter accepts but CPython 3.7 to
 * 3.11 reject (the Pythons MindSpore 2.x runs on): blocks without a
 * statement, and f-string replacement fields holding the string's own
 * quote, a backslash or a comment (allowed only from 3.12, PEP 701). text
 * is the text tree was parsed from. Linear in the tree's size. */
size_t tfms_verify_cpython(const TSTree *tree, const char *text);

/* Re-parses text, src's bytes with edits applied (sorted, as
 * tfms_edits_apply leaves them), reusing old, src's tree: BROKEN when the
 * result has more syntax errors, or more of what CPython rejects (see
 * tfms_verify_cpython), than src; CLEAN otherwise. */
tfms_verify_result tfms_verify_reparse(tfms_python *py, const tfms_source *src,
				       const TSTree *old,
				       const tfms_edit_list *edits,
				       const char *text, size_t len);

#endif
