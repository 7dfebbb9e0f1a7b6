/* clang_decl.c: functions and variables: their symbols (asm labels,
 * overloadable), attributes (noreturn, warn_unused_result), visibility,
 * and the values clang folds their initializers to. */
#include <string.h>

#include "clang.h"

/* ---- functions and variables ---- */

static enum CXChildVisitResult attr_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct item *it = d;
	switch ((int)clang_getCursorKind(c)) {
	case CXCursor_WarnUnusedResultAttr:
		it->must_use = true;
		break;
	case CXCursor_UnexposedAttr: {
		/* [[noreturn]] / _Noreturn are not exposed: read the tokens */
		CXToken *toks;
		unsigned n;
		clang_tokenize(ld.tu, clang_getCursorExtent(c), &toks, &n);
		for (unsigned i = 0; i < n; i++) {
			char *s = cx_str(clang_getTokenSpelling(ld.tu, toks[i]));
			if (streq(s, "noreturn") || streq(s, "_Noreturn") ||
			    streq(s, "__noreturn__"))
				it->no_return = true;
		}
		clang_disposeTokens(ld.tu, toks, n);
		break;
	}
	default:
		break;
	}
	return CXChildVisit_Continue;
}

static enum CXChildVisitResult asm_visit(CXCursor c, CXCursor p, CXClientData d)
{
	if (clang_getCursorKind(c) != CXCursor_AsmLabelAttr)
		return CXChildVisit_Continue;
	*(bool *)d = true;
	return CXChildVisit_Break;
}

/* An asm label renames a symbol; so does overloadable (C++ mangling in C),
 * which libclang does not expose, often hidden in a macro: its USR gives
 * it away, the parameter types after the name (c:@F@f#I#), at a quarter
 * of the mangler's cost. */
static bool may_rename(CXCursor c)
{
	bool found = false;
	clang_visitChildren(c, asm_visit, &found);
	if (found || clang_getCursorKind(c) != CXCursor_FunctionDecl)
		return found;
	CXString usr = clang_getCursorUSR(c);
	const char *u = clang_getCString(usr), *f = u ? strstr(u, "@F@") : NULL;
	found = f && strchr(f, '#');
	clang_disposeString(usr);
	return found;
}

/* A C symbol on an ELF target is its name, unless an attribute (asm
 * label, overloadable) renames it; asking clang to mangle every
 * declaration costs a tenth of gtk.h's run. */
static bool needs_mangling(CXCursor c)
{
	static int elf = -1;
	if (elf < 0)
		elf = !strstr(ld.unit->triple, "apple") && !strstr(ld.unit->triple, "darwin") &&
		      !strstr(ld.unit->triple, "windows") && !strstr(ld.unit->triple, "win32") &&
		      !strstr(ld.unit->triple, "mingw") && !strstr(ld.unit->triple, "cygwin") &&
		      !strstr(ld.unit->triple, "uefi");
	return !elf || (clang_Cursor_hasAttrs(c) && may_rename(c));
}

/* The symbol of the function or variable c called name, NULL when it is
 * its name. */
static const char *symbol(CXCursor c, const char *name)
{
	if (!needs_mangling(c))
		return NULL;
	char *mangled = cx_str(clang_Cursor_getMangling(c));
	return *mangled && !streq(mangled, name) ? mangled : NULL;
}

/* A parameter of a function that clang 22 knows as a builtin and 16 did
 * not: 22 types it with its own size_t sugar, 16 as the header declares
 * it (void bcopy(const void *, void *, size_t)).  The declared type keeps
 * the output the same on both; the other builtins' size_t is unsigned
 * long on both, as bindgen has it. */
static bool newer_builtin(const char *name, CXType arg)
{
	return arg.kind == CXType_Unexposed && !strcmp(name, "bcopy");
}

