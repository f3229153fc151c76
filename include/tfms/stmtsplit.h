/* Splitting a Python module into its top-level statements without parsing
 * it: a lexer-level scan that follows brackets, strings (triple-quoted,
 * prefixed, f-strings with their replacement fields), comments, line
 * continuations and indentation. The project pre-pass uses it to leave
 * out top-level definitions that cannot concern it (see resolve.h,
 * tfms_analyze_skipping).
 *
 * A chunk is one top-level statement with everything up to the next one:
 * its decorators, its indented body, the clauses that continue it at
 * column 0 (elif, else, except, finally), and the blank and comment lines
 * after it. The first chunk starts at byte 0 (leading comments, a BOM), the
 * last ends at the end of the text, and every other chunk starts at column
 * 0 of a line, so the chunks tile the text. */
#ifndef TFMS_STMTSPLIT_H
#define TFMS_STMTSPLIT_H

#include "tfms/common.h"

typedef struct {
	uint32_t start, end; /* byte range, [start, end) */
} tfms_stmt_chunk;

typedef struct {
	tfms_stmt_chunk *items; /* owned */
	size_t len, cap;
} tfms_stmt_list;

/* Splits text into chunks. out: caller owns; free with
 * tfms_stmt_list_dispose (also after a failure). Returns 0, or -1 (no
 * error is set: it is not an error) when the text holds something the scan
 * does not follow exactly, and only a parser can say where its statements
 * are: unbalanced brackets, an unterminated string, indentation Python
 * refuses, a line continuation at the end, a NUL, form feed, vertical tab
 * or a lone CR, a comment or line break inside an f-string's replacement
 * field. */
int tfms_stmtsplit(tfms_stmt_list *out, const char *text, size_t len);
void tfms_stmt_list_dispose(tfms_stmt_list *list);

#endif
