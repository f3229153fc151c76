/* memmem */
#define _GNU_SOURCE
#include "tfms/resolve.h"
#include "tfms/alloc.h"
#include "tfms/apiname.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- Fields, looked up once per process ---- */

enum field {
	F_NAME,
	F_VALUE,
	F_OBJECT,
	F_ATTRIBUTE,
	F_FUNCTION,
	F_ARGUMENTS,
	F_PARAMETERS,
	F_BODY,
	F_RETURN_TYPE,
	F_SUPERCLASSES,
	F_LEFT,
	F_RIGHT,
	F_TYPE,
	F_ALIAS,
	F_MODULE_NAME,
	F_DEFINITION,
	F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"name",	       "value",	       "object",      "attribute",
	"function",    "arguments",    "parameters",  "body",
	"return_type", "superclasses", "left",	      "right",
	"type",	       "alias",	       "module_name", "definition",
};

static TSFieldId field_ids[F_COUNT];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void init_tables(void)
{
	const TSLanguage *lang = tfms_python_language();
	for (int f = 0; f < F_COUNT; f++)
		field_ids[f] = ts_language_field_id_for_name(
			lang, field_names[f], (uint32_t)strlen(field_names[f]));
}

static TSNode field(TSNode n, enum field f)
{
	return ts_node_child_by_field_id(n, field_ids[f]);
}

/* An attribute's object and a call's function are always the first child;
 * ts_node_child(n, 0) is much cheaper than a field lookup on hot paths. */
static TSNode first_child(TSNode n)
{
	return ts_node_child(n, 0);
}

/* ---- Scopes and bindings ---- */

enum scope_kind { S_MODULE, S_FUNCTION, S_CLASS, S_COMPREHENSION };

typedef struct {
	enum scope_kind kind;
	uint32_t parent;
} scope_rec;

/* What one name means in one scope, over all its bindings there. Python
 * decides statically which scope a name belongs to; its value depends on
 * control flow, so a name bound both to TF and to something else is not
 * guessed. */
typedef struct {
	uint32_t scope;
	const char *name;
	uint32_t len;
	bool tf;       /* bound by a TF import */
	bool other;    /* bound by anything else */
	bool conflict; /* bound to two different TF names */
	bool global_decl, nonlocal_decl;
	bool module;
	uint32_t nbindings;
	const char *api; /* borrowed from the first TF import */
} entry;

/* A read of a name, with the context the traversal saw around it:
 * ts_node_parent walks down from the root in tree-sitter 0.20, so nothing
 * here is recomputed by climbing the tree afterwards. */
typedef struct {
	uint32_t scope;
	TSNode node;	   /* the identifier */
	TSNode chain;	   /* the longest attribute chain over it */
	TSNode call;	   /* the call whose callee chain is, or null */
	TSNode type_call;  /* isinstance/issubclass when chain is its type */
	TSNode value_call; /* the call whose arguments hold the bare name */
	bool type_context; /* annotation, base class, except clause */
	bool in_error;
} load;

#define NAME_APPEARS  1u
#define BUILTIN_COUNT 5

typedef struct {
	const char *name;
	uint32_t len;
	unsigned flags;
} name_slot;

struct tfms_name_set {
	name_slot *slots;
	size_t cap, count;
};

typedef struct {
	const char *text;
	tfms_array(scope_rec) scopes;
	tfms_array(entry) entries;
	int32_t *table; /* open addressing over entries */
	size_t table_cap;
	tfms_array(load) loads;
	tfms_array(tfms_import) imports;
	tfms_array(tfms_use) uses;
	tfms_array(TSNode) stack; /* ancestors of the node being visited */
	tfms_array(TSTreeCursor) cursors; /* one per depth */
	/* Every identifier inside an import statement that names TF (the
	 * only names a load can resolve to TF through) or MindSpore. */
	struct tfms_name_set candidates;
	/* Where candidate names occur in the text, ascending: a subtree
	 * holding none cannot bind or read them, and is not walked. */
	tfms_array(uint32_t) marks;
	TSNode root;
	size_t len;
	/* Per builtin name: -1 not looked up yet, else whether rebound. */
	signed char builtin_rebound[BUILTIN_COUNT];
	bool tree_has_error;
	bool error_base; /* inside an ERROR node */
	bool in_error;	 /* in a statement or header holding an error */
} ctx;

