#include "tfms/fingerprint.h"
#include "tfms/alloc.h"
#include "tfms/array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a, 64 bits: stable across platforms and releases, which is all a
 * fingerprint needs; collisions only merge two findings' identities. */
#define FNV_OFFSET 14695981039346656037ull
#define FNV_PRIME  1099511628211ull

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* A field and a separator that no field holds. */
static uint64_t hash_field(uint64_t h, const char *s)
{
	if (s)
		h = hash_bytes(h, s, strlen(s));
	return hash_bytes(h, "", 1);
}

/* The line without any whitespace: re-indenting or re-spacing it keeps
 * its identity. */
static uint64_t hash_line(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n' &&
		    *s != '\f' && *s != '\v')
			h = hash_bytes(h, s, 1);
	return hash_bytes(h, "", 1);
}

typedef struct {
	uint64_t key;
	size_t index;
} keyed;

static int compare_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Adds each record's rank among those with the same key (in record
 * order) to its hash. */
static tfms_fingerprint *finish(keyed *keys, size_t n)
{
	tfms_fingerprint *out = tfms_calloc(n + 1, sizeof(*out));
	tfms_sort(keys, n, sizeof(*keys), compare_keyed);
	size_t rank = 0;
	for (size_t i = 0; i < n; i++) {
		rank = i > 0 && keys[i].key == keys[i - 1].key ? rank + 1 : 0;
		char r[32];
		snprintf(r, sizeof(r), "%zu", rank);
		uint64_t h = hash_field(keys[i].key, r);
		snprintf(out[keys[i].index].hex, sizeof(out->hex), "%016llx",
			 (unsigned long long)h);
	}
	free(keys);
	return out;
}

tfms_fingerprint *tfms_fingerprint_findings(const tfms_results *r)
{
	keyed *keys = tfms_calloc(r->nfindings + 1, sizeof(*keys));
	for (size_t i = 0; i < r->nfindings; i++) {
		const tfms_finding *f = &r->findings[i];
		uint64_t h = hash_field(FNV_OFFSET, "finding/v1");
		h = hash_field(h, f->path);
		h = hash_field(h, f->api);
		keys[i] = (keyed){hash_line(h, f->source_line), i};
	}
	return finish(keys, r->nfindings);
}

tfms_fingerprint *tfms_fingerprint_conversions(const tfms_results *r)
{
	keyed *keys = tfms_calloc(r->nconversions + 1, sizeof(*keys));
	for (size_t i = 0; i < r->nconversions; i++) {
		const tfms_conversion *c = &r->conversions[i];
		uint64_t h = hash_field(FNV_OFFSET, "conversion/v1");
		h = hash_field(h, c->path);
		keys[i] = (keyed){hash_field(h, c->api), i};
	}
	return finish(keys, r->nconversions);
}
