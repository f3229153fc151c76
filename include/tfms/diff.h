/* Unified diffs from libgit2 (git_patch_from_buffers), with a/ and b/
 * prefixes, so `git apply` or `patch -p1` in the same directory applies
 * them. */
#ifndef TFMS_DIFF_H
#define TFMS_DIFF_H

#include "tfms/buf.h"
#include "tfms/common.h"

/* The diff engine (libgit2) is set up once per run, before any thread
 * starts, and shut down after the last diff. Calls nest. */
void tfms_diff_global_init(void);
void tfms_diff_global_shutdown(void);

/* Appends the diff of old -> new for path to out. Nothing is appended when
 * the buffers are equal. */
int tfms_diff_unified(tfms_buf *out, const char *path, const char *old_data,
		      size_t old_len, const char *new_data,
		      size_t new_len) TFMS_WARN_UNUSED;

#endif
