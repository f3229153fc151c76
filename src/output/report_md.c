#include "report_writer.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/hints.h"
#include "tfms/report.h"
#include "tfms/strmap.h"
#include "tfms/text.h"

#include <stdlib.h>
#include <string.h>

/* Inline code whose fence is longer than any backtick run inside. */
static void put_code(tfms_buf *out, const char *s)
{
	size_t longest = 0, run = 0;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* CommonMark strips one space on each side, needed only when the
	 * text itself starts or ends with a backtick. */
	size_t n = strlen(s);
	bool pad = n && (s[0] == '`' || s[n - 1] == '`');
	for (size_t i = 0; i <= longest; i++)
		tfms_buf_putc(out, '`');
	if (pad)
		tfms_buf_putc(out, ' ');
	tfms_md_cell(out, s);
	if (pad)
		tfms_buf_putc(out, ' ');
	for (size_t i = 0; i <= longest; i++)
		tfms_buf_putc(out, '`');
}

/* The plan lists findings by phase and API, then by file, and the
 * checklist by file, then by phase and API: both orders depend on counts
 * over the whole run. So each file's part is rendered when the file
 * arrives (the lines of each API, its checklist item, its review lines)
 * into a spool, and only the counts and where each part lies are kept.
 * Every record of a file arrives at once. */

/* A converted API, with its first conversion's counterpart and note. */
typedef struct {
	char *api; /* owned; the map's key */
	size_t count;
	char *ms_api, *review; /* owned, or NULL */
} api_row;

/* One API in one phase: a group of the plan. */
typedef struct {
	char *key; /* "phase/api", owned; the map's key */
	const char *api;
	size_t phase; /* phase order; the phase count for unclassified */
	size_t uses;  /* its weight in the phase */
	size_t nfiles;
	/* The rest of its line after the counts, from the first finding:
	 * level, next step, hint, links, why it was not converted. */
	char *tail;
} group;

typedef struct {
	uint64_t at;
	size_t len;
} piece;

typedef struct {
	char *path; /* owned; the map's key */
	size_t errors, warnings, notes, converted, reviews;
	tfms_array(piece) review_lines;
} file_row;

/* One group's uses in one file: its checklist item, then its line in
 * the plan, one after the other in the spool. Parts are made in report
 * order; there is one for every API of every file, so they are kept
 * small. */
typedef struct {
	uint32_t group, file;
	uint32_t item_len, line_len;
	uint64_t at;
} part;

typedef struct {
	tfms_report_writer base;
	const tfms_hints *hints;
	size_t nphases;
	size_t nconversions, nfindings;
	tfms_spool *type_checks; /* the lines of that section */
	size_t ntype_checks;
	tfms_spool *parts; /* parts' texts and review lines */
	tfms_array(api_row) apis;
	tfms_strmap api_map;
	tfms_array(group) groups;
	tfms_strmap group_map;
	tfms_array(file_row) files;
	tfms_strmap file_map;
	tfms_array(part) parts_list;
	size_t (*levels)[TFMS_LEVEL_ERROR + 1]; /* per phase */
	tfms_buf scratch;
} md_writer;

static size_t phase_index(const md_writer *w, const tfms_finding *f)
{
	const tfms_hint_category *c =
		w->hints && f->category
			? tfms_hints_category(w->hints, f->category)
			: NULL;
	return c && c->phase ? c->phase->order : w->nphases;
}

static const char *phase_title(const md_writer *w, size_t i)
{
	return i < w->nphases ? tfms_hints_phase_at(w->hints, i)->title
			      : "Unclassified";
}

/* The short next step of an API: the hint's, else its counterpart. */
static const char *short_step(const md_writer *w, const tfms_finding *f)
{
	if (w->hints) {
		tfms_hint_match m;
		tfms_hints_match(&m, w->hints, f->api, f->rule);
		if (m.hint)
			return m.hint->ms;
	}
	return f->ms_api;
}

