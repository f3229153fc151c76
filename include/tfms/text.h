/* Small string helpers shared across modules. */
#ifndef TFMS_TEXT_H
#define TFMS_TEXT_H

#include "tfms/buf.h"
#include "tfms/common.h"

/* A byte of a Python name as the text scans read them: [a-zA-Z0-9_] or
 * any non-ASCII byte. A bitmap: those scans test every byte of a file. */
static inline bool tfms_is_word_byte(char ch)
{
	static const uint64_t bits[4] = {
		0x03FF000000000000u, /* '0'-'9' */
		0x07FFFFFE87FFFFFEu, /* 'A'-'Z', '_', 'a'-'z' */
		~(uint64_t)0,
		~(uint64_t)0,
	};
	unsigned char u = (unsigned char)ch;
	return (bits[u >> 6] >> (u & 63)) & 1;
}

/* The length of the UTF-8 byte order mark text starts with (3), or 0.
 * Python skips it; to the word scans its bytes would be the start of the
 * first name (`from` on the first line would not be the word from). */
static inline size_t tfms_bom_len(const char *text, size_t len)
{
	return len >= 3 && (unsigned char)text[0] == 0xEF &&
			       (unsigned char)text[1] == 0xBB &&
			       (unsigned char)text[2] == 0xBF
		       ? 3
		       : 0;
}

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
