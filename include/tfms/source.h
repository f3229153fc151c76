/* A Python source file held in memory, with the positions people read.
 * Byte offsets are the one currency of the core; lines and columns exist
 * only for display (1-based lines, 1-based columns counted in characters). */
#ifndef TFMS_SOURCE_H
#define TFMS_SOURCE_H

#include "tfms/common.h"

typedef struct {
	char *path;	 /* display path; owned */
	char *data;	 /* the file's bytes, NUL-terminated; owned */
	size_t len;	 /* bytes, excluding the terminator */
	size_t bom;	 /* 3 when the file starts with a UTF-8 BOM, else 0 */
	bool crlf;	 /* the first line break is CRLF */
	uint32_t *lines; /* byte offset where each line starts; owned */
	size_t nlines;
	/* Characters before each multiple of TFMS_SOURCE_STRIDE bytes, so
	 * that a column costs O(stride), not O(line length); owned. */
	uint32_t *chars;
} tfms_source;

#define TFMS_SOURCE_STRIDE 256

#define TFMS_SOURCE_INIT                               \
	{                                              \
		NULL, NULL, 0, 0, false, NULL, 0, NULL \
	}

/* Takes over data (steals; must be malloc'ed and NUL-terminated) and copies
 * path; src: caller owns; free with tfms_source_dispose. Fails (returns -1)
 * only for files too large for 32-bit offsets; on failure data is freed and
 * *src is TFMS_SOURCE_INIT. */
int tfms_source_init(tfms_source *src, const char *path, char *data,
		     size_t len) TFMS_WARN_UNUSED;
void tfms_source_dispose(tfms_source *src);

/* 1-based line and character column of a byte offset; O(log lines +
 * TFMS_SOURCE_STRIDE) whatever the line's length. */
void tfms_source_position(const tfms_source *src, size_t offset,
			  uint32_t *line_out, uint32_t *column_out);
/* Byte range of a 1-based line, without its line break. */
void tfms_source_line_range(const tfms_source *src, uint32_t line,
			    size_t *start_out, size_t *end_out);
/* 0-based index of the line holding offset; O(log lines). */
size_t tfms_source_line_index(const tfms_source *src, size_t offset);
/* Byte offset where the line holding offset starts. */
size_t tfms_source_line_start(const tfms_source *src, size_t offset);

#endif
