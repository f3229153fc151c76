/* The git-branch output: migrate a commit, not the working tree. The .py
 * blobs of the base commit's tree under the requested paths are rewritten
 * by the same engine, and one commit on a new branch holds the result plus
 * the Markdown report. The user's working tree, index, HEAD and other refs
 * are never touched: blobs, git_tree_create_updated, git_commit_create,
 * git_branch_create. */
#ifndef TFMS_BRANCH_H
#define TFMS_BRANCH_H

#include "tfms/common.h"
#include "tfms/input.h"
#include "tfms/report.h"

#define TFMS_BRANCH_DEFAULT_NAME   "mindspore-migration"
#define TFMS_BRANCH_DEFAULT_REPORT "MINDSPORE_MIGRATION.md"

typedef struct {
	const char *name;	 /* branch to create */
	const char *base;	 /* revision to start from; NULL: HEAD */
	const char *report_path; /* repository path of the report */
	const char *author;	 /* "Name <email>"; NULL: git config */
	bool force;		 /* move an existing branch */
} tfms_branch_options;

typedef struct tfms_branch tfms_branch;

/* Opens the repository around the current directory, resolves the base,
 * checks the branch name and the identity, and appends the .py blobs under
 * paths (relative to the current directory) to files, sorted, with
 * repository paths as display paths; the i-th file of files is the
 * branch's index i. Every failure here is a usage error: nothing has been
 * written. On success the caller owns *out (free with tfms_branch_free);
 * on failure *out is NULL. */
int tfms_branch_open(tfms_branch **out, const tfms_branch_options *opts,
		     const char *const *paths, size_t npaths,
		     tfms_input_list *files) TFMS_WARN_UNUSED;
void tfms_branch_free(tfms_branch *branch);

/* A worker's own handle on the repository: libgit2 objects are not shared
 * between threads. Each index is read and written by one worker only. */
typedef struct tfms_branch_io tfms_branch_io;

/* On success the caller owns *out (free with tfms_branch_io_free, before
 * the branch); on failure *out is NULL. */
int tfms_branch_io_open(tfms_branch_io **out,
			tfms_branch *branch) TFMS_WARN_UNUSED;
void tfms_branch_io_free(tfms_branch_io *io);

/* Reads the base blob of file index; errors name display. On success the
 * caller owns *out (free with free()); on failure *out is NULL. A blob
 * over limit bytes is an error. */
int tfms_branch_io_read(tfms_branch_io *io, size_t index, const char *display,
			size_t limit, char **out, size_t *len) TFMS_WARN_UNUSED;
/* Stores data as the migrated blob of file index (copies). */
int tfms_branch_io_write(tfms_branch_io *io, size_t index, const char *display,
			 const char *data, size_t len) TFMS_WARN_UNUSED;

/* What tfms_branch_commit did; the strings are borrowed from the branch
 * and valid until tfms_branch_free. */
typedef struct {
	bool created;	      /* a commit and the branch were made */
	bool moved;	      /* ... and the branch existed before (--force) */
	size_t changed_files; /* migrated files in the commit */
	size_t uncommitted;   /* uncommitted changes under the paths: not
				 part of the migration */
	const char *name;     /* the branch */
	const char *base_label;	 /* the base as the user named it */
	char base_id[41];	 /* the base commit, hex */
	const char *report_path; /* the report's repository path */
} tfms_branch_outcome;

/* Creates the commit and the branch when any file changed; out says what
 * was done (also on failure, as far as it got). */
int tfms_branch_commit(tfms_branch *branch, const tfms_report *report,
		       const char *report_markdown,
		       tfms_branch_outcome *out) TFMS_WARN_UNUSED;

#endif
