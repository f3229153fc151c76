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

static tfms_project *build_jobs(const file *files, size_t n,
				tfms_input_list *list, unsigned jobs)
{
	memset(list, 0, sizeof(*list));
	list->items = calloc(n, sizeof(tfms_input));
	list->len = list->cap = n;
	for (size_t i = 0; i < n; i++) {
		list->items[i].path = (char *)files[i].path;
		list->items[i].display = (char *)files[i].path;
	}
	tfms_project *p = NULL;
	cr_assert_eq(
		tfms_project_build(&p, list, read_mem, (void *)files, jobs), 0);
	return p;
}

static tfms_project *build(const file *files, size_t n, tfms_input_list *list)
{
	return build_jobs(files, n, list, 1);
}

static void done(tfms_project *p, tfms_input_list *list)
{
	tfms_project_free(p);
	free(list->items);
}

/* A notebook's imports are in its code cells: the pre-pass reads them as
 * the run does, so the module a cell imports from is imported (its TF
 * import must stay) and the notebook, which never spells tensorflow,
 * wants analysis. The notebook used to be read as its JSON bytes, which
 * import nothing. */
Test(project, notebook_cells_import_from_the_project)
{
	const file files[] = {
		{"a.ipynb",
		 "{\"cells\": [{\"cell_type\": \"code\", \"source\": "
		 "[\"from m import tf\\n\", \"x = tf.zeros([1, 2.5e-3])\"], "
		 "\"outputs\": [], \"execution_count\": null, "
		 "\"metadata\": {\"collapsed\": false, \"n\": -1}}], "
		 "\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 2}\n"},
		{"m.py", "import tensorflow as tf\n"},
	};
	tfms_input_list list;
	tfms_project *p = build(files, 2, &list);
	cr_assert(tfms_project_wants(p, 0));
	cr_assert(tfms_project_env(p, 1)->imported);
	done(p, &list);
}

/* Only the code cells count: an import in a markdown cell, or in a
 * notebook that cannot be read as one (the run reports it), imports
 * nothing. */
Test(project, notebook_imports_only_through_code_cells)
{
	static const char *const texts[] = {
		"{\"cells\": [{\"cell_type\": \"markdown\", \"source\": "
		"\"from m import tf\\n\", \"metadata\": {}}], "
		"\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 2}\n",
		/* Python, not JSON */
		"from m import *\nx = tf.zeros(1)\n",
		/* JSON with code after the document */
		"{\"a\": 1}\nfrom m import *\n",
	};
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		const file files[] = {
			{"a.ipynb", texts[k]},
			{"m.py", "import tensorflow as tf\n"},
		};
		tfms_input_list list;
		tfms_project *p = build(files, 2, &list);
		cr_assert_not(tfms_project_wants(p, 0), "case %zu", k);
		cr_assert_not(tfms_project_env(p, 1)->imported, "case %zu", k);
		done(p, &list);
	}
}

/* A file that no from-import of the project names exports nothing anyone
 * reads: the pre-pass parses only its imports, which still find modules
 * (lib stays imported). Once a file imports from it, it is analysed in
 * full. */
Test(project, file_nothing_imports_from_is_read_for_its_imports)
{
	const file alone[] = {
		{"lib.py", "import tensorflow as tf\n"},
		{"main.py", "import tensorflow\nfrom lib import tf\n"
			    "def f():\n    return 1\n"
			    "alias = tf.zeros\n"},
	};
	tfms_input_list list;
	tfms_project *p = build(alone, 2, &list);
	cr_assert_eq(tfms_project_imports_only(p), 1);
	cr_assert(tfms_project_env(p, 0)->imported);
	cr_assert_eq(tfms_project_exports(p, 1)->len, 0);
	done(p, &list);

	const file used[] = {
		alone[0],
		alone[1],
		{"use.py", "import tensorflow\nfrom main import alias\n"},
	};
	p = build(used, 3, &list);
	cr_assert_eq(tfms_project_imports_only(p), 1); /* use.py */
	cr_assert(tfms_project_env(p, 0)->imported);
	cr_assert(tfms_project_env(p, 1)->imported);
	const tfms_module_exports *m = tfms_project_exports(p, 1);
	bool alias = false;
	for (size_t k = 0; k < m->len; k++)
		alias = alias || strcmp(m->items[k].name, "alias") == 0;
	cr_assert(alias);
	done(p, &list);
}

