#include "tfms/alloc.h"
#include "tfms/args.h"
#include "tfms/error.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* Rules shaped like the shipped ones: a function with a renamed, a
 * dropped and a positional argument, one with a TF default MindSpore does
 * not share, and a primitive with a tuple input and a constructor
 * attribute. */
static const char rules_yaml[] =
	"rules:\n"
	"  - api: tf.a\n"
	"    ms_api: mindspore.ops.a\n"
	"    status: consistent\n"
	"    ms_form: function\n"
	"    tf_signature: a(x, y=1, name=None)\n"
	"    ms_signature: a(x, z=2)\n"
	"    args: {y: z, name: drop}\n"
	"    call: auto\n"
	"  - api: tf.s\n"
	"    ms_api: mindspore.ops.s\n"
	"    status: consistent\n"
	"    ms_form: function\n"
	"    tf_signature: s(input, name=None)\n"
	"    ms_signature: s(value)\n"
	"    args: {input: {to: value, positional: true}, name: drop}\n"
	"    call: auto\n"
	"  - api: tf.b\n"
	"    ms_api: mindspore.ops.b\n"
	"    status: consistent\n"
	"    ms_form: function\n"
	"    tf_signature: b(x, mode='a')\n"
	"    ms_signature: b(x, mode='b')\n"
	"    args: {mode: {default: \"'a'\"}}\n"
	"    call: auto\n"
	"  - api: tf.c\n"
	"    ms_api: mindspore.ops.C\n"
	"    status: consistent\n"
	"    ms_form: primitive\n"
	"    tf_signature: c(x, perm, conj=False, name=None)\n"
	"    ms_signature: C(x, perm)\n"
	"    ms_init_signature: C(conj=False)\n"
	"    args: {perm: {tuple: true}, conj: {init: true}, name: drop}\n"
	"    call: auto\n"
	"  - api: tf.dtypes.float32\n"
	"    exports: [tf.float32]\n"
	"    ms_api: mindspore.float32\n"
	"    status: consistent\n"
	"    reference: auto\n"
	"  - api: tf.dtypes.int32\n"
	"    ms_api: mindspore.int32\n"
	"    status: consistent\n"
	"    reference: auto\n"
	"  - api: tf.Tensor\n"
	"    ms_api: mindspore.Tensor\n"
	"    status: consistent\n"
	"    reference: auto\n"
	"  - api: tf.u\n"
	"    ms_api: mindspore.ops.u\n"
	"    status: consistent\n"
	"    tf_signature: u(x, y)\n"
	"    ms_signature: u(input, other)\n"
	"    args: {x: {to: input, positional: true, tensor: true},\n"
	"           y: {to: other, positional: true, tensor: scalar}}\n"
	"    call: auto\n"
	"  - api: tf.w\n"
	"    ms_api: mindspore.ops.w\n"
	"    status: consistent\n"
	"    tf_signature: w(x, y)\n"
	"    ms_signature: w(input, other)\n"
	"    args: {x: {to: input, positional: true, tensor: scalar},\n"
	"           y: {to: other, positional: true, tensor: scalar}}\n"
	"    call: auto\n"
	"  - api: tf.g\n"
	"    ms_api: mindspore.ops.g\n"
	"    status: consistent\n"
	"    tf_signature: g(p, i, axis=None, batch_dims=0)\n"
	"    ms_signature: g(p, i, axis, batch_dims=0)\n"
	"    args:\n"
	"      p: {positional: true}\n"
	"      i: {positional: true}\n"
	"      axis: {positional: true, int: true, default_from: batch_dims,\n"
	"             default: '0'}\n"
	"      batch_dims: {positional: true, int: nonnegative}\n"
	"    call: auto\n"
	"  - api: tf.r\n"
	"    ms_api: mindspore.ops.r\n"
	"    status: consistent\n"
	"    tf_signature: r(t, axis=None, keepdims=None, "
	"reduction_indices=None,"
	" keep_dims=None)\n"
	"    ms_signature: r(input, dim=None, keepdim=False)\n"
	"    args:\n"
	"      t: {to: input, positional: true}\n"
	"      axis: {to: dim, positional: true, tuple: or-int}\n"
	"      reduction_indices: {to: dim, positional: true, tuple: or-int}\n"
	"      keepdims: {to: keepdim, positional: true}\n"
	"      keep_dims: {to: keepdim, positional: true}\n"
	"    call: auto\n"
	"  - api: tf.e\n"
	"    ms_api: mindspore.ops.e\n"
	"    status: consistent\n"
	"    tf_signature: e(x, direction='ASCENDING')\n"
	"    ms_signature: e(x, dtype, descending=False)\n"
	"    args:\n"
	"      x: {positional: true}\n"
	"      direction: {to: descending, positional: true,\n"
	"                  value_map: {\"'ASCENDING'\": 'False',\n"
	"                              \"'DESCENDING'\": 'True'}}\n"
	"    extra_args: {dtype: {text: mindspore.float32, positional: true}}\n"
	"    result: '[0]'\n"
	"    call: auto\n"
	"  - api: tf.f\n"
	"    exports: [tf.f_alias]\n"
	"    ms_api: mindspore.ops.f\n"
	"    status: consistent\n"
	"    tf_signature: f(shape, dtype=None)\n"
	"    ms_signature: f(shape, dtype=None)\n"
	"    call: auto\n"
	"  - api: tf.v\n"
	"    ms_api: mindspore.V\n"
	"    status: consistent\n"
	"    tf_signature: v(init=None, trainable=None)\n"
	"    ms_signature: V(data, name=None, requires_grad=True)\n"
	"    args:\n"
	"      init: {to: data, positional: true, tensor: true,\n"
	"             float_from: [tf.f, tf.compat.v1.a], why: by hand}\n"
	"      trainable: requires_grad\n"
	"    call: auto\n";

