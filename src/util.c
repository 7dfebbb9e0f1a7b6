/* util.c: the run's arena, text buffers and the one error path. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

const char *progname = "kbindgen";

/* One bump arena for the whole run: nothing is freed until exit, so no
 * frees are scattered through the passes. */
#define CHUNK (1 << 20)
static char *arena_p, *arena_end;

void *alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (n > (size_t)(arena_end - arena_p)) {
		size_t sz = n > CHUNK / 4 ? n : CHUNK;
		char *c = calloc(1, sz);
		if (!c)
			fatal("out of memory");
		if (n > CHUNK / 4)
			return c;	/* big blocks get their own chunk */
		arena_p = c;
		arena_end = c + sz;
	}
	void *p = arena_p;
	arena_p += n;
	return p;
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
