#include "tfms/apiname.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static void expect_canonical(const char *name, const char *want)
{
	char *got = tfms_canonical_api(name, strlen(name));
	if (want)
		cr_expect_str_eq(got, want, "%s", name);
	else
		cr_expect_null(got, "%s", name);
	free(got);
}

Test(apiname, internal_symbol_is_its_public_name)
{
	expect_canonical("tensorflow.python.ops.array_ops.concat", "tf.concat");
	expect_canonical("tensorflow.python.framework.dtypes.float32",
			 "tf.float32");
	expect_canonical("tensorflow.python.ops.variable_scope.variable_scope",
			 "tf.variable_scope");
	expect_canonical("tensorflow.python.util.nest.map_structure",
			 "tf.nest.map_structure");
	/* A v1-only export: tf.where in 1.x is array_ops.where. */
	expect_canonical("tensorflow.python.ops.array_ops.where", "tf.where");
	/* Generated op wrappers that math_ops and array_ops star-import
	 * from gen_math_ops / gen_array_ops, exported per core/api_def. */
	expect_canonical("tensorflow.python.ops.math_ops.tanh", "tf.tanh");
	expect_canonical("tensorflow.python.ops.array_ops.tile", "tf.tile");
	/* `constant_initializer = Constant`: the same class. */
	expect_canonical("tensorflow.python.ops.init_ops.constant_initializer",
			 "tf.constant_initializer");
}

Test(apiname, longest_prefix_keeps_the_rest_of_the_chain)
{
	expect_canonical(
		"tensorflow.python.framework.dtypes.float32.as_numpy_dtype",
		"tf.float32.as_numpy_dtype");
	expect_canonical("tensorflow.python.framework.ops.Tensor.shape.ndims",
			 "tf.Tensor.shape.ndims");
	/* The table maps tf.python... whichever root spelled it. */
	expect_canonical("tf.python.ops.math_ops.cast", "tf.cast");
}

Test(apiname, unmapped_internal_paths_stay)
{
	/* Modules have no public name of their own. */
	expect_canonical("tensorflow.python.ops.array_ops",
			 "tf.python.ops.array_ops");
	expect_canonical("tensorflow.python", "tf.python");
	/* v2-only exports (v1=[]) are not the v1 API: math_ops.reduce_sum is
	 * the v2 function; tf.reduce_sum in 1.x is reduce_sum_v1. */
	expect_canonical("tensorflow.python.ops.math_ops.reduce_sum",
			 "tf.python.ops.math_ops.reduce_sum");
	expect_canonical("tensorflow.python.ops.array_ops.shape_v2",
			 "tf.python.ops.array_ops.shape_v2");
	/* A HIDDEN op's wrapper (ConcatV2) is not exported. */
	expect_canonical("tensorflow.python.ops.gen_array_ops.concat_v2",
			 "tf.python.ops.gen_array_ops.concat_v2");
	/* Not exported at all. */
	expect_canonical("tensorflow.python.ops.rnn_cell_impl._zero_state_"
			 "tensors",
			 "tf.python.ops.rnn_cell_impl._zero_state_tensors");
	/* A prefix of a row is not the row. */
	expect_canonical("tensorflow.python.ops.array_ops.conca",
			 "tf.python.ops.array_ops.conca");
	expect_canonical("tensorflow.python.ops.array_ops.concatx.y",
			 "tf.python.ops.array_ops.concatx.y");
	/* Public names are left alone. */
	expect_canonical("tensorflow.concat", "tf.concat");
	expect_canonical("tensorflow_probability.python.x", "tfp.python.x");
}

Test(apiname, table_is_sorted_and_public)
{
	cr_assert_gt(tfms_tf_internal_name_count, 1000);
	for (size_t i = 0; i < tfms_tf_internal_name_count; i++) {
		const tfms_api_alias *a = &tfms_tf_internal_names[i];
		cr_assert_eq(strncmp(a->internal, "tf.python.", 10), 0, "%s",
			     a->internal);
		cr_assert_eq(strncmp(a->public_name, "tf.", 3), 0, "%s",
			     a->public_name);
		cr_assert_neq(strncmp(a->public_name, "tf.python.", 10), 0,
			      "%s", a->public_name);
		if (i)
			cr_assert_lt(
				strcmp(tfms_tf_internal_names[i - 1].internal,
				       a->internal),
				0, "%s", a->internal);
		/* Every row is found by the search. */
		char *c = tfms_canonical_api(a->internal, strlen(a->internal));
		cr_assert_str_eq(c, a->public_name);
		free(c);
	}
}
