#include "report_writer.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"
#include "tfms/fingerprint.h"
#include "tfms/sarif.h"
#include "tfms/strmap.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* jansson refuses text that is not UTF-8; records quote user files. */
static json_t *text_value(const char *s)
{
	json_t *j = json_string(s ? s : "");
	if (j)
		return j;
	char *copy = tfms_strdup(s);
	for (char *p = copy; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static json_t *message(const char *text)
{
	json_t *m = json_object();
	json_object_set_new(m, "text", text_value(text));
	return m;
}

/* A relative URI reference for a relative path, a file: URI for an
 * absolute one; bytes outside RFC 3986's unreserved set are
 * percent-encoded. */
static json_t *artifact(const char *path)
{
	tfms_buf uri = TFMS_BUF_INIT;
	if (path[0] == '/')
		tfms_buf_puts(&uri, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			tfms_buf_putc(&uri, (char)*p);
		else
			tfms_buf_printf(&uri, "%%%02X", *p);
	}
	json_t *a = json_object();
	json_object_set_new(a, "uri", json_string(uri.ptr));
	tfms_buf_dispose(&uri);
	return a;
}

static json_t *location(const char *path, uint32_t line, uint32_t column,
			uint32_t end_line, uint32_t end_column,
			const char *snippet)
{
	json_t *region = json_object();
	json_object_set_new(region, "startLine", json_integer(line ? line : 1));
	json_object_set_new(region, "startColumn",
			    json_integer(column ? column : 1));
	if (end_line > line || (end_line == line && end_column > column)) {
		json_object_set_new(region, "endLine", json_integer(end_line));
		json_object_set_new(region, "endColumn",
				    json_integer(end_column));
	}
	if (snippet && *snippet) {
		json_t *s = json_object();
		json_object_set_new(s, "text", text_value(snippet));
		json_object_set_new(region, "snippet", s);
	}
	json_t *physical = json_object();
	json_object_set_new(physical, "artifactLocation", artifact(path));
	json_object_set_new(physical, "region", region);
	json_t *loc = json_object();
	json_object_set_new(loc, "physicalLocation", physical);
	json_t *locs = json_array();
	json_array_append_new(locs, loc);
	return locs;
}

static const char *level_name(tfms_level level)
{
	return level == TFMS_LEVEL_NONE ? "none" : tfms_level_name(level);
}

/* The rules met so far, each described once. */
typedef struct {
	json_t *rules; /* the array in tool.driver */
	tfms_array(char *) ids;
	tfms_strmap by_id; /* id -> index in ids (keys are the ids) */
} rule_table;

static size_t rule_index(rule_table *t, const char *id, const char *api,
			 const char *what, const char *full, const char *help,
			 const char *help_uri, tfms_level level)
{
	bool added;
	char *copy = tfms_strdup(id);
	size_t i = tfms_strmap_get_or_add(&t->by_id, copy, t->ids.len, &added);
	if (!added) {
		free(copy);
		return i;
	}
	tfms_array_push(&t->ids, copy);
	json_t *r = json_object();
	json_object_set_new(r, "id", text_value(id));
	char *sd = tfms_asprintf("%s: %s", api, what);
	json_object_set_new(r, "shortDescription", message(sd));
	free(sd);
	json_object_set_new(r, "fullDescription", message(full));
	json_object_set_new(r, "helpUri", text_value(help_uri));
	char *ht = help ? tfms_asprintf("%s %s", full, help)
			: tfms_asprintf("%s; see %s", full, help_uri);
	json_object_set_new(r, "help", message(ht));
	free(ht);
	json_t *conf = json_object();
	json_object_set_new(conf, "level", json_string(level_name(level)));
	json_object_set_new(r, "defaultConfiguration", conf);
	json_array_append_new(t->rules, r);
	return t->ids.len - 1;
}

static void rule_table_dispose(rule_table *t)
{
	json_decref(t->rules);
	for (size_t i = 0; i < t->ids.len; i++)
		free(t->ids.items[i]);
	tfms_array_free(&t->ids);
	tfms_strmap_dispose(&t->by_id);
}

static void add_fingerprint(json_t *result, const char *key, const char *hex)
{
	json_t *fp = json_object();
	json_object_set_new(fp, key, json_string(hex));
	json_object_set_new(result, "partialFingerprints", fp);
}

static void add_cell(json_t *result, uint32_t cell)
{
	if (!cell)
		return;
	json_t *props = json_object();
	json_object_set_new(props, "cell", json_integer(cell));
	json_object_set_new(result, "properties", props);
}

/* Results sit at depth 4 of the log (runs[0].results). Every finding
 * comes before every review and rules are numbered in the order met, so
 * the rules of findings come first; a review's ruleIndex counts after all
 * of them, known only at the end. Reviews are therefore spooled as
 * frames (the dump's length, its rule's number among the review rules,
 * where the number goes) and numbered when the log is assembled. Review
 * rule ids ("converted/...") never equal a finding's ("<kind>/..."). */
#define RESULT_DEPTH 4

typedef struct {
	uint64_t len, rule, at;
} review_frame;

typedef struct {
	tfms_report_writer base;
	rule_table finding_rules, review_rules;
	tfms_spool *findings, *reviews;
	size_t nfindings, nreviews;
	tfms_buf scratch;
} sarif_writer;

static int add_findings(sarif_writer *w, const tfms_results *records)
{
	rule_table *t = &w->finding_rules;
	tfms_fingerprint *fps = tfms_fingerprint_findings(records);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < records->nfindings; i++) {
		const tfms_finding *f = &records->findings[i];
		const char *kind = tfms_finding_kind_name(f->kind);
		char *id = tfms_asprintf("%s/%s", kind, f->api);
		const char *uri = f->hint_url  ? f->hint_url
				  : f->doc_url ? f->doc_url
					       : TFMS_SARIF_MAPPING_URI;
		char *what = tfms_asprintf("not converted (%s)", kind);
		size_t index = rule_index(t, id, f->api, what, f->message,
					  f->hint, uri, f->level);
		free(what);
		json_t *o = json_object();
		json_object_set_new(o, "ruleId", text_value(id));
		json_object_set_new(o, "ruleIndex",
				    json_integer((json_int_t)index));
		json_object_set_new(o, "level",
				    json_string(level_name(f->level)));
		char *text =
			f->cell ? tfms_asprintf("%s (cell %u) %s%s%s", f->api,
						f->cell, f->message,
						f->hint ? " " : "",
						f->hint ? f->hint : "")
				: tfms_asprintf("%s: %s%s%s", f->api,
						f->message, f->hint ? " " : "",
						f->hint ? f->hint : "");
		json_object_set_new(o, "message", message(text));
		free(text);
		json_object_set_new(o, "locations",
				    location(f->path, f->line, f->column,
					     f->end_line, f->end_column,
					     f->source_line));
		add_fingerprint(o, "tfmsFinding/v1", fps[i].hex);
		add_cell(o, f->cell);
		free(id);
		tfms_buf_clear(&w->scratch);
		tfms_report__separator(&w->scratch, w->nfindings++,
				       RESULT_DEPTH);
		rc = tfms_report__dump(&w->scratch, o, RESULT_DEPTH);
		json_decref(o);
		if (rc == 0)
			rc = tfms_spool_write(w->findings, w->scratch.ptr,
					      w->scratch.len);
	}
	free(fps);
	return rc;
}

/* Conversions carry a result only when someone should look at them. */
static int add_reviews(sarif_writer *w, const tfms_results *records)
{
	rule_table *t = &w->review_rules;
	tfms_fingerprint *fps = tfms_fingerprint_conversions(records);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < records->nconversions; i++) {
		const tfms_conversion *c = &records->conversions[i];
		if (!c->review)
			continue;
		char *id = tfms_asprintf("converted/%s", c->api);
		char *what = tfms_asprintf("converted to %s, to review",
					   c->ms_api ? c->ms_api : "MindSpore");
		size_t index =
			rule_index(t, id, c->api, what, c->review, NULL,
				   TFMS_SARIF_MAPPING_URI, TFMS_LEVEL_NOTE);
		free(what);
		json_t *o = json_object();
		json_object_set_new(o, "ruleId", text_value(id));
		json_object_set_new(o, "ruleIndex", json_integer(0));
		json_object_set_new(o, "level", json_string("note"));
		char *text =
			tfms_asprintf("%s converted to %s; review: %s", c->api,
				      c->ms_api ? c->ms_api : "?", c->review);
		json_object_set_new(o, "message", message(text));
		free(text);
		json_object_set_new(o, "locations",
				    location(c->path, c->line, c->column,
					     c->end_line, c->end_column, NULL));
		add_fingerprint(o, "tfmsConversion/v1", fps[i].hex);
		add_cell(o, c->cell);
		free(id);
		/* The frame, then the dump without its stand-in number. */
		tfms_buf_clear(&w->scratch);
		tfms_buf_put(&w->scratch, &(review_frame){0},
			     sizeof(review_frame));
		rc = tfms_report__dump(&w->scratch, o, RESULT_DEPTH);
		json_decref(o);
		const char *num =
			rc == 0 ? strstr(w->scratch.ptr + sizeof(review_frame),
					 "\"ruleIndex\": 0,")
				: NULL;
		if (rc == 0 && !num)
			rc = tfms_error_set("cannot encode the SARIF report");
		if (rc < 0)
			break;
		num += strlen("\"ruleIndex\": ");
		review_frame fr = {w->scratch.len - sizeof(review_frame) - 1,
				   index,
				   (uint64_t)(num - w->scratch.ptr) -
					   sizeof(review_frame)};
		memmove((char *)num, num + 1,
			(size_t)(w->scratch.ptr + w->scratch.len - num));
		w->scratch.len--;
		memcpy(w->scratch.ptr, &fr, sizeof(fr));
		w->nreviews++;
		rc = tfms_spool_write(w->reviews, w->scratch.ptr,
				      w->scratch.len);
	}
	free(fps);
	return rc;
}

