#include "tfms/strindex.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/hash.h"

#include <stdlib.h>
#include <string.h>

#define MAX_RUN 256

typedef struct {
	uint64_t hash;
	size_t offset;
	size_t len;
} run;

struct tfms_string_index {
	const tfms_source *src;
	run *runs;
	size_t nruns;
	size_t *offsets; /* scratch for find's answer */
	size_t cap;
};

static int compare_runs(const void *a, const void *b)
{
	const run *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->offset > y->offset) - (x->offset < y->offset);
}

static bool opens(char ch)
{
	return ch == '\'' || ch == '"' || ch == '/';
}

static bool closes(char ch)
{
	return ch == '\'' || ch == '"' || ch == ':';
}

/* 'X' in `name='X'`: an op naming itself, not a lookup of a name. */
static bool names_itself(const char *t, size_t quote)
{
	size_t q = quote;
	while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\t'))
		q--;
	if (q == 0 || t[q - 1] != '=')
		return false;
	size_t k = q - 1;
	while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t'))
		k--;
	return k >= 4 && memcmp(t + k - 4, "name", 4) == 0;
}

void tfms_string_index_new(tfms_string_index **out, const tfms_source *src)
{
	tfms_string_index *ix = tfms_calloc(1, sizeof(*ix));
	ix->src = src;
	tfms_array(run) runs = TFMS_ARRAY_INIT;
	const char *t = src->data;
	for (size_t i = 0; i < src->len; i++) {
		if (!opens(t[i]))
			continue;
		size_t j = i + 1;
		while (j < src->len && j - i - 1 <= MAX_RUN && !closes(t[j]) &&
		       t[j] != '\n')
			j++;
		if (j > i + 1 && j < src->len && closes(t[j]) &&
		    j - i - 1 <= MAX_RUN &&
		    !(t[i] != '/' && names_itself(t, i))) {
			run *r = tfms_array_add(&runs);
			r->offset = i + 1;
			r->len = j - i - 1;
			r->hash = tfms_hash_bytes(t + r->offset, r->len, 0);
		}
	}
	tfms_sort(runs.items, runs.len, sizeof(run), compare_runs);
	ix->runs = runs.items;
	ix->nruns = runs.len;
	*out = ix;
}

void tfms_string_index_free(tfms_string_index *ix)
{
	if (!ix)
		return;
	free(ix->runs);
	free(ix->offsets);
	free(ix);
}

const size_t *tfms_string_index_find(tfms_string_index *ix, const char *name,
				     size_t len, size_t *count)
{
	*count = 0;
	uint64_t h = tfms_hash_bytes(name, len, 0);
	size_t lo = 0, hi = ix->nruns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->runs[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < ix->nruns && ix->runs[i].hash == h; i++) {
		const run *r = &ix->runs[i];
		if (r->len != len ||
		    memcmp(ix->src->data + r->offset, name, len) != 0)
			continue;
		if (*count == ix->cap) {
			ix->cap = ix->cap ? 2 * ix->cap : 8;
			ix->offsets = tfms_realloc(ix->offsets,
						   ix->cap * sizeof(size_t));
		}
		ix->offsets[(*count)++] = r->offset;
	}
	return ix->offsets;
}
