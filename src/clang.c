/* clang.c: the translation unit: libclang parses the header, its
 * diagnostics are reported, the top-level declarations and the macros
 * become the IR (clang_type.c, clang_decl.c), --clang-macro-fallback
 * asks clang for the macros our evaluator cannot read. */
#include <math.h>
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
/* each name's last object-like definition, as C sees it after the header */
struct body {
	struct mtok *v;
	int n;
};
static struct strmap last_body;

/* The tokens map holds for key; NULL if none. */
static const struct mtok *body_in(struct strmap *map, const char *key, int *n)
{
	struct body *b = strmap_get(map, key);
	*n = b ? b->n : 0;
	return b && b->n ? b->v : NULL;
}

static const struct mtok *body_of(const char *name, int *n, void *ctx)
{
	return body_in(&last_body, name, n);
}

static const struct mval *mlook(const char *name, void *ctx)
{
	return strmap_get(&macro_vals, name);
}

static struct scan scan;	/* the header's macros, read before the parse */
static strvec asked;		/* the macro block's names, by index */
static struct strmap asked_map;
static strvec calls;		/* the macro block's calls (below), by index */
static struct strmap calls_asked;
static struct strmap call_value;	/* call -> struct body: its value's tokens */
static struct strmap by_calls;	/* macros cconst.c folds with calls' values */
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

/* A declaration of ours in the macro block or the second parse,
 * __kbindgen_macro_N (or its twin a line further, __kbindgen_twin_N): the
 * value of the macro named[N], for its item. */
static void call_answer(CXCursor c, const char *call);

static void macro_answer(CXCursor c, strvec *named)
{
	char *name = cx_str(clang_getCursorSpelling(c));
	const char *prefix = "__kbindgen_macro_", *twin = "__kbindgen_twin_";
	const char *callp = "__kbindgen_call_";
	if (!strncmp(name, callp, strlen(callp))) {
		int i = atoi(name + strlen(callp));
		if (named == &asked && i >= 0 && i < calls.n)
			call_answer(c, calls.v[i]);
		return;
	}
	bool is_twin = !strncmp(name, twin, strlen(twin));
	if (strncmp(name, prefix, strlen(prefix)) && !is_twin)
		return;
	int i = atoi(name + strlen(is_twin ? twin : prefix));
	if (i < 0 || i >= named->n)
		return;
	struct item *it = strmap_get(&macro_seen, named->v[i]);
	if (it && is_twin) {
		/* the same macro a line further: __LINE__ in its value? */
		struct item other = *it;
		typed_value(c, &other, false);
		if (it->has_val && (!other.has_val || !same_value(&it->val, &other.val))) {
			it->has_val = false;
			it->why = "its value depends on where it is used (__FILE__, __LINE__)";
		}
	} else if (it && ld.opt->macro_const_ctypes) {
		typed_value(c, it, named == &fallback_names);
	} else if (it && !it->has_val) {
		/* numbers only: bindgen's fallback makes no string constants */
		evaluate(c, it, false);
	}
}

