#include "tfms/notebook.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/jsonscan.h"
#include "tfms/text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* rawmap values that are not offsets in the file. */
#define RAW_CONT ((size_t)-1) /* a continuation byte of a decoded char */
#define RAW_SYN	 ((size_t)-2) /* a line break the module adds */

typedef tfms_array(size_t) size_list;

/* One JSON string of a cell's source: its content (between the quotes) in
 * the file, and the module bytes it decodes to. */
typedef struct {
	size_t raw_start, raw_end;
	size_t m_start, m_end;
} nb_elem;

typedef struct {
	uint32_t index;		   /* 1-based, among all cells */
	bool code;		   /* a code cell */
	bool list;		   /* source is a list of strings */
	bool opaque;		   /* a cell magic: nothing in it is Python */
	size_t arr_start, arr_end; /* list: between the brackets */
	tfms_array(nb_elem) elems;
	size_t m_start, m_end; /* module range, the added line break included */
	bool syn;	       /* the module adds a line break after it */
	uint32_t first_line;   /* module line of its first line */
	size_list magic;       /* module ranges of IPython lines, pairs */
} nb_cell;

/* A name that IPython syntax refers to, as written in its cell. */
typedef struct {
	size_t cell;	   /* index in cells */
	size_t at, end;	   /* module (orig) range of the name */
	size_t line_start; /* module offset where its line starts */
} nb_ref;

struct tfms_notebook {
	const char *raw;
	size_t raw_len;
	char *path;
	tfms_buf orig;	   /* the decoded sources, as written */
	tfms_buf module;   /* the same with IPython syntax blanked */
	size_t *rawmap;	   /* per byte of orig: its first byte in raw */
	bool ascii_escape; /* the file spells non-ASCII as \uXXXX only */
	tfms_array(nb_cell) cells;
	/* After the cells, the module names every name referred to by
	 * IPython syntax, one line each (see add_refs). */
	tfms_array(nb_ref) refs;
	size_t refs_start;
	uint32_t refs_line;
};

/* What the module's reference lines add to a name: an attribute no API
 * has, so a TF name there is a use no rule converts. */
#define REF_SUFFIX ".__tfms_ipython__"

bool tfms_notebook_is_path(const char *path)
{
	return tfms_ends_with(path, ".ipynb");
}

/* ---- Scanning the raw JSON (already validated) ---- */

typedef struct {
	const char *s;
	size_t len, pos;
} scanner;

static void skip_ws(scanner *sc)
{
	while (sc->pos < sc->len &&
	       (sc->s[sc->pos] == ' ' || sc->s[sc->pos] == '\t' ||
		sc->s[sc->pos] == '\n' || sc->s[sc->pos] == '\r'))
		sc->pos++;
}

static bool peek(scanner *sc, char c)
{
	skip_ws(sc);
	return sc->pos < sc->len && sc->s[sc->pos] == c;
}

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Whether 8 bytes hold a quote or a backslash (exact as a yes/no: the
 * haszero trick of "Bit Twiddling Hacks"). */
