/* Markers in the code (--annotate): one comment above each statement
 * line that still holds TensorFlow uses, naming them and their next step:
 *
 *   # TODO(mindspore): tf.placeholder -> pass the value to Cell.construct; see URL
 *
 * Markers are extra edits in the plan's edit list, so the diff, --in-place,
 * --branch and the re-parse check all cover them. A marker goes above the
 * first line of the statement holding the use (above the decorators of a
 * decorated definition; above an elif/else/except/case line for a use in
 * that header), indented like that line, never inside a string or after a
 * backslash continuation. Existing markers (a comment starting with
 * TFMS_ANNOTATE_PREFIX) are kept when still right, rewritten when their
 * text changed, and deleted when their line has no remaining use, so a
 * second run changes nothing. Owned by the rewrite layer. */
#ifndef TFMS_ANNOTATE_H
#define TFMS_ANNOTATE_H

#include "tfms/plan.h"
#include "tfms/rules.h"
#include "tfms/source.h"

#include <tree_sitter/api.h>

#define TFMS_ANNOTATE_PREFIX "# TODO(mindspore): "

/* Adds the marker edits for plan's findings (parse-error findings get
 * none: such regions are never edited) to plan->edits. tree is src's
 * parse tree; rs gives the hints. */
void tfms_annotate_plan(tfms_plan *plan, const tfms_source *src,
			const TSTree *tree, const tfms_ruleset *rs);

#endif
