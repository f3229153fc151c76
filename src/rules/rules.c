#include "tfms/rules.h"
#include "tfms/alloc.h"
#include "tfms/apiname.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/fileio.h"
#include "tfms/hints.h"
#include "tfms/text.h"
#include "tfms/yaml.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	tfms_hints *hints;		     /* hints.c */
	bool loading_builtin, builtin_hints; /* hints.c */
	char *ms_version;   /* asked for, or NULL: the newest known */
	int newest;	    /* settings: newest_release, or 0 */
	char *docs_release; /* settings: docs_release, or NULL */
	char *diff_url;	    /* settings: diff_url pattern, or NULL */
	char *version_text; /* in effect after finalize */
	tfms_buf warnings;
};

void tfms_ruleset_new(tfms_ruleset **out)
{
	tfms_ruleset *rs = tfms_calloc(1, sizeof(*rs));
	tfms_buf_init(&rs->sources);
	tfms_hints_new(&rs->hints);
	tfms_buf_init(&rs->warnings);
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
		free(r->args[i].default_from);
		for (size_t k = 0; k < r->args[i].ndtype_from; k++)
			free(r->args[i].dtype_from[k]);
		free(r->args[i].dtype_from);
		free(r->args[i].check);
		for (size_t k = 0; k < r->args[i].nfloat_from; k++)
			free(r->args[i].float_from[k]);
		free(r->args[i].float_from);
		for (size_t k = 0; k < r->args[i].nvalues; k++) {
			free(r->args[i].values[k].from);
			free(r->args[i].values[k].to);
		}
		free(r->args[i].values);
	}
	free(r->args);
	for (size_t i = 0; i < r->nextra; i++) {
		free(r->extra[i].ms_param);
		free(r->extra[i].text);
	}
	free(r->extra);
	for (size_t i = 0; i < r->nwhen_params; i++)
		free(r->when_params[i]);
	free(r->when_params);
	free(r->when_text);
	free(r->releases);
	free(r->result);
	free(r->doc_page);
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
	tfms_hints_free(rs->hints);
	tfms_buf_dispose(&rs->warnings);
	free(rs->ms_version);
	free(rs->docs_release);
	free(rs->diff_url);
	free(rs->version_text);
	free(rs);
}

/* "2.3" -> 203; -1 when malformed. */
static int parse_release(const char *s, size_t n)
{
	int major = 0, minor = 0, digits = 0;
	size_t i = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		major = major * 10 + (s[i] - '0');
	if (!digits || digits > 2 || i >= n || s[i] != '.')
		return -1;
	digits = 0;
	for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		minor = minor * 10 + (s[i] - '0');
	if (!digits || digits > 2 || i != n)
		return -1;
	return major * 100 + minor;
}

/* "2.0-2.3", "2.4-", "2.2": a range of releases. */
static int parse_releases(const char *text, int *min, int *max)
{
	const char *dash = strchr(text, '-');
	if (!dash) {
		*min = *max = parse_release(text, strlen(text));
		return *min < 0 ? -1 : 0;
	}
	*min = parse_release(text, (size_t)(dash - text));
	*max = dash[1] ? parse_release(dash + 1, strlen(dash + 1)) : -1;
	if (*min < 0 || (dash[1] && *max < 0) || (*max >= 0 && *max < *min))
		return -1;
	return 0;
}

/* Rule texts name MindSpore objects as written (mindspore.float32); the
 * planner respells them the way the file imports MindSpore, so they are
 * marked \x01name\x02 here. */
