#include "tfms/run.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/baseline.h"
#include "tfms/diff.h"
#include "tfms/error.h"
#include "tfms/fileio.h"
#include "tfms/hints.h"
#include "tfms/outputs.h"
#include "tfms/project.h"
#include "tfms/report.h"
#include "tfms/rulelist.h"
#include "tfms/rules.h"
#include "tfms/sarif.h"
#include "tfms/text.h"
#include "tfms/walk.h"

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
	const tfms_run_events *events;
	const tfms_ruleset *rs;
	const tfms_input_list *files;
	tfms_file_result *results;
	bool *done;	     /* guarded by lock */
	tfms_branch *branch; /* TFMS_MODE_BRANCH */
	tfms_project *project;
	size_t next;	  /* next file to hand out; guarded by lock */
	size_t collected; /* files collected so far; guarded by lock */
	size_t window;
	size_t batch;	      /* results the collector takes per wake-up */
	size_t want;	      /* the result the collector waits for */
	bool collector_waits; /* guarded by lock */
	unsigned idle;	      /* workers waiting for the window */
	tfms_level threshold; /* --check: findings that fail it */
	size_t failing;	      /* findings at or above threshold */
	tfms_baseline *base;  /* --baseline: matched as files arrive */
	tfms_results fresh;   /* --baseline: the new findings */
	pthread_mutex_t lock;
	pthread_cond_t changed;	 /* wakes workers: the window moved */
	pthread_cond_t finished; /* wakes the collector: results are ready */
} pool;

/* One worker's own tools: a parser, and for --branch its own handle on
 * the repository. */
typedef struct {
	pool *pool;
	tfms_python *py;
	tfms_branch_io *io;
	pthread_t thread;
	bool started;
} worker_state;

static void process_one(pool *p, worker_state *w, size_t i)
{
	const tfms_input *f = &p->files->items[i];
	tfms_file_result *r = &p->results[i];
	char *data;
	size_t len;
	int rc = f->in_git ? tfms_branch_io_read(w->io, i, f->display,
						 SOURCE_FILE_LIMIT, &data, &len)
			   : tfms_file_read(&data, &len, f->path, f->display,
					    SOURCE_FILE_LIMIT);
	if (rc < 0) {
		memset(r, 0, sizeof(*r));
		r->path = tfms_strdup(f->display);
		tfms_buf_init(&r->diff);
		r->error = tfms_strdup(tfms_error_last());
		return;
	}
	tfms_process_options popts = {p->opts->mode == TFMS_MODE_DRY_RUN,
				      p->opts->annotate,
				      tfms_project_env(p->project, i),
				      tfms_project_wants(p->project, i)};
	tfms_process_buffer(r, w->py, p->rs, f->display, data, len, &popts);
	free(data);
	if (r->changed && !r->error && p->opts->mode == TFMS_MODE_BRANCH &&
	    tfms_branch_io_write(w->io, i, r->path, r->new_data, r->new_len) <
		    0) {
		r->error = tfms_strdup(tfms_error_last());
		r->changed = false;
	}
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

/* Wake-ups are batched (each costs two context switches): the collector
 * is woken once p->batch results are ready in a row, or when no worker
 * could go on without it (the window is full or the files are all
 * handed out). Caller holds the lock. */
static void wake_collector(pool *p)
{
	if (!p->collector_waits || !p->done[p->want])
		return;
	size_t ready = 0;
	while (p->want + ready < p->files->len && p->done[p->want + ready] &&
	       ready < p->batch)
		ready++;
	if (ready >= p->batch || p->next >= p->files->len ||
	    p->next >= p->collected + p->window)
		pthread_cond_signal(&p->finished);
}

static void *worker(void *arg)
{
	worker_state *w = arg;
	pool *p = w->pool;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->next < p->files->len &&
		       p->next >= p->collected + p->window) {
			wake_collector(p);
			p->idle++;
			pthread_cond_wait(&p->changed, &p->lock);
			p->idle--;
		}
		size_t i = p->next++;
		wake_collector(p);
		pthread_mutex_unlock(&p->lock);
		if (i >= p->files->len)
			break;
		process_one(p, w, i);
		pthread_mutex_lock(&p->lock);
		p->done[i] = true;
		wake_collector(p);
		pthread_mutex_unlock(&p->lock);
	}
	tfms_error_clear();
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
		tfms_branch_io_free(ws[i].io);
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
		if (p->branch && tfms_branch_io_open(&ws[i].io, p->branch) < 0)
			return -1;
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

