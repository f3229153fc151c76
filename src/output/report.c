#include "tfms/report.h"
#include "report_writer.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"

#include <stdlib.h>
#include <string.h>

/* The document goes out in pieces of about this size. */
#define OUT_CHUNK (64u << 10)

void tfms_report_dispose(tfms_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nerrors; i++) {
		free(r->errors[i].path);
		free(r->errors[i].message);
	}
	free(r->errors);
	for (size_t i = 0; i < r->nrules; i++)
		free((char *)r->rules[i].rule);
	free(r->rules);
	tfms_strmap_dispose(&r->rule_map);
	for (size_t i = 0; i < r->nwriters; i++)
		tfms_report_writer_free(r->writers[i]);
	free(r->writers);
	free(r->rule_sources);
	free(r->ms_version);
	memset(r, 0, sizeof(*r));
}

size_t tfms_report__intern(tfms_strmap *map, const char *key, size_t next,
			   char **owned)
{
	bool added;
	char *copy = tfms_strdup(key);
	size_t i = tfms_strmap_get_or_add(map, copy, next, &added);
	if (!added) {
		free(copy);
		copy = NULL;
	}
	*owned = copy;
	return i;
}

static tfms_coverage *rule_row(tfms_report *r, const char *rule)
{
	char *owned;
	size_t i = tfms_report__intern(&r->rule_map, rule, r->nrules, &owned);
	if (owned) {
		tfms_array__grow((void **)&r->rules, &r->rules_cap,
				 r->nrules + 1, sizeof(*r->rules));
		r->rules[r->nrules++] = (tfms_coverage){owned, 0, 0};
	}
	return &r->rules[i];
}

void tfms_report_add_records(tfms_report *r, const tfms_results *records)
{
	r->converted_total += records->nconversions;
	r->findings_total += records->nfindings;
	/* Only the writers read the uses per rule. */
	if (!r->nwriters)
		return;
	for (size_t i = 0; i < records->nconversions; i++)
		if (records->conversions[i].rule)
			rule_row(r, records->conversions[i].rule)->converted++;
	for (size_t i = 0; i < records->nfindings; i++)
		if (records->findings[i].rule)
			rule_row(r, records->findings[i].rule)->not_converted++;
	for (size_t i = 0; i < r->nwriters; i++) {
		tfms_report_writer *w = r->writers[i];
		if (!w->error && w->ops->add(w, r, records) < 0)
			w->error = tfms_strdup(tfms_error_last());
	}
}

void tfms_report_add_error(tfms_report *r, const char *path,
			   const char *message)
{
	tfms_array__grow((void **)&r->errors, &r->errors_cap, r->nerrors + 1,
			 sizeof(*r->errors));
	r->errors[r->nerrors].path = tfms_strdup(path);
	r->errors[r->nerrors].message = tfms_strdup(message);
	r->nerrors++;
}

void tfms_report_attach(tfms_report *r, tfms_report_writer *w)
{
	r->writers = tfms_realloc(r->writers,
				  (r->nwriters + 1) * sizeof(*r->writers));
	r->writers[r->nwriters++] = w;
}