static uint64_t hash_name(uint32_t scope, const char *s, uint32_t len)
{
	uint64_t h = 1469598103934665603ull ^ scope;
	for (uint32_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void names_add(struct tfms_name_set *set, const char *name, uint32_t len,
		      unsigned flags)
{
	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		name_slot *slots = tfms_calloc(cap, sizeof(*slots));
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slots[i].name)
				continue;
			size_t j = hash_name(0, set->slots[i].name,
					     set->slots[i].len) &
				   (cap - 1);
			while (slots[j].name)
				j = (j + 1) & (cap - 1);
			slots[j] = set->slots[i];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	size_t j = hash_name(0, name, len) & (set->cap - 1);
	while (set->slots[j].name) {
		if (set->slots[j].len == len &&
		    memcmp(set->slots[j].name, name, len) == 0) {
			set->slots[j].flags |= flags;
			return;
		}
		j = (j + 1) & (set->cap - 1);
	}
	set->slots[j] = (name_slot){name, len, flags};
	set->count++;
}

static unsigned names_get(const struct tfms_name_set *set, const char *name,
			  uint32_t len)
{
	if (!set || !set->cap)
		return 0;
	size_t j = hash_name(0, name, len) & (set->cap - 1);
	while (set->slots[j].name) {
		if (set->slots[j].len == len &&
		    memcmp(set->slots[j].name, name, len) == 0)
			return set->slots[j].flags;
		j = (j + 1) & (set->cap - 1);
	}
	return 0;
}

static int32_t find_entry(const ctx *c, uint32_t scope, const char *name,
			  uint32_t len)
{
	if (!c->table_cap)
		return -1;
	size_t j = hash_name(scope, name, len) & (c->table_cap - 1);
	while (c->table[j] >= 0) {
		const entry *e = &c->entries.items[c->table[j]];
		if (e->scope == scope && e->len == len &&
		    memcmp(e->name, name, len) == 0)
			return c->table[j];
		j = (j + 1) & (c->table_cap - 1);
	}
	return -1;
}

static void table_insert(ctx *c, int32_t idx)
{
	const entry *e = &c->entries.items[idx];
	size_t j = hash_name(e->scope, e->name, e->len) & (c->table_cap - 1);
	while (c->table[j] >= 0)
		j = (j + 1) & (c->table_cap - 1);
	c->table[j] = idx;
}

static entry *get_entry(ctx *c, uint32_t scope, const char *name, uint32_t len)
{
	int32_t idx = find_entry(c, scope, name, len);
	if (idx >= 0)
		return &c->entries.items[idx];
	if ((c->entries.len + 1) * 2 > c->table_cap) {
		size_t cap = c->table_cap ? c->table_cap * 2 : 64;
		free(c->table);
		c->table = tfms_malloc(cap * sizeof(int32_t));
		memset(c->table, 0xff, cap * sizeof(int32_t));
		c->table_cap = cap;
		for (size_t i = 0; i < c->entries.len; i++)
			table_insert(c, (int32_t)i);
	}
	entry *e = tfms_array_add(&c->entries);
	e->scope = scope;
	e->name = name;
	e->len = len;
	table_insert(c, (int32_t)(c->entries.len - 1));
	return e;
}

static const char *node_text(const ctx *c, TSNode n, uint32_t *len)
{
	uint32_t start = ts_node_start_byte(n);
	*len = ts_node_end_byte(n) - start;
	return c->text + start;
}

static uint32_t push_scope(ctx *c, enum scope_kind kind, uint32_t parent)
{
	tfms_array_push(&c->scopes, ((scope_rec){kind, parent}));
	return (uint32_t)(c->scopes.len - 1);
}

/* Where a binding of name in scope lands: `global` sends it to the module,
 * `nonlocal` to the nearest enclosing function. */
static uint32_t binding_scope(const ctx *c, uint32_t s, const char *name,
			      uint32_t len)
{
	int32_t idx = find_entry(c, s, name, len);
	if (idx < 0)
		return s;
	const entry *e = &c->entries.items[idx];
	if (e->global_decl)
		return 0;
	if (e->nonlocal_decl) {
		uint32_t cur = c->scopes.items[s].parent;
		while (cur != 0 && c->scopes.items[cur].kind == S_CLASS)
			cur = c->scopes.items[cur].parent;
		return cur;
	}
	return s;
}

static void bind_other(ctx *c, uint32_t s, TSNode ident)
{
	uint32_t len;
	const char *name = node_text(c, ident, &len);
	entry *e = get_entry(c, binding_scope(c, s, name, len), name, len);
	e->other = true;
	e->nbindings++;
}

static load *add_load(ctx *c, uint32_t s, TSNode ident)
{
	load *l = tfms_array_add(&c->loads);
	l->scope = s;
	l->node = l->chain = ident;
	l->in_error = c->in_error;
	return l;
}

static TSNode ancestor(const ctx *c, size_t up)
{
	return up < c->stack.len ? c->stack.items[c->stack.len - 1 - up]
				 : (TSNode){0};
}

/* Index of n among the arguments of an argument_list, or -1. */
static int argument_index(TSNode args, TSNode n)
{
	uint32_t count = ts_node_named_child_count(args);
	int index = 0;
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(args, i);
		if (tfms_node_kind_of(ch) == TFMS_NODE_COMMENT)
			continue;
		if (ts_node_eq(ch, n))
			return index;
		index++;
	}
	return -1;
}

/* A name read inside an expression; the identifier is on top of the
 * ancestor stack. */
static void add_expression_load(ctx *c, uint32_t s, TSNode ident)
{
	uint32_t len;
	const char *name = node_text(c, ident, &len);
	if (!names_get(&c->candidates, name, len))
		return; /* it can never resolve to TF */
	load *l = add_load(c, s, ident);
	size_t up = 0;
	while (tfms_node_is(ancestor(c, up + 1), TFMS_NODE_ATTRIBUTE) &&
	       ts_node_eq(first_child(ancestor(c, up + 1)), ancestor(c, up)))
		up++;
	l->chain = ancestor(c, up);
	TSNode parent = ancestor(c, up + 1);
	if (tfms_node_is(parent, TFMS_NODE_CALL) &&
	    ts_node_eq(first_child(parent), l->chain))
		l->call = parent;
	if (up == 0 && tfms_node_is(parent, TFMS_NODE_ARGUMENT_LIST) &&
	    tfms_node_is(ancestor(c, up + 2), TFMS_NODE_CALL))
		l->value_call = ancestor(c, up + 2);

	/* Where Python expects a type: an annotation, a base class, an
	 * exception clause, isinstance/issubclass's second argument. */
	TSNode n = l->chain;
	size_t k = up + 1;
	while (tfms_node_is(ancestor(c, k), TFMS_NODE_TUPLE) ||
	       tfms_node_is(ancestor(c, k), TFMS_NODE_PARENTHESIZED_EXPRESSION))
		n = ancestor(c, k++);
	TSNode p = ancestor(c, k);
	if (ts_node_is_null(p))
		return;
	switch (tfms_node_kind_of(p)) {
	case TFMS_NODE_TYPE:
	case TFMS_NODE_EXCEPT_CLAUSE:
	case TFMS_NODE_EXCEPT_GROUP_CLAUSE:
		l->type_context = true;
		break;
	case TFMS_NODE_AS_PATTERN:
		l->type_context = tfms_node_is(ancestor(c, k + 1),
					       TFMS_NODE_EXCEPT_CLAUSE) &&
				  ts_node_eq(ts_node_named_child(p, 0), n);
		break;
	case TFMS_NODE_ARGUMENT_LIST: {
		TSNode gp = ancestor(c, k + 1);
		if (tfms_node_is(gp, TFMS_NODE_CLASS_DEFINITION))
			l->type_context = true;
		else if (tfms_node_is(gp, TFMS_NODE_CALL) &&
			 argument_index(p, n) == 1)
			l->type_call = gp;
		break;
	}
	default:
		break;
	}
}

