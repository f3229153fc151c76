/* FNV-1a over bytes: the one hash of the in-memory tables (names in the
 * resolver, the project's modules, the string index, tfms_strmap). Not for
 * anything persisted: fingerprints (fingerprint.h) define their own. */
#ifndef TFMS_HASH_H
#define TFMS_HASH_H

#include "tfms/common.h"

/* seed 0 for a plain hash; a nonzero seed keys one table by two things
 * (the resolver's scope and name). */
static inline uint64_t tfms_hash_bytes(const void *data, size_t len,
				       uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ull ^ seed;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

#endif
