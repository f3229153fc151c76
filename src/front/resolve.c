/* memmem */
#define _GNU_SOURCE
#include "tfms/resolve.h"
#include "tfms/alloc.h"
#include "tfms/apiname.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/hash.h"
#include "tfms/text.h"

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
	TSNode body; /* a class's block */
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
	uint32_t npending; /* alias bindings not resolved yet */
	/* In a class body: where the first binding takes effect (the end of
	 * its statement); a read before it sees the module's name. */
	uint32_t first_bind;
	const char *api; /* borrowed from the first TF import */
	const char *dyn; /* why its TF meaning is not static, or NULL */
	bool assigned;	 /* bound to TF by an assignment (an alias) */
} entry;

/* `name = value` where value is a chain of names (`tf.keras.backend`):
 * what the name means is what the value means, once that is known. */
typedef struct {
	uint32_t scope; /* where the value is evaluated */
	int32_t target; /* the entry bound */
	TSNode value;	/* identifier or attribute chain */
	TSNode root;	/* the identifier the chain starts with */
	bool done;
} alias_rec;

/* A star import of a module outside the scanned project. */
typedef struct {
	TSNode stmt;
	char *module; /* as written; owned */
	bool in_error;
} external_star;

/* One step of the iterative walk: entering a node, or leaving it. */
typedef struct {
	TSNode node;
	uint32_t scope;
	bool leave;
	bool saved_base, saved_in_error;
} work_item;

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
	TSNode arg_call;   /* the call the chain is a direct argument of */
	bool type_context; /* annotation, base class, except clause */
	bool in_error;
	bool alias;	      /* the root of an alias's value */
	int32_t alias_target; /* then: the entry the alias binds */
} load;

#define NAME_APPEARS  1u
#define NAME_CLASSES  65536u
#define BUILTIN_COUNT 5

typedef struct {
	const char *name;
	uint32_t len;
	unsigned flags;
} name_slot;

struct tfms_name_set {
	name_slot *slots;
	size_t cap, count;
	/* A bit per (first byte, last byte, length) class of the names in
	 * the set: most identifiers of a file are no candidate, and this
	 * turns them away before they are hashed. */
	uint64_t classes[NAME_CLASSES / 64];
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
	tfms_array(work_item) work;
	TSTreeCursor cursor;
	bool has_cursor;
	tfms_array(alias_rec) aliases;
	tfms_array(external_star) external_stars;
	tfms_array(char *) owned; /* strings entries borrow */
	const tfms_resolve_env *env;
	/* Every identifier is a candidate: alias chains were too long to
	 * discover round by round. */
	bool all_names;
	bool grew;	   /* the walk made a new candidate name */
	bool star_marks;   /* the `*` of star imports are marked too */
	unsigned nesting;  /* nested visit() calls */
	bool too_deep;	   /* ... more than MAX_NESTING */
	int32_t all_entry; /* __all__'s module entry, or -1 */
	bool all_literal;  /* its one binding is a literal list of strings */
	tfms_array(char *) all_names_list;
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
	return tfms_hash_bytes(s, len, scope);
}

static uint32_t name_class(const char *name, uint32_t len)
{
	if (!len)
		return 0;
	uint32_t first = (unsigned char)name[0],
		 last = (unsigned char)name[len - 1];
	return (first * 131u + last * 17u + len) & (NAME_CLASSES - 1);
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
	uint32_t k = name_class(name, len);
	set->classes[k / 64] |= (uint64_t)1 << (k % 64);
}

static unsigned names_get(const struct tfms_name_set *set, const char *name,
			  uint32_t len)
{
	if (!set || !set->cap)
		return 0;
	uint32_t k = name_class(name, len);
	if (!(set->classes[k / 64] & ((uint64_t)1 << (k % 64))))
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
	e->first_bind = UINT32_MAX;
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
	tfms_array_push(&c->scopes,
			((scope_rec){.kind = kind, .parent = parent}));
	return (uint32_t)(c->scopes.len - 1);
}

static TSNode ancestor(const ctx *c, size_t up)
{
	return up < c->stack.len ? c->stack.items[c->stack.len - 1 - up]
				 : (TSNode){0};
}

/* Whether a load of name could resolve to TF: only names bound by a TF
 * import, an alias or a project module's export can. */
