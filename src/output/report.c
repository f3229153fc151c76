#include "tfms/report.h"
#include "tfms/alloc.h"
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

void tfms_conversion_dispose(tfms_conversion *c)
{
	free(c->path);
	free(c->api);
	free(c->ms_api);
	free(c->review);
	free(c->rule);
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
	memset(f, 0, sizeof(*f));
}

void tfms_report_dispose(tfms_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nconversions; i++)
		tfms_conversion_dispose(&r->conversions[i]);
	for (size_t i = 0; i < r->nfindings; i++)
		tfms_finding_dispose(&r->findings[i]);
	for (size_t i = 0; i < r->nerrors; i++) {
		free(r->errors[i].path);
		free(r->errors[i].message);
	}
	free(r->conversions);
	free(r->findings);
	free(r->errors);
	free(r->rule_sources);
	memset(r, 0, sizeof(*r));
}

void tfms_report_add_conversion(tfms_report *r, tfms_conversion *c)
{
	tfms_array__grow((void **)&r->conversions, &r->conversions_cap,
			 r->nconversions + 1, sizeof(*c));
	r->conversions[r->nconversions++] = *c;
	memset(c, 0, sizeof(*c));
}

void tfms_report_add_finding(tfms_report *r, tfms_finding *f)
{
	tfms_array__grow((void **)&r->findings, &r->findings_cap,
			 r->nfindings + 1, sizeof(*f));
	r->findings[r->nfindings++] = *f;
	memset(f, 0, sizeof(*f));
}

void tfms_report_add_error(tfms_report *r, const char *path,
			   const char *message)
{
	tfms_array__grow((void **)&r->errors, &r->errors_cap, r->nerrors + 1,
			 sizeof(*r->errors));
	r->errors[r->nerrors].path = tfms_strdup(path);
	r->errors[r->nerrors].message = tfms_strdup(message);
	r->nerrors++;
}

static int compare_coverage(const void *a, const void *b)
{
	const tfms_coverage *x = a, *y = b;
	size_t ux = x->converted + x->not_converted;
	size_t uy = y->converted + y->not_converted;
	if (ux != uy)
		return ux > uy ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

static tfms_coverage *coverage_row(tfms_coverage *rows, size_t *n,
				   const char *rule)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(rows[i].rule, rule) == 0)
			return &rows[i];
	rows[*n].rule = rule;
	return &rows[(*n)++];
}

tfms_coverage *tfms_report_coverage(const tfms_report *r, size_t *count)
{
	tfms_coverage *rows =
		tfms_calloc(r->nconversions + r->nfindings + 1, sizeof(*rows));
	size_t n = 0;
	for (size_t i = 0; i < r->nconversions; i++)
		if (r->conversions[i].rule)
			coverage_row(rows, &n, r->conversions[i].rule)
				->converted++;
	for (size_t i = 0; i < r->nfindings; i++)
		if (r->findings[i].rule)
			coverage_row(rows, &n, r->findings[i].rule)
				->not_converted++;
	tfms_sort(rows, n, sizeof(*rows), compare_coverage);
	*count = n;
	return rows;
}
