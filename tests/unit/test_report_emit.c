/* The report writers serialize records without jansson (a measured fast
 * path, see docs/ARCHITECTURE.md). These tests pin that emitter to
 * jansson itself: each generated record, string or integer is written
 * both ways, the old way being the json_t the writers used to build and
 * dump at the record's depth, and the bytes must be equal. The strings
 * are drawn from the bytes that matter: quotes, backslashes, control
 * characters, DEL, '/', multi-byte UTF-8 and every kind of invalid
 * UTF-8 jansson rejects. */
#include "../../src/output/report_writer.h"
#include "tfms/alloc.h"
#include "tfms/fingerprint.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- Generated input ---- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next(void)
{
	/* xorshift64*: fixed seed, so a failure replays. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545F4914F6CDD1Du) >> 32);
}

static const char *const pieces[] = {
	"a", "tf.nn", " ", "/", "\"", "\\", "\b", "\f", "\n", "\r", "\t",
	"\x01", "\x1f", "\x7f", "\\u0041", "\xc3\xa9", "\xe2\x82\xac",
	"\xf0\x9f\x98\x80", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf",
	/* long plain runs, and the neighbours of the bytes to escape */
	"tensorflow.compat.v1.", "0123456789", " !#[]", "~}|{",
	/* invalid for jansson: */
	"\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xed\xa0\x80",
	"\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff",
	"\xc3", "\xe2\x82", "\xf0\x9f\x98", "\xc3("};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))
/* The pieces up to here are valid UTF-8. */
#define NVALID 24

/* A string owned by the caller; valid UTF-8 three times in four. */
static char *gen_string(void)
{
	size_t limit = next() % 4 ? NVALID : NPIECES;
	size_t n = next() % 12;
	tfms_buf b = TFMS_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		tfms_buf_puts(&b, pieces[next() % limit]);
	return tfms_buf_detach(&b, NULL);
}

static char *gen_optional(void)
{
	return next() % 3 ? gen_string() : NULL;
}

static uint32_t gen_uint(void)
{
	switch (next() % 5) {
	case 0:
		return 0;
	case 1:
		return UINT32_MAX;
	case 2:
		return next() % 10;
	default:
		return next();
	}
}

/* ---- The old path: json_t values dumped at a depth ---- */

typedef struct {
	tfms_buf *out;
	size_t indent;
} dump_state;

static int dump_piece(const char *data, size_t len, void *payload)
{
	dump_state *d = payload;
	for (const char *nl; len && (nl = memchr(data, '\n', len)) != NULL;) {
		size_t n = (size_t)(nl - data) + 1;
		tfms_buf_put(d->out, data, n);
		for (size_t i = 0; i < d->indent; i++)
			tfms_buf_putc(d->out, ' ');
		data += n;
		len -= n;
	}
	tfms_buf_put(d->out, data, len);
	return 0;
}

/* Steals value. */
static void old_dump(tfms_buf *out, json_t *value, size_t depth)
{
	dump_state d = {out, 2 * depth};
	cr_assert_eq(json_dump_callback(value, dump_piece, &d,
					TFMS_REPORT_JSON_FLAGS),
		     0);
	json_decref(value);
}

static void set_string(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

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

static json_t *old_conversion(const tfms_conversion *c)
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

static json_t *old_finding(const tfms_finding *f, const char *fingerprint)
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

static json_t *old_sarif_result(const tfms_sarif_result *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "ruleId", text_value(r->rule_id));
	json_object_set_new(o, "ruleIndex",
			    json_integer((json_int_t)r->rule_index));
	json_object_set_new(o, "level", json_string(r->level));
	json_object_set_new(o, "message", message(r->message));
	json_object_set_new(o, "locations",
			    location(r->path, r->line, r->column, r->end_line,
				     r->end_column, r->snippet));
	json_t *fp = json_object();
	json_object_set_new(fp, r->fingerprint_key,
			    json_string(r->fingerprint));
	json_object_set_new(o, "partialFingerprints", fp);
	if (r->cell) {
		json_t *props = json_object();
		json_object_set_new(props, "cell", json_integer(r->cell));
		json_object_set_new(o, "properties", props);
	}
	return o;
}

/* ---- Both ways ---- */

#define ROUNDS 4000

static void expect_same(const tfms_buf *old, const tfms_buf *new_, int i)
{
	cr_assert_eq(new_->len, old->len,
		     "round %d: %zu bytes, jansson %zu\n%s\n%s", i, new_->len,
		     old->len, new_->ptr, old->ptr);
	cr_assert_eq(memcmp(new_->ptr, old->ptr, old->len), 0,
		     "round %d:\n%s\njansson:\n%s", i, new_->ptr, old->ptr);
}

