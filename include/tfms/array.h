/* One typed growable array for every element type (tree-sitter array.h).
 * A zero-initialised array is empty and valid. */
#ifndef TFMS_ARRAY_H
#define TFMS_ARRAY_H

#include "tfms/alloc.h"

#include <stdlib.h>
#include <string.h>

#define tfms_array(T)       \
	struct {            \
		T *items;   \
		size_t len; \
		size_t cap; \
	}

#define TFMS_ARRAY_INIT    \
	{                  \
		NULL, 0, 0 \
	}

void tfms_array__grow(void **items, size_t *cap, size_t need, size_t elem);

/* Appends value; aborts on out of memory. */
#define tfms_array_push(a, value)                                        \
	(tfms_array__grow((void **)&(a)->items, &(a)->cap, (a)->len + 1, \
			  sizeof(*(a)->items)),                          \
	 (a)->items[(a)->len++] = (value))

/* Reserves room for one more element and returns a pointer to it,
 * zero-initialised; the length grows by one. */
#define tfms_array_add(a)                                                \
	(tfms_array__grow((void **)&(a)->items, &(a)->cap, (a)->len + 1, \
			  sizeof(*(a)->items)),                          \
	 memset(&(a)->items[(a)->len], 0, sizeof(*(a)->items)),          \
	 &(a)->items[(a)->len++])

/* Frees the storage (not what the elements point to). */
#define tfms_array_free(a)               \
	do {                             \
		free((a)->items);        \
		(a)->items = NULL;       \
		(a)->len = (a)->cap = 0; \
	} while (0)

/* qsort, which must not be given a NULL base even for zero elements (an
 * empty array's items are NULL). */
static inline void tfms_sort(void *base, size_t count, size_t size,
			     int (*compare)(const void *, const void *))
{
	if (count > 1)
		qsort(base, count, size, compare);
}

#endif
