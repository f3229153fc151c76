#include "tfms/alloc.h"
#include "tfms/error.h"
#include "tfms/report.h"
#include "tfms/sarif.h"
#include "tfms/source.h"
#include "tfms/spool.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static tfms_results records;

static void fill(tfms_report *r)
{
	r->files_scanned = 2;
	r->files_changed = 1;
	r->rule_sources = tfms_strdup("rules/x.md");
	r->rules_loaded = 4;
	tfms_conversion c = {
		.path = tfms_strdup("a.py"),
		.line = 3,
		.column = 5,
		.api = tfms_strdup("tf.stop_gradient"),
		.ms_api = tfms_strdup("mindspore.ops.stop_gradient"),
		.rule = tfms_strdup("tf.stop_gradient"),
	};
	*tfms_results_add_conversion(&records) = c;
	for (int i = 0; i < 2; i++) {
		tfms_finding f = {
			.path = tfms_strdup("b.py"),
			.line = 7 + (uint32_t)i,
			.column = 1,
			.api = tfms_strdup("tf.gradients"),
			.kind = TFMS_FINDING_DIFF,
			.message = tfms_strdup("differs | really"),
			.ms_api = tfms_strdup("mindspore.ops.GradOperation"),
			.doc_url = tfms_strdup("http://d"),
			.source_line = tfms_strdup("g = tf.gradients(y, `x`)"),
			.rule = tfms_strdup("tf.gradients"),
		};
		*tfms_results_add_finding(&records) = f;
	}
}

Test(report, json_has_the_documented_shape)
{
	tfms_report r = TFMS_REPORT_INIT;
	fill(&r);
	tfms_buf out = TFMS_BUF_INIT;
	tfms_report_writer *w;
	cr_assert_eq(tfms_report_json_new(&w, NULL, "r.json"), 0);
	cr_assert_eq(tfms_report_write(w, &r, &records, &out), 0);
	json_t *root = json_loads(out.ptr, 0, NULL);
	cr_assert_not_null(root);
	json_t *s = json_object_get(root, "summary");
	cr_expect_eq(json_integer_value(json_object_get(s, "tf_uses")), 3);
	cr_expect_eq(json_integer_value(json_object_get(s, "converted")), 1);
	cr_expect_eq(json_integer_value(json_object_get(s, "not_converted")),
		     2);
	json_t *f = json_array_get(json_object_get(root, "findings"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(f, "kind")), "diff");
	cr_expect_str_eq(json_string_value(json_object_get(f, "doc_url")),
			 "http://d");
	json_t *c = json_array_get(json_object_get(root, "conversions"), 0);
	cr_expect_null(json_object_get(c, "review"));
	json_t *cov = json_object_get(root, "coverage");
	cr_expect_eq(
		json_integer_value(json_object_get(cov, "rules_exercised")), 2);
	json_t *top = json_array_get(json_object_get(cov, "rules"), 0);
	cr_expect_str_eq(json_string_value(json_object_get(top, "rule")),
			 "tf.gradients");
	json_decref(root);
	tfms_buf_dispose(&out);
	tfms_report_dispose(&r);
	tfms_results_dispose(&records);
}

Test(report, markdown_is_a_plan)
{
	tfms_report r = TFMS_REPORT_INIT;
	fill(&r);
	tfms_buf out = TFMS_BUF_INIT;
	tfms_report_writer *w;
	cr_assert_eq(tfms_report_markdown_new(&w, NULL, "r.md"), 0);
	cr_assert_eq(tfms_report_write(w, &r, &records, &out), 0);
	cr_expect_not_null(strstr(out.ptr, "| Converted | 1 (33.3 %) |"));
	/* Leads with what the code is, then the phases, then the files. */
	const char *stands = strstr(out.ptr, "## Where the migration stands");
	const char *phases =
		strstr(out.ptr, "## Remaining work by migration phase");
	const char *files = strstr(out.ptr, "## Checklist by file");
	const char *cov = strstr(out.ptr, "## Rule coverage");
	cr_assert(stands && phases && files && cov);
	cr_expect(stands < phases && phases < files && files < cov);
	cr_expect_not_null(strstr(out.ptr, "runs on MindSpore once the work"));
	/* Repeats collapse: one line per API with the lines per file. */
	cr_expect_not_null(
		strstr(out.ptr, "- **`tf.gradients`** — 2 uses in 1 file"));
	cr_expect_not_null(strstr(out.ptr, "  - `b.py`: lines 7, 8\n"));
	cr_expect_not_null(strstr(out.ptr, "differs \\| really"));
	cr_expect_not_null(strstr(out.ptr, "[Difference page](http://d)"));
	/* The checklist: the file with work left first, with its status. */
	const char *b = strstr(out.ptr, "### `b.py` — untouched: 2 left");
	const char *a = strstr(out.ptr, "### `a.py` — done");
	cr_assert(a && b);
	cr_expect(b < a);
	cr_expect_not_null(strstr(out.ptr, "- [ ] Unclassified: `tf.gradients` "
					   "×2, lines 7, 8"));
	cr_expect_not_null(strstr(out.ptr, "exercised 2 of the 4 rules"));
	cr_expect_not_null(strstr(out.ptr, "| `tf.gradients` | 2 | 0 | 2 |"));
	tfms_buf_dispose(&out);
	tfms_report_dispose(&r);
	tfms_results_dispose(&records);
}

