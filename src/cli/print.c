#include "print.h"
#include "tfms/result.h"

#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"
#include "tfms/hints.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *kind_color(tfms_finding_kind kind)
{
	switch (kind) {
	case TFMS_FINDING_PARSE_ERROR:
		return "\033[31m";
	case TFMS_FINDING_DIFF:
	case TFMS_FINDING_NOT_DROP_IN:
	case TFMS_FINDING_UNSUPPORTED_ARGS:
		return "\033[33m";
	default:
		return "\033[36m";
	}
}

static void print_diff(FILE *out, const tfms_buf *diff, bool color)
{
	if (!color) {
		fwrite(diff->ptr, 1, diff->len, out);
		return;
	}
	const char *p = diff->ptr, *end = diff->ptr + diff->len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *c = NULL;
		if (n >= 4 &&
		    (memcmp(p, "--- ", 4) == 0 || memcmp(p, "+++ ", 4) == 0 ||
		     memcmp(p, "diff", 4) == 0))
			c = "\033[1m";
		else if (*p == '+')
			c = "\033[32m";
		else if (*p == '-')
			c = "\033[31m";
		else if (*p == '@')
			c = "\033[36m";
		if (c)
			fprintf(out, "%s%.*s\033[0m\n", c, (int)n, p);
		else
			fprintf(out, "%.*s\n", (int)n, p);
		p += n + 1;
	}
}

static void clear_progress(cli_printer *pr)
{
	if (pr->progress_started)
		tfms_progress_clear(&pr->progress);
}

void cli_print_error(cli_printer *pr, const char *message)
{
	clear_progress(pr);
	fprintf(pr->err, "tfms-rewrite: %s\n", message);
}

/* path:line:col, or path:cell N:line:col in a notebook. */
static void put_location(FILE *out, const char *path, uint32_t cell,
			 uint32_t line, uint32_t column)
{
	if (cell)
		fprintf(out, "%s:cell %u:%u:%u", path, cell, line, column);
	else
		fprintf(out, "%s:%u:%u", path, line, column);
}

static bool shows_something(const cli_printer *pr, const tfms_file_result *r)
{
	return r->error ||
	       (r->plan.results.nfindings &&
		pr->verbosity == TFMS_VERBOSITY_VERBOSE) ||
	       (r->diff.len && !pr->report_to_out) ||
	       (r->plan.results.nconversions &&
		pr->verbosity == TFMS_VERBOSITY_VERBOSE);
}

/* Counts a remaining use for the grouped summary. */
static void tally(cli_printer *pr, const tfms_finding *f)
{
	const char *cat = f->category ? f->category : "";
	if (f->level > pr->worst)
		pr->worst = f->level;
	pr->levels[f->level]++;
	/* An API's category is a function of the API: the API alone is the
	 * key. */
	char *api = tfms_strdup(f->api);
	bool added;
	size_t i =
		tfms_strmap_get_or_add(&pr->tally_map, api, pr->ntally, &added);
	if (!added) {
		free(api);
		pr->tally[i].count++;
		return;
	}
	if (pr->ntally == pr->tally_cap) {
		pr->tally_cap = pr->tally_cap ? 2 * pr->tally_cap : 64;
		pr->tally = tfms_realloc(pr->tally,
					 pr->tally_cap * sizeof(*pr->tally));
	}
	pr->tally[pr->ntally++] = (struct cli_tally){tfms_strdup(cat), api, 1};
}

static void on_file(const tfms_file_result *r, void *payload)
{
	cli_printer *pr = payload;
	FILE *err = pr->err;
	bool color = pr->color_diagnostics;
	if (shows_something(pr, r))
		clear_progress(pr);
	if (r->diff.len && !pr->report_to_out)
		print_diff(pr->out, &r->diff, pr->color_diff);
	if (r->error)
		fprintf(err, "tfms-rewrite: %s\n", r->error);
	const tfms_results *res = &r->plan.results;
	for (size_t k = 0;
	     pr->verbosity == TFMS_VERBOSITY_VERBOSE && k < res->nconversions;
	     k++) {
		const tfms_conversion *c = &res->conversions[k];
		put_location(err, c->path, c->cell, c->line, c->column);
		fprintf(err, ": %sconverted%s: %s -> %s\n",
			color ? "\033[32m" : "", color ? "\033[0m" : "", c->api,
			c->ms_api);
	}
	for (size_t k = 0; k < res->nfindings; k++)
		tally(pr, &res->findings[k]);
	/* The full list of findings is for -v and the reports; by default
	 * the summary groups them. */
	for (size_t k = 0;
	     pr->verbosity == TFMS_VERBOSITY_VERBOSE && k < res->nfindings;
	     k++) {
		const tfms_finding *f = &res->findings[k];
		put_location(err, f->path, f->cell, f->line, f->column);
		fprintf(err, ": %s%s%s: %s: %s\n",
			color ? kind_color(f->kind) : "",
			tfms_finding_kind_name(f->kind), color ? "\033[0m" : "",
			f->api, f->message);
	}
}

