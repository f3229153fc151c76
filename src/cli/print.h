/* Everything the command line shows: the diff, diagnostics, progress,
 * the summary and the branch outcome, with colour where asked for. The
 * core reports through events (run.h); these are the CLI's handlers. */
#ifndef TFMS_CLI_PRINT_H
#define TFMS_CLI_PRINT_H

#include "progress.h"
#include "tfms/result.h"
#include "tfms/run.h"
#include "tfms/strmap.h"

#include <stdio.h>

typedef enum {
	TFMS_VERBOSITY_QUIET = -1,
	TFMS_VERBOSITY_NORMAL,
	TFMS_VERBOSITY_VERBOSE
} tfms_verbosity;

typedef struct {
	FILE *out; /* the diff */
	FILE *err; /* diagnostics, progress and the summary */
	tfms_verbosity verbosity;
	bool report_to_out; /* --report -: out carries the report, no diff */
	bool color_diff;    /* colour the diff on out */
	bool color_diagnostics; /* colour diagnostics on err */
	tfms_progress progress;
	bool progress_started;
	bool write_failed;	 /* a write to out or err failed */
	tfms_level fail_on;	 /* --fail-on; TFMS_LEVEL_NONE: never */
	tfms_level worst;	 /* the highest level among the findings */
	const char *report_path; /* --report, for the summary's pointer */
	bool branch_mode;	 /* the report is in the branch's commit */
	/* Remaining uses per (category, API), for the grouped summary. */
	struct cli_tally {
		char *category, *api;
		size_t count;
	} * tally;
	size_t ntally, tally_cap;
	tfms_strmap tally_map;		     /* api -> index in tally */
	size_t levels[TFMS_LEVEL_ERROR + 1]; /* findings per level */
} cli_printer;

/* Events that print through printer (borrowed; must outlive the run). */
tfms_run_events cli_printer_events(cli_printer *printer);

/* "tfms-rewrite: message" on err. */
void cli_print_error(cli_printer *printer, const char *message);

/* Ends the output: clears the progress line and flushes. Returns -1 when
 * anything written to out was lost (a full disk, a closed pipe), having
 * said so on err; what is named: "the diff", "the report", ... */
int cli_printer_finish(cli_printer *printer, const char *what);

#endif
