#include "tfms/plan.h"
#include "tfms/alloc.h"
#include "tfms/args.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/hints.h"
#include "tfms/imports.h"
#include "tfms/pytext.h"
#include "tfms/text.h"

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
	char *note;		  /* the mapping's conditions to check */
} decision;

typedef struct {
	const tfms_source *src;
	const tfms_analysis *a;
	const tfms_ruleset *rs;
	tfms_plan *out;
	decision *d;
	size_t nd;
	tfms_imports *imports;
	tfms_string_index
		*strings; /* made by the first mapping that needs it */
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
	/* `K = tf.keras.backend`: the line keeps binding the TF object for
	 * the uses through K that stay TF; each use is decided on its own.
	 * A name with a rule (`T = tf.Tensor`) is decided as a reference:
	 * the rule says whether the value is drop-in wherever it goes. */
	if (u->alias_def && !r) {
		finding(d, TFMS_FINDING_NOT_DROP_IN,
			tfms_asprintf("binds an alias of %s; its uses are "
				      "resolved and reported where they occur: "
				      "remove this line once none remains",
				      u->api));
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
		/* Several rules for one API: the first whose `when` holds. */
		while (r && !tfms_args_when(pl->src, r, u->call))
			r = r->alt;
		if (!r) {
			tfms_buf forms = TFMS_BUF_INIT;
			for (const tfms_rule *k = d->rule; k; k = k->alt)
				tfms_buf_printf(&forms, "%s%s (when %s)",
						forms.len ? ", " : "",
						k->ms_api ? k->ms_api : "?",
						k->when_text ? k->when_text
							     : "always");
			finding(d, TFMS_FINDING_UNSUPPORTED_ARGS,
				tfms_asprintf("no form of %s fits this call: "
					      "%s",
					      u->api, forms.ptr));
			tfms_buf_dispose(&forms);
			return;
		}
		d->rule = r;
		tfms_args_result mapped = TFMS_ARGS_RESULT_INIT;
		if (!tfms_args_map(&mapped, pl->src, pl->a, pl->rs, r, u->call,
				   &pl->strings)) {
			finding(d, TFMS_FINDING_UNSUPPORTED_ARGS,
				mapped.reason);
			mapped.reason = NULL;
			tfms_args_result_dispose(&mapped);
			return;
		}
		d->arg_edits = mapped.edits;
		d->constructor = mapped.constructor;
		d->note = mapped.note;
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

/* Rule texts name MindSpore objects as \x01dotted.name\x02: spelled the
 * way this file names MindSpore. */
static char *spell_all(planner *pl, const char *text)
{
	if (!strchr(text, '\x01'))
		return tfms_strdup(text);
	tfms_buf out = TFMS_BUF_INIT;
	for (const char *p = text; *p;) {
		const char *close = p[0] == '\x01' ? strchr(p, '\x02') : NULL;
		if (!close) {
			tfms_buf_putc(&out, *p++);
			continue;
		}
		char *api = tfms_strndup(p + 1, (size_t)(close - p - 1));
		char *name = tfms_imports_spell(pl->imports, api);
		tfms_buf_puts(&out, name);
		free(name);
		free(api);
		p = close + 1;
	}
	return tfms_buf_detach(&out, NULL);
}

/* The callee's new name (unless its import is rewritten instead) and the
 * argument edits. */
static void propose_conversion(planner *pl, decision *d)
{
	if (!tfms_imports_keeps_callee(pl->imports, d->use)) {
		char *name = tfms_imports_spell(pl->imports, d->rule->ms_api);
		if (d->constructor) {
			char *ctor = spell_all(pl, d->constructor);
			char *full = tfms_asprintf("%s%s", name, ctor);
			free(ctor);
			free(name);
			name = full;
		}
		tfms_edits_add(&pl->out->edits, d->use->start, d->use->end,
			       name, d->rule->api);
		free(name);
	}
	for (size_t k = 0; k < d->arg_edits.len; k++) {
		tfms_edit *e = &d->arg_edits.items[k];
		char *text = spell_all(pl, e->text);
		tfms_edits_add(&pl->out->edits, e->start, e->end, text,
			       d->rule->api);
		free(text);
	}
}

/* ---- Records ---- */

/* The line as reports show it (a long one cut around offset at). */
static char *line_text(const tfms_source *src, uint32_t line, size_t at)
{
	size_t start, end;
	tfms_source_line_range(src, line, &start, &end);
	return tfms_excerpt(src->data + start, end - start,
			    at > start ? at - start : 0);
}

/* Every finding says what to do next: the construct's own hint, else its
 * category's; the link is the hint's, else the table's difference page,
 * else the category guide. The level is the hint's (a name_scope is only
 * a note), except where the use could not even be analysed. */
static void enrich(tfms_finding *f, const tfms_hints *hints, const tfms_rule *r)
{
	tfms_hint_match m;
	tfms_hints_match(&m, hints, f->api, r ? r->api : NULL);
	if (!m.category)
		return;
	f->category = tfms_strdup(m.category->id);
	f->hint = tfms_strdup(m.hint ? m.hint->hint : m.category->hint);
	const char *url = m.hint && m.hint->url ? m.hint->url
			  : f->doc_url		? f->doc_url
						: m.url;
	f->hint_url = url ? tfms_strdup(url) : NULL;
	if (m.hint && f->kind != TFMS_FINDING_DYNAMIC &&
	    f->kind != TFMS_FINDING_PARSE_ERROR)
		f->level = m.hint->level;
	if (f->kind == TFMS_FINDING_UNMAPPED) {
		free(f->message);
		f->message =
			m.hint ? tfms_asprintf("no conversion rule; next step: "
					       "%s",
					       m.hint->ms)
			       : tfms_asprintf("no conversion rule; a %s API "
					       "(%s): see the category guide",
					       m.category->id,
					       m.category->phase->title);
	}
}

/* An API nothing knows that is a member of an object or class something
 * knows (`FLAGS.max_seq_length` through `tf.flags.FLAGS`): the use is one
 * of the owner, so the report groups it there instead of listing every
 * attribute as an API of its own. The owner's last name is Capitalised,
 * as classes and module-level objects are in TF; members such as
 * tf.data.Dataset.from_tensor_slices that have their own rule or hint keep
 * their name. Caller owns the result; NULL when there is no such owner. */
static char *known_owner(const planner *pl, const char *api)
{
	const tfms_hints *hints = tfms_ruleset_hints(pl->rs);
	tfms_hint_match m;
	if (hints) {
		tfms_hints_match(&m, hints, api, NULL);
		if (m.hint && strcmp(m.hint->api, api) == 0)
			return NULL;
	}
	char *owner = tfms_strdup(api);
	for (char *dot = strrchr(owner, '.'); dot; dot = strrchr(owner, '.')) {
		*dot = '\0';
		const char *last = strrchr(owner, '.');
		last = last ? last + 1 : owner;
		if (*last < 'A' || *last > 'Z')
			continue;
		bool known = tfms_ruleset_find(pl->rs, owner) != NULL;
		if (!known && hints) {
			tfms_hints_match(&m, hints, owner, NULL);
			known = m.hint && strcmp(m.hint->api, owner) == 0;
		}
		if (known)
			return owner;
	}
	free(owner);
	return NULL;
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
		c->review =
			r->review && d->note
				? tfms_asprintf("%s; %s", r->review, d->note)
			: r->review ? tfms_strdup(r->review)
			: d->note   ? tfms_strdup(d->note)
				    : NULL;
		c->rule = tfms_strdup(r->api);
		c->source = tfms_strdup(r->project ? "project" : "table");
		c->level = c->review ? TFMS_LEVEL_WARNING : TFMS_LEVEL_NONE;
		c->reference = ts_node_is_null(u->call);
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
	char *owner = d->kind == TFMS_FINDING_UNMAPPED ? known_owner(pl, u->api)
						       : NULL;
	if (owner) {
		free(f->api);
		f->api = owner;
	}
	if (r && r->ms_api)
		f->ms_api = tfms_strdup(r->ms_api);
	if (r && r->doc_url)
		f->doc_url = tfms_strdup(r->doc_url);
	if (r) {
		f->rule = tfms_strdup(r->api);
		f->source = tfms_strdup(r->project ? "project" : "table");
	}
	f->source_line = line_text(pl->src, line, u->start);
	enrich(f, tfms_ruleset_hints(pl->rs), r);
	if (owner) {
		char *message = tfms_asprintf("%s (member %s)", f->message,
					      u->api + strlen(owner) + 1);
		free(f->message);
		f->message = message;
	}
}

static void revert(planner *pl, decision *d, char *message)
{
	(void)pl;
	tfms_edits_dispose(&d->arg_edits);
	free(d->constructor);
	d->constructor = NULL;
	free(d->note);
	d->note = NULL;
	finding(d, TFMS_FINDING_NOT_DROP_IN, message);
}

/* A converted use whose rule targets a module outside mindspore
 * (absl.flags.DEFINE_string) yields the very object TF re-exported: it is
 * neither framework's, so it may sit inside either. */
static bool neutral(const decision *d)
{
	const char *ms = d->rule ? d->rule->ms_api : NULL;
	return d->outcome == OUT_CONVERT && ms &&
	       !(strncmp(ms, "mindspore", 9) == 0 &&
		 (ms[9] == '\0' || ms[9] == '.'));
}

/* Never hand MindSpore objects to TensorFlow or TensorFlow objects to
 * MindSpore: a use that converts inside the arguments of a TF call that
 * does not keeps its TF spelling until that call is migrated, and a call
 * that converts while one of its arguments holds a TF use that does not
 * is not converted. Each reversal can cause another: iterate until
 * nothing changes. Uses are sorted by start, so the uses inside a call's
 * arguments follow it. */
static void keep_frameworks_apart(planner *pl)
{
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < pl->nd; i++) {
			decision *outer = &pl->d[i];
			if (ts_node_is_null(outer->use->call))
				continue;
			TSNode args = ts_node_child_by_field_name(
				outer->use->call, "arguments", 9);
			if (ts_node_is_null(args))
				continue;
			uint32_t start = ts_node_start_byte(args),
				 end = ts_node_end_byte(args);
			for (size_t j = i + 1;
			     j < pl->nd && pl->d[j].use->start < end; j++) {
				decision *inner = &pl->d[j];
				if (inner->use->start < start ||
				    neutral(outer) || neutral(inner))
					continue;
				/* No line numbers: in a notebook the module's
				 * lines are not the cell's, and the two uses are
				 * one inside the other anyway. */
				if (outer->outcome == OUT_FINDING &&
				    inner->outcome == OUT_CONVERT) {
					revert(pl, inner,
					       tfms_asprintf(
						       "converts together with "
						       "the call of %s around "
						       "it, which is not "
						       "converted: TensorFlow "
						       "must not receive "
						       "MindSpore objects",
						       outer->use->api));
					changed = true;
				} else if (outer->outcome == OUT_CONVERT &&
					   inner->outcome == OUT_FINDING) {
					revert(pl, outer,
					       tfms_asprintf(
						       "its arguments use %s, "
						       "which is not "
						       "converted: "
						       "MindSpore must not "
						       "receive TensorFlow "
						       "objects",
						       inner->use->api));
					changed = true;
					break;
				}
			}
		}
	}
}

