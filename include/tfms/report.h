/* The report of a run: the result records of every file (result.h), the
 * errors (a file that could not be processed, kept apart from findings)
 * and the totals. Writers: JSON (jansson) and Markdown. */
#ifndef TFMS_REPORT_H
#define TFMS_REPORT_H

#include "tfms/buf.h"
#include "tfms/common.h"
#include "tfms/result.h"

typedef struct {
	char *path;
	char *message;
} tfms_file_error;

typedef struct {
	size_t files_scanned;
	size_t files_changed;
	tfms_results records; /* kept only when a report is written */
	tfms_file_error *errors;
	size_t nerrors, errors_cap;
	char *rule_sources; /* owned */
	char *ms_version;   /* the MindSpore release targeted, owned; or NULL */
	/* Totals for the summary, counted even when the records are not
	 * kept (no report was asked for: memory stays bounded). */
	size_t converted_total, findings_total;
	size_t rules_loaded; /* for the coverage section; 0 leaves it out */
	/* Phases and next steps for the Markdown plan; borrowed, or NULL
	 * (then everything is one unclassified phase). */
	const struct tfms_hints *hints;
} tfms_report;

/* The first line of every Markdown report (a later run recognises its own
 * report by it). */
#define TFMS_REPORT_MARKDOWN_TITLE "# TensorFlow to MindSpore migration report"

#define TFMS_REPORT_INIT \
	{                \
		0        \
	}

/* Frees everything the report owns; accepts an empty report. */
void tfms_report_dispose(tfms_report *report);

/* Moves (steals) the items into the report; the sources are left empty. */
void tfms_report_add_conversion(tfms_report *report, tfms_conversion *c);
void tfms_report_add_finding(tfms_report *report, tfms_finding *f);
/* Moves (steals) every record of results into the report. */
void tfms_report_take(tfms_report *report, tfms_results *results);
void tfms_report_add_error(tfms_report *report, const char *path,
			   const char *message);

/* How often the scanned code exercised each rule. */
typedef struct {
	const char *rule; /* borrowed from the report */
	size_t converted, not_converted;
} tfms_coverage;

/* One row per rule that some use matched, most used first. Caller owns the
 * array (free with free()); the rows borrow from the report. */
tfms_coverage *tfms_report_coverage(const tfms_report *report, size_t *count);

/* The documented JSON report (pretty-printed, keys in a fixed order). */
int tfms_report_write_json(const tfms_report *report,
			   tfms_buf *out) TFMS_WARN_UNUSED;
/* The Markdown report for the person doing the migration. */
void tfms_report_write_markdown(const tfms_report *report, tfms_buf *out);

#endif
