/* util.c: the run's arena, text buffers and the one error path. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kbindgen.h"

const char *progname = "kbindgen";

/* One bump arena for the whole run: the passes never free.  Emission,
 * which makes many short-lived strings per item, brackets each item with
 * arena_mark()/arena_release() so the garbage does not pile up.  Chunks
 * are numbered; a release frees those newer than the mark, but the
 * current one, and zeroes what was used of the one it goes on from,
 * keeping alloc()'s zeroed memory promise. */
#define HUGE_PAGE (2 << 20)
#define CHUNK (HUGE_PAGE - sizeof(struct chunk))

struct chunk {
	struct chunk *next;		/* older */
	unsigned long seq;
	size_t size;
	bool mapped;			/* else malloc's */
	char pad[7];			/* keep the data 16-byte aligned */
};

static struct chunk *chunks;		/* newest first */
static struct chunk *small;		/* where small blocks come from */
static char *arena_p, *arena_end;
static unsigned long seqno;

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p)
		fatal("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p && n)
		fatal("out of memory");
	return p;
}

void *keep(void *heap, size_t n)
{
	void *p = n ? memcpy(alloc(n), heap, n) : NULL;
	free(heap);
	return p;
}

/* LeakSanitizer does not look into mapped memory: the heap blocks only
 * the arena points to (PCRE2's regexes, vectors kept in items) would be
 * reported as leaks at exit.  The arena lives until exit, by design: its
 * mapped chunks are made roots of LeakSanitizer's search, and stop being
 * at munmap. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/lsan_interface.h>
#define lsan_root(p, n) __lsan_register_root_region(p, n)
#define lsan_unroot(p, n) __lsan_unregister_root_region(p, n)
#else
#define lsan_root(p, n) ((void)0)
#define lsan_unroot(p, n) ((void)0)
#endif

/* Memory for a big run, set up before libclang allocates.
 *
 * One malloc arena for the run, its blocks never mapped apart nor given
 * back on the way: libclang parses on a thread of its own, and the
 * memory it frees with the unit is then the passes' (the arena's chunks
 * come from it), no page faulted in twice (on the 200,000-record bench,
 * 100,000 faults fewer).  The heap grows 8 MiB at a time (the default
 * 128 KiB was some 500 system calls on vulkan.h, 3-5% of the run;
 * untouched pad costs no memory).
 *
 * And transparent huge pages where the system gives them on request
 * (THP "madvise", most distributions' setting): a 2 MiB page is one
 * fault where 4 KiB pages are 512, and on a VM each fault is dear (the
 * 200,000-record header took 166,000 faults, a quarter of the run in the
 * kernel).  The heap is grown once by HEAP_RESERVE of address space,
 * which costs memory only where it is touched, and that range advised;
 * the arena's chunks are 2 MiB mappings, advised too (new_chunk()).  A
 * system that refuses the reserve or the advice runs as before. */
#define HEAP_RESERVE ((size_t)1 << 30)

static void *volatile heap_gap;	/* the heap below the advised range, kept unused */

void heap_init(void)
{
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, INT_MAX);
	mallopt(M_TOP_PAD, HEAP_RESERVE);
	/* a block larger than the heap's top holds: the heap grows by it
	 * and the pad, and the top's new header, just past the block, is
	 * the one page written there before the advice (volatile: a malloc
	 * and free the compiler would leave out) */
	size_t n = mallinfo2().keepcost + 4096;
	char *before = sbrk(0), *volatile p = malloc(n), *after = sbrk(0);
	uintptr_t from = ((uintptr_t)p + n + 64 + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t to = (uintptr_t)after & ~(uintptr_t)(HUGE_PAGE - 1);
	bool grown = p && after > before && p < after;	/* not mapped apart */
	free(p);
	/* below the first 2 MiB boundary small pages only: a block up to
	 * it, its pages never touched, and the run's memory begins there
	 * (else up to 512 faults more, as the heap's start falls) */
	if (grown && to > from && !madvise((void *)from, to - from, MADV_HUGEPAGE))
		heap_gap = malloc(from - (uintptr_t)p);
	mallopt(M_TOP_PAD, 8 << 20);
}

static bool from_heap;

/* Chunks are mapped: fresh pages are zero, where calloc would clear them
 * once more.  Once the heap holds much freed memory (libclang's unit,
 * main.c), they come from it: its pages are there already, where fresh
 * ones cost a fault each (2-3 us on a VM), and clearing them is less. */
