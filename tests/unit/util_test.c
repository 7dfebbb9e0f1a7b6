/* util_test.c: kbindgen's own printf (bvprintf, behind fmt() and bprintf())
 * against the C library's snprintf, and the buffers and hash map. */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kbindgen.h"
#include "unit.h"

/* fmt(f, ...) must equal snprintf(f, ...) */
static void same(int line, const char *f, ...)
{
	char want[4096];
	va_list ap, aq;
	va_start(ap, f);
	va_copy(aq, ap);
	vsnprintf(want, sizeof want, f, ap);
	char *got = vfmt(f, aq);
	va_end(aq);
	va_end(ap);
	check(!strcmp(got, want), "%s:%d: \"%s\": got \"%s\", want \"%s\"", __FILE__, line,
	      f, got, want);
}

#define SAME(...) same(__LINE__, __VA_ARGS__)

int main(void)
{
	char big[600];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;

	SAME("plain text");
	SAME("");
	SAME("%%");
	SAME("%d %d %d", 0, -1, INT_MAX);
	SAME("%d", INT_MIN);
	SAME("%i|%u|%x|%X", -7, 4000000000u, 0xbeefu, 0xbeefu);
	SAME("%ld %lu", LONG_MIN, ULONG_MAX);
	SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
	SAME("%zu", (size_t)123456789);
	SAME("%05d|%5d|%-5d|", -42, -42, -42);
	SAME("%05d|%5d|%-5d|", 42, 42, 42);
	SAME("%02X %02x", 10u, 255u);
	SAME("%c%c", 'a', 0x7f);
	SAME("%s|%10s|%-10s|", "abc", "abc", "abc");
	SAME("%.*s|%.2s", 3, "abcdef", "abcdef");
	SAME("%*s|%-*s|", 6, "ab", 6, "ab");
	SAME("%s", big);		/* longer than vfmt's stack buffer */
	SAME("%s%s%s", big, big, big);
	SAME("%f %.3f %e %g", 1.5, 2.0 / 3, 12345.678, 0.0001);
	SAME("%9.3f ms.\t%s", 12.3456, "parse");
	SAME("%a %af %a %.2a", 1.0 / 3, 0.1, -0.0, 1.0 / 3);	/* every bit, unless a precision */
	SAME("%p", (void *)0x1234);
	SAME("pub const %s: %s = %ld;", "FOO", "u32", 42L);

	/* buffers: bputc across growth, bdone */
	struct buf b = {0};
	for (int i = 0; i < 10000; i++)
		bputc(&b, 'a' + i % 26);
	bool ok = b.len == 10000 && b.s[9999] == 'a' + 9999 % 26 && b.s[10000] == 0;
	char *s = bdone(&b);
	ok &= strlen(s) == 10000 && !b.s && !b.len;
	check(ok, "%s:%d: buffer growth", __FILE__, __LINE__);

	/* the hash map through growth */
	struct strmap m = {0};
	for (intptr_t i = 1; i <= 5000; i++)
		strmap_put(&m, fmt("key%ld", (long)i), (void *)i);
	ok = true;
	for (intptr_t i = 1; i <= 5000; i++)
		ok &= (intptr_t)strmap_get(&m, fmt("key%ld", (long)i)) == i;
	ok &= !strmap_get(&m, "key0") && !strmap_get(&m, NULL);
	strmap_put(&m, "key7", (void *)77);	/* a new value, not a new key */
	ok &= (intptr_t)strmap_get(&m, "key7") == 77 && m.n == 5000;
	check(ok, "%s:%d: strmap", __FILE__, __LINE__);
	free(m.slots);

	return unit_done("util_test");
}
