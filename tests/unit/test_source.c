#include "tfms/alloc.h"
#include "tfms/source.h"

#include <criterion/criterion.h>
#include <string.h>

/* Columns come from per-stride character counts (a long line used to be
 * counted from its start for every use): they must equal a plain count
 * at every offset, across stride boundaries, multi-byte characters
 * straddling them, and the end of a file whose length is a multiple of
 * the stride. */
Test(source, columns_match_a_plain_count_at_every_offset)
{
	size_t len = 3 * TFMS_SOURCE_STRIDE;
	char *text = tfms_malloc(len + 1);
	for (size_t i = 0; i < len;) {
		if (i % 7 == 3 && i + 2 <= len) {
			text[i++] = '\xC3';
			text[i++] = '\xA9';
		} else {
			text[i] = i % 97 == 0 ? '\n' : 'x';
			i++;
		}
	}
	text[len] = '\0';
	tfms_source src;
	cr_assert_eq(tfms_source_init(&src, "s.py", text, len), 0);
	for (size_t off = 0; off <= len; off++) {
		uint32_t want_line = 1, want_col = 1;
		size_t start = 0;
		for (size_t i = 0; i < off; i++)
			if (text[i] == '\n') {
				want_line++;
				start = i + 1;
			}
		for (size_t i = start; i < off; i++)
			want_col += ((unsigned char)text[i] & 0xC0) != 0x80;
		uint32_t line, col;
		tfms_source_position(&src, off, &line, &col);
		cr_assert_eq(line, want_line, "line at %zu", off);
		cr_assert_eq(col, want_col, "column at %zu", off);
	}
	tfms_source_dispose(&src);
}
