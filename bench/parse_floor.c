/* The parse-only floor for the benchmark: reads every file named on
 * standard input (one path a line) and parses it with the same grammar and
 * library tfms-rewrite uses, on one thread, and nothing else. */
#include "tfms/fileio.h"
#include "tfms/python.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	tfms_python *py;
	if (tfms_python_new(&py) < 0)
		return 2;
	char line[8192];
	size_t files = 0, bytes = 0, errors = 0;
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		char *data;
		size_t len;
		if (tfms_file_read(&data, &len, line, line, 1u << 24) < 0)
			return 2;
		TSTree *tree = tfms_python_parse(py, data, len);
		errors += tfms_python_error_count(tree);
		ts_tree_delete(tree);
		free(data);
		files++;
		bytes += len;
	}
	tfms_python_free(py);
	fprintf(stderr, "parsed %zu files, %zu bytes, %zu syntax errors\n",
		files, bytes, errors);
	return 0;
}