static int compare_coverage(const void *a, const void *b)
{
	const tfms_coverage *x = a, *y = b;
	size_t ux = x->converted + x->not_converted;
	size_t uy = y->converted + y->not_converted;
	if (ux != uy)
		return ux > uy ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

tfms_coverage *tfms_report_coverage(const tfms_report *r, size_t *count)
{
	tfms_coverage *rows = tfms_calloc(r->nrules + 1, sizeof(*rows));
	if (r->nrules)
		memcpy(rows, r->rules, r->nrules * sizeof(*rows));
	tfms_sort(rows, r->nrules, sizeof(*rows), compare_coverage);
	*count = r->nrules;
	return rows;
}

/* ---- Writers ---- */

void tfms_report__writer_init(tfms_report_writer *w,
			      const tfms_report_writer_ops *ops,
			      const char *spool_dir, const char *name)
{
	w->ops = ops;
	w->name = tfms_strdup(name);
	w->spool_dir = spool_dir ? tfms_strdup(spool_dir) : NULL;
	w->error = NULL;
}

void tfms_report__writer_dispose(tfms_report_writer *w)
{
	free(w->name);
	free(w->spool_dir);
	free(w->error);
}

int tfms_report__spool(tfms_report_writer *w, tfms_spool **out)
{
	return tfms_spool_new(out, w->spool_dir, w->name);
}

void tfms_report_writer_free(tfms_report_writer *w)
{
	if (w)
		w->ops->free(w);
}

static void out_flush(tfms_report_out *out)
{
	if (out->rc == 0 && out->pending.len)
		out->rc = out->emit(out->pending.ptr, out->pending.len,
				    out->payload);
	tfms_buf_clear(&out->pending);
}

void tfms_report__put(tfms_report_out *out, const char *data, size_t len)
{
	if (out->rc < 0)
		return;
	tfms_buf_put(&out->pending, data, len);
	if (out->pending.len >= OUT_CHUNK)
		out_flush(out);
}

void tfms_report__puts(tfms_report_out *out, const char *s)
{
	tfms_report__put(out, s, strlen(s));
}

static int put_piece(const char *data, size_t len, void *payload)
{
	tfms_report__put(payload, data, len);
	return ((tfms_report_out *)payload)->rc;
}

void tfms_report__put_spool(tfms_report_out *out, tfms_spool *spool)
{
	if (out->rc < 0)
		return;
	int rc = tfms_spool_copy(spool, put_piece, out);
	if (rc < 0 && out->rc == 0)
		out->rc = rc;
}

int tfms_report_writer_finish(tfms_report_writer *w, const tfms_report *r,
			      tfms_report_emit emit, void *payload)
{
	if (w->error)
		return tfms_error_set("%s", w->error);
	tfms_report_out out = {emit, payload, TFMS_BUF_INIT, 0};
	int rc = w->ops->finish(w, r, &out);
	if (rc == 0)
		out_flush(&out);
	if (rc == 0)
		rc = out.rc;
	tfms_buf_dispose(&out.pending);
	return rc;
}

/* ---- Records without jansson ---- */

/* jansson's utf8_check_first and utf8_check_full (utf.c): the length of
 * the sequence s starts, or 0 when jansson rejects it (a continuation
 * byte, C0/C1, F5-FF, a bad continuation, an overlong form, a surrogate,
 * beyond U+10FFFF, or cut short). */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
	unsigned char u = s[0];
	size_t count;
	uint32_t value;
	if (u < 0x80)
		return 1;
	if (u >= 0xC2 && u <= 0xDF)
		count = 2, value = u & 0x1Fu;
	else if (u >= 0xE0 && u <= 0xEF)
		count = 3, value = u & 0x0Fu;
	else if (u >= 0xF0 && u <= 0xF4)
		count = 4, value = u & 0x07u;
	else
		return 0;
	if (count > left)
		return 0;
	for (size_t i = 1; i < count; i++) {
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
		value = (value << 6) + (s[i] & 0x3Fu);
	}
	if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
		return 0;
	if ((count == 3 && value < 0x800) || (count == 4 && value < 0x10000))
		return 0;
	return count;
}

/* Whether any byte of the word w needs a look: below 0x20, '"', '\\' or
 * not ASCII (the bit tricks of "Bit Twiddling Hacks": hasless, haszero;
 * exact about whether there is one, which is all that is asked). */
static bool word_special(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
	uint64_t low = (w - ones * 0x20) & ~w;
	uint64_t quote = (q - ones) & ~q, slash = (b - ones) & ~b;
	return ((low | quote | slash) & high) || (w & high);
}

bool tfms_report__quote(tfms_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	/* Every output byte is at most 6 of the input's: grow once. */
	tfms_buf_grow(out, 6 * len + 2);
	char *d = out->ptr + out->len;
	*d++ = '"';
	for (size_t i = 0; i < len;) {
		uint64_t w;
		if (len - i >= 8 && (memcpy(&w, p + i, 8), !word_special(w))) {
			memcpy(d, &w, 8);
			d += 8;
			i += 8;
			continue;
		}
		unsigned char c = p[i];
		if (c >= 0x80) {
			size_t n = utf8_sequence(p + i, len - i);
			if (!n) {
				out->ptr[out->len] = '\0';
				return false;
			}
			memcpy(d, p + i, n);
			d += n;
			i += n;
			continue;
		}
		i++;
		if (c >= 0x20 && c != '"' && c != '\\') {
			*d++ = (char)c;
			continue;
		}
		*d++ = '\\';
		switch (c) {
		case '"':
		case '\\':
			*d++ = (char)c;
			break;
		case '\b':
			*d++ = 'b';
			break;
		case '\f':
			*d++ = 'f';
			break;
		case '\n':
			*d++ = 'n';
			break;
		case '\r':
			*d++ = 'r';
			break;
		case '\t':
			*d++ = 't';
			break;
		default: /* "\\u%04X" */
			*d++ = 'u';
			*d++ = '0';
			*d++ = '0';
			*d++ = hex[c >> 4];
			*d++ = hex[c & 0xF];
		}
	}
	*d++ = '"';
	out->len = (size_t)(d - out->ptr);
	*d = '\0';
	return true;
}

static void indent(tfms_buf *out, size_t depth)
{
	static const char spaces[] = "                                ";
	for (size_t n = 2 * depth; n;) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		tfms_buf_put(out, spaces, k);
		n -= k;
	}
}

void tfms_report__open(tfms_report_obj *o, tfms_buf *out, size_t depth,
		       bool array)
{
	*o = (tfms_report_obj){out, depth, 0, array ? ']' : '}'};
	tfms_buf_putc(out, array ? '[' : '{');
}

void tfms_report__item(tfms_report_obj *o)
{
	tfms_report__separator(o->out, o->n++, o->depth + 1);
}

void tfms_report__key(tfms_report_obj *o, const char *key)
{
	tfms_report__item(o);
	tfms_buf_putc(o->out, '"');
	tfms_buf_puts(o->out, key);
	tfms_buf_put(o->out, "\": ", 3);
}

