#include "tfms/alloc.h"
#include "tfms/buf.h"
#include "tfms/error.h"
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

/* uses() with "=" after alias definitions. */
static char *uses_marked(void)
{
	tfms_buf out = TFMS_BUF_INIT;
	for (size_t i = 0; i < analysis.nuses; i++) {
		uint32_t line, col;
		tfms_source_position(&src, analysis.uses[i].start, &line, &col);
		tfms_buf_printf(&out, "%s%s@%u:%u%s%s", out.len ? " " : "",
				analysis.uses[i].api, line, col,
				analysis.uses[i].dynamic ? "!" : "",
				analysis.uses[i].alias_def ? "=" : "");
	}
	return tfms_buf_detach(&out, NULL);
}

Test(resolve, assignment_binds_an_alias)
{
	analyze("import tensorflow as tf\n"
		"K = tf.keras.backend\n"
		"def f(x):\n    return K.dot(x, x), K\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "tf.keras.backend@2:5= tf.keras.backend.dot@4:12 "
			    "tf.keras.backend@4:25");
	free(u);
}

Test(resolve, alias_of_an_alias_and_chained_targets)
{
	/* B's value reads K, which only becomes a candidate once K's
	 * assignment is seen: the walk runs again. */
	analyze("import tensorflow as tf\n"
		"K = tf.keras\n"
		"def g():\n    return B.dot(1), C.relu(2), D.relu(3)\n"
		"B = K.backend\n"
		"C = D = tf.nn\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "tf.keras@2:5= tf.keras.backend.dot@4:12 "
			    "tf.nn.relu@4:22 tf.nn.relu@4:33 "
			    "tf.keras.backend@5:5= tf.nn@6:9=");
	free(u);
}

Test(resolve, long_alias_chains_resolve)
{
	tfms_buf text = TFMS_BUF_INIT;
	tfms_buf_puts(&text, "import tensorflow as tf\na0 = tf.nn\n");
	for (int i = 1; i < 40; i++)
		tfms_buf_printf(&text, "a%d = a%d\n", i, i - 1);
	tfms_buf_puts(&text, "y = a39.relu(1)\n");
	analyze(text.ptr);
	tfms_buf_dispose(&text);
	cr_assert_eq(analysis.nuses, 41);
	cr_expect_str_eq(analysis.uses[40].api, "tf.nn.relu");
	cr_expect_null(analysis.uses[40].dynamic);
}

Test(resolve, tuple_unpacking_aliases_item_by_item)
{
	analyze("import tensorflow as tf\n"
		"a, b = tf.nn, tf.stop_gradient\n"
		"(c, d) = (tf.layers, 3)\n"
		"x = a.relu(1), b(2), c.dense(3), d\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "tf.nn@2:8= tf.stop_gradient@2:15= tf.layers@3:11= "
			    "tf.nn.relu@4:5 tf.stop_gradient@4:16 "
			    "tf.layers.dense@4:22");
	free(u);
}

Test(resolve, rebinding_an_alias_makes_it_dynamic)
{
	static const char *const rebinds[] = {
		"K = object()\n",
		"K += 1\n",
		"del K\n",
		"for K in []: pass\n",
		"def f():\n    global K\n    K = 2\n",
		"K, L = 1, 2\n",
	};
	for (size_t i = 0; i < sizeof(rebinds) / sizeof(rebinds[0]); i++) {
		char *text = tfms_asprintf("import tensorflow as tf\n"
					   "K = tf.keras.backend\n%s"
					   "y = K.dot(1, 2)\n",
					   rebinds[i]);
		analyze(text);
		free(text);
		const tfms_use *last = &analysis.uses[analysis.nuses - 1];
		cr_expect_str_eq(last->api, "tf.keras.backend.dot", "%s",
				 rebinds[i]);
		cr_expect_not_null(last->dynamic, "%s", rebinds[i]);
		tfms_analysis_dispose(&analysis);
		tfms_source_dispose(&src);
	}
}