/* "`tf.X` → `mindspore.Y`: the review note", ending the line. */
static void put_review(tfms_buf *out, const char *api, const char *ms_api,
		       const char *review)
{
	put_code(out, api);
	tfms_buf_puts(out, " → ");
	put_code(out, ms_api);
	tfms_buf_puts(out, ": ");
	tfms_md_cell(out, review);
	tfms_buf_puts(out, "\n");
}

/* "12, 45, 78" for the lines of findings (one file's, in report order;
 * repeats collapse); in a notebook "cell 3:12" (the line inside the
 * cell). */
static void put_lines(tfms_buf *out, const tfms_finding *const *findings,
		      size_t n)
{
	uint32_t last = 0, last_cell = 0;
	size_t shown = 0, more = 0;
	for (size_t k = 0; k < n; k++) {
		const tfms_finding *f = findings[k];
		if (f->line == last && f->cell == last_cell)
			continue;
		last = f->line;
		last_cell = f->cell;
		if (shown == 20) {
			more++;
			continue;
		}
		if (f->cell)
			tfms_buf_printf(out, "%scell %u:%u",
					shown++ ? ", " : "", f->cell, last);
		else
			tfms_buf_printf(out, "%s%u", shown++ ? ", " : "", last);
	}
	if (more)
		tfms_buf_printf(out, " and %zu more", more);
}

static size_t file_index(md_writer *w, const char *path)
{
	char *owned;
	size_t i =
		tfms_report__intern(&w->file_map, path, w->files.len, &owned);
	if (owned)
		tfms_array_add(&w->files)->path = owned;
	return i;
}

static size_t api_index(md_writer *w, const tfms_conversion *c)
{
	char *owned;
	size_t i =
		tfms_report__intern(&w->api_map, c->api, w->apis.len, &owned);
	if (owned) {
		api_row *row = tfms_array_add(&w->apis);
		row->api = owned;
		row->ms_api = c->ms_api ? tfms_strdup(c->ms_api) : NULL;
		row->review = c->review ? tfms_strdup(c->review) : NULL;
	}
	return i;
}

/* The rest of a group's line, after "N uses in M files". */
static char *group_tail(const md_writer *w, const tfms_finding *f)
{
	tfms_buf out = TFMS_BUF_INIT;
	tfms_buf_printf(&out, ", %s", tfms_level_name(f->level));
	const char *step = short_step(w, f);
	if (step) {
		tfms_buf_puts(&out, " → ");
		put_code(&out, step);
	}
	tfms_buf_puts(&out, ". ");
	if (f->hint)
		tfms_md_cell(&out, f->hint);
	if (f->hint_url) {
		tfms_buf_puts(&out, " [Docs](");
		tfms_md_cell(&out, f->hint_url);
		tfms_buf_puts(&out, ")");
	}
	if (f->doc_url && (!f->hint_url || strcmp(f->doc_url, f->hint_url))) {
		tfms_buf_puts(&out, " [Difference page](");
		tfms_md_cell(&out, f->doc_url);
		tfms_buf_puts(&out, ")");
	}
	if (f->kind != TFMS_FINDING_UNMAPPED) {
		tfms_buf_printf(&out, " Not converted (%s): ",
				tfms_finding_kind_name(f->kind));
		tfms_md_cell(&out, f->message);
	}
	tfms_buf_puts(&out, "\n");
	return tfms_buf_detach(&out, NULL);
}

static size_t group_index(md_writer *w, const tfms_finding *f)
{
	size_t phase = phase_index(w, f);
	char *key = tfms_asprintf("%zu/%s", phase, f->api);
	bool added;
	size_t i = tfms_strmap_get_or_add(&w->group_map, key, w->groups.len,
					  &added);
	if (!added) {
		free(key);
		return i;
	}
	group *g = tfms_array_add(&w->groups);
	g->key = key;
	g->api = strchr(key, '/') + 1;
	g->phase = phase;
	g->tail = group_tail(w, f);
	return i;
}

/* A finding with its group, for sorting one file's findings by group. */
typedef struct {
	size_t group, index;
	const tfms_finding *f;
} grouped;