void tfms_report__close(tfms_report_obj *o)
{
	if (o->n) {
		tfms_buf_putc(o->out, '\n');
		indent(o->out, o->depth);
	}
	tfms_buf_putc(o->out, o->close);
}

void tfms_report__member_uint(tfms_report_obj *o, const char *key,
			      uint64_t value)
{
	char digits[24], *d = digits + sizeof(digits);
	do
		*--d = (char)('0' + value % 10);
	while ((value /= 10) != 0);
	tfms_report__key(o, key);
	tfms_buf_put(o->out, d, (size_t)(digits + sizeof(digits) - d));
}

void tfms_report__member_str(tfms_report_obj *o, const char *key, const char *s)
{
	tfms_report__key(o, key);
	(void)tfms_report__quote(o->out, s, strlen(s));
}

void tfms_report__member_text(tfms_report_obj *o, const char *key,
			      const char *s)
{
	tfms_report__key(o, key);
	if (!s)
		s = "";
	size_t len = strlen(s);
	if (tfms_report__quote(o->out, s, len))
		return;
	char *copy = tfms_strdup(s);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)copy[i] >= 0x80)
			copy[i] = '?';
	(void)tfms_report__quote(o->out, copy, len);
	free(copy);
}

void tfms_report__member_opt(tfms_report_obj *o, const char *key, const char *s)
{
	size_t len = o->out->len, n = o->n;
	tfms_report__key(o, key);
	if (!s) {
		tfms_buf_put(o->out, "null", 4);
	} else if (!tfms_report__quote(o->out, s, strlen(s))) {
		/* No member after all. */
		o->out->len = len;
		o->out->ptr[len] = '\0';
		o->n = n;
	}
}

void tfms_report__separator(tfms_buf *out, size_t index, size_t depth)
{
	if (index)
		tfms_buf_putc(out, ',');
	tfms_buf_putc(out, '\n');
	indent(out, depth);
}

int tfms_report__splice(tfms_report_out *out, const json_t *root,
			size_t key_depth, const char *const *keys,
			const size_t *counts, size_t nkeys,
			tfms_report_fill fill, void *payload)
{
	char *text = json_dumps(root, TFMS_REPORT_JSON_FLAGS);
	if (!text)
		return tfms_error_set("cannot encode the report");
	const char *at = text;
	tfms_buf marker = TFMS_BUF_INIT;
	int rc = 0;
	for (size_t k = 0; rc == 0 && k < nkeys; k++) {
		/* The member's line: a line break in a dump is always
		 * jansson's, and the indentation fixes the depth. */
		tfms_buf_clear(&marker);
		tfms_report__separator(&marker, 0, key_depth);
		tfms_buf_printf(&marker, "\"%s\": []", keys[k]);
		const char *m = strstr(at, marker.ptr);
		if (!m) {
			rc = tfms_error_set("cannot encode the report");
			break;
		}
		const char *open = m + marker.len - 2;
		tfms_report__put(out, at, (size_t)(open - at));
		at = open + 2;
		if (!counts[k]) {
			tfms_report__puts(out, "[]");
			continue;
		}
		tfms_report__puts(out, "[");
		rc = fill(out, k, payload);
		tfms_buf_clear(&marker);
		tfms_report__separator(&marker, 0, key_depth);
		tfms_buf_putc(&marker, ']');
		tfms_report__put(out, marker.ptr, marker.len);
	}
	if (rc == 0) {
		tfms_report__puts(out, at);
		tfms_report__puts(out, "\n");
	}
	tfms_buf_dispose(&marker);
	free(text);
	return rc;
}

/* ---- A whole document from records in memory ---- */

static const char *next_path(const tfms_results *r, size_t ci, size_t fi)
{
	const char *c = ci < r->nconversions ? r->conversions[ci].path : NULL;
	const char *f = fi < r->nfindings ? r->findings[fi].path : NULL;
	if (c && f)
		return strcmp(c, f) <= 0 ? c : f;
	return c ? c : f;
}

static int to_buf(const char *data, size_t len, void *payload)
{
	tfms_buf_put(payload, data, len);
	return 0;
}

int tfms_report_write(tfms_report_writer *w, tfms_report *r,
		      const tfms_results *records, tfms_buf *out)
{
	tfms_report_attach(r, w);
	/* Files in path order, each file's records at once, as a run hands
	 * them over (records arrive path after path). */
	size_t ci = 0, fi = 0;
	for (const char *path; (path = next_path(records, ci, fi)) != NULL;) {
		tfms_results file = TFMS_RESULTS_INIT;
		file.conversions = ci < records->nconversions
					   ? records->conversions + ci
					   : NULL;
		file.findings =
			fi < records->nfindings ? records->findings + fi : NULL;
		while (ci < records->nconversions &&
		       strcmp(records->conversions[ci].path, path) == 0)
			ci++, file.nconversions++;
		while (fi < records->nfindings &&
		       strcmp(records->findings[fi].path, path) == 0)
			fi++, file.nfindings++;
		tfms_report_add_records(r, &file);
	}
	return tfms_report_writer_finish(w, r, to_buf, out);
}
