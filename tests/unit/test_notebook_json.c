/* The notebook's fast JSON check (tfms_jsonscan) against jansson, over
 * many notebooks mutated deterministically: truncations, byte changes,
 * inserted escapes, UTF-8, numbers, duplicate keys at every depth, deep
 * nesting, a BOM, trailing garbage. For each, tfms_notebook_parse must
 * succeed or fail as jansson's path does (json_loadb with
 * JSON_REJECT_DUPLICATES, then the structure checks), with jansson's
 * error text, and, on success, make the module of the code cells jansson
 * reads; the scan must never say yes where jansson says no. */
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/jsonscan.h"
#include "tfms/notebook.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The seeds have no '%', '!' or '?' and the mutations add none, so the
 * module is the code cells' sources, each ending in a line break. */
static const char *const seeds[] = {
	"{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 1, "
	"\"metadata\": {\"collapsed\": false, \"x\": [1, -2.5e3, 0, null]}, "
	"\"outputs\": [{\"data\": {\"image/png\": "
	"\"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
	"DwAChwGA60e6kgAAAABJRU5ErkJggg==\", \"text/plain\": [\"<F>\"]}, "
	"\"output_type\": \"display_data\"}], "
	"\"source\": [\"import tensorflow as tf\\n\", \"x = tf.add(1, 2)\"]}, "
	"{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# "
	"T\\u00edtulo \xc3\xa9 \\ud83d\\ude00\"}, "
	"{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], "
	"\"source\": \"y = \\\"\\\\t\\/\\\"\\r\\nz = 1E+2\"}], "
	"\"metadata\": {\"kernelspec\": {\"name\": \"python3\"}}, "
	"\"nbformat\": 4, \"nbformat_minor\": 2}\n",
	"{\n \"nbformat\": 4,\n \"nbformat_minor\": 0,\n \"metadata\": {},\n"
	" \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n"
	"    \"a = '\xe6\x97\xa5\xf0\x9f\x98\x80'\\n\",\n    \"b = [true]\"\n"
	"   ]\n  },\n  {\"cell_type\": \"raw\", \"source\": []},\n"
	"  {\"cell_type\": \"code\", \"source\": [], \"outputs\": "
	"[{\"text\": [\"0.5\\n\", \"1e-7\"]}]}\n ]\n}",
	"{\"cells\":[],\"nbformat\":4,\"metadata\":{\"a\":{\"b\":{\"c\":[[{}]]}"
	"}"
	"}}",
};

static const char *const inserts[] = {
	"\\u0000", "\\u0001", "\\uD800", "\\udbff\\udfff", "\\uDC00",
	"\\uD800\\u0041", "\\uD83D\\uDE00", "\\x", "\\u12", "\\U0041", "\\",
	"\xc3\xa9", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe0\x80\x80",
	"\xc0\xaf", "\xf0\x9f\x98\x80", "\xef\xbb\xbf", "\x7f", "\t", "\n",
	"1e400", "-1e-400", "1e308", "9e300", "-", "01", "1.", ".5", "-0", "+1",
	"99999999999999999999", "9223372036854775807", "-9223372036854775808",
	"9223372036854775808", "-9223372036854775809", "123456789012345678",
	"1234567890123456789", "0.0000000000000000000000001e-5", "tru", "nul",
	"True", ", ", ",", ":", "\"\"", "\"k\": 1, ", "\"\": 0, ", "[", "]",
	"{", "}", " x", "// c",
	/* duplicates in whatever object the text lands in */
	"\"dup\": 1, \"dup\": 2, ", "\"cell_type\": \"code\", ",
	"\"source\": \"s\", ", "\"nbformat\": 4, ", "\"cells\": [], ",
	"\"a\\u0062\": 1, \"ab\": 2, ", "\"ab\": 1, \"a\\/b\": 2, ",
	"\"k\\u00e9\": 1, \"k\xc3\xa9\": 2, "};

static const unsigned char flips[] = {
	'"',  '\\', '{',  '}',	'[',  ']',  ',',  ':',	'0',  '9',  '-',
	'+',  'e',  '.',  'x',	'u',  ' ',  '\n', '\r', 0x00, 0x1f, 0x7f,
	0x80, 0xbf, 0xc0, 0xc3, 0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xff};

typedef struct {
	size_t cases, fast_yes, jansson_yes, failures;
} tally;