static bool quote_or_backslash8(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	uint64_t q = v ^ (ONES * '"'), b = v ^ (ONES * '\\');
	return (((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS;
}

/* At a '"': the content range, and past the closing quote. Base64 images
 * in outputs make most of a notebook's bytes, hence 8 at a time. */
static int scan_string(scanner *sc, size_t *start, size_t *end)
{
	if (!peek(sc, '"'))
		return -1;
	*start = ++sc->pos;
	for (;;) {
		while (sc->pos + 8 <= sc->len &&
		       !quote_or_backslash8(sc->s + sc->pos))
			sc->pos += 8;
		if (sc->pos >= sc->len || sc->s[sc->pos] == '"')
			break;
		sc->pos += sc->s[sc->pos] == '\\' ? 2 : 1;
	}
	if (sc->pos >= sc->len)
		return -1;
	*end = sc->pos++;
	return 0;
}

static int skip_value(scanner *sc)
{
	skip_ws(sc);
	if (sc->pos >= sc->len)
		return -1;
	char c = sc->s[sc->pos];
	size_t a, b;
	if (c == '"')
		return scan_string(sc, &a, &b);
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		sc->pos++;
		if (peek(sc, close)) {
			sc->pos++;
			return 0;
		}
		for (;;) {
			if (c == '{' &&
			    (scan_string(sc, &a, &b) < 0 || !peek(sc, ':')))
				return -1;
			if (c == '{')
				sc->pos++;
			if (skip_value(sc) < 0)
				return -1;
			if (peek(sc, ',')) {
				sc->pos++;
				continue;
			}
			if (!peek(sc, close))
				return -1;
			sc->pos++;
			return 0;
		}
	}
	while (sc->pos < sc->len && !strchr(",]} \t\r\n", sc->s[sc->pos]))
		sc->pos++;
	return 0;
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v = v * 16 + (unsigned)(c <= '9'   ? c - '0'
					: c <= 'F' ? c - 'A' + 10
						   : c - 'a' + 10);
	}
	return v;
}

static void put_utf8(tfms_buf *out, unsigned cp)
{
	if (cp < 0x80) {
		tfms_buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		tfms_buf_putc(out, (char)(0xC0 | (cp >> 6)));
		tfms_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		tfms_buf_putc(out, (char)(0xE0 | (cp >> 12)));
		tfms_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		tfms_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	} else {
		tfms_buf_putc(out, (char)(0xF0 | (cp >> 18)));
		tfms_buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
		tfms_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
		tfms_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
	}
}

/* Decodes the string content raw[start, end) onto out; when map is not
 * NULL, records for every decoded byte where it came from (indexed by its
 * offset in out). The file is valid: escapes and surrogates are sound. */
static void decode(tfms_buf *out, size_list *map, const char *raw, size_t start,
		   size_t end, bool *saw_u_nonascii)
{
	size_t p = start;
	while (p < end) {
		size_t from = p, before = out->len;
		unsigned char c = (unsigned char)raw[p];
		if (c != '\\') {
			tfms_buf_putc(out, (char)c);
			p++;
		} else {
			char e = raw[p + 1];
			p += 2;
			switch (e) {
			case 'b':
				tfms_buf_putc(out, '\b');
				break;
			case 'f':
				tfms_buf_putc(out, '\f');
				break;
			case 'n':
				tfms_buf_putc(out, '\n');
				break;
			case 'r':
				tfms_buf_putc(out, '\r');
				break;
			case 't':
				tfms_buf_putc(out, '\t');
				break;
			case 'u': {
				unsigned cp = hex4(raw + p);
				p += 4;
				if (cp >= 0xD800 && cp < 0xDC00 &&
				    p + 6 <= end && raw[p] == '\\' &&
				    raw[p + 1] == 'u') {
					unsigned lo = hex4(raw + p + 2);
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					     (lo - 0xDC00);
					p += 6;
				}
				if (cp >= 0x80 && saw_u_nonascii)
					*saw_u_nonascii = true;
				put_utf8(out, cp);
				break;
			}
			default: /* " \ / */
				tfms_buf_putc(out, e);
			}
		}
		if (!map)
			continue;
		/* A raw multi-byte UTF-8 char maps byte for byte; a decoded
		 * escape maps as a whole to its first byte. */
		for (size_t k = before; k < out->len; k++)
			tfms_array_push(map, c != '\\'	   ? from
					     : k == before ? from
							   : RAW_CONT);
	}
}

static bool key_is(const char *raw, size_t start, size_t end, const char *name)
{
	tfms_buf key = TFMS_BUF_INIT;
	decode(&key, NULL, raw, start, end, NULL);
	bool same = strcmp(key.ptr, name) == 0 && key.len == strlen(name);
	tfms_buf_dispose(&key);
	return same;
}

/* The source of one cell object: its strings, in order. */
static int scan_cell(scanner *sc, nb_cell *cell)
{
	if (!peek(sc, '{'))
		return -1;
	sc->pos++;
	if (peek(sc, '}')) {
		sc->pos++;
		return 0;
	}
	for (;;) {
		size_t ks, ke;
		if (scan_string(sc, &ks, &ke) < 0 || !peek(sc, ':'))
			return -1;
		sc->pos++;
		if (key_is(sc->s, ks, ke, "source")) {
			nb_elem *e;
			if (peek(sc, '"')) {
				e = tfms_array_add(&cell->elems);
				if (scan_string(sc, &e->raw_start,
						&e->raw_end) < 0)
					return -1;
			} else if (peek(sc, '[')) {
				cell->list = true;
				cell->arr_start = ++sc->pos;
				while (!peek(sc, ']')) {
					e = tfms_array_add(&cell->elems);
					if (scan_string(sc, &e->raw_start,
							&e->raw_end) < 0)
						return -1;
					if (peek(sc, ','))
						sc->pos++;
				}
				cell->arr_end = sc->pos++;
			} else {
				return -1;
			}
		} else if (skip_value(sc) < 0) {
			return -1;
		}
		if (peek(sc, ',')) {
			sc->pos++;
			continue;
		}
		if (!peek(sc, '}'))
			return -1;
		sc->pos++;
		return 0;
	}
}

/* Every cell's source strings, cells in order (cells[i] for the i-th
 * cell of the file, code or not). */
static int scan_cells(tfms_notebook *nb, size_t ncells)
{
	scanner sc = {nb->raw, nb->raw_len, 0};
	if (!peek(&sc, '{'))
		return -1;
	sc.pos++;
	for (;;) {
		size_t ks, ke;
		if (scan_string(&sc, &ks, &ke) < 0 || !peek(&sc, ':'))
			return -1;
		sc.pos++;
		if (key_is(nb->raw, ks, ke, "cells")) {
			if (!peek(&sc, '['))
				return -1;
			sc.pos++;
			for (size_t i = 0; i < ncells; i++) {
				nb_cell *cell = &nb->cells.items[i];
				if (scan_cell(&sc, cell) < 0)
					return -1;
				if (peek(&sc, ','))
					sc.pos++;
			}
			return peek(&sc, ']') ? 0 : -1;
		}
		if (skip_value(&sc) < 0)
			return -1;
		if (!peek(&sc, ','))
			return -1;
		sc.pos++;
	}
}

/* ---- IPython syntax ---- */

/* Python's lexical state at line starts, enough to tell a logical line's
 * start: inside brackets, a multi-line string, or after a backslash, a
 * line is never IPython syntax. */
typedef struct {
	int depth;
	char quote; /* the open triple quote's char, or 0 */
	bool continued;
} lexstate;

static void lex_line(lexstate *st, const char *p, const char *end)
{
	st->continued = false;
	while (p < end) {
		if (st->quote) {
			if (*p == '\\') {
				p += 2;
				continue;
			}
			if (end - p >= 3 && p[0] == st->quote &&
			    p[1] == st->quote && p[2] == st->quote) {
				st->quote = 0;
				p += 3;
				continue;
			}
			p++;
			continue;
		}
		char c = *p;
		if (c == '#')
			return;
		if (c == '\\' && p + 1 == end) {
			st->continued = true;
			return;
		}
		if (c == '(' || c == '[' || c == '{')
			st->depth++;
		else if ((c == ')' || c == ']' || c == '}') && st->depth > 0)
			st->depth--;
		else if (c == '\'' || c == '"') {
			if (end - p >= 3 && p[1] == c && p[2] == c) {
				st->quote = c;
				p += 3;
				continue;
			}
			for (p++; p < end && *p != c; p++)
				if (*p == '\\')
					p++;
		}
		p++;
	}
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ',' ||
	       c == ' ' || c == '\t' || c == '*' || (unsigned char)c >= 0x80;
}

/* An IPython line: `%magic`, `!cmd`, `?x`, `x?`, `x = %magic`, `x = !cmd`.
 * p..end is the line after its indentation. */
static bool ipython_line(const char *p, const char *end)
{
	if (p == end)
		return false;
	if (*p == '%' || *p == '!' || *p == '?')
		return true;
	const char *last = end;
	while (last > p &&
	       (last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\r'))
		last--;
	if (last > p && last[-1] == '?' && !memchr(p, '#', (size_t)(last - p)))
		return true;
	const char *q = p;
	while (q < end && is_name_char(*q))
		q++;
	if (q > p && q < end && *q == '=' && q + 1 < end && q[1] != '=') {
		for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		return q < end && (*q == '%' || *q == '!');
	}
	return false;
}

static void blank(char *p, const char *end)
{
	for (; p < end; p++)
		if (*p != '\n' && *p != '\r')
			*p = ' ';
}

static bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

static bool is_ident(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_keyword(const char *p, size_t n)
{
	static const char *const kw[] = {
		"False",  "None",     "True",  "and",	 "as",	     "assert",
		"async",  "await",    "break", "class",	 "continue", "def",
		"del",	  "elif",     "else",  "except", "finally",  "for",
		"from",	  "global",   "if",    "import", "in",	     "is",
		"lambda", "nonlocal", "not",   "or",	 "pass",     "raise",
		"return", "try",      "while", "with",	 "yield"};
	for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strlen(kw[i]) == n && memcmp(kw[i], p, n) == 0)
			return true;
	return false;
}

/* Records the names that IPython code in [from, to) of the original text
 * refers to: the first name of every dotted chain outside strings and
 * comments, or in shell mode only those IPython expands ({expr}, $name).
 * Whatever they name must stay bound, so the module refers to them. */
static void collect_refs(tfms_notebook *nb, size_t cell, size_t line_start,
			 size_t from, size_t to, bool shell)
{
	const char *t = nb->orig.ptr;
	int braces = 0;
	for (size_t p = from; p < to;) {
		char c = t[p];
		if (shell && c == '{') {
			braces++;
			p++;
			continue;
		}
		if (shell && c == '}' && braces) {
			braces--;
			p++;
			continue;
		}
		if (c == '\n') {
			line_start = ++p;
			continue;
		}
		if (!shell && c == '#') {
			while (p < to && t[p] != '\n')
				p++;
			continue;
		}
		if ((!shell || braces) && (c == '\'' || c == '"')) {
			for (p++; p < to && t[p] != c && t[p] != '\n'; p++)
				if (t[p] == '\\')
					p++;
			p++;
			continue;
		}
		if (is_ident(c) && !is_ident_start(c)) {
			while (p < to && (is_ident(t[p]) || t[p] == '.'))
				p++;
			continue;
		}
		if (!is_ident_start(c)) {
			p++;
			continue;
		}
		size_t q = p;
		while (q < to && is_ident(t[q]))
			q++;
		size_t back = p;
		while (back > line_start && t[back - 1] == ' ')
			back--;
		bool attr = back > line_start && t[back - 1] == '.';
		bool wanted = !shell || braces || (p > from && t[p - 1] == '$');
		if (wanted && !attr && !is_keyword(t + p, q - p))
			*tfms_array_add(&nb->refs) =
				(nb_ref){cell, p, q, line_start};
		p = q;
		while (p < to && t[p] == '.') /* the rest of the chain */
			for (p++; p < to && is_ident(t[p]); p++)
				;
	}
}

/* Cell magics whose body is not Python. */
static bool foreign_cell(const char *p, const char *end)
{
	static const char *const names[] = {
		"bash", "sh",	"script", "writefile", "file",	     "html",
		"HTML", "svg",	"latex",  "markdown",  "javascript", "js",
		"perl", "ruby", "system", "sx",	       "python2"};
	p += 2;
	size_t n = 0;
	while (p + n < end && is_ident(p[n]))
		n++;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && memcmp(names[i], p, n) == 0)
			return true;
	return false;
}

/* Blanks the IPython syntax of one cell in the module. */
static void mark_ipython(tfms_notebook *nb, nb_cell *cell)
{
	char *text = nb->module.ptr;
	size_t start = cell->m_start, end = cell->m_end;
	size_t first = start;
	while (first < end && strchr(" \t\r\n", text[first]))
		first++;
	size_t ci = (size_t)(cell - nb->cells.items);
	if (end - first >= 2 && text[first] == '%' && text[first + 1] == '%') {
		cell->opaque = true;
		const char *nl = memchr(text + first, '\n', end - first);
		size_t body = nl ? (size_t)(nl - text) + 1 : end;
		if (!foreign_cell(text + first, text + body))
			collect_refs(nb, ci, start, first + 2, end, false);
		blank(text + start, text + end);
		return;
	}
	lexstate st = {0, 0, false};
	size_t line = start;
	while (line < end) {
		const char *nl = memchr(text + line, '\n', end - line);
		size_t stop = nl ? (size_t)(nl - text) : end;
		size_t body = line;
		while (body < stop && (text[body] == ' ' || text[body] == '\t'))
			body++;
		bool logical_start =
			st.depth == 0 && !st.quote && !st.continued;
		if (logical_start && ipython_line(text + body, text + stop)) {
			const char *bang =
				memchr(text + body, '!', stop - body);
			bool shell =
				text[body] == '!' ||
				(text[body] != '%' && text[body] != '?' &&
				 bang &&
				 (!memchr(text + body, '%', stop - body) ||
				  bang < (const char *)memchr(text + body, '%',
							      stop - body)));
			collect_refs(nb, ci, line, body + (text[body] == '!'),
				     stop, shell);
			/* A comment keeps the module-level import block going;
			 * inside a block, a statement keeps the block's body. */
			text[body] = body == line ? '#' : '0';
			blank(text + body + 1, text + stop);
			tfms_array_push(&cell->magic, line);
			tfms_array_push(&cell->magic, stop);
			st.continued = false;
		} else {
			lex_line(&st, text + line, text + stop);
		}
		line = stop + 1;
	}
}

/* ---- Parsing ---- */

static int invalid(const char *path, const char *why)
{
	return tfms_error_set("%s: not a valid notebook: %s", path, why);
}

static int check_structure(const char *path, json_t *root, size_t *ncells)
{
	if (!json_is_object(root))
		return invalid(path, "the top level is not an object");
	json_t *major = json_object_get(root, "nbformat");
	if (!json_is_integer(major) || json_integer_value(major) != 4)
		return tfms_error_set("%s: not an nbformat 4 notebook", path);
	json_t *cells = json_object_get(root, "cells");
	if (!json_is_array(cells))
		return invalid(path, "'cells' is not a list");
	*ncells = json_array_size(cells);
	for (size_t i = 0; i < *ncells; i++) {
		json_t *cell = json_array_get(cells, i);
		json_t *type = json_object_get(cell, "cell_type");
		json_t *source = json_object_get(cell, "source");
		if (!json_is_object(cell) || !json_is_string(type))
			return tfms_error_set("%s: cell %zu: not a valid cell",
					      path, i + 1);
		bool ok = json_is_string(source);
		if (json_is_array(source)) {
			ok = true;
			for (size_t k = 0; k < json_array_size(source); k++)
				ok = ok &&
				     json_is_string(json_array_get(source, k));
		}
		if (!ok)
			return tfms_error_set(
				"%s: cell %zu: the source is neither a "
				"string nor a list of strings",
				path, i + 1);
	}
	return 0;
}

static bool is_code(json_t *root, size_t i)
{
	json_t *cell = json_array_get(json_object_get(root, "cells"), i);
	return strcmp(json_string_value(json_object_get(cell, "cell_type")),
		      "code") == 0;
}

/* What the fast scan (tfms_jsonscan) finds of check_structure's shape. */
typedef struct {
	tfms_notebook *nb;
	bool nbformat4, cells_seen, in_cells, in_source_list;
	bool has_type, has_source; /* of the last cell */
} shape;

static bool shape_cell_done(const shape *sh)
{
	return !sh->nb->cells.len || (sh->has_type && sh->has_source);
}

static bool key_eq(const tfms_json_event *ev, const char *name)
{
	return ev->key_len == strlen(name) &&
	       memcmp(ev->key, name, ev->key_len) == 0;
}

static bool text_eq(const tfms_json_event *ev, const char *text)
{
	return ev->text_len == strlen(text) &&
	       memcmp(ev->text, text, ev->text_len) == 0;
}

/* Stops the scan at anything check_structure would refuse (or that this
 * does not judge the same), so that jansson's path gives the message. */
static int shape_visit(const tfms_json_event *ev, void *payload)
{
	shape *sh = payload;
	if (ev->depth == 0)
		return ev->type != TFMS_JSON_OBJECT;
	if (ev->depth == 1) {
		if (sh->in_cells && !shape_cell_done(sh))
			return 1;
		sh->in_cells = false;
		if (key_eq(ev, "nbformat"))
			sh->nbformat4 = ev->type == TFMS_JSON_INTEGER &&
					text_eq(ev, "4");
		if (key_eq(ev, "cells")) {
			if (ev->type != TFMS_JSON_ARRAY)
				return 1;
			sh->in_cells = sh->cells_seen = true;
		}
		return 0;
	}
	if (!sh->in_cells)
		return 0;
	if (ev->depth == 2) {
		if (!shape_cell_done(sh) || ev->type != TFMS_JSON_OBJECT)
			return 1;
		nb_cell *cell = tfms_array_add(&sh->nb->cells);
		cell->index = (uint32_t)sh->nb->cells.len;
		sh->has_type = sh->has_source = false;
		sh->in_source_list = false;
		return 0;
	}
	if (ev->depth == 3) {
		nb_cell *cell = &sh->nb->cells.items[sh->nb->cells.len - 1];
		sh->in_source_list = false;
		if (key_eq(ev, "cell_type")) {
			if (ev->type != TFMS_JSON_STRING || ev->escaped)
				return 1;
			sh->has_type = true;
			cell->code = text_eq(ev, "code");
		} else if (key_eq(ev, "source")) {
			if (ev->type != TFMS_JSON_STRING &&
			    ev->type != TFMS_JSON_ARRAY)
				return 1;
			sh->has_source = true;
			sh->in_source_list = ev->type == TFMS_JSON_ARRAY;
		}
		return 0;
	}
	return sh->in_source_list && ev->type != TFMS_JSON_STRING;
}

/* The cells, as check_structure would accept them, from one pass over the
 * bytes that allocates no JSON value: false when the file is not a valid
 * notebook or the scan is not sure, and nb has no cells then. */
static bool fast_structure(tfms_notebook *nb)
{
	shape sh = {nb, false, false, false, false, false, false};
	bool ok = tfms_jsonscan(nb->raw, nb->raw_len, 4, shape_visit, &sh) &&
		  (!sh.in_cells || shape_cell_done(&sh)) && sh.nbformat4 &&
		  sh.cells_seen;
	if (!ok) {
		for (size_t i = 0; i < nb->cells.len; i++)
			tfms_array_free(&nb->cells.items[i].elems);
		tfms_array_free(&nb->cells);
	}
	return ok;
}

/* Lays the code cells out as one module. */
static void build_module(tfms_notebook *nb)
{
	size_list map = TFMS_ARRAY_INIT;
	bool saw_u = false, saw_raw = false;
	size_t at = 0;
	for (uint64_t v; at + 8 <= nb->raw_len && !saw_raw; at += 8) {
		memcpy(&v, nb->raw + at, 8);
		saw_raw = (v & HIGHS) != 0;
	}
	for (; at < nb->raw_len && !saw_raw; at++)
		saw_raw = (unsigned char)nb->raw[at] >= 0x80;
	uint32_t line = 1;
	for (size_t i = 0; i < nb->cells.len; i++) {
		nb_cell *cell = &nb->cells.items[i];
		if (!cell->code) {
			cell->elems.len = 0;
			continue;
		}
		cell->m_start = nb->orig.len;
		for (size_t k = 0; k < cell->elems.len; k++) {
			nb_elem *e = &cell->elems.items[k];
			e->m_start = nb->orig.len;
			decode(&nb->orig, &map, nb->raw, e->raw_start,
			       e->raw_end, &saw_u);
			e->m_end = nb->orig.len;
		}
		if (nb->orig.len > cell->m_start &&
		    nb->orig.ptr[nb->orig.len - 1] != '\n') {
			tfms_buf_putc(&nb->orig, '\n');
			tfms_array_push(&map, RAW_SYN);
			cell->syn = true;
		}
		cell->m_end = nb->orig.len;
		cell->first_line = line;
		for (size_t k = cell->m_start; k < cell->m_end; k++)
			line += nb->orig.ptr[k] == '\n';
	}
	tfms_array_push(&map, RAW_SYN);
	nb->rawmap = map.items;
	nb->ascii_escape = saw_u && !saw_raw;
	tfms_buf_put(&nb->module, nb->orig.ptr, nb->orig.len);
	for (size_t i = 0; i < nb->cells.len; i++)
		if (nb->cells.items[i].m_end > nb->cells.items[i].m_start)
			mark_ipython(nb, &nb->cells.items[i]);
	nb->refs_start = nb->module.len;
	nb->refs_line = line;
	for (size_t i = 0; i < nb->refs.len; i++) {
		const nb_ref *r = &nb->refs.items[i];
		tfms_buf_put(&nb->module, nb->orig.ptr + r->at, r->end - r->at);
		tfms_buf_puts(&nb->module, REF_SUFFIX "\n");
	}
}

int tfms_notebook_parse(tfms_notebook **out, const char *path, const char *data,
			size_t len)
{
	tfms_notebook *nb = tfms_calloc(1, sizeof(*nb));
	*out = nb;
	nb->raw = data;
	nb->raw_len = len;
	nb->path = tfms_strdup(path);
	tfms_buf_init(&nb->orig);
	tfms_buf_init(&nb->module);
	/* jansson decodes and allocates every string, megabytes of image
	 * data in outputs included, only for the checks below; the scan
	 * does them in one pass, and jansson's path runs (and words the
	 * error) when it says no. */
	if (!fast_structure(nb)) {
		json_error_t err;
		/* Duplicate keys would let the scanner and jansson disagree
		 * on which "source" counts. */
		json_t *root =
			json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
		if (!root)
			return tfms_error_set(
				"%s: not a valid notebook: line %d: %s", path,
				err.line, err.text);
		size_t ncells = 0;
		int rc = check_structure(path, root, &ncells);
		for (size_t i = 0; rc == 0 && i < ncells; i++) {
			nb_cell *cell = tfms_array_add(&nb->cells);
			cell->index = (uint32_t)(i + 1);
			cell->code = is_code(root, i);
		}
		json_decref(root);
		if (rc != 0)
			return rc;
	}
	if (scan_cells(nb, nb->cells.len) < 0)
		return invalid(path, "cannot locate the cell sources");
	build_module(nb);
	return 0;
}

void tfms_notebook_free(tfms_notebook *nb)
{
	if (!nb)
		return;
	for (size_t i = 0; i < nb->cells.len; i++) {
		tfms_array_free(&nb->cells.items[i].elems);
		tfms_array_free(&nb->cells.items[i].magic);
	}
	tfms_array_free(&nb->cells);
	tfms_array_free(&nb->refs);
	tfms_buf_dispose(&nb->orig);
	tfms_buf_dispose(&nb->module);
	free(nb->rawmap);
	free(nb->path);
	free(nb);
}

const char *tfms_notebook_module(const tfms_notebook *nb, size_t *len_out)
{
	*len_out = nb->module.len;
	return nb->module.ptr;
}

/* ---- Writing edits back ---- */

/* A piece of a cell's new source: original module bytes of one element
 * (copied from the file as they are spelled there) or new text. */
typedef struct {
	size_t elem;	  /* the element it belongs to */
	size_t a, b;	  /* module range; NEW: none */
	const char *text; /* NEW: the text (borrowed); else NULL */
	size_t text_len;
	bool syn; /* the module's added line break */
} piece;

typedef tfms_array(piece) piece_list;
typedef tfms_array(piece_list) line_list;

static void encode(tfms_buf *out, const char *s, size_t n, bool ascii)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"':
			tfms_buf_puts(out, "\\\"");
			break;
		case '\\':
			tfms_buf_puts(out, "\\\\");
			break;
		case '\n':
			tfms_buf_puts(out, "\\n");
			break;
		case '\r':
			tfms_buf_puts(out, "\\r");
			break;
		case '\t':
			tfms_buf_puts(out, "\\t");
			break;
		case '\b':
			tfms_buf_puts(out, "\\b");
			break;
		case '\f':
			tfms_buf_puts(out, "\\f");
			break;
		default:
			if (c < 0x20) {
				tfms_buf_printf(out, "\\u%04x", c);
			} else if (c >= 0x80 && ascii) {
				/* Decode one UTF-8 char; jansson checked the
				 * input, and new text comes from it or from
				 * ASCII rules. */
				int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
				unsigned cp = c & (0x3F >> extra);
				for (int k = 0; k < extra && i + 1 < n; k++)
					cp = (cp << 6) |
					     ((unsigned char)s[++i] & 0x3F);
				if (cp >= 0x10000) {
					cp -= 0x10000;
					tfms_buf_printf(out, "\\u%04x\\u%04x",
							0xD800 + (cp >> 10),
							0xDC00 + (cp & 0x3FF));
				} else {
					tfms_buf_printf(out, "\\u%04x", cp);
				}
			} else {
				tfms_buf_putc(out, (char)c);
			}
		}
	}
}

