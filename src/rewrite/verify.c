#include "tfms/verify.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/pytext.h"

#include <string.h>

/* A clause, or a decorated definition: what cannot stand alone. */
static bool is_clause(TSNode n)
{
	return tfms_node_is_clause(n) ||
	       tfms_node_is(n, TFMS_NODE_DECORATED_DEFINITION);
}

/* The byte range a group of edits is checked in, and how. */
typedef enum {
	UNIT_NONE,    /* not checkable locally */
	UNIT_PRIMARY, /* a name or attribute chain replaced by a dotted name */
	UNIT_ARGUMENTS, /* a call's argument list, checked as f(...) */
	UNIT_STATEMENT, /* one simple statement */
	UNIT_HEADER,	/* a compound statement's header, checked with a body */
} unit_kind;

typedef struct {
	unit_kind kind;
	uint32_t start, end;
} unit;

static bool is_keyword(const char *s, size_t n)
{
	static const char *const keywords[] = {
		"False",  "None",     "True",  "and",	 "as",	     "assert",
		"async",  "await",    "break", "class",	 "continue", "def",
		"del",	  "elif",     "else",  "except", "finally",  "for",
		"from",	  "global",   "if",    "import", "in",	     "is",
		"lambda", "nonlocal", "not",   "or",	 "pass",     "raise",
		"return", "try",      "while", "with",	 "yield",    "print",
		"exec",
	};
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strlen(keywords[i]) == n && memcmp(keywords[i], s, n) == 0)
			return true;
	return false;
}

/* name(.name)*, no keyword among the names. */
static bool is_dotted_name(const char *s)
{
	const char *part = s;
	for (const char *p = s;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == part || is_keyword(part, (size_t)(p - part)))
				return false;
			if (*p == '\0')
				return true;
			part = p + 1;
		} else if (!((*p >= 'a' && *p <= 'z') ||
			     (*p >= 'A' && *p <= 'Z') || *p == '_' ||
			     (p > part && *p >= '0' && *p <= '9'))) {
			return false;
		}
	}
}

/* The smallest unit holding [start, end], found top-down
 * (ts_node_parent walks down from the root in tree-sitter 0.20 anyway). */
static unit find_unit(TSNode root, const tfms_edit *e)
{
	uint32_t start = (uint32_t)e->start, end = (uint32_t)e->end;
	TSNode node = root, stmt = {0}, args = {0};
	bool through_clause = false, in_string = false;
	for (;;) {
		TSNode child = ts_node_first_child_for_byte(node, start);
		if (ts_node_is_null(child) ||
		    ts_node_start_byte(child) > start ||
		    ts_node_end_byte(child) < end)
			break;
		if (tfms_node_is(node, TFMS_NODE_BLOCK) ||
		    tfms_node_is(node, TFMS_NODE_MODULE)) {
			stmt = child;
			args = (TSNode){0};
			through_clause = false;
		} else if (is_clause(child)) {
			through_clause = true;
		}
		/* Inside an f-string the text must suit the string's quotes
		 * too: the whole statement is checked. */
		if (tfms_node_is(child, TFMS_NODE_STRING))
			in_string = true;
		/* Strictly inside the parentheses of a call's arguments. */
		if (!in_string &&
		    tfms_node_is(child, TFMS_NODE_ARGUMENT_LIST) &&
		    tfms_node_is(node, TFMS_NODE_CALL) &&
		    ts_node_start_byte(child) < start &&
		    end < ts_node_end_byte(child))
			args = child;
		node = child;
		/* Swapping one whole name or attribute chain for another
		 * dotted name keeps every parse the same. */
		if (ts_node_start_byte(node) == start &&
		    ts_node_end_byte(node) == end &&
		    (tfms_node_is(node, TFMS_NODE_IDENTIFIER) ||
		     tfms_node_is(node, TFMS_NODE_ATTRIBUTE)) &&
		    is_dotted_name(e->text))
			return (unit){UNIT_PRIMARY, start, end};
	}
	if (!ts_node_is_null(args))
		return (unit){UNIT_ARGUMENTS, ts_node_start_byte(args),
			      ts_node_end_byte(args)};
	if (ts_node_is_null(stmt) || through_clause)
		return (unit){UNIT_NONE, 0, 0};
	unit u = {UNIT_STATEMENT, ts_node_start_byte(stmt),
		  ts_node_end_byte(stmt)};
	/* A compound statement: the edit must sit in its header, which ends
	 * at the ':' before the body. */
	uint32_t count = ts_node_child_count(stmt);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_child(stmt, i);
		if (tfms_node_is(ch, TFMS_NODE_BLOCK))
			return u.kind == UNIT_HEADER && end <= u.end
				       ? u
				       : (unit){UNIT_NONE, 0, 0};
		if (tfms_node_is(ch, TFMS_NODE_COLON)) {
			u.kind = UNIT_HEADER;
			u.end = ts_node_end_byte(ch);
		}
	}
	return u.kind == UNIT_STATEMENT ? u : (unit){UNIT_NONE, 0, 0};
}

