/* rustfmt.c: rustfmt's layout of the lines kbindgen writes, so that the
 * output needs no formatter: long lines broken inside their outermost
 * brackets, lists one element per line, doc comments and attributes as
 * rustfmt and prettyplease print them.  It knows text, not the IR. */
#include <string.h>

#include "kbindgen.h"

static bool as_rustfmt;

void rustfmt_style(bool on)
{
	as_rustfmt = on;
}

void indent(struct buf *o, int n)
{
	for (int i = 0; i < n; i++)
		bputc(o, ' ');
}

void put_line(struct buf *o, const char *l)
{
	bputs(o, l);
	bputc(o, '\n');
}

/* The characters line breaking looks at; the others are skipped at one
 * table lookup each (types and signatures are long). */
enum { C_OPEN = 1, C_CLOSE, C_ARROW, C_COMMA };
static const unsigned char cclass[256] = {
	['<'] = C_OPEN, ['('] = C_OPEN, ['['] = C_OPEN,
	[')'] = C_CLOSE, [']'] = C_CLOSE, ['>'] = C_ARROW, [','] = C_COMMA,
};

/* The class of s[i]: a '>' closes, but not in "->". */
static int cclass_at(const char *s, int i)
{
	int k = cclass[(unsigned char)s[i]];
	if (k == C_ARROW)
		return i && s[i - 1] == '-' ? 0 : C_CLOSE;
	return k;
}

/* The parts of a list, as pointers into its text: a growable pair of
 * arrays, on the stack up to PARTS_ON_STACK. */
#define PARTS_ON_STACK 64
struct parts {
	const char **p;
	int *len;
	int n, cap;
	const char *p0[PARTS_ON_STACK];
	int len0[PARTS_ON_STACK];
};

static void parts_init(struct parts *ps)
{
	ps->p = ps->p0;
	ps->len = ps->len0;
	ps->n = 0;
	ps->cap = PARTS_ON_STACK;
}

static void parts_free(struct parts *ps)
{
	if (ps->p != ps->p0) {
		free(ps->p);
		free(ps->len);
	}
}

/* s[a..b), leading blanks dropped, as the next part */
static void add_part(struct parts *ps, const char *s, int a, int b)
{
	while (a < b && s[a] == ' ')
		a++;
	if (b <= a)
		return;
	if (ps->n == ps->cap) {
		int nc = ps->cap * 2;
		const char **p = xrealloc(ps->p == ps->p0 ? NULL : ps->p, nc * sizeof *p);
		int *len = xrealloc(ps->len == ps->len0 ? NULL : ps->len, nc * sizeof *len);
		if (ps->p == ps->p0) {
			memcpy(p, ps->p0, sizeof ps->p0);
			memcpy(len, ps->len0, sizeof ps->len0);
		}
		ps->p = p;
		ps->len = len;
		ps->cap = nc;
	}
	ps->p[ps->n] = s + a;
	ps->len[ps->n++] = b - a;
}

/* The list in the bracket at s[i]: its elements (split at top-level
 * commas, leading blanks dropped) into ps; the index of its closer, or -1
 * when there is none before len.  One pass: signatures are long. */
static int split_list(const char *s, int i, int len, struct parts *ps)
{
	int depth = 0, start = i + 1;
	for (int k = i + 1; k < len; k++) {
		int c = cclass_at(s, k);
		if (c == C_OPEN) {
			depth++;
		} else if (c == C_CLOSE && depth > 0) {
			depth--;
		} else if (c == C_CLOSE || (c == C_COMMA && depth == 0)) {
			add_part(ps, s, start, k);
			if (c == C_CLOSE)
				return k;
			start = k + 1;
		}
	}
	return -1;
}

/* A list's n parts one per line at indentation ind, as rustfmt breaks a
 * long one; "..." takes no comma. */
static void part_lines(struct buf *o, int ind, const char *const *parts, const int *plen, int n)
{
	for (int i = 0; i < n; i++) {
		bool dots = plen[i] == 3 && !strncmp(parts[i], "...", 3);
		wrap_at(o, ind, -1, "", parts[i], plen[i], dots ? "" : ",");
		bputc(o, '\n');
	}
}

