/* The command line: one declarative option table drives parsing, the
 * validation messages and --help (libgit2 src/cli/opt.h, git
 * parse-options). Everything else lives in the core library. */
#include "print.h"
#include "tfms/alloc.h"
#include "tfms/annotate.h"
#include "tfms/array.h"
#include "tfms/error.h"
#include "tfms/run.h"
#include "tfms/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum option_id {
	OPT_DRY_RUN,
	OPT_IN_PLACE,
	OPT_BRANCH,
	OPT_BASE,
	OPT_REPORT_PATH,
	OPT_AUTHOR,
	OPT_FORCE,
	OPT_REPORT,
	OPT_REPORT_FORMAT,
	OPT_RULES,
	OPT_ANNOTATE,
	OPT_FAIL_ON,
	OPT_MS_VERSION,
	OPT_CHECK,
	OPT_BASELINE,
	OPT_JOBS,
	OPT_QUIET,
	OPT_VERBOSE,
	OPT_COLOR,
	OPT_LIST_RULES,
	OPT_FORMAT,
	OPT_HELP,
	OPT_VERSION,
};

static const struct option_spec {
	enum option_id id;
	const char *long_name;
	char short_name;
	const char *value; /* metavariable; NULL for a flag */
	bool optional;	   /* the value may be left out (then only --x=V) */
	const char *help;
} option_table[] = {
	{OPT_DRY_RUN, "dry-run", 0, NULL, false,
	 "print a unified diff of every change (the default); write nothing"},
	{OPT_IN_PLACE, "in-place", 'i', NULL, false,
	 "rewrite the files (atomically, keeping their mode)"},
	{OPT_BRANCH, "branch", 0, "NAME", true,
	 "commit the migration of the committed code to a new branch\n"
	 "(default name: " TFMS_BRANCH_DEFAULT_NAME "); the working tree,\n"
	 "index and HEAD are not touched"},
	{OPT_BASE, "base", 0, "REV", false,
	 "with --branch: the commit to migrate (default: HEAD)"},
	{OPT_REPORT_PATH, "report-path", 0, "PATH", false,
	 "with --branch: where the report goes in the commit\n"
	 "(default: " TFMS_BRANCH_DEFAULT_REPORT ")"},
	{OPT_AUTHOR, "author", 0, "'NAME <EMAIL>'", false,
	 "with --branch: the commit's author and committer\n"
	 "(default: git config user.name and user.email)"},
	{OPT_FORCE, "force", 0, NULL, false,
	 "with --branch: move the branch when it exists"},
	{OPT_REPORT, "report", 0, "FILE", false,
	 "write the report to FILE; .md, .json or .sarif picks the\n"
	 "format; - writes it to stdout (instead of the diff)"},
	{OPT_REPORT_FORMAT, "report-format", 0, "md|json|sarif", false,
	 "report format, overriding FILE's extension"},
	{OPT_CHECK, "check", 0, NULL, false,
	 "CI mode: a dry run that exits 1 when anything would be\n"
	 "converted or an error-level finding remains"},
	{OPT_BASELINE, "baseline", 0, "FILE", false,
	 "like --check, but exit 1 only on findings that the JSON\n"
	 "report FILE does not hold, or when the converted share drops"},
	{OPT_RULES, "rules", 0, "PATH", false,
	 "use these rule files (.md table, .yaml details) or directories\n"
	 "instead of the built-in rules; repeatable"},
	{OPT_ANNOTATE, "annotate", 0, NULL, false,
	 "add a '" TFMS_ANNOTATE_PREFIX "...' comment above each\n"
	 "line with TensorFlow uses left (removed once they are gone)"},
	{OPT_FAIL_ON, "fail-on", 0, "error|warning|note|none", false,
	 "exit with 3 when a finding at or above this level remains\n"
	 "(default: none)"},
	{OPT_MS_VERSION, "mindspore-version", 0, "X.Y", false,
	 "the MindSpore release to emit code for (default: the newest\n"
	 "release the rules know; 2.7 for the built-in rules)"},
	{OPT_JOBS, "jobs", 'j', "N", false,
	 "worker threads (default: one per online CPU)"},
	{OPT_QUIET, "quiet", 'q', NULL, false,
	 "print only errors: no findings, no summary"},
	{OPT_VERBOSE, "verbose", 'v', NULL, false,
	 "also print every conversion"},
	{OPT_COLOR, "color", 0, "auto|always|never", false,
	 "colour the diff and diagnostics (auto: when a terminal)"},
	{OPT_LIST_RULES, "list-rules", 0, NULL, false,
	 "print every rule (API, aliases, MindSpore API, table status,\n"
	 "decision, reason, source) and exit"},
	{OPT_FORMAT, "format", 0, "text|md|json", false,
	 "with --list-rules: the output format (default text)"},
	{OPT_HELP, "help", 'h', NULL, false, "show this help and exit"},
	{OPT_VERSION, "version", 0, NULL, false, "show the version and exit"},
};

