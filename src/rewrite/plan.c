#include "tfms/plan.h"
#include "tfms/alloc.h"
#include "tfms/args.h"
#include "tfms/array.h"
#include "tfms/imports.h"
#include "tfms/pytext.h"

#include <stdlib.h>
#include <string.h>

enum outcome { OUT_FINDING, OUT_CONVERT };

typedef struct {
	const tfms_use *use;
	const tfms_rule *rule;
	enum outcome outcome;
	tfms_finding_kind kind;
	char *message;
	tfms_edit_list arg_edits; /* pending until the plan settles */
	char *constructor;	  /* a primitive's "(attrs)", or NULL */
} decision;

typedef struct {
	const tfms_source *src;
	const tfms_analysis *a;
	const tfms_ruleset *rs;
	tfms_plan *out;
	decision *d;
	size_t nd;
	tfms_imports *imports;
} planner;

/* ---- Decisions ---- */

static void finding(decision *d, tfms_finding_kind kind, char *message)
{
	d->outcome = OUT_FINDING;
	d->kind = kind;
	free(d->message);
	d->message = message;
}

/* Inside an f-string, the new text must suit its quotes for every Python
 * MindSpore runs on (tfms_pytext_fit_fstrings). */
static bool fit_fstrings(planner *pl, decision *d)
{
	char **texts = tfms_calloc(d->arg_edits.len + 1, sizeof(char *));
	texts[0] = d->constructor;
	for (size_t k = 0; k < d->arg_edits.len; k++)
		texts[k + 1] = d->arg_edits.items[k].text;
	char *why =
		tfms_pytext_fit_fstrings(pl->src, pl->a->tree, d->use->start,
					 texts, d->arg_edits.len + 1);
	free(texts);
	if (why)
		finding(d, TFMS_FINDING_UNSUPPORTED_ARGS, why);
	return why != NULL;
}

static void decide(planner *pl, decision *d)
{
	const tfms_use *u = d->use;
	d->rule = tfms_ruleset_find(pl->rs, u->api);
	const tfms_rule *r = d->rule;
	if (u->in_error) {
		finding(d, TFMS_FINDING_PARSE_ERROR,
			tfms_strdup("inside a region with syntax errors; left "
				    "unchanged"));
		return;
	}
	if (u->dynamic) {
		finding(d, TFMS_FINDING_DYNAMIC, tfms_strdup(u->dynamic));
		return;
	}
	if (!r) {
		finding(d, TFMS_FINDING_UNMAPPED,
			tfms_asprintf("no rule maps %s to MindSpore", u->api));
		return;
	}
	bool is_call = !ts_node_is_null(u->call);
	if (r->status == TFMS_STATUS_DIFF) {
		const char *why =
			is_call ? r->call_reason : r->reference_reason;
		finding(d, TFMS_FINDING_DIFF,
			why ? tfms_strdup(why)
			    : tfms_asprintf(
				      "the table lists %s and %s as "
				      "different; see the difference page",
				      r->api, r->ms_api ? r->ms_api : "?"));
		return;
	}
	if (r->status == TFMS_STATUS_UNCLEAR) {
		finding(d, TFMS_FINDING_NOT_DROP_IN,
			tfms_asprintf("the table describes the pair as '%s'; "
				      "check it by hand",
				      r->description ? r->description : ""));
		return;
	}
	if (!r->has_detail) {
		finding(d, TFMS_FINDING_NOT_DROP_IN,
			tfms_asprintf("the table calls %s consistent, but no "
				      "rule verifies how to translate it; "
				      "compare the signatures by hand",
				      r->ms_api ? r->ms_api
						: "its counterpart"));
		return;
	}
	if (is_call) {
		if (r->call != TFMS_DECISION_AUTO) {
			finding(d, TFMS_FINDING_NOT_DROP_IN,
				tfms_strdup(
					r->call_reason
						? r->call_reason
						: "calls cannot be translated "
						  "mechanically"));
			return;
		}
		tfms_args_result mapped = TFMS_ARGS_RESULT_INIT;
		if (!tfms_args_map(&mapped, pl->src, pl->a, r, u->call)) {
			finding(d, TFMS_FINDING_UNSUPPORTED_ARGS,
				mapped.reason);
			mapped.reason = NULL;
			tfms_args_result_dispose(&mapped);
			return;
		}
		d->arg_edits = mapped.edits;
		d->constructor = mapped.constructor;
		if (fit_fstrings(pl, d))
			return;
	} else if (r->reference == TFMS_DECISION_MANUAL ||
		   (r->reference == TFMS_DECISION_TYPE_ONLY &&
		    !u->type_context)) {
		finding(d, TFMS_FINDING_NOT_DROP_IN,
			tfms_strdup(
				r->reference_reason
					? r->reference_reason
					: "used as a value; its calls cannot "
					  "be checked"));
		return;
	}
	d->outcome = OUT_CONVERT;
}

/* The callee's new name (unless its import is rewritten instead) and the
 * argument edits. */
static void propose_conversion(planner *pl, decision *d)
{
	if (!tfms_imports_keeps_callee(pl->imports, d->use)) {
		char *name = tfms_imports_spell(pl->imports, d->rule->ms_api);
		if (d->constructor) {
			char *full =
				tfms_asprintf("%s%s", name, d->constructor);
			free(name);
			name = full;
		}
		tfms_edits_add(&pl->out->edits, d->use->start, d->use->end,
			       name, d->rule->api);
		free(name);
	}
	for (size_t k = 0; k < d->arg_edits.len; k++) {
		tfms_edit *e = &d->arg_edits.items[k];
		tfms_edits_add(&pl->out->edits, e->start, e->end, e->text,
			       d->rule->api);
	}
}

