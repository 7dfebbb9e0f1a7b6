/* clang_decl.c: functions and variables: their symbols (asm labels,
 * overloadable), attributes (noreturn, warn_unused_result), visibility,
 * and the values clang folds their initializers to. */
#include <math.h>
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
	note_decl(it->name, c);
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
		it->type->fn->ret = conv(clang_getCursorResultType(c));
	int n = clang_Cursor_getNumArguments(c);
	vreserve(&it->type->fn->pnames, n);
	for (int i = 0; i < n; i++) {
		CXCursor a = clang_Cursor_getArgument(c, i);
		char *pn = cx_str(clang_getCursorSpelling(a));
		vpush(&it->type->fn->pnames, *pn ? pn : NULL);
		if (i < it->type->fn->params.n && newer_builtin(it->name, clang_getArgType(ft, i)))
			it->type->fn->params.v[i] = conv(clang_getCursorType(a));
		if (i < it->type->fn->params.n)
			name_params(a, it->type->fn->params.v[i]);
	}
	it->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	it->is_inline = clang_Cursor_isFunctionInlined(c);
	if (it->is_static && ld.opt->wrap_static_fns) {
		/* the wrapper declares the parameters as written: int (f)(int)
		 * stays a function, not the pointer it decays to */
		struct type *w = new_type(T_FUNC);
		struct func *fn = w->fn;
		*w = *it->type;
		*fn = *it->type->fn;
		w->fn = fn;
		fn->params.v = NULL;
		fn->params.n = fn->params.cap = 0;
		for (int i = 0; i < n; i++)
			vpush(&w->fn->params, conv(clang_getCursorType(clang_Cursor_getArgument(c, i))));
		it->ctype = w;
		/* where its body begins: wrap.c's compile check blames the
		 * function whose lines clang's errors point into (a skipped
		 * body makes no definition for libclang: the declaration that
		 * had it spans it); wrap.c counts where it ends */
		if (ld.opt->wrap_static_fns_compile) {
			CXCursor def = clang_getCursorDefinition(c);
			if (clang_Cursor_isNull(def))
				def = c;
			CXSourceRange r = clang_getCursorExtent(def);
			CXFile f;
			clang_getExpansionLocation(clang_getRangeStart(r), &f, &it->body_lines[0], NULL, NULL);
			it->body_file = f ? cx_str(clang_getFileName(f)) : NULL;
		}
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
	/* (spelling the type costs more than the rest: only for the
	 * functions that may be emitted, not static ones without wrappers) */
	if (!it->is_static || ld.opt->wrap_static_fns) {
		char *ts = cx_str(clang_getTypeSpelling(clang_getCursorType(c)));
		if (strstr(ts, "__attribute__((noreturn))"))
			it->no_return = true;
	}
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

/* ---- --macro-const-use-ctypes: a macro's C type and value ---- */

/* The type __auto_type deduced, with its typedef name: libclang gives
 * the deduced type's declaration, and the pointee with its sugar.  NULL
 * for a record defined in the macro block itself. */
static struct type *deduced(CXType t)
{
	CXCursor d = clang_getTypeDeclaration(t);
	if (!clang_isInvalid(clang_getCursorKind(d))) {
		if (in_block(clang_getCursorLocation(d)))
			return NULL;
		return conv(clang_getCursorType(d));
	}
	CXType can = clang_getCanonicalType(t);
	if (can.kind == CXType_Pointer) {
		struct type *p = new_type(T_PTR);
		p->size = p->align = ld.unit->ptr_bits / 8;
		p->sub = conv(clang_getPointeeType(t));
		if (p->sub->kind == T_OPAQUE)	/* the sugar libclang cannot show */
			p->sub = conv(clang_getPointeeType(can));
		return p;
	}
	return conv(can);
}

struct operand {
	CXCursor found;		/* a string literal, or the integer a pointer is cast from */
	bool address;		/* &x, or a function or array name */
};

/* Down the expression of a pointer constant: through parentheses and
 * implicit conversions to a string literal, or to a cast from an
 * integer. */
static enum CXChildVisitResult operand_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct operand *o = d;
	switch (clang_getCursorKind(c)) {
	case CXCursor_TypeRef:
		return CXChildVisit_Continue;
	case CXCursor_StringLiteral:
		o->found = c;
		return CXChildVisit_Break;
	case CXCursor_DeclRefExpr:
	case CXCursor_MemberRefExpr:
	case CXCursor_ArraySubscriptExpr:
		o->address = true;
		return CXChildVisit_Break;
	/* -1 in (void *)-1 is the integer, &x an address (below it) */
	case CXCursor_UnaryOperator:
	case CXCursor_ParenExpr:
	case CXCursor_UnexposedExpr:
	case CXCursor_CStyleCastExpr: {
		enum CXTypeKind k = clang_getCanonicalType(clang_getCursorType(c)).kind;
		if (k != CXType_Pointer && k != CXType_ConstantArray &&
		    k != CXType_FunctionProto && k != CXType_FunctionNoProto) {
			o->found = c;	/* the integer under the casts */
			return CXChildVisit_Break;
		}
		return CXChildVisit_Recurse;
	}
	default:
		if (clang_getCanonicalType(clang_getCursorType(c)).kind != CXType_Pointer) {
			o->found = c;
			return CXChildVisit_Break;
		}
		return CXChildVisit_Continue;
	}
}

