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

/* Parses only the given byte ranges of text (sorted, disjoint, not empty;
 * see ts_parser_set_included_ranges): nodes keep their offsets and
 * positions in text. Caller owns the tree; NULL when the ranges are
 * refused. The parser reads whole texts again afterwards. */
TSTree *tfms_python_parse_ranges(tfms_python *py, const char *text, size_t len,
				 const TSRange *ranges, uint32_t nranges);

/* Parses text, reusing old: a copy of the tree of the text before edits,
 * with those edits applied by tfms_python_tree_edit. The result equals a
 * fresh parse of text. Caller owns the tree. */
TSTree *tfms_python_reparse(tfms_python *py, const TSTree *old,
			    const char *text, size_t len);

/* How many ERROR and MISSING nodes the tree holds: the measure "parses
 * worse" compares. */
size_t tfms_python_error_count(const TSTree *tree);

const TSLanguage *tfms_python_language(void);

/* The node kinds the engine looks at, named after the grammar's node types
 * ("call", "import_from_statement", ...; TFMS_NODE_COMMA and
 * TFMS_NODE_COLON are the anonymous "," and ":" tokens). Every other node
 * is TFMS_NODE_OTHER. The grammar's symbol ids are mapped to these once per
 * process, by the first tfms_python_new: ask only about nodes of trees that
 * a tfms_python parsed. */
typedef enum {
	TFMS_NODE_OTHER = 0,
	TFMS_NODE_IDENTIFIER,
	TFMS_NODE_ATTRIBUTE,
	TFMS_NODE_CALL,
	TFMS_NODE_ARGUMENT_LIST,
	TFMS_NODE_KEYWORD_ARGUMENT,
	TFMS_NODE_FUNCTION_DEFINITION,
	TFMS_NODE_CLASS_DEFINITION,
	TFMS_NODE_DECORATED_DEFINITION,
	TFMS_NODE_LAMBDA,
	TFMS_NODE_DEFAULT_PARAMETER,
	TFMS_NODE_TYPED_PARAMETER,
	TFMS_NODE_TYPED_DEFAULT_PARAMETER,
	TFMS_NODE_LIST_SPLAT_PATTERN,
	TFMS_NODE_DICTIONARY_SPLAT_PATTERN,
	TFMS_NODE_TUPLE_PATTERN,
	TFMS_NODE_LIST_PATTERN,
	TFMS_NODE_PATTERN_LIST,
	TFMS_NODE_TUPLE,
	TFMS_NODE_LIST,
	TFMS_NODE_PARENTHESIZED_EXPRESSION,
	TFMS_NODE_LIST_SPLAT,
	TFMS_NODE_SUBSCRIPT,
	TFMS_NODE_LIST_COMPREHENSION,
	TFMS_NODE_SET_COMPREHENSION,
	TFMS_NODE_DICTIONARY_COMPREHENSION,
	TFMS_NODE_GENERATOR_EXPRESSION,
	TFMS_NODE_FOR_IN_CLAUSE,
	TFMS_NODE_ASSIGNMENT,
	TFMS_NODE_AUGMENTED_ASSIGNMENT,
	TFMS_NODE_FOR_STATEMENT,
	TFMS_NODE_WITH_ITEM,
	TFMS_NODE_AS_PATTERN,
	TFMS_NODE_AS_PATTERN_TARGET,
	TFMS_NODE_EXCEPT_CLAUSE,
	TFMS_NODE_NAMED_EXPRESSION,
	TFMS_NODE_IMPORT_STATEMENT,
	TFMS_NODE_IMPORT_FROM_STATEMENT,
	TFMS_NODE_FUTURE_IMPORT_STATEMENT,
	TFMS_NODE_GLOBAL_STATEMENT,
	TFMS_NODE_NONLOCAL_STATEMENT,
	TFMS_NODE_DELETE_STATEMENT,
	TFMS_NODE_CASE_CLAUSE,
	TFMS_NODE_CASE_PATTERN,
	TFMS_NODE_CLASS_PATTERN,
	TFMS_NODE_KEYWORD_PATTERN,
	TFMS_NODE_SPLAT_PATTERN,
	TFMS_NODE_DOTTED_NAME,
	TFMS_NODE_ALIASED_IMPORT,
	TFMS_NODE_WILDCARD_IMPORT,
	TFMS_NODE_COMMENT,
	TFMS_NODE_TYPE,
	TFMS_NODE_BLOCK,
	TFMS_NODE_MODULE,
	TFMS_NODE_EXPRESSION_STATEMENT,
	TFMS_NODE_STRING,
	TFMS_NODE_CONCATENATED_STRING,
	TFMS_NODE_NONE,
	TFMS_NODE_TRY_STATEMENT,
	TFMS_NODE_IF_STATEMENT,
	TFMS_NODE_PASS_STATEMENT,
	TFMS_NODE_ELSE_CLAUSE,
	TFMS_NODE_ELIF_CLAUSE,
	TFMS_NODE_FINALLY_CLAUSE,
	TFMS_NODE_EXCEPT_GROUP_CLAUSE,
	TFMS_NODE_AWAIT,
	TFMS_NODE_YIELD,
	TFMS_NODE_DICTIONARY_SPLAT,
	TFMS_NODE_COMMA,
	TFMS_NODE_COLON,
	TFMS_NODE_ERROR,
	TFMS_NODE_COUNT
} tfms_node_kind;

/* The kind of n; TFMS_NODE_OTHER for a null node. */
tfms_node_kind tfms_node_kind_of(TSNode n);
/* n is not null and of kind k. */
bool tfms_node_is(TSNode n, tfms_node_kind k);
/* n is a clause that continues a compound statement (elif, else, except,
 * except*, finally) or a case of a match: nothing may stand between it and
 * what it continues. */
bool tfms_node_is_clause(TSNode n);

/* tree-sitter 0.20.7 has no ts_node_is_error; ERROR nodes carry this symbol. */
#define TFMS_TS_ERROR_SYMBOL ((TSSymbol)-1)

#endif
