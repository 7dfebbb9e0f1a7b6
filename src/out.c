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

/* In parts, so that the items need not be copied behind their prelude. */
static bool write_parts(int fd, const struct buf *parts, int n)
{
	for (int i = 0; i < n; i++)
		if (!write_all(fd, parts[i].s, parts[i].len))
			return false;
	return true;
}

/* A regular file (or a path that does not exist yet) is replaced through a
 * temporary file in the same directory and rename(2), keeping the old mode;
 * anything else (a tty, a pipe, /dev/null) is written in place. */
void write_output(const char *path, const struct buf *parts, int n)
{
	struct stat st;
	if (!path || streq(path, "-")) {
		if (!write_parts(1, parts, n))
			fatal("cannot write to stdout: %s", strerror(errno));
		return;
	}
	bool exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		int fd = open(path, O_WRONLY | O_TRUNC);
		if (fd < 0 || !write_parts(fd, parts, n) || close(fd))
			fatal("cannot write %s: %s", path, strerror(errno));
		return;
	}
	char *dir = dirname(astrdup(path));
	char *tmp = fmt("%s/.%s.XXXXXX", dir, basename(astrdup(path)));
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
	if (!write_parts(fd, parts, n) || fchmod(fd, mode) || close(fd)) {
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Spaces in make rules are escaped with a backslash. */
static void put_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ')
			bputc(b, '\\');
		bputc(b, *s);
	}
}

void write_depfile(const char *path, const char *target, strvec *deps)
{
	struct buf b = {0};
	qsort(deps->v, deps->n, sizeof *deps->v, cmp_str);
	put_escaped(&b, target);
	bputc(&b, ':');
	for (int i = 0; i < deps->n; i++) {
		if (i && streq(deps->v[i], deps->v[i - 1]))
			continue;
		bputc(&b, ' ');
		put_escaped(&b, deps->v[i]);
	}
	bputc(&b, '\n');
	write_output(path, &b, 1);
	free(b.s);
}
