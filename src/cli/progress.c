#include "progress.h"

#include <stdlib.h>

static double seconds_between(const struct timespec *a,
			      const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void tfms_progress_init(tfms_progress *p, FILE *out, size_t total, bool enabled)
{
	p->out = enabled ? out : NULL;
	p->total = total;
	/* TFMS_PROGRESS_DELAY (seconds) lets tests see the line at once. */
	const char *delay = getenv("TFMS_PROGRESS_DELAY");
	p->delay = delay ? atof(delay) : 1.0;
	p->visible = false;
	clock_gettime(CLOCK_MONOTONIC, &p->started);
	p->drawn = p->started;
}

void tfms_progress_update(tfms_progress *p, size_t done)
{
	if (!p->out)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double elapsed = seconds_between(&p->started, &now);
	if (elapsed < p->delay ||
	    (p->visible && seconds_between(&p->drawn, &now) < 0.1))
		return;
	double rate = done / elapsed;
	double left = rate > 0 ? (double)(p->total - done) / rate : 0;
	fprintf(p->out,
		"\r\033[Ktfms-rewrite: %zu/%zu files, %.0f files/s, %.0f s "
		"left",
		done, p->total, rate, left);
	fflush(p->out);
	p->drawn = now;
	p->visible = true;
}

void tfms_progress_clear(tfms_progress *p)
{
	if (!p->out || !p->visible)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->visible = false;
}
