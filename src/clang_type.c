/* clang_type.c: C types as IR types, and the declarations types name:
 * records (their fields, offsets and layout), enums and typedefs.  The
 * two recurse into each other (a field's type names a record, a record
 * has fields), so they live together. */
#include <stdint.h>
#include <string.h>

#include "clang.h"

/* A struct only ever mentioned inside a record (struct b *p; in a struct,
 * never declared elsewhere) is not a forward declaration for bindgen but
 * an empty type, emitted after everything else. */
static bool in_record_mention;
static bool conv_atomic;	/* conv() looked through an _Atomic */
static VEC(struct type *) open_refs;	/* T_ITEMs of records being laid out */
/* Records named before their definition is visited: bindgen reads a
 * record's fields at its definition, so the types they name take their
 * places from there.  Those whose definition is never visited (inside a
 * prototype) are read at the end. */
struct undefined {
	struct item *it;
	CXCursor def;
};
static VEC(struct undefined) undefined;

/* The tag name of a record or enum, NULL when it has none.  libclang 16
 * spells unnamed records "struct (unnamed at f.h:1:2)", 14 spells them "";
 * never build names from that. */
static const char *tag_name(CXCursor c)
{
	if (clang_Cursor_isAnonymous(c))
		return NULL;
	char *s = cx_str(clang_getCursorSpelling(c));
	if (!*s || strchr(s, ' ') || strchr(s, '('))
		return NULL;
	return s;
}

/* ---- types ---- */

/* A type of kind k with clang's size and alignment.  A kind of one size
 * per target (one_size) asks clang once. */
static struct type *sized(enum tkind k, CXType t, bool one_size)
{
	static long size[T_PTR + 1], align[T_PTR + 1];
	struct type *r = new_type(k);
	if (one_size && size[k]) {
		r->size = size[k];
		r->align = align[k];
		return r;
	}
	r->size = clang_Type_getSizeOf(t);
	r->align = clang_Type_getAlignOf(t);
	if (one_size) {
		size[k] = r->size;
		align[k] = r->align;
	}
	return r;
}

/* Types without parts are made once and shared: void, the arithmetic
 * types, and the uses of an item whose layout is known; they are most of
 * a header's types (50000 in gtk.h).  A shared type is never written:
 * set_const() takes its twin. */
static struct type *prim(enum tkind k, bool c, CXType t)
{
	static struct type *tab[T_COMPLEX][2];
	if (!tab[k][c]) {
		/* the twin of a type made before finds its size cached */
		struct type *r = k == T_VOID ? new_type(T_VOID) : sized(k, t, true);
		r->is_const = c;
		r->shared = true;
		tab[k][c] = r;
	}
	return tab[k][c];
}

static struct type *item_use(struct item *it, bool c)
{
	if (!it->use[c]) {
		struct type *r = new_type(T_ITEM);
		r->size = it->size;
		r->align = it->align;
		r->item = it;
		r->is_const = c;
		r->shared = true;
		it->use[c] = r;
	}
	return it->use[c];
}

/* r, const or not as c. */
struct type *set_const(struct type *r, bool c)
{
	if (r->is_const == c)
		return r;
	if (!r->shared) {
		r->is_const = c;
		return r;
	}
	return r->kind == T_ITEM ? item_use(r->item, c) : prim(r->kind, c, (CXType){0});
}

/* A type without parts: shared for the arithmetic kinds (one size per
 * target), sized by clang for the others. */
static struct type *builtin(enum tkind k, CXType t)
{
	if (k < T_COMPLEX)
		return prim(k, false, t);
	return sized(k, t, false);
}

/* The parent item for a declaration found through a type: records nest in
 * records (that is where bindgen names them), everything else is top level. */
static struct item *decl_parent(CXCursor d)
{
	CXCursor def = clang_getCursorDefinition(d);
	if (clang_Cursor_isNull(def))
		return NULL;	/* only mentioned: a top-level forward declaration */
	CXCursor p = clang_getCursorLexicalParent(def);
	enum CXCursorKind k = clang_getCursorKind(p);
	if (k == CXCursor_StructDecl || k == CXCursor_UnionDecl)
		return record_item(p, decl_parent(p), false);
	return NULL;
}

