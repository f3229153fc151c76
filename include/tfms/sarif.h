/* The report as SARIF 2.1.0 (OASIS), for code-scanning services: one
 * result per finding (ruleId "<kind>/<api>", level from the finding's
 * severity, the message with its hint, the region from start to end, a
 * partialFingerprint from fingerprint.h), one `note` result per
 * conversion with a review note ("converted/<api>"), each rule described
 * once in tool.driver.rules with its helpUri, and the files that could
 * not be processed as tool execution notifications. Columns count Unicode
 * code points (run.columnKind). In a notebook, lines count from the
 * cell's first line and the result's properties name the cell. */
#ifndef TFMS_SARIF_H
#define TFMS_SARIF_H

#include "tfms/buf.h"
#include "tfms/report.h"

/* Where MindSpore documents the TensorFlow mapping: the helpUri of a rule
 * whose records carry no page of their own. */
#define TFMS_SARIF_MAPPING_URI                                      \
	"https://www.mindspore.cn/docs/en/master/note/api_mapping/" \
	"tensorflow_api_mapping.html"

/* A writer of the SARIF log (pretty-printed JSON); as
 * tfms_report_json_new (report.h). */
int tfms_report_sarif_new(tfms_report_writer **out, const char *spool_dir,
			  const char *name) TFMS_WARN_UNUSED;

#endif