static char *mark_ms_names(const char *text)
{
	tfms_buf out = TFMS_BUF_INIT;
	const char *p = text;
	while (*p) {
		bool word_start =
			p == text ||
			!(((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z') ||
			  (p[-1] >= '0' && p[-1] <= '9') || p[-1] == '_' ||
			  p[-1] == '.');
		if (word_start && strncmp(p, "mindspore", 9) == 0) {
			const char *e = p + 9;
			while (*e == '.' || *e == '_' ||
			       ((*e | 32) >= 'a' && (*e | 32) <= 'z') ||
			       (*e >= '0' && *e <= '9'))
				e++;
			while (e > p + 9 && e[-1] == '.')
				e--;
			tfms_buf_putc(&out, '\x01');
			tfms_buf_put(&out, p, (size_t)(e - p));
			tfms_buf_putc(&out, '\x02');
			p = e;
			continue;
		}
		tfms_buf_putc(&out, *p++);
	}
	return tfms_buf_detach(&out, NULL);
}

/* ---- Detail rules ---- */

static int want_scalar(const tfms_yaml_node *node, const char *name,
		       const char *key, char **out)
{
	if (node->kind != TFMS_YAML_SCALAR)
		return tfms_error_set("%s:%zu: '%s' must be a string", name,
				      node->line, key);
	free(*out);
	*out = tfms_strdup(node->value);
	return 0;
}

static int parse_decision(const tfms_yaml_node *node, const char *name,
			  const char *key, tfms_decision *out)
{
	if (node->kind == TFMS_YAML_SCALAR) {
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

static int bad_value(const char *name, const tfms_yaml_node *v, const char *key,
		     const char *allowed)
{
	return tfms_error_set("%s:%zu: '%s' must be %s, not '%s'", name,
			      v->line, key, allowed, v->value ? v->value : "");
}

static int parse_value_map(tfms_arg_rule *arg, const tfms_yaml_node *v,
			   const char *name)
{
	if (v->kind != TFMS_YAML_MAPPING || v->n == 0)
		return tfms_error_set("%s:%zu: 'value_map' of argument '%s' "
				      "must be a non-empty mapping",
				      name, v->line, arg->tf_param);
	arg->values = tfms_calloc(v->n / 2 + 1, sizeof(*arg->values));
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		if (v->items[i]->kind != TFMS_YAML_SCALAR ||
		    v->items[i + 1]->kind != TFMS_YAML_SCALAR)
			return tfms_error_set("%s:%zu: 'value_map' entries "
					      "must be strings",
					      name, v->items[i]->line);
		tfms_value_map *m = &arg->values[arg->nvalues++];
		m->from = tfms_strdup(v->items[i]->value);
		m->to = mark_ms_names(v->items[i + 1]->value);
	}
	return 0;
}

static int parse_extra_args(tfms_rule *r, const tfms_yaml_node *node,
			    const char *name)
{
	if (node->kind != TFMS_YAML_MAPPING)
		return tfms_error_set("%s:%zu: 'extra_args' must be a mapping",
				      name, node->line);
	r->extra = tfms_calloc(node->n / 2 + 1, sizeof(*r->extra));
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const tfms_yaml_node *key = node->items[i],
				     *val = node->items[i + 1];
		tfms_extra_arg *e = &r->extra[r->nextra++];
		e->ms_param = tfms_strdup(key->value ? key->value : "");
		if (val->kind == TFMS_YAML_SCALAR) {
			e->text = mark_ms_names(val->value);
			continue;
		}
		for (size_t j = 0;
		     val->kind == TFMS_YAML_MAPPING && j + 1 < val->n; j += 2) {
			const char *k = val->items[j]->value;
			const tfms_yaml_node *v = val->items[j + 1];
			if (k && strcmp(k, "text") == 0 &&
			    v->kind == TFMS_YAML_SCALAR) {
				free(e->text);
				e->text = mark_ms_names(v->value);
			} else if (k && strcmp(k, "positional") == 0 &&
				   v->kind == TFMS_YAML_SCALAR) {
				e->positional = strcmp(v->value, "true") == 0;
			} else {
				return tfms_error_set(
					"%s:%zu: unknown key '%s' in extra "
					"argument '%s'",
					name, val->items[j]->line, k ? k : "",
					e->ms_param);
			}
		}
		if (!e->text)
			return tfms_error_set("%s:%zu: extra argument '%s' "
					      "needs a 'text'",
					      name, val->line, e->ms_param);
	}
	return 0;
}

/* when: {literal: {PARAM: int|list}} | {given: [P, ...]} |
 * {absent: [P, ...]} */
static int parse_when(tfms_rule *r, const tfms_yaml_node *node,
		      const char *name)
{
	if (node->kind != TFMS_YAML_MAPPING || node->n != 2)
		goto bad;
	const char *k = node->items[0]->value;
	const tfms_yaml_node *v = node->items[1];
	if (!k)
		goto bad;
	if (strcmp(k, "literal") == 0) {
		if (v->kind != TFMS_YAML_MAPPING || v->n != 2 ||
		    v->items[1]->kind != TFMS_YAML_SCALAR)
			goto bad;
		const char *kind = v->items[1]->value;
		if (strcmp(kind, "int") == 0)
			r->when = TFMS_WHEN_INT_LITERAL;
		else if (strcmp(kind, "list") == 0)
			r->when = TFMS_WHEN_LIST_LITERAL;
		else
			goto bad;
		r->when_params = tfms_calloc(2, sizeof(char *));
		r->when_params[r->nwhen_params++] = tfms_strdup(
			v->items[0]->value ? v->items[0]->value : "");
		r->when_text = tfms_asprintf(
			"%s is a%s literal", r->when_params[0],
			r->when == TFMS_WHEN_INT_LITERAL ? "n int"
							 : " list or tuple");
		return 0;
	}
	if (strcmp(k, "given") != 0 && strcmp(k, "absent") != 0)
		goto bad;
	if (v->kind != TFMS_YAML_SEQUENCE || v->n == 0)
		goto bad;
	r->when = k[0] == 'g' ? TFMS_WHEN_GIVEN : TFMS_WHEN_ABSENT;
	r->when_params = tfms_calloc(v->n + 1, sizeof(char *));
	tfms_buf text = TFMS_BUF_INIT;
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->kind != TFMS_YAML_SCALAR) {
			tfms_buf_dispose(&text);
			goto bad;
		}
		r->when_params[r->nwhen_params++] =
			tfms_strdup(v->items[i]->value);
		tfms_buf_printf(&text, "%s%s", i ? ", " : "",
				v->items[i]->value);
	}
	tfms_buf_puts(&text, k[0] == 'g' ? " given" : " not given");
	r->when_text = tfms_buf_detach(&text, NULL);
	return 0;
bad:
	return tfms_error_set("%s:%zu: 'when' must be {literal: {PARAM: int "
			      "or list}}, {given: [PARAMS]} or {absent: "
			      "[PARAMS]}",
			      name, node->line);
}

