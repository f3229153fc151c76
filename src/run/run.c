#include "tfms/run.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"
#include "tfms/fileio.h"
#include "tfms/process.h"
#include "tfms/progress.h"
#include "tfms/report.h"
#include "tfms/rulelist.h"
#include "tfms/rules.h"
#include "tfms/walk.h"

#include <git2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Python files larger than this are not migrated but reported. */
#define SOURCE_FILE_LIMIT (16u << 20)

/* Files are handed to workers in path order and collected in the same
 * order by the main thread, which prints and frees each result as soon as
 * it and all before it are done. Workers stay at most WINDOW files ahead of
 * the collector, so memory is bounded by the workers and the largest
 * files, not by the repository. */
typedef struct {
	const tfms_options *opts;
	const tfms_ruleset *rs;
	const tfms_walk_list *files;
	tfms_file_result *results;
	bool *done;	     /* guarded by lock */
	tfms_branch *branch; /* TFMS_MODE_BRANCH */
	size_t next;	     /* next file to hand out; guarded by lock */
	size_t collected;    /* files collected so far; guarded by lock */
	size_t window;
	pthread_mutex_t lock;
	pthread_cond_t changed;
} pool;

/* One worker's own tools: libgit2 objects are not shared between threads,
 * so each worker opens its own repository handle. */
typedef struct {
	pool *pool;
	tfms_python *py;
	git_repository *repo;
	pthread_t thread;
	bool started;
} worker_state;

static int read_blob(char **out, size_t *len, git_repository *repo,
		     const tfms_walk_file *f)
{
	git_oid oid;
	git_blob *blob = NULL;
	memcpy(oid.id, f->oid, 20);
	if (!repo || git_blob_lookup(&blob, repo, &oid) < 0)
		return tfms_error_set("%s: cannot read blob", f->display);
	git_object_size_t size = git_blob_rawsize(blob);
	if (size > SOURCE_FILE_LIMIT) {
		git_blob_free(blob);
		return tfms_error_set("%s: file too large (%llu bytes, limit "
				      "%u)",
				      f->display, (unsigned long long)size,
				      SOURCE_FILE_LIMIT);
	}
	*out = tfms_strndup(git_blob_rawcontent(blob), (size_t)size);
	*len = (size_t)size;
	git_blob_free(blob);
	return 0;
}

static void write_blob(pool *p, git_repository *repo, size_t i,
		       tfms_file_result *r)
{
	git_oid oid;
	if (git_blob_create_from_buffer(&oid, repo, r->new_data, r->new_len) <
	    0) {
		const git_error *e = git_error_last();
		r->error = tfms_asprintf("%s: cannot write blob: %s", r->path,
					 e ? e->message : "libgit2 error");
		r->changed = false;
		return;
	}
	tfms_branch_set_blob(p->branch, i, oid.id);
}

static void process_one(pool *p, worker_state *w, size_t i)
{
	const tfms_walk_file *f = &p->files->items[i];
	tfms_file_result *r = &p->results[i];
	char *data;
	size_t len;
	int rc = f->in_git ? read_blob(&data, &len, w->repo, f)
			   : tfms_file_read(&data, &len, f->path, f->display,
					    SOURCE_FILE_LIMIT);
	if (rc < 0) {
		memset(r, 0, sizeof(*r));
		r->path = tfms_strdup(f->display);
		tfms_buf_init(&r->diff);
		r->error = tfms_strdup(tfms_error_last());
		return;
	}
	tfms_process_buffer(r, w->py, p->rs, f->display, data, len,
			    p->opts->mode == TFMS_MODE_DRY_RUN);
	free(data);
	if (r->changed && !r->error && p->opts->mode == TFMS_MODE_BRANCH)
		write_blob(p, w->repo, i, r);
	if (r->changed && !r->error && p->opts->mode == TFMS_MODE_IN_PLACE &&
	    tfms_file_replace(f->path, f->display, r->new_data, r->new_len) <
		    0) {
		r->error = tfms_strdup(tfms_error_last());
		r->changed = false;
	}
	/* Keep each file's result, not its text: memory stays bounded by
	 * the workers, not the repository. */
	free(r->new_data);
	r->new_data = NULL;
}

