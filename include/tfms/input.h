/* The files a run migrates, whoever found them: the directory walk
 * (walk.h) or the listing of a commit's tree (branch.h). Neither finder
 * depends on the other; both depend on this. */
#ifndef TFMS_INPUT_H
#define TFMS_INPUT_H

#include "tfms/common.h"

typedef struct {
	char *path;    /* to open, or the repository path of a blob; owned */
	char *display; /* how messages and reports name it; owned */
	bool in_git;   /* a blob of the branch's base commit (see branch.h) */
} tfms_input;

/* A path that could not be listed, and why. */
typedef struct {
	char *path;
	char *message;
} tfms_input_error;

/* Files sorted by display path, without duplicates, and the errors met
 * while finding them. A zero-initialised list is empty and valid. */
typedef struct {
	tfms_input *items;
	size_t len, cap;
	tfms_input_error *errors;
	size_t nerrors, errors_cap;
} tfms_input_list;

/* Records an error; copies both strings. */
void tfms_input_list_add_error(tfms_input_list *list, const char *path,
			       const char *message);
/* Sorts by display path and drops repeated display paths. */
void tfms_input_list_sort(tfms_input_list *list);
/* Frees every item, every error and the arrays; accepts an empty list. */
void tfms_input_list_dispose(tfms_input_list *list);

/* Directory names never walked into: hidden ones, __pycache__,
 * virtualenvs (venv, site-packages) and node_modules. A directory holding
 * pyvenv.cfg is a virtualenv too, whatever its name; the finders check
 * that themselves. */
bool tfms_input_skips_directory(const char *name);

#endif
