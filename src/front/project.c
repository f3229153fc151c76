/* memmem */
#define _GNU_SOURCE
#include "tfms/project.h"
#include "tfms/alloc.h"
#include "tfms/array.h"
#include "tfms/buf.h"
#include "tfms/error.h"
#include "tfms/notebook.h"
#include "tfms/source.h"
#include "tfms/stmtsplit.h"
#include "tfms/strmap.h"
#include "tfms/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Names mapped to indexes, keys owned (a tfms_strmap borrows its keys):
 * the project's modules, and the sets that keep the text scan linear
 * however many directories and modules the project has. */
typedef struct {
	tfms_strmap map;
	tfms_array(char *) keys;
} name_map;

typedef struct prepass_worker prepass_worker;

/* Each file's view of the project: the env's payload. */
typedef struct {
	tfms_resolve_env env;
	const tfms_project *project;
	size_t index;
	/* The pre-pass worker analysing the file, which records the modules
	 * it finds; NULL once the project is built (the env is read-only). */
	prepass_worker *worker;
} file_env;

typedef tfms_array(size_t) size_array;

typedef struct {
	size_t file;
	uint64_t stamp; /* the commit of the analysis that found the import */
} importer;
typedef tfms_array(importer) importer_array;

/* The pre-pass's worklist; shared by its workers under project->lock.
 * Positions in queue: [0, next) committed, [next, head) analysed or
 * being analysed ahead of their turn, [head, len) waiting. */
typedef struct {
	size_array queue;
	tfms_array(
		struct outcome *) outcomes; /* per position, until committed */
	size_t next, head;
	size_t budget; /* commits left: a guard, exports settle anyway */
	bool *queued, *done;
	uint64_t commits, *last_commit; /* per file: its latest commit */
	size_array *deps_of;		/* per file: the modules it imports */
	importer_array *importers_of;	/* per module: who imported it */
	unsigned in_flight;
	bool committing;     /* a commit is being made again, unlocked */
	size_t scan_next;    /* the text scan's next file */
	bool *may_import;    /* its verdicts */
	name_map path_names; /* what they look for (path_names()) */
	/* Per file: no from-import of any file can name it (scan_from_imports()),
	 * so its exports are never read. */
	bool *unimportable;
} worklist;

struct tfms_project {
	const tfms_input_list *files;
	char **paths; /* each file's path, without "./" */
	/* module path ("pkg/mod" for pkg/mod.py and pkg/mod/__init__.py)
	 * -> file */
	name_map modules;
	/* Per file, its exports as last published: never changed once
	 * published, so a worker may read them while another publishes newer
	 * ones (the superseded are freed with the project). */
	const tfms_module_exports **exports;
	tfms_array(tfms_module_exports *) superseded;
	uint64_t epoch;	      /* exports published so far */
	uint64_t *changed_at; /* per file: the epoch of its exports */
	bool *wants;
	file_env *envs;
	/* Every exported name, for the env. While the worklist runs it only
	 * grows, and an array a worker may still read is kept when a bigger
	 * one replaces it. */
	char **names;
	size_t nnames, names_cap;
	tfms_array(char **) old_names;
	name_map names_seen;  /* the names in names */
	pthread_mutex_t lock; /* the worklist, exports, names, counts */
	pthread_cond_t wake;
	pthread_mutex_t read_lock; /* read() need not be thread-safe */
	worklist *work;
	size_t analysed;
	size_t skipped;	     /* top-level statements left unparsed */
	size_t redone;	     /* analyses made ahead of their turn, then again */
	size_t imports_only; /* analyses that looked for imports only */
};

/* One thread of the pre-pass. */
struct prepass_worker {
	tfms_project *project;
	tfms_python *py;
	tfms_project_read_fn read;
	void *payload;
	size_array deps_found; /* by the analysis under way */
	name_map from_words;   /* found by its part of the text scan */
	pthread_t thread;
	bool started;
};

/* What a module exports before it is analysed. */
static const tfms_module_exports no_exports;

typedef tfms_array(uint32_t) u32_array;

/* Off only for the differential check (tfms_project_skip_definitions):
 * then imports-only analyses parse the whole file too. */
static bool skip_definitions = true;

static bool map_find(const name_map *m, const char *s, size_t len,
		     size_t *value)
{
	return tfms_strmap_find(&m->map, s, len, value);
}

/* Adds s[0..len) with value unless present (the first value stays). */
static void map_add(name_map *m, const char *s, size_t len, size_t value)
{
	if (map_find(m, s, len, NULL))
		return;
	char *key = tfms_strndup(s, len);
	tfms_array_push(&m->keys, key);
	tfms_strmap_get_or_add(&m->map, key, value, NULL);
}