static struct item *decl_item(CXCursor d)
{
	struct item *it = map_get(clang_getCanonicalCursor(d));
	if (it)
		return it;
	switch (clang_getCursorKind(d)) {
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		return record_item(d, decl_parent(d), false);
	case CXCursor_EnumDecl:
		return enum_item(d, decl_parent(d), false);
	case CXCursor_TypedefDecl:
		return typedef_item(d, false);
	default:
		return NULL;
	}
}

/* KBINDGEN_CHECK_LAYOUT=1: every size and alignment kbindgen works out
 * itself is compared with clang's; the tests run with it. */
static void check_size(CXType t, long size, long align, const char *what)
{
	if (!ld.check_layout)
		return;
	long cs = clang_Type_getSizeOf(t), ca = clang_Type_getAlignOf(t);
	if (cs != size || ca != align)
		fatal("layout check: %s %s: size %ld, align %ld; clang says %ld, %ld", what,
		      cx_str(clang_getTypeSpelling(t)), size, align, cs, ca);
}

static struct type *conv_func(CXType t)
{
	struct type *r = new_type(T_FUNC);
	r->fn->ret = conv(clang_getResultType(t));
	r->fn->noproto = t.kind == CXType_FunctionNoProto;
	if (!r->fn->noproto) {
		int n = clang_getNumArgTypes(t);
		vreserve(&r->fn->params, n);
		for (int i = 0; i < n; i++)
			vpush(&r->fn->params, conv(clang_getArgType(t, i)));
		r->fn->variadic = clang_isFunctionTypeVariadic(t);
	}
	switch (clang_getFunctionTypeCallingConv(t)) {
	case CXCallingConv_C: r->fn->cc = CC_C; break;
	case CXCallingConv_X86StdCall: r->fn->cc = CC_STDCALL; break;
	case CXCallingConv_X86FastCall: r->fn->cc = CC_FASTCALL; break;
	case CXCallingConv_X86ThisCall: r->fn->cc = CC_THISCALL; break;
	case CXCallingConv_X86VectorCall: r->fn->cc = CC_VECTORCALL; break;
	case CXCallingConv_AAPCS: r->fn->cc = CC_AAPCS; break;
	case CXCallingConv_X86_64Win64: r->fn->cc = CC_WIN64; break;
	default: r->fn->cc = CC_OTHER; break;
	}
	return r;
}

/* A use of item it, whose type is t. */
static struct type *item_type(struct item *it, CXType t)
{
	struct type *r;
	if (it->size >= 0 && it->align > 0)
		return item_use(it, false);	/* no need to ask clang */
	if (it->open) {
		/* struct s { struct s *next; }: known at the end of s */
		r = new_type(T_ITEM);
		vpush(&open_refs, r);
	} else {
		r = builtin(T_ITEM, t);
	}
	r->item = it;
	return r;
}

struct type *conv(CXType t)
{
	struct type *r;
	bool cnst = clang_isConstQualifiedType(t);

