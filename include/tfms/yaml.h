/* A small YAML document tree on libyaml's event stream, shared by the rule
 * loaders (rules.c, hints.c). Rule files are user input: a key given twice
 * in one mapping is an error with both locations (YAML forbids it and
 * libyaml does not check; a rule whose `args:` came twice once overflowed a
 * buffer), and so are aliases and a second document. */
#ifndef TFMS_YAML_H
#define TFMS_YAML_H

#include "tfms/common.h"

typedef enum {
	TFMS_YAML_SCALAR,
	TFMS_YAML_SEQUENCE,
	TFMS_YAML_MAPPING
} tfms_yaml_kind;

typedef struct tfms_yaml_node {
	tfms_yaml_kind kind;
	char *value;		       /* scalars */
	size_t line;		       /* 1-based */
	struct tfms_yaml_node **items; /* sequences; mappings alternate key,
					  value */
	size_t n;
} tfms_yaml_node;

/* Parses data; name appears in messages ("name:line: why"). On success the
 * caller owns *out (free with tfms_yaml_free; NULL for an empty document);
 * on failure *out is NULL. */
int tfms_yaml_load(tfms_yaml_node **out, const char *name, const char *data,
		   size_t len) TFMS_WARN_UNUSED;
/* Frees node and everything below it; accepts NULL. */
void tfms_yaml_free(tfms_yaml_node *node);
/* The value of key in a mapping, or NULL. Borrowed from map. */
const tfms_yaml_node *tfms_yaml_get(const tfms_yaml_node *map, const char *key);

#endif