static const nb_elem *elem_of(const nb_cell *cell, size_t k)
{
	return &cell->elems.items[k];
}

/* The file's spelling of module bytes [a, b) of element k. */
static void put_orig(tfms_buf *out, const tfms_notebook *nb,
		     const nb_cell *cell, const piece *pc)
{
	const nb_elem *e = elem_of(cell, pc->elem);
	size_t ra = nb->rawmap[pc->a];
	size_t rb = pc->b == e->m_end ? e->raw_end : nb->rawmap[pc->b];
	tfms_buf_put(out, nb->raw + ra, rb - ra);
}

static void put_piece(tfms_buf *out, const tfms_notebook *nb,
		      const nb_cell *cell, const piece *pc)
{
	if (pc->syn)
		tfms_buf_puts(out, "\\n");
	else if (pc->text)
		encode(out, pc->text, pc->text_len, nb->ascii_escape);
	else
		put_orig(out, nb, cell, pc);
}

/* The element a module offset belongs to: the one starting there, or the
 * last one at the cell's end. */
static size_t elem_at(const nb_cell *cell, size_t m)
{
	for (size_t k = 0; k < cell->elems.len; k++)
		if (m < cell->elems.items[k].m_end)
			return k;
	return cell->elems.len ? cell->elems.len - 1 : 0;
}