size_t tfms_verify_cpython(const TSTree *tree, const char *text);

/* Removing whole lines keeps the file's structure unless it empties a
 * block: then the block needs a statement (`pass`), which the caller's
 * re-parse checks. */
static bool empties_block(TSNode root, const tfms_edit_list *edits,
			  const tfms_edit *e, TSNode *last_block)
{
	TSNode node = root, block = {0};
	for (;;) {
		TSNode child = ts_node_first_child_for_byte(node, e->start);
		if (ts_node_is_null(child) ||
		    ts_node_start_byte(child) > e->end ||
		    ts_node_end_byte(child) < e->end)
			break;
		if (tfms_node_is(child, TFMS_NODE_BLOCK))
			block = child;
		node = child;
	}
	if (ts_node_is_null(block))
		return false;
	/* Blocks of many removed imports are checked once. */
	if (!ts_node_is_null(*last_block) && ts_node_eq(block, *last_block))
		return false;
	*last_block = block;
	uint32_t count = ts_node_named_child_count(block);
	for (uint32_t i = 0; i < count; i++) {
		TSNode st = ts_node_named_child(block, i);
		if (tfms_node_is(st, TFMS_NODE_COMMENT))
			continue;
		uint32_t s = ts_node_start_byte(st), t = ts_node_end_byte(st);
		/* Applied edits do not overlap: only the last one starting
		 * at or before the statement can cover it. */
		size_t lo = 0, hi = edits->len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (edits->items[mid].start <= s)
				lo = mid + 1;
			else
				hi = mid;
		}
		const tfms_edit *c = lo ? &edits->items[lo - 1] : NULL;
		if (!c || !(c->flags & TFMS_EDIT_REMOVES_LINES) || c->end < t)
			return false;
	}
	return true;
}

/* How many statements text holds, or -1 when it has errors. */
static long count_statements(tfms_python *py, const char *text, size_t len)
{
	TSTree *tree = tfms_python_parse(py, text, len);
	TSNode root = ts_tree_root_node(tree);
	long statements = 0;
	uint32_t count = ts_node_named_child_count(root);
	for (uint32_t i = 0; i < count; i++)
		if (!tfms_node_is(ts_node_named_child(root, i),
				  TFMS_NODE_COMMENT))
			statements++;
	if (tfms_python_error_count(tree) != 0 ||
	    tfms_verify_cpython(tree, text) != 0)
		statements = -1;
	ts_tree_delete(tree);
	return statements;
}

/* The changed statements, each on its own line of one small module, are
 * parsed together: one parse instead of one per statement. Clean means no
 * errors and exactly one statement per unit; anything else is decided by
 * the caller's full re-parse. */
