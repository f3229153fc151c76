/* Edits are byte ranges with replacement text (clang tooling::Replacements).
 * Rules only propose them; tfms_edits_apply sorts them by (start, end,
 * order of proposal), rejects any overlap, and copies every byte no edit
 * touches verbatim. An insertion (start == end) at the end of a deletion
 * follows it; inside one, it conflicts. */
#ifndef TFMS_EDIT_H
#define TFMS_EDIT_H

#include "tfms/common.h"

/* What an edit does to the statement structure, for local verification
 * (see verify.h). */
enum {
	TFMS_EDIT_REMOVES_LINES = 1u << 0,   /* deletes whole statement lines */
	TFMS_EDIT_ADDS_STATEMENTS = 1u << 1, /* inserts module-level lines */
};

typedef struct {
	size_t start, end;
	char *text;	    /* replacement; owned */
	const char *origin; /* what proposed it (an API name); borrowed */
	size_t seq;
	unsigned flags; /* TFMS_EDIT_* */
} tfms_edit;

typedef struct {
	tfms_edit *items;
	size_t len, cap;
} tfms_edit_list;

#define TFMS_EDIT_LIST_INIT \
	{                   \
		NULL, 0, 0  \
	}

/* Copies text. origin must outlive the list. Returns the new edit
 * (borrowed; valid until the next add) so flags can be set. */
tfms_edit *tfms_edits_add(tfms_edit_list *edits, size_t start, size_t end,
			  const char *text, const char *origin);
/* Frees the list and its texts; accepts an empty list. */
void tfms_edits_dispose(tfms_edit_list *edits);

/* Applies edits to data: *out (caller owns; free with free()) holds the new
 * bytes. Fails naming both origins when two edits overlap; nothing is
 * produced then. Sorts the list in place. */
int tfms_edits_apply(tfms_edit_list *edits, const char *data, size_t len,
		     char **out, size_t *out_len) TFMS_WARN_UNUSED;

#endif
