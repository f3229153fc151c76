#include "tfms/hints.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"
#include "tfms/yaml.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	char *key, *category;
	size_t file; /* which load defined it, to tell repeats from overrides */
	char *source;
} keyed;

struct tfms_hints {
	tfms_array(tfms_hint_phase) phases;
	tfms_array(tfms_hint_category) categories;
	tfms_array(keyed) prefixes;
	tfms_array(keyed) names;
	tfms_array(tfms_hint) hints;
	tfms_array(size_t) hint_files, phase_files, category_files;
	size_t files;
	const tfms_hint_category *other;
	bool finalized;
};

void tfms_hints_new(tfms_hints **out)
{
	*out = tfms_calloc(1, sizeof(**out));
}

static void hint_dispose(tfms_hint *h)
{
	free(h->api);
	free(h->category);
	free(h->ms);
	free(h->hint);
	free(h->url);
	free(h->source);
}

static void keyed_free(keyed *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(k[i].key);
		free(k[i].category);
		free(k[i].source);
	}
}

void tfms_hints_free(tfms_hints *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->phases.len; i++) {
		tfms_hint_phase *p = &h->phases.items[i];
		free(p->id);
		free(p->title);
		free(p->guide);
		free(p->hint);
	}
	for (size_t i = 0; i < h->categories.len; i++) {
		tfms_hint_category *c = &h->categories.items[i];
		free(c->id);
		free(c->phase_id);
		free(c->guide);
		free(c->hint);
	}
	keyed_free(h->prefixes.items, h->prefixes.len);
	keyed_free(h->names.items, h->names.len);
	for (size_t i = 0; i < h->hints.len; i++)
		hint_dispose(&h->hints.items[i]);
	tfms_array_free(&h->phases);
	tfms_array_free(&h->categories);
	tfms_array_free(&h->prefixes);
	tfms_array_free(&h->names);
	tfms_array_free(&h->hints);
	tfms_array_free(&h->hint_files);
	tfms_array_free(&h->phase_files);
	tfms_array_free(&h->category_files);
	free(h);
}

/* ---- Entries ---- */

typedef struct {
	const char *key;
	char **out;
	bool required;
} field;

/* Reads the scalar fields of one entry; unknown keys are errors. */
static int read_fields(const tfms_yaml_node *entry, const char *name,
		       const char *what, field *fields, size_t nfields)
{
	if (entry->kind != TFMS_YAML_MAPPING)
		return tfms_error_set("%s:%zu: each %s must be a mapping", name,
				      entry->line, what);
	for (size_t i = 0; i + 1 < entry->n; i += 2) {
		const tfms_yaml_node *k = entry->items[i],
				     *v = entry->items[i + 1];
		size_t f = 0;
		while (f < nfields && strcmp(fields[f].key, k->value) != 0)
			f++;
		if (f == nfields)
			return tfms_error_set("%s:%zu: unknown key '%s' in %s",
					      name, k->line, k->value, what);
		if (v->kind != TFMS_YAML_SCALAR || !*v->value)
			return tfms_error_set(
				"%s:%zu: '%s' must be a non-empty string", name,
				v->line, k->value);
		*fields[f].out = tfms_strdup(v->value);
	}
	for (size_t f = 0; f < nfields; f++)
		if (fields[f].required && !*fields[f].out)
			return tfms_error_set("%s:%zu: %s without '%s'", name,
					      entry->line, what, fields[f].key);
	return 0;
}

static void free_fields(field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(*fields[i].out);
		*fields[i].out = NULL;
	}
}

static int repeated(const char *name, size_t line, const char *what,
		    const char *key)
{
	return tfms_error_set("%s:%zu: %s '%s' is defined twice in this file",
			      name, line, what, key);
}

static int load_phases(tfms_hints *h, const tfms_yaml_node *list,
		       const char *name)
{
	if (list->kind != TFMS_YAML_SEQUENCE)
		return tfms_error_set("%s:%zu: 'phases' must be a list", name,
				      list->line);
	for (size_t i = 0; i < list->n; i++) {
		tfms_hint_phase p = {NULL, NULL, NULL, NULL, 0};
		field f[] = {{"id", &p.id, true},
			     {"title", &p.title, true},
			     {"guide", &p.guide, true},
			     {"hint", &p.hint, true}};
		if (read_fields(list->items[i], name, "phase", f, 4) < 0) {
			free_fields(f, 4);
			return -1;
		}
		size_t at = 0;
		while (at < h->phases.len &&
		       strcmp(h->phases.items[at].id, p.id) != 0)
			at++;
		if (at < h->phases.len) {
			if (h->phase_files.items[at] == h->files) {
				int rc = repeated(name, list->items[i]->line,
						  "phase", p.id);
				free_fields(f, 4);
				return rc;
			}
			tfms_hint_phase *old = &h->phases.items[at];
			free(old->id);
			free(old->title);
			free(old->guide);
			free(old->hint);
			*old = p;
			h->phase_files.items[at] = h->files;
		} else {
			tfms_array_push(&h->phases, p);
			tfms_array_push(&h->phase_files, h->files);
		}
	}
	return 0;
}

