#include "tfms/spool.h"
#include "tfms/alloc.h"
#include "tfms/error.h"
#include "tfms/fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes go out in pieces of this size: few system calls, little memory. */
#define SPOOL_CHUNK (64u << 10)

struct tfms_spool {
	int fd;
	char *name;
	tfms_buf pending; /* written, not yet in the file */
	uint64_t flushed; /* bytes in the file */
	int err;	  /* the first errno met, or 0 */
};

static int failed(tfms_spool *s)
{
	return tfms_error_set("%s: cannot write: %s", s->name,
			      strerror(s->err));
}

int tfms_spool_new(tfms_spool **out, const char *dir, const char *name)
{
	*out = NULL;
	if (!dir) {
		dir = getenv("TMPDIR");
		if (!dir || !*dir)
			dir = "/tmp";
	}
	/* Named like every temporary file of ours, so that one a kill left
	 * between mkstemp and unlink is removed by a later run. */
	char *path = tfms_asprintf("%s/.spool" TFMS_TEMP_MARK "%ld-XXXXXX", dir,
				   (long)getpid());
	int fd = mkstemp(path);
	if (fd < 0) {
		int err = errno;
		free(path);
		return tfms_error_set("%s: cannot create temporary file: %s",
				      name, strerror(err));
	}
	unlink(path);
	free(path);
	tfms_spool *s = tfms_calloc(1, sizeof(*s));
	s->fd = fd;
	s->name = tfms_strdup(name);
	tfms_buf_init(&s->pending);
	*out = s;
	return 0;
}

static int flush(tfms_spool *s)
{
	const char *p = s->pending.ptr;
	size_t left = s->pending.len;
	while (!s->err && left > 0) {
		ssize_t n = write(s->fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			s->err = errno;
			break;
		}
		p += n;
		left -= (size_t)n;
		s->flushed += (uint64_t)n;
	}
	tfms_buf_clear(&s->pending);
	return s->err ? failed(s) : 0;
}

int tfms_spool_write(tfms_spool *s, const void *data, size_t len)
{
	if (s->err)
		return failed(s);
	tfms_buf_put(&s->pending, data, len);
	return s->pending.len >= SPOOL_CHUNK ? flush(s) : 0;
}

uint64_t tfms_spool_size(const tfms_spool *s)
{
	return s->flushed + s->pending.len;
}

static int read_at(tfms_spool *s, uint64_t offset, char *into, size_t len)
{
	while (len > 0) {
		ssize_t n = pread(s->fd, into, len, (off_t)offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return tfms_error_set("%s: cannot read back the "
					      "temporary file: %s",
					      s->name,
					      n < 0 ? strerror(errno)
						    : "it is shorter than "
						      "written");
		into += n;
		len -= (size_t)n;
		offset += (uint64_t)n;
	}
	return 0;
}

int tfms_spool_read(tfms_spool *s, uint64_t offset, size_t len, tfms_buf *out)
{
	tfms_buf_clear(out);
	if (s->pending.len && flush(s) < 0)
		return -1;
	tfms_buf_grow(out, len);
	if (read_at(s, offset, out->ptr, len) < 0)
		return -1;
	out->len = len;
	out->ptr[len] = '\0';
	return 0;
}

int tfms_spool_copy(tfms_spool *s, tfms_spool_emit emit, void *payload)
{
	if (s->pending.len && flush(s) < 0)
		return -1;
	char *chunk = tfms_malloc(SPOOL_CHUNK);
	int rc = 0;
	for (uint64_t at = 0; rc == 0 && at < s->flushed;) {
		size_t n = s->flushed - at < SPOOL_CHUNK
				   ? (size_t)(s->flushed - at)
				   : SPOOL_CHUNK;
		rc = read_at(s, at, chunk, n);
		if (rc == 0)
			rc = emit(chunk, n, payload);
		at += n;
	}
	free(chunk);
	return rc;
}

void tfms_spool_free(tfms_spool *s)
{
	if (!s)
		return;
	close(s->fd);
	tfms_buf_dispose(&s->pending);
	free(s->name);
	free(s);
}