static int compare_grouped(const void *a, const void *b)
{
	const grouped *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* One group's findings in one file (report order): its checklist item
 * and its line in the plan, to the spool. */
static int add_part(md_writer *w, size_t gi, size_t file,
		    const tfms_finding *const *fs, size_t n)
{
	group *g = &w->groups.items[gi];
	const tfms_finding *f = fs[0];
	tfms_buf *out = &w->scratch;
	tfms_buf_clear(out);
	tfms_buf_printf(out, "- [ ] %s: ", phase_title(w, g->phase));
	put_code(out, f->api);
	if (n > 1)
		tfms_buf_printf(out, " ×%zu", n);
	tfms_buf_puts(out, n > 1 ? ", lines " : ", line ");
	put_lines(out, fs, n);
	const char *step = short_step(w, f);
	if (step) {
		tfms_buf_puts(out, " → ");
		put_code(out, step);
	}
	if (f->level == TFMS_LEVEL_NOTE)
		tfms_buf_puts(out, " (note)");
	tfms_buf_puts(out, "\n");
	size_t item_len = out->len;
	tfms_buf_puts(out, "  - ");
	put_code(out, w->files.items[file].path);
	tfms_buf_puts(out, ": line");
	tfms_buf_puts(out, n == 1 ? " " : "s ");
	put_lines(out, fs, n);
	tfms_buf_puts(out, "\n");
	part *p = tfms_array_add(&w->parts_list);
	p->group = (uint32_t)gi;
	p->file = (uint32_t)file;
	p->at = tfms_spool_size(w->parts);
	p->item_len = (uint32_t)item_len;
	p->line_len = (uint32_t)(out->len - item_len);
	g->uses += n;
	g->nfiles++;
	return tfms_spool_write(w->parts, out->ptr, out->len);
}

static int add_findings(md_writer *w, const tfms_results *records)
{
	size_t n = records->nfindings;
	grouped *gs = tfms_calloc(n + 1, sizeof(*gs));
	for (size_t i = 0; i < n; i++) {
		const tfms_finding *f = &records->findings[i];
		gs[i] = (grouped){group_index(w, f), i, f};
		w->levels[w->groups.items[gs[i].group].phase][f->level]++;
	}
	/* Each file's findings of a group together, in report order. */
	tfms_sort(gs, n, sizeof(*gs), compare_grouped);
	const tfms_finding **fs = tfms_calloc(n + 1, sizeof(*fs));
	size_t last_file = 0;
	const char *last_path = NULL;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n;) {
		size_t file = last_path && strcmp(last_path, gs[i].f->path) == 0
				      ? last_file
				      : file_index(w, gs[i].f->path);
		last_file = file;
		last_path = gs[i].f->path;
		size_t j = i, k = 0;
		while (j < n && gs[j].group == gs[i].group &&
		       strcmp(gs[j].f->path, gs[i].f->path) == 0)
			fs[k++] = gs[j++].f;
		rc = add_part(w, gs[i].group, file, fs, k);
		i = j;
	}
	free(fs);
	free(gs);
	return rc;
}