static int sarif_add(tfms_report_writer *base, const tfms_report *r,
		     const tfms_results *records)
{
	(void)r;
	sarif_writer *w = (sarif_writer *)base;
	if (add_findings(w, records) < 0 || add_reviews(w, records) < 0)
		return -1;
	return 0;
}

static json_t *invocation(const tfms_report *r)
{
	json_t *inv = json_object();
	json_object_set_new(inv, "executionSuccessful",
			    json_boolean(r->nerrors == 0));
	json_t *notes = json_array();
	for (size_t i = 0; i < r->nerrors; i++) {
		json_t *n = json_object();
		json_object_set_new(n, "level", json_string("error"));
		char *text = tfms_asprintf("%s: %s", r->errors[i].path,
					   r->errors[i].message);
		json_object_set_new(n, "message", message(text));
		free(text);
		json_t *loc = json_object();
		json_t *physical = json_object();
		json_object_set_new(physical, "artifactLocation",
				    artifact(r->errors[i].path));
		json_object_set_new(loc, "physicalLocation", physical);
		json_t *locs = json_array();
		json_array_append_new(locs, loc);
		json_object_set_new(n, "locations", locs);
		json_array_append_new(notes, n);
	}
	json_object_set_new(inv, "toolExecutionNotifications", notes);
	json_t *list = json_array();
	json_array_append_new(list, inv);
	return list;
}

