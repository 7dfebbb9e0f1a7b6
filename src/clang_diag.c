/* clang_diag.c: clang's diagnostics, as `clang -fsyntax-only` gives them:
 * those of the translation unit, less the ones that only skipping the
 * function bodies made up; and when libclang fails without one, what
 * clang says is wrong. */
#include <stdlib.h>
#include <string.h>

#include "clang.h"

/* ---- the uses that skipped bodies hide ---- */

/* kbindgen parses with CXTranslationUnit_SkipFunctionBodies: the bodies,
 * which bindings never need, are half of the parse.  clang then does not
 * see the uses inside them, so a static function or variable used only in
 * bodies (of static inline functions, in headers) draws an "unused"
 * warning that clang -fsyntax-only never gives, an error under -Werror.
 * Such a diagnostic is dropped when its declaration's name is an
 * identifier token in some function body or macro definition (a body a
 * macro writes is in the macro's tokens). */
static bool use_dependent(CXDiagnostic d)
{
	static const char *const opts[] = {
		"-Wunused-function", "-Wunused-variable", "-Wunused-const-variable",
		"-Wunneeded-internal-declaration",
	};
	CXString s = clang_getDiagnosticOption(d, NULL);
	const char *o = clang_getCString(s);
	bool r = false;
	for (size_t i = 0; o && i < sizeof opts / sizeof *opts; i++)
		r |= streq(o, opts[i]);
	clang_disposeString(s);
	return r;
}

/* The name of the declaration a diagnostic is about. */
static const char *diag_name(CXDiagnostic d)
{
	CXCursor c = clang_getCursor(ld.tu, clang_getDiagnosticLocation(d));
	return clang_Cursor_isNull(c) ? NULL : cx_str(clang_getCursorSpelling(c));
}

struct uses {
	struct strmap names;	/* name -> the name once it is seen used */
	strvec list;
	CXFile file;		/* the last extent's file and its text */
	const char *text;
	size_t size;
};

/* Marks the names used in a function's body or a macro's definition
 * (the tokens after its name). */
static void scan(struct uses *u, CXCursor c, bool body)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f;
	unsigned lo, hi;
	clang_getFileLocation(clang_getRangeStart(r), &f, NULL, NULL, &lo);
	clang_getFileLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &hi);
	if (!f)
		return;
	if (!clang_File_isEqual(f, u->file)) {
		u->file = f;
		u->text = clang_getFileContents(ld.tu, f, &u->size);
	}
	if (!u->text || hi > u->size || lo >= hi)
		return;
	if (body && !ctext_body(u->text, u->size, &lo, &hi))
		return;
	bool any = false;
	for (int i = 0; i < u->list.n && !any; i++)
		any = ctext_has_word(u->text, lo, hi, u->list.v[i]);
	if (!any)
		return;
	CXToken *toks;
	unsigned n;
	r = clang_getRange(clang_getLocationForOffset(ld.tu, f, lo),
			   clang_getLocationForOffset(ld.tu, f, hi));
	clang_tokenize(ld.tu, r, &toks, &n);
	for (unsigned i = body ? 0 : 1; i < n; i++) {
		if (clang_getTokenKind(toks[i]) != CXToken_Identifier)
			continue;
		char *s = cx_str(clang_getTokenSpelling(ld.tu, toks[i]));
		if (strmap_get(&u->names, s))
			strmap_put(&u->names, s, "used");
	}
	clang_disposeTokens(ld.tu, toks, n);
}

static enum CXChildVisitResult use_visit(CXCursor c, CXCursor p, CXClientData d)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FunctionDecl)	/* skipped bodies make no definitions */
		scan(d, c, true);
	else if (k == CXCursor_MacroDefinition)
		scan(d, c, false);
	return CXChildVisit_Continue;
}

/* ---- the translation unit's diagnostics ---- */

void note_errors(CXTranslationUnit tu, const char *path)
{
	CXFile main = clang_getFile(tu, path);
	free(ld.block_errors.slots);
	ld.block_errors = (struct strmap){0};
	for (unsigned i = 0, n = clang_getNumDiagnostics(tu); i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		CXFile f;
		unsigned line;
		/* where the macro was used, not where its tokens are */
		clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, &line, NULL, NULL);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error && clang_File_isEqual(f, main))
			strmap_put(&ld.block_errors, fmt("%u", line), "error");
		clang_disposeDiagnostic(d);
	}
}