	switch ((int)t.kind) {
	case CXType_Void: r = prim(T_VOID, false, t); break;
	case CXType_Bool: r = builtin(T_BOOL, t); break;
	case CXType_Char_S:
	case CXType_Char_U: r = builtin(T_CHAR, t); break;
	case CXType_SChar: r = builtin(T_SCHAR, t); break;
	case CXType_UChar: r = builtin(T_UCHAR, t); break;
	case CXType_Short: r = builtin(T_SHORT, t); break;
	case CXType_UShort: r = builtin(T_USHORT, t); break;
	case CXType_Int: r = builtin(T_INT, t); break;
	case CXType_UInt: r = builtin(T_UINT, t); break;
	case CXType_Long: r = builtin(T_LONG, t); break;
	case CXType_ULong: r = builtin(T_ULONG, t); break;
	case CXType_LongLong: r = builtin(T_LLONG, t); break;
	case CXType_ULongLong: r = builtin(T_ULLONG, t); break;
	case CXType_Int128: r = builtin(T_INT128, t); break;
	case CXType_UInt128: r = builtin(T_UINT128, t); break;
	case CXType_WChar: r = builtin(T_WCHAR, t); break;
	case CXType_Char16: r = builtin(T_CHAR16, t); break;
	case CXType_Char32: r = builtin(T_CHAR32, t); break;
	case CXType_Half:
	case CXType_Float16: r = builtin(T_FLOAT16, t); break;
	case CXType_Float: r = builtin(T_FLOAT, t); break;
	case CXType_Double: r = builtin(T_DOUBLE, t); break;
	case CXType_LongDouble: r = builtin(T_LDOUBLE, t); break;
	case CXType_Float128: r = builtin(T_FLOAT128, t); break;
	case CXType_Complex:
		r = builtin(T_COMPLEX, t);
		r->sub = conv(clang_getElementType(t));
		break;
	case CXType_Pointer:
	case CXType_BlockPointer: {
		/* pointers have one size, but into another address space
		 * (void *__ptr32) */
		CXType pt = clang_getPointeeType(t);
		r = sized(T_PTR, t, t.kind == CXType_Pointer && !clang_getAddressSpace(pt));
		r->sub = t.kind == CXType_Pointer ? conv(pt) : new_type(T_VOID);
		/* libclang drops the qualifiers of an attributed pointee (const
		 * char __attribute__((btf_type_tag("a"))) *): the canonical
		 * type keeps them */
		if (t.kind == CXType_Pointer && r->sub->kind != T_ITEM && !r->sub->is_const &&
		    clang_isConstQualifiedType(clang_getPointeeType(clang_getCanonicalType(t))))
			r->sub = set_const(r->sub, true);
		/* void *__ptr32 on x86_64: an integer of its size, as in bindgen */
		if (r->size > 0 && r->size * 8 != ld.unit->ptr_bits) {
			r->kind = T_OPAQUE;
			r->spelling = cx_str(clang_getTypeSpelling(t));
		}
		break;
	}
	case CXType_ConstantArray: {
		bool outer = conv_atomic;
		conv_atomic = false;
		r = new_type(T_ARRAY);
		r->sub = conv(clang_getArrayElementType(t));
		r->len = clang_getArraySize(t);
		/* asking clang would lay out an element record we may have
		 * laid out ourselves */
		if (r->sub->size >= 0 && r->sub->align > 0 && !conv_atomic) {
			r->size = r->len * r->sub->size;
			r->align = r->sub->align;
		} else {
			r->size = clang_Type_getSizeOf(t);
			r->align = clang_Type_getAlignOf(t);
		}
		check_size(t, r->size, r->align, "array");
		conv_atomic |= outer;
		break;
	}
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		r = new_type(T_INCARRAY);
		r->sub = conv(clang_getArrayElementType(t));
		r->size = 0;
		r->align = r->sub->align;
		break;
	case CXType_Vector:
	case CXType_ExtVector:
		r = builtin(T_VECTOR, t);
		r->sub = conv(clang_getElementType(t));
		r->len = clang_getNumElements(t);
		break;
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		r = conv_func(t);
		break;
	case CXType_Elaborated: {
		/* libclang 16 wraps every use of a tag or typedef name in an
		 * elaborated type (struct s, T): one per spelling, so it finds
		 * its item in the table as well as the named type does */
		struct item *it = tmap_get(t);
		if (it) {
			r = item_type(it, t);
			break;
		}
		CXType named = clang_Type_getNamedType(t);
		r = conv(named);
		/* not when the item came from elsewhere (the canonical type
		 * of a typedef without one): that path adds its own const */
		if (r->kind == T_ITEM && tmap_get(named) == r->item)
			tmap_put(t, r->item);
		return cnst ? set_const(r, true) : r;
	}
	case CXType_Attributed:
	case 178:	/* CXType_BTFTagAttributed, libclang 16 */
		r = conv(clang_Type_getModifiedType(t));
		return cnst ? set_const(r, true) : r;
	case CXType_Atomic:
		r = conv(clang_Type_getValueType(t));
		/* bindgen maps _Atomic(T) to T, whose size may differ */
		conv_atomic = true;
		return cnst ? set_const(r, true) : r;
	case CXType_Typedef:
	case CXType_Record:
	case CXType_Enum: {
		struct item *it = tmap_get(t);
		if (!it) {
			it = decl_item(clang_getTypeDeclaration(t));
			if (it)
				tmap_put(t, it);
		}
		if (!it) {
			r = conv(clang_getCanonicalType(t));
			return cnst ? set_const(r, true) : r;
		}
		r = item_type(it, t);
		break;
	}
	default: {
		CXType can = clang_getCanonicalType(t);
		if (can.kind != t.kind && can.kind != CXType_Unexposed) {
			r = conv(can);
			return cnst ? set_const(r, true) : r;
		}
		r = builtin(T_OPAQUE, t);
		r->spelling = cx_str(clang_getTypeSpelling(t));
		break;
	}
	}
	return set_const(r, cnst);
}