tfms_verify_result tfms_verify_locally(tfms_python *py, const tfms_source *src,
				       const TSTree *tree,
				       const tfms_edit_list *edits)
{
	TSNode root = ts_tree_root_node(tree);
	tfms_buf batch = TFMS_BUF_INIT, alone = TFMS_BUF_INIT;
	long units = 0;
	uint32_t covered_start = 1, covered_end = 0; /* the last unit */
	TSNode last_block = {0};
	for (size_t i = 0; i < edits->len; i++) {
		const tfms_edit *e = &edits->items[i];
		if (e->flags & TFMS_EDIT_REMOVES_LINES) {
			if (empties_block(root, edits, e, &last_block))
				goto unknown;
			continue;
		}
		if (e->flags & TFMS_EDIT_ADDS_STATEMENTS) {
			/* Complete module-level lines, checked as they are. */
			const char *t = e->text;
			while (*t == '\r' || *t == '\n')
				t++;
			if (count_statements(py, t, strlen(t)) <= 0)
				goto unknown;
			continue;
		}
		if (e->start >= covered_start && e->end <= covered_end)
			continue;
		unit u = find_unit(root, e);
		if (u.kind == UNIT_NONE)
			goto unknown;
		if (u.kind == UNIT_PRIMARY)
			continue;
		/* The unit's new text: its bytes with every edit inside it,
		 * including edits before this one (units nest). A line break
		 * in an edit's text is checked only strictly inside a call's
		 * parentheses (a list argument turned into a tuple copies its
		 * lines), where Python joins lines, and that unit is parsed
		 * alone: in a batch its brackets could pair with another's. */
		size_t first = i;
		while (first > 0 && edits->items[first - 1].start >= u.start)
			first--;
		bool breaks = false;
		for (size_t j = first;
		     j < edits->len && edits->items[j].start <= u.end; j++)
			breaks = breaks || strchr(edits->items[j].text, '\n');
		if (breaks && u.kind != UNIT_ARGUMENTS)
			goto unknown;
		tfms_buf *into = breaks ? &alone : &batch;
		tfms_buf_clear(&alone);
		if (u.kind == UNIT_ARGUMENTS)
			tfms_buf_putc(into, 'f');
		size_t at = u.start;
		for (size_t j = first;
		     j < edits->len && edits->items[j].start <= u.end; j++) {
			const tfms_edit *ue = &edits->items[j];
			if (ue->end > u.end || ue->flags)
				goto unknown;
			tfms_buf_put(into, src->data + at, ue->start - at);
			tfms_buf_puts(into, ue->text);
			at = ue->end;
		}
		tfms_buf_put(into, src->data + at, u.end - at);
		if (u.kind == UNIT_HEADER)
			tfms_buf_puts(into, " pass");
		tfms_buf_putc(into, '\n');
		if (breaks) {
			if (count_statements(py, alone.ptr, alone.len) != 1)
				goto unknown;
		} else {
			units++;
		}
		covered_start = u.start;
		covered_end = u.end;
	}
	if (units && count_statements(py, batch.ptr, batch.len) != units)
		goto unknown;
	tfms_buf_dispose(&batch);
	tfms_buf_dispose(&alone);
	return TFMS_VERIFY_CLEAN;
unknown:
	tfms_buf_dispose(&batch);
	tfms_buf_dispose(&alone);
	return TFMS_VERIFY_UNKNOWN;
}

/* ---- What CPython rejects and tree-sitter accepts ---- */

/* The f-string a walk is inside: its closing delimiter. */
typedef struct {
	uint32_t depth; /* cursor depth of the string or interpolation */
	bool interp;	/* an interpolation, not a string */
	char quote;	/* ' or " */
	bool triple;
	bool is_f;
} string_frame;

static bool is_named_type(TSNode n, const char *type)
{
	return strcmp(ts_node_type(n), type) == 0;
}

static string_frame string_frame_of(TSNode string, uint32_t depth,
				    const char *text)
{
	string_frame f = {depth, false, 0, false, false};
	TSNode start = ts_node_child(string, 0);
	if (ts_node_is_null(start))
		return f;
	for (uint32_t i = ts_node_start_byte(start);
	     i < ts_node_end_byte(start); i++) {
		char ch = text[i];
		if (ch == 'f' || ch == 'F')
			f.is_f = true;
		else if (ch == '\'' || ch == '"') {
			f.quote = ch;
			f.triple = ts_node_end_byte(start) - i >= 3;
			break;
		}
	}
	return f;
}

/* Before Python 3.12 an f-string is one token: its replacement fields
 * cannot hold its own closing quote, a backslash outside the format spec's
 * literal text, or a comment (PEP 701 lifted all three). */
static size_t interpolation_violations(TSNode interp, const string_frame *f,
				       const char *text)
{
	size_t bad = 0;
	uint32_t s = ts_node_start_byte(interp), e = ts_node_end_byte(interp);
	for (uint32_t i = s; i < e; i++) {
		if (text[i] != f->quote || (i > s && text[i - 1] == '\\'))
			continue;
		if (!f->triple || (i + 2 < e && text[i + 1] == f->quote &&
				   text[i + 2] == f->quote)) {
			bad++;
			break;
		}
	}
	uint32_t count = ts_node_named_child_count(interp);
	for (uint32_t k = 0; k < count; k++) {
		TSNode ch = ts_node_named_child(interp, k);
		if (is_named_type(ch, "format_specifier"))
			continue;
		uint32_t cs = ts_node_start_byte(ch), ce = ts_node_end_byte(ch);
		if (memchr(text + cs, '\\', ce - cs)) {
			bad++;
			break;
		}
	}
	return bad;
}

