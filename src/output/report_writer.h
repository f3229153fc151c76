/* What the report writers (report_json.c, report_md.c, report_sarif.c)
 * share: the writer's common part and its operations, the buffered
 * output a document is assembled into, and jansson dumps that sit at a
 * given depth of a larger document. Private to src/output. */
#ifndef TFMS_REPORT_WRITER_H
#define TFMS_REPORT_WRITER_H

#include "tfms/report.h"

#include <jansson.h>

/* The flags of every JSON document we write. */
#define TFMS_REPORT_JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* The document being assembled: pieces are gathered and passed on in
 * large chunks. After emit fails, nothing more is passed on. */
typedef struct {
	tfms_report_emit emit;
	void *payload;
	tfms_buf pending;
	int rc;
} tfms_report_out;

void tfms_report__put(tfms_report_out *out, const char *data, size_t len);
void tfms_report__puts(tfms_report_out *out, const char *s);
/* Everything spool holds. */
void tfms_report__put_spool(tfms_report_out *out, tfms_spool *spool);

typedef struct {
	/* One file's records; returns -1 with tfms_error_set on failure. */
	int (*add)(tfms_report_writer *w, const tfms_report *report,
		   const tfms_results *records);
	/* The whole document into out. */
	int (*finish)(tfms_report_writer *w, const tfms_report *report,
		      tfms_report_out *out);
	/* Frees what the format owns and w. */
	void (*free)(tfms_report_writer *w);
} tfms_report_writer_ops;

/* The first member of every format's writer. */
struct tfms_report_writer {
	const tfms_report_writer_ops *ops;
	char *name;	 /* for messages */
	char *spool_dir; /* or NULL */
	char *error;	 /* the first failure, or NULL */
};

/* Fills the common part (copies name and spool_dir). */
void tfms_report__writer_init(tfms_report_writer *w,
			      const tfms_report_writer_ops *ops,
			      const char *spool_dir, const char *name);
/* Frees the common part's strings (not w). */
void tfms_report__writer_dispose(tfms_report_writer *w);
/* A new spool in the writer's directory, named after the report. */
int tfms_report__spool(tfms_report_writer *w, tfms_spool **out);

/* The value of key in map, added with next when new: then *owned is the
 * copy of key that the map keys by (caller owns; it must outlive the
 * map), else NULL. */
size_t tfms_report__intern(tfms_strmap *map, const char *key, size_t next,
			   char **owned);

/* Appends value as json_dumps(value, TFMS_REPORT_JSON_FLAGS) would, with
 * depth levels of indentation after every line break: the bytes the
 * value has at that depth inside a larger document. Strings are escaped,
 * so every line break in a dump is jansson's own. */
int tfms_report__dump(tfms_buf *out, const json_t *value,
		      size_t depth) TFMS_WARN_UNUSED;

/* Dumps root and passes it to out, each member named by keys[i] (an
 * empty array standing in, at key_depth) replaced by counts[i] elements
 * that fill(out, i, payload) passes to out, each preceded by
 * tfms_report__separator at key_depth + 1. Then a final line break. */
typedef int (*tfms_report_fill)(tfms_report_out *out, size_t key,
				void *payload);
int tfms_report__splice(tfms_report_out *out, const json_t *root,
			size_t key_depth, const char *const *keys,
			const size_t *counts, size_t nkeys,
			tfms_report_fill fill, void *payload) TFMS_WARN_UNUSED;

/* The separator before element index of an array whose elements sit at
 * depth: a comma (not before the first), a line break, the indentation. */
void tfms_report__separator(tfms_buf *out, size_t index, size_t depth);

#endif