static void map_dispose(name_map *m)
{
	for (size_t i = 0; i < m->keys.len; i++)
		free(m->keys.items[i]);
	tfms_array_free(&m->keys);
	tfms_strmap_dispose(&m->map);
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
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
	bool found = key.len && map_find(&p->modules, key.ptr, key.len, index);
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
	prepass_worker *w = fe->worker;
	if (!w)
		return p->exports[index];
	tfms_array_push(&w->deps_found, index);
	pthread_mutex_lock(&p->lock);
	const tfms_module_exports *m = p->exports[index];
	pthread_mutex_unlock(&p->lock);
	return m;
}

static void append_name(tfms_project *p, const char *name)
{
	if (p->nnames == p->names_cap) {
		/* A worker may be reading the old array: keep it. */
		size_t cap = p->names_cap ? 2 * p->names_cap : 16;
		char **bigger = tfms_calloc(cap, sizeof(char *));
		if (p->nnames)
			memcpy(bigger, p->names, p->nnames * sizeof(char *));
		if (p->names)
			tfms_array_push(&p->old_names, p->names);
		p->names = bigger;
		p->names_cap = cap;
	}
	p->names[p->nnames++] = tfms_strdup(name);
}

/* The names of exports not yet in the list join it: the work stays
 * proportional to the change rather than to the project. */
static void add_names(tfms_project *p, const tfms_module_exports *m)
{
	for (size_t k = 0; k < m->len; k++) {
		const char *name = m->items[k].name;
		size_t len = strlen(name);
		if (map_find(&p->names_seen, name, len, NULL))
			continue;
		map_add(&p->names_seen, name, len, 0);
		append_name(p, name);
	}
}

static void free_names(tfms_project *p)
{
	for (size_t i = 0; i < p->nnames; i++)
		free(p->names[i]);
	free(p->names);
	p->names = NULL;
	p->nnames = p->names_cap = 0;
	for (size_t i = 0; i < p->old_names.len; i++)
		free(p->old_names.items[i]);
	tfms_array_free(&p->old_names);
	map_dispose(&p->names_seen);
}

/* Every name a module exports, once, in file order: the resolver's
 * candidates once the worklist is done. While it runs, the list also
 * holds names a module exported in an earlier analysis only (exports
 * grow, so that is rare): more candidates only make the walk look at
 * more names, each still resolved by its bindings. */
static void collect_names(tfms_project *p)
{
	free_names(p);
	for (size_t i = 0; i < p->files->len; i++)
		add_names(p, p->exports[i]);
	map_dispose(&p->names_seen);
}

/* The env of file i sees the list as it is now. */
static void point_env_at_names(tfms_project *p, size_t i)
{
	p->envs[i].env.names = (const char *const *)p->names;
	p->envs[i].env.nnames = p->nnames;
}

/* ---- Which files may import from the project ---- */

/* Every directory and module name in the project's paths: the first
 * name of an absolute import of a project module is one of them. */
static void path_names(const tfms_project *p, name_map *out)
{
	for (size_t i = 0; i < p->files->len; i++) {
		const char *path = p->paths[i];
		for (const char *s = path; *s;) {
			const char *e = strchr(s, '/');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			if (!e && ends_with(s, n, ".py"))
				n -= 3;
			if (n)
				map_add(out, s, n, 0);
			s = e ? e + 1 : s + n;
			if (!e)
				break;
		}
	}
}

/* ---- Modules no file imports ---- */

/* Whether the line break at q (inside text from start) follows a
 * backslash: a line continuation. */
static bool continued(const char *q, const char *start)
{
	if (*q == '\n' && q > start && q[-1] == '\r')
		q--;
	return q > start && q[-1] == '\\';
}

/* The from-imports of text: calls fn with each one's module path, the
 * text between `from` and `import` when that is only names, dots, blanks
 * and line continuations, as in any from-import (and in some strings and
 * comments: a superset). Stops when fn returns false. Each byte is
 * scanned once. */
static void each_from_import(const char *text, size_t len,
			     bool (*fn)(const char *path, const char *end,
					void *payload),
			     void *payload)
{
	size_t bom = tfms_bom_len(text, len);
	text += bom;
	len -= bom;
	const char *end = text + len;
	const char *stop = text; /* where the last scan stopped */
	for (const char *p = text;
	     (p = memmem(p, (size_t)(end - p), "from", 4)); p += 4) {
		if ((p > text && tfms_is_word_byte(p[-1])) ||
		    (p + 4 < end && tfms_is_word_byte(p[4])))
			continue;
		/* A `from` before where the last scan stopped reaches the
		 * same end through the same words. */
		if (p < stop)
			continue;
		const char *q = p + 4, *path_end = NULL;
		while (q < end) {
			char ch = *q;
			if (ch == ' ' || ch == '\t' || ch == '\f' ||
			    ch == '\\' || ch == '.' ||
			    ((ch == '\n' || ch == '\r') && continued(q, p))) {
				q++;
				continue;
			}
			if (!tfms_is_word_byte(ch))
				break; /* not a from-import */
			const char *w = q;
			while (q < end && tfms_is_word_byte(*q))
				q++;
			if (q - w == 6 && memcmp(w, "import", 6) == 0) {
				path_end = w;
				break;
			}
		}
		stop = q;
		if (path_end && !fn(p + 4, path_end, payload))
			return;
	}
}

