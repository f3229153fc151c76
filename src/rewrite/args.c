#include "tfms/args.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/pytext.h"

#include <stdlib.h>
#include <string.h>

/* An argument as the call gives it. */
typedef struct {
	TSNode node;  /* the whole argument */
	TSNode value; /* its expression */
	TSNode name;  /* keyword name, or null for positional */
	enum { ARG_POSITIONAL, ARG_KEYWORD, ARG_STAR, ARG_DOUBLE_STAR } kind;
	int tf_param; /* bound TF parameter */
	bool gone;    /* removed from the call */
} call_arg;

/* An argument as MindSpore will receive it. */
typedef struct {
	int ms_index;	 /* in the call (or, for init, constructor) signature */
	bool init;	 /* a primitive's constructor attribute */
	bool positional; /* emitted positionally */
	call_arg *src;	 /* the call's argument, or NULL for a default */
	const char *text; /* a default's text, when src is NULL */
} ms_arg;

/* One mapping's work, filled in step by step; tfms_args_map runs the
 * steps in order until one fails. */
typedef struct {
	const tfms_source *src;
	const tfms_analysis *a;
	const tfms_rule *r;
	const tfms_signature *tf, *ms;
	bool primitive;
	TSNode args;		   /* argument_list or generator_expression */
	tfms_array(call_arg) list; /* the call's arguments, in order */
	bool has_comment;	   /* among the arguments */
	bool *bound;		   /* per TF parameter */
	tfms_array(ms_arg) out;	   /* the MindSpore call's arguments */
	tfms_array(ms_arg) inits;  /* a primitive's constructor attributes */
	tfms_array(ms_arg) pos;	   /* positional ones, in MindSpore's order */
	tfms_args_result res;
} mapping;

static bool fail(mapping *m, char *reason)
{
	free(m->res.reason);
	m->res.reason = reason;
	return false;
}

static bool has_side_effects(TSNode n)
{
	switch (tfms_node_kind_of(n)) {
	case TFMS_NODE_CALL:
	case TFMS_NODE_AWAIT:
	case TFMS_NODE_YIELD:
	case TFMS_NODE_NAMED_EXPRESSION:
		return true;
	default:
		break;
	}
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++)
		if (has_side_effects(ts_node_named_child(n, i)))
			return true;
	return false;
}

static bool contains_use(const tfms_analysis *a, TSNode n)
{
	/* Uses are sorted and never nest: the first starting inside n
	 * decides. A scan per argument was quadratic (issue 13). */
	size_t start = ts_node_start_byte(n), end = ts_node_end_byte(n);
	size_t lo = 0, hi = a->nuses;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->uses[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->nuses && a->uses[lo].start < end &&
	       a->uses[lo].end <= end;
}

static const tfms_arg_rule *find_arg_rule(const tfms_rule *r, const char *p)
{
	for (size_t i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].tf_param, p) == 0)
			return &r->args[i];
	return NULL;
}

/* The argument's value can be moved or dropped: pure, no TF use inside. */
static bool movable(mapping *m, const call_arg *ca, const char *param)
{
	if (has_side_effects(ca->value))
		return fail(
			m, tfms_asprintf("argument '%s' has side effects (a "
					 "call); it cannot be moved or dropped "
					 "safely",
					 param));
	if (contains_use(m->a, ca->value))
		return fail(m, tfms_asprintf("argument '%s' uses TensorFlow "
					     "itself; port it by hand",
					     param));
	return true;
}

/* MindSpore primitives want shapes and permutations as constant tuples.
 * A tuple literal passes as it is and a list literal becomes one; a name
 * or any other expression could be a Tensor, so it is not converted. */
static bool tuple_literal(mapping *m, const call_arg *ca, const char *param)
{
	TSNode v = ca->value;
	if (tfms_node_is(v, TFMS_NODE_TUPLE))
		return true;
	if (!tfms_node_is(v, TFMS_NODE_LIST))
		return fail(m, tfms_asprintf("argument '%s' must be a tuple or "
					     "list literal: MindSpore needs a "
					     "constant tuple here",
					     param));
	size_t start = ts_node_start_byte(v), end = ts_node_end_byte(v);
	size_t n = tfms_pytext_named_count(v);
	tfms_edits_add(&m->res.edits, start, start + 1, "(", m->r->api);
	/* A one-element tuple needs its comma: (x,). */
	bool trailing_comma = false;
	for (uint32_t i = ts_node_child_count(v) - 1; i-- > 0;) {
		TSNode ch = ts_node_child(v, i);
		if (tfms_node_is(ch, TFMS_NODE_COMMENT))
			continue; /* [784,  # c\n] has its comma */
		trailing_comma = tfms_node_is(ch, TFMS_NODE_COMMA);
		break;
	}
	tfms_edits_add(&m->res.edits, end - 1, end,
		       n == 1 && !trailing_comma ? ",)" : ")", m->r->api);
	return true;
}

