/* The git-branch output: migrate a commit, not the working tree. The .py
 * blobs of the base commit's tree under the requested paths are rewritten
 * by the same engine, and one commit on a new branch holds the result plus
 * the Markdown report. The user's working tree, index, HEAD and other refs
 * are never touched: blobs, git_tree_create_updated, git_commit_create,
 * git_branch_create. */
#ifndef TFMS_BRANCH_H
#define TFMS_BRANCH_H

#include "tfms/common.h"
#include "tfms/report.h"
#include "tfms/walk.h"

#include <stdio.h>

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
 * checks the branch name and the identity, and lists the .py blobs under
 * paths (relative to the current directory) into files, with repository
 * paths as display paths. Every failure here is a usage error: nothing has
 * been written. Caller owns *out; free with tfms_branch_free. */
int tfms_branch_open(tfms_branch **out, const tfms_branch_options *opts,
		     const char *const *paths, size_t npaths,
		     tfms_walk_list *files) TFMS_WARN_UNUSED;
void tfms_branch_free(tfms_branch *branch);

/* The repository's git directory, for workers to open their own handle
 * (libgit2 objects are not shared between threads). Borrowed. */
const char *tfms_branch_git_dir(const tfms_branch *branch);

/* Records the rewritten blob of files->items[index] (written by a
 * worker). */
void tfms_branch_set_blob(tfms_branch *branch, size_t index,
			  const unsigned char oid[20]);

/* Creates the commit and the branch when any file changed. *created tells
 * whether it did. Messages for the user go to err unless quiet. */
int tfms_branch_commit(tfms_branch *branch, const tfms_report *report,
		       const char *report_markdown, bool *created, FILE *err,
		       bool quiet) TFMS_WARN_UNUSED;

#endif