/* Writes pre + head + the list's n parts one per line between open and
 * close + rest + post; the parts at ind + 4, the closer at ind. */
static void wrap_list(struct buf *o, int ind, int col, const char *pre, const char *head,
		      int hlen, char open, const char *const *parts, const int *plen, int n,
		      char close, const char *rest, int rlen, const char *post)
{
	if (col < 0)
		indent(o, ind);
	bputs(o, pre);
	bput(o, head, hlen);
	bputc(o, open);
	bputc(o, '\n');
	part_lines(o, ind + 4, parts, plen, n);
	indent(o, ind);
	bputc(o, close);
	/* ") -> Option<...>" goes on after the closer, in the same block */
	wrap_at(o, ind, ind + 1, "", rest, rlen, post);
}

void wrap_at(struct buf *o, int ind, int col, const char *pre, const char *text, int tlen,
	     const char *post)
{
	if ((col < 0 ? ind : col) + strlen(pre) + tlen + strlen(post) <= MAX_WIDTH || !tlen) {
		if (col < 0)
			indent(o, ind);
		bputs(o, pre);
		bput(o, text, tlen);
		bputs(o, post);
		return;
	}
	/* break at the first bracket that opens a non-empty list */
	for (int i = 0; i < tlen; i++) {
		char c = text[i];
		if (c != '<' && c != '(')
			continue;
		struct parts ps;
		parts_init(&ps);
		int j = split_list(text, i, tlen, &ps);
		if (j < 0 || j == i + 1) {
			parts_free(&ps);
			continue;
		}
		wrap_list(o, ind, col, pre, text, i, c, ps.p, ps.len, ps.n, text[j],
			  text + j + 1, tlen - j - 1, post);
		parts_free(&ps);
		return;
	}
	if (col < 0)
		indent(o, ind);
	bputs(o, pre);
	bput(o, text, tlen);
	bputs(o, post);
}

void line(struct buf *o, int ind, const char *pre, const char *text, const char *post)
{
	wrap_at(o, ind, -1, pre, text, strlen(text), post);
	bputc(o, '\n');
}

/* Text as proc_macro2 prints its tokens: "pub const X : & [u8 ; 144]",
 * ":: std :: ffi :: CStr". */
static const char *token_spaced(const char *t)
{
	struct buf b = {0};
	for (const char *p = t; *p;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		int n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		if (!n)
			n = !strncmp(p, "::", 2) ? 2 : 1;
		char last = b.len ? b.s[b.len - 1] : 0;
		if (b.len && last != '[' && last != '(' && *p != ']' && *p != ')')
			bputc(&b, ' ');
		bput(&b, p, n);
		p += n;
	}
	return bdone(&b);
}

void rhs_line(struct buf *o, int ind, const char *head, const char *rhs, const char *post)
{
	size_t h = strlen(head), r = strlen(rhs) + strlen(post);
	if (as_rustfmt && ind + h + r > MAX_WIDTH && ind + 4 + r <= MAX_WIDTH) {
		bprintf(o, "%*s%.*s\n%*s%s%s\n", ind, "", (int)h - 1, head, ind + 4, "", rhs, post);
		return;
	}
	line(o, ind, head, rhs, post);
}

void eq_line(struct buf *o, int ind, const char *head, const char *val)
{
	size_t h = ind + strlen(head) - 1;	/* to the '=' */
	const char *colon = strstr(head, ": ");	/* pub const NAME: */
	indent(o, ind);
	if (h + 1 + strlen(val) + 1 <= MAX_WIDTH) {
		bprintf(o, "%s%s;\n", head, val);
	} else if (h <= MAX_WIDTH && (ind + 4 + strlen(val) + 1 <= MAX_WIDTH || !as_rustfmt)) {
		bprintf(o, "%.*s\n", (int)strlen(head) - 1, head);
		indent(o, ind + 4);
		bprintf(o, "%s;\n", val);
	} else if (as_rustfmt && colon && ind + (colon - head) + 1 <= MAX_WIDTH - 3 &&
		   ind + 4 + strlen(colon + 2) + strlen(val) + 1 <= MAX_WIDTH) {
		/* pub const NAME:\n    T = V; (rustfmt 1.9 leaves room for
		 * " = " after the colon) */
		bprintf(o, "%.*s\n%*s%s%s;\n", (int)(colon + 1 - head), head, ind + 4, "", colon + 2,
			val);
	} else if (as_rustfmt) {	/* rustfmt gives up: bindgen's tokens */
		bprintf(o, "%s %s ;\n", token_spaced(head), val);
	} else {
		bprintf(o, "%s%s;\n", head, val);
	}
}

