/* clang.c: the translation unit: libclang parses the header (and, for
 * --clang-macro-fallback, the macro block after it: ask.c), its
 * diagnostics are reported, the top-level declarations and the macros
 * become the IR (clang_type.c, clang_decl.c), the block's answers go to
 * ask.c, and a second parse asks about what the block could not. */
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
static strvec fallback_names;	/* the second parse's, by index */

/* Two values of a macro, at two places: the same? */
static bool same_value(const struct mval *a, const struct mval *b)
{
	if (a->kind != b->kind || a->i != b->i || a->f != b->f || a->slen != b->slen ||
	    (a->slen && memcmp(a->s, b->s, a->slen)) || a->parts.n != b->parts.n)
		return false;
	for (int i = 0; i < a->parts.n; i++)
		if (!same_value(&a->parts.v[i], &b->parts.v[i]))
			return false;
	return true;
}

/* Is name a typedef's?  (For the few names clang takes for no value.) */
static bool names_typedef(const char *name)
{
	for (int k = 0; k < 2; k++) {
		itemvec *v = k ? &ld.deferred : &ld.unit->items;
		for (int i = 0; i < v->n; i++)
			if (v->v[i]->kind == I_TYPEDEF && streq(v->v[i]->name, name))
				return true;
	}
	return false;
}

/* clang's answer for a call or a name of the macro block, for ask.c;
 * none for a typedef's name: in `(const T) - 1` that is a cast, not a
 * name less one. */
static void call_answer(CXCursor c, const char *call)
{
	if (clang_isInvalidDeclaration(c) && names_typedef(call))
		return;
	struct item tmp = { .kind = I_MACRO };
	typed_value(c, &tmp, false);
	/* __auto_type's: a typedef, enum or record has a declaration */
	CXType ty = clang_getCursorType(c);
	CXType can = clang_getCanonicalType(ty);
	bool sugar = !clang_isInvalid(clang_getCursorKind(clang_getTypeDeclaration(ty)));
	enum tkind k = !sugar && can.kind >= CXType_FirstBuiltin && can.kind <= CXType_LastBuiltin ?
		       conv(can)->kind : T_VOID;
	bool none = !tmp.has_val && tmp.why && streq(tmp.why, "not a constant expression");
	ask_answer(call, none, k, tmp.has_val ? &tmp.val : NULL);
}

/* A declaration of ours in the macro block (ask.c) or the second parse,
 * __kbindgen_macro_N (or its twin a line further, __kbindgen_twin_N): the
 * value of the macro it asks about, for its item. */
static void macro_value(CXCursor c, struct item *it, bool is_twin, bool second);

static void macro_answer(CXCursor c, bool second)
{
	char *name = cx_str(clang_getCursorSpelling(c));
	const char *prefix = "__kbindgen_macro_", *twin = "__kbindgen_twin_";
	const char *callp = "__kbindgen_call_";
	if (!strncmp(name, callp, strlen(callp))) {
		const char *call = second ? NULL : ask_call(atoi(name + strlen(callp)));
		if (call)
			call_answer(c, call);
		return;
	}
	bool is_twin = !strncmp(name, twin, strlen(twin));
	if (strncmp(name, prefix, strlen(prefix)) && !is_twin)
		return;
	int i = atoi(name + strlen(is_twin ? twin : prefix));
	const char *macro = !second ? ask_macro(i) :
			    i >= 0 && i < fallback_names.n ? fallback_names.v[i] : NULL;
	if (!macro)
		return;
	const strvec *also = second || is_twin ? NULL : ask_aliases(macro);
	for (int k = 0; also && k < also->n; k++)
		macro_value(c, strmap_get(&macro_seen, also->v[k]), false, second);
	macro_value(c, strmap_get(&macro_seen, macro), is_twin, second);
}

