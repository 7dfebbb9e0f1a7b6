/* cconst_fuzz.c: libFuzzer target of cconst.c, the C constant folder of
 * --clang-macro-fallback: cconst_eval() and what decides, before the
 * parse, which macros it folds (cconst_shape(), cconst_syntax()) and
 * which names, calls and sizes clang is asked once (cconst_bare_name(),
 * cconst_lone_name(), cconst_call(), cconst_sizeof_leaf(),
 * cconst_close()).
 *
 * Input: a token sequence, as tokens.h reads it; so `(unsigned)-1 >> A`
 * is
 *
 *   p(
 *   kunsigned
 *   p)
 *   p-
 *   l1
 *   p>>
 *   iA
 *
 * The object-like macros below (A, B, SELF, ...) expand as the
 * preprocessor expands them; the calls and names below (f ( 1 ), var, ...)
 * have the values clang would give.
 *
 * Besides ASan and UBSan, the target checks that a success gives a value
 * of a type cconst.c knows, inside its width; that a second evaluation,
 * with the memo of the first, gives the same answer; that what the
 * scanners return is inside the input; and that an input without names
 * that cconst_eval() folds is one
 * cconst_syntax() takes (the check before the parse, which decides what
 * clang is not asked, sees every such expression).
 *
 * Env: KB_FUZZ_STDERR=1 keeps stderr (it goes to /dev/null otherwise).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"
#include "quiet.h"
#include "tokens.h"

#define P(s) { MT_PUNCT, s }
#define K(s) { MT_KEYWORD, s }
#define I(s) { MT_IDENT, s }
#define L(s) { MT_LITERAL, s }
#define BODY(name, ...) { name, (const struct mtok[]){ __VA_ARGS__ }, \
			  sizeof (const struct mtok[]){ __VA_ARGS__ } / sizeof (struct mtok) }

static const struct {
	const char *name;
	const struct mtok *v;
	int n;
} bodies[] = {
	BODY("A", L("1")),
	BODY("B", I("A"), P("+"), L("1")),		/* B * 2 is 3 */
	BODY("SELF", I("SELF"), P("+"), L("1")),	/* never within itself */
	BODY("L1", I("L2")),
	BODY("L2", I("L1")),
	BODY("F", L("1.5")),
	BODY("U", L("4294967295U")),
	BODY("NEG", P("-"), L("1")),
	BODY("TY", K("unsigned"), K("long")),	/* a type: (TY)1 */
	BODY("CALL", I("f"), P("("), L("1"), P(")")),
	BODY("OPEN", P("(")),
	BODY("TAIL", I("TWICE")),		/* TAIL(1): the "(" is the call's */
	BODY("DIVUP", I("TWICE")),		/* DIVUP(7, 2): a function-like one's name */
}, calls[] = {
	BODY("f ( 1 )", L("5UL")),
	BODY("g ( )", I("__kbindgen_no_constant")),	/* cconst_none */
	BODY("var", I("__kbindgen_no_constant")),
	BODY("en", L("7")),
	BODY("fl", L("0x1.8p+0f")),
	BODY("neg", P("("), P("-"), L("4"), P("-"), L("1"), P(")")),
	BODY("sizeof ( struct s )", L("24UL")),		/* a leaf clang gave */
	BODY("sizeof ( var )", I("__kbindgen_no_constant")),
}, fbodies[] = {			/* function-like: x, y, ... */
	BODY("TWICE", P("("), I("x"), P(")"), P("*"), L("2")),
	BODY("CAT", I("x"), P("##"), I("y")),		/* CAT(1, UL) */
	BODY("STR", P("#"), I("x")),
	BODY("REC", I("REC"), P("("), I("x"), P(")")),
	BODY("FIRST", I("x")),
	BODY("VA", I("__VA_ARGS__")),
};

static const char *const xy[] = { "x", "y" }, *const va[] = { "__VA_ARGS__" };

static const struct mtok *find(const char *name, int *n, bool call)
{
	size_t count = call ? sizeof calls / sizeof *calls : sizeof bodies / sizeof *bodies;
	for (size_t i = 0; i < count; i++)
		if (streq(call ? calls[i].name : bodies[i].name, name)) {
			*n = call ? calls[i].n : bodies[i].n;
			return call ? calls[i].v : bodies[i].v;
		}
	*n = 0;
	return NULL;
}