static int compare_ms_args(const void *a, const void *b)
{
	const ms_arg *x = a, *y = b;
	return (x->ms_index > y->ms_index) - (x->ms_index < y->ms_index);
}

/* ---- The steps ---- */

static void collect_arguments(mapping *m)
{
	if (tfms_node_is(m->args, TFMS_NODE_GENERATOR_EXPRESSION)) {
		call_arg *ca = tfms_array_add(&m->list);
		ca->node = ca->value = m->args;
		ca->tf_param = -1;
		return;
	}
	uint32_t count = ts_node_named_child_count(m->args);
	for (uint32_t i = 0; i < count; i++) {
		TSNode a = ts_node_named_child(m->args, i);
		call_arg ca;
		memset(&ca, 0, sizeof(ca));
		ca.node = ca.value = a;
		ca.kind = ARG_POSITIONAL;
		ca.tf_param = -1;
		/* A backslash continuation is a named extra, not an
		 * argument. */
		if (ts_node_is_extra(a) && !tfms_node_is(a, TFMS_NODE_COMMENT))
			continue;
		switch (tfms_node_kind_of(a)) {
		case TFMS_NODE_COMMENT:
			m->has_comment = true;
			continue;
		case TFMS_NODE_KEYWORD_ARGUMENT:
			ca.kind = ARG_KEYWORD;
			ca.name = ts_node_child_by_field_name(a, "name", 4);
			ca.value = ts_node_child_by_field_name(a, "value", 5);
			break;
		case TFMS_NODE_LIST_SPLAT:
			ca.kind = ARG_STAR;
			break;
		case TFMS_NODE_DICTIONARY_SPLAT:
			ca.kind = ARG_DOUBLE_STAR;
			break;
		default:
			break;
		}
		tfms_array_push(&m->list, ca);
	}
}

/* The TF parameter an argument fills, the way Python binds it, or -1. */
static int bind_one(mapping *m, const call_arg *ca, size_t *npos)
{
	const tfms_signature *tf = m->tf;
	if (ca->kind == ARG_STAR || ca->kind == ARG_DOUBLE_STAR) {
		fail(m, tfms_asprintf("%s arguments cannot be mapped: which "
				      "parameters they fill is known only at "
				      "run time",
				      ca->kind == ARG_STAR ? "*args"
							   : "**kwargs"));
		return -1;
	}
	if (ca->kind == ARG_POSITIONAL) {
		int p = tfms_signature_positional(tf, (*npos)++);
		if (p < 0 || tf->params[p].kind == TFMS_PARAM_VAR_POSITIONAL) {
			fail(m, tfms_asprintf("too many positional arguments "
					      "for %s",
					      m->r->api));
			return -1;
		}
		return p;
	}
	char *kw = tfms_pytext_node_text(m->src, ca->name);
	int p = tfms_signature_find(tf, kw);
	if (p < 0 || tf->params[p].kind == TFMS_PARAM_POSITIONAL_ONLY ||
	    tf->params[p].kind >= TFMS_PARAM_VAR_POSITIONAL) {
		fail(m, tfms_asprintf("unknown keyword argument '%s' for %s",
				      kw, m->r->api));
		p = -1;
	}
	free(kw);
	return p;
}

