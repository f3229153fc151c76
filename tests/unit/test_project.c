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
