#include "tfms/result.h"
#include "tfms/array.h"

#include <stdlib.h>
#include <string.h>

const char *tfms_finding_kind_name(tfms_finding_kind kind)
{
	static const char *const names[TFMS_FINDING_KIND_COUNT] = {
		[TFMS_FINDING_DIFF] = "diff",
		[TFMS_FINDING_NOT_DROP_IN] = "not-drop-in",
		[TFMS_FINDING_UNMAPPED] = "unmapped",
		[TFMS_FINDING_UNSUPPORTED_ARGS] = "unsupported-args",
		[TFMS_FINDING_DYNAMIC] = "dynamic",
		[TFMS_FINDING_PARSE_ERROR] = "parse-error",
	};
	return kind < TFMS_FINDING_KIND_COUNT ? names[kind] : "unknown";
}

const char *tfms_level_name(tfms_level level)
{
	switch (level) {
	case TFMS_LEVEL_NOTE:
		return "note";
	case TFMS_LEVEL_WARNING:
		return "warning";
	case TFMS_LEVEL_ERROR:
		return "error";
	default:
		return "none";
	}
}

void tfms_conversion_dispose(tfms_conversion *c)
{
	free(c->path);
	free(c->api);
	free(c->ms_api);
	free(c->review);
	free(c->rule);
	free(c->source);
	memset(c, 0, sizeof(*c));
}

void tfms_finding_dispose(tfms_finding *f)
{
	free(f->path);
	free(f->api);
	free(f->message);
	free(f->ms_api);
	free(f->doc_url);
	free(f->source_line);
	free(f->rule);
	free(f->source);
	free(f->category);
	free(f->hint);
	free(f->hint_url);
	memset(f, 0, sizeof(*f));
}

tfms_conversion *tfms_results_add_conversion(tfms_results *r)
{
	tfms_array__grow((void **)&r->conversions, &r->conversions_cap,
			 r->nconversions + 1, sizeof(tfms_conversion));
	tfms_conversion *c = &r->conversions[r->nconversions++];
	memset(c, 0, sizeof(*c));
	return c;
}

tfms_finding *tfms_results_add_finding(tfms_results *r)
{
	tfms_array__grow((void **)&r->findings, &r->findings_cap,
			 r->nfindings + 1, sizeof(tfms_finding));
	tfms_finding *f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof(*f));
	return f;
}

void tfms_results_dispose(tfms_results *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nconversions; i++)
		tfms_conversion_dispose(&r->conversions[i]);
	for (size_t i = 0; i < r->nfindings; i++)
		tfms_finding_dispose(&r->findings[i]);
	free(r->conversions);
	free(r->findings);
	memset(r, 0, sizeof(*r));
}
