#include "tfms/pytext.h"
#include "tfms/alloc.h"
#include "tfms/array.h"

#include <string.h>

static bool is_hspace(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\f';
}

bool tfms_pytext_starts_line(const tfms_source *src, size_t offset)
{
	size_t start = tfms_source_line_start(src, offset);
	if (start == 0)
		start = src->bom;
	for (size_t i = start; i < offset; i++)
		if (!is_hspace(src->data[i]))
			return false;
	return true;
}

size_t tfms_pytext_rest_of_line_end(const tfms_source *src, size_t offset,
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

char *tfms_pytext_indentation(const tfms_source *src, size_t offset)
{
	size_t start = tfms_source_line_start(src, offset);
	if (start == 0)
		start = src->bom;
	return tfms_strndup(src->data + start, offset - start);
}

char *tfms_pytext_node_text(const tfms_source *src, TSNode n)
{
	return tfms_strndup(src->data + ts_node_start_byte(n),
			    ts_node_end_byte(n) - ts_node_start_byte(n));
}

size_t tfms_pytext_named_count(TSNode n)
{
	size_t named = 0;
	uint32_t count = ts_node_named_child_count(n);
	for (uint32_t i = 0; i < count; i++)
		if (!ts_node_is_extra(ts_node_named_child(n, i)))
			named++; /* comments, backslash continuations */
	return named;
}

static bool span_has_comment(TSNode parent, size_t start, size_t end)
{
	uint32_t count = ts_node_child_count(parent);
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_child(parent, i);
		if (tfms_node_is(ch, TFMS_NODE_COMMENT) &&
		    ts_node_start_byte(ch) >= start &&
		    ts_node_end_byte(ch) <= end)
			return true;
	}
	return false;
}

/* Comments stay: each element goes with only the comma after it (a
 * trailing comma is fine inside brackets, and a list holding a comment has
 * brackets), or with its whole line when nothing else is on it. */
static void delete_around_comments(tfms_edit_list *edits,
				   const tfms_source *src, TSNode parent,
				   TSNode elem, const char *origin)
{
	size_t es = ts_node_start_byte(elem), ee = ts_node_end_byte(elem);
	TSNode comma = ts_node_next_sibling(elem);
	while (!ts_node_is_null(comma) &&
	       tfms_node_is(comma, TFMS_NODE_COMMENT))
		comma = ts_node_next_sibling(comma);
	bool has_comma = tfms_node_is(comma, TFMS_NODE_COMMA);
	size_t after = has_comma ? ts_node_end_byte(comma) : ee;
	size_t line_end = tfms_pytext_rest_of_line_end(src, after, false);
	if (tfms_pytext_starts_line(src, es) && line_end &&
	    (!has_comma || !span_has_comment(parent, ee, after))) {
		tfms_edits_add(edits, tfms_source_line_start(src, es), line_end,
			       "", origin);
		return;
	}
	tfms_edits_add(edits, es, ee, "", origin);
	if (has_comma) {
		size_t cs = ts_node_start_byte(comma);
		while (after < src->len && is_hspace(src->data[after]))
			after++;
		tfms_edits_add(edits, cs, after, "", origin);
	}
}

/* A run of neighbours goes at a time so that no two deletions touch. A
 * run before a kept element takes its following separator, a run at the
 * end the separator before it. */
void tfms_pytext_delete_elements(tfms_edit_list *edits, const tfms_source *src,
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
		} else {
			for (size_t k = i; k <= j; k++)
				delete_around_comments(&local, src, parent,
						       elems[k], origin);
		}
		i = j + 1;
	}
	for (size_t k = 0; k < local.len; k++)
		tfms_edits_add(edits, local.items[k].start, local.items[k].end,
			       "", origin);
	tfms_edits_dispose(&local);
}

void tfms_pytext_replace_statement(tfms_edit_list *edits,
				   const tfms_source *src, TSNode stmt,
				   const char *replacement, const char *origin)
{
	if (replacement) {
		tfms_edits_add(edits, ts_node_start_byte(stmt),
			       ts_node_end_byte(stmt), replacement, origin);
		return;
	}
	tfms_pytext_remove_statements(edits, src, &stmt, 1, origin);
}

/* Only blanks and one ';' lie between a and b: `a; b` on one line. */
static bool joined_by_semicolon(const tfms_source *src, size_t a, size_t b)
{
	bool semi = false;
	for (size_t i = a; i < b; i++) {
		char ch = src->data[i];
		if (ch == ';' && !semi)
			semi = true;
		else if (!is_hspace(ch))
			return false;
	}
	return semi;
}

/* A block none of whose statements stays keeps its first as `pass`: an
 * empty block is an IndentationError. stmts are parent's removed children
 * in order, so one merge-like pass decides. */
static bool empties_parent(TSNode parent, const TSNode *stmts, size_t n)
{
	if (!tfms_node_is(parent, TFMS_NODE_BLOCK))
		return false;
	uint32_t count = ts_node_named_child_count(parent);
	size_t k = 0;
	for (uint32_t i = 0; i < count; i++) {
		TSNode ch = ts_node_named_child(parent, i);
		if (ts_node_is_extra(ch))
			continue;
		if (k < n && ts_node_eq(stmts[k], ch))
			k++;
		else
			return false;
	}
	return true;
}

