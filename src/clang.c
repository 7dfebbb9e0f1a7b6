/* clang.c: the only file that talks to libclang.  It parses the header and
 * turns the translation unit into the plain C IR of kbindgen.h: one item per
 * declared entity (keyed by canonical cursor), types as struct type trees.
 * Everything after this file works on the IR alone. */
#include <clang-c/Index.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

static CXTranslationUnit tu;
static struct unit *unit;
static struct strmap tags[2];	/* [I_STRUCT], [I_UNION]: name -> top-level record */
/* A struct only ever mentioned inside a record (struct b *p; in a struct,
 * never declared elsewhere) is not a forward declaration for bindgen but
 * an empty type, emitted after everything else. */
static bool in_record_mention;
static itemvec deferred;
static bool conv_atomic;	/* conv() looked through an _Atomic */
static bool own_layouts;	/* Itanium C layout: see plain_layout() */
static bool layout_flags;	/* -mms-bitfields, -fpack-struct=N: ask clang */
static bool check_layout;	/* KBINDGEN_CHECK_LAYOUT: compare with clang's */
static VEC(struct type *) open_refs;	/* T_ITEMs of records being laid out */

/* ---- cursor -> item and type -> item tables ---- */

/* Open addressing over slots of a hash and an index into the entries,
 * which keep the keys: a probe compares hashes before it asks libclang,
 * growing moves slots without asking it, and the slots are small (a
 * header has ten thousand entries, and a table twice or four times as
 * many slots). */
struct slot {
	unsigned hash;
	unsigned idx;		/* 1 + index into the entries; 0: empty */
};

struct table {
	struct slot *slots;
	unsigned cap, n;
};

/* Makes room for one more entry. */
static void table_room(struct table *t)
{
	if (2 * (t->n + 1) <= t->cap)
		return;
	struct slot *old = t->slots;
	unsigned oldcap = t->cap;
	t->cap = t->cap ? t->cap * 2 : 1024;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	for (unsigned i = 0; i < oldcap; i++) {
		if (!old[i].idx)
			continue;
		unsigned j = old[i].hash & (t->cap - 1);
		while (t->slots[j].idx)
			j = (j + 1) & (t->cap - 1);
		t->slots[j] = old[i];
	}
	free(old);
}

/* Cursors: canonical declarations. */
static struct table map;
static VEC(struct cent { CXCursor c; struct item *it; }) cents;

static struct slot *map_find(CXCursor c, unsigned h)
{
	for (unsigned i = h & (map.cap - 1);; i = (i + 1) & (map.cap - 1)) {
		struct slot *s = &map.slots[i];
		if (!s->idx || (s->hash == h && clang_equalCursors(cents.v[s->idx - 1].c, c)))
			return s;
	}
}

static void map_put(CXCursor c, struct item *it)
{
	table_room(&map);
	unsigned h = clang_hashCursor(c);
	struct slot *s = map_find(c, h);
	if (s->idx) {
		cents.v[s->idx - 1].it = it;
		return;
	}
	hpush(&cents, ((struct cent){ c, it }));
	*s = (struct slot){ h, cents.n };
	map.n++;
}

static struct item *map_get(CXCursor c)
{
	if (!map.cap)
		return NULL;
	struct slot *s = map_find(c, clang_hashCursor(c));
	return s->idx ? cents.v[s->idx - 1].it : NULL;
}

/* Types.  conv() meets the same typedef, record and enum types over and
 * over; finding their item through clang_getTypeDeclaration, the
 * canonical cursor and the cursor map costs more than this table.  Types
 * compare with clang_equalTypes, which compares the type pointer in
 * data[0]: that pointer is the hash. */
static struct table tmap;
static VEC(struct tent { CXType t; struct item *it; }) tents;

static unsigned type_hash(CXType t)
{
	return ((uintptr_t)t.data[0] * 0x9e3779b97f4a7c15ull) >> 32;
}

static struct slot *tmap_find(CXType t, unsigned h)
{
	for (unsigned i = h & (tmap.cap - 1);; i = (i + 1) & (tmap.cap - 1)) {
		struct slot *s = &tmap.slots[i];
		if (!s->idx || (s->hash == h && clang_equalTypes(tents.v[s->idx - 1].t, t)))
			return s;
	}
}

