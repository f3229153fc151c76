/* One file through the whole pipeline: parse, resolve, plan, apply, re-parse
 * to verify, diff. Files are processed independently of each other. */
#ifndef TFMS_PROCESS_H
#define TFMS_PROCESS_H

#include "tfms/buf.h"
#include "tfms/plan.h"
#include "tfms/python.h"
#include "tfms/resolve.h"
#include "tfms/rules.h"

typedef struct {
	char *path;	/* display path; owned */
	bool changed;	/* new_data differs from the input */
	char *new_data; /* the rewritten bytes when changed; owned */
	size_t new_len;
	tfms_buf diff;	/* unified diff when asked for and changed */
	tfms_plan plan; /* conversions and findings */
	char *error;	/* why the file could not be processed, or NULL */
} tfms_file_result;

typedef struct {
	bool want_diff; /* make the unified diff of a changed file */
	bool annotate;	/* add and refresh TODO markers (annotate.h) */
	/* For a file of a project: env (may be NULL; borrowed) resolves its
	 * imports of project modules; wanted: the project brings TF names
	 * into it, so it is analysed even if it never spells tensorflow. */
	const tfms_resolve_env *env;
	bool wanted;
} tfms_process_options;

/* Processes data (borrowed) under the name path (a .ipynb path is read as
 * a notebook). A file that cannot be rewritten safely ends with
 * result->error set and no new data. */
void tfms_process_buffer(tfms_file_result *result, tfms_python *py,
			 const tfms_ruleset *rs, const char *path,
			 const char *data, size_t len,
			 const tfms_process_options *opts);
void tfms_file_result_dispose(tfms_file_result *result);

#endif
