#include "tfms/branch.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/text.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One .py or .ipynb blob of the base tree, and what the migration made
 * of it. */
typedef struct {
	char *path; /* repository path */
	git_oid id;
	git_filemode_t mode;
	git_oid new_id; /* when has_new_id */
	bool has_new_id;
} blob_entry;

struct tfms_branch {
	tfms_branch_options opts;
	git_repository *repo;
	git_commit *base;
	char *base_label; /* what the user called the base, for messages */
	git_signature *signature;
	char *prefix;  /* the current directory, relative to the workdir */
	char **scopes; /* repository paths to migrate */
	size_t nscopes;
	tfms_array(blob_entry) entries; /* in the order of the input list */
	char *report_path; /* normalised repository path of the report */
	bool initialised;  /* libgit2 was initialised for this branch */
	bool moves;	   /* --force and the branch exists */
};

/* A worker's own handle: libgit2 objects are not shared between threads. */
struct tfms_branch_io {
	tfms_branch *branch;
	git_repository *repo;
};

static int git_failure(const char *what)
{
	const git_error *e = git_error_last();
	return tfms_error_set("%s: %s", what, e ? e->message : "libgit2 error");
}

void tfms_branch_free(tfms_branch *b)
{
	if (!b)
		return;
	git_commit_free(b->base);
	git_signature_free(b->signature);
	git_repository_free(b->repo);
	free(b->base_label);
	free(b->prefix);
	for (size_t i = 0; i < b->nscopes; i++)
		free(b->scopes[i]);
	free(b->scopes);
	for (size_t i = 0; i < b->entries.len; i++)
		free(b->entries.items[i].path);
	tfms_array_free(&b->entries);
	free(b->report_path);
	bool initialised = b->initialised;
	free(b);
	if (initialised)
		git_libgit2_shutdown();
}

int tfms_branch_io_open(tfms_branch_io **out, tfms_branch *b)
{
	tfms_branch_io *io = tfms_calloc(1, sizeof(*io));
	io->branch = b;
	if (git_repository_open(&io->repo, git_repository_path(b->repo)) < 0) {
		int rc = git_failure("cannot open the repository");
		tfms_branch_io_free(io);
		*out = NULL;
		return rc;
	}
	*out = io;
	return 0;
}

void tfms_branch_io_free(tfms_branch_io *io)
{
	if (!io)
		return;
	git_repository_free(io->repo);
	free(io);
}

int tfms_branch_io_read(tfms_branch_io *io, size_t index, const char *display,
			size_t limit, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	git_blob *blob = NULL;
	const blob_entry *e = &io->branch->entries.items[index];
	if (git_blob_lookup(&blob, io->repo, &e->id) < 0)
		return tfms_error_set("%s: cannot read blob", display);
	git_object_size_t size = git_blob_rawsize(blob);
	if (size > limit) {
		git_blob_free(blob);
		return tfms_error_set("%s: file too large (%llu bytes, limit "
				      "%zu)",
				      display, (unsigned long long)size, limit);
	}
	*out = tfms_strndup(git_blob_rawcontent(blob), (size_t)size);
	*len = (size_t)size;
	git_blob_free(blob);
	return 0;
}

int tfms_branch_io_write(tfms_branch_io *io, size_t index, const char *display,
			 const char *data, size_t len)
{
	blob_entry *e = &io->branch->entries.items[index];
	if (git_blob_create_from_buffer(&e->new_id, io->repo, data, len) < 0) {
		const git_error *err = git_error_last();
		return tfms_error_set("%s: cannot write blob: %s", display,
				      err ? err->message : "libgit2 error");
	}
	e->has_new_id = true;
	return 0;
}

