/* cconst.c: C's constant expressions over macro tokens, folded as clang
 * folds them: integer, floating and character literals; unary + - ~ !,
 * the binary arithmetic, shift, relational, equality, bitwise and logical
 * operators, ?: and parentheses; C's types all along (a literal's type
 * from its value and suffix, the usual arithmetic conversions); macros
 * expanded as the preprocessor expands them, not evaluated apart (#define
 * A 1+2 makes A*3 seven), a function-like one's arguments first and ##
 * pasting names and numbers.  Signed overflow wraps, and a negative value
 * shifts, as clang's folding does.  A call may instead be a value clang
 * gave (ask.c asks it once for all the macros that make it), and so may
 * a name that is no macro (a variable, an enum constant); one that is no
 * constant makes none of what C evaluates it in (not `0 && f()`).
 * Casts to int, long, long long (either sign), float and double, and
 * sizeof of a type spelled in keywords (a pointer to one too); sizeof of
 * anything else is a value clang gave, as a call's is (ask.c asks it as
 * written).  `#define A F`, F function-like, called: F's call.
 * Everything else (other casts, enum constants, strings (#), division by
 * zero, shifts past the width) fails: ask.c asks clang.  Unlike macro.c
 * (bindgen's cexpr, quirks and all) this is C. */
#include <math.h>

#include "kbindgen.h"

static int long_bits = 64, ptr_bits = 64;

/* the identifier a call's value is when it is no constant */
const char cconst_none[] = "__kbindgen_no_constant";

void cconst_target(int bits_of_long, int bits_of_pointer)
{
	long_bits = bits_of_long;
	ptr_bits = bits_of_pointer;
}

static int width(enum tkind t)
{
	return t == T_INT || t == T_UINT ? 32 : t == T_LONG || t == T_ULONG ? long_bits : 64;
}

static bool is_float(enum tkind t)
{
	return t == T_FLOAT || t == T_DOUBLE;
}

static bool uns(enum tkind t)
{
	return arith[t].uns;
}

/* the integer conversion rank: int, long, long long */
static int rank(enum tkind t)
{
	return t == T_INT || t == T_UINT ? 0 : t == T_LONG || t == T_ULONG ? 1 : 2;
}

/* the value of v as its signed type reads it */
static int64_t sval(const struct cval *v)
{
	int w = width(v->t);
	return w == 64 ? (int64_t)v->u : (int64_t)(v->u << (64 - w)) >> (64 - w);
}

int64_t cval_int(const struct cval *v)
{
	return uns(v->t) ? (int64_t)v->u : sval(v);
}

static struct cval make(enum tkind t, uint64_t u)
{
	int w = width(t);
	return (struct cval){ t, w == 64 ? u : u & ((1ULL << w) - 1), 0, false };
}

/* does u fit t (as a non-negative value)? */
static bool fits(uint64_t u, enum tkind t)
{
	int w = width(t) - !uns(t);
	return w == 64 || u < 1ULL << w;
}

/* ---- literals ---- */

static bool int_literal(const char *s, struct cval *out)
{
	int base = 10;
	const char *p = s;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B'))
		base = 2, p += 2;
	else if (p[0] == '0')
		base = 8;
	uint64_t v = 0;
	const char *d = p;
	for (; *p; p++) {
		int c = *p, k = c >= '0' && c <= '9' ? c - '0' :
			      c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
		if (k >= base)
			break;
		if (v > (UINT64_MAX - k) / base)
			return false;
		v = v * base + k;
	}
	if (p == d && base != 8)
		return false;
	bool u = false;
	int l = 0;
	for (; *p; p++) {
		if ((*p == 'u' || *p == 'U') && !u)
			u = true;
		else if ((*p == 'l' || *p == 'L') && !l)
			l = p[1] == p[0] ? (p++, 2) : 1;
		else
			return false;
	}
	/* C11 6.4.4.1: the first type of the list that holds the value */
	static const enum tkind dec[] = { T_INT, T_LONG, T_LLONG };
	static const enum tkind other[] = { T_INT, T_UINT, T_LONG, T_ULONG, T_LLONG, T_ULLONG };
	static const enum tkind udec[] = { T_UINT, T_ULONG, T_ULLONG };
	const enum tkind *list = u ? udec : base == 10 ? dec : other;
	int n = u ? 3 : base == 10 ? 3 : 6;
	for (int i = 0; i < n; i++) {
		enum tkind t = list[i];
		if (rank(t) >= l && fits(v, t)) {
			*out = make(t, v);
			return true;
		}
	}
	return false;
}

static bool float_literal(const char *s, struct cval *out)
{
	size_t n = strlen(s);
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	enum tkind t = T_DOUBLE;
	if (n && (s[n - 1] == 'f' || s[n - 1] == 'F') && !hex)
		t = T_FLOAT, n--;
	else if (n && (s[n - 1] == 'f' || s[n - 1] == 'F') && hex && strpbrk(s, "pP"))
		t = T_FLOAT, n--;
	char *copy = astrndup(s, n), *end;
	double f = t == T_FLOAT ? strtof(copy, &end) : strtod(copy, &end);
	if (*end || end == copy || !isfinite(f))
		return false;
	*out = (struct cval){ t, 0, f };
	return true;
}

/* 'c' and the simple escapes: an int; what depends on char's sign (bytes
 * above 0x7f) is left to clang */
