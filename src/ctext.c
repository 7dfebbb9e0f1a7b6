/* ctext.c: C source read as plain text, where the parse skipped it: a
 * function's body, and the words in it.  Comments and string and
 * character literals are stepped over, nothing is preprocessed.  Knows
 * nothing of libclang. */
#include <string.h>

#include "kbindgen.h"

bool ctext_ident_char(char c)
{
	return c == '_' || c == '$' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

bool ctext_has_word(const char *text, size_t lo, size_t hi, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = text + lo, *end = text + hi; p + n <= end; p++) {
		p = memmem(p, end - p, name, n);
		if (!p)
			return false;
		if ((p == text || !ctext_ident_char(p[-1])) &&
		    (p + n == end || !ctext_ident_char(p[n])))
			return true;
	}
	return false;
}

/* Past the comment, string or character literal at p, if one starts
 * there; else p. */
static const char *skip_lexeme(const char *p, const char *end)
{
	if (p + 1 < end && p[0] == '/' && p[1] == '*') {
		const char *e = memmem(p + 2, end - p - 2, "*/", 2);
		return e ? e + 2 : end;
	}
	if (p + 1 < end && p[0] == '/' && p[1] == '/') {
		const char *e = memchr(p, '\n', end - p);
		return e ? e : end;
	}
	if (*p == '"' || *p == '\'') {
		for (const char *q = p + 1; q < end; q++) {
			if (*q == '\\')
				q++;
			else if (*q == *p || *q == '\n')
				return q + 1;
		}
		return end;
	}
	return p;
}

bool ctext_body(const char *text, size_t size, unsigned *lo, unsigned *hi)
{
	const char *p = text + *hi, *end = text + size, *q;
	int depth = 0;
	for (; p < end && *p != '{'; p++) {
		if ((q = skip_lexeme(p, end)) != p) {
			p = q - 1;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == ';' && !depth) {
			*hi = p + 1 - text;
			return false;
		}
	}
	*lo = p - text;
	for (depth = 0; p < end; p++) {
		if ((q = skip_lexeme(p, end)) != p)
			p = q - 1;
		else if (*p == '{')
			depth++;
		else if (*p == '}' && !--depth)
			break;
	}
	*hi = p < end ? p + 1 - text : size;
	return p < end;
}