/* Names the parameters of the function type inside t (through pointers
 * and arrays) from the ParmDecl children of the declaring cursor c, the way
 * bindgen names the arguments of function pointers. */
struct pn_ctx {
	struct type *f;
};

void name_params(CXCursor c, struct type *t);

static enum CXChildVisitResult pn_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct pn_ctx *pc = d;
	if (clang_getCursorKind(c) != CXCursor_ParmDecl)
		return CXChildVisit_Continue;
	int i = pc->f->fn->pnames.n;
	char *n = cx_str(clang_getCursorSpelling(c));
	vpush(&pc->f->fn->pnames, *n ? n : NULL);
	if (i < pc->f->fn->params.n)
		name_params(c, pc->f->fn->params.v[i]);
	return CXChildVisit_Continue;
}

void name_params(CXCursor c, struct type *t)
{
	while (t && (t->kind == T_PTR || t->kind == T_ARRAY || t->kind == T_INCARRAY))
		t = t->sub;
	if (!t || t->kind != T_FUNC || t->fn->pnames.n)
		return;
	struct pn_ctx pc = { t };
	vreserve(&t->fn->pnames, t->fn->params.n);
	clang_visitChildren(c, pn_visit, &pc);
	if (pc.f->fn->pnames.n > t->fn->params.n)
		t->fn->pnames.n = t->fn->params.n;
}

/* ---- records ---- */

struct rec_ctx {
	struct item *it;
	CXType type;
	VEC(CXCursor) cursors;	/* of it->cfields: FieldDecl or anonymous record */
	bool plain;		/* no bitfield, no attribute, no _Atomic */
	bool kept;		/* comments_kept() */
};