/* However a from-import spells the module (blanks around dots, a line
 * continuation, dots up to a module named like a directory), the module
 * it finds is analysed in full: the text scan that tells which files no
 * import finds errs only on the side of analysing. So do the places
 * where the text scans could stumble: a UTF-8 byte order mark before a
 * first-line from-import; lone-CR line ends (the run refuses such a file,
 * but what it imports counts); a comment ending in a continuation just
 * before a relative import. */
Test(project, module_found_however_the_import_spells_it)
{
	static const struct {
		const char *path, *text, *module;
	} cases[] = {
		{"main.py", "import tensorflow\nfrom pkg . mod import tf\n",
		 "pkg/mod.py"},
		{"main.py",
		 "import tensorflow\nfrom pkg.\\\n    mod import tf\n",
		 "pkg/mod.py"},
		{"pkg/sub/f.py", "import tensorflow\nfrom .. import tf\n",
		 "pkg.py"},
		{"pkg/f.py", "import tensorflow\nfrom .mod import (tf)\n",
		 "pkg/mod.py"},
		{"main.py",
		 "\xef\xbb\xbf"
		 "from m import tf\ny = tf.zeros(1)\n",
		 "m.py"},
		{"main.py", "# tensorflow\rx = 1\rfrom m import tf\r", "m.py"},
		{"pkg/main.py",
		 "import os  # taken from \\\nfrom . import tf\n"
		 "y = tf.zeros(1)\n",
		 "pkg.py"},
	};
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const file files[] = {
			{cases[k].path, cases[k].text},
			{cases[k].module,
			 "import tensorflow as tf\nz = tf.zeros\n"},
		};
		tfms_input_list list;
		tfms_project *p = build(files, 2, &list);
		cr_expect(tfms_project_env(p, 1)->imported, "case %zu", k);
		cr_expect_geq(tfms_project_exports(p, 1)->len, 2, "case %zu",
			      k);
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

/* Only the definition named like a candidate is parsed: the others stay
 * skipped (the file used to be parsed whole). */
Test(project, parses_only_the_definitions_named_like_candidates)
{
	const char *dyn;
	cr_assert_eq(skipped("from tensorflow import zeros\n\n"
			     "def zeros():\n    pass\n\n"
			     "def other(x):\n    return x\n",
			     &dyn),
		     1);
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

/* ---- Several threads ---- */

/* Every fact of a build, one line each, to compare builds as text. */
static char *facts(const tfms_project *p, size_t n)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	const tfms_resolve_env *env0 = tfms_project_env(p, 0);
	for (size_t k = 0; k < env0->nnames; k++)
		fprintf(out, "name %s\n", env0->names[k]);
	for (size_t i = 0; i < n; i++) {
		const tfms_module_exports *m = tfms_project_exports(p, i);
		fprintf(out, "%zu wants %d imported %d\n", i,
			tfms_project_wants(p, i),
			tfms_project_env(p, i)->imported);
		for (size_t k = 0; k < m->len; k++)
			fprintf(out, "  %s %s %d %d %s\n", m->items[k].name,
				m->items[k].api, m->items[k].module,
				m->items[k].star,
				m->items[k].dynamic ? m->items[k].dynamic
						    : "-");
	}
	fclose(out);
	return text;
}

/* Chains, cycles and fans of star imports, names re-exported along
 * them, files without tensorflow: the exports settle to the same facts
 * whatever the number of threads and the order they analyse in. */
Test(project, same_facts_with_any_number_of_threads)
{
	enum { N = 120 };
	file files[N];
	char paths[N][32];
	char *texts[N];
	for (size_t i = 0; i < N; i++) {
		snprintf(paths[i], sizeof(paths[i]), "pkg%zu/m%zu.py", i % 3,
			 i);
		char *t = NULL;
		size_t size = 0;
		FILE *out = open_memstream(&t, &size);
		if (i % 7 == 0)
			fprintf(out, "import tensorflow as tf\n");
		/* a chain towards higher numbers, a cycle back every 10 */
		if (i + 1 < N)
			fprintf(out, "from pkg%zu.m%zu import *\n", (i + 1) % 3,
				i + 1);
		if (i % 10 == 9)
			fprintf(out, "from pkg%zu.m%zu import *\n", (i - 9) % 3,
				i - 9);
		if (i % 5 == 0)
			fprintf(out, "x%zu = tf.zeros\n", i);
		if (i % 4 == 0 && i + 8 < N)
			fprintf(out, "from pkg%zu.m%zu import x%zu as y\n",
				(i + 8) % 3, i + 8, ((i + 8) / 5) * 5);
		fprintf(out, "def f%zu(a):\n    return y(a)\n", i);
		fclose(out);
		texts[i] = t;
		files[i] = (file){paths[i], t};
	}
	char *expected = NULL;
	for (unsigned jobs = 1; jobs <= 4; jobs++)
		for (int round = 0; round < (jobs == 1 ? 1 : 5); round++) {
			tfms_input_list list;
			tfms_project *p = build_jobs(files, N, &list, jobs);
			char *got = facts(p, N);
			if (!expected) {
				expected = got;
				/* the facts are not trivial */
				cr_assert(strstr(expected, "imported 1"));
				cr_assert(strstr(expected, "name x5"));
			} else {
				cr_assert_str_eq(got, expected,
						 "%u threads, round %d", jobs,
						 round);
				free(got);
			}
			done(p, &list);
		}
	free(expected);
	for (size_t i = 0; i < N; i++)
		free(texts[i]);
}

/* head, then `x0 = x1 = ... = x2099 = X`: valid Python whose walk nests
 * past the resolver's limit once X is a candidate name. */
static char *deep_chain(const char *head)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	fputs(head, out);
	for (int k = 0; k < 2100; k++)
		fprintf(out, "x%d = ", k);
	fprintf(out, "X\n");
	fclose(out);
	return text;
}