static void visit(ctx *c, TSNode n, uint32_t s);

/* Children through a cursor per depth: ts_node_named_child(n, i) scans
 * from the first child, which made wide nodes (a module's statements, long
 * argument lists) quadratic. */
static void visit_children(ctx *c, TSNode n, uint32_t s)
{
	size_t depth = c->stack.len;
	while (c->cursors.len <= depth)
		tfms_array_push(&c->cursors, ts_tree_cursor_new(n));
	TSTreeCursor *cur = &c->cursors.items[depth];
	ts_tree_cursor_reset(cur, n);
	if (!ts_tree_cursor_goto_first_child(cur))
		return;
	do {
		TSNode ch = ts_tree_cursor_current_node(cur);
		if (ts_node_is_named(ch))
			visit(c, ch, s);
		/* visit() may have grown the array of cursors. */
		cur = &c->cursors.items[depth];
	} while (ts_tree_cursor_goto_next_sibling(cur));
}

static void bind_target(ctx *c, TSNode n, uint32_t s)
{
	switch (tfms_node_kind_of(n)) {
	case TFMS_NODE_IDENTIFIER:
		bind_other(c, s, n);
		break;
	case TFMS_NODE_PATTERN_LIST:
	case TFMS_NODE_TUPLE_PATTERN:
	case TFMS_NODE_LIST_PATTERN:
	case TFMS_NODE_TUPLE:
	case TFMS_NODE_LIST:
	case TFMS_NODE_PARENTHESIZED_EXPRESSION:
	case TFMS_NODE_LIST_SPLAT_PATTERN:
	case TFMS_NODE_LIST_SPLAT:
	case TFMS_NODE_AS_PATTERN_TARGET: {
		uint32_t count = ts_node_named_child_count(n);
		for (uint32_t i = 0; i < count; i++)
			bind_target(c, ts_node_named_child(n, i), s);
		break;
	}
	case TFMS_NODE_COMMENT:
		break;
	default:
		/* tf.x = ..., a[tf.y] = ...: the target reads names. */
		visit(c, n, s);
		break;
	}
}

/* Parameters bind in the new scope; their defaults and annotations are
 * evaluated in the enclosing one. */
static void visit_params(ctx *c, TSNode params, uint32_t outer, uint32_t inner)
{
	uint32_t count = ts_node_named_child_count(params);
	for (uint32_t i = 0; i < count; i++) {
		TSNode p = ts_node_named_child(params, i);
		switch (tfms_node_kind_of(p)) {
		case TFMS_NODE_IDENTIFIER:
			bind_other(c, inner, p);
			break;
		case TFMS_NODE_TUPLE_PATTERN:
			bind_target(c, p, inner);
			break;
		case TFMS_NODE_LIST_SPLAT_PATTERN:
		case TFMS_NODE_DICTIONARY_SPLAT_PATTERN:
		case TFMS_NODE_TYPED_PARAMETER:
		case TFMS_NODE_DEFAULT_PARAMETER:
		case TFMS_NODE_TYPED_DEFAULT_PARAMETER: {
			TSNode name = field(p, F_NAME);
			TSNode type = field(p, F_TYPE);
			TSNode value = field(p, F_VALUE);
			if (!ts_node_is_null(type))
				visit(c, type, outer);
			if (!ts_node_is_null(value))
				visit(c, value, outer);
			if (!ts_node_is_null(name)) {
				bind_target(c, name, inner);
				break;
			}
			/* *args / **kwargs / typed_parameter hold the name as
			 * an unnamed-field child. */
			uint32_t n = ts_node_named_child_count(p);
			for (uint32_t j = 0; j < n; j++) {
				TSNode ch = ts_node_named_child(p, j);
				if (ts_node_eq(ch, type))
					continue;
				if (tfms_node_kind_of(ch) ==
				    TFMS_NODE_IDENTIFIER)
					bind_other(c, inner, ch);
				else if (
					tfms_node_kind_of(ch) ==
						TFMS_NODE_LIST_SPLAT_PATTERN ||
					tfms_node_kind_of(ch) ==
						TFMS_NODE_DICTIONARY_SPLAT_PATTERN)
					bind_target(c,
						    ts_node_named_child(ch, 0),
						    inner);
			}
			break;
		}
		default:
			break;
		}
	}
}

/* Patterns of `case`: a bare name captures (binds); a dotted name is a
 * value pattern (reads its first name); `_` binds nothing. */
