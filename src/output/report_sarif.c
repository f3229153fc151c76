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

static void add_findings(const tfms_report *r, rule_table *t, json_t *results)
{
	tfms_fingerprint *fps = tfms_fingerprint_findings(&r->records);
	for (size_t i = 0; i < r->records.nfindings; i++) {
		const tfms_finding *f = &r->records.findings[i];
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
		json_array_append_new(results, o);
		free(id);
	}
	free(fps);
}

/* Conversions carry a result only when someone should look at them. */
static void add_reviews(const tfms_report *r, rule_table *t, json_t *results)
{
	tfms_fingerprint *fps = tfms_fingerprint_conversions(&r->records);
	for (size_t i = 0; i < r->records.nconversions; i++) {
		const tfms_conversion *c = &r->records.conversions[i];
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
		json_object_set_new(o, "ruleIndex",
				    json_integer((json_int_t)index));
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
		json_array_append_new(results, o);
		free(id);
	}
	free(fps);
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

int tfms_report_write_sarif(const tfms_report *r, tfms_buf *out)
{
	rule_table t = {.rules = json_array()};
	json_t *results = json_array();
	add_findings(r, &t, results);
	add_reviews(r, &t, results);

	json_t *driver = json_object();
	json_object_set_new(driver, "name", json_string("tfms-rewrite"));
	json_object_set_new(driver, "version", json_string(TFMS_VERSION));
	json_object_set_new(driver, "rules", t.rules);
	json_t *tool = json_object();
	json_object_set_new(tool, "driver", driver);

	json_t *run = json_object();
	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "invocations", invocation(r));
	json_object_set_new(run, "columnKind",
			    json_string("unicodeCodePoints"));
	json_object_set_new(run, "results", results);
	json_t *runs = json_array();
	json_array_append_new(runs, run);

	json_t *root = json_object();
	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_object_set_new(root, "runs", runs);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	for (size_t i = 0; i < t.ids.len; i++)
		free(t.ids.items[i]);
	tfms_array_free(&t.ids);
	tfms_strmap_dispose(&t.by_id);
	if (!text)
		return tfms_error_set("cannot encode the SARIF report");
	tfms_buf_puts(out, text);
	tfms_buf_putc(out, '\n');
	free(text);
	return 0;
}
