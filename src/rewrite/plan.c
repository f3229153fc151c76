#include "tfms/plan.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"

#include <stdlib.h>
#include <string.h>

/* How MindSpore's documentation spells its modules: `import mindspore as
 * ms`, `from mindspore import ops`. Other submodules are reached through
 * their parent. The fallbacks are used when the preferred name is taken in
 * the file. */
static const struct ms_module {
	const char *module;
	const char *preferred;
	const char *fallback;
} ms_modules[] = {
	{"mindspore", "ms", "mindspore"},
	{"mindspore.ops", "ops", "ms_ops"},
	{"mindspore.nn", "nn", "ms_nn"},
};

typedef struct {
	char *module;	   /* dotted MindSpore module */
	char *spelling;	   /* how code in this file names it */
	char *import_line; /* the import to add, or NULL when present */
} spelling;

enum outcome { OUT_FINDING, OUT_CONVERT };

typedef struct {
	const tfms_use *use;
	const tfms_rule *rule;
	enum outcome outcome;
	tfms_finding_kind kind;
	char *message;
	tfms_edit_list arg_edits; /* pending until the plan settles */
	bool keep_callee;	  /* the import is rewritten instead */
	char *constructor;	  /* a primitive's "(attrs)", or NULL */
} decision;

typedef struct {
	size_t converted, remaining;
	bool rewrite_import;
} group_stat;

typedef struct {
	const tfms_source *src;
	const tfms_analysis *a;
	const tfms_ruleset *rs;
	tfms_plan *out;
	decision *d;
	size_t nd;
	group_stat *groups; /* indexed by group id */
	size_t ngroups;
	tfms_array(spelling) spellings;
	const char *nl;
} planner;

/* ---- Small text helpers ---- */

static const char *ntype(TSNode n)
{
	return ts_node_type(n);
}

static bool is_type(TSNode n, const char *type)
{
	return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

static bool is_hspace(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\f';
}

/* The node starts its line: only indentation precedes it. */
static bool starts_line(const tfms_source *src, size_t offset)
{
	size_t start = tfms_source_line_start(src, offset);
	if (start == 0)
		start = src->bom;
	for (size_t i = start; i < offset; i++)
		if (!is_hspace(src->data[i]))
			return false;
	return true;
}

/* Offset just past the line break that ends the line holding offset, when
 * only white space (and, if allow_comment, a comment) follows offset on
 * that line; otherwise 0. */
static size_t rest_of_line_end(const tfms_source *src, size_t offset,
			       bool allow_comment)
{
	size_t i = offset;
	while (i < src->len && is_hspace(src->data[i]))
		i++;
	if (allow_comment && i < src->len && src->data[i] == '#')
		while (i < src->len && src->data[i] != '\n' &&
		       src->data[i] != '\r')
			i++;
	if (i < src->len && src->data[i] == '\r')
		i++;
	if (i < src->len && src->data[i] == '\n')
		return i + 1;
	return i == src->len ? i : 0;
}

static char *indentation_of(const tfms_source *src, size_t offset)
{
	size_t start = tfms_source_line_start(src, offset);
	if (start == 0)
		start = src->bom;
	return tfms_strndup(src->data + start, offset - start);
}

static bool span_has_comment(TSNode parent, size_t start, size_t end)
{
	uint32_t count = ts_node_child_count(parent);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_child(parent, i);
		if (is_type(ch, "comment") && ts_node_start_byte(ch) >= start &&
		    ts_node_end_byte(ch) <= end)
			return true;
	}
	return false;
}

/* Removes the marked elements of a comma-separated list (call arguments,
 * imported names) with their separators, a run of neighbours at a time so
 * that no two deletions touch. A run before a kept element takes its
 * following separator, a run at the end the separator before it. */
static void delete_elements(tfms_edit_list *edits, const tfms_source *src,
			    TSNode parent, const TSNode *elems,
			    const bool *gone, size_t n, const char *origin)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		kept += !gone[i];
	tfms_edit_list local = TFMS_EDIT_LIST_INIT;
	for (size_t i = 0; i < n;) {
		if (!gone[i]) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < n && gone[j + 1])
			j++;
		size_t start, end;
		if (j + 1 < n) {
			start = ts_node_start_byte(elems[i]);
			end = ts_node_start_byte(elems[j + 1]);
		} else if (kept) {
			size_t last_kept = i;
			while (gone[last_kept])
				last_kept--;
			start = ts_node_end_byte(elems[last_kept]);
			end = ts_node_end_byte(elems[j]);
		} else {
			start = ts_node_start_byte(elems[i]);
			end = ts_node_end_byte(elems[j]);
		}
		if (!span_has_comment(parent, start, end)) {
			tfms_edits_add(&local, start, end, "", origin);
			i = j + 1;
			continue;
		}
		/* Comments stay: each element goes with only the comma after
		 * it (a trailing comma is fine inside brackets, and a list
		 * holding a comment has brackets), or with its whole line
		 * when nothing else is on it. */
		for (size_t k = i; k <= j; k++) {
			size_t es = ts_node_start_byte(elems[k]);
			size_t ee = ts_node_end_byte(elems[k]);
			TSNode comma = ts_node_next_sibling(elems[k]);
			while (!ts_node_is_null(comma) &&
			       is_type(comma, "comment"))
				comma = ts_node_next_sibling(comma);
			bool has_comma = is_type(comma, ",");
			size_t after = has_comma ? ts_node_end_byte(comma) : ee;
			size_t line_end = rest_of_line_end(src, after, false);
			if (starts_line(src, es) && line_end &&
			    (!has_comma ||
			     !span_has_comment(parent, ee, after))) {
				tfms_edits_add(&local,
					       tfms_source_line_start(src, es),
					       line_end, "", origin);
				continue;
			}
			tfms_edits_add(&local, es, ee, "", origin);
			if (has_comma) {
				size_t cs = ts_node_start_byte(comma);
				while (after < src->len &&
				       is_hspace(src->data[after]))
					after++;
				tfms_edits_add(&local, cs, after, "", origin);
			}
		}
		i = j + 1;
	}
	for (size_t k = 0; k < local.len; k++)
		tfms_edits_add(edits, local.items[k].start, local.items[k].end,
			       "", origin);
	tfms_edits_dispose(&local);
}

