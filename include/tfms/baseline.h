/* The ratchet of --baseline: a previous JSON report of the same code,
 * against which a run fails only on new findings (matched by fingerprint,
 * see fingerprint.h, not by line) or when the converted share drops.
 *
 * The converted share is the part of the TF uses not left for manual
 * work, counted over the larger of the baseline's and today's uses: uses
 * migrated since the baseline (by hand or by --in-place) have gone from
 * the report but count as done, so a migration under way only raises it;
 * it drops when more uses are left for manual work. */
#ifndef TFMS_BASELINE_H
#define TFMS_BASELINE_H

#include "tfms/fingerprint.h"
#include "tfms/report.h"

typedef struct {
	tfms_fingerprint *fingerprints; /* sorted; owned */
	size_t nfingerprints;
	size_t not_converted, tf_uses; /* the baseline's summary */
	bool *used;		       /* fingerprints matched so far; owned */
} tfms_baseline;

#define TFMS_BASELINE_INIT          \
	{                           \
		NULL, 0, 0, 0, NULL \
	}

/* Reads the JSON report at path. Fails, naming path, when it cannot be
 * read, is not a tfms-rewrite JSON report, or has a finding without a
 * fingerprint (a report of an older version). Caller owns out; free with
 * tfms_baseline_dispose (also on failure). */
int tfms_baseline_load(tfms_baseline *out, const char *path) TFMS_WARN_UNUSED;
void tfms_baseline_dispose(tfms_baseline *baseline);

/* Matches the findings of records (every record of one file; files in
 * path order, as a run hands them over) against the baseline: each
 * baseline fingerprint matches one finding, the first met. The findings
 * at or above threshold that the baseline does not hold are copied to
 * the end of fresh (caller owns; free with tfms_results_dispose). */
void tfms_baseline_match(tfms_baseline *baseline, const tfms_results *records,
			 tfms_level threshold, tfms_results *fresh);

/* The converted share of a run with findings (uses left for manual
 * work) and tf_uses, against baseline: 1 - findings / max(tf_uses,
 * baseline's); 1 when there are no uses. */
double tfms_baseline_share(const tfms_baseline *baseline, size_t findings,
			   size_t tf_uses);
/* The baseline's own share. */
double tfms_baseline_own_share(const tfms_baseline *baseline);

#endif
