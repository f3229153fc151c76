/* A spool: an unlinked temporary file that a report writer appends the
 * part of a document to that has to wait for totals known only at the
 * end (a JSON summary or SARIF rules before the records, the Markdown
 * plan), and reads back when it assembles the document. Memory stays
 * bounded by the write buffer however large the part grows. */
#ifndef TFMS_SPOOL_H
#define TFMS_SPOOL_H

#include "tfms/buf.h"
#include "tfms/common.h"

#include <stdint.h>

typedef struct tfms_spool tfms_spool;

/* Where a spool's bytes go when they are read back. Returns 0, or -1
 * with tfms_error_set. */
typedef int (*tfms_spool_emit)(const char *data, size_t len, void *payload);

/* Creates a spool in dir (a directory; NULL: $TMPDIR or /tmp); name (for
 * example the report's path) is what messages name. Caller owns *out; free
 * with tfms_spool_free. */
int tfms_spool_new(tfms_spool **out, const char *dir,
		   const char *name) TFMS_WARN_UNUSED;

/* Appends data. After a failure every later call fails the same way. */
int tfms_spool_write(tfms_spool *spool, const void *data,
		     size_t len) TFMS_WARN_UNUSED;

/* The bytes written so far. */
uint64_t tfms_spool_size(const tfms_spool *spool);

/* Replaces out's content with the len bytes at offset (all written
 * before). */
int tfms_spool_read(tfms_spool *spool, uint64_t offset, size_t len,
		    tfms_buf *out) TFMS_WARN_UNUSED;

/* Passes everything written, in order and in pieces, to emit. */
int tfms_spool_copy(tfms_spool *spool, tfms_spool_emit emit,
		    void *payload) TFMS_WARN_UNUSED;

/* Closes (and so deletes) the file; accepts NULL. */
void tfms_spool_free(tfms_spool *spool);

#endif
