#include "tfms/alloc.h"
#include "tfms/report.h"
#include "tfms/source.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

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
	tfms_report_add_conversion(r, &c);
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
		tfms_report_add_finding(r, &f);
	}
}

Test(report, json_has_the_documented_shape)
{
	tfms_report r = TFMS_REPORT_INIT;
	fill(&r);
	tfms_buf out = TFMS_BUF_INIT;
	cr_assert_eq(tfms_report_write_json(&r, &out), 0);
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
}

Test(report, markdown_is_a_plan)
{
	tfms_report r = TFMS_REPORT_INIT;
	fill(&r);
	tfms_buf out = TFMS_BUF_INIT;
	tfms_report_write_markdown(&r, &out);
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