/* check_structure's rules and words, on jansson's tree. */
static int reference(const char *data, size_t len, tfms_buf *module,
		     tfms_buf *message)
{
	json_error_t err;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		tfms_buf_printf(message,
				"t.ipynb: not a valid notebook: line "
				"%d: %s",
				err.line, err.text);
		return -1;
	}
	int rc = -1;
	json_t *major = json_object_get(root, "nbformat");
	json_t *cells = json_object_get(root, "cells");
	if (!json_is_object(root)) {
		tfms_buf_puts(message, "t.ipynb: not a valid notebook: the top "
				       "level is not an object");
		goto done;
	}
	if (!json_is_integer(major) || json_integer_value(major) != 4) {
		tfms_buf_puts(message, "t.ipynb: not an nbformat 4 notebook");
		goto done;
	}
	if (!json_is_array(cells)) {
		tfms_buf_puts(message, "t.ipynb: not a valid notebook: 'cells' "
				       "is not a list");
		goto done;
	}
	for (size_t i = 0; i < json_array_size(cells); i++) {
		json_t *cell = json_array_get(cells, i);
		json_t *type = json_object_get(cell, "cell_type");
		json_t *source = json_object_get(cell, "source");
		if (!json_is_object(cell) || !json_is_string(type)) {
			tfms_buf_printf(message,
					"t.ipynb: cell %zu: not a valid cell",
					i + 1);
			goto done;
		}
		bool code = strcmp(json_string_value(type), "code") == 0;
		size_t start = module->len;
		if (json_is_string(source)) {
			if (code)
				tfms_buf_put(module, json_string_value(source),
					     json_string_length(source));
		} else {
			bool ok = json_is_array(source);
			for (size_t k = 0; ok && k < json_array_size(source);
			     k++) {
				json_t *s = json_array_get(source, k);
				ok = json_is_string(s);
				if (ok && code)
					tfms_buf_put(module,
						     json_string_value(s),
						     json_string_length(s));
			}
			if (!ok) {
				tfms_buf_printf(
					message,
					"t.ipynb: cell %zu: the source is "
					"neither a string nor a list of "
					"strings",
					i + 1);
				goto done;
			}
		}
		if (module->len > start && module->ptr[module->len - 1] != '\n')
			tfms_buf_putc(module, '\n');
	}
	rc = 0;
done:
	json_decref(root);
	return rc;
}

static void check(tally *t, const char *data, size_t len)
{
	t->cases++;
	bool fast = tfms_jsonscan(data, len, 0, NULL, NULL);
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL);
	t->fast_yes += fast;
	t->jansson_yes += root != NULL;
	json_decref(root);

	tfms_buf want = TFMS_BUF_INIT, why = TFMS_BUF_INIT;
	int want_rc = reference(data, len, &want, &why);
	tfms_notebook *nb = NULL;
	int rc = tfms_notebook_parse(&nb, "t.ipynb", data, len);
	size_t mlen = 0;
	const char *m = rc == 0 ? tfms_notebook_module(nb, &mlen) : "";
	bool same =
		(fast <= (root != NULL)) && (rc == 0) == (want_rc == 0) &&
		(rc == 0 ? mlen == want.len && memcmp(m, want.ptr, mlen) == 0
			 : strcmp(tfms_error_last(), why.ptr) == 0);
	/* Report a few, not thousands. */
	if (!same && t->failures++ < 5)
		cr_log_error("scan %s, jansson %s, parse rc %d (want %d): "
			     "'%s' (want '%s'), module '%.*s' (want '%s'), "
			     "input (%zu bytes): '%.*s'",
			     fast ? "yes" : "no", root ? "yes" : "no", rc,
			     want_rc, rc ? tfms_error_last() : "", why.ptr,
			     (int)mlen, m, want.ptr, len, (int)len, data);
	tfms_notebook_free(nb);
	tfms_buf_dispose(&want);
	tfms_buf_dispose(&why);
}

static void check_replaced(tally *t, const char *seed, size_t at, size_t cut,
			   const char *text, size_t text_len)
{
	size_t n = strlen(seed);
	char *buf = malloc(n + text_len + 1);
	memcpy(buf, seed, at);
	memcpy(buf + at, text, text_len);
	memcpy(buf + at + text_len, seed + at + cut, n - at - cut);
	check(t, buf, n - cut + text_len);
	free(buf);
}

static void finish(const tally *t, const char *what)
{
	cr_expect_eq(t->failures, 0, "%s: %zu of %zu cases differ", what,
		     t->failures, t->cases);
	cr_log_info("%s: %zu cases, scan yes %zu, jansson yes %zu", what,
		    t->cases, t->fast_yes, t->jansson_yes);
	/* Not vacuous: both sides accept some and refuse some. */
	cr_expect_gt(t->fast_yes, 0, "%s: the scan accepted nothing", what);
	cr_expect_lt(t->jansson_yes, t->cases, "%s: jansson refused nothing",
		     what);
}

Test(notebook_json, seeds_take_the_fast_path)
{
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++)
		cr_expect(tfms_jsonscan(seeds[s], strlen(seeds[s]), 0, NULL,
					NULL),
			  "seed %zu", s);
}