void let_line(struct buf *o, int ind, const char *head, const char *rhs)
{
	if (ind + 4 + strlen(rhs) + 1 <= MAX_WIDTH)
		eq_line(o, ind, head, rhs);
	else
		line(o, ind, head, rhs, ";");
}

/* ---- signatures, laid out from where their parts are (struct sig) ---- */

/* The parameters of text t, as sg says where they are, into ps. */
static void sig_parts(const char *t, const struct sig *sg, struct parts *ps)
{
	parts_init(ps);
	for (int i = 0; i < sg->params.n; i++)
		add_part(ps, t, sg->params.v[i].off, sg->params.v[i].off + sg->params.v[i].len);
}

void param_lines(struct buf *o, int ind, const char *ps, const struct sig *sg)
{
	struct parts p;
	sig_parts(ps, sg, &p);
	part_lines(o, ind, p.p, p.len, p.n);
	parts_free(&p);
}

void fn_ptr_lines(struct buf *o, const char *name, const char *t, const struct sig *sg)
{
	int tlen = strlen(t), ilen = tlen - 1 - (sg->lt + 1);	/* inside Option<> */
	const char *in = t + sg->lt + 1;
	bputs_all(o, "pub type ", name, " = ", NULL);
	bput(o, t, sg->lt + 1);
	bputc(o, '\n');
	if (4 + ilen + 1 <= MAX_WIDTH) {
		wrap_at(o, 4, -1, "", in, ilen, ",");
	} else {
		struct parts p;
		sig_parts(t, sg, &p);
		wrap_list(o, 4, -1, "", in, sg->lp - (sg->lt + 1), '(', p.p, p.len, p.n, ')',
			  t + sg->rp + 1, tlen - 1 - (sg->rp + 1), ",");
		parts_free(&p);
	}
	bputs(o, "\n>;\n");
}

/* ---- calls, tuples and signatures of the methods kbindgen writes ---- */

void macro_args(struct buf *o, int ind, const char *mac, const char **args, int n,
		const char *post)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	for (int i = 0; i < n; i++)
		bputs_all(&b, i ? ", " : "", args[i], NULL);
	if (b.len <= FN_CALL_WIDTH && ind + strlen(mac) + 2 + b.len + strlen(post) <= MAX_WIDTH) {
		bprintf(o, "%*s%s(%s)%s\n", ind, "", mac, b.s, post);
	} else {
		bprintf(o, "%*s%s(\n", ind, "", mac);
		for (int i = 0; i < n; i++)
			bprintf(o, "%*s%s%s\n", ind + 4, "", args[i], i < n - 1 ? "," : "");
		bprintf(o, "%*s)%s\n", ind, "", post);
	}
	bfree(&b);
}

/* The arguments after the format string of a format macro share one line
 * when they are all simple (no call) and fit; else one per line. */
static void format_args(struct buf *o, int ind, const char **args, int n)
{
	size_t w = 0;
	bool simple = true;
	for (int i = 0; i < n; i++) {
		w += (i ? 2 : 0) + strlen(args[i]);
		simple &= !strchr(args[i], '(');
	}
	bool one = simple && ind + w < MAX_WIDTH;
	for (int i = 0; i < n; i++) {
		indent(o, i && one ? 0 : ind);
		bputs_all(o, args[i], i == n - 1 ? "\n" : one ? ", " : ",\n", NULL);
	}
}

