/* libFuzzer target over the rule loader: a rules file is user input. The
 * bytes load as a detail file (YAML) when they hold "api:", else as a
 * table (Markdown); a rule set that loads and finalises then converts a
 * small program, so odd but accepted rules reach the engine too. */
#define _GNU_SOURCE /* memmem */
#include "tfms/process.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static tfms_python *py;

static const char program[] =
	"import tensorflow as tf\n"
	"from tensorflow import reshape as r\n"
	"x = tf.reshape(tf.stop_gradient(a, name='n'), [-1, 784])\n"
	"y = tf.nn.bias_add(x, b, data_format='NHWC')\n"
	"z = r(tf.transpose(x, perm=[1, 0]), (2,))\n"
	"w = tf.reduce_sum(x, axis=1, keepdims=True) + tf.matmul(x, y)\n"
	"v = tf.nn.relu(tf.concat([x, y], 1)); u = tf.cast(v, tf.float32)\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (tfms_python_new(&py) < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *name =
		memmem(data, len, "api:", 4) ? "fuzz.yaml" : "fuzz.md";
	tfms_ruleset *rs;
	tfms_ruleset_new(&rs);
	if (tfms_ruleset_load_buffer(rs, name, (const char *)data, len) == 0 &&
	    tfms_ruleset_finalize(rs) == 0) {
		tfms_file_result r;
		tfms_process_options opts = {true, false, NULL, false};
		tfms_process_buffer(&r, py, rs, "fuzz.py", program,
				    sizeof(program) - 1, &opts);
		tfms_file_result_dispose(&r);
	}
	tfms_ruleset_free(rs);
	return 0;
}
