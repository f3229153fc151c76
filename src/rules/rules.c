#include "tfms/rules.h"
#include "tfms/alloc.h"
#include "tfms/apiname.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/fileio.h"
#include "tfms/text.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "builtin_rules.h"

#define RULE_FILE_LIMIT (16u << 20)

/* A detail rule as read, before it is joined with its table row. */
typedef struct {
	tfms_rule rule;
	bool has_ms_api, has_status;
} detail;

struct tfms_ruleset {
	tfms_array(tfms_table_row) rows;
	tfms_array(detail) details;
	tfms_array(tfms_rule) rules;
	tfms_array(tfms_module_rule) modules;
	struct index_entry {
		const char *name;
		size_t rule;
	} * index;
	size_t nindex;
	tfms_buf sources;
	bool finalized;
};

void tfms_ruleset_new(tfms_ruleset **out)
{
	tfms_ruleset *rs = tfms_calloc(1, sizeof(*rs));
	tfms_buf_init(&rs->sources);
	*out = rs;
}

static void rule_dispose(tfms_rule *r)
{
	free(r->api);
	for (size_t i = 0; i < r->naliases; i++)
		free(r->aliases[i]);
	free(r->aliases);
	free(r->ms_api);
	free(r->doc_url);
	free(r->description);
	free(r->table_source);
	free(r->detail_source);
	free(r->ms_form);
	tfms_signature_dispose(&r->tf_signature);
	tfms_signature_dispose(&r->ms_signature);
	tfms_signature_dispose(&r->ms_init_signature);
	for (size_t i = 0; i < r->nargs; i++) {
		free(r->args[i].tf_param);
		free(r->args[i].ms_param);
		free(r->args[i].default_text);
		free(r->args[i].why);
	}
	free(r->args);
	free(r->call_reason);
	free(r->reference_reason);
	free(r->review);
	free(r->note);
	memset(r, 0, sizeof(*r));
}

void tfms_ruleset_free(tfms_ruleset *rs)
{
	if (!rs)
		return;
	tfms_table_rows_free(rs->rows.items, rs->rows.len);
	for (size_t i = 0; i < rs->details.len; i++)
		rule_dispose(&rs->details.items[i].rule);
	tfms_array_free(&rs->details);
	for (size_t i = 0; i < rs->rules.len; i++)
		rule_dispose(&rs->rules.items[i]);
	tfms_array_free(&rs->rules);
	for (size_t i = 0; i < rs->modules.len; i++) {
		free(rs->modules.items[i].module);
		free(rs->modules.items[i].name);
		free(rs->modules.items[i].source);
	}
	tfms_array_free(&rs->modules);
	free(rs->index);
	tfms_buf_dispose(&rs->sources);
	free(rs);
}

/* ---- A small YAML document tree on top of libyaml's event stream ---- */

typedef enum { Y_SCALAR, Y_SEQUENCE, Y_MAPPING } ykind;

typedef struct ynode {
	ykind kind;
	char *value;	      /* scalars */
	size_t line;	      /* 1-based */
	struct ynode **items; /* sequences; mappings alternate key, value */
	size_t n;
} ynode;

static void ynode_free(ynode *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->n; i++)
		ynode_free(node->items[i]);
	free(node->items);
	free(node->value);
	free(node);
}

static int compare_keys(const void *a, const void *b)
{
	const ynode *x = *(const ynode *const *)a,
		    *y = *(const ynode *const *)b;
	int c = strcmp(x->value, y->value);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* YAML forbids a key twice in one mapping, and a rule whose 'args:'
 * came twice used to overflow a buffer sized for one (issue 13). */
static int ymap_check_unique(const char *name, const ynode *map)
{
	size_t n = 0;
	const ynode **keys = tfms_calloc(map->n / 2 + 1, sizeof(*keys));
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->items[i]->kind == Y_SCALAR)
			keys[n++] = map->items[i];
	tfms_sort(keys, n, sizeof(*keys), compare_keys);
	int rc = 0;
	for (size_t i = 1; i < n && rc == 0; i++)
		if (strcmp(keys[i - 1]->value, keys[i]->value) == 0)
			rc = tfms_error_set("%s:%zu: key '%s' given twice "
					    "(first on line %zu)",
					    name, keys[i]->line, keys[i]->value,
					    keys[i - 1]->line);
	free(keys);
	return rc;
}

