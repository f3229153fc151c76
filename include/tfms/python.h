/* The Python grammar (tree-sitter-python 0.23.6, ABI 14) behind a small
 * interface. A tfms_python owns one TSParser; it is not thread-safe, so each
 * worker thread owns its own. */
#ifndef TFMS_PYTHON_H
#define TFMS_PYTHON_H

#include "tfms/common.h"

#include <tree_sitter/api.h>

typedef struct tfms_python tfms_python;

/* Caller owns *out; free with tfms_python_free. Fails when the grammar's ABI
 * does not match the tree-sitter library. */
int tfms_python_new(tfms_python **out) TFMS_WARN_UNUSED;
void tfms_python_free(tfms_python *py);

/* Caller owns the tree; free with ts_tree_delete. Never NULL. */
TSTree *tfms_python_parse(tfms_python *py, const char *text, size_t len);

/* Parses text, reusing old: a copy of the tree of the text before edits,
 * with those edits applied by tfms_python_tree_edit. The result equals a
 * fresh parse of text. Caller owns the tree. */
TSTree *tfms_python_reparse(tfms_python *py, const TSTree *old,
			    const char *text, size_t len);

/* How many ERROR and MISSING nodes the tree holds: the measure "parses
 * worse" compares. */
size_t tfms_python_error_count(const TSTree *tree);

const TSLanguage *tfms_python_language(void);

/* tree-sitter 0.20.7 has no ts_node_is_error; ERROR nodes carry this symbol. */
#define TFMS_TS_ERROR_SYMBOL ((TSSymbol)-1)

#endif
