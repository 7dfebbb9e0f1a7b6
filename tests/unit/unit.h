/* unit.h: what the unit tests share: counting checks and the last line.
 *
 *	check(ok, "int: %s", src)	counts a check; a failed one prints
 *					"FAIL: " and the message on stderr
 *	CHECK(cond)			the same, the message being the file,
 *					line and text of cond
 *	return unit_done("x_test");	prints "x_test: N passed, M failed"
 *					(tests/run-all shows it) and gives
 *					main's exit status
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int passed, failed;

__attribute__((format(printf, 2, 3)))
static inline bool check(bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		passed++;
		return true;
	}
	failed++;
	fflush(stdout);
	fputs("FAIL: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return false;
}

#define CHECK(cond) check((cond), "%s:%d: %s", __FILE__, __LINE__, #cond)

static inline int unit_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, passed, failed);
	return failed != 0;
}

#endif