static void visit_pattern(ctx *c, TSNode n, uint32_t s)
{
	uint32_t count = ts_node_named_child_count(n);
	switch (tfms_node_kind_of(n)) {
	case TFMS_NODE_DOTTED_NAME: {
		TSNode first = ts_node_named_child(n, 0);
		uint32_t len;
		const char *name = node_text(c, first, &len);
		if (count == 1 && !(len == 1 && name[0] == '_'))
			bind_other(c, s, first);
		else if (count > 1)
			add_load(c, s, first);
		return;
	}
	case TFMS_NODE_IDENTIFIER:
	case TFMS_NODE_SPLAT_PATTERN: {
		TSNode id = tfms_node_kind_of(n) == TFMS_NODE_IDENTIFIER
				    ? n
				    : ts_node_named_child(n, 0);
		uint32_t len;
		if (ts_node_is_null(id))
			return;
		const char *name = node_text(c, id, &len);
		if (!(len == 1 && name[0] == '_'))
			bind_other(c, s, id);
		return;
	}
	case TFMS_NODE_CLASS_PATTERN:
		for (uint32_t i = 0; i < count; i++) {
			TSNode ch = ts_node_named_child(n, i);
			if (i == 0 &&
			    tfms_node_kind_of(ch) == TFMS_NODE_DOTTED_NAME)
				add_load(c, s, ts_node_named_child(ch, 0));
			else
				visit_pattern(c, ch, s);
		}
		return;
	case TFMS_NODE_KEYWORD_PATTERN:
		/* The first identifier names the attribute, not a variable. */
		for (uint32_t i = 1; i < count; i++)
			visit_pattern(c, ts_node_named_child(n, i), s);
		return;
	default:
		for (uint32_t i = 0; i < count; i++)
			visit_pattern(c, ts_node_named_child(n, i), s);
		return;
	}
}

static void visit_comprehension(ctx *c, TSNode n, uint32_t s)
{
	uint32_t q = push_scope(c, S_COMPREHENSION, s);
	bool first = true;
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (tfms_node_kind_of(ch) == TFMS_NODE_FOR_IN_CLAUSE) {
			/* The first iterable is evaluated in the enclosing
			 * scope; everything else in the comprehension's own. */
			TSNode right = field(ch, F_RIGHT);
			visit(c, right, first ? s : q);
			bind_target(c, field(ch, F_LEFT), q);
			first = false;
		} else {
			visit(c, ch, q);
		}
	}
}

static bool is_tf_api_root(const char *api)
{
	return strcmp(api, "tf") == 0 || strcmp(api, "tfp") == 0;
}

static void add_import(ctx *c, uint32_t s, TSNode stmt, TSNode item,
		       TSNode bound, const char *target, size_t target_len,
		       bool module)
{
	uint32_t len;
	const char *name = node_text(c, bound, &len);
	uint32_t bs = binding_scope(c, s, name, len);
	tfms_import *imp = tfms_array_add(&c->imports);
	imp->name = tfms_strndup(name, len);
	imp->target = tfms_strndup(target, target_len);
	imp->api = tfms_canonical_api(target, target_len);
	imp->module = module || (imp->api && is_tf_api_root(imp->api));
	imp->stmt = stmt;
	imp->item = item;
	imp->scope = bs;
	imp->in_error = c->in_error;
	entry *e = get_entry(c, bs, name, len);
	e->nbindings++;
	if (!imp->api) {
		e->other = true;
	} else if (e->tf && strcmp(e->api, imp->api) != 0) {
		e->conflict = true;
	} else if (!e->tf) {
		e->tf = true;
		e->api = imp->api;
		e->module = imp->module;
	}
}

static void visit_import(ctx *c, TSNode n, uint32_t s)
{
	bool from = tfms_node_kind_of(n) == TFMS_NODE_IMPORT_FROM_STATEMENT;
	TSNode module_name = from ? field(n, F_MODULE_NAME) : (TSNode){0};
	tfms_buf module = TFMS_BUF_INIT;
	if (from) {
		uint32_t len;
		const char *text = node_text(c, module_name, &len);
		/* Relative imports are the project's own modules. */
		if (tfms_node_kind_of(module_name) != TFMS_NODE_DOTTED_NAME)
			tfms_buf_putc(&module, '.');
		tfms_buf_put(&module, text, len);
	}
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode item = ts_node_named_child(n, i);
		if (from && ts_node_eq(item, module_name))
			continue;
		tfms_node_kind k = tfms_node_kind_of(item);
		if (k == TFMS_NODE_WILDCARD_IMPORT) {
			char *api = tfms_canonical_api(module.ptr, module.len);
			if (api) {
				tfms_use *use = tfms_array_add(&c->uses);
				use->api = tfms_asprintf("%s.*", api);
				use->chain = item;
				use->start = ts_node_start_byte(n);
				use->end = ts_node_end_byte(n);
				use->group = -1;
				use->in_error = c->in_error;
				use->dynamic =
					"star import: the names it brings "
					"in cannot be resolved; import "
					"them by name";
			}
			free(api);
			continue;
		}
		TSNode dotted = k == TFMS_NODE_ALIASED_IMPORT
					? field(item, F_NAME)
					: item;
		if (k != TFMS_NODE_ALIASED_IMPORT && k != TFMS_NODE_DOTTED_NAME)
			continue;
		uint32_t dlen;
		const char *dtext = node_text(c, dotted, &dlen);
		tfms_buf target = TFMS_BUF_INIT;
		if (from) {
			tfms_buf_put(&target, module.ptr, module.len);
			tfms_buf_putc(&target, '.');
		}
		TSNode bound;
		if (k == TFMS_NODE_ALIASED_IMPORT) {
			bound = field(item, F_ALIAS);
			tfms_buf_put(&target, dtext, dlen);
		} else if (from) {
			bound = ts_node_named_child(dotted, 0);
			tfms_buf_put(&target, dtext, dlen);
		} else {
			/* `import a.b.c` binds `a` to the package a. */
			bound = ts_node_named_child(dotted, 0);
			uint32_t blen;
			const char *btext = node_text(c, bound, &blen);
			tfms_buf_put(&target, btext, blen);
		}
		if (!ts_node_is_null(bound))
			add_import(c, s, n, item, bound, target.ptr, target.len,
				   !from);
		tfms_buf_dispose(&target);
	}
	tfms_buf_dispose(&module);
}

