/* Unified diffs as libgit2 makes them (git_patch_from_buffers), with a/
 * and b/ prefixes, so `git apply` or `patch -p1` in the same directory
 * applies them. Diffs whose outcome is forced (every changed line occurs
 * nowhere in the other file) are made without libgit2, byte-identical;
 * the rest by libgit2 (see diff.c). */
#ifndef TFMS_DIFF_H
#define TFMS_DIFF_H

#include "tfms/buf.h"
#include "tfms/common.h"

/* Bracket a run: init before any thread starts, shutdown after the last
 * diff. Calls nest. libgit2 itself starts on the first diff that needs it
 * and stops at the outermost shutdown. */
void tfms_diff_global_init(void);
void tfms_diff_global_shutdown(void);

/* Appends the diff of old -> new for path to out. Nothing is appended when
 * the buffers are equal. */
int tfms_diff_unified(tfms_buf *out, const char *path, const char *old_data,
		      size_t old_len, const char *new_data,
		      size_t new_len) TFMS_WARN_UNUSED;

/* The same diff, always made by libgit2: the reference the fast path is
 * tested against. */
int tfms_diff_unified_libgit2(tfms_buf *out, const char *path,
			      const char *old_data, size_t old_len,
			      const char *new_data,
			      size_t new_len) TFMS_WARN_UNUSED;

#endif
