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
	bool ok = tfms_args_map(&result, &src, &analysis, rs, rule, use->call);
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
