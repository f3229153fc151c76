#include "tfms/imports.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/pytext.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	char *module;	   /* dotted MindSpore module */
	char *spelling;	   /* how code in this file names it */
	char *import_line; /* the import to add, or NULL when present */
} spelling;

/* The uses bound through one group (one name in one scope). */
typedef struct {
	size_t converted, remaining;
	bool rewrite_import;
} group_stat;

struct tfms_imports {
	const tfms_source *src;
	const tfms_analysis *a;
	const tfms_ruleset *rs;
	group_stat *groups; /* indexed by group id */
	size_t ngroups;
	tfms_array(spelling) spellings;
	const char *nl;
};

void tfms_imports_new(tfms_imports **out, const tfms_source *src,
		      const tfms_analysis *analysis, const tfms_ruleset *rs)
{
	tfms_imports *im = tfms_calloc(1, sizeof(*im));
	im->src = src;
	im->a = analysis;
	im->rs = rs;
	im->nl = src->crlf ? "\r\n" : "\n";
	*out = im;
}

void tfms_imports_free(tfms_imports *im)
{
	if (!im)
		return;
	for (size_t i = 0; i < im->spellings.len; i++) {
		free(im->spellings.items[i].module);
		free(im->spellings.items[i].spelling);
		free(im->spellings.items[i].import_line);
	}
	tfms_array_free(&im->spellings);
	free(im->groups);
	free(im);
}

/* ---- Which imports go ---- */

static group_stat *group_of(const tfms_imports *im, int32_t group)
{
	return group >= 0 && (size_t)group < im->ngroups ? &im->groups[group]
							 : NULL;
}

static void count_groups(tfms_imports *im, const tfms_imports_use *uses,
			 size_t n)
{
	const tfms_analysis *a = im->a;
	int32_t max_group = -1;
	for (size_t i = 0; i < a->nuses; i++)
		if (a->uses[i].group > max_group)
			max_group = a->uses[i].group;
	for (size_t i = 0; i < a->nimports; i++)
		if (a->imports[i].group > max_group)
			max_group = a->imports[i].group;
	free(im->groups);
	im->ngroups = (size_t)(max_group + 1);
	im->groups = tfms_calloc(im->ngroups + 1, sizeof(group_stat));
	for (size_t i = 0; i < n; i++) {
		group_stat *g = group_of(im, uses[i].use->group);
		if (g && uses[i].converts)
			g->converted++;
		else if (g)
			g->remaining++;
	}
}

/* A from-import of a symbol whose every use converts keeps its local name:
 * the import itself is rewritten. */
void tfms_imports_settle(tfms_imports *im, const tfms_imports_use *uses,
			 size_t n)
{
	const tfms_analysis *a = im->a;
	count_groups(im, uses, n);
	for (size_t i = 0; i < a->nimports; i++) {
		const tfms_import *imp = &a->imports[i];
		group_stat *g = group_of(im, imp->group);
		if (!imp->api || !g || g->converted == 0 || g->remaining)
			continue;
		g->rewrite_import = true;
	}
	for (size_t i = 0; i < a->nimports; i++) {
		const tfms_import *imp = &a->imports[i];
		group_stat *g = group_of(im, imp->group);
		if (!g || !g->rewrite_import)
			continue;
		const tfms_rule *r = tfms_ruleset_find(im->rs, imp->api);
		bool ok = imp->api && !imp->module && imp->group_clean &&
			  !imp->in_error && r && r->ms_api &&
			  !r->has_ms_init_signature &&
			  tfms_node_is(imp->stmt,
				       TFMS_NODE_IMPORT_FROM_STATEMENT);
		for (size_t j = 0; ok && j < n; j++)
			if (uses[j].use->group == imp->group &&
			    (!uses[j].use->exact_binding || uses[j].rule != r))
				ok = false;
		if (!ok)
			g->rewrite_import = false;
	}
}

bool tfms_imports_keeps_callee(const tfms_imports *im, const tfms_use *use)
{
	const group_stat *g = group_of(im, use->group);
	return g && g->rewrite_import;
}

/* ---- Spelling MindSpore names ---- */

static bool name_free(const tfms_imports *im, const char *name)
{
	if (tfms_analysis_name_taken(im->a, name))
		return false;
	/* A spelling binds its first part (absl.flags binds absl). */
	size_t n = strlen(name);
	for (size_t i = 0; i < im->spellings.len; i++) {
		const char *sp = im->spellings.items[i].spelling;
		if (strncmp(sp, name, n) == 0 &&
		    (sp[n] == '\0' || sp[n] == '.'))
			return false;
	}
	return true;
}