static bool bind_to_tf_signature(mapping *m)
{
	const tfms_signature *tf = m->tf;
	size_t npos = 0;
	for (size_t i = 0; i < m->list.len; i++) {
		call_arg *ca = &m->list.items[i];
		int p = bind_one(m, ca, &npos);
		if (p < 0)
			return false;
		if (m->bound[p])
			return fail(m,
				    tfms_asprintf("argument '%s' given twice",
						  tf->params[p].name));
		m->bound[p] = true;
		ca->tf_param = p;
	}
	for (size_t p = 0; p < tf->nparams; p++)
		if (!m->bound[p] && !tf->params[p].default_text &&
		    tf->params[p].kind < TFMS_PARAM_VAR_POSITIONAL)
			return fail(m, tfms_asprintf("missing required "
						     "argument '%s' of %s",
						     tf->params[p].name,
						     m->r->api));
	for (size_t p = 0; p < tf->nparams; p++) {
		const tfms_arg_rule *ar =
			find_arg_rule(m->r, tf->params[p].name);
		if (!m->bound[p] && ar && ar->must_give)
			return fail(m,
				    tfms_asprintf(
					    "argument '%s' must be given: %s",
					    tf->params[p].name,
					    ar->why ? ar->why
						    : "TF's default has no "
						      "MindSpore equivalent"));
	}
	return true;
}

/* What becomes of one argument: dropped, a constructor attribute, or an
 * argument of the MindSpore call. */
static bool apply_action(mapping *m, call_arg *ca)
{
	const tfms_param *tp = &m->tf->params[ca->tf_param];
	const tfms_arg_rule *ar = find_arg_rule(m->r, tp->name);
	if (ar && ar->only_default) {
		char *text = tfms_pytext_node_text(m->src, ca->value);
		bool is_default =
			tp->default_text && strcmp(text, tp->default_text) == 0;
		free(text);
		if (!is_default)
			return fail(m,
				    tfms_asprintf("argument '%s' is supported "
						  "only at its default (%s)",
						  tp->name,
						  tp->default_text
							  ? tp->default_text
							  : "left out"));
	}
	if (ar && (ar->action == TFMS_ARG_DROP || ar->only_default)) {
		if (!movable(m, ca, tp->name))
			return false;
		ca->gone = true;
		return true;
	}
	const char *target = ar ? ar->ms_param : tp->name;
	if (ar && ar->init) {
		if (!movable(m, ca, tp->name))
			return false;
		ms_arg init = {
			tfms_signature_find(&m->r->ms_init_signature, target),
			true, false, ca, NULL};
		tfms_array_push(&m->inits, init);
		ca->gone = true;
		return true;
	}
	int mi = tfms_signature_find(m->ms, target);
	if (mi < 0)
		return fail(m, tfms_asprintf("%s has no parameter '%s'",
					     m->r->ms_api, target));
	if (ar && ar->tuple && !tuple_literal(m, ca, tp->name))
		return false;
	ms_arg arg = {mi, false,
		      m->primitive || ca->kind == ARG_POSITIONAL ||
			      (ar && ar->positional),
		      ca, NULL};
	tfms_array_push(&m->out, arg);
	return true;
}

static bool apply_actions(mapping *m)
{
	for (size_t i = 0; i < m->list.len; i++)
		if (!apply_action(m, &m->list.items[i]))
			return false;
	return true;
}

/* TF defaults that MindSpore does not share are passed explicitly. */
static bool add_ms_defaults(mapping *m)
{
	const tfms_signature *tf = m->tf;
	for (size_t p = 0; p < tf->nparams; p++) {
		const tfms_arg_rule *ar =
			find_arg_rule(m->r, tf->params[p].name);
		if (m->bound[p] || !ar || !ar->default_text ||
		    ar->action == TFMS_ARG_DROP)
			continue;
		ms_arg arg = {0, ar->init, false, NULL, ar->default_text};
		if (ar->init) {
			arg.ms_index = tfms_signature_find(
				&m->r->ms_init_signature, ar->ms_param);
			tfms_array_push(&m->inits, arg);
		} else {
			arg.ms_index = tfms_signature_find(m->ms, ar->ms_param);
			arg.positional = m->primitive || ar->positional;
			tfms_array_push(&m->out, arg);
		}
	}
	return true;
}

/* Every required MindSpore parameter is given, and none twice. */
static bool check_ms_signature(mapping *m)
{
	const tfms_signature *ms = m->ms;
	bool *given = tfms_calloc(ms->nparams + 1, sizeof(bool));
	bool ok = true;
	for (size_t i = 0; ok && i < m->out.len; i++) {
		int mi = m->out.items[i].ms_index;
		if (given[mi])
			ok = fail(m,
				  tfms_asprintf(
					  "two arguments map to '%s' of %s",
					  ms->params[mi].name, m->r->ms_api));
		given[mi] = true;
	}
	for (size_t p = 0; ok && p < ms->nparams; p++)
		if (!given[p] && !ms->params[p].default_text &&
		    ms->params[p].kind < TFMS_PARAM_VAR_POSITIONAL)
			ok = fail(m, tfms_asprintf("%s needs argument '%s', "
						   "which the call does not "
						   "give",
						   m->r->ms_api,
						   ms->params[p].name));
	free(given);
	return ok;
}

