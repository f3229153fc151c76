/* memmem */
#define _GNU_SOURCE
#include "tfms/project.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/hash.h"
#include "tfms/notebook.h"
#include "tfms/source.h"
#include "tfms/stmtsplit.h"

#include <stdlib.h>
#include <string.h>

/* A set of names (open addressing; keys owned), so that the text scan
 * stays linear however many directories and modules the project has. */
typedef struct {
	char **slots;
	size_t cap, len;
} name_set;

/* Each file's view of the project: the env's payload. */
typedef struct {
	tfms_resolve_env env;
	const tfms_project *project;
	size_t index;
} file_env;

typedef struct {
	char *key; /* module path: "pkg/mod" for pkg/mod.py and pkg/mod/ */
	size_t index;
} module_slot;

struct tfms_project {
	const tfms_input_list *files;
	char **paths;	    /* each file's path, without "./" */
	module_slot *slots; /* open addressing over module keys */
	size_t cap;
	tfms_module_exports *exports; /* per file; empty until analysed */
	bool *wants;
	file_env *envs;
	char **names; /* every exported name, for the env */
	size_t nnames, names_cap;
	name_set names_seen; /* the names in names */
	/* While the pre-pass analyses file `recording`, the modules it
	 * imports; SIZE_MAX otherwise (the env is then read-only). */
	size_t recording;
	tfms_array(size_t) deps_found;
	size_t analysed;
	size_t skipped; /* top-level statements left unparsed */
};

typedef tfms_array(uint32_t) u32_array;

/* Off only for the differential check (tfms_project_skip_definitions). */
static bool skip_definitions = true;

static uint64_t hash_key(const char *s, size_t len)
{
	return tfms_hash_bytes(s, len, 0);
}

static bool set_has(const name_set *set, const char *s, size_t len)
{
	if (!set->cap)
		return false;
	size_t j = hash_key(s, len) & (set->cap - 1);
	for (; set->slots[j]; j = (j + 1) & (set->cap - 1))
		if (strlen(set->slots[j]) == len &&
		    memcmp(set->slots[j], s, len) == 0)
			return true;
	return false;
}

static void set_put(name_set *set, char *key)
{
	size_t j = hash_key(key, strlen(key)) & (set->cap - 1);
	while (set->slots[j])
		j = (j + 1) & (set->cap - 1);
	set->slots[j] = key;
}

/* Adds s[0..len) unless present. */
static void set_add(name_set *set, const char *s, size_t len)
{
	if (set_has(set, s, len))
		return;
	/* At most half full, so probes stay short. */
	if (2 * (set->len + 1) > set->cap) {
		name_set bigger = {NULL, set->cap ? 2 * set->cap : 64, 0};
		bigger.slots = tfms_calloc(bigger.cap, sizeof(char *));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i])
				set_put(&bigger, set->slots[i]);
		free(set->slots);
		set->slots = bigger.slots;
		set->cap = bigger.cap;
	}
	set_put(set, tfms_strndup(s, len));
	set->len++;
}

static void set_dispose(name_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slots[i]);
	free(set->slots);
	memset(set, 0, sizeof(*set));
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static void add_module(tfms_project *p, const char *key, size_t len,
		       size_t index)
{
	size_t j = hash_key(key, len) & (p->cap - 1);
	while (p->slots[j].key) {
		if (strlen(p->slots[j].key) == len &&
		    memcmp(p->slots[j].key, key, len) == 0)
			return; /* the first file of a module wins */
		j = (j + 1) & (p->cap - 1);
	}
	p->slots[j].key = tfms_strndup(key, len);
	p->slots[j].index = index;
}

static bool find_key(const tfms_project *p, const char *key, size_t len,
		     size_t *index)
{
	size_t j = hash_key(key, len) & (p->cap - 1);
	while (p->slots[j].key) {
		if (strlen(p->slots[j].key) == len &&
		    memcmp(p->slots[j].key, key, len) == 0) {
			*index = p->slots[j].index;
			return true;
		}
		j = (j + 1) & (p->cap - 1);
	}
	return false;
}