static void *worker(void *arg)
{
	worker_state *w = arg;
	pool *p = w->pool;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->next < p->files->len &&
		       p->next >= p->collected + p->window)
			pthread_cond_wait(&p->changed, &p->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->files->len)
			break;
		process_one(p, w, i);
		pthread_mutex_lock(&p->lock);
		p->done[i] = true;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

static unsigned worker_count(const tfms_options *opts, size_t files)
{
	unsigned n = opts->jobs;
	if (n == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		n = cpus > 0 ? (unsigned)cpus : 1;
	}
	if (n > files)
		n = files ? (unsigned)files : 1;
	return n;
}

static void free_workers(worker_state *ws, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		git_repository_free(ws[i].repo);
		tfms_python_free(ws[i].py);
	}
	free(ws);
}

/* Every worker's parser and repository handle are made before any thread
 * starts, so a failure stops the run before any work is done. */
static int make_workers(worker_state **out, pool *p, unsigned n)
{
	worker_state *ws = tfms_calloc(n, sizeof(*ws));
	*out = ws;
	for (unsigned i = 0; i < n; i++) {
		ws[i].pool = p;
		if (tfms_python_new(&ws[i].py) < 0)
			return -1;
		if (p->branch &&
		    git_repository_open(&ws[i].repo,
					tfms_branch_git_dir(p->branch)) < 0) {
			const git_error *e = git_error_last();
			return tfms_error_set("cannot open the repository: %s",
					      e ? e->message : "libgit2 error");
		}
	}
	return 0;
}

static void start_workers(worker_state *ws, unsigned n)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	/* The resolver recurses along the syntax tree; deeply nested
	 * expressions need more than a small default stack, and the main
	 * thread's is not ours to choose, so even one worker gets a thread. */
	pthread_attr_setstacksize(&attr, 64u << 20);
	for (unsigned i = 0; i < n; i++)
		ws[i].started = pthread_create(&ws[i].thread, &attr, worker,
					       &ws[i]) == 0;
	pthread_attr_destroy(&attr);
	/* Without any thread the work still gets done, here. */
	bool any = false;
	for (unsigned i = 0; i < n; i++)
		any = any || ws[i].started;
	if (!any)
		worker(&ws[0]);
}

static void join_workers(worker_state *ws, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (ws[i].started)
			pthread_join(ws[i].thread, NULL);
}

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

static int write_report(const tfms_options *opts, const tfms_report *report)
{
	tfms_buf text = TFMS_BUF_INIT;
	int rc = 0;
	if (opts->report_format == TFMS_REPORT_JSON)
		rc = tfms_report_write_json(report, &text);
	else
		tfms_report_write_markdown(report, &text);
	if (rc == 0)
		rc = tfms_file_write(opts->report_path, text.ptr, text.len);
	tfms_buf_dispose(&text);
	return rc;
}

static int load_rules(tfms_ruleset **out, const tfms_options *opts)
{
	tfms_ruleset_new(out);
	if (opts->nrule_paths == 0) {
		if (tfms_ruleset_load_builtin(*out) < 0)
			return -1;
	}
	for (size_t i = 0; i < opts->nrule_paths; i++)
		if (tfms_ruleset_load_path(*out, opts->rule_paths[i]) < 0)
			return -1;
	return tfms_ruleset_finalize(*out);
}

/* Prints one file's diff and diagnostics and moves its records into the
 * report; the result is freed. */