/* The value of the macro it, from our declaration c (its twin's). */
static void macro_value(CXCursor c, struct item *it, bool is_twin, bool second)
{
	if (it && is_twin) {
		/* the same macro a line further: __LINE__ in its value? */
		struct item other = *it;
		typed_value(c, &other, false);
		if (it->has_val && (!other.has_val || !same_value(&it->val, &other.val))) {
			it->has_val = false;
			it->why = "its value depends on where it is used (__FILE__, __LINE__)";
		}
	} else if (it && ld.opt->macro_const_ctypes) {
		typed_value(c, it, second);
	} else if (it && !it->has_val) {
		/* numbers only: bindgen's fallback makes no string constants */
		evaluate(c, it, false);
	}
}

static enum CXChildVisitResult fallback_visit(CXCursor c, CXCursor p, CXClientData d)
{
	if (clang_getCursorKind(c) == CXCursor_VarDecl &&
	    clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		macro_answer(c, true);
	return CXChildVisit_Continue;
}


/* The name and body tokens of the macro definition c (comments left
 * out), *m of them, as libclang lexes them; NULL if it has none. */
static struct mtok *tokens(CXCursor c, const char **name, int *m)
{
	CXToken *toks;
	unsigned n;
	clang_tokenize(ld.tu, clang_getCursorExtent(c), &toks, &n);
	if (!n)
		return NULL;
	*name = cx_str(clang_getTokenSpelling(ld.tu, toks[0]));
	struct mtok *mt = alloc(sizeof *mt * n);
	*m = 0;
	for (unsigned i = 1; i < n; i++) {	/* token 0 is the name */
		enum mtokkind k;
		switch (clang_getTokenKind(toks[i])) {
		case CXToken_Punctuation: k = MT_PUNCT; break;
		case CXToken_Keyword: k = MT_KEYWORD; break;
		case CXToken_Identifier: k = MT_IDENT; break;
		case CXToken_Literal: k = MT_LITERAL; break;
		default: continue;		/* comments */
		}
		mt[*m].kind = k;
		mt[*m].s = cx_str(clang_getTokenSpelling(ld.tu, toks[i]));
		++*m;
	}
	clang_disposeTokens(ld.tu, toks, n);
	return mt;
}

/* KBINDGEN_CHECK_TOKENS=1 (the tests run with it): the scan's tokens of
 * a definition are compared with libclang's. */
static void check_tokens(CXCursor c, const char *name, const struct mtok *st, int n)
{
	const char *cname;
	int m;
	const struct mtok *ct = tokens(c, &cname, &m);
	bool same = ct && m == n && streq(cname, name);
	for (int i = 0; same && i < n; i++)
		same = st[i].kind == ct[i].kind && streq(st[i].s, ct[i].s);
	if (!same)
		fatal("token check: %s: the scan's tokens are not libclang's", name);
}

/* The name and body tokens of the object-like macro definition c at
 * offset off of file, *m of them: as the scan (ask.c) read them, where it
 * read them as libclang lexes them (the macro modes; libclang lexing each
 * of the kernel's 9,000 definitions again is some 3,500 instructions),
 * else from libclang. */
static struct mtok *definition(CXCursor c, const char *file, unsigned off, const char **name,
			       int *m)
{
	int n;
	const struct mtok *st = file ? ask_scanned(file, off, name, &n) : NULL;
	for (int i = 0; st && i < n; i++)
		if (st[i].kind == MT_IDENT && clang_keyword(st[i].s))
			st = NULL;
	if (!st)
		return tokens(c, name, m);
	if (ld.check_tokens)
		check_tokens(c, *name, st, n);
	struct mtok *mt = alloc(sizeof *mt * (n ? n : 1));
	memcpy(mt, st, sizeof *mt * n);
	*m = n;
	return mt;
}

/* a function-like macro's definition, for ask.c if it wants it */
static void function_like(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);	/* no copy for a macro */
	bool wanted = ask_function_like(clang_getCString(s));
	clang_disposeString(s);
	const char *name;
	int m;
	struct mtok *mt = wanted ? tokens(c, &name, &m) : NULL;
	if (mt)
		ask_definition(name, mt, m, true);
}