static int md_add(tfms_report_writer *base, const tfms_report *r,
		  const tfms_results *records)
{
	md_writer *w = (md_writer *)base;
	if (!w->levels) {
		w->hints = r->hints;
		w->nphases = w->hints ? tfms_hints_phase_count(w->hints) : 0;
		w->levels = tfms_calloc(w->nphases + 1, sizeof(*w->levels));
	}
	tfms_buf *out = &w->scratch;
	/* The files in the plan's order: those with findings, then those
	 * with conversions only. */
	for (size_t i = 0; i < records->nfindings; i++) {
		const tfms_finding *f = &records->findings[i];
		size_t fi = file_index(w, f->path);
		file_row *fr = &w->files.items[fi];
		if (f->level == TFMS_LEVEL_NOTE)
			fr->notes++;
		else if (f->level == TFMS_LEVEL_WARNING)
			fr->warnings++;
		else
			fr->errors++;
	}
	w->nfindings += records->nfindings;
	w->nconversions += records->nconversions;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < records->nconversions; i++) {
		const tfms_conversion *c = &records->conversions[i];
		size_t ai = api_index(w, c);
		w->apis.items[ai].count++;
		size_t fi = file_index(w, c->path);
		file_row *fr = &w->files.items[fi];
		fr->converted++;
		if (!c->review)
			continue;
		fr->reviews++;
		tfms_buf_clear(out);
		if (c->cell)
			tfms_buf_printf(out, "- [ ] Review cell %u line %u: ",
					c->cell, c->line);
		else
			tfms_buf_printf(out, "- [ ] Review line %u: ", c->line);
		put_review(out, c->api, c->ms_api, c->review);
		uint64_t at = tfms_spool_size(w->parts);
		piece *last =
			fr->review_lines.len
				? &fr->review_lines
					   .items[fr->review_lines.len - 1]
				: NULL;
		if (last && last->at + last->len == at)
			last->len += out->len;
		else
			tfms_array_push(&fr->review_lines,
					((piece){at, out->len}));
		rc = tfms_spool_write(w->parts, out->ptr, out->len);
		if (rc == 0 && c->reference) {
			tfms_buf_clear(out);
			if (c->cell)
				tfms_buf_printf(
					out, "- [ ] `%s:cell %u:%u:%u` ",
					c->path, c->cell, c->line, c->column);
			else
				tfms_buf_printf(out, "- [ ] `%s:%u:%u` ",
						c->path, c->line, c->column);
			put_review(out, c->api, c->ms_api, c->review);
			w->ntype_checks++;
			rc = tfms_spool_write(w->type_checks, out->ptr,
					      out->len);
		}
	}
	if (rc == 0)
		rc = add_findings(w, records);
	return rc;
}

/* ---- Assembling the document ---- */

/* Passes what buf holds to out and empties it. */
static void put_buf(tfms_report_out *out, tfms_buf *buf)
{
	tfms_report__put(out, buf->ptr, buf->len);
	tfms_buf_clear(buf);
}

/* Phase, then the API's weight in it, then API. */
static int compare_groups(const void *a, const void *b)
{
	const group *x = *(const group *const *)a;
	const group *y = *(const group *const *)b;
	if (x->phase != y->phase)
		return x->phase < y->phase ? -1 : 1;
	if (x->uses != y->uses)
		return x->uses > y->uses ? -1 : 1;
	return strcmp(x->api, y->api);
}

/* A part and where it goes: sorted by (k1, k2). */
typedef struct {
	size_t k1, k2;
	const part *p;
} placed;

static int compare_placed(const void *a, const void *b)
{
	const placed *x = a, *y = b;
	if (x->k1 != y->k1)
		return x->k1 < y->k1 ? -1 : 1;
	return x->k2 < y->k2 ? -1 : x->k2 > y->k2;
}

/* Reads a part's text (or a review piece) back from the spool. */
static int read_part(md_writer *w, uint64_t at, size_t len, tfms_buf *into)
{
	return tfms_spool_read(w->parts, at, len, into);
}

