#include "tfms/alloc.h"
#include "tfms/array.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*oom_handler)(size_t size);

void tfms_alloc_set_oom_handler(void (*handler)(size_t size))
{
	oom_handler = handler;
}

static TFMS_NORETURN void out_of_memory(size_t size)
{
	if (oom_handler)
		oom_handler(size);
	abort();
}

void *tfms_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *tfms_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *tfms_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

char *tfms_strdup(const char *s)
{
	return tfms_strndup(s, strlen(s));
}

char *tfms_strndup(const char *s, size_t len)
{
	char *p = tfms_malloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *tfms_asprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory(0);
	char *p = tfms_malloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

void tfms_array__grow(void **items, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap * 2 : 8;
	while (n < need)
		n *= 2;
	*items = tfms_realloc(*items, n * elem);
	*cap = n;
}