/* "Name <email>" -> a signature dated now. */
static int parse_author(git_signature **out, const char *text)
{
	const char *lt = strchr(text, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (!lt || !gt || gt[1] != '\0' || lt == text)
		return tfms_error_set("--author must look like 'Name "
				      "<email>', not '%s'",
				      text);
	const char *end = lt;
	while (end > text && end[-1] == ' ')
		end--;
	char *name = tfms_strndup(text, (size_t)(end - text));
	char *email = tfms_strndup(lt + 1, (size_t)(gt - lt - 1));
	int rc = git_signature_now(out, name, email);
	free(name);
	free(email);
	return rc < 0 ? git_failure("invalid --author") : 0;
}

/* Joins the current directory's prefix and a user path into a normalised
 * repository path ("" is the root). Fails for paths outside the
 * repository. */
static int repo_path(char **out, const char *prefix, const char *path)
{
	*out = NULL;
	tfms_buf joined = TFMS_BUF_INIT;
	if (path[0] != '/')
		tfms_buf_puts(&joined, prefix);
	tfms_buf_putc(&joined, '/');
	tfms_buf_puts(&joined, path);
	tfms_array(char *) parts = TFMS_ARRAY_INIT;
	char *save = NULL;
	for (char *tok = strtok_r(joined.ptr, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (parts.len == 0) {
				tfms_array_free(&parts);
				tfms_buf_dispose(&joined);
				return tfms_error_set("'%s' is outside the "
						      "repository",
						      path);
			}
			parts.len--;
			continue;
		}
		tfms_array_push(&parts, tok);
	}
	tfms_buf result = TFMS_BUF_INIT;
	for (size_t i = 0; i < parts.len; i++) {
		if (i)
			tfms_buf_putc(&result, '/');
		tfms_buf_puts(&result, parts.items[i]);
	}
	*out = tfms_buf_detach(&result, NULL);
	tfms_array_free(&parts);
	tfms_buf_dispose(&joined);
	return 0;
}

/* An absolute path names a place in the working tree: inside it, it is
 * the repository path below the top; anywhere else it is an error rather
 * than a silent reinterpretation. The path need not exist (a report): its
 * longest existing ancestor is resolved. */
static int absolute_path(char **out, const tfms_branch *b, const char *path)
{
	*out = NULL;
	const char *workdir = git_repository_workdir(b->repo);
	char *wd = workdir ? realpath(workdir, NULL) : NULL;
	char *probe = tfms_strdup(path);
	char *real;
	while (!(real = realpath(probe, NULL))) {
		char *slash = strrchr(probe, '/');
		if (!slash || slash == probe)
			break;
		*slash = '\0';
	}
	const char *rest = path + strlen(probe); /* "" or "/a/b" */
	size_t n = wd ? strlen(wd) : 0;
	int rc;
	if (!wd || !real || strncmp(real, wd, n) != 0 ||
	    (real[n] != '/' && real[n] != '\0')) {
		rc = tfms_error_set("'%s' is outside the repository", path);
	} else {
		char *rel = tfms_asprintf("%s%s", real + n, rest);
		rc = repo_path(out, "", rel);
		free(rel);
	}
	free(wd);
	free(real);
	free(probe);
	return rc;
}

/* A path the user typed: relative to base (the current directory's
 * prefix for PATHs, the top for --report-path), or absolute. */
static int user_path(char **out, const tfms_branch *b, const char *base,
		     const char *path)
{
	if (path[0] == '/')
		return absolute_path(out, b, path);
	return repo_path(out, base, path);
}

static int current_prefix(tfms_branch *b, const char *const *paths,
			  size_t npaths)
{
	const char *workdir = git_repository_workdir(b->repo);
	char cwd[PATH_MAX];
	b->prefix = tfms_strdup("");
	if (workdir && getcwd(cwd, sizeof(cwd))) {
		char *real = realpath(cwd, NULL);
		char *wd = realpath(workdir, NULL);
		size_t n = wd ? strlen(wd) : 0;
		if (real && wd && strncmp(real, wd, n) == 0 &&
		    (real[n] == '/' || real[n] == '\0')) {
			free(b->prefix);
			b->prefix = tfms_strdup(real[n] ? real + n + 1 : "");
		}
		free(real);
		free(wd);
	}
	static const char *const dot[] = {"."};
	if (npaths == 0) {
		paths = dot;
		npaths = 1;
	}
	b->scopes = tfms_calloc(npaths, sizeof(char *));
	for (size_t i = 0; i < npaths; i++) {
		if (user_path(&b->scopes[i], b, b->prefix, paths[i]) < 0)
			return -1;
		b->nscopes++;
	}
	return 0;
}

/* Under one of the requested paths: equal to it, or inside it. */
static bool in_scope(const tfms_branch *b, const char *path)
{
	for (size_t i = 0; i < b->nscopes; i++) {
		const char *s = b->scopes[i];
		size_t n = strlen(s);
		if (n == 0 || (strncmp(path, s, n) == 0 &&
			       (path[n] == '\0' || path[n] == '/')))
			return true;
	}
	return false;
}

/* A directory the scope could still reach: an ancestor of a scope, or
 * inside one. */
static bool may_reach(const tfms_branch *b, const char *dir)
{
	size_t d = strlen(dir);
	for (size_t i = 0; i < b->nscopes; i++) {
		const char *s = b->scopes[i];
		if (strncmp(s, dir, d) == 0 && (s[d] == '\0' || s[d] == '/'))
			return true;
	}
	return in_scope(b, dir);
}

static int list_tree(tfms_branch *b, git_tree *tree, const char *dir)
{
	size_t count = git_tree_entrycount(tree);
	for (size_t i = 0; i < count; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		char *path = dir[0] ? tfms_asprintf("%s/%s", dir, name)
				    : tfms_strdup(name);
		git_filemode_t mode = git_tree_entry_filemode(e);
		int rc = 0;
		if (mode == GIT_FILEMODE_TREE) {
			git_tree *sub = NULL;
			/* Tracked files are never ignored, as in git: the
			 * working tree's .gitignore says nothing about a
			 * commit. */
			if (!tfms_input_skips_directory(name) &&
			    may_reach(b, path)) {
				rc = git_tree_lookup(&sub, b->repo,
						     git_tree_entry_id(e));
				/* A virtualenv committed by mistake. */
				if (rc == 0 &&
				    !git_tree_entry_byname(sub, "pyvenv.cfg"))
					rc = list_tree(b, sub, path);
				else if (rc < 0)
					rc = git_failure("cannot read tree");
			}
			git_tree_free(sub);
		} else if ((mode == GIT_FILEMODE_BLOB ||
			    mode == GIT_FILEMODE_BLOB_EXECUTABLE) &&
			   (tfms_ends_with(name, ".py") ||
			    tfms_ends_with(name, ".ipynb")) &&
			   in_scope(b, path)) {
			/* Symbolic links and submodules are never rewritten. */
			blob_entry *be = tfms_array_add(&b->entries);
			be->path = tfms_strdup(path);
			be->id = *git_tree_entry_id(e);
			be->mode = mode;
		}
		free(path);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Every PATH must name something in the base: a typo would otherwise
 * migrate nothing and say nothing. */
static int check_scopes(tfms_branch *b, git_tree *tree)
{
	for (size_t i = 0; i < b->nscopes; i++) {
		git_tree_entry *e = NULL;
		if (b->scopes[i][0] == '\0')
			continue;
		if (git_tree_entry_bypath(&e, tree, b->scopes[i]) < 0)
			return tfms_error_set("'%s' is not in %s", b->scopes[i],
					      b->base_label);
		git_tree_entry_free(e);
	}
	return 0;
}

static bool is_migrated_file(const tfms_branch *b, const char *path)
{
	for (size_t i = 0; i < b->entries.len; i++)
		if (strcmp(b->entries.items[i].path, path) == 0)
			return true;
	return false;
}

/* A report an earlier run committed (a second run from the branch tip)
 * is ours to replace. */
static bool is_our_report(tfms_branch *b, const git_tree_entry *e)
{
	static const char title[] = TFMS_REPORT_MARKDOWN_TITLE;
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, b->repo, git_tree_entry_id(e)) < 0)
		return false;
	bool ours = git_blob_rawsize(blob) >= sizeof(title) - 1 &&
		    memcmp(git_blob_rawcontent(blob), title,
			   sizeof(title) - 1) == 0;
	git_blob_free(blob);
	return ours;
}

/* The report becomes one new blob in the commit: never in .git, never in
 * place of a directory, a submodule, a link or a migrated file, and in
 * place of another committed file only with --force. */
static int check_report_path(tfms_branch *b, git_tree *tree)
{
	const char *path = b->report_path;
	if (path[0] == '\0')
		return tfms_error_set("--report-path names no file");
	if (strcmp(path, ".git") == 0 || strncmp(path, ".git/", 5) == 0 ||
	    strstr(path, "/.git/") || tfms_ends_with(path, "/.git"))
		return tfms_error_set("--report-path '%s' is inside .git",
				      path);
	int rc = 0;
	char *prefix = tfms_strdup(path);
	for (char *slash = prefix; rc == 0 && slash;) {
		slash = strchr(slash + 1, '/');
		if (slash)
			*slash = '\0';
		git_tree_entry *e = NULL;
		if (git_tree_entry_bypath(&e, tree, prefix) == 0) {
			git_filemode_t mode = git_tree_entry_filemode(e);
			bool last = !slash;
			if (mode == GIT_FILEMODE_TREE && last)
				rc = tfms_error_set("--report-path '%s' is a "
						    "directory of %s",
						    path, b->base_label);
			else if (mode == GIT_FILEMODE_COMMIT)
				rc = tfms_error_set("--report-path '%s' is in "
						    "the submodule '%s'",
						    path, prefix);
			else if (mode == GIT_FILEMODE_LINK)
				rc = tfms_error_set("--report-path '%s' goes "
						    "through the symbolic link "
						    "'%s'",
						    path, prefix);
			else if (mode != GIT_FILEMODE_TREE && !last)
				rc = tfms_error_set("--report-path '%s': '%s' "
						    "is a file of %s",
						    path, prefix,
						    b->base_label);
			else if (mode != GIT_FILEMODE_TREE &&
				 is_migrated_file(b, path))
				rc = tfms_error_set("--report-path '%s' is a "
						    "file the migration "
						    "rewrites",
						    path);
			else if (mode != GIT_FILEMODE_TREE && !b->opts.force &&
				 !is_our_report(b, e))
				rc = tfms_error_set(
					"--report-path '%s' is a "
					"file of %s; choose another "
					"path, or use --force to "
					"replace it",
					path, b->base_label);
			git_tree_entry_free(e);
		}
		if (slash)
			*slash = '/';
	}
	free(prefix);
	return rc;
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const blob_entry *)a)->path,
		      ((const blob_entry *)b)->path);
}

