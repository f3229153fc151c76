#include "tfms/buf.h"
#include "tfms/diff.h"
#include "tfms/fileio.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A fixed xorshift, so a failure reproduces. */
static uint64_t rng = 88172645463325252ull;
static size_t rnd(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (size_t)(rng % n) : 0;
}

static void check_same(const char *path, const char *a, size_t alen,
		       const char *b, size_t blen)
{
	tfms_buf fast = TFMS_BUF_INIT, ref = TFMS_BUF_INIT;
	cr_assert_eq(tfms_diff_unified(&fast, path, a, alen, b, blen), 0);
	cr_assert_eq(tfms_diff_unified_libgit2(&ref, path, a, alen, b, blen),
		     0);
	if (fast.len != ref.len || memcmp(fast.ptr, ref.ptr, ref.len) != 0) {
		FILE *f = fopen("diff-old.txt", "wb");
		fwrite(a, 1, alen, f);
		fclose(f);
		f = fopen("diff-new.txt", "wb");
		fwrite(b, 1, blen, f);
		fclose(f);
		cr_assert_fail("%s: diffs differ (inputs in diff-old.txt, "
			       "diff-new.txt)\n--- fast\n%s\n--- libgit2\n%s",
			       path, fast.ptr, ref.ptr);
	}
	tfms_buf_dispose(&fast);
	tfms_buf_dispose(&ref);
}

/* Line starts of data, for picking lines at random. */
static size_t line_starts(const char *d, size_t n, size_t **out)
{
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		k += d[i] == '\n';
	size_t *s = malloc((k + 1) * sizeof(*s)), m = 0;
	s[m++] = 0;
	for (size_t i = 0; i < n; i++)
		if (d[i] == '\n' && i + 1 < n)
			s[m++] = i + 1;
	*out = s;
	return m;
}

static const char *const words[] = {"ms.ops.",
				    "mindspore.",
				    "\n",
				    "tf.",
				    "    ",
				    ")\n",
				    "import mindspore as ms\n",
				    "\n\n",
				    "x",
				    "# TODO(mindspore): x\n"};

/* One random edit set, applied to a copy; the kinds of edits the tool
 * makes (a name swapped inside a line, an import line added) and the ones
 * that trip a diff (a line copied from elsewhere, lines deleted, blank
 * lines, the last newline removed). */
static char *mutate(const char *d, size_t n, size_t *out_len)
{
	size_t *starts;
	size_t nl = line_starts(d, n, &starts);
	tfms_buf b = TFMS_BUF_INIT;
	size_t edits = 1 + rnd(6), pos = 0;
	size_t *at = malloc(edits * sizeof(*at));
	for (size_t e = 0; e < edits; e++)
		at[e] = rnd(n + 1);
	for (size_t e = 0; e < edits; e++) /* sort */
		for (size_t f = e + 1; f < edits; f++)
			if (at[f] < at[e]) {
				size_t t = at[e];
				at[e] = at[f];
				at[f] = t;
			}
	for (size_t e = 0; e < edits; e++) {
		size_t p = at[e], kind = rnd(8);
		if (kind == 5 || kind == 6) /* from the start of the line */
			while (p > 0 && d[p - 1] != '\n')
				p--;
		if (p < pos)
			continue;
		tfms_buf_put(&b, d + pos, p - pos);
		pos = p;
		switch (kind) {
		case 0: { /* replace a few bytes by a word */
			size_t cut = rnd(12);
			if (pos + cut > n)
				cut = n - pos;
			pos += cut;
			tfms_buf_puts(&b, words[rnd(10)]);
			break;
		}
		case 1: { /* copy a whole line from elsewhere */
			size_t l = rnd(nl);
			const char *s = d + starts[l];
			const char *nlp = memchr(s, '\n', n - starts[l]);
			tfms_buf_put(&b, s,
				     nlp ? (size_t)(nlp - s) + 1
					 : n - starts[l]);
			break;
		}
		case 2: { /* delete up to the next few newlines */
			size_t lines = 1 + rnd(3);
			while (pos < n && lines)
				lines -= d[pos++] == '\n';
			break;
		}
		case 3:
			tfms_buf_puts(&b, words[rnd(10)]);
			break;
		case 4: /* remove the last newline */
			if (n && d[n - 1] == '\n' && pos <= n - 1) {
				tfms_buf_put(&b, d + pos, n - 1 - pos);
				pos = n;
			}
			break;
		case 5:
		case 6: { /* a block of lines changed, blank lines kept */
			size_t lines = 3 + rnd(8);
			while (pos < n && lines--) {
				const char *nlp =
					memchr(d + pos, '\n', n - pos);
				size_t end = nlp ? (size_t)(nlp - d) + 1 : n;
				if (d[pos] != '\n')
					tfms_buf_puts(&b, "#ms ");
				tfms_buf_put(&b, d + pos, end - pos);
				pos = end;
			}
			break;
		}
		default: /* a renamed call */
			tfms_buf_puts(&b, "ms.ops.stop_gradient(");
			break;
		}
	}
	tfms_buf_put(&b, d + pos, n - pos);
	free(at);
	free(starts);
	return tfms_buf_detach(&b, out_len);
}