static bool is_candidate(const ctx *c, const char *name, uint32_t len)
{
	return c->all_names || names_get(&c->candidates, name, len);
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

/* Counts one more binding of e, made by ident (or a statement around
 * it). A class body reads a name from the module until its own binding
 * takes effect: after the value of an assignment, else after the name. */
static void note_binding(ctx *c, entry *e, TSNode ident)
{
	e->nbindings++;
	TSNode top = ancestor(c, 0);
	uint32_t at = tfms_node_is(top, TFMS_NODE_ASSIGNMENT)
			      ? ts_node_end_byte(top)
			      : ts_node_end_byte(ident);
	if (at < e->first_bind)
		e->first_bind = at;
}

static void bind_other(ctx *c, uint32_t s, TSNode ident)
{
	uint32_t len;
	const char *name = node_text(c, ident, &len);
	entry *e = get_entry(c, binding_scope(c, s, name, len), name, len);
	e->other = true;
	note_binding(c, e, ident);
}

static load *add_load(ctx *c, uint32_t s, TSNode ident)
{
	load *l = tfms_array_add(&c->loads);
	l->scope = s;
	l->node = l->chain = ident;
	l->in_error = c->in_error;
	return l;
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
	if (!is_candidate(c, name, len))
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
	if (tfms_node_is(parent, TFMS_NODE_ARGUMENT_LIST) &&
	    tfms_node_is(ancestor(c, up + 2), TFMS_NODE_CALL)) {
		l->arg_call = ancestor(c, up + 2);
		if (up == 0)
			l->value_call = l->arg_call;
	}
	if (tfms_node_is(parent, TFMS_NODE_KEYWORD_ARGUMENT) &&
	    ts_node_eq(field(parent, F_VALUE), l->chain) &&
	    tfms_node_is(ancestor(c, up + 2), TFMS_NODE_ARGUMENT_LIST) &&
	    tfms_node_is(ancestor(c, up + 3), TFMS_NODE_CALL))
		l->arg_call = ancestor(c, up + 3);

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
static bool marked(const ctx *c, uint32_t start, uint32_t end);
static bool is_name(const ctx *c, TSNode n, const char *name);

static void push_work(ctx *c, TSNode n, uint32_t s)
{
	if (!ts_node_is_null(n) &&
	    marked(c, ts_node_start_byte(n), ts_node_end_byte(n)))
		tfms_array_push(&c->work,
				((work_item){n, s, false, false, false}));
}

/* Schedules n's named children, first child on top. Through a cursor:
 * ts_node_named_child(n, i) scans from the first child, which made wide
 * nodes (a module's statements, long argument lists) quadratic. */
static void push_children(ctx *c, TSNode n, uint32_t s)
{
	if (!c->has_cursor) {
		c->cursor = ts_tree_cursor_new(n);
		c->has_cursor = true;
	}
	ts_tree_cursor_reset(&c->cursor, n);
	if (!ts_tree_cursor_goto_first_child(&c->cursor))
		return;
	size_t first = c->work.len;
	do {
		TSNode ch = ts_tree_cursor_current_node(&c->cursor);
		if (ts_node_is_named(ch))
			push_work(c, ch, s);
	} while (ts_tree_cursor_goto_next_sibling(&c->cursor));
	for (size_t i = first, j = c->work.len; i + 1 < j; i++, j--) {
		work_item t = c->work.items[i];
		c->work.items[i] = c->work.items[j - 1];
		c->work.items[j - 1] = t;
	}
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

/* One more TF binding of e. */
static void bind_tf(entry *e, const char *api, bool module, const char *dyn)
{
	if (e->tf && strcmp(e->api, api) != 0) {
		e->conflict = true;
	} else if (!e->tf) {
		e->tf = true;
		e->api = api;
		e->module = module;
	}
	if (dyn && !e->dyn)
		e->dyn = dyn;
}

/* A name imported from a module of the project: what that module binds
 * it to, when TF. */
static const tfms_export *find_export(const tfms_module_exports *m,
				      const char *name, uint32_t len)
{
	for (size_t i = 0; m && i < m->len; i++)
		if (strlen(m->items[i].name) == len &&
		    memcmp(m->items[i].name, name, len) == 0)
			return &m->items[i];
	return NULL;
}

/* inj: what a project module exports under the imported name, or NULL. */
static void add_import(ctx *c, uint32_t s, TSNode stmt, TSNode item,
		       TSNode bound, const char *target, size_t target_len,
		       bool module, const tfms_export *inj)
{
	uint32_t len;
	const char *name = node_text(c, bound, &len);
	uint32_t bs = binding_scope(c, s, name, len);
	tfms_import *imp = tfms_array_add(&c->imports);
	imp->name = tfms_strndup(name, len);
	imp->target = tfms_strndup(target, target_len);
	imp->api = inj ? NULL : tfms_canonical_api(target, target_len);
	imp->module = module || (imp->api && is_tf_api_root(imp->api));
	imp->stmt = stmt;
	imp->item = item;
	imp->scope = bs;
	imp->in_error = c->in_error;
	entry *e = get_entry(c, bs, name, len);
	note_binding(c, e, bound);
	/* The project's import statement stays whatever happens to the uses
	 * (it may bring in more than TF): its record has no api. */
	if (inj)
		bind_tf(e, inj->api, inj->module, inj->dynamic);
	else if (!imp->api)
		e->other = true;
	else
		bind_tf(e, imp->api, imp->module, NULL);
}

static void add_module_use(ctx *c, TSNode stmt, TSNode item, const char *module,
			   size_t len, const char *why)
{
	tfms_use *use = tfms_array_add(&c->uses);
	use->api = tfms_asprintf("%.*s.*", (int)len, module);
	use->chain = item;
	use->start = ts_node_start_byte(stmt);
	use->end = ts_node_end_byte(stmt);
	use->group = -1;
	use->in_error = c->in_error;
	use->dynamic = why;
}

/* `from m import *` of a project module: every name it exports to a star
 * import. Python allows star imports at module level only. */
static void bind_star(ctx *c, uint32_t s, TSNode item,
		      const tfms_module_exports *m)
{
	for (size_t i = 0; i < m->len; i++) {
		const tfms_export *x = &m->items[i];
		if (!x->star)
			continue;
		uint32_t len = (uint32_t)strlen(x->name);
		entry *e = get_entry(c, binding_scope(c, s, x->name, len),
				     x->name, len);
		note_binding(c, e, item);
		bind_tf(e, x->api, x->module,
			x->dynamic ? x->dynamic : m->star_dynamic);
	}
}

/* The text of a dotted name (or a relative module's dots and name) as
 * Python reads it: the blanks and line continuations its tokens may have
 * between them dropped (`tensorflow . \<newline> contrib`). */
static void put_dotted(tfms_buf *out, const ctx *c, TSNode node)
{
	uint32_t len;
	const char *text = node_text(c, node, &len);
	for (uint32_t i = 0; i < len; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\\' &&
		    text[i] != '\n' && text[i] != '\r' && text[i] != '\f')
			tfms_buf_putc(out, text[i]);
}

static void visit_import(ctx *c, TSNode n, uint32_t s)
{
	bool from = tfms_node_kind_of(n) == TFMS_NODE_IMPORT_FROM_STATEMENT;
	TSNode module_name = from ? field(n, F_MODULE_NAME) : (TSNode){0};
	tfms_buf module = TFMS_BUF_INIT;
	const tfms_module_exports *project = NULL;
	tfms_buf name = TFMS_BUF_INIT;
	if (from) {
		put_dotted(&name, c, module_name);
		const char *text = name.ptr;
		size_t len = name.len;
		/* Relative imports are the project's own modules. */
		unsigned level = 0;
		const char *dotted = text;
		size_t dotted_len = len;
		if (tfms_node_kind_of(module_name) != TFMS_NODE_DOTTED_NAME) {
			tfms_buf_putc(&module, '.');
			while (dotted_len && *dotted == '.') {
				level++;
				dotted++;
				dotted_len--;
			}
		}
		tfms_buf_put(&module, text, len);
		char *api = tfms_canonical_api(module.ptr, module.len);
		if (!api && c->env)
			project = c->env->find_module(c->env, level, dotted,
						      dotted_len);
		free(api);
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
				add_module_use(c, n, item, api, strlen(api),
					       "star import: the names it "
					       "brings in cannot be resolved; "
					       "import them by name");
			} else if (project) {
				bind_star(c, s, item, project);
				if (project->star_dynamic)
					add_module_use(c, n, item, module.ptr,
						       module.len,
						       project->star_dynamic);
			} else {
				external_star *x =
					tfms_array_add(&c->external_stars);
				x->stmt = n;
				x->module =
					tfms_strndup(module.ptr, module.len);
				x->in_error = c->in_error;
			}
			free(api);
			continue;
		}
		TSNode dotted = k == TFMS_NODE_ALIASED_IMPORT
					? field(item, F_NAME)
					: item;
		if (k != TFMS_NODE_ALIASED_IMPORT && k != TFMS_NODE_DOTTED_NAME)
			continue;
		tfms_buf_clear(&name);
		put_dotted(&name, c, dotted);
		const char *dtext = name.ptr;
		size_t dlen = name.len;
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
		const tfms_export *inj =
			project ? find_export(project, dtext, dlen) : NULL;
		if (!ts_node_is_null(bound))
			add_import(c, s, n, item, bound, target.ptr, target.len,
				   !from, inj);
		tfms_buf_dispose(&target);
	}
	tfms_buf_dispose(&module);
	tfms_buf_dispose(&name);
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
	if (c->all_names)
		return true;
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

/* Nested visit() calls (definitions, lambdas, assignments, clauses in
 * clauses): each costs stack, so a file nested deeper is refused. Plain
 * expressions (operators, calls, attributes, brackets) are walked with
 * an explicit stack and cost none. */
#define MAX_NESTING 2000

/* Enters n: syntax errors taint only their own statement, or the header
 * of their compound statement: the flags are set top-down as the walk
 * descends, and restored when it leaves n. */
static void enter(ctx *c, TSNode n, uint32_t s)
{
	tfms_array_push(&c->work,
			((work_item){n, s, true, c->error_base, c->in_error}));
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
}

static void visit(ctx *c, TSNode n, uint32_t s)
{
	if (ts_node_is_null(n) ||
	    !marked(c, ts_node_start_byte(n), ts_node_end_byte(n)))
		return;
	if (c->nesting >= MAX_NESTING) {
		c->too_deep = true;
		return;
	}
	c->nesting++;
	size_t base = c->work.len;
	push_work(c, n, s);
	while (c->work.len > base) {
		work_item w = c->work.items[--c->work.len];
		if (w.leave) {
			c->stack.len--;
			c->error_base = w.saved_base;
			c->in_error = w.saved_in_error;
		} else {
			enter(c, w.node, w.scope);
		}
	}
	c->nesting--;
}

static void visit_function(ctx *c, TSNode n, uint32_t s)
{
	bind_other(c, s, field(n, F_NAME));
	uint32_t f = push_scope(c, S_FUNCTION, s);
	visit_params(c, field(n, F_PARAMETERS), s, f);
	visit(c, field(n, F_RETURN_TYPE), s);
	visit(c, field(n, F_BODY), f);
}

/* A chain of names (`tf`, `tf.keras.backend`); *root is its first. */
static bool name_chain(TSNode n, TSNode *root)
{
	while (tfms_node_is(n, TFMS_NODE_ATTRIBUTE)) {
		if (!tfms_node_is(field(n, F_ATTRIBUTE), TFMS_NODE_IDENTIFIER))
			return false;
		n = first_child(n);
	}
	if (!tfms_node_is(n, TFMS_NODE_IDENTIFIER))
		return false;
	*root = n;
	return true;
}

/* ident = value, where value is a chain of names. Only a chain starting
 * with a candidate can mean TF; its name becomes a candidate too, and a
 * walk that made new candidates is done again (tfms_analyze_in). */
static void bind_alias(ctx *c, uint32_t s, TSNode ident, TSNode value,
		       TSNode root)
{
	uint32_t len, rlen;
	const char *name = node_text(c, ident, &len);
	const char *rname = node_text(c, root, &rlen);
	if (!is_candidate(c, rname, rlen)) {
		bind_other(c, s, ident);
		return;
	}
	if (!is_candidate(c, name, len)) {
		names_add(&c->candidates, name, len, NAME_APPEARS);
		c->grew = true;
	}
	entry *e = get_entry(c, binding_scope(c, s, name, len), name, len);
	note_binding(c, e, ident);
	e->npending++;
	alias_rec *a = tfms_array_add(&c->aliases);
	a->scope = s;
	a->target = (int32_t)(e - c->entries.items);
	a->value = value;
	a->root = root;
}

static bool is_target_sequence(TSNode n)
{
	tfms_node_kind k = tfms_node_kind_of(n);
	return k == TFMS_NODE_PATTERN_LIST || k == TFMS_NODE_TUPLE_PATTERN ||
	       k == TFMS_NODE_LIST_PATTERN || k == TFMS_NODE_TUPLE ||
	       k == TFMS_NODE_LIST;
}

static bool is_value_sequence(TSNode n)
{
	tfms_node_kind k = tfms_node_kind_of(n);
	return k == TFMS_NODE_TUPLE || k == TFMS_NODE_LIST ||
	       (!ts_node_is_null(n) &&
		strcmp(ts_node_type(n), "expression_list") == 0);
}

/* The named children of n but comments. */
static uint32_t items_of(TSNode n, TSNode *out, uint32_t max)
{
	uint32_t count = ts_node_named_child_count(n), k = 0;
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(n, i);
		if (tfms_node_kind_of(ch) == TFMS_NODE_COMMENT)
			continue;
		if (k == max)
			return max + 1;
		out[k++] = ch;
	}
	return k;
}

/* Binds left = value when it makes aliases: a name and a chain, or
 * `a, b = tf.x, tf.y` (the value is built before any name is bound, so
 * each name takes its own item); false when left is something else. */
static bool bind_aliases(ctx *c, uint32_t s, TSNode left, TSNode value)
{
	TSNode root;
	if (tfms_node_is(left, TFMS_NODE_IDENTIFIER)) {
		if (!name_chain(value, &root))
			return false;
		bind_alias(c, s, left, value, root);
		return true;
	}
	enum { MAX_ITEMS = 64 };
	TSNode names[MAX_ITEMS], values[MAX_ITEMS];
	if (!is_target_sequence(left) || !is_value_sequence(value))
		return false;
	uint32_t n = items_of(left, names, MAX_ITEMS);
	if (n > MAX_ITEMS || items_of(value, values, MAX_ITEMS) != n)
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (!tfms_node_is(names[i], TFMS_NODE_IDENTIFIER))
			return false;
	for (uint32_t i = 0; i < n; i++) {
		if (name_chain(values[i], &root))
			bind_alias(c, s, names[i], values[i], root);
		else
			bind_other(c, s, names[i]);
	}
	return true;
}

/* `__all__ = ["a", "b"]`: a list or tuple of plain string literals. */
static bool literal_all(ctx *c, TSNode value)
{
	tfms_node_kind k = tfms_node_kind_of(value);
	if (k != TFMS_NODE_LIST && k != TFMS_NODE_TUPLE)
		return false;
	uint32_t count = ts_node_named_child_count(value);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(value, i);
		if (tfms_node_is(ch, TFMS_NODE_COMMENT))
			continue;
		uint32_t len;
		const char *t = node_text(c, ch, &len);
		if (!tfms_node_is(ch, TFMS_NODE_STRING) || len < 2 ||
		    (t[0] != '"' && t[0] != '\'') || t[len - 1] != t[0] ||
		    (len >= 6 && t[1] == t[0] && t[2] == t[0]))
			return false;
		for (uint32_t j = 1; j + 1 < len; j++)
			if (!tfms_is_word_byte(t[j]))
				return false;
		tfms_array_push(&c->all_names_list,
				tfms_strndup(t + 1, len - 2));
	}
	return true;
}