static int yaml_load(ynode **out, const char *name, const char *data,
		     size_t len)
{
	yaml_parser_t parser;
	yaml_event_t event;
	tfms_array(ynode *) stack = TFMS_ARRAY_INIT;
	ynode *root = NULL;
	int rc = 0;
	*out = NULL;

	if (!yaml_parser_initialize(&parser))
		return tfms_error_set("%s: cannot initialise YAML parser",
				      name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	for (bool done = false; !done;) {
		if (!yaml_parser_parse(&parser, &event)) {
			rc = tfms_error_set("%s:%zu:%zu: %s", name,
					    parser.problem_mark.line + 1,
					    parser.problem_mark.column + 1,
					    parser.problem ? parser.problem
							   : "invalid YAML");
			break;
		}
		ynode *node = NULL;
		switch (event.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_ALIAS_EVENT:
			rc = tfms_error_set("%s:%zu: YAML aliases are not "
					    "supported in rule files",
					    name, event.start_mark.line + 1);
			done = true;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			node = tfms_calloc(1, sizeof(*node));
			node->line = event.start_mark.line + 1;
			if (event.type == YAML_SCALAR_EVENT) {
				node->kind = Y_SCALAR;
				node->value = tfms_strndup(
					(const char *)event.data.scalar.value,
					event.data.scalar.length);
			} else {
				node->kind =
					event.type == YAML_SEQUENCE_START_EVENT
						? Y_SEQUENCE
						: Y_MAPPING;
			}
			if (stack.len) {
				ynode *parent = stack.items[stack.len - 1];
				parent->items = tfms_realloc(
					parent->items,
					(parent->n + 1) * sizeof(ynode *));
				parent->items[parent->n++] = node;
			} else if (!root) {
				root = node;
			} else {
				ynode_free(node);
				rc = tfms_error_set("%s: more than one YAML "
						    "document",
						    name);
				done = true;
				break;
			}
			if (node->kind != Y_SCALAR)
				tfms_array_push(&stack, node);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			stack.len--;
			if (event.type == YAML_MAPPING_END_EVENT &&
			    (rc = ymap_check_unique(
				     name, stack.items[stack.len])) < 0)
				done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	tfms_array_free(&stack);
	if (rc < 0) {
		ynode_free(root);
		return rc;
	}
	*out = root;
	return 0;
}

static const ynode *ymap_get(const ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->items[i]->kind == Y_SCALAR &&
		    strcmp(map->items[i]->value, key) == 0)
			return map->items[i + 1];
	return NULL;
}

/* ---- Detail rules ---- */

static int want_scalar(const ynode *node, const char *name, const char *key,
		       char **out)
{
	if (node->kind != Y_SCALAR)
		return tfms_error_set("%s:%zu: '%s' must be a string", name,
				      node->line, key);
	free(*out);
	*out = tfms_strdup(node->value);
	return 0;
}

static int parse_decision(const ynode *node, const char *name, const char *key,
			  tfms_decision *out)
{
	if (node->kind == Y_SCALAR) {
		if (strcmp(node->value, "auto") == 0) {
			*out = TFMS_DECISION_AUTO;
			return 0;
		}
		if (strcmp(node->value, "manual") == 0) {
			*out = TFMS_DECISION_MANUAL;
			return 0;
		}
		if (strcmp(node->value, "type-only") == 0 &&
		    strcmp(key, "reference") == 0) {
			*out = TFMS_DECISION_TYPE_ONLY;
			return 0;
		}
	}
	return tfms_error_set("%s:%zu: '%s' must be %s", name, node->line, key,
			      strcmp(key, "reference") == 0
				      ? "auto, type-only or manual"
				      : "auto or manual");
}

static int parse_args(detail *d, const ynode *node, const char *name)
{
	tfms_rule *r = &d->rule;
	if (node->kind != Y_MAPPING)
		return tfms_error_set("%s:%zu: 'args' must be a mapping", name,
				      node->line);
	r->args = tfms_calloc(node->n / 2 + 1, sizeof(*r->args));
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const ynode *key = node->items[i], *val = node->items[i + 1];
		tfms_arg_rule *arg = &r->args[r->nargs++];
		arg->tf_param = tfms_strdup(key->value ? key->value : "");
		if (val->kind == Y_SCALAR) {
			if (strcmp(val->value, "drop") == 0) {
				arg->action = TFMS_ARG_DROP;
			} else if (strcmp(val->value, "positional") == 0) {
				arg->ms_param = tfms_strdup(arg->tf_param);
				arg->positional = true;
			} else {
				arg->ms_param = tfms_strdup(
					strcmp(val->value, "keep") == 0
						? arg->tf_param
						: val->value);
			}
			continue;
		}
		if (val->kind != Y_MAPPING)
			return tfms_error_set("%s:%zu: argument '%s' must be "
					      "drop, keep, positional, a new "
					      "name or a mapping",
					      name, val->line, arg->tf_param);
		for (size_t j = 0; j + 1 < val->n; j += 2) {
			const char *k = val->items[j]->value;
			const ynode *v = val->items[j + 1];
			if (!k || v->kind != Y_SCALAR)
				return tfms_error_set(
					"%s:%zu: argument '%s' has a malformed "
					"entry",
					name, v->line, arg->tf_param);
			if (strcmp(k, "to") == 0) {
				free(arg->ms_param);
				arg->ms_param = tfms_strdup(v->value);
			} else if (strcmp(k, "positional") == 0) {
				arg->positional = strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "drop") == 0) {
				if (strcmp(v->value, "true") == 0)
					arg->action = TFMS_ARG_DROP;
			} else if (strcmp(k, "init") == 0) {
				arg->init = strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "only_default") == 0) {
				arg->only_default =
					strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "must_give") == 0) {
				arg->must_give = strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "tuple") == 0) {
				arg->tuple = strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "why") == 0) {
				free(arg->why);
				arg->why = tfms_strdup(v->value);
			} else if (strcmp(k, "default") == 0) {
				free(arg->default_text);
				arg->default_text = tfms_strdup(v->value);
			} else {
				return tfms_error_set(
					"%s:%zu: unknown key '%s' in argument "
					"'%s'",
					name, val->items[j]->line, k,
					arg->tf_param);
			}
		}
		if (arg->action == TFMS_ARG_MAP && !arg->ms_param)
			arg->ms_param = tfms_strdup(arg->tf_param);
	}
	return 0;
}

