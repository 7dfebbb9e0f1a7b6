/* macro_test.c: macro.c against the cexpr/bindgen behaviour it copies. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"
#include "unit.h"

/* ---- a small lexer, enough to write bodies as text ---- */

static const char *const keywords[] = {
	"int", "char", "long", "short", "unsigned", "signed", "const",
	"sizeof", "void", "float", "double", NULL,
};

static const char *const puncts2[] = {
	"<<", ">>", "&&", "||", "==", "!=", "<=", ">=", "##", "->", NULL,
};

static bool is_keyword(const char *s)
{
	for (int i = 0; keywords[i]; i++)
		if (streq(keywords[i], s))
			return true;
	return false;
}

static size_t lex_quoted(const char *p)
{
	char q = *p;
	size_t n = 1;

	while (p[n] && p[n] != q)
		n += p[n] == '\\' && p[n + 1] ? 2 : 1;
	return p[n] ? n + 1 : n;
}

static size_t lex_prefix(const char *p)
{
	if (!strncmp(p, "u8", 2) && (p[2] == '"' || p[2] == '\''))
		return 2;
	if (strchr("uUL", *p) && (p[1] == '"' || p[1] == '\''))
		return 1;
	return 0;
}

/* pp-number: digits, letters, dots, and signs after an exponent letter */
static size_t lex_number(const char *p)
{
	size_t n = 1;

	while (isalnum((unsigned char)p[n]) || p[n] == '.' || p[n] == '_' ||
	       ((p[n] == '+' || p[n] == '-') && strchr("eEpP", p[n - 1])))
		n++;
	return n;
}

static size_t lex_punct(const char *p)
{
	for (int i = 0; puncts2[i]; i++)
		if (!strncmp(p, puncts2[i], 2))
			return 2;
	return 1;
}

static int lex(const char *s, struct mtok *t)
{
	int n = 0;

	while (*s) {
		size_t len, pre;
		enum mtokkind k;

		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		pre = lex_prefix(s);
		if (*s == '"' || *s == '\'' || pre) {
			len = pre + lex_quoted(s + pre);
			k = MT_LITERAL;
		} else if (isdigit((unsigned char)*s) ||
			   (*s == '.' && isdigit((unsigned char)s[1]))) {
			len = lex_number(s);
			k = MT_LITERAL;
		} else if (isalpha((unsigned char)*s) || *s == '_') {
			for (len = 1; isalnum((unsigned char)s[len]) ||
				      s[len] == '_'; len++)
				;
			k = MT_IDENT;
		} else {
			len = lex_punct(s);
			k = MT_PUNCT;
		}
		t[n].s = astrndup(s, len);
		if (k == MT_IDENT && is_keyword(t[n].s))
			k = MT_KEYWORD;
		t[n].kind = k;
		n++;
		s += len;
	}
	return n;
}

/* ---- earlier macros, as bindgen's parsed_macros map ---- */

struct def {
	const char *name;
	struct mval v;
};
static struct def defs[64];
static int ndefs;

static const struct mval *lookup(const char *name, void *ctx)
{
	(void)ctx;
	for (int i = ndefs - 1; i >= 0; i--)
		if (streq(defs[i].name, name))
			return &defs[i].v;
	return NULL;
}

static bool eval(const char *src, struct mval *v)
{
	struct mtok t[64];
	int n = lex(src, t);

	memset(v, 0, sizeof(*v));
	return macro_eval(t, n, lookup, NULL, v);
}

static void define(const char *name, const char *src)
{
	struct mval v;

	check(eval(src, &v), "define: %s", src);
	defs[ndefs].name = name;
	defs[ndefs++].v = v;
}

/* ---- expectations ---- */

static void is_int(const char *src, int64_t want)
{
	struct mval v;
	bool ok = eval(src, &v) && v.kind == MV_INT && v.i == want;

	if (!ok)
		printf("  got kind %d i %lld, want int %lld\n", v.kind,
		       (long long)v.i, (long long)want);
	check(ok, "int: %s", src);
}

static void is_float(const char *src, double want)
{
	struct mval v;
	bool ok = eval(src, &v) && v.kind == MV_FLOAT &&
		  (isnan(want) ? isnan(v.f) :
		   v.f == want && signbit(v.f) == signbit(want));

	if (!ok)
		printf("  got kind %d f %g, want float %g\n", v.kind, v.f,
		       want);
	check(ok, "float: %s", src);
}