void arena_from_heap(void)
{
	from_heap = true;
}

static struct chunk *new_chunk(size_t size)
{
	struct chunk *c;
	if (from_heap) {
		c = xcalloc(1, sizeof *c + size);
	} else {
		c = mmap(NULL, sizeof *c + size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (c == MAP_FAILED)
			fatal("out of memory");
		if (sizeof *c + size >= HUGE_PAGE)
			madvise(c, sizeof *c + size, MADV_HUGEPAGE);
		lsan_root(c, sizeof *c + size);
		c->mapped = true;
	}
	c->seq = ++seqno;
	c->size = size;
	c->next = chunks;
	chunks = c;
	return c;
}

/* n bytes at a multiple of align (a power of two up to 16) */
static void *bump(size_t n, size_t align)
{
	if (n > CHUNK / 4)
		return new_chunk(n) + 1;	/* big blocks get their own chunk */
	char *p = (char *)(((uintptr_t)arena_p + align - 1) & ~(uintptr_t)(align - 1));
	if (!arena_p || n > (size_t)(arena_end - p)) {
		small = new_chunk(CHUNK);
		p = (char *)(small + 1);
		arena_end = p + CHUNK;
	}
	arena_p = p + n;
	return p;
}

void *alloc(size_t n)
{
	return bump(n, 16);
}

struct arena_mark arena_mark(void)
{
	return (struct arena_mark){ small, arena_p, seqno };
}

void arena_release(struct arena_mark mk)
{
	struct { struct chunk *small; char *p; unsigned long seq; } m =
		{ mk.chunk, mk.p, mk.seq };
	struct chunk **pc = &chunks;
	while (*pc && (*pc)->seq > m.seq) {
		struct chunk *c = *pc;
		if (c == small) {
			pc = &c->next;
			continue;
		}
		*pc = c->next;
		if (c->mapped) {
			lsan_unroot(c, sizeof *c + c->size);
			munmap(c, sizeof *c + c->size);
		} else {
			free(c);
		}
	}
	/* A chunk made since the mark stays current, from its start: going
	 * back to a full one would map and fault in a fresh chunk for every
	 * item from then on. */
	if (small && small->seq > m.seq) {
		char *start = (char *)(small + 1);
		memset(start, 0, arena_p - start);
		arena_p = start;
		return;
	}
	if (!m.small)
		return;
	char *end = (char *)(m.small + 1) + m.small->size;
	/* the marked chunk is still current if nothing newer was made */
	memset(m.p, 0, (small == m.small ? arena_p : end) - m.p);
	small = m.small;
	arena_p = m.p;
	arena_end = end;
}

void *alloc_part(size_t n, size_t whole)
{
#if defined(__SANITIZE_ADDRESS__)
	char *p = alloc(whole);
	ASAN_POISON_MEMORY_REGION(p + n, whole - n);
	return p;
#else
	(void)whole;
	return bump(n, 8);
#endif
}

void *alloc_grow(void *p, size_t old, size_t new)
{
	void *q = alloc(new);
	if (old)
		memcpy(q, p, old);
	return q;
}

char *astrndup(const char *s, size_t n)
{
	char *d = bump(n + 1, 1);	/* strings need no alignment */
	memcpy(d, s, n);
	return d;
}

char *astrdup(const char *s)
{
	return s ? astrndup(s, strlen(s)) : NULL;
}

char *acat(const char *s, ...)
{
	va_list ap;
	size_t n = 0;
	va_start(ap, s);
	for (const char *p = s; p; p = va_arg(ap, const char *))
		n += strlen(p);
	va_end(ap);
	char *d = bump(n + 1, 1), *q = d;
	va_start(ap, s);
	for (const char *p = s; p; p = va_arg(ap, const char *)) {
		size_t k = strlen(p);
		memcpy(q, p, k);
		q += k;
	}
	va_end(ap);
	*q = 0;
	return d;
}

/* The length of the valid UTF-8 sequence at s, or 0; *sub the length of
 * its longest prefix that could still start one (Unicode's "maximal
 * subpart", which one U+FFFD replaces). */
static size_t utf8_seq(const unsigned char *s, size_t *sub)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2, i;