static int to_output(const char *data, size_t len, void *payload)
{
	const tfms_run_events *ev = payload;
	return ev->report_output ? ev->report_output(data, len, ev->payload)
				 : 0;
}

static int to_file(const char *data, size_t len, void *payload)
{
	return tfms_file_writer_write(payload, data, len);
}

static int to_buf(const char *data, size_t len, void *payload)
{
	tfms_buf_put(payload, data, len);
	return 0;
}

/* The report's writer, made before the first record arrives; its
 * temporary files go beside the report. */
static int start_report(tfms_report_writer **out, const tfms_options *opts)
{
	const char *path = opts->report_path;
	bool to_stdout = strcmp(path, TFMS_REPORT_STDOUT) == 0;
	char *dir = to_stdout ? NULL : tfms_path_dirname(path);
	const char *name = to_stdout ? "the report" : path;
	int rc = opts->report_format == TFMS_REPORT_JSON
			 ? tfms_report_json_new(out, dir, name)
		 : opts->report_format == TFMS_REPORT_SARIF
			 ? tfms_report_sarif_new(out, dir, name)
			 : tfms_report_markdown_new(out, dir, name);
	free(dir);
	return rc;
}

/* A file report appears whole or not at all (fileio.h). */
static int write_report(const tfms_options *opts, const tfms_run_events *ev,
			tfms_report_writer *writer, const tfms_report *report)
{
	if (strcmp(opts->report_path, TFMS_REPORT_STDOUT) == 0)
		return tfms_report_writer_finish(writer, report, to_output,
						 (void *)ev);
	tfms_file_writer *file;
	if (tfms_file_writer_open(&file, opts->report_path) < 0)
		return -1;
	if (tfms_report_writer_finish(writer, report, to_file, file) < 0) {
		tfms_file_writer_abort(file);
		return -1;
	}
	return tfms_file_writer_commit(file);
}

static int load_rules(tfms_ruleset **out, const tfms_options *opts)
{
	tfms_ruleset_new(out);
	tfms_ruleset_set_ms_version(*out, opts->ms_version);
	if (opts->nrule_paths == 0) {
		if (tfms_ruleset_load_builtin(*out) < 0)
			return -1;
	}
	for (size_t i = 0; i < opts->nrule_paths; i++)
		if (tfms_ruleset_load_path(*out, opts->rule_paths[i]) < 0)
			return -1;
	return tfms_ruleset_finalize(*out);
}

/* Tells the caller about one file and hands its records to the report
 * (and the baseline); the result is freed. */
static void collect_one(pool *p, tfms_file_result *r, tfms_report *report)
{
	const tfms_run_events *ev = p->events;
	if (r->changed)
		report->files_changed++;
	if (ev->file)
		ev->file(r, ev->payload);
	if (r->error) {
		/* The message starts with the path already. */
		const char *msg = r->error;
		size_t n = strlen(r->path);
		if (strncmp(msg, r->path, n) == 0 && msg[n] == ':')
			msg += n + 2;
		tfms_report_add_error(report, r->path, msg);
	}
	tfms_report_add_records(report, &r->plan.results);
	if (p->base)
		tfms_baseline_match(p->base, &r->plan.results, p->threshold,
				    &p->fresh);
	tfms_file_result_dispose(r);
}

/* Tells the CLI how many files are done, for its progress line. */
static void progress(const pool *p, size_t done)
{
	if (p->events->progress)
		p->events->progress(done, p->files->len, p->events->payload);
}

/* The main thread's part: collect results in path order while the
 * workers run, with progress events while it waits. */
