/* memmem */
#define _GNU_SOURCE
#include "tfms/process.h"
#include "tfms/alloc.h"
#include "tfms/annotate.h"
#include "tfms/diff.h"
#include "tfms/error.h"
#include "tfms/notebook.h"
#include "tfms/resolve.h"
#include "tfms/source.h"
#include "tfms/verify.h"

#include <stdlib.h>
#include <string.h>

/* A notebook's rewritten module goes back into its cells; the result
 * then holds the notebook's new bytes. */
static void notebook_output(tfms_file_result *result, const tfms_notebook *nb,
			    const tfms_source *src)
{
	char *out = NULL;
	size_t out_len = 0;
	if (tfms_notebook_apply(nb, &result->plan.edits, &out, &out_len) < 0) {
		result->error = tfms_strdup(tfms_error_last());
		tfms_plan_refuse(&result->plan, src,
				 "rewrite refused: the edit cannot go back "
				 "into the notebook");
		out_len = 0;
	}
	free(result->new_data);
	result->new_data = out;
	result->new_len = out_len;
	result->changed = out != NULL;
}

static void rewrite(tfms_file_result *result, tfms_python *py,
		    const tfms_ruleset *rs, const char *path, const char *data,
		    size_t len, const tfms_notebook *nb,
		    const tfms_process_options *opts)
{
	tfms_source src;
	if (tfms_source_init(&src, path, tfms_strndup(data, len), len) < 0) {
		result->error = tfms_strdup(tfms_error_last());
		tfms_source_dispose(&src);
		return;
	}
	tfms_analysis analysis;
	if (tfms_analyze_in(&analysis, py, &src, opts->env) < 0) {
		result->error = tfms_strdup(tfms_error_last());
		tfms_analysis_dispose(&analysis);
		tfms_source_dispose(&src);
		return;
	}
	tfms_plan_file(&result->plan, &src, &analysis, rs);
	if (opts->annotate)
		tfms_annotate_plan(&result->plan, &src, analysis.tree, rs);

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
	if (nb && result->changed)
		notebook_output(result, nb, &src);
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
}

void tfms_process_buffer(tfms_file_result *result, tfms_python *py,
			 const tfms_ruleset *rs, const char *path,
			 const char *data, size_t len,
			 const tfms_process_options *opts)
{
	memset(result, 0, sizeof(*result));
	result->path = tfms_strdup(path);
	tfms_buf_init(&result->diff);
	/* A notebook's code cells are analysed as one module. */
	tfms_notebook *nb = NULL;
	const char *text = data;
	size_t text_len = len;
	if (tfms_notebook_is_path(path)) {
		if (tfms_notebook_parse(&nb, path, data, len) < 0) {
			result->error = tfms_strdup(tfms_error_last());
			tfms_notebook_free(nb);
			return;
		}
		text = tfms_notebook_module(nb, &text_len);
	}
	/* Every import of TensorFlow spells its name; a file that never does
	 * gets TF names only from the project (or a star import), else it has
	 * no use of it and nothing to change, and is not even parsed (unless
	 * it holds markers of an earlier --annotate to take away). */
	if (opts->wanted || tfms_text_may_use_tf(text, text_len) ||
	    (opts->annotate && memmem(text, text_len, TFMS_ANNOTATE_PREFIX,
				      strlen(TFMS_ANNOTATE_PREFIX))))
		rewrite(result, py, rs, path, text, text_len, nb, opts);
	if (nb)
		tfms_notebook_locate(nb, &result->plan.results);
	tfms_notebook_free(nb);
	if (result->changed && opts->want_diff &&
	    tfms_diff_unified(&result->diff, path, data, len, result->new_data,
			      result->new_len) < 0)
		result->error = tfms_strdup(tfms_error_last());
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