/* Removes stmts[first..last], neighbours on one line joined by ';'. */
static void remove_run(tfms_edit_list *edits, const tfms_source *src,
		       TSNode first, TSNode last, const char *origin)
{
	size_t start = ts_node_start_byte(first), end = ts_node_end_byte(last);
	size_t line_end = tfms_pytext_rest_of_line_end(src, end, true);
	if (tfms_pytext_starts_line(src, start) && line_end) {
		size_t line_start = tfms_source_line_start(src, start);
		if (line_start == 0)
			line_start = src->bom;
		tfms_edits_add(edits, line_start, line_end, "", origin)
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
		tfms_edits_add(edits, start, after, "", origin);
		return;
	}
	size_t before = start;
	while (before > 0 && is_hspace(src->data[before - 1]))
		before--;
	if (before > 0 && src->data[before - 1] == ';')
		before--;
	tfms_edits_add(edits, before, end, "", origin);
}

void tfms_pytext_remove_statements(tfms_edit_list *edits,
				   const tfms_source *src, const TSNode *stmts,
				   size_t n, const char *origin)
{
	TSNode parent = {0};
	bool pass_due = false;
	for (size_t i = 0; i < n;) {
		TSNode p = ts_node_parent(stmts[i]);
		if (i == 0 || !ts_node_eq(p, parent)) {
			parent = p;
			size_t same = i;
			while (same < n &&
			       ts_node_eq(ts_node_parent(stmts[same]), parent))
				same++;
			pass_due = empties_parent(parent, stmts + i, same - i);
		}
		if (pass_due) {
			tfms_edits_add(edits, ts_node_start_byte(stmts[i]),
				       ts_node_end_byte(stmts[i]), "pass",
				       origin);
			pass_due = false;
			i++;
			continue;
		}
		/* A run of removed statements sharing a line goes in one
		 * edit, so that no two removals claim the same ';'. */
		size_t j = i;
		while (j + 1 < n &&
		       ts_node_eq(ts_node_next_named_sibling(stmts[j]),
				  stmts[j + 1]) &&
		       joined_by_semicolon(src, ts_node_end_byte(stmts[j]),
					   ts_node_start_byte(stmts[j + 1])))
			j++;
		remove_run(edits, src, stmts[i], stmts[j], origin);
		i = j + 1;
	}
}

/* ---- Text inside f-strings ---- */

typedef struct {
	char quote;
	bool triple;
} fstring_frame;

static bool is_word(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_';
}

/* Every f-string whose replacement field holds offset, outermost first. */
static size_t enclosing_fstrings(const tfms_source *src, const TSTree *tree,
				 size_t offset, fstring_frame *out, size_t max)
{
	size_t n = 0;
	TSNode node = ts_tree_root_node(tree), string = {0};
	for (;;) {
		TSNode child = ts_node_first_child_for_byte(node, offset);
		if (ts_node_is_null(child) ||
		    ts_node_start_byte(child) > offset)
			break;
		if (tfms_node_is(child, TFMS_NODE_STRING))
			string = child;
		else if (!ts_node_is_null(string) &&
			 strcmp(ts_node_type(child), "interpolation") == 0 &&
			 n < max) {
			TSNode start = ts_node_child(string, 0);
			fstring_frame f = {0, false};
			bool is_f = false;
			for (uint32_t i = ts_node_start_byte(start);
			     i < ts_node_end_byte(start); i++) {
				char ch = src->data[i];
				if (ch == 'f' || ch == 'F')
					is_f = true;
				if (ch == '\'' || ch == '"') {
					f.quote = ch;
					f.triple =
						ts_node_end_byte(start) - i >=
						3;
					break;
				}
			}
			if (is_f && f.quote)
				out[n++] = f;
			string = (TSNode){0};
		}
		node = child;
	}
	return n;
}

static bool forbids(const fstring_frame *frames, size_t n, char quote)
{
	for (size_t i = 0; i < n; i++)
		if (!frames[i].triple && frames[i].quote == quote)
			return true;
	return false;
}

/* Rewrites text's string literals to quotes the f-strings allow. */
static const char *fit_text(char *text, const fstring_frame *frames, size_t n)
{
	if (strchr(text, '\\'))
		return "a backslash";
	for (size_t i = 0; i < n; i++)
		if (!frames[i].triple && strchr(text, '\n'))
			return "a line break";
	for (char *p = text; *p; p++) {
		if (*p != '\'' && *p != '"')
			continue;
		char q = *p, other = q == '\'' ? '"' : '\'';
		bool prefixed = p > text && is_word(p[-1]);
		bool triple = p[1] == q && p[2] == q;
		char *close = triple ? strstr(p + 3, (char[]){q, q, q, 0})
				     : strchr(p + 1, q);
		if (!close)
			return "an unterminated string";
		char *end = close + (triple ? 3 : 1);
		if (forbids(frames, n, q)) {
			if (triple || prefixed || forbids(frames, n, other) ||
			    memchr(p + 1, other, (size_t)(close - p - 1)))
				return "both quote characters";
			*p = other;
			*close = other;
		}
		p = end - 1;
	}
	for (size_t i = 0; i < n; i++) {
		char seq[4] = {frames[i].quote, frames[i].quote,
			       frames[i].quote, 0};
		if (frames[i].triple && strstr(text, seq))
			return "the string's own triple quote";
	}
	return NULL;
}

char *tfms_pytext_fit_fstrings(const tfms_source *src, const TSTree *tree,
			       size_t offset, char **texts, size_t n)
{
	fstring_frame frames[64];
	size_t nframes = enclosing_fstrings(src, tree, offset, frames, 64);
	if (nframes == 0)
		return NULL;
	if (nframes == 64)
		return tfms_strdup("inside f-strings nested too deeply to "
				   "check; port it by hand");
	for (size_t i = 0; i < n; i++) {
		const char *why =
			texts[i] ? fit_text(texts[i], frames, nframes) : NULL;
		if (why)
			return tfms_asprintf(
				"inside an f-string the converted call would "
				"need %s, which Python accepts there only from "
				"3.12; port it by hand",
				why);
	}
	return NULL;
}