Test(report_emit, strings_are_checked_and_escaped_as_jansson_does)
{
	size_t valid = 0, invalid = 0;
	tfms_buf old = TFMS_BUF_INIT, new_ = TFMS_BUF_INIT;
	for (int i = 0; i < 4 * ROUNDS; i++) {
		char *s = gen_string();
		json_t *j = json_string(s);
		size_t len = strlen(s);
		tfms_buf_clear(&new_);
		tfms_buf_puts(&new_, "before");
		bool ok = tfms_report__quote(&new_, s, len);
		cr_assert_eq(ok, j != NULL, "round %d", i);
		tfms_buf_clear(&old);
		tfms_buf_puts(&old, "before");
		if (j) {
			char *text = json_dumps(
				j, JSON_ENCODE_ANY | TFMS_REPORT_JSON_FLAGS);
			tfms_buf_puts(&old, text);
			free(text);
			json_decref(j);
			valid++;
		} else {
			invalid++;
		}
		/* Refused, it appends nothing. */
		expect_same(&old, &new_, i);
		cr_assert_eq(new_.ptr[new_.len], '\0');
		free(s);
	}
	/* Both kinds were met often. */
	cr_expect_gt(valid, (size_t)ROUNDS);
	cr_expect_gt(invalid, (size_t)ROUNDS / 2);
	tfms_buf_dispose(&old);
	tfms_buf_dispose(&new_);
}

Test(report_emit, empty_objects_and_arrays_are_written_as_jansson_does)
{
	tfms_buf b = TFMS_BUF_INIT;
	tfms_report_obj o;
	tfms_report__open(&o, &b, 3, false);
	tfms_report__close(&o);
	tfms_report__open(&o, &b, 3, true);
	tfms_report__close(&o);
	cr_expect_str_eq(b.ptr, "{}[]");
	tfms_buf_dispose(&b);
}

static tfms_level gen_level(void)
{
	return (tfms_level)(next() % 4);
}

Test(report_emit, json_records_are_written_as_jansson_dumps_them)
{
	tfms_buf old = TFMS_BUF_INIT, new_ = TFMS_BUF_INIT;
	for (int i = 0; i < ROUNDS; i++) {
		tfms_conversion c = {
			.path = gen_string(),
			.line = gen_uint(),
			.column = gen_uint(),
			.end_line = gen_uint(),
			.end_column = gen_uint(),
			.cell = next() % 2 ? gen_uint() : 0,
			.api = gen_string(),
			.ms_api = gen_optional(),
			.review = gen_optional(),
			.source = gen_optional(),
			.level = gen_level(),
		};
		tfms_buf_clear(&old);
		old_dump(&old, old_conversion(&c), 2);
		tfms_buf_clear(&new_);
		tfms_report__json_conversion(&new_, &c);
		expect_same(&old, &new_, i);
		tfms_conversion_dispose(&c);

		tfms_finding f = {
			.path = gen_string(),
			.line = gen_uint(),
			.column = gen_uint(),
			.end_line = gen_uint(),
			.end_column = gen_uint(),
			.cell = next() % 2 ? gen_uint() : 0,
			.api = gen_string(),
			.kind = (tfms_finding_kind)(next() %
						    TFMS_FINDING_KIND_COUNT),
			.message = gen_string(),
			.ms_api = gen_optional(),
			.doc_url = gen_optional(),
			.source = gen_optional(),
			.level = gen_level(),
			.category = gen_optional(),
			.hint = gen_optional(),
			.hint_url = gen_optional(),
		};
		const char *fp = "0123456789abcdef";
		tfms_buf_clear(&old);
		old_dump(&old, old_finding(&f, fp), 2);
		tfms_buf_clear(&new_);
		tfms_report__json_finding(&new_, &f, fp);
		expect_same(&old, &new_, i);
		tfms_finding_dispose(&f);
	}
	tfms_buf_dispose(&old);
	tfms_buf_dispose(&new_);
}

Test(report_emit, sarif_results_are_written_as_jansson_dumps_them)
{
	static const char *const levels[] = {"none", "note", "warning",
					     "error"};
	tfms_buf old = TFMS_BUF_INIT, new_ = TFMS_BUF_INIT;
	for (int i = 0; i < ROUNDS; i++) {
		char *id = gen_string(), *text = gen_string(),
		     *path = gen_string(), *snippet = gen_optional();
		tfms_sarif_result r = {id,
				       levels[next() % 4],
				       text,
				       next() % 2 ? gen_uint() : next() % 40,
				       path,
				       gen_uint(),
				       gen_uint(),
				       gen_uint(),
				       gen_uint(),
				       next() % 2 ? gen_uint() : 0,
				       snippet,
				       next() % 2 ? "tfmsFinding/v1"
						  : "tfmsConversion/v1",
				       "00ff00ff00ff00ff"};
		if (next() % 2) /* often on one line */
			r.end_line = r.line;
		tfms_buf_clear(&new_);
		tfms_buf_puts(&new_, "frame");
		size_t at = tfms_report__sarif_result(&new_, &r);
		/* The offset is that of the index's digits, after the frame. */
		char *digits = tfms_asprintf("%zu,", r.rule_index);
		cr_assert_eq(strncmp(new_.ptr + at, digits, strlen(digits)), 0,
			     "round %d", i);
		cr_assert_eq(strncmp(new_.ptr + at - 13, "\"ruleIndex\": ", 13),
			     0, "round %d", i);
		free(digits);
		tfms_buf_clear(&old);
		tfms_buf_puts(&old, "frame");
		old_dump(&old, old_sarif_result(&r), 4);
		expect_same(&old, &new_, i);
		free(id);
		free(text);
		free(path);
		free(snippet);
	}
	tfms_buf_dispose(&old);
	tfms_buf_dispose(&new_);
}
