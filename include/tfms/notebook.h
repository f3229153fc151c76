/* Jupyter notebooks (nbformat 4) as Python modules. The code cells, in
 * order, make one module (an import in cell 1 binds names in cell 5), so
 * the rest of the pipeline works on plain Python; edits of that module go
 * back into the cell sources only: every other byte of the .ipynb file
 * (formatting, key order, escapes, outputs, metadata) stays as it was.
 *
 * tfms_jsonscan (or, when it is not sure, jansson, which words the error)
 * validates the file and tells the cells apart; the byte range of
 * each source string is located in the raw text by a small JSON scanner,
 * decoded with a map from every decoded byte to its bytes in the file, and
 * only the substrings an edit changes are encoded again (as the file
 * spells non-ASCII: raw UTF-8, or \uXXXX escapes when the file uses only
 * those). A `source` list holds one line per string: a changed line is
 * split into one string per line, an added line is a new string.
 *
 * IPython syntax is never parsed as Python nor edited: a line magic
 * (`%time x`), a shell escape (`!ls`, `x = !ls`), a help request (`?x`,
 * `x?`) is replaced in the module by a placeholder of the same length (a
 * comment, or `0` inside a block); a cell magic (`%%bash`) blanks its whole
 * cell. Markdown and raw cells are not part of the module. */
#ifndef TFMS_NOTEBOOK_H
#define TFMS_NOTEBOOK_H

#include "tfms/common.h"
#include "tfms/edit.h"
#include "tfms/result.h"

typedef struct tfms_notebook tfms_notebook;

/* True for a path that names a notebook (*.ipynb). */
bool tfms_notebook_is_path(const char *path);

/* Reads data (borrowed: it must outlive *out) as a notebook named path.
 * Fails, with a message naming path, for a file that is not JSON, not
 * nbformat 4, or has a cell source that is neither a string nor a list of
 * strings. Caller owns *out; free with tfms_notebook_free (also on
 * failure). */
int tfms_notebook_parse(tfms_notebook **out, const char *path, const char *data,
			size_t len) TFMS_WARN_UNUSED;
/* Accepts NULL. */
void tfms_notebook_free(tfms_notebook *nb);

/* The code cells as one Python module; borrowed, valid until
 * tfms_notebook_free. */
const char *tfms_notebook_module(const tfms_notebook *nb, size_t *len_out);

/* The notebook with edits of the module (sorted and free of overlaps, as
 * tfms_edits_apply leaves them) written into the cell sources: *out
 * (caller owns; free with free()) holds the new bytes of the file. Fails,
 * producing nothing, for an edit that touches IPython syntax or spans two
 * cells. */
int tfms_notebook_apply(const tfms_notebook *nb, const tfms_edit_list *edits,
			char **out, size_t *out_len) TFMS_WARN_UNUSED;

/* Turns the module positions of every record into cell positions: `cell`
 * (1-based, counting every cell of the notebook, as editors number them)
 * and lines counted from the cell's first line. */
void tfms_notebook_locate(const tfms_notebook *nb, tfms_results *results);

#endif
