#include "tfms/apiname.h"
#include "tfms/buf.h"

#include <string.h>

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0 &&
	       (len == n || s[n] == '.');
}

/* strcmp of the len bytes at key against the string s. */
static int compare_key(const char *key, size_t len, const char *s)
{
	int r = strncmp(key, s, len);
	if (r != 0)
		return r;
	return s[len] == '\0' ? 0 : -1;
}

/* The public name of exactly the len bytes at key, or NULL. A binary search
 * over the sorted table: about 12 probes, no allocation, no lazy state to
 * share between threads; only names under tf.python come here. */
static const char *internal_public_name(const char *key, size_t len)
{
	size_t lo = 0, hi = tfms_tf_internal_name_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = compare_key(key, len,
				    tfms_tf_internal_names[mid].internal);
		if (r == 0)
			return tfms_tf_internal_names[mid].public_name;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Replaces the longest known internal prefix of out (tf.python...) by its
 * public name, in place. */
static void publish_internal(tfms_buf *out)
{
	static const char root[] = "tf.python.";
	if (out->len <= sizeof(root) - 1 ||
	    memcmp(out->ptr, root, sizeof(root) - 1) != 0)
		return;
	for (size_t cut = out->len; cut > sizeof(root) - 1; cut--) {
		if (cut != out->len && out->ptr[cut] != '.')
			continue;
		const char *pub = internal_public_name(out->ptr, cut);
		if (!pub)
			continue;
		size_t n = strlen(pub), rest = out->len - cut;
		if (n > cut)
			tfms_buf_grow(out, n - cut);
		memmove(out->ptr + n, out->ptr + cut, rest + 1);
		memcpy(out->ptr, pub, n);
		out->len = n + rest;
		return;
	}
}

char *tfms_canonical_api(const char *name, size_t len)
{
	static const struct {
		const char *module, *short_name;
	} roots[] = {
		{"tensorflow_probability", "tfp"},
		{"tensorflow", "tf"},
		{"tfp", "tfp"},
		{"tf", "tf"},
	};
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		if (!has_prefix(name, len, roots[i].module))
			continue;
		size_t cut = strlen(roots[i].module);
		tfms_buf out = TFMS_BUF_INIT;
		tfms_buf_puts(&out, roots[i].short_name);
		tfms_buf_put(&out, name + cut, len - cut);
		if (strcmp(roots[i].short_name, "tf") == 0)
			publish_internal(&out);
		/* tf.compat.v1.compat.v1.X is still tf.X. */
		while (strcmp(roots[i].short_name, "tf") == 0 &&
		       has_prefix(out.ptr, out.len, "tf.compat.v1")) {
			size_t drop = strlen(".compat.v1");
			memmove(out.ptr + 2, out.ptr + 2 + drop,
				out.len - 2 - drop + 1);
			out.len -= drop;
		}
		return tfms_buf_detach(&out, NULL);
	}
	return NULL;
}