static void declare(ctx *c, TSNode n, uint32_t s, bool global)
{
	if (s == 0)
		return;
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode id = ts_node_named_child(n, i);
		if (tfms_node_kind_of(id) != TFMS_NODE_IDENTIFIER)
			continue;
		uint32_t len;
		const char *name = node_text(c, id, &len);
		entry *e = get_entry(c, s, name, len);
		if (global)
			e->global_decl = true;
		else
			e->nonlocal_decl = true;
	}
}

static uint32_t walrus_scope(const ctx *c, uint32_t s)
{
	while (s != 0 && c->scopes.items[s].kind == S_COMPREHENSION)
		s = c->scopes.items[s].parent;
	return s;
}

/* Whether a candidate name occurs in [start, end). */
static bool marked(const ctx *c, uint32_t start, uint32_t end)
{
	size_t lo = 0, hi = c->marks.len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->marks.items[mid] < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->marks.len && c->marks.items[lo] < end;
}

static bool is_clause_or_block(tfms_node_kind k)
{
	return k == TFMS_NODE_BLOCK || k == TFMS_NODE_ELSE_CLAUSE ||
	       k == TFMS_NODE_ELIF_CLAUSE || k == TFMS_NODE_EXCEPT_CLAUSE ||
	       k == TFMS_NODE_EXCEPT_GROUP_CLAUSE ||
	       k == TFMS_NODE_FINALLY_CLAUSE || k == TFMS_NODE_CASE_CLAUSE;
}

/* For a compound statement or clause: whether its header (the children
 * before and around its body) holds an error; -1 when n has no body. */
static int header_error(TSNode n)
{
	uint32_t count = ts_node_child_count(n);
	bool has_body = false, error = false;
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_child(n, i);
		tfms_node_kind k = tfms_node_kind_of(ch);
		if (k == TFMS_NODE_BLOCK)
			has_body = true;
		else if (!is_clause_or_block(k) &&
			 (ts_node_has_error(ch) || ts_node_is_missing(ch)))
			error = true;
	}
	return has_body ? error : -1;
}

static void visit_node(ctx *c, TSNode n, uint32_t s);

/* Syntax errors taint only their own statement, or the header of their
 * compound statement: the flags are set top-down as the walk descends. */
static void visit(ctx *c, TSNode n, uint32_t s)
{
	if (ts_node_is_null(n) ||
	    !marked(c, ts_node_start_byte(n), ts_node_end_byte(n)))
		return;
	bool saved_base = c->error_base, saved = c->in_error;
	if (c->tree_has_error) {
		tfms_node_kind k = tfms_node_kind_of(n);
		TSNode parent = ancestor(c, 0);
		if (k == TFMS_NODE_ERROR) {
			c->error_base = c->in_error = true;
		} else if (k == TFMS_NODE_BLOCK) {
			c->in_error = c->error_base;
		} else if (tfms_node_is(parent, TFMS_NODE_BLOCK) ||
			   tfms_node_is(parent, TFMS_NODE_MODULE) ||
			   is_clause_or_block(k)) {
			int header = header_error(n);
			c->in_error = c->error_base ||
				      (header < 0 ? ts_node_has_error(n)
						  : header == 1);
		}
	}
	tfms_array_push(&c->stack, n);
	visit_node(c, n, s);
	c->stack.len--;
	c->error_base = saved_base;
	c->in_error = saved;
}

static void visit_function(ctx *c, TSNode n, uint32_t s)
{
	bind_other(c, s, field(n, F_NAME));
	uint32_t f = push_scope(c, S_FUNCTION, s);
	visit_params(c, field(n, F_PARAMETERS), s, f);
	visit(c, field(n, F_RETURN_TYPE), s);
	visit(c, field(n, F_BODY), f);
}

static void visit_assignment(ctx *c, TSNode n, uint32_t s)
{
	TSNode left = field(n, F_LEFT), right = field(n, F_RIGHT);
	/* `except ImportError: tf = None` marks TF as optional; code
	 * that reaches tf.x then fails anyway, so it is no rebinding
	 * worth refusing the file for. */
	if (tfms_node_kind_of(left) == TFMS_NODE_IDENTIFIER &&
	    !ts_node_is_null(right) &&
	    tfms_node_kind_of(right) == TFMS_NODE_NONE) {
		uint32_t len;
		const char *name = node_text(c, left, &len);
		get_entry(c, binding_scope(c, s, name, len), name, len)
			->nbindings++;
	} else {
		bind_target(c, left, s);
	}
	visit(c, right, s);
	visit(c, field(n, F_TYPE), s);
}