#define OPTION_COUNT (sizeof(option_table) / sizeof(option_table[0]))

static void usage(FILE *out)
{
	fprintf(out,
		"usage: tfms-rewrite [OPTIONS] [PATH...]\n\n"
		"Migrate TensorFlow 1.15 Python code to MindSpore 2.x. PATHs "
		"are files or\ndirectories (default: .). Conversions that are "
		"provably drop-in are applied;\neverything else is reported "
		"as path:line:col: kind: message.\n\noptions:\n");
	for (size_t i = 0; i < OPTION_COUNT; i++) {
		const struct option_spec *o = &option_table[i];
		char left[64];
		int n = snprintf(left, sizeof(left), "%c%c%s--%s%s%s%s%s",
				 o->short_name ? '-' : ' ',
				 o->short_name ? o->short_name : ' ',
				 o->short_name ? ", " : "  ", o->long_name,
				 o->optional ? "[" : "",
				 o->value ? (o->short_name ? " " : "=") : "",
				 o->value ? o->value : "",
				 o->optional ? "]" : "");
		fprintf(out, "  %-28s", left);
		if (n > 28)
			fprintf(out, "\n  %-28s", "");
		for (const char *h = o->help; *h; h++) {
			fputc(*h, out);
			if (*h == '\n')
				fprintf(out, "  %-28s", "");
		}
		fputc('\n', out);
	}
	fprintf(out,
		"\nexit status: 0 done (findings may remain), 1 some files "
		"could not be\nprocessed (the others were), 2 bad usage or bad "
		"rules (nothing was done),\n3 with --fail-on: a finding at or "
		"above that level remains. With --check or --baseline, 1 also\n"
		"means the check failed.\n");
}

static int bad_usage(const char *fmt, ...) TFMS_PRINTF(1, 2);
static int bad_usage(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "tfms-rewrite: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\ntry 'tfms-rewrite --help'\n");
	return TFMS_EXIT_USAGE;
}

typedef struct {
	tfms_options opts;
	cli_printer printer;
	tfms_array(const char *) paths;
	tfms_array(const char *) rules;
	bool dry_run_given, in_place, branch;
	const char *branch_only; /* an option that needs --branch */
	const char *color;
	const char *report_format;
	bool help, version, list_rules;
	bool quiet, verbose; /* as given, to reject the pair in any spelling */
	const char *list_format;
	const char *fail_on;
} cli;

static const struct option_spec *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < OPTION_COUNT; i++)
		if (strlen(option_table[i].long_name) == len &&
		    strncmp(option_table[i].long_name, name, len) == 0)
			return &option_table[i];
	return NULL;
}

static const struct option_spec *find_short(char c)
{
	for (size_t i = 0; i < OPTION_COUNT; i++)
		if (option_table[i].short_name == c)
			return &option_table[i];
	return NULL;
}

static int apply_option(cli *c, const struct option_spec *o, const char *value)
{
	switch (o->id) {
	case OPT_DRY_RUN:
		c->dry_run_given = true;
		break;
	case OPT_IN_PLACE:
		c->in_place = true;
		break;
	case OPT_BRANCH:
		c->branch = true;
		c->opts.branch.name = value ? value : TFMS_BRANCH_DEFAULT_NAME;
		break;
	case OPT_BASE:
		c->opts.branch.base = value;
		c->branch_only = "--base";
		break;
	case OPT_REPORT_PATH:
		c->opts.branch.report_path = value;
		c->branch_only = "--report-path";
		break;
	case OPT_AUTHOR:
		c->opts.branch.author = value;
		c->branch_only = "--author";
		break;
	case OPT_FORCE:
		c->opts.branch.force = true;
		c->branch_only = "--force";
		break;
	case OPT_REPORT:
		c->opts.report_path = value;
		break;
	case OPT_REPORT_FORMAT:
		c->report_format = value;
		break;
	case OPT_RULES:
		tfms_array_push(&c->rules, value);
		break;
	case OPT_ANNOTATE:
		c->opts.annotate = true;
		break;
	case OPT_FAIL_ON:
		c->fail_on = value;
		break;
	case OPT_MS_VERSION:
		c->opts.ms_version = value;
		break;
	case OPT_CHECK:
		c->opts.check = true;
		break;
	case OPT_BASELINE:
		c->opts.baseline = value;
		break;
	case OPT_JOBS: {
		char *end;
		long n = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || n < 1 || n > 1024)
			return bad_usage(
				"--jobs takes a number from 1 to 1024, "
				"not '%s'",
				value);
		c->opts.jobs = (unsigned)n;
		break;
	}
	case OPT_QUIET:
		c->quiet = true;
		c->printer.verbosity = TFMS_VERBOSITY_QUIET;
		break;
	case OPT_VERBOSE:
		c->verbose = true;
		c->printer.verbosity = TFMS_VERBOSITY_VERBOSE;
		break;
	case OPT_COLOR:
		c->color = value;
		break;
	case OPT_LIST_RULES:
		c->list_rules = true;
		break;
	case OPT_FORMAT:
		c->list_format = value;
		break;
	case OPT_HELP:
		c->help = true;
		break;
	case OPT_VERSION:
		c->version = true;
		break;
	}
	return 0;
}

