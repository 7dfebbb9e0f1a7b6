/* out.c: the outputs of a run, all written or none, never truncated. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
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

/* ---- the spill: a big output's items, written as they are made ---- */

static int spill_fd = -1;	/* the spill file's, read and written */
static off_t spill_len;		/* its bytes, the head's among them */
static char *spill_path;
static const char *spill_dest;	/* spill_to()'s file; NULL: stdout or not regular */
static struct buf spill_head;	/* what was put before the items */

size_t spill_size(void)
{
	/* tests make small outputs spill too */
	const char *s = getenv("KBINDGEN_SPILL_AT");
	return s && *s ? strtoull(s, NULL, 10) : 8 << 20;
}

static const char *follow_links(const char *path);
static int make_temp(const char *dir, const char *name, const char *suffix, char **path);
static int temp_beside(const char *path, char **tmp);
static const char *tmp_dir(void);
static noreturn void fail(const char *path, int e);

/* what a user reads when the spill cannot be written: his file's name */
static noreturn void spill_failed(void)
{
	fail(spill_dest ? spill_dest : spill_path, errno);
}

void spill_to(const char *path)
{
	struct stat st;
	if (!path || streq(path, "-"))
		return;
	path = follow_links(path);
	if (stat(path, &st) || S_ISREG(st.st_mode))
		spill_dest = path;
}

void spill(struct buf *b, struct buf *head)
{
	if (spill_fd < 0) {
		/* beside the output, with the head guessed: if it proves
		 * right, the file becomes the output's temporary as it is */
		spill_fd = spill_dest ? temp_beside(spill_dest, &spill_path) :
			   make_temp(tmp_dir(), "kbindgen-", ".rs", &spill_path);
		if (spill_fd < 0)
			fail(spill_dest ? spill_dest : fmt("a file in %s", tmp_dir()), errno);
		if (spill_dest) {
			spill_head = *head;
			*head = (struct buf){0};
			if (!write_all(spill_fd, spill_head.s, spill_head.len))
				spill_failed();
			spill_len = spill_head.len;
		}
	}
	if (!write_all(spill_fd, b->s, b->len))
		spill_failed();
	spill_len += b->len;
	b->len = 0;
}

/* The spill's bytes from off to len to fd: in the kernel when it can (a
 * file on the same file system), else read and written. */