static void visit_augmented_assignment(ctx *c, TSNode n, uint32_t s)
{
	TSNode left = field(n, F_LEFT);
	if (tfms_node_kind_of(left) == TFMS_NODE_IDENTIFIER) {
		add_load(c, s, left);
		bind_other(c, s, left);
	} else {
		visit(c, left, s);
	}
	visit(c, field(n, F_RIGHT), s);
}

static void visit_as_clause(ctx *c, TSNode n, uint32_t s)
{
	TSNode alias = field(n, F_ALIAS); /* Python 2: except E, e */
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (ts_node_eq(ch, alias)) {
			bind_target(c, ch, s);
		} else if (tfms_node_kind_of(ch) == TFMS_NODE_AS_PATTERN) {
			/* with x as y / except E as e */
			uint32_t m = ts_node_named_child_count(ch);
			for (uint32_t j = 0; j < m; j++) {
				TSNode part = ts_node_named_child(ch, j);
				if (tfms_node_kind_of(part) ==
				    TFMS_NODE_AS_PATTERN_TARGET)
					bind_target(c, part, s);
				else
					visit(c, part, s);
			}
		} else {
			visit(c, ch, s);
		}
	}
}

static void visit_delete(ctx *c, TSNode n, uint32_t s)
{
	/* `del tf` unbinds the name: it is no longer TF afterwards. */
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (tfms_node_kind_of(ch) == TFMS_NODE_IDENTIFIER)
			bind_other(c, s, ch);
		else
			bind_target(c, ch, s);
	}
}

static void visit_case_clause(ctx *c, TSNode n, uint32_t s)
{
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (tfms_node_kind_of(ch) == TFMS_NODE_CASE_PATTERN)
			visit_pattern(c, ch, s);
		else
			visit(c, ch, s);
	}
}

static void visit_node(ctx *c, TSNode n, uint32_t s)
{
	switch (tfms_node_kind_of(n)) {
	case TFMS_NODE_IDENTIFIER:
		add_expression_load(c, s, n);
		return;
	case TFMS_NODE_ATTRIBUTE:
		visit(c, first_child(n), s);
		return;
	case TFMS_NODE_KEYWORD_ARGUMENT:
		visit(c, field(n, F_VALUE), s);
		return;
	case TFMS_NODE_COMMENT:
		return;
	case TFMS_NODE_FUNCTION_DEFINITION:
		visit_function(c, n, s);
		return;
	case TFMS_NODE_LAMBDA: {
		uint32_t f = push_scope(c, S_FUNCTION, s);
		TSNode params = field(n, F_PARAMETERS);
		if (!ts_node_is_null(params))
			visit_params(c, params, s, f);
		visit(c, field(n, F_BODY), f);
		return;
	}
	case TFMS_NODE_CLASS_DEFINITION: {
		bind_other(c, s, field(n, F_NAME));
		visit(c, field(n, F_SUPERCLASSES), s);
		uint32_t k = push_scope(c, S_CLASS, s);
		visit(c, field(n, F_BODY), k);
		return;
	}
	case TFMS_NODE_LIST_COMPREHENSION:
	case TFMS_NODE_SET_COMPREHENSION:
	case TFMS_NODE_DICTIONARY_COMPREHENSION:
	case TFMS_NODE_GENERATOR_EXPRESSION:
		visit_comprehension(c, n, s);
		return;
	case TFMS_NODE_ASSIGNMENT:
		visit_assignment(c, n, s);
		return;
	case TFMS_NODE_AUGMENTED_ASSIGNMENT:
		visit_augmented_assignment(c, n, s);
		return;
	case TFMS_NODE_FOR_STATEMENT: {
		TSNode left = field(n, F_LEFT);
		uint32_t count = ts_node_named_child_count(n);
		bind_target(c, left, s);
		for (uint32_t i = 0; i < count; i++) {
			TSNode ch = ts_node_named_child(n, i);
			if (!ts_node_eq(ch, left))
				visit(c, ch, s);
		}
		return;
	}
	case TFMS_NODE_WITH_ITEM:
	case TFMS_NODE_EXCEPT_CLAUSE:
	case TFMS_NODE_EXCEPT_GROUP_CLAUSE:
		visit_as_clause(c, n, s);
		return;
	case TFMS_NODE_NAMED_EXPRESSION:
		bind_other(c, walrus_scope(c, s), field(n, F_NAME));
		visit(c, field(n, F_VALUE), s);
		return;
	case TFMS_NODE_IMPORT_STATEMENT:
	case TFMS_NODE_IMPORT_FROM_STATEMENT:
		visit_import(c, n, s);
		return;
	case TFMS_NODE_FUTURE_IMPORT_STATEMENT:
		return;
	case TFMS_NODE_GLOBAL_STATEMENT:
	case TFMS_NODE_NONLOCAL_STATEMENT:
		declare(c, n, s,
			tfms_node_kind_of(n) == TFMS_NODE_GLOBAL_STATEMENT);
		return;
	case TFMS_NODE_DELETE_STATEMENT:
		visit_delete(c, n, s);
		return;
	case TFMS_NODE_CASE_CLAUSE:
		visit_case_clause(c, n, s);
		return;
	default:
		visit_children(c, n, s);
		return;
	}
}

/* ---- From loads to uses ---- */

/* The entry a load of name in scope s reads, following Python: the scope
 * itself, then enclosing function scopes (class bodies are not visible from
 * nested scopes), then the module. -1 for builtins and unknown names. */