static tfms_python *py;
static tfms_ruleset *rs;
static tfms_source src;
static tfms_analysis analysis;
static tfms_args_result result;
static char *rewritten;

static void setup(void)
{
	cr_assert_eq(tfms_python_new(&py), 0);
	tfms_ruleset_new(&rs);
	cr_assert_eq(tfms_ruleset_load_buffer(rs, "t.yaml", rules_yaml,
					      strlen(rules_yaml)),
		     0, "%s", tfms_error_last());
	cr_assert_eq(tfms_ruleset_finalize(rs), 0, "%s", tfms_error_last());
}

static void teardown(void)
{
	free(rewritten);
	tfms_args_result_dispose(&result);
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
	tfms_ruleset_free(rs);
	tfms_python_free(py);
}

TestSuite(args, .init = setup, .fini = teardown);

/* Maps the first call in `import tensorflow as tf\n<line>\n`, replacing
 * the last mapping; on success rewritten holds the line with the argument
 * edits applied. */
static bool map(const char *line)
{
	free(rewritten);
	rewritten = NULL;
	tfms_args_result_dispose(&result);
	tfms_analysis_dispose(&analysis);
	tfms_source_dispose(&src);
	char *text = tfms_asprintf("import tensorflow as tf\n%s\n", line);
	cr_assert_eq(tfms_source_init(&src, "t.py", text, strlen(text)), 0);
	cr_assert_eq(tfms_analyze(&analysis, py, &src), 0);
	const tfms_use *use = NULL;
	for (size_t i = 0; !use && i < analysis.nuses; i++)
		if (!ts_node_is_null(analysis.uses[i].call))
			use = &analysis.uses[i];
	cr_assert_not_null(use, "no call in %s", line);
	const tfms_rule *rule = tfms_ruleset_find(rs, use->api);
	cr_assert_not_null(rule, "no rule for %s", use->api);
	bool ok = tfms_args_map(&result, &src, &analysis, rs, rule, use->call,
				NULL);
	if (!ok) {
		cr_expect_eq(result.edits.len, 0);
		cr_expect_null(result.constructor);
		return false;
	}
	cr_expect_null(result.reason);
	char *out;
	size_t len;
	cr_assert_eq(
		tfms_edits_apply(&result.edits, src.data, src.len, &out, &len),
		0);
	size_t skip = strlen("import tensorflow as tf\n");
	rewritten = tfms_strndup(out + skip, len - skip - 1);
	free(out);
	return true;
}

static void expect_mapped(const char *line, const char *expected)
{
	cr_assert(map(line), "%s: %s", line, result.reason);
	cr_expect_str_eq(rewritten, expected);
}

static void expect_refused(const char *line, const char *reason)
{
	cr_assert(!map(line), "%s mapped", line);
	cr_expect_str_eq(result.reason, reason);
}

Test(args, positional_arguments_stay)
{
	expect_mapped("r = tf.a(v, 3)", "r = tf.a(v, 3)");
	cr_expect_eq(result.edits.len, 0);
	cr_expect_null(result.constructor);
}

Test(args, keywords_are_renamed)
{
	expect_mapped("r = tf.a(v, y=3)", "r = tf.a(v, z=3)");
	expect_mapped("r2 = tf.a(y=3, x=v)", "r2 = tf.a(z=3, x=v)");
}

