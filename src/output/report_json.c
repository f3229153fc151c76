#include "tfms/error.h"
#include "tfms/fingerprint.h"
#include "tfms/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void set_string(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

/* jansson rejects strings that are not UTF-8; source lines and API names
 * come from user files, so fall back to a lossy copy rather than failing. */
static json_t *safe_string(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t n = strlen(s);
	char *copy = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		copy[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
	copy[n] = '\0';
	j = json_string(copy);
	free(copy);
	return j;
}

int tfms_report_write_json(const tfms_report *r, tfms_buf *out)
{
	json_t *root = json_object();
	json_object_set_new(root, "tool", json_string("tfms-rewrite"));
	json_object_set_new(root, "version", json_string(TFMS_VERSION));
	json_object_set_new(
		root, "rules",
		safe_string(r->rule_sources ? r->rule_sources : ""));
	if (r->ms_version)
		json_object_set_new(root, "ms_version",
				    safe_string(r->ms_version));

	json_t *summary = json_object();
	json_object_set_new(summary, "files_scanned",
			    json_integer((json_int_t)r->files_scanned));
	json_object_set_new(summary, "files_changed",
			    json_integer((json_int_t)r->files_changed));
	json_object_set_new(summary, "files_failed",
			    json_integer((json_int_t)r->nerrors));
	json_object_set_new(summary, "tf_uses",
			    json_integer((json_int_t)(r->records.nconversions +
						      r->records.nfindings)));
	json_object_set_new(summary, "converted",
			    json_integer((json_int_t)r->records.nconversions));
	json_object_set_new(summary, "not_converted",
			    json_integer((json_int_t)r->records.nfindings));
	json_object_set_new(root, "summary", summary);

	json_t *conversions = json_array();
	for (size_t i = 0; i < r->records.nconversions; i++) {
		const tfms_conversion *c = &r->records.conversions[i];
		json_t *o = json_object();
		json_object_set_new(o, "path", safe_string(c->path));
		if (c->cell)
			json_object_set_new(o, "cell", json_integer(c->cell));
		json_object_set_new(o, "line", json_integer(c->line));
		json_object_set_new(o, "column", json_integer(c->column));
		json_object_set_new(o, "end_line", json_integer(c->end_line));
		json_object_set_new(o, "end_column",
				    json_integer(c->end_column));
		json_object_set_new(o, "api", safe_string(c->api));
		set_string(o, "ms_api", c->ms_api);
		if (c->review)
			json_object_set_new(o, "review",
					    safe_string(c->review));
		json_object_set_new(o, "level",
				    json_string(tfms_level_name(c->level)));
		if (c->source)
			json_object_set_new(o, "source",
					    safe_string(c->source));
		json_array_append_new(conversions, o);
	}
	json_object_set_new(root, "conversions", conversions);

	json_t *findings = json_array();
	tfms_fingerprint *fps = tfms_fingerprint_findings(&r->records);
	for (size_t i = 0; i < r->records.nfindings; i++) {
		const tfms_finding *f = &r->records.findings[i];
		json_t *o = json_object();
		json_object_set_new(o, "path", safe_string(f->path));
		if (f->cell)
			json_object_set_new(o, "cell", json_integer(f->cell));
		json_object_set_new(o, "line", json_integer(f->line));
		json_object_set_new(o, "column", json_integer(f->column));
		json_object_set_new(o, "end_line", json_integer(f->end_line));
		json_object_set_new(o, "end_column",
				    json_integer(f->end_column));
		json_object_set_new(o, "api", safe_string(f->api));
		json_object_set_new(
			o, "kind",
			json_string(tfms_finding_kind_name(f->kind)));
		json_object_set_new(o, "message", safe_string(f->message));
		if (f->ms_api)
			json_object_set_new(o, "ms_api",
					    safe_string(f->ms_api));
		if (f->doc_url)
			json_object_set_new(o, "doc_url",
					    safe_string(f->doc_url));
		json_object_set_new(o, "level",
				    json_string(tfms_level_name(f->level)));
		set_string(o, "category", f->category);
		set_string(o, "hint", f->hint);
		set_string(o, "hint_url", f->hint_url);
		if (f->source)
			json_object_set_new(o, "source",
					    safe_string(f->source));
		json_object_set_new(o, "fingerprint", json_string(fps[i].hex));
		json_array_append_new(findings, o);
	}
	free(fps);
	json_object_set_new(root, "findings", findings);

	if (r->rules_loaded) {
		size_t n;
		tfms_coverage *rows = tfms_report_coverage(r, &n);
		json_t *coverage = json_object();
		json_object_set_new(coverage, "rules_loaded",
				    json_integer((json_int_t)r->rules_loaded));
		json_object_set_new(coverage, "rules_exercised",
				    json_integer((json_int_t)n));
		json_t *list = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();
			json_object_set_new(o, "rule",
					    safe_string(rows[i].rule));
			json_object_set_new(
				o, "uses",
				json_integer(
					(json_int_t)(rows[i].converted +
						     rows[i].not_converted)));
			json_object_set_new(
				o, "converted",
				json_integer((json_int_t)rows[i].converted));
			json_object_set_new(
				o, "not_converted",
				json_integer(
					(json_int_t)rows[i].not_converted));
			json_array_append_new(list, o);
		}
		json_object_set_new(coverage, "rules", list);
		json_object_set_new(root, "coverage", coverage);
		free(rows);
	}

	json_t *errors = json_array();
	for (size_t i = 0; i < r->nerrors; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "path", safe_string(r->errors[i].path));
		json_object_set_new(o, "message",
				    safe_string(r->errors[i].message));
		json_array_append_new(errors, o);
	}
	json_object_set_new(root, "errors", errors);

	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text)
		return tfms_error_set("cannot encode the JSON report");
	tfms_buf_puts(out, text);
	tfms_buf_putc(out, '\n');
	free(text);
	return 0;
}
