#include "tfms/text.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

Test(text, excerpt_keeps_a_short_line_whole)
{
	char *e = tfms_excerpt("x = tf.zeros(3)", 15, 4);
	cr_expect_str_eq(e, "x = tf.zeros(3)");
	free(e);
}

/* One line with thousands of uses must not be copied into every record. */
Test(text, excerpt_cuts_a_long_line_around_the_use)
{
	size_t n = 100000;
	char *line = malloc(n + 1);
	memset(line, 'a', n);
	memcpy(line + 50000, "tf.placeholder", 14);
	line[n] = '\0';
	char *e = tfms_excerpt(line, n, 50000);
	cr_expect_leq(strlen(e), TFMS_EXCERPT_MAX + 6);
	cr_expect_not_null(strstr(e, "tf.placeholder"));
	cr_expect_eq(strncmp(e, "...", 3), 0);
	cr_expect_str_eq(e + strlen(e) - 3, "...");
	free(e);
	free(line);
}

Test(text, excerpt_never_splits_a_character)
{
	/* 300 two-byte characters: a cut at an odd byte would split one. */
	char line[601];
	for (int i = 0; i < 300; i++) {
		line[2 * i] = (char)0xC3;
		line[2 * i + 1] = (char)0xA9;
	}
	line[600] = '\0';
	char *e = tfms_excerpt(line, 600, 301);
	const char *body = e + 3;
	cr_expect_neq((unsigned char)body[0] & 0xC0, 0x80);
	free(e);
}

Test(text, dirname_of_paths)
{
	char *a = tfms_path_dirname("a/b.py"), *b = tfms_path_dirname("/b.py"),
	     *c = tfms_path_dirname("b.py");
	cr_expect_str_eq(a, "a");
	cr_expect_str_eq(b, "/");
	cr_expect_str_eq(c, ".");
	free(a);
	free(b);
	free(c);
}