/* the definitions, each where it stays: expand() holds them */
static struct cmacro defs[sizeof bodies / sizeof *bodies + sizeof fbodies / sizeof *fbodies];

static const struct cmacro *body(const char *name, void *ctx)
{
	size_t nb = sizeof bodies / sizeof *bodies;
	for (size_t i = 0; i < nb; i++)
		if (streq(bodies[i].name, name)) {
			defs[i] = (struct cmacro){ bodies[i].v, bodies[i].n, -1 };
			return &defs[i];
		}
	for (size_t i = 0; i < sizeof fbodies / sizeof *fbodies; i++)
		if (streq(fbodies[i].name, name)) {
			bool variadic = streq(name, "VA");
			defs[nb + i] = (struct cmacro){ fbodies[i].v, fbodies[i].n, variadic ? 1 : 2,
							(const char **)(variadic ? va : xy), variadic };
			return &defs[nb + i];
		}
	return NULL;
}

static const struct mtok *call(const char *text, int *n, void *ctx)
{
	return find(text, n, true);
}

static bool known(const char *name, void *ctx)
{
	int n;
	return find(name, &n, false) || find(name, &n, true);
}

static bool callable(const struct mtok *t, int n, int i, void *ctx)
{
	int end;
	return streq(t[i].s, "f") || streq(t[i].s, "g") || cconst_sizeof_leaf(t, n, i, &end);
}

/* What a success promises. */
static void check(const struct cval *v)
{
	switch (v->t) {
	case T_INT:
	case T_UINT:
		if (v->u >> 32)
			__builtin_trap();	/* past the width */
		break;
	case T_LONG:
	case T_ULONG:
	case T_LLONG:
	case T_ULLONG:
	case T_FLOAT:
	case T_DOUBLE:
		break;
	default:
		__builtin_trap();	/* a type cconst.c has no values of */
	}
}

static bool same(const struct cval *a, const struct cval *b)
{
	return a->t == b->t && a->u == b->u && a->nc == b->nc &&
	       !memcmp(&a->f, &b->f, sizeof a->f);	/* NaN too */
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	quiet(argc, argv);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena_mark mark = arena_mark();
	int n;
	struct mtok *toks = read_tokens(data, size, &n);
	bool names = false;

	for (int i = 0; i < n; i++) {
		int end = -1, close = cconst_close(toks, n, i);
		const char *text = cconst_call(toks, n, i, &end);
		if ((close != -1 && (close < i || close >= n || !streq(toks[close].s, ")"))) ||
		    (text && (end <= i || end >= n)))
			__builtin_trap();	/* outside the input */
		if (cconst_bare_name(toks, n, i) && cconst_lone_name(toks, n, i))
			__builtin_trap();	/* a name alone in () is no bare one */
		const struct cmacro *fn = toks[i].kind == MT_IDENT ? body(toks[i].s, NULL) : NULL;
		mtokvec sub = {0};
		if (fn && fn->nparams >= 0 && cconst_substitute(fn, toks, n, i, &end, NULL, NULL, &sub) &&
		    (end <= i || end >= n || !streq(toks[end].s, ")")))
			__builtin_trap();	/* the call's end outside the input */
		hfree(&sub);
		names |= toks[i].kind == MT_IDENT;
	}
	cconst_shape(toks, n, known, callable, NULL);
	bool syntax = cconst_syntax(toks, n, callable, NULL);

	/* the second evaluation with what the first remembered */
	struct cval a = {0}, b = {0};
	struct strmap memo = {0};
	bool ok_a = cconst_eval(toks, n, body, call, NULL, &memo, &a);
	if (ok_a && !a.nc)
		check(&a);
	bool ok_b = cconst_eval(toks, n, body, call, NULL, &memo, &b);
	if (ok_a != ok_b || (ok_a && !same(&a, &b)))
		__builtin_trap();	/* not deterministic, or the memo is wrong */
	free(memo.slots);
	if (ok_a && !names && !syntax)
		__builtin_trap();	/* folded, but the check before the parse says no */

	free_tokens(toks, n);
	arena_release(mark);
	return 0;
}
