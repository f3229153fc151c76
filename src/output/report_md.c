#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/report.h"
#include "tfms/text.h"

#include <stdlib.h>
#include <string.h>

/* Inline code whose fence is longer than any backtick run inside. */
static void put_code(tfms_buf *out, const char *s)
{
	size_t longest = 0, run = 0;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* CommonMark strips one space on each side, needed only when the
	 * text itself starts or ends with a backtick. */
	size_t n = strlen(s);
	bool pad = n && (s[0] == '`' || s[n - 1] == '`');
	for (size_t i = 0; i <= longest; i++)
		tfms_buf_putc(out, '`');
	if (pad)
		tfms_buf_putc(out, ' ');
	tfms_md_cell(out, s);
	if (pad)
		tfms_buf_putc(out, ' ');
	for (size_t i = 0; i <= longest; i++)
		tfms_buf_putc(out, '`');
}

typedef struct {
	const char *api;
	size_t count;
	const tfms_finding *first; /* carries counterpart, reason, link */
	const tfms_conversion *conv;
} api_row;

static int compare_rows(const void *a, const void *b)
{
	const api_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->api, y->api);
}

static api_row *find_row(api_row *rows, size_t n, const char *api)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].api, api) == 0)
			return &rows[i];
	return NULL;
}

static void findings_by_api(const tfms_report *r, tfms_buf *out)
{
	api_row *rows = tfms_calloc(r->records.nfindings + 1, sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < r->records.nfindings; i++) {
		const tfms_finding *f = &r->records.findings[i];
		api_row *row = find_row(rows, n, f->api);
		if (!row) {
			row = &rows[n++];
			row->api = f->api;
			row->first = f;
		}
		row->count++;
	}
	tfms_sort(rows, n, sizeof(*rows), compare_rows);
	tfms_buf_puts(out, "## Left for manual work, by API\n\n");
	if (n == 0) {
		tfms_buf_puts(out, "Nothing: every TensorFlow use was "
				   "converted.\n\n");
		free(rows);
		return;
	}
	tfms_buf_puts(out, "| TensorFlow API | Uses | MindSpore counterpart | "
			   "Reason | Difference page |\n"
			   "|---|---:|---|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		const tfms_finding *f = rows[i].first;
		tfms_buf_puts(out, "| ");
		put_code(out, rows[i].api);
		tfms_buf_printf(out, " | %zu | ", rows[i].count);
		if (f->ms_api)
			put_code(out, f->ms_api);
		else
			tfms_buf_puts(out, "—");
		tfms_buf_printf(out,
				" | %s: ", tfms_finding_kind_name(f->kind));
		tfms_md_cell(out, f->message);
		tfms_buf_puts(out, " | ");
		if (f->doc_url) {
			tfms_buf_puts(out, "[difference](");
			tfms_md_cell(out, f->doc_url);
			tfms_buf_puts(out, ")");
		}
		tfms_buf_puts(out, " |\n");
	}
	tfms_buf_puts(out, "\nThe reason shown is that of the first use; the "
			   "per-file list below gives each use its own.\n\n");
	free(rows);
}

static void conversions_by_api(const tfms_report *r, tfms_buf *out)
{
	if (r->records.nconversions == 0)
		return;
	api_row *rows = tfms_calloc(r->records.nconversions + 1, sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < r->records.nconversions; i++) {
		const tfms_conversion *c = &r->records.conversions[i];
		api_row *row = find_row(rows, n, c->api);
		if (!row) {
			row = &rows[n++];
			row->api = c->api;
			row->conv = c;
		}
		row->count++;
	}
	tfms_sort(rows, n, sizeof(*rows), compare_rows);
	tfms_buf_puts(out, "## Converted, by API\n\n"
			   "| TensorFlow API | Uses | MindSpore | Review |\n"
			   "|---|---:|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		tfms_buf_puts(out, "| ");
		put_code(out, rows[i].api);
		tfms_buf_printf(out, " | %zu | ", rows[i].count);
		put_code(out, rows[i].conv->ms_api);
		tfms_buf_puts(out, " | ");
		tfms_md_cell(out, rows[i].conv->review);
		tfms_buf_puts(out, " |\n");
	}
	tfms_buf_puts(out, "\n");
	free(rows);
}

