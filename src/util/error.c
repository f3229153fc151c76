#include "tfms/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_error[1024];

int tfms_error_set(const char *fmt, ...)
{
	/* The arguments may point into last_error (a caller wrapping
	 * tfms_error_last()), so format elsewhere and copy afterwards. */
	char msg[sizeof(last_error)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memcpy(last_error, msg, strlen(msg) + 1);
	return -1;
}

const char *tfms_error_last(void)
{
	return last_error[0] ? last_error : "unknown error";
}

void tfms_error_clear(void)
{
	last_error[0] = '\0';
}
