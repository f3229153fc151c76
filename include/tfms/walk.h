/* Finding the Python files to migrate. Directories are walked for *.py
 * and *.ipynb (Jupyter notebooks),
 * skipping hidden directories, __pycache__, virtualenvs (venv, .venv,
 * site-packages, any directory holding pyvenv.cfg) and, inside a git
 * checkout, what .gitignore ignores. Symbolic links met while walking are
 * not followed (their targets inside the tree are visited under their own
 * names); a path named on the command line is taken as given. */
#ifndef TFMS_WALK_H
#define TFMS_WALK_H

#include "tfms/input.h"

/* Appends the files under roots to list, sorted by display path (relative
 * to the current directory when inside it), without duplicates. A root or
 * directory that cannot be read is recorded in the list's errors and the
 * walk goes on. */
void tfms_walk(tfms_input_list *list, const char *const *roots, size_t nroots);

#endif
