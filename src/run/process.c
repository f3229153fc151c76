/* memmem */
#define _GNU_SOURCE
#include "tfms/process.h"
#include "tfms/alloc.h"
#include "tfms/diff.h"
#include "tfms/error.h"
#include "tfms/resolve.h"
#include "tfms/source.h"
#include "tfms/verify.h"

#include <stdlib.h>
#include <string.h>

void tfms_process_buffer(tfms_file_result *result, tfms_python *py,
			 const tfms_ruleset *rs, const char *path,
			 const char *data, size_t len, bool want_diff)
{
	memset(result, 0, sizeof(*result));
	result->path = tfms_strdup(path);
	tfms_buf_init(&result->diff);
	/* Every import of TensorFlow spells its name; a file that never does
	 * has no use of it and nothing to change, so it is not even parsed. */
	if (!memmem(data, len, "tensorflow", 10))
		return;

	tfms_source src;
	if (tfms_source_init(&src, path, tfms_strndup(data, len), len) < 0) {
		result->error = tfms_strdup(tfms_error_last());
		tfms_source_dispose(&src);
		return;
	}
	tfms_analysis analysis;
	if (tfms_analyze(&analysis, py, &src) < 0) {
		result->error = tfms_strdup(tfms_error_last());
		tfms_analysis_dispose(&analysis);
		tfms_source_dispose(&src);
		return;
	}
	tfms_plan_file(&result->plan, &src, &analysis, rs);

	if (result->plan.edits.len) {
		char *out = NULL;
		size_t out_len = 0;
		if (tfms_edits_apply(&result->plan.edits, src.data, src.len,
				     &out, &out_len) < 0) {
			result->error = tfms_asprintf(
				"%s: rewrite refused: %s (please report this)",
				path, tfms_error_last());
			tfms_plan_refuse(&result->plan, &src,
					 "rewrite refused: conflicting edits");
		} else {
			/* Bowler's BadTransform: never write a file that
			 * parses worse than it did. */
			tfms_verify_result v = tfms_verify_locally(
				py, &src, analysis.tree, &result->plan.edits);
			if (v == TFMS_VERIFY_UNKNOWN)
				v = tfms_verify_reparse(py, &src, analysis.tree,
							&result->plan.edits,
							out, out_len);
			if (v == TFMS_VERIFY_BROKEN) {
				result->error = tfms_asprintf(
					"%s: rewrite refused: the result would "
					"not parse (please report this)",
					path);
				tfms_plan_refuse(&result->plan, &src,
						 "rewrite refused: the result "
						 "would not parse");
				free(out);
			} else if (out_len != src.len ||
				   memcmp(out, src.data, out_len) != 0) {
				result->changed = true;
				result->new_data = out;
				result->new_len = out_len;
			} else {
				free(out);
			}
		}
	}
	if (result->changed && want_diff &&
	    tfms_diff_unified(&result->diff, path, src.data, src.len,
			      result->new_data, result->new_len) < 0)
		result->error = tfms_strdup(tfms_error_last());
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
}

void tfms_file_result_dispose(tfms_file_result *result)
{
	if (!result)
		return;
	free(result->path);
	free(result->new_data);
	tfms_buf_dispose(&result->diff);
	tfms_plan_dispose(&result->plan);
	free(result->error);
	memset(result, 0, sizeof(*result));
}