/* float_from: a list of TF APIs, made canonical as `api` is. */
static int parse_float_from(tfms_arg_rule *arg, const tfms_yaml_node *v,
			    const char *name)
{
	if (v->kind != TFMS_YAML_SEQUENCE || v->n == 0 || arg->float_from)
		return tfms_error_set("%s:%zu: 'float_from' of argument '%s' "
				      "must be one non-empty list of TF APIs",
				      name, v->line, arg->tf_param);
	arg->float_from = tfms_calloc(v->n + 1, sizeof(char *));
	for (size_t j = 0; j < v->n; j++) {
		const char *s = v->items[j]->value;
		char *c = s ? tfms_canonical_api(s, strlen(s)) : NULL;
		if (!c)
			return tfms_error_set("%s:%zu: '%s' in 'float_from' is "
					      "not a TensorFlow API",
					      name, v->items[j]->line,
					      s ? s : "");
		arg->float_from[arg->nfloat_from++] = c;
	}
	return 0;
}

/* dtype_from: one TF parameter, or a list of them. */
static int parse_dtype_from(tfms_arg_rule *arg, const tfms_yaml_node *v,
			    const char *name)
{
	bool list = v->kind == TFMS_YAML_SEQUENCE;
	size_t n = list ? v->n : 1;
	if (arg->dtype_from || n == 0 ||
	    (!list && (v->kind != TFMS_YAML_SCALAR || !v->value)))
		return tfms_error_set("%s:%zu: 'dtype_from' of argument '%s' "
				      "must be one parameter or one "
				      "non-empty list of them",
				      name, v->line, arg->tf_param);
	arg->dtype_from = tfms_calloc(n + 1, sizeof(char *));
	for (size_t j = 0; j < n; j++) {
		const tfms_yaml_node *e = list ? v->items[j] : v;
		if (e->kind != TFMS_YAML_SCALAR || !e->value)
			return tfms_error_set("%s:%zu: 'dtype_from' of "
					      "argument '%s' must name "
					      "parameters",
					      name, e->line, arg->tf_param);
		arg->dtype_from[arg->ndtype_from++] = tfms_strdup(e->value);
	}
	return 0;
}