Test(resolve, a_local_alias_follows_scope_rules)
{
	analyze("import tensorflow as tf\n"
		"def f():\n    K = tf.keras.backend\n    return K.dot(1)\n"
		"def g(K):\n    return K.dot(2)\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "tf.keras.backend@3:9= tf.keras.backend.dot@4:12");
	free(u);
}

Test(resolve, alias_cycles_and_self_rebinding)
{
	/* tf = tf.compat.v1 rebinds tf to what it already means. */
	analyze("import tensorflow as tf\n"
		"tf = tf.compat.v1\n"
		"a = b\nb = a\n"
		"y = tf.nn.relu(a)\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "tf@2:6= tf.nn.relu@5:5");
	free(u);
}

Test(resolve, a_class_body_reads_the_module_name_before_binding_it)
{
	analyze("import tensorflow as tf\n"
		"class Layers:\n"
		"    x = tf.a()\n"
		"    tf = tf\n"
		"    y = tf.b()\n"
		"    def m(self):\n        return tf.c\n"
		"class Other:\n"
		"    tf = None\n"
		"    z = tf\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "tf.a@3:9 tf@4:10= tf.b@5:9 tf.c@7:16");
	free(u);
}

Test(resolve, star_import_from_outside_is_dynamic_when_tf_is_free)
{
	analyze("from helpers import *\ny = tf.nn.relu(1)\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "helpers.*@1:1!");
	free(u);
}

Test(resolve, star_import_from_outside_is_quiet_otherwise)
{
	analyze("from helpers import *\nimport tensorflow as tf\n"
		"y = tf.nn.relu(helper(1))\n");
	char *u = uses_marked();
	cr_expect_str_eq(u, "tf.nn.relu@3:5");
	free(u);
}

Test(resolve, module_exports_honour_a_literal_all)
{
	analyze("import tensorflow as tf\nfrom tensorflow import nn as _nn\n"
		"layers = tf.layers\n__all__ = ['layers']\n");
	cr_assert_eq(analysis.exports.len, 3);
	cr_expect_null(analysis.exports.star_dynamic);
	cr_expect_str_eq(analysis.exports.items[0].name, "tf");
	cr_expect(analysis.exports.items[0].module);
	cr_expect(!analysis.exports.items[0].star);
	cr_expect(!analysis.exports.items[1].star);
	cr_expect_str_eq(analysis.exports.items[2].name, "layers");
	cr_expect_str_eq(analysis.exports.items[2].api, "tf.layers");
	cr_expect(analysis.exports.items[2].star);
}

Test(resolve, a_computed_all_makes_star_imports_dynamic)
{
	analyze("import tensorflow as tf\n__all__ = ['tf']\n"
		"__all__ += ['x']\n");
	cr_expect_not_null(analysis.exports.star_dynamic);
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
	analyze("import tensorflow as tf\n__all__ = ['tf']\n"
		"__all__.extend(['x'])\n");
	cr_expect_not_null(analysis.exports.star_dynamic);
}

Test(resolve, too_many_brackets_are_refused_before_parsing)
{
	tfms_buf text = TFMS_BUF_INIT;
	tfms_buf_puts(&text, "import tensorflow as tf\nx = ");
	for (int i = 0; i < 65533; i++)
		tfms_buf_putc(&text, '(');
	cr_assert_eq(tfms_source_init(&src, "deep.py", text.ptr, text.len), 0);
	text.ptr = NULL;
	cr_expect_eq(tfms_analyze(&analysis, py, &src), -1);
	cr_expect(strstr(tfms_error_last(), "deep.py: too many nested") !=
		  NULL);
}

/* A lone CR ends a line for Python; tree-sitter-python reads a comment
 * on past it, which hid `y = tf.ones(...)` and removed the import it
 * needs. Such a file is refused with the reason; CRLF is fine. */
Test(resolve, lone_cr_line_ends_are_refused)
{
	static const char text[] = "import tensorflow as tf\rz = 1  # note\r"
				   "y = tf.ones([2])\r";
	cr_assert_eq(tfms_source_init(&src, "mac.py", tfms_strdup(text),
				      strlen(text)),
		     0);
	cr_expect_eq(tfms_analyze(&analysis, py, &src), -1);
	cr_expect(strstr(tfms_error_last(), "mac.py: line breaks that are a "
					    "lone CR") != NULL);
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
	static const char crlf[] = "import tensorflow as tf\r\nz = 1  # n\r\n"
				   "y = tf.ones([2])\r\n";
	analyze(crlf);
	cr_expect_eq(analysis.nuses, 1);
}

Test(resolve, brackets_in_strings_and_comments_do_not_count)
{
	tfms_buf text = TFMS_BUF_INIT;
	tfms_buf_puts(&text, "import tensorflow as tf\n# ");
	for (int i = 0; i < 300; i++)
		tfms_buf_putc(&text, '(');
	tfms_buf_puts(&text, "\ns = '");
	for (int i = 0; i < 300; i++)
		tfms_buf_putc(&text, '[');
	tfms_buf_puts(&text, "'\nt = \"\"\"");
	for (int i = 0; i < 300; i++)
		tfms_buf_putc(&text, '{');
	tfms_buf_puts(&text, "\"\"\"\ny = tf.a\n");
	analyze(text.ptr);
	tfms_buf_dispose(&text);
	cr_expect_eq(analysis.nuses, 1);
}

Test(resolve, long_operator_chains_do_not_recurse)
{
	/* 200,000 terms: a tree 200,000 levels deep, on the main thread's
	 * stack. */
	tfms_buf text = TFMS_BUF_INIT;
	tfms_buf_puts(&text, "import tensorflow as tf\nx = (tf.a");
	for (int i = 1; i < 200000; i++)
		tfms_buf_puts(&text, " +\n tf.a");
	tfms_buf_puts(&text, ")\n");
	analyze(text.ptr);
	tfms_buf_dispose(&text);
	cr_expect_eq(analysis.nuses, 200000);
}

/* A form feed is whitespace between tokens to CPython: `import\f*` is a
 * star import. */
Test(resolve, star_import_after_a_form_feed)
{
	static const char *const stars[] = {"from m import\f*\n",
					    "from m import \\\n *\n"};
	for (size_t i = 0; i < 2; i++)
		cr_assert(tfms_text_has_star_import(stars[i], strlen(stars[i])),
			  "%s", stars[i]);
	cr_assert_not(tfms_text_has_star_import("from m import x\n", 16));
}