/* The length of path's directory part ("" for a bare name). */
static size_t dir_len(const char *path, size_t len)
{
	while (len && path[len - 1] != '/')
		len--;
	return len ? len - 1 : 0;
}

/* dir + "/" + rel, or either alone when the other is empty. */
static bool lookup_in(const tfms_project *p, const char *dir, size_t dlen,
		      const char *rel, size_t rlen, size_t *index)
{
	tfms_buf key = TFMS_BUF_INIT;
	tfms_buf_put(&key, dir, dlen);
	if (dlen && rlen)
		tfms_buf_putc(&key, '/');
	tfms_buf_put(&key, rel, rlen);
	bool found = key.len && find_key(p, key.ptr, key.len, index);
	tfms_buf_dispose(&key);
	return found;
}

static const tfms_module_exports *find_module(const tfms_resolve_env *env,
					      unsigned level,
					      const char *dotted, size_t len)
{
	const file_env *fe = env->payload;
	tfms_project *p = (tfms_project *)fe->project;
	const char *path = p->paths[fe->index];
	tfms_buf rel = TFMS_BUF_INIT;
	for (size_t i = 0; i < len; i++)
		if (dotted[i] != ' ' && dotted[i] != '\t')
			tfms_buf_putc(&rel, dotted[i] == '.' ? '/' : dotted[i]);
	size_t dlen = dir_len(path, strlen(path));
	size_t index = 0;
	bool found = false;
	if (level > 0) {
		/* from . import x: the package the file is in; each more dot
		 * one directory up. */
		bool ok = true;
		for (unsigned k = 1; k < level && ok; k++) {
			ok = dlen > 0;
			dlen = dir_len(path, dlen);
		}
		found = ok &&
			lookup_in(p, path, dlen, rel.ptr, rel.len, &index);
	} else {
		for (;;) {
			found = lookup_in(p, path, dlen, rel.ptr, rel.len,
					  &index);
			if (found || dlen == 0)
				break;
			dlen = dir_len(path, dlen);
		}
	}
	tfms_buf_dispose(&rel);
	if (!found)
		return NULL;
	if (p->recording != SIZE_MAX)
		tfms_array_push(&p->deps_found, index);
	return &p->exports[index];
}

static void append_name(tfms_project *p, const char *name)
{
	if (p->nnames == p->names_cap) {
		p->names_cap = p->names_cap ? 2 * p->names_cap : 16;
		p->names =
			tfms_realloc(p->names, p->names_cap * sizeof(char *));
	}
	p->names[p->nnames++] = tfms_strdup(name);
}

static void clear_names(tfms_project *p)
{
	for (size_t i = 0; i < p->nnames; i++)
		free(p->names[i]);
	p->nnames = 0;
	set_dispose(&p->names_seen);
}

/* Every name a module exports, once, in file order: the resolver's
 * candidates. */
static void collect_names(tfms_project *p)
{
	clear_names(p);
	for (size_t i = 0; i < p->files->len; i++) {
		const tfms_module_exports *m = &p->exports[i];
		for (size_t k = 0; k < m->len; k++) {
			const char *name = m->items[k].name;
			size_t len = strlen(name);
			if (set_has(&p->names_seen, name, len))
				continue;
			set_add(&p->names_seen, name, len);
			append_name(p, name);
		}
	}
}

/* After module i's exports went from old to p->exports[i]: its new names
 * join the list, so that the work stays proportional to the change
 * rather than to the project. The list is rebuilt only when a name
 * left old (the rest of the project may still export it). Only
 * membership matters while the worklist runs; the order is file order
 * again at its end (collect_names). */
static void update_names(tfms_project *p, size_t i,
			 const tfms_module_exports *old)
{
	const tfms_module_exports *m = &p->exports[i];
	name_set now = {0};
	for (size_t k = 0; k < m->len; k++)
		set_add(&now, m->items[k].name, strlen(m->items[k].name));
	bool lost = false;
	for (size_t k = 0; k < old->len && !lost; k++)
		lost = !set_has(&now, old->items[k].name,
				strlen(old->items[k].name));
	set_dispose(&now);
	if (lost) {
		collect_names(p);
		return;
	}
	for (size_t k = 0; k < m->len; k++) {
		const char *name = m->items[k].name;
		size_t len = strlen(name);
		if (set_has(&p->names_seen, name, len))
			continue;
		set_add(&p->names_seen, name, len);
		append_name(p, name);
	}
}