/* The decision whose use is the callee of call, or NULL: decisions are
 * sorted by start, and a callee starts where its call does. */
static decision *callee_decision(planner *pl, TSNode call)
{
	uint32_t at = ts_node_start_byte(call);
	size_t lo = 0, hi = pl->nd;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pl->d[mid].use->start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < pl->nd && pl->d[lo].use->start == at; lo++)
		if (ts_node_eq(pl->d[lo].use->call, call))
			return &pl->d[lo];
	return NULL;
}

/* A converted reference is a MindSpore value; it may only go where the
 * planner sees what receives it: a TF call's argument (then
 * keep_frameworks_apart decides with that call) or an alias's value
 * (keep_aliases_whole). Passed to code the tool does not follow
 * (`cell.zero_state(n, tf.float32)`, a helper) or leaving through an
 * attribute, a default, a container or a return value, it may reach
 * TensorFlow, so it keeps its TF spelling until that code is migrated.
 * Type checks (`isinstance(x, tf.Tensor)`) are not values. */
static void hold_values_that_escape(planner *pl)
{
	for (size_t i = 0; i < pl->nd; i++) {
		decision *d = &pl->d[i];
		const tfms_use *u = d->use;
		if (d->outcome != OUT_CONVERT || !ts_node_is_null(u->call) ||
		    u->type_context || u->alias_def)
			continue;
		if (!ts_node_is_null(u->arg_call) &&
		    callee_decision(pl, u->arg_call))
			continue;
		if (ts_node_is_null(u->arg_call)) {
			revert(pl, d,
			       tfms_strdup("the value goes where the tool does "
					   "not follow it (an attribute, a "
					   "default, a container, a return "
					   "value): it keeps its TensorFlow "
					   "spelling until the code reading it "
					   "is migrated"));
			continue;
		}
		TSNode callee =
			ts_node_child_by_field_name(u->arg_call, "function", 8);
		char *name = tfms_pytext_node_text(pl->src, callee);
		/* A long or multi-line callee is not worth quoting. */
		bool quote = strlen(name) <= 60 && !strchr(name, '\n');
		revert(pl, d,
		       tfms_asprintf("passed to %s%s, code the tool does not "
				     "follow: it may hand the value to "
				     "TensorFlow, so it keeps its TensorFlow "
				     "spelling until that call is migrated",
				     quote ? name : "a call",
				     quote ? "(...)" : ""));
		free(name);
	}
}