/* A module-level import already binding module, alone on its name. */
static const char *existing_spelling(const tfms_imports *im, const char *module)
{
	for (size_t i = 0; i < im->a->nimports; i++) {
		const tfms_import *imp = &im->a->imports[i];
		if (imp->scope == 0 && imp->sole && !imp->in_error &&
		    strcmp(imp->target, module) == 0)
			return imp->name;
	}
	return NULL;
}

/* `import module [as name]` or `from parent import last [as name]`; a
 * top-level module imported under its own name omits `as`. */
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

/* A module listed under its own dotted name (absl.flags, which is not
 * loaded by importing its package): `import absl.flags` and the full
 * name, when the file leaves the package's name free; otherwise `import
 * absl.flags as absl_flags`, numbered when that is taken too. */
static void spell_in_full(tfms_imports *im, spelling *sp)
{
	const char *dot = strchr(sp->module, '.');
	char *top = tfms_strndup(sp->module, (size_t)(dot - sp->module));
	if (name_free(im, top)) {
		sp->spelling = tfms_strdup(sp->module);
		sp->import_line = tfms_asprintf("import %s", sp->module);
		free(top);
		return;
	}
	free(top);
	char *base = tfms_strdup(sp->module);
	for (char *p = base; *p; p++)
		if (*p == '.')
			*p = '_';
	sp->spelling = tfms_strdup(base);
	for (int n = 2; !name_free(im, sp->spelling); n++) {
		free(sp->spelling);
		sp->spelling = tfms_asprintf("%s%d", base, n);
	}
	sp->import_line =
		tfms_asprintf("import %s as %s", sp->module, sp->spelling);
	free(base);
}

static const char *spell_module(tfms_imports *im, const char *module)
{
	for (size_t i = 0; i < im->spellings.len; i++)
		if (strcmp(im->spellings.items[i].module, module) == 0)
			return im->spellings.items[i].spelling;

	spelling sp = {tfms_strdup(module), NULL, NULL};
	const char *existing = existing_spelling(im, module);
	const tfms_module_rule *known = tfms_ruleset_module(im->rs, module);
	const char *dot = strrchr(module, '.');
	if (existing) {
		sp.spelling = tfms_strdup(existing);
	} else if (known && strchr(known->name, '.')) {
		spell_in_full(im, &sp);
	} else if (known && name_free(im, known->name)) {
		sp.spelling = tfms_strdup(known->name);
		sp.import_line = import_line(module, sp.spelling);
	} else if (dot) {
		/* Through the parent: ms.ops.stop_gradient. */
		char *parent = tfms_strndup(module, (size_t)(dot - module));
		const char *ps = spell_module(im, parent);
		sp.spelling = tfms_asprintf("%s.%s", ps, dot + 1);
		free(parent);
	} else {
		sp.spelling = tfms_strdup(module);
		for (int n = 2; !name_free(im, sp.spelling); n++) {
			free(sp.spelling);
			sp.spelling = tfms_asprintf("%s%d", module, n);
		}
		sp.import_line = import_line(module, sp.spelling);
	}
	tfms_array_push(&im->spellings, sp);
	return im->spellings.items[im->spellings.len - 1].spelling;
}

char *tfms_imports_spell(tfms_imports *im, const char *ms_api)
{
	const char *dot = strrchr(ms_api, '.');
	if (!dot)
		return tfms_strdup(ms_api);
	char *module = tfms_strndup(ms_api, (size_t)(dot - ms_api));
	char *out = tfms_asprintf("%s%s", spell_module(im, module), dot);
	free(module);
	return out;
}

/* ---- Import statements ---- */

enum item_action { ITEM_KEEP, ITEM_REMOVE, ITEM_MOVE };

static enum item_action item_action(const tfms_imports *im,
				    const tfms_import *imp)
{
	group_stat *g = group_of(im, imp->group);
	if (!imp->api || !g || imp->in_error || g->converted == 0 ||
	    g->remaining)
		return ITEM_KEEP;
	return g->rewrite_import ? ITEM_MOVE : ITEM_REMOVE;
}

