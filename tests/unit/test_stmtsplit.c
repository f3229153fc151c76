#include "tfms/stmtsplit.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

/* The chunks of text as "start-end" pairs, or "fail". */
static char *split(const char *text)
{
	static char out[512];
	tfms_stmt_list list;
	if (tfms_stmtsplit(&list, text, strlen(text)) < 0) {
		tfms_stmt_list_dispose(&list);
		return strcpy(out, "fail");
	}
	out[0] = '\0';
	for (size_t i = 0; i < list.len; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out),
			 "%s%u-%u", i ? " " : "", list.items[i].start,
			 list.items[i].end);
	tfms_stmt_list_dispose(&list);
	return out;
}

Test(stmtsplit, cuts_at_top_level_statements)
{
	cr_assert_str_eq(split("a = 1\nb = 2\n"), "0-6 6-12");
	/* Leading comments go with the first statement, trailing ones with
	 * the statement before them. */
	cr_assert_str_eq(split("# c\nimport x\n# d\n\ny = 1"), "0-18 18-23");
}

Test(stmtsplit, keeps_compound_statements_whole)
{
	cr_assert_str_eq(split("if a:\n  b()\nelse:\n  c()\nd()\n"),
			 "0-24 24-28");
	cr_assert_str_eq(split("@dec\n# x\n@d2\ndef f():\n    pass\ng()\n"),
			 "0-31 31-35");
	cr_assert_str_eq(split("try:\n x\nexcept E:\n y\nfinally:\n z\n"),
			 "0-33");
	cr_assert_str_eq(split("def f():\n    x = 1\n# at 0\n    y = 2\nz\n"),
			 "0-36 36-38");
}

Test(stmtsplit, follows_brackets_strings_and_continuations)
{
	cr_assert_str_eq(split("x = (1,\n2)\ny = '''a\nb = 1\n'''\nz\n"),
			 "0-11 11-30 30-32");
	cr_assert_str_eq(split("x = 1 + \\\n  2\ny\n"), "0-14 14-16");
	cr_assert_str_eq(split("x = f'{a[\"k\"]:{w}}' # (\ny\n"), "0-24 24-26");
	cr_assert_str_eq(split("x = r'\\''\ny\n"), "0-10 10-12");
}

Test(stmtsplit, gives_up_where_a_parser_must_decide)
{
	cr_assert_str_eq(split("x = (1,\ny = 2\n"), "fail");
	cr_assert_str_eq(split("x = ')'\n)\n"), "fail");
	cr_assert_str_eq(split("x = '''a\n"), "fail");
	cr_assert_str_eq(split("x = 'a\ny'\n"), "fail");
	cr_assert_str_eq(split("  x = 1\n"), "fail");
	cr_assert_str_eq(split("x = 1\n  y = 2\n"), "fail");
	cr_assert_str_eq(split("if a:\nb\n"), "fail");
	cr_assert_str_eq(split("if a:\n    b\n  c\n"), "fail");
	cr_assert_str_eq(split("if a:\n\tb\n"), "fail");
	cr_assert_str_eq(split("a\rb\n"), "fail");
	cr_assert_str_eq(split("a\fb\n"), "fail");
	cr_assert_str_eq(split("x = f'{a\n}'\n"), "fail");
	cr_assert_str_eq(split("x = f'''{a # c\n}'''\n"), "fail");
	cr_assert_str_eq(split("@dec\n"), "fail");
	cr_assert_str_eq(split("x = 1 \\"), "fail");
}