/* A chain of 2,100 assignment targets is valid Python and nests the walk
 * past its limit: the analysis fails (no exports) instead of overflowing
 * the stack, with one thread as with several (the pre-pass ran on the
 * calling thread's smaller stack with one). */
Test(project, deep_chain_fails_cleanly_with_any_number_of_threads)
{
	char *chain = deep_chain("import tensorflow as tf\nX = tf.zeros\n");
	const file files[] = {
		{"f.py", chain},
		{"g.py", "from f import *\ny = tf.zeros([2])\n"},
	};
	for (unsigned jobs = 1; jobs <= 2; jobs++) {
		tfms_input_list list;
		tfms_project *p = build_jobs(files, 2, &list, jobs);
		cr_expect_eq(tfms_project_exports(p, 0)->len, 0, "%u threads",
			     jobs);
		cr_expect(tfms_project_env(p, 0)->imported);
		done(p, &list);
	}
	free(chain);
}

/* An analysis made ahead of its turn saw fewer exported names: here f.py
 * before a.py (slow: many lines; h.py imports from it) publishes X. In its
 * turn X is a candidate,
 * f's chain of 2,100 targets ending in X nests the walk past its limit,
 * and f exports nothing; ahead of its turn f exported tf, and g with it.
 * The result must be the one-thread one. */
Test(project, analysis_ahead_is_redone_when_names_grow)
{
	char *a = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&a, &size);
	fprintf(out, "from .q import nothing\nimport tensorflow as tf\n");
	for (int k = 0; k < 20000; k++)
		fprintf(out, "v%d = tf.reshape(tf.zeros([%d]), [-1])\n", k, k);
	fprintf(out, "X = tf.zeros\n");
	fclose(out);
	char *f =
		deep_chain("from .q import nothing\nimport tensorflow as tf\n");
	const file files[] = {
		{"pkg/__init__.py", ""},
		{"pkg/a.py", a},
		{"pkg/f.py", f},
		{"pkg/g.py", "from .f import *\ny = tf.zeros([2])\n"},
		/* a's exports are read: they count */
		{"pkg/h.py", "from .a import X\n"},
		{"pkg/q.py", ""},
	};
	for (unsigned jobs = 1; jobs <= 2; jobs++) {
		tfms_input_list list;
		tfms_project *p = build_jobs(files, 6, &list, jobs);
		cr_expect_eq(tfms_project_exports(p, 2)->len, 0, "%u threads",
			     jobs);
		cr_expect_eq(tfms_project_exports(p, 3)->len, 0, "%u threads",
			     jobs);
		done(p, &list);
	}
	free(a);
	free(f);
}