static void coverage(const tfms_report *r, tfms_buf *out)
{
	if (!r->rules_loaded)
		return;
	size_t n;
	tfms_coverage *rows = tfms_report_coverage(r, &n);
	tfms_buf_printf(out,
			"## Rule coverage\n\nThe code exercised %zu of the "
			"%zu rules loaded.\n\n",
			n, r->rules_loaded);
	if (n) {
		tfms_buf_puts(out, "| Rule | Uses | Converted | Left |\n"
				   "|---|---:|---:|---:|\n");
		for (size_t i = 0; i < n; i++) {
			tfms_buf_puts(out, "| ");
			put_code(out, rows[i].rule);
			tfms_buf_printf(
				out, " | %zu | %zu | %zu |\n",
				rows[i].converted + rows[i].not_converted,
				rows[i].converted, rows[i].not_converted);
		}
		tfms_buf_puts(out, "\n");
	}
	free(rows);
}

static void findings_by_file(const tfms_report *r, tfms_buf *out)
{
	if (r->records.nfindings == 0)
		return;
	tfms_buf_puts(out, "## Findings by file\n");
	const char *current = NULL;
	for (size_t i = 0; i < r->records.nfindings; i++) {
		const tfms_finding *f = &r->records.findings[i];
		if (!current || strcmp(current, f->path) != 0) {
			current = f->path;
			tfms_buf_puts(out, "\n### ");
			tfms_md_cell(out, f->path);
			tfms_buf_puts(out, "\n\n");
		}
		if (f->cell)
			tfms_buf_printf(out, "- `%s:cell %u:%u:%u` **%s** ",
					f->path, f->cell, f->line, f->column,
					tfms_finding_kind_name(f->kind));
		else
			tfms_buf_printf(out, "- `%s:%u:%u` **%s** ", f->path,
					f->line, f->column,
					tfms_finding_kind_name(f->kind));
		put_code(out, f->api);
		tfms_buf_puts(out, ": ");
		tfms_md_cell(out, f->message);
		if (f->ms_api) {
			tfms_buf_puts(out, " (MindSpore: ");
			put_code(out, f->ms_api);
			tfms_buf_puts(out, ")");
		}
		tfms_buf_puts(out, "\n");
		if (f->source_line && *f->source_line) {
			tfms_buf_puts(out, "  ");
			put_code(out, f->source_line);
			tfms_buf_puts(out, "\n");
		}
	}
	tfms_buf_puts(out, "\n");
}

void tfms_report_write_markdown(const tfms_report *r, tfms_buf *out)
{
	size_t uses = r->records.nconversions + r->records.nfindings;
	tfms_buf_puts(out, TFMS_REPORT_MARKDOWN_TITLE "\n\n");
	tfms_buf_printf(out, "Made by tfms-rewrite %s with rules from ",
			TFMS_VERSION);
	put_code(out, r->rule_sources ? r->rule_sources : "");
	tfms_buf_puts(out, ".\n\n## Summary\n\n| | |\n|---|---:|\n");
	tfms_buf_printf(out, "| Files scanned | %zu |\n", r->files_scanned);
	tfms_buf_printf(out, "| Files changed | %zu |\n", r->files_changed);
	if (r->nerrors)
		tfms_buf_printf(out,
				"| Files that could not be processed | "
				"%zu |\n",
				r->nerrors);
	tfms_buf_printf(out, "| TensorFlow API uses | %zu |\n", uses);
	if (uses)
		tfms_buf_printf(out, "| Converted | %zu (%.1f %%) |\n",
				r->records.nconversions,
				100.0 * (double)r->records.nconversions /
					(double)uses);
	else
		tfms_buf_puts(out, "| Converted | 0 |\n");
	tfms_buf_printf(out, "| Left for manual work | %zu |\n\n",
			r->records.nfindings);
	findings_by_api(r, out);
	conversions_by_api(r, out);
	coverage(r, out);
	findings_by_file(r, out);
	if (r->nerrors) {
		tfms_buf_puts(out, "## Files that could not be processed\n\n");
		for (size_t i = 0; i < r->nerrors; i++) {
			tfms_buf_puts(out, "- ");
			put_code(out, r->errors[i].path);
			tfms_buf_puts(out, ": ");
			tfms_md_cell(out, r->errors[i].message);
			tfms_buf_puts(out, "\n");
		}
		tfms_buf_puts(out, "\n");
	}
}