static bool int_of(CXCursor c, int64_t *v)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	bool ok = r && clang_EvalResult_getKind(r) == CXEval_Int;
	if (ok)
		*v = clang_EvalResult_isUnsignedInt(r) ? (int64_t)clang_EvalResult_getAsUnsigned(r) :
							 clang_EvalResult_getAsLongLong(r);
	if (r)
		clang_EvalResult_dispose(r);
	return ok;
}

static const struct mval *no_macros(const char *name, void *ctx)
{
	return NULL;
}

static const char *pointer_value(CXCursor c, struct item *it)
{
	struct operand o = { clang_getNullCursor(), false };
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k != CXCursor_VarDecl && clang_getCanonicalType(clang_getCursorType(c)).kind != CXType_Pointer)
		o.found = c;	/* 0 for a pointer member */
	else
		clang_visitChildren(c, operand_visit, &o);
	if (o.address || clang_Cursor_isNull(o.found))
		return "an address: no constant in Rust";
	if (clang_getCursorKind(o.found) == CXCursor_StringLiteral) {
		/* libclang spells the literal as one, its pieces joined: read
		 * it as bindgen reads a string macro */
		struct mtok t = { MT_LITERAL, cx_str(clang_getCursorSpelling(o.found)) };
		if (!macro_eval(&t, 1, no_macros, NULL, &it->val) || it->val.kind != MV_STR)
			return "a string that is not of plain chars";
		return NULL;
	}
	if (!int_of(o.found, &it->val.i))
		return "an address: no constant in Rust";
	it->val.kind = MV_PTR;
	return NULL;
}

/* A compound literal's values, field by field of its record (elements
 * of an array), from the initializer list as written: no designators, no
 * braces left out, no unions; fields not written are zero. */
struct init {
	VEC(CXCursor) c;
};

/* The children of a cursor but type references: an initializer list's
 * values, a designator's parts. */
static enum CXChildVisitResult init_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct init *in = d;
	if (clang_getCursorKind(c) != CXCursor_TypeRef)
		hpush(&in->c, c);
	return CXChildVisit_Continue;
}

/* The initializer list of a compound literal, under the parentheses and
 * conversions of the declaration c; a null cursor if there is none. */
static enum CXChildVisitResult list_visit(CXCursor c, CXCursor p, CXClientData d)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_InitListExpr:
		*(CXCursor *)d = c;
		return CXChildVisit_Break;
	case CXCursor_ParenExpr:
	case CXCursor_UnexposedExpr:
	case CXCursor_CompoundLiteralExpr:
		return CXChildVisit_Recurse;
	default:
		return CXChildVisit_Continue;
	}
}

static const char *init_value(CXCursor c, struct type *t, struct mval *v);

