#include "tfms/alloc.h"
#include "tfms/verify.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static tfms_python *py;
static tfms_source src;
static TSTree *tree;
static tfms_edit_list edits = TFMS_EDIT_LIST_INIT;

static void setup(void)
{
	cr_assert_eq(tfms_python_new(&py), 0);
}

static void teardown(void)
{
	tfms_edits_dispose(&edits);
	if (tree)
		ts_tree_delete(tree);
	tfms_source_dispose(&src);
	tfms_python_free(py);
}

TestSuite(verify, .init = setup, .fini = teardown);

static void load(const char *text)
{
	cr_assert_eq(
		tfms_source_init(&src, "t.py", tfms_strdup(text), strlen(text)),
		0);
	tree = tfms_python_parse(py, src.data, src.len);
}

/* Replaces the first occurrence of old (after the start of at) by text. */
static tfms_edit *edit(const char *at, const char *old, const char *text)
{
	const char *base = strstr(src.data, at);
	cr_assert_not_null(base);
	const char *p = strstr(base, old);
	cr_assert_not_null(p, "no '%s' in the source", old);
	size_t start = (size_t)(p - src.data);
	return tfms_edits_add(&edits, start, start + strlen(old), text, "t");
}

/* Checks locally, then the way the caller does when that is not decided:
 * a full re-parse of the result, compared by error count. */
static tfms_verify_result verify(void)
{
	char *out;
	size_t len;
	cr_assert_eq(tfms_edits_apply(&edits, src.data, src.len, &out, &len),
		     0);
	tfms_verify_result r = tfms_verify_locally(py, &src, tree, &edits);
	cr_assert_neq(r, TFMS_VERIFY_BROKEN, "the local check never says so");
	if (r == TFMS_VERIFY_UNKNOWN) {
		TSTree *after = tfms_python_parse(py, out, len);
		if (tfms_python_error_count(after) >
		    tfms_python_error_count(tree))
			r = TFMS_VERIFY_BROKEN;
		ts_tree_delete(after);
	}
	free(out);
	return r;
}

Test(verify, accepts_a_renamed_callee)
{
	load("import tensorflow as tf\ny = tf.stop_gradient(x)\n");
	edit("y =", "tf.stop_gradient", "ops.stop_gradient");
	cr_expect_eq(verify(), TFMS_VERIFY_CLEAN);
}

Test(verify, accepts_argument_and_header_edits)
{
	load("y = f(a, name='n')\nif g(b, name='n'):\n    pass\n");
	edit("y =", ", name='n'", "");
	edit("if", ", name='n'", "");
	cr_expect_eq(verify(), TFMS_VERIFY_CLEAN);
}

Test(verify, accepts_removed_lines_and_new_imports)
{
	load("import tensorflow as tf\nx = 1\n");
	edit("import", "import tensorflow as tf\n", "")->flags |=
		TFMS_EDIT_REMOVES_LINES;
	tfms_edits_add(&edits, 0, 0, "from mindspore import ops\n", "t")
		->flags |= TFMS_EDIT_ADDS_STATEMENTS;
	cr_expect_eq(verify(), TFMS_VERIFY_CLEAN);
}

Test(verify, refuses_broken_arguments)
{
	load("y = f(a, b)\n");
	edit("y =", "b", "b,,");
	cr_expect_eq(verify(), TFMS_VERIFY_BROKEN);
}

Test(verify, refuses_a_broken_statement)
{
	load("x = 1\ny = g(x)\n");
	edit("y =", "g(x)", "g(x");
	cr_expect_eq(verify(), TFMS_VERIFY_BROKEN);
}

Test(verify, refuses_a_broken_new_import)
{
	load("x = 1\n");
	tfms_edits_add(&edits, 0, 0, "from mindspore import\n", "t")->flags |=
		TFMS_EDIT_ADDS_STATEMENTS;
	cr_expect_eq(verify(), TFMS_VERIFY_BROKEN);
}

Test(verify, leaves_multi_line_edits_to_the_full_parse)
{
	load("y = f(a)\n");
	edit("y =", "f(a)", "f(\n    a)");
	cr_expect_eq(tfms_verify_locally(py, &src, tree, &edits),
		     TFMS_VERIFY_UNKNOWN);
}

/* A list argument turned into a tuple keeps its lines: inside a call's
 * parentheses Python joins them, and the unit is checked alone. */
Test(verify, accepts_a_multi_line_argument_edit)
{
	load("y = f([a,\n       b], c)\nz = 1\n");
	edit("y =", "[a,\n       b]", "(a,\n       b)");
	cr_expect_eq(tfms_verify_locally(py, &src, tree, &edits),
		     TFMS_VERIFY_CLEAN);
}

Test(verify, refuses_a_broken_multi_line_argument_edit)
{
	load("y = f([a,\n       b], c)\nz = 1\n");
	edit("y =", "[a,\n       b]", "(a,\n       b");
	cr_expect_eq(tfms_verify_locally(py, &src, tree, &edits),
		     TFMS_VERIFY_UNKNOWN);
	cr_expect_eq(verify(), TFMS_VERIFY_BROKEN);
}

/* Two argument edits whose brackets only balance together: each unit
 * alone is broken, and so is the file. */
Test(verify, refuses_edits_whose_brackets_balance_only_together)
{
	load("y = f(a)\nz = g(b)\n");
	edit("y =", "a", "(a,\n");
	edit("z =", "b", "b)");
	cr_expect_eq(tfms_verify_locally(py, &src, tree, &edits),
		     TFMS_VERIFY_UNKNOWN);
	cr_expect_eq(verify(), TFMS_VERIFY_BROKEN);
}