	*sub = 1;
	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	if (c == 0xe0) lo = 0xa0;
	if (c == 0xed) hi = 0x9f;
	if (c == 0xf0) lo = 0x90;
	if (c == 0xf4) hi = 0x8f;
	for (i = 1; i < n; i++, lo = 0x80, hi = 0xbf) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		*sub = i + 1;
	}
	return n;
}

char *utf8_lossy(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t sub;
	struct buf b = {0};

	while (*p && utf8_seq(p, &sub))
		p += sub;
	if (!*p)
		return (char *)s;
	bput(&b, s, (const char *)p - s);
	while (*p) {
		if (utf8_seq(p, &sub))
			bput(&b, (const char *)p, sub);
		else
			bputs(&b, "\xef\xbf\xbd");	/* U+FFFD */
		p += sub;
	}
	return bdone(&b);
}

char *vfmt(const char *f, va_list ap)
{
	struct buf b = {0};
	char tmp[256];

	b.s = tmp;		/* short strings never touch malloc */
	b.cap = sizeof tmp;
	b.fixed = true;
	bvprintf(&b, f, ap);
	char *s = astrndup(b.s, b.len);
	if (b.s != tmp)
		free(b.s);
	return s;
}

char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *s = vfmt(f, ap);
	va_end(ap);
	return s;
}

bool streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

bool endswith(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

bool startswith(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Buffers use malloc, not the arena: they grow by doubling and the output
 * buffer of a large header is tens of megabytes. */
void bgrow(struct buf *b, size_t n)
{
	size_t nc = b->cap ? b->cap : 4096;
	while (b->len + n + 1 > nc)
		nc *= 2;
	char *p = realloc(b->fixed ? NULL : b->s, nc);
	if (!p)
		fatal("out of memory");
	if (b->fixed)
		memcpy(p, b->s, b->len);
	b->fixed = false;
	b->s = p;
	b->cap = nc;
}

static void put_num(struct buf *b, unsigned long long v, bool neg, int base,
		    bool upper, int width, char pad, bool left)
{
	char tmp[24], *p = tmp + sizeof tmp;
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	do
		*--p = dig[v % base];
	while (v /= base);
	int n = tmp + sizeof tmp - p + neg;
	if (left) {
		if (neg)
			bputc(b, '-');
		bput(b, p, tmp + sizeof tmp - p);
		for (; n < width; n++)
			bputc(b, ' ');
		return;
	}
	if (neg && pad == '0')		/* -007, not 00-7 */
		bputc(b, '-');
	for (; n < width; n++)
		bputc(b, pad);
	if (neg && pad != '0')
		bputc(b, '-');
	bput(b, p, tmp + sizeof tmp - p);
}

/* printf into a buffer.  The emitter formats millions of short pieces and
 * glibc's vsnprintf costs a stream setup per call, so the conversions the
 * code uses are done here: flags 0 and -, width (digits or *), precision
 * (.N or .*, for s), lengths l ll z, and d i u x X c s p %; floating point
 * goes to snprintf. */
void bvprintf(struct buf *b, const char *f, va_list ap)
{
	while (*f) {
		const char *pct = strchrnul(f, '%');
		bput(b, f, pct - f);
		if (!*pct)
			return;
		f = pct + 1;
		bool left = false;
		char pad = ' ';
		for (;; f++) {
			if (*f == '-')
				left = true;
			else if (*f == '0')
				pad = '0';
			else
				break;
		}
		int width = 0, prec = -1, lng = 0;
		if (*f == '*') {
			width = va_arg(ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			width = width * 10 + *f++ - '0';
		if (*f == '.') {
			f++;
			prec = 0;
			if (*f == '*') {
				prec = va_arg(ap, int);
				f++;
			}
			while (*f >= '0' && *f <= '9')
				prec = prec * 10 + *f++ - '0';
		}
		for (; *f == 'l' || *f == 'z'; f++)
			lng++;
		char c = *f++;
		if (c == 's' && width == 0 && prec < 0) {	/* most of them */
			const char *s = va_arg(ap, const char *);
			bputs(b, s ? s : "(null)");
			continue;
		}
		switch (c) {
		case 'd': case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long) :
				      lng ? va_arg(ap, long) : va_arg(ap, int);
			put_num(b, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
				v < 0, 10, false, width, pad, left);
			break;
		}
		case 'u': case 'x': case 'X': {
			unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long) :
					       lng ? va_arg(ap, unsigned long) :
					       va_arg(ap, unsigned);
			put_num(b, v, false, c == 'u' ? 10 : 16, c == 'X', width, pad, left);
			break;
		}
		case 'p':
			bputs(b, "0x");
			put_num(b, (uintptr_t)va_arg(ap, void *), false, 16, false, width, pad, left);
			break;
		case 'c':
			bputc(b, (char)va_arg(ap, int));
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			size_t n = prec >= 0 ? strnlen(s, prec) : strlen(s);
			if (!left)
				for (size_t i = n; (int)i < width; i++)
					bputc(b, ' ');
			bput(b, s, n);
			if (left)
				for (size_t i = n; (int)i < width; i++)
					bputc(b, ' ');
			break;
		}
		case 'a': case 'e': case 'f': case 'g': {
			/* %a: every bit of the value, so no precision but one given */
			char spec[32];
			double v = va_arg(ap, double);
			if (prec < 0)
				prec = c == 'a' ? -1 : 6;
			snprintf(spec, sizeof spec, "%%%s%s*.*%c", left ? "-" : "",
				 pad == '0' ? "0" : "", c);
			int n = snprintf(NULL, 0, spec, width, prec, v);
			if (b->len + n + 1 > b->cap)
				bgrow(b, n);
			snprintf(b->s + b->len, n + 1, spec, width, prec, v);
			b->len += n;
			break;
		}
		case '%':
			bputc(b, '%');
			break;
		default:
			fatal("internal error: bvprintf: %%%c", c);
		}
	}
}

