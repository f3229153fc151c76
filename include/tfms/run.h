/* One run of the tool over a set of paths: what the CLI calls. The core
 * never prints: it tells its caller what happened through the events
 * below (in a fixed order, on the calling thread) and through return
 * values, and the caller decides what to show (src/cli/). */
#ifndef TFMS_RUN_H
#define TFMS_RUN_H

#include "tfms/branch.h"
#include "tfms/buf.h"
#include "tfms/common.h"
#include "tfms/process.h"
#include "tfms/result.h"

/* Exit codes (documented in README.md). */
enum {
	TFMS_EXIT_OK = 0,	   /* done; manual findings may remain */
	TFMS_EXIT_FILE_ERRORS = 1, /* some files could not be processed */
	TFMS_EXIT_USAGE = 2,	   /* bad usage or bad rules; nothing done */
	TFMS_EXIT_FINDINGS = 3,	   /* --fail-on: a finding at that level */
	/* --check or --baseline: the code is not yet as the check wants it
	 * (or some files could not be processed) */
	TFMS_EXIT_CHECK_FAILED = 1,
};

typedef enum {
	TFMS_MODE_DRY_RUN,
	TFMS_MODE_IN_PLACE,
	TFMS_MODE_BRANCH /* a new git branch; see branch.h */
} tfms_mode;
typedef enum {
	TFMS_REPORT_NONE,
	TFMS_REPORT_MARKDOWN,
	TFMS_REPORT_JSON,
	TFMS_REPORT_SARIF
} tfms_report_format;

typedef struct {
	tfms_mode mode;
	const char *const *paths; /* files or directories; borrowed */
	size_t npaths;
	const char *const *rule_paths; /* --rules; none: the built-in rules */
	size_t nrule_paths;
	const char *ms_version;	 /* --mindspore-version "2.3", or NULL: the
				   newest release the rules know */
	const char *report_path; /* or NULL; "-" for the report_output event */
	tfms_report_format report_format;
	unsigned jobs;		    /* worker threads; 0: one per online CPU */
	bool annotate;		    /* add TODO markers (annotate.h) */
	bool fail_on_given;	    /* --fail-on was given: */
	tfms_level fail_on;	    /* ... its level (NONE: no finding fails) */
	tfms_branch_options branch; /* TFMS_MODE_BRANCH only */
	/* --check (with TFMS_MODE_DRY_RUN): fail when anything would be
	 * converted or a finding at or above the threshold remains.
	 * --baseline FILE (implies check): fail only on findings at or above
	 * the threshold that FILE, a JSON report, does not hold, or when the
	 * converted share drops below FILE's. */
	bool check;
	const char *baseline; /* or NULL */
} tfms_options;

/* The outcome of --check or --baseline. */
typedef struct {
	bool failed;
	tfms_level threshold;
	size_t would_convert; /* uses that would be converted */
	size_t failing;	      /* findings at or above the threshold */
	const char *baseline; /* the baseline's path, or NULL */
	/* With a baseline: the new findings at or above the threshold
	 * (borrowed) and the converted shares (0 to 1). */
	const tfms_finding *const *new_findings;
	size_t nnew;
	double baseline_share, share;
} tfms_check_outcome;

/* The totals of a run, for the summary. */
typedef struct {
	tfms_mode mode;
	size_t files_scanned, files_changed;
	size_t converted, findings;	/* TF uses, by outcome */
	size_t errors;			/* files that could not be processed */
	const struct tfms_hints *hints; /* phases and categories; borrowed */
} tfms_run_summary;

/* What a run tells its caller, in this order: errors met while finding
 * the files; then one file event per file, in path order (progress events
 * in between, at least ten a second while waiting); then errors of the
 * report; the summary; for --branch, errors of the commit or the branch
 * outcome; and, for --check or --baseline, the check. Every pointer is borrowed for the duration of the call.
 * Any callback may be NULL. */
typedef struct {
	/* Diff (dry run), records, and error of one file. */
	void (*file)(const tfms_file_result *result, void *payload);
	void (*progress)(size_t done, size_t total, void *payload);
	/* A message that is not one file's processing error ("path: why"
	 * for a path that could not be listed, or a run-level failure). */
	void (*error)(const char *message, void *payload);
	void (*summary)(const tfms_run_summary *summary, void *payload);
	void (*branch)(const tfms_branch_outcome *outcome, void *payload);
	/* The report's bytes when its path is "-" (standard output), in
	 * pieces (about 64 KiB each), in order; returns 0, or -1 with
	 * tfms_error_set when they could not be written (then no more
	 * come). */
	int (*report_output)(const char *data, size_t len, void *payload);
	void *payload;
	/* A warning about the run that does not stop it (rules a table
	 * overrode), before any file event. */
	void (*warning)(const char *message, void *payload);
	/* With --check or --baseline, after the summary. */
	void (*check)(const tfms_check_outcome *outcome, void *payload);
} tfms_run_events;

/* Loads the rules as tfms_run would and describes them into out in format
 * (a tfms_list_format); returns the exit code. On failure the reason is in
 * tfms_error_last(). */
int tfms_list_rules(const tfms_options *opts, int format, tfms_buf *out);

/* Runs the migration and returns the exit code. */
int tfms_run(const tfms_options *opts, const tfms_run_events *events);

#endif