/* The zero a member not written in the initializer gets. */
static void zero_value(struct type *t, struct mval *v)
{
	struct type *b = strip_typedefs(t);
	int n = b->kind == T_ARRAY ? (int)b->len :
		b->kind == T_ITEM && b->item->kind != I_ENUM && b->item->kind != I_TYPEDEF ?
		b->item->cfields.n : -1;
	*v = (struct mval){ strip_typedefs(t)->kind == T_PTR ? MV_PTR :
			    b->kind == T_FLOAT || b->kind == T_DOUBLE ? MV_FLOAT : MV_INT };
	if (n < 0)
		return;
	v->kind = MV_RECORD;
	for (int i = 0; i < n; i++) {
		struct mval part;
		zero_value(b->kind == T_ARRAY ? b->sub : b->item->cfields.v[i].type, &part);
		vpush(&v->parts, part);
	}
}

/* A designator in an initializer list (a DesignatedInitExpr, which
 * libclang shows as an expression of type void): .field = value, [i] =
 * value, [lo ... hi] = value.  The elements it sets, from *lo to *hi,
 * and the value; false if c is none, *why set if kbindgen does not follow
 * it (.a.b, [i].f). */
static bool designator(CXCursor c, struct item *rec, int *lo, int *hi, CXCursor *value,
		       const char **why)
{
	struct init in = {0};
	int64_t i, j;
	if (clang_getCursorKind(c) != CXCursor_UnexposedExpr ||
	    clang_getCursorType(c).kind != CXType_Void)
		return false;
	clang_visitChildren(c, init_visit, &in);
	*why = "a compound literal with designators kbindgen does not follow";
	if (rec && in.c.n == 2 && clang_getCursorKind(in.c.v[0]) == CXCursor_MemberRef) {
		char *name = cx_str(clang_getCursorSpelling(in.c.v[0]));
		for (int k = 0; k < nfields(rec); k++)
			if (rec->cfields.v[k].name && streq(rec->cfields.v[k].name, name))
				*lo = *hi = k, *why = NULL;
	} else if (!rec && in.c.n == 2 && int_of(in.c.v[0], &i)) {
		*lo = *hi = i, *why = NULL;
	} else if (!rec && in.c.n == 3 && int_of(in.c.v[0], &i) && int_of(in.c.v[1], &j)) {
		*lo = i, *hi = j, *why = NULL;
	}
	if (!*why)
		*value = in.c.v[in.c.n - 1];
	hfree(&in.c);
	return true;
}

static const char *list_value(CXCursor list, struct type *t, struct mval *v)
{
	struct init in = {0};
	clang_visitChildren(list, init_visit, &in);
	struct type *b = strip_typedefs(t);
	struct item *rec = b->kind == T_ITEM ? b->item : NULL;
	int n = b->kind == T_ARRAY ? (int)b->len : rec ? nfields(rec) : -1;
	const char *why = NULL;
	CXCursor *slot = n > 0 ? alloc(sizeof *slot * n) : NULL;
	bool *set = n > 0 ? alloc(sizeof *set * n) : NULL;
	if (n < 0 || (rec && rec->kind != I_STRUCT && rec->kind != I_UNION))
		why = "a compound literal of a type other than a struct, union or array";
	for (int i = 0, pos = 0; !why && i < in.c.n; i++) {
		CXCursor value = in.c.v[i];
		int lo = pos, hi = pos;
		designator(in.c.v[i], rec, &lo, &hi, &value, &why);
		if (!why && (lo < 0 || hi < lo || hi >= n))
			why = "a compound literal with more values than fields";
		for (int k = lo; !why && k <= hi; k++) {
			slot[k] = value;
			set[k] = true;
		}
		pos = hi + 1;
	}
	v->kind = MV_RECORD;
	v->parts.n = 0;		/* zero_value() may have filled them */
	/* a union's value is that of its member written last (or its first),
	 * its index in v->i; the others stay zero */
	v->i = 0;
	for (int i = 0; rec && rec->kind == I_UNION && i < n; i++)
		if (set[i])
			v->i = i;
	for (int i = 0; !why && i < n; i++) {
		struct cfield *f = rec ? &rec->cfields.v[i] : NULL;
		struct type *ft = f ? f->type : b->sub;
		struct mval part;
		zero_value(ft, &part);
		if (f && f->bitwidth >= 0)
			why = "a compound literal of a record with bitfields";
		else if (set[i] && (!rec || rec->kind != I_UNION || i == v->i))
			why = init_value(slot[i], ft, &part);
		vpush(&v->parts, part);
	}
	hfree(&in.c);
	return why;
}

