#include "tfms/fileio.h"
#include "tfms/alloc.h"
#include "tfms/error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tfms_file_read(char **out, size_t *len_out, const char *path,
		   const char *display_path, size_t max_size)
{
	*out = NULL;
	*len_out = 0;
	/* Non-blocking, so that a FIFO (even one swapped in after the walk)
	 * cannot stop the run: it is refused by the type check below. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return tfms_error_set("%s: cannot open: %s", display_path,
				      strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return tfms_error_set("%s: not a regular file", display_path);
	}
	if ((size_t)st.st_size > max_size) {
		close(fd);
		return tfms_error_set("%s: file too large (%lld bytes, limit "
				      "%zu)",
				      display_path, (long long)st.st_size,
				      max_size);
	}
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *data = tfms_malloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			cap *= 2;
			data = tfms_realloc(data, cap);
		}
		ssize_t n = read(fd, data + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;
			free(data);
			close(fd);
			return tfms_error_set("%s: cannot read: %s",
					      display_path, strerror(err));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	data[len] = '\0';
	*out = data;
	*len_out = len;
	return 0;
}

/* The new file gets the old one's owner and group. Only root can give a
 * file away; anyone else keeps what they can (their own files, groups
 * they belong to) and is not stopped by what they cannot. */
static int keep_owner(int fd, const struct stat *keep)
{
	if (fchown(fd, keep->st_uid, keep->st_gid) == 0)
		return 0;
	if (errno != EPERM)
		return -1;
	if (geteuid() == 0)
		return -1;
	if (fchown(fd, (uid_t)-1, keep->st_gid) < 0 && errno != EPERM)
		return -1;
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A hidden temporary file beside target, written and then synced, given
 * mode (and, where it can, owner and group) and renamed over target; on
 * any failure the temporary file is removed and target is as it was. The
 * name carries our process id, so a file left by a killed run is
 * recognised and removed by a later one (tfms_file_remove_stale). */
struct tfms_file_writer {
	char *target;
	char *display_path;
	char *tmp;
	int fd;
	int err; /* the first errno met, or 0 */
	bool keep_owner;
	struct stat keep;
	mode_t mode;
};

static void writer_free(tfms_file_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->tmp)
		unlink(w->tmp);
	free(w->tmp);
	free(w->target);
	free(w->display_path);
	free(w);
}

static int writer_open(tfms_file_writer **out, const char *target,
		       const char *display_path, const struct stat *keep,
		       mode_t mode)
{
	*out = NULL;
	const char *slash = strrchr(target, '/');
	long pid = (long)getpid();
	char *tmp =
		slash ? tfms_asprintf("%.*s/.%s" TFMS_TEMP_MARK "%ld-XXXXXX",
				      (int)(slash - target), target, slash + 1,
				      pid)
		      : tfms_asprintf(".%s" TFMS_TEMP_MARK "%ld-XXXXXX", target,
				      pid);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		free(tmp);
		return tfms_error_set("%s: cannot create temporary file: %s",
				      display_path, strerror(err));
	}
	tfms_file_writer *w = tfms_calloc(1, sizeof(*w));
	w->target = tfms_strdup(target);
	w->display_path = tfms_strdup(display_path);
	w->tmp = tmp;
	w->fd = fd;
	w->keep_owner = keep != NULL;
	if (keep)
		w->keep = *keep;
	w->mode = mode;
	*out = w;
	return 0;
}

int tfms_file_writer_write(tfms_file_writer *w, const char *data, size_t len)
{
	if (!w->err && write_all(w->fd, data, len) < 0)
		w->err = errno;
	if (w->err)
		return tfms_error_set("%s: cannot write: %s", w->display_path,
				      strerror(w->err));
	return 0;
}

