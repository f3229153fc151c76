/* The scanned files as one project: which module a from-import names, and
 * what each module binds to TensorFlow at module level, so that
 * `from pkg.layers import *` or `from .layers import tf` bring TF names
 * into a file that never spells `tensorflow`.
 *
 * Built by a pre-pass before the per-file run: a text scan of every file
 * finds those with a from-import that may name a project module (a
 * relative one, one whose first name is a directory or module of the
 * project, or a star import); only they, and the modules they import,
 * are parsed (a notebook's code cells, as one module: the run's view of
 * it). Their exports are settled by a worklist until nothing
 * changes (chains and cycles included): a module is analysed again when
 * a module it imports exports something new. Top-level definitions that
 * cannot change a module's exports, imports or (where it matters) whether
 * it uses TF are not parsed (tfms_analyze_skipping in resolve.h). A file
 * that no from-import of any file can name (by the words of their module
 * paths) has exports nobody reads: of such a file, when the run analyses
 * it anyway, only the statements that may hold a from-import are parsed,
 * for the modules it imports from; its exports stay empty and its names
 * are no candidates elsewhere.
 *
 * Modules are found the way Python would find them from a script or
 * package in the tree: from the importing file's directory, then each
 * directory above it (`from gcn.layers import *` in gcn/models.py finds
 * gcn/layers.py at the root); `pkg/mod.py` is module pkg.mod and
 * `pkg/__init__.py` is package pkg, with or without __init__.py along
 * the way. Only the files of the run are modules of the project. */
#ifndef TFMS_PROJECT_H
#define TFMS_PROJECT_H

#include "tfms/common.h"
#include "tfms/input.h"
#include "tfms/resolve.h"

typedef struct tfms_project tfms_project;

/* Reads the bytes of file index (caller frees *data with free()); 0, or
 * -1 when it cannot (the pre-pass then skips the file: the run reports
 * the error when it reads it again). */
typedef int (*tfms_project_read_fn)(void *payload, size_t index, char **data,
				    size_t *len);

/* Builds the project of files (borrowed until tfms_project_free), reading
 * through read, with up to jobs threads (0 or 1: on the calling thread).
 * read is called under a lock: it need not be thread-safe. The result is
 * the same for any jobs. Caller owns *out; free with tfms_project_free.
 * Fails only when no parser can be made. */
int tfms_project_build(tfms_project **out, const tfms_input_list *files,
		       tfms_project_read_fn read, void *payload,
		       unsigned jobs) TFMS_WARN_UNUSED;
void tfms_project_free(tfms_project *project);

/* Whether file index gets TF names from the project (or reads a name a
 * star import from outside the project may bind): it is analysed even if
 * it never spells `tensorflow`. Always false for a file whose text (a
 * notebook's: its code cells) spells `tensorflow` or has a star import
 * (tfms_text_may_use_tf): the run analyses those anyway, so the pre-pass
 * does not find out. */
bool tfms_project_wants(const tfms_project *project, size_t index);

/* The resolver's view of the project from file index; borrowed, valid
 * until tfms_project_free. Safe to use from several threads at once. */
const tfms_resolve_env *tfms_project_env(const tfms_project *project,
					 size_t index);

/* How many files the pre-pass analysed, for tests and benchmarks. */
size_t tfms_project_analysed(const tfms_project *project);

/* How many analyses made ahead of their turn by one thread had to be
 * made again in their turn (what they read changed meanwhile), for
 * benchmarks. */
size_t tfms_project_redone(const tfms_project *project);

/* How many top-level definitions the pre-pass left unparsed (counted
 * once per analysis), for tests and benchmarks. */
size_t tfms_project_skipped(const tfms_project *project);

/* How many analyses looked only for the modules a file imports from: a
 * file that no from-import of the project can find (by the words of every
 * from-import's module path) exports nothing anyone reads, so only its
 * imports are parsed; counted once per analysis, for benchmarks. */
size_t tfms_project_imports_only(const tfms_project *project);

/* What module index exports; borrowed, valid until tfms_project_free. */
const tfms_module_exports *tfms_project_exports(const tfms_project *project,
						size_t index);

/* Whether the pre-pass may leave top-level statements unparsed (on by
 * default). Process-wide, not thread-safe: only for the differential
 * check (bench/prepass_check.c) and tests. */
void tfms_project_skip_definitions(bool on);

#endif
