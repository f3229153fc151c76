#include "tfms/strmap.h"
#include "tfms/alloc.h"
#include "tfms/hash.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_string(const char *s)
{
	return tfms_hash_bytes(s, strlen(s), 0);
}

static void grow(tfms_strmap *m)
{
	size_t cap = m->cap ? 2 * m->cap : 64;
	const char **keys = tfms_calloc(cap, sizeof(*keys));
	size_t *values = tfms_calloc(cap, sizeof(*values));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = hash_string(m->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		values[j] = m->values[i];
	}
	free(m->keys);
	free(m->values);
	m->keys = keys;
	m->values = values;
	m->cap = cap;
}

size_t tfms_strmap_get_or_add(tfms_strmap *m, const char *key,
			      size_t value_if_new, bool *added)
{
	if (added)
		*added = false;
	/* At most half full, so probes stay short. */
	if (2 * (m->len + 1) > m->cap)
		grow(m);
	size_t j = hash_string(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0)
			return m->values[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->values[j] = value_if_new;
	m->len++;
	if (added)
		*added = true;
	return value_if_new;
}

bool tfms_strmap_find(const tfms_strmap *m, const char *key, size_t len,
		      size_t *value)
{
	if (!m->cap)
		return false;
	size_t j = tfms_hash_bytes(key, len, 0) & (m->cap - 1);
	for (; m->keys[j]; j = (j + 1) & (m->cap - 1))
		if (strncmp(m->keys[j], key, len) == 0 &&
		    m->keys[j][len] == '\0') {
			if (value)
				*value = m->values[j];
			return true;
		}
	return false;
}

void tfms_strmap_dispose(tfms_strmap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}
