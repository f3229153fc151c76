#include "tfms/edit.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"

#include <stdlib.h>
#include <string.h>

tfms_edit *tfms_edits_add(tfms_edit_list *edits, size_t start, size_t end,
			  const char *text, const char *origin)
{
	tfms_edit *e = tfms_array_add(edits);
	e->start = start;
	e->end = end;
	e->text = tfms_strdup(text);
	e->origin = origin;
	e->seq = edits->len - 1;
	return e;
}

void tfms_edits_dispose(tfms_edit_list *edits)
{
	for (size_t i = 0; i < edits->len; i++)
		free(edits->items[i].text);
	tfms_array_free(edits);
}

static int compare_edits(const void *pa, const void *pb)
{
	const tfms_edit *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int tfms_edits_apply(tfms_edit_list *edits, const char *data, size_t len,
		     char **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	tfms_sort(edits->items, edits->len, sizeof(tfms_edit), compare_edits);
	for (size_t i = 0; i < edits->len; i++) {
		const tfms_edit *e = &edits->items[i];
		if (e->start > e->end || e->end > len)
			return tfms_error_set("edit from '%s' lies outside "
					      "the file",
					      e->origin);
		if (i > 0 && e->start < edits->items[i - 1].end)
			return tfms_error_set(
				"edits from '%s' and '%s' overlap at byte %zu",
				edits->items[i - 1].origin, e->origin,
				e->start);
	}
	tfms_buf result = TFMS_BUF_INIT;
	tfms_buf_grow(&result, len + 64);
	size_t at = 0;
	for (size_t i = 0; i < edits->len; i++) {
		const tfms_edit *e = &edits->items[i];
		tfms_buf_put(&result, data + at, e->start - at);
		tfms_buf_puts(&result, e->text);
		at = e->end;
	}
	tfms_buf_put(&result, data + at, len - at);
	*out = tfms_buf_detach(&result, out_len);
	return 0;
}