static void collect_all(pool *p, tfms_report *report)
{
	for (size_t i = 0; i < p->files->len;) {
		pthread_mutex_lock(&p->lock);
		p->want = i;
		while (!p->done[i]) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += 100 * 1000 * 1000;
			if (until.tv_nsec >= 1000000000) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000;
			}
			p->collector_waits = true;
			pthread_cond_timedwait(&p->finished, &p->lock, &until);
			p->collector_waits = false;
			pthread_mutex_unlock(&p->lock);
			progress(p, i);
			pthread_mutex_lock(&p->lock);
		}
		/* Every result ready in a row, taken at once. */
		size_t end = i;
		while (end < p->files->len && p->done[end])
			end++;
		pthread_mutex_unlock(&p->lock);
		for (; i < end; i++) {
			const tfms_results *res = &p->results[i].plan.results;
			for (size_t k = 0; k < res->nfindings; k++)
				p->failing +=
					res->findings[k].level >= p->threshold;
			collect_one(p, &p->results[i], report);
			progress(p, i + 1);
		}
		pthread_mutex_lock(&p->lock);
		p->collected = end;
		if (p->idle)
			pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
	}
}

static void tell_error(const tfms_run_events *ev, const char *message)
{
	if (ev->error)
		ev->error(message, ev->payload);
}

int tfms_list_rules(const tfms_options *opts, int format, tfms_buf *out)
{
	tfms_ruleset *rs = NULL;
	int rc = TFMS_EXIT_OK;
	if (load_rules(&rs, opts) < 0 ||
	    tfms_rules_describe(rs, (tfms_list_format)format, out) < 0)
		rc = TFMS_EXIT_USAGE;
	tfms_ruleset_free(rs);
	return rc;
}

/* The files to migrate: the committed blobs for --branch, else a walk of
 * the paths. */
static int find_files(const tfms_options *opts, const tfms_run_events *ev,
		      tfms_branch **branch, tfms_input_list *files,
		      tfms_report *report)
{
	if (opts->mode == TFMS_MODE_BRANCH) {
		if (tfms_branch_open(branch, &opts->branch, opts->paths,
				     opts->npaths, files) < 0) {
			tell_error(ev, tfms_error_last());
			return -1;
		}
		return 0;
	}
	static const char *const default_paths[] = {"."};
	tfms_walk(files, opts->npaths ? opts->paths : default_paths,
		  opts->npaths ? opts->npaths : 1);
	for (size_t i = 0; i < files->nerrors; i++) {
		char *msg = tfms_asprintf("%s: %s", files->errors[i].path,
					  files->errors[i].message);
		tell_error(ev, msg);
		free(msg);
		tfms_report_add_error(report, files->errors[i].path,
				      files->errors[i].message);
	}
	return 0;
}

/* Temporary files of earlier runs that were killed mid-write, in the
 * directories this run rewrites. */
static void remove_stale_temps(const tfms_input_list *files)
{
	char *last = NULL;
	for (size_t i = 0; i < files->len; i++) {
		char *dir = tfms_path_dirname(files->items[i].path);
		if (!last || strcmp(last, dir) != 0)
			tfms_file_remove_stale(dir);
		free(last);
		last = dir;
	}
	free(last);
}

/* The project pre-pass reads files the way the workers do. */
typedef struct {
	const tfms_input_list *files;
	tfms_branch_io *io;
} prepass_reader;

static int prepass_read(void *payload, size_t i, char **data, size_t *len)
{
	prepass_reader *r = payload;
	const tfms_input *f = &r->files->items[i];
	return f->in_git ? tfms_branch_io_read(r->io, i, f->display,
					       SOURCE_FILE_LIMIT, data, len)
			 : tfms_file_read(data, len, f->path, f->display,
					  SOURCE_FILE_LIMIT);
}

/* Which modules of the scanned files pass TF names on (project.h). */
static int build_project(pool *p, unsigned jobs)
{
	prepass_reader r = {p->files, NULL};
	if (p->branch && tfms_branch_io_open(&r.io, p->branch) < 0)
		return -1;
	int rc = tfms_project_build(&p->project, p->files, prepass_read, &r,
				    jobs);
	tfms_branch_io_free(r.io);
	return rc;
}

