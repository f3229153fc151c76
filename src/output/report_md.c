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

typedef struct {
	const char *api;
	size_t count;
	const tfms_conversion *conv;
} api_row;

static int compare_rows(const void *a, const void *b)
{
	const api_row *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->api, y->api);
}

/* ---- The plan: findings grouped by phase, API and file ---- */

/* One finding with what the plan sorts it by. */
typedef struct {
	const tfms_finding *f;
	size_t phase;  /* phase order; the phase count for unclassified */
	size_t file;   /* index of its file in first-seen order */
	size_t index;  /* position in the report */
	size_t weight; /* uses of its API in its phase, for ranking */
} item;

typedef struct {
	const char *path;
	size_t errors, warnings, notes, converted, reviews;
	size_t first_review; /* index into plan.reviews of the first */
} file_row;

typedef struct {
	const tfms_report *r;
	const tfms_hints *hints;
	size_t nphases;
	item *items;
	size_t nitems;
	file_row *files;
	size_t nfiles;
	tfms_strmap file_map; /* path -> index in files */
	/* conversions with a review note, grouped by file (files[i].reviews
	 * of them from files[i].first_review on) */
	const tfms_conversion **reviews;
} plan;

static size_t phase_index(const plan *p, const tfms_finding *f)
{
	const tfms_hint_category *c =
		p->hints && f->category
			? tfms_hints_category(p->hints, f->category)
			: NULL;
	return c && c->phase ? c->phase->order : p->nphases;
}

static const char *phase_title(const plan *p, size_t i)
{
	return i < p->nphases ? tfms_hints_phase_at(p->hints, i)->title
			      : "Unclassified";
}

static size_t file_index(plan *p, const char *path)
{
	bool added;
	size_t i =
		tfms_strmap_get_or_add(&p->file_map, path, p->nfiles, &added);
	if (added)
		p->files[p->nfiles++].path = path;
	return i;
}

