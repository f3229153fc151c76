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
