/* Checks of the paths a run will write, made before anything is changed:
 * a report that cannot be written is found before the first file is
 * rewritten, and a report path that names one of the run's own inputs
 * (a source file or a rules file) is refused instead of overwriting it. */
#ifndef TFMS_OUTPUTS_H
#define TFMS_OUTPUTS_H

#include "tfms/common.h"
#include "tfms/input.h"

/* The report path that means "standard output". */
#define TFMS_REPORT_STDOUT "-"

/* Fails, with a message naming report_path, when the report could not be
 * written there (a directory, a FIFO, a missing or unwritable directory)
 * or when it is the same file as one of inputs (files on disk) or of
 * rule_paths (files, or the files of directories). */
int tfms_outputs_check_report(const char *report_path,
			      const tfms_input_list *inputs,
			      const char *const *rule_paths,
			      size_t nrule_paths) TFMS_WARN_UNUSED;

#endif
