#include "tfms/outputs.h"
#include "tfms/alloc.h"
#include "tfms/error.h"
#include "tfms/text.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_file(const struct stat *a, const char *path)
{
	struct stat b;
	return stat(path, &b) == 0 && a->st_dev == b.st_dev &&
	       a->st_ino == b.st_ino;
}

/* A rules directory is read whole, so every file in it is an input. */
static bool in_rules(const struct stat *target, const char *rule_path)
{
	struct stat st;
	if (stat(rule_path, &st) < 0)
		return false;
	if (!S_ISDIR(st.st_mode))
		return same_file(target, rule_path);
	DIR *d = opendir(rule_path);
	if (!d)
		return false;
	bool found = false;
	struct dirent *e;
	while (!found && (e = readdir(d)) != NULL) {
		char *p = tfms_asprintf("%s/%s", rule_path, e->d_name);
		found = same_file(target, p);
		free(p);
	}
	closedir(d);
	return found;
}

/* The directory the report goes into must exist and take a new file (the
 * report is written to a temporary file there and renamed). */
static int check_directory(const char *report_path)
{
	char *dir = tfms_path_dirname(report_path);
	struct stat st;
	int rc = 0;
	if (stat(dir, &st) < 0)
		rc = tfms_error_set("cannot write the report '%s': %s",
				    report_path, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		rc = tfms_error_set("cannot write the report '%s': '%s' is "
				    "not a directory",
				    report_path, dir);
	else if (access(dir, W_OK | X_OK) < 0)
		rc = tfms_error_set("cannot write the report '%s': %s",
				    report_path, strerror(errno));
	free(dir);
	return rc;
}

int tfms_outputs_check_report(const char *report_path,
			      const tfms_input_list *inputs,
			      const char *const *rule_paths, size_t nrule_paths)
{
	if (strcmp(report_path, TFMS_REPORT_STDOUT) == 0)
		return 0;
	if (report_path[0] == '\0')
		return tfms_error_set("--report names no file");
	struct stat st;
	if (stat(report_path, &st) < 0) {
		if (errno != ENOENT)
			return tfms_error_set("cannot write the report '%s': "
					      "%s",
					      report_path, strerror(errno));
		return check_directory(report_path);
	}
	if (S_ISDIR(st.st_mode))
		return tfms_error_set("cannot write the report '%s': it is a "
				      "directory",
				      report_path);
	if (!S_ISREG(st.st_mode))
		return tfms_error_set("cannot write the report '%s': not a "
				      "regular file",
				      report_path);
	for (size_t i = 0; i < inputs->len; i++)
		if (!inputs->items[i].in_git &&
		    same_file(&st, inputs->items[i].path))
			return tfms_error_set("the report '%s' is an input of "
					      "this run ('%s'); choose another "
					      "path",
					      report_path,
					      inputs->items[i].display);
	for (size_t i = 0; i < nrule_paths; i++)
		if (in_rules(&st, rule_paths[i]))
			return tfms_error_set("the report '%s' is an input of "
					      "this run (rules '%s'); choose "
					      "another path",
					      report_path, rule_paths[i]);
	return check_directory(report_path);
}
