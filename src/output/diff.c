#include "tfms/diff.h"
#include "tfms/alloc.h"
#include "tfms/error.h"
#include "tfms/hash.h"

#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libgit2 is started on first use only: git_libgit2_init loads the
 * system's certificates (~50 ms), which a dry run whose diffs all take the
 * fast path below never needs. */
static pthread_mutex_t git_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned nesting;
static bool git_started;

void tfms_diff_global_init(void)
{
	pthread_mutex_lock(&git_lock);
	nesting++;
	pthread_mutex_unlock(&git_lock);
}

void tfms_diff_global_shutdown(void)
{
	pthread_mutex_lock(&git_lock);
	if (nesting && --nesting == 0 && git_started) {
		git_libgit2_shutdown();
		git_started = false;
	}
	pthread_mutex_unlock(&git_lock);
}

static void start_libgit2(void)
{
	pthread_mutex_lock(&git_lock);
	if (!git_started) {
		git_libgit2_init();
		git_started = true;
	}
	pthread_mutex_unlock(&git_lock);
}

int tfms_diff_unified_libgit2(tfms_buf *out, const char *path,
			      const char *old_data, size_t old_len,
			      const char *new_data, size_t new_len)
{
	if (old_len == new_len && memcmp(old_data, new_data, old_len) == 0)
		return 0;
	start_libgit2();
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 3;
	/* Python sources are text even when they hold a stray NUL. */
	opts.flags |= GIT_DIFF_FORCE_TEXT;
	git_patch *patch = NULL;
	git_buf text = {0};
	int rc = git_patch_from_buffers(&patch, old_data, old_len, path,
					new_data, new_len, path, &opts);
	if (rc == 0)
		rc = git_patch_to_buf(&text, patch);
	if (rc < 0) {
		const git_error *e = git_error_last();
		tfms_error_set("%s: cannot make diff: %s", path,
			       e ? e->message : "libgit2 error");
	} else {
		/* The "index" line carries blob ids of buffers that exist in
		 * no repository, and a file mode libgit2 cannot know here;
		 * git apply would check that mode against the file. */
		const char *p = text.ptr, *end = text.ptr + text.size;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *next = nl ? nl + 1 : end;
			if (!(next - p > 6 && memcmp(p, "index ", 6) == 0))
				tfms_buf_put(out, p, (size_t)(next - p));
			else
				break;
			p = next;
		}
		/* Everything after the header is copied as is. */
		if (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			tfms_buf_put(out, p, (size_t)(end - p));
		}
	}
	git_buf_dispose(&text);
	git_patch_free(patch);
	return rc < 0 ? -1 : 0;
}

/*
 * The fast path. libgit2 spends most of a diff on a SHA-1 of both buffers
 * for the "index" line that is then dropped, so the diffs whose outcome is
 * forced are made here instead, byte for byte as libgit2 1.5 (its xdiff,
 * Myers, 3 lines of context, no interhunk context, function names from
 * its default driver) makes them; every other diff goes to libgit2.
 *
 * xdiff first classifies lines (equal bytes, '\n' included), trims the
 * common head and tail, and then (xprepare.c, xdl_cleanup_records) marks
 * as changed every line of the middle that occurs nowhere in the other
 * file; a line occurring there at least mlim times may be marked too,
 * by xdl_clean_mmatch. Myers runs on the lines left. When the lines left
 * are the same sequence on both sides, Myers changes nothing more, and
 * xdl_change_compact cannot slide a group either: sliding needs a changed
 * line equal to an unchanged neighbour in the same file, but equal lines
 * have the same count in the other file, zero for changed lines and not
 * zero for unchanged ones. So the changed lines are exactly those that
 * occur nowhere in the other file. The fast path takes a diff only when
 * (1) no multi-match line would be dropped by xdl_clean_mmatch and (2)
 * the lines left are equal on both sides; the rest, and any header that
 * libgit2 would quote, go to libgit2. tests/unit/test_diff.c compares
 * both on many random edits of real files.
 */

typedef struct {
	const char *ptr;
	size_t len;
	uint32_t cls;
} line;

typedef struct {
	line *items;
	long n;
} lines;

typedef struct {
	const char *ptr;
	size_t len;
	uint64_t hash;
	long count[2];
} line_class;