static void visit_assignment(ctx *c, TSNode n, uint32_t s)
{
	TSNode left = field(n, F_LEFT), right = field(n, F_RIGHT);
	/* a = b = value: every target gets the innermost value. */
	TSNode value = right;
	while (tfms_node_is(value, TFMS_NODE_ASSIGNMENT))
		value = field(value, F_RIGHT);
	size_t first_alias = c->aliases.len, first_load = c->loads.len;
	/* `except ImportError: tf = None` marks TF as optional; code
	 * that reaches tf.x then fails anyway, so it is no rebinding
	 * worth refusing the file for. */
	if (tfms_node_kind_of(left) == TFMS_NODE_IDENTIFIER &&
	    !ts_node_is_null(right) &&
	    tfms_node_kind_of(right) == TFMS_NODE_NONE) {
		uint32_t len;
		const char *name = node_text(c, left, &len);
		note_binding(
			c,
			get_entry(c, binding_scope(c, s, name, len), name, len),
			left);
	} else if (binding_scope(c, s, "__all__", 7) == 0 &&
		   is_name(c, left, "__all__")) {
		bind_other(c, s, left);
		if (c->all_entry < 0)
			c->all_literal = literal_all(c, right);
		c->all_entry = find_entry(c, 0, "__all__", 7);
	} else if (!bind_aliases(c, s, left, value)) {
		bind_target(c, left, s);
	}
	visit(c, right, s);
	/* The value of an alias is one use, marked as such. */
	for (size_t i = first_load; i < c->loads.len; i++)
		for (size_t a = first_alias; a < c->aliases.len; a++)
			if (ts_node_eq(c->loads.items[i].node,
				       c->aliases.items[a].root)) {
				c->loads.items[i].alias = true;
				c->loads.items[i].alias_target =
					c->aliases.items[a].target;
			}
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
		push_work(c, first_child(n), s);
		return;
	case TFMS_NODE_KEYWORD_ARGUMENT:
		push_work(c, field(n, F_VALUE), s);
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
		c->scopes.items[k].body = field(n, F_BODY);
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
		push_children(c, n, s);
		return;
	}
}

