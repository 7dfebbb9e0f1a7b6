/* ctext_test.c: ctext.c's reading of C text the parse skipped: where a
 * function's body begins and ends past comments and literals with braces
 * in them, declarations that have none, and whole words. */
#include <string.h>

#include "kbindgen.h"
#include "unit.h"

/* The body after text's first ")" (where a declarator ends): want is
 * its text, "" for a declaration. */
static void body(int line, const char *text, const char *want)
{
	unsigned lo = 0, hi = strchr(text, ')') + 1 - text;
	bool found = ctext_body(text, strlen(text), &lo, &hi);
	size_t n = strlen(want);
	bool ok = *want ? found && hi - lo == n && !memcmp(text + lo, want, n) : !found;
	check(ok, "%s:%d: %s: got %s \"%.*s\"", __FILE__, line, text, found ? "body" : "none",
	      found ? (int)(hi - lo) : 0, text + lo);
}

#define BODY(text, want) body(__LINE__, text, want)

/* ctext_has_word over the whole of text */
static void word(int line, const char *text, const char *name, bool want)
{
	check(ctext_has_word(text, 0, strlen(text), name) == want, "%s:%d: \"%s\" in \"%s\"",
	      __FILE__, line, name, text);
}

#define WORD(text, name, want) word(__LINE__, text, name, want)

int main(void)
{
	BODY("int f(void) { return 1; } int g;", "{ return 1; }");
	BODY("int f(void)\n{\n\tif (x) { y(); }\n}\n", "{\n\tif (x) { y(); }\n}");
	BODY("int f(void) { /* } */ return '}'; }", "{ /* } */ return '}'; }");
	BODY("int f(void) { // }\n return \"}\\\"}\"; }", "{ // }\n return \"}\\\"}\"; }");
	BODY("int f(void) { char c = '\\''; { } }", "{ char c = '\\''; { } }");
	/* attributes with parentheses before the body; a ; inside them */
	BODY("int f(void) __attribute__((section(\";\"))) { }", "{ }");
	/* a declaration: no body, whatever follows */
	BODY("int f(void); int g(void) { }", "");
	BODY("int f(void) /* { */ ;", "");
	/* no end: none */
	BODY("int f(void) { {", "");
	BODY("int f(void) { /* }", "");
	BODY("int f(void)", "");

	WORD("return helper(x) + 1;", "helper", true);
	WORD("return helpers(x);", "helper", false);
	WORD("return my_helper(x);", "helper", false);
	WORD("return $helper(x);", "helper", false);	/* $ is an identifier's */
	WORD("helper", "helper", true);
	WORD("x = a_helper; y = helper;", "helper", true);
	WORD("", "helper", false);
	/* a range's ends are boundaries: [0, 6) of "helperx" holds the word */
	check(ctext_has_word("helperx", 0, 6, "helper"), "%s:%d: range end", __FILE__, __LINE__);
	check(!ctext_has_word("xhelper", 1, 7, "helper"), "%s:%d: text before the range",
	      __FILE__, __LINE__);
	return unit_done("ctext_test");
}
