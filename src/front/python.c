#include "tfms/python.h"
#include "tfms/alloc.h"
#include "tfms/error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

const TSLanguage *tree_sitter_python(void);

struct tfms_python {
	TSParser *parser;
};

/* Named node types are regular symbols, the tokens anonymous ones; the
 * grammar also has an anonymous "await" or "type" keyword beside the node of
 * that name, so each table matches only its own symbol type. */
static const char *const node_names[TFMS_NODE_COUNT] = {
	[TFMS_NODE_IDENTIFIER] = "identifier",
	[TFMS_NODE_ATTRIBUTE] = "attribute",
	[TFMS_NODE_CALL] = "call",
	[TFMS_NODE_ARGUMENT_LIST] = "argument_list",
	[TFMS_NODE_KEYWORD_ARGUMENT] = "keyword_argument",
	[TFMS_NODE_FUNCTION_DEFINITION] = "function_definition",
	[TFMS_NODE_CLASS_DEFINITION] = "class_definition",
	[TFMS_NODE_DECORATED_DEFINITION] = "decorated_definition",
	[TFMS_NODE_LAMBDA] = "lambda",
	[TFMS_NODE_DEFAULT_PARAMETER] = "default_parameter",
	[TFMS_NODE_TYPED_PARAMETER] = "typed_parameter",
	[TFMS_NODE_TYPED_DEFAULT_PARAMETER] = "typed_default_parameter",
	[TFMS_NODE_LIST_SPLAT_PATTERN] = "list_splat_pattern",
	[TFMS_NODE_DICTIONARY_SPLAT_PATTERN] = "dictionary_splat_pattern",
	[TFMS_NODE_TUPLE_PATTERN] = "tuple_pattern",
	[TFMS_NODE_LIST_PATTERN] = "list_pattern",
	[TFMS_NODE_PATTERN_LIST] = "pattern_list",
	[TFMS_NODE_TUPLE] = "tuple",
	[TFMS_NODE_LIST] = "list",
	[TFMS_NODE_PARENTHESIZED_EXPRESSION] = "parenthesized_expression",
	[TFMS_NODE_LIST_SPLAT] = "list_splat",
	[TFMS_NODE_SUBSCRIPT] = "subscript",
	[TFMS_NODE_LIST_COMPREHENSION] = "list_comprehension",
	[TFMS_NODE_SET_COMPREHENSION] = "set_comprehension",
	[TFMS_NODE_DICTIONARY_COMPREHENSION] = "dictionary_comprehension",
	[TFMS_NODE_GENERATOR_EXPRESSION] = "generator_expression",
	[TFMS_NODE_FOR_IN_CLAUSE] = "for_in_clause",
	[TFMS_NODE_ASSIGNMENT] = "assignment",
	[TFMS_NODE_AUGMENTED_ASSIGNMENT] = "augmented_assignment",
	[TFMS_NODE_FOR_STATEMENT] = "for_statement",
	[TFMS_NODE_WITH_ITEM] = "with_item",
	[TFMS_NODE_AS_PATTERN] = "as_pattern",
	[TFMS_NODE_AS_PATTERN_TARGET] = "as_pattern_target",
	[TFMS_NODE_EXCEPT_CLAUSE] = "except_clause",
	[TFMS_NODE_NAMED_EXPRESSION] = "named_expression",
	[TFMS_NODE_IMPORT_STATEMENT] = "import_statement",
	[TFMS_NODE_IMPORT_FROM_STATEMENT] = "import_from_statement",
	[TFMS_NODE_FUTURE_IMPORT_STATEMENT] = "future_import_statement",
	[TFMS_NODE_GLOBAL_STATEMENT] = "global_statement",
	[TFMS_NODE_NONLOCAL_STATEMENT] = "nonlocal_statement",
	[TFMS_NODE_DELETE_STATEMENT] = "delete_statement",
	[TFMS_NODE_CASE_CLAUSE] = "case_clause",
	[TFMS_NODE_CASE_PATTERN] = "case_pattern",
	[TFMS_NODE_CLASS_PATTERN] = "class_pattern",
	[TFMS_NODE_KEYWORD_PATTERN] = "keyword_pattern",
	[TFMS_NODE_SPLAT_PATTERN] = "splat_pattern",
	[TFMS_NODE_DOTTED_NAME] = "dotted_name",
	[TFMS_NODE_ALIASED_IMPORT] = "aliased_import",
	[TFMS_NODE_WILDCARD_IMPORT] = "wildcard_import",
	[TFMS_NODE_COMMENT] = "comment",
	[TFMS_NODE_TYPE] = "type",
	[TFMS_NODE_BLOCK] = "block",
	[TFMS_NODE_MODULE] = "module",
	[TFMS_NODE_EXPRESSION_STATEMENT] = "expression_statement",
	[TFMS_NODE_STRING] = "string",
	[TFMS_NODE_CONCATENATED_STRING] = "concatenated_string",
	[TFMS_NODE_NONE] = "none",
	[TFMS_NODE_TRY_STATEMENT] = "try_statement",
	[TFMS_NODE_IF_STATEMENT] = "if_statement",
	[TFMS_NODE_PASS_STATEMENT] = "pass_statement",
	[TFMS_NODE_ELSE_CLAUSE] = "else_clause",
	[TFMS_NODE_ELIF_CLAUSE] = "elif_clause",
	[TFMS_NODE_FINALLY_CLAUSE] = "finally_clause",
	[TFMS_NODE_EXCEPT_GROUP_CLAUSE] = "except_group_clause",
	[TFMS_NODE_AWAIT] = "await",
	[TFMS_NODE_YIELD] = "yield",
	[TFMS_NODE_DICTIONARY_SPLAT] = "dictionary_splat",
};

