/* The differential check of the pre-pass's skipped definitions
 * (project.h): builds the project of the paths given (walked as
 * tfms-rewrite walks them) with and without skipping, and compares
 * every module's exports (names, APIs, kinds, order, dynamic reasons),
 * wants, the env's imported flag and names list, and the analysed count.
 * Prints the first difference and exits 1; 0 when they agree. With -p it
 * prints the skipping build's results instead. */
#include "tfms/fileio.h"
#include "tfms/project.h"
#include "tfms/walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int read_file(void *payload, size_t i, char **data, size_t *len)
{
	const tfms_input_list *files = payload;
	return tfms_file_read(data, len, files->items[i].path,
			      files->items[i].display, 16u << 20);
}

static const char *str(const char *s)
{
	return s ? s : "(null)";
}

/* One line per fact, so that two builds compare as text. */
static void describe(FILE *out, const tfms_project *p,
		     const tfms_input_list *files)
{
	fprintf(out, "analysed %zu\n", tfms_project_analysed(p));
	const tfms_resolve_env *env0 = tfms_project_env(p, 0);
	for (size_t k = 0; env0 && k < env0->nnames; k++)
		fprintf(out, "name %s\n", env0->names[k]);
	for (size_t i = 0; i < files->len; i++) {
		const tfms_resolve_env *env = tfms_project_env(p, i);
		const tfms_module_exports *m = tfms_project_exports(p, i);
		fprintf(out,
			"file %s wants %d imported %d nnames %zu star %s\n",
			files->items[i].display, tfms_project_wants(p, i),
			env->imported, env->nnames, str(m->star_dynamic));
		for (size_t k = 0; k < m->len; k++)
			fprintf(out,
				"  export %s %s module %d star %d dyn %s\n",
				m->items[k].name, m->items[k].api,
				m->items[k].module, m->items[k].star,
				str(m->items[k].dynamic));
	}
}

int main(int argc, char **argv)
{
	bool print = argc > 1 && strcmp(argv[1], "-p") == 0;
	int first = print ? 2 : 1;
	if (argc <= first) {
		fprintf(stderr, "usage: tfms_prepass_check [-p] PATH...\n");
		return 2;
	}
	tfms_input_list files = {0};
	tfms_walk(&files, (const char *const *)argv + first,
		  (size_t)(argc - first));
	char *text[2] = {NULL, NULL};
	size_t size[2] = {0, 0};
	size_t skipped = 0, redone = 0, imports_only = 0;
	double seconds[2] = {0, 0}; /* wall time */
	/* TFMS_PREPASS_ONLY=whole or skipping builds only that way, for
	 * instruction counts (the comparison is then meaningless). */
	const char *only = getenv("TFMS_PREPASS_ONLY");
	/* TFMS_PREPASS_JOBS=N builds with N threads (default 1). */
	const char *jobs_text = getenv("TFMS_PREPASS_JOBS");
	unsigned jobs = jobs_text ? (unsigned)atoi(jobs_text) : 1;
	for (int pass = 0; pass < 2; pass++) {
		if (only && strcmp(only, pass ? "skipping" : "whole") != 0)
			continue;
		tfms_project_skip_definitions(pass == 1);
		tfms_project *p = NULL;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (tfms_project_build(&p, &files, read_file, &files, jobs) < 0)
			return 2;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		seconds[pass] = (double)(t1.tv_sec - t0.tv_sec) +
				(double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		FILE *out = open_memstream(&text[pass], &size[pass]);
		describe(out, p, &files);
		fclose(out);
		if (pass == 1) {
			skipped = tfms_project_skipped(p);
			redone = tfms_project_redone(p);
			imports_only = tfms_project_imports_only(p);
		}
		tfms_project_free(p);
	}
	if (print) {
		fputs(text[1], stdout);
		return 0;
	}
	int rc = 0;
	if (size[0] != size[1] || memcmp(text[0], text[1], size[0]) != 0) {
		size_t at = 0;
		while (at < size[0] && at < size[1] &&
		       text[0][at] == text[1][at])
			at++;
		while (at && text[0][at - 1] != '\n')
			at--;
		fprintf(stderr,
			"differ at:\nwhole:   %.200s\nskipping: %.200s\n",
			text[0] + at, text[1] + at);
		rc = 1;
	}
	fprintf(stderr,
		"%zu files, %zu bytes of facts, %zu skipped definitions, "
		"%u threads, %zu analyses made again, %zu of imports "
		"only, pre-pass "
		"%.2f s whole, %.2f s skipping (wall): %s\n",
		files.len, size[0], skipped, jobs, redone, imports_only,
		seconds[0], seconds[1], rc ? "DIFFER" : "identical");
	free(text[0]);
	free(text[1]);
	tfms_input_list_dispose(&files);
	return rc;
}