static void random_edits_of(const char *data, size_t len, int rounds)
{
	for (int r = 0; r < rounds; r++) {
		size_t nlen;
		char *changed = mutate(data, len, &nlen);
		/* Absolute paths lose their leading slash in the headers. */
		const char *path =
			r % 2 ? "/work/pkg/model.py" : "pkg/model.py";
		check_same(path, data, len, changed, nlen);
		check_same(path, changed, nlen, data, len);
		free(changed);
	}
}

static void random_edits_on(const char *path, int rounds)
{
	char *data;
	size_t len;
	cr_assert_eq(tfms_file_read(&data, &len, path, path, 1u << 24), 0);
	random_edits_of(data, len, rounds);
	free(data);
}

static void random_edits_under(const char *dir, const char *file, int rounds)
{
	DIR *d = opendir(dir);
	cr_assert_not_null(d, "%s", dir);
	struct dirent *e;
	int seen = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		if (file)
			snprintf(path, sizeof(path), "%s/%s/%s", dir, e->d_name,
				 file);
		else
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fclose(f);
		random_edits_on(path, rounds);
		seen++;
	}
	closedir(d);
	cr_assert_gt(seen, 3);
}

/* The fast path must give libgit2's bytes or leave the diff to it. */
Test(diff, random_edits_match_libgit2_on_golden_inputs)
{
	tfms_diff_global_init();
	random_edits_under(TFMS_SOURCE_DIR "/tests/golden", "input.py", 60);
	tfms_diff_global_shutdown();
}

/* C sources: many repeated lines ("}", blank), which xdiff treats apart
 * (multi-match lines), and long files. */
Test(diff, random_edits_match_libgit2_on_c_sources)
{
	tfms_diff_global_init();
	random_edits_under(TFMS_SOURCE_DIR "/src/run", NULL, 150);
	random_edits_under(TFMS_SOURCE_DIR "/src/rewrite", NULL, 40);
	tfms_diff_global_shutdown();
}

/* Blank lines so common that xdiff counts them as multi-match lines and
 * drops those amid changed lines (xdl_clean_mmatch), and repeated short
 * lines that a diff could align either way. */
Test(diff, random_edits_match_libgit2_with_many_blank_lines)
{
	tfms_buf b = TFMS_BUF_INIT;
	for (int i = 0; i < 400; i++)
		if (i % 5 == 4)
			tfms_buf_puts(&b, "\n");
		else if (i % 7 == 3)
			tfms_buf_puts(&b, "    return x\n");
		else
			tfms_buf_printf(&b, "x%d = tf.zeros(%d)\n", i, i % 9);
	tfms_diff_global_init();
	random_edits_of(b.ptr, b.len, 400);
	tfms_diff_global_shutdown();
	tfms_buf_dispose(&b);
}

Test(diff, hand_made_corners_match_libgit2)
{
	static const char *const pairs[][2] = {
		{"a\nb\nc\n", "a\nB\nc\n"},
		{"a\nb\nc", "a\nb\nC"},
		{"a\nb\nc", "a\nb\nc\n"},
		{"a\nb\nc\n", "a\nb\nc"},
		{"x\n", "import ms\nx\n"},
		{"def f():\n  a\n  b\n  c\n  d\n  e\n", "def f():\n  a\n  b\n  "
							"c\n  d\n  E\n"},
		{"a\n\nb\n\nc\n", "a\n\nB\n\nC\n"},
		{"a\na\na\n", "a\nb\na\na\n"},
		{"a\n", "b"},
		{"$x = 1\n1\n2\n3\n4\n5\n", "$x = 1\n1\n2\n3\n4\n6\n"},
	};
	tfms_diff_global_init();
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		check_same("m.py", pairs[i][0], strlen(pairs[i][0]),
			   pairs[i][1], strlen(pairs[i][1]));
	tfms_diff_global_shutdown();
}

/* A path libgit2 would quote is left to it; the output still matches. */
Test(diff, quoted_path_matches_libgit2)
{
	tfms_diff_global_init();
	check_same("dir with space/m\xc3\xa9.py", "a\n", 2, "b\n", 2);
	check_same("/abs/m.py", "a\n", 2, "b\n", 2);
	check_same("//abs//m.py", "a\n", 2, "b\n", 2);
	check_same("/", "a\n", 2, "b\n", 2);
	tfms_diff_global_shutdown();
}