/* What the text scan learns of a file's from-imports. */
typedef struct {
	name_map *words; /* every word of their module paths */
	const name_map
		*path_names; /* the project's directory and module names */
	bool relative;	     /* one is relative (`from .`) */
	bool may_import;     /* one may name a project module */
} from_scan;

static bool note_from_import(const char *path, const char *end, void *payload)
{
	from_scan *scan = payload;
	const char *first = NULL; /* this import's first name */
	bool dot_first = false;
	for (const char *r = path; r < end;) {
		if (!tfms_is_word_byte(*r)) {
			dot_first = dot_first || (*r == '.' && !first);
			r++;
			continue;
		}
		const char *w = r;
		while (r < end && tfms_is_word_byte(*r))
			r++;
		map_add(scan->words, w, (size_t)(r - w), 0);
		/* A scan that began at an earlier `from` (a comment ending
		 * in a continuation) reaches this one's path after it. */
		if (r - w == 4 && memcmp(w, "from", 4) == 0) {
			first = NULL;
			dot_first = false;
		} else if (!first) {
			first = w;
			if (!dot_first && map_find(scan->path_names, w,
						   (size_t)(r - w), NULL))
				scan->may_import = true;
		}
	}
	scan->relative = scan->relative || dot_first;
	scan->may_import = scan->may_import || dot_first;
	return true;
}

/* One pass over the from-imports of a file's text (at path): whether it
 * may import from the project (a relative from-import, one whose first
 * name is a directory or module of the project, or a star import: a false
 * positive costs one parse), and every word of their module paths into
 * words, with every directory name of path when one is relative. A
 * from-import finds a module by a key whose last name is the last word of
 * its module path, or, for `from . import x` and the like, the name of a
 * directory above the file (find_module): so a module whose name (its
 * file's, without .py) is not among the words of any file is never
 * found. */
static bool scan_from_imports(const char *text, size_t len, const char *path,
			      const name_map *path_names, name_map *words)
{
	from_scan scan = {words, path_names, false, false};
	each_from_import(text, len, note_from_import, &scan);
	for (const char *s = path; scan.relative && *s;) {
		const char *e = strchr(s, '/');
		if (!e)
			break;
		if (e > s)
			map_add(words, s, (size_t)(e - s), 0);
		s = e + 1;
	}
	return scan.may_import || tfms_text_has_star_import(text, len);
}

static bool stop_at_first(const char *path, const char *end, void *payload)
{
	(void)path;
	(void)end;
	*(bool *)payload = true;
	return false;
}

/* Whether text holds no from-import (each_from_import). */
static bool lacks_from_import(const char *text, size_t len)
{
	bool any = false;
	each_from_import(text, len, stop_at_first, &any);
	return !any;
}

/* Whether no from-import can find the file at path: it is not a .py
 * module, or its name is not among words (a package's __init__.py is
 * found by its directory's name, `from . import x` included: never
 * unimportable). */
static bool unimportable(const char *path, const name_map *words)
{
	size_t len = strlen(path);
	if (!ends_with(path, len, ".py"))
		return true;
	len -= 3;
	size_t start = len;
	while (start && path[start - 1] != '/')
		start--;
	if (len - start == 8 && memcmp(path + start, "__init__", 8) == 0)
		return false;
	return !map_find(words, path + start, len - start, NULL);
}

/* ---- Definitions the pre-pass need not parse ---- */

static bool word_is(const char *w, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(w, word, n) == 0;
}

/* Whether the occurrence [w, w+n) of a builtin's name in s[.., end) is
 * the function of a call (`name(`, not after def or class) or an
 * attribute (`.name`): the resolver counts any other as a rebinding of
 * the builtin (text only: occurrences in strings and comments count
 * too, which is safe). */