/* ---- From loads to uses ---- */

/* The entry a load of name in scope s at byte at reads, following
 * Python: the scope itself, then enclosing function scopes (class bodies
 * are not visible from nested scopes), then the module. A class body
 * reads a name it binds itself from the module until that binding has
 * taken effect (`class L: tf = tf`). -1 for builtins and unknown names. */
static int32_t lookup(const ctx *c, uint32_t s, const char *name, uint32_t len,
		      uint32_t at)
{
	uint32_t cur = s;
	for (bool first = true;; first = false) {
		const scope_rec *sc = &c->scopes.items[cur];
		if (first || sc->kind != S_CLASS) {
			int32_t idx = find_entry(c, cur, name, len);
			if (idx >= 0) {
				const entry *e = &c->entries.items[idx];
				if (e->global_decl ||
				    (first && sc->kind == S_CLASS &&
				     at < e->first_bind))
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
		if ((p > text && tfms_is_word_byte(p[-1])) ||
		    (p + n < end && tfms_is_word_byte(p[n])))
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

/* Appends the attribute names from the identifier up to chain; a loop,
 * not a recursion: chains can be as long as a file. */
static void put_chain(const ctx *c, tfms_buf *out, TSNode chain, TSNode ident)
{
	size_t depth = 0;
	for (TSNode n = chain; !ts_node_eq(n, ident); n = first_child(n))
		depth++;
	size_t at = out->len;
	for (TSNode n = chain; !ts_node_eq(n, ident); n = first_child(n)) {
		uint32_t len;
		node_text(c, field(n, F_ATTRIBUTE), &len);
		at += len + 1;
	}
	tfms_buf_grow(out, at - out->len);
	size_t end = at;
	for (TSNode n = chain; depth--; n = first_child(n)) {
		uint32_t len;
		const char *attr = node_text(c, field(n, F_ATTRIBUTE), &len);
		end -= len;
		memcpy(out->ptr + end, attr, len);
		out->ptr[--end] = '.';
	}
	out->len = at;
	out->ptr[at] = '\0';
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
	else if (e->dyn)
		use->dynamic = e->dyn;
	else if (l->alias)
		use->alias_def = true;
	else if (is_tf_api_root(use->api) || (use->exact_binding && e->module))
		use->dynamic = value_use_reason(c, l);
	use->alias_of = use->alias_def ? l->alias_target : -1;
	use->alias_read = !use->dynamic && !use->alias_def && e->assigned &&
			  use->exact_binding && ts_node_is_null(l->call);
	use->arg_call = l->arg_call;
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
}

/* Where candidate names occur, for marked(). */
static void build_marks(ctx *c)
{
	c->marks.len = 0;
	if (!c->candidates.count)
		return;
	const char *end = c->text + c->len;
	for (const char *p = c->text + tfms_bom_len(c->text, c->len);
	     p < end;) {
		if (!tfms_is_word_byte(*p) || (*p >= '0' && *p <= '9')) {
			p++;
			continue;
		}
		const char *start = p;
		while (p < end && tfms_is_word_byte(*p))
			p++;
		if (names_get(&c->candidates, start, (uint32_t)(p - start)))
			tfms_array_push(&c->marks, (uint32_t)(start - c->text));
		/* A from-import of a project module must be seen before its
		 * names are known to be candidates: it tells the project
		 * which modules the file imports. */
		if (c->env && p - start == 4 && memcmp(start, "from", 4) == 0)
			tfms_array_push(&c->marks, (uint32_t)(start - c->text));
		/* The `*` of a star import: the walk must see the statement
		 * (what it brings in is decided there). */
		if (c->star_marks && p - start == 6 &&
		    memcmp(start, "import", 6) == 0) {
			while (p < end &&
			       (*p == ' ' || *p == '\t' || *p == '\\' ||
				*p == '\n' || *p == '\r' || *p == '\f'))
				p++;
			if (p < end && *p == '*')
				tfms_array_push(&c->marks,
						(uint32_t)(p - c->text));
		}
	}
}

bool tfms_text_has_star_import(const char *text, size_t len)
{
	const char *end = text + len;
	for (const char *p = text;
	     (p = memmem(p, (size_t)(end - p), "import", 6)); p += 6) {
		const char *q = p + 6;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\\' ||
				   *q == '\n' || *q == '\r' || *q == '\f'))
			q++;
		if (q < end && *q == '*')
			return true;
	}
	return false;
}

bool tfms_text_has_lone_cr(const char *text, size_t len)
{
	const char *end = text + len;
	for (const char *p = text; (p = memchr(p, '\r', (size_t)(end - p)));
	     p++)
		if (p + 1 == end || p[1] != '\n')
			return true;
	return false;
}

bool tfms_text_may_use_tf(const char *text, size_t len)
{
	return memmem(text, len, "tensorflow", 10) ||
	       tfms_text_has_star_import(text, len);
}

/* ---- Bracket nesting ---- */

/* CPython's tokenizer refuses more than 200 nested brackets ("too many
 * nested parentheses"), and tree-sitter 0.20.7 frees memory twice on some
 * 65,533 unclosed ones: such a file is refused before it is parsed. */
#define MAX_BRACKETS 200

static bool is_prefix_char(char ch)
{
	return strchr("rRbBuUfF", ch) != NULL;
}

/* The deepest bracket nesting of text outside comments and strings; the
 * brackets of f-strings count (their replacement fields are parsed). */
static size_t bracket_depth(const char *t, size_t len)
{
	size_t depth = 0, max = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = t[i];
		if (ch == '#') {
			while (i + 1 < len && t[i + 1] != '\n')
				i++;
		} else if (ch == '\'' || ch == '"') {
			bool fstring = false;
			for (size_t k = i;
			     k > 0 && i - k < 3 && is_prefix_char(t[k - 1]);
			     k--)
				if (t[k - 1] == 'f' || t[k - 1] == 'F')
					fstring = true;
			bool triple =
				i + 2 < len && t[i + 1] == ch && t[i + 2] == ch;
			size_t saved = depth;
			i += triple ? 3 : 1;
			for (; i < len; i++) {
				if (t[i] == '\\') {
					i++;
				} else if (t[i] == ch &&
					   (!triple ||
					    (i + 2 < len && t[i + 1] == ch &&
					     t[i + 2] == ch))) {
					i += triple ? 2 : 0;
					break;
				} else if (t[i] == '\n' && !triple) {
					break;
				} else if (fstring && strchr("([{", t[i])) {
					if (++depth > max)
						max = depth;
				} else if (fstring && strchr(")]}", t[i]) &&
					   depth > saved) {
					depth--;
				}
			}
			depth = saved;
		} else if (ch == '(' || ch == '[' || ch == '{') {
			if (++depth > max)
				max = depth;
		} else if ((ch == ')' || ch == ']' || ch == '}') && depth) {
			depth--;
		}
	}
	return max;
}

/* ---- Aliases ---- */

/* Gives the alias's target what the root of its value means. */
static void settle_alias(ctx *c, alias_rec *a, int32_t idx)
{
	entry *t = &c->entries.items[a->target];
	const entry *r = idx >= 0 ? &c->entries.items[idx] : NULL;
	if (!r || !r->tf) {
		t->other = true;
	} else {
		tfms_buf api = TFMS_BUF_INIT;
		tfms_buf_puts(&api, r->api);
		put_chain(c, &api, a->value, a->root);
		char *canonical = tfms_canonical_api(api.ptr, api.len);
		if (!canonical)
			canonical = tfms_strndup(api.ptr, api.len);
		tfms_buf_dispose(&api);
		tfms_array_push(&c->owned, canonical);
		const char *dyn = r->dyn;
		if (r->other || r->conflict)
			dyn = "the name is an alias of a name bound both to "
			      "TensorFlow and to something else";
		bind_tf(t, canonical,
			r->module && ts_node_eq(a->value, a->root), dyn);
		t->assigned = true;
	}
	t->npending--;
	a->done = true;
}

/* Settles every alias, in rounds: one whose value's root is settled
 * first; when none is (a cycle, or a name rebound from itself like
 * `tf = tf.compat.v1`), the first left takes what its root means so far.
 * Past MAX_ROUNDS (only a long chain written backwards gets there), the
 * rest are settled in order from what their roots mean so far. */
#define MAX_ROUNDS 64

static void resolve_aliases(ctx *c)
{
	size_t left = c->aliases.len;
	for (unsigned round = 0; left; round++) {
		bool progress = false;
		for (size_t i = 0; i < c->aliases.len; i++) {
			alias_rec *a = &c->aliases.items[i];
			if (a->done)
				continue;
			uint32_t len;
			const char *name = node_text(c, a->root, &len);
			int32_t idx = lookup(c, a->scope, name, len,
					     ts_node_start_byte(a->root));
			bool ready =
				idx < 0 || c->entries.items[idx].npending == 0;
			if (ready || !progress || round >= MAX_ROUNDS) {
				settle_alias(c, a, idx);
				left--;
				progress = progress || ready;
				if (!ready && round < MAX_ROUNDS)
					break;
			}
		}
	}
}

/* ---- Exports ---- */

static bool in_all(const ctx *c, const char *name, size_t len)
{
	for (size_t i = 0; i < c->all_names_list.len; i++)
		if (strlen(c->all_names_list.items[i]) == len &&
		    memcmp(c->all_names_list.items[i], name, len) == 0)
			return true;
	return false;
}

static void make_exports(ctx *c, tfms_module_exports *out)
{
	bool literal = false;
	if (c->all_entry >= 0) {
		const entry *all = &c->entries.items[c->all_entry];
		/* A read of __all__ (`__all__.extend(...)`) may change it. */
		bool read = false;
		for (size_t i = 0; i < c->loads.len && !read; i++)
			read = is_name(c, c->loads.items[i].node, "__all__");
		literal = c->all_literal && all->nbindings == 1 && !read;
		if (!literal)
			out->star_dynamic =
				"star import of a module whose __all__ is "
				"computed at run time: the names it brings in "
				"cannot be resolved; import them by name";
	}
	tfms_array(tfms_export) items = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < c->entries.len; i++) {
		const entry *e = &c->entries.items[i];
		if (e->scope != 0 || !e->tf)
			continue;
		tfms_export *x = tfms_array_add(&items);
		x->name = tfms_strndup(e->name, e->len);
		x->api = tfms_strdup(e->api);
		x->module = e->module;
		x->star = literal ? in_all(c, e->name, e->len)
				  : e->name[0] != '_';
		if (e->other || e->conflict)
			x->dynamic = "the name is bound to TensorFlow and to "
				     "something else in the module it comes "
				     "from";
		else
			x->dynamic = e->dyn;
	}
	out->items = items.items;
	out->len = items.len;
}