static void tmap_put(CXType t, struct item *it)
{
	table_room(&tmap);
	unsigned h = type_hash(t);
	struct slot *s = tmap_find(t, h);
	if (s->idx) {
		tents.v[s->idx - 1].it = it;
		return;
	}
	hpush(&tents, ((struct tent){ t, it }));
	*s = (struct slot){ h, tents.n };
	tmap.n++;
}

static struct item *tmap_get(CXType t)
{
	if (!tmap.cap)
		return NULL;
	struct slot *s = tmap_find(t, type_hash(t));
	return s->idx ? tents.v[s->idx - 1].it : NULL;
}

/* ---- small helpers ---- */

static char *str(CXString s)
{
	const char *p = clang_getCString(s);
	char *r = astrdup(p ? p : "");
	clang_disposeString(s);
	return r;
}

static void locate(CXCursor c, struct item *it)
{
	/* consecutive items are mostly in one file: name it once */
	static CXFile last;
	static const char *last_name;
	CXFile f;
	unsigned line = 0, col = 0;
	/* line and column cost a scan of the file; only --emit-ir shows them */
	clang_getFileLocation(clang_getCursorLocation(c), &f, opt.emit_ir ? &line : NULL,
			      opt.emit_ir ? &col : NULL, NULL);
	it->line = line;
	it->col = col;
	if (!f) {
		it->is_builtin = true;
		return;
	}
	if (f != last) {
		last = f;
		last_name = str(clang_getFileName(f));
	}
	it->file = last_name;
}

/* clang drops the comments of system headers while it parses unless told
 * to keep them, and a declaration's comment is in its own file: there is
 * then nothing to ask for (the query costs a lookup and a copy).  Fields
 * and enum constants are in their parent's file: it is asked once. */
static bool system_comments_kept;

static bool comments_kept(CXCursor c)
{
	return system_comments_kept ||
	       !clang_Location_isInSystemHeader(clang_getCursorLocation(c));
}

static const char *raw_comment(CXCursor c)
{
	/* read even with --no-doc-comments: annotations live there */
	CXString s = clang_Cursor_getRawCommentText(c);
	const char *p = clang_getCString(s);
	char *r = p && *p ? astrdup(p) : NULL;
	clang_disposeString(s);
	if (r)
		unit->comments = true;
	return r;
}

static const char *comment_of(CXCursor c)
{
	return comments_kept(c) ? raw_comment(c) : NULL;
}

/* The tag name of a record or enum, NULL when it has none.  libclang 16
 * spells unnamed records "struct (unnamed at f.h:1:2)", 14 spells them "";
 * never build names from that. */
static const char *tag_name(CXCursor c)
{
	if (clang_Cursor_isAnonymous(c))
		return NULL;
	char *s = str(clang_getCursorSpelling(c));
	if (!*s || strchr(s, ' ') || strchr(s, '('))
		return NULL;
	return s;
}

static struct type *new_type(enum tkind k)
{
	struct type *t = alloc(sizeof *t);
	t->kind = k;
	t->size = t->align = -1;
	return t;
}

/* A new item for the declaration c, known from now on by its canonical
 * cursor canon (which the callers have looked up already). */
static struct item *new_item(enum ikind k, CXCursor c, CXCursor canon, struct item *parent)
{
	struct item *it = alloc(sizeof *it);
	it->kind = k;
	it->parent = parent;
	it->size = it->align = -1;	/* until known */
	locate(c, it);
	map_put(canon, it);
	return it;
}

static void attach(struct item *it)
{
	it->attached = true;
	if (it->parent)
		vpush(&it->parent->children, it);
	else
		vpush(&unit->items, it);
}

static struct item *record_item(CXCursor c, struct item *parent);
static struct item *enum_item(CXCursor c, struct item *parent);
static struct item *typedef_item(CXCursor c);

/* ---- types ---- */

