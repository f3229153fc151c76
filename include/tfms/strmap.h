/* A map from strings to indexes (open addressing, FNV-1a): for writers
 * that group records by path, API or rule, so that grouping stays linear
 * however many distinct keys there are. A zero-initialised map is empty
 * and valid. */
#ifndef TFMS_STRMAP_H
#define TFMS_STRMAP_H

#include "tfms/common.h"

typedef struct {
	const char **keys; /* borrowed: they must outlive the map */
	size_t *values;
	size_t cap, len;
} tfms_strmap;

/* The value of key; when key is absent, it is added with value_if_new
 * (and *added, when not NULL, is set). */
size_t tfms_strmap_get_or_add(tfms_strmap *map, const char *key,
			      size_t value_if_new, bool *added);
/* Whether key[0..len) (not necessarily NUL-terminated) is in the map;
 * its value goes to *value when value is not NULL. */
bool tfms_strmap_find(const tfms_strmap *map, const char *key, size_t len,
		      size_t *value);
/* Frees the table (not the keys); accepts an empty map. */
void tfms_strmap_dispose(tfms_strmap *map);

#endif