static int parse_detail(detail *d, const ynode *node, const char *name)
{
	tfms_rule *r = &d->rule;
	r->call = TFMS_DECISION_MANUAL;
	r->reference = TFMS_DECISION_MANUAL;
	if (node->kind != Y_MAPPING)
		return tfms_error_set("%s:%zu: each rule must be a mapping",
				      name, node->line);
	r->has_detail = true;
	r->detail_source = tfms_asprintf("%s:%zu", name, node->line);
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const ynode *k = node->items[i], *v = node->items[i + 1];
		const char *key = k->kind == Y_SCALAR ? k->value : "";
		int rc = 0;
		if (strcmp(key, "api") == 0) {
			char *api = NULL;
			rc = want_scalar(v, name, key, &api);
			if (rc == 0) {
				r->api = tfms_canonical_api(api, strlen(api));
				if (!r->api)
					rc = tfms_error_set(
						"%s:%zu: '%s' is not a "
						"TensorFlow API",
						name, v->line, api);
			}
			free(api);
		} else if (strcmp(key, "exports") == 0) {
			if (v->kind != Y_SEQUENCE)
				return tfms_error_set("%s:%zu: 'exports' must "
						      "be a list",
						      name, v->line);
			r->aliases = tfms_calloc(v->n + 1, sizeof(char *));
			for (size_t j = 0; j < v->n; j++) {
				const char *s = v->items[j]->value;
				char *c = s ? tfms_canonical_api(s, strlen(s))
					    : NULL;
				if (!c)
					return tfms_error_set(
						"%s:%zu: export '%s' is not a "
						"TensorFlow API",
						name, v->items[j]->line,
						s ? s : "");
				r->aliases[r->naliases++] = c;
			}
		} else if (strcmp(key, "ms_api") == 0) {
			rc = want_scalar(v, name, key, &r->ms_api);
			d->has_ms_api = true;
		} else if (strcmp(key, "status") == 0) {
			char *s = NULL;
			rc = want_scalar(v, name, key, &s);
			if (rc == 0 && strcmp(s, "consistent") == 0)
				r->status = TFMS_STATUS_CONSISTENT;
			else if (rc == 0 && strcmp(s, "diff") == 0)
				r->status = TFMS_STATUS_DIFF;
			else if (rc == 0)
				rc = tfms_error_set("%s:%zu: 'status' must be "
						    "consistent or diff",
						    name, v->line);
			free(s);
			d->has_status = true;
		} else if (strcmp(key, "doc_url") == 0) {
			rc = want_scalar(v, name, key, &r->doc_url);
		} else if (strcmp(key, "ms_form") == 0) {
			rc = want_scalar(v, name, key, &r->ms_form);
			if (rc == 0 && strcmp(r->ms_form, "function") != 0 &&
			    strcmp(r->ms_form, "class") != 0 &&
			    strcmp(r->ms_form, "primitive") != 0 &&
			    strcmp(r->ms_form, "cell") != 0)
				rc = tfms_error_set(
					"%s:%zu: 'ms_form' must be function, "
					"class, primitive or cell",
					name, v->line);
		} else if (strcmp(key, "tf_signature") == 0 ||
			   strcmp(key, "ms_signature") == 0 ||
			   strcmp(key, "ms_init_signature") == 0) {
			tfms_signature *sig = key[0] == 't' ? &r->tf_signature
					      : key[3] == 'i'
						      ? &r->ms_init_signature
						      : &r->ms_signature;
			bool *has = key[0] == 't'   ? &r->has_tf_signature
				    : key[3] == 'i' ? &r->has_ms_init_signature
						    : &r->has_ms_signature;
			char *text = NULL;
			rc = want_scalar(v, name, key, &text);
			if (rc == 0 && tfms_signature_parse(sig, text) < 0)
				rc = tfms_error_set("%s:%zu: %s", name, v->line,
						    tfms_error_last());
			*has = rc == 0;
			free(text);
		} else if (strcmp(key, "args") == 0) {
			rc = parse_args(d, v, name);
		} else if (strcmp(key, "call") == 0) {
			rc = parse_decision(v, name, key, &r->call);
		} else if (strcmp(key, "reference") == 0) {
			rc = parse_decision(v, name, key, &r->reference);
		} else if (strcmp(key, "call_reason") == 0) {
			rc = want_scalar(v, name, key, &r->call_reason);
		} else if (strcmp(key, "reference_reason") == 0) {
			rc = want_scalar(v, name, key, &r->reference_reason);
		} else if (strcmp(key, "review") == 0) {
			rc = want_scalar(v, name, key, &r->review);
		} else if (strcmp(key, "note") == 0) {
			rc = want_scalar(v, name, key, &r->note);
		} else {
			rc = tfms_error_set("%s:%zu: unknown key '%s'", name,
					    k->line, key);
		}
		if (rc < 0)
			return rc;
	}
	if (!r->api)
		return tfms_error_set("%s:%zu: rule has no 'api'", name,
				      node->line);
	return 0;
}

