/* One self-updating progress line on a terminal: files done/total, rate
 * and time left. It appears only after about a second, so short runs stay
 * quiet, and it is erased before anything else is printed. */
#ifndef TFMS_CLI_PROGRESS_H
#define TFMS_CLI_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include <stdio.h>
#include <time.h>

typedef struct {
	FILE *out; /* NULL: disabled */
	size_t total;
	struct timespec started, drawn;
	double delay; /* seconds before the line appears */
	bool visible;
} tfms_progress;

/* enabled: the caller decided the stream is a terminal and the run is not
 * quiet. */
void tfms_progress_init(tfms_progress *p, FILE *out, size_t total,
			bool enabled);
/* Redraws (at most ten times a second) with done files finished. */
void tfms_progress_update(tfms_progress *p, size_t done);
/* Erases the line, so other output starts at the left margin. */
void tfms_progress_clear(tfms_progress *p);

#endif