void bprintf(struct buf *b, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	bvprintf(b, f, ap);
	va_end(ap);
}

char *bdone(struct buf *b)
{
	char *s = astrndup(b->s ? b->s : "", b->len);
	bfree(b);
	return s;
}

void bfree(struct buf *b)
{
	if (!b->fixed)
		free(b->s);
	*b = (struct buf){0};
}

char *bstr(struct buf *b)
{
	if (!b->s)
		bput(b, "", 0);
	return b->s;
}

/* Eight bytes a step, each mixed by a multiply and a shift: C names are
 * long (VkPhysicalDeviceShaderFloat16Int8Features) and a byte-wise hash
 * was a visible share of a run. */
unsigned hash_str(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xff51afd7ed558ccdull;
	return h ^ h >> 29;
}

/* The hash is kept: growing rehashes without reading the keys, and a probe
 * compares strings only when the hashes agree (C names share long
 * prefixes). */
static struct strslot *strmap_slot(struct strmap *m, const char *key, unsigned h)
{
	for (unsigned i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct strslot *s = &m->slots[i];
		if (!s->key || (s->hash == h && !strcmp(s->key, key)))
			return s;
	}
}

void *strmap_get(struct strmap *m, const char *key)
{
	if (!m->cap || !key)
		return NULL;
	return strmap_slot(m, key, hash_str(key))->val;
}

void strmap_put(struct strmap *m, const char *key, void *val)
{
	if (2 * (m->n + 1) > m->cap) {
		/* the tables live outside the arena: the outgrown ones are
		 * freed (a map of every function name is megabytes) */
		struct strmap old = *m;
		m->cap = m->cap ? m->cap * 2 : 256;
		m->slots = xcalloc(m->cap, sizeof *m->slots);
		for (unsigned i = 0; i < old.cap; i++)
			if (old.slots[i].key)
				*strmap_slot(m, old.slots[i].key, old.slots[i].hash) = old.slots[i];
		free(old.slots);
	}
	unsigned h = hash_str(key);
	struct strslot *s = strmap_slot(m, key, h);
	if (!s->key) {
		s->key = key;
		s->hash = h;
		m->n++;
	}
	s->val = val;
}

static void vmsg(const char *kind, const char *f, va_list ap)
{
	fprintf(stderr, "%s: %s", progname, kind);
	vfprintf(stderr, f, ap);
	fputc('\n', stderr);
}

static void (*die_hook)(int status);

void set_die_hook(void (*fn)(int status))
{
	die_hook = fn;
}

static noreturn void die(int status)
{
	if (die_hook)
		die_hook(status);
	exit(status);
}

noreturn void fatal(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vmsg("error: ", f, ap);
	va_end(ap);
	die(1);
}

noreturn void usage_error(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vmsg("", f, ap);
	va_end(ap);
	die(2);
}

void error(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vmsg("error: ", f, ap);
	va_end(ap);
}