/* ---- Module spellings ---- */

static bool is_identifier(const char *s, size_t n)
{
	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

static bool is_dotted(const char *s)
{
	for (const char *dot; (dot = strchr(s, '.')); s = dot + 1)
		if (!is_identifier(s, (size_t)(dot - s)))
			return false;
	return is_identifier(s, strlen(s));
}

static int parse_module(tfms_module_rule *m, const ynode *node,
			const char *name)
{
	if (node->kind != Y_MAPPING)
		return tfms_error_set("%s:%zu: each module must be a mapping",
				      name, node->line);
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const char *key = node->items[i]->value;
		const ynode *val = node->items[i + 1];
		char **field = !key			    ? NULL
			       : strcmp(key, "module") == 0 ? &m->module
			       : strcmp(key, "name") == 0   ? &m->name
							    : NULL;
		if (!field)
			return tfms_error_set("%s:%zu: unknown key '%s' in "
					      "module",
					      name, node->items[i]->line,
					      key ? key : "");
		if (want_scalar(val, name, key, field) < 0)
			return -1;
		if (!(field == &m->module
			      ? is_dotted(*field)
			      : is_identifier(*field, strlen(*field))))
			return tfms_error_set(
				"%s:%zu: '%s' must be a %s, not '%s'", name,
				val->line, key,
				field == &m->module ? "dotted module name"
						    : "Python identifier",
				*field);
	}
	if (!m->module || !m->name)
		return tfms_error_set("%s:%zu: module needs 'module' and "
				      "'name'",
				      name, node->line);
	m->source = tfms_asprintf("%s:%zu", name, node->line);
	return 0;
}

