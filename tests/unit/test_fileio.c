#include "tfms/error.h"
#include "tfms/fileio.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Test(fileio, read_names_the_display_path)
{
	char *data = (char *)1;
	size_t len = 7;
	cr_assert_eq(tfms_file_read(&data, &len, "/nonexistent/dir/m.py",
				    "pkg/m.py", 1024),
		     -1);
	cr_expect_null(data);
	cr_expect_eq(len, 0);
	cr_expect_str_eq(tfms_error_last(),
			 "pkg/m.py: cannot open: No such file or directory");
}

Test(fileio, read_refuses_files_over_the_limit)
{
	char path[] = "/tmp/tfms-fileio-XXXXXX";
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "0123456789", 10), 10);
	close(fd);
	char *data = NULL;
	size_t len = 0;
	cr_expect_eq(tfms_file_read(&data, &len, path, "big.py", 9), -1);
	cr_expect_null(data);
	cr_expect_str_eq(tfms_error_last(),
			 "big.py: file too large (10 bytes, limit 9)");
	cr_assert_eq(tfms_file_read(&data, &len, path, "big.py", 10), 0);
	cr_expect_eq(len, 10);
	cr_expect_str_eq(data, "0123456789");
	free(data);
	unlink(path);
}
