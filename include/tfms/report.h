/* The report of a run, written as the records arrive. The run hands each
 * file's result records (result.h) to the report in path order; the
 * report keeps only totals (uses per rule, the errors: files that could
 * not be processed, kept apart from findings) and passes the records to
 * the writers attached to it, which render them at once to spools
 * (spool.h) and keep only their own aggregates. At the end a writer
 * assembles the document. Memory is bounded by the largest file's
 * records, not by the repository. Writers: JSON and Markdown (here) and
 * SARIF (sarif.h). */
#ifndef TFMS_REPORT_H
#define TFMS_REPORT_H

#include "tfms/buf.h"
#include "tfms/common.h"
#include "tfms/result.h"
#include "tfms/spool.h"
#include "tfms/strmap.h"

typedef struct {
	char *path;
	char *message;
} tfms_file_error;

/* How often the scanned code exercised each rule. */
typedef struct {
	const char *rule; /* borrowed from the report */
	size_t converted, not_converted;
} tfms_coverage;

typedef struct tfms_report_writer tfms_report_writer;

typedef struct {
	size_t files_scanned;
	size_t files_changed;
	tfms_file_error *errors;
	size_t nerrors, errors_cap;
	char *rule_sources; /* owned */
	char *ms_version;   /* the MindSpore release targeted, owned; or NULL */
	/* The TF uses of every record added, by outcome. */
	size_t converted_total, findings_total;
	size_t rules_loaded; /* for the coverage section; 0 leaves it out */
	/* Phases and next steps for the Markdown plan; borrowed, or NULL
	 * (then everything is one unclassified phase). */
	const struct tfms_hints *hints;
	/* Uses per rule, in first-met order (rules owned); counted while a
	 * writer is attached. */
	tfms_coverage *rules;
	size_t nrules, rules_cap;
	tfms_strmap rule_map;
	tfms_report_writer **writers; /* owned */
	size_t nwriters;
} tfms_report;

/* The first line of every Markdown report (a later run recognises its own
 * report by it). */
#define TFMS_REPORT_MARKDOWN_TITLE "# TensorFlow to MindSpore migration report"

#define TFMS_REPORT_INIT \
	{                \
		0        \
	}

/* Frees everything the report owns, the writers too; accepts an empty
 * report. */
void tfms_report_dispose(tfms_report *report);

/* Counts the records of one file (every record of a file at once, files
 * in path order) and passes them to every attached writer. The records
 * stay the caller's: they may be freed as soon as this returns. A
 * writer's failure (its spool could not be written) is kept by the writer
 * and returned by tfms_report_writer_finish. */
void tfms_report_add_records(tfms_report *report, const tfms_results *records);
void tfms_report_add_error(tfms_report *report, const char *path,
			   const char *message);

/* Attaches writer (the report steals it) to see every record added from
 * now on; attach before the first record. */
void tfms_report_attach(tfms_report *report, tfms_report_writer *writer);

/* One row per rule that some use matched, most used first. Caller owns the
 * array (free with free()); the rows borrow from the report. */
tfms_coverage *tfms_report_coverage(const tfms_report *report, size_t *count);

/* Where a finished document goes, in pieces, in order. Returns 0, or -1
 * with tfms_error_set. */
typedef tfms_spool_emit tfms_report_emit;

/* Writers. spool_dir is the directory of the writer's temporary files
 * (NULL: $TMPDIR or /tmp), name what messages name (the report's path).
 * Caller owns *out until it is attached; free with
 * tfms_report_writer_free. */
/* The documented JSON report (pretty-printed, keys in a fixed order). */
int tfms_report_json_new(tfms_report_writer **out, const char *spool_dir,
			 const char *name) TFMS_WARN_UNUSED;
/* The Markdown report for the person doing the migration. */
int tfms_report_markdown_new(tfms_report_writer **out, const char *spool_dir,
			     const char *name) TFMS_WARN_UNUSED;

/* Assembles the document of writer, which has seen every record of
 * report, and passes it to emit. Fails with the writer's first error, or
 * emit's. Call once. */
int tfms_report_writer_finish(tfms_report_writer *writer,
			      const tfms_report *report, tfms_report_emit emit,
			      void *payload) TFMS_WARN_UNUSED;
/* Accepts NULL. */
void tfms_report_writer_free(tfms_report_writer *writer);

/* A whole document at once, for records already in memory (tests, small
 * inputs): writer sees records (grouped into files by path) and finishes
 * into out. Frees writer. */
int tfms_report_write(tfms_report_writer *writer, tfms_report *report,
		      const tfms_results *records,
		      tfms_buf *out) TFMS_WARN_UNUSED;

#endif
