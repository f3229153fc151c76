/* Fingerprints that name a record across commits, for code-scanning
 * services (SARIF partialFingerprints) and --baseline: a hash of the path,
 * the API, the source line with its whitespace removed, and the record's
 * rank among the records of the same file with the same API and line
 * text. Line numbers are left out, so moving code, or editing other lines,
 * keeps every fingerprint; changing the line itself, or renaming the
 * file, makes a new one. */
#ifndef TFMS_FINGERPRINT_H
#define TFMS_FINGERPRINT_H

#include "tfms/result.h"

/* 16 lowercase hex digits and a NUL. */
typedef struct {
	char hex[17];
} tfms_fingerprint;

/* The fingerprint of every finding of records, in their order. Caller
 * owns the array; free with free(). */
tfms_fingerprint *tfms_fingerprint_findings(const tfms_results *records);

/* The same for conversions, which keep no line text: the hash covers the
 * path, the API and the rank among the file's conversions of that API. */
tfms_fingerprint *tfms_fingerprint_conversions(const tfms_results *records);

#endif