static int parse_args(cli *c, int argc, char **argv)
{
	bool only_paths = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (only_paths || arg[0] != '-' || arg[1] == '\0') {
			tfms_array_push(&c->paths, arg);
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_paths = true;
			continue;
		}
		const struct option_spec *o;
		const char *value = NULL;
		if (arg[1] == '-') {
			const char *name = arg + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			o = find_long(name, len);
			if (!o)
				return bad_usage("unknown option '%s'", arg);
			if (o->value) {
				if (eq)
					value = eq + 1;
				else if (o->optional)
					value = NULL;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return bad_usage("option '%s' needs a "
							 "value",
							 arg);
			} else if (eq) {
				return bad_usage("option '--%s' takes no value",
						 o->long_name);
			}
			int rc = apply_option(c, o, value);
			if (rc)
				return rc;
		} else {
			/* Short options cluster: -iq, -j4, -j 4. */
			for (const char *p = arg + 1; *p; p++) {
				o = find_short(*p);
				if (!o) {
					char bad[3] = {'-', *p, '\0'};
					return bad_usage("unknown option '%s'",
							 bad);
				}
				if (o->value) {
					if (p[1])
						value = p + 1;
					else if (i + 1 < argc)
						value = argv[++i];
					else
						return bad_usage(
							"option '%s' needs a "
							"value",
							arg);
					int rc = apply_option(c, o, value);
					if (rc)
						return rc;
					break;
				}
				int rc = apply_option(c, o, NULL);
				if (rc)
					return rc;
			}
		}
	}
	if (c->quiet && c->verbose)
		return bad_usage("%s",
				 "--quiet and --verbose exclude each other");
	return 0;
}

/* Conflicting or incomplete options are rejected here, in one place. */
static int validate(cli *c)
{
	tfms_options *o = &c->opts;
	if (c->dry_run_given + c->in_place + c->branch > 1)
		return bad_usage("%s", "--dry-run, --in-place and --branch "
				       "exclude each other");
	if ((o->check || o->baseline) && (c->in_place || c->branch))
		return bad_usage("%s writes nothing; it excludes --in-place "
				 "and --branch",
				 o->check ? "--check" : "--baseline");
	if (c->branch_only && !c->branch)
		return bad_usage("%s needs --branch", c->branch_only);
	if (c->list_format && !c->list_rules)
		return bad_usage("%s", "--format needs --list-rules");
	if (c->list_format && strcmp(c->list_format, "text") != 0 &&
	    strcmp(c->list_format, "md") != 0 &&
	    strcmp(c->list_format, "json") != 0)
		return bad_usage("--format takes text, md or json, not '%s'",
				 c->list_format);
	if (c->in_place)
		o->mode = TFMS_MODE_IN_PLACE;
	if (c->branch) {
		o->mode = TFMS_MODE_BRANCH;
		if (!o->branch.report_path)
			o->branch.report_path = TFMS_BRANCH_DEFAULT_REPORT;
		if (o->branch.name[0] == '\0')
			return bad_usage("%s", "--branch= needs a name");
	}
	if (c->fail_on) {
		static const char *const levels[] = {"none", "note", "warning",
						     "error"};
		size_t i = 0;
		while (i < 4 && strcmp(c->fail_on, levels[i]) != 0)
			i++;
		if (i == 4)
			return bad_usage("--fail-on takes error, warning, note "
					 "or none, not '%s'",
					 c->fail_on);
		c->printer.fail_on = (tfms_level)i;
		c->opts.fail_on_given = true;
		c->opts.fail_on = (tfms_level)i;
	}
	if (c->report_format && !o->report_path)
		return bad_usage("%s", "--report-format needs --report FILE");
	if (o->report_path) {
		const char *fmt = c->report_format;
		if (!fmt)
			fmt = tfms_ends_with(o->report_path, ".json") ? "json"
			      : tfms_ends_with(o->report_path, ".md") ? "md"
			      : tfms_ends_with(o->report_path, ".sarif")
				      ? "sarif"
				      : NULL;
		if (!fmt)
			return bad_usage(
				"cannot tell the report format of '%s'; "
				"use a .md, .json or .sarif name or "
				"--report-format",
				o->report_path);
		if (strcmp(fmt, "json") == 0)
			o->report_format = TFMS_REPORT_JSON;
		else if (strcmp(fmt, "md") == 0)
			o->report_format = TFMS_REPORT_MARKDOWN;
		else if (strcmp(fmt, "sarif") == 0)
			o->report_format = TFMS_REPORT_SARIF;
		else
			return bad_usage("unknown report format '%s' (md, "
					 "json or sarif)",
					 fmt);
	}
	const char *color = c->color ? c->color : "auto";
	bool no_color_env = getenv("NO_COLOR") && *getenv("NO_COLOR");
	cli_printer *pr = &c->printer;
	if (strcmp(color, "always") == 0) {
		pr->color_diff = pr->color_diagnostics = true;
	} else if (strcmp(color, "auto") == 0) {
		pr->color_diff = !no_color_env && isatty(STDOUT_FILENO);
		pr->color_diagnostics = !no_color_env && isatty(STDERR_FILENO);
	} else if (strcmp(color, "never") != 0) {
		return bad_usage(
			"--color takes auto, always or never, not '%s'", color);
	}
	return 0;
}