static struct type *conv(CXType t);

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
static struct type *set_const(struct type *r, bool c)
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
		return record_item(p, decl_parent(p));
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
		return record_item(d, decl_parent(d));
	case CXCursor_EnumDecl:
		return enum_item(d, decl_parent(d));
	case CXCursor_TypedefDecl:
		return typedef_item(d);
	default:
		return NULL;
	}
}

/* KBINDGEN_CHECK_LAYOUT=1: every size and alignment kbindgen works out
 * itself is compared with clang's; the tests run with it. */
static void check_size(CXType t, long size, long align, const char *what)
{
	if (!check_layout)
		return;
	long cs = clang_Type_getSizeOf(t), ca = clang_Type_getAlignOf(t);
	if (cs != size || ca != align)
		fatal("layout check: %s %s: size %ld, align %ld; clang says %ld, %ld", what,
		      str(clang_getTypeSpelling(t)), size, align, cs, ca);
}

static struct type *conv_func(CXType t)
{
	struct type *r = new_type(T_FUNC);
	r->ret = conv(clang_getResultType(t));
	r->noproto = t.kind == CXType_FunctionNoProto;
	if (!r->noproto) {
		int n = clang_getNumArgTypes(t);
		for (int i = 0; i < n; i++)
			vpush(&r->params, conv(clang_getArgType(t, i)));
		r->variadic = clang_isFunctionTypeVariadic(t);
	}
	switch (clang_getFunctionTypeCallingConv(t)) {
	case CXCallingConv_C: r->cc = CC_C; break;
	case CXCallingConv_X86StdCall: r->cc = CC_STDCALL; break;
	case CXCallingConv_X86FastCall: r->cc = CC_FASTCALL; break;
	case CXCallingConv_X86ThisCall: r->cc = CC_THISCALL; break;
	case CXCallingConv_X86VectorCall: r->cc = CC_VECTORCALL; break;
	case CXCallingConv_AAPCS: r->cc = CC_AAPCS; break;
	case CXCallingConv_X86_64Win64: r->cc = CC_WIN64; break;
	default: r->cc = CC_OTHER; break;
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

static struct type *conv(CXType t)
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
		if (r->size > 0 && r->size * 8 != unit->ptr_bits) {
			r->kind = T_OPAQUE;
			r->spelling = str(clang_getTypeSpelling(t));
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
		r->spelling = str(clang_getTypeSpelling(t));
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

static void name_params(CXCursor c, struct type *t);

static enum CXChildVisitResult pn_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct pn_ctx *pc = d;
	if (clang_getCursorKind(c) != CXCursor_ParmDecl)
		return CXChildVisit_Continue;
	int i = pc->f->pnames.n;
	char *n = str(clang_getCursorSpelling(c));
	vpush(&pc->f->pnames, *n ? n : NULL);
	if (i < pc->f->params.n)
		name_params(c, pc->f->params.v[i]);
	return CXChildVisit_Continue;
}

static void name_params(CXCursor c, struct type *t)
{
	while (t && (t->kind == T_PTR || t->kind == T_ARRAY || t->kind == T_INCARRAY))
		t = t->sub;
	if (!t || t->kind != T_FUNC || t->pnames.n)
		return;
	struct pn_ctx pc = { t };
	clang_visitChildren(c, pn_visit, &pc);
	if (pc.f->pnames.n > t->params.n)
		t->pnames.n = t->params.n;
}

/* ---- records ---- */

struct rec_ctx {
	struct item *it;
	CXType type;
	VEC(CXCursor) cursors;	/* of it->fields: FieldDecl or anonymous record */
	bool plain;		/* no bitfield, no attribute, no _Atomic */
	bool kept;		/* comments_kept() */
};

static enum CXChildVisitResult first_field_visit(CXCursor c, CXCursor p, CXClientData d)
{
	CXCursor *out = d;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FieldDecl) {
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
			return 0;
		if (clang_getCursorKind(f) == CXCursor_FieldDecl) {
			char *name = str(clang_getCursorSpelling(f));
			if (!*name)
				return 0;
			return clang_Type_getOffsetOf(parent, name) -
			       clang_Type_getOffsetOf(clang_getCursorType(anon), name);
		}
		c = f;
	}
	return 0;
}

static enum CXChildVisitResult record_visit(CXCursor c, CXCursor p, CXClientData d)
{
	struct rec_ctx *rc = d;
	struct item *it = rc->it;
	enum CXCursorKind k = clang_getCursorKind(c);