/* A star import from outside the project is reported when the file reads
 * a name it binds nowhere that could be TF: `tf`, or a name some module
 * of the project binds to TF. Quiet otherwise: most such imports bring
 * helpers, and a finding on each would bury the real ones. */
static void check_external_stars(ctx *c)
{
	if (!c->external_stars.len)
		return;
	bool free_tf = false;
	for (size_t i = 0; i < c->loads.len && !free_tf; i++) {
		const load *l = &c->loads.items[i];
		uint32_t len;
		const char *name = node_text(c, l->node, &len);
		bool tfish = len == 2 && memcmp(name, "tf", 2) == 0;
		for (size_t k = 0; c->env && !tfish && k < c->env->nnames; k++)
			tfish = strlen(c->env->names[k]) == len &&
				memcmp(c->env->names[k], name, len) == 0;
		free_tf = tfish && lookup(c, l->scope, name, len,
					  ts_node_start_byte(l->node)) < 0;
	}
	for (size_t i = 0; free_tf && i < c->external_stars.len; i++) {
		const external_star *x = &c->external_stars.items[i];
		bool saved = c->in_error;
		c->in_error = x->in_error;
		add_module_use(c, x->stmt, x->stmt, x->module,
			       strlen(x->module),
			       "star import of a module outside the scanned "
			       "files: names this file reads but binds "
			       "nowhere (such as tf) may come from it; scan "
			       "that module too, or import them by name");
		c->in_error = saved;
	}
}

