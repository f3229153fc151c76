#include "tfms/alloc.h"
#include "tfms/imports.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static tfms_python *py;
static tfms_source src;
static tfms_analysis analysis;
static tfms_ruleset *rs;
static tfms_imports *im;

static void setup(void)
{
	cr_assert_eq(tfms_python_new(&py), 0);
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_builtin(rs), 0);
	cr_assert_eq(tfms_ruleset_finalize(rs), 0);
}

static void teardown(void)
{
	tfms_imports_free(im);
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
	tfms_ruleset_free(rs);
	tfms_python_free(py);
}

static void analyze(const char *text)
{
	cr_assert_eq(
		tfms_source_init(&src, "t.py", tfms_strdup(text), strlen(text)),
		0);
	cr_assert_eq(tfms_analyze(&analysis, py, &src), 0);
	tfms_imports_new(&im, &src, &analysis, rs);
	tfms_imports_settle(im, NULL, 0);
}

TestSuite(imports, .init = setup, .fini = teardown);

Test(imports, insert_point_after_docstring_future_and_imports)
{
	analyze("#!/usr/bin/env python\n\"\"\"Doc.\"\"\"\n"
		"from __future__ import print_function\nimport os\n\nX = 1\n");
	bool needs_newline = true;
	cr_expect_eq(
		tfms_imports_insert_point(&src, analysis.tree, &needs_newline),
		strlen("#!/usr/bin/env python\n\"\"\"Doc.\"\"\"\n"
		       "from __future__ import print_function\nimport os\n"));
	cr_expect(!needs_newline);
}

Test(imports, insert_point_at_end_without_newline)
{
	analyze("import os");
	bool needs_newline = false;
	cr_expect_eq(
		tfms_imports_insert_point(&src, analysis.tree, &needs_newline),
		strlen("import os"));
	cr_expect(needs_newline);
}

Test(imports, spells_modules_from_the_rules)
{
	analyze("x = 1\n");
	char *a = tfms_imports_spell(im, "mindspore.ops.stop_gradient");
	char *b = tfms_imports_spell(im, "mindspore.Tensor");
	cr_expect_str_eq(a, "ops.stop_gradient");
	cr_expect_str_eq(b, "ms.Tensor");
	free(a);
	free(b);
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_imports_plan(im, &edits);
	cr_assert_eq(edits.len, 1);
	cr_expect_str_eq(edits.items[0].text,
			 "import mindspore as ms\nfrom mindspore import ops\n");
	cr_expect_eq(edits.items[0].start, 0);
	tfms_edits_dispose(&edits);
}

Test(imports, taken_names_go_through_the_parent)
{
	analyze("ops = 1\nms = 2\n");
	char *a = tfms_imports_spell(im, "mindspore.ops.stop_gradient");
	cr_expect_str_eq(a, "mindspore.ops.stop_gradient");
	free(a);
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_imports_plan(im, &edits);
	cr_assert_eq(edits.len, 1);
	cr_expect_str_eq(edits.items[0].text, "import mindspore\n");
	tfms_edits_dispose(&edits);
}
