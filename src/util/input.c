#include "tfms/input.h"
#include "tfms/alloc.h"
#include "tfms/array.h"

#include <stdlib.h>
#include <string.h>

void tfms_input_list_add_error(tfms_input_list *list, const char *path,
			       const char *message)
{
	tfms_array__grow((void **)&list->errors, &list->errors_cap,
			 list->nerrors + 1, sizeof(tfms_input_error));
	tfms_input_error *e = &list->errors[list->nerrors++];
	e->path = tfms_strdup(path);
	e->message = tfms_strdup(message);
}

static int compare_inputs(const void *a, const void *b)
{
	return strcmp(((const tfms_input *)a)->display,
		      ((const tfms_input *)b)->display);
}

void tfms_input_list_sort(tfms_input_list *list)
{
	tfms_sort(list->items, list->len, sizeof(tfms_input), compare_inputs);
	size_t out = 0;
	for (size_t i = 0; i < list->len; i++) {
		if (out > 0 && strcmp(list->items[out - 1].display,
				      list->items[i].display) == 0) {
			free(list->items[i].path);
			free(list->items[i].display);
			continue;
		}
		list->items[out++] = list->items[i];
	}
	list->len = out;
}

void tfms_input_list_dispose(tfms_input_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->len; i++) {
		free(list->items[i].path);
		free(list->items[i].display);
	}
	for (size_t i = 0; i < list->nerrors; i++) {
		free(list->errors[i].path);
		free(list->errors[i].message);
	}
	free(list->items);
	free(list->errors);
	memset(list, 0, sizeof(*list));
}

bool tfms_input_skips_directory(const char *name)
{
	return name[0] == '.' || strcmp(name, "__pycache__") == 0 ||
	       strcmp(name, "venv") == 0 ||
	       strcmp(name, "site-packages") == 0 ||
	       strcmp(name, "node_modules") == 0;
}