/* ---- Entry point ---- */

static void free_uses(tfms_use *uses, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(uses[i].api);
}

static void free_imports(tfms_import *imports, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(imports[i].name);
		free(imports[i].target);
		free(imports[i].api);
	}
}

/* Forgets what a walk found, keeping the candidates. */
static void reset_walk(ctx *c)
{
	c->scopes.len = c->entries.len = c->loads.len = 0;
	free_imports(c->imports.items, c->imports.len);
	c->imports.len = 0;
	free_uses(c->uses.items, c->uses.len);
	c->uses.len = 0;
	c->stack.len = c->work.len = 0;
	c->aliases.len = 0;
	for (size_t i = 0; i < c->external_stars.len; i++)
		free(c->external_stars.items[i].module);
	c->external_stars.len = 0;
	for (size_t i = 0; i < c->all_names_list.len; i++)
		free(c->all_names_list.items[i]);
	c->all_names_list.len = 0;
	c->all_entry = -1;
	c->all_literal = false;
	if (c->table)
		memset(c->table, 0xff, c->table_cap * sizeof(int32_t));
	c->error_base = c->in_error = false;
	c->grew = false;
}

static void ctx_dispose(ctx *c)
{
	reset_walk(c);
	free(c->candidates.slots);
	tfms_array_free(&c->marks);
	tfms_array_free(&c->stack);
	tfms_array_free(&c->work);
	if (c->has_cursor)
		ts_tree_cursor_delete(&c->cursor);
	tfms_array_free(&c->scopes);
	tfms_array_free(&c->entries);
	tfms_array_free(&c->loads);
	tfms_array_free(&c->aliases);
	tfms_array_free(&c->external_stars);
	tfms_array_free(&c->all_names_list);
	tfms_array_free(&c->imports);
	tfms_array_free(&c->uses);
	for (size_t i = 0; i < c->owned.len; i++)
		free(c->owned.items[i]);
	tfms_array_free(&c->owned);
	free(c->table);
}