/* The env of file i sees the list as it is now (the list may have moved
 * since the file was last analysed). */
static void point_env_at_names(tfms_project *p, size_t i)
{
	p->envs[i].env.names = (const char *const *)p->names;
	p->envs[i].env.nnames = p->nnames;
}

/* ---- Which files may import from the project ---- */

/* Every directory and module name in the project's paths: the first
 * name of an absolute import of a project module is one of them. */
static void path_names(const tfms_project *p, name_set *out)
{
	for (size_t i = 0; i < p->files->len; i++) {
		const char *path = p->paths[i];
		for (const char *s = path; *s;) {
			const char *e = strchr(s, '/');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			if (!e && ends_with(s, n, ".py"))
				n -= 3;
			if (n)
				set_add(out, s, n);
			s = e ? e + 1 : s + n;
			if (!e)
				break;
		}
	}
}

static bool is_word(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || (ch & 0x80);
}

/* A from-import that may name a project module: `from .`, or `from X`
 * where X is a name of the project's paths, or any star import. Text
 * only: a false positive costs one parse, a miss cannot happen for
 * statements that start with `from` (`x = 1; from a import *` is missed
 * unless it is a star import). */
static bool may_import_project(const char *text, size_t len,
			       const name_set *names)
{
	const char *end = text + len;
	for (const char *p = text;
	     (p = memmem(p, (size_t)(end - p), "from", 4)); p += 4) {
		if ((p > text && is_word(p[-1])) || p + 4 >= end ||
		    is_word(p[4]))
			continue;
		const char *q = p + 4;
		while (q < end && (*q == ' ' || *q == '\t' || *q == '\\' ||
				   *q == '\n' || *q == '\r'))
			q++;
		if (q < end && *q == '.')
			return true;
		const char *w = q;
		while (q < end && is_word(*q))
			q++;
		if (q > w && set_has(names, w, (size_t)(q - w)))
			return true;
	}
	return tfms_text_has_star_import(text, len);
}

/* ---- Notebooks ---- */

/* The pre-pass reads a notebook's bytes as they are, JSON, not its code
 * cells. Its analysis can only matter through an import statement: a
 * module found (which joins the worklist and becomes imported), a name
 * bound to TF (exports, uses). A well-formed JSON document has none: read
 * as Python, it is one expression of strings, numbers, brackets and the
 * names true, false and null, with no keyword, so no import. This says
 * whether text is such a document (strictly: strings without raw control
 * characters, so that Python reads each JSON string as one string; no
 * `"""`; nesting checked), in one pass with no recursion. Anything else,
 * a notebook that is not JSON, is analysed as before. */
static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* A JSON string at *pp: advances past it. */
static bool json_string(const char **pp, const char *end)
{
	const char *p = *pp + 1;
	for (; p < end && *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return false;
		if (*p == '\\' && ++p == end)
			return false;
	}
	if (p == end)
		return false;
	*pp = p + 1;
	/* `""` and then `"` would open a triple-quoted string */
	return *pp == end || **pp != '"';
}

/* A JSON scalar other than a string (true, false, null, a number). */
static bool json_scalar(const char **pp, const char *end)
{
	static const char *const words[] = {"true", "false", "null"};
	const char *p = *pp;
	for (size_t k = 0; k < 3; k++) {
		size_t n = strlen(words[k]);
		if ((size_t)(end - p) >= n && memcmp(p, words[k], n) == 0) {
			p += n;
			goto tail;
		}
	}
	/* -?(0|[1-9]digits)(.digits)?([eE][+-]?digits)? */
	if (p < end && *p == '-')
		p++;
	const char *d = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p == d || (*d == '0' && p - d > 1))
		return false;
	if (p < end && *p == '.') {
		d = ++p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == d)
			return false;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		d = p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == d)
			return false;
	}
tail:
	if (p < end && (is_word(*p) || *p == '"' || *p == '.'))
		return false;
	*pp = p;
	return true;
}

