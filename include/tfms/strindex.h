/* Where a file spells a name as a string: every run of text that starts
 * after a quote or '/' and ends before a quote or ':' ("embeddings:0",
 * 'scope/output'), indexed once per file, so that looking a name up is a
 * binary search instead of a scan of the file for every use. A run an op
 * names itself with (`name='X'`) is not a lookup and is not indexed. */
#ifndef TFMS_STRINDEX_H
#define TFMS_STRINDEX_H

#include "tfms/common.h"
#include "tfms/source.h"

typedef struct tfms_string_index tfms_string_index;

/* Indexes src (borrowed: it must outlive the index). Runs longer than 256
 * bytes or holding a line break are not indexed. Caller owns *out; free
 * with tfms_string_index_free. Never fails. */
void tfms_string_index_new(tfms_string_index **out, const tfms_source *src);
void tfms_string_index_free(tfms_string_index *index);

/* The offsets, ascending, at which name[0..len) stands as such a run.
 * Borrowed; valid until the next find or until the index is freed. *count
 * is 0 when none. */
const size_t *tfms_string_index_find(tfms_string_index *index, const char *name,
				     size_t len, size_t *count);

#endif