/* The constants of xdiff's xdiff.h and xprepare.c. */
#define SIMSCAN_WINDOW 100
#define KPDIS_RUN      4
#define MAX_EQLIMIT    1024
#define CONTEXT	       3
#define FUNC_MAX       80  /* struct func_line's buffer */
#define HUNK_HDR_MAX   128 /* xdl_emit_hunk_hdr's and git_diff_hunk's */

static void split_lines(lines *out, const char *data, size_t len)
{
	long n = 0;
	for (const char *p = data, *end = data + len; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	out->items = tfms_malloc(((size_t)n + 1) * sizeof(line));
	out->n = n;
	long i = 0;
	for (const char *p = data, *end = data + len; p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		out->items[i].ptr = p;
		out->items[i].len = (size_t)(next - p);
		p = next;
	}
}

/* Gives every line its class (equal bytes, equal class) and counts each
 * class's lines per side; returns the classes (caller frees). */
static line_class *classify(lines *side, size_t nclasses_max)
{
	size_t cap = 16;
	while (cap < 2 * nclasses_max)
		cap <<= 1;
	uint32_t *slots = tfms_calloc(cap, sizeof(uint32_t)); /* cls + 1 */
	line_class *cls = tfms_malloc((nclasses_max + 1) * sizeof(*cls));
	uint32_t ncls = 0;
	for (int s = 0; s < 2; s++) {
		for (long i = 0; i < side[s].n; i++) {
			line *l = &side[s].items[i];
			uint64_t h = tfms_hash_bytes(l->ptr, l->len, 0);
			size_t k = (size_t)h & (cap - 1);
			for (;; k = (k + 1) & (cap - 1)) {
				uint32_t c = slots[k];
				if (!c) {
					cls[ncls] = (line_class){
						l->ptr, l->len, h, {0, 0}};
					slots[k] = ++ncls;
					c = ncls;
				} else if (cls[c - 1].hash != h ||
					   cls[c - 1].len != l->len ||
					   memcmp(cls[c - 1].ptr, l->ptr,
						  l->len) != 0) {
					continue;
				}
				l->cls = c - 1;
				cls[c - 1].count[s]++;
				break;
			}
		}
	}
	free(slots);
	return cls;
}

static long bogosqrt(long n)
{
	long i;
	for (i = 1; n > 0; n >>= 2)
		i <<= 1;
	return i;
}

/* xprepare.c's xdl_clean_mmatch, verbatim in effect: whether the
 * multi-match line i would be discarded. */
static bool clean_mmatch(const char *dis, long i, long s, long e)
{
	long r, rdis0, rpdis0, rdis1, rpdis1;
	if (i - s > SIMSCAN_WINDOW)
		s = i - SIMSCAN_WINDOW;
	if (e - i > SIMSCAN_WINDOW)
		e = i + SIMSCAN_WINDOW;
	for (r = 1, rdis0 = 0, rpdis0 = 1; (i - r) >= s; r++) {
		if (!dis[i - r])
			rdis0++;
		else if (dis[i - r] == 2)
			rpdis0++;
		else
			break;
	}
	if (rdis0 == 0)
		return false;
	for (r = 1, rdis1 = 0, rpdis1 = 1; (i + r) <= e; r++) {
		if (!dis[i + r])
			rdis1++;
		else if (dis[i + r] == 2)
			rpdis1++;
		else
			break;
	}
	if (rdis1 == 0)
		return false;
	rdis1 += rdis0;
	rpdis1 += rpdis0;
	return rpdis1 * KPDIS_RUN < (rpdis1 + rdis1);
}

/* Marks changed[i] for side s's lines in [start, end]; false when xdiff
 * would discard a line that the other side still has. */
static bool mark_changed(const lines *side, int s, const line_class *cls,
			 long start, long end, char *dis, char *changed)
{
	long mlim = bogosqrt(side->n);
	if (mlim > MAX_EQLIMIT)
		mlim = MAX_EQLIMIT;
	for (long i = start; i <= end; i++) {
		long nm = cls[side->items[i].cls].count[1 - s];
		dis[i] = nm == 0 ? 0 : nm >= mlim ? 2 : 1;
		changed[i] = nm == 0;
	}
	for (long i = start; i <= end; i++)
		if (dis[i] == 2 && clean_mmatch(dis, i, start, end))
			return false;
	return true;
}

typedef struct {
	long i1, i2, chg1, chg2;
} change;

/* libgit2's default driver (diff_driver.c): a line whose first byte, once
 * trailing white space is gone, is an ASCII letter, '_' or '$' names the
 * function; the name is that line, cut at FUNC_MAX bytes. */
static bool func_line(const line *l, const char **name, size_t *len)
{
	size_t n = l->len;
	while (n > 0 && (l->ptr[n - 1] == ' ' || l->ptr[n - 1] == '\t' ||
			 l->ptr[n - 1] == '\n' || l->ptr[n - 1] == '\r' ||
			 l->ptr[n - 1] == '\v' || l->ptr[n - 1] == '\f'))
		n--;
	if (n == 0)
		return false;
	char c = l->ptr[0];
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	      c == '$'))
		return false;
	*name = l->ptr;
	*len = n > FUNC_MAX ? FUNC_MAX : n;
	return true;
}

