#include "tfms/python.h"
#include "tfms/alloc.h"
#include "tfms/error.h"

#include <stdlib.h>

const TSLanguage *tree_sitter_python(void);

struct tfms_python {
	TSParser *parser;
};

const TSLanguage *tfms_python_language(void)
{
	return tree_sitter_python();
}

int tfms_python_new(tfms_python **out)
{
	*out = NULL;
	tfms_python *py = tfms_calloc(1, sizeof(*py));
	py->parser = ts_parser_new();
	if (!ts_parser_set_language(py->parser, tree_sitter_python())) {
		ts_parser_delete(py->parser);
		free(py);
		return tfms_error_set(
			"python grammar ABI %u is not supported by this "
			"tree-sitter library (ABI %u..%u)",
			ts_language_version(tree_sitter_python()),
			TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
			TREE_SITTER_LANGUAGE_VERSION);
	}
	*out = py;
	return 0;
}

void tfms_python_free(tfms_python *py)
{
	if (!py)
		return;
	ts_parser_delete(py->parser);
	free(py);
}

TSTree *tfms_python_parse(tfms_python *py, const char *text, size_t len)
{
	ts_parser_reset(py->parser);
	return ts_parser_parse_string(py->parser, NULL, text, (uint32_t)len);
}

TSTree *tfms_python_reparse(tfms_python *py, const TSTree *old,
			    const char *text, size_t len)
{
	ts_parser_reset(py->parser);
	return ts_parser_parse_string(py->parser, old, text, (uint32_t)len);
}

size_t tfms_python_error_count(const TSTree *tree)
{
	TSNode root = ts_tree_root_node(tree);
	if (!ts_node_has_error(root))
		return 0;
	/* Only subtrees that contain an error are entered. */
	size_t count = 0;
	TSTreeCursor cursor = ts_tree_cursor_new(root);
	for (;;) {
		TSNode node = ts_tree_cursor_current_node(&cursor);
		if (ts_node_symbol(node) == TFMS_TS_ERROR_SYMBOL ||
		    ts_node_is_missing(node))
			count++;
		if (ts_node_has_error(node) && !ts_node_is_missing(node) &&
		    ts_tree_cursor_goto_first_child(&cursor))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
			if (!ts_tree_cursor_goto_parent(&cursor)) {
				ts_tree_cursor_delete(&cursor);
				return count;
			}
		}
	}
}