Test(notebook_json, truncations)
{
	tally t = {0};
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++)
		for (size_t n = 0; n <= strlen(seeds[s]); n++)
			check(&t, seeds[s], n);
	finish(&t, "truncations");
}

Test(notebook_json, byte_changes)
{
	tally t = {0};
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++)
		for (size_t at = 0; at < strlen(seeds[s]); at++)
			for (size_t f = 0; f < sizeof(flips); f++)
				check_replaced(&t, seeds[s], at, 1,
					       (const char *)&flips[f], 1);
	finish(&t, "byte changes");
}

Test(notebook_json, insertions)
{
	tally t = {0};
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++)
		for (size_t at = 0; at <= strlen(seeds[s]); at++)
			for (size_t i = 0;
			     i < sizeof(inserts) / sizeof(*inserts); i++)
				check_replaced(&t, seeds[s], at, 0, inserts[i],
					       strlen(inserts[i]));
	finish(&t, "insertions");
}

/* Several changes at once, from a fixed pseudo-random sequence. */
Test(notebook_json, random_changes)
{
	tally t = {0};
	uint64_t x = 88172645463325252u;
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++) {
		size_t n = strlen(seeds[s]);
		char *buf = malloc(n);
		for (int round = 0; round < 3000; round++) {
			memcpy(buf, seeds[s], n);
			for (int k = 0; k < 1 + round % 4; k++) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				buf[x % n] =
					(char)flips[(x >> 32) % sizeof(flips)];
			}
			check(&t, buf, n);
		}
		free(buf);
	}
	finish(&t, "random changes");
}

Test(notebook_json, nesting_and_wrapping)
{
	tally t = {0};
	static const size_t depths[] = {1,    100,  198,  199,	200,  201,
					1000, 2046, 2047, 2048, 2049, 3000};
	for (size_t d = 0; d < sizeof(depths) / sizeof(depths[0]); d++) {
		for (int kind = 0; kind < 2; kind++) {
			tfms_buf b = TFMS_BUF_INIT;
			tfms_buf_puts(&b, "{\"nbformat\": 4, \"cells\": [], "
					  "\"m\": ");
			for (size_t i = 0; i < depths[d]; i++)
				tfms_buf_puts(&b, kind ? "{\"a\": " : "[");
			tfms_buf_puts(&b, "0");
			for (size_t i = 0; i < depths[d]; i++)
				tfms_buf_puts(&b, kind ? "}" : "]");
			tfms_buf_puts(&b, "}");
			check(&t, b.ptr, b.len);
			tfms_buf_dispose(&b);
		}
	}
	static const char *const wraps[][2] = {{"\xef\xbb\xbf", ""},
					       {"", " x"},
					       {"", "{}"},
					       {" \r\n\t", " \n"},
					       {"[", "]"},
					       {"", "\x00"},
					       {"", ","},
					       {"\f", ""}};
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++)
		for (size_t w = 0; w < sizeof(wraps) / sizeof(wraps[0]); w++) {
			tfms_buf b = TFMS_BUF_INIT;
			tfms_buf_puts(&b, wraps[w][0]);
			tfms_buf_puts(&b, seeds[s]);
			tfms_buf_put(&b, wraps[w][1],
				     w == 5 ? 1 : strlen(wraps[w][1]));
			check(&t, b.ptr, b.len);
			tfms_buf_dispose(&b);
		}
	static const char *const whole[] = {
		"[]",
		"{}",
		"[1]",
		"\"x\"",
		"4",
		"",
		" ",
		"{\"nbformat\": 4.0, \"cells\": []}",
		"{\"nbformat\": 4e0, \"cells\": []}",
		"{\"nbformat\": -4, \"cells\": []}",
		"{\"nbformat\": \"4\", \"cells\": []}",
		"{\"nbformat\": 4, \"cells\": {}}",
		"{\"nbformat\": 4}",
		"{\"nbformat\": 4, \"cells\": [1]}",
		"{\"nbformat\": 4, \"cells\": [{\"source\": \"\"}]}",
		"{\"nbformat\": 4, \"cells\": [{\"cell_type\": 1, "
		"\"source\": \"\"}]}",
		"{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\"}]}",
		"{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", "
		"\"source\": [\"a\", 1]}]}",
		"{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"c\\u006fde\", "
		"\"source\": \"x\"}]}",
		"{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", "
		"\"source\": null}]}",
		"{\"nbf\\u006frmat\": 4, \"cells\": []}"};
	for (size_t w = 0; w < sizeof(whole) / sizeof(whole[0]); w++)
		check(&t, whole[w], strlen(whole[w]));
	finish(&t, "nesting and wrapping");
}
