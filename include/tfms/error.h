/* Errors travel as int return codes (0 ok, -1 failed) plus a thread-local
 * "last error" message set by the layer that knows what went wrong and
 * passed up unchanged (libgit2 docs/error-handling.md). Messages are short,
 * lowercase and located: "model.py: cannot read: No such file".
 *
 * A function that fails leaves its out-parameters empty: *out is NULL (and
 * a count or length 0, a struct as its _INIT value), so the caller frees
 * nothing it did not get. */
#ifndef TFMS_ERROR_H
#define TFMS_ERROR_H

#include "tfms/common.h"

/* Sets the message for this thread and returns -1, so callers can write
 * `return tfms_error_set(...)`. The arguments may include
 * tfms_error_last(), to wrap an error with its location. */
int tfms_error_set(const char *fmt, ...) TFMS_PRINTF(1, 2);
/* Borrowed; valid until the next tfms_error_set on this thread. Never NULL. */
const char *tfms_error_last(void);
/* Forgets (and frees) this thread's message; a thread that set one calls
 * it before it ends. */
void tfms_error_clear(void);

#endif