static bool char_literal(const char *s, struct cval *out)
{
	static const char esc[] = "abfnrtv\\'\"?", val[] = "\a\b\f\n\r\t\v\\'\"?";
	int c;
	if (s[1] == '\\' && s[2] && strchr(esc, s[2]) && s[3] == '\'' && !s[4])
		c = val[strchr(esc, s[2]) - esc];
	else if (s[1] && s[1] != '\\' && s[1] != '\'' && s[2] == '\'' && !s[3])
		c = (unsigned char)s[1];
	else
		return false;
	if (c > 0x7f)
		return false;
	*out = make(T_INT, c);
	return true;
}

static bool literal(const char *s, struct cval *out)
{
	if (s[0] == '\'')
		return char_literal(s, out);
	if (!(s[0] >= '0' && s[0] <= '9') && s[0] != '.')
		return false;
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	if (hex && strchr(s, '.') && !strpbrk(s, "pP"))
		return false;
	if (strchr(s, '.') || strpbrk(s, hex ? "pP" : "eE"))
		return float_literal(s, out);
	return int_literal(s, out);
}

/* ---- values as literals ---- */

const struct mtok *cconst_literal(bool none, enum tkind k, int64_t i, double f, int *n)
{
	static const struct { enum tkind t; const char *suffix; } kinds[] = {
		{ T_INT, "" }, { T_UINT, "U" }, { T_LONG, "L" }, { T_ULONG, "UL" },
		{ T_LLONG, "LL" }, { T_ULLONG, "ULL" }, { T_FLOAT, "f" }, { T_DOUBLE, "" },
	};
	int s = 0;
	while (s < 8 && kinds[s].t != k)
		s++;
	const char *sfx = s < 8 ? kinds[s].suffix : "";
	struct mtok *t = alloc(sizeof *t * 7);
	*n = 0;
	if (none) {
		t[(*n)++] = (struct mtok){ MT_IDENT, cconst_none };
		return t;
	}
	if (s == 8 || (is_float(k) && !isfinite(f)))
		return NULL;
	/* a negative one as (-M - 1), M in the type: INT_MIN too */
	bool neg = is_float(k) ? signbit(f) : i < 0 && !uns(k);
	uint64_t mag = neg ? (uint64_t)-(i + 1) : (uint64_t)i;
	if (k == T_UINT)
		mag &= 0xffffffffu;
	if (neg)
		t[(*n)++] = (struct mtok){ MT_PUNCT, "(" }, t[(*n)++] = (struct mtok){ MT_PUNCT, "-" };
	t[(*n)++] = (struct mtok){ MT_LITERAL, is_float(k) ? fmt("%a%s", fabs(f), sfx) :
						    fmt("%llu%s", (unsigned long long)mag, sfx) };
	if (neg && !is_float(k)) {
		t[(*n)++] = (struct mtok){ MT_PUNCT, "-" };
		t[(*n)++] = (struct mtok){ MT_LITERAL, "1" };
	}
	if (neg)
		t[(*n)++] = (struct mtok){ MT_PUNCT, ")" };
	return t;
}

/* ---- the parser, over the expanded tokens ---- */

static bool punct_is(const struct mtok *t, char c)
{
	return t->kind == MT_PUNCT && t->s[0] == c && !t->s[1];
}

static bool punct_at(const struct mtok *t, int n, int i, const char *op)
{
	return i >= 0 && i < n && t[i].kind == MT_PUNCT && t[i].s[0] == op[0] && streq(t[i].s, op);
}

static bool is_constant_p(const struct mtok *t)
{
	return t->kind == MT_IDENT && t->s[0] == '_' && streq(t->s, "__builtin_constant_p");
}

static bool is_sizeof(const struct mtok *t)
{
	return (t->kind == MT_IDENT || t->kind == MT_KEYWORD) && t->s[0] == 's' &&
	       streq(t->s, "sizeof");
}

/* the punctuators of cconst.c's expressions */
static bool known_op(const char *s)
{
	static const char two[][3] = { "<<", ">>", "<=", ">=", "==", "!=", "&&", "||" };
	if (!s[0] || !s[1])
		return s[0] && strchr("()+-~!*/%<>&^|?:", s[0]);
	for (size_t k = 0; k < sizeof two / sizeof *two; k++)
		if (s[0] == two[k][0] && s[1] == two[k][1] && !s[2])
			return true;
	return false;
}

struct parser {
	const struct mtok *t;
	int n, i;
	bool bad;
	bool unsure;		/* bad, but clang may know: see struct cval */
	bool syntax;		/* cconst_syntax(): names are operands, values do not matter */
	/* cconst_syntax(): is sizeof ( ... ) at t[i] an operand? */
	bool (*leaf_ok)(const struct mtok *t, int n, int i, void *ctx);
	void *ctx;
};

static bool is(struct parser *p, const char *op)
{
	const struct mtok *t = &p->t[p->i];
	return p->i < p->n && t->kind == MT_PUNCT && t->s[0] == op[0] && streq(t->s, op);
}

static bool eat(struct parser *p, const char *op)
{
	if (!is(p, op))
		return false;
	p->i++;
	return true;
}

static const struct cval none = { T_INT, 0, 0, true };

enum tkind cconst_size_type(void)
{
	return ptr_bits < 64 ? T_UINT : long_bits < 64 ? T_ULLONG : T_ULONG;
}

static struct cval fail(struct parser *p)
{
	p->bad = true;
	return make(T_INT, 0);
}