static enum CXChildVisitResult fallback_visit(CXCursor c, CXCursor p, CXClientData d)
{
	if (clang_getCursorKind(c) == CXCursor_VarDecl &&
	    clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		macro_answer(c, &fallback_names);
	return CXChildVisit_Continue;
}

/* name's last definition so far, for cconst.c.  libclang spells the last
 * token of a definition that follows a backslash-newline with the splice
 * in it ("\\\n)"): cexpr sees that, as in bindgen; C's value needs the
 * token itself. */
static void last_body_is(const char *name, struct mtok *mt, int m)
{
	struct body *b = alloc(sizeof *b);
	*b = (struct body){ mt, m };
	if (m && strchr(mt[m - 1].s, '\\')) {
		b->v = alloc(sizeof *b->v * m);
		memcpy(b->v, mt, sizeof *mt * m);
		char *t = astrdup(mt[m - 1].s), *q = t;
		for (const char *p = t; *p; p++) {
			size_t splice = p[0] != '\\' ? 0 : p[1] == '\n' ? 2 :
					p[1] == '\r' && p[2] == '\n' ? 3 : 0;
			if (splice)
				p += splice - 1;
			else
				*q++ = *p;
		}
		*q = 0;
		b->v[m - 1].s = t;
	}
	strmap_put(&last_body, name, b);
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
	if (ld.block_line)
		last_body_is(it->name, mt, m);
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

/* ---- the macro block: clang's values in the same parse ---- */

/* The names of the macros that may need clang, read before the parse
 * (scan.c), are declared after the header's last line, in the text
 * libclang is given for it:
 *     #ifdef NAME
 *     __auto_type __kbindgen_macro_N = (NAME);
 *     #endif
 * so that clang folds what each macro expands to at the end of the
 * header, as C code using it would see it, in the parse itself: a second
 * parse costs as much as the first.  Names the header no longer defines
 * at its end cost an #ifdef.  block_line tells the block apart from the
 * header: its declarations are answers, its errors say which macros are
 * no expressions, neither is the header's. */

/* A property of macros, worked out once for each ("busy" while it is: a
 * cycle reads as false). */
static bool once(struct strmap *memo, struct smacro *m, bool (*work)(struct smacro *m))
{
	const char *known = strmap_get(memo, m->name);
	if (known)
		return streq(known, "yes");
	strmap_put(memo, m->name, "busy");
	bool ok = work(m);
	strmap_put(memo, m->name, ok ? "yes" : "no");
	return ok;
}

/* Would cconst.c fold every object-like body of m, and of the macros they
 * name?  Then clang need not be asked: cconst_eval() gives C's value
 * after the parse, from the last definition. */
static bool name_folds(const char *name, void *ctx);

/* m is object-like only, every body of a shape cconst.c folds: names as
 * ok() says, calls as call_ok() says (cconst_shape()) */
static bool bodies_fold(struct smacro *m, bool (*ok)(const char *, void *),
			bool (*call_ok)(const char *, void *))
{
	bool folds = m->bodies.n && !m->fbodies.n;
	for (int i = 0; folds && i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		folds = cconst_shape(t, n, ok, call_ok, NULL) && cconst_syntax(t, n);
	}
	return folds;
}

static bool folds_work(struct smacro *m)
{
	return bodies_fold(m, name_folds, NULL);
}

static bool folds_alone(struct smacro *m)
{
	static struct strmap memo;
	return once(&memo, m, folds_work);
}

static bool name_folds(const char *name, void *ctx)
{
	struct smacro *m = strmap_get(&scan.map, name);
	return m && folds_alone(m);
}

/* t[0..n) is string literals, "..." only (no L"", u8""), one at least */
static bool plain_strings(const struct mtok *t, int n)
{
	for (int i = 0; i < n; i++)
		if (t[i].kind != MT_LITERAL || t[i].s[0] != '"')
			return false;
	return n;
}

/* Is every body of m such strings?  Then clang need not be asked either:
 * the value is bindgen's (strings_only()), the fallback makes no
 * strings. */
static bool strings_alone(struct smacro *m)
{
	bool ok = m->bodies.n && !m->fbodies.n;
	for (int i = 0; ok && i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		ok = plain_strings(t, n);
	}
	return ok;
}

/* ---- calls asked once ---- */

/* A macro whose expansion is big costs clang as much each time it is
 * asked: in Linux, pgtable_l5_enabled() expands to some 2,000 tokens, in
 * each of 11 macros, which were a third of the macro block's cost.  When
 * cconst.c can fold a big one but for calls of function-like macros and
 * names that are no macros (VMALLOC_END's vmalloc_base, a variable), the
 * calls and names are asked instead, each once (`__auto_type
 * __kbindgen_call_N = (F ( args ));`), and cconst.c folds the macro after
 * the parse with their values, as literals of their types; one that is no
 * constant makes the macro none where C evaluates it.  Only a call whose
 * expansion stands alone, as a value, is one: a body `( ... )`, a
 * literal, or such a call again. */
#define BIG_EXPANSION 500	/* tokens */

static bool call_stands_alone(const char *name, void *ctx);

static bool body_stands_alone(struct smacro *m, int k, const struct mtok *t, int n)
{
	int end;
	/* not one name: it may be a parameter (`#define F(x) x`: F(1+2)*3
	 * is 7), or __VA_ARGS__ */
	if (n == 1)
		return t[0].kind == MT_LITERAL;
	if (n > 1 && t[0].kind == MT_PUNCT && streq(t[0].s, "("))
		return cconst_close(t, n, 0) == n - 1;
	/* a call again, of a function or such a macro, not of a parameter
	 * (`#define F(f, x) f(x)`: F(a + b, 1)) */
	return n && cconst_call(t, n, 0, &end) && end == n - 1 && !scan_is_param(m, k, t[0].s) &&
	       (!strmap_get(&scan.map, t[0].s) || call_stands_alone(t[0].s, NULL));
}

static bool stands_alone_work(struct smacro *m)
{
	bool ok = !m->bodies.n && m->fbodies.n;
	for (int i = 0; ok && i < m->fbodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, m->bodies.n + i, &n);
		ok = body_stands_alone(m, i, t, n);
	}
	return ok;
}

/* Is name a function-like macro whose every expansion stands alone? */
static bool call_stands_alone(const char *name, void *ctx)
{
	static struct strmap memo;
	struct smacro *m = strmap_get(&scan.map, name);
	return m && once(&memo, m, stands_alone_work);
}

static bool name_folds_with_calls(const char *name, void *ctx);

/* m's bodies name no non-macro alone in parentheses: `((T) - 1)` is a
 * cast when T is a type, and is asked whole */
static bool no_lone_names(struct smacro *m)
{
	for (int i = 0; i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		for (int k = 0; k < n; k++)
			if (cconst_lone_name(t, n, k) && !strmap_get(&scan.map, t[k].s))
				return false;
	}
	return true;
}

static bool folds_with_calls_work(struct smacro *m)
{
	return bodies_fold(m, name_folds_with_calls, call_stands_alone) && no_lone_names(m);
}

/* Would cconst.c fold every body of m given its calls' values? */
static bool folds_with_calls(struct smacro *m)
{
	static struct strmap memo;
	return once(&memo, m, folds_with_calls_work);
}

/* a name that is no macro is asked too (a variable, an enum constant) */
static bool name_folds_with_calls(const char *name, void *ctx)
{
	struct smacro *m = strmap_get(&scan.map, name);
	return !m || folds_alone(m) || folds_with_calls(m);
}

/* The calls of m's bodies and of the macros they name, asked. */
static void ask_calls(struct smacro *m, struct strmap *seen)
{
	if (strmap_get(seen, m->name) || folds_alone(m))
		return;
	strmap_put(seen, m->name, m);
	for (int i = 0; i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		for (int k = 0; k < n; k++) {
			int end = k;
			struct smacro *r = t[k].kind == MT_IDENT ? strmap_get(&scan.map, t[k].s) : NULL;
			const char *call = t[k].kind != MT_IDENT ? NULL :
					   !r && cconst_bare_name(t, n, k) ? t[k].s :
					   call_stands_alone(t[k].s, NULL) ? cconst_call(t, n, k, &end) : NULL;
			if (call && !strmap_get(&calls_asked, call)) {
				strmap_put(&calls_asked, call, (void *)call);
				vpush(&calls, (char *)call);
			}
			if (call)
				k = end;
			else if (r)
				ask_calls(r, seen);
		}
	}
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

/* clang's answer for a call or a name: its value as a literal of
 * cconst.c's types (the type itself, no typedef of it), or cconst_none
 * when it is no constant; nothing (unknown) when it is another kind of
 * value, or a typedef's name: in `(const T) - 1` that is a cast, not a
 * name less one. */
static void call_answer(CXCursor c, const char *call)
{
	if (clang_isInvalidDeclaration(c) && names_typedef(call))
		return;
	struct item tmp = { .kind = I_MACRO };
	typed_value(c, &tmp, false);
	static const struct { enum CXTypeKind cx; enum tkind t; const char *suffix; } kinds[] = {
		{ CXType_Int, T_INT, "" }, { CXType_UInt, T_UINT, "U" },
		{ CXType_Long, T_LONG, "L" }, { CXType_ULong, T_ULONG, "UL" },
		{ CXType_LongLong, T_LLONG, "LL" }, { CXType_ULongLong, T_ULLONG, "ULL" },
		{ CXType_Float, T_FLOAT, "f" }, { CXType_Double, T_DOUBLE, "" },
	};
	/* __auto_type's: a typedef, enum or record has a declaration */
	CXType ty = clang_getCursorType(c);
	bool sugar = !clang_isInvalid(clang_getCursorKind(clang_getTypeDeclaration(ty)));
	enum CXTypeKind cx = sugar ? CXType_Invalid : clang_getCanonicalType(ty).kind;
	int k = 0;
	while (k < 8 && kinds[k].cx != cx)
		k++;
	struct mtok *t = alloc(sizeof *t * 7);
	int n = 0;
	if (!tmp.has_val && tmp.why && streq(tmp.why, "not a constant expression")) {
		t[n++] = (struct mtok){ MT_IDENT, cconst_none };
	} else if (tmp.has_val && k < 8 && kinds[k].t >= T_FLOAT) {
		double f = tmp.val.f;
		if (!isfinite(f))
			return;
		if (signbit(f))
			t[n++] = (struct mtok){ MT_PUNCT, "(" }, t[n++] = (struct mtok){ MT_PUNCT, "-" };
		t[n++] = (struct mtok){ MT_LITERAL, fmt("%a%s", fabs(f), kinds[k].suffix) };
		if (signbit(f))
			t[n++] = (struct mtok){ MT_PUNCT, ")" };
	} else if (tmp.has_val && k < 8 && tmp.val.kind == MV_INT) {
		bool neg = tmp.val.i < 0 && (kinds[k].t == T_INT || kinds[k].t == T_LONG ||
					     kinds[k].t == T_LLONG);
		/* a negative one as (-M - 1), M in the type: INT_MIN too */
		uint64_t mag = neg ? (uint64_t)-(tmp.val.i + 1) : (uint64_t)tmp.val.i;
		if (kinds[k].t == T_UINT)
			mag &= 0xffffffffu;
		if (neg)
			t[n++] = (struct mtok){ MT_PUNCT, "(" }, t[n++] = (struct mtok){ MT_PUNCT, "-" };
		t[n++] = (struct mtok){ MT_LITERAL, fmt("%llu%s", (unsigned long long)mag, kinds[k].suffix) };
		if (neg) {
			t[n++] = (struct mtok){ MT_PUNCT, "-" };
			t[n++] = (struct mtok){ MT_LITERAL, "1" };
			t[n++] = (struct mtok){ MT_PUNCT, ")" };
		}
	} else {
		return;
	}
	struct body *b = alloc(sizeof *b);
	*b = (struct body){ t, n };
	strmap_put(&call_value, call, b);
}

static const struct mtok *call_of(const char *call, int *n, void *ctx)
{
	return body_in(&call_value, call, n);
}

static bool macro_block(struct CXUnsavedFile *uf)
{
	struct buf b = {0};
	if (!bput_file(&b, ld.opt->header)) {
		bfree(&b);
		return false;
	}
	unsigned lines = 0;
	for (size_t i = 0; i < b.len; i++)
		lines += b.s[i] == '\n';
	/* the header's last line ended, then the block */
	ld.block_line = lines + 2;
	bputs(&b, "\n#pragma clang diagnostic ignored \"-Weverything\"\n");
	scan_macros(ld.opt, &scan);
	struct strmap seen = {0};	/* ask_calls()' */
	for (int i = 0; i < scan.macros.n; i++) {
		struct smacro *m = scan.macros.v[i];
		if (!scan_worth_asking(&scan, m) || folds_alone(m) || strings_alone(m))
			continue;
		if (scan_expansion_size(&scan, m->name) > BIG_EXPANSION && folds_with_calls(m) &&
		    !(ld.opt->macro_const_ctypes && scan_uses_position(&scan, m->name))) {
			strmap_put(&by_calls, m->name, m);
			ask_calls(m, &seen);
			continue;
		}
		bprintf(&b, "#ifdef %s\n__auto_type __kbindgen_macro_%d = (%s);\n",
			m->name, asked.n, m->name);
		/* one that may use __LINE__ (scan.c cannot tell where): again
		 * on the next line, to compare */
		if (ld.opt->macro_const_ctypes && scan_uses_position(&scan, m->name))
			bprintf(&b, "__auto_type __kbindgen_twin_%d = (%s);\n", asked.n, m->name);
		bputs(&b, "#endif\n");
		strmap_put(&asked_map, m->name, m);
		vpush(&asked, (char *)m->name);
	}
	for (int i = 0; i < calls.n; i++)
		bprintf(&b, "__auto_type __kbindgen_call_%d = (%s);\n", i, calls.v[i]);
	free(seen.slots);
	*uf = (struct CXUnsavedFile){ ld.opt->header, bstr(&b), b.len };
	return true;
}

/* A type of cconst.c's values. */
static struct type *arith_type(enum tkind k)
{
	static struct type *tab[T_COMPLEX];
	if (!tab[k]) {
		long size = k == T_INT || k == T_UINT || k == T_FLOAT ? 4 :
			    k == T_LONG || k == T_ULONG ? ld.long_bits / 8 : 8;
		tab[k] = new_type(k);
		tab[k]->size = tab[k]->align = size;
		tab[k]->shared = true;
	}
	return tab[k];
}

/* A body of string literals only, folded as bindgen folds it (adjacent
 * ones joined): C's value too. */
static bool strings_only(const struct mtok *t, int n, struct mval *v)
{
	struct mval r;
	if (!plain_strings(t, n) || !macro_eval(t, n, mlook, NULL, &r) || r.kind != MV_STR)
		return false;
	*v = r;
	return true;
}

static bool scan_knows(const char *name, void *ctx)
{
	return strmap_get(&scan.map, name);
}

/* The macros the block did not ask about: cconst.c folds them, or they
 * are no expressions (scan.c), or the scan missed their file or took
 * them for what they are not: those go to a second parse. */
static void unasked_only(void)
{
	int k = 0;
	for (int i = 0; i < fallback.n; i++) {
		struct item *it = fallback.v[i];
		struct smacro *m = strmap_get(&scan.map, it->name);
		struct cval v;
		int n;
		const struct mtok *t = body_of(it->name, &n, NULL);
		if (strmap_get(&asked_map, it->name) || (it->has_val && !ld.opt->macro_const_ctypes))
			continue;
		bool folded = t && cconst_eval(t, n, body_of, call_of, NULL, &v);
		if (folded && v.nc) {
			it->has_val = false;
			it->why = "not a constant expression (a call in it is none)";
			continue;
		}
		if (folded) {
			it->has_val = true;
			it->val = (struct mval){ v.t == T_FLOAT || v.t == T_DOUBLE ? MV_FLOAT : MV_INT };
			it->val.f = v.f;
			it->val.i = cval_int(&v);
			it->type = arith_type(v.t);
			continue;
		}
		if (ld.opt->macro_const_ctypes && t && strings_only(t, n, &it->val)) {
			it->has_val = true;
			it->type = NULL;
			continue;
		}
		if (ld.opt->macro_const_ctypes) {
			it->has_val = false;
			it->why = m && folds_alone(m) ?
				  "it names a macro not defined after the header" :
				  "not taken for an expression (a type, a statement, an attribute, "
				  "a call; or a function-like macro's name, which may name a function "
				  "too: an address)";
		}
		/* clang would fail where cconst.c does, when the last body
		 * has its shape and only a name undefined at the end stops
		 * it: not the case of a body the scan did not see (nor of
		 * strings the scan saw, when the last body is none) */
		if (!m || (folds_alone(m) && !(t && cconst_shape(t, n, scan_knows, NULL, NULL))) ||
		    (ld.opt->macro_const_ctypes && strings_alone(m)) || strmap_get(&by_calls, m->name))
			fallback.v[k++] = it;
	}
	fallback.n = k;
}

/* ---- the translation unit ---- */

static enum CXChildVisitResult top_visit(CXCursor c, CXCursor p, CXClientData d)
{
	enum CXCursorKind k = clang_getCursorKind(c);
	/* the macro block's declarations, and the records its compound
	 * literals define, are not the header's */
	if (ld.block_line && (k == CXCursor_VarDecl || k == CXCursor_StructDecl ||
			      k == CXCursor_UnionDecl || k == CXCursor_EnumDecl) &&
	    in_block(clang_getCursorLocation(c))) {
		if (k == CXCursor_VarDecl)
			macro_answer(c, &asked);
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
	struct CXUnsavedFile uf;
	bool block = ld.opt->clang_macro_fallback && macro_block(&uf);
	/* the block's errors must not stop clang before its end */
	if (block)
		argv[argc++] = "-ferror-limit=0";
	enum CXErrorCode e = clang_parseTranslationUnit2(ld.idx, ld.opt->header, argv, argc,
							 block ? &uf : NULL, block, flags, &ld.tu);
	if (block)
		free((char *)uf.Contents);
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
	ld.check_layout = getenv("KBINDGEN_CHECK_LAYOUT");
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
	if (ld.block_line)
		unasked_only();
	if (fallback.n)
		macro_fallback();
	if (ld.opt->depfile)
		clang_getInclusions(ld.tu, inclusion, NULL);
	/* the IR holds no pointer into the unit: its memory is the output's */
	clang_disposeTranslationUnit(ld.tu);
	clang_disposeIndex(ld.idx);
	ld.tu = NULL;
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