static char *moved_import(const tfms_imports *im, const tfms_import *imp)
{
	const tfms_rule *r = tfms_ruleset_find(im->rs, imp->api);
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

/* One import statement, whose names start at a->imports[first]: how many
 * it binds, how many go, and the rewritten imports that replace those
 * moved (joined as the statement's line joins statements). */
typedef struct {
	TSNode stmt;
	size_t first, total, changed;
	tfms_buf moved;
	char *indent;
	bool own_line;
	const char *joiner;
} statement;

static void gather_statement(tfms_imports *im, statement *st, bool *done)
{
	const tfms_analysis *a = im->a;
	for (size_t j = st->first; j < a->nimports; j++) {
		if (!ts_node_eq(a->imports[j].stmt, st->stmt))
			continue;
		done[j] = true;
		st->total++;
		enum item_action act = item_action(im, &a->imports[j]);
		if (act == ITEM_KEEP)
			continue;
		st->changed++;
		if (act == ITEM_MOVE) {
			char *line = moved_import(im, &a->imports[j]);
			if (st->moved.len) {
				tfms_buf_puts(&st->moved, st->joiner);
				if (st->own_line)
					tfms_buf_puts(&st->moved, st->indent);
			}
			tfms_buf_puts(&st->moved, line);
			free(line);
		}
	}
}

/* Some names of the statement stay: the others go from its list, and
 * the moved imports follow it. */
static void plan_partial(tfms_imports *im, const statement *st,
			 tfms_edit_list *edits, const char *origin)
{
	const tfms_analysis *a = im->a;
	TSNode *elems = tfms_calloc(st->total + 1, sizeof(TSNode));
	bool *gone = tfms_calloc(st->total + 1, sizeof(bool));
	size_t n = 0;
	for (size_t j = st->first; j < a->nimports; j++) {
		if (!ts_node_eq(a->imports[j].stmt, st->stmt))
			continue;
		elems[n] = a->imports[j].item;
		gone[n++] = item_action(im, &a->imports[j]) != ITEM_KEEP;
	}
	tfms_pytext_delete_elements(edits, im->src, st->stmt, elems, gone, n,
				    origin);
	free(elems);
	free(gone);
	if (st->moved.len) {
		tfms_buf text = TFMS_BUF_INIT;
		tfms_buf_puts(&text, st->joiner);
		if (st->own_line)
			tfms_buf_puts(&text, st->indent);
		tfms_buf_puts(&text, st->moved.ptr);
		size_t end = ts_node_end_byte(st->stmt);
		tfms_edits_add(edits, end, end, text.ptr, origin);
		tfms_buf_dispose(&text);
	}
}

static int compare_nodes(const void *x, const void *y)
{
	uint32_t a = ts_node_start_byte(*(const TSNode *)x);
	uint32_t b = ts_node_start_byte(*(const TSNode *)y);
	return a < b ? -1 : a > b;
}

static void plan_statements(tfms_imports *im, tfms_edit_list *edits)
{
	const tfms_analysis *a = im->a;
	bool *done = tfms_calloc(a->nimports + 1, sizeof(bool));
	/* Whole statements that go are removed together: two on one line
	 * share a ';', and a block they would empty needs a `pass`. */
	tfms_array(TSNode) removed = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < a->nimports; i++) {
		if (done[i])
			continue;
		statement st = {a->imports[i].stmt, i,	  0,	 0,
				TFMS_BUF_INIT,	    NULL, false, NULL};
		size_t start = ts_node_start_byte(st.stmt);
		st.indent = tfms_pytext_indentation(im->src, start);
		st.own_line = tfms_pytext_starts_line(im->src, start);
		st.joiner = st.own_line ? im->nl : "; ";
		gather_statement(im, &st, done);
		const char *origin =
			a->imports[i].api ? a->imports[i].api : "import";
		/* The statement's own wildcard or unrecorded names keep it. */
		bool whole =
			st.changed == st.total && st.total > 0 &&
			tfms_pytext_named_count(st.stmt) ==
				st.total +
					(tfms_node_is(
						 st.stmt,
						 TFMS_NODE_IMPORT_FROM_STATEMENT)
						 ? 1
						 : 0);
		if (st.changed && whole && !st.moved.len)
			tfms_array_push(&removed, st.stmt);
		else if (st.changed && whole)
			tfms_pytext_replace_statement(edits, im->src, st.stmt,
						      st.moved.ptr, origin);
		else if (st.changed)
			plan_partial(im, &st, edits, origin);
		free(st.indent);
		tfms_buf_dispose(&st.moved);
	}
	tfms_sort(removed.items, removed.len, sizeof(TSNode), compare_nodes);
	tfms_pytext_remove_statements(edits, im->src, removed.items,
				      removed.len, "import");
	tfms_array_free(&removed);
	free(done);
}

/* ---- New imports ---- */

