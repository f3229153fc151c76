#include "tfms/edit.h"
#include "tfms/error.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static char *apply(tfms_edit_list *edits, const char *text, int *rc)
{
	char *out = NULL;
	size_t len = 0;
	*rc = tfms_edits_apply(edits, text, strlen(text), &out, &len);
	return out;
}

Test(edit_list, applies_in_offset_order_and_copies_the_rest)
{
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_edits_add(&edits, 6, 11, "earth", "b");
	tfms_edits_add(&edits, 0, 5, "HELLO", "a");
	int rc;
	char *out = apply(&edits, "hello world\r\n", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out, "HELLO earth\r\n");
	free(out);
	tfms_edits_dispose(&edits);
}

Test(edit_list, rejects_overlapping_edits)
{
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_edits_add(&edits, 0, 5, "x", "tf.first");
	tfms_edits_add(&edits, 3, 8, "y", "tf.second");
	int rc;
	char *out = apply(&edits, "0123456789", &rc);
	cr_expect_eq(rc, -1);
	cr_expect_null(out);
	cr_expect_not_null(strstr(tfms_error_last(), "tf.first"));
	cr_expect_not_null(strstr(tfms_error_last(), "tf.second"));
	tfms_edits_dispose(&edits);
}

Test(edit_list, insertion_at_end_of_deletion_follows_it)
{
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_edits_add(&edits, 4, 4, "+", "insert");
	tfms_edits_add(&edits, 2, 4, "", "delete");
	int rc;
	char *out = apply(&edits, "abcdef", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out, "ab+ef");
	free(out);
	tfms_edits_dispose(&edits);
}

Test(edit_list, insertion_inside_deletion_conflicts)
{
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_edits_add(&edits, 1, 4, "", "delete");
	tfms_edits_add(&edits, 2, 2, "+", "insert");
	int rc;
	char *out = apply(&edits, "abcdef", &rc);
	cr_expect_eq(rc, -1);
	free(out);
	tfms_edits_dispose(&edits);
}

Test(edit_list, insertions_at_one_point_keep_their_order)
{
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_edits_add(&edits, 1, 1, "1", "first");
	tfms_edits_add(&edits, 1, 1, "2", "second");
	int rc;
	char *out = apply(&edits, "ab", &rc);
	cr_assert_eq(rc, 0);
	cr_expect_str_eq(out, "a12b");
	free(out);
	tfms_edits_dispose(&edits);
}

Test(edit_list, rejects_edit_past_the_end)
{
	tfms_edit_list edits = TFMS_EDIT_LIST_INIT;
	tfms_edits_add(&edits, 2, 9, "", "far");
	int rc;
	char *out = apply(&edits, "abc", &rc);
	cr_expect_eq(rc, -1);
	free(out);
	tfms_edits_dispose(&edits);
}