static bool called_or_attribute(const char *s, const char *end, const char *w,
				size_t n)
{
	const char *b = w;
	while (b > s && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	if (b > s && b[-1] == '.')
		return true;
	const char *k = b;
	while (k > s && tfms_is_word_byte(k[-1]))
		k--;
	if (word_is(k, (size_t)(b - k), "def") ||
	    word_is(k, (size_t)(b - k), "class"))
		return false;
	const char *q = w + n;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	return q < end && *q == '(';
}

/* Whether chunk [s, s+len) is a top-level def, async def or class
 * (decorated or not) whose text holds none of what the resolver finds by
 * text over the whole tree (tfms_analyze_skipping) nor, to be safe, what
 * binds names outside the definition's own scopes or marks it for the
 * walk whatever the candidates: an import, global, nonlocal, __all__, a
 * `from`. The resolver still checks that no candidate name occurs in it.
 * One pass over the chunk's words (whole runs of word bytes, in strings
 * and comments too). */
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
	    !(n > 4 && memcmp(t, "def", 3) == 0 && !tfms_is_word_byte(t[3])) &&
	    !(n > 6 && memcmp(t, "async", 5) == 0 &&
	      !tfms_is_word_byte(t[5])) &&
	    !(n > 6 && memcmp(t, "class", 5) == 0 && !tfms_is_word_byte(t[5])))
		return false;
	/* The resolver refuses a file whose walk nests too deep (more than
	 * 2,000 definitions, lambdas, assignments, clauses...): each level
	 * costs at most a few of the tokens ':' and '=', so a definition
	 * with at most 400 cannot reach that depth, and skipping it cannot
	 * hide a refusal. */
	size_t tokens = 0;
	const char *end = s + len;
	for (const char *p = s; p < end;) {
		if (!tfms_is_word_byte(*p)) {
			if (*p == ':' && p + 1 < end && p[1] == '=')
				return false; /* := */
			tokens += *p == ':' || *p == '=';
			p++;
			continue;
		}
		const char *w = p;
		while (p < end && tfms_is_word_byte(*p))
			p++;
		size_t wn = (size_t)(p - w);
		if (wn < 6 || wn > 10)
			continue; /* no needle nor builtin is that long */
		for (size_t k = 0; k < sizeof(needles) / sizeof(needles[0]);
		     k++)
			if (word_is(w, wn, needles[k]))
				return false;
		for (size_t k = 0; k < sizeof(builtins) / sizeof(builtins[0]);
		     k++)
			if (word_is(w, wn, builtins[k]) &&
			    !called_or_attribute(s, end, w, wn))
				return false;
	}
	return tokens <= 400;
}

/* The top-level statements of text (tfms_stmtsplit) that skip() accepts,
 * as pairs of offsets into out; the number of statements, or -1 when the
 * splitter gives up. */
static long chunks_to_skip(u32_array *out, const char *text, size_t len,
			   bool (*skip)(const char *s, size_t len))
{
	out->len = 0;
	tfms_stmt_list chunks;
	long n = -1;
	if (tfms_stmtsplit(&chunks, text, len) == 0) {
		n = (long)chunks.len;
		for (size_t k = 0; k < chunks.len; k++) {
			uint32_t s = chunks.items[k].start,
				 e = chunks.items[k].end;
			if (skip(text + s, e - s)) {
				tfms_array_push(out, s);
				tfms_array_push(out, e);
			}
		}
	}
	tfms_stmt_list_dispose(&chunks);
	return n;
}

/* The top-level definitions of text to skip; none when the splitter gives
 * up or nothing would be parsed. */
static void skip_ranges(u32_array *out, const char *text, size_t len)
{
	long n = chunks_to_skip(out, text, len, skippable);
	if (n < 0 || out->len / 2 == (size_t)n)
		out->len = 0;
}

/* Rounds of tfms_analyze_skipping before the whole file is parsed. */
enum { MAX_SKIP_ROUNDS = 4 };

/* tfms_analyze_skipping over the definitions skippable() allows. When
 * it refuses because of the names of some of them, again without those;
 * when need_uses and the uses outside them are none, again without those
 * that may hold one. 1 when the whole file must be analysed; *skipped is
 * the number of definitions left unparsed. */
static int analyse_skipping(prepass_worker *w, const tfms_source *src,
			    tfms_analysis *a, const tfms_resolve_env *env,
			    bool need_uses, size_t *skipped)
{
	u32_array skip = TFMS_ARRAY_INIT;
	if (skip_definitions)
		skip_ranges(&skip, src->data, src->len);
	int rc = 1;
	bool uses_round = false;
	for (int round = 0; round < MAX_SKIP_ROUNDS && skip.len; round++) {
		size_t n = skip.len / 2;
		bool *hits = tfms_calloc(n, sizeof(bool));
		w->deps_found.len = 0;
		rc = tfms_analyze_skipping(a, w->py, src, env, skip.items, n,
					   hits);
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
	*skipped = rc == 0 ? skip.len / 2 : 0;
	tfms_array_free(&skip);
	return rc;
}

/* ---- The worklist ---- */

/* The largest file whose bytes an analysis made ahead of its turn keeps
 * until then (at most MAX_AHEAD of them are kept at once). */
enum { KEEP_TEXT_LIMIT = 256 << 10 };

/* Whether the resolver's scan for candidate names (build_marks) may
 * find word in s[0..len): a run of word bytes ending where it does and
 * starting after a byte that is not a word byte or is a digit (that scan
 * starts a run after digits too). */
static bool may_mark(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);
	const char *end = s + len;
	for (const char *p = s; (p = memmem(p, (size_t)(end - p), word, n));
	     p++)
		if ((p == s || !tfms_is_word_byte(p[-1]) ||
		     (p[-1] >= '0' && p[-1] <= '9')) &&
		    (p + n == end || !tfms_is_word_byte(p[n])))
			return true;
	return false;
}

/* tfms_analyze_skipping over every top-level statement without a
 * from-import (lacks_from_import), for the modules the file finds and
 * nothing else: only a from-import finds one. 1 when the whole file must
 * be analysed. */