/* The pre-pass reads a notebook's bytes as they are, JSON, not its code
 * cells. Its analysis can only matter through an import statement: a
 * module found (which joins the worklist and becomes imported), a name
 * bound to TF (exports, uses). A well-formed JSON document has none: read
 * as Python it is one expression, a dict or list display of strings,
 * numbers and the names true, false and null, with no keyword at all.
 * This says whether text is such a document, strictly (strings without
 * raw control characters, so Python reads each as one string; no `"""`),
 * in one pass without recursion. Anything else (a notebook that is not
 * JSON) is analysed as before. */
static bool is_plain_json(const char *text, size_t len)
{
	enum { VALUE, KEY_OR_CLOSE, KEY, COLON, NEXT } want = VALUE;
	const char *p = text, *end = text + len;
	tfms_array(char) stack = TFMS_ARRAY_INIT; /* '{' or '[' per level */
	bool ok = false, started = false;
	for (;;) {
		while (p < end && is_blank(*p))
			p++;
		if (p == end) {
			ok = started && want == NEXT && stack.len == 0;
			break;
		}
		if (started && want == NEXT && stack.len == 0)
			break; /* text after the document */
		started = true;
		char ch = *p;
		char top = stack.len ? stack.items[stack.len - 1] : 0;
		if (want == VALUE || want == KEY_OR_CLOSE || want == KEY) {
			if (ch == '}' && want == KEY_OR_CLOSE) {
				stack.len--;
				p++;
				want = NEXT;
			} else if (ch == ']' && want == VALUE && top == '[' &&
				   p[-1] == '[') {
				/* [] (only right after the '[' itself) */
				stack.len--;
				p++;
				want = NEXT;
			} else if (ch == '"') {
				if (!json_string(&p, end))
					break;
				want = want == VALUE ? NEXT : COLON;
			} else if (want != VALUE) {
				break; /* a key is a string */
			} else if (ch == '{' || ch == '[') {
				tfms_array_push(&stack, ch);
				p++;
				want = ch == '{' ? KEY_OR_CLOSE : VALUE;
			} else if (!json_scalar(&p, end)) {
				break;
			} else {
				want = NEXT;
			}
		} else if (want == COLON) {
			if (ch != ':')
				break;
			p++;
			want = VALUE;
		} else if (ch == ',' && top) {
			p++;
			want = top == '{' ? KEY : VALUE;
		} else if ((ch == '}' && top == '{') ||
			   (ch == ']' && top == '[')) {
			stack.len--;
			p++;
		} else {
			break;
		}
	}
	tfms_array_free(&stack);
	return ok;
}

/* ---- Definitions the pre-pass need not parse ---- */

static bool has_word(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	const char *end = s + len;
	for (const char *p = s; (p = memmem(p, (size_t)(end - p), word, n));
	     p += n)
		if ((p == s || !is_word(p[-1])) &&
		    (p + n == end || !is_word(p[n])))
			return true;
	return false;
}

/* Whether every occurrence of the word name in s[0..len) is the function
 * of a call (`name(`, not after def or class) or an attribute (`.name`):
 * the resolver counts any other as a rebinding of the builtin (text only:
 * occurrences in strings and comments count too, which is safe). */
static bool only_called(const char *s, size_t len, const char *name)
{
	size_t n = strlen(name);
	const char *end = s + len;
	for (const char *p = s; (p = memmem(p, (size_t)(end - p), name, n));
	     p += n) {
		if ((p > s && is_word(p[-1])) || (p + n < end && is_word(p[n])))
			continue;
		const char *b = p;
		while (b > s && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > s && b[-1] == '.')
			continue;
		const char *w = b;
		while (w > s && is_word(w[-1]))
			w--;
		if ((b - w == 3 && memcmp(w, "def", 3) == 0) ||
		    (b - w == 5 && memcmp(w, "class", 5) == 0))
			return false;
		const char *q = p + n;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q == end || *q != '(')
			return false;
	}
	return true;
}