static bool only_imports(TSNode n)
{
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(n, i);
		switch (tfms_node_kind_of(ch)) {
		case TFMS_NODE_IMPORT_STATEMENT:
		case TFMS_NODE_IMPORT_FROM_STATEMENT:
		case TFMS_NODE_FUTURE_IMPORT_STATEMENT:
		case TFMS_NODE_PASS_STATEMENT:
		case TFMS_NODE_COMMENT:
			break;
		case TFMS_NODE_BLOCK:
		case TFMS_NODE_ELSE_CLAUSE:
		case TFMS_NODE_ELIF_CLAUSE:
		case TFMS_NODE_EXCEPT_CLAUSE:
		case TFMS_NODE_FINALLY_CLAUSE:
			if (!only_imports(ch))
				return false;
			break;
		default:
			/* The condition of `if`/`except` is not a statement. */
			if (tfms_node_is(n, TFMS_NODE_IF_STATEMENT) ||
			    tfms_node_is(n, TFMS_NODE_ELIF_CLAUSE) ||
			    tfms_node_is(n, TFMS_NODE_EXCEPT_CLAUSE))
				break;
			return false;
		}
	}
	return true;
}

static bool is_import(tfms_node_kind k)
{
	return k == TFMS_NODE_IMPORT_STATEMENT ||
	       k == TFMS_NODE_IMPORT_FROM_STATEMENT ||
	       k == TFMS_NODE_FUTURE_IMPORT_STATEMENT;
}

/* A module-level statement that new imports go after: leading comments
 * (shebang, coding line, licence; later comments are not moved past), the
 * docstring, imports, and try/if blocks of nothing but imports. */
static bool belongs_before(TSNode ch, bool seen_statement)
{
	tfms_node_kind k = tfms_node_kind_of(ch);
	if (k == TFMS_NODE_COMMENT)
		return !seen_statement;
	if (k == TFMS_NODE_EXPRESSION_STATEMENT && !seen_statement) {
		TSNode s = ts_node_named_child(ch, 0);
		return ts_node_named_child_count(ch) == 1 &&
		       (tfms_node_is(s, TFMS_NODE_STRING) ||
			tfms_node_is(s, TFMS_NODE_CONCATENATED_STRING));
	}
	return is_import(k) ||
	       ((k == TFMS_NODE_TRY_STATEMENT || k == TFMS_NODE_IF_STATEMENT) &&
		only_imports(ch));
}

static size_t after_line(const tfms_source *src, size_t offset, bool *eof)
{
	const char *nl = memchr(src->data + offset, '\n', src->len - offset);
	*eof = !nl;
	return nl ? (size_t)(nl - src->data) + 1 : src->len;
}

size_t tfms_imports_insert_point(const tfms_source *src, const TSTree *tree,
				 bool *needs_newline)
{
	TSNode root = ts_tree_root_node(tree);
	uint32_t count = ts_node_named_child_count(root);
	size_t at = src->bom;
	bool eof = false, seen_statement = false;
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(root, i);
		if (ts_node_has_error(ch) ||
		    !belongs_before(ch, seen_statement))
			break;
		if (!tfms_node_is(ch, TFMS_NODE_COMMENT))
			seen_statement = true;
		bool at_eof;
		size_t next = after_line(src, ts_node_end_byte(ch), &at_eof);
		/* `import x; code()` shares a line: the import block ends
		 * before it; `import a; import b` is one import line. */
		if (i + 1 < count && ts_node_start_byte(ts_node_named_child(
					     root, i + 1)) < next) {
			tfms_node_kind nk = tfms_node_kind_of(
				ts_node_named_child(root, i + 1));
			if (is_import(nk))
				continue;
			if (nk != TFMS_NODE_COMMENT)
				break;
		}
		at = next;
		eof = at_eof;
	}
	*needs_newline = eof && at > 0 && src->data[at - 1] != '\n';
	return at;
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

static void plan_new_imports(tfms_imports *im, tfms_edit_list *edits)
{
	tfms_array(char *) lines = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < im->spellings.len; i++)
		if (im->spellings.items[i].import_line)
			tfms_array_push(&lines,
					im->spellings.items[i].import_line);
	if (!lines.len)
		return;
	tfms_sort(lines.items, lines.len, sizeof(char *), compare_lines);
	bool needs_newline;
	size_t at =
		tfms_imports_insert_point(im->src, im->a->tree, &needs_newline);
	tfms_buf text = TFMS_BUF_INIT;
	for (size_t i = 0; i < lines.len; i++) {
		if (needs_newline || i > 0)
			tfms_buf_puts(&text, im->nl);
		tfms_buf_puts(&text, lines.items[i]);
	}
	if (!needs_newline)
		tfms_buf_puts(&text, im->nl);
	tfms_edits_add(edits, at, at, text.ptr, "mindspore imports")->flags |=
		TFMS_EDIT_ADDS_STATEMENTS;
	tfms_buf_dispose(&text);
	tfms_array_free(&lines);
}

void tfms_imports_plan(tfms_imports *im, tfms_edit_list *edits)
{
	plan_statements(im, edits);
	plan_new_imports(im, edits);
}