/* a value the operation cannot take (division by zero, a shift too
 * far): a failure, but not for the syntax alone */
static struct cval undefined(struct parser *p, struct cval a)
{
	return p->syntax ? a : fail(p);
}

/* the usual arithmetic conversions */
static enum tkind common(enum tkind a, enum tkind b)
{
	if (is_float(a) || is_float(b))
		return a == T_DOUBLE || b == T_DOUBLE ? T_DOUBLE : T_FLOAT;
	if (a == b)
		return a;
	int wa = width(a), wb = width(b);
	int ra = rank(a), rb = rank(b);
	if (uns(a) == uns(b))
		return ra > rb ? a : b;
	enum tkind u = uns(a) ? a : b, s = uns(a) ? b : a;
	int ru = uns(a) ? ra : rb, rs = uns(a) ? rb : ra;
	if (ru >= rs)
		return u;
	if ((uns(a) ? wb : wa) > (uns(a) ? wa : wb))
		return s;
	return s == T_INT ? T_UINT : s == T_LONG ? T_ULONG : T_ULLONG;
}

static struct cval convert(struct cval v, enum tkind t)
{
	if (v.t == t)
		return v;
	if (is_float(t)) {
		double f = is_float(v.t) ? v.f : uns(v.t) ? (double)v.u : (double)sval(&v);
		return (struct cval){ t, 0, t == T_FLOAT ? (float)f : f };
	}
	if (is_float(v.t))
		return make(T_INT, 0);		/* never asked: callers check */
	return make(t, uns(v.t) ? v.u : (uint64_t)sval(&v));
}

static bool truth(struct cval v)
{
	return is_float(v.t) ? v.f != 0 : v.u != 0;
}

static struct cval cond(struct parser *p);

/* ---- type names: keywords only ---- */

static const char *const type_words[] = {
	"void", "char", "short", "int", "long", "signed", "unsigned", "float", "double",
	"_Bool", "const", "volatile",
};

static int type_word(const struct mtok *t)
{
	if (t->kind != MT_IDENT && t->kind != MT_KEYWORD)
		return -1;
	for (int k = 0; k < (int)(sizeof type_words / sizeof *type_words); k++)
		if (t->s[0] == type_words[k][0] && streq(t->s, type_words[k]))
			return k;
	return -1;
}

static bool type_at(struct parser *p, int i)
{
	return i < p->n && type_word(&p->t[i]) >= 0;
}

static bool word_at(struct parser *p, const char *w)
{
	const struct mtok *t = &p->t[p->i];
	return p->i < p->n && (t->kind == MT_IDENT || t->kind == MT_KEYWORD) && streq(t->s, w);
}

/* sizeof (struct { int : (e); }), past "sizeof (": BUILD_BUG_ON_ZERO(e),
 * 0 when e is 0 (an unnamed bit-field of no width: GNU C's empty
 * struct); clang refuses a negative width, and for any other this
 * fails */
static struct cval zero_width(struct parser *p)
{
	p->i++;
	if (!eat(p, "{") || !word_at(p, "int"))
		return fail(p);
	p->i++;
	if (!eat(p, ":"))
		return fail(p);
	struct cval w = cond(p);
	if (p->bad || !eat(p, ";") || !eat(p, "}") || !eat(p, ")") || w.nc || is_float(w.t))
		return fail(p);
	if (p->syntax || !w.u)
		return make(cconst_size_type(), 0);
	return fail(p);
}

/* A type name at p->i, up to its ")": its kind if cconst.c has values
 * of it (T_VOID if not), its size in bytes (0 if unknown). */
static enum tkind type_name(struct parser *p, long *size)
{
	int count[12] = {0};
	while (type_at(p, p->i))
		count[type_word(&p->t[p->i++])]++;
	bool ptr = false;
	while (eat(p, "*"))
		ptr = true;
	/* void char short int long signed unsigned float double _Bool */
	int base = !!count[0] + !!count[1] + !!count[2] + !!count[3] + !!count[7] +
		   !!count[8] + !!count[9], longs = count[4];
	bool sign = count[5] || count[6], uns = count[6];
	*size = 0;
	if (ptr) {
		*size = ptr_bits / 8;
		return T_VOID;
	}
	int others = base - !!count[3];	/* but int, these go with nothing */
	for (int k = 0; k < 10; k++)
		if (k != 4 && count[k] > 1)
			return T_VOID;		/* int int */
	if (others > 1 || (others && count[3] && !count[2]) || (count[5] && count[6]) ||
	    longs > 2 || (longs && (count[0] || count[1] || count[2] || count[9])) ||
	    (sign && (count[0] || count[7] || count[8] || count[9])))
		return T_VOID;
	if (count[0] || count[9] || count[1] || count[2]) {
		*size = count[0] ? 0 : count[2] ? 2 : 1;	/* GNU's sizeof(void) left to clang */
		return T_VOID;
	}
	if (count[7] || count[8]) {
		if (longs || (count[7] && count[8]))
			return T_VOID;		/* long double */
		*size = count[7] ? 4 : 8;
		return count[7] ? T_FLOAT : T_DOUBLE;
	}
	if (!longs && !count[3] && !sign)
		return T_VOID;			/* const alone */
	enum tkind k = longs == 2 ? T_LLONG : longs ? T_LONG : T_INT;
	*size = width(k) / 8;
	return uns ? k + 1 : k;
}