static void collect_one(const tfms_options *opts, tfms_file_result *r,
			tfms_report *report, bool keep)
{
	FILE *err = opts->err;
	bool color = opts->color_diagnostics;
	if (r->changed)
		report->files_changed++;
	if (opts->mode == TFMS_MODE_DRY_RUN && r->diff.len)
		print_diff(opts->out, &r->diff, opts->color_diff);
	if (r->error) {
		fprintf(err, "tfms-rewrite: %s\n", r->error);
		/* The message starts with the path already. */
		const char *msg = r->error;
		size_t n = strlen(r->path);
		if (strncmp(msg, r->path, n) == 0 && msg[n] == ':')
			msg += n + 2;
		tfms_report_add_error(report, r->path, msg);
	}
	for (size_t k = 0; k < r->plan.nconversions; k++) {
		tfms_conversion *c = &r->plan.conversions[k];
		if (opts->verbosity == TFMS_VERBOSITY_VERBOSE)
			fprintf(err, "%s:%u:%u: %sconverted%s: %s -> %s\n",
				c->path, c->line, c->column,
				color ? "\033[32m" : "", color ? "\033[0m" : "",
				c->api, c->ms_api);
		report->converted_total++;
		if (keep)
			tfms_report_add_conversion(report, c);
	}
	for (size_t k = 0; k < r->plan.nfindings; k++) {
		tfms_finding *f = &r->plan.findings[k];
		if (opts->verbosity >= TFMS_VERBOSITY_NORMAL)
			fprintf(err, "%s:%u:%u: %s%s%s: %s: %s\n", f->path,
				f->line, f->column,
				color ? kind_color(f->kind) : "",
				tfms_finding_kind_name(f->kind),
				color ? "\033[0m" : "", f->api, f->message);
		report->findings_total++;
		if (keep)
			tfms_report_add_finding(report, f);
	}
	if (keep) /* the records now belong to the report */
		r->plan.nconversions = r->plan.nfindings = 0;
	tfms_file_result_dispose(r);
}

/* The main thread's part: collect results in path order while the
 * workers run, and keep the progress line up to date. */
static void collect_all(const tfms_options *opts, pool *p, tfms_report *report)
{
	tfms_progress progress;
	tfms_progress_init(&progress, opts->err, p->files->len,
			   opts->verbosity >= TFMS_VERBOSITY_NORMAL &&
				   isatty(fileno(opts->err)));
	for (size_t i = 0; i < p->files->len; i++) {
		pthread_mutex_lock(&p->lock);
		while (!p->done[i]) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 100 * 1000 * 1000;
			if (until.tv_nsec >= 1000000000) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000;
			}
			pthread_cond_timedwait(&p->changed, &p->lock, &until);
			pthread_mutex_unlock(&p->lock);
			tfms_progress_update(&progress, i);
			pthread_mutex_lock(&p->lock);
		}
		pthread_mutex_unlock(&p->lock);
		tfms_file_result *r = &p->results[i];
		if (r->error || r->plan.nfindings || r->diff.len ||
		    (r->plan.nconversions &&
		     opts->verbosity == TFMS_VERBOSITY_VERBOSE))
			tfms_progress_clear(&progress);
		collect_one(opts, r, report,
			    opts->report_path ||
				    opts->mode == TFMS_MODE_BRANCH);
		pthread_mutex_lock(&p->lock);
		p->collected = i + 1;
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		tfms_progress_update(&progress, i + 1);
	}
	tfms_progress_clear(&progress);
	fflush(opts->out);
}

static void print_summary(const tfms_options *opts, const tfms_report *r)
{
	size_t uses = r->converted_total + r->findings_total;
	const char *verb =
		opts->mode == TFMS_MODE_DRY_RUN ? "would change" : "changed";
	fprintf(opts->err,
		"tfms-rewrite: %zu file%s scanned, %zu %s; %zu TensorFlow "
		"use%s: %zu converted, %zu left for manual work%s\n",
		r->files_scanned, r->files_scanned == 1 ? "" : "s",
		r->files_changed, verb, uses, uses == 1 ? "" : "s",
		r->converted_total, r->findings_total,
		r->nerrors ? "; some files had errors (see above)" : "");
}

static int compare_files(const void *a, const void *b)
{
	return strcmp(((const tfms_walk_file *)a)->display,
		      ((const tfms_walk_file *)b)->display);
}