/* The plan: the groups in order (ranked), each with its files. */
static int remaining_by_phase(md_writer *w, const group *const *ranked,
			      const size_t *rank, tfms_report_out *out)
{
	tfms_buf *b = &w->scratch;
	tfms_buf_clear(b);
	tfms_buf_puts(b, "## Remaining work by migration phase\n\n");
	if (w->nfindings == 0) {
		tfms_buf_puts(b, "Nothing: every TensorFlow use was "
				 "converted.\n\n");
		put_buf(out, b);
		return 0;
	}
	tfms_buf_puts(b,
		      "In the order of MindSpore's migration guide. Each API "
		      "is listed once, with its next step and the lines that "
		      "use it per file; *error* means the code cannot run on "
		      "MindSpore until it is done, *note* that no MindSpore "
		      "API is needed (delete it or use plain Python).\n\n");
	size_t nparts = w->parts_list.len;
	placed *ps = tfms_calloc(nparts + 1, sizeof(*ps));
	for (size_t i = 0; i < nparts; i++) {
		const part *p = &w->parts_list.items[i];
		ps[i] = (placed){rank[p->group], i, p};
	}
	tfms_sort(ps, nparts, sizeof(*ps), compare_placed);
	tfms_buf text = TFMS_BUF_INIT;
	size_t number = 0, next = 0, ngroups = w->groups.len;
	int rc = 0;
	for (size_t gi = 0; rc == 0 && gi < ngroups; gi++) {
		const group *g = ranked[gi];
		if (gi == 0 || ranked[gi - 1]->phase != g->phase) {
			const size_t *levels = w->levels[g->phase];
			size_t uses = 0;
			for (int l = 0; l <= TFMS_LEVEL_ERROR; l++)
				uses += levels[l];
			tfms_buf_printf(b, "### %zu. %s: %zu use%s", ++number,
					phase_title(w, g->phase), uses,
					uses == 1 ? "" : "s");
			const char *sep = " (";
			static const char *const names[] = {"", "note",
							    "warning", "error"};
			for (int l = TFMS_LEVEL_ERROR; l >= TFMS_LEVEL_NOTE;
			     l--) {
				if (!levels[l])
					continue;
				tfms_buf_printf(b, "%s%zu %s%s", sep, levels[l],
						names[l],
						levels[l] == 1 ? "" : "s");
				sep = ", ";
			}
			tfms_buf_puts(b, ")\n\n");
			if (g->phase < w->nphases) {
				const tfms_hint_phase *ph =
					tfms_hints_phase_at(w->hints, g->phase);
				tfms_md_cell(b, ph->hint);
				tfms_buf_puts(b, " [Guide](");
				tfms_md_cell(b, ph->guide);
				tfms_buf_puts(b, ")\n\n");
			}
		}
		tfms_buf_puts(b, "- **");
		put_code(b, g->api);
		tfms_buf_printf(b, "** — %zu use%s in %zu file%s", g->uses,
				g->uses == 1 ? "" : "s", g->nfiles,
				g->nfiles == 1 ? "" : "s");
		tfms_buf_puts(b, g->tail);
		put_buf(out, b);
		for (; rc == 0 && next < nparts && ps[next].k1 == gi; next++) {
			const part *p = ps[next].p;
			rc = read_part(w, p->at + p->item_len, p->line_len,
				       &text);
			tfms_report__put(out, text.ptr, text.len);
		}
		if (gi + 1 == ngroups || ranked[gi + 1]->phase != g->phase)
			tfms_report__puts(out, "\n");
	}
	tfms_buf_dispose(&text);
	free(ps);
	return rc;
}

/* Files with the most remaining work first. */
static int compare_files(const void *a, const void *b)
{
	const file_row *x = *(const file_row *const *)a;
	const file_row *y = *(const file_row *const *)b;
	size_t wx = x->errors + x->warnings + x->notes;
	size_t wy = y->errors + y->warnings + y->notes;
	if (wx != wy)
		return wx > wy ? -1 : 1;
	if (x->errors != y->errors)
		return x->errors > y->errors ? -1 : 1;
	return strcmp(x->path, y->path);
}