/* The findings as spooled, then each review numbered. */
static int sarif_fill(tfms_report_out *out, size_t key, void *payload)
{
	(void)key;
	sarif_writer *w = payload;
	tfms_report__put_spool(out, w->findings);
	size_t first_rule = w->finding_rules.ids.len;
	tfms_buf text = TFMS_BUF_INIT, piece = TFMS_BUF_INIT;
	uint64_t at = 0;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < w->nreviews; i++) {
		review_frame fr;
		rc = tfms_spool_read(w->reviews, at, sizeof(fr), &text);
		if (rc < 0)
			break;
		memcpy(&fr, text.ptr, sizeof(fr));
		rc = tfms_spool_read(w->reviews, at + sizeof(fr),
				     (size_t)fr.len, &text);
		if (rc < 0)
			break;
		at += sizeof(fr) + fr.len;
		tfms_buf_clear(&piece);
		tfms_report__separator(&piece, w->nfindings + i, RESULT_DEPTH);
		tfms_buf_put(&piece, text.ptr, (size_t)fr.at);
		tfms_buf_printf(&piece, "%zu", first_rule + (size_t)fr.rule);
		tfms_buf_put(&piece, text.ptr + fr.at,
			     (size_t)(fr.len - fr.at));
		tfms_report__put(out, piece.ptr, piece.len);
	}
	tfms_buf_dispose(&text);
	tfms_buf_dispose(&piece);
	return rc;
}

static int sarif_finish(tfms_report_writer *base, const tfms_report *r,
			tfms_report_out *out)
{
	sarif_writer *w = (sarif_writer *)base;
	json_t *rules = json_array();
	json_array_extend(rules, w->finding_rules.rules);
	json_array_extend(rules, w->review_rules.rules);

	json_t *driver = json_object();
	json_object_set_new(driver, "name", json_string("tfms-rewrite"));
	json_object_set_new(driver, "version", json_string(TFMS_VERSION));
	json_object_set_new(driver, "rules", rules);
	json_t *tool = json_object();
	json_object_set_new(tool, "driver", driver);

	json_t *run = json_object();
	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "invocations", invocation(r));
	json_object_set_new(run, "columnKind",
			    json_string("unicodeCodePoints"));
	json_object_set_new(run, "results", json_array());
	json_t *runs = json_array();
	json_array_append_new(runs, run);

	json_t *root = json_object();
	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(root, "runs", runs);
	static const char *const keys[] = {"results"};
	size_t counts[] = {w->nfindings + w->nreviews};
	int rc = tfms_report__splice(out, root, RESULT_DEPTH - 1, keys, counts,
				     1, sarif_fill, w);
	json_decref(root);
	return rc;
}

static void sarif_free(tfms_report_writer *base)
{
	sarif_writer *w = (sarif_writer *)base;
	rule_table_dispose(&w->finding_rules);
	rule_table_dispose(&w->review_rules);
	tfms_spool_free(w->findings);
	tfms_spool_free(w->reviews);
	tfms_buf_dispose(&w->scratch);
	tfms_report__writer_dispose(base);
	free(w);
}

static const tfms_report_writer_ops sarif_ops = {sarif_add, sarif_finish,
						 sarif_free};

int tfms_report_sarif_new(tfms_report_writer **out, const char *spool_dir,
			  const char *name)
{
	sarif_writer *w = tfms_calloc(1, sizeof(*w));
	tfms_report__writer_init(&w->base, &sarif_ops, spool_dir, name);
	w->finding_rules.rules = json_array();
	w->review_rules.rules = json_array();
	tfms_buf_init(&w->scratch);
	*out = NULL;
	if (tfms_report__spool(&w->base, &w->findings) < 0 ||
	    tfms_report__spool(&w->base, &w->reviews) < 0) {
		sarif_free(&w->base);
		return -1;
	}
	*out = &w->base;
	return 0;
}
