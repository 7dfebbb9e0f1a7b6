/* post.c: bindgen's post-processing passes on the Rust text, run when
 * asked: --merge-extern-blocks and --sort-semantically.  bindgen runs them
 * on the syn items of its output; we split our own text into its top-level
 * items (it is regular: every item starts at column 0 and ends where the
 * bracket depth returns to 0 on a line ending in '}' or ';'). */
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

struct ritem {
	const char *s;		/* the text, lines included up to '\n' */
	size_t len;
	int rank;		/* --sort-semantically order */
	int seq;		/* position, for a stable sort */
	const char *abi;	/* extern blocks: the `extern ".." {` line */
	size_t head;		/* extern blocks: length up to the '{' line */
};
typedef VEC(struct ritem) ritemvec;

/* Depth change of one line, skipping strings, chars and comments;
 * *cmt carries an open block comment across lines. */
static int line_depth(const char *p, const char *end, int *cmt)
{
	int d = 0;
	for (; p < end; p++) {
		if (*cmt) {
			if (p[0] == '*' && p + 1 < end && p[1] == '/') {
				(*cmt)--;
				p++;
			}
			continue;
		}
		if (p[0] == '/' && p + 1 < end && p[1] == '/')
			break;
		if (p[0] == '/' && p + 1 < end && p[1] == '*') {
			(*cmt)++;
			p++;
		} else if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
		} else if (*p == '{' || *p == '(' || *p == '[') {
			d++;
		} else if (*p == '}' || *p == ')' || *p == ']') {
			d--;
		}
	}
	return d;
}

static bool word(const char **p, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(*p, w, n) || !strchr(" (!<", (*p)[n]) || !(*p)[n])
		return false;
	*p += n;
	while (**p == ' ')
		(*p)++;
	return true;
}

/* syn's kind of the item whose first code line is l, as bindgen ranks
 * them: type struct const fn enum union static trait - impl mod use
 * verbatim extern-crate extern-block macro. */
static int rank_of(const char *l, bool *block)
{
	*block = false;
	if (word(&l, "pub") && *l == '(')
		l = strchr(l, ')') + 1, l += *l == ' ';
	if (word(&l, "extern")) {
		if (word(&l, "crate"))
			return 13;
		*block = true;
		return 14;
	}
	if (word(&l, "unsafe") && word(&l, "extern")) {
		*block = true;
		return 14;
	}
	if (word(&l, "type")) return 0;
	if (word(&l, "struct")) return 1;
	if (word(&l, "const")) return word(&l, "fn") || word(&l, "unsafe") ? 3 : 2;
	if (word(&l, "fn")) return 3;
	if (word(&l, "enum")) return 4;
	if (word(&l, "union")) return 5;
	if (word(&l, "static")) return 6;
	if (word(&l, "trait")) return 7;
	if (word(&l, "impl")) return 9;
	if (word(&l, "mod")) return 10;
	if (word(&l, "use")) return 11;
	if (word(&l, "macro_rules")) return 15;
	return 18;
}

static bool code_line(const char *l)
{
	while (*l == ' ')
		l++;
	return *l && strncmp(l, "#[", 2) && strncmp(l, "///", 3) && strncmp(l, "//!", 3) &&
	       strncmp(l, "/*", 2) && strncmp(l, "*", 1);
}

static ritemvec split_items(const char *s, size_t len)
{
	ritemvec v = {0};
	const char *end = s + len, *start = s;
	int depth = 0, cmt = 0;
	struct ritem cur = {0};
	bool have_code = false;
	for (const char *p = s; p < end;) {
		const char *nl = memchr(p, '\n', end - p);
		const char *le = nl ? nl : end;
		if (!have_code && !cmt && code_line(p)) {
			bool block;
			cur.rank = rank_of(p + strspn(p, " "), &block);
			if (block) {
				cur.abi = astrndup(p, le - p);
				cur.head = p - start;
			}
			have_code = true;
		}
		depth += line_depth(p, le, &cmt);
		p = nl ? nl + 1 : end;
		if (have_code && depth == 0 && !cmt && le > start &&
		    (le[-1] == '}' || le[-1] == ';')) {
			cur.s = start;
			cur.len = p - start;
			cur.seq = v.n;
			vpush(&v, cur);
			cur = (struct ritem){0};
			have_code = false;
			start = p;
		}
	}
	if (start < end)	/* trailing text (comments): keep in place */
		vpush(&v, ((struct ritem){ start, end - start, 18, v.n, NULL, 0 }));
	return v;
}

