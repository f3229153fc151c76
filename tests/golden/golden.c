/* Golden tests (universal-ctags Units/NAME.d): each directory under
 * tests/golden/ holds input.py, expected.py and expected.json (the JSON
 * report for that one file, without the version and the fingerprints,
 * which test_fingerprint covers); a notebook case holds input.ipynb and
 * expected.ipynb instead. TFMS_BLESS=1 rewrites the expectations; a
 * missing expectation fails otherwise.
 *
 * Every case also checks three invariants: the output parses no worse than
 * the input, CPython (python3 on PATH; Debian 12's is 3.11, whose
 * f-string rules are those of the oldest Python MindSpore 2.x supports)
 * accepts expected.py whenever it accepts input.py, and running the tool
 * on its own output changes nothing. */
#include "tfms/alloc.h"
#include "tfms/error.h"
#include "tfms/fileio.h"
#include "tfms/process.h"
#include "tfms/report.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

typedef struct {
	char *name;
	bool notebook; /* input.ipynb rather than input.py */
} golden_case;

static void free_cases(struct criterion_test_params *params)
{
	golden_case *cases = params->params;
	for (size_t i = 0; i < params->length; i++)
		cr_free(cases[i].name);
	cr_free(cases);
}

static int compare_cases(const void *a, const void *b)
{
	return strcmp(((const golden_case *)a)->name,
		      ((const golden_case *)b)->name);
}

ParameterizedTestParameters(golden, cases)
{
	golden_case found[512];
	size_t n = 0;
	DIR *dir = opendir(TFMS_GOLDEN_DIR);
	struct dirent *ent;
	while (dir && (ent = readdir(dir)) != NULL && n < 512) {
		if (ent->d_name[0] == '.')
			continue;
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s/input.py", TFMS_GOLDEN_DIR,
			 ent->d_name);
		bool py_case = stat(path, &st) == 0;
		snprintf(path, sizeof(path), "%s/%s/input.ipynb",
			 TFMS_GOLDEN_DIR, ent->d_name);
		bool nb_case = !py_case && stat(path, &st) == 0;
		if (py_case || nb_case)
			found[n++] =
				(golden_case){strdup(ent->d_name), nb_case};
	}
	if (dir)
		closedir(dir);
	qsort(found, n, sizeof(golden_case), compare_cases);
	golden_case *cases = cr_malloc(n * sizeof(golden_case));
	for (size_t i = 0; i < n; i++) {
		cases[i].name = cr_malloc(strlen(found[i].name) + 1);
		strcpy(cases[i].name, found[i].name);
		cases[i].notebook = found[i].notebook;
		free(found[i].name);
	}
	return cr_make_param_array(golden_case, cases, n, free_cases);
}

static tfms_ruleset *rules;
static tfms_python *py;

static void setup(void)
{
	tfms_ruleset_new(&rules);
	cr_assert_eq(tfms_ruleset_load_builtin(rules), 0);
	cr_assert_eq(tfms_ruleset_finalize(rules), 0);
	cr_assert_eq(tfms_python_new(&py), 0);
}

static void teardown(void)
{
	tfms_ruleset_free(rules);
	tfms_python_free(py);
}

static char *report_json(tfms_file_result *r)
{
	tfms_report report = TFMS_REPORT_INIT;
	report.files_scanned = 1;
	report.files_changed = r->changed;
	if (r->error)
		tfms_report_add_error(&report, r->path, r->error);
	tfms_buf text = TFMS_BUF_INIT;
	tfms_report_writer *w;
	cr_assert_eq(tfms_report_json_new(&w, NULL, "report.json"), 0);
	cr_assert_eq(tfms_report_write(w, &report, &r->plan.results, &text), 0);
	tfms_report_dispose(&report);
	/* The version changes with every release; the rule sources are the
	 * built-in ones in every case. */
	json_t *root = json_loads(text.ptr, 0, NULL);
	cr_assert_not_null(root);
	json_object_del(root, "version");
	json_object_del(root, "rules");
	json_t *findings = json_object_get(root, "findings");
	for (size_t i = 0; i < json_array_size(findings); i++)
		json_object_del(json_array_get(findings, i), "fingerprint");
	char *out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	tfms_buf_dispose(&text);
	size_t n = strlen(out);
	char *with_nl = tfms_malloc(n + 2);
	memcpy(with_nl, out, n);
	with_nl[n] = '\n';
	with_nl[n + 1] = '\0';
	free(out);
	return with_nl;
}

