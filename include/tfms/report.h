/* The report model: every resolved TF use ends as a conversion, or as a
 * finding with exactly one reason. Errors (a file that could not be
 * processed) are kept apart from findings. Writers: JSON (jansson) and
 * Markdown. */
#ifndef TFMS_REPORT_H
#define TFMS_REPORT_H

#include "tfms/buf.h"
#include "tfms/common.h"

typedef enum {
	TFMS_FINDING_DIFF,	       /* the table says the APIs differ */
	TFMS_FINDING_NOT_DROP_IN,      /* consistent, but not mechanical */
	TFMS_FINDING_UNMAPPED,	       /* no row */
	TFMS_FINDING_UNSUPPORTED_ARGS, /* the call's arguments cannot map */
	TFMS_FINDING_DYNAMIC,	       /* cannot be resolved statically */
	TFMS_FINDING_PARSE_ERROR,      /* in a region with syntax errors */
	TFMS_FINDING_KIND_COUNT
} tfms_finding_kind;

/* "diff", "not-drop-in", ... */
const char *tfms_finding_kind_name(tfms_finding_kind kind);

typedef struct {
	char *path;
	uint32_t line, column;
	char *api;
	char *ms_api;
	char *review; /* or NULL */
	char *rule;   /* the rule's canonical API */
} tfms_conversion;

typedef struct {
	char *path;
	uint32_t line, column;
	char *api;
	tfms_finding_kind kind;
	char *message;
	char *ms_api;	   /* or NULL */
	char *doc_url;	   /* or NULL */
	char *source_line; /* the line as written, for the reader */
	char *rule;	   /* the rule's canonical API, or NULL (unmapped) */
} tfms_finding;

typedef struct {
	char *path;
	char *message;
} tfms_file_error;

typedef struct {
	size_t files_scanned;
	size_t files_changed;
	tfms_conversion *conversions;
	size_t nconversions, conversions_cap;
	tfms_finding *findings;
	size_t nfindings, findings_cap;
	tfms_file_error *errors;
	size_t nerrors, errors_cap;
	char *rule_sources; /* owned */
	/* Totals for the summary, counted even when the records are not
	 * kept (no report was asked for: memory stays bounded). */
	size_t converted_total, findings_total;
	size_t rules_loaded; /* for the coverage section; 0 leaves it out */
} tfms_report;

#define TFMS_REPORT_INIT \
	{                \
		0        \
	}

void tfms_conversion_dispose(tfms_conversion *c);
void tfms_finding_dispose(tfms_finding *f);
/* Frees everything the report owns; accepts an empty report. */
void tfms_report_dispose(tfms_report *report);

/* Moves (steals) the items into the report; the sources are left empty. */
void tfms_report_add_conversion(tfms_report *report, tfms_conversion *c);
void tfms_report_add_finding(tfms_report *report, tfms_finding *f);
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
