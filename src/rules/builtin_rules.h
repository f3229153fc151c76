/* The rule files compiled into the binary (generated from rules/ at build
 * time by cmake/embed.cmake), so an installed tool never loads stale ones. */
#ifndef TFMS_BUILTIN_RULES_H
#define TFMS_BUILTIN_RULES_H

#include <stddef.h>

typedef struct {
	const char *name;
	const char *data;
	size_t len;
} tfms_builtin_file;

extern const tfms_builtin_file tfms_builtin_rules[];
extern const size_t tfms_builtin_rule_count;

#endif