/* The call's own order is kept where it already fits MindSpore's. */
static bool positionals_in_order(const mapping *m)
{
	size_t npositional = 0;
	bool keyword_seen = false;
	for (size_t i = 0; i < m->out.len; i++) {
		const ms_arg *arg = &m->out.items[i];
		if (!arg->positional) {
			keyword_seen = true;
			continue;
		}
		if (keyword_seen && arg->src)
			return false;
		if (tfms_signature_positional(m->ms, npositional) !=
		    arg->ms_index)
			return false;
		npositional++;
	}
	return true;
}

/* Positional arguments first, in MindSpore's order. */
static bool order_positionals(mapping *m)
{
	if (!positionals_in_order(m)) {
		/* Reorder by rewriting argument slots: only when nothing that
		 * moves can observe the order or carries an edit itself. */
		if (m->has_comment)
			return fail(m, tfms_asprintf(
					       "the arguments of %s must be "
					       "reordered, and comments among "
					       "them would be lost",
					       m->r->api));
		for (size_t i = 0; i < m->out.len; i++) {
			const call_arg *ca = m->out.items[i].src;
			if (ca &&
			    !movable(m, ca, m->tf->params[ca->tf_param].name))
				return false;
		}
	}
	for (size_t i = 0; i < m->out.len; i++)
		if (m->out.items[i].positional)
			tfms_array_push(&m->pos, m->out.items[i]);
	tfms_sort(m->pos.items, m->pos.len, sizeof(ms_arg), compare_ms_args);
	for (size_t k = 0; k < m->pos.len; k++) {
		int mi = m->pos.items[k].ms_index;
		if (tfms_signature_positional(m->ms, k) != mi)
			return fail(m,
				    tfms_asprintf("argument '%s' cannot be "
						  "passed positionally to %s",
						  m->ms->params[mi].name,
						  m->r->ms_api));
	}
	return true;
}

/* Puts arg into the source slot at, which held the call's argument at->
 * Adds no edit where the slot already says it. */
static void fill_slot(mapping *m, call_arg *at, const ms_arg *arg,
		      const char *emitted)
{
	const char *ms_name = m->ms->params[arg->ms_index].name;
	if (at == arg->src && arg->positional && at->kind == ARG_KEYWORD) {
		/* value stays; `kw=` goes */
		tfms_edits_add(&m->res.edits, ts_node_start_byte(at->node),
			       ts_node_start_byte(at->value), "", m->r->api);
	} else if (at == arg->src && !arg->positional) {
		char *kw = tfms_pytext_node_text(m->src, at->name);
		if (strcmp(kw, ms_name) != 0)
			tfms_edits_add(
				&m->res.edits, ts_node_start_byte(at->name),
				ts_node_end_byte(at->name), ms_name, m->r->api);
		free(kw);
	} else if (at != arg->src) {
		tfms_edits_add(&m->res.edits, ts_node_start_byte(at->node),
			       ts_node_end_byte(at->node), emitted, m->r->api);
	}
}

/* The source slots that hold arguments, in order, get the MindSpore
 * arguments in order; what does not fit is appended. */
static void fill_slots(mapping *m, tfms_buf *appended)
{
	tfms_array(call_arg *) slots = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < m->out.len; i++)
		if (m->out.items[i].src)
			tfms_array_push(&slots, m->out.items[i].src);
	size_t slot = 0;
	for (size_t k = 0; k < m->pos.len + m->out.len; k++) {
		const ms_arg *arg;
		if (k < m->pos.len) {
			arg = &m->pos.items[k];
		} else {
			arg = &m->out.items[k - m->pos.len];
			if (arg->positional)
				continue;
		}
		char *value = arg->src ? tfms_pytext_node_text(m->src,
							       arg->src->value)
				       : tfms_strdup(arg->text);
		char *emitted =
			arg->positional
				? tfms_strdup(value)
				: tfms_asprintf(
					  "%s=%s",
					  m->ms->params[arg->ms_index].name,
					  value);
		if (slot < slots.len) {
			fill_slot(m, slots.items[slot++], arg, emitted);
		} else {
			if (appended->len)
				tfms_buf_puts(appended, ", ");
			tfms_buf_puts(appended, emitted);
		}
		free(value);
		free(emitted);
	}
	tfms_array_free(&slots);
}