static enum CXChildVisitResult first_field_visit(CXCursor c, CXCursor p, CXClientData d)
{
	CXCursor *out = d;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FieldDecl) {
		/* an unnamed bitfield (int :0;) cannot be asked for */
		if (!*cx_str(clang_getCursorSpelling(c)))
			return CXChildVisit_Continue;
		*out = c;
		return CXChildVisit_Break;
	}
	if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl) &&
	    clang_Cursor_isAnonymousRecordDecl(c)) {
		*out = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* Offset in bits of the anonymous member `anon` in record type `parent`.
 * libclang has no FieldDecl for it: take the first named field inside
 * (depth first) and compare its offsets in the parent and in the member;
 * clang_Type_getOffsetOf looks through anonymous members. */
static long anon_member_offset(CXType parent, CXCursor anon)
{
	CXCursor c = anon;
	for (int depth = 0; depth < 64; depth++) {
		CXCursor f = clang_getNullCursor();
		clang_visitChildren(c, first_field_visit, &f);
		if (clang_Cursor_isNull(f))
			return -1;
		if (clang_getCursorKind(f) == CXCursor_FieldDecl) {
			char *name = cx_str(clang_getCursorSpelling(f));
			if (!*name)
				return -1;
			return clang_Type_getOffsetOf(parent, name) -
			       clang_Type_getOffsetOf(clang_getCursorType(anon), name);
		}
		c = f;
	}
	return -1;
}

static enum CXChildVisitResult record_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct rec_ctx *rc = d;
	struct item *it = rc->it;
	enum CXCursorKind k = clang_getCursorKind(c);

	switch (k) {
	case CXCursor_FieldDecl: {
		struct cfield f = {0};
		f.bitwidth = clang_Cursor_isBitField(c) ? clang_getFieldDeclBitWidth(c) : -1;
		const char *name = f.bitwidth < 0 ? field_name(c) :
				   cx_name(clang_getCursorSpelling(c));
		f.name = *name ? name : NULL;
		conv_atomic = false;
		f.type = conv(clang_getCursorType(c));
		name_params(c, f.type);
		if ((f.bitwidth >= 0 && !ld.own_bitfields) || conv_atomic || clang_Cursor_hasAttrs(c))
			rc->plain = false;
		hpush(&rc->cursors, c);
		const char *comment = rc->kept ? raw_comment(c) : NULL;
		if (comment)
			hpush(&ld.field_comments, ((struct fcomment){ it, it->cfields.n, comment }));
		/* bindgen parses a struct first named in this field with the
		 * field as its location: it gets the field's doc comment */
		struct type *ft = f.type;
		while (ft->kind == T_PTR || ft->kind == T_ARRAY)
			ft = ft->sub;
		if (ft->kind == T_ITEM && ft->item->inner_fwd && !ft->item->comment)
			ft->item->comment = comment;
		hpush(&it->cfields, f);
		break;
	}
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl: {
		/* struct b *p; declares b at file scope in C: only records
		 * defined in here nest */
		if (!clang_isCursorDefinition(c)) {
			in_record_mention = true;
			decl_item(c);
			in_record_mention = false;
			break;
		}
		struct item *child = record_item(c, it, true);
		if (clang_Cursor_isAnonymousRecordDecl(c)) {
			struct cfield f = {0};
			f.type = new_type(T_ITEM);
			f.type->item = child;
			f.type->size = child->size;
			f.type->align = child->align;
			f.bitwidth = -1;
			hpush(&it->cfields, f);
			hpush(&rc->cursors, c);
		}
		break;
	}
	case CXCursor_EnumDecl:
		if (clang_isCursorDefinition(c))
			enum_item(c, it, true);
		else
			decl_item(c);
		break;
	case CXCursor_PackedAttr:
		it->packed_attr = true;
		break;
	case CXCursor_AlignedAttr:
		it->align_attr = true;
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/* Where clang puts field i. */
static long clang_offset(struct rec_ctx *rc, int i)
{
	CXCursor c = rc->cursors.v[i];
	if (clang_getCursorKind(c) == CXCursor_FieldDecl)
		return clang_Cursor_getOffsetOfField(c);
	long off = anon_member_offset(rc->type, c);
	if (off >= 0 || rc->it->kind == I_UNION || !i)
		return off < 0 ? 0 : off;
	/* no named field inside (struct { long : 0; }): it holds no data;
	 * where C's rules put it, after the field before */
	struct cfield *p = &rc->it->cfields.v[i - 1], *f = &rc->it->cfields.v[i];
	long end = p->bitwidth >= 0 ? (p->offset + p->bitwidth + 7) / 8 : p->offset / 8 + p->type->size;
	long a = f->type->align > 0 ? f->type->align : 1;
	if (a > rc->it->align)	/* packing lowers it (#pragma pack(2)) */
		a = rc->it->align;
	return (end + a - 1) / a * a * 8;
}

/* The layout of a record without attributes follows from its fields'
 * sizes and alignments: each field at the next multiple of its
 * alignment.  Asking clang is dear on headers of many structs:
 * clang_Type_getSizeOf runs the record layout builder, and
 * clang_Cursor_getOffsetOfField walks the whole record on every call.
 * Bitfields, on x86 Linux (ld.own_bitfields), as System V lays them out
 * and clang's ItaniumRecordLayoutBuilder::LayoutBitField does: at the
 * next free bit where the whole field fits in an aligned unit of its
 * type's size, else at the next such unit; a width of 0 skips to the
 * next; a field without a name does not align the record; a field after
 * a bitfield begins at a byte.  (Not: a width past its type's, which C
 * refuses.) */
static bool plain_layout(struct item *it)
{
	bool u = it->kind == I_UNION;
	long data = 0, unfilled = 0, size = 0, align = 8;	/* in bits */
	for (int i = 0; i < it->cfields.n; i++) {
		struct cfield *f = &it->cfields.v[i];
		long s = f->type->size * 8, a = f->type->align * 8, w = f->bitwidth;
		if (s < 0 || a <= 0 || w > s)
			return false;
		if (w >= 0) {
			long off = u ? 0 : data - unfilled;
			if (w == 0 || off % a + w > s)
				off = (off + a - 1) / a * a;
			f->offset = off;
			if (u) {
				data = (w + 7) / 8 * 8 > data ? (w + 7) / 8 * 8 : data;
			} else {
				data = (off + w + 7) / 8 * 8;
				unfilled = data - (off + w);
			}
			if (!f->name)
				a = 8;
		} else {
			f->offset = u ? 0 : (data + a - 1) / a * a;
			unfilled = 0;
			data = u && data > s ? data : f->offset + s;
		}
		size = data > size ? data : size;
		align = a > align ? a : align;
	}
	it->size = (size + align - 1) / align * align / 8;
	it->align = align / 8;
	return true;
}

struct item *record_item(CXCursor c, struct item *parent, bool visit)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	CXCursor def = clang_getCursorDefinition(c);
	bool has_def = !clang_Cursor_isNull(def), is_def = clang_equalCursors(c, def);
	struct item *it = map_get(canon);
	enum ikind kind = clang_getCursorKind(c) == CXCursor_UnionDecl ? I_UNION : I_STRUCT;
	const char *name = NULL;
	bool named = false;
	if (!it && !parent && !is_def) {
		/* struct x mentioned in a prototype declares a new type in C;
		 * bindgen knows one x */
		name = tag_name(c);
		named = true;
		it = name ? tag_get(kind, name) : NULL;
		if (it)
			map_put(canon, it);
	}
	if (!it) {
		it = new_item(kind, c, canon, parent);
		it->name = named ? name : tag_name(c);
		it->anonymous = !it->name;
		it->size = it->align = -1;
		it->comment = comment_of(c);
		if (it->name && !parent)
			tag_put(it);
		if (in_record_mention && !has_def) {
			it->inner_fwd = true;
			vpush(&ld.deferred, it);
		} else if (!visit || (has_def && !is_def)) {
			/* a record takes its place at its own declaration (its
			 * definition, if any), not where a type names it */
			vpush(&ld.deferred, it);
		} else {
			attach(it);
		}
	} else if (it->inner_fwd && !in_record_mention) {
		/* declared at file scope after all: a plain forward declaration */
		it->inner_fwd = false;
		attach(it);
	} else if (visit && !has_def && !it->attached) {
		attach(it);
	}
	if (!it->attached && !it->inner_fwd && is_def && visit) {
		if (parent && !it->parent) {
			/* struct foo; at file scope, defined inside bar: foo
			 * keeps its name but bindgen emits it among bar's
			 * inner types, before bar's layout asserts */
			it->attached = true;
			vpush(&parent->children, it);
		} else {
			attach(it);
		}
	}
	if (it->complete || !has_def)
		return it;
	if (!(visit && is_def) && !ld.finishing) {
		if (!it->waiting)
			hpush(&undefined, ((struct undefined){ it, def }));
		it->waiting = true;
		return it;
	}
	/* Fill the definition in once, from the defining cursor; the doc
	 * comment is the first declaration's, as in bindgen. */
	it->complete = true;
	locate(def, it);
	CXType t = clang_getCursorType(def);
	tmap_put(t, it);	/* its uses find it without the cursor map */
	struct rec_ctx rc = { .it = it, .type = t, .kept = comments_kept(def),
			      .plain = ld.own_layouts && !clang_Cursor_hasAttrs(def) };
	if (!it->comment && rc.kept)
		it->comment = raw_comment(def);
	it->open = true;
	clang_visitChildren(def, record_visit, &rc);
	it->open = false;
	hkeep(&it->cfields);
	if (it->cfields.n)
		hpush(&ld.records, it);
	if (!rc.plain || !plain_layout(it)) {
		it->size = clang_Type_getSizeOf(t);
		it->align = clang_Type_getAlignOf(t);
		for (int i = 0; i < it->cfields.n; i++)
			it->cfields.v[i].offset = clang_offset(&rc, i);
	} else if (ld.check_layout) {
		check_size(t, it->size, it->align, "record");
		for (int i = 0; i < it->cfields.n; i++)
			if (it->cfields.v[i].offset != clang_offset(&rc, i))
				fatal("layout check: record %s: field %d at bit %ld; clang says %ld",
				      cx_str(clang_getTypeSpelling(t)), i,
				      it->cfields.v[i].offset, clang_offset(&rc, i));
	}
	hfree(&rc.cursors);
	/* the pointers to it made while its fields were read */
	for (int i = 0; i < open_refs.n; i++) {
		struct type *r = open_refs.v[i];
		if (r->item == it) {
			r->size = it->size;
			r->align = it->align;
			open_refs.v[i--] = open_refs.v[--open_refs.n];
		}
	}
	return it;
}

void define_records(void)
{
	for (int i = 0; i < undefined.n; i++)
		if (!undefined.v[i].it->complete)
			record_item(undefined.v[i].def, NULL, false);
	hfree(&undefined);
}

/* ---- enums ---- */

struct enum_ctx {
	struct item *it;
	bool kept;		/* comments_kept() */
};

static enum CXChildVisitResult enum_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct enum_ctx *ctx = d;
	struct item *it = ctx->it;
	if (clang_getCursorKind(c) != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	struct enumconst ec = {0};
	ec.name = cx_str(clang_getCursorSpelling(c));
	note_decl(ec.name, c);
	ec.comment = ctx->kept ? raw_comment(c) : NULL;
	enum tkind k = it->inttype->kind;
	if (k < T_COMPLEX && arith[k].uns)
		ec.value = (int64_t)clang_getEnumConstantDeclUnsignedValue(c);
	else
		ec.value = clang_getEnumConstantDeclValue(c);
	hpush(&it->consts, ec);
	return CXChildVisit_Continue;
}

struct item *enum_item(CXCursor c, struct item *parent, bool visit)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	struct item *it = map_get(canon);
	CXCursor def = clang_getCursorDefinition(c);
	if (!it) {
		it = new_item(I_ENUM, c, canon, parent);
		it->name = tag_name(c);
		it->anonymous = !it->name;
		vpush(&ld.deferred, it);	/* in case the definition is never visited */
	}
	/* An enum takes its place at its definition (enum E f(void); then
	 * enum E {...}; puts E after f), or at its first declaration when
	 * it has none. */
	if (visit && !it->attached && (clang_Cursor_isNull(def) || clang_equalCursors(c, def)))
		attach(it);
	if (!it->inttype) {
		CXCursor d = clang_Cursor_isNull(def) ? c : def;
		it->inttype = conv(clang_getEnumDeclIntegerType(d));
		CXType t = clang_getCursorType(d);
		tmap_put(t, it);
		it->size = clang_Type_getSizeOf(t);
		it->align = clang_Type_getAlignOf(t);
	}
	if (it->complete || clang_Cursor_isNull(def))
		return it;
	it->complete = true;
	locate(def, it);
	struct enum_ctx ctx = { it, comments_kept(def) };
	it->comment = ctx.kept ? raw_comment(def) : NULL;
	clang_visitChildren(def, enum_visit, &ctx);
	hkeep(&it->consts);
	return it;
}

