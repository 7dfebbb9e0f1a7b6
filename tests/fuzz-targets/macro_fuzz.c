/* macro_fuzz.c: libFuzzer target of macro_eval() (src/macro.c).
 *
 * Input: a token sequence, as tokens.h reads it; so `( 1 << 31 )` is
 *
 *   p(
 *   l1
 *   p<<
 *   l31
 *   p)
 *
 * The lookup knows the names of earlier macros below (A, B, S, ...); any
 * other name is unknown.  What macro_eval() allocates in the arena is
 * released after each input.
 *
 * Besides ASan and UBSan, the target checks that a success gives a value
 * (MV_NONE never; a char fits a byte; a string's bytes readable) and that
 * a second evaluation gives the same answer.
 *
 * Env: KB_FUZZ_STDERR=1 keeps stderr (it goes to /dev/null otherwise).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"
#include "quiet.h"
#include "tokens.h"

/* What the lookup knows: macros defined before the one evaluated. */
static const struct {
	const char *name;
	struct mval v;
} known[] = {
	{ "A", { MV_INT, .i = 1 } },
	{ "B", { MV_INT, .i = 2 } },
	{ "C", { MV_INT, .i = 3 } },
	{ "ZERO", { MV_INT, .i = 0 } },
	{ "NEG", { MV_INT, .i = -1 } },
	{ "BIG", { MV_INT, .i = INT64_MAX } },
	{ "MIN", { MV_INT, .i = INT64_MIN } },
	{ "F", { MV_FLOAT, .f = 1.5 } },
	{ "HALF", { MV_FLOAT, .f = 0.5 } },
	{ "CH", { MV_CHAR, .i = 'a' } },
	{ "S", { MV_STR, .s = "str", .slen = 3 } },
	{ "EMPTY", { MV_STR, .s = "", .slen = 0 } },
	{ "NULS", { MV_STR, .s = "a\0b", .slen = 3 } },
	{ "NONE", { MV_NONE } },	/* a macro with no value */
};

static const struct mval *look(const char *name, void *ctx)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (streq(known[i].name, name))
			return &known[i].v;
	return NULL;
}

static bool same(const struct mval *a, const struct mval *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case MV_INT:
	case MV_CHAR:
		return a->i == b->i;
	case MV_FLOAT:
		return !memcmp(&a->f, &b->f, sizeof a->f);	/* NaN too */
	case MV_STR:
		return a->slen == b->slen && (!a->slen || !memcmp(a->s, b->s, a->slen));
	default:
		return true;
	}
}

/* What a success promises. */
static void check(const struct mval *v)
{
	volatile unsigned char sink = 0;

	switch (v->kind) {
	case MV_INT:
	case MV_FLOAT:
		break;
	case MV_CHAR:
		if (v->i < 0 || v->i > 0xff)
			__builtin_trap();
		break;
	case MV_STR:
		if (v->slen && !v->s)
			__builtin_trap();
		for (size_t i = 0; i < v->slen; i++)
			sink ^= v->s[i];
		break;
	default:
		__builtin_trap();	/* a success without a value */
	}
	(void)sink;
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

	struct mval a = {0}, b = {0};
	bool ok_a = macro_eval(toks, n, look, NULL, &a);
	if (ok_a)
		check(&a);
	bool ok_b = macro_eval(toks, n, look, NULL, &b);
	if (ok_a != ok_b || (ok_a && !same(&a, &b)))
		__builtin_trap();	/* not deterministic */

	free_tokens(toks, n);
	arena_release(mark);
	return 0;
}
