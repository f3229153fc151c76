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

Test(error, wraps_a_message_that_fills_the_buffer)
{
	char long_text[2048];
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	(void)tfms_error_set("%s", long_text);
	(void)tfms_error_set("x: %s", tfms_error_last());
	const char *msg = tfms_error_last();
	cr_expect_eq(strncmp(msg, "x: aaa", 6), 0);
	cr_expect_eq(strspn(msg + 3, "a"), strlen(msg) - 3);
}

Test(error, clear_gives_unknown_error)
{
	(void)tfms_error_set("something");
	tfms_error_clear();
	cr_expect_str_eq(tfms_error_last(), "unknown error");
}