static size_t named_statement_count(TSNode block)
{
	size_t n = 0;
	uint32_t count = ts_node_named_child_count(block);
	for (uint32_t i = 0; i < count; i++)
		if (!is_type(ts_node_named_child(block, i), "comment"))
			n++;
	return n;
}

/* Removes a whole statement, or replaces it with replacement (one or more
 * statements joined by the caller). A block may not become empty: its last
 * statement turns into `pass`. */
static void replace_statement(planner *pl, TSNode stmt, const char *replacement,
			      const char *origin)
{
	const tfms_source *src = pl->src;
	size_t start = ts_node_start_byte(stmt), end = ts_node_end_byte(stmt);
	if (replacement) {
		tfms_edits_add(&pl->out->edits, start, end, replacement,
			       origin);
		return;
	}
	TSNode parent = ts_node_parent(stmt);
	if (is_type(parent, "block") && named_statement_count(parent) == 1) {
		tfms_edits_add(&pl->out->edits, start, end, "pass", origin);
		return;
	}
	size_t line_end = rest_of_line_end(src, end, true);
	if (starts_line(src, start) && line_end) {
		size_t line_start = tfms_source_line_start(src, start);
		if (line_start == 0)
			line_start = src->bom;
		tfms_edits_add(&pl->out->edits, line_start, line_end, "",
			       origin)
			->flags |= TFMS_EDIT_REMOVES_LINES;
		return;
	}
	/* Shares its line with other statements through ';'. */
	size_t after = end;
	while (after < src->len && is_hspace(src->data[after]))
		after++;
	if (after < src->len && src->data[after] == ';') {
		after++;
		while (after < src->len && is_hspace(src->data[after]))
			after++;
		tfms_edits_add(&pl->out->edits, start, after, "", origin);
		return;
	}
	size_t before = start;
	while (before > 0 && is_hspace(src->data[before - 1]))
		before--;
	if (before > 0 && src->data[before - 1] == ';')
		before--;
	tfms_edits_add(&pl->out->edits, before, end, "", origin);
}

/* ---- Arguments ---- */

typedef struct {
	TSNode node;  /* the whole argument */
	TSNode value; /* its expression */
	TSNode name;  /* keyword name, or null for positional */
	enum { ARG_POSITIONAL, ARG_KEYWORD, ARG_STAR, ARG_DOUBLE_STAR } kind;
	int tf_param; /* bound TF parameter */
	bool gone;    /* removed from the call */
} call_arg;

static bool has_side_effects(TSNode n)
{
	const char *t = ntype(n);
	if (strcmp(t, "call") == 0 || strcmp(t, "await") == 0 ||
	    strcmp(t, "yield") == 0 || strcmp(t, "named_expression") == 0)
		return true;
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++)
		if (has_side_effects(ts_node_named_child(n, i)))
			return true;
	return false;
}

static bool contains_use(const planner *pl, TSNode n)
{
	size_t start = ts_node_start_byte(n), end = ts_node_end_byte(n);
	for (size_t i = 0; i < pl->nd; i++)
		if (pl->d[i].use->start >= start && pl->d[i].use->end <= end)
			return true;
	return false;
}

static const tfms_arg_rule *find_arg_rule(const tfms_rule *r, const char *p)
{
	for (size_t i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].tf_param, p) == 0)
			return &r->args[i];
	return NULL;
}

static char *node_string(const tfms_source *src, TSNode n)
{
	return tfms_strndup(src->data + ts_node_start_byte(n),
			    ts_node_end_byte(n) - ts_node_start_byte(n));
}

/* An argument as MindSpore will receive it. */
typedef struct {
	int ms_index;	 /* in the call (or, for init, constructor) signature */
	bool init;	 /* a primitive's constructor attribute */
	bool positional; /* emitted positionally */
	call_arg *src;	 /* the call's argument, or NULL for a default */
	const char *text; /* a default's text, when src is NULL */
} ms_arg;