static const char *init_value(CXCursor c, struct type *t, struct mval *v)
{
	enum tkind k = strip_typedefs(t)->kind;
	bool is_enum = k == T_ITEM && strip_typedefs(t)->item->kind == I_ENUM;
	if ((k == T_ARRAY || k == T_ITEM) && !is_enum) {
		if (clang_getCursorKind(c) != CXCursor_InitListExpr)
			return "a compound literal with braces left out";
		return list_value(c, t, v);
	}
	if (k == T_PTR) {
		struct item tmp = {0};
		const char *why = pointer_value(c, &tmp);
		if (!why && tmp.val.kind != MV_PTR)
			why = "a compound literal with a string in a pointer";
		v->kind = MV_PTR;
		v->i = tmp.val.i;
		if (!why && v->i && strip_typedefs(strip_typedefs(t)->sub)->kind == T_FUNC)
			why = "a compound literal with a function pointer other than null";
		return why;
	}
	/* the value as written, then converted to the field's type, as
	 * the initialization converts it */
	CXEvalResult r = clang_Cursor_Evaluate(c);
	const char *why = "a compound literal with designators or a value clang does not fold";
	struct type *b = strip_typedefs(t);
	if (b->kind == T_ITEM && b->item->kind == I_ENUM)
		b = strip_typedefs(b->item->inttype);
	k = b->kind;
	bool is_int = r && clang_EvalResult_getKind(r) == CXEval_Int;
	bool is_flt = r && clang_EvalResult_getKind(r) == CXEval_Float;
	if ((is_int || is_flt) && (k == T_FLOAT || k == T_DOUBLE)) {
		v->kind = MV_FLOAT;
		v->f = is_flt ? clang_EvalResult_getAsDouble(r) :
		       clang_EvalResult_isUnsignedInt(r) ? (double)clang_EvalResult_getAsUnsigned(r) :
		       (double)clang_EvalResult_getAsLongLong(r);
		if (k == T_FLOAT)
			v->f = (float)v->f;
		why = NULL;
	} else if (is_int && k >= T_BOOL && k <= T_ULLONG && b->size > 0) {
		uint64_t u = clang_EvalResult_getAsUnsigned(r);
		int bits = k == T_BOOL ? 1 : (int)b->size * 8;
		if (k == T_BOOL)
			u = u != 0;
		else if (bits < 64 && arith[k].uns)
			u &= (1ULL << bits) - 1;
		else if (bits < 64)
			u = (uint64_t)((int64_t)(u << (64 - bits)) >> (64 - bits));
		v->kind = MV_INT;
		v->i = (int64_t)u;
		why = NULL;
	}
	if (r)
		clang_EvalResult_dispose(r);
	return why;
}

/* The type a value of type t has as a constant: an enum's integer
 * type for an enum. */
static struct type *value_type(struct type *t)
{
	struct type *s = strip_typedefs(t);
	return s->kind == T_ITEM && s->item->kind == I_ENUM ? s->item->inttype : t;
}

/* The type and value of c, the macro block's `__auto_type X = (MACRO);`
 * (or the second parse's, other: its types are not this unit's), for
 * the macro's item; it->why says why there is none. */
void typed_value(CXCursor c, struct item *it, bool other)
{
	it->has_val = false;
	it->val = (struct mval){0};
	unsigned line;
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
	if (clang_isInvalidDeclaration(c) || strmap_get(&ld.block_errors, fmt("%u", line))) {
		it->why = "not a constant expression";
		return;
	}
	CXType t = clang_getCursorType(c);
	CXType can = clang_getCanonicalType(t);
	struct type *ty = other ? (can.kind >= CXType_Bool && can.kind <= CXType_LongDouble ?
				   conv(can) : NULL) : deduced(t);
	if (!ty) {
		it->why = "of a type only the macro's expansion declares";
		return;
	}
	ty = value_type(ty);
	enum tkind k = strip_typedefs(ty)->kind;
	const char *why = NULL;
	if (k == T_PTR) {
		why = pointer_value(c, it);
		/* a function pointer is an Option in Rust: only null is a
		 * constant of it (None) */
		if (!why && it->val.kind == MV_PTR && it->val.i &&
		    strip_typedefs(strip_typedefs(ty)->sub)->kind == T_FUNC)
			why = "a function pointer other than null: no constant in Rust";
	} else if (k == T_ITEM || k == T_ARRAY) {
		CXCursor init = clang_getNullCursor();
		clang_visitChildren(c, list_visit, &init);
		why = clang_Cursor_isNull(init) ? "a value of a record type that is no compound literal" :
						 list_value(init, ty, &it->val);
	} else if (k == T_LDOUBLE || k == T_FLOAT128 || k == T_FLOAT16 || k >= T_COMPLEX) {
		why = "of a type Rust has no constants of";
	} else {
		evaluate(c, it, false);
		if (!it->has_val)	/* a valid initializer clang does not fold */
			why = "an address, as an integer";
	}
	it->why = why;
	it->has_val = !why;
	it->type = why ? NULL : ty;
}

