/* The community TensorFlow -> MindSpore mapping table, read as published:
 * a Markdown table whose first column links a TF API, the second a
 * MindSpore API and the third says "same"/"功能一致"/"Consistent"/"The
 * functions are consistent, but the parameter names are inconsistent." or
 * links a "diff"/"差异对比" page. Other lines of the file are ignored. */
#ifndef TFMS_TABLE_H
#define TFMS_TABLE_H

#include "tfms/common.h"

typedef enum {
	TFMS_STATUS_CONSISTENT, /* the table calls the pair consistent */
	TFMS_STATUS_DIFF,	/* the table links a difference page */
	TFMS_STATUS_UNCLEAR,	/* any other description */
} tfms_table_status;

typedef struct {
	char *tf_api; /* canonical (tf.compat.v1.X is tf.X) */
	char *ms_api; /* as written in the table */
	tfms_table_status status;
	char *doc_url;	   /* the difference page, or NULL */
	char *description; /* the third column's text */
	char *source;	   /* "file:line" */
} tfms_table_row;

/* Parses every table row of text. *rows_out: caller owns; free with
 * tfms_table_rows_free. A file without any row is an error; on failure
 * *rows_out is NULL and *count_out 0. */
int tfms_table_parse(tfms_table_row **rows_out, size_t *count_out,
		     const char *text, size_t len,
		     const char *source_name) TFMS_WARN_UNUSED;
void tfms_table_rows_free(tfms_table_row *rows, size_t count);

#endif
