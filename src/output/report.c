#include "tfms/report.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/strmap.h"

#include <stdlib.h>
#include <string.h>

void tfms_report_dispose(tfms_report *r)
{
	if (!r)
		return;
	tfms_results_dispose(&r->records);
	for (size_t i = 0; i < r->nerrors; i++) {
		free(r->errors[i].path);
		free(r->errors[i].message);
	}
	free(r->errors);
	free(r->rule_sources);
	free(r->ms_version);
	memset(r, 0, sizeof(*r));
}

void tfms_report_add_conversion(tfms_report *r, tfms_conversion *c)
{
	*tfms_results_add_conversion(&r->records) = *c;
	memset(c, 0, sizeof(*c));
}

void tfms_report_add_finding(tfms_report *r, tfms_finding *f)
{
	*tfms_results_add_finding(&r->records) = *f;
	memset(f, 0, sizeof(*f));
}

void tfms_report_take(tfms_report *r, tfms_results *results)
{
	tfms_results_take(&r->records, results);
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
				   tfms_strmap *by_rule, const char *rule)
{
	bool added;
	size_t i = tfms_strmap_get_or_add(by_rule, rule, *n, &added);
	if (added) {
		rows[i].rule = rule;
		(*n)++;
	}
	return &rows[i];
}

tfms_coverage *tfms_report_coverage(const tfms_report *r, size_t *count)
{
	tfms_coverage *rows =
		tfms_calloc(r->records.nconversions + r->records.nfindings + 1,
			    sizeof(*rows));
	size_t n = 0;
	tfms_strmap by_rule = {0};
	for (size_t i = 0; i < r->records.nconversions; i++)
		if (r->records.conversions[i].rule)
			coverage_row(rows, &n, &by_rule,
				     r->records.conversions[i].rule)
				->converted++;
	for (size_t i = 0; i < r->records.nfindings; i++)
		if (r->records.findings[i].rule)
			coverage_row(rows, &n, &by_rule,
				     r->records.findings[i].rule)
				->not_converted++;
	tfms_strmap_dispose(&by_rule);
	tfms_sort(rows, n, sizeof(*rows), compare_coverage);
	*count = n;
	return rows;
}