static void add_orig(piece_list *pieces, const nb_cell *cell, size_t a,
		     size_t b)
{
	for (size_t k = 0; k < cell->elems.len && a < b; k++) {
		const nb_elem *e = &cell->elems.items[k];
		if (a >= e->m_end)
			continue;
		size_t stop = b < e->m_end ? b : e->m_end;
		if (stop > a)
			*tfms_array_add(pieces) =
				(piece){k, a, stop, NULL, 0, false};
		a = stop;
	}
	if (a < b) /* the added line break */
		*tfms_array_add(pieces) =
			(piece){elem_at(cell, a), a, b, NULL, 0, true};
}

static const char *piece_text(const tfms_notebook *nb, const piece *pc,
			      size_t *n)
{
	if (pc->syn) {
		*n = 1;
		return "\n";
	}
	if (pc->text) {
		*n = pc->text_len;
		return pc->text;
	}
	*n = pc->b - pc->a;
	return nb->orig.ptr + pc->a;
}

/* A cell that did not end with a line break still does not: the break
 * the module added goes, or, when an edit added lines at the end, sits
 * between them and the last new line loses its own. */
static void drop_added_break(piece_list *pieces)
{
	if (!pieces->len)
		return;
	size_t syn = pieces->len;
	for (size_t i = 0; i < pieces->len; i++)
		if (pieces->items[i].syn)
			syn = i;
	piece *last = &pieces->items[pieces->len - 1];
	if (last->syn) {
		pieces->len--;
		return;
	}
	if (last->text && last->text_len &&
	    last->text[last->text_len - 1] == '\n') {
		last->text_len--;
		if (syn < pieces->len) {
			piece *s = &pieces->items[syn];
			s->syn = false;
			s->text = "\n";
			s->text_len = 1;
		}
	}
}

