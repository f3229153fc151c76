#include "tfms/yaml.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

void tfms_yaml_free(tfms_yaml_node *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->n; i++)
		tfms_yaml_free(node->items[i]);
	free(node->items);
	free(node->value);
	free(node);
}

static int compare_keys(const void *a, const void *b)
{
	const tfms_yaml_node *x = *(const tfms_yaml_node *const *)a,
			     *y = *(const tfms_yaml_node *const *)b;
	int c = strcmp(x->value, y->value);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Keys are strings, each once per mapping. */
static int check_keys(const char *name, const tfms_yaml_node *map)
{
	size_t n = 0;
	const tfms_yaml_node **keys =
		tfms_calloc(map->n / 2 + 1, sizeof(*keys));
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		if (map->items[i]->kind != TFMS_YAML_SCALAR) {
			free(keys);
			return tfms_error_set("%s:%zu: keys must be strings",
					      name, map->items[i]->line);
		}
		keys[n++] = map->items[i];
	}
	tfms_sort(keys, n, sizeof(*keys), compare_keys);
	int rc = 0;
	for (size_t i = 1; i < n && rc == 0; i++)
		if (strcmp(keys[i - 1]->value, keys[i]->value) == 0)
			rc = tfms_error_set("%s:%zu: key '%s' given twice "
					    "(first on line %zu)",
					    name, keys[i]->line, keys[i]->value,
					    keys[i - 1]->line);
	free(keys);
	return rc;
}

int tfms_yaml_load(tfms_yaml_node **out, const char *name, const char *data,
		   size_t len)
{
	yaml_parser_t parser;
	yaml_event_t event;
	tfms_array(tfms_yaml_node *) stack = TFMS_ARRAY_INIT;
	tfms_yaml_node *root = NULL;
	int rc = 0;
	*out = NULL;

	if (!yaml_parser_initialize(&parser))
		return tfms_error_set("%s: cannot initialise YAML parser",
				      name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	for (bool done = false; !done;) {
		if (!yaml_parser_parse(&parser, &event)) {
			rc = tfms_error_set("%s:%zu:%zu: %s", name,
					    parser.problem_mark.line + 1,
					    parser.problem_mark.column + 1,
					    parser.problem ? parser.problem
							   : "invalid YAML");
			break;
		}
		tfms_yaml_node *node = NULL;
		switch (event.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_ALIAS_EVENT:
			rc = tfms_error_set("%s:%zu: YAML aliases are not "
					    "supported in rule files",
					    name, event.start_mark.line + 1);
			done = true;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			node = tfms_calloc(1, sizeof(*node));
			node->line = event.start_mark.line + 1;
			if (event.type == YAML_SCALAR_EVENT) {
				node->kind = TFMS_YAML_SCALAR;
				node->value = tfms_strndup(
					(const char *)event.data.scalar.value,
					event.data.scalar.length);
			} else {
				node->kind =
					event.type == YAML_SEQUENCE_START_EVENT
						? TFMS_YAML_SEQUENCE
						: TFMS_YAML_MAPPING;
			}
			if (stack.len) {
				tfms_yaml_node *parent =
					stack.items[stack.len - 1];
				parent->items = tfms_realloc(
					parent->items,
					(parent->n + 1) *
						sizeof(tfms_yaml_node *));
				parent->items[parent->n++] = node;
			} else if (!root) {
				root = node;
			} else {
				tfms_yaml_free(node);
				rc = tfms_error_set("%s: more than one YAML "
						    "document",
						    name);
				done = true;
				break;
			}
			if (node->kind != TFMS_YAML_SCALAR)
				tfms_array_push(&stack, node);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			stack.len--;
			if (event.type == YAML_MAPPING_END_EVENT &&
			    (rc = check_keys(name, stack.items[stack.len])) < 0)
				done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	tfms_array_free(&stack);
	if (rc < 0) {
		tfms_yaml_free(root);
		return rc;
	}
	*out = root;
	return 0;
}

const tfms_yaml_node *tfms_yaml_get(const tfms_yaml_node *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->items[i]->kind == TFMS_YAML_SCALAR &&
		    strcmp(map->items[i]->value, key) == 0)
			return map->items[i + 1];
	return NULL;
}