static int parse_args(detail *d, const tfms_yaml_node *node, const char *name)
{
	tfms_rule *r = &d->rule;
	if (node->kind != TFMS_YAML_MAPPING)
		return tfms_error_set("%s:%zu: 'args' must be a mapping", name,
				      node->line);
	r->args = tfms_calloc(node->n / 2 + 1, sizeof(*r->args));
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const tfms_yaml_node *key = node->items[i],
				     *val = node->items[i + 1];
		tfms_arg_rule *arg = &r->args[r->nargs++];
		arg->tf_param = tfms_strdup(key->value ? key->value : "");
		if (val->kind == TFMS_YAML_SCALAR) {
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
		if (val->kind != TFMS_YAML_MAPPING)
			return tfms_error_set("%s:%zu: argument '%s' must be "
					      "drop, keep, positional, a new "
					      "name or a mapping",
					      name, val->line, arg->tf_param);
		for (size_t j = 0; j + 1 < val->n; j += 2) {
			const char *k = val->items[j]->value;
			const tfms_yaml_node *v = val->items[j + 1];
			if (k && strcmp(k, "value_map") == 0) {
				if (parse_value_map(arg, v, name) < 0)
					return -1;
				continue;
			}
			if (k && strcmp(k, "float_from") == 0) {
				if (parse_float_from(arg, v, name) < 0)
					return -1;
				continue;
			}
			if (k && strcmp(k, "dtype_from") == 0) {
				if (parse_dtype_from(arg, v, name) < 0)
					return -1;
				continue;
			}
			if (!k || v->kind != TFMS_YAML_SCALAR)
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
			} else if (strcmp(k, "no_string") == 0) {
				arg->no_string = strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "tensors") == 0) {
				arg->tensors = strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "nonempty") == 0) {
				arg->nonempty = strcmp(v->value, "true") == 0;
			} else if (strcmp(k, "check") == 0) {
				free(arg->check);
				arg->check = tfms_strdup(v->value);
			} else if (strcmp(k, "tuple") == 0) {
				arg->tuple_mode =
					strcmp(v->value, "true") == 0
						? TFMS_TUPLE_STRICT
					: strcmp(v->value, "or-int") == 0
						? TFMS_TUPLE_OR_INT
					: strcmp(v->value, "sizes") == 0
						? TFMS_TUPLE_SIZES
					: strcmp(v->value, "false") == 0
						? TFMS_TUPLE_NONE
						: (tfms_tuple_mode)-1;
				if ((int)arg->tuple_mode < 0)
					return bad_value(name, v, "tuple",
							 "true, false, "
							 "or-int or sizes");
				arg->tuple = arg->tuple_mode != TFMS_TUPLE_NONE;
			} else if (strcmp(k, "tensor") == 0) {
				arg->tensor = strcmp(v->value, "true") == 0
						      ? TFMS_TENSOR_WRAP
					      : strcmp(v->value, "scalar") == 0
						      ? TFMS_TENSOR_SCALAR
					      : strcmp(v->value, "float32") == 0
						      ? TFMS_TENSOR_FLOAT32
					      : strcmp(v->value, "false") == 0
						      ? TFMS_TENSOR_ANY
						      : (tfms_tensor_mode)-1;
				if ((int)arg->tensor < 0)
					return bad_value(name, v, "tensor",
							 "true, false, "
							 "scalar or float32");
			} else if (strcmp(k, "int") == 0) {
				arg->int_mode =
					strcmp(v->value, "true") == 0
						? TFMS_INT_ANY
					: strcmp(v->value, "nonnegative") == 0
						? TFMS_INT_NONNEG
					: strcmp(v->value, "false") == 0
						? TFMS_INT_NONE
						: (tfms_int_mode)-1;
				if ((int)arg->int_mode < 0)
					return bad_value(name, v, "int",
							 "true, false or "
							 "nonnegative");
			} else if (strcmp(k, "default_from") == 0) {
				free(arg->default_from);
				arg->default_from = tfms_strdup(v->value);
			} else if (strcmp(k, "why") == 0) {
				free(arg->why);
				arg->why = tfms_strdup(v->value);
			} else if (strcmp(k, "default") == 0) {
				free(arg->default_text);
				arg->default_text = mark_ms_names(v->value);
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

static int parse_detail(detail *d, const tfms_yaml_node *node, const char *name)
{
	tfms_rule *r = &d->rule;
	r->call = TFMS_DECISION_MANUAL;
	r->reference = TFMS_DECISION_MANUAL;
	r->release_max = -1;
	if (node->kind != TFMS_YAML_MAPPING)
		return tfms_error_set("%s:%zu: each rule must be a mapping",
				      name, node->line);
	r->has_detail = true;
	r->detail_source = tfms_asprintf("%s:%zu", name, node->line);
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const tfms_yaml_node *k = node->items[i],
				     *v = node->items[i + 1];
		const char *key = k->kind == TFMS_YAML_SCALAR ? k->value : "";
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
			if (v->kind != TFMS_YAML_SEQUENCE)
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
			    strcmp(r->ms_form, "cell") != 0 &&
			    strcmp(r->ms_form, "dtype") != 0)
				rc = tfms_error_set(
					"%s:%zu: 'ms_form' must be function, "
					"class, primitive, cell or dtype",
					name, v->line);
		} else if (strcmp(key, "releases") == 0) {
			rc = want_scalar(v, name, key, &r->releases);
			if (rc == 0 &&
			    parse_releases(r->releases, &r->release_min,
					   &r->release_max) < 0)
				rc = tfms_error_set(
					"%s:%zu: 'releases' must look like "
					"\"2.0-2.3\", \"2.4-\" or \"2.2\", not "
					"'%s'",
					name, v->line, r->releases);
		} else if (strcmp(key, "extra_args") == 0) {
			rc = parse_extra_args(r, v, name);
		} else if (strcmp(key, "when") == 0) {
			rc = parse_when(r, v, name);
		} else if (strcmp(key, "result") == 0) {
			rc = want_scalar(v, name, key, &r->result);
		} else if (strcmp(key, "doc_page") == 0) {
			rc = want_scalar(v, name, key, &r->doc_page);
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

static int parse_module(tfms_module_rule *m, const tfms_yaml_node *node,
			const char *name)
{
	if (node->kind != TFMS_YAML_MAPPING)
		return tfms_error_set("%s:%zu: each module must be a mapping",
				      name, node->line);
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const char *key = node->items[i]->value;
		const tfms_yaml_node *val = node->items[i + 1];
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
		/* A dotted name must be the module itself (checked below). */
		if (!is_dotted(*field))
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
	/* `name: absl.flags` for module absl.flags: imported as `import
	 * absl.flags` and spelled in full. */
	if (strchr(m->name, '.') && strcmp(m->name, m->module) != 0)
		return tfms_error_set("%s:%zu: a dotted 'name' must be the "
				      "module itself, not '%s'",
				      name, node->line, m->name);
	m->source = tfms_asprintf("%s:%zu", name, node->line);
	return 0;
}

static int load_modules(tfms_ruleset *rs, const tfms_yaml_node *list,
			const char *name)
{
	if (list->kind != TFMS_YAML_SEQUENCE)
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

/* settings: {newest_release: "2.7", docs_release: r2.1,
 *            diff_url: "https://.../{release}/.../{page}.html"} */
static int load_settings(tfms_ruleset *rs, const tfms_yaml_node *node,
			 const char *name)
{
	if (node->kind != TFMS_YAML_MAPPING)
		return tfms_error_set("%s:%zu: 'settings' must be a mapping",
				      name, node->line);
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const char *key = node->items[i]->value;
		const tfms_yaml_node *v = node->items[i + 1];
		char *text = NULL;
		if (!key || want_scalar(v, name, key, &text) < 0)
			return tfms_error_set("%s:%zu: settings need string "
					      "values",
					      name, v->line);
		if (strcmp(key, "newest_release") == 0) {
			rs->newest = parse_release(text, strlen(text));
			free(text);
			if (rs->newest < 0)
				return tfms_error_set(
					"%s:%zu: 'newest_release' must look "
					"like \"2.7\"",
					name, v->line);
		} else if (strcmp(key, "docs_release") == 0) {
			free(rs->docs_release);
			rs->docs_release = text;
		} else if (strcmp(key, "diff_url") == 0) {
			if (!strstr(text, "{page}")) {
				free(text);
				return tfms_error_set("%s:%zu: 'diff_url' must "
						      "contain {page}",
						      name, v->line);
			}
			free(rs->diff_url);
			rs->diff_url = text;
		} else {
			free(text);
			return tfms_error_set("%s:%zu: unknown setting '%s'",
					      name, node->items[i]->line, key);
		}
	}
	return 0;
}

/* ---- Detail files ---- */

static int load_details(tfms_ruleset *rs, const char *name, const char *data,
			size_t len)
{
	tfms_yaml_node *root = NULL;
	if (tfms_yaml_load(&root, name, data, len) < 0)
		return -1;
	int rc = 0;
	const tfms_yaml_node *list = NULL, *modules = NULL, *settings = NULL;
	if (root && root->kind == TFMS_YAML_MAPPING) {
		list = tfms_yaml_get(root, "rules");
		modules = tfms_yaml_get(root, "modules");
		settings = tfms_yaml_get(root, "settings");
	}
	if (settings && load_settings(rs, settings, name) < 0) {
		rc = -1;
		goto done;
	}
	if (!root || root->kind != TFMS_YAML_MAPPING ||
	    (!list && !modules && !settings) ||
	    (list && list->kind != TFMS_YAML_SEQUENCE)) {
		rc = tfms_error_set("%s: expected a mapping with a 'rules' "
				    "list",
				    name);
		goto done;
	}
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const char *key = root->items[i]->value;
		if (!key ||
		    (strcmp(key, "rules") != 0 && strcmp(key, "modules") != 0 &&
		     strcmp(key, "settings") != 0 &&
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
	tfms_yaml_free(root);
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

/* Hint files (hints.h) go on top of the built-in hints, which are loaded
 * first (and, when no file brings hints, at finalize). */
static int load_builtin_hints(tfms_ruleset *rs)
{
	rs->builtin_hints = true;
	for (size_t i = 0; i < tfms_builtin_rule_count; i++) {
		const tfms_builtin_file *f = &tfms_builtin_rules[i];
		char *name = tfms_asprintf("rules/%s", f->name);
		int rc = is_detail_name(name)
				 ? tfms_hints_load_buffer(rs->hints, name,
							  f->data, f->len)
				 : 1;
		free(name);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Returns 1 when data is not a hint file. */
static int load_hints(tfms_ruleset *rs, const char *name, const char *data,
		      size_t len)
{
	if (rs->loading_builtin)
		rs->builtin_hints = true;
	else if (!rs->builtin_hints && load_builtin_hints(rs) < 0)
		return -1;
	return tfms_hints_load_buffer(rs->hints, name, data, len);
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
	if (is_detail_name(name)) {
		int rc = load_hints(rs, name, data, len);
		return rc == 1 ? load_details(rs, name, data, len) : rc;
	}
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
	rs->loading_builtin = true;
	for (size_t i = 0; i < tfms_builtin_rule_count; i++) {
		const tfms_builtin_file *f = &tfms_builtin_rules[i];
		char *name = tfms_asprintf("rules/%s", f->name);
		int rc = tfms_ruleset_load_buffer(rs, name, f->data, f->len);
		free(name);
		if (rc < 0) {
			rs->loading_builtin = false;
			return rc;
		}
	}
	rs->loading_builtin = false;
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

/* Moves the detail into rule, which keeps what only its table row says
 * (and the table's MindSpore API and status unless the detail gives its
 * own); an earlier detail of rule is replaced. The detail is left empty. */
static void merge_detail(tfms_rule *rule, detail *d)
{
	tfms_rule keep = *rule;
	*rule = d->rule;
	memset(&d->rule, 0, sizeof(d->rule));
	rule->in_table = keep.in_table;
	rule->description = keep.description;
	keep.description = NULL;
	rule->table_source = keep.table_source;
	keep.table_source = NULL;
	rule->project = d->has_ms_api;
	if (!d->has_ms_api) {
		rule->ms_api = keep.ms_api;
		keep.ms_api = NULL;
	}
	if (!d->has_status)
		rule->status = keep.status;
	if (!rule->doc_url) {
		rule->doc_url = keep.doc_url;
		keep.doc_url = NULL;
	}
	rule_dispose(&keep);
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
	for (size_t i = 0; i < r->nargs; i++)
		if (r->args[i].default_from &&
		    tfms_signature_find(&r->tf_signature,
					r->args[i].default_from) < 0)
			return tfms_error_set("%s: rule '%s': argument '%s' "
					      "takes its default from '%s', "
					      "which the TF signature lacks",
					      where, r->api,
					      r->args[i].tf_param,
					      r->args[i].default_from);
	for (size_t i = 0; i < r->nargs; i++)
		for (size_t k = 0; k < r->args[i].ndtype_from; k++)
			if (tfms_signature_find(&r->tf_signature,
						r->args[i].dtype_from[k]) < 0)
				return tfms_error_set(
					"%s: rule '%s': argument '%s' takes "
					"its dtype from '%s', which the TF "
					"signature lacks",
					where, r->api, r->args[i].tf_param,
					r->args[i].dtype_from[k]);
	for (size_t i = 0; i < r->nwhen_params; i++)
		if (!r->has_tf_signature ||
		    tfms_signature_find(&r->tf_signature, r->when_params[i]) <
			    0)
			return tfms_error_set("%s: rule '%s': 'when' names "
					      "'%s', which the TF signature "
					      "lacks",
					      where, r->api, r->when_params[i]);
	for (size_t i = 0; i < r->nextra; i++)
		if (!r->has_ms_signature ||
		    tfms_signature_find(&r->ms_signature,
					r->extra[i].ms_param) < 0)
			return tfms_error_set("%s: rule '%s': extra argument "
					      "'%s' is not a parameter of the "
					      "MindSpore signature",
					      where, r->api,
					      r->extra[i].ms_param);
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

static bool converts(const tfms_rule *r)
{
	return r->call == TFMS_DECISION_AUTO ||
	       r->reference != TFMS_DECISION_MANUAL;
}

static bool same_file(const char *a, const char *b)
{
	const char *ca = a ? strrchr(a, ':') : NULL;
	const char *cb = b ? strrchr(b, ':') : NULL;
	return ca && cb && ca - a == cb - b &&
	       strncmp(a, b, (size_t)(ca - a)) == 0;
}

/* The release in effect: the one asked for, or the newest the rules know
 * (settings, else the highest bound a rule names); 0 when nothing says. */
static int choose_version(tfms_ruleset *rs)
{
	int newest = rs->newest;
	if (!newest)
		for (size_t i = 0; i < rs->details.len; i++) {
			const tfms_rule *r = &rs->details.items[i].rule;
			if (r->release_min > newest)
				newest = r->release_min;
			if (r->release_max > newest)
				newest = r->release_max;
		}
	int v = newest;
	if (rs->ms_version) {
		v = parse_release(rs->ms_version, strlen(rs->ms_version));
		if (v < 0)
			return tfms_error_set(
				"--mindspore-version: '%s' is not "
				"a release (expected X.Y, e.g. "
				"2.3)",
				rs->ms_version);
		if (newest && (v < 200 || v > newest))
			return tfms_error_set(
				"--mindspore-version: MindSpore %s is not a "
				"release the rules know (2.0 to %d.%d)",
				rs->ms_version, newest / 100, newest % 100);
	}
	free(rs->version_text);
	rs->version_text =
		v ? tfms_asprintf("%d.%d", v / 100, v % 100) : tfms_strdup("");
	return v;
}

static bool in_range(const tfms_rule *r, int v)
{
	return v == 0 || (v >= r->release_min &&
			  (r->release_max < 0 || v <= r->release_max));
}

/* Difference-page links follow the settings' pattern for the docs release
 * that still has the pages; a rule's doc_page names a page that moved
 * ("none": it was removed and has no successor). */
static void relink(const tfms_ruleset *rs, tfms_rule *r)
{
	if (!rs->diff_url)
		return;
	char *page = NULL;
	if (r->doc_page) {
		if (strcmp(r->doc_page, "none") == 0) {
			free(r->doc_url);
			r->doc_url = NULL;
			return;
		}
		page = tfms_strdup(r->doc_page);
	} else if (r->doc_url) {
		const char *p = strstr(r->doc_url, "/api_mapping/");
		if (!p)
			return;
		p += strlen("/api_mapping/");
		const char *e = strstr(p, ".html");
		page = tfms_strndup(p, e ? (size_t)(e - p) : strlen(p));
	} else {
		return;
	}
	tfms_buf url = TFMS_BUF_INIT;
	for (const char *p = rs->diff_url; *p;) {
		if (strncmp(p, "{page}", 6) == 0) {
			tfms_buf_puts(&url, page);
			p += 6;
		} else if (strncmp(p, "{release}", 9) == 0) {
			tfms_buf_puts(&url,
				      rs->docs_release ? rs->docs_release : "");
			p += 9;
		} else {
			tfms_buf_putc(&url, *p++);
		}
	}
	free(page);
	free(r->doc_url);
	r->doc_url = tfms_buf_detach(&url, NULL);
}

/* Step 1: every table row becomes a rule (manual until a detail rule says
 * how it translates); a later row replaces an earlier one. */
static void join_table_rows(tfms_ruleset *rs)
{
	for (size_t i = 0; i < rs->rows.len; i++) {
		tfms_table_row *row = &rs->rows.items[i];
		tfms_rule *r = find_rule(rs, row->tf_api);
		if (!r) {
			r = tfms_array_add(&rs->rules);
			r->api = tfms_strdup(row->tf_api);
			r->release_max = -1;
		}
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
}

/* What joining the detail rules found beside the rules themselves. */
typedef struct {
	tfms_buf overridden; /* APIs a table's diff verdict took over */
	size_t noverridden;
	/* rules picked by `when`: pairs (primary, alternative) */
	tfms_array(size_t) alts;
} join_state;

/* A second detail rule for the same API in the same file: an alternative
 * picked by its `when`. */
static int add_alternative(tfms_ruleset *rs, join_state *js, tfms_rule *r,
			   detail *d)
{
	if (r->when == TFMS_WHEN_ALWAYS || d->rule.when == TFMS_WHEN_ALWAYS)
		return tfms_error_set("%s: rule '%s' applies to MindSpore %s "
				      "like the rule at %s: give them "
				      "disjoint 'releases' or a 'when' each",
				      d->rule.detail_source, d->rule.api,
				      rs->version_text, r->detail_source);
	size_t primary = (size_t)(r - rs->rules.items);
	tfms_rule *alt = tfms_array_add(&rs->rules);
	r = &rs->rules.items[primary];
	alt->api = tfms_strdup(d->rule.api);
	alt->in_table = r->in_table;
	alt->status = r->status;
	alt->ms_api = r->ms_api ? tfms_strdup(r->ms_api) : NULL;
	merge_detail(alt, d);
	tfms_array_push(&js->alts, primary);
	tfms_array_push(&js->alts, (size_t)(alt - rs->rules.items));
	return 0;
}

/* Where a loaded table says the two APIs differ, the table wins over a
 * detail rule that would convert: the rule keeps only its names. */
static void override_by_table(join_state *js, tfms_rule *r, detail *d)
{
	tfms_buf_printf(&js->overridden, "%s%s", js->noverridden++ ? ", " : "",
			r->api);
	for (size_t k = 0; k < r->naliases; k++)
		free(r->aliases[k]);
	free(r->aliases);
	r->aliases = d->rule.aliases;
	r->naliases = d->rule.naliases;
	d->rule.aliases = NULL;
	d->rule.naliases = 0;
	free(r->doc_page);
	r->doc_page = d->rule.doc_page;
	d->rule.doc_page = NULL;
	free(r->detail_source);
	r->detail_source = d->rule.detail_source;
	d->rule.detail_source = NULL;
	r->overridden = true;
}

/* Step 2: the detail rules for the chosen release join their rows (or
 * stand alone, with their own ms_api and status). */
static int join_details(tfms_ruleset *rs, join_state *js, int version)
{
	for (size_t i = 0; i < rs->details.len; i++) {
		detail *d = &rs->details.items[i];
		if (!in_range(&d->rule, version))
			continue;
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
		} else if (r->has_detail &&
			   same_file(r->detail_source, d->rule.detail_source)) {
			if (add_alternative(rs, js, r, d) < 0)
				return -1;
			continue;
		}
		if (r->in_table && r->status == TFMS_STATUS_DIFF &&
		    converts(&d->rule)) {
			override_by_table(js, r, d);
			continue;
		}
		merge_detail(r, d);
		/* A row the table leaves without a verdict converts on the
		 * strength of its detail rule, which was verified. */
		if (r->status == TFMS_STATUS_UNCLEAR && converts(r))
			r->status = TFMS_STATUS_CONSISTENT;
	}
	return 0;
}

/* Step 3: APIs whose every detail rule needs another release are manual,
 * saying which release they need. */
static void mark_other_releases(tfms_ruleset *rs, int version)
{
	for (size_t i = 0; i < rs->details.len; i++) {
		detail *d = &rs->details.items[i];
		if (!d->rule.api || in_range(&d->rule, version))
			continue;
		tfms_rule *r = find_rule(rs, d->rule.api);
		if (r && (r->has_detail || r->overridden))
			continue;
		if (!r) {
			if (!d->has_ms_api)
				continue;
			r = tfms_array_add(&rs->rules);
			r->api = tfms_strdup(d->rule.api);
			r->release_max = -1;
			r->ms_api = tfms_strdup(d->rule.ms_api);
			r->status = TFMS_STATUS_CONSISTENT;
			r->project = true;
		}
		r->has_detail = true;
		r->detail_source = d->rule.detail_source;
		d->rule.detail_source = NULL;
		r->call = r->reference = TFMS_DECISION_MANUAL;
		r->call_reason = tfms_asprintf(
			"%s needs MindSpore %s; the chosen release is %s (see "
			"--mindspore-version)",
			d->rule.ms_api ? d->rule.ms_api : "the MindSpore form",
			d->rule.releases, rs->version_text);
		r->reference_reason = tfms_strdup(r->call_reason);
		r->aliases = d->rule.aliases;
		r->naliases = d->rule.naliases;
		d->rule.aliases = NULL;
		d->rule.naliases = 0;
	}
}

/* Step 4: alternatives hang off their primary rule; every rule is checked.
 * is_alt (one per rule) marks the alternatives, which the index skips. */
static int link_and_check(tfms_ruleset *rs, join_state *js, bool *is_alt)
{
	for (size_t i = 0; i + 1 < js->alts.len; i += 2) {
		tfms_rule *p = &rs->rules.items[js->alts.items[i]];
		while (p->alt)
			p = (tfms_rule *)p->alt;
		p->alt = &rs->rules.items[js->alts.items[i + 1]];
		is_alt[js->alts.items[i + 1]] = true;
	}
	for (size_t i = 0; i < rs->rules.len; i++) {
		relink(rs, &rs->rules.items[i]);
		if (check_rule(&rs->rules.items[i]) < 0)
			return -1;
	}
	return 0;
}

/* Step 5: the index of every name (API and aliases) to its rule; two rules
 * claiming one name is an error. */
static int build_index(tfms_ruleset *rs, const bool *is_alt)
{
	size_t n = 0;
	for (size_t i = 0; i < rs->rules.len; i++)
		n += 1 + rs->rules.items[i].naliases;
	rs->index = tfms_calloc(n + 1, sizeof(*rs->index));
	for (size_t i = 0; i < rs->rules.len; i++) {
		const tfms_rule *r = &rs->rules.items[i];
		if (is_alt[i])
			continue;
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

int tfms_ruleset_finalize(tfms_ruleset *rs)
{
	if (rs->finalized)
		return 0;
	rs->finalized = true;
	if (!rs->builtin_hints && load_builtin_hints(rs) < 0)
		return -1;
	if (tfms_hints_finalize(rs->hints) < 0)
		return -1;
	int version = choose_version(rs);
	if (version < 0)
		return -1;
	join_table_rows(rs);
	join_state js = {TFMS_BUF_INIT, 0, TFMS_ARRAY_INIT};
	int rc = join_details(rs, &js, version);
	if (rc == 0)
		mark_other_releases(rs, version);
	if (rc == 0 && js.noverridden)
		tfms_buf_printf(&rs->warnings,
				"a loaded table lists %zu API%s as different, "
				"which overrides the detail rule%s of: %s",
				js.noverridden, js.noverridden == 1 ? "" : "s",
				js.noverridden == 1 ? "" : "s",
				js.overridden.ptr);
	tfms_buf_dispose(&js.overridden);
	bool *is_alt = tfms_calloc(rs->rules.len + 1, sizeof(bool));
	if (rc == 0)
		rc = link_and_check(rs, &js, is_alt);
	tfms_array_free(&js.alts);
	if (rc == 0)
		rc = build_index(rs, is_alt);
	free(is_alt);
	return rc;
}

void tfms_ruleset_set_ms_version(tfms_ruleset *rs, const char *version)
{
	free(rs->ms_version);
	rs->ms_version = version ? tfms_strdup(version) : NULL;
}

const char *tfms_ruleset_ms_version(const tfms_ruleset *rs)
{
	return rs->version_text ? rs->version_text : "";
}

const char *tfms_ruleset_warnings(const tfms_ruleset *rs)
{
	return rs->warnings.len ? rs->warnings.ptr : NULL;
}

const char *tfms_ruleset_ms_name(const tfms_ruleset *rs, const char *api)
{
	const tfms_rule *r = tfms_ruleset_find(rs, api);
	return r && converts(r) ? r->ms_api : NULL;
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

const tfms_hints *tfms_ruleset_hints(const tfms_ruleset *rs)
{
	return rs->hints;
}