static void is_char(const char *src, int64_t want)
{
	struct mval v;
	bool ok = eval(src, &v) && v.kind == MV_CHAR && v.i == want;

	if (!ok)
		printf("  got kind %d i %lld, want char %lld\n", v.kind,
		       (long long)v.i, (long long)want);
	check(ok, "char: %s", src);
}

static void is_str(const char *src, const char *want, size_t len)
{
	struct mval v;
	bool ok = eval(src, &v) && v.kind == MV_STR && v.slen == len &&
		  !memcmp(v.s, want, len);

	check(ok, "string: %s", src);
}

static void fails(const char *src)
{
	struct mval v;

	check(!eval(src, &v), "should fail: %s", src);
}

static void test_ints(void)
{
	is_int("0", 0);
	is_int("123", 123);
	is_int("0x1F", 31);
	is_int("0X1f", 31);
	is_int("0b101", 5);
	is_int("0B11", 3);
	is_int("077", 63);
	is_int("00", 0);
	is_int("08", 8);		/* not octal, so decimal */
	is_int("09", 9);
	fails("0789");			/* octal 07, then junk */
	fails("018");
	is_int("1ULL", 1);
	is_int("3L", 3);
	is_int("124u", 124);
	is_int("126LuL", 126);
	is_int("1uu", 1);
	is_int("18446744073709551615", -1);
	is_int("0xffffffffffffffff", -1);
	is_int("9223372036854775808", INT64_MIN);
	fails("18446744073709551616");
	fails("0x10000000000000000");
	fails("0b2");
	fails("0x1g");
	fails("123abc");
	fails("0x");
	fails("1ux");
}

static void test_floats(void)
{
	is_float("5.09f", 5.09);
	is_float("5.09", 5.09);
	is_float("1.", 1.0);
	is_float("0.", 0.0);
	is_float(".5", 0.5);
	is_float("1e3", 1000.0);
	is_float("2e+3", 2000.0);
	is_float("1e-3", 0.001);
	is_float("1E3", 1000.0);
	is_float("1f", 1.0);
	is_float("1e3f", 1000.0);
	is_float("1.5L", 1.5);
	is_float("2.0F", 2.0);
	fails("1.5e3");		/* cexpr takes "1.5", leaves "e3" */
	fails(".5e3");
	fails("1.e3");
	fails("1.5ff");
	fails("0x1p3");
	fails("1e");
	fails("1e+");
	fails("1lf");
	fails("1.5x");
}

static void test_chars(void)
{
	is_char("'b'", 98);
	is_char("'\\0'", 0);
	is_char("'\\n'", 10);
	is_char("'\\t'", 9);
	is_char("'\\a'", 7);
	is_char("'\\b'", 8);
	is_char("'\\f'", 12);
	is_char("'\\r'", 13);
	is_char("'\\v'", 11);
	is_char("'\\''", 39);
	is_char("'\\\"'", 34);
	is_char("'\\?'", 63);
	is_char("'\\\\'", 92);
	is_char("'\\x41'", 65);
	is_char("'\\xff'", 255);
	is_char("'\\x00ff'", 255);
	is_char("'\\101'", 65);
	is_char("'\\377'", 255);
	is_char("'\\u0041'", 65);
	is_char("'\"'", 34);
	is_char("L'a'", 97);
	is_char("u8'a'", 97);
	is_char("u'a'", 97);
	is_char("U'a'", 97);
	is_char("'\xff'", 255);
	fails("'\\777'");		/* bindgen panics: not a u8 */
	fails("'\\x141'");
	fails("'\\u00e9'");
	fails("'\\e'");
	fails("'\\q'");
	fails("'ab'");
	fails("'\xc3\xa9'");
	fails("'\\u12'");
	fails("'\\ud800'");
}