size_t tfms_verify_cpython(const TSTree *tree, const char *text)
{
	size_t bad = 0;
	/* Enclosing strings and interpolations, innermost last. */
	tfms_array(string_frame) frames = TFMS_ARRAY_INIT;
	const string_frame *fstring = NULL; /* innermost string, if an f */
	size_t interps = 0;
	TSTreeCursor cur = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t depth = 0;
	for (;;) {
		TSNode n = ts_tree_cursor_current_node(&cur);
		switch (tfms_node_kind_of(n)) {
		case TFMS_NODE_BLOCK:
			/* `try:` whose body went away: IndentationError. */
			bad += tfms_pytext_named_count(n) == 0;
			break;
		case TFMS_NODE_STRING:
			tfms_array_push(&frames,
					string_frame_of(n, depth, text));
			break;
		case TFMS_NODE_COMMENT:
			bad += interps > 0;
			break;
		default:
			if (!is_named_type(n, "interpolation"))
				break;
			for (size_t i = frames.len; i-- > 0;)
				if (!frames.items[i].interp) {
					fstring = &frames.items[i];
					break;
				}
			if (fstring && fstring->is_f)
				bad += interpolation_violations(n, fstring,
								text);
			tfms_array_push(
				&frames,
				((string_frame){depth, true, 0, false, false}));
			interps++;
			break;
		}
		fstring = NULL;
		if (ts_tree_cursor_goto_first_child(&cur)) {
			depth++;
			continue;
		}
		/* Leave finished nodes, popping their frames. */
		for (;;) {
			if (frames.len &&
			    frames.items[frames.len - 1].depth == depth) {
				interps -= frames.items[frames.len - 1].interp;
				frames.len--;
			}
			if (ts_tree_cursor_goto_next_sibling(&cur))
				break;
			if (!ts_tree_cursor_goto_parent(&cur))
				goto out;
			depth--;
		}
	}
out:
	ts_tree_cursor_delete(&cur);
	tfms_array_free(&frames);
	return bad;
}

/* Where offset sits: tree-sitter's row and byte column. */
static TSPoint point_at(const tfms_source *src, size_t offset)
{
	size_t start = tfms_source_line_start(src, offset);
	uint32_t line, column;
	tfms_source_position(src, start, &line, &column);
	return (TSPoint){line - 1, (uint32_t)(offset - start)};
}

tfms_verify_result tfms_verify_reparse(tfms_python *py, const tfms_source *src,
				       const TSTree *old,
				       const tfms_edit_list *edits,
				       const char *text, size_t len)
{
	/* The edits as one: ts_tree_edit costs O(depth) a call, so one call
	 * per edit was O(edits x depth) (issue 14); the parser re-reads the
	 * changed span either way. */
	TSTree *edited = ts_tree_copy(old);
	if (edits->len) {
		size_t start = edits->items[0].start, old_end = 0;
		for (size_t k = 0; k < edits->len; k++)
			if (edits->items[k].end > old_end)
				old_end = edits->items[k].end;
		size_t new_end = old_end + len - src->len;
		TSPoint start_point = point_at(src, start);
		TSPoint new_point = start_point;
		for (size_t i = start; i < new_end && i < len; i++) {
			if (text[i] == '\n') {
				new_point.row++;
				new_point.column = 0;
			} else {
				new_point.column++;
			}
		}
		TSInputEdit ie = {(uint32_t)start,	  (uint32_t)old_end,
				  (uint32_t)new_end,	  start_point,
				  point_at(src, old_end), new_point};
		ts_tree_edit(edited, &ie);
	}
	TSTree *tree = tfms_python_reparse(py, edited, text, len);
	ts_tree_delete(edited);
	tfms_verify_result v = TFMS_VERIFY_CLEAN;
	if (tfms_python_error_count(tree) > tfms_python_error_count(old))
		v = TFMS_VERIFY_BROKEN;
	else {
		size_t after = tfms_verify_cpython(tree, text);
		/* The input's own count only matters when there is any. */
		if (after && after > tfms_verify_cpython(old, src->data))
			v = TFMS_VERIFY_BROKEN;
	}
	ts_tree_delete(tree);
	return v;
}
