#include "tfms/error.h"

#include <criterion/criterion.h>
#include <string.h>

Test(error, wraps_the_last_error)
{
	(void)tfms_error_set("malformed signature '%s'", "stop_gradient(x");
	(void)tfms_error_set("%s:%d: %s", "bad.yaml", 3, tfms_error_last());
	cr_expect_str_eq(tfms_error_last(),
			 "bad.yaml:3: malformed signature 'stop_gradient(x'");
}

/* A path below a tree deeper than PATH_MAX is longer than any fixed
 * buffer; the message keeps all of it and what follows. */
Test(error, keeps_a_message_of_any_length)
{
	char long_text[20000];
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	(void)tfms_error_set("%s", long_text);
	(void)tfms_error_set("x: %s: why", tfms_error_last());
	const char *msg = tfms_error_last();
	cr_expect_eq(strncmp(msg, "x: aaa", 6), 0);
	cr_expect_eq(strlen(msg), 3 + sizeof(long_text) - 1 + 5);
	cr_expect_str_eq(msg + strlen(msg) - 5, ": why");
	tfms_error_clear();
}

Test(error, clear_gives_unknown_error)
{
	(void)tfms_error_set("something");
	tfms_error_clear();
	cr_expect_str_eq(tfms_error_last(), "unknown error");
}