bool report_diagnostics(void)
{
	bool ok = true;
	unsigned n = clang_getNumDiagnostics(ld.tu);
	struct uses u = {0};
	/* the name each unused-* diagnostic is about, NULL for the others */
	const char **about = xcalloc(n ? n : 1, sizeof *about);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ld.tu, i);
		const char *name;
		if (use_dependent(d) && (name = diag_name(d))) {
			about[i] = name;
			if (!strmap_get(&u.names, name)) {
				strmap_put(&u.names, name, "unseen");
				vpush(&u.list, (char *)name);
			}
		}
		clang_disposeDiagnostic(d);
	}
	if (u.list.n)
		clang_visitChildren(clang_getTranslationUnitCursor(ld.tu), use_visit, &u);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ld.tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		const char *use;
		/* the macro block's: which macros are no expressions */
		if (in_block(clang_getDiagnosticLocation(d))) {
			unsigned line;
			clang_getExpansionLocation(clang_getDiagnosticLocation(d), NULL, &line, NULL, NULL);
			if (sev >= CXDiagnostic_Error)
				strmap_put(&ld.block_errors, fmt("%u", line), "error");
			clang_disposeDiagnostic(d);
			continue;
		}
		bool made_up = about[i] && (use = strmap_get(&u.names, about[i])) &&
			       streq(use, "used");
		if (sev != CXDiagnostic_Ignored && !made_up) {
			if (sev >= CXDiagnostic_Error)
				ok = false;
			char *s = cx_str(clang_formatDiagnostic(d,
				clang_defaultDiagnosticDisplayOptions()));
			fprintf(stderr, "%s\n", s);
		}
		clang_disposeDiagnostic(d);
	}
	free(u.names.slots);
	free(about);
	return ok;
}

/* ---- when libclang fails without a translation unit ---- */

struct attempt {
	const char **argv;
	int argc;
	bool header_first;
};

static void parse_loud(void *a)
{
	struct attempt *at = a;
	CXIndex idx = clang_createIndex(0, 1);	/* libclang prints why */
	CXTranslationUnit tu;
	if (!clang_parseTranslationUnit2(idx, ld.opt->header, at->argv, at->argc, NULL, 0,
					 CXTranslationUnit_SkipFunctionBodies, &tu))
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
}

static void driver_only(void *a)
{
	struct attempt *at = a;
	char **argv = alloc(sizeof *argv * (at->argc + 5));
	int k = 0;
	argv[k++] = fmt("%s/bin/clang", KB_LLVM_DIR);
	argv[k++] = "-###";
	argv[k++] = "-fsyntax-only";
	if (at->header_first)
		argv[k++] = (char *)ld.opt->header;
	for (int i = 0; i < at->argc; i++)
		argv[k++] = (char *)at->argv[i];
	if (!at->header_first)
		argv[k++] = (char *)ld.opt->header;
	argv[k] = NULL;
	run_wait(argv);
}

/* The diagnostics in text that clang printed, each as one error() line;
 * how many. */
static int relay(char *text)
{
	int n = 0;
	for (char *l = strtok(text, "\n"); l; l = strtok(NULL, "\n")) {
		char *m = strstr(l, "error: ");
		if (m) {
			error("clang: %s", m + 7);
			n++;
		} else if (strstr(l, "warning: ") && strstr(l, "input unused")) {
			error("%s: clang does not take it for a C header (its name does "
			      "not end in .h; pass -- -x c-header)", ld.opt->header);
			n++;
		}
	}
	return n;
}

/* libclang says only that it failed when the command line is wrong (an
 * unknown target, an option without its value, a file clang does not take
 * for a header).  Say what clang says: libclang itself once more, printing
 * its diagnostics, else clang's driver (-###: nothing is compiled) on the
 * same command line, else with the header first, where an option at the
 * end that wants a value has none (libclang gave it the header's name). */
void explain_failure(const char **argv, int argc)
{
	struct attempt at = { argv, argc, false }, first = { argv, argc, true };
	if (relay(catch_stderr(parse_loud, &at)) || relay(catch_stderr(driver_only, &at)) ||
	    relay(catch_stderr(driver_only, &first)))
		return;
	error("%s: libclang could not parse the header", ld.opt->header);
}