static void put_record(tfms_buf *out, char prefix, const line *l)
{
	tfms_buf_putc(out, prefix);
	tfms_buf_put(out, l->ptr, l->len);
	if (l->len && l->ptr[l->len - 1] != '\n')
		tfms_buf_puts(out, "\n\\ No newline at end of file\n");
}

/* xemit.c's xdl_emit_diff with xutils.c's xdl_emit_hunk_hdr; false when a
 * header would not fit libgit2's buffer (then libgit2 decides). */
static bool emit(tfms_buf *out, const lines *a, const lines *b,
		 const change *ch, size_t nch)
{
	const char *fname = NULL;
	size_t flen = 0;
	long funcprev = -1;
	for (size_t h = 0; h < nch;) {
		/* xdl_get_hunk: changes at most 2 * CONTEXT lines apart share
		 * a hunk. */
		size_t last = h;
		while (last + 1 < nch &&
		       ch[last + 1].i1 - (ch[last].i1 + ch[last].chg1) <=
			       2 * CONTEXT)
			last++;
		const change *x = &ch[h], *xe = &ch[last];
		long s1 = x->i1 - CONTEXT > 0 ? x->i1 - CONTEXT : 0;
		long s2 = x->i2 - CONTEXT > 0 ? x->i2 - CONTEXT : 0;
		long lctx = CONTEXT;
		if (a->n - (xe->i1 + xe->chg1) < lctx)
			lctx = a->n - (xe->i1 + xe->chg1);
		if (b->n - (xe->i2 + xe->chg2) < lctx)
			lctx = b->n - (xe->i2 + xe->chg2);
		long e1 = xe->i1 + xe->chg1 + lctx;
		long e2 = xe->i2 + xe->chg2 + lctx;
		for (long l = s1 - 1; l != funcprev && l >= 0; l--)
			if (func_line(&a->items[l], &fname, &flen))
				break;
		funcprev = s1 - 1;

		char hdr[HUNK_HDR_MAX + 32];
		long c1 = e1 - s1, c2 = e2 - s2;
		int nb =
			snprintf(hdr, sizeof(hdr), "@@ -%ld", c1 ? s1 + 1 : s1);
		if (c1 != 1)
			nb += snprintf(hdr + nb, sizeof(hdr) - (size_t)nb,
				       ",%ld", c1);
		nb += snprintf(hdr + nb, sizeof(hdr) - (size_t)nb, " +%ld",
			       c2 ? s2 + 1 : s2);
		if (c2 != 1)
			nb += snprintf(hdr + nb, sizeof(hdr) - (size_t)nb,
				       ",%ld", c2);
		nb += snprintf(hdr + nb, sizeof(hdr) - (size_t)nb, " @@");
		if (flen && nb + 1 + (int)flen + 1 >= HUNK_HDR_MAX)
			return false;
		tfms_buf_put(out, hdr, (size_t)nb);
		if (flen) {
			tfms_buf_putc(out, ' ');
			tfms_buf_put(out, fname, flen);
		}
		tfms_buf_putc(out, '\n');

		for (; s2 < x->i2; s2++)
			put_record(out, ' ', &b->items[s2]);
		for (size_t k = h;; k++) {
			const change *c = &ch[k];
			for (; s2 < c->i2; s2++)
				put_record(out, ' ', &b->items[s2]);
			for (long i = c->i1; i < c->i1 + c->chg1; i++)
				put_record(out, '-', &a->items[i]);
			for (s2 = c->i2; s2 < c->i2 + c->chg2; s2++)
				put_record(out, '+', &b->items[s2]);
			if (k == last)
				break;
		}
		for (; s2 < e2; s2++)
			put_record(out, ' ', &b->items[s2]);
		h = last + 1;
	}
	return true;
}

