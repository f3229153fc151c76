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
 * percent-encoded, so the URI is ASCII with nothing to escape in JSON. */
static void artifact_uri(tfms_buf *uri, const char *path)
{
	if (path[0] == '/')
		tfms_buf_puts(uri, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			tfms_buf_putc(uri, (char)*p);
		else
			tfms_buf_printf(uri, "%%%02X", *p);
	}
}

static json_t *artifact(const char *path)
{
	tfms_buf uri = TFMS_BUF_INIT;
	artifact_uri(&uri, path);
	json_t *a = json_object();
	json_object_set_new(a, "uri", json_string(uri.ptr));
	tfms_buf_dispose(&uri);
	return a;
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

/* The short description says what became of the use: "not converted
 * (<what>)", or for a review "converted to <what>, to review"; it is made
 * only for a rule not met before, as most records' rules were. */
static size_t rule_index(rule_table *t, const char *id, const char *api,
			 bool review, const char *what, const char *full,
			 const char *help, const char *help_uri,
			 tfms_level level)
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
	char *sd = review ? tfms_asprintf("%s: converted to %s, to review", api,
					  what)
			  : tfms_asprintf("%s: not converted (%s)", api, what);
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

/* Results sit at depth 4 of the log (runs[0].results). */
#define RESULT_DEPTH 4

/* message(text) as a member. */
static void member_message(tfms_report_obj *o, const char *key,
			   const char *text)
{
	tfms_report_obj m;
	tfms_report__key(o, key);
	tfms_report__open(&m, o->out, o->depth + 1, false);
	tfms_report__member_text(&m, "text", text);
	tfms_report__close(&m);
}

size_t tfms_report__sarif_result(tfms_buf *out, const tfms_sarif_result *r)
{
	tfms_report_obj o, locs, loc, physical, artifact, region, snippet;
	tfms_report__open(&o, out, RESULT_DEPTH, false);
	tfms_report__member_text(&o, "ruleId", r->rule_id);
	tfms_report__member_uint(&o, "ruleIndex", r->rule_index);
	/* The digits end the buffer now. */
	size_t index_at = out->len;
	while (index_at && out->ptr[index_at - 1] != ' ')
		index_at--;
	tfms_report__member_str(&o, "level", r->level);
	member_message(&o, "message", r->message);

	tfms_report__key(&o, "locations");
	tfms_report__open(&locs, out, RESULT_DEPTH + 1, true);
	tfms_report__item(&locs);
	tfms_report__open(&loc, out, RESULT_DEPTH + 2, false);
	tfms_report__key(&loc, "physicalLocation");
	tfms_report__open(&physical, out, RESULT_DEPTH + 3, false);
	tfms_report__key(&physical, "artifactLocation");
	tfms_report__open(&artifact, out, RESULT_DEPTH + 4, false);
	tfms_report__key(&artifact, "uri");
	tfms_buf_putc(out, '"');
	artifact_uri(out, r->path);
	tfms_buf_putc(out, '"');
	tfms_report__close(&artifact);
	tfms_report__key(&physical, "region");
	tfms_report__open(&region, out, RESULT_DEPTH + 4, false);
	tfms_report__member_uint(&region, "startLine", r->line ? r->line : 1);
	tfms_report__member_uint(&region, "startColumn",
				 r->column ? r->column : 1);
	if (r->end_line > r->line ||
	    (r->end_line == r->line && r->end_column > r->column)) {
		tfms_report__member_uint(&region, "endLine", r->end_line);
		tfms_report__member_uint(&region, "endColumn", r->end_column);
	}
	if (r->snippet && *r->snippet) {
		tfms_report__key(&region, "snippet");
		tfms_report__open(&snippet, out, RESULT_DEPTH + 5, false);
		tfms_report__member_text(&snippet, "text", r->snippet);
		tfms_report__close(&snippet);
	}
	tfms_report__close(&region);
	tfms_report__close(&physical);
	tfms_report__close(&loc);
	tfms_report__close(&locs);

	tfms_report_obj fp;
	tfms_report__key(&o, "partialFingerprints");
	tfms_report__open(&fp, out, RESULT_DEPTH + 1, false);
	tfms_report__member_str(&fp, r->fingerprint_key, r->fingerprint);
	tfms_report__close(&fp);
	if (r->cell) {
		tfms_report_obj props;
		tfms_report__key(&o, "properties");
		tfms_report__open(&props, out, RESULT_DEPTH + 1, false);
		tfms_report__member_uint(&props, "cell", r->cell);
		tfms_report__close(&props);
	}
	tfms_report__close(&o);
	return index_at;
}

/* Every finding
 * comes before every review and rules are numbered in the order met, so
 * the rules of findings come first; a review's ruleIndex counts after all
 * of them, known only at the end. Reviews are therefore spooled as
 * frames (the dump's length, its rule's number among the review rules,
 * where the number goes) and numbered when the log is assembled. Review
 * rule ids ("converted/...") never equal a finding's ("<kind>/..."). */

typedef struct {
	uint64_t len, rule, at;
} review_frame;

typedef struct {
	tfms_report_writer base;
	rule_table finding_rules, review_rules;
	tfms_spool *findings, *reviews;
	size_t nfindings, nreviews;
	tfms_buf scratch, id, text; /* reused from record to record */
} sarif_writer;

/* The text of a result, built with puts: vsnprintf was a third of a
 * record's cost. */
static void put_all(tfms_buf *b, const char *const *parts, size_t n)
{
	tfms_buf_clear(b);
	for (size_t i = 0; i < n; i++)
		tfms_buf_puts(b, parts[i]);
}

static int add_findings(sarif_writer *w, const tfms_results *records)
{
	rule_table *t = &w->finding_rules;
	tfms_fingerprint *fps = tfms_fingerprint_findings(records);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < records->nfindings; i++) {
		const tfms_finding *f = &records->findings[i];
		const char *kind = tfms_finding_kind_name(f->kind);
		put_all(&w->id, (const char *[]){kind, "/", f->api}, 3);
		const char *uri = f->hint_url  ? f->hint_url
				  : f->doc_url ? f->doc_url
					       : TFMS_SARIF_MAPPING_URI;
		size_t index = rule_index(t, w->id.ptr, f->api, false, kind,
					  f->message, f->hint, uri, f->level);
		/* "%s: %s%s%s", or "%s (cell %u) %s%s%s" in a notebook */
		const char *hint = f->hint ? f->hint : "";
		if (f->cell) {
			put_all(&w->text, (const char *[]){f->api}, 1);
			tfms_buf_printf(&w->text, " (cell %u) ", f->cell);
		} else {
			put_all(&w->text, (const char *[]){f->api, ": "}, 2);
		}
		tfms_buf_puts(&w->text, f->message);
		tfms_buf_puts(&w->text, f->hint ? " " : "");
		tfms_buf_puts(&w->text, hint);
		tfms_sarif_result res = {
			.rule_id = w->id.ptr,
			.level = level_name(f->level),
			.message = w->text.ptr,
			.rule_index = index,
			.path = f->path,
			.line = f->line,
			.column = f->column,
			.end_line = f->end_line,
			.end_column = f->end_column,
			.cell = f->cell,
			.snippet = f->source_line,
			.fingerprint_key = "tfmsFinding/v1",
			.fingerprint = fps[i].hex,
		};
		tfms_buf_clear(&w->scratch);
		tfms_report__separator(&w->scratch, w->nfindings++,
				       RESULT_DEPTH);
		tfms_report__sarif_result(&w->scratch, &res);
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
		put_all(&w->id, (const char *[]){"converted/", c->api}, 2);
		size_t index = rule_index(
			t, w->id.ptr, c->api, true,
			c->ms_api ? c->ms_api : "MindSpore", c->review, NULL,
			TFMS_SARIF_MAPPING_URI, TFMS_LEVEL_NOTE);
		/* "%s converted to %s; review: %s" */
		put_all(&w->text,
			(const char *[]){c->api, " converted to ",
					 c->ms_api ? c->ms_api : "?",
					 "; review: ", c->review},
			5);
		tfms_sarif_result res = {
			.rule_id = w->id.ptr,
			.level = "note",
			.message = w->text.ptr,
			.rule_index = 0,
			.path = c->path,
			.line = c->line,
			.column = c->column,
			.end_line = c->end_line,
			.end_column = c->end_column,
			.cell = c->cell,
			.snippet = NULL,
			.fingerprint_key = "tfmsConversion/v1",
			.fingerprint = fps[i].hex,
		};
		/* The frame, then the result without its stand-in number. */
		tfms_buf_clear(&w->scratch);
		tfms_buf_put(&w->scratch, &(review_frame){0},
			     sizeof(review_frame));
		size_t num = tfms_report__sarif_result(&w->scratch, &res);
		review_frame fr = {w->scratch.len - sizeof(review_frame) - 1,
				   index, num - sizeof(review_frame)};
		memmove(w->scratch.ptr + num, w->scratch.ptr + num + 1,
			w->scratch.len - num);
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
	tfms_buf_dispose(&w->id);
	tfms_buf_dispose(&w->text);
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
	tfms_buf_init(&w->id);
	tfms_buf_init(&w->text);
	*out = NULL;
	if (tfms_report__spool(&w->base, &w->findings) < 0 ||
	    tfms_report__spool(&w->base, &w->reviews) < 0) {
		sarif_free(&w->base);
		return -1;
	}
	*out = &w->base;
	return 0;
}