/* An argument as proc_macro2 prints its tokens: "self . a ()". */
static void put_tokens(struct buf *o, const char *a)
{
	for (; *a; a++) {
		if (*a == '.')
			bputs(o, " . ");
		else if (*a == '(')
			bputs(o, " (");
		else
			bputc(o, *a);
	}
}

void format_macro(struct buf *o, int ind, const char *mac, const char *first,
		  const char *fmt_str, const char **args, int n)
{
	struct buf b = {0};
	bputs_all(&b, first, ", \"", fmt_str, "\"", NULL);
	for (int i = 0; i < n; i++)
		bputs_all(&b, ", ", args[i], NULL);
	if (b.len <= FN_CALL_WIDTH && ind + strlen(mac) + 2 + b.len <= MAX_WIDTH) {
		bprintf(o, "%*s%s(%s)\n", ind, "", mac, b.s);
	} else if (!as_rustfmt) {	/* prettyplease: one per line */
		bprintf(o, "%*s%s(\n%*s%s,\n%*s\"%s\",\n", ind, "", mac, ind + 4, "", first,
			ind + 4, "", fmt_str);
		for (int i = 0; i < n; i++)
			bprintf(o, "%*s%s,\n", ind + 4, "", args[i]);
		bprintf(o, "%*s)\n", ind, "");
	} else if (ind + 4 + 1 + strlen(fmt_str) + 2 <= MAX_WIDTH) {
		bprintf(o, "%*s%s(\n%*s%s,\n", ind, "", mac, ind + 4, "", first);
		bprintf(o, "%*s\"%s\"%s\n", ind + 4, "", fmt_str, n ? "," : "");
		format_args(o, ind + 4, args, n);
		bprintf(o, "%*s)\n", ind, "");
	} else {	/* the format string overflows: rustfmt gives up */
		indent(o, ind);
		for (const char *p = mac; *p != '!'; p++)
			bputc(o, *p);
		bprintf(o, " ! (%s , \"%s\"", first, fmt_str);
		for (int i = 0; i < n; i++) {
			bputs(o, " , ");
			put_tokens(o, args[i]);
		}
		bputs(o, ")\n");
	}
	bfree(&b);
}

void chain(struct buf *o, int ind, const char *pre, const char **links, int n,
	   const char *post, const char *args)
{
	size_t w = 0, col = ind + strlen(pre);
	for (int i = 0; i < n; i++)
		w += strlen(links[i]);
	bool one = w <= CHAIN_WIDTH && col + w + strlen(post) + (args ? strlen(args) + 2 : 0) <= MAX_WIDTH;
	indent(o, ind);
	bputs(o, pre);
	for (int i = 0; i < n; i++) {
		if (i && !one) {
			bprintf(o, "\n%*s", ind + 4, "");
			col = ind + 4;
		}
		bputs(o, links[i]);
		col += strlen(links[i]);
	}
	bputs(o, post);
	col += strlen(post);
	if (!args) {
		bputc(o, '\n');
		return;
	}
	/* after a broken chain, as rustfmt 1.9 does: the arguments on its
	 * last line while they leave 6 columns; else on a line of their own
	 * while they would have fit the last line; else one per line */
	size_t a = strlen(args);
	if (one || col + 1 + a + 1 <= MAX_WIDTH - 6) {
		bprintf(o, "(%s)\n", args);
	} else if (col + 1 + a + 1 <= MAX_WIDTH) {
		bprintf(o, "(\n%*s%s\n%*s)\n", ind + 4, "", args, ind, "");
	} else {	/* short ones (at most 10 columns each) fill lines */
		bool mixed = true;
		for (const char *p = args; *p;) {
			size_t len = strcspn(p, ",");
			mixed &= len <= 10;
			p += len + (p[len] ? 2 : 0);
		}
		bputs(o, "(\n");
		size_t c = 0;	/* the column; 0 at a line's start */
		for (const char *p = args; *p;) {
			size_t len = strcspn(p, ",");
			if (c && (!mixed || c + 1 + len + 1 > MAX_WIDTH)) {
				bputc(o, '\n');
				c = 0;
			}
			if (c) {
				bputc(o, ' ');
				c++;
			} else {
				indent(o, ind + 4);
				c = ind + 4;
			}
			bprintf(o, "%.*s,", (int)len, p);
			c += len + 1;
			p += len + (p[len] ? 2 : 0);
		}
		bprintf(o, "\n%*s)\n", ind, "");
	}
}