/* Splits pieces into lines: each line ends after a '\n' (the last may
 * not). */
static void split_lines(const tfms_notebook *nb, const piece *in, size_t n,
			line_list *lines)
{
	piece_list cur = TFMS_ARRAY_INIT;
	for (size_t i = 0; i < n; i++) {
		piece pc = in[i];
		size_t len;
		const char *t = piece_text(nb, &pc, &len);
		size_t from = 0;
		for (size_t k = 0; k < len; k++) {
			if (t[k] != '\n')
				continue;
			piece part = pc;
			if (pc.text) {
				part.text = pc.text + from;
				part.text_len = k + 1 - from;
			} else if (!pc.syn) {
				part.a = pc.a + from;
				part.b = pc.a + k + 1;
			}
			tfms_array_push(&cur, part);
			tfms_array_push(lines, cur);
			memset(&cur, 0, sizeof(cur));
			from = k + 1;
		}
		if (from < len) {
			piece part = pc;
			if (pc.text) {
				part.text = pc.text + from;
				part.text_len = len - from;
			} else {
				part.a = pc.a + from;
			}
			tfms_array_push(&cur, part);
		}
	}
	if (cur.len)
		tfms_array_push(lines, cur);
}

/* Whether element k is exactly its original bytes in pieces. */
static bool elem_unchanged(const nb_cell *cell, const piece_list *pieces,
			   size_t k)
{
	const nb_elem *e = &cell->elems.items[k];
	size_t at = e->m_start;
	for (size_t i = 0; i < pieces->len; i++) {
		const piece *pc = &pieces->items[i];
		if (pc->elem != k || pc->syn)
			continue;
		if (pc->text || pc->a != at)
			return false;
		at = pc->b;
	}
	return at == e->m_end;
}