static int analyse_imports(prepass_worker *w, const tfms_source *src,
			   tfms_analysis *a, const tfms_resolve_env *env)
{
	if (!skip_definitions)
		return 1; /* the differential check's whole parse */
	u32_array skip = TFMS_ARRAY_INIT;
	long n = chunks_to_skip(&skip, src->data, src->len, lacks_from_import);
	int rc = 1;
	if (n >= 0 && skip.len / 2 == (size_t)n) {
		/* No from-import: no module found. */
		memset(a, 0, sizeof(*a));
		rc = 0;
	} else if (n >= 0 && skip.len) {
		size_t nskip = skip.len / 2;
		bool *hits = tfms_calloc(nskip, sizeof(bool));
		w->deps_found.len = 0;
		rc = tfms_analyze_skipping(a, w->py, src, env, skip.items,
					   nskip, hits);
		free(hits);
	}
	tfms_array_free(&skip);
	return rc < 0 ? 1 : rc;
}

/* What one analysis of a file found. */
typedef struct outcome {
	bool analysed; /* read (a notebook: read as one) */
	bool ok;       /* the analysis succeeded: exports and wants hold */
	bool wants;
	/* Only the modules found hold: the file's exports are never read
	 * and whether it has uses does not matter (analyse()). */
	bool imports_only;
	tfms_module_exports exports;
	size_t skipped;
	size_array deps; /* the modules it found, in order */
	uint64_t start;	 /* the epoch it began at */
	size_t nnames;	 /* the names it saw */
	/* The file's bytes, kept while it waits for its turn when small:
	 * names added meanwhile matter only if they occur in it. */
	char *text;
	size_t text_len;
	bool ready;
} outcome;

static void outcome_free(outcome *o)
{
	if (!o)
		return;
	tfms_module_exports_dispose(&o->exports);
	tfms_array_free(&o->deps);
	free(o->text);
	free(o);
}

/* Reads file i through the caller's read(), which need not be
 * thread-safe; a file that cannot be read is skipped (the run reports
 * it when it reads it again). */
static int read_locked(prepass_worker *w, size_t i, char **data, size_t *len)
{
	tfms_project *p = w->project;
	pthread_mutex_lock(&p->read_lock);
	int rc = w->read(w->payload, i, data, len);
	pthread_mutex_unlock(&p->read_lock);
	if (rc < 0)
		tfms_error_clear();
	return rc;
}

/* Lone CRs become LFs: Python reads each as a line end, and the run
 * refuses such a file (tfms_text_has_lone_cr), but what it imports still
 * counts: a module it takes tf from must keep its import. Same length, so
 * the facts are those of the file. */
static void lone_crs_to_lf(char *text, size_t len)
{
	char *end = text + len;
	for (char *p = text; (p = memchr(p, '\r', (size_t)(end - p))); p++)
		if (p + 1 == end || p[1] != '\n')
			*p = '\n';
}

/* The text of file i as the run analyses it (tfms_process_buffer): a
 * notebook's code cells as one module, where its imports are; the bytes
 * of any other file; lone CRs as LFs. A notebook that cannot be read as
 * one is skipped like an unreadable file: the run reports it. */
static int read_module(prepass_worker *w, size_t i, char **data, size_t *len)
{
	if (read_locked(w, i, data, len) < 0)
		return -1;
	const char *display = w->project->files->items[i].display;
	if (!tfms_notebook_is_path(display)) {
		lone_crs_to_lf(*data, *len);
		return 0;
	}
	tfms_notebook *nb = NULL;
	int rc = tfms_notebook_parse(&nb, display, *data, *len);
	free(*data);
	*data = NULL;
	if (rc == 0) {
		const char *module = tfms_notebook_module(nb, len);
		*data = tfms_strndup(module, *len);
		lone_crs_to_lf(*data, *len);
	} else {
		tfms_error_clear();
	}
	tfms_notebook_free(nb);
	return rc;
}

/* Analyses file i with the exports published so far, without touching
 * the project (env is a private copy of the file's, pointed at a
 * snapshot of the names). */
static void analyse(prepass_worker *w, size_t i, const tfms_resolve_env *env,
		    outcome *o)
{
	tfms_project *p = w->project;
	w->deps_found.len = 0;
	char *data = NULL;
	size_t len = 0;
	if (read_module(w, i, &data, &len) < 0)
		return;
	const char *display = p->files->items[i].display;
	o->analysed = true;
	tfms_source src;
	if (tfms_source_init(&src, display, tfms_strndup(data, len), len) ==
	    0) {
		tfms_analysis a;
		/* Whether the file has uses decides wants only where the
		 * run would not analyse it anyway: where the text (a
		 * notebook's: its cells) does not spell tensorflow
		 * (tfms_process_buffer). */
		bool need_uses = !tfms_text_may_use_tf(data, len);
		/* A file no from-import finds tells the project only which
		 * modules it imports from. */
		o->imports_only = p->work->unimportable[i] && !need_uses;
		int rc = o->imports_only
				 ? analyse_imports(w, &src, &a, env)
				 : analyse_skipping(w, &src, &a, env, need_uses,
						    &o->skipped);
		if (rc == 1) {
			w->deps_found.len = 0; /* found again */
			rc = tfms_analyze_in(&a, w->py, &src, env);
		}
		if (rc == 0) {
			o->ok = true;
			if (!o->imports_only) {
				o->wants = need_uses && a.nuses > 0;
				o->exports = a.exports;
				memset(&a.exports, 0, sizeof(a.exports));
			}
		}
		tfms_error_clear();
		tfms_analysis_dispose(&a);
	}
	tfms_source_dispose(&src);
	if (len <= KEEP_TEXT_LIMIT) {
		o->text = data;
		o->text_len = len;
	} else {
		free(data);
	}
}