/* The run processes files in display-path order, which is not git's tree
 * order (a directory sorts as if it ended with '/'). */
static void list_inputs(tfms_branch *b, tfms_input_list *files)
{
	tfms_sort(b->entries.items, b->entries.len, sizeof(blob_entry),
		  compare_entries);
	for (size_t i = 0; i < b->entries.len; i++) {
		tfms_input *f = tfms_array_add(files);
		f->path = tfms_strdup(b->entries.items[i].path);
		f->display = tfms_strdup(b->entries.items[i].path);
		f->in_git = true;
	}
}

/* Every reason git would refuse the branch is found here, before any
 * object is written: an existing branch without --force, one checked out
 * in a worktree (git never moves those), and a name that clashes with the
 * ref directories (refs/heads/a when a/b exists, or the reverse). */
static int check_branch_name(tfms_branch *b)
{
	const char *name = b->opts.name;
	git_reference *existing = NULL;
	if (git_branch_lookup(&existing, b->repo, name, GIT_BRANCH_LOCAL) ==
	    0) {
		int checked_out = git_branch_is_checked_out(existing);
		git_reference_free(existing);
		if (!b->opts.force)
			return tfms_error_set("branch '%s' already exists; "
					      "use --force to move it",
					      name);
		if (checked_out == 1)
			return tfms_error_set("branch '%s' is checked out in a "
					      "worktree; git does not move a "
					      "checked-out branch: switch "
					      "away from it or pick another "
					      "name",
					      name);
		b->moves = true;
		return 0;
	}
	char *full = tfms_asprintf("refs/heads/%s", name);
	int rc = 0;
	for (char *slash = strchr(full + 11, '/'); rc == 0 && slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		git_reference *ref = NULL;
		if (git_reference_lookup(&ref, b->repo, full) == 0)
			rc = tfms_error_set("branch '%s' cannot be created: "
					    "the branch '%s' exists",
					    name, full + 11);
		git_reference_free(ref);
		*slash = '/';
	}
	char *glob = tfms_asprintf("%s/*", full);
	git_reference_iterator *it = NULL;
	const char *below = NULL;
	if (rc == 0 &&
	    git_reference_iterator_glob_new(&it, b->repo, glob) == 0 &&
	    git_reference_next_name(&below, it) == 0)
		rc = tfms_error_set("branch '%s' cannot be created: the branch "
				    "'%s' exists",
				    name, below + 11);
	git_reference_iterator_free(it);
	free(glob);
	free(full);
	return rc;
}