static struct cval primary(struct parser *p)
{
	if (p->i >= p->n)
		return fail(p);
	const struct mtok *t = &p->t[p->i];
	if (eat(p, "(")) {
		struct cval v = cond(p);
		if (!eat(p, ")"))
			return fail(p);
		return v;
	}
	struct cval v;
	if (t->kind == MT_IDENT && streq(t->s, cconst_none)) {
		p->i++;
		return none;
	}
	/* __builtin_constant_p(e): 1 if e folds, 0 if it is no constant
	 * (clang folds that too) */
	if (is_constant_p(t) && p->i + 1 < p->n && punct_is(&p->t[p->i + 1], '(')) {
		p->i += 2;
		v = cond(p);
		if (!eat(p, ")"))
			return fail(p);
		return make(T_INT, !v.nc);
	}
	if (type_word(t) >= 0)
		return fail(p);		/* no operand */
	if (p->syntax && t->kind == MT_IDENT) {
		int end;
		p->i = cconst_call(p->t, p->n, p->i, &end) ? end + 1 : p->i + 1;
		return make(T_INT, 1);
	}
	if (t->kind != MT_LITERAL || !literal(t->s, &v))
		return fail(p);
	p->i++;
	return v;
}

static struct cval unary(struct parser *p)
{
	/* a cast: (type) operand */
	if (is(p, "(") && type_at(p, p->i + 1)) {
		long size;
		p->i++;
		enum tkind k = type_name(p, &size);
		if (!eat(p, ")") || k == T_VOID)
			return fail(p);
		struct cval v = unary(p);
		if (v.nc || p->bad)
			return v;
		if (is_float(v.t) && !is_float(k)) {
			/* toward zero; out of range is undefined: clang's to say */
			double f = trunc(v.f), top = ldexp(1, width(k) - !uns(k));
			if (!(f < top && f >= (uns(k) ? 0 : -top)))
				return fail(p);
			return make(k, f < 0 ? (uint64_t)(int64_t)f : (uint64_t)f);
		}
		return convert(v, k);
	}
	/* sizeof (type): a size_t, unsigned long on LP64, unsigned long
	 * long on LLP64 (Windows), unsigned int on 32-bit targets; of any
	 * other type or expression, clang's (ask.c asks it: a leaf) */
	const struct mtok *t = &p->t[p->i];
	if (p->i < p->n && is_sizeof(t)) {
		long size;
		int at = p->i, close = cconst_close(p->t, p->n, p->i + 1);
		p->i++;
		if (!eat(p, "("))
			return fail(p);
		if (word_at(p, "struct") && punct_at(p->t, p->n, p->i + 1, "{"))
			return zero_width(p);
		if (type_at(p, p->i)) {
			int from = p->i;
			type_name(p, &size);
			if (eat(p, ")") && size)
				return make(cconst_size_type(), size);
			p->i = from;
		}
		if (!p->syntax || close < 0 || !p->leaf_ok || !p->leaf_ok(p->t, p->n, at, p->ctx))
			return fail(p);
		p->i = close + 1;
		return make(cconst_size_type(), 1);
	}
	if (eat(p, "+")) {
		struct cval v = unary(p);
		return v;
	}
	if (eat(p, "-")) {
		struct cval v = unary(p);
		if (v.nc)
			return v;
		if (is_float(v.t))
			return (struct cval){ v.t, 0, -v.f };
		return make(v.t, -v.u);
	}
	if (eat(p, "~")) {
		struct cval v = unary(p);
		return v.nc ? v : is_float(v.t) ? fail(p) : make(v.t, ~v.u);
	}
	if (eat(p, "!")) {
		struct cval v = unary(p);
		return v.nc ? v : make(T_INT, !truth(v));
	}
	return primary(p);
}