/* A tuple whose elements take more than 60 columns is broken one element
 * per line. */
const char *tuple(int ind, const char *a, const char *b)
{
	if (strlen(a) + 2 + strlen(b) <= FN_CALL_WIDTH)
		return fmt("(%s, %s)", a, b);
	return fmt("(\n%*s%s,\n%*s%s,\n%*s)", ind + 4, "", a, ind + 4, "", b, ind, "");
}

/* A parameter list that does not fit is broken one parameter per line; a
 * `{` that would pass column 100 goes on a line of its own. */
void method_sig(struct buf *o, int ind, const char *name, const char *params,
		const char *ret_a, const char *ret_b)
{
	/* the return type: T, or the tuple (T, U) when ret_b */
	const char *ret = ret_b ? fmt("(%s, %s)", ret_a, ret_b) : ret_a;
	bool tuple_ok = !ret_b || strlen(ret_a) + 2 + strlen(ret_b) <= FN_CALL_WIDTH;
	const char *one = fmt("%*s%s(%s) -> %s {", ind, "", name, params, ret);
	if (strlen(one) <= MAX_WIDTH && tuple_ok) {
		put_line(o, one);
		return;
	}
	bprintf(o, "%*s%s(\n", ind, "", name);
	const char *p = params;
	while (*p) {	/* "a: T, b: U": no commas inside our types */
		const char *c = strstr(p, ", ");
		int n = c ? c - p : (int)strlen(p);
		bprintf(o, "%*s%.*s,\n", ind + 4, "", n, p);
		p += n + (c ? 2 : 0);
	}
	if (ret_b)
		ret = tuple(ind, ret_a, ret_b);
	const char *tail = fmt("%*s) -> %s", ind, "", ret);
	const char *last = strrchr(tail, '\n');
	if (strlen(last ? last + 1 : tail) + 2 <= MAX_WIDTH)
		bprintf(o, "%s {\n", tail);
	else
		bprintf(o, "%s\n%*s{\n", tail, ind, "");
}

/* ---- attributes and doc comments ---- */

void attr_lines(struct buf *o, const strvec *a)
{
	/* rustfmt merges adjacent #[derive(..)] lines: so do we */
	const char *d = "#[derive(";
	size_t dn = strlen(d);
	for (int i = 0; i < a->n; i++) {
		size_t n = strlen(a->v[i]);
		if (!startswith(a->v[i], d) || !endswith(a->v[i], ")]")) {
			put_line(o, a->v[i]);
			continue;
		}
		bprintf(o, "%.*s", (int)(n - 2), a->v[i]);
		for (; i + 1 < a->n && startswith(a->v[i + 1], d) && endswith(a->v[i + 1], ")]"); i++)
			bprintf(o, ", %.*s", (int)(strlen(a->v[i + 1]) - dn - 2), a->v[i + 1] + dn);
		bputs(o, ")]\n");
	}
}

void raw_line(struct buf *o, const char *l)
{
	const char *open = strchr(l, '(');
	size_t n = strlen(l);
	if ((startswith(l, "#![") || startswith(l, "#[")) && open && n > 3 &&
	    !strcmp(l + n - 2, ")]") && (size_t)(l + n - 2 - open - 1) > ATTR_FN_LIKE_WIDTH &&
	    !strpbrk(open + 1, "(\"")) {
		strvec args = {0};
		split_commas(open + 1, l + n - 2 - open - 1, &args);
		bput(o, l, open - l + 1);
		bputc(o, '\n');
		for (int i = 0; i < args.n; i++)
			bputs_all(o, "    ", args.v[i], i + 1 < args.n ? ",\n" : "\n", NULL);
		bputs(o, ")]\n");
		return;
	}
	bprintf(o, "%s\n", l);
}