/* ---- typedefs, functions, variables ---- */

struct item *typedef_item(CXCursor c, bool visit)
{
	/* found by the type of its first declaration (not in the cursor
	 * map: the type table has it anyway) */
	CXCursor canon = clang_getCanonicalCursor(c);
	CXType t = clang_getCursorType(canon);
	struct item *it = tmap_get(t);
	if (it) {
		if (visit && !it->attached)
			attach(it);
		return it;
	}
	/* typedef void __stdcall F(void); on a target without stdcall: clang
	 * gives the declaration the function type itself, not a typedef
	 * type.  bindgen then has no alias: F is dropped and its uses see
	 * the bare function type (arguments unnamed). */
	if (t.kind != CXType_Typedef)
		return NULL;
	it = new_item(I_TYPEDEF, c, canon, NULL);
	tmap_put(t, it);
	it->name = cx_str(clang_getCursorSpelling(c));
	note_decl(it->name, c);
	it->comment = comment_of(c);
	it->complete = true;
	/* a typedef takes its place at its declaration, not where a type
	 * names it (a record's fields read from its forward declaration) */
	if (visit)
		attach(it);
	else
		vpush(&ld.deferred, it);
	CXType under = clang_getTypedefDeclUnderlyingType(c);
	conv_atomic = false;
	it->aliased = conv(under);
	name_params(c, it->aliased);
	/* typedef struct x y; without a comment of its own shows x's, as in
	 * bindgen (the record's declaration carries the comment) */
	if (!it->comment && it->aliased->kind == T_ITEM &&
	    (it->aliased->item->kind == I_STRUCT || it->aliased->item->kind == I_UNION))
		it->comment = it->aliased->item->comment;
	/* typedef struct { ... } name;  names the anonymous record. */
	struct type *a = it->aliased;
	if (a->kind == T_ITEM && a->item->anonymous && !a->item->parent &&
	    (a->item->kind == I_STRUCT || a->item->kind == I_UNION ||
	     a->item->kind == I_ENUM)) {
		a->item->name = it->name;
		a->item->anonymous = false;
		a->item->named_by_typedef = true;
	}
	if (ld.own_layouts && it->aliased->size >= 0 && it->aliased->align > 0 &&
	    !conv_atomic && !clang_Cursor_hasAttrs(c)) {
		it->size = it->aliased->size;
		it->align = it->aliased->align;
		check_size(t, it->size, it->align, "typedef");
	} else {
		it->size = clang_Type_getSizeOf(t);
		it->align = clang_Type_getAlignOf(t);
	}
	return it;
}

