/* Allocation that never returns NULL: running out of memory aborts the
 * process in one place (tree-sitter alloc.c, git xmalloc), which is the right
 * behaviour for a command-line tool. */
#ifndef TFMS_ALLOC_H
#define TFMS_ALLOC_H

#include "tfms/common.h"

void *tfms_malloc(size_t size);
void *tfms_calloc(size_t count, size_t size);
void *tfms_realloc(void *ptr, size_t size);
/* Returns a copy; caller owns; free with free(). */
char *tfms_strdup(const char *s);
/* Copies len bytes and NUL-terminates; caller owns; free with free(). */
char *tfms_strndup(const char *s, size_t len);
/* printf into a new string; caller owns; free with free(). */
char *tfms_asprintf(const char *fmt, ...) TFMS_PRINTF(1, 2);

/* Called with the size that could not be had, just before the abort: the
 * CLI's chance to say so (the core never prints). Must not allocate. */
void tfms_alloc_set_oom_handler(void (*handler)(size_t size));

#endif