/* bindgen's comment preprocessing: block comments lose their slashes and
 * stars, each line is trimmed and loses leading '*' and '!', leading blank
 * lines and one trailing blank line go; line comments lose their slashes.
 * prettyplease then prints one line as ///TEXT, more as a block comment. */
static char *trim(char *l)
{
	while (*l == ' ' || *l == '\t' || *l == '\r' || *l == '\n' || *l == '\f' || *l == '\v')
		l++;
	size_t n = strlen(l);
	while (n && strchr(" \t\r\n\f\v", l[n - 1]))
		l[--n] = 0;
	return l;
}

/* s[0..n) escaped as proc_macro2 writes a string literal (Rust's
 * escape_debug, but for a quote) */
static void doc_escape(struct buf *o, const char *s, size_t n)
{
	for (const unsigned char *p = (const unsigned char *)s; p < (const unsigned char *)s + n; p++) {
		switch (*p) {
		case '"': bputs(o, "\\\""); break;
		case '\\': bputs(o, "\\\\"); break;
		case '\t': bputs(o, "\\t"); break;
		case '\r': bputs(o, "\\r"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				bprintf(o, "\\u{%x}", *p);
			else
				bputc(o, *p);
		}
	}
}

void doc_attr_text(struct buf *o, const char *s, size_t n)
{
	bputs(o, "#[doc = \"");
	doc_escape(o, s, n);
	bputs(o, "\"]");
}

/* #[doc = "line\nline"] */
static void doc_attr(struct buf *o, const strvec *lines)
{
	bputs(o, "#[doc = \"");
	for (int i = 0; i < lines->n; i++) {
		if (i)
			bputs(o, "\\n");
		doc_escape(o, lines->v[i], strlen(lines->v[i]));
	}
	bputs(o, "\"]\n");
}

void doc(struct buf *o, int ind, const char *raw)
{
	if (!raw)
		return;
	char *c = astrdup(raw);
	bool block = startswith(c, "/*");
	if (!block && !startswith(c, "//"))
		return;
	if (block) {
		while (*c == '/')
			c++;
		size_t n = strlen(c);
		while (n && c[n - 1] == '/')
			c[--n] = 0;
		while (n && c[n - 1] == '*')
			c[--n] = 0;
	}
	strvec lines = {0};
	for (char *p = c; p;) {
		char *e = strchr(p, '\n');
		if (e)
			*e = 0;
		char *l = trim(p);
		if (block) {
			while (*l == '*')
				l++;
			while (*l == '!')
				l++;
			char *t = astrdup(l);
			if (!lines.n && !*trim(t))
				l = NULL;	/* leading blank lines */
		} else {
			while (*l == '/')
				l++;
		}
		if (l)
			vpush(&lines, l);
		p = e ? e + 1 : NULL;
	}
	if (block && lines.n && !*trim(astrdup(lines.v[lines.n - 1])))
		lines.n--;
	if (as_rustfmt) {	/* bindgen's tokens, which rustfmt leaves as they are */
		indent(o, ind);
		doc_attr(o, &lines);
		return;
	}
	if (lines.n <= 1) {
		indent(o, ind);
		bprintf(o, "///%s\n", lines.n ? lines.v[0] : "");
		return;
	}
	bool nests = false;
	for (int i = 0; i < lines.n; i++)
		nests |= strstr(lines.v[i], "/*") || strstr(lines.v[i], "*/");
	indent(o, ind);
	if (nests) {	/* a block comment cannot hold these */
		doc_attr(o, &lines);
		return;
	}
	/* rustfmt re-indents a block comment's later lines to the item */
	bputs(o, "/**");
	for (int i = 0; i < lines.n; i++) {
		const char *l = lines.v[i];
		if (i) {
			bputc(o, '\n');
			l += strspn(l, " \t");
			if (*l)
				indent(o, ind);
		}
		bputs(o, l);
	}
	bputs(o, "*/\n");
}
