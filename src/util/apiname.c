#include "tfms/apiname.h"
#include "tfms/buf.h"

#include <string.h>

static bool has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0 &&
	       (len == n || s[n] == '.');
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