Test(args, dropped_arguments_go_with_their_comma)
{
	expect_mapped("r = tf.a(v, name='n')", "r = tf.a(v)");
	expect_mapped("r = tf.a(v, name='n', y=2)", "r = tf.a(v, z=2)");
}

Test(args, keyword_becomes_positional)
{
	expect_mapped("r = tf.s(input=v, name='n')", "r = tf.s(v)");
}

Test(args, tf_defaults_are_passed_explicitly)
{
	expect_mapped("r = tf.b(v)", "r = tf.b(v, mode='a')");
	expect_mapped("r = tf.b(v, 'c')", "r = tf.b(v, 'c')");
}

Test(args, primitive_constructor_and_tuple)
{
	expect_mapped("r = tf.c(v, [1, 0], conj=True)", "r = tf.c(v, (1, 0))");
	cr_expect_str_eq(result.constructor, "(conj=True)");
}

Test(args, primitive_defaults_and_one_element_tuple)
{
	expect_mapped("r = tf.c(v, [0])", "r = tf.c(v, (0,))");
	cr_expect_str_eq(result.constructor, "()");
}

Test(args, refuses_what_cannot_be_mapped)
{
	expect_refused("r = tf.a(*xs)",
		       "*args arguments cannot be mapped: which parameters "
		       "they fill is known only at run time");
}

Test(args, refuses_unknown_keyword)
{
	expect_refused("r = tf.a(v, w=1)",
		       "unknown keyword argument 'w' for tf.a");
}

Test(args, refuses_missing_and_duplicate_arguments)
{
	expect_refused("r = tf.a()", "missing required argument 'x' of tf.a");
}

Test(args, refuses_argument_given_twice)
{
	expect_refused("r = tf.a(v, x=1)", "argument 'x' given twice");
}

Test(args, refuses_too_many_positionals)
{
	expect_refused("r = tf.a(v, 1, 'n', 4)",
		       "too many positional arguments for tf.a");
}

Test(args, refuses_dropping_a_call)
{
	expect_refused("r = tf.a(v, name=g())",
		       "argument 'name' has side effects (a call); it cannot "
		       "be moved or dropped safely");
}

Test(args, refuses_dropping_tf_itself)
{
	expect_refused("r = tf.a(v, name=tf.n)",
		       "argument 'name' uses TensorFlow itself; port it by "
		       "hand");
}

Test(args, refuses_a_non_literal_tuple)
{
	expect_refused("r = tf.c(v, p)",
		       "argument 'perm' must be a tuple or list literal: "
		       "MindSpore needs a constant tuple here");
}

/* mindspore names in emitted text are marked for the planner. */
static void expect_mapped_marked(const char *line, const char *expected)
{
	cr_assert(map(line), "%s: %s", line, result.reason);
	for (char *p = rewritten; *p; p++)
		if (*p == '\x01' || *p == '\x02')
			*p = '|';
	cr_expect_str_eq(rewritten, expected);
}

Test(args, tensor_literals_get_the_dtype_tf_infers)
{
	expect_mapped_marked("r = tf.u(2., y)",
			     "r = tf.u(|mindspore.Tensor|(2., "
			     "|mindspore.float32|), y)");
	expect_mapped_marked("r = tf.u([1, 0, 1], 0)",
			     "r = tf.u(|mindspore.Tensor|([1, 0, 1], "
			     "|mindspore.int32|), 0)");
	expect_mapped_marked("r = tf.u([[1, 2.0]], y)",
			     "r = tf.u(|mindspore.Tensor|([[1, 2.0]], "
			     "|mindspore.float32|), y)");
	expect_refused("r = tf.u([a, 1], y)",
		       "argument 'x' is a literal whose dtype the tool cannot "
		       "infer, and MindSpore needs a Tensor here");
}

Test(args, scalar_inputs_take_numbers_and_the_first_list)
{
	expect_mapped("r = tf.w(x, 2.0)", "r = tf.w(x, 2.0)");
	expect_mapped_marked("r = tf.w([[2.0]], y)",
			     "r = tf.w(|mindspore.Tensor|([[2.0]], "
			     "|mindspore.float32|), y)");
	expect_mapped_marked("r = tf.w(1, 2)", "r = tf.w(|mindspore.Tensor|(1, "
					       "|mindspore.int32|), 2)");
	expect_refused("r = tf.w(x, [1/0.95, 1.0])",
		       "argument 'y' is a list literal, which TF converts to "
		       "the dtype of 'x'; wrap it as mindspore.Tensor(..., "
		       "dtype) by hand");
}

