#include "tfms/project.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* A project in memory: paths and their texts. */
typedef struct {
	const char *path;
	const char *text;
} file;

static int read_mem(void *payload, size_t i, char **data, size_t *len)
{
	const file *files = payload;
	*len = strlen(files[i].text);
	*data = malloc(*len + 1);
	memcpy(*data, files[i].text, *len + 1);
	return 0;
}

static tfms_project *build(const file *files, size_t n, tfms_input_list *list)
{
	memset(list, 0, sizeof(*list));
	list->items = calloc(n, sizeof(tfms_input));
	list->len = list->cap = n;
	for (size_t i = 0; i < n; i++) {
		list->items[i].path = (char *)files[i].path;
		list->items[i].display = (char *)files[i].path;
	}
	tfms_project *p = NULL;
	cr_assert_eq(tfms_project_build(&p, list, read_mem, (void *)files), 0);
	return p;
}

static void done(tfms_project *p, tfms_input_list *list)
{
	tfms_project_free(p);
	free(list->items);
}

/* A notebook is read as its JSON bytes; one that is plain JSON imports
 * nothing, however its cells spell from-imports, and is not analysed. */
Test(project, plain_json_notebook_is_not_analysed)
{
	const file files[] = {
		{"a.ipynb",
		 "{\"cells\": [{\"cell_type\": \"code\", \"source\": "
		 "[\"from m import *\\n\", \"x = tf.zeros([1, 2.5e-3])\"], "
		 "\"outputs\": [], \"execution_count\": null, "
		 "\"metadata\": {\"collapsed\": false, \"n\": -1}}], "
		 "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 2}\n"},
		{"m.py", "import tensorflow as tf\n"},
	};
	tfms_input_list list;
	tfms_project *p = build(files, 2, &list);
	cr_assert_eq(tfms_project_analysed(p), 0);
	cr_assert_not(tfms_project_wants(p, 0));
	cr_assert_not(tfms_project_env(p, 1)->imported);
	done(p, &list);
}

/* Anything that is not plain JSON is analysed as Python, as before: here
 * the notebook's bytes are Python code whose star import finds m.py. */
Test(project, notebook_that_is_not_json_is_analysed)
{
	static const char *const bad[] = {
		"from m import *\nx = tf.zeros(1)\n",
		/* JSON with text after the document */
		"{\"a\": 1}\nfrom m import *\n",
		/* a scalar, then code */
		"true\nfrom m import *\n",
		/* a string in single quotes, then code */
		"'x'\nfrom m import *\n",
		/* a raw newline inside a string */
		"[\"a\nfrom m import *\nb\"]\n",
	};
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		const file files[] = {
			{"a.ipynb", bad[k]},
			{"m.py", "import tensorflow as tf\n"},
		};
		tfms_input_list list;
		tfms_project *p = build(files, 2, &list);
		cr_assert_geq(tfms_project_analysed(p), 2, "case %zu", k);
		cr_assert(tfms_project_env(p, 1)->imported, "case %zu", k);
		done(p, &list);
	}
}

/* A chain and a cycle settle: every module that passes tf on is imported,
 * the file at the end of the chain wants analysis. */
Test(project, chain_and_cycle_settle)
{
	const file files[] = {
		{"a.py", "from b import *\n"},
		{"b.py", "from c import *\nfrom a import *\n"},
		{"c.py", "import tensorflow as tf\n"},
		{"main.py", "from a import tf\ny = tf.zeros(1)\n"},
	};
	tfms_input_list list;
	tfms_project *p = build(files, 4, &list);
	cr_assert(tfms_project_wants(p, 3));
	cr_assert(tfms_project_env(p, 0)->imported);
	cr_assert(tfms_project_env(p, 1)->imported);
	cr_assert(tfms_project_env(p, 2)->imported);
	cr_assert_not(tfms_project_env(p, 3)->imported);
	done(p, &list);
}

/* ---- Definitions the pre-pass leaves unparsed ---- */

/* Builds lib.py = text imported by main.py; returns how many runs of
 * definitions were skipped and lib's first export's dynamic reason (or
 * "-" when none, "none" without exports), checking that the build
 * without skipping says the same. */
static size_t skipped(const char *text, const char **dynamic)
{
	const file files[] = {
		{"lib.py", text},
		{"main.py", "from lib import *\nx = tf.zeros(1)\n"},
	};
	const char *seen[2];
	size_t count = 0;
	for (int pass = 0; pass < 2; pass++) {
		tfms_project_skip_definitions(pass == 1);
		tfms_input_list list;
		tfms_project *p = build(files, 2, &list);
		const tfms_module_exports *m = tfms_project_exports(p, 0);
		seen[pass] = !m->len		   ? "none"
			     : m->items[0].dynamic ? m->items[0].dynamic
						   : "-";
		if (pass == 1)
			count = tfms_project_skipped(p);
		done(p, &list);
	}
	cr_assert_str_eq(seen[0], seen[1]);
	*dynamic = seen[1];
	return count;
}

Test(project, skips_plain_definitions)
{
	const char *dyn;
	cr_assert_eq(skipped("import tensorflow as tf\n\ndef f(x):\n"
			     "    return tf.zeros(x)\n\nclass A:\n"
			     "    def g(self):\n        return getattr(self, "
			     "'a')\n\nY = 1\n",
			     &dyn),
		     2);
	cr_assert_str_eq(dyn, "-");
}

Test(project, parses_definitions_that_bind_outside_themselves)
{
	const char *dyn;
	/* global tf rebinds the module's tf: dynamic */
	cr_assert_eq(skipped("import tensorflow as tf\n\ndef f():\n"
			     "    global tf\n    tf = 1\n",
			     &dyn),
		     0);
	cr_assert_str_neq(dyn, "-");
	cr_assert_eq(skipped("def f():\n    import tensorflow as tf\n"
			     "    return tf\n\nimport tensorflow as tf\n",
			     &dyn),
		     0);
	/* The definition's own name is bound to TF too: dynamic. */
	cr_assert_eq(skipped("from tensorflow import zeros\n\n"
			     "def zeros():\n    pass\n",
			     &dyn),
		     0);
	cr_assert_str_neq(dyn, "-");
}

Test(project, parses_definitions_rebinding_builtins)
{
	const char *dyn;
	/* Not a call: the resolver then treats getattr as rebound. */
	cr_assert_eq(skipped("import tensorflow as tf\n\ndef f(x):\n"
			     "    return map(getattr, x)\n",
			     &dyn),
		     0);
	cr_assert_eq(skipped("import tensorflow as tf\n\ndef isinstance(x):\n"
			     "    pass\n",
			     &dyn),
		     0);
}

/* A file that does not spell tensorflow wants the run only for uses,
 * which may all be inside definitions: they are parsed again. */
Test(project, finds_uses_inside_skipped_definitions)
{
	const file files[] = {
		{"lib.py", "import tensorflow as tf\n"},
		{"main.py", "from lib import tf\n\ndef f():\n    return 1\n\n"
			    "def g():\n    return tf.zeros(1)\n"},
		{"other.py", "from lib import tf\n\ndef f():\n    return 1\n"},
	};
	tfms_input_list list;
	tfms_project *p = build(files, 3, &list);
	cr_assert(tfms_project_wants(p, 1));
	cr_assert_not(tfms_project_wants(p, 2));
	/* main.py and other.py are analysed before lib.py and again after:
	 * main.py's f and g the first time (tf is no candidate yet), then f
	 * alone; other.py's f both times. */
	cr_assert_eq(tfms_project_analysed(p), 5);
	cr_assert_eq(tfms_project_skipped(p), 5);
	done(p, &list);
}
