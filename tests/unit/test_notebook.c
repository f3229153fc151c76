#include "tfms/error.h"
#include "tfms/fingerprint.h"
#include "tfms/notebook.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define HEAD	  "{\"cells\": ["
#define TAIL	  "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 4}\n"
#define CODE(src) "{\"cell_type\": \"code\", \"source\": " src "}"

static tfms_notebook *parse(const char *text)
{
	tfms_notebook *nb = NULL;
	cr_assert_eq(tfms_notebook_parse(&nb, "t.ipynb", text, strlen(text)), 0,
		     "%s", tfms_error_last());
	return nb;
}

static const char *module(const tfms_notebook *nb)
{
	size_t len;
	return tfms_notebook_module(nb, &len);
}

/* Applies one edit of the module's text at its first occurrence of what
 * (plus skip bytes) and returns the new file. */
static char *edit(tfms_notebook *nb, const char *what, size_t skip,
		  size_t remove, const char *text, int *rc)
{
	const char *m = module(nb);
	const char *at = strstr(m, what);
	cr_assert_not_null(at, "'%s' not in the module:\n%s", what, m);
	size_t start = (size_t)(at - m) + skip;
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_edits_add(&edits, start, start + remove, text, "test");
	char *out = NULL;
	size_t len = 0;
	*rc = tfms_notebook_apply(nb, &edits, &out, &len);
	tfms_edits_dispose(&edits);
	return out;
}

Test(notebook, code_cells_make_one_module_in_order)
{
	tfms_notebook *nb = parse(HEAD CODE(
		"[\"import a\\n\", \"b = 1\"]") ", "
						"{\"cell_type\": \"markdown\", "
						"\"source\": \"# x\"}, " CODE(
							"\"a.f(b)\\n\"") TAIL);
	cr_expect_str_eq(module(nb), "import a\nb = 1\na.f(b)\n");
	tfms_notebook_free(nb);
}

Test(notebook, ipython_lines_keep_their_length)
{
	tfms_notebook *nb = parse(HEAD CODE(
		"[\"%time x\\n\", \"if x:\\n\", \"    !ls\\n\", \"y?\\n\", "
		"\"z = !pwd\\n\", \"s = '%d' % 1\"]") TAIL);
	cr_expect_str_eq(module(nb),
			 "#      \nif x:\n    0  \n# \n#       \ns = '%d' % 1\n"
			 "time.__tfms_ipython__\nx.__tfms_ipython__\n"
			 "y.__tfms_ipython__\n");
	tfms_notebook_free(nb);
}

Test(notebook, a_cell_magic_blanks_its_cell)
{
	tfms_notebook *nb =
		parse(HEAD CODE("[\"%%bash\\n\", \"echo tf\"]") TAIL);
	cr_expect_str_eq(module(nb), "      \n       \n");
	tfms_notebook_free(nb);
}

Test(notebook, an_edit_keeps_every_other_byte)
{
	const char *text = HEAD CODE("[\n    \"x = f(1)\\n\",\n    "
				     "\"caf\\u00e9 = \\\"\\t\\\"\"\n   ]") TAIL;
	tfms_notebook *nb = parse(text);
	int rc;
	char *out = edit(nb, "f(1)", 0, 1, "g", &rc);
	cr_assert_eq(rc, 0, "%s", tfms_error_last());
	cr_expect_str_eq(out,
			 HEAD CODE("[\n    \"x = g(1)\\n\",\n    "
				   "\"caf\\u00e9 = \\\"\\t\\\"\"\n   ]") TAIL);
	free(out);
	tfms_notebook_free(nb);
}