static int load_categories(tfms_hints *h, const tfms_yaml_node *list,
			   const char *name)
{
	if (list->kind != TFMS_YAML_SEQUENCE)
		return tfms_error_set("%s:%zu: 'categories' must be a list",
				      name, list->line);
	for (size_t i = 0; i < list->n; i++) {
		tfms_hint_category c = {NULL, NULL, NULL, NULL, NULL};
		field f[] = {{"id", &c.id, true},
			     {"phase", &c.phase_id, true},
			     {"guide", &c.guide, true},
			     {"hint", &c.hint, true}};
		if (read_fields(list->items[i], name, "category", f, 4) < 0) {
			free_fields(f, 4);
			return -1;
		}
		size_t at = 0;
		while (at < h->categories.len &&
		       strcmp(h->categories.items[at].id, c.id) != 0)
			at++;
		if (at < h->categories.len) {
			if (h->category_files.items[at] == h->files) {
				int rc = repeated(name, list->items[i]->line,
						  "category", c.id);
				free_fields(f, 4);
				return rc;
			}
			tfms_hint_category *old = &h->categories.items[at];
			free(old->id);
			free(old->phase_id);
			free(old->guide);
			free(old->hint);
			*old = c;
			h->category_files.items[at] = h->files;
		} else {
			tfms_array_push(&h->categories, c);
			tfms_array_push(&h->category_files, h->files);
		}
	}
	return 0;
}

/* Adds or replaces key -> category in arr. */
static int put_keyed(tfms_hints *h, void *arr_, const char *key,
		     const char *category, const char *name, size_t line,
		     const char *what)
{
	tfms_array(keyed) *arr = arr_;
	for (size_t i = 0; i < arr->len; i++) {
		keyed *k = &arr->items[i];
		if (strcmp(k->key, key) != 0)
			continue;
		if (k->file == h->files)
			return repeated(name, line, what, key);
		free(k->category);
		free(k->source);
		k->category = tfms_strdup(category);
		k->source = tfms_asprintf("%s:%zu", name, line);
		k->file = h->files;
		return 0;
	}
	keyed k = {tfms_strdup(key), tfms_strdup(category), h->files,
		   tfms_asprintf("%s:%zu", name, line)};
	tfms_array_push(arr, k);
	return 0;
}