static void test_strings(void)
{
	is_str("\"bar\"", "bar", 3);
	is_str("\"\"", "", 0);
	is_str("\"a\\0b\"", "a\0b", 3);
	is_str("\"\\xf0\\x28\\x8c\\x28\"", "\xf0\x28\x8c\x28", 4);
	is_str("\"a\" \"b\"", "ab", 2);
	is_str("\"a\" \"b\" \"c\"", "abc", 3);
	is_str("L\"ab\"", "ab", 2);
	is_str("u8\"ab\" u\"c\"", "abc", 3);
	is_str("\"\\u00e9\"", "\xc3\xa9", 2);
	is_str("\"\\U0001F600\"", "\xf0\x9f\x98\x80", 4);
	is_str("\"\\x141\"", "A", 1);	/* truncated to a byte */
	is_str("\"\\777\"", "\xff", 1);
	is_str("\"\\08\"", "\0" "8", 2);
	is_str("\"\\1234\"", "S4", 2);
	is_str("\"q\\\"\\\\\\n\"", "q\"\\\n", 4);
	is_str("\"\xc3\xa9\"", "\xc3\xa9", 2);
	is_str("(\"a\")", "a", 1);
	is_str("((\"a\"))", "a", 1);
	is_str("(\"a\" \"b\")", "ab", 2);
	fails("\"\\e\"");
	fails("(\"a\") \"b\"");
	fails("\"a\" 1");
	fails("\"a\" + 1");
	fails("-\"a\"");
}

static void test_operators(void)
{
	is_int("1 + 2", 3);
	is_int("7 - 10", -3);
	is_int("6 * 7", 42);
	is_int("7 / 2", 3);
	is_int("-7 / 2", -3);
	is_int("-7 % 3", -1);
	is_int("7 % -3", 1);
	is_int("1 << 4", 16);
	is_int("1 << 63", INT64_MIN);
	is_int("1 << 64", 1);		/* count masked to 6 bits */
	is_int("1 << 65", 2);
	is_int("1 << -1", INT64_MIN);
	is_int("-16 >> 2", -4);		/* arithmetic */
	is_int("-1 >> 63", -1);
	is_int("256 >> 4", 16);
	is_int("12 & 10", 8);
	is_int("12 ^ 10", 6);
	is_int("12 | 10", 14);
	is_int("~0", -1);
	is_int("~~5", 5);
	is_int("-(-(-3))", -3);
	is_int("-3-2", -5);
	is_int("+5", 5);
	is_int("- - 5", 5);
	is_int("-0", 0);
	is_int("1|8^6&2<<1", 13);
	is_int("32|15^9&7<<1+5-2*4/2", 39);
	is_int("(((1)<<4ULL))", 16);
	is_int("((((((32|15)^9)&7)<<1)+5)-2)*4", 60);
	is_int("2 + 3 * 4", 14);
	is_int("(2 + 3) * 4", 20);
	is_int("10 - 2 - 3", 5);
	is_int("100 / 10 / 5", 2);
	is_int("(1 << 0)", 1);
	is_int("((1 << 1) + 5)", 7);
	is_int("(-1LL)", -1);
	is_int("(- (1ULL<<31))", -2147483648LL);
	is_int("(- 123456789012ULL)", -123456789012LL);
}

static void test_overflow(void)
{
	is_int("9223372036854775807 + 1", INT64_MIN);
	is_int("-9223372036854775808", INT64_MIN);
	is_int("-9223372036854775807 - 2", INT64_MAX);
	is_int("4294967296 * 4294967296", 0);
	is_int("(-9223372036854775807 - 1) / -1", INT64_MIN);
	is_int("(-9223372036854775807 - 1) % -1", 0);
	is_int("-(-9223372036854775807 - 1)", INT64_MIN);
	fails("1 / 0");			/* bindgen panics */
	fails("1 % 0");
	fails("(1 / 0)");
	fails("1 + 10 / (5 - 5)");
}

static void test_mixed(void)
{
	is_float("5 / 1000.0f", 0.005);
	is_float("(5 / 1000.0f)", 0.005);
	is_float("1 + 2.5", 3.5);
	is_float("2.5 - 1", 1.5);
	is_float("10.0*(1<<3)", 80.0);
	is_float("7.5 % 2", 1.5);
	is_float("-7.5 % 2", -1.5);
	is_float("-1.5", -1.5);
	is_float("+1.5", 1.5);
	is_float("-0.0", -0.0);
	is_float("1.0 / 0", INFINITY);
	is_float("-1.0 / 0", -INFINITY);
	is_float("0.0 / 0", NAN);
	is_float("3 / 2.", 1.5);
	is_float("(1.5)", 1.5);
}

static void test_mixed_fail(void)
{
	fails("~1.0");
	fails("1.5 << 0 + 0");
	fails("1.0 << 1");
	fails("1 << 1.0");
	fails("1 >> 1.0");
	fails("1 & 1.0");
	fails("1.0 ^ 1");
	fails("1 | 2.0");
	fails("3<<1f");
	fails("1 | 2.0 | 3");
	fails("1 | 2.0 & 1");
}

