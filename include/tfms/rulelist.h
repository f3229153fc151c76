/* Describing the loaded rules for people and tools (--list-rules). */
#ifndef TFMS_RULELIST_H
#define TFMS_RULELIST_H

#include "tfms/buf.h"
#include "tfms/rules.h"

typedef enum {
	TFMS_LIST_TEXT,
	TFMS_LIST_MARKDOWN,
	TFMS_LIST_JSON,
} tfms_list_format;

/* "auto" (calls convert), "review" (they convert with a note to check, or
 * only references do), "manual" (nothing converts). */
const char *tfms_rule_decision(const tfms_rule *rule);
/* Why, in one line; borrowed from the rule or static. */
const char *tfms_rule_reason(const tfms_rule *rule);

/* Every rule, in table order. JSON: an array of objects with api, aliases,
 * ms_api, status, decision, reason, doc_url and source. */
int tfms_rules_describe(const tfms_ruleset *rs, tfms_list_format format,
			tfms_buf *out) TFMS_WARN_UNUSED;

#endif