/* Whether the function c, of external linkage, is hidden.  In C only
 * attributes (explicit, merged from an earlier declaration, or implied by
 * #pragma GCC visibility) set a function's own; without them it has the
 * translation unit's default (-fvisibility, or the target's): asked once,
 * the query costs as much as reading the function's type. */
static bool hidden(CXCursor c)
{
	static int dflt = -1;
	if (clang_Cursor_hasAttrs(c))
		return clang_getCursorVisibility(c) != CXVisibility_Default;
	if (dflt < 0)
		dflt = clang_getCursorVisibility(c) != CXVisibility_Default;
	return dflt;
}

static struct strmap symbols;	/* of the functions read so far */

void func_item(CXCursor c)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	const char *name = NULL, *link = NULL;
	struct item *first = map_get(canon);
	if (first) {
		/* an inline definition after a plain declaration (gmp's
		 * __GMP_EXTERN_INLINE, gnu_inline) makes it inline for bindgen */
		if (clang_Cursor_isFunctionInlined(c))
			first->is_inline = true;
		/* a redeclaration that renames the symbol (glibc's __REDIRECT
		 * of fscanf to __isoc99_fscanf) is one more function for
		 * bindgen, fscanf1 (names.c), linked to the new symbol */
		if (!clang_Cursor_hasAttrs(c))
			return;
		name = cx_str(clang_getCursorSpelling(c));
		link = symbol(c, name);
		if (!link || strmap_get(&symbols, link))
			return;
	}
	struct item *it = new_item(I_FUNC, c, canon, NULL);
	it->name = name ? name : cx_str(clang_getCursorSpelling(c));
	it->comment = comment_of(c);
	CXType ft = clang_getCursorType(c);
	if (ft.kind != CXType_FunctionProto && ft.kind != CXType_FunctionNoProto)
		ft = clang_getCanonicalType(ft);	/* declared through a typedef */
	it->type = conv(ft);
	if (it->type->kind != T_FUNC)
		return;
	/* declared through a typedef or __typeof__ (Linux's static calls):
	 * the return type as that declares it, typedefs kept */
	if (!clang_equalTypes(ft, clang_getCursorType(c)))
		it->type->ret = conv(clang_getCursorResultType(c));
	int n = clang_Cursor_getNumArguments(c);
	for (int i = 0; i < n; i++) {
		CXCursor a = clang_Cursor_getArgument(c, i);
		char *pn = cx_str(clang_getCursorSpelling(a));
		vpush(&it->type->pnames, *pn ? pn : NULL);
		if (i < it->type->params.n && newer_builtin(it->name, clang_getArgType(ft, i)))
			it->type->params.v[i] = conv(clang_getCursorType(a));
		if (i < it->type->params.n)
			name_params(a, it->type->params.v[i]);
	}
	it->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	it->is_inline = clang_Cursor_isFunctionInlined(c);
	if (it->is_static && ld.opt->wrap_static_fns) {
		/* the wrapper declares the parameters as written: int (f)(int)
		 * stays a function, not the pointer it decays to */
		struct type *w = new_type(T_FUNC);
		*w = *it->type;
		w->params.n = w->params.cap = 0;
		w->params.v = NULL;
		for (int i = 0; i < n; i++)
			vpush(&w->params, conv(clang_getCursorType(clang_Cursor_getArgument(c, i))));
		it->ctype = w;
	}
	if (!it->is_static && hidden(c))
		it->is_static = true;	/* no symbol to link to */
	it->link_name = link ? link : symbol(c, it->name);
	strmap_put(&symbols, it->link_name ? it->link_name : it->name, it);
	/* _Noreturn and [[noreturn]] are attribute cursors, read with
	 * --enable-function-attribute-detection; __attribute__((noreturn))
	 * lives on the function type, whose spelling bindgen main reads
	 * always (glibc's exit, abort).  (Not pretty-printing the
	 * declaration: libclang 16 crashes printing assume_aligned.) */
	if (ld.opt->fn_attr_detection)
		clang_visitChildren(c, attr_visit, it);
	char *ts = cx_str(clang_getTypeSpelling(clang_getCursorType(c)));
	if (strstr(ts, "__attribute__((noreturn))"))
		it->no_return = true;
	attach(it);
}

