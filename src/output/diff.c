#include "tfms/diff.h"
#include "tfms/error.h"

#include <git2.h>
#include <string.h>

void tfms_diff_global_init(void)
{
	git_libgit2_init();
}

void tfms_diff_global_shutdown(void)
{
	git_libgit2_shutdown();
}

int tfms_diff_unified(tfms_buf *out, const char *path, const char *old_data,
		      size_t old_len, const char *new_data, size_t new_len)
{
	if (old_len == new_len && memcmp(old_data, new_data, old_len) == 0)
		return 0;
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 3;
	/* Python sources are text even when they hold a stray NUL. */
	opts.flags |= GIT_DIFF_FORCE_TEXT;
	git_patch *patch = NULL;
	git_buf text = {0};
	int rc = git_patch_from_buffers(&patch, old_data, old_len, path,
					new_data, new_len, path, &opts);
	if (rc == 0)
		rc = git_patch_to_buf(&text, patch);
	if (rc < 0) {
		const git_error *e = git_error_last();
		tfms_error_set("%s: cannot make diff: %s", path,
			       e ? e->message : "libgit2 error");
	} else {
		/* The "index" line carries blob ids of buffers that exist in
		 * no repository, and a file mode libgit2 cannot know here;
		 * git apply would check that mode against the file. */
		const char *p = text.ptr, *end = text.ptr + text.size;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *next = nl ? nl + 1 : end;
			if (!(next - p > 6 && memcmp(p, "index ", 6) == 0))
				tfms_buf_put(out, p, (size_t)(next - p));
			else
				break;
			p = next;
		}
		/* Everything after the header is copied as is. */
		if (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			tfms_buf_put(out, p, (size_t)(end - p));
		}
	}
	git_buf_dispose(&text);
	git_patch_free(patch);
	return rc < 0 ? -1 : 0;
}