static int load_modules(tfms_ruleset *rs, const ynode *list, const char *name)
{
	if (list->kind != Y_SEQUENCE)
		return tfms_error_set("%s:%zu: 'modules' must be a list", name,
				      list->line);
	for (size_t i = 0; i < list->n; i++) {
		tfms_module_rule m = {NULL, NULL, NULL};
		if (parse_module(&m, list->items[i], name) < 0) {
			free(m.module);
			free(m.name);
			free(m.source);
			return -1;
		}
		tfms_array_push(&rs->modules, m);
	}
	return 0;
}

/* ---- Detail files ---- */

static int load_details(tfms_ruleset *rs, const char *name, const char *data,
			size_t len)
{
	ynode *root = NULL;
	if (yaml_load(&root, name, data, len) < 0)
		return -1;
	int rc = 0;
	const ynode *list = NULL, *modules = NULL;
	if (root && root->kind == Y_MAPPING) {
		list = ymap_get(root, "rules");
		modules = ymap_get(root, "modules");
	}
	if (!root || root->kind != Y_MAPPING || (!list && !modules) ||
	    (list && list->kind != Y_SEQUENCE)) {
		rc = tfms_error_set("%s: expected a mapping with a 'rules' "
				    "list",
				    name);
		goto done;
	}
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const char *key = root->items[i]->value;
		if (!key ||
		    (strcmp(key, "rules") != 0 && strcmp(key, "modules") != 0 &&
		     strcmp(key, "version") != 0)) {
			rc = tfms_error_set("%s:%zu: unknown top-level key "
					    "'%s'",
					    name, root->items[i]->line,
					    key ? key : "");
			goto done;
		}
	}
	if (modules && load_modules(rs, modules, name) < 0) {
		rc = -1;
		goto done;
	}
	for (size_t i = 0; list && i < list->n; i++) {
		detail d;
		memset(&d, 0, sizeof(d));
		if (parse_detail(&d, list->items[i], name) < 0) {
			rule_dispose(&d.rule);
			rc = -1;
			goto done;
		}
		tfms_array_push(&rs->details, d);
	}
done:
	ynode_free(root);
	return rc;
}

/* Tables come as Markdown, or as the plain-text excerpts the community
 * table is often shared in. One pair of tests for a single file and a
 * directory alike. */
static bool is_table_name(const char *name)
{
	return tfms_ends_with(name, ".md") || tfms_ends_with(name, ".txt");
}

static bool is_detail_name(const char *name)
{
	return tfms_ends_with(name, ".yaml") || tfms_ends_with(name, ".yml");
}

