#include "tfms/stmtsplit.h"
#include "tfms/array.h"

#include <string.h>

/* Anything the scan does not follow exactly sends the caller to a full
 * parse, so every rule here errs on the side of giving up: a wrong split
 * that still parsed cleanly would be the only way to a different tree. */

typedef struct {
	const char *t;
	size_t len, i;
	unsigned depth; /* nested f-string fields, bounded */
} lexer;

#define MAX_FIELD_NESTING 64

static bool is_ident(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || (ch & 0x80);
}

static bool is_forbidden(char ch)
{
	return ch == '\0' || ch == '\f' || ch == '\v';
}

static int scan_string(lexer *lx, bool fstring);

/* Code inside an f-string's replacement field, after its `{`, through its
 * closing `}`: brackets, nested strings, and a format spec after a `:` at
 * the field's own level, which may hold fields itself. A comment or a line
 * break there is Python 3.12 syntax at best: give up. */
static int scan_field(lexer *lx)
{
	if (++lx->depth > MAX_FIELD_NESTING)
		return -1;
	unsigned brackets = 0;
	bool spec = false;
	while (lx->i < lx->len) {
		char ch = lx->t[lx->i];
		if (ch == '\n' || ch == '\r' || is_forbidden(ch) ||
		    (!spec && (ch == '#' || ch == '\\')))
			return -1;
		if (spec) {
			if (ch == '{') {
				lx->i++;
				if (scan_field(lx) < 0)
					return -1;
				continue;
			}
			if (ch == '}') {
				lx->i++;
				lx->depth--;
				return 0;
			}
			if (ch == '\'' || ch == '"')
				return -1;
			lx->i++;
			continue;
		}
		if (ch == '\'' || ch == '"') {
			size_t k = lx->i;
			bool f = false;
			while (k > 0 && is_ident(lx->t[k - 1]) &&
			       lx->i - k < 3) {
				if (lx->t[k - 1] == 'f' || lx->t[k - 1] == 'F')
					f = true;
				k--;
			}
			if (scan_string(lx, f) < 0)
				return -1;
			continue;
		}
		if (ch == '(' || ch == '[' || ch == '{') {
			brackets++;
		} else if (ch == ')' || ch == ']') {
			if (!brackets)
				return -1;
			brackets--;
		} else if (ch == '}') {
			if (!brackets) {
				lx->i++;
				lx->depth--;
				return 0;
			}
			brackets--;
		} else if (ch == ':' && !brackets) {
			spec = true;
		}
		lx->i++;
	}
	return -1;
}

/* A string from its opening quote at lx->i through its closing quote. */
static int scan_string(lexer *lx, bool fstring)
{
	char q = lx->t[lx->i];
	bool triple = lx->i + 2 < lx->len && lx->t[lx->i + 1] == q &&
		      lx->t[lx->i + 2] == q;
	lx->i += triple ? 3 : 1;
	while (lx->i < lx->len) {
		char ch = lx->t[lx->i];
		if (is_forbidden(ch))
			return -1;
		if (ch == '\\') {
			/* Raw or not, a backslash keeps the next character
			 * (a quote, a line break) inside the string. */
			if (lx->i + 1 >= lx->len)
				return -1;
			if (lx->t[lx->i + 1] == '\r' &&
			    (lx->i + 2 >= lx->len || lx->t[lx->i + 2] != '\n'))
				return -1;
			lx->i += lx->t[lx->i + 1] == '\r' ? 3 : 2;
			continue;
		}
		if (ch == '\r' &&
		    (lx->i + 1 >= lx->len || lx->t[lx->i + 1] != '\n'))
			return -1;
		if (ch == '\n' && !triple)
			return -1;
		if (ch == q) {
			if (!triple) {
				lx->i++;
				return 0;
			}
			if (lx->i + 2 < lx->len && lx->t[lx->i + 1] == q &&
			    lx->t[lx->i + 2] == q) {
				lx->i += 3;
				return 0;
			}
		}
		if (fstring && ch == '{') {
			if (lx->i + 1 < lx->len && lx->t[lx->i + 1] == '{') {
				lx->i += 2;
				continue;
			}
			lx->i++;
			if (scan_field(lx) < 0)
				return -1;
			continue;
		}
		lx->i++;
	}
	return -1;
}

/* The string prefix before the quote at i (r, b, u, f and their pairs):
 * whether it holds an f. A longer word before a quote is not a prefix. */
static bool fstring_prefix(const char *t, size_t i)
{
	size_t k = i;
	while (k > 0 && is_ident(t[k - 1]))
		k--;
	if (i - k > 2)
		return false;
	bool f = false;
	for (size_t j = k; j < i; j++) {
		if (!strchr("rRbBuUfF", t[j]))
			return false;
		if (t[j] == 'f' || t[j] == 'F')
			f = true;
	}
	return f;
}