static int open_branch(tfms_branch *b, const tfms_branch_options *opts,
		       const char *const *paths, size_t npaths,
		       tfms_input_list *files)
{
	b->opts = *opts;
	if (git_libgit2_init() < 0)
		return tfms_error_set("cannot initialise libgit2");
	b->initialised = true;
	if (git_repository_open_ext(&b->repo, ".", 0, NULL) < 0)
		return tfms_error_set("not inside a git repository");
	if (git_repository_is_bare(b->repo) && !opts->base)
		return tfms_error_set("a bare repository has no HEAD to "
				      "migrate by default; name one with "
				      "--base REV");
	const char *base = opts->base ? opts->base : "HEAD";
	if (!opts->base && git_repository_head_unborn(b->repo) == 1)
		return tfms_error_set("HEAD has no commit yet; commit first or "
				      "name one with --base REV");
	git_object *obj = NULL;
	if (git_revparse_single(&obj, b->repo, base) < 0 ||
	    git_object_peel((git_object **)&b->base, obj, GIT_OBJECT_COMMIT) <
		    0) {
		git_object_free(obj);
		return tfms_error_set("--base '%s' does not name a commit",
				      base);
	}
	git_object_free(obj);
	b->base_label = tfms_strdup(base);

	int valid = 0;
	if (git_branch_name_is_valid(&valid, opts->name) < 0 || !valid)
		return tfms_error_set("'%s' is not a valid branch name",
				      opts->name);
	if (check_branch_name(b) < 0)
		return -1;
	if (opts->author) {
		if (parse_author(&b->signature, opts->author) < 0)
			return -1;
	} else if (git_signature_default(&b->signature, b->repo) < 0) {
		return tfms_error_set("no identity for the commit: set git "
				      "config user.name and user.email, or "
				      "pass --author 'Name <email>'");
	}
	if (current_prefix(b, paths, npaths) < 0)
		return -1;
	if (user_path(&b->report_path, b, "", opts->report_path) < 0)
		return -1;
	git_tree *tree = NULL;
	if (git_commit_tree(&tree, b->base) < 0)
		return git_failure("cannot read the base tree");
	int rc = check_scopes(b, tree);
	if (rc == 0)
		rc = list_tree(b, tree, "");
	if (rc == 0)
		rc = check_report_path(b, tree);
	git_tree_free(tree);
	if (rc == 0)
		list_inputs(b, files);
	return rc;
}