static void macro_item(CXCursor c)
{
	if (clang_Cursor_isMacroFunctionLike(c)) {
		if (ld.block_at)
			function_like(c);
		return;
	}
	struct item tmp = { .kind = I_MACRO };
	unsigned off = locate_at(c, &tmp);
	if (tmp.is_builtin) {	/* predefined, or built in (__LINE__): no file */
		if (ld.block_at) {
			CXString s = clang_getCursorSpelling(c);
			ask_predefined(clang_getCString(s));
			clang_disposeString(s);
		}
		return;
	}
	const char *name;
	int m;
	struct mtok *mt = definition(c, ld.block_at ? tmp.file : NULL, off, &name, &m);
	if (!mt)
		return;
	struct item *it = alloc(sizeof *it);
	*it = tmp;
	it->name = name;
	if (ld.block_at)
		ask_definition(it->name, mt, m, false);
	it->complete = true;
	if (m > 0 && macro_eval(mt, m, mlook, NULL, &it->val)) {
		it->has_val = true;
		strmap_put(&macro_vals, it->name, &it->val);
	}
	/* a redefinition updates the value later macros see, but bindgen
	 * emits the first definition only */
	if (strmap_get(&macro_seen, it->name))
		return;
	if (ld.opt->macro_const_ctypes && !m) {
		it->has_val = false;
		it->why = "empty";
	}
	if (ld.opt->macro_const_ctypes && m > 0) {
		/* C's type and value, for every name, from its last definition */
		strmap_put(&macro_seen, it->name, it);
		vpush(&fallback, it);
	} else if (it->has_val) {
		strmap_put(&macro_seen, it->name, it);
	} else if (m > 0 && ld.opt->clang_macro_fallback) {
		/* in place, valueless until clang says; clang sees the last
		 * definition, so this one item stands for the name */
		strmap_put(&macro_seen, it->name, it);
		vpush(&fallback, it);
	}
	attach(it);
}

/* --clang-macro-fallback, for the macros the macro block below did not
 * ask about and cconst.c could not fold (the scan missed their file): a
 * second parse.  A virtual file includes the header and declares
 * `__auto_type __kbindgen_macro_N = (NAME);` for each, and the
 * initializers that clang can fold are the values.  Errors in that file
 * (a macro that is a type, a statement) are expected: quiet. */
static void macro_fallback(void)
{
	struct buf src = {0};
	char *abs = realpath(ld.opt->header, NULL);
	bprintf(&src, "#include \"%s\"\n", abs ? abs : ld.opt->header);
	free(abs);
	for (int i = 0; i < fallback.n; i++) {
		bprintf(&src, "__auto_type __kbindgen_macro_%d = (%s);\n", i, fallback.v[i]->name);
		vpush(&fallback_names, (char *)fallback.v[i]->name);
	}
	const char *path = fmt("%s.kbindgen-macros.c", ld.opt->header);
	struct CXUnsavedFile uf = { path, bstr(&src), src.len };
	/* the same arguments, but no dependency file: it would rewrite the
	 * user's */
	strvec args = {0};
	args_without_deps(ld.opt, &args);
	vpush(&args, "-w");
	/* every refused declaration must say so, not only the first 20 */
	vpush(&args, "-ferror-limit=0");
	int argc = args.n;
	const char **argv = (const char **)args.v;
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit ftu;
	if (clang_parseTranslationUnit2(idx, path, argv, argc, &uf, 1,
					CXTranslationUnit_SkipFunctionBodies, &ftu)) {
		warn("--clang-macro-fallback: libclang could not parse the macros");
		free(src.s);
		return;
	}
	/* the macro block's errors are read: now this file's */
	note_errors(ftu, path);
	clang_visitChildren(clang_getTranslationUnitCursor(ftu), fallback_visit, NULL);
	/* the cursor and type tables keep its pointers, which libclang may
	 * give to something else now: they are not asked again */
	clang_disposeTranslationUnit(ftu);
	clang_disposeIndex(idx);
	free(src.s);
}