/* The clauses that continue a compound statement at its own indentation. */
static bool is_clause_line(const char *t, size_t len, size_t i)
{
	static const char *const words[] = {"else", "elif", "except",
					    "finally"};
	for (size_t w = 0; w < 4; w++) {
		size_t n = strlen(words[w]);
		if (i + n <= len && memcmp(t + i, words[w], n) == 0 &&
		    (i + n == len || !is_ident(t[i + n])))
			return true;
	}
	return false;
}

/* One logical line from lx->i (its first significant character) through
 * the line break that ends it (consumed) or the end of the text; *opener:
 * it ends with `:` and so opens a block. */
static int scan_logical_line(lexer *lx, bool *opener)
{
	unsigned brackets = 0;
	char last = 0;
	while (lx->i < lx->len) {
		char ch = lx->t[lx->i];
		if (is_forbidden(ch))
			return -1;
		if (ch == '#') {
			while (lx->i < lx->len && lx->t[lx->i] != '\n' &&
			       lx->t[lx->i] != '\r')
				lx->i++;
			continue;
		}
		if (ch == '\'' || ch == '"') {
			if (scan_string(lx, fstring_prefix(lx->t, lx->i)) < 0)
				return -1;
			last = ch;
			continue;
		}
		if (ch == '\\') {
			/* A line continuation, and nothing else, outside
			 * strings. */
			size_t n = lx->i + 1;
			if (n < lx->len && lx->t[n] == '\r')
				n++;
			if (n >= lx->len || lx->t[n] != '\n')
				return -1;
			lx->i = n + 1;
			continue;
		}
		if (ch == '\r') {
			if (lx->i + 1 >= lx->len || lx->t[lx->i + 1] != '\n')
				return -1;
			lx->i++;
			continue;
		}
		if (ch == '\n') {
			lx->i++;
			if (!brackets) {
				*opener = last == ':';
				return 0;
			}
			continue;
		}
		if (ch == '(' || ch == '[' || ch == '{') {
			brackets++;
		} else if (ch == ')' || ch == ']' || ch == '}') {
			if (!brackets)
				return -1;
			brackets--;
		}
		if (ch != ' ' && ch != '\t')
			last = ch;
		lx->i++;
	}
	if (brackets)
		return -1;
	*opener = last == ':';
	return 0;
}

int tfms_stmtsplit(tfms_stmt_list *out, const char *text, size_t len)
{
	memset(out, 0, sizeof(*out));
	if (len >= UINT32_MAX)
		return -1;
	lexer lx = {text, len, 0, 0};
	tfms_array(uint32_t) indents = TFMS_ARRAY_INIT;
	tfms_array_push(&indents, 0);
	bool opener = false, decorator = false;
	int rc = -1;
	while (lx.i < len) {
		size_t line = lx.i;
		uint32_t indent = 0;
		while (lx.i < len &&
		       (text[lx.i] == ' ' || text[lx.i] == '\t')) {
			/* tree-sitter counts a tab as 8 columns, CPython up
			 * to the next multiple of 8: follow neither. */
			if (text[lx.i] == '\t')
				goto done;
			indent++;
			lx.i++;
		}
		if (lx.i >= len)
			break;
		char ch = text[lx.i];
		if (ch == '\n' || ch == '\r' || ch == '#') {
			/* A blank or comment line belongs to no logical
			 * line. */
			while (lx.i < len && text[lx.i] != '\n') {
				if (is_forbidden(text[lx.i]) ||
				    (text[lx.i] == '\r' &&
				     (lx.i + 1 >= len ||
				      text[lx.i + 1] != '\n')))
					goto done;
				lx.i++;
			}
			lx.i += lx.i < len;
			continue;
		}
		if (indent == 0) {
			if (opener)
				goto done;
			indents.len = 1;
			if (is_clause_line(text, len, lx.i)) {
				if (!out->len)
					goto done;
			} else if (!decorator) {
				if (out->len)
					out->items[out->len - 1].end =
						(uint32_t)line;
				tfms_stmt_chunk c = {out->len ? (uint32_t)line
							      : 0,
						     (uint32_t)len};
				tfms_array_push(out, c);
			}
			decorator = ch == '@';
		} else {
			uint32_t top = indents.items[indents.len - 1];
			if (!out->len || decorator)
				goto done;
			if (opener) {
				if (indent <= top)
					goto done;
				tfms_array_push(&indents, indent);
			} else {
				while (indents.len > 1 && indent < top)
					top = indents.items[--indents.len - 1];
				if (indent != top)
					goto done;
			}
		}
		if (scan_logical_line(&lx, &opener) < 0)
			goto done;
	}
	rc = opener || decorator ? -1 : 0;
done:
	tfms_array_free(&indents);
	return rc;
}

void tfms_stmt_list_dispose(tfms_stmt_list *list)
{
	if (!list)
		return;
	tfms_array_free(list);
}
