#include "tfms/signature.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/error.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool is_ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A default value ends at the first top-level ',' or ')'; brackets and
 * quotes nest so that defaults like (1, 2) or "a,b" survive. */
static const char *scan_default(const char *p)
{
	int depth = 0;
	char quote = 0;
	for (; *p; p++) {
		if (quote) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if ((*p == ')' || *p == ']' || *p == '}') && depth > 0)
			depth--;
		else if ((*p == ',' || *p == ')') && depth == 0)
			return p;
	}
	return p;
}

int tfms_signature_parse(tfms_signature *sig, const char *text)
{
	memset(sig, 0, sizeof(*sig));
	tfms_array(tfms_param) params = TFMS_ARRAY_INIT;
	const char *p = skip_space(text);
	const char *name = p;
	while (is_ident_char(*p) || *p == '.')
		p++;
	if (p == name || *p != '(')
		goto bad;
	sig->name = tfms_strndup(name, (size_t)(p - name));
	p++;

	tfms_param_kind kind = TFMS_PARAM_POSITIONAL_OR_KEYWORD;
	bool seen_default = false;
	for (;;) {
		p = skip_space(p);
		if (*p == ')')
			break;
		if (*p == '/') {
			/* Everything so far was positional-only. */
			for (size_t i = 0; i < params.len; i++)
				params.items[i].kind =
					TFMS_PARAM_POSITIONAL_ONLY;
			p++;
		} else if (*p == '*' && p[1] != '*' &&
			   (skip_space(p + 1)[0] == ',' ||
			    skip_space(p + 1)[0] == ')')) {
			kind = TFMS_PARAM_KEYWORD_ONLY;
			p++;
		} else {
			tfms_param_kind this_kind = kind;
			if (p[0] == '*' && p[1] == '*') {
				this_kind = TFMS_PARAM_VAR_KEYWORD;
				p += 2;
			} else if (*p == '*') {
				this_kind = TFMS_PARAM_VAR_POSITIONAL;
				kind = TFMS_PARAM_KEYWORD_ONLY;
				p++;
			}
			const char *start = p;
			if (!is_ident_start(*p))
				goto bad;
			while (is_ident_char(*p))
				p++;
			tfms_param *param = tfms_array_add(&params);
			param->name = tfms_strndup(start, (size_t)(p - start));
			param->kind = this_kind;
			p = skip_space(p);
			if (*p == '=') {
				p = skip_space(p + 1);
				const char *end = scan_default(p);
				while (end > p &&
				       (end[-1] == ' ' || end[-1] == '\t'))
					end--;
				if (end == p)
					goto bad;
				param->default_text =
					tfms_strndup(p, (size_t)(end - p));
				p = scan_default(p);
				if (this_kind != TFMS_PARAM_KEYWORD_ONLY)
					seen_default = true;
			} else if (seen_default &&
				   this_kind ==
					   TFMS_PARAM_POSITIONAL_OR_KEYWORD) {
				goto bad;
			}
		}
		p = skip_space(p);
		if (*p == ',')
			p++;
		else if (*p != ')')
			goto bad;
	}
	p = skip_space(p + 1);
	if (*p != '\0')
		goto bad;
	sig->params = params.items;
	sig->nparams = params.len;
	return 0;

bad:
	sig->params = params.items;
	sig->nparams = params.len;
	tfms_signature_dispose(sig);
	return tfms_error_set("malformed signature '%s'", text);
}

void tfms_signature_dispose(tfms_signature *sig)
{
	if (!sig)
		return;
	for (size_t i = 0; i < sig->nparams; i++) {
		free(sig->params[i].name);
		free(sig->params[i].default_text);
	}
	free(sig->params);
	free(sig->name);
	memset(sig, 0, sizeof(*sig));
}

int tfms_signature_find(const tfms_signature *sig, const char *name)
{
	for (size_t i = 0; i < sig->nparams; i++)
		if (strcmp(sig->params[i].name, name) == 0)
			return (int)i;
	return -1;
}

int tfms_signature_positional(const tfms_signature *sig, size_t n)
{
	size_t seen = 0;
	for (size_t i = 0; i < sig->nparams; i++) {
		tfms_param_kind k = sig->params[i].kind;
		if (k == TFMS_PARAM_VAR_POSITIONAL)
			return (int)i;
		if (k != TFMS_PARAM_POSITIONAL_ONLY &&
		    k != TFMS_PARAM_POSITIONAL_OR_KEYWORD)
			return -1;
		if (seen++ == n)
			return (int)i;
	}
	return -1;
}
