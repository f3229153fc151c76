/* Finding the Python files to migrate. Directories are walked for *.py,
 * skipping hidden directories, __pycache__, virtualenvs (venv, .venv,
 * site-packages, any directory holding pyvenv.cfg) and, inside a git
 * checkout, what .gitignore ignores. Symbolic links met while walking are
 * not followed (their targets inside the tree are visited under their own
 * names); a path named on the command line is taken as given. */
#ifndef TFMS_WALK_H
#define TFMS_WALK_H

#include "tfms/common.h"
#include "tfms/report.h"

typedef struct {
	char *path;    /* to open; owned */
	char *display; /* relative to the current directory when inside it */
	bool in_git;   /* a blob of a commit (see branch.h), not a file */
	unsigned char oid[20]; /* the blob, when in_git */
	uint32_t filemode;     /* the tree entry's mode, when in_git */
} tfms_walk_file;

typedef struct {
	tfms_walk_file *items;
	size_t len, cap;
} tfms_walk_list;

/* Appends the files under roots to list, sorted by display path, without
 * duplicates. A root that cannot be read is recorded in errors and the
 * walk goes on. */
void tfms_walk(tfms_walk_list *list, const char *const *roots, size_t nroots,
	       tfms_report *errors);
void tfms_walk_list_dispose(tfms_walk_list *list);

/* Directory names never walked into (hidden, __pycache__, virtualenvs,
 * node_modules); a directory holding pyvenv.cfg is skipped as well. */
bool tfms_walk_skips_directory(const char *name);

#endif