static void fail(decision *d, char *message)
{
	free(d->message);
	d->message = message;
}

/* Text of an argument's value, for moving it (pure, no TF use inside). */
static bool movable(planner *pl, decision *d, const call_arg *ca,
		    const char *param)
{
	if (has_side_effects(ca->value)) {
		fail(d,
		     tfms_asprintf("argument '%s' has side effects (a call); "
				   "it cannot be moved or dropped safely",
				   param));
		return false;
	}
	if (contains_use(pl, ca->value)) {
		fail(d, tfms_asprintf("argument '%s' uses TensorFlow itself; "
				      "port it by hand",
				      param));
		return false;
	}
	return true;
}

/* MindSpore primitives want shapes and permutations as constant tuples.
 * A tuple literal passes as it is and a list literal becomes one; a name
 * or any other expression could be a Tensor, so it is not converted. */
static bool tuple_literal(decision *d, const tfms_source *src,
			  const call_arg *ca, const char *param)
{
	TSNode v = ca->value;
	if (is_type(v, "tuple"))
		return true;
	if (!is_type(v, "list")) {
		fail(d, tfms_asprintf("argument '%s' must be a tuple or list "
				      "literal: MindSpore needs a constant "
				      "tuple here",
				      param));
		return false;
	}
	size_t start = ts_node_start_byte(v), end = ts_node_end_byte(v);
	uint32_t n = 0, count = ts_node_named_child_count(v);
	for (uint32_t i = 0; i < count; i++)
		if (!is_type(ts_node_named_child(v, i), "comment"))
			n++;
	tfms_edits_add(&d->arg_edits, start, start + 1, "(", d->rule->api);
	/* A one-element tuple needs its comma: (x,). */
	bool trailing_comma = false;
	for (size_t i = end - 1; i > start; i--) {
		char ch = src->data[i - 1];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
			continue;
		trailing_comma = ch == ',';
		break;
	}
	tfms_edits_add(&d->arg_edits, end - 1, end,
		       n == 1 && !trailing_comma ? ",)" : ")", d->rule->api);
	return true;
}

static int compare_ms_args(const void *a, const void *b)
{
	const ms_arg *x = a, *y = b;
	return (x->ms_index > y->ms_index) - (x->ms_index < y->ms_index);
}

/* Maps the call's arguments through the rule: drops, renames, keyword to
 * positional, a primitive's constructor attributes, and TF defaults that
 * MindSpore does not share. Arguments keep their source order unless every
 * one that would move is side-effect free. On success the edits are in
 * d->arg_edits and, for a primitive, d->constructor holds "(attrs)";
 * otherwise d->message says why. */
