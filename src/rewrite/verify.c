#include "tfms/verify.h"
#include "tfms/buf.h"

#include <string.h>

static bool is_clause(TSNode n)
{
	switch (tfms_node_kind_of(n)) {
	case TFMS_NODE_ELIF_CLAUSE:
	case TFMS_NODE_ELSE_CLAUSE:
	case TFMS_NODE_EXCEPT_CLAUSE:
	case TFMS_NODE_EXCEPT_GROUP_CLAUSE:
	case TFMS_NODE_FINALLY_CLAUSE:
	case TFMS_NODE_CASE_CLAUSE:
	case TFMS_NODE_DECORATED_DEFINITION:
		return true;
	default:
		return false;
	}
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
	bool through_clause = false;
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
		/* Strictly inside the parentheses of a call's arguments. */
		if (tfms_node_is(child, TFMS_NODE_ARGUMENT_LIST) &&
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
	if (tfms_python_error_count(tree) != 0)
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
	tfms_buf batch = TFMS_BUF_INIT;
	long units = 0;
	uint32_t covered_start = 1, covered_end = 0; /* the last unit */
	for (size_t i = 0; i < edits->len; i++) {
		const tfms_edit *e = &edits->items[i];
		if (e->flags & TFMS_EDIT_REMOVES_LINES)
			continue;
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
		if (strchr(e->text, '\n'))
			goto unknown;
		unit u = find_unit(root, e);
		if (u.kind == UNIT_NONE)
			goto unknown;
		if (u.kind == UNIT_PRIMARY)
			continue;
		/* The unit's new text: its bytes with every edit inside it,
		 * including edits before this one (units nest). */
		size_t first = i;
		while (first > 0 && edits->items[first - 1].start >= u.start)
			first--;
		if (u.kind == UNIT_ARGUMENTS)
			tfms_buf_putc(&batch, 'f');
		size_t at = u.start;
		for (size_t j = first;
		     j < edits->len && edits->items[j].start <= u.end; j++) {
			const tfms_edit *ue = &edits->items[j];
			if (ue->end > u.end)
				goto unknown;
			if (ue->flags || strchr(ue->text, '\n'))
				goto unknown;
			tfms_buf_put(&batch, src->data + at, ue->start - at);
			tfms_buf_puts(&batch, ue->text);
			at = ue->end;
		}
		tfms_buf_put(&batch, src->data + at, u.end - at);
		if (u.kind == UNIT_HEADER)
			tfms_buf_puts(&batch, " pass");
		tfms_buf_putc(&batch, '\n');
		units++;
		covered_start = u.start;
		covered_end = u.end;
	}
	if (units && count_statements(py, batch.ptr, batch.len) != units)
		goto unknown;
	tfms_buf_dispose(&batch);
	return TFMS_VERIFY_CLEAN;
unknown:
	tfms_buf_dispose(&batch);
	return TFMS_VERIFY_UNKNOWN;
}