static void on_progress(size_t done, size_t total, void *payload)
{
	cli_printer *pr = payload;
	if (!pr->progress_started) {
		tfms_progress_init(&pr->progress, pr->err, total,
				   pr->verbosity >= TFMS_VERBOSITY_NORMAL &&
					   isatty(fileno(pr->err)));
		pr->progress_started = true;
	}
	tfms_progress_update(&pr->progress, done);
}

static void on_error(const char *message, void *payload)
{
	cli_print_error(payload, message);
}

static int compare_tally(const void *a, const void *b)
{
	const struct cli_tally *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->api, y->api);
}

static const tfms_hint_phase *phase_of(const tfms_hints *hints,
				       const char *category)
{
	const tfms_hint_category *c =
		hints ? tfms_hints_category(hints, category) : NULL;
	return c ? c->phase : NULL;
}

/* Per migration phase, in the phase order: how many uses remain and the
 * APIs that account for most of them. Uses without a phase come last. */
#define SUMMARY_APIS 3
static void print_phases(cli_printer *pr, const tfms_hints *hints)
{
	if (!pr->ntally)
		return;
	tfms_sort(pr->tally, pr->ntally, sizeof(*pr->tally), compare_tally);
	size_t nphases = hints ? tfms_hints_phase_count(hints) : 0;
	fprintf(pr->err,
		"left by migration phase (%zu error%s, %zu warning%s, %zu "
		"note%s):\n",
		pr->levels[TFMS_LEVEL_ERROR],
		pr->levels[TFMS_LEVEL_ERROR] == 1 ? "" : "s",
		pr->levels[TFMS_LEVEL_WARNING],
		pr->levels[TFMS_LEVEL_WARNING] == 1 ? "" : "s",
		pr->levels[TFMS_LEVEL_NOTE],
		pr->levels[TFMS_LEVEL_NOTE] == 1 ? "" : "s");
	for (size_t p = 0; p <= nphases; p++) {
		const tfms_hint_phase *ph =
			p < nphases ? tfms_hints_phase_at(hints, p) : NULL;
		size_t uses = 0, apis = 0;
		for (size_t i = 0; i < pr->ntally; i++)
			if (phase_of(hints, pr->tally[i].category) == ph) {
				uses += pr->tally[i].count;
				apis++;
			}
		if (!uses)
			continue;
		fprintf(pr->err, "  %5zu  %s:", uses,
			ph ? ph->title : "Unclassified");
		size_t shown = 0;
		for (size_t i = 0; i < pr->ntally && shown < SUMMARY_APIS;
		     i++) {
			if (phase_of(hints, pr->tally[i].category) != ph)
				continue;
			fprintf(pr->err, "%s %s %zu", shown ? "," : "",
				pr->tally[i].api, pr->tally[i].count);
			shown++;
		}
		if (apis > shown)
			fprintf(pr->err, ", +%zu more API%s", apis - shown,
				apis - shown == 1 ? "" : "s");
		fputc('\n', pr->err);
	}
	if (pr->report_path)
		fprintf(pr->err, "tfms-rewrite: the report has every next "
				 "step; -v lists every use\n");
	else if (pr->branch_mode)
		fprintf(pr->err, "tfms-rewrite: -v lists every use\n");
	else
		fprintf(pr->err,
			"tfms-rewrite: --report FILE.md writes the plan per "
			"file with every next step; -v lists every use\n");
}

static void on_warning(const char *message, void *payload)
{
	cli_printer *pr = payload;
	fprintf(pr->err, "tfms-rewrite: warning: %s\n", message);
}

static void on_summary(const tfms_run_summary *s, void *payload)
{
	cli_printer *pr = payload;
	clear_progress(pr);
	fflush(pr->out);
	if (pr->verbosity < TFMS_VERBOSITY_NORMAL)
		return;
	size_t uses = s->converted + s->findings;
	const char *verb =
		s->mode == TFMS_MODE_DRY_RUN ? "would change" : "changed";
	fprintf(pr->err,
		"tfms-rewrite: %zu file%s scanned, %zu %s; %zu TensorFlow "
		"use%s: %zu converted, %zu left for manual work%s\n",
		s->files_scanned, s->files_scanned == 1 ? "" : "s",
		s->files_changed, verb, uses, uses == 1 ? "" : "s",
		s->converted, s->findings,
		s->errors ? "; some files had errors (see above)" : "");
	pr->branch_mode = s->mode == TFMS_MODE_BRANCH;
	print_phases(pr, s->hints);
}