/* Under the lock: analyses file i into o with the project as it is now,
 * the lock released meanwhile. */
static void analyse_now(prepass_worker *w, size_t i, outcome *o)
{
	tfms_project *p = w->project;
	file_env fe = p->envs[i];
	fe.env.payload = &fe;
	fe.env.names = (const char *const *)p->names;
	fe.env.nnames = p->nnames;
	fe.worker = w;
	o->start = p->epoch;
	o->nnames = p->nnames;
	pthread_mutex_unlock(&p->lock);
	analyse(w, i, &fe.env, o);
	pthread_mutex_lock(&p->lock);
	o->deps.len = 0;
	for (size_t k = 0; k < w->deps_found.len; k++)
		tfms_array_push(&o->deps, w->deps_found.items[k]);
}

static void enqueue(worklist *wl, size_t i)
{
	tfms_array_push(&wl->queue, i);
	tfms_array_push(&wl->outcomes, NULL);
	wl->queued[i] = true;
}

/* Whether an analysis made ahead of its turn may differ from one made in
 * its turn. Its inputs are the file, the exports of the modules it
 * imports and the names list: it is exact when none of those it read was
 * published since it began and the list has not grown. The names decide
 * more than which reads are looked at: a walk into more subtrees may nest
 * too deep and fail, and a star import from outside reports reads of
 * them. */
static bool outdated(const tfms_project *p, const outcome *o)
{
	/* A name that occurs nowhere in the file (not even in a comment or
	 * a string: the marks are found in the raw text) changes nothing. */
	if (!o->analysed)
		return false; /* not read */
	for (size_t k = o->nnames; k < p->nnames; k++)
		if (!o->text || may_mark(o->text, o->text_len, p->names[k]))
			return true;
	for (size_t k = 0; k < o->deps.len; k++)
		if (p->changed_at[o->deps.items[k]] > o->start)
			return true;
	return false;
}

/* Under the lock: what the analysis of file i found becomes the
 * project's, and whoever it concerns is queued, as a one-file-at-a-time
 * worklist would at this point. */
static void commit(tfms_project *p, size_t i, outcome *o)
{
	worklist *wl = p->work;
	uint64_t stamp = ++wl->commits;
	bool changed = false;
	if (o->analysed) {
		p->analysed++;
		p->skipped += o->skipped;
		p->imports_only += o->imports_only;
	}
	if (o->ok && !o->imports_only) {
		p->wants[i] = o->wants;
		if (!tfms_module_exports_equal(&o->exports, p->exports[i])) {
			tfms_module_exports *now = tfms_malloc(sizeof(*now));
			*now = o->exports;
			memset(&o->exports, 0, sizeof(o->exports));
			if (p->exports[i] != &no_exports)
				tfms_array_push(
					&p->superseded,
					(tfms_module_exports *)p->exports[i]);
			p->exports[i] = now;
			p->changed_at[i] = ++p->epoch;
			add_names(p, now);
			changed = true;
		}
	}
	wl->done[i] = true;
	wl->last_commit[i] = stamp;
	size_array *deps = &wl->deps_of[i];
	deps->len = 0;
	for (size_t k = 0; k < o->deps.len; k++) {
		size_t m = o->deps.items[k];
		tfms_array_push(deps, m);
		/* What m exports cannot change an imports-only analysis. */
		importer x = {i, stamp};
		if (!o->imports_only)
			tfms_array_push(&wl->importers_of[m], x);
		if (!wl->done[m] && !wl->queued[m])
			enqueue(wl, m);
	}
	if (!changed)
		return;
	/* Importers in the order of their latest analyses (entries of
	 * earlier ones are stale). */
	const importer_array *imp = &wl->importers_of[i];
	for (size_t k = 0; k < imp->len; k++) {
		size_t j = imp->items[k].file;
		if (imp->items[k].stamp == wl->last_commit[j] && !wl->queued[j])
			enqueue(wl, j);
	}
}

/* Under the lock: commits the analyses that are ready, in queue order,
 * each exactly as a one-file-at-a-time worklist would (redone when
 * outdated). */