static const char *const token_names[TFMS_NODE_COUNT] = {
	[TFMS_NODE_COMMA] = ",",
	[TFMS_NODE_COLON] = ":",
};

static uint8_t *symbol_kinds;
static uint32_t symbol_count;
static pthread_once_t kinds_once = PTHREAD_ONCE_INIT;

static void init_kinds(void)
{
	const TSLanguage *lang = tree_sitter_python();
	symbol_count = ts_language_symbol_count(lang);
	symbol_kinds = tfms_calloc(symbol_count, 1);
	/* Several symbol ids can share a public name (aliases), so map every
	 * id by name rather than asking for one id per name. */
	for (uint32_t sym = 0; sym < symbol_count; sym++) {
		TSSymbolType type =
			ts_language_symbol_type(lang, (TSSymbol)sym);
		const char *const *names =
			type == TSSymbolTypeRegular	? node_names
			: type == TSSymbolTypeAnonymous ? token_names
							: NULL;
		if (!names)
			continue;
		const char *name = ts_language_symbol_name(lang, (TSSymbol)sym);
		for (int k = 1; k < TFMS_NODE_COUNT; k++)
			if (names[k] && strcmp(name, names[k]) == 0)
				symbol_kinds[sym] = (uint8_t)k;
	}
}

tfms_node_kind tfms_node_kind_of(TSNode n)
{
	if (ts_node_is_null(n))
		return TFMS_NODE_OTHER;
	TSSymbol sym = ts_node_symbol(n);
	if (sym == TFMS_TS_ERROR_SYMBOL)
		return TFMS_NODE_ERROR;
	return sym < symbol_count ? (tfms_node_kind)symbol_kinds[sym]
				  : TFMS_NODE_OTHER;
}

bool tfms_node_is(TSNode n, tfms_node_kind k)
{
	return tfms_node_kind_of(n) == k;
}

const TSLanguage *tfms_python_language(void)
{
	return tree_sitter_python();
}

int tfms_python_new(tfms_python **out)
{
	*out = NULL;
	pthread_once(&kinds_once, init_kinds);
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

TSTree *tfms_python_parse_ranges(tfms_python *py, const char *text, size_t len,
				 const TSRange *ranges, uint32_t nranges)
{
	if (!nranges)
		return NULL; /* tree-sitter would read that as the whole text */
	ts_parser_reset(py->parser);
	if (!ts_parser_set_included_ranges(py->parser, ranges, nranges))
		return NULL;
	TSTree *tree =
		ts_parser_parse_string(py->parser, NULL, text, (uint32_t)len);
	/* Every other parse reads the whole text. */
	ts_parser_set_included_ranges(py->parser, NULL, 0);
	return tree;
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

bool tfms_node_is_clause(TSNode n)
{
	switch (tfms_node_kind_of(n)) {
	case TFMS_NODE_ELIF_CLAUSE:
	case TFMS_NODE_ELSE_CLAUSE:
	case TFMS_NODE_EXCEPT_CLAUSE:
	case TFMS_NODE_EXCEPT_GROUP_CLAUSE:
	case TFMS_NODE_FINALLY_CLAUSE:
	case TFMS_NODE_CASE_CLAUSE:
		return true;
	default:
		return false;
	}
}