static void eval_var(CXCursor c, struct item *it)
{
	enum tkind k = base_kind(it->type);
	struct type *s = sub_of(it->type);
	bool chars = (k == T_PTR || k == T_ARRAY) && s && base_kind(s) == T_CHAR;
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
	note_decl(it->name, c);
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

/* ---- a macro that is one name: that name's declaration ---- */

static struct strmap lone_decls;	/* name -> its first CXCursor */

void note_decl(const char *name, CXCursor c)
{
	if (!ld.block_at || !ask_lone_wanted(name) || strmap_get(&lone_decls, name))
		return;
	CXCursor *p = alloc(sizeof *p);
	*p = c;
	strmap_put(&lone_decls, name, p);
}

/* The macro it's answer: the value val of type ty, or none for why. */
static void answer(struct item *it, const char *why, const struct mval *val, struct type *ty)
{
	it->has_val = !why;
	if (!why)
		it->val = *val;
	if (ld.opt->macro_const_ctypes) {
		it->why = why;
		it->type = why ? NULL : ty;
	}
}

/* An enumerator's value, of its declaration's type: int, or the enum's
 * type for a value past int's range (or a fixed underlying type). */
static void enumerator_value(CXCursor c, struct item *it)
{
	struct type *ty = value_type(deduced(clang_getCursorType(c)));
	enum tkind k = strip_typedefs(ty)->kind;
	struct mval val = { MV_INT };
	val.i = k < T_COMPLEX && arith[k].uns ? (int64_t)clang_getEnumConstantDeclUnsignedValue(c) :
						clang_getEnumConstantDeclValue(c);
	answer(it, NULL, &val, ty);
}

/* A const variable, read as clang folds one (GNU C, C23's constexpr):
 * of arithmetic type, its initializer's value, its type unqualified;
 * what the macro block would say of the other kinds; false for those it
 * is not sure of (volatile, 128 bits, a typedef with the const inside,
 * whose name clang drops). */
static bool const_value(CXCursor c, struct item *it)
{
	CXType t = clang_getCursorType(c);
	CXCursor def = clang_getCursorDefinition(c);
	bool ct = ld.opt->macro_const_ctypes;
	if (!clang_isConstQualifiedType(t) || clang_isVolatileQualifiedType(t))
		return false;
	struct type *ty = value_type(set_const(deduced(t), false));
	enum tkind k = strip_typedefs(ty)->kind;
	const char *why = clang_Cursor_isNull(def) ? "not a constant expression" :	/* no initializer */
			  k == T_PTR ? "an address: no constant in Rust" :
			  k == T_ITEM ? "a value of a record type that is no compound literal" :
			  k == T_LDOUBLE && ct ? "of a type Rust has no constants of" : NULL;
	struct item tmp = {0};
	if (!why && ((k >= T_BOOL && k <= T_ULLONG) || (k >= T_FLOAT && k <= T_LDOUBLE))) {
		evaluate(def, &tmp, false);
		if (!tmp.has_val)
			return false;
	} else if (!why) {
		return false;
	}
	answer(it, why, &tmp.val, ty);
	return true;
}

bool lone_value(struct item *it, const char *name)
{
	CXCursor *p = strmap_get(&lone_decls, name);
	const char *why = "not a constant expression";	/* a typedef's name */
	enum CXCursorKind k = p ? clang_getCursorKind(*p) : CXCursor_NoDeclFound;
	const char *tr = ld.unit->triple;
	if (k == CXCursor_EnumConstantDecl) {
		enumerator_value(*p, it);
		return true;
	}
	/* dllimport makes an address no constant, on the targets that honour
	 * it: clang is asked in the second parse */
	if (p && clang_Cursor_hasAttrs(*p) &&
	    (strstr(tr, "windows") || strstr(tr, "cygwin") || strstr(tr, "mingw")))
		return false;
	bool usable = p && clang_getCursorAvailability(*p) != CXAvailability_NotAvailable;
	if (!p)
		why = "not a constant expression (no declaration of the name it stands for; "
		      "a C library function's name would be an address)";
	if (k == CXCursor_FunctionDecl && usable)
		why = "an address: no constant in Rust";
	if (k == CXCursor_VarDecl) {
		CXType t = clang_getCanonicalType(clang_getCursorType(*p));
		bool array = t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
			     t.kind == CXType_VariableArray;
		if (!array && clang_isConstQualifiedType(t))
			return const_value(*p, it);
		if (array && usable && clang_getCursorTLSKind(*p) == CXTLS_None)
			why = "an address: no constant in Rust";
	}
	answer(it, why, NULL, NULL);
	return true;
}

/* v converted to the integer type of bits bits, unsigned or not; a
 * float out of its range saturates, as clang folds it (the behaviour is
 * undefined); false for a NaN */
static bool int_cast(const struct cval *v, int bits, bool uns, int64_t *out)
{
	if (v->t == T_FLOAT || v->t == T_DOUBLE) {
		double f = trunc(v->f), hi = ldexp(1, uns ? bits : bits - 1) - 1,
		       lo = uns ? 0 : -hi - 1;
		if (isnan(f))
			return false;
		f = f < lo ? lo : f > hi ? hi : f;
		*out = uns && f >= ldexp(1, 63) ? (int64_t)(uint64_t)f : (int64_t)f;
		return true;
	}
	uint64_t u = (uint64_t)cval_int(v);
	if (bits < 64) {
		u &= (1ULL << bits) - 1;
		if (!uns && u >> (bits - 1))
			u |= ~0ULL << bits;
	}
	*out = (int64_t)u;
	return true;
}

bool cast_value(struct item *it, const char *name, const struct cval *v)
{
	CXCursor *p = strmap_get(&lone_decls, name);
	if (!p || clang_getCursorKind(*p) != CXCursor_TypedefDecl)
		return false;
	CXType t = clang_getCursorType(*p), can = clang_getCanonicalType(t);
	struct type *ty = value_type(deduced(t));
	enum tkind k = strip_typedefs(ty)->kind;
	bool from_float = v->t == T_FLOAT || v->t == T_DOUBLE;
	const char *why = NULL;
	struct mval val = { MV_INT };
	if (k == T_BOOL) {
		val.i = from_float ? v->f != 0 : cval_int(v) != 0;
	} else if ((k >= T_CHAR && k <= T_ULLONG) || (k >= T_WCHAR && k <= T_CHAR32)) {
		if (!int_cast(v, clang_Type_getSizeOf(can) * 8, arith[k].uns, &val.i))
			return false;
	} else if ((k == T_INT128 || k == T_UINT128) && !from_float &&
		   (cval_int(v) >= 0 || (k == T_INT128 && !arith[v->t].uns))) {
		val.i = cval_int(v);	/* a value 64 bits hold */
	} else if (k == T_FLOAT || k == T_DOUBLE) {
		double f = from_float ? v->f : arith[v->t].uns ? (double)(uint64_t)cval_int(v) :
				       (double)cval_int(v);
		val = (struct mval){ MV_FLOAT };
		val.f = k == T_FLOAT ? (float)f : f;
	} else if (k == T_PTR && !from_float) {
		val = (struct mval){ MV_PTR };
		val.i = cval_int(v);
		if (!ld.opt->macro_const_ctypes)
			why = "";	/* clang's evaluation has no pointers */
		else if (val.i && strip_typedefs(strip_typedefs(ty)->sub)->kind == T_FUNC)
			why = "a function pointer other than null: no constant in Rust";
	} else {
		return false;	/* long double, a record, ...: asked */
	}
	answer(it, why, &val, ty);
	return true;
}