static bool plan_arguments(planner *pl, decision *d)
{
	const tfms_rule *r = d->rule;
	const tfms_signature *tf = &r->tf_signature, *ms = &r->ms_signature;
	bool primitive = r->has_ms_init_signature;
	TSNode args = ts_node_child_by_field_name(d->use->call, "arguments", 9);
	tfms_array(call_arg) list = TFMS_ARRAY_INIT;
	tfms_array(ms_arg) out = TFMS_ARRAY_INIT;
	tfms_array(ms_arg) inits = TFMS_ARRAY_INIT;
	bool ok = false, has_comment = false;
	bool *bound = tfms_calloc(tf->nparams + 1, sizeof(bool));

	if (is_type(args, "generator_expression")) {
		call_arg ca;
		memset(&ca, 0, sizeof(ca));
		ca.node = ca.value = args;
		ca.tf_param = -1;
		tfms_array_push(&list, ca);
	} else {
		uint32_t count = ts_node_named_child_count(args);
		for (uint32_t i = 0; i < count; i++) {
			TSNode a = ts_node_named_child(args, i);
			const char *t = ntype(a);
			call_arg ca;
			memset(&ca, 0, sizeof(ca));
			ca.node = ca.value = a;
			ca.kind = ARG_POSITIONAL;
			ca.tf_param = -1;
			if (strcmp(t, "comment") == 0) {
				has_comment = true;
				continue;
			}
			if (strcmp(t, "keyword_argument") == 0) {
				ca.kind = ARG_KEYWORD;
				ca.name = ts_node_child_by_field_name(a, "name",
								      4);
				ca.value = ts_node_child_by_field_name(
					a, "value", 5);
			} else if (strcmp(t, "list_splat") == 0) {
				ca.kind = ARG_STAR;
			} else if (strcmp(t, "dictionary_splat") == 0) {
				ca.kind = ARG_DOUBLE_STAR;
			}
			tfms_array_push(&list, ca);
		}
	}

	/* Bind to the TF signature the way Python would. */
	size_t npos = 0;
	for (size_t i = 0; i < list.len; i++) {
		call_arg *ca = &list.items[i];
		if (ca->kind == ARG_STAR || ca->kind == ARG_DOUBLE_STAR) {
			fail(d, tfms_asprintf(
					"%s arguments cannot be mapped: which "
					"parameters they fill is known only at "
					"run time",
					ca->kind == ARG_STAR ? "*args"
							     : "**kwargs"));
			goto done;
		}
		int p;
		if (ca->kind == ARG_POSITIONAL) {
			p = tfms_signature_positional(tf, npos++);
			if (p < 0 ||
			    tf->params[p].kind == TFMS_PARAM_VAR_POSITIONAL) {
				fail(d, tfms_asprintf("too many positional "
						      "arguments for %s",
						      r->api));
				goto done;
			}
		} else {
			char *kw = node_string(pl->src, ca->name);
			p = tfms_signature_find(tf, kw);
			if (p < 0 ||
			    tf->params[p].kind == TFMS_PARAM_POSITIONAL_ONLY ||
			    tf->params[p].kind >= TFMS_PARAM_VAR_POSITIONAL) {
				fail(d,
				     tfms_asprintf("unknown keyword argument "
						   "'%s' for %s",
						   kw, r->api));
				free(kw);
				goto done;
			}
			free(kw);
		}
		if (bound[p]) {
			fail(d, tfms_asprintf("argument '%s' given twice",
					      tf->params[p].name));
			goto done;
		}
		bound[p] = true;
		ca->tf_param = p;
	}
	for (size_t p = 0; p < tf->nparams; p++) {
		if (!bound[p] && !tf->params[p].default_text &&
		    tf->params[p].kind < TFMS_PARAM_VAR_POSITIONAL) {
			fail(d, tfms_asprintf("missing required argument '%s' "
					      "of %s",
					      tf->params[p].name, r->api));
			goto done;
		}
	}

	for (size_t p = 0; p < tf->nparams; p++) {
		const tfms_arg_rule *ar = find_arg_rule(r, tf->params[p].name);
		if (!bound[p] && ar && ar->must_give) {
			fail(d,
			     tfms_asprintf("argument '%s' must be given: %s",
					   tf->params[p].name,
					   ar->why ? ar->why
						   : "TF's default has no "
						     "MindSpore equivalent"));
			goto done;
		}
	}

	/* What becomes of each argument. */
	for (size_t i = 0; i < list.len; i++) {
		call_arg *ca = &list.items[i];
		const tfms_param *tp = &tf->params[ca->tf_param];
		const tfms_arg_rule *ar = find_arg_rule(r, tp->name);
		if (ar && ar->only_default) {
			char *text = node_string(pl->src, ca->value);
			bool is_default = tp->default_text &&
					  strcmp(text, tp->default_text) == 0;
			free(text);
			if (!is_default) {
				fail(d,
				     tfms_asprintf(
					     "argument '%s' is supported only "
					     "at its default (%s)",
					     tp->name,
					     tp->default_text ? tp->default_text
							      : "left out"));
				goto done;
			}
		}
		if (ar && (ar->action == TFMS_ARG_DROP || ar->only_default)) {
			if (!movable(pl, d, ca, tp->name))
				goto done;
			ca->gone = true;
			continue;
		}
		const char *target = ar ? ar->ms_param : tp->name;
		if (ar && ar->init) {
			if (!movable(pl, d, ca, tp->name))
				goto done;
			ms_arg m = {tfms_signature_find(&r->ms_init_signature,
							target),
				    true, false, ca, NULL};
			tfms_array_push(&inits, m);
			ca->gone = true;
			continue;
		}
		int mi = tfms_signature_find(ms, target);
		if (mi < 0) {
			fail(d, tfms_asprintf("%s has no parameter '%s'",
					      r->ms_api, target));
			goto done;
		}
		if (ar && ar->tuple && !tuple_literal(d, pl->src, ca, tp->name))
			goto done;
		ms_arg m = {mi, false,
			    primitive || ca->kind == ARG_POSITIONAL ||
				    (ar && ar->positional),
			    ca, NULL};
		tfms_array_push(&out, m);
	}
	/* TF defaults that MindSpore does not share are passed explicitly. */
	for (size_t p = 0; p < tf->nparams; p++) {
		const tfms_arg_rule *ar = find_arg_rule(r, tf->params[p].name);
		if (bound[p] || !ar || !ar->default_text ||
		    ar->action == TFMS_ARG_DROP)
			continue;
		ms_arg m = {0, ar->init, false, NULL, ar->default_text};
		if (ar->init) {
			m.ms_index = tfms_signature_find(&r->ms_init_signature,
							 ar->ms_param);
			tfms_array_push(&inits, m);
		} else {
			m.ms_index = tfms_signature_find(ms, ar->ms_param);
			m.positional = primitive || ar->positional;
			tfms_array_push(&out, m);
		}
	}

	/* Every required MindSpore parameter must be given. */
	bool *given = tfms_calloc(ms->nparams + 1, sizeof(bool));
	for (size_t i = 0; i < out.len; i++) {
		if (given[out.items[i].ms_index]) {
			fail(d, tfms_asprintf(
					"two arguments map to '%s' of %s",
					ms->params[out.items[i].ms_index].name,
					r->ms_api));
			free(given);
			goto done;
		}
		given[out.items[i].ms_index] = true;
	}
	for (size_t p = 0; p < ms->nparams; p++) {
		if (!given[p] && !ms->params[p].default_text &&
		    ms->params[p].kind < TFMS_PARAM_VAR_POSITIONAL) {
			fail(d, tfms_asprintf("%s needs argument '%s', which "
					      "the call does not give",
					      r->ms_api, ms->params[p].name));
			free(given);
			goto done;
		}
	}
	free(given);

	/* Positional arguments first, in MindSpore's order; the call's own
	 * order is kept where it already fits. */
	size_t npositional = 0;
	bool in_order = true, keyword_seen = false;
	for (size_t i = 0; i < out.len; i++) {
		ms_arg *m = &out.items[i];
		if (!m->positional) {
			keyword_seen = true;
			continue;
		}
		if (keyword_seen && m->src) {
			in_order = false;
			continue;
		}
		if (tfms_signature_positional(ms, npositional) != m->ms_index)
			in_order = false;
		npositional++;
	}
	if (!in_order) {
		/* Reorder by rewriting argument slots: only when nothing that
		 * moves can observe the order or carries an edit itself. */
		if (has_comment) {
			fail(d, tfms_asprintf("the arguments of %s must be "
					      "reordered, and comments among "
					      "them would be lost",
					      r->api));
			goto done;
		}
		for (size_t i = 0; i < out.len; i++)
			if (out.items[i].src &&
			    !movable(pl, d, out.items[i].src,
				     tf->params[out.items[i].src->tf_param]
					     .name))
				goto done;
	}
	tfms_array(ms_arg) pos = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < out.len; i++)
		if (out.items[i].positional)
			tfms_array_push(&pos, out.items[i]);
	tfms_sort(pos.items, pos.len, sizeof(ms_arg), compare_ms_args);
	for (size_t k = 0; k < pos.len; k++) {
		if (tfms_signature_positional(ms, k) != pos.items[k].ms_index) {
			fail(d, tfms_asprintf(
					"argument '%s' cannot be passed "
					"positionally to %s",
					ms->params[pos.items[k].ms_index].name,
					r->ms_api));
			tfms_array_free(&pos);
			goto done;
		}
	}

	/* The source slots that hold arguments, in order, then what goes
	 * into each. */
	tfms_array(call_arg *) slots = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < out.len; i++)
		if (out.items[i].src)
			tfms_array_push(&slots, out.items[i].src);
	tfms_buf appended = TFMS_BUF_INIT;
	size_t slot = 0;
	for (size_t k = 0; k < pos.len + out.len; k++) {
		ms_arg *m;
		if (k < pos.len) {
			m = &pos.items[k];
		} else {
			m = &out.items[k - pos.len];
			if (m->positional)
				continue;
		}
		char *value = m->src ? node_string(pl->src, m->src->value)
				     : tfms_strdup(m->text);
		char *emitted =
			m->positional
				? tfms_strdup(value)
				: tfms_asprintf("%s=%s",
						ms->params[m->ms_index].name,
						value);
		if (slot < slots.len) {
			call_arg *at = slots.items[slot++];
			if (at == m->src && m->positional &&
			    at->kind == ARG_KEYWORD) {
				/* value stays; `kw=` goes */
				tfms_edits_add(&d->arg_edits,
					       ts_node_start_byte(at->node),
					       ts_node_start_byte(at->value),
					       "", r->api);
			} else if (at == m->src && !m->positional) {
				char *kw = node_string(pl->src, at->name);
				if (strcmp(kw, ms->params[m->ms_index].name) !=
				    0)
					tfms_edits_add(
						&d->arg_edits,
						ts_node_start_byte(at->name),
						ts_node_end_byte(at->name),
						ms->params[m->ms_index].name,
						r->api);
				free(kw);
			} else if (at != m->src) {
				tfms_edits_add(&d->arg_edits,
					       ts_node_start_byte(at->node),
					       ts_node_end_byte(at->node),
					       emitted, r->api);
			}
		} else {
			if (appended.len)
				tfms_buf_puts(&appended, ", ");
			tfms_buf_puts(&appended, emitted);
		}
		free(value);
		free(emitted);
	}
	/* Removed arguments go a run at a time; defaults follow the last
	 * argument that stays (before any trailing comma). */
	TSNode *elems = tfms_calloc(list.len + 1, sizeof(TSNode));
	bool *gone = tfms_calloc(list.len + 1, sizeof(bool));
	TSNode last_kept = {0};
	for (size_t i = 0; i < list.len; i++) {
		elems[i] = list.items[i].node;
		gone[i] = list.items[i].gone;
		if (!gone[i])
			last_kept = elems[i];
	}
	if (!is_type(args, "generator_expression"))
		delete_elements(&d->arg_edits, pl->src, args, elems, gone,
				list.len, r->api);
	free(elems);
	free(gone);
	if (appended.len) {
		bool none = ts_node_is_null(last_kept);
		size_t at = none ? ts_node_start_byte(args) + 1
				 : ts_node_end_byte(last_kept);
		char *text = none ? tfms_strdup(appended.ptr)
				  : tfms_asprintf(", %s", appended.ptr);
		tfms_edits_add(&d->arg_edits, at, at, text, r->api);
		free(text);
	}
	tfms_buf_dispose(&appended);
	tfms_array_free(&slots);
	tfms_array_free(&pos);

	if (primitive) {
		tfms_sort(inits.items, inits.len, sizeof(ms_arg),
			  compare_ms_args);
		tfms_buf ctor = TFMS_BUF_INIT;
		tfms_buf_putc(&ctor, '(');
		for (size_t i = 0; i < inits.len; i++) {
			ms_arg *m = &inits.items[i];
			char *value =
				m->src ? node_string(pl->src, m->src->value)
				       : tfms_strdup(m->text);
			tfms_buf_printf(
				&ctor, "%s%s=%s", i ? ", " : "",
				r->ms_init_signature.params[m->ms_index].name,
				value);
			free(value);
		}
		tfms_buf_putc(&ctor, ')');
		d->constructor = tfms_buf_detach(&ctor, NULL);
	}
	ok = true;