/* Phase, then the API's weight in it, then API, then report order. */
static int compare_by_phase(const void *a, const void *b)
{
	const item *x = a, *y = b;
	if (x->phase != y->phase)
		return x->phase < y->phase ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	int c = strcmp(x->f->api, y->f->api);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

static void plan_build(plan *p, const tfms_report *r)
{
	memset(p, 0, sizeof(*p));
	p->r = r;
	p->hints = r->hints;
	p->nphases = p->hints ? tfms_hints_phase_count(p->hints) : 0;
	size_t nf = r->records.nfindings;
	p->items = tfms_calloc(nf + 1, sizeof(*p->items));
	p->files = tfms_calloc(nf + r->records.nconversions + 1,
			       sizeof(*p->files));
	for (size_t i = 0; i < nf; i++) {
		const tfms_finding *f = &r->records.findings[i];
		item *it = &p->items[p->nitems++];
		it->f = f;
		it->phase = phase_index(p, f);
		it->file = file_index(p, f->path);
		it->index = i;
		file_row *fr = &p->files[it->file];
		if (f->level == TFMS_LEVEL_NOTE)
			fr->notes++;
		else if (f->level == TFMS_LEVEL_WARNING)
			fr->warnings++;
		else
			fr->errors++;
	}
	size_t *conv_file =
		tfms_calloc(r->records.nconversions + 1, sizeof(size_t));
	for (size_t i = 0; i < r->records.nconversions; i++) {
		const tfms_conversion *c = &r->records.conversions[i];
		conv_file[i] = file_index(p, c->path);
		file_row *fr = &p->files[conv_file[i]];
		fr->converted++;
		fr->reviews += c->review != NULL;
	}
	size_t next = 0;
	for (size_t f = 0; f < p->nfiles; f++) {
		p->files[f].first_review = next;
		next += p->files[f].reviews;
	}
	p->reviews = tfms_calloc(next + 1, sizeof(*p->reviews));
	size_t *fill = tfms_calloc(p->nfiles + 1, sizeof(size_t));
	for (size_t i = 0; i < r->records.nconversions; i++) {
		const tfms_conversion *c = &r->records.conversions[i];
		if (!c->review)
			continue;
		const file_row *fr = &p->files[conv_file[i]];
		p->reviews[fr->first_review + fill[conv_file[i]]++] = c;
	}
	free(fill);
	free(conv_file);
	/* The weight of an item: how many uses its API has in its phase
	 * (runs of the first sort, which sees every weight as 0). */
	tfms_sort(p->items, p->nitems, sizeof(*p->items), compare_by_phase);
	for (size_t i = 0; i < p->nitems;) {
		size_t j = i;
		while (j < p->nitems &&
		       p->items[j].phase == p->items[i].phase &&
		       strcmp(p->items[j].f->api, p->items[i].f->api) == 0)
			j++;
		for (size_t k = i; k < j; k++)
			p->items[k].weight = j - i;
		i = j;
	}
	tfms_sort(p->items, p->nitems, sizeof(*p->items), compare_by_phase);
}

static void plan_dispose(plan *p)
{
	free(p->items);
	free(p->files);
	free(p->reviews);
	tfms_strmap_dispose(&p->file_map);
}

/* "`tf.X` → `mindspore.Y`: the review note", ending the line. */
static void put_review(tfms_buf *out, const tfms_conversion *c)
{
	put_code(out, c->api);
	tfms_buf_puts(out, " → ");
	put_code(out, c->ms_api);
	tfms_buf_puts(out, ": ");
	tfms_md_cell(out, c->review);
	tfms_buf_puts(out, "\n");
}

/* "12, 45, 78" for the lines of items[from..to) in file (unique); in a
 * notebook "cell 3:12" (the line inside the cell). */
static void put_lines(tfms_buf *out, const item *items, size_t from, size_t to,
		      size_t file)
{
	uint32_t last = 0, last_cell = 0;
	size_t shown = 0, more = 0;
	for (size_t k = from; k < to; k++) {
		const tfms_finding *f = items[k].f;
		if (items[k].file != file ||
		    (f->line == last && f->cell == last_cell))
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

/* The short next step of an API: the hint's, else its counterpart. */
static const char *short_step(const plan *p, const tfms_finding *f)
{
	if (p->hints) {
		tfms_hint_match m;
		tfms_hints_match(&m, p->hints, f->api, f->rule);
		if (m.hint)
			return m.hint->ms;
	}
	return f->ms_api;
}

static const char *level_word(const tfms_finding *f)
{
	return tfms_level_name(f->level);
}

static void remaining_by_phase(const plan *p, tfms_buf *out)
{
	tfms_buf_puts(out, "## Remaining work by migration phase\n\n");
	if (p->nitems == 0) {
		tfms_buf_puts(out, "Nothing: every TensorFlow use was "
				   "converted.\n\n");
		return;
	}
	tfms_buf_puts(out,
		      "In the order of MindSpore's migration guide. Each API "
		      "is listed once, with its next step and the lines that "
		      "use it per file; *error* means the code cannot run on "
		      "MindSpore until it is done, *note* that no MindSpore "
		      "API is needed (delete it or use plain Python).\n\n");
	size_t number = 0;
	for (size_t i = 0; i < p->nitems;) {
		size_t phase = p->items[i].phase, end = i;
		size_t levels[TFMS_LEVEL_ERROR + 1] = {0};
		while (end < p->nitems && p->items[end].phase == phase)
			levels[p->items[end++].f->level]++;
		tfms_buf_printf(out, "### %zu. %s: %zu use%s", ++number,
				phase_title(p, phase), end - i,
				end - i == 1 ? "" : "s");
		const char *sep = " (";
		static const char *const names[] = {"", "note", "warning",
						    "error"};
		for (int l = TFMS_LEVEL_ERROR; l >= TFMS_LEVEL_NOTE; l--) {
			if (!levels[l])
				continue;
			tfms_buf_printf(out, "%s%zu %s%s", sep, levels[l],
					names[l], levels[l] == 1 ? "" : "s");
			sep = ", ";
		}
		tfms_buf_puts(out, ")\n\n");
		if (phase < p->nphases) {
			const tfms_hint_phase *ph =
				tfms_hints_phase_at(p->hints, phase);
			tfms_md_cell(out, ph->hint);
			tfms_buf_puts(out, " [Guide](");
			tfms_md_cell(out, ph->guide);
			tfms_buf_puts(out, ")\n\n");
		}
		for (size_t j = i; j < end;) {
			const tfms_finding *f = p->items[j].f;
			size_t k = j;
			size_t nfiles = 0;
			/* Within an API, items keep report order, in which
			 * each file's records are contiguous. */
			while (k < end &&
			       strcmp(p->items[k].f->api, f->api) == 0) {
				nfiles +=
					k == j || p->items[k].file !=
							  p->items[k - 1].file;
				k++;
			}
			tfms_buf_puts(out, "- **");
			put_code(out, f->api);
			tfms_buf_printf(out, "** — %zu use%s in %zu file%s, %s",
					k - j, k - j == 1 ? "" : "s", nfiles,
					nfiles == 1 ? "" : "s", level_word(f));
			const char *step = short_step(p, f);
			if (step) {
				tfms_buf_puts(out, " → ");
				put_code(out, step);
			}
			tfms_buf_puts(out, ". ");
			if (f->hint)
				tfms_md_cell(out, f->hint);
			if (f->hint_url) {
				tfms_buf_puts(out, " [Docs](");
				tfms_md_cell(out, f->hint_url);
				tfms_buf_puts(out, ")");
			}
			if (f->doc_url &&
			    (!f->hint_url || strcmp(f->doc_url, f->hint_url))) {
				tfms_buf_puts(out, " [Difference page](");
				tfms_md_cell(out, f->doc_url);
				tfms_buf_puts(out, ")");
			}
			if (f->kind != TFMS_FINDING_UNMAPPED) {
				tfms_buf_printf(
					out, " Not converted (%s): ",
					tfms_finding_kind_name(f->kind));
				tfms_md_cell(out, f->message);
			}
			tfms_buf_puts(out, "\n");
			for (size_t m = j; m < k; m++) {
				if (m > j &&
				    p->items[m - 1].file == p->items[m].file)
					continue;
				tfms_buf_puts(out, "  - ");
				put_code(out, p->files[p->items[m].file].path);
				tfms_buf_puts(out, ": line");
				size_t lines = 0;
				for (size_t q = m; q < k; q++)
					lines += p->items[q].file ==
						 p->items[m].file;
				tfms_buf_puts(out, lines == 1 ? " " : "s ");
				put_lines(out, p->items, m, k,
					  p->items[m].file);
				tfms_buf_puts(out, "\n");
			}
			j = k;
		}
		tfms_buf_puts(out, "\n");
		i = end;
	}
}

/* Files with the most remaining work first. */
static int compare_files(const void *a, const void *b)
{
	const file_row *x = a, *y = b;
	size_t wx = x->errors + x->warnings + x->notes;
	size_t wy = y->errors + y->warnings + y->notes;
	if (wx != wy)
		return wx > wy ? -1 : 1;
	if (x->errors != y->errors)
		return x->errors > y->errors ? -1 : 1;
	return strcmp(x->path, y->path);
}

static void checklist(const plan *p, tfms_buf *out)
{
	if (p->nfiles == 0)
		return;
	tfms_buf_puts(out, "## Checklist by file\n\n"
			   "Files with the most work left come first; each "
			   "can be handed to one person. An item covers one "
			   "API in the file, with its lines.\n\n");
	file_row *order = tfms_calloc(p->nfiles, sizeof(*order));
	memcpy(order, p->files, p->nfiles * sizeof(*order));
	tfms_sort(order, p->nfiles, sizeof(*order), compare_files);
	for (size_t fi = 0; fi < p->nfiles; fi++) {
		const file_row *fr = &order[fi];
		size_t left = fr->errors + fr->warnings + fr->notes;
		size_t file = 0;
		while (p->files[file].path != fr->path)
			file++;
		tfms_buf_puts(out, "### ");
		put_code(out, fr->path);
		tfms_buf_printf(out, " — %s: ",
				left == 0	     ? "done"
				: fr->converted == 0 ? "untouched"
						     : "partly converted");
		if (left)
			tfms_buf_printf(
				out,
				"%zu left (%zu error%s, %zu note%s"
				"%s), ",
				left, fr->errors + fr->warnings,
				fr->errors + fr->warnings == 1 ? "" : "s",
				fr->notes, fr->notes == 1 ? "" : "s",
				fr->warnings ? ", warnings included" : "");
		tfms_buf_printf(out, "%zu converted\n\n", fr->converted);
		for (size_t j = 0; j < p->nitems;) {
			if (p->items[j].file != file) {
				j++;
				continue;
			}
			const tfms_finding *f = p->items[j].f;
			size_t k = j, uses = 0;
			while (k < p->nitems &&
			       p->items[k].phase == p->items[j].phase &&
			       strcmp(p->items[k].f->api, f->api) == 0) {
				uses += p->items[k].file == file;
				k++;
			}
			tfms_buf_printf(out, "- [ ] %s: ",
					phase_title(p, p->items[j].phase));
			put_code(out, f->api);
			if (uses > 1)
				tfms_buf_printf(out, " ×%zu", uses);
			tfms_buf_puts(out, uses > 1 ? ", lines " : ", line ");
			put_lines(out, p->items, j, k, file);
			const char *step = short_step(p, f);
			if (step) {
				tfms_buf_puts(out, " → ");
				put_code(out, step);
			}
			if (f->level == TFMS_LEVEL_NOTE)
				tfms_buf_puts(out, " (note)");
			tfms_buf_puts(out, "\n");
			j = k;
		}
		for (size_t i = 0; i < fr->reviews; i++) {
			const tfms_conversion *c =
				p->reviews[fr->first_review + i];
			if (c->cell)
				tfms_buf_printf(
					out, "- [ ] Review cell %u line %u: ",
					c->cell, c->line);
			else
				tfms_buf_printf(
					out, "- [ ] Review line %u: ", c->line);
			put_review(out, c);
		}
		tfms_buf_puts(out, "\n");
	}
	free(order);
}

static void conversions_by_api(const tfms_report *r, tfms_buf *out)
{
	if (r->records.nconversions == 0)
		return;
	api_row *rows = tfms_calloc(r->records.nconversions + 1, sizeof(*rows));
	size_t n = 0;
	tfms_strmap by_api = {0};
	for (size_t i = 0; i < r->records.nconversions; i++) {
		const tfms_conversion *c = &r->records.conversions[i];
		bool added;
		api_row *row = &rows[tfms_strmap_get_or_add(&by_api, c->api, n,
							    &added)];
		if (added) {
			n++;
			row->api = c->api;
			row->conv = c;
		}
		row->count++;
	}
	tfms_strmap_dispose(&by_api);
	tfms_sort(rows, n, sizeof(*rows), compare_rows);
	tfms_buf_puts(out, "## Converted, by API\n\n"
			   "| TensorFlow API | Uses | MindSpore | Review |\n"
			   "|---|---:|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		tfms_buf_puts(out, "| ");
		put_code(out, rows[i].api);
		tfms_buf_printf(out, " | %zu | ", rows[i].count);
		put_code(out, rows[i].conv->ms_api);
		tfms_buf_puts(out, " | ");
		tfms_md_cell(out, rows[i].conv->review);
		tfms_buf_puts(out, " |\n");
	}
	tfms_buf_puts(out, "\n");
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

/* Converted references with a review note: isinstance(x, tf.Tensor)
 * becomes isinstance(x, ms.Tensor), which is right in the finished
 * program but false until the code making x is migrated too, so the
 * branch the check guards changes silently meanwhile. These sites come
 * first, apart from the plan. */
static void type_checks(const tfms_report *r, tfms_buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < r->records.nconversions; i++) {
		const tfms_conversion *c = &r->records.conversions[i];
		if (!c->reference || !c->review)
			continue;
		if (n++ == 0)
			tfms_buf_puts(
				out,
				"## Type checks and references to review "
				"now\n\n"
				"These references were converted and are right "
				"once the whole program speaks MindSpore; "
				"until "
				"the code that makes the values they test is "
				"migrated too, a check such as `isinstance` "
				"gives another answer than before. Review each "
				"while the migration is under way.\n\n");
		if (c->cell)
			tfms_buf_printf(out, "- [ ] `%s:cell %u:%u:%u` ",
					c->path, c->cell, c->line, c->column);
		else
			tfms_buf_printf(out, "- [ ] `%s:%u:%u` ", c->path,
					c->line, c->column);
		put_review(out, c);
	}
	if (n)
		tfms_buf_puts(out, "\n");
}

void tfms_report_write_markdown(const tfms_report *r, tfms_buf *out)
{
	size_t uses = r->records.nconversions + r->records.nfindings;
	plan p;
	plan_build(&p, r);
	size_t done = 0, partly = 0, untouched = 0, errors = 0, notes = 0;
	for (size_t i = 0; i < p.nfiles; i++) {
		const file_row *fr = &p.files[i];
		size_t left = fr->errors + fr->warnings + fr->notes;
		done += left == 0;
		partly += left && fr->converted;
		untouched += left && !fr->converted;
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
			r->records.nconversions, uses,
			100.0 * (double)r->records.nconversions / (double)uses,
			r->records.nfindings);
		if (r->records.nfindings)
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
				notes == 1 ? "s" : "", p.nfiles,
				p.nfiles == 1 ? "" : "s", done,
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
		tfms_buf_printf(out, "| Converted | %zu (%.1f %%) |\n",
				r->records.nconversions,
				100.0 * (double)r->records.nconversions /
					(double)uses);
	else
		tfms_buf_puts(out, "| Converted | 0 |\n");
	tfms_buf_printf(out, "| Left for manual work | %zu |\n\n",
			r->records.nfindings);
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
	type_checks(r, out);
	remaining_by_phase(&p, out);
	checklist(&p, out);
	conversions_by_api(r, out);
	coverage(r, out);
	plan_dispose(&p);
}