static int checklist(md_writer *w, const size_t *rank, tfms_report_out *out)
{
	size_t nfiles = w->files.len;
	if (nfiles == 0)
		return 0;
	tfms_buf *b = &w->scratch;
	tfms_buf_clear(b);
	tfms_buf_puts(b, "## Checklist by file\n\n"
			 "Files with the most work left come first; each "
			 "can be handed to one person. An item covers one "
			 "API in the file, with its lines.\n\n");
	put_buf(out, b);
	const file_row **order = tfms_calloc(nfiles, sizeof(*order));
	for (size_t i = 0; i < nfiles; i++)
		order[i] = &w->files.items[i];
	tfms_sort(order, nfiles, sizeof(*order), compare_files);
	size_t *place = tfms_calloc(nfiles, sizeof(*place));
	for (size_t i = 0; i < nfiles; i++)
		place[order[i] - w->files.items] = i;
	size_t nparts = w->parts_list.len;
	placed *ps = tfms_calloc(nparts + 1, sizeof(*ps));
	for (size_t i = 0; i < nparts; i++) {
		const part *p = &w->parts_list.items[i];
		ps[i] = (placed){place[p->file], rank[p->group], p};
	}
	tfms_sort(ps, nparts, sizeof(*ps), compare_placed);
	tfms_buf text = TFMS_BUF_INIT;
	size_t next = 0;
	int rc = 0;
	for (size_t fi = 0; rc == 0 && fi < nfiles; fi++) {
		const file_row *fr = order[fi];
		size_t left = fr->errors + fr->warnings + fr->notes;
		tfms_buf_puts(b, "### ");
		put_code(b, fr->path);
		tfms_buf_printf(b, " — %s: ",
				left == 0	     ? "done"
				: fr->converted == 0 ? "untouched"
						     : "partly converted");
		if (left)
			tfms_buf_printf(
				b,
				"%zu left (%zu error%s, %zu note%s"
				"%s), ",
				left, fr->errors + fr->warnings,
				fr->errors + fr->warnings == 1 ? "" : "s",
				fr->notes, fr->notes == 1 ? "" : "s",
				fr->warnings ? ", warnings included" : "");
		tfms_buf_printf(b, "%zu converted\n\n", fr->converted);
		put_buf(out, b);
		for (; rc == 0 && next < nparts && ps[next].k1 == fi; next++) {
			const part *p = ps[next].p;
			rc = read_part(w, p->at, p->item_len, &text);
			tfms_report__put(out, text.ptr, text.len);
		}
		for (size_t i = 0; rc == 0 && i < fr->review_lines.len; i++) {
			const piece *pc = &fr->review_lines.items[i];
			rc = read_part(w, pc->at, pc->len, &text);
			tfms_report__put(out, text.ptr, text.len);
		}
		tfms_report__puts(out, "\n");
	}
	tfms_buf_dispose(&text);
	free(ps);
	free(place);
	free(order);
	return rc;
}

static int compare_apis(const void *a, const void *b)
{
	const api_row *x = *(const api_row *const *)a;
	const api_row *y = *(const api_row *const *)b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->api, y->api);
}

static void conversions_by_api(md_writer *w, tfms_report_out *out)
{
	size_t n = w->apis.len;
	if (n == 0)
		return;
	const api_row **rows = tfms_calloc(n, sizeof(*rows));
	for (size_t i = 0; i < n; i++)
		rows[i] = &w->apis.items[i];
	tfms_sort(rows, n, sizeof(*rows), compare_apis);
	tfms_buf *b = &w->scratch;
	tfms_buf_clear(b);
	tfms_buf_puts(b, "## Converted, by API\n\n"
			 "| TensorFlow API | Uses | MindSpore | Review |\n"
			 "|---|---:|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		tfms_buf_puts(b, "| ");
		put_code(b, rows[i]->api);
		tfms_buf_printf(b, " | %zu | ", rows[i]->count);
		put_code(b, rows[i]->ms_api);
		tfms_buf_puts(b, " | ");
		tfms_md_cell(b, rows[i]->review);
		tfms_buf_puts(b, " |\n");
		put_buf(out, b);
	}
	tfms_buf_puts(b, "\n");
	put_buf(out, b);
	free(rows);
}

static void coverage(const tfms_report *r, tfms_buf *out)
{
	if (!r->rules_loaded)
		return;
	size_t n;
	tfms_coverage *rows = tfms_report_coverage(r, &n);
	tfms_buf_printf(out,
			"## Rule coverage\n\nThe code exercised %zu of the "
			"%zu rules loaded.\n\n",
			n, r->rules_loaded);
	if (n) {
		tfms_buf_puts(out, "| Rule | Uses | Converted | Left |\n"
				   "|---|---:|---:|---:|\n");
		for (size_t i = 0; i < n; i++) {
			tfms_buf_puts(out, "| ");
			put_code(out, rows[i].rule);
			tfms_buf_printf(
				out, " | %zu | %zu | %zu |\n",
				rows[i].converted + rows[i].not_converted,
				rows[i].converted, rows[i].not_converted);
		}
		tfms_buf_puts(out, "\n");
	}
	free(rows);
}

