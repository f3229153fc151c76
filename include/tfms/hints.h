/* Hints: the next step for every TensorFlow use that is not converted,
 * as rule data (rules/hints.yaml; format in rules/README.md). A hint file
 * is a YAML mapping with any of these keys:
 *
 *   phases:      # the migration phases, in the order work proceeds
 *     - {id: data, title: "Data input", guide: URL, hint: "..."}
 *   categories:  # what kind of API; each belongs to a phase
 *     - {id: image, phase: data, guide: URL, hint: "..."}
 *   prefixes:    # longest prefix wins
 *     - {prefix: tf.image., category: image}
 *   names:       # exact names, before the prefixes
 *     tf.train.Saver: checkpoint
 *   hints:       # construct-specific next steps
 *     - {api: tf.placeholder, category: graph, ms: "short next step",
 *        hint: "...", url: URL, severity: error|warning|note}
 *
 * A later entry with the same key (phase id, category id, prefix, name,
 * api) replaces an earlier one; within one file a repeated key is an
 * error. Owned by the rules layer; the ruleset holds one hint set. */
#ifndef TFMS_HINTS_H
#define TFMS_HINTS_H

#include "tfms/common.h"
#include "tfms/result.h"

typedef struct {
	char *id, *title, *guide, *hint;
	size_t order; /* position in the phase order, from 0 */
} tfms_hint_phase;

typedef struct {
	char *id, *phase_id, *guide, *hint;
	const tfms_hint_phase *phase; /* set by tfms_hints_finalize */
} tfms_hint_category;

typedef struct {
	char *api;	/* canonical TF name */
	char *category; /* a category id */
	char *ms;	/* the short next step, for markers and tables */
	char *hint;	/* the next step in full */
	char *url;	/* or NULL: the category's guide applies */
	tfms_level level;
	char *source; /* "file:line" */
} tfms_hint;

typedef struct tfms_hints tfms_hints;

/* What is known about one API. Every pointer is borrowed from the hint
 * set. */
typedef struct {
	const tfms_hint *hint;		    /* the specific hint, or NULL */
	const tfms_hint_category *category; /* never NULL once finalized */
	const char *url;		    /* hint url, else category guide */
} tfms_hint_match;

/* Caller owns *out; free with tfms_hints_free. Never fails. */
void tfms_hints_new(tfms_hints **out);
void tfms_hints_free(tfms_hints *hints);

/* Loads a YAML hint file (copies what it keeps). Returns 1, having loaded
 * nothing, when data is not a hint file (a mapping with none of the keys
 * above); 0 when loaded; -1 with a located error ("name:line: why"). */
int tfms_hints_load_buffer(tfms_hints *hints, const char *name,
			   const char *data, size_t len) TFMS_WARN_UNUSED;
/* Whether any hint file was loaded. */
bool tfms_hints_loaded(const tfms_hints *hints);

/* Checks every reference (a category's phase, the category of a prefix,
 * name or hint) and builds the indexes; an `other` category must exist as
 * the fallback. Call once, after loading and before lookups. */
int tfms_hints_finalize(tfms_hints *hints) TFMS_WARN_UNUSED;

/* Looks api up (after tf.compat.v1. -> tf.): the hint for api, else for
 * rule_api (the canonical name of its rule; may be NULL); else for api
 * without trailing Capitalised attributes (tf.train.Saver.restore ->
 * tf.train.Saver). The category: the hint's, else an exact name, else the
 * longest prefix, else `other`. */
void tfms_hints_match(tfms_hint_match *out, const tfms_hints *hints,
		      const char *api, const char *rule_api);

/* The phases in order; borrowed, valid until tfms_hints_free. */
size_t tfms_hints_phase_count(const tfms_hints *hints);
const tfms_hint_phase *tfms_hints_phase_at(const tfms_hints *hints, size_t i);
/* A category by id, or NULL; borrowed. */
const tfms_hint_category *tfms_hints_category(const tfms_hints *hints,
					      const char *id);
size_t tfms_hints_count(const tfms_hints *hints);

/* The hint set of a finalized ruleset (rules.c): the built-in hints, with
 * the hint files named by --rules loaded on top. Borrowed; valid until
 * tfms_ruleset_free. */
typedef struct tfms_ruleset tfms_ruleset;
const tfms_hints *tfms_ruleset_hints(const tfms_ruleset *rs);

#endif
