#include "tfms/annotate.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/hints.h"
#include "tfms/python.h"

#include <stdlib.h>
#include <string.h>

/* At most this many APIs are named in one marker; the report has them
 * all. */
#define MARKER_APIS 3

typedef struct {
	uint32_t line; /* 1-based line the marker goes above */
	size_t order;  /* finding order, to keep the text stable */
	const tfms_finding *finding; /* borrowed from the plan */
} anchored;

/* The byte offset of a 1-based line and character column. */
static size_t offset_of(const tfms_source *src, uint32_t line, uint32_t column)
{
	size_t start, end;
	tfms_source_line_range(src, line, &start, &end);
	size_t at = start;
	for (uint32_t c = 1; c < column && at < end; c++) {
		at++;
		while (at < end &&
		       ((unsigned char)src->data[at] & 0xC0) == 0x80)
			at++;
	}
	return at;
}

/* The innermost statement (a child of the module or of a block, or a
 * clause line) holding offset; a decorated definition counts from its
 * first decorator. */
static TSNode statement_at(TSNode root, size_t offset)
{
	TSNode n = ts_node_descendant_for_byte_range(root, (uint32_t)offset,
						     (uint32_t)offset);
	while (!ts_node_is_null(n)) {
		TSNode p = ts_node_parent(n);
		if (ts_node_is_null(p) || tfms_node_is_clause(n) ||
		    tfms_node_is(p, TFMS_NODE_MODULE) ||
		    tfms_node_is(p, TFMS_NODE_BLOCK))
			break;
		n = p;
	}
	return n;
}

static bool inside_string(TSNode root, size_t offset)
{
	TSNode n = ts_node_descendant_for_byte_range(root, (uint32_t)offset,
						     (uint32_t)offset);
	for (; !ts_node_is_null(n); n = ts_node_parent(n))
		if (tfms_node_is(n, TFMS_NODE_STRING) &&
		    ts_node_start_byte(n) < offset &&
		    offset < ts_node_end_byte(n))
			return true;
	return false;
}

/* The previous line ends with a backslash: this line continues it. */
static bool continues(const tfms_source *src, uint32_t line)
{
	if (line <= 1)
		return false;
	size_t start, end;
	tfms_source_line_range(src, line - 1, &start, &end);
	return end > start && src->data[end - 1] == '\\';
}

/* The line a marker for the use at offset goes above. A statement that
 * starts on a line beginning inside an earlier statement (after `""";` or
 * a backslash) moves the marker up to that earlier statement. */
static uint32_t anchor_line(const tfms_source *src, TSNode root, size_t offset)
{
	TSNode n = statement_at(root, offset);
	for (;;) {
		if (ts_node_is_null(n))
			return 1;
		uint32_t line = ts_node_start_point(n).row + 1;
		size_t start, end;
		tfms_source_line_range(src, line, &start, &end);
		if (line == 1 ||
		    (!continues(src, line) && !inside_string(root, start)))
			return line;
		/* Step back to what holds the line's first byte. */
		size_t back = start > 0 ? start - 1 : 0;
		TSNode prev = statement_at(root, back);
		if (ts_node_is_null(prev) ||
		    ts_node_start_point(prev).row + 1 >= line)
			return line;
		n = prev;
	}
}

