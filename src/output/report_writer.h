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

/* ---- Records without jansson ----
 * Building a json_t per record and dumping it cost about 75,000
 * instructions a record; the records are written directly instead, in
 * exactly the bytes json_dumps(value, TFMS_REPORT_JSON_FLAGS) gives at
 * the record's depth (jansson 2.14's dump.c and utf.c; a differential
 * test, tests/unit/test_report_emit.c, pins the two together). */

/* Appends s in quotes, escaped as jansson's dump_string escapes without
 * JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH, and returns true; or returns
 * false and appends nothing when jansson would refuse s (its
 * utf8_check_string: not UTF-8, overlong, a surrogate, above U+10FFFF).
 * Every escape is of an ASCII byte, which never occurs inside a
 * multi-byte sequence, so bytes are escaped one by one. */
bool tfms_report__quote(tfms_buf *out, const char *s, size_t len);

/* An object or array being written at a depth of the document. */
typedef struct {
	tfms_buf *out;
	size_t depth; /* of the object itself */
	size_t n;     /* members so far */
	char close;
} tfms_report_obj;

/* Appends '{' (or '[' when array) and starts o. */
void tfms_report__open(tfms_report_obj *o, tfms_buf *out, size_t depth,
		       bool array);
/* The next element's separator: a comma after the first, a line break,
 * the indentation of depth + 1. */
void tfms_report__item(tfms_report_obj *o);
/* The separator and "key": (key is plain ASCII, nothing to escape). */
void tfms_report__key(tfms_report_obj *o, const char *key);
/* The closing line and bracket ("{}" or "[]" when empty). */
void tfms_report__close(tfms_report_obj *o);

/* Members, as json_object_set_new(obj, key, value) would add them: */
void tfms_report__member_uint(tfms_report_obj *o, const char *key,
			      uint64_t value);
/* json_string(s), s known to be valid UTF-8 (a name we made). */
void tfms_report__member_str(tfms_report_obj *o, const char *key,
			     const char *s);
/* A string from user files: s if valid UTF-8, else a copy with every
 * byte >= 0x80 as '?' (jansson refuses the original); NULL as "". */
void tfms_report__member_text(tfms_report_obj *o, const char *key,
			      const char *s);
/* json_string(s), or json_null() when s is NULL; jansson makes no value
 * from invalid UTF-8 and then json_object_set_new adds no member, so
 * neither does this. */
void tfms_report__member_opt(tfms_report_obj *o, const char *key,
			     const char *s);

/* A record's element of report.json (depth 2), without the separator. */
void tfms_report__json_conversion(tfms_buf *out, const tfms_conversion *c);
void tfms_report__json_finding(tfms_buf *out, const tfms_finding *f,
			       const char *fingerprint);

/* A SARIF result (runs[0].results[i], depth 4), without the separator. */
typedef struct {
	const char *rule_id, *level, *message;
	size_t rule_index;
	const char *path;
	uint32_t line, column, end_line, end_column, cell;
	const char *snippet; /* or NULL */
	const char *fingerprint_key, *fingerprint;
} tfms_sarif_result;
/* Returns the offset in out of the first digit of ruleIndex. */
size_t tfms_report__sarif_result(tfms_buf *out, const tfms_sarif_result *r);

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
