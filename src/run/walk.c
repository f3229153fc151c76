#include "tfms/walk.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	tfms_input_list *list;
	git_repository *repo; /* for .gitignore; NULL outside a checkout */
	const char *cwd;
} walker;

static char *display_path(const walker *w, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	size_t n = strlen(w->cwd);
	if (path[0] == '/' && n > 1 && strncmp(path, w->cwd, n) == 0 &&
	    path[n] == '/')
		return tfms_strdup(path + n + 1);
	return tfms_strdup(path);
}

static void add_file(walker *w, const char *path)
{
	tfms_input *f = tfms_array_add(w->list);
	f->path = tfms_strdup(path);
	f->display = display_path(w, path);
}

/* dirfd is the directory itself: any virtualenv, whatever its name,
 * holds pyvenv.cfg. */
static bool skipped_directory(int dirfd, const char *name)
{
	return tfms_input_skips_directory(name) ||
	       faccessat(dirfd, "pyvenv.cfg", F_OK, 0) == 0;
}

static void walk_error(walker *w, const char *path, const char *what)
{
	char *msg = tfms_asprintf("%s: %s", what, strerror(errno));
	tfms_input_list_add_error(w->list, path, msg);
	free(msg);
}

static bool ignored(const walker *w, const char *path, bool is_dir)
{
	if (!w->repo)
		return false;
	const char *workdir = git_repository_workdir(w->repo);
	char *real = realpath(path, NULL);
	if (!workdir || !real) {
		free(real);
		return false;
	}
	size_t n = strlen(workdir); /* ends with '/' */
	bool inside = strncmp(real, workdir, n) == 0;
	int is_ignored = 0;
	if (inside && real[n]) {
		char *rel = tfms_asprintf("%s%s", real + n, is_dir ? "/" : "");
		if (git_ignore_path_is_ignored(&is_ignored, w->repo, rel) < 0)
			is_ignored = 0;
		free(rel);
	}
	free(real);
	return is_ignored == 1;
}

/* Directories are opened relative to their parent's descriptor, so a
 * tree deeper than PATH_MAX is still listed: every file in it is named
 * (and reported if it cannot be opened), never skipped silently. fd is
 * borrowed. */
static void walk_dir(walker *w, int fd, const char *dir)
{
	int own = dup(fd);
	DIR *d = own >= 0 ? fdopendir(own) : NULL;
	if (!d) {
		walk_error(w, dir, "cannot read directory");
		if (own >= 0)
			close(own);
		return;
	}
	tfms_array(char *) names = TFMS_ARRAY_INIT;
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL)
		if (strcmp(ent->d_name, ".") != 0 &&
		    strcmp(ent->d_name, "..") != 0)
			tfms_array_push(&names, tfms_strdup(ent->d_name));
	closedir(d);
	tfms_sort(names.items, names.len, sizeof(char *), tfms_compare_strings);
	for (size_t i = 0; i < names.len; i++) {
		const char *name = names.items[i];
		char *path = strcmp(dir, "/") == 0
				     ? tfms_asprintf("/%s", name)
				     : tfms_asprintf("%s/%s", dir, name);
		struct stat st;
		if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			walk_error(w, path, "cannot read");
		} else if (S_ISDIR(st.st_mode)) {
			int child = openat(fd, name,
					   O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
						   O_CLOEXEC);
			if (child < 0)
				walk_error(w, path, "cannot read directory");
			else if (!skipped_directory(child, name) &&
				 !ignored(w, path, true))
				walk_dir(w, child, path);
			if (child >= 0)
				close(child);
		} else if (S_ISREG(st.st_mode) &&
			   (tfms_ends_with(name, ".py") ||
			    tfms_ends_with(name, ".ipynb")) &&
			   !ignored(w, path, false)) {
			add_file(w, path);
		}
		free(path);
		free(names.items[i]);
	}
	tfms_array_free(&names);
}

/* Whether root or a directory above it holds a ".git" (a directory, or a
 * file for worktrees and submodules). git_repository_open_ext (no flags)
 * finds a checkout only through one, and only a checkout (a workdir) has
 * a .gitignore to honour; without one, libgit2 is never started, which
 * spares a run outside git its ~50 ms of git_libgit2_init. */
static bool maybe_in_checkout(const char *root)
{
	char *dir = realpath(root, NULL);
	if (!dir)
		return true; /* libgit2 decides */
	bool found = false;
	for (;;) {
		char *git = tfms_asprintf("%s/.git", dir[1] ? dir : "");
		struct stat st;
		found = lstat(git, &st) == 0;
		free(git);
		if (found || !dir[1])
			break;
		char *slash = strrchr(dir, '/');
		slash[slash == dir] = '\0'; /* "/a" becomes "/" */
	}
	free(dir);
	return found;
}

void tfms_walk(tfms_input_list *list, const char *const *roots, size_t nroots)
{
	bool git_started = false;
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, ".");
	walker w = {list, NULL, cwd};
	for (size_t i = 0; i < nroots; i++) {
		const char *root = roots[i];
		struct stat st;
		if (stat(root, &st) < 0) {
			char *msg = tfms_asprintf("cannot read: %s",
						  strerror(errno));
			tfms_input_list_add_error(list, root, msg);
			free(msg);
			continue;
		}
		if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
			/* A FIFO or a device would block or never end. */
			tfms_input_list_add_error(list, root,
						  "not a regular file");
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			add_file(&w, root);
			continue;
		}
		if (maybe_in_checkout(root)) {
			if (!git_started)
				git_started = git_libgit2_init() >= 0;
			if (!git_started ||
			    git_repository_open_ext(&w.repo, root, 0, NULL) < 0)
				w.repo = NULL;
		}
		/* Trailing slashes would double up in the joined paths. */
		char *dir = tfms_strdup(root);
		size_t n = strlen(dir);
		while (n > 1 && dir[n - 1] == '/')
			dir[--n] = '\0';
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0) {
			walk_error(&w, dir, "cannot read directory");
		} else {
			walk_dir(&w, fd, dir);
			close(fd);
		}
		free(dir);
		git_repository_free(w.repo);
		w.repo = NULL;
	}
	if (git_started)
		git_libgit2_shutdown();
	tfms_input_list_sort(list);
}
