#include "tfms/fileio.h"
#include "tfms/alloc.h"
#include "tfms/error.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
	int fd = open(path, O_RDONLY | O_CLOEXEC);
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

/* Writes data to a hidden temporary file beside target, syncs it, gives
 * it mode and renames it over target; on any failure the temporary file is
 * removed and target is as it was. */
static int write_atomically(const char *target, const char *display_path,
			    mode_t mode, const char *data, size_t len)
{
	const char *slash = strrchr(target, '/');
	char *tmp =
		slash ? tfms_asprintf("%.*s/.%s.tfms-XXXXXX",
				      (int)(slash - target), target, slash + 1)
		      : tfms_asprintf(".%s.tfms-XXXXXX", target);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int err = errno;
		free(tmp);
		return tfms_error_set("%s: cannot create temporary file: %s",
				      display_path, strerror(err));
	}
	int err = 0;
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 ||
	    fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (!err && rename(tmp, target) < 0)
		err = errno;
	if (err)
		unlink(tmp);
	free(tmp);
	if (err)
		return tfms_error_set("%s: cannot write: %s", display_path,
				      strerror(err));
	return 0;
}

int tfms_file_replace(const char *path, const char *display_path,
		      const char *data, size_t len)
{
	char *real = realpath(path, NULL);
	if (!real)
		return tfms_error_set("%s: cannot resolve: %s", display_path,
				      strerror(errno));
	struct stat st;
	int rc;
	if (stat(real, &st) < 0)
		rc = tfms_error_set("%s: cannot stat: %s", display_path,
				    strerror(errno));
	else
		rc = write_atomically(real, display_path, st.st_mode & 07777,
				      data, len);
	free(real);
	return rc;
}

int tfms_file_write(const char *path, const char *data, size_t len)
{
	if (access(path, F_OK) == 0)
		return tfms_file_replace(path, path, data, len);
	mode_t mask = umask(0);
	umask(mask);
	return write_atomically(path, path, 0666 & ~mask, data, len);
}
