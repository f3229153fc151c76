#include "tfms/alloc.h"
#include "tfms/source.h"
#include "tfms/strindex.h"

#include <criterion/criterion.h>
#include <string.h>

static tfms_source src;
static tfms_string_index *ix;

static void index_text(const char *text)
{
	cr_assert_eq(
		tfms_source_init(&src, "t.py", tfms_strdup(text), strlen(text)),
		0);
	tfms_string_index_new(&ix, &src);
}

static void teardown(void)
{
	tfms_string_index_free(ix);
	tfms_source_dispose(&src);
}

Test(strindex, finds_lookups_but_not_names_ops_give_themselves,
     .fini = teardown)
{
	index_text("e = tf.identity(x, name='emb')\n"
		   "t = g.get_tensor_by_name(\"emb:0\")\n"
		   "u = g.get_tensor_by_name('scope/emb:0')\n"
		   "v = f(name = 'emb')\n"
		   "w = 'embx'\n");
	size_t n;
	const size_t *at = tfms_string_index_find(ix, "emb", 3, &n);
	cr_assert_eq(n, 2);
	cr_expect_eq(at[0],
		     (size_t)(strstr(src.data, "\"emb:0") + 1 - src.data));
	cr_expect_eq(at[1],
		     (size_t)(strstr(src.data, "/emb:0") + 1 - src.data));
	tfms_string_index_find(ix, "em", 2, &n);
	cr_expect_eq(n, 0);
	tfms_string_index_find(ix, "embx", 4, &n);
	cr_expect_eq(n, 1);
}

Test(strindex, ignores_runs_across_lines, .fini = teardown)
{
	index_text("a = 'abc\n'\nb = \"x\"\n");
	size_t n;
	tfms_string_index_find(ix, "abc", 3, &n);
	cr_expect_eq(n, 0);
	tfms_string_index_find(ix, "x", 1, &n);
	cr_expect_eq(n, 1);
}
