/* Reading whole files and replacing them atomically (git lockfile.h): the
 * new bytes go to a temporary file in the same directory, are synced, take
 * the original's mode, and are renamed over it. A failure at any step
 * leaves the original untouched and removes the temporary file. */
#ifndef TFMS_FILEIO_H
#define TFMS_FILEIO_H

#include "tfms/common.h"

/* Reads path into a NUL-terminated buffer: caller owns *out; free with
 * free(). display_path names the file in messages (borrowed). Files larger
 * than max_size bytes are refused. Errors name display_path and the reason;
 * on failure *out is NULL and *len_out is 0. */
int tfms_file_read(char **out, size_t *len_out, const char *path,
		   const char *display_path, size_t max_size) TFMS_WARN_UNUSED;

/* Replaces path's content with data. display_path names the file in
 * messages. Symbolic links are resolved, so the link stays a link; mode,
 * owner and group are kept (owner and group as far as the user may set
 * them: all of them as root). A file with several hard links is refused,
 * as a rename would split it from its other names. */
int tfms_file_replace(const char *path, const char *display_path,
		      const char *data, size_t len) TFMS_WARN_UNUSED;

/* Creates or replaces path with data, atomically, as above; a new file
 * gets the mode the umask allows. */
int tfms_file_write(const char *path, const char *data,
		    size_t len) TFMS_WARN_UNUSED;

/* The same, streamed: the bytes go to the temporary file as they are
 * written, and only commit puts the file in place, so a failed or
 * abandoned write never leaves part of a file at path. */
typedef struct tfms_file_writer tfms_file_writer;

/* Starts writing path (which need not exist); caller owns *out: finish
 * with tfms_file_writer_commit or tfms_file_writer_abort. Messages name
 * path. */
int tfms_file_writer_open(tfms_file_writer **out,
			  const char *path) TFMS_WARN_UNUSED;
/* Appends data; after a failure every later write fails the same way. */
int tfms_file_writer_write(tfms_file_writer *w, const char *data,
			   size_t len) TFMS_WARN_UNUSED;
/* Syncs, sets the mode (and owner) and renames the file into place; frees
 * w, also on failure (when the temporary file is removed). */
int tfms_file_writer_commit(tfms_file_writer *w) TFMS_WARN_UNUSED;
/* Removes the temporary file and frees w; accepts NULL. */
void tfms_file_writer_abort(tfms_file_writer *w);

/* What marks our temporary files: ".NAME" TFMS_TEMP_MARK "PID-XXXXXX". */
#define TFMS_TEMP_MARK ".tfms-"

/* Removes the temporary files that runs which no longer exist left in dir
 * (killed between creating and renaming one). Returns how many. */
size_t tfms_file_remove_stale(const char *dir);

#endif