static void on_branch(const tfms_branch_outcome *o, void *payload)
{
	cli_printer *pr = payload;
	if (pr->verbosity == TFMS_VERBOSITY_QUIET)
		return;
	if (o->uncommitted)
		fprintf(pr->err,
			"tfms-rewrite: note: %zu uncommitted change%s under "
			"the migrated paths %s not included; the branch is "
			"built from %s\n",
			o->uncommitted, o->uncommitted == 1 ? "" : "s",
			o->uncommitted == 1 ? "is" : "are", o->base_label);
	if (!o->created) {
		fprintf(pr->err,
			"tfms-rewrite: nothing to convert in %s; no branch "
			"created\n",
			o->base_label);
		return;
	}
	fprintf(pr->err,
		"tfms-rewrite: branch '%s' %s from %s (%.12s) with %zu "
		"changed file%s and %s\n"
		"review:  git diff %.12s..%s\n"
		"switch:  git switch %s\n",
		o->name, o->moved ? "moved to a migration" : "created",
		o->base_label, o->base_id, o->changed_files,
		o->changed_files == 1 ? "" : "s", o->report_path, o->base_id,
		o->name, o->name);
}

static int on_report_output(const char *data, size_t len, void *payload)
{
	cli_printer *pr = payload;
	if (fwrite(data, 1, len, pr->out) != len || fflush(pr->out) != 0)
		return tfms_error_set("cannot write the report to standard "
				      "output: %s",
				      strerror(errno));
	return 0;
}

/* Why --check or --baseline failed, one line each; quiet prints it too:
 * it is the answer CI asked for. */
static void on_check(const tfms_check_outcome *o, void *payload)
{
	cli_printer *pr = payload;
	FILE *err = pr->err;
	if (o->baseline) {
		for (size_t i = 0; i < o->nnew; i++) {
			const tfms_finding *f = o->new_findings[i];
			put_location(err, f->path, f->cell, f->line, f->column);
			fprintf(err, ": new finding: %s: %s\n", f->api,
				f->message);
		}
		bool dropped = o->failed && o->nnew == 0;
		fprintf(err,
			"tfms-rewrite: check %s: %zu new finding%s against "
			"%s; converted share %.1f %% (baseline %.1f %%)%s\n",
			o->failed ? "failed" : "passed", o->nnew,
			o->nnew == 1 ? "" : "s", o->baseline, 100.0 * o->share,
			100.0 * o->baseline_share, dropped ? ", dropped" : "");
		return;
	}
	if (o->threshold > TFMS_LEVEL_ERROR) { /* --fail-on none */
		fprintf(err,
			"tfms-rewrite: check %s: %zu use%s would be converted; "
			"findings do not fail it (--fail-on none)\n",
			o->failed ? "failed" : "passed", o->would_convert,
			o->would_convert == 1 ? "" : "s");
		return;
	}
	fprintf(err,
		"tfms-rewrite: check %s: %zu use%s would be converted, %zu "
		"finding%s at or above %s\n",
		o->failed ? "failed" : "passed", o->would_convert,
		o->would_convert == 1 ? "" : "s", o->failing,
		o->failing == 1 ? "" : "s", tfms_level_name(o->threshold));
}

tfms_run_events cli_printer_events(cli_printer *pr)
{
	tfms_run_events ev = {on_file,	  on_progress, on_error,
			      on_summary, on_branch,   on_report_output,
			      pr,	  on_warning,  on_check};
	return ev;
}

int cli_printer_finish(cli_printer *pr, const char *what)
{
	clear_progress(pr);
	for (size_t i = 0; i < pr->ntally; i++) {
		free(pr->tally[i].category);
		free(pr->tally[i].api);
	}
	free(pr->tally);
	tfms_strmap_dispose(&pr->tally_map);
	pr->tally = NULL;
	pr->ntally = pr->tally_cap = 0;
	int rc = 0;
	/* A write error sticks to the stream; fflush reports what was still
	 * buffered. Either way part of the output is lost. */
	if (fflush(pr->out) != 0 || ferror(pr->out)) {
		fprintf(pr->err, "tfms-rewrite: cannot write %s: %s\n", what,
			strerror(errno ? errno : EIO));
		rc = -1;
	}
	fflush(pr->err);
	return rc;
}