/* Records of several files, in path order, with reviews and notebook
 * cells: the streamed parts must join into one well-formed document. */
static void fill_files(tfms_report *r)
{
	r->files_scanned = 3;
	r->rule_sources = tfms_strdup("builtin");
	r->rules_loaded = 9;
	static const char *const paths[] = {"a.py", "b.ipynb", "c.py"};
	for (uint32_t p = 0; p < 3; p++) {
		for (uint32_t i = 0; i < 3; i++) {
			tfms_conversion *c =
				tfms_results_add_conversion(&records);
			c->path = tfms_strdup(paths[p]);
			c->line = 2 + i;
			c->column = 1;
			c->cell = p == 1 ? 2 : 0;
			c->api = tfms_strdup(i ? "tf.Tensor" : "tf.abs");
			c->ms_api = tfms_strdup("mindspore.X");
			c->rule = tfms_strdup(c->api);
			c->review = i ? tfms_strdup("check \"it\"") : NULL;
			c->reference = i == 2;
		}
		for (uint32_t i = 0; i < 2; i++) {
			tfms_finding *f = tfms_results_add_finding(&records);
			f->path = tfms_strdup(paths[p]);
			f->line = 9;
			f->column = 1 + i;
			f->api = tfms_strdup(p == 2 ? "tf.py_func" : "tf.cond");
			f->kind = TFMS_FINDING_NOT_DROP_IN;
			f->message = tfms_strdup("needs care\nreally");
			f->source_line = tfms_strdup("y = tf.cond(x)");
			f->level = TFMS_LEVEL_ERROR;
			f->cell = p == 1 ? 2 : 0;
		}
	}
}

static char *write_with(int (*make)(tfms_report_writer **, const char *,
				    const char *))
{
	tfms_report r = TFMS_REPORT_INIT;
	fill_files(&r);
	tfms_report_writer *w;
	cr_assert_eq(make(&w, NULL, "r"), 0);
	tfms_buf out = TFMS_BUF_INIT;
	cr_assert_eq(tfms_report_write(w, &r, &records, &out), 0);
	tfms_report_dispose(&r);
	tfms_results_dispose(&records);
	return tfms_buf_detach(&out, NULL);
}

/* jansson re-dumps its own layout byte for byte: a document assembled
 * from spooled parts must read as one that jansson dumped whole. */
static json_t *expect_jansson_layout(const char *text)
{
	json_t *root = json_loads(text, 0, NULL);
	cr_assert_not_null(root, "%s", text);
	char *again = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	size_t n = strlen(again);
	cr_expect_eq(strlen(text), n + 1);
	cr_expect_eq(strncmp(text, again, n), 0, "%s", text);
	cr_expect_eq(text[n], '\n');
	free(again);
	return root;
}

Test(report, streamed_json_is_one_document)
{
	char *text = write_with(tfms_report_json_new);
	json_t *root = expect_jansson_layout(text);
	cr_expect_eq(json_array_size(json_object_get(root, "conversions")), 9);
	cr_expect_eq(json_array_size(json_object_get(root, "findings")), 6);
	json_t *s = json_object_get(root, "summary");
	cr_expect_eq(json_integer_value(json_object_get(s, "tf_uses")), 15);
	/* Fingerprints rank within a file: equal lines in two files still
	 * differ, two equal findings in one file too. */
	json_t *fs = json_object_get(root, "findings");
	const char *f0 = json_string_value(
		json_object_get(json_array_get(fs, 0), "fingerprint"));
	const char *f1 = json_string_value(
		json_object_get(json_array_get(fs, 1), "fingerprint"));
	const char *f2 = json_string_value(
		json_object_get(json_array_get(fs, 2), "fingerprint"));
	cr_expect_str_neq(f0, f1);
	cr_expect_str_neq(f0, f2);
	json_decref(root);
	free(text);
}

