/* memmem */
#define _GNU_SOURCE
#include "tfms/args.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/pytext.h"
#include "tfms/text.h"

#include <stdlib.h>
#include <string.h>

/* An argument as the call gives it. */
typedef struct {
	TSNode node;  /* the whole argument */
	TSNode value; /* its expression */
	TSNode name;  /* keyword name, or null for positional */
	enum { ARG_POSITIONAL, ARG_KEYWORD, ARG_STAR, ARG_DOUBLE_STAR } kind;
	int tf_param;	  /* bound TF parameter */
	bool gone;	  /* removed from the call */
	char *value_text; /* the value as MindSpore gets it, when it differs
			     from the source (owned) */
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
	const tfms_ruleset *rs;
	const tfms_rule *r;
	TSNode call;
	const tfms_signature *tf, *ms;
	bool primitive;
	TSNode args;		     /* argument_list or generator_expression */
	tfms_array(call_arg) list;   /* the call's arguments, in order */
	bool has_comment;	     /* among the arguments */
	bool *bound;		     /* per TF parameter */
	tfms_array(ms_arg) out;	     /* the MindSpore call's arguments */
	tfms_array(ms_arg) inits;    /* a primitive's constructor attributes */
	tfms_array(ms_arg) pos;	     /* positional ones, in MindSpore's order */
	tfms_array(char *) texts;    /* owned texts the ms_args borrow */
	tfms_buf note;		     /* conditions the reader must check */
	tfms_string_index **strings; /* the file's, made on first need */
	tfms_string_index *own_strings; /* when the caller keeps none */
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

/* The index of the first use starting at or after start: uses are
 * sorted by start. */
static size_t first_use_from(const tfms_analysis *a, size_t start)
{
	size_t lo = 0, hi = a->nuses;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->uses[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool contains_use(const tfms_analysis *a, TSNode n)
{
	/* Uses are sorted and never nest: the first starting inside n
	 * decides. A scan per argument was quadratic (issue 13). */
	size_t start = ts_node_start_byte(n), end = ts_node_end_byte(n);
	size_t lo = first_use_from(a, start);
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

/* ---- Constants and literals ---- */

typedef enum { LIT_NONE, LIT_INT, LIT_FLOAT, LIT_BOOL, LIT_NAME } lit_kind;

static bool type_is(TSNode n, const char *type)
{
	return strcmp(ts_node_type(n), type) == 0;
}

static lit_kind combine_numeric(lit_kind a, lit_kind b)
{
	if (a == LIT_NONE || b == LIT_NONE || a == LIT_BOOL || b == LIT_BOOL)
		return LIT_NONE;
	if (a == LIT_NAME || b == LIT_NAME)
		return LIT_NAME;
	return a == LIT_FLOAT || b == LIT_FLOAT ? LIT_FLOAT : LIT_INT;
}

/* What a constant expression is: an int or float literal, True/False,
 * unary +/- and arithmetic on them, in parentheses or not. With
 * names_ok, names, attributes and subscripts of them (no calls) count
 * too, as LIT_NAME: Python values whose type the tool cannot see. */
static lit_kind const_kind(TSNode n, bool names_ok)
{
	if (type_is(n, "integer"))
		return LIT_INT;
	if (type_is(n, "float"))
		return LIT_FLOAT;
	if (type_is(n, "true") || type_is(n, "false"))
		return LIT_BOOL;
	if (type_is(n, "parenthesized_expression") &&
	    ts_node_named_child_count(n) == 1)
		return const_kind(ts_node_named_child(n, 0), names_ok);
	if (type_is(n, "unary_operator")) {
		TSNode arg = ts_node_child_by_field_name(n, "argument", 8);
		TSNode op = ts_node_child(n, 0);
		lit_kind k = const_kind(arg, names_ok);
		if (type_is(op, "~"))
			return k == LIT_INT || k == LIT_NAME ? k : LIT_NONE;
		return k == LIT_BOOL ? LIT_NONE : k;
	}
	if (type_is(n, "binary_operator")) {
		TSNode op = ts_node_child_by_field_name(n, "operator", 8);
		lit_kind k = combine_numeric(
			const_kind(ts_node_child_by_field_name(n, "left", 4),
				   names_ok),
			const_kind(ts_node_child_by_field_name(n, "right", 5),
				   names_ok));
		if (k == LIT_INT && type_is(op, "/"))
			return LIT_FLOAT;
		if (type_is(op, "+") || type_is(op, "-") || type_is(op, "*") ||
		    type_is(op, "/") || type_is(op, "//") || type_is(op, "%") ||
		    type_is(op, "**"))
			return k;
		return LIT_NONE;
	}
	if (!names_ok)
		return LIT_NONE;
	if (type_is(n, "identifier"))
		return LIT_NAME;
	if (type_is(n, "attribute"))
		return const_kind(ts_node_child_by_field_name(n, "object", 6),
				  true) == LIT_NAME
			       ? LIT_NAME
			       : LIT_NONE;
	if (type_is(n, "subscript")) {
		TSNode value = ts_node_child_by_field_name(n, "value", 5);
		if (const_kind(value, true) != LIT_NAME)
			return LIT_NONE;
		uint32_t count = ts_node_named_child_count(n);
		for (uint32_t i = 1; i < count; i++)
			if (const_kind(ts_node_named_child(n, i), true) ==
			    LIT_NONE)
				return LIT_NONE;
		return LIT_NAME;
	}
	return LIT_NONE;
}

static bool is_display(TSNode n)
{
	return tfms_node_is(n, TFMS_NODE_LIST) ||
	       tfms_node_is(n, TFMS_NODE_TUPLE);
}

/* The dtype TF infers for a Python literal it converts to a tensor:
 * float32 if any element is a float, int32 if all are ints, bool for
 * bools; LIT_NONE when it cannot be told (mixed bools and numbers, names,
 * an empty list). */
static lit_kind tensor_literal_kind(TSNode n)
{
	if (!is_display(n))
		return const_kind(n, false);
	uint32_t count = ts_node_named_child_count(n);
	lit_kind k = LIT_NONE;
	size_t elems = 0;
	for (uint32_t i = 0; i < count; i++) {
		TSNode e = ts_node_named_child(n, i);
		if (ts_node_is_extra(e)) /* comments, backslashes */
			continue;
		lit_kind ek = tensor_literal_kind(e);
		if (ek == LIT_NONE)
			return LIT_NONE;
		if (elems++ == 0)
			k = ek;
		else if ((k == LIT_BOOL) != (ek == LIT_BOOL))
			return LIT_NONE;
		else if (ek == LIT_FLOAT)
			k = LIT_FLOAT;
	}
	return k;
}

/* A Python number, or a list/tuple display: what TF converts to a
 * tensor and a MindSpore Tensor-only input rejects. */
static bool is_tensor_literal(TSNode n)
{
	return is_display(n) || const_kind(n, false) != LIT_NONE;
}

static char *value_of(mapping *m, const call_arg *ca)
{
	return ca->value_text ? tfms_strdup(ca->value_text)
			      : tfms_pytext_node_text(m->src, ca->value);
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

/* MindSpore wants shapes, permutations and axes as constant tuples: a
 * tuple or list display whose every element is a constant expression
 * (a list display becomes a tuple). A name or attribute element is a
 * Python value the tool cannot see: it converts with a note; a call
 * (tf.shape(x)[0]) or anything else is computed at run time, so the call
 * is left with a finding naming it. With or-int, a bare int constant
 * passes too. */
static bool tuple_arg(mapping *m, call_arg *ca, const char *param,
		      const tfms_arg_rule *ar)
{
	TSNode v = ca->value;
	if (ar->tuple_mode == TFMS_TUPLE_OR_INT &&
	    const_kind(v, false) == LIT_INT)
		return true;
	if (!is_display(v))
		return fail(m, tfms_asprintf(
				       "argument '%s' must be a tuple or list "
				       "literal%s: MindSpore needs a constant "
				       "tuple here",
				       param,
				       ar->tuple_mode == TFMS_TUPLE_OR_INT
					       ? " or an int"
					       : ""));
	uint32_t count = ts_node_named_child_count(v);
	size_t n = 0;
	for (uint32_t i = 0; i < count; i++) {
		TSNode e = ts_node_named_child(v, i);
		if (ts_node_is_extra(e)) /* comments, backslashes */
			continue;
		n++;
		lit_kind k = const_kind(e, true);
		char *text = tfms_pytext_node_text(m->src, e);
		bool bad = k == LIT_NONE || k == LIT_BOOL || k == LIT_FLOAT ||
			   contains_use(m->a, e);
		if (bad) {
			bool ok = fail(
				m,
				tfms_asprintf("element '%s' of argument '%s' "
					      "is not a constant int: "
					      "MindSpore needs a tuple of "
					      "constants here",
					      text, param));
			free(text);
			return ok;
		}
		if (ar->tuple_mode == TFMS_TUPLE_SIZES && k == LIT_INT &&
		    type_is(e, "unary_operator") &&
		    type_is(ts_node_child(e, 0), "-")) {
			bool ok = fail(
				m,
				tfms_asprintf("element '%s' of argument '%s' "
					      "is negative: TF infers that "
					      "size from the others, while "
					      "MindSpore needs every size "
					      "(summing to the dimension)",
					      text, param));
			free(text);
			return ok;
		}
		if (k == LIT_NAME)
			tfms_buf_printf(&m->note,
					"%selement '%s' of '%s' must be a "
					"Python int, not a Tensor",
					m->note.len ? "; " : "", text, param);
		free(text);
	}
	if (tfms_node_is(v, TFMS_NODE_TUPLE))
		return true;
	/* The list's inside, as a tuple; a one-element tuple needs its
	 * comma: (x,). */
	size_t start = ts_node_start_byte(v), end = ts_node_end_byte(v);
	bool trailing_comma = false;
	for (uint32_t i = ts_node_child_count(v) - 1; i-- > 0;) {
		TSNode ch = ts_node_child(v, i);
		if (ts_node_is_extra(ch))
			continue; /* [784,  # c\n] has its comma */
		trailing_comma = tfms_node_is(ch, TFMS_NODE_COMMA);
		break;
	}
	free(ca->value_text);
	ca->value_text = tfms_asprintf("(%.*s%s)", (int)(end - start - 2),
				       m->src->data + start + 1,
				       n == 1 && !trailing_comma ? "," : "");
	return true;
}

/* An int constant; a one-element list or tuple display of one is
 * unwrapped (TF accepts axis=[1] where MindSpore wants 1). */
static bool int_arg(mapping *m, call_arg *ca, const char *param,
		    const tfms_arg_rule *ar)
{
	TSNode v = ca->value;
	if (is_display(v) && tfms_pytext_named_count(v) == 1) {
		TSNode e = ts_node_named_child(v, 0);
		for (uint32_t i = 1; ts_node_is_extra(e); i++)
			e = ts_node_named_child(v, i);
		if (const_kind(e, false) == LIT_INT) {
			free(ca->value_text);
			ca->value_text = tfms_pytext_node_text(m->src, e);
			v = e;
		}
	}
	if (const_kind(v, false) != LIT_INT)
		return fail(m, tfms_asprintf("argument '%s' must be an int "
					     "constant: MindSpore takes a "
					     "Python int here",
					     param));
	if (ar->int_mode == TFMS_INT_NONNEG && !type_is(v, "integer"))
		return fail(m, tfms_asprintf("argument '%s' must be a "
					     "non-negative int literal",
					     param));
	return true;
}

/* String literals compare by their value, whatever the quotes. */
static char *canonical_literal(const char *text)
{
	size_t n = strlen(text);
	if (n >= 2 && (text[0] == '\'' || text[0] == '"') &&
	    text[n - 1] == text[0])
		return tfms_asprintf("'%.*s'", (int)(n - 2), text + 1);
	return tfms_strdup(text);
}

static bool map_value(mapping *m, call_arg *ca, const char *param,
		      const tfms_arg_rule *ar)
{
	char *text = tfms_pytext_node_text(m->src, ca->value);
	char *given = canonical_literal(text);
	bool found = false;
	for (size_t i = 0; !found && i < ar->nvalues; i++) {
		char *from = canonical_literal(ar->values[i].from);
		if (strcmp(from, given) == 0) {
			char *to = canonical_literal(ar->values[i].to);
			/* the same value keeps its spelling */
			if (strcmp(to, given) != 0) {
				free(ca->value_text);
				ca->value_text = tfms_strdup(ar->values[i].to);
			}
			free(to);
			found = true;
		}
		free(from);
	}
	if (!found)
		fail(m, tfms_asprintf("argument '%s' is %s, which has no "
				      "MindSpore counterpart the rule knows",
				      param, text));
	free(text);
	free(given);
	return found;
}

/* mindspore.Tensor(<literal>, <dtype TF infers>), both names as the rules
 * spell them for the chosen release. With as_float32, TF converts the
 * value to the call's float32 dtype whatever the literal says
 * (tf.random_uniform([], 0, 1): minval 0 becomes 0.0). */
static bool wrap_tensor(mapping *m, call_arg *ca, const char *param,
			bool as_float32)
{
	lit_kind k = tensor_literal_kind(ca->value);
	if (as_float32 && k == LIT_BOOL)
		return fail(m, tfms_asprintf("argument '%s' is a bool, which "
					     "TF cannot convert to the call's "
					     "float32 dtype",
					     param));
	if (as_float32 && k == LIT_INT)
		k = LIT_FLOAT;
	const char *dtype_api = k == LIT_FLOAT	? "tf.dtypes.float32"
				: k == LIT_INT	? "tf.dtypes.int32"
				: k == LIT_BOOL ? "tf.dtypes.bool"
						: NULL;
	const char *dtype =
		dtype_api ? tfms_ruleset_ms_name(m->rs, dtype_api) : NULL;
	const char *tensor = tfms_ruleset_ms_name(m->rs, "tf.Tensor");
	if (!dtype_api)
		return fail(m, tfms_asprintf(
				       "argument '%s' is a literal whose dtype "
				       "the tool cannot infer, and MindSpore "
				       "needs a Tensor here",
				       param));
	if (!dtype || !tensor)
		return fail(m, tfms_asprintf("argument '%s' must become a "
					     "MindSpore Tensor, and the rules "
					     "do not name %s",
					     param,
					     dtype ? "tf.Tensor" : dtype_api));
	char *text = tfms_pytext_node_text(m->src, ca->value);
	free(ca->value_text);
	ca->value_text = tfms_asprintf("\x01%s\x02(%s, \x01%s\x02)", tensor,
				       text, dtype);
	free(text);
	return true;
}

/* Inputs TF converts to tensors: MindSpore's Tensor-only inputs get a
 * Tensor of the dtype TF infers. In a group of inputs that accept
 * numbers (tensor: scalar), TF infers the dtype from the first and
 * converts the others to it: a list literal converts only in first place,
 * and two numbers only when the first becomes a Tensor. */
static call_arg *bound_arg(mapping *m, size_t p)
{
	for (size_t i = 0; i < m->list.len; i++)
		if (m->list.items[i].tf_param == (int)p)
			return &m->list.items[i];
	return NULL;
}

static bool tensor_inputs(mapping *m)
{
	const tfms_signature *tf = m->tf;
	call_arg *first = NULL;
	const char *first_name = NULL;
	bool all_numbers = true;
	size_t nscalar = 0;
	for (size_t p = 0; p < tf->nparams; p++) {
		const tfms_arg_rule *ar =
			find_arg_rule(m->r, tf->params[p].name);
		call_arg *ca = m->bound[p] ? bound_arg(m, p) : NULL;
		if (!ar || !ca || ar->action == TFMS_ARG_DROP)
			continue;
		/* TF makes a string tensor of it (tf.equal(fmt, 'png'));
		 * MindSpore has none. */
		if (ar->tensor != TFMS_TENSOR_ANY &&
		    (tfms_node_is(ca->value, TFMS_NODE_STRING) ||
		     tfms_node_is(ca->value, TFMS_NODE_CONCATENATED_STRING)))
			return fail(
				m,
				tfms_asprintf("argument '%s' is a string, "
					      "which TF makes a string tensor; "
					      "MindSpore tensors hold numbers "
					      "and bools only",
					      tf->params[p].name));
		if (ar->tensor == TFMS_TENSOR_WRAP ||
		    ar->tensor == TFMS_TENSOR_FLOAT32) {
			if (is_tensor_literal(ca->value) &&
			    !wrap_tensor(m, ca, tf->params[p].name,
					 ar->tensor == TFMS_TENSOR_FLOAT32))
				return false;
			continue;
		}
		if (ar->tensor != TFMS_TENSOR_SCALAR)
			continue;
		bool number = !is_display(ca->value) &&
			      const_kind(ca->value, false) != LIT_NONE;
		all_numbers = all_numbers && number;
		if (nscalar++ == 0) {
			first = ca;
			first_name = tf->params[p].name;
			if (is_display(ca->value) &&
			    !wrap_tensor(m, ca, first_name, false))
				return false;
			continue;
		}
		if (is_display(ca->value))
			return fail(m,
				    tfms_asprintf(
					    "argument '%s' is a list literal, "
					    "which TF converts to the dtype of "
					    "'%s'; wrap it as mindspore.Tensor("
					    "..., dtype) by hand",
					    tf->params[p].name, first_name));
	}
	if (nscalar > 1 && all_numbers && first &&
	    !wrap_tensor(m, first, first_name, false))
		return false;
	return true;
}

/* The use whose chain is call's callee, or NULL. */
static const tfms_use *callee_use(const tfms_analysis *a, TSNode call)
{
	TSNode fn = ts_node_child_by_field_name(call, "function", 8);
	size_t start = ts_node_start_byte(fn), end = ts_node_end_byte(fn);
	size_t lo = first_use_from(a, start);
	for (; lo < a->nuses && a->uses[lo].start == start; lo++)
		if (a->uses[lo].end == end)
			return &a->uses[lo];
	return NULL;
}

static bool bind_to_tf_signature(mapping *m);
static void collect_arguments(mapping *m);
static void mapping_init(mapping *m, const tfms_source *src,
			 const tfms_analysis *analysis, const tfms_ruleset *rs,
			 const tfms_rule *rule, TSNode call);
static void mapping_dispose(mapping *m);

/* Whether call, a call of rule's API, binds to its TF signature and
 * leaves the `dtype` parameter out (when it has one). */
static bool leaves_dtype_out(const mapping *m, const tfms_rule *rule,
			     TSNode call)
{
	if (!rule->has_tf_signature)
		return false;
	int p = tfms_signature_find(&rule->tf_signature, "dtype");
	mapping inner;
	mapping_init(&inner, m->src, NULL, NULL, rule, call);
	collect_arguments(&inner);
	bool out = bind_to_tf_signature(&inner) && (p < 0 || !inner.bound[p]);
	mapping_dispose(&inner);
	return out;
}

/* float_from: what the value becomes must be a float32 Tensor the tool
 * can see. A literal qualifies when TF infers float32 for it (a float
 * element; `tensor: true` spells the dtype out); a call qualifies when
 * it calls a listed API (each defaults to float32 in TF and in its
 * MindSpore form) without a dtype, and the planner then converts it
 * with this call or neither. A name, attribute, lambda or other call
 * may hold a Python int (int64 in MindSpore), a callable or anything
 * else at run time; an int or bool tensor cannot be trained. */
static bool float_from(mapping *m, const call_arg *ca, const char *param,
		       const tfms_arg_rule *ar)
{
	TSNode v = ca->value;
	while (tfms_node_is(v, TFMS_NODE_PARENTHESIZED_EXPRESSION) &&
	       ts_node_named_child_count(v) == 1)
		v = ts_node_named_child(v, 0);
	if (is_tensor_literal(v) && tensor_literal_kind(v) == LIT_FLOAT)
		return true;
	if (tfms_node_is(v, TFMS_NODE_CALL) && m->a) {
		const tfms_use *u = callee_use(m->a, v);
		const tfms_rule *r =
			u ? tfms_ruleset_find(m->rs, u->api) : NULL;
		for (size_t i = 0; r && i < ar->nfloat_from; i++)
			if (strcmp(r->api, ar->float_from[i]) == 0 &&
			    leaves_dtype_out(m, r, v))
				return true;
	}
	tfms_buf list = TFMS_BUF_INIT;
	for (size_t i = 0; i < ar->nfloat_from; i++)
		tfms_buf_printf(&list, "%s%s", i ? ", " : "",
				ar->float_from[i]);
	bool ok = fail(m, tfms_asprintf("argument '%s' must be a float "
					"literal or a call of %s without "
					"dtype%s%s",
					param, list.ptr, ar->why ? ": " : "",
					ar->why ? ar->why : ""));
	tfms_buf_dispose(&list);
	return ok;
}

/* Graph names that are looked up: TF code finds ops by the name= it gave
 * them ("embeddings:0" for get_tensor_by_name, output_node_names for
 * freezing). MindSpore has no graph names, so where the file spells the
 * name as a string elsewhere (X, X:N or scope/X...), the reader is told. */
static void check_graph_name(mapping *m, const call_arg *ca)
{
	if (!tfms_node_is(ca->value, TFMS_NODE_STRING))
		return;
	char *lit = tfms_pytext_node_text(m->src, ca->value);
	size_t n = strlen(lit);
	if (n < 3 || (lit[0] != '\'' && lit[0] != '"') ||
	    lit[n - 1] != lit[0]) {
		free(lit);
		return;
	}
	const char *name = lit + 1;
	size_t len = n - 2;
	const char *data = m->src->data, *end = data + m->src->len;
	size_t self = ts_node_start_byte(ca->value) + 1;
	tfms_string_index **ix = m->strings ? m->strings : &m->own_strings;
	if (!*ix)
		tfms_string_index_new(ix, m->src);
	size_t nhits;
	const size_t *hits = tfms_string_index_find(*ix, name, len, &nhits);
	for (size_t h = 0; h < nhits; h++) {
		const char *hit = data + hits[h];
		if ((size_t)(hit - data) == self || hit + len >= end)
			continue;
		uint32_t line, column;
		tfms_source_position(m->src, (size_t)(hit - data), &line,
				     &column);
		tfms_buf_printf(
			&m->note,
			"%sthe graph name %s is looked up as a string at line "
			"%u; MindSpore has no graph names (parameters are "
			"named by Cell attribute, export uses "
			"mindspore.export of a Cell): port that lookup",
			m->note.len ? "; " : "", lit, line);
		break;
	}
	free(lit);
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

/* A value spelled through NumPy: np.float32 or numpy.float32, where the
 * file binds its first name with `import numpy as <name>` (or it is
 * `numpy`), or a name from-imported from numpy. The resolver records only
 * the imports of names that may reach TF, so the alias is looked for in
 * the text; any scope's import counts, as refusing is the safe side. TF
 * reads NumPy types as dtypes; mindspore.Tensor and the functions built
 * on it raise TypeError for anything but a mindspore dtype. */
static bool is_numpy_value(const mapping *m, TSNode n)
{
	bool attribute = false;
	while (tfms_node_is(n, TFMS_NODE_ATTRIBUTE)) {
		n = ts_node_child_by_field_name(n, "object", 6);
		attribute = true;
	}
	if (!type_is(n, "identifier"))
		return false;
	size_t len = ts_node_end_byte(n) - ts_node_start_byte(n);
	const char *name = m->src->data + ts_node_start_byte(n);
	for (size_t i = 0; i < m->a->nimports; i++) {
		const tfms_import *im = &m->a->imports[i];
		if (strlen(im->name) == len &&
		    memcmp(im->name, name, len) == 0 &&
		    (strcmp(im->target, "numpy") == 0 ||
		     strncmp(im->target, "numpy.", 6) == 0))
			return true;
	}
	if (!attribute)
		return false;
	if (len == 5 && memcmp(name, "numpy", 5) == 0)
		return true;
	const char *text = m->src->data, *end = text + m->src->len;
	for (const char *p = text;
	     (p = memmem(p, (size_t)(end - p), "numpy as ", 9)); p += 9) {
		const char *q = p + 9;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if ((p == text || !tfms_is_word_byte(p[-1])) &&
		    (size_t)(end - q) >= len && memcmp(q, name, len) == 0 &&
		    (q + len == end || !tfms_is_word_byte(q[len])))
			return true;
	}
	return false;
}

/* A list or tuple of Tensors: TF converts an element that is a Python
 * number or a nested list or tuple display (tf.stack([h, w, 0]),
 * tf.concat([x, [0]], 0)); MindSpore's Stack and Concat need every
 * element to be a Tensor. Other elements are values the tool cannot see
 * and pass. */
static bool tensors_arg(mapping *m, const call_arg *ca, const char *param)
{
	TSNode v = ca->value;
	if (!is_display(v))
		return true;
	uint32_t count = ts_node_named_child_count(v);
	for (uint32_t i = 0; i < count; i++) {
		TSNode e = ts_node_named_child(v, i);
		if (ts_node_is_extra(e))
			continue;
		if (!is_display(e) && const_kind(e, false) == LIT_NONE &&
		    !tfms_node_is(e, TFMS_NODE_STRING) &&
		    !tfms_node_is(e, TFMS_NODE_CONCATENATED_STRING))
			continue;
		char *text = tfms_pytext_node_text(m->src, e);
		bool ok = fail(
			m, tfms_asprintf("element '%s' of argument '%s' is a "
					 "Python value, which TF converts to "
					 "a tensor; MindSpore needs every "
					 "element to be a Tensor: wrap it as "
					 "mindspore.Tensor(..., dtype) by hand",
					 text, param));
		free(text);
		return ok;
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
			return fail(
				m, tfms_asprintf("argument '%s' is supported "
						 "only at its default (%s)%s%s",
						 tp->name,
						 tp->default_text
							 ? tp->default_text
							 : "left out",
						 ar->why ? ": " : "",
						 ar->why ? ar->why : ""));
	}
	if (ar && (ar->action == TFMS_ARG_DROP || ar->only_default)) {
		if (!movable(m, ca, tp->name))
			return false;
		if (strcmp(tp->name, "name") == 0)
			check_graph_name(m, ca);
		ca->gone = true;
		return true;
	}
	const char *target = ar ? ar->ms_param : tp->name;
	if (ar && ar->no_string &&
	    (tfms_node_is(ca->value, TFMS_NODE_STRING) ||
	     tfms_node_is(ca->value, TFMS_NODE_CONCATENATED_STRING))) {
		char *text = tfms_pytext_node_text(m->src, ca->value);
		bool ok =
			fail(m, tfms_asprintf("argument '%s' is the string %s, "
					      "which TF reads as a dtype name; "
					      "MindSpore wants the dtype "
					      "object (mindspore.float32, ...)",
					      tp->name, text));
		free(text);
		return ok;
	}
	if (ar && ar->no_string && is_numpy_value(m, ca->value)) {
		char *text = tfms_pytext_node_text(m->src, ca->value);
		bool ok = fail(m, tfms_asprintf("argument '%s' is the NumPy "
						"type %s, which TF reads as a "
						"dtype; MindSpore wants the "
						"dtype object (mindspore."
						"float32, ...)",
						tp->name, text));
		free(text);
		return ok;
	}
	if (ar && ar->tensors && !tensors_arg(m, ca, tp->name))
		return false;
	if (ar && ar->nonempty && is_display(ca->value) &&
	    tfms_pytext_named_count(ca->value) == 0)
		return fail(m, tfms_asprintf("argument '%s' is empty: TF then "
					     "reduces no dimension, MindSpore "
					     "all of them",
					     tp->name));
	if (ar && ar->check && const_kind(ca->value, false) == LIT_NONE &&
	    !is_display(ca->value))
		tfms_buf_printf(&m->note, "%s%s", m->note.len ? "; " : "",
				ar->check);
	if (ar && ar->nfloat_from && !float_from(m, ca, tp->name, ar))
		return false;
	if (ar && ar->int_mode && !int_arg(m, ca, tp->name, ar))
		return false;
	if (ar && ar->tuple_mode && !tuple_arg(m, ca, tp->name, ar))
		return false;
	if (ar && ar->nvalues && !map_value(m, ca, tp->name, ar))
		return false;
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

/* dtype_from: when the call gives some of the listed parameters and
 * every one it gives is a number or list literal, *out is the dtype TF
 * infers from them together (float32 when any is a float, int32 when all
 * are ints: tf.range(0, 10) is int32 in TF, int64 in MindSpore); NULL
 * when one is no literal. A string literal, or a mix the tool cannot
 * tell, is refused. */
static bool dtype_from_literals(mapping *m, const tfms_arg_rule *ar, char **out)
{
	*out = NULL;
	lit_kind kind = LIT_NONE;
	for (size_t i = 0; i < ar->ndtype_from; i++) {
		int p = tfms_signature_find(m->tf, ar->dtype_from[i]);
		call_arg *lit =
			p >= 0 && m->bound[p] ? bound_arg(m, (size_t)p) : NULL;
		if (!lit)
			continue;
		if (tfms_node_is(lit->value, TFMS_NODE_STRING) ||
		    tfms_node_is(lit->value, TFMS_NODE_CONCATENATED_STRING))
			return fail(m, tfms_asprintf(
					       "argument '%s' is a string: "
					       "MindSpore tensors hold numbers "
					       "and bools only",
					       ar->dtype_from[i]));
		if (!is_tensor_literal(lit->value))
			return true;
		lit_kind k = tensor_literal_kind(lit->value);
		if (k == LIT_NONE ||
		    (kind != LIT_NONE && (kind == LIT_BOOL) != (k == LIT_BOOL)))
			return fail(m, tfms_asprintf(
					       "the dtype TF infers from "
					       "argument '%s' cannot be told; "
					       "give dtype= by hand",
					       ar->dtype_from[i]));
		if (kind == LIT_NONE || k == LIT_FLOAT)
			kind = k;
	}
	const char *api = kind == LIT_FLOAT  ? "tf.dtypes.float32"
			  : kind == LIT_INT  ? "tf.dtypes.int32"
			  : kind == LIT_BOOL ? "tf.dtypes.bool"
					     : NULL;
	const char *dtype = api ? tfms_ruleset_ms_name(m->rs, api) : NULL;
	if (api && !dtype)
		return fail(m,
			    tfms_asprintf("the dtype TF infers from argument "
					  "'%s' cannot be told; give dtype= "
					  "by hand",
					  ar->dtype_from[0]));
	if (dtype)
		*out = tfms_asprintf("\x01%s\x02", dtype);
	return true;
}

/* TF defaults that MindSpore does not share are passed explicitly. */
static bool add_ms_defaults(mapping *m)
{
	const tfms_signature *tf = m->tf;
	for (size_t p = 0; p < tf->nparams; p++) {
		const tfms_arg_rule *ar =
			find_arg_rule(m->r, tf->params[p].name);
		if (m->bound[p] || !ar || ar->action == TFMS_ARG_DROP)
			continue;
		const char *text = ar->default_text;
		/* TF computes this default from another argument
		 * (tf.gather: axis = batch_dims). */
		int from = ar->default_from
				   ? tfms_signature_find(tf, ar->default_from)
				   : -1;
		call_arg *src = from >= 0 && m->bound[from]
					? bound_arg(m, (size_t)from)
					: NULL;
		/* TF infers the dtype from literal values (int32 for ints,
		 * where MindSpore would pick int64): say it. */
		char *inferred = NULL;
		if (ar->ndtype_from && !dtype_from_literals(m, ar, &inferred))
			return false;
		if (inferred) {
			tfms_array_push(&m->texts, inferred);
			text = inferred;
		}
		if (src) {
			if (!movable(m, src, ar->default_from))
				return false;
			char *v = value_of(m, src);
			tfms_array_push(&m->texts, v);
			text = v;
		}
		if (!text)
			continue;
		ms_arg arg = {0, ar->init, false, NULL, text};
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
	for (size_t i = 0; i < m->r->nextra; i++) {
		const tfms_extra_arg *e = &m->r->extra[i];
		ms_arg arg = {tfms_signature_find(m->ms, e->ms_param), false,
			      m->primitive || e->positional, NULL, e->text};
		tfms_array_push(&m->out, arg);
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
		int want = tfms_signature_positional(m->ms, k);
		/* A skipped slot (reduce_sum(x, keepdims=True)) gets
		 * MindSpore's default: ops.sum(x, None, True). */
		if (want >= 0 && mi > want &&
		    m->ms->params[want].default_text) {
			ms_arg filler = {want, false, true, NULL,
					 m->ms->params[want].default_text};
			tfms_array_push(&m->pos, filler);
			memmove(&m->pos.items[k + 1], &m->pos.items[k],
				(m->pos.len - 1 - k) * sizeof(ms_arg));
			m->pos.items[k] = filler;
			continue;
		}
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
	if (at == arg->src && at->value_text)
		tfms_edits_add(&m->res.edits, ts_node_start_byte(at->value),
			       ts_node_end_byte(at->value), at->value_text,
			       m->r->api);
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
		char *value = arg->src ? value_of(m, arg->src)
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
	if (m->r->result) {
		size_t end = ts_node_end_byte(m->call);
		tfms_edits_add(&m->res.edits, end, end, m->r->result,
			       m->r->api);
	}
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
		char *value = arg->src ? value_of(m, arg->src)
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
	for (size_t i = 0; i < m->list.len; i++)
		free(m->list.items[i].value_text);
	for (size_t i = 0; i < m->texts.len; i++)
		free(m->texts.items[i]);
	tfms_array_free(&m->texts);
	tfms_buf_dispose(&m->note);
	tfms_array_free(&m->list);
	free(m->bound);
	tfms_array_free(&m->out);
	tfms_array_free(&m->inits);
	tfms_array_free(&m->pos);
	tfms_string_index_free(m->own_strings);
	tfms_args_result_dispose(&m->res);
}

static void mapping_init(mapping *m, const tfms_source *src,
			 const tfms_analysis *analysis, const tfms_ruleset *rs,
			 const tfms_rule *rule, TSNode call)
{
	memset(m, 0, sizeof(*m));
	m->src = src;
	m->a = analysis;
	m->rs = rs;
	m->r = rule;
	m->call = call;
	m->tf = &rule->tf_signature;
	m->ms = &rule->ms_signature;
	m->primitive = rule->has_ms_init_signature;
	m->args = ts_node_child_by_field_name(call, "arguments", 9);
	m->bound = tfms_calloc(m->tf->nparams + 1, sizeof(bool));
	tfms_buf_init(&m->note);
}

bool tfms_args_map(tfms_args_result *out, const tfms_source *src,
		   const tfms_analysis *analysis, const tfms_ruleset *rs,
		   const tfms_rule *rule, TSNode call,
		   tfms_string_index **strings)
{
	mapping m;
	mapping_init(&m, src, analysis, rs, rule, call);
	m.strings = strings;
	collect_arguments(&m);
	bool ok = bind_to_tf_signature(&m) && tensor_inputs(&m) &&
		  apply_actions(&m) && add_ms_defaults(&m) &&
		  check_ms_signature(&m) && order_positionals(&m) &&
		  emit_edits(&m) && build_constructor(&m);
	if (!ok)
		tfms_edits_dispose(&m.res.edits);
	else if (m.note.len)
		m.res.note = tfms_buf_detach(&m.note, NULL);
	*out = m.res;
	memset(&m.res, 0, sizeof(m.res));
	mapping_dispose(&m);
	return ok;
}

bool tfms_args_when(const tfms_source *src, const tfms_rule *rule, TSNode call)
{
	if (rule->when == TFMS_WHEN_ALWAYS)
		return true;
	mapping m;
	mapping_init(&m, src, NULL, NULL, rule, call);
	collect_arguments(&m);
	bool match = true;
	if (bind_to_tf_signature(&m)) {
		for (size_t i = 0; match && i < rule->nwhen_params; i++) {
			int p = tfms_signature_find(m.tf, rule->when_params[i]);
			call_arg *ca = p >= 0 && m.bound[p]
					       ? bound_arg(&m, (size_t)p)
					       : NULL;
			switch (rule->when) {
			case TFMS_WHEN_INT_LITERAL:
				match = ca &&
					const_kind(ca->value, false) == LIT_INT;
				break;
			case TFMS_WHEN_LIST_LITERAL:
				match = ca && is_display(ca->value);
				break;
			case TFMS_WHEN_GIVEN:
				match = ca != NULL;
				break;
			default:
				match = ca == NULL;
				break;
			}
		}
	}
	mapping_dispose(&m);
	return match;
}

void tfms_args_result_dispose(tfms_args_result *result)
{
	if (!result)
		return;
	tfms_edits_dispose(&result->edits);
	free(result->constructor);
	free(result->reason);
	free(result->note);
	memset(result, 0, sizeof(*result));
}