static void test_unsupported(void)
{
	struct mtok kw = { MT_KEYWORD, "int" };
	struct mtok one = { MT_LITERAL, "1" };
	struct mtok plus_as_ident = { MT_IDENT, "+" };
	struct mtok seq[2] = { plus_as_ident, one };
	struct mval v;

	fails("!1");
	fails("!0");
	fails("1 && 2");
	fails("1 || 0");
	fails("1 == 1");
	fails("1 != 1");
	fails("1 < 2");
	fails("1 >= 2");
	fails("1 ? 2 : 3");
	fails("(int)1");
	fails("(unsigned long) -6");
	fails("sizeof(int)");
	fails("&x");
	fails("x[0]");
	fails("(");
	fails(")");
	fails("1 +");
	fails("(1");
	fails("1)");
	fails("1 2");
	fails("-");
	fails("()");
	fails("1,2");
	fails("{1}");
	fails("a ## b");
	check(!macro_eval(NULL, 0, lookup, NULL, &v), "should fail: %s", "<empty>");
	check(!macro_eval(&kw, 1, lookup, NULL, &v), "should fail: %s", "keyword");
	check(!macro_eval(seq, 2, lookup, NULL, &v), "should fail: %s",
	      "punct spelled but not a punct");
	check(macro_eval(&one, 1, NULL, NULL, &v) && v.i == 1, "no lookup: %s",
	      "1");
}

static void test_references(void)
{
	struct mval v;

	define("FOO", "1");
	define("BAR", "4");
	define("BAZ", "(FOO + BAR)");
	is_int("BAZ", 5);
	is_int("((1 << 1) + BAZ)", 7);
	is_int("-BAZ", -5);
	is_int("(BAZ + FOO)", 6);
	fails("UNKNOWN");
	fails("FOO + UNKNOWN");
	fails("FOO BAR");
	define("S", "\"str\"");
	is_str("S", "str", 3);
	is_str("(S)", "str", 3);
	is_str("\"test\" S", "teststr", 7);
	is_str("S S", "strstr", 6);
	fails("\"test\" S FOO");
	fails("S + 1");
	define("C", "'a'");
	is_char("C", 97);
	is_char("(C)", 97);
	fails("C + 1");
	fails("-C");
	fails("'a' + 1");
	fails("C \"x\"");
	define("F", "1.5");
	is_float("F * 2", 3.0);
	is_float("-F", -1.5);
	fails("~F");
	define("NEG", "-1");
	is_int("NEG", -1);
	/* a redefinition replaces the value for later bodies */
	define("FOO", "5");
	is_int("1 + FOO", 6);
	/* a name the callback does not know, or knows as "no value" */
	defs[ndefs].name = "NOVAL";
	defs[ndefs++].v = (struct mval){ .kind = MV_NONE };
	fails("NOVAL");
	check(eval("FOO", &v) && v.kind == MV_INT && v.i == 5, "int: %s", "FOO");
}