/* Whether chunk [s, s+len) is a top-level def, async def or class
 * (decorated or not) whose text holds none of what the resolver finds by
 * text over the whole tree (tfms_analyze_skipping) nor, to be safe, what
 * binds names outside the definition's own scopes or marks it for the
 * walk whatever the candidates: an import, global, nonlocal, __all__, a
 * `from`. The resolver still checks that no candidate name occurs in it. */
static bool skippable(const char *s, size_t len)
{
	static const char *const needles[] = {
		"import",
		"global",
		"nonlocal",
		"__all__",
	};
	static const char *const builtins[] = {
		"isinstance", "issubclass", "getattr", "hasattr", "setattr",
	};
	size_t i = 0;
	while (i < len) { /* blank and comment lines first */
		if (s[i] == '#') {
			while (i < len && s[i] != '\n')
				i++;
		} else if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
			   s[i] == '\r') {
			i++;
		} else {
			break;
		}
	}
	const char *t = s + i;
	size_t n = len - i;
	if (!(n && t[0] == '@') &&
	    !(n > 4 && memcmp(t, "def", 3) == 0 && !is_word(t[3])) &&
	    !(n > 6 && memcmp(t, "async", 5) == 0 && !is_word(t[5])) &&
	    !(n > 6 && memcmp(t, "class", 5) == 0 && !is_word(t[5])))
		return false;
	for (size_t k = 0; k < sizeof(needles) / sizeof(needles[0]); k++)
		if (has_word(s, len, needles[k]))
			return false;
	for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]); k++)
		if (!only_called(s, len, builtins[k]))
			return false;
	/* The resolver refuses a file whose walk nests too deep (more than
	 * 2,000 definitions, lambdas, assignments, clauses...): each level
	 * costs at most a few of these tokens, so a definition with fewer
	 * cannot reach that depth, and skipping it cannot hide a refusal. */
	size_t tokens = 0;
	for (size_t k = 0; k < len; k++)
		tokens += s[k] == ':' || s[k] == '=';
	if (tokens > 400)
		return false;
	return !memmem(s, len, ":=", 2);
}

/* The top-level definitions of text to skip, as pairs of offsets, one
 * pair each; none when the splitter gives up or nothing
 * would be parsed. */
static void skip_ranges(u32_array *out, const char *text, size_t len)
{
	out->len = 0;
	tfms_stmt_list chunks;
	if (tfms_stmtsplit(&chunks, text, len) == 0) {
		size_t nskipped = 0;
		for (size_t k = 0; k < chunks.len; k++) {
			uint32_t s = chunks.items[k].start,
				 e = chunks.items[k].end;
			if (!skippable(text + s, e - s))
				continue;
			nskipped++;
			tfms_array_push(out, s);
			tfms_array_push(out, e);
		}
		if (nskipped == chunks.len)
			out->len = 0;
	}
	tfms_stmt_list_dispose(&chunks);
}

/* Rounds of tfms_analyze_skipping before the whole file is parsed. */
enum { MAX_SKIP_ROUNDS = 4 };

/* tfms_analyze_skipping over the definitions skippable() allows. When
 * it refuses because of the names of some of them, again without those;
 * when need_uses and the uses outside them are none, again without those
 * that may hold one. 1 when the whole file must be analysed. */
static int analyse_skipping(tfms_project *p, tfms_python *py,
			    const tfms_source *src, tfms_analysis *a, size_t i,
			    bool need_uses)
{
	u32_array skip = TFMS_ARRAY_INIT;
	if (skip_definitions)
		skip_ranges(&skip, src->data, src->len);
	int rc = 1;
	bool uses_round = false;
	for (int round = 0; round < MAX_SKIP_ROUNDS && skip.len; round++) {
		size_t n = skip.len / 2;
		bool *hits = tfms_calloc(n, sizeof(bool));
		p->deps_found.len = 0;
		rc = tfms_analyze_skipping(a, py, src, &p->envs[i].env,
					   skip.items, n, hits);
		size_t kept = 0;
		for (size_t k = 0; k < n; k++)
			if (!hits[k]) {
				skip.items[2 * kept] = skip.items[2 * k];
				skip.items[2 * kept + 1] =
					skip.items[2 * k + 1];
				kept++;
			}
		free(hits);
		if (rc < 0 || kept == n)
			break;
		if (rc == 1) {
			/* Definitions whose names are candidates: parse them
			 * too (the names may be bound to TF). */
			skip.len = 2 * kept;
			continue;
		}
		if (!need_uses || a->nuses || uses_round)
			break;
		/* Uses may hide in the definitions hit: parse them too. */
		uses_round = true;
		tfms_analysis_dispose(a);
		rc = 1;
		skip.len = 2 * kept;
	}
	if (rc == 0)
		p->skipped += skip.len / 2;
	tfms_array_free(&skip);
	return rc;
}

