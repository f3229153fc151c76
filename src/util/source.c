#include "tfms/source.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"

#include <stdlib.h>
#include <string.h>

int tfms_source_init(tfms_source *src, const char *path, char *data, size_t len)
{
	*src = (tfms_source)TFMS_SOURCE_INIT;
	src->path = tfms_strdup(path);
	src->data = data;
	src->len = len;
	if (len >= UINT32_MAX) {
		tfms_source_dispose(src);
		return tfms_error_set("%s: file too large", path);
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		src->bom = 3;

	tfms_array(uint32_t) lines = TFMS_ARRAY_INIT;
	tfms_array_push(&lines, 0);
	for (const char *p = data, *end = data + len;
	     (p = memchr(p, '\n', (size_t)(end - p))); p++) {
		if (lines.len == 1)
			src->crlf = p > data && p[-1] == '\r';
		tfms_array_push(&lines, (uint32_t)(p - data + 1));
	}
	/* Characters, not bytes: UTF-8 continuation bytes do not count;
	 * invalid UTF-8 counts one per stray byte. A block at a time, in a
	 * loop the compiler vectorizes. */
	src->chars =
		tfms_calloc(len / TFMS_SOURCE_STRIDE + 1, sizeof(uint32_t));
	uint32_t chars = 0;
	const unsigned char *bytes = (const unsigned char *)data;
	for (size_t b = 0; b < len; b += TFMS_SOURCE_STRIDE) {
		src->chars[b / TFMS_SOURCE_STRIDE] = chars;
		size_t e = len - b < TFMS_SOURCE_STRIDE
				   ? len
				   : b + TFMS_SOURCE_STRIDE;
		uint32_t n = 0;
		for (size_t i = b; i < e; i++)
			n += (bytes[i] & 0xC0) != 0x80;
		chars += n;
	}
	if (len % TFMS_SOURCE_STRIDE == 0)
		src->chars[len / TFMS_SOURCE_STRIDE] = chars;
	src->lines = lines.items;
	src->nlines = lines.len;
	return 0;
}

void tfms_source_dispose(tfms_source *src)
{
	if (!src)
		return;
	free(src->path);
	free(src->data);
	free(src->lines);
	free(src->chars);
	*src = (tfms_source)TFMS_SOURCE_INIT;
}

size_t tfms_source_line_index(const tfms_source *src, size_t offset)
{
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Characters in data[0, offset). */
static size_t chars_before(const tfms_source *src, size_t offset)
{
	size_t base = offset / TFMS_SOURCE_STRIDE;
	size_t n = src->chars[base];
	for (size_t i = base * TFMS_SOURCE_STRIDE; i < offset; i++)
		n += ((unsigned char)src->data[i] & 0xC0) != 0x80;
	return n;
}

void tfms_source_position(const tfms_source *src, size_t offset,
			  uint32_t *line_out, uint32_t *column_out)
{
	if (offset > src->len)
		offset = src->len;
	size_t idx = tfms_source_line_index(src, offset);
	size_t start = src->lines[idx];
	if (idx == 0)
		start += src->bom;
	if (start > offset)
		start = offset;
	/* Counting from the line start made a long line quadratic: one
	 * count per use on it (issue 13). */
	*line_out = (uint32_t)idx + 1;
	*column_out = (uint32_t)(chars_before(src, offset) -
				 chars_before(src, start) + 1);
}

void tfms_source_line_range(const tfms_source *src, uint32_t line,
			    size_t *start_out, size_t *end_out)
{
	size_t idx = line ? line - 1 : 0;
	if (idx >= src->nlines)
		idx = src->nlines - 1;
	size_t start = src->lines[idx] + (idx == 0 ? src->bom : 0);
	size_t end = idx + 1 < src->nlines ? src->lines[idx + 1] - 1 : src->len;
	if (end > start && src->data[end - 1] == '\r')
		end--;
	if (end < start)
		end = start;
	*start_out = start;
	*end_out = end;
}

size_t tfms_source_line_start(const tfms_source *src, size_t offset)
{
	return src->lines[tfms_source_line_index(src, offset)];
}