static void render_list(tfms_buf *out, const tfms_notebook *nb,
			const nb_cell *cell, const piece_list *pieces)
{
	const char *raw = nb->raw;
	size_t n = cell->elems.len;
	/* The layout around the strings: before the first, between two,
	 * after the last. */
	const char *lead = raw + cell->arr_start;
	size_t lead_len =
		n ? cell->elems.items[0].raw_start - 1 - cell->arr_start : 0;
	size_t trail_from =
		n ? cell->elems.items[n - 1].raw_end + 1 : cell->arr_end;
	tfms_buf sep = TFMS_BUF_INIT;
	if (n >= 2)
		tfms_buf_put(&sep, raw + cell->elems.items[0].raw_end + 1,
			     cell->elems.items[1].raw_start - 1 -
				     (cell->elems.items[0].raw_end + 1));
	else if (memchr(lead, '\n', lead_len))
		tfms_buf_printf(&sep, ",%.*s", (int)lead_len, lead);
	else
		tfms_buf_puts(&sep, ", ");

	tfms_buf body = TFMS_BUF_INIT;
	long prev = -2; /* the original element just written, or -2 */
	bool any = false;
	size_t i = 0;
	for (size_t k = 0; k < (n ? n : 1);) {
		bool same = n && elem_unchanged(cell, pieces, k);
		if (same) {
			const nb_elem *e = &cell->elems.items[k];
			if (any && prev == (long)k - 1) {
				size_t from =
					cell->elems.items[k - 1].raw_end + 1;
				tfms_buf_put(&body, raw + from,
					     e->raw_start - 1 - from);
			} else if (any)
				tfms_buf_put(&body, sep.ptr, sep.len);
			tfms_buf_put(&body, raw + e->raw_start - 1,
				     e->raw_end - e->raw_start + 2);
			any = true;
			prev = (long)k;
			k++;
			continue;
		}
		/* A run of changed elements becomes one string per line. */
		size_t stop = k;
		while (stop < n && !elem_unchanged(cell, pieces, stop))
			stop++;
		if (n == 0)
			stop = 1;
		piece_list run = TFMS_ARRAY_INIT;
		for (; i < pieces->len; i++) {
			if (pieces->items[i].elem >= stop)
				break;
			if (pieces->items[i].elem >= k)
				tfms_array_push(&run, pieces->items[i]);
		}
		line_list lines = TFMS_ARRAY_INIT;
		split_lines(nb, run.items, run.len, &lines);
		for (size_t l = 0; l < lines.len; l++) {
			if (any)
				tfms_buf_put(&body, sep.ptr, sep.len);
			tfms_buf_putc(&body, '"');
			for (size_t q = 0; q < lines.items[l].len; q++)
				put_piece(&body, nb, cell,
					  &lines.items[l].items[q]);
			tfms_buf_putc(&body, '"');
			any = true;
			tfms_array_free(&lines.items[l]);
		}
		tfms_array_free(&lines);
		tfms_array_free(&run);
		prev = -2;
		k = stop;
	}
	if (any) {
		tfms_buf_put(out, lead, lead_len);
		tfms_buf_put(out, body.ptr, body.len);
		tfms_buf_put(out, raw + trail_from, cell->arr_end - trail_from);
	}
	tfms_buf_dispose(&body);
	tfms_buf_dispose(&sep);
}