int tfms_ruleset_load_buffer(tfms_ruleset *rs, const char *name,
			     const char *data, size_t len)
{
	if (rs->sources.len)
		tfms_buf_puts(&rs->sources, ", ");
	tfms_buf_puts(&rs->sources, name);
	if (is_table_name(name)) {
		tfms_table_row *rows;
		size_t n;
		if (tfms_table_parse(&rows, &n, data, len, name) < 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			tfms_array_push(&rs->rows, rows[i]);
		free(rows);
		return 0;
	}
	if (is_detail_name(name))
		return load_details(rs, name, data, len);
	return tfms_error_set(
		"%s: unknown rule file type (expected .md or .txt "
		"for a table, .yaml or .yml for details)",
		name);
}

int tfms_ruleset_load_path(tfms_ruleset *rs, const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return tfms_error_set("%s: no such rule file or directory",
				      path);
	if (S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		if (!dir)
			return tfms_error_set("%s: cannot open directory",
					      path);
		tfms_array(char *) names = TFMS_ARRAY_INIT;
		struct dirent *ent;
		while ((ent = readdir(dir)) != NULL) {
			if (ent->d_name[0] == '.')
				continue;
			if (is_table_name(ent->d_name) ||
			    is_detail_name(ent->d_name))
				tfms_array_push(&names,
						tfms_strdup(ent->d_name));
		}
		closedir(dir);
		tfms_sort(names.items, names.len, sizeof(char *),
			  tfms_compare_strings);
		int rc = 0;
		size_t loaded = 0;
		for (size_t i = 0; i < names.len; i++) {
			char *full =
				tfms_asprintf("%s/%s", path, names.items[i]);
			/* README.md documents the format; it holds no table. */
			if (rc == 0 &&
			    strcmp(names.items[i], "README.md") != 0) {
				rc = tfms_ruleset_load_path(rs, full);
				loaded++;
			}
			free(full);
			free(names.items[i]);
		}
		tfms_array_free(&names);
		if (rc == 0 && loaded == 0)
			return tfms_error_set("%s: no rule files in directory",
					      path);
		return rc;
	}
	char *data;
	size_t len;
	if (tfms_file_read(&data, &len, path, path, RULE_FILE_LIMIT) < 0)
		return -1;
	int rc = tfms_ruleset_load_buffer(rs, path, data, len);
	free(data);
	return rc;
}

int tfms_ruleset_load_builtin(tfms_ruleset *rs)
{
	for (size_t i = 0; i < tfms_builtin_rule_count; i++) {
		const tfms_builtin_file *f = &tfms_builtin_rules[i];
		char *name = tfms_asprintf("rules/%s", f->name);
		int rc = tfms_ruleset_load_buffer(rs, name, f->data, f->len);
		free(name);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- Joining and checking ---- */

static tfms_rule *find_rule(tfms_ruleset *rs, const char *api)
{
	for (size_t i = 0; i < rs->rules.len; i++)
		if (strcmp(rs->rules.items[i].api, api) == 0)
			return &rs->rules.items[i];
	return NULL;
}

static void take(char **dst, char **src)
{
	if (*src) {
		free(*dst);
		*dst = *src;
		*src = NULL;
	}
}

/* Moves detail fields into rule; the detail is left empty. */
static void merge_detail(tfms_rule *rule, detail *d)
{
	tfms_rule *src = &d->rule;
	if (d->has_ms_api)
		take(&rule->ms_api, &src->ms_api);
	if (d->has_status)
		rule->status = src->status;
	take(&rule->doc_url, &src->doc_url);
	for (size_t i = 0; i < rule->naliases; i++)
		free(rule->aliases[i]);
	free(rule->aliases);
	rule->aliases = src->aliases;
	rule->naliases = src->naliases;
	src->aliases = NULL;
	src->naliases = 0;
	rule->has_detail = true;
	take(&rule->detail_source, &src->detail_source);
	take(&rule->ms_form, &src->ms_form);
	tfms_signature_dispose(&rule->tf_signature);
	tfms_signature_dispose(&rule->ms_signature);
	tfms_signature_dispose(&rule->ms_init_signature);
	rule->tf_signature = src->tf_signature;
	rule->ms_signature = src->ms_signature;
	rule->ms_init_signature = src->ms_init_signature;
	rule->has_tf_signature = src->has_tf_signature;
	rule->has_ms_signature = src->has_ms_signature;
	rule->has_ms_init_signature = src->has_ms_init_signature;
	memset(&src->tf_signature, 0, sizeof(src->tf_signature));
	memset(&src->ms_signature, 0, sizeof(src->ms_signature));
	memset(&src->ms_init_signature, 0, sizeof(src->ms_init_signature));
	rule->args = src->args;
	rule->nargs = src->nargs;
	src->args = NULL;
	src->nargs = 0;
	rule->call = src->call;
	rule->reference = src->reference;
	take(&rule->call_reason, &src->call_reason);
	take(&rule->reference_reason, &src->reference_reason);
	take(&rule->review, &src->review);
	take(&rule->note, &src->note);
}

static const tfms_arg_rule *arg_rule(const tfms_rule *r, const char *param)
{
	for (size_t i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].tf_param, param) == 0)
			return &r->args[i];
	return NULL;
}

/* A rule that automates calls must say, for every TF parameter, what
 * becomes of it, and every MindSpore name it uses must exist. */
static int check_rule(const tfms_rule *r)
{
	const char *where = r->detail_source ? r->detail_source : r->api;
	if (r->call == TFMS_DECISION_AUTO ||
	    r->reference != TFMS_DECISION_MANUAL) {
		if (!r->ms_api)
			return tfms_error_set(
				"%s: rule '%s' converts but names "
				"no MindSpore API",
				where, r->api);
		if (r->status != TFMS_STATUS_CONSISTENT)
			return tfms_error_set("%s: rule '%s' converts, but the "
					      "table does not call the pair "
					      "consistent",
					      where, r->api);
	}
	for (size_t i = 0; i < r->nargs; i++) {
		if (!r->has_tf_signature ||
		    tfms_signature_find(&r->tf_signature, r->args[i].tf_param) <
			    0)
			return tfms_error_set("%s: rule '%s' maps argument "
					      "'%s', which the TF signature "
					      "lacks",
					      where, r->api,
					      r->args[i].tf_param);
	}
	if (r->call != TFMS_DECISION_AUTO)
		return 0;
	if (!r->has_tf_signature || !r->has_ms_signature)
		return tfms_error_set("%s: rule '%s' converts calls but lacks "
				      "tf_signature or ms_signature",
				      where, r->api);
	bool primitive = r->ms_form && strcmp(r->ms_form, "primitive") == 0;
	if (primitive != r->has_ms_init_signature)
		return tfms_error_set("%s: rule '%s': a primitive needs "
				      "ms_init_signature, and only a primitive "
				      "has one",
				      where, r->api);
	for (size_t i = 0; i < r->tf_signature.nparams; i++) {
		const tfms_param *p = &r->tf_signature.params[i];
		const tfms_arg_rule *a = arg_rule(r, p->name);
		const char *target = a ? a->ms_param : p->name;
		if (a && (a->action == TFMS_ARG_DROP || a->only_default))
			continue;
		const tfms_signature *sig =
			a && a->init ? &r->ms_init_signature : &r->ms_signature;
		if (tfms_signature_find(sig, target) < 0)
			return tfms_error_set(
				"%s: rule '%s': TF argument '%s' maps to '%s', "
				"which the MindSpore %s signature lacks",
				where, r->api, p->name, target,
				a && a->init ? "constructor" : "call");
	}
	return 0;
}

static int compare_index(const void *a, const void *b)
{
	return strcmp(((const struct index_entry *)a)->name,
		      ((const struct index_entry *)b)->name);
}

int tfms_ruleset_finalize(tfms_ruleset *rs)
{
	if (rs->finalized)
		return 0;
	rs->finalized = true;
	for (size_t i = 0; i < rs->rows.len; i++) {
		tfms_table_row *row = &rs->rows.items[i];
		tfms_rule *r = find_rule(rs, row->tf_api);
		if (!r) {
			r = tfms_array_add(&rs->rules);
			r->api = tfms_strdup(row->tf_api);
		}
		/* A later table row replaces an earlier one. */
		free(r->ms_api);
		free(r->doc_url);
		free(r->description);
		free(r->table_source);
		r->ms_api = tfms_strdup(row->ms_api);
		r->doc_url = row->doc_url ? tfms_strdup(row->doc_url) : NULL;
		r->description = tfms_strdup(row->description);
		r->table_source = tfms_strdup(row->source);
		r->status = row->status;
		r->in_table = true;
		r->call = r->reference = TFMS_DECISION_MANUAL;
	}
	for (size_t i = 0; i < rs->details.len; i++) {
		detail *d = &rs->details.items[i];
		tfms_rule *r = find_rule(rs, d->rule.api);
		if (!r) {
			/* Details of rows from a table that was not loaded
			 * (the seed excerpt with the full detail file) do not
			 * apply; without any table they are a mistake. */
			if ((!d->has_ms_api || !d->has_status) && rs->rows.len)
				continue;
			if (!d->has_ms_api || !d->has_status)
				return tfms_error_set(
					"%s: rule '%s' has no table row, so it "
					"must give ms_api and status",
					d->rule.detail_source, d->rule.api);
			r = tfms_array_add(&rs->rules);
			r->api = tfms_strdup(d->rule.api);
		}
		merge_detail(r, d);
	}
	for (size_t i = 0; i < rs->rules.len; i++)
		if (check_rule(&rs->rules.items[i]) < 0)
			return -1;

	size_t n = 0;
	for (size_t i = 0; i < rs->rules.len; i++)
		n += 1 + rs->rules.items[i].naliases;
	rs->index = tfms_calloc(n, sizeof(*rs->index));
	for (size_t i = 0; i < rs->rules.len; i++) {
		const tfms_rule *r = &rs->rules.items[i];
		rs->index[rs->nindex++] = (struct index_entry){r->api, i};
		for (size_t j = 0; j < r->naliases; j++)
			rs->index[rs->nindex++] =
				(struct index_entry){r->aliases[j], i};
	}
	tfms_sort(rs->index, rs->nindex, sizeof(*rs->index), compare_index);
	for (size_t i = 1; i < rs->nindex; i++)
		if (strcmp(rs->index[i - 1].name, rs->index[i].name) == 0 &&
		    rs->index[i - 1].rule != rs->index[i].rule)
			return tfms_error_set(
				"rules '%s' and '%s' both claim '%s'",
				rs->rules.items[rs->index[i - 1].rule].api,
				rs->rules.items[rs->index[i].rule].api,
				rs->index[i].name);
	return 0;
}

const tfms_rule *tfms_ruleset_find(const tfms_ruleset *rs, const char *api)
{
	struct index_entry key = {api, 0};
	const struct index_entry *hit = bsearch(
		&key, rs->index, rs->nindex, sizeof(*rs->index), compare_index);
	return hit ? &rs->rules.items[hit->rule] : NULL;
}

size_t tfms_ruleset_count(const tfms_ruleset *rs)
{
	return rs->rules.len;
}

const tfms_rule *tfms_ruleset_at(const tfms_ruleset *rs, size_t i)
{
	return i < rs->rules.len ? &rs->rules.items[i] : NULL;
}

const char *tfms_ruleset_sources(const tfms_ruleset *rs)
{
	return rs->sources.ptr;
}

const tfms_module_rule *tfms_ruleset_module(const tfms_ruleset *rs,
					    const char *module)
{
	/* A later definition replaces an earlier one. */
	for (size_t i = rs->modules.len; i-- > 0;)
		if (strcmp(rs->modules.items[i].module, module) == 0)
			return &rs->modules.items[i];
	return NULL;
}