void warn(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vmsg("warning: ", f, ap);
	va_end(ap);
}

char *catch_stderr(void (*fn)(void *), void *arg)
{
	FILE *t = tmpfile();
	int saved = dup(2);
	if (!t || saved < 0) {
		fn(arg);
		return "";
	}
	fflush(stderr);
	dup2(fileno(t), 2);
	fn(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	struct buf b = {0};
	rewind(t);
	bput_fd(&b, fileno(t));
	fclose(t);
	return b.s ? bdone(&b) : "";
}

/* Reads to the end of fd straight into b (no copy through a chunk);
 * false on a read error.  A regular file is read in one read() when it
 * can be: a short read is its end. */
bool bput_fd(struct buf *b, int fd)
{
	struct stat st;
	bool sized = !fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0;
	bgrow(b, sized ? (size_t)st.st_size + 1 : 4096);
	for (;;) {
		size_t want = b->cap - b->len - 1;
		ssize_t n = read(fd, b->s + b->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			b->s[b->len] = 0;
			return n == 0;
		}
		b->len += n;
		if (sized && (size_t)n < want)
			break;
		if (b->len + 1 == b->cap)
			bgrow(b, 65536);
	}
	b->s[b->len] = 0;
	return true;
}

bool bput_file(struct buf *b, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	bool ok = bput_fd(b, fd);
	close(fd);
	return ok;
}

/* Runs argv (argv[0] a path or a name on PATH), waits: its exit status,
 * or -1 when it could not run. */
int run_wait(char **argv)
{
	extern char **environ;
	pid_t pid;
	int st;
	if (posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ))
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * POSIX shell word splitting without expansions, as the shlex crate that
 * bindgen uses does it: words split at space, tab and newline; '...'
 * quotes literally; "..." quotes with \ escaping only $ ` " \ and newline;
 * a bare \ escapes the next character (\ newline vanishes); # at the start
 * of a word comments out the rest of the line.  Returns false on an
 * unterminated quote or a trailing backslash.
 */
static bool shell_split(const char *s, strvec *out)
{
	char *w = alloc(strlen(s) + 1);

	for (;;) {
		size_t n = 0;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '#') {
			if (*s == '#')
				s += strcspn(s, "\n");
			else
				s++;
		}
		if (!*s)
			return true;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n') {
			char c = *s++;

			if (c == '\'') {
				while (*s && *s != '\'')
					w[n++] = *s++;
				if (!*s++)
					return false;
			} else if (c == '"') {
				while (*s && *s != '"') {
					if (*s != '\\') {
						w[n++] = *s++;
						continue;
					}
					if (!*++s)
						return false;
					if (*s == '\n') {
						s++;
						continue;
					}
					if (!strchr("$`\"\\", *s))
						w[n++] = '\\';
					w[n++] = *s++;
				}
				if (!*s++)
					return false;
			} else if (c == '\\') {
				if (!*s)
					return false;
				if (*s != '\n')
					w[n++] = *s;
				s++;
			} else {
				w[n++] = c;
			}
		}
		vpush(out, astrndup(w, n));
	}
}

/* Like bindgen, a string that does not split is passed as one argument. */
void split_shell_words(const char *s, strvec *out)
{
	strvec words = {0};

	if (!shell_split(s, &words)) {
		vpush(out, astrdup(s));
		return;
	}
	for (int i = 0; i < words.n; i++)
		vpush(out, words.v[i]);
}

/* The parts of s[0..n) between the commas outside brackets ((), [], <>;
 * the '>' of "->" is none), leading blanks dropped, empty parts skipped:
 * "A, B<C, D>" is "A" and "B<C, D>". */
void split_commas(const char *s, size_t n, strvec *out)
{
	int depth = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : ',';
		if (c == '(' || c == '[' || c == '<')
			depth++;
		else if (c == ')' || c == ']' || (c == '>' && !(i && s[i - 1] == '-')))
			depth--;
		else if (c == ',' && depth == 0) {
			size_t a = start;
			while (a < i && s[a] == ' ')
				a++;
			if (i > a)
				vpush(out, astrndup(s + a, i - a));
			start = i + 1;
		}
	}
}

void bputs_all(struct buf *b, ...)
{
	va_list ap;
	va_start(ap, b);
	for (const char *s; (s = va_arg(ap, const char *));)
		bputs(b, s);
	va_end(ap);
}