typedef struct {
	size_t start, end;
	char *text;
	size_t len;
} file_edit;

static bool in_magic(const nb_cell *cell, size_t a, size_t b)
{
	for (size_t i = 0; i + 1 < cell->magic.len; i += 2) {
		size_t ms = cell->magic.items[i], me = cell->magic.items[i + 1];
		if (a == b ? (a > ms && a < me) : (a < me && b > ms))
			return true;
	}
	return false;
}

/* The cell an edit goes into. An insertion where one cell ends and the
 * next starts goes to the start of the next, unless that one is opaque
 * or empty (a cell magic must stay first). */
static long cell_of(const tfms_notebook *nb, size_t a, size_t b)
{
	long found = -1;
	for (size_t i = 0; i < nb->cells.len; i++) {
		const nb_cell *c = &nb->cells.items[i];
		if (c->m_end == c->m_start ||
		    (c->opaque && a == b && a == c->m_start))
			continue;
		if (a >= c->m_start && a < c->m_end)
			return b <= c->m_end ? (long)i : -1;
		if (a == b && a == c->m_end && !c->opaque)
			found = (long)i;
	}
	return found;
}

/* An insertion that no cell before an opaque one takes (at the top of
 * the module, say) moves past the opaque cells: they are blank in the
 * module, so Python reads the same, and a cell magic stays first. */
static size_t past_opaque(const tfms_notebook *nb, size_t a)
{
	for (size_t i = 0; i < nb->cells.len; i++) {
		const nb_cell *c = &nb->cells.items[i];
		if (c->opaque && a >= c->m_start && a < c->m_end)
			a = c->m_end;
	}
	return a;
}

static int edit_error(const tfms_notebook *nb, const tfms_edit *e,
		      const char *why)
{
	return tfms_error_set("%s: cannot write the edit of %s back: %s",
			      nb->path, e->origin ? e->origin : "?", why);
}

static int cell_pieces(const tfms_notebook *nb, const nb_cell *cell,
		       const tfms_edit *edits, size_t n, piece_list *out)
{
	size_t pos = cell->m_start;
	for (size_t i = 0; i < n; i++) {
		const tfms_edit *e = &edits[i];
		if (cell->opaque || in_magic(cell, e->start, e->end))
			return edit_error(nb, e, "it touches IPython syntax");
		if ((e->start < cell->m_end &&
		     nb->rawmap[e->start] == RAW_CONT) ||
		    (e->end < cell->m_end && nb->rawmap[e->end] == RAW_CONT))
			return edit_error(nb, e, "it splits an escaped char");
		add_orig(out, cell, pos, e->start);
		size_t len = strlen(e->text);
		if (len)
			*tfms_array_add(out) = (piece){elem_at(cell, e->start),
						       0,
						       0,
						       e->text,
						       len,
						       false};
		pos = e->end;
	}
	add_orig(out, cell, pos, cell->m_end);
	if (cell->syn)
		drop_added_break(out);
	return 0;
}