static int load_prefixes(tfms_hints *h, const tfms_yaml_node *list,
			 const char *name)
{
	if (list->kind != TFMS_YAML_SEQUENCE)
		return tfms_error_set("%s:%zu: 'prefixes' must be a list", name,
				      list->line);
	for (size_t i = 0; i < list->n; i++) {
		char *prefix = NULL, *category = NULL;
		field f[] = {{"prefix", &prefix, true},
			     {"category", &category, true}};
		int rc = read_fields(list->items[i], name, "prefix", f, 2);
		if (rc == 0 && prefix[strlen(prefix) - 1] != '.')
			rc = tfms_error_set("%s:%zu: prefix '%s' must end with "
					    "'.'",
					    name, list->items[i]->line, prefix);
		if (rc == 0)
			rc = put_keyed(h, &h->prefixes, prefix, category, name,
				       list->items[i]->line, "prefix");
		free_fields(f, 2);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int load_names(tfms_hints *h, const tfms_yaml_node *map,
		      const char *name)
{
	if (map->kind != TFMS_YAML_MAPPING)
		return tfms_error_set("%s:%zu: 'names' must be a mapping of "
				      "API names to categories",
				      name, map->line);
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const tfms_yaml_node *k = map->items[i], *v = map->items[i + 1];
		if (v->kind != TFMS_YAML_SCALAR || !*v->value)
			return tfms_error_set("%s:%zu: the category of '%s' "
					      "must be a string",
					      name, v->line, k->value);
		if (put_keyed(h, &h->names, k->value, v->value, name, k->line,
			      "name") < 0)
			return -1;
	}
	return 0;
}

static int parse_level(tfms_level *out, const char *s)
{
	if (strcmp(s, "error") == 0)
		*out = TFMS_LEVEL_ERROR;
	else if (strcmp(s, "warning") == 0)
		*out = TFMS_LEVEL_WARNING;
	else if (strcmp(s, "note") == 0)
		*out = TFMS_LEVEL_NOTE;
	else
		return -1;
	return 0;
}

static int load_hints(tfms_hints *h, const tfms_yaml_node *list,
		      const char *name)
{
	if (list->kind != TFMS_YAML_SEQUENCE)
		return tfms_error_set("%s:%zu: 'hints' must be a list", name,
				      list->line);
	for (size_t i = 0; i < list->n; i++) {
		const tfms_yaml_node *entry = list->items[i];
		tfms_hint e;
		memset(&e, 0, sizeof(e));
		char *severity = NULL;
		field f[] = {
			{"api", &e.api, true},	{"category", &e.category, true},
			{"ms", &e.ms, true},	{"hint", &e.hint, true},
			{"url", &e.url, false}, {"severity", &severity, false}};
		int rc = read_fields(entry, name, "hint", f, 6);
		e.level = TFMS_LEVEL_ERROR;
		if (rc == 0 && severity && parse_level(&e.level, severity) < 0)
			rc = tfms_error_set("%s:%zu: severity must be error, "
					    "warning or note, not '%s'",
					    name, entry->line, severity);
		free(severity);
		if (rc < 0) {
			hint_dispose(&e);
			return rc;
		}
		e.source = tfms_asprintf("%s:%zu", name, entry->line);
		size_t at = 0;
		while (at < h->hints.len &&
		       strcmp(h->hints.items[at].api, e.api) != 0)
			at++;
		if (at < h->hints.len) {
			if (h->hint_files.items[at] == h->files) {
				rc = repeated(name, entry->line, "hint for",
					      e.api);
				hint_dispose(&e);
				return rc;
			}
			hint_dispose(&h->hints.items[at]);
			h->hints.items[at] = e;
			h->hint_files.items[at] = h->files;
		} else {
			tfms_array_push(&h->hints, e);
			tfms_array_push(&h->hint_files, h->files);
		}
	}
	return 0;
}

static const char *const section_keys[] = {"phases", "categories", "prefixes",
					   "names", "hints"};

int tfms_hints_load_buffer(tfms_hints *h, const char *name, const char *data,
			   size_t len)
{
	tfms_yaml_node *root = NULL;
	if (tfms_yaml_load(&root, name, data, len) < 0)
		return -1;
	bool mine = false;
	for (size_t k = 0; root && root->kind == TFMS_YAML_MAPPING && k < 5;
	     k++)
		mine = mine || tfms_yaml_get(root, section_keys[k]);
	if (!mine) {
		tfms_yaml_free(root);
		return 1;
	}
	h->files++;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i + 1 < root->n; i += 2) {
		const char *key = root->items[i]->value;
		const tfms_yaml_node *val = root->items[i + 1];
		if (strcmp(key, "version") == 0)
			continue;
		if (strcmp(key, "phases") == 0)
			rc = load_phases(h, val, name);
		else if (strcmp(key, "categories") == 0)
			rc = load_categories(h, val, name);
		else if (strcmp(key, "prefixes") == 0)
			rc = load_prefixes(h, val, name);
		else if (strcmp(key, "names") == 0)
			rc = load_names(h, val, name);
		else if (strcmp(key, "hints") == 0)
			rc = load_hints(h, val, name);
		else
			rc = tfms_error_set(
				"%s:%zu: unknown top-level key '%s' "
				"in a hint file",
				name, root->items[i]->line, key);
	}
	tfms_yaml_free(root);
	return rc;
}

bool tfms_hints_loaded(const tfms_hints *h)
{
	return h->files > 0;
}

/* ---- Finalizing and lookups ---- */