static void commit_ready(prepass_worker *w)
{
	tfms_project *p = w->project;
	worklist *wl = p->work;
	while (!wl->committing && wl->budget && wl->next < wl->head) {
		outcome *o = wl->outcomes.items[wl->next];
		if (!o || !o->ready)
			return;
		size_t i = wl->queue.items[wl->next];
		wl->budget--;
		wl->queued[i] = false; /* the file leaves the queue now */
		if (outdated(p, o)) {
			wl->committing = true;
			tfms_module_exports_dispose(&o->exports);
			free(o->text);
			size_array deps = o->deps;
			memset(o, 0, sizeof(*o));
			o->deps = deps;
			analyse_now(w, i, o);
			p->redone++;
			wl->committing = false;
		}
		commit(p, i, o);
		outcome_free(o);
		wl->outcomes.items[wl->next++] = NULL;
		pthread_cond_broadcast(&p->wake);
	}
}

/* How far analyses may run ahead of their turn. */
enum { MAX_AHEAD = 32 };

/* A pre-pass thread. The worklist's result is that of analysing one file
 * at a time in queue order (and so the same for any number of threads):
 * threads analyse the next files ahead of their turn, and each analysis
 * is committed in its turn, made again if what it read has changed. */
static void *work_through(void *arg)
{
	prepass_worker *w = arg;
	tfms_project *p = w->project;
	worklist *wl = p->work;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		commit_ready(w);
		if ((wl->next == wl->queue.len || !wl->budget) &&
		    !wl->in_flight && !wl->committing)
			break;
		size_t ahead = wl->budget < MAX_AHEAD ? wl->budget : MAX_AHEAD;
		if (wl->head < wl->queue.len && wl->head < wl->next + ahead) {
			size_t q = wl->head++;
			size_t i = wl->queue.items[q];
			outcome *o = tfms_calloc(1, sizeof(*o));
			wl->outcomes.items[q] = o;
			wl->in_flight++;
			analyse_now(w, i, o);
			o->ready = true;
			wl->in_flight--;
			pthread_cond_broadcast(&p->wake);
			continue;
		}
		pthread_cond_wait(&p->wake, &p->lock);
	}
	pthread_cond_broadcast(&p->wake);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* A pre-pass thread of the text scan: which files may import from the
 * project. */
static void *scan_through(void *arg)
{
	prepass_worker *w = arg;
	tfms_project *p = w->project;
	worklist *wl = p->work;
	for (;;) {
		pthread_mutex_lock(&p->lock);
		size_t i = wl->scan_next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->files->len)
			break;
		char *data = NULL;
		size_t len = 0;
		if (read_module(w, i, &data, &len) < 0)
			continue;
		wl->may_import[i] =
			scan_from_imports(data, len, p->paths[i],
					  &wl->path_names, &w->from_words);
		free(data);
	}
	return NULL;
}

/* Runs fn on each worker, on threads even for one: the resolver recurses
 * along the tree as deep as its nesting limit allows, which the run's
 * workers' 64 MiB stacks hold and the calling thread's may not. Here only
 * when no thread can be made. */
static void run_workers(prepass_worker *ws, unsigned n, void *(*fn)(void *))
{
	bool any = false;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64u << 20);
	for (unsigned k = 0; k < n; k++) {
		ws[k].started =
			pthread_create(&ws[k].thread, &attr, fn, &ws[k]) == 0;
		any = any || ws[k].started;
	}
	pthread_attr_destroy(&attr);
	if (!any)
		fn(&ws[0]);
	for (unsigned k = 0; k < n; k++)
		if (ws[k].started) {
			pthread_join(ws[k].thread, NULL);
			ws[k].started = false;
		}
}

static void worklist_free(worklist *wl, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tfms_array_free(&wl->deps_of[i]);
		tfms_array_free(&wl->importers_of[i]);
	}
	free(wl->deps_of);
	free(wl->importers_of);
	free(wl->queued);
	free(wl->last_commit);
	for (size_t q = 0; q < wl->outcomes.len; q++)
		outcome_free(wl->outcomes.items[q]);
	tfms_array_free(&wl->outcomes);
	free(wl->done);
	free(wl->may_import);
	free(wl->unimportable);
	map_dispose(&wl->path_names);
	tfms_array_free(&wl->queue);
}