static int32_t lookup(const ctx *c, uint32_t s, const char *name, uint32_t len)
{
	uint32_t cur = s;
	for (bool first = true;; first = false) {
		const scope_rec *sc = &c->scopes.items[cur];
		if (first || sc->kind != S_CLASS) {
			int32_t idx = find_entry(c, cur, name, len);
			if (idx >= 0) {
				const entry *e = &c->entries.items[idx];
				if (e->global_decl)
					return find_entry(c, 0, name, len);
				if (!e->nonlocal_decl)
					return idx;
			}
		}
		if (cur == 0)
			return -1;
		cur = sc->parent;
	}
}

static bool is_name(const ctx *c, TSNode n, const char *name)
{
	if (ts_node_is_null(n) || tfms_node_kind_of(n) != TFMS_NODE_IDENTIFIER)
		return false;
	uint32_t len;
	const char *text = node_text(c, n, &len);
	return len == strlen(name) && memcmp(text, name, len) == 0;
}

static bool is_ident_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || (ch & 0x80);
}

/* Whether name occurs in the file as a Python name: not an attribute, not
 * a keyword argument's name, not text in a string or comment. With
 * skip_calls, `name(...)` does not count (a builtin being called). Found
 * from the text on demand: the walk skips what cannot concern TF. */
static bool name_occurs(TSNode root, const char *text, size_t len,
			const char *name, bool skip_calls)
{
	size_t n = strlen(name);
	for (const char *p = text, *end = text + len;
	     (p = memmem(p, (size_t)(end - p), name, n)); p += n) {
		if ((p > text && is_ident_char(p[-1])) ||
		    (p + n < end && is_ident_char(p[n])))
			continue;
		uint32_t at = (uint32_t)(p - text);
		TSNode id = ts_node_descendant_for_byte_range(root, at,
							      at + (uint32_t)n);
		if (tfms_node_kind_of(id) != TFMS_NODE_IDENTIFIER ||
		    ts_node_start_byte(id) != at)
			continue;
		TSNode parent = ts_node_parent(id);
		tfms_node_kind pk = ts_node_is_null(parent)
					    ? TFMS_NODE_OTHER
					    : tfms_node_kind_of(parent);
		if ((pk == TFMS_NODE_ATTRIBUTE &&
		     ts_node_eq(field(parent, F_ATTRIBUTE), id)) ||
		    (pk == TFMS_NODE_KEYWORD_ARGUMENT &&
		     ts_node_eq(field(parent, F_NAME), id)) ||
		    (skip_calls && pk == TFMS_NODE_CALL &&
		     ts_node_eq(field(parent, F_FUNCTION), id)))
			continue;
		return true;
	}
	return false;
}

static const char *const builtins[BUILTIN_COUNT] = {
	"isinstance", "issubclass", "getattr", "hasattr", "setattr",
};

/* A call of the builtin itself: the name is not rebound anywhere. */
static bool is_builtin_call(ctx *c, TSNode call, const char *name)
{
	if (!is_name(c, field(call, F_FUNCTION), name))
		return false;
	for (int i = 0; i < BUILTIN_COUNT; i++) {
		if (strcmp(builtins[i], name) != 0)
			continue;
		if (c->builtin_rebound[i] < 0)
			c->builtin_rebound[i] = name_occurs(c->root, c->text,
							    c->len, name, true);
		return !c->builtin_rebound[i];
	}
	return false;
}

static const char *value_use_reason(ctx *c, const load *l)
{
	if (!ts_node_is_null(l->value_call) &&
	    (is_builtin_call(c, l->value_call, "getattr") ||
	     is_builtin_call(c, l->value_call, "hasattr") ||
	     is_builtin_call(c, l->value_call, "setattr")))
		return "getattr on the TensorFlow module picks an API at run "
		       "time";
	return "the TensorFlow module is used as a value; the APIs reached "
	       "through it cannot be resolved";
}

/* Appends the attribute names from the identifier up to chain. */
static void put_chain(const ctx *c, tfms_buf *out, TSNode chain, TSNode ident)
{
	if (ts_node_eq(chain, ident))
		return;
	put_chain(c, out, first_child(chain), ident);
	uint32_t len;
	const char *attr = node_text(c, field(chain, F_ATTRIBUTE), &len);
	tfms_buf_putc(out, '.');
	tfms_buf_put(out, attr, len);
}

static void resolve_load(ctx *c, const load *l, int32_t idx)
{
	const entry *e = &c->entries.items[idx];
	tfms_buf api = TFMS_BUF_INIT;
	tfms_buf_puts(&api, e->api ? e->api : "tf");
	put_chain(c, &api, l->chain, l->node);

	tfms_use *use = tfms_array_add(&c->uses);
	use->api = tfms_canonical_api(api.ptr, api.len);
	if (!use->api)
		use->api = tfms_strndup(api.ptr, api.len);
	tfms_buf_dispose(&api);
	use->chain = l->chain;
	use->start = ts_node_start_byte(l->chain);
	use->end = ts_node_end_byte(l->chain);
	use->group = idx;
	use->exact_binding = ts_node_eq(l->chain, l->node);
	use->call = l->call;
	use->in_error = l->in_error;
	use->type_context = l->type_context ||
			    (!ts_node_is_null(l->type_call) &&
			     (is_builtin_call(c, l->type_call, "isinstance") ||
			      is_builtin_call(c, l->type_call, "issubclass")));
	if (e->other)
		use->dynamic = "the name is bound both to TensorFlow and to "
			       "something else in this scope";
	else if (e->conflict)
		use->dynamic = "the name is bound to different TensorFlow "
			       "modules in this scope";
	else if (is_tf_api_root(use->api) || (use->exact_binding && e->module))
		use->dynamic = value_use_reason(c, l);
}

/* ---- Candidate names ---- */