/* bindgen evaluates a const global's initializer; so do we, through clang. */
/* The canonical kind of t: typedefs and enums resolved. */
static enum tkind base_kind(struct type *t)
{
	for (t = strip_typedefs(t); t->kind == T_ITEM && t->item->kind == I_ENUM &&
	     t->item->inttype; t = strip_typedefs(t->item->inttype))
		;
	return t->kind;
}

/* What clang folds the initializer of c to, into it->val: integers and
 * floats, and string literals when strings. */
void evaluate(CXCursor c, struct item *it, bool strings)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	if (!r)
		return;
	switch (clang_EvalResult_getKind(r)) {
	case CXEval_Int:
		it->val.kind = MV_INT;
		if (clang_EvalResult_isUnsignedInt(r))
			it->val.i = (int64_t)clang_EvalResult_getAsUnsigned(r);
		else
			it->val.i = clang_EvalResult_getAsLongLong(r);
		it->has_val = true;
		break;
	case CXEval_Float:
		it->val.kind = MV_FLOAT;
		it->val.f = clang_EvalResult_getAsDouble(r);
		it->has_val = true;
		break;
	case CXEval_StrLiteral: {
		if (!strings)
			break;
		const char *s = clang_EvalResult_getAsStr(r);
		it->val.kind = MV_STR;
		it->val.s = astrdup(s);
		it->val.slen = strlen(s);
		it->has_val = true;
		break;
	}
	default:
		break;
	}
	clang_EvalResult_dispose(r);
}

static void eval_var(CXCursor c, struct item *it)
{
	enum tkind k = base_kind(it->type);
	bool chars = (k == T_PTR || k == T_ARRAY) && it->type->sub &&
		     base_kind(it->type->sub) == T_CHAR;
	if ((k != T_VOID && k < T_COMPLEX) || chars)
		evaluate(c, it, true);
}

/* extern struct A a; with A defined further down (Linux's rootfs_fs_type,
 * kmsg_fops): bindgen resolves a variable's type where it meets it, so A
 * is read and placed here, before the variable, not at its definition. */
static void record_by_value(CXType t)
{
	if (t.kind == CXType_Elaborated)
		t = clang_Type_getNamedType(t);
	if (t.kind != CXType_Record)
		return;
	CXCursor def = clang_getCursorDefinition(clang_getTypeDeclaration(t));
	if (!clang_Cursor_isNull(def) &&
	    clang_getCursorKind(clang_getCursorSemanticParent(def)) == CXCursor_TranslationUnit)
		record_item(def, NULL, true);
}

void var_item(CXCursor c)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	struct item *it = map_get(canon);
	if (it) {
		/* a later definition may carry the initializer */
		if (!it->has_val && clang_isCursorDefinition(c))
			eval_var(c, it);
		return;
	}
	CXType vt = clang_getCursorType(c);
	record_by_value(vt);
	it = new_item(I_VAR, c, canon, NULL);
	it->name = cx_str(clang_getCursorSpelling(c));
	it->comment = comment_of(c);
	it->type = conv(vt);
	name_params(c, it->type);
	/* a static, not a static mut, when const is written on the
	 * variable's type or on the elements of an array of it, as bindgen
	 * sees it: not through a typedef, __typeof__ or a second array */
	CXType et = clang_getArrayElementType(vt);
	it->type = set_const(it->type, clang_isConstQualifiedType(vt) ||
				       (et.kind != CXType_Invalid && clang_isConstQualifiedType(et)));
	it->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	it->link_name = symbol(c, it->name);
	eval_var(c, it);
	attach(it);
}