/* one binary operator on values already read */
static struct cval binop(struct parser *p, const char *op, struct cval a, struct cval b)
{
	bool shift = streq(op, "<<") || streq(op, ">>");
	bool logic = streq(op, "&&") || streq(op, "||");
	/* what is no constant makes none, but where C does not evaluate
	 * it: the right of && after a 0, of || after a 1 */
	if (logic && !a.nc && truth(a) == (op[0] == '|'))
		return make(T_INT, op[0] == '|');
	if (a.nc || b.nc)
		return none;
	if (logic)
		return make(T_INT, op[0] == '&' ? truth(a) && truth(b) : truth(a) || truth(b));
	if (shift) {
		if (is_float(a.t) || is_float(b.t))
			return fail(p);
		/* undefined in C, and clang folds them as it warns: a
		 * negative count shifts the other way, one past the width
		 * by the width less one */
		int64_t n = uns(b.t) ? (b.u > 64 ? 64 : (int64_t)b.u) : sval(&b);
		bool left = op[0] == '<';
		if (n < 0) {
			left = !left;
			n = n < -64 ? 64 : -n;
		}
		if (n >= width(a.t))
			n = width(a.t) - 1;
		return make(a.t, left ? a.u << n : uns(a.t) ? a.u >> n : (uint64_t)(sval(&a) >> n));
	}
	enum tkind t = common(a.t, b.t);
	a = convert(a, t);
	b = convert(b, t);
	bool cmp = strchr("<>=!", op[0]) != NULL;	/* the shifts went above */
	if (is_float(t)) {
		double x = a.f, y = b.f, r;
		switch (op[0]) {
		case '*': r = x * y; break;
		case '/': if (y == 0) return undefined(p, a); r = x / y; break;
		case '+': r = x + y; break;
		case '-': r = x - y; break;
		case '<': return make(T_INT, op[1] ? x <= y : x < y);
		case '>': return make(T_INT, op[1] ? x >= y : x > y);
		case '=': return make(T_INT, x == y);
		case '!': return make(T_INT, x != y);
		default: return fail(p);
		}
		return (struct cval){ t, 0, t == T_FLOAT ? (float)r : r };
	}
	uint64_t x = a.u, y = b.u;
	int64_t sx = sval(&a), sy = sval(&b);
	bool u = uns(t);
	if (cmp) {
		bool r;
		switch (op[0]) {
		case '<': r = u ? (op[1] ? x <= y : x < y) : (op[1] ? sx <= sy : sx < sy); break;
		case '>': r = u ? (op[1] ? x >= y : x > y) : (op[1] ? sx >= sy : sx > sy); break;
		case '=': r = x == y; break;
		default: r = x != y; break;
		}
		return make(T_INT, r);
	}
	switch (op[0]) {
	case '*': return make(t, x * y);
	case '+': return make(t, x + y);
	case '-': return make(t, x - y);
	case '&': return make(t, x & y);
	case '|': return make(t, x | y);
	case '^': return make(t, x ^ y);
	case '/':
	case '%': {
		if (!y)
			return undefined(p, a);
		if (u)
			return make(t, op[0] == '/' ? x / y : x % y);
		/* the most negative value by -1 overflows: clang folds it
		 * to itself (and 0), as it warns */
		if (sy == -1)
			return make(t, op[0] == '/' ? -x : 0);
		return make(t, (uint64_t)(op[0] == '/' ? sx / sy : sx % sy));
	}
	}
	return fail(p);
}

/* The binary operators by level, lowest first: precedence climbing. */
static const struct {
	char s[3];
	signed char level;
} binops[] = {
	{ "||", 0 }, { "&&", 1 }, { "|", 2 }, { "^", 3 }, { "&", 4 }, { "==", 5 }, { "!=", 5 },
	{ "<", 6 }, { ">", 6 }, { "<=", 6 }, { ">=", 6 }, { "<<", 7 }, { ">>", 7 },
	{ "+", 8 }, { "-", 8 }, { "*", 9 }, { "/", 9 }, { "%", 9 },
};

/* The level of the binary operator at p->i; -1 for none. */
static int op_level(struct parser *p)
{
	if (p->i >= p->n || p->t[p->i].kind != MT_PUNCT)
		return -1;
	const struct mtok *t = &p->t[p->i];
	for (size_t k = 0; k < sizeof binops / sizeof *binops; k++)
		if (t->s[0] == binops[k].s[0] && streq(t->s, binops[k].s))
			return binops[k].level;
	return -1;
}

/* Operands joined by operators of level min or above. */
static struct cval binary(struct parser *p, int min)
{
	struct cval a = unary(p);
	for (;;) {
		int level = op_level(p);
		if (level < min || p->bad)
			return a;
		const char *op = p->t[p->i++].s;
		struct cval b = binary(p, level + 1);
		if (streq(op, "%") || streq(op, "&") || streq(op, "|") || streq(op, "^"))
			if ((is_float(a.t) && !a.nc) || (is_float(b.t) && !b.nc))
				return fail(p);
		a = binop(p, op, a, b);
	}
}

static struct cval cond(struct parser *p)
{
	struct cval c = binary(p, 0);
	if (!eat(p, "?"))
		return c;
	struct cval a = cond(p);
	if (!eat(p, ":"))
		return fail(p);
	struct cval b = cond(p);
	if (c.nc || (truth(c) ? a : b).nc)
		return none;
	/* the type is both arms', the other's too: a call's is clang's */
	if (a.nc || b.nc) {
		p->unsure = true;
		return fail(p);
	}
	enum tkind t = common(a.t, b.t);
	return convert(truth(c) ? a : b, t);
}

/* ---- macros ---- */

int cconst_close(const struct mtok *t, int n, int i)
{
	if (i >= n || !punct_is(&t[i], '('))
		return -1;
	for (int depth = 0; i < n; i++) {
		if (t[i].kind == MT_PUNCT)
			depth += punct_is(&t[i], '(') - punct_is(&t[i], ')');
		if (!depth)
			return i;
	}
	return -1;
}

static bool a_name(const struct mtok *t)
{
	return t->kind == MT_IDENT && type_word(t) < 0 && !is_sizeof(t) &&
	       !(t->s[0] == '_' && streq(t->s, cconst_none));
}

bool cconst_lone_name(const struct mtok *t, int n, int i)
{
	return a_name(&t[i]) && punct_at(t, n, i - 1, "(") && punct_at(t, n, i + 1, ")");
}

bool cconst_bare_name(const struct mtok *t, int n, int i)
{
	/* not a call, nor `( name )`, which may be a cast */
	return a_name(&t[i]) && !punct_at(t, n, i + 1, "(") && !cconst_lone_name(t, n, i);
}

/* t[i..j] joined by spaces */
static const char *join(const struct mtok *t, int i, int j)
{
	size_t len = 0;
	for (int k = i; k <= j; k++)
		len += strlen(t[k].s) + 1;
	char *text = alloc(len), *p = text;
	for (int k = i; k <= j; k++) {
		size_t l = strlen(t[k].s);
		memcpy(p, t[k].s, l);
		p[l] = k < j ? ' ' : 0;
		p += l + 1;
	}
	return text;
}