/* The path as libgit2's headers spell it after "a/" and "b/": its
 * git_str_join drops the separators that start the second part, so an
 * absolute path loses its leading slashes. NULL for a path with bytes
 * that git_str_quote would quote: that diff goes to libgit2. */
static const char *header_path(const char *path)
{
	while (*path == '/')
		path++;
	if (!*path)
		return NULL;
	for (const char *p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || strchr("._-+/@,=~", c)))
			return NULL;
	}
	return path;
}

/* 1: appended; 0: not a forced diff, nothing appended. */
static int diff_fast(tfms_buf *out, const char *path, const char *old_data,
		     size_t old_len, const char *new_data, size_t new_len)
{
	path = header_path(path);
	if (!old_len || !new_len || !path)
		return 0;
	lines side[2];
	split_lines(&side[0], old_data, old_len);
	split_lines(&side[1], new_data, new_len);
	line_class *cls = classify(side, (size_t)(side[0].n + side[1].n));
	const lines *a = &side[0], *b = &side[1];

	/* xdl_trim_ends */
	long lim = a->n < b->n ? a->n : b->n, head = 0, tail = 0;
	while (head < lim && a->items[head].cls == b->items[head].cls)
		head++;
	while (tail < lim - head &&
	       a->items[a->n - 1 - tail].cls == b->items[b->n - 1 - tail].cls)
		tail++;
	long end1 = a->n - tail - 1, end2 = b->n - tail - 1;

	char *dis = tfms_calloc((size_t)(a->n + b->n + 2), 2);
	char *dis1 = dis, *dis2 = dis + a->n + 1;
	char *chg1 = dis + a->n + b->n + 2, *chg2 = chg1 + a->n + 1;
	change *ch = NULL;
	size_t nch = 0;
	int rc = 0;
	if (!mark_changed(a, 0, cls, head, end1, dis1, chg1) ||
	    !mark_changed(b, 1, cls, head, end2, dis2, chg2))
		goto done;
	/* The lines left must match one to one; each run of changed lines
	 * between them is one change (xdl_build_script). */
	ch = tfms_malloc(((size_t)(end1 - head + 1) + 1) * sizeof(*ch) +
			 ((size_t)(end2 - head + 1) + 1) * sizeof(*ch));
	long i1 = head, i2 = head;
	for (;;) {
		long r1 = i1, r2 = i2;
		while (r1 <= end1 && chg1[r1])
			r1++;
		while (r2 <= end2 && chg2[r2])
			r2++;
		if (r1 > i1 || r2 > i2)
			ch[nch++] = (change){i1, i2, r1 - i1, r2 - i2};
		if (r1 > end1 || r2 > end2) {
			if (r1 <= end1 || r2 <= end2)
				goto done; /* lines left on one side only */
			break;
		}
		if (a->items[r1].cls != b->items[r2].cls)
			goto done;
		i1 = r1 + 1;
		i2 = r2 + 1;
	}
	if (!nch)
		goto done;
	size_t mark = out->len;
	tfms_buf_printf(out, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n", path,
			path, path, path);
	if (emit(out, a, b, ch, nch)) {
		rc = 1;
	} else {
		out->len = mark;
		out->ptr[mark] = '\0';
	}
done:
	free(ch);
	free(dis);
	free(cls);
	free(side[0].items);
	free(side[1].items);
	return rc;
}

int tfms_diff_unified(tfms_buf *out, const char *path, const char *old_data,
		      size_t old_len, const char *new_data, size_t new_len)
{
	if (old_len == new_len && memcmp(old_data, new_data, old_len) == 0)
		return 0;
	if (diff_fast(out, path, old_data, old_len, new_data, new_len))
		return 0;
	return tfms_diff_unified_libgit2(out, path, old_data, old_len, new_data,
					 new_len);
}
