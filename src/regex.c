/* regex.c: sets of regexes matched as one, the way bindgen anchors them:
 * ^(?:a|b|...)$.  PCRE2's syntax covers what users pass to bindgen's regex
 * crate.  Only opts.c compiles them (all in one place, after parsing). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "kbindgen.h"

struct regexset {
	pcre2_code *re;
	pcre2_match_data *md;
};

struct regexset *regexset_new(const strvec *pats)
{
	if (!pats->n)
		return NULL;
	struct buf b = {0};
	bputs(&b, "^(?:");
	for (int i = 0; i < pats->n; i++)
		bprintf(&b, "%s(?:%s)", i ? "|" : "", pats->v[i]);
	bputs(&b, ")$");
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.s, b.len, PCRE2_UTF, &err, &off, NULL);
	if (!re) {
		/* name the offending pattern */
		for (int i = 0; i < pats->n; i++) {
			char *one = fmt("^(?:%s)$", pats->v[i]);
			pcre2_code *r = pcre2_compile((PCRE2_SPTR)one, PCRE2_ZERO_TERMINATED,
						      PCRE2_UTF, &err, &off, NULL);
			if (!r) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(err, msg, sizeof msg);
				usage_error("invalid regex '%s': %s", pats->v[i], (char *)msg);
			}
			pcre2_code_free(r);
		}
		usage_error("invalid regex set");
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	struct regexset *rs = alloc(sizeof *rs);
	rs->re = re;
	rs->md = pcre2_match_data_create_from_pattern(re, NULL);
	free(b.s);
	return rs;
}

bool regexset_match(const struct regexset *rs, const char *s)
{
	if (!rs || !s)
		return false;
	return pcre2_match(rs->re, (PCRE2_SPTR)s, strlen(s), 0, 0, rs->md, NULL) >= 0;
}

