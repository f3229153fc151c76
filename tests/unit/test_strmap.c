#include "tfms/alloc.h"
#include "tfms/strmap.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

Test(strmap, adds_once_and_finds_again_across_growth)
{
	enum { N = 5000 };
	char **keys = tfms_calloc(N, sizeof(char *));
	tfms_strmap m = {0};
	for (size_t i = 0; i < N; i++) {
		keys[i] = tfms_asprintf("tf.api%zu", i);
		bool added;
		cr_assert_eq(tfms_strmap_get_or_add(&m, keys[i], i, &added), i);
		cr_assert(added);
	}
	for (size_t i = 0; i < N; i++) {
		char probe[32];
		snprintf(probe, sizeof(probe), "tf.api%zu", i);
		bool added;
		cr_expect_eq(tfms_strmap_get_or_add(&m, probe, 99999, &added),
			     i);
		cr_expect_not(added);
	}
	cr_expect_eq(m.len, N);
	tfms_strmap_dispose(&m);
	for (size_t i = 0; i < N; i++)
		free(keys[i]);
	free(keys);
}

/* A key given by length: a prefix of a longer text, or of a key. */
Test(strmap, finds_a_key_given_by_length)
{
	tfms_strmap m = {0};
	size_t value = 0;
	cr_expect_not(tfms_strmap_find(&m, "pkg", 3, &value), "empty map");
	tfms_strmap_get_or_add(&m, "pkg/mod", 7, NULL);
	tfms_strmap_get_or_add(&m, "pkg", 3, NULL);
	cr_expect(tfms_strmap_find(&m, "pkg/mod.py", 7, &value));
	cr_expect_eq(value, 7);
	cr_expect(tfms_strmap_find(&m, "pkg/mod", 3, &value));
	cr_expect_eq(value, 3);
	cr_expect_not(tfms_strmap_find(&m, "pkg/mo", 6, NULL));
	cr_expect_not(tfms_strmap_find(&m, "pkg/mods", 8, NULL));
	tfms_strmap_dispose(&m);
}