static void render_cell(tfms_buf *out, const tfms_notebook *nb,
			const nb_cell *cell, const piece_list *pieces,
			size_t *start, size_t *end)
{
	if (cell->list) {
		*start = cell->arr_start;
		*end = cell->arr_end;
		render_list(out, nb, cell, pieces);
		return;
	}
	const nb_elem *e = &cell->elems.items[0];
	*start = e->raw_start;
	*end = e->raw_end;
	for (size_t i = 0; i < pieces->len; i++)
		put_piece(out, nb, cell, &pieces->items[i]);
}

int tfms_notebook_apply(const tfms_notebook *nb, const tfms_edit_list *edits,
			char **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	tfms_array(file_edit) fe = TFMS_ARRAY_INIT;
	/* A shallow copy whose insertions may move (see past_opaque). */
	tfms_edit *list = tfms_calloc(edits->len + 1, sizeof(*list));
	long *cells = tfms_calloc(edits->len + 1, sizeof(*cells));
	for (size_t k = 0; k < edits->len; k++) {
		list[k] = edits->items[k];
		cells[k] = cell_of(nb, list[k].start, list[k].end);
		if (cells[k] < 0 && list[k].start == list[k].end) {
			list[k].start = list[k].end =
				past_opaque(nb, list[k].start);
			cells[k] = cell_of(nb, list[k].start, list[k].end);
		}
	}
	int rc = 0;
	size_t i = 0;
	while (i < edits->len && rc == 0) {
		long c = cells[i];
		if (c < 0) {
			rc = edit_error(nb, &list[i], "it spans two cells");
			break;
		}
		size_t j = i + 1;
		while (j < edits->len && cells[j] == c)
			j++;
		const nb_cell *cell = &nb->cells.items[c];
		piece_list pieces = TFMS_ARRAY_INIT;
		rc = cell_pieces(nb, cell, list + i, j - i, &pieces);
		if (rc == 0) {
			tfms_buf text = TFMS_BUF_INIT;
			file_edit *f = tfms_array_add(&fe);
			render_cell(&text, nb, cell, &pieces, &f->start,
				    &f->end);
			f->text = tfms_buf_detach(&text, &f->len);
		}
		tfms_array_free(&pieces);
		i = j;
	}
	if (rc == 0) {
		tfms_buf result = TFMS_BUF_INIT;
		size_t pos = 0;
		for (size_t k = 0; k < fe.len; k++) {
			tfms_buf_put(&result, nb->raw + pos,
				     fe.items[k].start - pos);
			tfms_buf_put(&result, fe.items[k].text,
				     fe.items[k].len);
			pos = fe.items[k].end;
		}
		tfms_buf_put(&result, nb->raw + pos, nb->raw_len - pos);
		*out = tfms_buf_detach(&result, out_len);
	}
	for (size_t k = 0; k < fe.len; k++)
		free(fe.items[k].text);
	tfms_array_free(&fe);
	free(list);
	free(cells);
	return rc;
}

/* ---- Positions ---- */

static const nb_cell *cell_at_line(const tfms_notebook *nb, uint32_t line)
{
	const nb_cell *found = NULL;
	for (size_t i = 0; i < nb->cells.len; i++) {
		const nb_cell *c = &nb->cells.items[i];
		if (c->m_end > c->m_start && c->first_line <= line)
			found = c;
	}
	return found;
}

static void locate(const tfms_notebook *nb, uint32_t *cell, uint32_t *line,
		   uint32_t *end_line)
{
	const nb_cell *c = cell_at_line(nb, *line);
	if (!c)
		return;
	*cell = c->index;
	*line = *line - c->first_line + 1;
	*end_line = *end_line >= c->first_line ? *end_line - c->first_line + 1
					       : *line;
}

static uint32_t columns(const char *p, const char *end)
{
	uint32_t n = 0;
	for (; p < end; p++)
		n += ((unsigned char)*p & 0xC0) != 0x80;
	return n;
}

/* A finding on a reference line is about the name in IPython syntax. */
static void locate_ref(const tfms_notebook *nb, tfms_finding *f)
{
	const nb_ref *r = &nb->refs.items[f->line - nb->refs_line];
	const nb_cell *c = &nb->cells.items[r->cell];
	const char *t = nb->orig.ptr;
	f->cell = c->index;
	f->line = 1;
	for (size_t k = c->m_start; k < r->line_start; k++)
		f->line += t[k] == '\n';
	f->end_line = f->line;
	f->column = columns(t + r->line_start, t + r->at) + 1;
	f->end_column = f->column + columns(t + r->at, t + r->end);
	size_t n = strlen(f->api), sn = strlen(REF_SUFFIX);
	if (n > sn && strcmp(f->api + n - sn, REF_SUFFIX) == 0)
		f->api[n - sn] = '\0';
	free(f->message);
	f->message = tfms_strdup("used by IPython syntax (a magic, shell or "
				 "help line), which is never rewritten; its "
				 "import stays");
	free(f->source_line);
	const char *nl =
		memchr(t + r->line_start, '\n', nb->orig.len - r->line_start);
	f->source_line = tfms_strndup(t + r->line_start,
				      nl ? (size_t)(nl - (t + r->line_start))
					 : nb->orig.len - r->line_start);
	f->kind = TFMS_FINDING_NOT_DROP_IN;
}

void tfms_notebook_locate(const tfms_notebook *nb, tfms_results *results)
{
	for (size_t i = 0; i < results->nconversions; i++) {
		tfms_conversion *c = &results->conversions[i];
		locate(nb, &c->cell, &c->line, &c->end_line);
	}
	for (size_t i = 0; i < results->nfindings; i++) {
		tfms_finding *f = &results->findings[i];
		if (f->line >= nb->refs_line &&
		    f->line - nb->refs_line < nb->refs.len)
			locate_ref(nb, f);
		else
			locate(nb, &f->cell, &f->line, &f->end_line);
	}
}
