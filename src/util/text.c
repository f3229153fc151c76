#include "tfms/text.h"
#include "tfms/alloc.h"

#include <string.h>

bool tfms_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int tfms_compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void tfms_md_cell(tfms_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			tfms_buf_puts(out, "\\|");
		else if (*s == '\n' || *s == '\r')
			tfms_buf_putc(out, ' ');
		else
			tfms_buf_putc(out, *s);
	}
}

char *tfms_path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return tfms_strdup(".");
	return tfms_strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* Steps back to the first byte of a UTF-8 sequence. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

char *tfms_excerpt(const char *line, size_t len, size_t at)
{
	if (len <= TFMS_EXCERPT_MAX)
		return tfms_strndup(line, len);
	size_t half = TFMS_EXCERPT_MAX / 2;
	if (at > len)
		at = len;
	size_t from = at > half ? at - half : 0;
	size_t to = from + TFMS_EXCERPT_MAX;
	if (to > len) {
		to = len;
		from = len - TFMS_EXCERPT_MAX;
	}
	from = char_start(line, from);
	to = to < len ? char_start(line, to) : len;
	tfms_buf out = TFMS_BUF_INIT;
	if (from > 0)
		tfms_buf_puts(&out, "...");
	tfms_buf_put(&out, line + from, to - from);
	if (to < len)
		tfms_buf_puts(&out, "...");
	return tfms_buf_detach(&out, NULL);
}
