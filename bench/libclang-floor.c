/* libclang-floor: what any libclang-based tool pays on a header before it
 * does anything of its own: the parse (kbindgen's flags), and with "visit"
 * one walk over the declarations asking each for its spelling and type.
 * bench/headers.sh times it beside kbindgen on the 200,000-record header,
 * the lower bound of the scale figures (doc/speed.md, "Scale").
 *   libclang-floor HEADER [visit] */
#include <clang-c/Index.h>
#include <stdio.h>
#include <string.h>

static unsigned long sink;	/* keeps the answers from being optimized out */

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData d)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_MacroDefinition || k == CXCursor_MacroExpansion ||
	    k == CXCursor_InclusionDirective)
		return CXChildVisit_Continue;
	CXString s = clang_getCursorSpelling(c);
	sink += strlen(clang_getCString(s));
	clang_disposeString(s);
	sink += clang_getCursorType(c).kind;
	if (k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl ||
	    k == CXCursor_FunctionDecl)
		clang_visitChildren(c, visit, d);
	return CXChildVisit_Continue;
}

int main(int argc, char **argv)
{
	CXTranslationUnit tu;
	if (argc < 2) {
		fprintf(stderr, "usage: libclang-floor HEADER [visit]\n");
		return 2;
	}
	CXIndex idx = clang_createIndex(0, 0);
	if (clang_parseTranslationUnit2(idx, argv[1], NULL, 0, NULL, 0,
					CXTranslationUnit_DetailedPreprocessingRecord |
					CXTranslationUnit_SkipFunctionBodies, &tu)) {
		fprintf(stderr, "libclang-floor: %s: parse failed\n", argv[1]);
		return 1;
	}
	if (argc > 2 && !strcmp(argv[2], "visit"))
		clang_visitChildren(clang_getTranslationUnitCursor(tu), visit, NULL);
	printf("%lu\n", sink);
	return 0;
}
