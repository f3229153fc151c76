#include "tfms/alloc.h"
#include "tfms/buf.h"
#include "tfms/resolve.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static tfms_python *py;
static tfms_source src;
static tfms_analysis analysis;

static void setup(void)
{
	cr_assert_eq(tfms_python_new(&py), 0);
}

static void teardown(void)
{
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
	tfms_python_free(py);
}

static void analyze(const char *text)
{
	cr_assert_eq(
		tfms_source_init(&src, "t.py", tfms_strdup(text), strlen(text)),
		0);
	cr_assert_eq(tfms_analyze(&analysis, py, &src), 0);
}

/* The uses as "api@line:col" strings joined by spaces, in source order. */
static char *uses(void)
{
	tfms_buf out = TFMS_BUF_INIT;
	for (size_t i = 0; i < analysis.nuses; i++) {
		uint32_t line, col;
		tfms_source_position(&src, analysis.uses[i].start, &line, &col);
		tfms_buf_printf(&out, "%s%s@%u:%u%s", out.len ? " " : "",
				analysis.uses[i].api, line, col,
				analysis.uses[i].dynamic ? "!" : "");
	}
	return tfms_buf_detach(&out, NULL);
}

TestSuite(resolve, .init = setup, .fini = teardown);

Test(resolve, alias_import_and_longest_chain)
{
	analyze("import tensorflow as tf\ny = tf.nn.relu(tf.constant(1))\n");
	char *u = uses();
	cr_expect_str_eq(u, "tf.nn.relu@2:5 tf.constant@2:16");
	free(u);
}

Test(resolve, compat_v1_is_the_root)
{
	analyze("import tensorflow.compat.v1 as tf\n"
		"from tensorflow.compat import v1\n"
		"a = tf.layers.dense\nb = v1.compat.v1.Session\n");
	char *u = uses();
	cr_expect_str_eq(u, "tf.layers.dense@3:5 tf.Session@4:5");
	free(u);
}

Test(resolve, plain_dotted_import_binds_the_package)
{
	analyze("import tensorflow.contrib.slim\nx = "
		"tensorflow.contrib.slim.conv2d\n");
	char *u = uses();
	cr_expect_str_eq(u, "tf.contrib.slim.conv2d@2:5");
	free(u);
}

Test(resolve, from_import_symbol_is_exact_binding)
{
	analyze("from tensorflow import stop_gradient as sg\ny = sg(1)\n");
	cr_assert_eq(analysis.nuses, 1);
	cr_expect_str_eq(analysis.uses[0].api, "tf.stop_gradient");
	cr_expect(analysis.uses[0].exact_binding);
	cr_expect(!ts_node_is_null(analysis.uses[0].call));
}

Test(resolve, parameters_and_comprehensions_shadow)
{
	analyze("import tensorflow as tf\n"
		"def f(tf):\n    return tf.x\n"
		"g = [tf.y for tf in range(3)]\n"
		"h = lambda tf: tf.z\n");
	cr_expect_eq(analysis.nuses, 0);
}

Test(resolve, defaults_and_first_iterable_use_the_enclosing_scope)
{
	analyze("import tensorflow as tf\n"
		"def f(x=tf.a, tf=None):\n    pass\n"
		"g = [x for tf in tf.b]\n");
	char *u = uses();
	cr_expect_str_eq(u, "tf.a@2:9 tf.b@4:18");
	free(u);
}

Test(resolve, class_body_is_not_visible_from_methods)
{
	analyze("import tensorflow as tf\n"
		"class A:\n    tf = 1\n    def m(self):\n        return "
		"tf.x\n");
	char *u = uses();
	cr_expect_str_eq(u, "tf.x@5:16");
	free(u);
}

Test(resolve, strings_and_comments_are_not_uses)
{
	analyze("import tensorflow as tf\n# tf.a\ns = 'tf.b'\nt = f'{tf.c}'\n");
	char *u = uses();
	cr_expect_str_eq(u, "tf.c@4:8");
	free(u);
}

Test(resolve, module_as_value_and_rebinding_are_dynamic)
{
	analyze("import tensorflow as tf\nf = getattr(tf, 'x')\n");
	cr_assert_eq(analysis.nuses, 1);
	cr_expect_not_null(analysis.uses[0].dynamic);
	cr_expect_not_null(strstr(analysis.uses[0].dynamic, "getattr"));
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
	analyze("import tensorflow as tf\ntf = 3\ny = tf.x\n");
	cr_assert_eq(analysis.nuses, 1);
	cr_expect_not_null(analysis.uses[0].dynamic);
}

Test(resolve, star_import_is_dynamic)
{
	analyze("from tensorflow import *\n");
	cr_assert_eq(analysis.nuses, 1);
	cr_expect_str_eq(analysis.uses[0].api, "tf.*");
	cr_expect_not_null(analysis.uses[0].dynamic);
}

Test(resolve, syntax_errors_mark_only_their_statement)
{
	analyze("import tensorflow as tf\na = tf.good(1)\nb = tf.bad(1 2)\n");
	cr_assert_eq(analysis.nuses, 2);
	cr_expect(!analysis.uses[0].in_error);
	cr_expect(analysis.uses[1].in_error);
}

Test(resolve, type_contexts)
{
	analyze("import tensorflow as tf\n"
		"def f(x: tf.A) -> tf.B:\n"
		"    return isinstance(x, (tf.C, int)), tf.D\n");
	cr_assert_eq(analysis.nuses, 4);
	cr_expect(analysis.uses[0].type_context);
	cr_expect(analysis.uses[1].type_context);
	cr_expect(analysis.uses[2].type_context);
	cr_expect(!analysis.uses[3].type_context);
}

Test(resolve, names_taken_anywhere_block_new_imports)
{
	analyze("from tensorflow.python.framework import ops\n"
		"def f(ms):\n    return ms\n");
	cr_expect(tfms_analysis_name_taken(&analysis, "ops"));
	cr_expect(tfms_analysis_name_taken(&analysis, "ms"));
	cr_expect(!tfms_analysis_name_taken(&analysis, "nn"));
}
