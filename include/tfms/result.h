/* The engine's result records, owned by the rewrite layer that produces
 * them (as libgit2's diff.h owns its delta type): every resolved TF use
 * ends as a conversion, or as a finding with exactly one reason. The
 * outputs (reports, the CLI) consume them; nothing below the rewrite layer
 * knows them. */
#ifndef TFMS_RESULT_H
#define TFMS_RESULT_H

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

/* How much a record asks of the user: error, the code cannot run on
 * MindSpore as written; warning, converted but to be reviewed; note, no
 * action needed on MindSpore. */
typedef enum {
	TFMS_LEVEL_NONE, /* a conversion without a review note */
	TFMS_LEVEL_NOTE,
	TFMS_LEVEL_WARNING,
	TFMS_LEVEL_ERROR,
} tfms_level;

/* "none", "note", "warning", "error" */
const char *tfms_level_name(tfms_level level);

/* Positions are 1-based; the end is exclusive, on the last line of the
 * use. In a notebook, cell is the 1-based cell (counting every cell) and
 * lines count from the cell's first line; elsewhere cell is 0. Every
 * string is owned by the record. */
typedef struct {
	char *path;
	uint32_t line, column;
	uint32_t end_line, end_column;
	uint32_t cell;
	char *api;
	char *ms_api;
	char *review;	/* or NULL */
	char *rule;	/* the rule's canonical API */
	bool reference; /* a name used as a value or type, not a call */
	char *source;	/* "project" (our rule) or "table" (community table) */
	tfms_level level;
} tfms_conversion;

typedef struct {
	char *path;
	uint32_t line, column;
	uint32_t end_line, end_column;
	uint32_t cell;
	char *api;
	tfms_finding_kind kind;
	char *message;
	char *ms_api;	   /* or NULL */
	char *doc_url;	   /* or NULL */
	char *source_line; /* the line as written, for the reader */
	char *rule;	   /* the rule's canonical API, or NULL (unmapped) */
	char *source;	   /* "project" or "table", or NULL (unmapped) */
	tfms_level level;
	char *category; /* the migration category, or NULL */
	char *hint;	/* the next step, or NULL */
	char *hint_url; /* where MindSpore documents it, or NULL */
} tfms_finding;

/* The records of one file (or of a whole run), in the order made. A
 * zero-initialised value is empty and valid. */
typedef struct {
	tfms_conversion *conversions;
	size_t nconversions, conversions_cap;
	tfms_finding *findings;
	size_t nfindings, findings_cap;
} tfms_results;

#define TFMS_RESULTS_INIT              \
	{                              \
		NULL, 0, 0, NULL, 0, 0 \
	}

/* Frees what the record owns and zeroes it; accepts a zeroed record. */
void tfms_conversion_dispose(tfms_conversion *c);
void tfms_finding_dispose(tfms_finding *f);

/* Appends a zeroed record and returns it (borrowed; valid until the next
 * append). */
tfms_conversion *tfms_results_add_conversion(tfms_results *results);
tfms_finding *tfms_results_add_finding(tfms_results *results);

/* Frees every record and the arrays; accepts an empty value. */
void tfms_results_dispose(tfms_results *results);

#endif