	switch (k) {
	case CXCursor_FieldDecl: {
		struct field f = {0};
		char *name = str(clang_getCursorSpelling(c));
		f.name = *name ? name : NULL;
		conv_atomic = false;
		f.type = conv(clang_getCursorType(c));
		name_params(c, f.type);
		f.bitwidth = clang_Cursor_isBitField(c) ? clang_getFieldDeclBitWidth(c) : -1;
		if (f.bitwidth >= 0 || conv_atomic || clang_Cursor_hasAttrs(c))
			rc->plain = false;
		hpush(&rc->cursors, c);
		f.comment = rc->kept ? raw_comment(c) : NULL;
		/* bindgen parses a struct first named in this field with the
		 * field as its location: it gets the field's doc comment */
		struct type *ft = f.type;
		while (ft->kind == T_PTR || ft->kind == T_ARRAY)
			ft = ft->sub;
		if (ft->kind == T_ITEM && ft->item->inner_fwd && !ft->item->comment)
			ft->item->comment = f.comment;
		hpush(&it->fields, f);
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
		struct item *child = record_item(c, it);
		if (clang_Cursor_isAnonymousRecordDecl(c)) {
			struct field f = {0};
			f.type = new_type(T_ITEM);
			f.type->item = child;
			f.type->size = child->size;
			f.type->align = child->align;
			f.bitwidth = -1;
			hpush(&it->fields, f);
			hpush(&rc->cursors, c);
		}
		break;
	}
	case CXCursor_EnumDecl:
		if (clang_isCursorDefinition(c))
			enum_item(c, it);
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
	return anon_member_offset(rc->type, c);
}

/* The layout of a record without bitfields and attributes follows from
 * its fields' sizes and alignments: each field at the next multiple of its
 * alignment.  Asking clang is dear on headers of many structs:
 * clang_Type_getSizeOf runs the record layout builder, and
 * clang_Cursor_getOffsetOfField walks the whole record on every call. */
static bool plain_layout(struct item *it)
{
	long end = 0, align = 1;
	for (int i = 0; i < it->fields.n; i++) {
		struct field *f = &it->fields.v[i];
		long s = f->type->size, a = f->type->align;
		if (s < 0 || a <= 0)
			return false;
		if (it->kind == I_STRUCT) {
			f->offset = (end + a - 1) / a * a * 8;
			end = f->offset / 8 + s;
		} else {
			f->offset = 0;
			end = s > end ? s : end;
		}
		align = a > align ? a : align;
	}
	it->size = (end + align - 1) / align * align;
	it->align = align;
	return true;
}

static struct item *record_item(CXCursor c, struct item *parent)
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
		it = name ? strmap_get(&tags[kind], name) : NULL;
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
			strmap_put(&tags[kind], it->name, it);
		if (in_record_mention && !has_def) {
			it->inner_fwd = true;
			vpush(&deferred, it);
		} else if (has_def && !is_def) {
			/* a record takes its place at its definition */
			vpush(&deferred, it);
		} else {
			attach(it);
		}
	} else if (it->inner_fwd && !in_record_mention) {
		/* declared at file scope after all: a plain forward declaration */
		it->inner_fwd = false;
		attach(it);
	}
	if (!it->attached && !it->inner_fwd && is_def) {
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
	/* Fill the definition in once, from the defining cursor; the doc
	 * comment is the first declaration's, as in bindgen. */
	it->complete = true;
	locate(def, it);
	CXType t = clang_getCursorType(def);
	tmap_put(t, it);	/* its uses find it without the cursor map */
	struct rec_ctx rc = { .it = it, .type = t, .kept = comments_kept(def),
			      .plain = own_layouts && !clang_Cursor_hasAttrs(def) };
	if (!it->comment && rc.kept)
		it->comment = raw_comment(def);
	it->open = true;
	clang_visitChildren(def, record_visit, &rc);
	it->open = false;
	hkeep(&it->fields);
	if (!rc.plain || !plain_layout(it)) {
		it->size = clang_Type_getSizeOf(t);
		it->align = clang_Type_getAlignOf(t);
		for (int i = 0; i < it->fields.n; i++)
			it->fields.v[i].offset = clang_offset(&rc, i);
	} else if (check_layout) {
		check_size(t, it->size, it->align, "record");
		for (int i = 0; i < it->fields.n; i++)
			if (it->fields.v[i].offset != clang_offset(&rc, i))
				fatal("layout check: record %s: field %d at bit %ld; clang says %ld",
				      str(clang_getTypeSpelling(t)), i,
				      it->fields.v[i].offset, clang_offset(&rc, i));
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
	ec.name = str(clang_getCursorSpelling(c));
	ec.comment = ctx->kept ? raw_comment(c) : NULL;
	enum tkind k = it->inttype->kind;
	if (k < T_COMPLEX && arith[k].uns)
		ec.value = (int64_t)clang_getEnumConstantDeclUnsignedValue(c);
	else
		ec.value = clang_getEnumConstantDeclValue(c);
	hpush(&it->consts, ec);
	return CXChildVisit_Continue;
}

static struct item *enum_item(CXCursor c, struct item *parent)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	struct item *it = map_get(canon);
	CXCursor def = clang_getCursorDefinition(c);
	if (!it) {
		it = new_item(I_ENUM, c, canon, parent);
		it->name = tag_name(c);
		it->anonymous = !it->name;
		vpush(&deferred, it);	/* in case the definition is never visited */
	}
	/* An enum takes its place at its definition (enum E f(void); then
	 * enum E {...}; puts E after f), or at its first declaration when
	 * it has none. */
	if (!it->attached && (clang_Cursor_isNull(def) || clang_equalCursors(c, def)))
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

static struct item *typedef_item(CXCursor c)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	struct item *it = map_get(canon);
	if (it)
		return it;
	/* typedef void __stdcall F(void); on a target without stdcall: clang
	 * gives the declaration the function type itself, not a typedef
	 * type.  bindgen then has no alias: F is dropped and its uses see
	 * the bare function type (arguments unnamed). */
	CXType t = clang_getCursorType(c);
	if (t.kind != CXType_Typedef)
		return NULL;
	it = new_item(I_TYPEDEF, c, canon, NULL);
	tmap_put(t, it);
	it->name = str(clang_getCursorSpelling(c));
	it->comment = comment_of(c);
	it->complete = true;
	attach(it);
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
	if (own_layouts && it->aliased->size >= 0 && it->aliased->align > 0 &&
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
		clang_tokenize(tu, clang_getCursorExtent(c), &toks, &n);
		for (unsigned i = 0; i < n; i++) {
			char *s = str(clang_getTokenSpelling(tu, toks[i]));
			if (streq(s, "noreturn") || streq(s, "_Noreturn") ||
			    streq(s, "__noreturn__"))
				it->no_return = true;
		}
		clang_disposeTokens(tu, toks, n);
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
		elf = !strstr(unit->triple, "apple") && !strstr(unit->triple, "darwin") &&
		      !strstr(unit->triple, "windows") && !strstr(unit->triple, "win32") &&
		      !strstr(unit->triple, "mingw") && !strstr(unit->triple, "cygwin") &&
		      !strstr(unit->triple, "uefi");
	return !elf || (clang_Cursor_hasAttrs(c) && may_rename(c));
}

/* The symbol of a function or variable, when it is not its C name. */
static void symbol(CXCursor c, struct item *it)
{
	if (!needs_mangling(c))
		return;
	char *mangled = str(clang_Cursor_getMangling(c));
	if (*mangled && !streq(mangled, it->name))
		it->link_name = mangled;
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

static void func_item(CXCursor c)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	if (map_get(canon))
		return;
	struct item *it = new_item(I_FUNC, c, canon, NULL);
	it->name = str(clang_getCursorSpelling(c));
	it->comment = comment_of(c);
	CXType ft = clang_getCursorType(c);
	if (ft.kind != CXType_FunctionProto && ft.kind != CXType_FunctionNoProto)
		ft = clang_getCanonicalType(ft);	/* declared through a typedef */
	it->type = conv(ft);
	if (it->type->kind != T_FUNC)
		return;
	int n = clang_Cursor_getNumArguments(c);
	for (int i = 0; i < n; i++) {
		CXCursor a = clang_Cursor_getArgument(c, i);
		char *pn = str(clang_getCursorSpelling(a));
		vpush(&it->type->pnames, *pn ? pn : NULL);
		if (i < it->type->params.n)
			name_params(a, it->type->params.v[i]);
	}
	it->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	it->is_inline = clang_Cursor_isFunctionInlined(c);
	if (it->is_static && opt.wrap_static_fns) {
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
	symbol(c, it);
	if (opt.fn_attr_detection) {
		clang_visitChildren(c, attr_visit, it);
		/* __attribute__((noreturn)) lives on the function type; _Noreturn
		 * is an attribute cursor, seen above.  (Not pretty-printing the
		 * declaration: libclang 16 crashes printing assume_aligned.) */
		char *ts = str(clang_getTypeSpelling(clang_getCursorType(c)));
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
static void evaluate(CXCursor c, struct item *it, bool strings)
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
	if ((k >= T_BOOL && k <= T_FLOAT128) || chars)
		evaluate(c, it, true);
}

static void var_item(CXCursor c)
{
	CXCursor canon = clang_getCanonicalCursor(c);
	struct item *it = map_get(canon);
	if (it) {
		/* a later definition may carry the initializer */
		if (!it->has_val && clang_isCursorDefinition(c))
			eval_var(c, it);
		return;
	}
	it = new_item(I_VAR, c, canon, NULL);
	it->name = str(clang_getCursorSpelling(c));
	it->comment = comment_of(c);
	it->type = conv(clang_getCursorType(c));
	name_params(c, it->type);
	/* const int a[2] is an array of const: the variable is immutable */
	for (struct type *t = it->type; t->kind == T_ARRAY || t->kind == T_INCARRAY; t = t->sub)
		if (t->sub->is_const)
			it->type = set_const(it->type, true);
	it->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	symbol(c, it);
	eval_var(c, it);
	attach(it);
}

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
	char *name = str(clang_getCursorSpelling(c));
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
	clang_tokenize(tu, clang_getCursorExtent(c), &toks, &n);
	if (!n)
		return;
	struct item *it = alloc(sizeof *it);
	*it = tmp;
	it->name = str(clang_getTokenSpelling(tu, toks[0]));
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
		mt[m].s = str(clang_getTokenSpelling(tu, toks[i]));
		m++;
	}
	clang_disposeTokens(tu, toks, n);
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
	} else if (m > 0 && opt.clang_macro_fallback) {
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
	char *abs = realpath(opt.header, NULL);
	bprintf(&src, "#include \"%s\"\n", abs ? abs : opt.header);
	free(abs);
	for (int i = 0; i < fallback.n; i++)
		bprintf(&src, "__auto_type __kbindgen_macro_%d = (%s);\n", i, fallback.v[i]->name);
	const char *path = fmt("%s.kbindgen-macros.c", opt.header);
	struct CXUnsavedFile uf = { path, bstr(&src), src.len };
	/* the same arguments, but no dependency file: -MD, -MMD, -MF x,
	 * -Wp,-MMD,x would make this parse rewrite the user's */
	int argc = 0;
	const char **argv = alloc(sizeof *argv * (opt.clang_args.n + 2));
	for (int i = 0; i < opt.clang_args.n; i++) {
		const char *a = opt.clang_args.v[i];
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
		record_item(c, NULL);
		break;
	case CXCursor_EnumDecl:
		enum_item(c, NULL);
		break;
	case CXCursor_TypedefDecl:
		typedef_item(c);
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

static bool report_diagnostics(void)
{
	bool ok = true;
	unsigned n = clang_getNumDiagnostics(tu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev >= CXDiagnostic_Error)
			ok = false;
		if (sev != CXDiagnostic_Ignored) {
			char *s = str(clang_formatDiagnostic(d,
				clang_defaultDiagnosticDisplayOptions()));
			fprintf(stderr, "%s\n", s);
		}
		clang_disposeDiagnostic(d);
	}
	return ok;
}

static void inclusion(CXFile f, CXSourceLocation *stack, unsigned n, CXClientData d)
{
	vpush(&unit->deps, str(clang_getFileName(f)));
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
	printf("%*s%s '%s'", 2 * depth, "", str(clang_getCursorKindSpelling(clang_getCursorKind(c))),
	       str(clang_getCursorSpelling(c)));
	if (t.kind != CXType_Invalid)
		printf(" type '%s' (%s)", str(clang_getTypeSpelling(t)),
		       str(clang_getTypeKindSpelling(t.kind)));
	printf(" %u:%u\n", line, col);
	clang_visitChildren(c, ast_visit, (CXClientData)(intptr_t)(depth + 1));
	return CXChildVisit_Continue;
}

/* --dump-preprocessed-input: bindgen writes the preprocessed header to
 * __bindgen.i in the current directory, with the same clang arguments.
 * libclang has no preprocessor output: run the clang of our libclang. */
void dump_preprocessed(void)
{
	const char *clang = fmt("%s/bin/clang", KB_LLVM_DIR);
	int n = opt.clang_args.n;
	char **argv = alloc(sizeof *argv * (n + 6));
	int k = 0;
	argv[k++] = (char *)clang;
	argv[k++] = "-E";
	for (int i = 0; i < n; i++)
		argv[k++] = opt.clang_args.v[i];
	argv[k++] = (char *)opt.header;
	argv[k++] = "-o";
	argv[k++] = "__bindgen.i";
	if (run_wait(argv))
		fatal("--dump-preprocessed-input: %s -E failed", clang);
}

bool parse_unit(struct unit *u)
{
	unit = u;
	CXIndex idx = clang_createIndex(0, 0);
	int argc = opt.clang_args.n;
	const char **argv = alloc(sizeof *argv * (argc + 1));
	for (int i = 0; i < argc; i++) {
		argv[i] = opt.clang_args.v[i];
		if (streq(argv[i], "-fretain-comments-from-system-headers"))
			system_comments_kept = true;
		/* flags that change how clang lays records out */
		if (streq(argv[i], "-mms-bitfields") || startswith(argv[i], "-fpack-struct") ||
		    startswith(argv[i], "-fms-layout-compatibility"))
			layout_flags = true;
	}
	unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
			 CXTranslationUnit_SkipFunctionBodies;
	enum CXErrorCode e = clang_parseTranslationUnit2(idx, opt.header, argv, argc,
							 NULL, 0, flags, &tu);
	if (e != CXError_Success || !tu) {
		error("%s: libclang could not parse the header (error %d)", opt.header, e);
		return false;
	}
	return report_diagnostics();
}

void load_unit(struct unit *u)
{
	if (opt.emit_clang_ast) {
		clang_visitChildren(clang_getTranslationUnitCursor(tu), ast_visit, 0);
		fflush(stdout);
	}

	CXTargetInfo ti = clang_getTranslationUnitTargetInfo(tu);
	u->triple = str(clang_TargetInfo_getTriple(ti));
	u->ptr_bits = clang_TargetInfo_getPointerWidth(ti);
	clang_TargetInfo_dispose(ti);
	/* the targets whose C records clang lays out the Itanium way */
	own_layouts = !strstr(u->triple, "windows") && !strstr(u->triple, "aix") &&
		      !layout_flags;
	check_layout = getenv("KBINDGEN_CHECK_LAYOUT");

	clang_visitChildren(clang_getTranslationUnitCursor(tu), top_visit, NULL);
	for (int i = 0; i < deferred.n; i++)
		if (!deferred.v[i]->attached)
			attach(deferred.v[i]);
	if (fallback.n)
		macro_fallback();
	if (opt.depfile)
		clang_getInclusions(tu, inclusion, NULL);
}

const char *clang_version_string(void)
{
	return str(clang_getClangVersion());
}
