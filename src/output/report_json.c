#include "report_writer.h"
#include "tfms/alloc.h"
#include "tfms/error.h"
#include "tfms/fingerprint.h"
#include "tfms/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The records' arrays sit at depth 1 of the document, their elements at
 * depth 2; each array is spooled as it grows and spliced in at the end,
 * after the summary that counts them. */
typedef struct {
	tfms_report_writer base;
	tfms_spool *conversions, *findings;
	size_t nconversions, nfindings;
	tfms_buf scratch;
} json_writer;

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

static json_t *conversion(const tfms_conversion *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "path", safe_string(c->path));
	if (c->cell)
		json_object_set_new(o, "cell", json_integer(c->cell));
	json_object_set_new(o, "line", json_integer(c->line));
	json_object_set_new(o, "column", json_integer(c->column));
	json_object_set_new(o, "end_line", json_integer(c->end_line));
	json_object_set_new(o, "end_column", json_integer(c->end_column));
	json_object_set_new(o, "api", safe_string(c->api));
	set_string(o, "ms_api", c->ms_api);
	if (c->review)
		json_object_set_new(o, "review", safe_string(c->review));
	json_object_set_new(o, "level", json_string(tfms_level_name(c->level)));
	if (c->source)
		json_object_set_new(o, "source", safe_string(c->source));
	return o;
}

static json_t *finding(const tfms_finding *f, const char *fingerprint)
{
	json_t *o = json_object();
	json_object_set_new(o, "path", safe_string(f->path));
	if (f->cell)
		json_object_set_new(o, "cell", json_integer(f->cell));
	json_object_set_new(o, "line", json_integer(f->line));
	json_object_set_new(o, "column", json_integer(f->column));
	json_object_set_new(o, "end_line", json_integer(f->end_line));
	json_object_set_new(o, "end_column", json_integer(f->end_column));
	json_object_set_new(o, "api", safe_string(f->api));
	json_object_set_new(o, "kind",
			    json_string(tfms_finding_kind_name(f->kind)));
	json_object_set_new(o, "message", safe_string(f->message));
	if (f->ms_api)
		json_object_set_new(o, "ms_api", safe_string(f->ms_api));
	if (f->doc_url)
		json_object_set_new(o, "doc_url", safe_string(f->doc_url));
	json_object_set_new(o, "level", json_string(tfms_level_name(f->level)));
	set_string(o, "category", f->category);
	set_string(o, "hint", f->hint);
	set_string(o, "hint_url", f->hint_url);
	if (f->source)
		json_object_set_new(o, "source", safe_string(f->source));
	json_object_set_new(o, "fingerprint", json_string(fingerprint));
	return o;
}

/* One element, dumped at depth 2 after its separator, into spool. */
static int spool_element(json_writer *w, tfms_spool *spool, size_t index,
			 json_t *value)
{
	tfms_buf_clear(&w->scratch);
	tfms_report__separator(&w->scratch, index, 2);
	int rc = tfms_report__dump(&w->scratch, value, 2);
	json_decref(value);
	if (rc == 0)
		rc = tfms_spool_write(spool, w->scratch.ptr, w->scratch.len);
	return rc;
}

static int json_add(tfms_report_writer *base, const tfms_report *r,
		    const tfms_results *records)
{
	(void)r;
	json_writer *w = (json_writer *)base;
	for (size_t i = 0; i < records->nconversions; i++)
		if (spool_element(w, w->conversions, w->nconversions++,
				  conversion(&records->conversions[i])) < 0)
			return -1;
	/* A fingerprint ranks a finding among those of its file (the path
	 * is part of it), so one file's records are enough. */
	tfms_fingerprint *fps = tfms_fingerprint_findings(records);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < records->nfindings; i++)
		rc = spool_element(w, w->findings, w->nfindings++,
				   finding(&records->findings[i], fps[i].hex));
	free(fps);
	return rc;
}

static int json_fill(tfms_report_out *out, size_t key, void *payload)
{
	json_writer *w = payload;
	tfms_report__put_spool(out, key == 0 ? w->conversions : w->findings);
	return 0;
}

static int json_finish(tfms_report_writer *base, const tfms_report *r,
		       tfms_report_out *out)
{
	json_writer *w = (json_writer *)base;
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
	json_object_set_new(
		summary, "tf_uses",
		json_integer((json_int_t)(w->nconversions + w->nfindings)));
	json_object_set_new(summary, "converted",
			    json_integer((json_int_t)w->nconversions));
	json_object_set_new(summary, "not_converted",
			    json_integer((json_int_t)w->nfindings));
	json_object_set_new(root, "summary", summary);
	json_object_set_new(root, "conversions", json_array());
	json_object_set_new(root, "findings", json_array());

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

	static const char *const keys[] = {"conversions", "findings"};
	size_t counts[] = {w->nconversions, w->nfindings};
	int rc = tfms_report__splice(out, root, 1, keys, counts, 2, json_fill,
				     w);
	json_decref(root);
	return rc;
}

static void json_free(tfms_report_writer *base)
{
	json_writer *w = (json_writer *)base;
	tfms_spool_free(w->conversions);
	tfms_spool_free(w->findings);
	tfms_buf_dispose(&w->scratch);
	tfms_report__writer_dispose(base);
	free(w);
}

static const tfms_report_writer_ops json_ops = {json_add, json_finish,
						json_free};

int tfms_report_json_new(tfms_report_writer **out, const char *spool_dir,
			 const char *name)
{
	json_writer *w = tfms_calloc(1, sizeof(*w));
	tfms_report__writer_init(&w->base, &json_ops, spool_dir, name);
	tfms_buf_init(&w->scratch);
	*out = NULL;
	if (tfms_report__spool(&w->base, &w->conversions) < 0 ||
	    tfms_report__spool(&w->base, &w->findings) < 0) {
		json_free(&w->base);
		return -1;
	}
	*out = &w->base;
	return 0;
}