static void check_expectation(const char *name, const char *file,
			      const char *actual, size_t actual_len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s/%s", TFMS_GOLDEN_DIR, name, file);
	const char *bless = getenv("TFMS_BLESS");
	if (bless && strcmp(bless, "1") == 0) {
		cr_assert_eq(tfms_file_write(path, actual, actual_len), 0, "%s",
			     tfms_error_last());
		return;
	}
	char *expected;
	size_t expected_len;
	if (tfms_file_read(&expected, &expected_len, path, path, 1u << 24) < 0)
		cr_assert_fail("%s: missing %s (run with TFMS_BLESS=1 to "
			       "create it)",
			       name, file);
	bool same = expected_len == actual_len &&
		    memcmp(expected, actual, actual_len) == 0;
	if (!same) {
		size_t i = 0, line = 1;
		while (i < expected_len && i < actual_len &&
		       expected[i] == actual[i])
			line += expected[i++] == '\n';
		cr_expect(same,
			  "%s/%s differs from line %zu on\n--- actual:\n%s",
			  name, file, line, actual);
	}
	free(expected);
}

/* python3 accepts the file at path: 1 yes, 0 no, -1 no python3. */
static int cpython_parses(const char *path)
{
	char cmd[8192];
	snprintf(cmd, sizeof(cmd),
		 "python3 -W ignore -c 'import ast,sys; "
		 "ast.parse(sys.stdin.buffer.read())' <'%s' 2>/dev/null",
		 path);
	int status = system(cmd);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 127)
		return -1;
	return WEXITSTATUS(status) == 0;
}

ParameterizedTest(golden_case *c, golden, cases, .init = setup,
		  .fini = teardown)
{
	const char *input_name = c->notebook ? "input.ipynb" : "input.py";
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s/%s", TFMS_GOLDEN_DIR, c->name,
		 input_name);
	char *input;
	size_t len;
	cr_assert_eq(tfms_file_read(&input, &len, path, path, 1u << 24), 0);

	/* An args file holding --annotate asks for markers. */
	char *args = NULL;
	size_t args_len = 0;
	char args_path[4096];
	snprintf(args_path, sizeof(args_path), "%s/%s/args", TFMS_GOLDEN_DIR,
		 c->name);
	bool have_args = tfms_file_read(&args, &args_len, args_path, args_path,
					4096) == 0;
	bool annotate = have_args && strstr(args, "--annotate");
	/* --mindspore-version=X.Y (or with a space) picks the rules' forms. */
	tfms_ruleset *case_rules = rules;
	const char *msv =
		have_args ? strstr(args, "--mindspore-version") : NULL;
	if (msv) {
		msv += strlen("--mindspore-version");
		msv += strspn(msv, "= ");
		char *version = tfms_strndup(msv, strcspn(msv, " \t\r\n"));
		tfms_ruleset_new(&case_rules);
		tfms_ruleset_set_ms_version(case_rules, version);
		free(version);
		cr_assert_eq(tfms_ruleset_load_builtin(case_rules), 0);
		cr_assert_eq(tfms_ruleset_finalize(case_rules), 0, "%s: %s",
			     c->name, tfms_error_last());
	}
	free(args);

	tfms_file_result r;
	tfms_process_options popts = {false, annotate, NULL, false};
	tfms_process_buffer(&r, py, case_rules, input_name, input, len, &popts);
	const char *out = r.changed ? r.new_data : input;
	size_t out_len = r.changed ? r.new_len : len;
	check_expectation(c->name,
			  c->notebook ? "expected.ipynb" : "expected.py", out,
			  out_len);

	/* Idempotence: the output has nothing left to convert. */
	tfms_file_result again;
	tfms_process_buffer(&again, py, case_rules, input_name, out, out_len,
			    &popts);
	cr_expect(!again.changed, "%s: a second run changes the output",
		  c->name);
	cr_expect_eq(again.plan.results.nconversions, 0,
		     "%s: a second run converts again", c->name);
	tfms_file_result_dispose(&again);

	/* tree-sitter accepts more than CPython: CPython judges. */
	char expected_path[4096];
	snprintf(expected_path, sizeof(expected_path), "%s/%s/expected.py",
		 TFMS_GOLDEN_DIR, c->name);
	/* A notebook's cells may hold magics: the JSON is not Python. */
	int input_ok = c->notebook ? 0 : cpython_parses(path);
	cr_assert_neq(input_ok, -1, "python3 is needed to check outputs");
	if (input_ok)
		cr_expect_eq(cpython_parses(expected_path), 1,
			     "%s: python3 rejects expected.py but accepts "
			     "input.py",
			     c->name);

	char *json = report_json(&r);
	check_expectation(c->name, "expected.json", json, strlen(json));
	free(json);
	tfms_file_result_dispose(&r);
	if (case_rules != rules)
		tfms_ruleset_free(case_rules);
	free(input);
}