Test(notebook, new_text_is_escaped_as_the_file_does)
{
	tfms_notebook *nb = parse(HEAD CODE("[\"x = 1  # \\u00e9\\n\"]") TAIL);
	int rc;
	char *out =
		edit(nb, "1", 0, 1, "\"\xc3\xa9\xf0\x9f\x98\x80\\\t\"", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(
		out, HEAD CODE("[\"x = \\\"\\u00e9\\ud83d\\ude00\\\\\\t\\\"  "
			       "# \\u00e9\\n\"]") TAIL);
	free(out);
	tfms_notebook_free(nb);

	nb = parse(HEAD CODE("[\"x = 1  # \xc3\xa9\\n\"]") TAIL);
	out = edit(nb, "1", 0, 1, "\"\xc3\xa9\"", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out, HEAD CODE("[\"x = \\\"\xc3\xa9\\\"  # "
					"\xc3\xa9\\n\"]") TAIL);
	free(out);
	tfms_notebook_free(nb);
}

Test(notebook, added_lines_become_strings_of_the_list)
{
	tfms_notebook *nb =
		parse(HEAD CODE("[\n \"import a\\n\",\n \"a.f()\"\n]") TAIL);
	int rc;
	char *out = edit(nb, "a.f()", 0, 0, "import b\nimport c\n", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out, HEAD CODE("[\n \"import a\\n\",\n \"import "
					"b\\n\",\n \"import c\\n\",\n "
					"\"a.f()\"\n]") TAIL);
	free(out);
	/* At the end of a cell without a final line break, the break goes
	 * between the old last line and the new lines. */
	out = edit(nb, "a.f()", 6, 0, "import d\n", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out,
			 HEAD CODE("[\n \"import a\\n\",\n "
				   "\"a.f()\\n\",\n \"import d\"\n]") TAIL);
	free(out);
	tfms_notebook_free(nb);
}

Test(notebook, a_removed_line_leaves_the_list)
{
	tfms_notebook *nb = parse(HEAD CODE(
		"[\n \"import a\\n\",\n \"import b\\n\",\n \"b.f()\"\n]") TAIL);
	int rc;
	char *out = edit(nb, "import a\n", 0, 9, "", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out, HEAD CODE("[\n \"import b\\n\",\n "
					"\"b.f()\"\n]") TAIL);
	free(out);
	/* A change across two strings leaves one string per line. */
	out = edit(nb, "a\nimport b", 0, 10, "c, d", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out, HEAD CODE("[\n \"import c, d\\n\",\n "
					"\"b.f()\"\n]") TAIL);
	free(out);
	tfms_notebook_free(nb);
}

Test(notebook, refuses_edits_of_ipython_syntax_or_across_cells)
{
	tfms_notebook *nb = parse(HEAD CODE(
		"[\"%time f(1)\\n\", \"g(1)\"]") ", " CODE("\"h(1)\"") TAIL);
	int rc;
	char *out = edit(nb, "g(1)", 2, 1, "2", &rc);
	cr_expect_eq(rc, 0, "%s", tfms_error_last());
	free(out);
	out = edit(nb, "#", 2, 1, "x", &rc);
	cr_expect_lt(rc, 0);
	cr_expect_null(out);
	cr_expect(strstr(tfms_error_last(), "IPython") != NULL, "%s",
		  tfms_error_last());
	out = edit(nb, "g(1)", 2, 5, "", &rc);
	cr_expect_lt(rc, 0);
	cr_expect(strstr(tfms_error_last(), "two cells") != NULL, "%s",
		  tfms_error_last());
	tfms_notebook_free(nb);
}

Test(notebook, invalid_files_are_errors)
{
	static const char *const bad[] = {
		"not json",
		"[1]",
		"{\"nbformat\": 3, \"cells\": []}",
		"{\"nbformat\": 4}",
		HEAD CODE("3") TAIL,
		HEAD CODE("[\"a\", 1]") TAIL,
		HEAD "{\"source\": \"x\"}" TAIL,
		"{\"nbformat\": 4, \"cells\": [], \"cells\": []}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tfms_notebook *nb = NULL;
		cr_expect_lt(tfms_notebook_parse(&nb, "t.ipynb", bad[i],
						 strlen(bad[i])),
			     0, "accepted: %s", bad[i]);
		cr_expect(strncmp(tfms_error_last(), "t.ipynb: ", 9) == 0, "%s",
			  tfms_error_last());
		tfms_notebook_free(nb);
	}
}

Test(notebook, locates_records_in_their_cell)
{
	tfms_notebook *nb = parse(
		HEAD "{\"cell_type\": \"markdown\", \"source\": \"\"}, " CODE(
			"\"a\\nb\"") ", " CODE("[\"c\\n\", \"d\"]") TAIL);
	tfms_results res = TFMS_RESULTS_INIT;
	tfms_finding *f = tfms_results_add_finding(&res);
	f->line = 4; /* d */
	f->end_line = 4;
	tfms_conversion *c = tfms_results_add_conversion(&res);
	c->line = 2; /* b */
	c->end_line = 2;
	tfms_notebook_locate(nb, &res);
	cr_expect_eq(res.findings[0].cell, 3);
	cr_expect_eq(res.findings[0].line, 2);
	cr_expect_eq(res.conversions[0].cell, 2);
	cr_expect_eq(res.conversions[0].line, 2);
	tfms_results_dispose(&res);
	tfms_notebook_free(nb);
}

static tfms_finding *add(tfms_results *r, const char *path, const char *api,
			 const char *line)
{
	tfms_finding *f = tfms_results_add_finding(r);
	f->path = strdup(path);
	f->api = strdup(api);
	f->source_line = strdup(line);
	return f;
}

Test(fingerprint, ignores_lines_and_spacing_but_ranks_copies)
{
	tfms_results a = TFMS_RESULTS_INIT, b = TFMS_RESULTS_INIT;
	add(&a, "m.py", "tf.x", "y = tf.x(1)")->line = 3;
	add(&a, "m.py", "tf.x", "y = tf.x(1)")->line = 9;
	add(&a, "m.py", "tf.z", "y = tf.z(1)")->line = 10;
	add(&b, "m.py", "tf.z", "  y=tf.z( 1 )")->line = 1;
	add(&b, "m.py", "tf.x", "y = tf.x(1)")->line = 40;
	add(&b, "m.py", "tf.x", "y = tf.x(1)")->line = 50;
	add(&b, "n.py", "tf.x", "y = tf.x(1)")->line = 50;
	tfms_fingerprint *fa = tfms_fingerprint_findings(&a);
	tfms_fingerprint *fb = tfms_fingerprint_findings(&b);
	cr_expect_str_neq(fa[0].hex, fa[1].hex, "copies differ by rank");
	cr_expect_str_eq(fa[0].hex, fb[1].hex);
	cr_expect_str_eq(fa[1].hex, fb[2].hex);
	cr_expect_str_eq(fa[2].hex, fb[0].hex, "spacing does not count");
	cr_expect_str_neq(fb[3].hex, fb[1].hex, "the path counts");
	cr_expect_eq(strlen(fa[0].hex), 16);
	free(fa);
	free(fb);
	tfms_results_dispose(&a);
	tfms_results_dispose(&b);
}

Test(notebook, an_insertion_at_the_top_skips_a_leading_cell_magic)
{
	tfms_notebook *nb = parse(HEAD CODE(
		"[\"%%time\\n\", \"x = 1\"]") ", " CODE("[\"y = 2\"]") TAIL);
	int rc;
	char *out = edit(nb, "", 0, 0, "import a\n", &rc);
	cr_assert_eq(rc, 0, "%s", tfms_error_last());
	cr_expect_str_eq(out, HEAD CODE("[\"%%time\\n\", \"x = 1\"]") ", " CODE(
				      "[\"import a\\n\", \"y = 2\"]") TAIL);
	free(out);
	tfms_notebook_free(nb);
}