/* Removed arguments go a run at a time; appended ones follow the last
 * argument that stays (before any trailing comma). */
static bool emit_edits(mapping *m)
{
	tfms_buf appended = TFMS_BUF_INIT;
	fill_slots(m, &appended);
	size_t n = m->list.len;
	TSNode *elems = tfms_calloc(n + 1, sizeof(TSNode));
	bool *gone = tfms_calloc(n + 1, sizeof(bool));
	TSNode last_kept = {0};
	for (size_t i = 0; i < n; i++) {
		elems[i] = m->list.items[i].node;
		gone[i] = m->list.items[i].gone;
		if (!gone[i])
			last_kept = elems[i];
	}
	if (!tfms_node_is(m->args, TFMS_NODE_GENERATOR_EXPRESSION))
		tfms_pytext_delete_elements(&m->res.edits, m->src, m->args,
					    elems, gone, n, m->r->api);
	free(elems);
	free(gone);
	if (appended.len) {
		bool none = ts_node_is_null(last_kept);
		size_t at = none ? ts_node_start_byte(m->args) + 1
				 : ts_node_end_byte(last_kept);
		char *text = none ? tfms_strdup(appended.ptr)
				  : tfms_asprintf(", %s", appended.ptr);
		tfms_edits_add(&m->res.edits, at, at, text, m->r->api);
		free(text);
	}
	tfms_buf_dispose(&appended);
	return true;
}

/* A primitive's constructor attributes, in its signature's order. */
static bool build_constructor(mapping *m)
{
	if (!m->primitive)
		return true;
	const tfms_signature *init = &m->r->ms_init_signature;
	tfms_sort(m->inits.items, m->inits.len, sizeof(ms_arg),
		  compare_ms_args);
	tfms_buf ctor = TFMS_BUF_INIT;
	tfms_buf_putc(&ctor, '(');
	for (size_t i = 0; i < m->inits.len; i++) {
		const ms_arg *arg = &m->inits.items[i];
		char *value = arg->src ? tfms_pytext_node_text(m->src,
							       arg->src->value)
				       : tfms_strdup(arg->text);
		tfms_buf_printf(&ctor, "%s%s=%s", i ? ", " : "",
				init->params[arg->ms_index].name, value);
		free(value);
	}
	tfms_buf_putc(&ctor, ')');
	m->res.constructor = tfms_buf_detach(&ctor, NULL);
	return true;
}

static void mapping_dispose(mapping *m)
{
	tfms_array_free(&m->list);
	free(m->bound);
	tfms_array_free(&m->out);
	tfms_array_free(&m->inits);
	tfms_array_free(&m->pos);
	tfms_args_result_dispose(&m->res);
}

bool tfms_args_map(tfms_args_result *out, const tfms_source *src,
		   const tfms_analysis *analysis, const tfms_rule *rule,
		   TSNode call)
{
	mapping m;
	memset(&m, 0, sizeof(m));
	m.src = src;
	m.a = analysis;
	m.r = rule;
	m.tf = &rule->tf_signature;
	m.ms = &rule->ms_signature;
	m.primitive = rule->has_ms_init_signature;
	m.args = ts_node_child_by_field_name(call, "arguments", 9);
	m.bound = tfms_calloc(m.tf->nparams + 1, sizeof(bool));

	collect_arguments(&m);
	bool ok = bind_to_tf_signature(&m) && apply_actions(&m) &&
		  add_ms_defaults(&m) && check_ms_signature(&m) &&
		  order_positionals(&m) && emit_edits(&m) &&
		  build_constructor(&m);
	if (!ok)
		tfms_edits_dispose(&m.res.edits);
	*out = m.res;
	memset(&m.res, 0, sizeof(m.res));
	mapping_dispose(&m);
	return ok;
}

void tfms_args_result_dispose(tfms_args_result *result)
{
	if (!result)
		return;
	tfms_edits_dispose(&result->edits);
	free(result->constructor);
	free(result->reason);
	memset(result, 0, sizeof(*result));
}