int tfms_file_writer_commit(tfms_file_writer *w)
{
	int err = w->err;
	if (!err && (fchmod(w->fd, w->mode) < 0 ||
		     (w->keep_owner && keep_owner(w->fd, &w->keep) < 0) ||
		     fsync(w->fd) < 0))
		err = errno;
	if (close(w->fd) < 0 && !err)
		err = errno;
	w->fd = -1;
	if (!err && rename(w->tmp, w->target) < 0)
		err = errno;
	if (!err) {
		free(w->tmp);
		w->tmp = NULL;
	}
	int rc = err ? tfms_error_set("%s: cannot write: %s", w->display_path,
				      strerror(err))
		     : 0;
	writer_free(w);
	return rc;
}

void tfms_file_writer_abort(tfms_file_writer *w)
{
	if (w)
		writer_free(w);
}

static int write_atomically(const char *target, const char *display_path,
			    const struct stat *keep, mode_t mode,
			    const char *data, size_t len)
{
	tfms_file_writer *w;
	if (writer_open(&w, target, display_path, keep, mode) < 0)
		return -1;
	if (tfms_file_writer_write(w, data, len) < 0) {
		tfms_file_writer_abort(w);
		return -1;
	}
	return tfms_file_writer_commit(w);
}

/* Resolves path and checks it may be replaced: the target and what to
 * keep of it. */
static int replace_target(char **real_out, struct stat *st, const char *path,
			  const char *display_path)
{
	*real_out = NULL;
	char *real = realpath(path, NULL);
	if (!real)
		return tfms_error_set("%s: cannot resolve: %s", display_path,
				      strerror(errno));
	int rc = 0;
	if (stat(real, st) < 0)
		rc = tfms_error_set("%s: cannot stat: %s", display_path,
				    strerror(errno));
	else if (!S_ISREG(st->st_mode))
		rc = tfms_error_set("%s: not a regular file", display_path);
	/* A rename gives the path a new inode: the other names of a hard
	 * link would keep the old text. Writing in place would keep them,
	 * but a kill could leave half a file; we refuse instead. */
	else if (st->st_nlink > 1)
		rc = tfms_error_set("%s: has %ju hard links; not rewritten, as "
				    "replacing it would split them (apply the "
				    "dry-run diff instead)",
				    display_path, (uintmax_t)st->st_nlink);
	if (rc < 0)
		free(real);
	else
		*real_out = real;
	return rc;
}

int tfms_file_replace(const char *path, const char *display_path,
		      const char *data, size_t len)
{
	char *real;
	struct stat st;
	if (replace_target(&real, &st, path, display_path) < 0)
		return -1;
	int rc = write_atomically(real, display_path, &st, st.st_mode & 07777,
				  data, len);
	free(real);
	return rc;
}

int tfms_file_write(const char *path, const char *data, size_t len)
{
	tfms_file_writer *w;
	if (tfms_file_writer_open(&w, path) < 0)
		return -1;
	if (tfms_file_writer_write(w, data, len) < 0) {
		tfms_file_writer_abort(w);
		return -1;
	}
	return tfms_file_writer_commit(w);
}

int tfms_file_writer_open(tfms_file_writer **out, const char *path)
{
	*out = NULL;
	if (access(path, F_OK) == 0) {
		char *real;
		struct stat st;
		if (replace_target(&real, &st, path, path) < 0)
			return -1;
		int rc = writer_open(out, real, path, &st, st.st_mode & 07777);
		free(real);
		return rc;
	}
	mode_t mask = umask(0);
	umask(mask);
	return writer_open(out, path, path, NULL, 0666 & ~mask);
}

/* ".NAME" TFMS_TEMP_MARK "PID-XXXXXX": the pid of a process that no
 * longer runs makes it stale. */
static bool stale_temp(const char *name)
{
	const char *mark = name[0] == '.' ? strstr(name, TFMS_TEMP_MARK) : NULL;
	if (!mark)
		return false;
	char *end;
	long pid = strtol(mark + strlen(TFMS_TEMP_MARK), &end, 10);
	if (pid <= 0 || *end != '-' || strlen(end + 1) != 6)
		return false;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

size_t tfms_file_remove_stale(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t removed = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!stale_temp(e->d_name))
			continue;
		char *path = tfms_asprintf("%s/%s", dir, e->d_name);
		if (unlink(path) == 0)
			removed++;
		free(path);
	}
	closedir(d);
	return removed;
}