/* ---- The worklist ---- */

/* Analyses file i with the exports known so far; its modules found go
 * to p->deps_found. Returns whether its exports changed. */
static bool analyse(tfms_project *p, tfms_python *py, size_t i,
		    tfms_project_read_fn read, void *payload)
{
	char *data = NULL;
	size_t len = 0;
	p->deps_found.len = 0;
	if (read(payload, i, &data, &len) < 0) {
		tfms_error_clear();
		return false;
	}
	/* A notebook that is plain JSON imports nothing (is_plain_json). */
	if (tfms_notebook_is_path(p->files->items[i].display) &&
	    is_plain_json(data, len)) {
		free(data);
		return false;
	}
	tfms_source src;
	bool changed = false;
	if (tfms_source_init(&src, p->files->items[i].display,
			     tfms_strndup(data, len), len) == 0) {
		tfms_analysis a;
		p->recording = i;
		point_env_at_names(p, i);
		/* Whether the file has uses decides wants only where the
		 * run would not analyse it anyway: a notebook (whose cells
		 * the run reads, not these bytes), or a file that does not
		 * spell tensorflow (process.c). */
		bool need_uses =
			tfms_notebook_is_path(p->files->items[i].display) ||
			!tfms_text_may_use_tf(data, len);
		int rc = analyse_skipping(p, py, &src, &a, i, need_uses);
		if (rc == 1) {
			p->deps_found.len = 0; /* found again */
			rc = tfms_analyze_in(&a, py, &src, &p->envs[i].env);
		}
		if (rc == 0) {
			p->wants[i] = need_uses && a.nuses > 0;
			if (!tfms_module_exports_equal(&a.exports,
						       &p->exports[i])) {
				tfms_module_exports old = p->exports[i];
				p->exports[i] = a.exports;
				memset(&a.exports, 0, sizeof(a.exports));
				update_names(p, i, &old);
				tfms_module_exports_dispose(&old);
				changed = true;
			}
		}
		tfms_error_clear();
		p->recording = SIZE_MAX;
		tfms_analysis_dispose(&a);
	}
	tfms_source_dispose(&src);
	free(data);
	p->analysed++;
	return changed;
}

