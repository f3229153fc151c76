/* A growable byte buffer with git strbuf's invariants: ptr is never NULL and
 * always NUL-terminated, even when empty; len excludes the terminator. */
#ifndef TFMS_BUF_H
#define TFMS_BUF_H

#include "tfms/common.h"

typedef struct {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr points at the shared empty string */
} tfms_buf;

extern char tfms_buf__empty[1];
#define TFMS_BUF_INIT                 \
	{                             \
		tfms_buf__empty, 0, 0 \
	}

void tfms_buf_init(tfms_buf *buf);
void tfms_buf_grow(tfms_buf *buf, size_t extra);
void tfms_buf_put(tfms_buf *buf, const void *data, size_t len);
void tfms_buf_puts(tfms_buf *buf, const char *s);
void tfms_buf_putc(tfms_buf *buf, char c);
void tfms_buf_printf(tfms_buf *buf, const char *fmt, ...) TFMS_PRINTF(2, 3);
void tfms_buf_clear(tfms_buf *buf);
/* Hands the string over: caller owns; free with free(). The buffer is empty
 * afterwards. len_out may be NULL. Never fails. */
char *tfms_buf_detach(tfms_buf *buf, size_t *len_out);
/* Frees the storage; accepts a buffer that was never grown. */
void tfms_buf_dispose(tfms_buf *buf);

#endif
