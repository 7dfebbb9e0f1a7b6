/* macro_fuzz.c: libFuzzer target of macro_eval() (src/macro.c).
 *
 * Input: one token per line ('\n' ends a token; the last line needs none).
 * The first byte of a line is the token's kind, the rest its text:
 *
 *   p  MT_PUNCT     p<<
 *   k  MT_KEYWORD   kunsigned
 *   i  MT_IDENT     iA
 *   l  MT_LITERAL   l0x10UL      l'a'      l"str"
 *
 * Any other kind byte b is kind b & 3 (0 punct, 1 keyword, 2 ident,
 * 3 literal), so that every input means a token sequence.  Empty lines
 * are skipped; a NUL ends the text of its token.  So `( 1 << 31 )` is
 *
 *   p(
 *   l1
 *   p<<
 *   l31
 *   p)
 *
 * The lookup knows the names of earlier macros below (A, B, S, ...); any
 * other name is unknown.  Each token's text and the token array are heap
 * blocks of their exact size, so that ASan sees a read past either; what
 * macro_eval() allocates in the arena is released after each input.
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
	struct mtok *toks;
	int n = 0;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	toks = malloc((n + 1) * sizeof *toks);
	n = 0;
	for (size_t i = 0; i < size;) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t len = nl ? (size_t)(nl - (data + i)) : size - i;

		if (len) {
			static const enum mtokkind kinds[] = {
				MT_PUNCT, MT_KEYWORD, MT_IDENT, MT_LITERAL,
			};
			uint8_t k = data[i];
			char *s = malloc(len);	/* the text and its NUL */

			memcpy(s, data + i + 1, len - 1);
			s[len - 1] = 0;
			toks[n].kind = k == 'p' ? MT_PUNCT : k == 'k' ? MT_KEYWORD :
				       k == 'i' ? MT_IDENT : k == 'l' ? MT_LITERAL :
				       kinds[k & 3];
			toks[n].s = s;
			n++;
		}
		i += len + 1;
	}
	/* exactly n tokens: a read past the last is an ASan report */
	toks = realloc(toks, (n ? n : 1) * sizeof *toks);

	struct mval a = {0}, b = {0};
	bool ok_a = macro_eval(toks, n, look, NULL, &a);
	if (ok_a)
		check(&a);
	bool ok_b = macro_eval(toks, n, look, NULL, &b);
	if (ok_a != ok_b || (ok_a && !same(&a, &b)))
		__builtin_trap();	/* not deterministic */

	for (int i = 0; i < n; i++)
		free((char *)toks[i].s);
	free(toks);
	arena_release(mark);
	return 0;
}