/* An alias and its plain reads share one fate: the assignment decides
 * what every read holds. A read that must stay TF (inside a TF call
 * that stays) keeps the assignment TF, and an assignment that stays TF
 * keeps every read TF. Returns whether anything changed; linear in the
 * number of decisions. */
/* The alias a use defines or reads, or -1. */
static int32_t alias_group(const tfms_use *u)
{
	return u->alias_def ? u->alias_of : u->alias_read ? u->group : -1;
}

static bool keep_aliases_whole(planner *pl)
{
	int32_t ngroups = 0;
	for (size_t i = 0; i < pl->nd; i++) {
		const tfms_use *u = pl->d[i].use;
		int32_t g = alias_group(u);
		if (g >= ngroups)
			ngroups = g + 1;
	}
	if (ngroups == 0)
		return false;
	bool *stays_tf = tfms_calloc((size_t)ngroups, sizeof(bool));
	for (size_t i = 0; i < pl->nd; i++) {
		const tfms_use *u = pl->d[i].use;
		int32_t g = alias_group(u);
		if (g >= 0 && pl->d[i].outcome == OUT_FINDING)
			stays_tf[g] = true;
	}
	bool changed = false;
	for (size_t i = 0; i < pl->nd; i++) {
		decision *d = &pl->d[i];
		const tfms_use *u = d->use;
		if (d->outcome != OUT_CONVERT)
			continue;
		if (u->alias_def && u->alias_of >= 0 && stays_tf[u->alias_of]) {
			revert(pl, d,
			       tfms_strdup(
				       "the name it binds is also used "
				       "where it must stay TensorFlow (or "
				       "is bound to TensorFlow elsewhere): "
				       "it keeps its TensorFlow value until "
				       "those uses are migrated"));
			changed = true;
		} else if (u->alias_read && u->group >= 0 &&
			   stays_tf[u->group]) {
			revert(pl, d,
			       tfms_strdup("reads a name whose TensorFlow "
					   "value stays until its other uses "
					   "are migrated"));
			changed = true;
		}
	}
	free(stays_tf);
	return changed;
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

	for (size_t i = 0; i < pl.nd; i++)
		decide(&pl, &pl.d[i]);
	hold_values_that_escape(&pl);
	keep_frameworks_apart(&pl);
	while (keep_aliases_whole(&pl))
		keep_frameworks_apart(&pl);
	tfms_imports_use *outcomes =
		tfms_calloc(pl.nd + 1, sizeof(tfms_imports_use));
	for (size_t i = 0; i < pl.nd; i++) {
		outcomes[i] =
			(tfms_imports_use){pl.d[i].use, pl.d[i].rule,
					   pl.d[i].outcome == OUT_CONVERT};
	}
	tfms_imports_new(&pl.imports, src, a, rs);
	tfms_imports_settle(pl.imports, outcomes, pl.nd);
	free(outcomes);

	for (size_t i = 0; i < pl.nd; i++) {
		decision *d = &pl.d[i];
		/* `return DT` after `DT = tf.float32`: the assignment's own
		 * conversion changes what DT holds; writing `ms.float32` here
		 * would only replace the user's name with its value. */
		bool follows_alias =
			d->outcome == OUT_CONVERT && d->use->alias_read;
		if (d->outcome == OUT_CONVERT && !follows_alias)
			propose_conversion(&pl, d);
		if (!follows_alias)
			record(&pl, d);
		tfms_edits_dispose(&d->arg_edits);
		free(d->message);
		free(d->constructor);
		free(d->note);
	}
	tfms_imports_plan(pl.imports, &out->edits);
	tfms_imports_free(pl.imports);
	tfms_string_index_free(pl.strings);
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
		f->source_line = line_text(src, c->line, 0);
		f->rule = c->rule;
		f->source = c->source;
		free(c->review);
	}
	res->nconversions = 0;
	tfms_edits_dispose(&plan->edits);
}
