/* out.c: writing the bindings without ever leaving a truncated file. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kbindgen.h"

static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= w;
	}
	return true;
}

/* A regular file (or a path that does not exist yet) is replaced through a
 * temporary file in the same directory and rename(2), keeping the old mode;
 * anything else (a tty, a pipe, /dev/null) is written in place. */
void write_output(const char *path, const char *data, size_t len)
{
	struct stat st;
	if (!path || streq(path, "-")) {
		if (!write_all(1, data, len))
			fatal("cannot write to stdout: %s", strerror(errno));
		return;
	}
	bool exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		int fd = open(path, O_WRONLY | O_TRUNC);
		if (fd < 0 || !write_all(fd, data, len) || close(fd))
			fatal("cannot write %s: %s", path, strerror(errno));
		return;
	}
	char *dir = dirname(xstrdup(path));
	char *tmp = fmt("%s/.%s.XXXXXX", dir, basename(xstrdup(path)));
	int fd = mkstemp(tmp);
	if (fd < 0)
		fatal("cannot write %s: %s", path, strerror(errno));
	mode_t mode;
	if (exists) {
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	if (!write_all(fd, data, len) || fchmod(fd, mode) || close(fd)) {
		int e = errno;
		unlink(tmp);
		fatal("cannot write %s: %s", path, strerror(e));
	}
	if (rename(tmp, path)) {
		int e = errno;
		unlink(tmp);
		fatal("cannot write %s: %s", path, strerror(e));
	}
}
