/* Writes a deterministic synthetic TensorFlow 1.15 corpus for the
 * benchmark: every import form, every seed rule and its argument shapes,
 * unmapped TF1 code in realistic proportion, long files and deep nesting.
 *
 * usage: tfms_bench_corpus DIR [FILES [TINY]]
 *   FILES (default 2000) realistic files (~15 MB for 2000), or with TINY=1
 *   that many tiny files (a few lines each). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint32_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (uint32_t)(state >> 32);
}

static uint32_t pick(uint32_t n)
{
	return next() % n;
}

static const char *const headers[] = {
	"import tensorflow as tf\n",
	"import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n",
	"from tensorflow.compat import v1 as tf\n",
	"try:\n    import tensorflow.compat.v1 as tf\nexcept ImportError:\n"
	"    import tensorflow as tf\n",
	"import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n",
	"import tensorflow as tf\nfrom tensorflow import stop_gradient as sg\n"
	"from tensorflow.sparse import SparseTensor\n",
	"import tensorflow as tf\nfrom tensorflow.python.framework import "
	"ops\n",
};

/* Statements with TF uses; %d is a running number. Unmapped TF1 code
 * dominates, as in real projects. */
static const char *const statements[] = {
	"x%d = tf.placeholder(tf.float32, [None, 784], name=\"x%d\")\n",
	"w%d = tf.get_variable(\"w%d\", [784, 10], "
	"initializer=tf.truncated_normal_initializer(stddev=0.1))\n",
	"h%d = tf.nn.relu(tf.matmul(x, w) + b)  # hidden %d\n",
	"loss%d = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits("
	"labels=y, logits=h%d))\n",
	"opt%d = tf.train.AdamOptimizer(1e-3).minimize(loss, "
	"global_step=step%d)\n",
	"with tf.variable_scope(\"block%d\"):\n        y%d = "
	"tf.layers.dense(x, "
	"64, activation=tf.nn.tanh)\n",
	"t%d = tf.stop_gradient(target, name=\"t%d\")\n",
	"u%d = tf.stop_gradient(tf.reduce_mean(v, axis=%d))\n",
	"g%d = tf.gradients(loss, params)[%d]\n",
	"s%d = tf.SparseTensor(indices=i, values=v, dense_shape=(%d, 4))\n",
	"ok%d = isinstance(value, (tf.Tensor, tf.SparseTensor)) and %d\n",
	"summary%d = tf.summary.scalar(\"loss%d\", loss)\n",
	"saver%d = tf.train.Saver(max_to_keep=%d)\n",
	"# tf.stop_gradient(x%d) in a comment, %d\n",
	"doc%d = \"tf.gradients(%d) in a string\"\n",
	"z%d = np.zeros((%d, 3)) + math.sqrt(2.0)\n",
	"logging.info(\"step %%d: %%f\", step%d, value%d)\n",
};

static void body(FILE *f, int lines, int *counter)
{
	int n = (int)(sizeof(statements) / sizeof(statements[0]));
	for (int i = 0; i < lines; i++) {
		int k = (int)pick((uint32_t)n);
		(*counter)++;
		fprintf(f, "    ");
		/* statements[] holds literal formats, each taking exactly two
		 * ints, which -Wformat-nonliteral cannot see through. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		fprintf(f, statements[k], *counter, *counter);
#pragma GCC diagnostic pop
	}
}

static void write_file(const char *path, int functions, int per_function)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		exit(1);
	}
	int n = (int)(sizeof(headers) / sizeof(headers[0]));
	fprintf(f, "\"\"\"Synthetic TF 1.15 module.\"\"\"\n"
		   "from __future__ import print_function\n\n"
		   "import logging\nimport math\n\nimport numpy as np\n");
	fputs(headers[pick((uint32_t)n)], f);
	fputc('\n', f);
	int counter = 0;
	for (int i = 0; i < functions; i++) {
		fprintf(f,
			"\n\ndef block_%d(x, w, b, y, v, i, target, loss, "
			"params, step, value):\n",
			i);
		fprintf(f, "    def inner(tf):\n        return tf.stop_gradient"
			   "(1)  # shadowed\n");
		body(f, per_function, &counter);
		/* Deep nesting, as generated code has. */
		if (pick(8) == 0) {
			int depth = 20 + (int)pick(60);
			fprintf(f, "    deep = ");
			for (int d = 0; d < depth; d++)
				fputc('(', f);
			fprintf(f, "tf.stop_gradient(x)");
			for (int d = 0; d < depth; d++)
				fputc(')', f);
			fputc('\n', f);
		}
		fprintf(f, "    return locals()\n");
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s DIR [FILES [TINY]]\n", argv[0]);
		return 2;
	}
	const char *dir = argv[1];
	int files = argc > 2 ? atoi(argv[2]) : 2000;
	int tiny = argc > 3 ? atoi(argv[3]) : 0;
	char path[4096];
	mkdir(dir, 0777);
	for (int i = 0; i < files; i++) {
		if (i % 100 == 0) {
			snprintf(path, sizeof(path), "%s/pkg%03d", dir,
				 i / 100);
			mkdir(path, 0777);
		}
		snprintf(path, sizeof(path), "%s/pkg%03d/mod%05d.py", dir,
			 i / 100, i);
		if (tiny) {
			write_file(path, 1, 2);
		} else if (i % 50 == 0) {
			write_file(path, 40 + (int)pick(40), 20); /* long */
		} else {
			write_file(path, 2 + (int)pick(6), 8 + (int)pick(12));
		}
	}
	return 0;
}