static bool copy_spill(int from, off_t off, off_t len, int fd)
{
	while (off < len) {
		ssize_t n = copy_file_range(from, &off, fd, NULL, len - off, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
	}
	struct buf b = {0};
	bgrow(&b, 1 << 20);
	while (off < len) {
		size_t want = len - off < (off_t)b.cap - 1 ? (size_t)(len - off) : b.cap - 1;
		ssize_t n = pread(from, b.s, want, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || !write_all(fd, b.s, n)) {
			bfree(&b);
			return false;
		}
		off += n;
	}
	bfree(&b);
	return true;
}

/* In parts, so that the items need not be copied behind their prelude;
 * a spilled text (from soff: after its head) goes before the last part
 * (the items' tail). */
static bool write_parts(int fd, const struct buf *parts, int n, int sfd, off_t soff, off_t slen)
{
	for (int i = 0; i < n; i++) {
		if (i == n - 1 && slen > soff && !copy_spill(sfd, soff, slen, fd))
			return false;
		if (!write_all(fd, parts[i].s, parts[i].len))
			return false;
	}
	return true;
}

/* A run's outputs (bindings, --wrap-static-fns, --depfile, the IR graph)
 * are staged, then committed together: all of them are written, or none
 * is.  A regular file (or a path that does not exist yet) is written to a
 * temporary beside it at once and renamed over it at the commit, keeping
 * its mode; anything else (stdout, a tty, a pipe, /dev/null) can only be
 * written in place, at the commit, before the renames.  A temporary is
 * removed on any failure, at exit and on SIGINT, SIGTERM, SIGHUP. */
struct output {
	const char *path;	/* the file written (a symlink followed) */
	char *tmp;		/* its temporary; NULL: written in place */
	struct buf *parts;
	int n;
	int spill_fd;		/* the spill staged with it (spill_len bytes, */
	off_t spill_head, spill_len;	/* the first spill_head its head's) */
};
#define MAX_OUTPUTS 8		/* a run has at most four */
static struct output outs[MAX_OUTPUTS];
static int nouts;
/* what the signal handler removes: the temporaries not yet renamed */
static char *volatile temps[MAX_OUTPUTS];
static struct stat input;	/* the header, never overwritten */
static bool have_input;

/* and the run's own scratch files (scratch_file(), the spill file) */
static char *volatile scratch[4];

static void remove_temps(void)
{
	for (int i = 0; i < MAX_OUTPUTS; i++)
		if (temps[i])
			unlink(temps[i]);
	for (int i = 0; i < 4; i++)
		if (scratch[i])
			unlink(scratch[i]);
}

/* then dies of the signal: it is pending until the handler returns */
static void on_signal(int sig)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	remove_temps();
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

static void catch_signals(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	atexit(remove_temps);
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_signal }, old;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		/* a signal the caller ignores (nohup) stays ignored */
		if (!sigaction(sigs[i], NULL, &old) && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

static noreturn void fail(const char *path, int e)
{
	remove_temps();
	fatal("cannot write %s: %s", path, strerror(e));
}

/* The file a path names once its symbolic links are followed (the last
 * one may dangle: the file is then created where it points). */
static const char *follow_links(const char *path)
{
	struct stat st;
	for (int hops = 0; !lstat(path, &st) && S_ISLNK(st.st_mode); hops++) {
		if (hops == 40)
			fail(path, ELOOP);
		size_t cap = st.st_size + 1;
		char *t = alloc(cap + 1);
		ssize_t n = readlink(path, t, cap + 1);
		if (n < 0)
			fail(path, errno);
		if ((size_t)n > cap)	/* the link changed under us */
			fail(path, EAGAIN);
		t[n] = 0;
		path = t[0] == '/' ? t : fmt("%s/%s", dirname(astrdup(path)), t);
	}
	return path;
}

static char *adopt_scratch(char *path, int i);

/* Are parts[0..n) the bytes of head? */
static bool head_is(const struct buf *head, const struct buf *parts, int n)
{
	size_t at = 0;
	for (int i = 0; i < n; i++) {
		if (at + parts[i].len > head->len ||
		    (parts[i].len && memcmp(head->s + at, parts[i].s, parts[i].len)))
			return false;
		at += parts[i].len;
	}
	return at == head->len;
}

void protect_input(const char *path)
{
	have_input = !stat(path, &input);
}

void stage_output(const char *path, const struct buf *parts, int n)
{
	struct output *out = &outs[nouts];
	struct stat st;
	if (nouts == MAX_OUTPUTS)
		fatal("internal error: more than %d outputs", MAX_OUTPUTS);
	out->parts = memcpy(alloc(n * sizeof *parts), parts, n * sizeof *parts);
	out->n = n;
	out->path = path;
	out->spill_fd = spill_fd;
	out->spill_head = spill_head.len;
	out->spill_len = spill_len;
	bool guessed = spill_fd >= 0 && spill_head.len && head_is(&spill_head, parts, n - 1);
	spill_fd = -1;
	spill_len = 0;
	bfree(&spill_head);
	nouts++;
	if (!path || streq(path, "-"))
		return;
	path = out->path = follow_links(path);
	bool exists = stat(path, &st) == 0;
	if (exists && have_input && st.st_dev == input.st_dev && st.st_ino == input.st_ino) {
		remove_temps();
		fatal("cannot write %s: it is the input header", out->path);
	}
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			fail(path, EISDIR);
		return;
	}
	mode_t mode;
	if (exists) {
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	if (guessed && streq(path, spill_dest)) {
		/* the spill file has the output's head and items: its tail,
		 * and it is the temporary */
		int fd = out->spill_fd;
		out->spill_fd = -1;
		out->tmp = adopt_scratch(spill_path, out - outs);
		if (!write_all(fd, parts[n - 1].s, parts[n - 1].len) || fchmod(fd, mode) || close(fd))
			fail(path, errno);
		return;
	}
	char *tmp;
	int fd = temp_beside(path, &tmp);
	if (fd < 0)
		fail(path, errno);
	out->tmp = adopt_scratch(tmp, out - outs);
	if (!write_parts(fd, parts, n, out->spill_fd, out->spill_head, out->spill_len) ||
	    fchmod(fd, mode) || close(fd))
		fail(path, errno);
}

void commit_outputs(void)
{
	for (int i = 0; i < nouts; i++) {
		struct output *out = &outs[i];
		if (out->tmp)
			continue;
		if (!out->path || streq(out->path, "-")) {
			if (!write_parts(1, out->parts, out->n, out->spill_fd, out->spill_head,
					 out->spill_len))
				fail("to stdout", errno);
			continue;
		}
		int fd = open(out->path, O_WRONLY | O_TRUNC);
		if (fd < 0 || !write_parts(fd, out->parts, out->n, out->spill_fd, out->spill_head,
					   out->spill_len) || close(fd))
			fail(out->path, errno);
	}
	for (int i = 0; i < nouts; i++) {
		struct output *out = &outs[i];
		if (out->tmp && rename(out->tmp, out->path))
			fail(out->path, errno);
		temps[i] = NULL;
	}
	for (int i = 0; i < nouts; i++)
		for (int k = 0; k < outs[i].n; k++)
			bfree(&outs[i].parts[k]);
	nouts = 0;
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
	stage_output(path, &b, 1);
}

/* A new empty file dir/nameXXXXXXsuffix for the run's own use, removed
 * at exit, on a failure and on the signals, as the outputs' temporaries
 * are: its descriptor (read and write), its path in *path; -1 (errno
 * set) if it cannot be made.  No signal comes between the file's making
 * and its registration. */
static int make_temp(const char *dir, const char *name, const char *suffix, char **path)
{
	/* on the heap: it lives until exit, and it may be made where the
	 * arena is released again (emit_items()' spill) */
	const char *pat = fmt("%s/%sXXXXXX%s", dir, name, suffix);
	char *p = strcpy(xrealloc(NULL, strlen(pat) + 1), pat);
	int slot = 0;
	while (slot < 4 && scratch[slot])
		slot++;
	if (slot == 4)
		fatal("internal: more than 4 scratch files");
	catch_signals();
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	int fd = mkostemps(p, strlen(suffix), O_CLOEXEC);
	if (fd >= 0)
		scratch[slot] = p;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0) {
		int e = errno;
		free(p);
		errno = e;
		return -1;
	}
	*path = p;
	return fd;
}

/* A temporary beside the file path, as make_temp() makes it. */
static int temp_beside(const char *path, char **tmp)
{
	return make_temp(dirname(astrdup(path)), fmt(".%s.", basename(astrdup(path))), "", tmp);
}

/* $TMPDIR, or /tmp */
static const char *tmp_dir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir && *dir ? dir : "/tmp";
}

char *scratch_file(const char *suffix)
{
	char *path;
	int fd = make_temp(tmp_dir(), "kbindgen-", suffix, &path);
	if (fd < 0)
		fatal("cannot create a file in %s: %s", tmp_dir(), strerror(errno));
	close(fd);
	return path;
}

/* The scratch file path becomes output i's temporary (renamed at the
 * commit, removed on a failure or a signal before). */
static char *adopt_scratch(char *path, int i)
{
	temps[i] = path;
	for (int k = 0; k < 4; k++)
		if (scratch[k] == path)
			scratch[k] = NULL;
	return path;
}