static void header(md_writer *w, const tfms_report *r, tfms_buf *out)
{
	size_t conv = w->nconversions, left = w->nfindings;
	size_t uses = conv + left;
	size_t nfiles = w->files.len;
	size_t done = 0, partly = 0, untouched = 0, errors = 0, notes = 0;
	for (size_t i = 0; i < nfiles; i++) {
		const file_row *fr = &w->files.items[i];
		size_t l = fr->errors + fr->warnings + fr->notes;
		done += l == 0;
		partly += l && fr->converted;
		untouched += l && !fr->converted;
		errors += fr->errors + fr->warnings;
		notes += fr->notes;
	}
	tfms_buf_puts(out, TFMS_REPORT_MARKDOWN_TITLE "\n\n");
	tfms_buf_printf(out, "Made by tfms-rewrite %s", TFMS_VERSION);
	if (r->ms_version)
		tfms_buf_printf(out, " for MindSpore %s", r->ms_version);
	tfms_buf_puts(out, " with rules from ");
	put_code(out, r->rule_sources ? r->rule_sources : "");
	tfms_buf_puts(out, ".\n\n## Where the migration stands\n\n");
	if (uses == 0) {
		tfms_buf_puts(out, "No TensorFlow API use was found.\n\n");
	} else {
		tfms_buf_printf(
			out,
			"%zu of the %zu TensorFlow API uses (%.1f %%) were "
			"converted to MindSpore: those calls already speak "
			"MindSpore, while the %zu uses left still speak "
			"TensorFlow. So the code is a migration in progress: "
			"it "
			"runs on MindSpore once the work below is done. ",
			conv, uses, 100.0 * (double)conv / (double)uses, left);
		if (left)
			tfms_buf_printf(
				out,
				"Of what is left, %zu use%s must be rewritten "
				"(errors) and %zu only need%s deleting or "
				"plain "
				"Python (notes). Of the %zu file%s with "
				"TensorFlow uses, %zu %s done, %zu partly "
				"converted and %zu untouched. Work through the "
				"phases in order; the checklist by file lets a "
				"team share the work.\n\n",
				errors, errors == 1 ? "" : "s", notes,
				notes == 1 ? "s" : "", nfiles,
				nfiles == 1 ? "" : "s", done,
				done == 1 ? "is" : "are", partly, untouched);
		else
			tfms_buf_puts(out, "Nothing is left.\n\n");
	}
	tfms_buf_puts(out, "| | |\n|---|---:|\n");
	tfms_buf_printf(out, "| Files scanned | %zu |\n", r->files_scanned);
	tfms_buf_printf(out, "| Files changed | %zu |\n", r->files_changed);
	if (r->nerrors)
		tfms_buf_printf(out,
				"| Files that could not be processed | "
				"%zu |\n",
				r->nerrors);
	tfms_buf_printf(out, "| TensorFlow API uses | %zu |\n", uses);
	if (uses)
		tfms_buf_printf(out, "| Converted | %zu (%.1f %%) |\n", conv,
				100.0 * (double)conv / (double)uses);
	else
		tfms_buf_puts(out, "| Converted | 0 |\n");
	tfms_buf_printf(out, "| Left for manual work | %zu |\n\n", left);
	if (r->nerrors) {
		tfms_buf_puts(out, "## Files that could not be processed\n\n");
		for (size_t i = 0; i < r->nerrors; i++) {
			tfms_buf_puts(out, "- ");
			put_code(out, r->errors[i].path);
			tfms_buf_puts(out, ": ");
			tfms_md_cell(out, r->errors[i].message);
			tfms_buf_puts(out, "\n");
		}
		tfms_buf_puts(out, "\n");
	}
}