int tfms_branch_open(tfms_branch **out, const tfms_branch_options *opts,
		     const char *const *paths, size_t npaths,
		     tfms_input_list *files)
{
	tfms_branch *b = tfms_calloc(1, sizeof(*b));
	if (open_branch(b, opts, paths, npaths, files) < 0) {
		tfms_branch_free(b);
		*out = NULL;
		return -1;
	}
	*out = b;
	return 0;
}

/* Uncommitted changes under the requested paths are not part of the
 * migration; the user should know. */
static size_t uncommitted_changes(tfms_branch *b)
{
	if (git_repository_is_bare(b->repo))
		return 0;
	git_status_options so;
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		   GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		   GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	git_status_list *list = NULL;
	if (git_status_list_new(&list, b->repo, &so) < 0)
		return 0;
	size_t count = 0, n = git_status_list_entrycount(list);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->head_to_index
						  ? e->head_to_index
						  : e->index_to_workdir;
		if (d && d->new_file.path && in_scope(b, d->new_file.path))
			count++;
	}
	git_status_list_free(list);
	return count;
}

static char *commit_message(const tfms_branch *b, const tfms_report *r)
{
	size_t uses = r->converted_total + r->findings_total;
	return tfms_asprintf(
		"Migrate TensorFlow APIs to MindSpore\n\n"
		"%zu of %zu Python files changed; %zu TensorFlow API uses: "
		"%zu converted,\n%zu left for manual work (see %s).\n\n"
		"Rules: %s\nTool: tfms-rewrite %s\n",
		r->files_changed, r->files_scanned, uses, r->converted_total,
		r->findings_total, b->opts.report_path, r->rule_sources,
		TFMS_VERSION);
}