static void add_identifiers(ctx *c, TSNode n)
{
	if (tfms_node_kind_of(n) == TFMS_NODE_IDENTIFIER) {
		uint32_t len;
		const char *name = node_text(c, n, &len);
		names_add(&c->candidates, name, len, NAME_APPEARS);
		return;
	}
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++)
		add_identifiers(c, ts_node_named_child(n, i));
}

/* Every import of TF spells "tensorflow": find those statements from the
 * text, which is far cheaper than looking at every identifier. MindSpore
 * imports count too: their names decide how new code is spelled. */
static void find_candidates(ctx *c, const tfms_source *src)
{
	static const char *const needles[] = {"tensorflow", "mindspore"};
	const char *end = src->data + src->len;
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(needles[i]);
		for (const char *p = src->data;
		     (p = memmem(p, (size_t)(end - p), needles[i], n));
		     p += n) {
			uint32_t at = (uint32_t)(p - src->data);
			TSNode node = ts_node_descendant_for_byte_range(c->root,
									at, at);
			/* An import statement is a few levels up at most. */
			for (int up = 0; up < 6 && !ts_node_is_null(node);
			     up++) {
				tfms_node_kind k = tfms_node_kind_of(node);
				if (k == TFMS_NODE_IMPORT_STATEMENT ||
				    k == TFMS_NODE_IMPORT_FROM_STATEMENT) {
					add_identifiers(c, node);
					break;
				}
				if (k == TFMS_NODE_MODULE ||
				    k == TFMS_NODE_BLOCK)
					break;
				node = ts_node_parent(node);
			}
		}
	}
	if (!c->candidates.count)
		return;
	for (const char *p = src->data; p < end;) {
		if (!is_ident_char(*p) || (*p >= '0' && *p <= '9')) {
			p++;
			continue;
		}
		const char *start = p;
		while (p < end && is_ident_char(*p))
			p++;
		if (names_get(&c->candidates, start, (uint32_t)(p - start)))
			tfms_array_push(&c->marks,
					(uint32_t)(start - src->data));
	}
}

/* ---- Entry point ---- */

/* Uses in source order, so that whether a range holds one is a binary
 * search (args.c). */
static int compare_uses(const void *a, const void *b)
{
	const tfms_use *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

int tfms_analyze(tfms_analysis *out, tfms_python *py, const tfms_source *src)
{
	pthread_once(&tables_once, init_tables);
	memset(out, 0, sizeof(*out));
	out->tree = tfms_python_parse(py, src->data, src->len);
	if (!out->tree)
		return tfms_error_set("%s: the parser gave up", src->path);

	ctx c;
	memset(&c, 0, sizeof(c));
	c.text = src->data;
	c.len = src->len;
	c.root = ts_tree_root_node(out->tree);
	memset(c.builtin_rebound, -1, sizeof(c.builtin_rebound));
	c.tree_has_error = ts_node_has_error(c.root);
	find_candidates(&c, src);
	push_scope(&c, S_MODULE, 0);
	visit(&c, ts_tree_root_node(out->tree), 0);

	/* Only names bound to TF somewhere can resolve to TF. */
	struct tfms_name_set tf_names = {0};
	for (size_t i = 0; i < c.entries.len; i++)
		if (c.entries.items[i].tf)
			names_add(&tf_names, c.entries.items[i].name,
				  c.entries.items[i].len, NAME_APPEARS);
	for (size_t i = 0; tf_names.count && i < c.loads.len; i++) {
		const load *l = &c.loads.items[i];
		uint32_t len;
		const char *name = node_text(&c, l->node, &len);
		if (!names_get(&tf_names, name, len))
			continue;
		int32_t idx = lookup(&c, l->scope, name, len);
		if (idx >= 0 && c.entries.items[idx].tf)
			resolve_load(&c, l, idx);
	}
	free(tf_names.slots);

	for (size_t i = 0; i < c.imports.len; i++) {
		tfms_import *imp = &c.imports.items[i];
		int32_t idx = find_entry(&c, imp->scope, imp->name,
					 (uint32_t)strlen(imp->name));
		const entry *e = &c.entries.items[idx];
		imp->group = idx;
		imp->group_clean = e->tf && !e->other && !e->conflict;
		imp->sole = e->nbindings == 1;
	}

	tfms_sort(c.uses.items, c.uses.len, sizeof(tfms_use), compare_uses);
	out->uses = c.uses.items;
	out->nuses = c.uses.len;
	out->imports = c.imports.items;
	out->nimports = c.imports.len;
	out->text = src->data;
	out->len = src->len;

	free(c.candidates.slots);
	tfms_array_free(&c.marks);
	tfms_array_free(&c.stack);
	for (size_t i = 0; i < c.cursors.len; i++)
		ts_tree_cursor_delete(&c.cursors.items[i]);
	tfms_array_free(&c.cursors);
	tfms_array_free(&c.scopes);
	tfms_array_free(&c.entries);
	tfms_array_free(&c.loads);
	free(c.table);
	return 0;
}

void tfms_analysis_dispose(tfms_analysis *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nuses; i++)
		free(a->uses[i].api);
	free(a->uses);
	for (size_t i = 0; i < a->nimports; i++) {
		free(a->imports[i].name);
		free(a->imports[i].target);
		free(a->imports[i].api);
	}
	free(a->imports);
	if (a->tree)
		ts_tree_delete(a->tree);
	memset(a, 0, sizeof(*a));
}

bool tfms_analysis_name_taken(const tfms_analysis *a, const char *name)
{
	return name_occurs(ts_tree_root_node(a->tree), a->text, a->len, name,
			   false);
}