/* Extern blocks with the same ABI line and attributes become one, placed
 * after every other item. */
static void merge_blocks(ritemvec *v)
{
	ritemvec out = {0}, blocks = {0};
	VEC(struct buf) bodies = {0};
	for (int i = 0; i < v->n; i++) {
		struct ritem *r = &v->v[i];
		if (!r->abi) {
			r->seq = out.n;
			vpush(&out, *r);
			continue;
		}
		/* the items: between the `extern .. {` line and the last "}\n" */
		const char *open = r->s + r->head;
		const char *in = strchr(open, '\n') + 1;
		size_t inlen = r->s + r->len - 2 - in;
		int j;
		for (j = 0; j < blocks.n; j++)
			if (blocks.v[j].head == r->head && !strncmp(blocks.v[j].s, r->s, r->head) &&
			    streq(blocks.v[j].abi, r->abi))
				break;
		if (j == blocks.n) {
			vpush(&blocks, *r);
			vpush(&bodies, (struct buf){0});
		}
		bput(&bodies.v[j], in, inlen);
	}
	for (int j = 0; j < blocks.n; j++) {
		struct buf b = {0};
		struct ritem r = blocks.v[j];
		bput(&b, r.s, r.head);
		bprintf(&b, "%s\n", r.abi);
		bput(&b, bodies.v[j].s, bodies.v[j].len);
		bputs(&b, "}\n");
		r.len = b.len;
		r.s = bdone(&b);
		r.seq = out.n;
		free(bodies.v[j].s);
		vpush(&out, r);
	}
	*v = out;
}

static void sort_items(ritemvec *v, int indent);

static int by_rank(const void *a, const void *b)
{
	const struct ritem *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return x->seq - y->seq;
}

/* A `mod m { .. }` item with its items sorted too. */
static void sort_mod(struct ritem *r, int indent)
{
	const char *open = NULL;
	for (const char *p = r->s; p < r->s + r->len; p = strchr(p, '\n') + 1)
		if (code_line(p)) {
			open = p;
			break;
		}
	if (!open || !strchr(open, '{') || strchr(open, '{') > strchr(open, '\n'))
		return;
	const char *in = strchr(open, '\n') + 1;
	const char *close = r->s + r->len - 2 - indent;	/* "}\n" at the indent */
	if (close < in)
		return;
	/* the body without its extra indentation */
	struct buf body = {0};
	for (const char *p = in; p < close;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl + 1 - p, skip = strspn(p, " ");
		skip = skip > (size_t)indent + 4 ? (size_t)indent + 4 : skip;
		bput(&body, p + skip, n - skip);
		p = nl + 1;
	}
	ritemvec inner = split_items(body.s ? body.s : "", body.len);
	sort_items(&inner, indent + 4);
	struct buf b = {0};
	bput(&b, r->s, in - r->s);
	for (int i = 0; i < inner.n; i++) {
		const char *p = inner.v[i].s, *e = p + inner.v[i].len;
		while (p < e) {
			const char *nl = memchr(p, '\n', e - p);
			size_t n = (nl ? nl + 1 : e) - p;
			if (n > 1)
				bprintf(&b, "%*s", indent + 4, "");
			bput(&b, p, n);
			p += n;
		}
	}
	bput(&b, close, r->s + r->len - close);
	free(body.s);
	r->len = b.len;
	r->s = bdone(&b);
}

static void sort_items(ritemvec *v, int indent)
{
	for (int i = 0; i < v->n; i++)
		if (v->v[i].rank == 10)
			sort_mod(&v->v[i], indent);
	qsort(v->v, v->n, sizeof *v->v, by_rank);
}

void postprocess(struct buf *b, bool merge, bool sort)
{
	ritemvec v = split_items(bstr(b), b->len);
	if (merge)
		merge_blocks(&v);
	if (sort)
		sort_items(&v, 0);
	struct buf out = {0};
	for (int i = 0; i < v.n; i++)
		bput(&out, v.v[i].s, v.v[i].len);
	free(b->s);
	*b = out;
}
