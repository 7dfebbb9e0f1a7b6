/* clang.c: the translation unit: libclang parses the header, its
 * diagnostics are reported, the top-level declarations and the macros
 * become the IR (clang_type.c, clang_decl.c), --clang-macro-fallback
 * asks clang for the macros our evaluator cannot read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clang.h"

static bool layout_flags;	/* -mms-bitfields, -fpack-struct=N: ask clang */

/* ---- macros ---- */

/* The value of each macro name, as cexpr's table keeps it: only macros
 * that parsed enter it, so a failed redefinition leaves the old value
 * visible to later macros. */
static struct strmap macro_vals;
static struct strmap macro_seen;	/* names with an emitted definition */

static const struct mval *mlook(const char *name, void *ctx)
{
	return strmap_get(&macro_vals, name);
}

static itemvec fallback;	/* macros for --clang-macro-fallback */

static enum CXChildVisitResult fallback_visit(CXCursor c, CXCursor p, CXClientData d)
{
	if (clang_getCursorKind(c) != CXCursor_VarDecl)
		return CXChildVisit_Continue;
	char *name = cx_str(clang_getCursorSpelling(c));
	const char *prefix = "__kbindgen_macro_";
	if (strncmp(name, prefix, strlen(prefix)))
		return CXChildVisit_Continue;
	int i = atoi(name + strlen(prefix));
	if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)) || i < 0 ||
	    i >= fallback.n)
		return CXChildVisit_Continue;	/* the header's own, not ours */
	/* numbers only: bindgen's fallback makes no string constants */
	evaluate(c, fallback.v[i], false);
	return CXChildVisit_Continue;
}

static void macro_item(CXCursor c)
{
	if (clang_Cursor_isMacroFunctionLike(c))
		return;
	struct item tmp = { .kind = I_MACRO };
	locate(c, &tmp);
	if (tmp.is_builtin)
		return;		/* predefined, or built in (__LINE__): no file */
	CXToken *toks;
	unsigned n;
	clang_tokenize(ld.tu, clang_getCursorExtent(c), &toks, &n);
	if (!n)
		return;
	struct item *it = alloc(sizeof *it);
	*it = tmp;
	it->name = cx_str(clang_getTokenSpelling(ld.tu, toks[0]));
	struct mtok *mt = alloc(sizeof *mt * n);
	int m = 0;
	for (unsigned i = 1; i < n; i++) {	/* token 0 is the name */
		enum mtokkind k;
		switch (clang_getTokenKind(toks[i])) {
		case CXToken_Punctuation: k = MT_PUNCT; break;
		case CXToken_Keyword: k = MT_KEYWORD; break;
		case CXToken_Identifier: k = MT_IDENT; break;
		case CXToken_Literal: k = MT_LITERAL; break;
		default: continue;		/* comments */
		}
		mt[m].kind = k;
		mt[m].s = cx_str(clang_getTokenSpelling(ld.tu, toks[i]));
		m++;
	}
	clang_disposeTokens(ld.tu, toks, n);
	it->complete = true;
	if (m > 0 && macro_eval(mt, m, mlook, NULL, &it->val)) {
		it->has_val = true;
		strmap_put(&macro_vals, it->name, &it->val);
	}
	/* a redefinition updates the value later macros see, but bindgen
	 * emits the first definition only */
	if (strmap_get(&macro_seen, it->name))
		return;
	if (it->has_val) {
		strmap_put(&macro_seen, it->name, it);
	} else if (m > 0 && ld.opt->clang_macro_fallback) {
		/* in place, valueless until clang says; clang sees the last
		 * definition, so this one item stands for the name */
		strmap_put(&macro_seen, it->name, it);
		vpush(&fallback, it);
	}
	attach(it);
}

/* --clang-macro-fallback: the macros our evaluator could not read (casts,
 * sizeof, token pasting, calls of function-like macros) are evaluated by
 * clang itself.  All of them in one extra parse: a virtual file includes
 * the header and declares `__auto_type __kbindgen_macro_N = (NAME);` for
 * each, and the initializers that clang can fold are the values.  Errors in
 * that file (a macro that is a type, a statement) are expected: quiet. */
static void macro_fallback(void)
{
	struct buf src = {0};
	char *abs = realpath(ld.opt->header, NULL);
	bprintf(&src, "#include \"%s\"\n", abs ? abs : ld.opt->header);
	free(abs);
	for (int i = 0; i < fallback.n; i++)
		bprintf(&src, "__auto_type __kbindgen_macro_%d = (%s);\n", i, fallback.v[i]->name);
	const char *path = fmt("%s.kbindgen-macros.c", ld.opt->header);
	struct CXUnsavedFile uf = { path, bstr(&src), src.len };
	/* the same arguments, but no dependency file: -MD, -MMD, -MF x,
	 * -Wp,-MMD,x would make this parse rewrite the user's */
	int argc = 0;
	const char **argv = alloc(sizeof *argv * (ld.opt->clang_args.n + 2));
	for (int i = 0; i < ld.opt->clang_args.n; i++) {
		const char *a = ld.opt->clang_args.v[i];
		if (streq(a, "-MF") || streq(a, "-MT") || streq(a, "-MQ"))
			i++;
		else if (!startswith(a, "-M") && !startswith(a, "-Wp,-M"))
			argv[argc++] = a;
	}
	argv[argc++] = "-w";
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit ftu;
	if (clang_parseTranslationUnit2(idx, path, argv, argc, &uf, 1,
					CXTranslationUnit_SkipFunctionBodies, &ftu)) {
		warn("--clang-macro-fallback: libclang could not parse the macros");
		free(src.s);
		return;
	}
	clang_visitChildren(clang_getTranslationUnitCursor(ftu), fallback_visit, NULL);
	clang_disposeTranslationUnit(ftu);
	clang_disposeIndex(idx);
	free(src.s);
}