/* ---- the translation unit ---- */

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor p, CXClientData d)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	/* the macro block's declarations, and the records its compound
	 * literals define, are not the header's */
	if (ld.block_at && (k == CXCursor_VarDecl || k == CXCursor_StructDecl ||
			      k == CXCursor_UnionDecl || k == CXCursor_EnumDecl) &&
	    in_block(clang_getCursorLocation(c))) {
		if (k == CXCursor_VarDecl)
			macro_answer(c, false);
		return CXChildVisit_Continue;
	}
	switch (k) {
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

/* Whether file f may hold a comment clang attaches to a declaration: a
 * doc comment (slash-star-star, slash-star-bang, three slashes,
 * slash-slash-bang), or any comment with -fparse-all-comments; clang
 * keeps no other.  Looked for in the text, strings and all. */
static void doc_comments(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d)
{
	bool *any = d;
	size_t len;
	const char *p = *any ? NULL : clang_getFileContents(ld.tu, f, &len);
	if (!p) {
		*any = true;	/* unread: may have some */
		return;
	}
	for (const char *q = p, *end = p + len; (q = memchr(q, '/', end - q)); q++)
		if (end - q >= 3 && (q[1] == '*' || q[1] == '/') &&
		    (ld.all_comments || q[2] == q[1] || q[2] == '!')) {
			*any = true;
			return;
		}
}

/* --emit-clang-ast: every cursor of the header's own files, indented. */
static enum CXChildVisitResult ast_visit(CXCursor c, CXCursor p, CXClientData d)
{
	int depth = (int)(intptr_t)d;
	CXFile f;
	unsigned line, col;
	clang_getFileLocation(clang_getCursorLocation(c), &f, &line, &col, NULL);
	if (!depth && (!f || !clang_Location_isFromMainFile(clang_getCursorLocation(c)) ||
		       in_block(clang_getCursorLocation(c))))
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

static bool pch;		/* -include-pch and the like */

/* Does a path name for clang the file it names for the scan?  Not when
 * clang is told to look elsewhere: its own working directory, a virtual
 * file system laid over the real one. */
static bool same_files(void)
{
	for (int i = 0; i < ld.opt->clang_args.n; i++) {
		const char *a = ld.opt->clang_args.v[i];
		a += a[0] == '-' && a[1] == '-';
		if (startswith(a, "-working-directory") || startswith(a, "-ivfsoverlay"))
			return false;
	}
	return true;
}

/* The header's text and the macro block after its last line (ask.c):
 * the unsaved file libclang parses for the header; block_at tells the
 * block apart: its declarations are answers, its errors say which macros
 * are no expressions, neither is the header's.  And the other files the
 * scan read, as it read them: clang does not read them again (Linux's
 * header: 480 files, some 1,900 system calls fewer).  Their number in
 * *uf; 0 if the scan could not read the header. */
static int macro_block(struct CXUnsavedFile **uf)
{
	struct buf block = {0}, b = {0};
	ask_block(ld.opt, &block);
	int n, k = 1;
	bool header = false;
	const struct sfile *f = ask_files(&n);
	*uf = alloc(sizeof **uf * (n + 1));
	for (int i = 0, same = same_files(); i < n; i++)
		if (streq(f[i].path, ld.opt->header)) {
			bput(&b, f[i].text, f[i].len);
			header = true;
		} else if (same) {
			(*uf)[k++] = (struct CXUnsavedFile){ f[i].path, f[i].text, f[i].len };
		}
	if (!header) {		/* the scan could not read it */
		bfree(&block);
		ask_parsed();
		return 0;
	}
	/* the header's last line ended, then the block */
	ld.block_at = b.len + 1;
	bputs(&b, "\n#pragma clang diagnostic ignored \"-Weverything\"\n");
	bput(&b, bstr(&block), block.len);
	bfree(&block);
	(*uf)[0] = (struct CXUnsavedFile){ ld.opt->header, bstr(&b), b.len };
	return k;
}

bool parse_unit(struct unit *u, const struct opts *o)
{
	ld.unit = u;
	ld.opt = o;
	ld.idx = clang_createIndex(0, 0);
	int argc = ld.opt->clang_args.n;
	const char **argv = alloc(sizeof *argv * (argc + 2));
	for (int i = 0; i < argc; i++) {
		argv[i] = ld.opt->clang_args.v[i];
		if (streq(argv[i], "-fretain-comments-from-system-headers"))
			ld.system_comments = true;
		if (strstr(argv[i], "-fparse-all-comments"))
			ld.all_comments = true;
		/* a precompiled header's comments are not in the files' text */
		if (strstr(argv[i], "pch"))
			pch = true;
		/* flags that change how clang lays records out */
		if (streq(argv[i], "-mms-bitfields") || startswith(argv[i], "-fpack-struct") ||
		    startswith(argv[i], "-fms-layout-compatibility"))
			layout_flags = true;
	}
	unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
			 CXTranslationUnit_SkipFunctionBodies;
	struct CXUnsavedFile *uf = NULL;
	int nuf = ld.opt->clang_macro_fallback ? macro_block(&uf) : 0;
	/* the block's errors must not stop clang before its end */
	if (nuf)
		argv[argc++] = "-ferror-limit=0";
	enum CXErrorCode e = clang_parseTranslationUnit2(ld.idx, ld.opt->header, argv, argc,
							 uf, nuf, flags, &ld.tu);
	/* libclang has copies */
	if (nuf) {
		free((char *)uf[0].Contents);
		ask_parsed();
	}
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
	/* C's long: 64 bits on 64-bit targets but Windows (LLP64) */
	ld.long_bits = u->ptr_bits == 64 && !strstr(u->triple, "windows") ? 64 : 32;
	cconst_target(ld.long_bits, u->ptr_bits);
	/* the targets whose C records clang lays out the Itanium way */
	ld.own_layouts = !strstr(u->triple, "windows") && !strstr(u->triple, "aix") &&
		      !layout_flags;
	/* (elsewhere a width of 0 may align the record: ARM's AAPCS) */
	ld.own_bitfields = ld.own_layouts && strstr(u->triple, "linux") &&
			   (startswith(u->triple, "x86_64") || (u->triple[0] == 'i' &&
			    strstr(u->triple, "86-")));
	ld.check_layout = getenv("KBINDGEN_CHECK_LAYOUT");
	ld.check_tokens = getenv("KBINDGEN_CHECK_TOKENS");
	/* asking a declaration for its comment costs clang a cache entry
	 * (65 MiB for 200,000 records) even when there is none to find */
	bool any = pch;
	clang_getInclusions(ld.tu, doc_comments, &any);
	ld.no_comments = !any;

	clang_visitChildren(clang_getTranslationUnitCursor(ld.tu), top_visit, NULL);
	ld.finishing = true;
	define_records();
	for (int i = 0; i < ld.deferred.n; i++)
		if (!ld.deferred.v[i]->attached)
			attach(ld.deferred.v[i]);
	if (ld.block_at)
		ask_unasked(&fallback, ld.opt, ld.long_bits,
			    &(struct decl_answers){ lone_value, cast_value });
	if (fallback.n)
		macro_fallback();
	if (ld.opt->depfile)
		clang_getInclusions(ld.tu, inclusion, NULL);
	/* the IR holds no pointer into the unit: its memory is the passes'
	 * (main.c keeps it in the heap) */
	clang_disposeTranslationUnit(ld.tu);
	clang_disposeIndex(ld.idx);
	ld.tu = NULL;
	arena_from_heap();
	/* the fields with room for what the passes decide, now that the
	 * unit's memory is free (the IR's peak is the load's end) */
	for (int i = 0; i < ld.records.n; i++) {
		struct item *it = ld.records.v[i];
		int n = it->cfields.n;
		struct cfield *c = it->cfields.v;
		struct field *f = alloc(sizeof *f * n);
		for (int j = 0; j < n; j++)
			f[j] = (struct field){ .name = c[j].name, .type = c[j].type,
					       .offset = c[j].offset, .bitwidth = c[j].bitwidth };
		it->fields.v = f;
	}
	hfree(&ld.records);
	for (int i = 0; i < ld.field_comments.n; i++) {
		struct fcomment *c = &ld.field_comments.v[i];
		c->it->fields.v[c->i].comment = c->s;
	}
	hfree(&ld.field_comments);
	hkeep(&u->items);
}

const char *clang_version_string(void)
{
	return cx_str(clang_getClangVersion());
}