const char *cconst_call(const struct mtok *t, int n, int i, int *end)
{
	int j = t[i].kind == MT_IDENT ? cconst_close(t, n, i + 1) : -1;
	if (j < 0)
		return NULL;
	*end = j;
	return join(t, i, j);
}

const char *cconst_sizeof_leaf(const struct mtok *t, int n, int i, int *end)
{
	if (!is_sizeof(&t[i]) || (*end = cconst_close(t, n, i + 1)) < i + 3)
		return NULL;
	struct parser p = { .t = t, .n = *end + 1, .i = i };
	unary(&p);
	return p.bad ? join(t, i, *end) : NULL;
}

/* The arguments of the call whose "(" is t[open], up to its ")" at t[close]
 * (cconst_close()): each one's first token and length, into args.  False if
 * their number does not fit m's parameters; the variadic one takes the
 * rest, commas too. */
struct arg {
	int at, n;
};
typedef VEC(struct arg) argvec;

int cconst_arg_end(const struct mtok *t, int k, int close)
{
	for (int depth = 0; k < close; k++) {
		if (punct_is(&t[k], ',') && !depth)
			return k;
		if (t[k].kind == MT_PUNCT)
			depth += punct_is(&t[k], '(') - punct_is(&t[k], ')');
	}
	return close;
}

static bool split_args(const struct cmacro *m, const struct mtok *t, int open, int close,
		       argvec *args)
{
	args->n = 0;
	for (int from = open + 1; from <= close;) {
		bool rest = m->variadic && args->n == m->nparams - 1;
		int end = rest ? close : cconst_arg_end(t, from, close);
		hpush(args, ((struct arg){ from, end - from }));
		from = end + 1;
	}
	if (m->nparams == 0)	/* F(): one empty argument */
		return args->n == 1 && !args->v[0].n;
	if (m->variadic && args->n == m->nparams - 1)
		hpush(args, ((struct arg){ close, 0 }));	/* F(a) of F(a, ...) */
	return args->n == m->nparams;
}

int cconst_param(const struct cmacro *m, const char *name)
{
	for (int k = 0; k < m->nparams; k++)
		if (m->params[k][0] == name[0] && streq(m->params[k], name))
			return k;
	return -1;
}

/* a ## b in a: a name, or a number; false for anything else (a
 * punctuator, a string) */