/* ---- the translation unit ---- */

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor p, CXClientData d)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		record_item(c, NULL, true);
		break;
	case CXCursor_EnumDecl:
		enum_item(c, NULL, true);
		break;
	case CXCursor_TypedefDecl:
		typedef_item(c, true);
		break;
	case CXCursor_FunctionDecl:
		func_item(c);
		break;
	case CXCursor_VarDecl:
		var_item(c);
		break;
	case CXCursor_MacroDefinition:
		macro_item(c);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

static void inclusion(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d)
{
	vpush(&ld.unit->deps, cx_str(clang_getFileName(f)));
}

/* --emit-clang-ast: every cursor of the header's own files, indented. */
static enum CXChildVisitResult ast_visit(CXCursor c, CXCursor p, CXClientData d)
{
	int depth = (int)(intptr_t)d;
	CXFile f;
	unsigned line, col;
	clang_getFileLocation(clang_getCursorLocation(c), &f, &line, &col, NULL);
	if (!depth && (!f || !clang_Location_isFromMainFile(clang_getCursorLocation(c))))
		return CXChildVisit_Continue;
	CXType t = clang_getCursorType(c);
	printf("%*s%s '%s'", 2 * depth, "", cx_str(clang_getCursorKindSpelling(clang_getCursorKind(c))),
	       cx_str(clang_getCursorSpelling(c)));
	if (t.kind != CXType_Invalid)
		printf(" type '%s' (%s)", cx_str(clang_getTypeSpelling(t)),
		       cx_str(clang_getTypeKindSpelling(t.kind)));
	printf(" %u:%u\n", line, col);
	clang_visitChildren(c, ast_visit, (CXClientData)(intptr_t)(depth + 1));
	return CXChildVisit_Continue;
}

/* --dump-preprocessed-input: bindgen writes the preprocessed header to
 * __bindgen.i in the current directory, with the same clang arguments.
 * libclang has no preprocessor output: run the clang of our libclang. */
void dump_preprocessed(const struct opts *o)
{
	const char *clang = fmt("%s/bin/clang", KB_LLVM_DIR);
	int n = o->clang_args.n;
	char **argv = alloc(sizeof *argv * (n + 6));
	int k = 0;
	argv[k++] = (char *)clang;
	argv[k++] = "-E";
	for (int i = 0; i < n; i++)
		argv[k++] = o->clang_args.v[i];
	argv[k++] = (char *)o->header;
	argv[k++] = "-o";
	argv[k++] = "__bindgen.i";
	if (run_wait(argv))
		fatal("--dump-preprocessed-input: %s -E failed", clang);
}

bool parse_unit(struct unit *u, const struct opts *o)
{
	ld.unit = u;
	ld.opt = o;
	ld.idx = clang_createIndex(0, 0);
	int argc = ld.opt->clang_args.n;
	const char **argv = alloc(sizeof *argv * (argc + 1));
	for (int i = 0; i < argc; i++) {
		argv[i] = ld.opt->clang_args.v[i];
		if (streq(argv[i], "-fretain-comments-from-system-headers"))
			ld.system_comments = true;
		/* flags that change how clang lays records out */
		if (streq(argv[i], "-mms-bitfields") || startswith(argv[i], "-fpack-struct") ||
		    startswith(argv[i], "-fms-layout-compatibility"))
			layout_flags = true;
	}
	unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
			 CXTranslationUnit_SkipFunctionBodies;
	enum CXErrorCode e = clang_parseTranslationUnit2(ld.idx, ld.opt->header, argv, argc,
							 NULL, 0, flags, &ld.tu);
	if (e != CXError_Success || !ld.tu) {
		clang_disposeIndex(ld.idx);
		explain_failure(argv, argc);
		return false;
	}
	return report_diagnostics();
}

void load_unit(struct unit *u)
{
	if (ld.opt->emit_clang_ast) {
		clang_visitChildren(clang_getTranslationUnitCursor(ld.tu), ast_visit, 0);
		fflush(stdout);
	}

	CXTargetInfo ti = clang_getTranslationUnitTargetInfo(ld.tu);
	u->triple = cx_str(clang_TargetInfo_getTriple(ti));
	u->ptr_bits = clang_TargetInfo_getPointerWidth(ti);
	clang_TargetInfo_dispose(ti);
	/* the targets whose C records clang lays out the Itanium way */
	ld.own_layouts = !strstr(u->triple, "windows") && !strstr(u->triple, "aix") &&
		      !layout_flags;
	ld.check_layout = getenv("KBINDGEN_CHECK_LAYOUT");

	clang_visitChildren(clang_getTranslationUnitCursor(ld.tu), top_visit, NULL);
	ld.finishing = true;
	define_records();
	for (int i = 0; i < ld.deferred.n; i++)
		if (!ld.deferred.v[i]->attached)
			attach(ld.deferred.v[i]);
	if (fallback.n)
		macro_fallback();
	if (ld.opt->depfile)
		clang_getInclusions(ld.tu, inclusion, NULL);
	/* the IR holds no pointer into the unit: its memory is the output's */
	clang_disposeTranslationUnit(ld.tu);
	clang_disposeIndex(ld.idx);
	ld.tu = NULL;
}

const char *clang_version_string(void)
{
	return cx_str(clang_getClangVersion());
}

