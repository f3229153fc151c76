#include "tfms/baseline.h"
#include "tfms/alloc.h"
#include "tfms/error.h"
#include "tfms/fileio.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A report is small next to the code it describes; this is generous. */
#define BASELINE_LIMIT (256u << 20)

static int compare_fp(const void *a, const void *b)
{
	return strcmp(((const tfms_fingerprint *)a)->hex,
		      ((const tfms_fingerprint *)b)->hex);
}

static int not_a_report(const char *path, const char *why)
{
	return tfms_error_set("%s: not a tfms-rewrite JSON report: %s", path,
			      why);
}

int tfms_baseline_load(tfms_baseline *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	char *data;
	size_t len;
	if (tfms_file_read(&data, &len, path, path, BASELINE_LIMIT) < 0)
		return -1;
	json_error_t err;
	json_t *root = json_loadb(data, len, 0, &err);
	free(data);
	if (!root)
		return tfms_error_set("%s:%d: not JSON: %s", path, err.line,
				      err.text);
	int rc = 0;
	json_t *summary = json_object_get(root, "summary");
	json_t *findings = json_object_get(root, "findings");
	json_t *left = json_object_get(summary, "not_converted");
	json_t *uses = json_object_get(summary, "tf_uses");
	if (!json_is_object(root) ||
	    !json_is_string(json_object_get(root, "tool")) ||
	    !json_is_array(findings) || !json_is_integer(left) ||
	    !json_is_integer(uses)) {
		rc = not_a_report(path, "no summary or findings");
		goto done;
	}
	out->not_converted = (size_t)json_integer_value(left);
	out->tf_uses = (size_t)json_integer_value(uses);
	size_t n = json_array_size(findings);
	out->fingerprints = tfms_calloc(n + 1, sizeof(tfms_fingerprint));
	for (size_t i = 0; i < n; i++) {
		const char *fp = json_string_value(json_object_get(
			json_array_get(findings, i), "fingerprint"));
		if (!fp || strlen(fp) != 16) {
			rc = tfms_error_set(
				"%s: finding %zu has no fingerprint; make "
				"the baseline again with this version",
				path, i + 1);
			goto done;
		}
		memcpy(out->fingerprints[i].hex, fp, 17);
	}
	out->nfingerprints = n;
	qsort(out->fingerprints, n, sizeof(tfms_fingerprint), compare_fp);
done:
	json_decref(root);
	return rc;
}

void tfms_baseline_dispose(tfms_baseline *b)
{
	if (!b)
		return;
	free(b->fingerprints);
	free(b->used);
	memset(b, 0, sizeof(*b));
}

static char *copy(const char *s)
{
	return s ? tfms_strdup(s) : NULL;
}

static void copy_finding(tfms_finding *to, const tfms_finding *f)
{
	*to = *f;
	to->path = copy(f->path);
	to->api = copy(f->api);
	to->message = copy(f->message);
	to->ms_api = copy(f->ms_api);
	to->doc_url = copy(f->doc_url);
	to->source_line = copy(f->source_line);
	to->rule = copy(f->rule);
	to->source = copy(f->source);
	to->category = copy(f->category);
	to->hint = copy(f->hint);
	to->hint_url = copy(f->hint_url);
}

void tfms_baseline_match(tfms_baseline *b, const tfms_results *records,
			 tfms_level threshold, tfms_results *fresh)
{
	if (!b->used)
		b->used = tfms_calloc(b->nfingerprints + 1, sizeof(bool));
	bool *used = b->used;
	/* A fingerprint ranks a finding among those of its file (the path
	 * is part of it), so one file's records are enough. */
	tfms_fingerprint *fps = tfms_fingerprint_findings(records);
	for (size_t i = 0; i < records->nfindings; i++) {
		tfms_fingerprint *hit =
			bsearch(&fps[i], b->fingerprints, b->nfingerprints,
				sizeof(tfms_fingerprint), compare_fp);
		/* Equal fingerprints sit together: take the first unused. */
		while (hit && hit > b->fingerprints &&
		       strcmp(hit[-1].hex, fps[i].hex) == 0)
			hit--;
		while (hit && hit < b->fingerprints + b->nfingerprints &&
		       strcmp(hit->hex, fps[i].hex) == 0 &&
		       used[hit - b->fingerprints])
			hit++;
		if (hit && hit < b->fingerprints + b->nfingerprints &&
		    strcmp(hit->hex, fps[i].hex) == 0) {
			used[hit - b->fingerprints] = true;
			continue;
		}
		if (records->findings[i].level >= threshold)
			copy_finding(tfms_results_add_finding(fresh),
				     &records->findings[i]);
	}
	free(fps);
}

double tfms_baseline_share(const tfms_baseline *b, size_t findings,
			   size_t tf_uses)
{
	size_t uses = tf_uses > b->tf_uses ? tf_uses : b->tf_uses;
	return uses ? 1.0 - (double)findings / (double)uses : 1.0;
}

double tfms_baseline_own_share(const tfms_baseline *b)
{
	return tfms_baseline_share(b, b->not_converted, b->tf_uses);
}