static int md_finish(tfms_report_writer *base, const tfms_report *r,
		     tfms_report_out *out)
{
	md_writer *w = (md_writer *)base;
	if (!w->levels) {
		w->hints = r->hints;
		w->nphases = w->hints ? tfms_hints_phase_count(w->hints) : 0;
		w->levels = tfms_calloc(w->nphases + 1, sizeof(*w->levels));
	}
	tfms_buf *b = &w->scratch;
	tfms_buf_clear(b);
	header(w, r, b);
	put_buf(out, b);
	/* Converted references with a review note: isinstance(x,
	 * tf.Tensor) becomes isinstance(x, ms.Tensor), which is right in the
	 * finished program but false until the code making x is migrated
	 * too, so the branch the check guards changes silently meanwhile.
	 * These sites come first, apart from the plan. */
	if (w->ntype_checks) {
		tfms_report__puts(
			out, "## Type checks and references to review now\n\n"
			     "These references were converted and are right "
			     "once the whole program speaks MindSpore; until "
			     "the code that makes the values they test is "
			     "migrated too, a check such as `isinstance` "
			     "gives another answer than before. Review each "
			     "while the migration is under way.\n\n");
		tfms_report__put_spool(out, w->type_checks);
		tfms_report__puts(out, "\n");
	}
	size_t ngroups = w->groups.len;
	const group **ranked = tfms_calloc(ngroups + 1, sizeof(*ranked));
	for (size_t i = 0; i < ngroups; i++)
		ranked[i] = &w->groups.items[i];
	tfms_sort(ranked, ngroups, sizeof(*ranked), compare_groups);
	size_t *rank = tfms_calloc(ngroups + 1, sizeof(*rank));
	for (size_t i = 0; i < ngroups; i++)
		rank[ranked[i] - w->groups.items] = i;
	int rc = remaining_by_phase(w, ranked, rank, out);
	if (rc == 0)
		rc = checklist(w, rank, out);
	free(rank);
	free(ranked);
	if (rc == 0) {
		conversions_by_api(w, out);
		coverage(r, b);
		put_buf(out, b);
	}
	return rc;
}

static void md_free(tfms_report_writer *base)
{
	md_writer *w = (md_writer *)base;
	tfms_spool_free(w->type_checks);
	tfms_spool_free(w->parts);
	for (size_t i = 0; i < w->apis.len; i++) {
		free(w->apis.items[i].api);
		free(w->apis.items[i].ms_api);
		free(w->apis.items[i].review);
	}
	tfms_array_free(&w->apis);
	tfms_strmap_dispose(&w->api_map);
	for (size_t i = 0; i < w->groups.len; i++) {
		free(w->groups.items[i].key);
		free(w->groups.items[i].tail);
	}
	tfms_array_free(&w->groups);
	tfms_strmap_dispose(&w->group_map);
	for (size_t i = 0; i < w->files.len; i++) {
		free(w->files.items[i].path);
		tfms_array_free(&w->files.items[i].review_lines);
	}
	tfms_array_free(&w->files);
	tfms_strmap_dispose(&w->file_map);
	tfms_array_free(&w->parts_list);
	free(w->levels);
	tfms_buf_dispose(&w->scratch);
	tfms_report__writer_dispose(base);
	free(w);
}

static const tfms_report_writer_ops md_ops = {md_add, md_finish, md_free};

int tfms_report_markdown_new(tfms_report_writer **out, const char *spool_dir,
			     const char *name)
{
	md_writer *w = tfms_calloc(1, sizeof(*w));
	tfms_report__writer_init(&w->base, &md_ops, spool_dir, name);
	tfms_buf_init(&w->scratch);
	*out = NULL;
	if (tfms_report__spool(&w->base, &w->type_checks) < 0 ||
	    tfms_report__spool(&w->base, &w->parts) < 0) {
		md_free(&w->base);
		return -1;
	}
	*out = &w->base;
	return 0;
}
