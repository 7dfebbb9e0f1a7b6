/* macro.c: evaluating object-like macro bodies the way bindgen does.
 *
 * bindgen hands the tokens of every #define to the `cexpr` crate (0.6) and
 * emits a constant only when cexpr understands the whole body.  cexpr is
 * not a C evaluator: it knows + - ~ (unary), * / % + - << >> & ^ |, parens,
 * literals, adjacent strings and names of earlier macros, all in i64 or
 * f64.  No casts, no sizeof, no ! && || == < ?: -- those bodies produce no
 * constant, so they must fail here too.  The quirks below (which floats
 * parse, "08" being 8, shifts masked to 6 bits) are cexpr's, kept on
 * purpose: the output has to match bindgen's, not a C compiler's.
 * The Rust types and spellings of the values are rtype.c's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"


/* ---- literals (cexpr literal.rs) ---- */

/* cexpr's CChar: a Unicode scalar, or a raw number (bytes >= 0x80 and
 * escapes that are not ASCII). */
struct cchar {
	bool raw;
	uint64_t v;
};

static bool is_oct(int c)
{
	return c >= '0' && c <= '7';
}

static bool is_dec(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_bin(int c)
{
	return c == '0' || c == '1';
}

static int hexval(int c)
{
	if (is_dec(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool is_hex(int c)
{
	return hexval(c) >= 0;
}

/* u64::from_str_radix on s[0..n): false on overflow. */
static bool radix_u64(const char *s, size_t n, int radix, uint64_t *out)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t d = hexval((unsigned char)s[i]);
		if (v > (UINT64_MAX - d) / radix)
			return false;
		v = v * radix + d;
	}
	*out = v;
	return true;
}

static size_t span(const char *s, bool (*ok)(int))
{
	size_t n = 0;

	while (s[n] && ok((unsigned char)s[n]))
		n++;
	return n;
}

/* Hex and octal escapes: ASCII values become chars, others stay raw. */
static void raw_escape(uint64_t v, struct cchar *c)
{
	c->raw = v > 0x7f;
	c->v = v;
}

/* \u and \U take exactly 4 or 8 digits and must name a Unicode scalar. */
static bool unicode_escape(const char *s, int ndig, struct cchar *c)
{
	uint64_t v;

	for (int i = 0; i < ndig; i++)
		if (!is_hex((unsigned char)s[i]))
			return false;
	radix_u64(s, ndig, 16, &v);
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return false;
	c->raw = false;
	c->v = v;
	return true;
}

/* *pp points just past a backslash.  \e and other unknown escapes fail. */
static bool escaped_char(const char **pp, struct cchar *c)
{
	static const char simple[] = "abfnrtv", simplev[] = "\a\b\f\n\r\t\v";
	const char *p = *pp;
	size_t n;

	if (*p && strchr("'\"?\\", *p)) {
		raw_escape((unsigned char)*p, c);
		*pp = p + 1;
		return true;
	}
	if (*p && strchr(simple, *p)) {
		raw_escape(simplev[strchr(simple, *p) - simple], c);
		*pp = p + 1;
		return true;
	}
	n = span(p, is_oct);
	if (n) {
		uint64_t v;
		n = n > 3 ? 3 : n;
		radix_u64(p, n, 8, &v);
		raw_escape(v, c);
		*pp = p + n;
		return true;
	}
	if (*p == 'x') {
		uint64_t v;
		n = span(p + 1, is_hex);	/* greedy, as C says */
		if (!n || !radix_u64(p + 1, n, 16, &v))
			return false;
		raw_escape(v, c);
		*pp = p + 1 + n;
		return true;
	}
	if (*p == 'u' || *p == 'U') {
		int nd = *p == 'u' ? 4 : 8;
		if (!unicode_escape(p + 1, nd, c))
			return false;
		*pp = p + 1 + nd;
		return true;
	}
	return false;
}

/* Width prefixes are ignored: L'a', u8"x" are plain narrow literals. */
static const char *skip_width_prefix(const char *s)
{
	if (startswith(s, "u8"))
		return s + 2;
	if (*s == 'u' || *s == 'U' || *s == 'L')
		return s + 1;
	return s;
}

static bool lit_char(const char *s, struct cchar *c)
{
	const char *p = skip_width_prefix(s);

	if (*p++ != '\'')
		return false;
	if (*p == '\\') {
		p++;
		if (!escaped_char(&p, c))
			return false;
	} else if (*p) {
		raw_escape((unsigned char)*p++, c);	/* even a bare ' */
	} else {
		return false;
	}
	return p[0] == '\'' && !p[1];
}

/* One radix alternative of cexpr's c_int: prefix, then at least one digit.
 * Returns the end of the digits, or NULL when this alternative fails and
 * the next one is to be tried (no digits, or more than 64 bits). */
static const char *int_alt(const char *s, const char *prefix, bool (*ok)(int),
			   int radix, uint64_t *v)
{
	size_t n;

	if (!startswith(s, prefix))
		return NULL;
	s += strlen(prefix);
	n = span(s, ok);
	if (!n || !radix_u64(s, n, radix, v))
		return NULL;
	return s + n;
}

/* The first alternative that matches wins, even if junk follows: "0x1g"
 * fails outright.  "08" is not octal, so it is read as decimal 8. */
static bool lit_int(const char *s, int64_t *out)
{
	uint64_t v;
	const char *p;

	if (!(p = int_alt(s, "0x", is_hex, 16, &v)) &&
	    !(p = int_alt(s, "0X", is_hex, 16, &v)) &&
	    !(p = int_alt(s, "0b", is_bin, 2, &v)) &&
	    !(p = int_alt(s, "0B", is_bin, 2, &v)) &&
	    !(p = int_alt(s, "0", is_oct, 8, &v)) &&
	    !(p = int_alt(s, "", is_dec, 10, &v)))
		return false;
	while (*p && strchr("uUlL", *p))	/* any mix: 1ULL, 1lu, 1uu */
		p++;
	if (*p)
		return false;
	*out = (int64_t)v;	/* above i64::MAX wraps to negative */
	return true;
}

static bool is_float_width(int c)
{
	return c && strchr("flFL", c);
}

static double float_value(const char *s, size_t n)
{
	char *t = memcpy(xrealloc(NULL, n + 1), s, n);
	t[n] = 0;
	double v = strtod(t, NULL);
	free(t);
	return v;
}

/* cexpr's c_float tries, in order: D+ . D*  |  . D+  |  D+ e[+-]D+  |  D+ w,
 * each with an optional width suffix w (f l F L) except the last, where it
 * is required.  The first shape that matches a prefix wins, so "1.5e3" is
 * taken as "1.5" with "e3" left over and fails; "1e3" works.  Hex floats
 * are not supported. */
static bool lit_float(const char *s, double *out)
{
	size_t d = span(s, is_dec);
	const char *p = s + d, *end;

	if (*p == '.' && (d || is_dec((unsigned char)p[1]))) {
		end = p + 1 + span(p + 1, is_dec);
	} else if (d && (*p == 'e' || *p == 'E')) {
		const char *q = p + 1;
		if (*q == '+' || *q == '-')
			q++;
		if (!span(q, is_dec))
			return false;
		end = q + span(q, is_dec);
	} else if (d && is_float_width((unsigned char)*p) && !p[1]) {
		end = p;
	} else {
		return false;
	}
	p = end;
	if (is_float_width((unsigned char)*p))
		p++;
	if (*p)
		return false;
	*out = float_value(s, end - s);
	return true;
}

static void utf8_put(struct buf *b, uint32_t c)
{
	if (c < 0x80) {
		bputc(b, c);
	} else if (c < 0x800) {
		bputc(b, 0xc0 | c >> 6);
		bputc(b, 0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		bputc(b, 0xe0 | c >> 12);
		bputc(b, 0x80 | (c >> 6 & 0x3f));
		bputc(b, 0x80 | (c & 0x3f));
	} else {
		bputc(b, 0xf0 | c >> 18);
		bputc(b, 0x80 | (c >> 12 & 0x3f));
		bputc(b, 0x80 | (c >> 6 & 0x3f));
		bputc(b, 0x80 | (c & 0x3f));
	}
}

/* Escapes above 0xff are truncated to a byte; \u escapes become UTF-8. */
static bool lit_string(const char *s, struct mval *out)
{
	const char *p = skip_width_prefix(s);
	struct buf b = {0};

	if (*p++ != '"')
		return false;
	while (*p && *p != '"') {
		struct cchar c;
		if (*p != '\\') {
			bputc(&b, *p++);
			continue;
		}
		p++;
		if (!escaped_char(&p, &c)) {
			free(b.s);
			return false;
		}
		if (c.raw)
			bputc(&b, (char)c.v);
		else
			utf8_put(&b, c.v);
	}
	if (p[0] != '"' || p[1]) {
		free(b.s);
		return false;
	}
	out->kind = MV_STR;
	out->slen = b.len;
	out->s = astrndup(b.s ? b.s : "", b.len);
	free(b.s);
	return true;
}

/* A char value bindgen can emit: it becomes a u8.  bindgen panics on the
 * others ('\u00e9', '\x141'); producing no constant is the closest we can
 * do. */
static bool char_value(const struct cchar *c, struct mval *out)
{
	if (c->raw ? c->v > 0xff : c->v > 0x7f)
		return false;
	out->kind = MV_CHAR;
	out->i = c->v;
	return true;
}

/* One literal token, tried as char, integer, float, string. */
static bool parse_literal(const char *s, struct mval *out)
{
	struct cchar c;

	memset(out, 0, sizeof(*out));
	if (lit_char(s, &c))
		return char_value(&c, out);
	if (lit_int(s, &out->i)) {
		out->kind = MV_INT;
		return true;
	}
	if (lit_float(s, &out->f)) {
		out->kind = MV_FLOAT;
		return true;
	}
	return lit_string(s, out);
}

/* ---- expressions (cexpr expr.rs) ---- */

struct parser {
	const struct mtok *t;
	int n;
	mlookup look;
	void *ctx;
	bool panic;	/* bindgen would have crashed (division by zero) */
	int depth;	/* nesting of parentheses and unary operators */
};

/* clang's -fbracket-depth: a macro nested deeper cannot be used in C, and
 * the recursive descent below must not run out of stack on one. */
#define MAX_NEST 256

static bool enter(struct parser *p)
{
	return ++p->depth <= MAX_NEST + 1;	/* the innermost operand too */
}

/* MV_NONE doubles as cexpr's EvalResult::Invalid (a bit op on a float). */
static bool numeric(const struct mval *v)
{
	return v->kind == MV_INT || v->kind == MV_FLOAT;
}

static bool is_punct(struct parser *p, int i, const char *s)
{
	return i < p->n && p->t[i].kind == MT_PUNCT && streq(p->t[i].s, s);
}

static bool tok_literal(struct parser *p, int i, struct mval *v)
{
	return i < p->n && p->t[i].kind == MT_LITERAL &&
	       parse_literal(p->t[i].s, v);
}

static bool tok_ident(struct parser *p, int i, struct mval *v)
{
	const struct mval *m;

	if (i >= p->n || p->t[i].kind != MT_IDENT)
		return false;
	m = p->look ? p->look(p->t[i].s, p->ctx) : NULL;
	if (!m || m->kind == MV_NONE)
		return false;
	*v = *m;
	return true;
}

static double as_f(const struct mval *v)
{
	return v->kind == MV_FLOAT ? v->f : (double)v->i;
}

static void set_f(struct mval *v, double f)
{
	v->kind = MV_FLOAT;
	v->f = f;
}

/* i64 arithmetic wraps (cexpr uses Wrapping<i64>); go through u64 so C
 * has no undefined behaviour. */
static int64_t int_op(struct parser *p, char op, int64_t a, int64_t b)
{
	uint64_t ua = a, ub = b;

	switch (op) {
	case '+': return (int64_t)(ua + ub);
	case '-': return (int64_t)(ua - ub);
	case '*': return (int64_t)(ua * ub);
	}
	if (!b) {
		p->panic = true;	/* Rust panics */
		return 0;
	}
	if (a == INT64_MIN && b == -1)
		return op == '/' ? INT64_MIN : 0;
	return op == '/' ? a / b : a % b;
}

/* + - * / %: ints stay ints, anything with a float becomes a float. */
static void binop(struct parser *p, char op, struct mval *a,
		  const struct mval *b)
{
	double x, y;

	if (a->kind == MV_INT && b->kind == MV_INT) {
		a->i = int_op(p, op, a->i, b->i);
		return;
	}
	x = as_f(a);
	y = as_f(b);
	switch (op) {
	case '+': set_f(a, x + y); break;
	case '-': set_f(a, x - y); break;
	case '*': set_f(a, x * y); break;
	case '/': set_f(a, x / y); break;
	default:  set_f(a, fmod(x, y)); break;
	}
}

/* Shift counts are masked to 6 bits (Wrapping<i64> << usize); >> is
 * arithmetic. */
static int64_t shift(int64_t a, int64_t b, bool left)
{
	unsigned s = (uint64_t)b & 63;

	if (left)
		return (int64_t)((uint64_t)a << s);
	return a < 0 ? ~(~a >> s) : a >> s;
}

/* << >> & ^ |: ints only; a float operand poisons the result. */
static void bitop(const char *op, struct mval *a, const struct mval *b)
{
	if (a->kind != MV_INT || b->kind != MV_INT) {
		a->kind = MV_NONE;
		return;
	}
	if (streq(op, "<<") || streq(op, ">>"))
		a->i = shift(a->i, b->i, op[0] == '<');
	else if (streq(op, "&"))
		a->i &= b->i;
	else if (streq(op, "^"))
		a->i ^= b->i;
	else
		a->i |= b->i;
}

static int p_or(struct parser *p, int i, struct mval *v);

static int p_unary(struct parser *p, int i, struct mval *v)
{
	int j = -1;

	if (!enter(p))
		return -1;
	if (is_punct(p, i, "(")) {
		j = p_or(p, i + 1, v);
		j = j >= 0 && is_punct(p, j, ")") ? j + 1 : -1;
	}
	p->depth--;
	if (j >= 0)
		return j;
	if (tok_literal(p, i, v) && numeric(v))
		return i + 1;
	if (tok_ident(p, i, v) && numeric(v))
		return i + 1;
	if (is_punct(p, i, "+") || is_punct(p, i, "-") || is_punct(p, i, "~")) {
		char op = p->t[i].s[0];
		p->depth++;
		j = p_unary(p, i + 1, v);
		p->depth--;
		if (j < 0)
			return -1;
		if (op == '-' && v->kind == MV_INT)
			v->i = (int64_t)(0 - (uint64_t)v->i);
		else if (op == '-')
			v->f = -v->f;
		else if (op == '~' && v->kind == MV_INT)
			v->i = ~v->i;
		else if (op == '~')
			return -1;	/* ~ on a float */
		return j;
	}
	return -1;
}

/* The binary levels, loosest last.  Each is a left fold like cexpr's
 * fold_many0: an operator whose right operand does not parse is left
 * unconsumed (and the leftover then fails the whole body). */
static const char *const levels[][3] = {
	{ "*", "/", "%" }, { "+", "-" }, { "<<", ">>" }, { "&" }, { "^" },
	{ "|" },
};
#define NLEVELS ((int)(sizeof(levels) / sizeof(levels[0])))

static const char *level_op(struct parser *p, int lv, int i)
{
	for (int k = 0; k < 3 && levels[lv][k]; k++)
		if (is_punct(p, i, levels[lv][k]))
			return levels[lv][k];
	return NULL;
}

static int p_level(struct parser *p, int lv, int i, struct mval *v)
{
	int j = lv ? p_level(p, lv - 1, i, v) : p_unary(p, i, v);
	const char *op;

	while (j >= 0 && (op = level_op(p, lv, j))) {
		struct mval w;
		int k = lv ? p_level(p, lv - 1, j + 1, &w) :
			     p_unary(p, j + 1, &w);
		if (k < 0)
			break;
		if (lv < 2)
			binop(p, op[0], v, &w);
		else
			bitop(op, v, &w);
		j = k;
	}
	/* * / % + - always give numbers; from << on, cexpr checks */
	if (j >= 0 && !numeric(v))
		return -1;
	return j;
}

static int p_or(struct parser *p, int i, struct mval *v)
{
	return p_level(p, NLEVELS - 1, i, v);
}

static bool tok_string(struct parser *p, int i, struct mval *v)
{
	return (tok_literal(p, i, v) || tok_ident(p, i, v)) &&
	       v->kind == MV_STR;
}

/* "a" "b" B ... where each piece is a string literal or a string macro. */
static int p_concat(struct parser *p, int i, struct mval *v)
{
	struct mval w;
	struct buf b = {0};

	if (!tok_string(p, i, v))
		return -1;
	bput(&b, v->s, v->slen);
	for (i++; tok_string(p, i, &w); i++)
		bput(&b, w.s, w.slen);
	v->s = astrndup(b.s, b.len);
	v->slen = b.len;
	free(b.s);
	return i;
}

/* cexpr's expr: the first alternative that parses wins, even when tokens
 * are left over; so "(1) 2" fails rather than being retried. */
static int p_expr(struct parser *p, int i, struct mval *v)
{
	int j;

	if ((j = p_or(p, i, v)) >= 0)
		return j;
	if (is_punct(p, i, "(")) {
		j = enter(p) ? p_expr(p, i + 1, v) : -1;
		p->depth--;
		if (j >= 0 && is_punct(p, j, ")"))
			return j + 1;
	}
	if ((j = p_concat(p, i, v)) >= 0)
		return j;
	if (tok_literal(p, i, v) || tok_ident(p, i, v))
		return i + 1;
	return -1;
}

bool macro_eval(const struct mtok *toks, int n, mlookup look, void *ctx,
		struct mval *out)
{
	struct parser p = { toks, n, look, ctx, false };
	struct mval v = {0};

	if (n <= 0 || p_expr(&p, 0, &v) != n || p.panic)
		return false;
	*out = v;
	return true;
}
