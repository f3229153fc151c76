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

#endif