Test(report, streamed_sarif_numbers_review_rules_after_finding_rules)
{
	char *text = write_with(tfms_report_sarif_new);
	json_t *root = expect_jansson_layout(text);
	json_t *run = json_array_get(json_object_get(root, "runs"), 0);
	json_t *rules = json_object_get(
		json_object_get(json_object_get(run, "tool"), "driver"),
		"rules");
	json_t *results = json_object_get(run, "results");
	/* 6 findings, then the 6 conversions with a review. */
	cr_assert_eq(json_array_size(results), 12);
	/* not-drop-in/tf.cond, not-drop-in/tf.py_func, converted/tf.Tensor */
	cr_assert_eq(json_array_size(rules), 3);
	for (size_t i = 0; i < json_array_size(results); i++) {
		json_t *res = json_array_get(results, i);
		json_int_t k =
			json_integer_value(json_object_get(res, "ruleIndex"));
		json_t *rule = json_array_get(rules, (size_t)k);
		cr_assert_not_null(rule);
		cr_expect_str_eq(
			json_string_value(json_object_get(rule, "id")),
			json_string_value(json_object_get(res, "ruleId")));
	}
	cr_expect_eq(json_integer_value(json_object_get(
			     json_array_get(results, 11), "ruleIndex")),
		     2);
	json_decref(root);
	free(text);
}

Test(report, streamed_markdown_groups_across_files)
{
	char *text = write_with(tfms_report_markdown_new);
	/* One line per API over all files, the files under it in order. */
	const char *cond = strstr(text, "- **`tf.cond`** — 4 uses in 2 files");
	cr_assert_not_null(cond, "%s", text);
	cr_expect_not_null(strstr(cond, "\n  - `a.py`: lines 9\n"
					"  - `b.ipynb`: lines cell 2:9\n"));
	const char *py = strstr(text, "- **`tf.py_func`** — 2 uses in 1 file");
	cr_assert_not_null(py);
	cr_expect(cond < py, "the API with more uses comes first");
	/* The review lines and the type checks keep report order. */
	cr_expect_not_null(strstr(text, "- [ ] `a.py:4:1` `tf.Tensor`"));
	cr_expect_not_null(strstr(text, "- [ ] Review cell 2 line 3: "));
	cr_expect_not_null(strstr(text, "| `tf.Tensor` | 6 | `mindspore.X` |"));
	free(text);
}

Test(report, writer_error_names_the_report)
{
	tfms_report_writer *w = NULL;
	cr_expect_eq(tfms_report_json_new(&w, "/nonexistent/dir", "out.json"),
		     -1);
	cr_expect_null(w);
	cr_expect_not_null(strstr(tfms_error_last(), "out.json"));
}

static int append(const char *data, size_t len, void *payload)
{
	tfms_buf_put(payload, data, len);
	return 0;
}

Test(spool, reads_back_what_was_written)
{
	tfms_spool *s;
	cr_assert_eq(tfms_spool_new(&s, NULL, "x"), 0);
	/* More than one write buffer's worth, in odd pieces. */
	tfms_buf all = TFMS_BUF_INIT;
	for (int i = 0; i < 20000; i++) {
		char line[32];
		int n = snprintf(line, sizeof(line), "line %d\n", i);
		cr_assert_eq(tfms_spool_write(s, line, (size_t)n), 0);
		tfms_buf_put(&all, line, (size_t)n);
	}
	cr_expect_eq(tfms_spool_size(s), all.len);
	tfms_buf piece = TFMS_BUF_INIT;
	cr_assert_eq(tfms_spool_read(s, 7, 14, &piece), 0);
	cr_expect_eq(memcmp(piece.ptr, all.ptr + 7, 14), 0);
	cr_expect_eq(piece.len, 14);
	/* Reads interleave with writes. */
	cr_assert_eq(tfms_spool_write(s, "end", 3), 0);
	tfms_buf_puts(&all, "end");
	tfms_buf copy = TFMS_BUF_INIT;
	cr_assert_eq(tfms_spool_copy(s, append, &copy), 0);
	cr_expect_eq(copy.len, all.len);
	cr_expect_eq(memcmp(copy.ptr, all.ptr, all.len), 0);
	tfms_buf_dispose(&copy);
	tfms_buf_dispose(&piece);
	tfms_buf_dispose(&all);
	tfms_spool_free(s);
}

Test(source, positions_count_characters_and_skip_the_bom)
{
	const char *text = "\xEF\xBB\xBFx = 1\r\n\xC3\xA9 = tf\n";
	tfms_source src;
	cr_assert_eq(
		tfms_source_init(&src, "s.py", tfms_strdup(text), strlen(text)),
		0);
	cr_expect(src.crlf);
	uint32_t line, col;
	tfms_source_position(&src, 3, &line, &col);
	cr_expect_eq(line, 1);
	cr_expect_eq(col, 1);
	tfms_source_position(&src, strlen("\xEF\xBB\xBFx = 1\r\n\xC3\xA9 = "),
			     &line, &col);
	cr_expect_eq(line, 2);
	cr_expect_eq(col, 5);
	size_t s, e;
	tfms_source_line_range(&src, 1, &s, &e);
	cr_expect_eq(e - s, 5); /* "x = 1" without BOM and CR */
	tfms_source_dispose(&src);
}