/* Commits the branch with the report; returns the exit code's part. */
static int commit_branch(tfms_branch *branch, tfms_report_writer *writer,
			 const tfms_report *report, const tfms_run_events *ev)
{
	tfms_buf markdown = TFMS_BUF_INIT;
	tfms_branch_outcome outcome;
	int rc = tfms_report_writer_finish(writer, report, to_buf, &markdown);
	if (rc == 0)
		rc = tfms_branch_commit(branch, report, markdown.ptr, &outcome);
	tfms_buf_dispose(&markdown);
	if (rc < 0) {
		tell_error(ev, tfms_error_last());
		return TFMS_EXIT_FILE_ERRORS;
	}
	if (ev->branch)
		ev->branch(&outcome, ev->payload);
	return TFMS_EXIT_OK;
}

/* The level at which a remaining finding fails --check: --fail-on's, or
 * error by default; --fail-on none lets no finding fail it (a level above
 * every level). */
static tfms_level check_threshold(const tfms_options *opts)
{
	if (!opts->fail_on_given)
		return TFMS_LEVEL_ERROR;
	return opts->fail_on == TFMS_LEVEL_NONE ? TFMS_LEVEL_ERROR + 1
						: opts->fail_on;
}

/* --check and --baseline: tells the outcome; returns the exit code's
 * part. */
static int check_outcome(const tfms_options *opts, const tfms_run_events *ev,
			 const tfms_report *report, const tfms_baseline *base,
			 size_t failing, const tfms_results *fresh)
{
	tfms_check_outcome o;
	memset(&o, 0, sizeof(o));
	o.threshold = check_threshold(opts);
	o.would_convert = report->converted_total;
	o.failing = failing;
	const tfms_finding **list = NULL;
	if (opts->baseline) {
		o.baseline = opts->baseline;
		o.nnew = fresh->nfindings;
		list = tfms_calloc(o.nnew + 1, sizeof(*list));
		for (size_t i = 0; i < o.nnew; i++)
			list[i] = &fresh->findings[i];
		o.new_findings = list;
		size_t uses = report->converted_total + report->findings_total;
		o.baseline_share = tfms_baseline_own_share(base);
		o.share =
			tfms_baseline_share(base, report->findings_total, uses);
		/* findings/max(uses, base uses) > base findings/base uses,
		 * cross-multiplied: equal shares never differ by rounding. */
		size_t most = uses > base->tf_uses ? uses : base->tf_uses;
		bool dropped =
			base->tf_uses &&
			(double)report->findings_total * (double)base->tf_uses >
				(double)base->not_converted * (double)most;
		if (!base->tf_uses)
			dropped = report->findings_total > 0;
		o.failed = o.nnew > 0 || dropped;
	} else {
		o.failed = o.would_convert > 0 || o.failing > 0;
	}
	if (ev->check)
		ev->check(&o, ev->payload);
	free(list);
	return o.failed ? TFMS_EXIT_CHECK_FAILED : TFMS_EXIT_OK;
}

