/* One run of the tool over a set of paths: what the CLI calls. */
#ifndef TFMS_RUN_H
#define TFMS_RUN_H

#include "tfms/branch.h"
#include "tfms/common.h"

#include <stdio.h>

/* Exit codes (documented in README.md). */
enum {
	TFMS_EXIT_OK = 0,	   /* done; manual findings may remain */
	TFMS_EXIT_FILE_ERRORS = 1, /* some files could not be processed */
	TFMS_EXIT_USAGE = 2,	   /* bad usage or bad rules; nothing done */
};

typedef enum {
	TFMS_MODE_DRY_RUN,
	TFMS_MODE_IN_PLACE,
	TFMS_MODE_BRANCH /* a new git branch; see branch.h */
} tfms_mode;
typedef enum {
	TFMS_REPORT_NONE,
	TFMS_REPORT_MARKDOWN,
	TFMS_REPORT_JSON
} tfms_report_format;
typedef enum {
	TFMS_VERBOSITY_QUIET = -1,
	TFMS_VERBOSITY_NORMAL,
	TFMS_VERBOSITY_VERBOSE
} tfms_verbosity;

typedef struct {
	tfms_mode mode;
	const char *const *paths; /* files or directories; borrowed */
	size_t npaths;
	const char *const *rule_paths; /* --rules; none: the built-in rules */
	size_t nrule_paths;
	const char *report_path; /* or NULL */
	tfms_report_format report_format;
	unsigned jobs;		    /* worker threads; 0: one per online CPU */
	tfms_branch_options branch; /* TFMS_MODE_BRANCH only */
	tfms_verbosity verbosity;
	bool color_diff;	/* colour the diff on out */
	bool color_diagnostics; /* colour diagnostics on err */
	FILE *out;		/* diff */
	FILE *err;		/* diagnostics and summary */
} tfms_options;

/* Loads the rules as tfms_run would and prints them to opts->out in
 * format (a tfms_list_format); returns the exit code. */
int tfms_list_rules(const tfms_options *opts, int format);

/* Runs the migration and returns the exit code. Messages go to opts->err
 * with the "tfms-rewrite: " prefix where they are not located. */
int tfms_run(const tfms_options *opts);

#endif