static int list_rules(cli *c)
{
	c->opts.rule_paths = c->rules.items;
	c->opts.nrule_paths = c->rules.len;
	const char *f = c->list_format ? c->list_format : "text";
	tfms_buf text = TFMS_BUF_INIT;
	int rc = tfms_list_rules(&c->opts,
				 strcmp(f, "json") == 0 ? 2
				 : strcmp(f, "md") == 0 ? 1
							: 0,
				 &text);
	if (rc == TFMS_EXIT_OK) {
		fwrite(text.ptr, 1, text.len, stdout);
		if (cli_printer_finish(&c->printer, "the rule list") < 0)
			rc = TFMS_EXIT_FILE_ERRORS;
	} else {
		cli_print_error(&c->printer, tfms_error_last());
	}
	tfms_buf_dispose(&text);
	return rc;
}

static int run(cli *c)
{
	c->opts.paths = c->paths.items;
	c->opts.npaths = c->paths.len;
	c->opts.rule_paths = c->rules.items;
	c->opts.nrule_paths = c->rules.len;
	c->printer.report_path = c->opts.report_path;
	c->printer.report_to_out =
		c->opts.report_path && strcmp(c->opts.report_path, "-") == 0;
	tfms_run_events events = cli_printer_events(&c->printer);
	int rc = tfms_run(&c->opts, &events);
	/* Errors (1, 2) say more than remaining findings do. */
	if (rc == TFMS_EXIT_OK && c->printer.fail_on != TFMS_LEVEL_NONE &&
	    c->printer.worst >= c->printer.fail_on)
		rc = TFMS_EXIT_FINDINGS;
	if (cli_printer_finish(&c->printer, c->printer.report_to_out
						    ? "the report"
						    : "the diff") < 0 &&
	    rc == TFMS_EXIT_OK)
		rc = TFMS_EXIT_FILE_ERRORS;
	return rc;
}

static void out_of_memory(size_t size)
{
	fprintf(stderr, "tfms-rewrite: out of memory (%zu bytes)\n", size);
}

int main(int argc, char **argv)
{
	tfms_alloc_set_oom_handler(out_of_memory);
	cli c;
	memset(&c, 0, sizeof(c));
	c.printer.out = stdout;
	c.printer.err = stderr;
	int rc = parse_args(&c, argc, argv);
	if (rc == 0 && !c.help && !c.version)
		rc = validate(&c);
	if (rc == 0 && c.help)
		usage(stdout);
	else if (rc == 0 && c.version)
		printf("tfms-rewrite %s\n", TFMS_VERSION);
	else if (rc == 0 && c.list_rules)
		rc = list_rules(&c);
	else if (rc == 0)
		rc = run(&c);
	tfms_array_free(&c.paths);
	tfms_array_free(&c.rules);
	/* What is still buffered for a pipe or a full disk fails only here. */
	if (fclose(stdout) != 0 && rc == TFMS_EXIT_OK) {
		fprintf(stderr, "tfms-rewrite: cannot write the output: %s\n",
			strerror(errno));
		rc = TFMS_EXIT_FILE_ERRORS;
	}
	return rc;
}
