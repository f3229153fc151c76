#include "tfms/table.h"
#include "tfms/alloc.h"
#include "tfms/apiname.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"

#include <stdlib.h>
#include <string.h>

static void trim(const char **start, const char **end)
{
	while (*start < *end && (**start == ' ' || **start == '\t'))
		(*start)++;
	while (*end > *start && (*(*end - 1) == ' ' || *(*end - 1) == '\t' ||
				 *(*end - 1) == '\r'))
		(*end)--;
}

/* "[text](url)" -> text and url; plain text -> text, no url. */
static void split_link(const char *start, const char *end, char **text,
		       char **url)
{
	trim(&start, &end);
	*url = NULL;
	if (start < end && *start == '[') {
		const char *close = memchr(start, ']', (size_t)(end - start));
		if (close && close + 1 < end && close[1] == '(') {
			const char *paren =
				memchr(close, ')', (size_t)(end - close));
			if (paren) {
				*text = tfms_strndup(
					start + 1, (size_t)(close - start - 1));
				*url = tfms_strndup(
					close + 2, (size_t)(paren - close - 2));
				return;
			}
		}
	}
	*text = tfms_strndup(start, (size_t)(end - start));
}

static tfms_table_status classify(const char *description, bool linked)
{
	static const char *const consistent[] = {
		"same",
		/* 功能一致 */
		"\xE5\x8A\x9F\xE8\x83\xBD\xE4\xB8\x80\xE8\x87\xB4",
		"Consistent",
		/* parenthesised: one element, not a missing comma */
		("The functions are consistent, but the parameter names are "
		 "inconsistent."),
	};
	if (linked)
		return TFMS_STATUS_DIFF;
	for (size_t i = 0; i < sizeof(consistent) / sizeof(consistent[0]); i++)
		if (strcmp(description, consistent[i]) == 0)
			return TFMS_STATUS_CONSISTENT;
	return TFMS_STATUS_UNCLEAR;
}

/* A data row has at least three cells and a linked first cell; header and
 * separator rows do not. */
static bool parse_row(tfms_table_row *row, const char *line, const char *end)
{
	const char *cells[4][2];
	size_t ncells = 0;
	const char *p = line + 1; /* after the leading '|' */
	while (p < end && ncells < 4) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		if (!bar)
			break;
		cells[ncells][0] = p;
		cells[ncells][1] = bar;
		ncells++;
		p = bar + 1;
	}
	if (ncells < 3)
		return false;
	char *tf_text, *tf_url;
	split_link(cells[0][0], cells[0][1], &tf_text, &tf_url);
	if (!tf_url) {
		free(tf_text);
		return false;
	}
	free(tf_url);
	row->tf_api = tfms_canonical_api(tf_text, strlen(tf_text));
	if (!row->tf_api)
		row->tf_api = tf_text;
	else
		free(tf_text);

	char *ms_url;
	split_link(cells[1][0], cells[1][1], &row->ms_api, &ms_url);
	free(ms_url);

	char *desc_url;
	split_link(cells[2][0], cells[2][1], &row->description, &desc_url);
	row->status = classify(row->description, desc_url != NULL);
	row->doc_url = desc_url;
	return true;
}

int tfms_table_parse(tfms_table_row **rows_out, size_t *count_out,
		     const char *text, size_t len, const char *source_name)
{
	tfms_array(tfms_table_row) rows = TFMS_ARRAY_INIT;
	const char *p = text, *end = text + len;
	size_t lineno = 0;
	bool other_release = false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;
		lineno++;
		const char *s = p;
		while (s < line_end && (*s == ' ' || *s == '\t'))
			s++;
		/* MindSpore's newer page has a part per TF release ("##
		 * TensorFlow 2.6", "## TensorFlow 1.15"): only the 1.15 part
		 * maps TF 1.15 names; rows of other releases would shadow
		 * them. */
		if (line_end - s >= 3 && memcmp(s, "## ", 3) == 0) {
			static const char part[] = "## TensorFlow ";
			size_t n = sizeof(part) - 1;
			other_release = (size_t)(line_end - s) > n &&
					memcmp(s, part, n) == 0 &&
					s[n] >= '0' && s[n] <= '9' &&
					!((size_t)(line_end - s) >= n + 4 &&
					  memcmp(s + n, "1.15", 4) == 0);
		}
		if (s < line_end && *s == '|' && !other_release) {
			tfms_table_row row = {0};
			if (parse_row(&row, s, line_end)) {
				row.source = tfms_asprintf("%s:%zu",
							   source_name, lineno);
				tfms_array_push(&rows, row);
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (rows.len == 0) {
		tfms_array_free(&rows);
		*rows_out = NULL;
		*count_out = 0;
		return tfms_error_set("%s: no mapping table rows found",
				      source_name);
	}
	*rows_out = rows.items;
	*count_out = rows.len;
	return 0;
}

void tfms_table_rows_free(tfms_table_row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(rows[i].tf_api);
		free(rows[i].ms_api);
		free(rows[i].doc_url);
		free(rows[i].description);
		free(rows[i].source);
	}
	free(rows);
}