static int compare_anchored(const void *a, const void *b)
{
	const anchored *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* "tf.X -> next step" for one API. */
static void describe(tfms_buf *out, const tfms_hints *hints,
		     const tfms_finding *f)
{
	tfms_hint_match m;
	tfms_hints_match(&m, hints, f->api, f->rule);
	tfms_buf_puts(out, f->api);
	tfms_buf_puts(out, " -> ");
	if (m.hint)
		tfms_buf_puts(out, m.hint->ms);
	else if (f->ms_api)
		tfms_buf_printf(out, "%s (differs; see its page)", f->ms_api);
	else if (m.category)
		tfms_buf_printf(out, "no direct counterpart (%s)",
				m.category->id);
	else
		tfms_buf_puts(out, "see the report");
}

/* The text of the marker for group[0..n) (same line), without indent or
 * line break. Each API is named once. */
static char *marker_text(const tfms_hints *hints, const anchored *group,
			 size_t n)
{
	tfms_buf text = TFMS_BUF_INIT;
	tfms_buf_puts(&text, TFMS_ANNOTATE_PREFIX);
	size_t named = 0, more = 0;
	const char *url = NULL;
	for (size_t i = 0; i < n; i++) {
		const tfms_finding *f = group[i].finding;
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(group[j].finding->api, f->api) == 0;
		if (seen)
			continue;
		if (named == MARKER_APIS) {
			more++;
			continue;
		}
		if (named++)
			tfms_buf_puts(&text, "; ");
		describe(&text, hints, f);
		if (!url)
			url = f->hint_url ? f->hint_url : f->doc_url;
	}
	if (more)
		tfms_buf_printf(&text, "; +%zu more", more);
	if (url)
		tfms_buf_printf(&text, "; see %s", url);
	/* A marker is one comment line whatever the hint data holds. */
	for (size_t i = 0; i < text.len; i++)
		if (text.ptr[i] == '\n' || text.ptr[i] == '\r')
			text.ptr[i] = ' ';
	return tfms_buf_detach(&text, NULL);
}

/* An existing marker: a comment line starting with the prefix. */
typedef struct {
	uint32_t line;
	size_t start, end; /* the line's bytes, without its line break */
	bool kept;
} marker;

static void find_markers(const tfms_source *src, TSNode root, void *out_)
{
	tfms_array(marker) *out = out_;
	size_t plen = strlen(TFMS_ANNOTATE_PREFIX);
	for (uint32_t line = 1; line <= src->nlines; line++) {
		size_t start, end;
		tfms_source_line_range(src, line, &start, &end);
		size_t p = start;
		while (p < end && (src->data[p] == ' ' || src->data[p] == '\t'))
			p++;
		if (end - p < plen ||
		    memcmp(src->data + p, TFMS_ANNOTATE_PREFIX, plen) != 0)
			continue;
		TSNode n = ts_node_descendant_for_byte_range(root, (uint32_t)p,
							     (uint32_t)p + 1);
		if (!tfms_node_is(n, TFMS_NODE_COMMENT) ||
		    ts_node_start_byte(n) != p)
			continue;
		marker m = {line, start, end, false};
		tfms_array_push(out, m);
	}
}

void tfms_annotate_plan(tfms_plan *plan, const tfms_source *src,
			const TSTree *tree, const tfms_ruleset *rs)
{
	const tfms_hints *hints = tfms_ruleset_hints(rs);
	const tfms_results *res = &plan->results;
	TSNode root = ts_tree_root_node(tree);
	anchored *uses = tfms_calloc(res->nfindings + 1, sizeof(*uses));
	size_t n = 0;
	for (size_t i = 0; i < res->nfindings; i++) {
		const tfms_finding *f = &res->findings[i];
		if (f->kind == TFMS_FINDING_PARSE_ERROR)
			continue;
		size_t at = offset_of(src, f->line, f->column);
		uses[n++] = (anchored){anchor_line(src, root, at), i, f};
	}
	tfms_sort(uses, n, sizeof(*uses), compare_anchored);

	tfms_array(marker) markers = TFMS_ARRAY_INIT;
	find_markers(src, root, &markers);

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && uses[j].line == uses[i].line)
			j++;
		uint32_t line = uses[i].line;
		char *text = marker_text(hints, &uses[i], j - i);
		size_t start, end;
		tfms_source_line_range(src, line, &start, &end);
		size_t indent = start;
		while (indent < end &&
		       (src->data[indent] == ' ' || src->data[indent] == '\t'))
			indent++;
		char *full = tfms_asprintf("%.*s%s", (int)(indent - start),
					   src->data + start, text);
		marker *above = NULL;
		for (size_t k = 0; k < markers.len; k++)
			if (markers.items[k].line + 1 == line)
				above = &markers.items[k];
		if (above) {
			above->kept = true;
			size_t len = above->end - above->start;
			if (len != strlen(full) ||
			    memcmp(src->data + above->start, full, len) != 0)
				tfms_edits_add(&plan->edits, above->start,
					       above->end, full, "annotate");
		} else {
			bool crlf = end < src->len && src->data[end] == '\r';
			char *ins = tfms_asprintf("%s%s", full,
						  crlf ? "\r\n" : "\n");
			tfms_edits_add(&plan->edits, start, start, ins,
				       "annotate");
			free(ins);
		}
		free(full);
		free(text);
		i = j;
	}
	/* Markers whose line has no remaining use go, line break and all. */
	for (size_t k = 0; k < markers.len; k++) {
		const marker *m = &markers.items[k];
		if (m->kept)
			continue;
		size_t stop =
			m->line < src->nlines ? src->lines[m->line] : src->len;
		tfms_edits_add(&plan->edits, m->start, stop, "", "annotate");
	}
	tfms_array_free(&markers);
	free(uses);
}