static bool paste(struct mtok *a, const struct mtok *b)
{
	bool name = a->kind == MT_IDENT || a->kind == MT_KEYWORD;
	bool number = a->kind == MT_LITERAL && ((a->s[0] >= '0' && a->s[0] <= '9') || a->s[0] == '.');
	if (!(name || number) || b->kind == MT_PUNCT)
		return false;
	size_t an = strlen(a->s), bn = strlen(b->s);
	char *s = alloc(an + bn + 1);
	memcpy(s, a->s, an);
	memcpy(s + an, b->s, bn + 1);
	for (const char *p = s; *p; p++)
		if (!(*p == '_' || (*p == '.' && number) || (*p >= '0' && *p <= '9') ||
		      ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			return false;
	*a = (struct mtok){ name ? MT_IDENT : MT_LITERAL, s };
	return true;
}

static bool hash2_at(const struct mtok *b, int n, int k)
{
	return k >= 0 && k < n && b[k].kind == MT_PUNCT && b[k].s[0] == '#' && b[k].s[1] == '#' &&
	       !b[k].s[2];
}

bool cconst_pasted(const struct mtok *t, int n, int k)
{
	return hash2_at(t, n, k - 1) || hash2_at(t, n, k + 1);
}

bool cconst_substitute(const struct cmacro *m, const struct mtok *t, int n, int i, int *end,
		       cexpand_arg expanded, void *ctx, mtokvec *out)
{
	int close = punct_at(t, n, i + 1, "(") ? cconst_close(t, n, i + 1) : -1;
	argvec args = {0};
	bool ok = close > 0 && split_args(m, t, i + 1, close, &args) &&
		  !hash2_at(m->body, m->n, 0) && !hash2_at(m->body, m->n, m->n - 1);
	const struct mtok *b = m->body;
	int last = 0;		/* where the last operand's tokens begin */
	out->n = 0;
	for (int k = 0; ok && k < m->n; k++) {
		if (hash2_at(b, m->n, k))
			continue;
		if (punct_is(&b[k], '#')) {
			ok = false;	/* a string: none of cconst.c's values */
			break;
		}
		int p = b[k].kind == MT_IDENT ? cconst_param(m, b[k].s) : -1;
		bool pasted = hash2_at(b, m->n, k - 1), raw = cconst_pasted(b, m->n, k);
		mtokvec x = {0};
		const struct mtok *v = &b[k];
		int vn = 1;
		if (p >= 0 && (raw || !expanded)) {
			v = t + args.v[p].at;
			vn = args.v[p].n;
		} else if (p >= 0) {
			ok = expanded(t + args.v[p].at, args.v[p].n, &x, ctx);
			v = x.v;
			vn = x.n;
		}
		/* an empty operand of ## leaves the other as it is */
		int from = 0;
		if (!pasted)
			last = out->n;
		else if (ok && vn && out->n > last)
			ok = paste(&out->v[out->n - 1], &v[from++]);
		for (int q = from; ok && q < vn; q++)
			hpush(out, v[q]);
		hfree(&x);
	}
	hfree(&args);
	*end = close;
	return ok;
}

/* The tokens with macros replaced by their expansions, again within them,
 * but never a macro within its own expansion (C 6.10.3.4): a function-
 * like one's arguments expanded first, alone, where no ## takes them as
 * written; a call of a name that is no such macro by what call gives for
 * it.  Where a body ends with the name of a function-like macro, the "("
 * could come from what follows the call: that fails, but in an argument,
 * which is expanded alone. */
#define MAX_EXPANSION 65536

struct expansion {
	strvec active;
	cbody body;
	ccall call;
	void *ctx;
	struct strmap *memo;
	strvec met;	/* the macros expanded, in order: for the memo */
	int made;	/* tokens, up to MAX_EXPANSION */
};

/* The memo: what a macro expanded to, a name or a call by its text, when
 * that is one operand ( ... ) or a literal: its value as a literal, and
 * the macros the expansion met, none of which may be active where the
 * value stands in (there C would leave it a name). */
struct known {
	const struct mtok *v;
	int n;
	const char **used;
	int nused;
};

static const struct known *known(struct expansion *e, const char *key)
{
	const struct known *k = e->memo && key ? strmap_get(e->memo, key) : NULL;
	for (int u = 0; k && u < k->nused; u++)
		for (int a = 0; a < e->active.n; a++)
			if (k->used[u][0] == e->active.v[a][0] && streq(k->used[u], e->active.v[a]))
				return NULL;
	return k;
}

/* out->v[from ..) is what key expanded to, meeting the macros
 * e->met.v[met ..): remembered if one operand, and then the literal
 * stands in out instead */
static void remember(struct expansion *e, const char *key, mtokvec *out, int from, int met)
{
	int xn = out->n - from, n;
	if (!e->memo || xn < 1)
		return;
	const struct mtok *x = out->v + from;
	bool one = xn == 1 ? x[0].kind == MT_LITERAL :
		   xn >= 3 && punct_is(&x[0], '(') && cconst_close(x, xn, 0) == xn - 1;
	if (!one)
		return;
	struct parser p = { .t = x, .n = xn };
	struct cval v = cond(&p);
	const struct mtok *lit = p.bad || p.i != xn ? NULL :
				 cconst_literal(v.nc, v.t, cval_int(&v), v.f, &n);
	if (!lit)
		return;
	struct known *k = alloc(sizeof *k);
	*k = (struct known){ lit, n, alloc(sizeof *k->used * (e->met.n - met + 1)), e->met.n - met };
	memcpy(k->used, e->met.v + met, sizeof *k->used * k->nused);
	strmap_put(e->memo, key, k);
	out->n = from;
	for (int q = 0; q < n; q++)
		hpush(out, lit[q]);
}

static bool expand(struct expansion *e, const struct mtok *t, int n, bool alone, mtokvec *out);

static bool is_active(struct expansion *e, const char *name)
{
	for (int k = 0; k < e->active.n; k++)
		if (e->active.v[k][0] == name[0] && streq(e->active.v[k], name))
			return true;
	return false;
}

static bool expand_arg(const struct mtok *t, int n, mtokvec *out, void *ctx)
{
	return expand(ctx, t, n, true, out);
}

static bool expand(struct expansion *e, const struct mtok *t, int n, bool alone, mtokvec *out)
{
	for (int i = 0; i < n; i++) {
		const struct cmacro *m = NULL;
		int end = i, vn;
		/* sizeof ( ... ) that ask.c asked as written */
		const char *leaf = e->call ? cconst_sizeof_leaf(t, n, i, &end) : NULL;
		const struct mtok *v = leaf ? e->call(leaf, &vn, e->ctx) : NULL;
		if (v) {
			for (int k = 0; k < vn; k++)
				hpush(out, v[k]);
			i = end;
			continue;
		}
		bool active = t[i].kind == MT_IDENT && is_active(e, t[i].s);
		if (t[i].kind == MT_IDENT && !active)
			m = e->body(t[i].s, e->ctx);
		bool fn = m && m->nparams >= 0, open = punct_at(t, n, i + 1, "(");
		/* `#define A F`, F function-like, A ( ... ): C reads F ( ... )
		 * on, with what follows (A active no longer) */
		const struct cmacro *f = m && !fn && open && m->n == 1 && m->body[0].kind == MT_IDENT &&
					 !is_active(e, m->body[0].s) ? e->body(m->body[0].s, e->ctx) : NULL;
		if (f && f->nparams >= 0) {
			mtokvec y = {0};
			hpush(&y, m->body[0]);
			for (int k = i + 1; k < n; k++)
				hpush(&y, t[k]);
			hpush(&e->met, (char *)t[i].s);
			bool ok = ++e->made <= MAX_EXPANSION && expand(e, y.v, y.n, alone, out);
			hfree(&y);
			return ok;
		}
		end = i;
		const char *call = (m && !fn) || active || !e->call || is_constant_p(&t[i]) ||
				   is_sizeof(&t[i]) ? NULL :
				   cconst_bare_name(t, n, i) ? t[i].s : cconst_call(t, n, i, &end);
		v = call ? e->call(call, &vn, e->ctx) : NULL;
		const char *key = !m || v ? NULL : fn ? (open ? call : NULL) : t[i].s;
		const struct known *k = known(e, key);
		if (k)
			v = k->v, vn = k->n;
		if (call && !v && end > i && !fn)
			return false;
		if (v) {	/* (a name clang was not asked stays as it is) */
			for (int k = 0; k < vn; k++)
				hpush(out, v[k]);
			i = end;
			continue;
		}
		if (fn && !open && i + 1 == n && !alone)
			return false;
		if (!m || (fn && !open)) {
			if (++e->made > MAX_EXPANSION)
				return false;
			hpush(out, t[i]);
			continue;
		}
		if (e->active.n > 64)
			return false;
		/* what the arguments meet counts for the call too */
		int from = out->n, met = e->met.n;
		hpush(&e->met, (char *)t[i].s);
		mtokvec sub = {0};
		bool ok = !fn || cconst_substitute(m, t, n, i, &end, expand_arg, e, &sub);
		hpush(&e->active, (char *)t[i].s);
		ok = ok && (fn ? expand(e, sub.v, sub.n, false, out) : expand(e, m->body, m->n, false, out));
		e->active.n--;
		hfree(&sub);
		if (ok && key)
			remember(e, key, out, from, met);
		if (!ok)
			return false;
		i = end;
	}
	return true;
}

/* no name nor keyword in t[0..n): it expands to itself (numbers and
 * punctuators: `(1 << 3)`) */
static bool no_names(const struct mtok *t, int n)
{
	for (int i = 0; i < n; i++)
		if (t[i].kind != MT_LITERAL && t[i].kind != MT_PUNCT)
			return false;
	return n <= MAX_EXPANSION;
}

bool cconst_eval(const struct mtok *t, int n, cbody body, ccall call, void *ctx,
		 struct strmap *memo, struct cval *out)
{
	if (n == 1 && t[0].kind == MT_LITERAL) {	/* most bodies: one number */
		bool ok = literal(t[0].s, out);
		out->unsure = false;
		return ok;
	}
	struct expansion e = { .body = body, .call = call, .ctx = ctx, .memo = memo };
	mtokvec x = {0};
	bool as_is = no_names(t, n);
	bool ok = as_is ? n > 0 : expand(&e, t, n, false, &x) && x.n;
	bool unsure = e.made > MAX_EXPANSION;
	if (ok) {
		struct parser p = { .t = as_is ? t : x.v, .n = as_is ? n : x.n };
		*out = cond(&p);
		ok = !p.bad && p.i == p.n;
		unsure = p.unsure;
	}
	out->unsure = !ok && unsure;
	hfree(&x);
	hfree(&e.active);
	hfree(&e.met);
	return ok;
}

/* toks[0..n) parse as an expression cconst_eval() knows, a name standing
 * for an operand; no macro is expanded, no value computed. */
bool cconst_syntax(const struct mtok *t, int n,
		   bool (*leaf_ok)(const struct mtok *t, int n, int i, void *ctx), void *ctx)
{
	if (n == 1)		/* most bodies: one number, one name */
		return t[0].kind == MT_LITERAL || (t[0].kind == MT_IDENT && type_word(t) < 0);
	struct parser p = { .t = t, .n = n, .syntax = true, .leaf_ok = leaf_ok, .ctx = ctx };
	cond(&p);
	return n && !p.bad && p.i == n;
}

/* sizeof ( struct { int : e ; } ) at t[i], its ")" at *end */
static bool zero_width_at(const struct mtok *t, int n, int i, int *end)
{
	static const char *const head[] = { "sizeof", "(", "struct", "{", "int", ":" };
	for (int k = 0; k < 6; k++)
		if (i + k >= n || !streq(t[i + k].s, head[k]))
			return false;
	*end = cconst_close(t, n, i + 1);
	return *end > i + 9 && punct_is(&t[*end - 1], '}') && punct_is(&t[*end - 2], ';');
}

/* The tokens are of the kinds cconst_eval() folds, identifiers aside:
 * whether those are macros it can expand, ok() says. */
bool cconst_shape(const struct mtok *t, int n, bool (*ok)(const char *name, void *ctx),
		  bool (*call_ok)(const struct mtok *t, int n, int i, void *ctx), void *ctx)
{
	struct cval v;
	if (!n)
		return false;
	for (int i = 0; i < n; i++) {
		int end;
		if (is_sizeof(&t[i]) && zero_width_at(t, n, i, &end)) {
			if (!cconst_shape(t + i + 6, end - i - 8, ok, call_ok, ctx))
				return false;
			i = end;
			continue;
		}
		/* a sizeof whose value clang gives, if call_ok() asks it */
		if (call_ok && is_sizeof(&t[i]) && call_ok(t, n, i, ctx)) {
			i = cconst_close(t, n, i + 1);
			continue;
		}
		switch (t[i].kind) {
		case MT_LITERAL:
			if (!literal(t[i].s, &v))
				return false;
			break;
		case MT_KEYWORD:
			if (type_word(&t[i]) < 0 && !is_sizeof(&t[i]))
				return false;
			break;
		case MT_IDENT: {
			if (type_word(&t[i]) >= 0 || is_sizeof(&t[i]))
				break;
			if (call_ok && call_ok(t, n, i, ctx) && cconst_call(t, n, i, &end))
				i = end;
			else if (!ok(t[i].s, ctx) || punct_at(t, n, i + 1, "("))
				return false;	/* a call call_ok() does not take */
			break;
		}
		case MT_PUNCT:
			if (!known_op(t[i].s))
				return false;
			break;
		default:
			return false;
		}
	}
	return true;
}