/* Rounds of the walk before every identifier becomes a candidate. */
#define MAX_WALKS 3

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
	return tfms_analyze_in(out, py, src, NULL);
}

static TSPoint point_of(const tfms_source *src, uint32_t at)
{
	size_t row = tfms_source_line_index(src, at);
	return (TSPoint){(uint32_t)row, at - (uint32_t)src->lines[row]};
}

/* The tree of src without the skipped ranges; NULL when refused. */
static TSTree *parse_skipping(tfms_python *py, const tfms_source *src,
			      const uint32_t *skip, size_t nskip)
{
	tfms_array(TSRange) kept = TFMS_ARRAY_INIT;
	uint32_t at = 0;
	for (size_t k = 0; k <= nskip; k++) {
		uint32_t end = k < nskip ? skip[2 * k] : (uint32_t)src->len;
		if (end > at)
			tfms_array_push(&kept, ((TSRange){point_of(src, at),
							  point_of(src, end),
							  at, end}));
		if (k < nskip)
			at = skip[2 * k + 1];
	}
	TSTree *tree = tfms_python_parse_ranges(py, src->data, src->len,
						kept.items, (uint32_t)kept.len);
	tfms_array_free(&kept);
	return tree;
}

/* Whether a mark lies in a skipped range. */
static bool marks_skipped(const ctx *c, const uint32_t *skip, size_t nskip)
{
	for (size_t k = 0; k < nskip; k++)
		if (marked(c, skip[2 * k], skip[2 * k + 1]))
			return true;
	return false;
}

/* Whether a mark in a skipped range may be the name a def or class binds
 * (the word before it is `def` or `class`): that binding would be in the
 * definition's enclosing scope. Sets defines[k] for each such range. */
static bool skipped_mark_defines(const ctx *c, const uint32_t *skip,
				 size_t nskip, bool *defines)
{
	bool any = false;
	for (size_t i = 0; i < c->marks.len; i++) {
		uint32_t m = c->marks.items[i];
		size_t k = 0;
		while (k < nskip && !(skip[2 * k] <= m && m < skip[2 * k + 1]))
			k++;
		if (k == nskip || defines[k])
			continue;
		size_t p = m;
		while (p && (c->text[p - 1] == ' ' || c->text[p - 1] == '\t' ||
			     c->text[p - 1] == '\\' || c->text[p - 1] == '\n' ||
			     c->text[p - 1] == '\r'))
			p--;
		size_t e = p;
		while (p && tfms_is_word_byte(c->text[p - 1]))
			p--;
		if (!(e - p == 3 && memcmp(c->text + p, "def", 3) == 0) &&
		    !(e - p == 5 && memcmp(c->text + p, "class", 5) == 0))
			continue;
		/* At column 0 (or after `async` there): the top-level
		 * definition itself, whose name the module binds. Nested
		 * ones bind in the definition's own scopes. */
		size_t q = p;
		while (q && (c->text[q - 1] == ' ' || c->text[q - 1] == '\t'))
			q--;
		if (q >= 5 && q < p && memcmp(c->text + q - 5, "async", 5) == 0)
			q -= 5;
		if (q == 0 || c->text[q - 1] == '\n' || c->text[q - 1] == '\r')
			any = defines[k] = true;
	}
	return any;
}

/* Whether a candidate name occurs in text[start, end) (not `from` or a
 * star's `*`, which marks also hold): only there can a walk make a load,
 * and so a use. */
static bool candidate_in(const ctx *c, uint32_t start, uint32_t end)
{
	if (c->all_names)
		return true;
	const char *p = c->text + start, *stop = c->text + end;
	while (p < stop) {
		if (!tfms_is_word_byte(*p) || (*p >= '0' && *p <= '9')) {
			p++;
			continue;
		}
		const char *w = p;
		while (p < stop && tfms_is_word_byte(*p))
			p++;
		if (names_get(&c->candidates, w, (uint32_t)(p - w)))
			return true;
	}
	return false;
}

static int analyze(tfms_analysis *out, tfms_python *py, const tfms_source *src,
		   const tfms_resolve_env *env, const uint32_t *skip,
		   size_t nskip, bool *hit);

int tfms_analyze_in(tfms_analysis *out, tfms_python *py, const tfms_source *src,
		    const tfms_resolve_env *env)
{
	return analyze(out, py, src, env, NULL, 0, NULL);
}

int tfms_analyze_skipping(tfms_analysis *out, tfms_python *py,
			  const tfms_source *src, const tfms_resolve_env *env,
			  const uint32_t *skip, size_t nskip, bool *hit)
{
	memset(hit, 0, nskip * sizeof(bool));
	return analyze(out, py, src, env, skip, nskip, hit);
}

