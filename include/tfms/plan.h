/* Matching resolved uses against the rules: decides for every TF use
 * whether it converts (and proposes the edits: callee, arguments, imports)
 * or becomes a finding with its one reason. */
#ifndef TFMS_PLAN_H
#define TFMS_PLAN_H

#include "tfms/edit.h"
#include "tfms/resolve.h"
#include "tfms/result.h"
#include "tfms/rules.h"

typedef struct {
	tfms_edit_list edits;
	tfms_results results; /* conversions and findings, in use order */
} tfms_plan;

#define TFMS_PLAN_INIT                                 \
	{                                              \
		TFMS_EDIT_LIST_INIT, TFMS_RESULTS_INIT \
	}

/* Plans src. The analysis must come from src; rs must be finalized.
 * Caller owns out; free with tfms_plan_dispose. */
void tfms_plan_file(tfms_plan *out, const tfms_source *src,
		    const tfms_analysis *analysis, const tfms_ruleset *rs);
void tfms_plan_dispose(tfms_plan *plan);

/* Turns every conversion into a parse-error finding with message: used
 * when the rewritten file is refused. */
void tfms_plan_refuse(tfms_plan *plan, const tfms_source *src,
		      const char *message);

#endif