int tfms_project_build(tfms_project **out, const tfms_input_list *files,
		       tfms_project_read_fn read, void *payload, unsigned jobs)
{
	*out = NULL;
	size_t n = files->len;
	unsigned nworkers = jobs ? jobs : 1;
	if (nworkers > n)
		nworkers = n ? (unsigned)n : 1;
	prepass_worker *ws = tfms_calloc(nworkers, sizeof(*ws));
	for (unsigned k = 0; k < nworkers; k++)
		if (tfms_python_new(&ws[k].py) < 0) {
			for (unsigned j = 0; j < k; j++)
				tfms_python_free(ws[j].py);
			free(ws);
			return -1;
		}
	tfms_project *p = tfms_calloc(1, sizeof(*p));
	p->files = files;
	p->paths = tfms_calloc(n + 1, sizeof(char *));
	p->exports = tfms_calloc(n + 1, sizeof(*p->exports));
	p->changed_at = tfms_calloc(n + 1, sizeof(uint64_t));
	p->wants = tfms_calloc(n + 1, sizeof(bool));
	p->envs = tfms_calloc(n + 1, sizeof(file_env));
	pthread_mutex_init(&p->lock, NULL);
	pthread_mutex_init(&p->read_lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	for (size_t i = 0; i < n; i++) {
		p->exports[i] = &no_exports;
		const char *path = files->items[i].path;
		while (path[0] == '.' && path[1] == '/')
			path += 2;
		p->paths[i] = tfms_strdup(path);
		p->envs[i] = (file_env){
			{find_module, NULL, 0, false, &p->envs[i]}, p, i, NULL};
		size_t len = strlen(path);
		if (!ends_with(path, len, ".py"))
			continue;
		len -= 3;
		if (ends_with(path, len, "__init__") &&
		    (len == 8 || path[len - 9] == '/'))
			map_add(&p->modules, path, len == 8 ? 0 : len - 9, i);
		else
			map_add(&p->modules, path, len, i); /* the first wins */
	}

	worklist wl;
	memset(&wl, 0, sizeof(wl));
	wl.queued = tfms_calloc(n + 1, sizeof(bool));
	wl.last_commit = tfms_calloc(n + 1, sizeof(uint64_t));
	wl.done = tfms_calloc(n + 1, sizeof(bool));
	wl.may_import = tfms_calloc(n + 1, sizeof(bool));
	wl.unimportable = tfms_calloc(n + 1, sizeof(bool));
	wl.deps_of = tfms_calloc(n + 1, sizeof(size_array));
	wl.importers_of = tfms_calloc(n + 1, sizeof(importer_array));
	p->work = &wl;
	for (unsigned k = 0; k < nworkers; k++) {
		ws[k].project = p;
		ws[k].read = read;
		ws[k].payload = payload;
	}

	/* The files that may import from the project start the worklist,
	 * in path order; the modules they name join it as they are found. */
	path_names(p, &wl.path_names);
	run_workers(ws, nworkers, scan_through);
	name_map words = {0};
	for (unsigned k = 0; k < nworkers; k++) {
		const name_map *mine = &ws[k].from_words;
		for (size_t j = 0; j < mine->keys.len; j++)
			map_add(&words, mine->keys.items[j],
				strlen(mine->keys.items[j]), 0);
		map_dispose(&ws[k].from_words);
	}
	for (size_t i = 0; i < n; i++)
		wl.unimportable[i] = unimportable(p->paths[i], &words);
	map_dispose(&words);
	for (size_t i = 0; i < n; i++)
		if (wl.may_import[i])
			enqueue(&wl, i);

	/* Exports only grow along a chain (a name bound to TF stays TF or
	 * becomes dynamic), so this settles; the budget is a guard. Where
	 * it settles can depend on the order of analysis: work_through keeps
	 * the queue's. */
	wl.budget = 4 * wl.queue.len + 4 * n + 16;
	run_workers(ws, nworkers, work_through);

	collect_names(p);
	for (size_t i = 0; i < n; i++) {
		point_env_at_names(p, i);
		for (size_t k = 0; k < wl.deps_of[i].len; k++)
			if (wl.deps_of[i].items[k] != i)
				p->envs[wl.deps_of[i].items[k]].env.imported =
					true;
	}
	p->work = NULL;
	worklist_free(&wl, n);
	for (unsigned k = 0; k < nworkers; k++) {
		tfms_array_free(&ws[k].deps_found);
		tfms_python_free(ws[k].py);
	}
	free(ws);
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
		if (p->exports[i] != &no_exports) {
			tfms_module_exports *m =
				(tfms_module_exports *)p->exports[i];
			tfms_module_exports_dispose(m);
			free(m);
		}
	}
	for (size_t i = 0; i < p->superseded.len; i++) {
		tfms_module_exports_dispose(p->superseded.items[i]);
		free(p->superseded.items[i]);
	}
	tfms_array_free(&p->superseded);
	map_dispose(&p->modules);
	free_names(p);
	pthread_mutex_destroy(&p->lock);
	pthread_mutex_destroy(&p->read_lock);
	pthread_cond_destroy(&p->wake);
	free(p->paths);
	free(p->exports);
	free(p->changed_at);
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

size_t tfms_project_redone(const tfms_project *p)
{
	return p ? p->redone : 0;
}

size_t tfms_project_skipped(const tfms_project *p)
{
	return p ? p->skipped : 0;
}

size_t tfms_project_imports_only(const tfms_project *p)
{
	return p ? p->imports_only : 0;
}

const tfms_module_exports *tfms_project_exports(const tfms_project *p,
						size_t index)
{
	return p && index < p->files->len ? p->exports[index] : NULL;
}

void tfms_project_skip_definitions(bool on)
{
	skip_definitions = on;
}
