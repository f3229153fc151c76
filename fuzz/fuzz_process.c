/* libFuzzer target over the whole per-file pipeline with the built-in
 * rules: resolve, plan, apply, verify. Invariants beyond "no crash and no
 * sanitizer report":
 *   - an input without syntax errors gives an output without any, by
 *     tree-sitter and by the CPython rules it does not check
 *     (tfms_verify_cpython);
 *   - and a second pass over that output changes nothing.
 * CPython itself is too slow to call per input; fuzz/replay.sh runs the
 * corpus through the binary and checks the outputs with python3. */
#include "tfms/process.h"
#include "tfms/verify.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tfms_ruleset *rules;
static tfms_python *py;

static void fail(const char *what, const uint8_t *data, size_t len,
		 const tfms_file_result *r)
{
	fprintf(stderr,
		"fuzz_process: %s\n--- input:\n%.*s\n--- output:\n%.*s\n", what,
		(int)len, (const char *)data, r ? (int)r->new_len : 0,
		r && r->new_data ? r->new_data : "");
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	tfms_ruleset_new(&rules);
	if (tfms_ruleset_load_builtin(rules) < 0 ||
	    tfms_ruleset_finalize(rules) < 0 || tfms_python_new(&py) < 0)
		abort();
	return 0;
}

/* Error count plus CPython-only violations, or SIZE_MAX for none wanted. */
static size_t badness(const char *text, size_t len)
{
	TSTree *tree = tfms_python_parse(py, text, len);
	size_t n =
		tfms_python_error_count(tree) + tfms_verify_cpython(tree, text);
	ts_tree_delete(tree);
	return n;
}

static bool word_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* `f(x)issubclass`: CPython reads one name after ')' and rejects the line;
 * tree-sitter splits off the keyword (`f(x) is subclass`) and calls it
 * clean. Such an input is not valid Python, so it does not count as clean
 * (found by a long fuzz run, build-fuzz-long). */
static bool glued_keyword(const char *t, size_t len)
{
	static const char *const kw[] = {"is",	"in", "or",  "and",
					 "not", "if", "else"};
	for (size_t i = 0; i + 1 < len; i++) {
		if (!strchr(")]}'\"", t[i]) && !(t[i] >= '0' && t[i] <= '9'))
			continue;
		if (t[i] >= '0' && t[i] <= '9' && i > 0 && word_char(t[i - 1]))
			continue; /* a digit inside a name */
		for (size_t k = 0; k < sizeof(kw) / sizeof(kw[0]); k++) {
			size_t n = strlen(kw[k]);
			if (i + 1 + n < len &&
			    strncmp(t + i + 1, kw[k], n) == 0 &&
			    word_char(t[i + 1 + n]))
				return true;
		}
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	tfms_file_result r;
	tfms_process_options with_diff = {true, false, NULL, false};
	tfms_process_options plain = {false, false, NULL, false};
	tfms_process_buffer(&r, py, rules, "fuzz.py", (const char *)data, len,
			    &with_diff);
	/* Inputs with errors are judged by tree-sitter's error recovery,
	 * whose regions may shift once lines move (the tool leaves them
	 * alone); a clean input must give a clean output, and a fixed
	 * point. */
	if (r.changed && badness((const char *)data, len) == 0 &&
	    !glued_keyword((const char *)data, len)) {
		if (badness(r.new_data, r.new_len) != 0)
			fail("a clean input gives an output with errors", data,
			     len, &r);
		tfms_file_result again;
		tfms_process_buffer(&again, py, rules, "fuzz.py", r.new_data,
				    r.new_len, &plain);
		if (again.changed)
			fail("a second pass changes the output", data, len, &r);
		tfms_file_result_dispose(&again);
	}
	tfms_file_result_dispose(&r);
	return 0;
}
