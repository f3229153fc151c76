#include "tfms/buf.h"
#include "tfms/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char tfms_buf__empty[1];

void tfms_buf_init(tfms_buf *buf)
{
	buf->ptr = tfms_buf__empty;
	buf->len = 0;
	buf->cap = 0;
}

void tfms_buf_grow(tfms_buf *buf, size_t extra)
{
	size_t need = buf->len + extra + 1;
	if (need <= buf->cap)
		return;
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap *= 2;
	if (buf->cap == 0) {
		char *p = tfms_malloc(cap);
		memcpy(p, buf->ptr, buf->len + 1);
		buf->ptr = p;
	} else {
		buf->ptr = tfms_realloc(buf->ptr, cap);
	}
	buf->cap = cap;
}

void tfms_buf_put(tfms_buf *buf, const void *data, size_t len)
{
	if (len == 0)
		return;
	tfms_buf_grow(buf, len);
	memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
}

void tfms_buf_puts(tfms_buf *buf, const char *s)
{
	tfms_buf_put(buf, s, strlen(s));
}

void tfms_buf_putc(tfms_buf *buf, char c)
{
	tfms_buf_put(buf, &c, 1);
}

void tfms_buf_printf(tfms_buf *buf, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		tfms_buf_grow(buf, (size_t)n);
		vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap2);
		buf->len += (size_t)n;
	}
	va_end(ap2);
}

void tfms_buf_clear(tfms_buf *buf)
{
	buf->len = 0;
	/* The shared empty string is never written: other threads read it
	 * (TSan saw the collector clear it while a worker copied it). */
	if (buf->cap)
		buf->ptr[0] = '\0';
}

char *tfms_buf_detach(tfms_buf *buf, size_t *len_out)
{
	char *p = buf->cap ? buf->ptr : tfms_strdup("");
	if (len_out)
		*len_out = buf->len;
	tfms_buf_init(buf);
	return p;
}

void tfms_buf_dispose(tfms_buf *buf)
{
	if (buf && buf->cap)
		free(buf->ptr);
	if (buf)
		tfms_buf_init(buf);
}