static int compare_keyed(const void *a, const void *b)
{
	return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

static int compare_hints(const void *a, const void *b)
{
	return strcmp(((const tfms_hint *)a)->api, ((const tfms_hint *)b)->api);
}

static int check_category(const tfms_hints *h, const char *id,
			  const char *source, const char *what)
{
	if (tfms_hints_category(h, id))
		return 0;
	return tfms_error_set("%s: %s names the unknown category '%s'", source,
			      what, id);
}

int tfms_hints_finalize(tfms_hints *h)
{
	if (h->finalized)
		return 0;
	h->finalized = true;
	for (size_t i = 0; i < h->phases.len; i++)
		h->phases.items[i].order = i;
	for (size_t i = 0; i < h->categories.len; i++) {
		tfms_hint_category *c = &h->categories.items[i];
		for (size_t j = 0; j < h->phases.len && !c->phase; j++)
			if (strcmp(h->phases.items[j].id, c->phase_id) == 0)
				c->phase = &h->phases.items[j];
		if (!c->phase)
			return tfms_error_set("hint category '%s' names the "
					      "unknown phase '%s'",
					      c->id, c->phase_id);
	}
	h->other = tfms_hints_category(h, "other");
	if (!h->other && h->files)
		return tfms_error_set("the hint files define no 'other' "
				      "category, which is the fallback");
	for (size_t i = 0; i < h->prefixes.len; i++)
		if (check_category(h, h->prefixes.items[i].category,
				   h->prefixes.items[i].source, "prefix") < 0)
			return -1;
	for (size_t i = 0; i < h->names.len; i++)
		if (check_category(h, h->names.items[i].category,
				   h->names.items[i].source, "name") < 0)
			return -1;
	for (size_t i = 0; i < h->hints.len; i++)
		if (check_category(h, h->hints.items[i].category,
				   h->hints.items[i].source, "hint") < 0)
			return -1;
	tfms_sort(h->names.items, h->names.len, sizeof(keyed), compare_keyed);
	tfms_sort(h->hints.items, h->hints.len, sizeof(tfms_hint),
		  compare_hints);
	return 0;
}

static const tfms_hint *find_hint(const tfms_hints *h, const char *api)
{
	tfms_hint key;
	key.api = (char *)api;
	return h->hints.len ? bsearch(&key, h->hints.items, h->hints.len,
				      sizeof(tfms_hint), compare_hints)
			    : NULL;
}

static const keyed *find_name(const tfms_hints *h, const char *api)
{
	keyed key = {(char *)api, NULL, 0, NULL};
	return h->names.len ? bsearch(&key, h->names.items, h->names.len,
				      sizeof(keyed), compare_keyed)
			    : NULL;
}

/* Cuts a trailing ".Attr" when what remains ends in a Capitalised part
 * (a class or constant: tf.train.Saver.restore -> tf.train.Saver);
 * returns false when nothing more can be cut. */
static bool cut_member(char *name)
{
	char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	*dot = '\0';
	const char *prev = strrchr(name, '.');
	const char *last = prev ? prev + 1 : name;
	if (*last >= 'A' && *last <= 'Z')
		return true;
	*dot = '.';
	return false;
}

void tfms_hints_match(tfms_hint_match *out, const tfms_hints *h,
		      const char *api, const char *rule_api)
{
	memset(out, 0, sizeof(*out));
	static const char compat[] = "tf.compat.v1.";
	char *name = strncmp(api, compat, sizeof(compat) - 1) == 0
			     ? tfms_asprintf("tf.%s", api + sizeof(compat) - 1)
			     : tfms_strdup(api);
	const tfms_hint *hint = find_hint(h, name);
	if (!hint && rule_api)
		hint = find_hint(h, rule_api);
	const keyed *exact = find_name(h, name);
	char *cut = tfms_strdup(name);
	while (!hint && !exact && cut_member(cut)) {
		hint = find_hint(h, cut);
		exact = find_name(h, cut);
	}
	free(cut);
	const tfms_hint_category *cat = NULL;
	if (hint)
		cat = tfms_hints_category(h, hint->category);
	if (!cat && exact)
		cat = tfms_hints_category(h, exact->category);
	size_t best = 0;
	for (size_t i = 0; !cat && i < h->prefixes.len; i++) {
		const keyed *p = &h->prefixes.items[i];
		size_t n = strlen(p->key);
		if (n > best && strncmp(name, p->key, n) == 0) {
			best = n;
			out->category = tfms_hints_category(h, p->category);
		}
	}
	free(name);
	if (!cat)
		cat = out->category ? out->category : h->other;
	out->hint = hint;
	out->category = cat;
	out->url = hint && hint->url ? hint->url : cat ? cat->guide : NULL;
}

size_t tfms_hints_phase_count(const tfms_hints *h)
{
	return h->phases.len;
}

const tfms_hint_phase *tfms_hints_phase_at(const tfms_hints *h, size_t i)
{
	return i < h->phases.len ? &h->phases.items[i] : NULL;
}

const tfms_hint_category *tfms_hints_category(const tfms_hints *h,
					      const char *id)
{
	for (size_t i = 0; i < h->categories.len; i++)
		if (strcmp(h->categories.items[i].id, id) == 0)
			return &h->categories.items[i];
	return NULL;
}

size_t tfms_hints_count(const tfms_hints *h)
{
	return h->hints.len;
}
