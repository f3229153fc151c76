/* A fast, strict JSON check that never builds a tree: it tells, without
 * allocating a value, whether jansson 2.14's json_loadb(data, len,
 * JSON_REJECT_DUPLICATES) would load data, and shows the values near the
 * top to a visitor. It is a shortcut, not a parser of its own: "yes" is
 * certain; "no" means invalid OR not sure (a limit jansson checks that the
 * scan does not reproduce exactly: nesting depth, integer and real range,
 * \u0000, keys spelled with escapes, ...), and the caller then asks jansson,
 * whose error message is the one to give. */
#ifndef TFMS_JSONSCAN_H
#define TFMS_JSONSCAN_H

#include "tfms/common.h"

typedef enum {
	TFMS_JSON_OBJECT,
	TFMS_JSON_ARRAY,
	TFMS_JSON_STRING,
	TFMS_JSON_INTEGER,
	TFMS_JSON_REAL,
	TFMS_JSON_TRUE,
	TFMS_JSON_FALSE,
	TFMS_JSON_NULL
} tfms_json_type;

/* One value, seen where it starts (a container before its members). */
typedef struct {
	unsigned depth;	 /* 0: the top-level value */
	const char *key; /* a member's name, as written (it has no escapes:
			    a key with one makes the scan unsure); else NULL */
	size_t key_len;
	tfms_json_type type;
	/* The token as written: a string's content between its quotes, a
	 * number's digits; for containers only the opening bracket. */
	const char *text;
	size_t text_len;
	bool escaped; /* a string with backslash escapes */
} tfms_json_event;

/* Called for every value of depth <= max_depth, in document order;
 * returns 0 to go on, anything else to stop the scan (unsure). */
typedef int (*tfms_json_visit)(const tfms_json_event *ev, void *payload);

/* True when data[0, len) is JSON that json_loadb with
 * JSON_REJECT_DUPLICATES loads (a top-level object or array, strict
 * RFC 8259 grammar and UTF-8, no duplicate key in any object, ...) and
 * visit (may be NULL) never stopped; false when it is not or the scan is
 * not sure. Borrows everything; allocates only a stack of keys. */
bool tfms_jsonscan(const char *data, size_t len, unsigned max_depth,
		   tfms_json_visit visit, void *payload);

#endif
