#include "tfms/rulelist.h"
#include "tfms/error.h"
#include "tfms/text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *status_name(tfms_table_status status)
{
	switch (status) {
	case TFMS_STATUS_CONSISTENT:
		return "consistent";
	case TFMS_STATUS_DIFF:
		return "diff";
	default:
		return "unclear";
	}
}

const char *tfms_rule_decision(const tfms_rule *r)
{
	if (r->status != TFMS_STATUS_CONSISTENT || !r->has_detail)
		return "manual";
	if (r->call == TFMS_DECISION_AUTO)
		return r->review ? "review" : "auto";
	return r->reference != TFMS_DECISION_MANUAL ? "review" : "manual";
}

const char *tfms_rule_reason(const tfms_rule *r)
{
	if (r->status == TFMS_STATUS_UNCLEAR)
		return r->description ? r->description : "";
	if (!r->has_detail)
		return r->status == TFMS_STATUS_DIFF
			       ? "the table lists the pair as different; see "
				 "the difference page"
			       : "the table calls the pair consistent, but no "
				 "rule verifies how to translate it yet";
	if (r->call == TFMS_DECISION_AUTO)
		return r->review ? r->review : "converted mechanically";
	if (r->reference != TFMS_DECISION_MANUAL)
		return "only references (types) convert; calls do not";
	return r->call_reason ? r->call_reason : "";
}

static const char *source_of(const tfms_rule *r)
{
	return r->detail_source	 ? r->detail_source
	       : r->table_source ? r->table_source
				 : "";
}

/* Whose mapping it is: the project's own rule (its detail names the
 * MindSpore API) or the community table's row. */
static const char *origin_of(const tfms_rule *r)
{
	return r->project ? "project" : "table";
}

int tfms_rules_describe(const tfms_ruleset *rs, tfms_list_format format,
			tfms_buf *out)
{
	size_t n = tfms_ruleset_count(rs);
	if (format == TFMS_LIST_JSON) {
		json_t *list = json_array();
		for (size_t i = 0; i < n; i++) {
			const tfms_rule *r = tfms_ruleset_at(rs, i);
			json_t *o = json_object();
			json_t *aliases = json_array();
			for (size_t k = 0; k < r->naliases; k++)
				json_array_append_new(
					aliases, json_string(r->aliases[k]));
			json_object_set_new(o, "api", json_string(r->api));
			json_object_set_new(o, "aliases", aliases);
			json_object_set_new(o, "ms_api",
					    r->ms_api ? json_string(r->ms_api)
						      : json_null());
			json_object_set_new(
				o, "status",
				json_string(status_name(r->status)));
			json_object_set_new(o, "decision",
					    json_string(tfms_rule_decision(r)));
			json_object_set_new(o, "reason",
					    json_string(tfms_rule_reason(r)));
			if (r->doc_url)
				json_object_set_new(o, "doc_url",
						    json_string(r->doc_url));
			json_object_set_new(o, "source",
					    json_string(source_of(r)));
			json_object_set_new(o, "origin",
					    json_string(origin_of(r)));
			json_array_append_new(list, o);
		}
		char *text =
			json_dumps(list, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(list);
		if (!text)
			return tfms_error_set("cannot encode the rule list");
		tfms_buf_puts(out, text);
		tfms_buf_putc(out, '\n');
		free(text);
		return 0;
	}
	if (format == TFMS_LIST_MARKDOWN)
		tfms_buf_puts(out,
			      "| TensorFlow API | Also | MindSpore | Table "
			      "| Decision | Reason | Source |\n"
			      "|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		const tfms_rule *r = tfms_ruleset_at(rs, i);
		if (format == TFMS_LIST_MARKDOWN) {
			tfms_buf_printf(out, "| `%s` | ", r->api);
			for (size_t k = 0; k < r->naliases; k++)
				tfms_buf_printf(out, "%s`%s`", k ? ", " : "",
						r->aliases[k]);
			tfms_buf_printf(out, " | `%s` | %s | %s | ",
					r->ms_api ? r->ms_api : "",
					status_name(r->status),
					tfms_rule_decision(r));
			tfms_md_cell(out, tfms_rule_reason(r));
			tfms_buf_printf(out, " | %s (%s) |\n", source_of(r),
					origin_of(r));
			continue;
		}
		tfms_buf_printf(out, "%s", r->api);
		for (size_t k = 0; k < r->naliases; k++)
			tfms_buf_printf(out, "%s%s", k ? ", " : " (also ",
					r->aliases[k]);
		tfms_buf_printf(out, "%s -> %s [%s, %s]\n    %s\n    %s (%s)\n",
				r->naliases ? ")" : "",
				r->ms_api ? r->ms_api : "(none)",
				status_name(r->status), tfms_rule_decision(r),
				tfms_rule_reason(r), source_of(r),
				origin_of(r));
	}
	return 0;
}