int tfms_run(const tfms_options *opts, const tfms_run_events *events)
{
	static const tfms_run_events no_events = {0};
	const tfms_run_events *ev = events ? events : &no_events;
	int exit_code = TFMS_EXIT_OK;
	tfms_ruleset *rs = NULL;
	tfms_branch *branch = NULL;
	tfms_report report = TFMS_REPORT_INIT;
	tfms_input_list files = {0};
	tfms_baseline base = TFMS_BASELINE_INIT;
	pool p;
	memset(&p, 0, sizeof(p));
	worker_state *workers = NULL;
	unsigned nworkers = 0;
	tfms_report_writer *writer = NULL, *branch_writer = NULL;
	tfms_diff_global_init();

	if (load_rules(&rs, opts) < 0) {
		tell_error(ev, tfms_error_last());
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	if (opts->baseline && tfms_baseline_load(&base, opts->baseline) < 0) {
		tell_error(ev, tfms_error_last());
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	report.rule_sources = tfms_strdup(tfms_ruleset_sources(rs));
	report.ms_version = tfms_strdup(tfms_ruleset_ms_version(rs));
	if (tfms_ruleset_warnings(rs) && ev->warning)
		ev->warning(tfms_ruleset_warnings(rs), ev->payload);
	report.rules_loaded = tfms_ruleset_count(rs);
	report.hints = tfms_ruleset_hints(rs);
	if (find_files(opts, ev, &branch, &files, &report) < 0) {
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	/* Before any file is changed: a report that could not be written, or
	 * that would overwrite an input, stops the run here. */
	if (opts->report_path &&
	    tfms_outputs_check_report(opts->report_path, &files,
				      opts->rule_paths,
				      opts->nrule_paths) < 0) {
		tell_error(ev, tfms_error_last());
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	/* The reports take each file's records as they arrive. */
	if (opts->report_path) {
		if (start_report(&writer, opts) < 0) {
			tell_error(ev, tfms_error_last());
			exit_code = TFMS_EXIT_USAGE;
			goto done;
		}
		tfms_report_attach(&report, writer);
	}
	if (branch) {
		if (tfms_report_markdown_new(&branch_writer, NULL,
					     "the report") < 0) {
			tell_error(ev, tfms_error_last());
			exit_code = TFMS_EXIT_USAGE;
			goto done;
		}
		tfms_report_attach(&report, branch_writer);
	}
	p.base = opts->baseline ? &base : NULL;

	if (opts->mode == TFMS_MODE_IN_PLACE)
		remove_stale_temps(&files);
	nworkers = worker_count(opts, files.len);
	p.opts = opts;
	p.events = ev;
	p.rs = rs;
	p.files = &files;
	p.branch = branch;
	p.results = tfms_calloc(files.len + 1, sizeof(tfms_file_result));
	p.done = tfms_calloc(files.len + 1, sizeof(bool));
	p.window = 4 * (size_t)nworkers + 4;
	p.batch = p.window / 2;
	p.threshold = check_threshold(opts);
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	pthread_cond_init(&p.finished, NULL);
	if (make_workers(&workers, &p, nworkers) < 0) {
		tell_error(ev, tfms_error_last());
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	if (build_project(&p, nworkers) < 0) {
		tell_error(ev, tfms_error_last());
		exit_code = TFMS_EXIT_USAGE;
		goto done;
	}
	report.files_scanned = files.len;
	start_workers(workers, nworkers);
	collect_all(&p, &report);
	join_workers(workers, nworkers);
	if (report.nerrors)
		exit_code = TFMS_EXIT_FILE_ERRORS;
	if (opts->report_path && write_report(opts, ev, writer, &report) < 0) {
		tell_error(ev, tfms_error_last());
		exit_code = TFMS_EXIT_FILE_ERRORS;
	}
	if (ev->summary) {
		tfms_run_summary summary = {opts->mode,
					    report.files_scanned,
					    report.files_changed,
					    report.converted_total,
					    report.findings_total,
					    report.nerrors,
					    tfms_ruleset_hints(rs)};
		ev->summary(&summary, ev->payload);
	}
	if (branch &&
	    commit_branch(branch, branch_writer, &report, ev) != TFMS_EXIT_OK)
		exit_code = TFMS_EXIT_FILE_ERRORS;
	if ((opts->check || opts->baseline) &&
	    check_outcome(opts, ev, &report, &base, p.failing, &p.fresh) !=
		    TFMS_EXIT_OK)
		exit_code = TFMS_EXIT_CHECK_FAILED;
done:
	if (p.results) {
		for (size_t i = 0; i < files.len; i++)
			tfms_file_result_dispose(&p.results[i]);
		pthread_mutex_destroy(&p.lock);
		pthread_cond_destroy(&p.changed);
		pthread_cond_destroy(&p.finished);
	}
	free(p.results);
	free(p.done);
	tfms_results_dispose(&p.fresh);
	free_workers(workers, nworkers);
	tfms_project_free(p.project);
	tfms_branch_free(branch);
	tfms_input_list_dispose(&files);
	tfms_report_dispose(&report);
	tfms_baseline_dispose(&base);
	tfms_ruleset_free(rs);
	tfms_diff_global_shutdown();
	return exit_code;
}
