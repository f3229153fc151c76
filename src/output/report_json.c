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

/* jansson rejects strings that are not UTF-8; source lines and API names
 * come from user files, so fall back to a lossy copy rather than failing
 * (tfms_report__member_text does the same for the records). */
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

void tfms_report__json_conversion(tfms_buf *out, const tfms_conversion *c)
{
	tfms_report_obj o;
	tfms_report__open(&o, out, 2, false);
	tfms_report__member_text(&o, "path", c->path);
	if (c->cell)
		tfms_report__member_uint(&o, "cell", c->cell);
	tfms_report__member_uint(&o, "line", c->line);
	tfms_report__member_uint(&o, "column", c->column);
	tfms_report__member_uint(&o, "end_line", c->end_line);
	tfms_report__member_uint(&o, "end_column", c->end_column);
	tfms_report__member_text(&o, "api", c->api);
	tfms_report__member_opt(&o, "ms_api", c->ms_api);
	if (c->review)
		tfms_report__member_text(&o, "review", c->review);
	tfms_report__member_str(&o, "level", tfms_level_name(c->level));
	if (c->source)
		tfms_report__member_text(&o, "source", c->source);
	tfms_report__close(&o);
}

void tfms_report__json_finding(tfms_buf *out, const tfms_finding *f,
			       const char *fingerprint)
{
	tfms_report_obj o;
	tfms_report__open(&o, out, 2, false);
	tfms_report__member_text(&o, "path", f->path);
	if (f->cell)
		tfms_report__member_uint(&o, "cell", f->cell);
	tfms_report__member_uint(&o, "line", f->line);
	tfms_report__member_uint(&o, "column", f->column);
	tfms_report__member_uint(&o, "end_line", f->end_line);
	tfms_report__member_uint(&o, "end_column", f->end_column);
	tfms_report__member_text(&o, "api", f->api);
	tfms_report__member_str(&o, "kind", tfms_finding_kind_name(f->kind));
	tfms_report__member_text(&o, "message", f->message);
	if (f->ms_api)
		tfms_report__member_text(&o, "ms_api", f->ms_api);
	if (f->doc_url)
		tfms_report__member_text(&o, "doc_url", f->doc_url);
	tfms_report__member_str(&o, "level", tfms_level_name(f->level));
	tfms_report__member_opt(&o, "category", f->category);
	tfms_report__member_opt(&o, "hint", f->hint);
	tfms_report__member_opt(&o, "hint_url", f->hint_url);
	if (f->source)
		tfms_report__member_text(&o, "source", f->source);
	tfms_report__member_str(&o, "fingerprint", fingerprint);
	tfms_report__close(&o);
}

static int json_add(tfms_report_writer *base, const tfms_report *r,
		    const tfms_results *records)
{
	(void)r;
	json_writer *w = (json_writer *)base;
	/* One file's elements go to each spool in one write. */
	tfms_buf_clear(&w->scratch);
	for (size_t i = 0; i < records->nconversions; i++) {
		tfms_report__separator(&w->scratch, w->nconversions++, 2);
		tfms_report__json_conversion(&w->scratch,
					     &records->conversions[i]);
	}
	if (tfms_spool_write(w->conversions, w->scratch.ptr, w->scratch.len) <
	    0)
		return -1;
	/* A fingerprint ranks a finding among those of its file (the path
	 * is part of it), so one file's records are enough. */
	tfms_fingerprint *fps = tfms_fingerprint_findings(records);
	tfms_buf_clear(&w->scratch);
	for (size_t i = 0; i < records->nfindings; i++) {
		tfms_report__separator(&w->scratch, w->nfindings++, 2);
		tfms_report__json_finding(&w->scratch, &records->findings[i],
					  fps[i].hex);
	}
	free(fps);
	return tfms_spool_write(w->findings, w->scratch.ptr, w->scratch.len);
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
