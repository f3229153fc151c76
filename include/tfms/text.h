/* Small string helpers shared across modules. */
#ifndef TFMS_TEXT_H
#define TFMS_TEXT_H

#include "tfms/buf.h"
#include "tfms/common.h"

/* s ends with suffix. */
bool tfms_ends_with(const char *s, const char *suffix);
/* A qsort comparator for an array of char *. */
int tfms_compare_strings(const void *a, const void *b);
/* Appends s as the text of a Markdown table cell: '|' escaped, line breaks
 * turned into spaces. Accepts NULL (appends nothing). */
void tfms_md_cell(tfms_buf *out, const char *s);
/* The line of a finding as reports show it: the whole line, or for a line
 * over TFMS_EXCERPT_MAX bytes the part around byte at, marked "..." where
 * cut (one very long line with thousands of uses would otherwise be
 * copied into every record). Caller owns the result; free with free(). */
#define TFMS_EXCERPT_MAX 400
char *tfms_excerpt(const char *line, size_t len, size_t at);
/* The directory part of path: "a/b.py" -> "a", "/b.py" -> "/", "b.py" ->
 * ".". Caller owns the result; free with free(). */
char *tfms_path_dirname(const char *path);

#endif
