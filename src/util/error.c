#include "tfms/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Grown as needed: a message names a path, and paths below a deep tree
 * are longer than any fixed buffer. */
static _Thread_local char *last_error;

int tfms_error_set(const char *fmt, ...)
{
	/* The arguments may point into last_error (a caller wrapping
	 * tfms_error_last()), so format into a new buffer, then swap. */
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	size_t size = n > 0 ? (size_t)n + 1 : 1;
	/* Not tfms_malloc: running out of memory here must not recurse into
	 * the error path; the message is lost instead. */
	char *msg = malloc(size);
	if (!msg)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
	free(last_error);
	last_error = msg;
	return -1;
}

const char *tfms_error_last(void)
{
	return last_error && last_error[0] ? last_error : "unknown error";
}

void tfms_error_clear(void)
{
	free(last_error);
	last_error = NULL;
}