static void test_int_types(void)
{
	static const struct {
		int64_t v;
		const char *def, *sgn, *fit, *fitsgn;
	} t[] = {
		{ 0, "u32", "i32", "u8", "i8" },
		{ 1, "u32", "i32", "u8", "i8" },
		{ 127, "u32", "i32", "u8", "i8" },
		{ 128, "u32", "i32", "u8", "i16" },
		{ 255, "u32", "i32", "u8", "i16" },
		{ 256, "u32", "i32", "u16", "i16" },
		{ 32767, "u32", "i32", "u16", "i16" },
		{ 32768, "u32", "i32", "u16", "i32" },
		{ 65535, "u32", "i32", "u16", "i32" },
		{ 65536, "u32", "i32", "u32", "i32" },
		{ 2147483647, "u32", "i32", "u32", "i32" },
		{ 2147483648LL, "u32", "i64", "u32", "i64" },
		{ 4294967295LL, "u32", "i64", "u32", "i64" },
		{ 4294967296LL, "u64", "i64", "u64", "i64" },
		{ INT64_MAX, "u64", "i64", "u64", "i64" },
		{ -1, "i32", "i32", "i8", "i8" },
		{ -128, "i32", "i32", "i8", "i8" },
		{ -129, "i32", "i32", "i16", "i16" },
		{ -32768, "i32", "i32", "i16", "i16" },
		{ -32769, "i32", "i32", "i32", "i32" },
		{ -2147483648LL, "i32", "i32", "i32", "i32" },
		{ -2147483649LL, "i64", "i64", "i64", "i64" },
		{ INT64_MIN, "i64", "i64", "i64", "i64" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *what = fmt("%lld", (long long)t[i].v);
		check(streq(macro_int_type(t[i].v), t[i].def), "type: %s", what);
		check(streq(macro_int_type_opt(t[i].v, false, false), t[i].def),
		      "type: %s", what);
		check(streq(macro_int_type_opt(t[i].v, true, false), t[i].sgn),
		      "signed type: %s", what);
		check(streq(macro_int_type_opt(t[i].v, false, true), t[i].fit),
		      "fit type: %s", what);
		check(streq(macro_int_type_opt(t[i].v, true, true),
			    t[i].fitsgn), "fit signed type: %s", what);
	}
}

static void bytes_are(const char *s, size_t n, const char *want)
{
	struct buf b = {0};

	rust_byte_string(&b, s, n);
	if (!streq(bstr(&b), want))
		printf("  got %s, want %s\n", bstr(&b), want);
	check(streq(bstr(&b), want), "byte string: %s", want);
	free(b.s);
}

static void test_byte_strings(void)
{
	bytes_are("bar", 3, "bar");
	bytes_are("bar", 4, "bar\\0");
	bytes_are("\xf0\x28\x8c\x28", 5, "\\xF0(\\x8C(\\0");
	bytes_are("a\0b", 4, "a\\0b\\0");
	bytes_are("\0" "1", 2, "\\x001");
	bytes_are("\0" "7", 2, "\\x007");
	bytes_are("\0" "8", 2, "\\08");
	bytes_are("\t\n\r\"\\'", 6, "\\t\\n\\r\\\"\\\\'");
	bytes_are("\x7f\x1b\x01 ~", 5, "\\x7F\\x1B\\x01 ~");
	bytes_are("", 0, "");
}

static void float_is(double v, const char *want)
{
	struct buf b = {0};

	rust_float(&b, v);
	if (!streq(bstr(&b), want))
		printf("  got %s, want %s\n", bstr(&b), want);
	check(streq(bstr(&b), want), "float text: %s", want);
	free(b.s);
}

static void test_float_text(void)
{
	struct buf b = {0};
	char *s;

	float_is(5.09, "5.09");
	float_is(0.005, "0.005");
	float_is(1.0, "1.0");
	float_is(80.0, "80.0");
	float_is(-1.5, "-1.5");
	float_is(0.0, "0.0");
	float_is(-0.0, "-0.0");
	float_is(0.1, "0.1");
	float_is(0.1 + 0.2, "0.30000000000000004");
	float_is(1.0 / 3, "0.3333333333333333");
	float_is(2.5e-5, "0.000025");
	float_is(1e-7, "0.0000001");
	float_is(123456.789, "123456.789");
	float_is(1e21, "1000000000000000000000.0");
	float_is(1e15 + 0.5, "1000000000000000.5");
	float_is(9007199254740993.0, "9007199254740992.0");
	float_is(NAN, "f64::NAN");
	float_is(INFINITY, "f64::INFINITY");
	float_is(-INFINITY, "f64::NEG_INFINITY");
	float_is(5.09f, "5.090000152587891");

	rust_float(&b, 5e-324);
	s = bstr(&b);
	check(strlen(s) == 2 + 323 + 1 && startswith(s, "0.000") &&
	      s[strlen(s) - 1] == '5', "float text: %s", "5e-324");
	free(b.s);
	b = (struct buf){0};
	rust_float(&b, 1.7976931348623157e308);
	s = bstr(&b);
	check(strlen(s) == 309 + 2 && startswith(s, "17976931348623157000") &&
	      !strcmp(s + 309, ".0"), "float text: %s", "f64::MAX");
	free(b.s);
}

int main(void)
{
	test_ints();
	test_floats();
	test_chars();
	test_strings();
	test_operators();
	test_overflow();
	test_mixed();
	test_mixed_fail();
	test_unsupported();
	test_references();
	test_int_types();
	test_byte_strings();
	test_float_text();
	return unit_done("macro_test");
}
