/* Import planning for one file: which TF imports go, which are rewritten
 * in place (`from tensorflow import stop_gradient as sg` -> `from
 * mindspore.ops import stop_gradient as sg`), how converted code names
 * MindSpore modules (the ruleset's module spellings, avoiding names the
 * file uses), and where new MindSpore imports are inserted. */
#ifndef TFMS_IMPORTS_H
#define TFMS_IMPORTS_H

#include "tfms/edit.h"
#include "tfms/resolve.h"
#include "tfms/rules.h"

typedef struct tfms_imports tfms_imports;

/* What became of one TF use. */
typedef struct {
	const tfms_use *use;
	const tfms_rule *rule; /* NULL when no rule names the use */
	bool converts;
} tfms_imports_use;

/* Borrows src, analysis (which must come from src) and rs until
 * tfms_imports_free. Caller owns *out. */
void tfms_imports_new(tfms_imports **out, const tfms_source *src,
		      const tfms_analysis *analysis, const tfms_ruleset *rs);
/* Accepts NULL. */
void tfms_imports_free(tfms_imports *im);

/* Decides, from the outcome of every use of the file, which imports are
 * removed and which are rewritten in place. Call once, before the calls
 * below. */
void tfms_imports_settle(tfms_imports *im, const tfms_imports_use *uses,
			 size_t n);

/* The use's import is rewritten in place, so its callee stays as it is. */
bool tfms_imports_keeps_callee(const tfms_imports *im, const tfms_use *use);

/* How code in the file names ms_api (a dotted MindSpore name), noting the
 * import that the spelling needs. Caller owns; free with free(). */
char *tfms_imports_spell(tfms_imports *im, const char *ms_api);

/* Proposes the import edits: TF imports removed or rewritten, then one
 * insertion of every new MindSpore import the spellings need, sorted. */
void tfms_imports_plan(tfms_imports *im, tfms_edit_list *edits);

/* Where new module-level imports go in src (whose tree is tree): after
 * the leading comments, the docstring, __future__ and the module's leading
 * imports. *needs_newline: the file ends there without a line break. */
size_t tfms_imports_insert_point(const tfms_source *src, const TSTree *tree,
				 bool *needs_newline);

#endif