int tfms_branch_commit(tfms_branch *b, const tfms_report *report,
		       const char *report_markdown, tfms_branch_outcome *out)
{
	memset(out, 0, sizeof(*out));
	out->name = b->opts.name;
	out->base_label = b->base_label;
	tfms_array(git_tree_update) updates = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < b->entries.len; i++) {
		const blob_entry *e = &b->entries.items[i];
		if (!e->has_new_id)
			continue;
		git_tree_update *u = tfms_array_add(&updates);
		u->action = GIT_TREE_UPDATE_UPSERT;
		u->id = e->new_id;
		u->filemode = e->mode;
		u->path = e->path;
	}
	out->uncommitted = uncommitted_changes(b);
	out->changed_files = updates.len;
	if (updates.len == 0) {
		tfms_array_free(&updates);
		return 0;
	}
	int rc = 0;
	git_oid report_oid, tree_oid, commit_oid;
	git_tree *base_tree = NULL, *tree = NULL;
	git_reference *ref = NULL;
	char *message = NULL;
	out->report_path = b->report_path;
	if (git_blob_create_from_buffer(&report_oid, b->repo, report_markdown,
					strlen(report_markdown)) < 0) {
		rc = git_failure("cannot write the report");
		goto done;
	}
	git_tree_update *u = tfms_array_add(&updates);
	u->action = GIT_TREE_UPDATE_UPSERT;
	u->id = report_oid;
	u->filemode = GIT_FILEMODE_BLOB;
	u->path = b->report_path;
	if (git_commit_tree(&base_tree, b->base) < 0 ||
	    git_tree_create_updated(&tree_oid, b->repo, base_tree, updates.len,
				    updates.items) < 0 ||
	    git_tree_lookup(&tree, b->repo, &tree_oid) < 0) {
		rc = git_failure("cannot build the tree");
		goto done;
	}
	message = commit_message(b, report);
	const git_commit *parents[] = {b->base};
	if (git_commit_create(&commit_oid, b->repo, NULL, b->signature,
			      b->signature, NULL, message, tree, 1,
			      parents) < 0) {
		rc = git_failure("cannot create the commit");
		goto done;
	}
	git_commit *commit = NULL;
	if (git_commit_lookup(&commit, b->repo, &commit_oid) < 0 ||
	    git_branch_create(&ref, b->repo, b->opts.name, commit,
			      b->opts.force) < 0) {
		git_commit_free(commit);
		rc = git_failure("cannot create the branch");
		goto done;
	}
	git_commit_free(commit);
	out->created = true;
	out->moved = b->moves;
	git_oid_tostr(out->base_id, sizeof(out->base_id),
		      git_commit_id(b->base));
done:
	git_reference_free(ref);
	git_tree_free(tree);
	git_tree_free(base_tree);
	free(message);
	tfms_array_free(&updates);
	return rc;
}
