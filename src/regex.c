/* regex.c: sets of regexes matched as one, the way bindgen anchors them:
 * ^(?:a|b|...)$.  PCRE2's syntax covers what users pass to bindgen's regex
 * crate.  Only opts.c compiles them (all in one place, after parsing).
 *
 * PCRE2 limits a compiled pattern to 64 KiB (Debian builds it with a link
 * size of 2): a set too large for one is compiled in several, and a single
 * pattern too large is cut at its top-level alternatives, which the
 * anchoring distributes over.  A match that PCRE2 cannot finish (JIT
 * stack, match limit) is an error, never a "no match". */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "kbindgen.h"

struct regexset {
	VEC(pcre2_code *) re;	/* one match in any of them is a match */
	pcre2_match_data *md;
	pcre2_match_context *mc;
};

static const char *msg_of(int err)
{
	PCRE2_UCHAR msg[256];	/* PCRE2's longest message is 130 bytes */
	pcre2_get_error_message(err, msg, sizeof msg);
	return astrdup((char *)msg);
}

/* A pattern as an error message quotes it: at most 80 bytes of it. */
static const char *quoted(const char *pat)
{
	size_t n = strlen(pat);
	return n <= 80 ? fmt("'%s'", pat) : fmt("'%.60s...' (%zu bytes)", pat, n);
}

static pcre2_code *compile(const char *s, size_t n, int *err)
{
	PCRE2_SIZE off;
	return pcre2_compile((PCRE2_SPTR)s, n, PCRE2_UTF, err, &off, NULL);
}

/* Each pattern must be a regex on its own: the wrapping must not be what
 * makes it one, as a lone backslash or "a)|(b" would. */
static void check_alone(const char *pat)
{
	int err;
	pcre2_code *re = compile(pat, strlen(pat), &err);
	if (re)
		pcre2_code_free(re);
	else if (err != PCRE2_ERROR_PATTERN_TOO_LARGE)
		usage_error("invalid regex %s: %s", quoted(pat), msg_of(err));
}

/* The end of the character class that starts at p ('['): its ']'. */
static const char *class_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')		/* a leading ']' is a member */
		p++;
	for (; *p && *p != ']'; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (p[0] == '[' && p[1] == ':' && strstr(p + 2, ":]"))
			p = strstr(p + 2, ":]") + 1;
	}
	return p;
}

/* The alternatives at the top level of pat, outside groups, classes and
 * escapes (\Q...\E included). */
static void split_alternatives(const char *pat, strvec *out)
{
	const char *start = pat, *p = pat;
	int depth = 0;
	for (; *p; p++) {
		if (p[0] == '\\' && p[1] == 'Q') {
			const char *e = strstr(p + 2, "\\E");
			p = e ? e + 1 : p + strlen(p) - 1;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			p = class_end(p);
			if (!*p)
				break;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == '|' && !depth) {
			vpush(out, astrndup(start, p - start));
			start = p + 1;
		}
	}
	vpush(out, astrdup(start));
}

/* Compiles pats[lo, hi) as one anchored set, or in halves when too large. */
static void compile_range(struct regexset *rs, const strvec *pats, int lo, int hi)
{
	struct buf b = {0};
	bputs(&b, "^(?:");
	for (int i = lo; i < hi; i++)
		bputs_all(&b, i > lo ? "|" : "", "(?:", pats->v[i], ")", NULL);
	bputs(&b, ")$");
	int err;
	pcre2_code *re = compile(b.s, b.len, &err);
	bfree(&b);
	if (re) {
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		vpush(&rs->re, re);
		return;
	}
	if (err != PCRE2_ERROR_PATTERN_TOO_LARGE)
		usage_error("invalid regex %s: %s",
			    hi - lo == 1 ? quoted(pats->v[lo]) : "set", msg_of(err));
	if (hi - lo > 1) {
		compile_range(rs, pats, lo, lo + (hi - lo) / 2);
		compile_range(rs, pats, lo + (hi - lo) / 2, hi);
		return;
	}
	strvec alts = {0};
	split_alternatives(pats->v[lo], &alts);
	if (alts.n == 1)
		usage_error("invalid regex %s: %s", quoted(pats->v[lo]), msg_of(err));
	compile_range(rs, &alts, 0, alts.n);
}

struct regexset *regexset_new(const strvec *pats)
{
	if (!pats->n)
		return NULL;
	for (int i = 0; i < pats->n; i++)
		check_alone(pats->v[i]);
	struct regexset *rs = alloc(sizeof *rs);
	compile_range(rs, pats, 0, pats->n);
	rs->md = pcre2_match_data_create(1, NULL);
	/* the JIT's default stack (32 KiB) gives out on names of a few
	 * thousand bytes with patterns that backtrack */
	rs->mc = pcre2_match_context_create(NULL);
	pcre2_jit_stack_assign(rs->mc, NULL, pcre2_jit_stack_create(32 << 10, 64 << 20, NULL));
	return rs;
}

bool regexset_match(const struct regexset *rs, const char *s)
{
	if (!rs || !s)
		return false;
	for (int i = 0; i < rs->re.n; i++) {
		int rc = pcre2_match(rs->re.v[i], (PCRE2_SPTR)s, strlen(s), 0, 0, rs->md, rs->mc);
		if (rc >= 0)
			return true;
		if (rc != PCRE2_ERROR_NOMATCH)
			fatal("cannot match a regex against '%.80s%s': %s", s,
			      strlen(s) > 80 ? "..." : "", msg_of(rc));
	}
	return false;
}