static int analyze(tfms_analysis *out, tfms_python *py, const tfms_source *src,
		   const tfms_resolve_env *env, const uint32_t *skip,
		   size_t nskip, bool *hit)
{
	pthread_once(&tables_once, init_tables);
	memset(out, 0, sizeof(*out));
	if (tfms_text_has_lone_cr(src->data, src->len))
		return tfms_error_set("%s: line breaks that are a lone CR "
				      "(classic Mac OS), which Python reads "
				      "as line ends and the parser does not "
				      "always (a comment would run on); "
				      "convert them to LF and run again; not "
				      "analysed",
				      src->path);
	if (bracket_depth(src->data, src->len) > MAX_BRACKETS)
		return tfms_error_set("%s: too many nested parentheses (more "
				      "than %d levels, which Python refuses); "
				      "not analysed",
				      src->path, MAX_BRACKETS);
	if (nskip) {
		out->tree = parse_skipping(py, src, skip, nskip);
		if (!out->tree)
			return 1;
		if (ts_node_has_error(ts_tree_root_node(out->tree))) {
			tfms_analysis_dispose(out);
			return 1;
		}
	} else {
		out->tree = tfms_python_parse(py, src->data, src->len);
	}
	if (!out->tree)
		return tfms_error_set("%s: the parser gave up", src->path);

	ctx c;
	memset(&c, 0, sizeof(c));
	c.text = src->data;
	c.len = src->len;
	c.env = env;
	c.all_entry = -1;
	c.root = ts_tree_root_node(out->tree);
	memset(c.builtin_rebound, -1, sizeof(c.builtin_rebound));
	c.tree_has_error = ts_node_has_error(c.root);
	find_candidates(&c, src);
	names_add(&c.candidates, "__all__", 7, NAME_APPEARS);
	for (size_t i = 0; env && i < env->nnames; i++)
		names_add(&c.candidates, env->names[i],
			  (uint32_t)strlen(env->names[i]), NAME_APPEARS);
	if (tfms_text_has_star_import(src->data, src->len)) {
		names_add(&c.candidates, "tf", 2, NAME_APPEARS);
		c.star_marks = true;
	}
	if (env)
		c.star_marks = true;
	build_marks(&c);
	/* An alias makes its name a candidate, whose subtrees the walk may
	 * have skipped: walk again until no name is new. */
	for (unsigned walk = 1;; walk++) {
		reset_walk(&c);
		push_scope(&c, S_MODULE, 0);
		visit(&c, c.root, 0);
		if (c.too_deep || !c.grew)
			break;
		if (walk >= MAX_WALKS)
			c.all_names = true;
		else
			build_marks(&c);
	}
	/* The marks are now those of the final candidates. A whole walk
	 * would enter a skipped definition only if one occurs in it; then
	 * it reads names, binds names in its own scopes (the caller skips
	 * none holding an import, global, nonlocal or walrus) and binds
	 * its name in the module, which must not be a candidate: only
	 * candidates can be bound to TF. What it reads can only add uses,
	 * reported in hit. */
	bool skipped_marks = nskip && marks_skipped(&c, skip, nskip);
	if (nskip &&
	    (c.too_deep || c.all_names ||
	     (skipped_marks && skipped_mark_defines(&c, skip, nskip, hit)))) {
		/* Only the definitions named are to blame, and only when
		 * nothing else is. */
		if (c.too_deep || c.all_names)
			memset(hit, 0, nskip * sizeof(*hit));
		ctx_dispose(&c);
		tfms_analysis_dispose(out);
		return 1;
	}
	if (c.too_deep) {
		ctx_dispose(&c);
		return tfms_error_set("%s: definitions, lambdas or assignments "
				      "nested more than %d levels deep; not "
				      "analysed",
				      src->path, MAX_NESTING);
	}
	resolve_aliases(&c);

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
		int32_t idx = lookup(&c, l->scope, name, len,
				     ts_node_start_byte(l->node));
		if (idx >= 0 && c.entries.items[idx].tf)
			resolve_load(&c, l, idx);
	}
	free(tf_names.slots);
	check_external_stars(&c);
	/* Uses in skipped definitions can only be where a candidate is. */
	for (size_t k = 0; skipped_marks && k < nskip; k++)
		hit[k] = candidate_in(&c, skip[2 * k], skip[2 * k + 1]);
	make_exports(&c, &out->exports);

	for (size_t i = 0; i < c.imports.len; i++) {
		tfms_import *imp = &c.imports.items[i];
		int32_t idx = find_entry(&c, imp->scope, imp->name,
					 (uint32_t)strlen(imp->name));
		const entry *e = &c.entries.items[idx];
		imp->group = idx;
		imp->group_clean = e->tf && !e->other && !e->conflict;
		imp->sole = e->nbindings == 1;
		/* In no group, an import is never removed or moved. */
		if (env && env->imported && imp->scope == 0 && imp->api)
			imp->group = -1;
	}

	tfms_sort(c.uses.items, c.uses.len, sizeof(tfms_use), compare_uses);
	out->uses = c.uses.items;
	out->nuses = c.uses.len;
	out->imports = c.imports.items;
	out->nimports = c.imports.len;
	out->text = src->data;
	out->len = src->len;
	memset(&c.uses, 0, sizeof(c.uses));
	memset(&c.imports, 0, sizeof(c.imports));
	ctx_dispose(&c);
	return 0;
}

void tfms_module_exports_dispose(tfms_module_exports *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->len; i++) {
		free(m->items[i].name);
		free(m->items[i].api);
	}
	free(m->items);
	memset(m, 0, sizeof(*m));
}

bool tfms_module_exports_equal(const tfms_module_exports *a,
			       const tfms_module_exports *b)
{
	if (a->len != b->len || a->star_dynamic != b->star_dynamic)
		return false;
	for (size_t i = 0; i < a->len; i++) {
		const tfms_export *x = &a->items[i], *y = &b->items[i];
		if (strcmp(x->name, y->name) != 0 ||
		    strcmp(x->api, y->api) != 0 || x->module != y->module ||
		    x->star != y->star || x->dynamic != y->dynamic)
			return false;
	}
	return true;
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
	tfms_module_exports_dispose(&a->exports);
	if (a->tree)
		ts_tree_delete(a->tree);
	memset(a, 0, sizeof(*a));
}

bool tfms_analysis_name_taken(const tfms_analysis *a, const char *name)
{
	return name_occurs(ts_tree_root_node(a->tree), a->text, a->len, name,
			   false);
}
