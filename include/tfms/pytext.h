/* Python text surgery: the edits that remove elements of a bracketed list
 * (call arguments, imported names) or whole statements without leaving
 * broken syntax behind, and the line facts they rest on. Every function
 * only proposes edits (see edit.h); nodes must come from src's tree. */
#ifndef TFMS_PYTEXT_H
#define TFMS_PYTEXT_H

#include "tfms/edit.h"
#include "tfms/python.h"
#include "tfms/source.h"

/* Only indentation precedes offset on its line (a BOM does not count). */
bool tfms_pytext_starts_line(const tfms_source *src, size_t offset);

/* The offset just past the line break ending the line that holds offset,
 * when only white space (and, if allow_comment, a comment) follows offset
 * on that line; src->len at the end of a file without a final newline;
 * otherwise 0. */
size_t tfms_pytext_rest_of_line_end(const tfms_source *src, size_t offset,
				    bool allow_comment);

/* The indentation before offset on its line. Caller owns; free with
 * free(). */
char *tfms_pytext_indentation(const tfms_source *src, size_t offset);

/* The bytes of n. Caller owns; free with free(). */
char *tfms_pytext_node_text(const tfms_source *src, TSNode n);

/* How many named children n has that are not comments or backslash
 * continuations (extras). */
size_t tfms_pytext_named_count(TSNode n);

/* Proposes edits removing elems[i] for every gone[i] from the
 * comma-separated list parent (an argument_list, an import statement),
 * with their separators. Comments inside the list stay. origin must
 * outlive edits. */
void tfms_pytext_delete_elements(tfms_edit_list *edits, const tfms_source *src,
				 TSNode parent, const TSNode *elems,
				 const bool *gone, size_t n,
				 const char *origin);

/* Proposes replacing the statement stmt with replacement (one or more
 * statements, joined by the caller), or removing it when replacement is
 * NULL (as tfms_pytext_remove_statements does with one statement). Copies
 * replacement; origin must outlive edits. */
void tfms_pytext_replace_statement(tfms_edit_list *edits,
				   const tfms_source *src, TSNode stmt,
				   const char *replacement, const char *origin);

/* Proposes removing the statements stmts[0..n) (in source order, each
 * once): their whole lines when nothing else is on them (flagged
 * TFMS_EDIT_REMOVES_LINES), with their ';' when they share one, and
 * `pass` in place of the first when a block would keep no statement.
 * origin must outlive edits. */
void tfms_pytext_remove_statements(tfms_edit_list *edits,
				   const tfms_source *src, const TSNode *stmts,
				   size_t n, const char *origin);

/* Makes texts[0..n) (edits for the expression at offset of src's tree;
 * NULL entries are skipped) valid inside every f-string replacement field
 * that holds offset, for Python 3.7 to 3.11 too: their string literals
 * take the quote character the f-strings leave free. Changes the texts in
 * place (same length). Returns NULL when they fit, or why not (a
 * finding's text; caller owns; free with free()); the texts may then be
 * partly changed. */
char *tfms_pytext_fit_fstrings(const tfms_source *src, const TSTree *tree,
			       size_t offset, char **texts, size_t n);

#endif