Test(args, default_from_another_argument)
{
	expect_mapped("r = tf.g(p, i)", "r = tf.g(p, i, 0)");
	expect_mapped("r = tf.g(p, i, batch_dims=1)", "r = tf.g(p, i, 1, 1)");
	expect_mapped("r = tf.g(p, i, axis=[2], batch_dims=1)",
		      "r = tf.g(p, i, 2, 1)");
	expect_refused("r = tf.g(p, i, batch_dims=-1)",
		       "argument 'batch_dims' must be a non-negative int "
		       "literal");
	expect_refused("r = tf.g(p, i, axis=k)",
		       "argument 'axis' must be an int constant: MindSpore "
		       "takes a Python int here");
}

Test(args, skipped_slots_and_aliases)
{
	expect_mapped("r = tf.r(x, keepdims=True)", "r = tf.r(x, None, True)");
	expect_mapped("r = tf.r(x, reduction_indices=[1], keep_dims=True)",
		      "r = tf.r(x, (1,), True)");
	expect_mapped("r = tf.r(x, 1)", "r = tf.r(x, 1)");
	expect_refused("r = tf.r(x, axis=1, reduction_indices=1)",
		       "two arguments map to 'dim' of mindspore.ops.r");
}

Test(args, constant_tuples_are_strict)
{
	expect_refused("r = tf.c(v, [-1, tf.shape(v)[-1]])",
		       "element 'tf.shape(v)[-1]' of argument 'perm' is not a "
		       "constant int: MindSpore needs a tuple of constants "
		       "here");
	expect_mapped("r = tf.c(v, [n * 2, -1])", "r = tf.c(v, (n * 2, -1))");
	cr_expect_str_eq(result.note, "element 'n * 2' of 'perm' must be a "
				      "Python int, not a Tensor");
	expect_mapped("r = tf.c(v, [2 * 3, -1])", "r = tf.c(v, (2 * 3, -1))");
	cr_expect_null(result.note);
}

Test(args, value_map_extra_args_and_result)
{
	expect_mapped_marked("r = tf.e(x, direction='DESCENDING')",
			     "r = tf.e(x, |mindspore.float32|, True)[0]");
	expect_refused("r = tf.e(x, d)",
		       "argument 'direction' is d, which has no MindSpore "
		       "counterpart the rule knows");
}

Test(args, looked_up_graph_names_get_a_note)
{
	expect_mapped("r = tf.a(v, name='emb')\nt = g.get_tensor_by_name("
		      "'emb:0')",
		      "r = tf.a(v)\nt = g.get_tensor_by_name('emb:0')");
	cr_assert_not_null(result.note);
	cr_expect(strstr(result.note, "'emb' is looked up as a string at line "
				      "3") != NULL,
		  "%s", result.note);
	expect_mapped("r = tf.a(v, name='emb')\ns = tf.a(w, name='emb')",
		      "r = tf.a(v)\ns = tf.a(w, name='emb')");
	cr_expect_null(result.note);
}

/* float_from: a float literal, or a listed call (an alias counts) that
 * leaves dtype out; everything whose dtype or kind the tool cannot see is
 * refused. */
Test(args, float_from_takes_float_literals_and_listed_calls)
{
	expect_mapped("r = tf.v(tf.f(s))", "r = tf.v(tf.f(s))");
	expect_mapped("r = tf.v((tf.f_alias([2])), trainable=False)",
		      "r = tf.v((tf.f_alias([2])), requires_grad=False)");
	expect_mapped("r = tf.v(init=tf.a(x))", "r = tf.v(tf.a(x))");
	expect_mapped_marked("r = tf.v([1, 2.5])",
			     "r = tf.v(|mindspore.Tensor|([1, 2.5], "
			     "|mindspore.float32|))");
	const char *why = "argument 'init' must be a float literal or a call "
			  "of tf.f, tf.a without dtype: by hand";
	expect_refused("r = tf.v(0)", why);
	expect_refused("r = tf.v([1, 2])", why);
	expect_refused("r = tf.v(x)", why);
	expect_refused("r = tf.v(self.x)", why);
	expect_refused("r = tf.v(lambda: tf.f(s))", why);
	expect_refused("r = tf.v(g(s))", why);
	expect_refused("r = tf.v(tf.f(s, tf.int32))", why);
	expect_refused("r = tf.v(tf.f(s, dtype=d))", why);
	expect_refused("r = tf.v(tf.s(x))", why);
	expect_refused("r = tf.v(tf.f(s) + 1.0)", why);
}