done:
	free(bound);
	tfms_array_free(&list);
	tfms_array_free(&out);
	tfms_array_free(&inits);
	if (!ok)
		tfms_edits_dispose(&d->arg_edits);
	return ok;
}

/* ---- Decisions ---- */

static void finding(decision *d, tfms_finding_kind kind, char *message)
{
	d->outcome = OUT_FINDING;
	d->kind = kind;
	free(d->message);
	d->message = message;
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
		if (!plan_arguments(pl, d)) {
			char *why = d->message;
			d->message = NULL;
			finding(d, TFMS_FINDING_UNSUPPORTED_ARGS, why);
			return;
		}
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

/* ---- Spelling MindSpore names ---- */

static bool name_free(const planner *pl, const char *name)
{
	if (tfms_analysis_name_taken(pl->a, name))
		return false;
	for (size_t i = 0; i < pl->spellings.len; i++)
		if (strcmp(pl->spellings.items[i].spelling, name) == 0)
			return false;
	return true;
}

static const struct ms_module *known_module(const char *module)
{
	for (size_t i = 0; i < sizeof(ms_modules) / sizeof(ms_modules[0]); i++)
		if (strcmp(ms_modules[i].module, module) == 0)
			return &ms_modules[i];
	return NULL;
}

/* A module-level import already binding module, alone on its name. */
static const char *existing_spelling(const planner *pl, const char *module)
{
	for (size_t i = 0; i < pl->a->nimports; i++) {
		const tfms_import *imp = &pl->a->imports[i];
		if (imp->scope == 0 && imp->sole && !imp->in_error &&
		    strcmp(imp->target, module) == 0)
			return imp->name;
	}
	return NULL;
}

static char *import_line(const char *module, const char *name)
{
	const char *dot = strrchr(module, '.');
	if (!dot)
		return strcmp(module, name) == 0
			       ? tfms_asprintf("import %s", module)
			       : tfms_asprintf("import %s as %s", module, name);
	if (strcmp(dot + 1, name) == 0)
		return tfms_asprintf("from %.*s import %s", (int)(dot - module),
				     module, name);
	return tfms_asprintf("from %.*s import %s as %s", (int)(dot - module),
			     module, dot + 1, name);
}

static const char *spell_module(planner *pl, const char *module)
{
	for (size_t i = 0; i < pl->spellings.len; i++)
		if (strcmp(pl->spellings.items[i].module, module) == 0)
			return pl->spellings.items[i].spelling;

	spelling sp = {tfms_strdup(module), NULL, NULL};
	const char *existing = existing_spelling(pl, module);
	const struct ms_module *known = known_module(module);
	const char *dot = strrchr(module, '.');
	if (existing) {
		sp.spelling = tfms_strdup(existing);
	} else if (known && name_free(pl, known->preferred)) {
		sp.spelling = tfms_strdup(known->preferred);
		sp.import_line = import_line(module, sp.spelling);
	} else if (dot) {
		/* Through the parent: ms.ops.stop_gradient. */
		char *parent = tfms_strndup(module, (size_t)(dot - module));
		const char *ps = spell_module(pl, parent);
		sp.spelling = tfms_asprintf("%s.%s", ps, dot + 1);
		free(parent);
	} else {
		const char *base = known ? known->fallback : module;
		sp.spelling = tfms_strdup(base);
		for (int n = 2; !name_free(pl, sp.spelling); n++) {
			free(sp.spelling);
			sp.spelling = tfms_asprintf("%s%d", base, n);
		}
		sp.import_line = import_line(module, sp.spelling);
	}
	tfms_array_push(&pl->spellings, sp);
	return pl->spellings.items[pl->spellings.len - 1].spelling;
}

static char *spell_api(planner *pl, const char *ms_api)
{
	const char *dot = strrchr(ms_api, '.');
	if (!dot)
		return tfms_strdup(ms_api);
	char *module = tfms_strndup(ms_api, (size_t)(dot - ms_api));
	char *out = tfms_asprintf("%s%s", spell_module(pl, module), dot);
	free(module);
	return out;
}

/* ---- Imports ---- */

static group_stat *group_of(planner *pl, int32_t group)
{
	return group >= 0 && (size_t)group < pl->ngroups ? &pl->groups[group]
							 : NULL;
}

/* A from-import of a symbol whose every use converts keeps its local name:
 * the import itself is rewritten (`from tensorflow import stop_gradient as
 * sg` -> `from mindspore.ops import stop_gradient as sg`). */
static void choose_import_rewrites(planner *pl)
{
	for (size_t i = 0; i < pl->a->nimports; i++) {
		const tfms_import *imp = &pl->a->imports[i];
		group_stat *g = group_of(pl, imp->group);
		if (!imp->api || !g || g->converted == 0 || g->remaining)
			continue;
		g->rewrite_import = true;
	}
	for (size_t i = 0; i < pl->a->nimports; i++) {
		const tfms_import *imp = &pl->a->imports[i];
		group_stat *g = group_of(pl, imp->group);
		if (!g || !g->rewrite_import)
			continue;
		const tfms_rule *r = tfms_ruleset_find(pl->rs, imp->api);
		bool ok = imp->api && !imp->module && imp->group_clean &&
			  !imp->in_error && r && r->ms_api &&
			  !r->has_ms_init_signature &&
			  is_type(imp->stmt, "import_from_statement");
		for (size_t j = 0; ok && j < pl->nd; j++) {
			const decision *d = &pl->d[j];
			if (d->use->group == imp->group &&
			    (!d->use->exact_binding || d->rule != r))
				ok = false;
		}
		if (!ok)
			g->rewrite_import = false;
	}
	for (size_t j = 0; j < pl->nd; j++) {
		group_stat *g = group_of(pl, pl->d[j].use->group);
		if (g && g->rewrite_import)
			pl->d[j].keep_callee = true;
	}
}

enum item_action { ITEM_KEEP, ITEM_REMOVE, ITEM_MOVE };

static enum item_action item_action(planner *pl, const tfms_import *imp)
{
	group_stat *g = group_of(pl, imp->group);
	if (!imp->api || !g || imp->in_error || g->converted == 0 ||
	    g->remaining)
		return ITEM_KEEP;
	return g->rewrite_import ? ITEM_MOVE : ITEM_REMOVE;
}

static char *moved_import(const planner *pl, const tfms_import *imp)
{
	const tfms_rule *r = tfms_ruleset_find(pl->rs, imp->api);
	const char *dot = strrchr(r->ms_api, '.');
	if (!dot)
		return tfms_asprintf("import %s", r->ms_api);
	if (strcmp(dot + 1, imp->name) == 0)
		return tfms_asprintf("from %.*s import %s",
				     (int)(dot - r->ms_api), r->ms_api,
				     imp->name);
	return tfms_asprintf("from %.*s import %s as %s",
			     (int)(dot - r->ms_api), r->ms_api, dot + 1,
			     imp->name);
}

static void plan_import_statements(planner *pl)
{
	const tfms_analysis *a = pl->a;
	bool *done = tfms_calloc(a->nimports + 1, sizeof(bool));
	for (size_t i = 0; i < a->nimports; i++) {
		if (done[i])
			continue;
		TSNode stmt = a->imports[i].stmt;
		size_t total = 0, changed = 0;
		tfms_buf moved = TFMS_BUF_INIT;
		char *indent =
			indentation_of(pl->src, ts_node_start_byte(stmt));
		bool own_line = starts_line(pl->src, ts_node_start_byte(stmt));
		const char *joiner = own_line ? pl->nl : "; ";
		for (size_t j = i; j < a->nimports; j++) {
			if (!ts_node_eq(a->imports[j].stmt, stmt))
				continue;
			done[j] = true;
			total++;
			enum item_action act = item_action(pl, &a->imports[j]);
			if (act == ITEM_KEEP)
				continue;
			changed++;
			if (act == ITEM_MOVE) {
				char *line = moved_import(pl, &a->imports[j]);
				if (moved.len) {
					tfms_buf_puts(&moved, joiner);
					if (own_line)
						tfms_buf_puts(&moved, indent);
				}
				tfms_buf_puts(&moved, line);
				free(line);
			}
		}
		const char *origin =
			a->imports[i].api ? a->imports[i].api : "import";
		/* The statement's own wildcard or unrecorded names keep it. */
		bool whole =
			changed == total && total > 0 &&
			(size_t)ts_node_named_child_count(stmt) ==
				total + (is_type(stmt, "import_from_statement")
						 ? 1
						 : 0);
		if (changed && whole) {
			replace_statement(pl, stmt,
					  moved.len ? moved.ptr : NULL, origin);
		} else if (changed) {
			TSNode *elems = tfms_calloc(total + 1, sizeof(TSNode));
			bool *gone = tfms_calloc(total + 1, sizeof(bool));
			size_t n = 0;
			for (size_t j = i; j < a->nimports; j++) {
				if (!ts_node_eq(a->imports[j].stmt, stmt))
					continue;
				elems[n] = a->imports[j].item;
				gone[n++] = item_action(pl, &a->imports[j]) !=
					    ITEM_KEEP;
			}
			delete_elements(&pl->out->edits, pl->src, stmt, elems,
					gone, n, origin);
			free(elems);
			free(gone);
			if (moved.len) {
				tfms_buf text = TFMS_BUF_INIT;
				tfms_buf_puts(&text, joiner);
				if (own_line)
					tfms_buf_puts(&text, indent);
				tfms_buf_puts(&text, moved.ptr);
				tfms_edits_add(&pl->out->edits,
					       ts_node_end_byte(stmt),
					       ts_node_end_byte(stmt), text.ptr,
					       origin);
				tfms_buf_dispose(&text);
			}
		}
		free(indent);
		tfms_buf_dispose(&moved);
	}
	free(done);
}

static int compare_lines(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	/* `import` lines before `from` lines, then alphabetical. */
	bool fx = x[0] == 'f', fy = y[0] == 'f';
	if (fx != fy)
		return fx ? 1 : -1;
	return strcmp(x, y);
}

static void plan_new_imports(planner *pl)
{
	tfms_array(char *) lines = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < pl->spellings.len; i++)
		if (pl->spellings.items[i].import_line)
			tfms_array_push(&lines,
					pl->spellings.items[i].import_line);
	if (!lines.len)
		return;
	tfms_sort(lines.items, lines.len, sizeof(char *), compare_lines);
	tfms_buf text = TFMS_BUF_INIT;
	for (size_t i = 0; i < lines.len; i++) {
		if (pl->a->insert_needs_newline || i > 0)
			tfms_buf_puts(&text, pl->nl);
		tfms_buf_puts(&text, lines.items[i]);
	}
	if (!pl->a->insert_needs_newline)
		tfms_buf_puts(&text, pl->nl);
	tfms_edits_add(&pl->out->edits, pl->a->insert_at, pl->a->insert_at,
		       text.ptr, "mindspore imports")
		->flags |= TFMS_EDIT_ADDS_STATEMENTS;
	tfms_buf_dispose(&text);
	tfms_array_free(&lines);
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
	pl.nl = src->crlf ? "\r\n" : "\n";

	const tfms_use **order = tfms_calloc(a->nuses + 1, sizeof(*order));
	for (size_t i = 0; i < a->nuses; i++)
		order[i] = &a->uses[i];
	tfms_sort(order, a->nuses, sizeof(*order), compare_uses);
	pl.d = tfms_calloc(a->nuses + 1, sizeof(decision));
	pl.nd = a->nuses;
	for (size_t i = 0; i < a->nuses; i++)
		pl.d[i].use = order[i];
	free(order);

	int32_t max_group = -1;
	for (size_t i = 0; i < a->nuses; i++)
		if (a->uses[i].group > max_group)
			max_group = a->uses[i].group;
	for (size_t i = 0; i < a->nimports; i++)
		if (a->imports[i].group > max_group)
			max_group = a->imports[i].group;
	pl.ngroups = (size_t)(max_group + 1);
	pl.groups = tfms_calloc(pl.ngroups + 1, sizeof(group_stat));

	for (size_t i = 0; i < pl.nd; i++) {
		decide(&pl, &pl.d[i]);
		group_stat *g = group_of(&pl, pl.d[i].use->group);
		if (g && pl.d[i].outcome == OUT_CONVERT)
			g->converted++;
		else if (g)
			g->remaining++;
	}
	choose_import_rewrites(&pl);

	for (size_t i = 0; i < pl.nd; i++) {
		decision *d = &pl.d[i];
		if (d->outcome == OUT_CONVERT) {
			if (!d->keep_callee) {
				char *name = spell_api(&pl, d->rule->ms_api);
				if (d->constructor) {
					char *full = tfms_asprintf(
						"%s%s", name, d->constructor);
					free(name);
					name = full;
				}
				tfms_edits_add(&out->edits, d->use->start,
					       d->use->end, name, d->rule->api);
				free(name);
			}
			for (size_t k = 0; k < d->arg_edits.len; k++) {
				tfms_edit *e = &d->arg_edits.items[k];
				tfms_edits_add(&out->edits, e->start, e->end,
					       e->text, d->rule->api);
			}
		}
		record(&pl, d);
		tfms_edits_dispose(&d->arg_edits);
		free(d->message);
		free(d->constructor);
	}
	plan_import_statements(&pl);
	plan_new_imports(&pl);

	for (size_t i = 0; i < pl.spellings.len; i++) {
		free(pl.spellings.items[i].module);
		free(pl.spellings.items[i].spelling);
		free(pl.spellings.items[i].import_line);
	}
	tfms_array_free(&pl.spellings);
	free(pl.groups);
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
