#include "tfms/jsonscan.h"
#include "tfms/array.h"

#include <string.h>

/* What the scan leaves to jansson. Its nesting limit is 2048; a shallower
 * one keeps the recursion small on worker threads' stacks. An object with
 * more keys than this would make the quadratic duplicate check slow. */
#define MAX_NESTING 200
#define MAX_KEYS    4096

typedef struct {
	size_t at, len;
	uint32_t hash;
} key_ref;

typedef struct {
	const unsigned char *s;
	size_t len, pos;
	unsigned max_depth;
	tfms_json_visit visit;
	void *payload;
	tfms_array(key_ref) keys; /* of every open object, outermost first */
} scan;

static void skip_ws(scan *sc)
{
	while (sc->pos < sc->len &&
	       (sc->s[sc->pos] == ' ' || sc->s[sc->pos] == '\n' ||
		sc->s[sc->pos] == '\t' || sc->s[sc->pos] == '\r'))
		sc->pos++;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The \uXXXX escape at p (p at the 'u'), or -1. */
static long hex4(const scan *sc, size_t p)
{
	if (sc->len - p < 5)
		return -1;
	long v = 0;
	for (size_t i = 1; i <= 4; i++) {
		int d = hexval(sc->s[p + i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* One UTF-8 char at pos, as jansson's utf8_check_first/_full accept it:
 * no overlong form, no surrogate, nothing past U+10FFFF. */
static bool utf8_char(scan *sc)
{
	const unsigned char *p = sc->s + sc->pos;
	size_t left = sc->len - sc->pos;
	unsigned char c = p[0];
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF; /* bounds of the second byte */
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return false;
	}
	if (left < n || p[1] < lo || p[1] > hi)
		return false;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return false;
	sc->pos += n;
	return true;
}

/* An escape at pos (at the backslash). jansson refuses \u0000 (without
 * JSON_ALLOW_NUL) and a surrogate not in a high-low pair. */
static bool escape(scan *sc)
{
	size_t p = sc->pos + 1;
	if (p >= sc->len)
		return false;
	unsigned char e = sc->s[p];
	if (e != 'u') {
		if (!strchr("\"\\/bfnrt", e) || e == '\0')
			return false;
		sc->pos = p + 1;
		return true;
	}
	long cp = hex4(sc, p);
	if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
		return false;
	p += 5;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (sc->len - p < 2 || sc->s[p] != '\\' || sc->s[p + 1] != 'u')
			return false;
		long lo = hex4(sc, p + 1);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return false;
		p += 6;
	}
	sc->pos = p;
	return true;
}

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Whether 8 bytes hold one that a string cannot take as it is: a quote,
 * a backslash, a control char or a non-ASCII byte (exact as a yes/no:
 * the bit tricks of "Bit Twiddling Hacks", haszero and hasless). */
static bool special8(uint64_t v)
{
	uint64_t q = v ^ (ONES * '"'), b = v ^ (ONES * '\\');
	return (((v - ONES * 0x20) & ~v) | ((q - ONES) & ~q) |
		((b - ONES) & ~b) | v) &
	       HIGHS;
}

/* At a '"': past the closing quote; the content range. Image data in
 * outputs makes most of a notebook's bytes, hence 8 bytes at a time. */
static bool string(scan *sc, size_t *start, size_t *end, bool *escaped)
{
	*start = ++sc->pos;
	*escaped = false;
	for (;;) {
		while (sc->len - sc->pos >= 8) {
			uint64_t v;
			memcpy(&v, sc->s + sc->pos, 8);
			if (special8(v))
				break;
			sc->pos += 8;
		}
		if (sc->pos >= sc->len)
			return false;
		unsigned char c = sc->s[sc->pos];
		if (c == '"') {
			*end = sc->pos++;
			return true;
		}
		if (c == '\\') {
			*escaped = true;
			if (!escape(sc))
				return false;
		} else if (c < 0x20) {
			return false;
		} else if (c >= 0x80) {
			if (!utf8_char(sc))
				return false;
		} else {
			sc->pos++;
		}
	}
}

static bool is_digit(const scan *sc)
{
	return sc->pos < sc->len && sc->s[sc->pos] >= '0' &&
	       sc->s[sc->pos] <= '9';
}

/* A number; jansson fails on an integer out of long long's range and a
 * real that overflows a double, so numbers that might leave unsure. */
static bool number(scan *sc, bool *real)
{
	if (sc->s[sc->pos] == '-')
		sc->pos++;
	if (!is_digit(sc))
		return false;
	size_t digits = sc->pos;
	if (sc->s[sc->pos] == '0') {
		sc->pos++;
		if (is_digit(sc))
			return false;
	} else {
		while (is_digit(sc))
			sc->pos++;
	}
	size_t int_len = sc->pos - digits;
	*real = false;
	if (sc->pos < sc->len && sc->s[sc->pos] == '.') {
		sc->pos++;
		if (!is_digit(sc))
			return false;
		while (is_digit(sc))
			sc->pos++;
		*real = true;
	}
	long exp = 0;
	if (sc->pos < sc->len && (sc->s[sc->pos] | 0x20) == 'e') {
		sc->pos++;
		bool neg = false;
		if (sc->pos < sc->len &&
		    (sc->s[sc->pos] == '+' || sc->s[sc->pos] == '-'))
			neg = sc->s[sc->pos++] == '-';
		if (!is_digit(sc))
			return false;
		while (is_digit(sc)) {
			if (exp < 100000)
				exp = exp * 10 + (sc->s[sc->pos] - '0');
			sc->pos++;
		}
		exp = neg ? -exp : exp;
		*real = true;
	}
	/* |x| < 10^(int_len + exp): far below DBL_MAX, or jansson decides. */
	if (*real)
		return (long)int_len + exp <= 300;
	return int_len <= 18;
}

static uint32_t key_hash(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static bool literal(scan *sc, const char *word)
{
	size_t n = strlen(word);
	if (sc->len - sc->pos < n || memcmp(sc->s + sc->pos, word, n) != 0)
		return false;
	sc->pos += n;
	return true;
}

static bool value(scan *sc, unsigned depth, const char *key, size_t key_len);

static bool object(scan *sc, unsigned depth)
{
	size_t mark = sc->keys.len;
	sc->pos++;
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == '}') {
		sc->pos++;
		return true;
	}
	for (;;) {
		size_t ks, ke;
		bool esc;
		if (sc->pos >= sc->len || sc->s[sc->pos] != '"' ||
		    !string(sc, &ks, &ke, &esc) || esc ||
		    sc->keys.len - mark >= MAX_KEYS)
			return false;
		/* Keys compare as jansson stores them, decoded; without
		 * escapes that is as written. */
		key_ref k = {ks, ke - ks, key_hash(sc->s + ks, ke - ks)};
		for (size_t i = mark; i < sc->keys.len; i++) {
			const key_ref *o = &sc->keys.items[i];
			if (o->hash == k.hash && o->len == k.len &&
			    memcmp(sc->s + o->at, sc->s + k.at, k.len) == 0)
				return false;
		}
		tfms_array_push(&sc->keys, k);
		skip_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
			return false;
		sc->pos++;
		if (!value(sc, depth + 1, (const char *)sc->s + ks, ke - ks))
			return false;
		skip_ws(sc);
		if (sc->pos >= sc->len)
			return false;
		if (sc->s[sc->pos] == ',') {
			sc->pos++;
			skip_ws(sc);
			continue;
		}
		if (sc->s[sc->pos] != '}')
			return false;
		sc->pos++;
		sc->keys.len = mark;
		return true;
	}
}

static bool array(scan *sc, unsigned depth)
{
	sc->pos++;
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == ']') {
		sc->pos++;
		return true;
	}
	for (;;) {
		if (!value(sc, depth + 1, NULL, 0))
			return false;
		skip_ws(sc);
		if (sc->pos >= sc->len)
			return false;
		if (sc->s[sc->pos] == ',') {
			sc->pos++;
			continue;
		}
		if (sc->s[sc->pos] != ']')
			return false;
		sc->pos++;
		return true;
	}
}

static bool value(scan *sc, unsigned depth, const char *key, size_t key_len)
{
	skip_ws(sc);
	if (sc->pos >= sc->len)
		return false;
	tfms_json_event ev = {depth,
			      key,
			      key_len,
			      TFMS_JSON_NULL,
			      (const char *)sc->s + sc->pos,
			      1,
			      false};
	bool shown = sc->visit && depth <= sc->max_depth;
	unsigned char c = sc->s[sc->pos];
	if (c == '{' || c == '[') {
		if (depth >= MAX_NESTING)
			return false;
		ev.type = c == '{' ? TFMS_JSON_OBJECT : TFMS_JSON_ARRAY;
		if (shown && sc->visit(&ev, sc->payload) != 0)
			return false;
		return c == '{' ? object(sc, depth) : array(sc, depth);
	}
	size_t start = sc->pos;
	if (c == '"') {
		size_t s, e;
		if (!string(sc, &s, &e, &ev.escaped))
			return false;
		ev.type = TFMS_JSON_STRING;
		ev.text = (const char *)sc->s + s;
		ev.text_len = e - s;
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		bool real;
		if (!number(sc, &real))
			return false;
		ev.type = real ? TFMS_JSON_REAL : TFMS_JSON_INTEGER;
		ev.text_len = sc->pos - start;
	} else if (literal(sc, "true")) {
		ev.type = TFMS_JSON_TRUE;
	} else if (literal(sc, "false")) {
		ev.type = TFMS_JSON_FALSE;
	} else if (literal(sc, "null")) {
		ev.type = TFMS_JSON_NULL;
	} else {
		return false;
	}
	if (c != '"')
		ev.text_len = sc->pos - start;
	return !shown || sc->visit(&ev, sc->payload) == 0;
}

bool tfms_jsonscan(const char *data, size_t len, unsigned max_depth,
		   tfms_json_visit visit, void *payload)
{
	if (!data)
		return false;
	scan sc = {(const unsigned char *)data,
		   len,
		   0,
		   max_depth,
		   visit,
		   payload,
		   TFMS_ARRAY_INIT};
	skip_ws(&sc);
	/* Without JSON_DECODE_ANY, jansson wants an object or an array. */
	bool ok = sc.pos < len && (data[sc.pos] == '{' || data[sc.pos] == '[');
	ok = ok && value(&sc, 0, NULL, 0);
	skip_ws(&sc);
	ok = ok && sc.pos == len;
	tfms_array_free(&sc.keys);
	return ok;
}
