/* util.c: the run's arena, text buffers and the one error path. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

const char *progname = "kbindgen";

/* One bump arena for the whole run: the passes never free.  Emission,
 * which makes many short-lived strings per item, brackets each item with
 * arena_mark()/arena_release() so the garbage does not pile up.  Chunks
 * are numbered; a release frees those newer than the mark and zeroes what
 * was used of the marked one, keeping alloc()'s zeroed memory promise. */
#define CHUNK (1 << 20)

struct chunk {
	struct chunk *next;		/* older */
	unsigned long seq;
	size_t size;
	char pad[8];			/* keep the data 16-byte aligned */
};

static struct chunk *chunks;		/* newest first */
static struct chunk *small;		/* where small blocks come from */
static char *arena_p, *arena_end;
static unsigned long seqno;

static struct chunk *new_chunk(size_t size)
{
	struct chunk *c = calloc(1, sizeof *c + size);
	if (!c)
		fatal("out of memory");
	c->seq = ++seqno;
	c->size = size;
	c->next = chunks;
	chunks = c;
	return c;
}

void *alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (n > CHUNK / 4)
		return new_chunk(n) + 1;	/* big blocks get their own chunk */
	if (n > (size_t)(arena_end - arena_p)) {
		small = new_chunk(CHUNK);
		arena_p = (char *)(small + 1);
		arena_end = arena_p + CHUNK;
	}
	void *p = arena_p;
	arena_p += n;
	return p;
}

struct arena_mark arena_mark(void)
{
	return (struct arena_mark){ small, arena_p, seqno };
}

void arena_release(struct arena_mark mk)
{
	struct { struct chunk *small; char *p; unsigned long seq; } m =
		{ mk.chunk, mk.p, mk.seq };
	while (chunks && chunks->seq > m.seq) {
		struct chunk *c = chunks;
		chunks = c->next;
		free(c);
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

void *alloc_grow(void *p, size_t old, size_t new)
{
	void *q = alloc(new);
	if (old)
		memcpy(q, p, old);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = alloc(n + 1);
	memcpy(d, s, n);
	return d;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *vfmt(const char *f, va_list ap)
{
	/* one pass for the usual short string, two for long ones */
	char tmp[256];
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(tmp, sizeof tmp, f, aq);
	va_end(aq);
	if (n < (int)sizeof tmp)
		return xstrndup(tmp, n);
	char *s = alloc(n + 1);
	vsnprintf(s, n + 1, f, ap);
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

bool startswith(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Buffers use malloc, not the arena: they grow by doubling and the output
 * buffer of a large header is tens of megabytes. */
void bput(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		while (b->len + n + 1 > nc)
			nc *= 2;
		b->s = realloc(b->s, nc);
		if (!b->s)
			fatal("out of memory");
		b->cap = nc;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

void bputc(struct buf *b, char c)
{
	bput(b, &c, 1);
}

void bprintf(struct buf *b, const char *f, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(tmp, sizeof tmp, f, ap);
	va_end(ap);
	if (n < (int)sizeof tmp) {
		bput(b, tmp, n);
		return;
	}
	va_start(ap, f);
	char *s = vfmt(f, ap);
	va_end(ap);
	bput(b, s, n);
}

char *bdone(struct buf *b)
{
	char *s = xstrndup(b->s ? b->s : "", b->len);
	free(b->s);
	*b = (struct buf){0};
	return s;
}

char *bstr(struct buf *b)
{
	if (!b->s)
		bput(b, "", 0);
	return b->s;
}

static unsigned hash_str(const char *s)
{
	unsigned h = 2166136261u;	/* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static unsigned strmap_slot(struct strmap *m, const char *key)
{
	unsigned i = hash_str(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

void *strmap_get(struct strmap *m, const char *key)
{
	if (!m->cap || !key)
		return NULL;
	return m->vals[strmap_slot(m, key)];
}

void strmap_put(struct strmap *m, const char *key, void *val)
{
	if (2 * (m->n + 1) > m->cap) {
		struct strmap old = *m;
		m->cap = m->cap ? m->cap * 2 : 256;
		m->keys = alloc(sizeof *m->keys * m->cap);
		m->vals = alloc(sizeof *m->vals * m->cap);
		m->n = 0;
		for (unsigned i = 0; i < old.cap; i++)
			if (old.keys[i])
				strmap_put(m, old.keys[i], old.vals[i]);
	}
	unsigned i = strmap_slot(m, key);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->n++;
	}
	m->vals[i] = val;
}

static void vmsg(const char *kind, const char *f, va_list ap)
{
	fprintf(stderr, "%s: %s", progname, kind);
	vfprintf(stderr, f, ap);
	fputc('\n', stderr);
}

noreturn void fatal(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vmsg("error: ", f, ap);
	va_end(ap);
	exit(1);
}

noreturn void usage_error(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vmsg("", f, ap);
	va_end(ap);
	exit(2);
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