int tfms_project_build(tfms_project **out, const tfms_input_list *files,
		       tfms_project_read_fn read, void *payload)
{
	*out = NULL;
	tfms_python *py = NULL;
	if (tfms_python_new(&py) < 0)
		return -1;
	tfms_project *p = tfms_calloc(1, sizeof(*p));
	size_t n = files->len;
	p->files = files;
	p->recording = SIZE_MAX;
	p->paths = tfms_calloc(n + 1, sizeof(char *));
	p->exports = tfms_calloc(n + 1, sizeof(tfms_module_exports));
	p->wants = tfms_calloc(n + 1, sizeof(bool));
	p->envs = tfms_calloc(n + 1, sizeof(file_env));
	p->cap = 16;
	while (p->cap < 2 * n + 2)
		p->cap *= 2;
	p->slots = tfms_calloc(p->cap, sizeof(module_slot));
	for (size_t i = 0; i < n; i++) {
		const char *path = files->items[i].path;
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		p->paths[i] = tfms_strdup(path);
		p->envs[i] = (file_env){
			{find_module, NULL, 0, false, &p->envs[i]}, p, i};
		size_t len = strlen(path);
		if (!ends_with(path, len, ".py"))
			continue;
		len -= 3;
		if (ends_with(path, len, "__init__") &&
		    (len == 8 || path[len - 9] == '/'))
			add_module(p, path, len == 8 ? 0 : len - 9, i);
		else
			add_module(p, path, len, i);
	}

	/* The files that may import from the project start the worklist;
	 * the modules they name join it as they are found. */
	name_set names = {0};
	path_names(p, &names);
	bool *queued = tfms_calloc(n + 1, sizeof(bool));
	tfms_array(size_t) queue = TFMS_ARRAY_INIT;
	tfms_array(size_t) deps = TFMS_ARRAY_INIT; /* pairs: importer, module */
	for (size_t i = 0; i < n; i++) {
		char *data = NULL;
		size_t len = 0;
		if (read(payload, i, &data, &len) < 0) {
			tfms_error_clear();
			continue;
		}
		if (may_import_project(data, len, &names)) {
			tfms_array_push(&queue, i);
			queued[i] = true;
		}
		free(data);
	}
	set_dispose(&names);

	/* Exports only grow along a chain (a name bound to TF stays TF or
	 * becomes dynamic), so this settles; the budget is a guard. */
	bool *done = tfms_calloc(n + 1, sizeof(bool));
	size_t budget = 4 * queue.len + 4 * n + 16;
	for (size_t head = 0; head < queue.len && budget; head++, budget--) {
		size_t i = queue.items[head];
		queued[i] = false;
		bool changed = analyse(p, py, i, read, payload);
		done[i] = true;
		for (size_t k = 0; k < deps.len; k += 2)
			if (deps.items[k] == i)
				deps.items[k] = deps.items[k + 1] = SIZE_MAX;
		for (size_t k = 0; k < p->deps_found.len; k++) {
			size_t m = p->deps_found.items[k];
			tfms_array_push(&deps, i);
			tfms_array_push(&deps, m);
			if (!done[m] && !queued[m]) {
				tfms_array_push(&queue, m);
				queued[m] = true;
			}
		}
		if (!changed)
			continue;
		for (size_t k = 0; k < deps.len; k += 2) {
			size_t importer = deps.items[k];
			if (deps.items[k + 1] == i && importer != SIZE_MAX &&
			    !queued[importer]) {
				tfms_array_push(&queue, importer);
				queued[importer] = true;
			}
		}
	}
	collect_names(p);
	set_dispose(&p->names_seen);
	for (size_t i = 0; i < n; i++)
		point_env_at_names(p, i);
	for (size_t k = 0; k < deps.len; k += 2)
		if (deps.items[k] != SIZE_MAX &&
		    deps.items[k + 1] != deps.items[k])
			p->envs[deps.items[k + 1]].env.imported = true;
	free(done);
	free(queued);
	tfms_array_free(&queue);
	tfms_array_free(&deps);
	tfms_array_free(&p->deps_found);
	tfms_python_free(py);
	*out = p;
	return 0;
}

void tfms_project_free(tfms_project *p)
{
	if (!p)
		return;
	size_t n = p->files->len;
	for (size_t i = 0; i < n; i++) {
		free(p->paths[i]);
		tfms_module_exports_dispose(&p->exports[i]);
	}
	for (size_t j = 0; j < p->cap; j++)
		free(p->slots[j].key);
	for (size_t i = 0; i < p->nnames; i++)
		free(p->names[i]);
	free(p->names);
	free(p->slots);
	free(p->paths);
	free(p->exports);
	free(p->wants);
	free(p->envs);
	free(p);
}

bool tfms_project_wants(const tfms_project *p, size_t index)
{
	return p && index < p->files->len && p->wants[index];
}

const tfms_resolve_env *tfms_project_env(const tfms_project *p, size_t index)
{
	return p && index < p->files->len ? &p->envs[index].env : NULL;
}

size_t tfms_project_analysed(const tfms_project *p)
{
	return p ? p->analysed : 0;
}

size_t tfms_project_skipped(const tfms_project *p)
{
	return p ? p->skipped : 0;
}

const tfms_module_exports *tfms_project_exports(const tfms_project *p,
						size_t index)
{
	return p && index < p->files->len ? &p->exports[index] : NULL;
}

void tfms_project_skip_definitions(bool on)
{
	skip_definitions = on;
}