int tfms_list_rules(const tfms_options *opts, int format)
{
	tfms_ruleset *rs = NULL;
	tfms_buf text = TFMS_BUF_INIT;
	int rc = TFMS_EXIT_OK;
	if (load_rules(&rs, opts) < 0 ||
	    tfms_rules_describe(rs, (tfms_list_format)format, &text) < 0) {
		fprintf(opts->err, "tfms-rewrite: %s\n", tfms_error_last());
		rc = TFMS_EXIT_USAGE;
	} else {
		fwrite(text.ptr, 1, text.len, opts->out);
	}
	tfms_buf_dispose(&text);
	tfms_ruleset_free(rs);
	return rc;
}

int tfms_run(const tfms_options *opts)
{
	FILE *err = opts->err;
	int exit_code = TFMS_EXIT_OK;
	tfms_ruleset *rs = NULL;
	tfms_branch *branch = NULL;
	tfms_report report = TFMS_REPORT_INIT;
	tfms_walk_list files = {0};
	pool p;
	memset(&p, 0, sizeof(p));
	worker_state *workers = NULL;
	unsigned nworkers = 0;
	git_libgit2_init();

	if (load_rules(&rs, opts) < 0) {
		fprintf(err, "tfms-rewrite: %s\n", tfms_error_last());
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	report.rule_sources = tfms_strdup(tfms_ruleset_sources(rs));
	report.rules_loaded = tfms_ruleset_count(rs);
	if (opts->mode == TFMS_MODE_BRANCH) {
		if (tfms_branch_open(&branch, &opts->branch, opts->paths,
				     opts->npaths, &files) < 0) {
			fprintf(err, "tfms-rewrite: %s\n", tfms_error_last());
			exit_code = TFMS_EXIT_USAGE;
			goto done;
		}
		tfms_sort(files.items, files.len, sizeof(tfms_walk_file),
			  compare_files);
	} else {
		static const char *const default_paths[] = {"."};
		tfms_walk(&files, opts->npaths ? opts->paths : default_paths,
			  opts->npaths ? opts->npaths : 1, &report);
		for (size_t i = 0; i < report.nerrors; i++)
			fprintf(err, "tfms-rewrite: %s: %s\n",
				report.errors[i].path,
				report.errors[i].message);
	}

	nworkers = worker_count(opts, files.len);
	p.opts = opts;
	p.rs = rs;
	p.files = &files;
	p.branch = branch;
	p.results = tfms_calloc(files.len + 1, sizeof(tfms_file_result));
	p.done = tfms_calloc(files.len + 1, sizeof(bool));
	p.window = 4 * (size_t)nworkers + 4;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	if (make_workers(&workers, &p, nworkers) < 0) {
		fprintf(err, "tfms-rewrite: %s\n", tfms_error_last());
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	report.files_scanned = files.len;
	start_workers(workers, nworkers);
	collect_all(opts, &p, &report);
	join_workers(workers, nworkers);
	if (report.nerrors)
		exit_code = TFMS_EXIT_FILE_ERRORS;
	if (opts->report_path && write_report(opts, &report) < 0) {
		fprintf(err, "tfms-rewrite: %s\n", tfms_error_last());
		exit_code = TFMS_EXIT_FILE_ERRORS;
	}
	if (opts->verbosity >= TFMS_VERBOSITY_NORMAL)
		print_summary(opts, &report);
	if (branch) {
		tfms_buf markdown = TFMS_BUF_INIT;
		tfms_report_write_markdown(&report, &markdown);
		bool created;
		if (tfms_branch_commit(
			    branch, &report, markdown.ptr, &created, err,
			    opts->verbosity == TFMS_VERBOSITY_QUIET) < 0) {
			fprintf(err, "tfms-rewrite: %s\n", tfms_error_last());
			exit_code = TFMS_EXIT_FILE_ERRORS;
		}
		tfms_buf_dispose(&markdown);
	}
done:
	if (p.results) {
		for (size_t i = 0; i < files.len; i++)
			tfms_file_result_dispose(&p.results[i]);
		pthread_mutex_destroy(&p.lock);
		pthread_cond_destroy(&p.changed);
	}
	free(p.results);
	free(p.done);
	free_workers(workers, nworkers);
	tfms_branch_free(branch);
	tfms_walk_list_dispose(&files);
	tfms_report_dispose(&report);
	tfms_ruleset_free(rs);
	git_libgit2_shutdown();
	return exit_code;
}