/* ---- Records ---- */

static char *line_text(const tfms_source *src, uint32_t line)
{
	size_t start, end;
	tfms_source_line_range(src, line, &start, &end);
	return tfms_strndup(src->data + start, end - start);
}

static void record(planner *pl, decision *d)
{
	const tfms_use *u = d->use;
	uint32_t line, column, end_line, end_column;
	tfms_source_position(pl->src, u->start, &line, &column);
	tfms_source_position(pl->src, u->end, &end_line, &end_column);
	tfms_plan *out = pl->out;
	const tfms_rule *r = d->rule;
	if (d->outcome == OUT_CONVERT) {
		tfms_conversion *c = tfms_results_add_conversion(&out->results);
		c->path = tfms_strdup(pl->src->path);
		c->line = line;
		c->column = column;
		c->end_line = end_line;
		c->end_column = end_column;
		c->api = tfms_strdup(u->api);
		c->ms_api = tfms_strdup(r->ms_api);
		c->review = r->review ? tfms_strdup(r->review) : NULL;
		c->rule = tfms_strdup(r->api);
		c->level = r->review ? TFMS_LEVEL_WARNING : TFMS_LEVEL_NONE;
		return;
	}
	tfms_finding *f = tfms_results_add_finding(&out->results);
	f->path = tfms_strdup(pl->src->path);
	f->line = line;
	f->column = column;
	f->end_line = end_line;
	f->end_column = end_column;
	f->api = tfms_strdup(u->api);
	f->kind = d->kind;
	f->level = TFMS_LEVEL_ERROR;
	f->message = d->message;
	d->message = NULL;
	if (r && r->ms_api)
		f->ms_api = tfms_strdup(r->ms_api);
	if (r && r->doc_url)
		f->doc_url = tfms_strdup(r->doc_url);
	if (r)
		f->rule = tfms_strdup(r->api);
	f->source_line = line_text(pl->src, line);
}

static int compare_uses(const void *a, const void *b)
{
	const tfms_use *x = *(const tfms_use *const *)a;
	const tfms_use *y = *(const tfms_use *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

void tfms_plan_file(tfms_plan *out, const tfms_source *src,
		    const tfms_analysis *a, const tfms_ruleset *rs)
{
	memset(out, 0, sizeof(*out));
	planner pl;
	memset(&pl, 0, sizeof(pl));
	pl.src = src;
	pl.a = a;
	pl.rs = rs;
	pl.out = out;

	const tfms_use **order = tfms_calloc(a->nuses + 1, sizeof(*order));
	for (size_t i = 0; i < a->nuses; i++)
		order[i] = &a->uses[i];
	tfms_sort(order, a->nuses, sizeof(*order), compare_uses);
	pl.d = tfms_calloc(a->nuses + 1, sizeof(decision));
	pl.nd = a->nuses;
	for (size_t i = 0; i < a->nuses; i++)
		pl.d[i].use = order[i];
	free(order);

	tfms_imports_use *outcomes =
		tfms_calloc(pl.nd + 1, sizeof(tfms_imports_use));
	for (size_t i = 0; i < pl.nd; i++) {
		decide(&pl, &pl.d[i]);
		outcomes[i] =
			(tfms_imports_use){pl.d[i].use, pl.d[i].rule,
					   pl.d[i].outcome == OUT_CONVERT};
	}
	tfms_imports_new(&pl.imports, src, a, rs);
	tfms_imports_settle(pl.imports, outcomes, pl.nd);
	free(outcomes);

	for (size_t i = 0; i < pl.nd; i++) {
		decision *d = &pl.d[i];
		if (d->outcome == OUT_CONVERT)
			propose_conversion(&pl, d);
		record(&pl, d);
		tfms_edits_dispose(&d->arg_edits);
		free(d->message);
		free(d->constructor);
	}
	tfms_imports_plan(pl.imports, &out->edits);
	tfms_imports_free(pl.imports);
	free(pl.d);
}

void tfms_plan_dispose(tfms_plan *plan)
{
	if (!plan)
		return;
	tfms_edits_dispose(&plan->edits);
	tfms_results_dispose(&plan->results);
	memset(plan, 0, sizeof(*plan));
}

void tfms_plan_take_results(tfms_plan *plan, tfms_results *dst)
{
	tfms_results_take(dst, &plan->results);
}

void tfms_plan_refuse(tfms_plan *plan, const tfms_source *src,
		      const char *message)
{
	tfms_results *res = &plan->results;
	for (size_t i = 0; i < res->nconversions; i++) {
		tfms_conversion *c = &res->conversions[i];
		tfms_finding *f = tfms_results_add_finding(res);
		f->path = c->path;
		f->line = c->line;
		f->column = c->column;
		f->end_line = c->end_line;
		f->end_column = c->end_column;
		f->api = c->api;
		f->level = TFMS_LEVEL_ERROR;
		f->ms_api = c->ms_api;
		f->kind = TFMS_FINDING_PARSE_ERROR;
		f->message = tfms_strdup(message);
		f->source_line = line_text(src, c->line);
		f->rule = c->rule;
		free(c->review);
	}
	res->nconversions = 0;
	tfms_edits_dispose(&plan->edits);
}
