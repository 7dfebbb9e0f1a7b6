/* emit.c: the IR as Rust text, in source order: each item as style.c
 * decided it (records are record.c's, the --dynamic-loading struct
 * dynamic.c's), then the prelude: the header comment, the raw lines and
 * the support types the items used.  It prints; it decides nothing. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "kbindgen.h"
#include "rt.h"

static const struct opts *conf;

static void emit_item(struct buf *o, struct item *it);

static void emit_children(struct buf *o, struct item *it)
{
	for (int i = 0; i < it->children.n; i++)
		emit_item(o, it->children.v[i]);
}

/* ---- enums ---- */

static void bitops(struct buf *o, const char *n)
{
	const char *s = rust_std();
	bprintf(o, "impl %s::ops::BitOr<%s> for %s {\n", s, n, n);
	bprintf(o, "    type Output = Self;\n    #[inline]\n");
	bprintf(o, "    fn bitor(self, other: Self) -> Self {\n        %s(self.0 | other.0)\n    }\n}\n", n);
	bprintf(o, "impl %s::ops::BitOrAssign for %s {\n    #[inline]\n", s, n);
	bprintf(o, "    fn bitor_assign(&mut self, rhs: %s) {\n        self.0 |= rhs.0;\n    }\n}\n", n);
	bprintf(o, "impl %s::ops::BitAnd<%s> for %s {\n", s, n, n);
	bprintf(o, "    type Output = Self;\n    #[inline]\n");
	bprintf(o, "    fn bitand(self, other: Self) -> Self {\n        %s(self.0 & other.0)\n    }\n}\n", n);
	bprintf(o, "impl %s::ops::BitAndAssign for %s {\n    #[inline]\n", s, n);
	bprintf(o, "    fn bitand_assign(&mut self, rhs: %s) {\n        self.0 &= rhs.0;\n    }\n}\n", n);
}

/* pub const NAME: TY = VAL; at indentation ind: the common case put
 * together, not formatted (enums and macros have thousands of
 * constants) */
static void const_line(struct buf *o, int ind, const char *name, const char *ty, const char *val)
{
	if (ind + 16 + strlen(name) + strlen(ty) + strlen(val) > MAX_WIDTH) {
		eq_line(o, ind, fmt("pub const %s: %s = ", name, ty), val);
		return;
	}
	indent(o, ind);
	bputs_all(o, "pub const ", name, ": ", ty, " = ", val, ";\n", NULL);
}

static void enum_consts(struct buf *o, struct item *it, const char *ty, bool uns)
{
	const char *n = it->rname;
	char num[NUM];
	if (!it->complete) {
		/* never defined: bindgen guesses int */
		doc(o, 0, it->comment);
		bprintf(o, "pub type %s = i32;\n", n);
		return;
	}
	for (int i = 0; i < it->consts.n; i++) {
		struct enumconst *c = &it->consts.v[i];
		doc(o, 0, c->comment);
		const_line(o, 0, c->rname, n, int_lit(num, c->value, uns));
	}
	if (it->st->typedef_named)
		return;
	doc(o, 0, it->comment);
	bprintf(o, "pub type %s = %s;\n", n, ty);
}

static void enum_module(struct buf *o, struct item *it, const char *ty, bool uns)
{
	char num[NUM];
	bprintf(o, "pub mod %s {\n    #[allow(unused_imports)]\n    use super::*;\n", it->rname);
	doc(o, 4, it->comment);
	bprintf(o, "    pub type Type = %s;\n", ty);
	for (int i = 0; i < it->consts.n; i++) {
		struct enumconst *c = &it->consts.v[i];
		doc(o, 4, c->comment);
		const_line(o, 4, rust_ident(c->name), "Type", int_lit(num, c->value, uns));
	}
	bputs(o, "}\n");
}

static void enum_newtype(struct buf *o, struct item *it, const char *ty, bool uns)
{
	const char *n = it->rname;
	char num[NUM];
	if (it->anonymous || it->estyle == ES_NEWTYPE_GLOBAL) {
		for (int i = 0; i < it->consts.n; i++) {
			struct enumconst *c = &it->consts.v[i];
			doc(o, 0, c->comment);
			const_line(o, 0, c->rname, n, fmt("%s(%s)", n, int_lit(num, c->value, uns)));
		}
	} else if (it->consts.n) {
		bprintf(o, "impl %s {\n", n);
		for (int i = 0; i < it->consts.n; i++) {
			struct enumconst *c = &it->consts.v[i];
			doc(o, 4, c->comment);
			const_line(o, 4, rust_ident(c->name), n,
				   fmt("%s(%s)", n, int_lit(num, c->value, uns)));
		}
		bputs(o, "}\n");
	}
	if (it->estyle == ES_BITFIELD)
		bitops(o, n);
	bputs(o, "#[repr(transparent)]\n");
	doc(o, 0, it->comment);
	attr_lines(o, &it->st->attrs);
	bprintf(o, "#[derive(%s)]\n", it->st->derives);
	bprintf(o, "pub struct %s(pub %s);\n", n, ty);
}

/* bindgen's order: a constant annotated <div rustbindgen constant> (unless
 * last) waits until the others are placed.  A value seen before is an
 * alias: an associated const (named enum) or a const; a new one is a
 * variant, which an unnamed enum or the annotation also exports as a
 * const. */
static void enum_rust(struct buf *o, struct item *it, bool uns)
{
	const char *n = it->rname;
	char num[NUM];
	int nc = it->consts.n, order[nc > 0 ? nc : 1], no = 0, variants[nc > 0 ? nc : 1], nv = 0;
	for (int i = 0; i < nc; i++)
		if (!ANN(&it->consts.v[i])->hide &&
		    (!ANN(&it->consts.v[i])->constant || i == nc - 1))
			order[no++] = i;
	for (int i = 0; i < nc - 1; i++)
		if (!ANN(&it->consts.v[i])->hide && ANN(&it->consts.v[i])->constant)
			order[no++] = i;
	for (int k = 0; k < no; k++) {
		struct enumconst *c = &it->consts.v[order[k]], *d = NULL;
		for (int j = 0; j < nv && !d; j++)
			if (it->consts.v[variants[j]].value == c->value)
				d = &it->consts.v[variants[j]];
		if (d && !it->anonymous) {
			bprintf(o, "impl %s {\n", n);
			eq_line(o, 4, fmt("pub const %s: %s = ", rust_ident(c->name), n),
				fmt("%s::%s", n, rust_ident(d->name)));
			bputs(o, "}\n");
		} else if (d) {
			eq_line(o, 0, fmt("pub const %s: %s = ", c->rname, n),
				fmt("%s::%s", n, rust_ident(d->name)));
		} else {
			variants[nv++] = order[k];
			if (it->anonymous || ANN(c)->constant)
				eq_line(o, 0, fmt("pub const %s: %s = ", c->rname, n),
					fmt("%s::%s", n, rust_ident(c->name)));
		}
	}
	bprintf(o, "#[repr(%s)]\n", enum_repr(it));
	if (it->estyle == ES_RUST_NE)
		bputs(o, "#[non_exhaustive]\n");
	doc(o, 0, it->comment);
	attr_lines(o, &it->st->attrs);
	bprintf(o, "#[derive(%s)]\n", it->st->derives);
	bprintf(o, "pub enum %s {\n", n);
	for (int j = 0; j < nv; j++) {
		struct enumconst *c = &it->consts.v[variants[j]];
		doc(o, 4, c->comment);
		bprintf(o, "    %s = %s,\n", rust_ident(c->name), int_lit(num, c->value, uns));
	}
	if (!nv)
		bputs(o, "    __bindgen_cannot_repr_c_on_empty_enum = 0,\n");
	bputs(o, "}\n");
}

static void emit_enum(struct buf *o, struct item *it)
{
	const char *ty = conf->translate_enum_int_types ? enum_repr(it) : rty(it->inttype);
	bool uns = is_unsigned(it->inttype);
	switch (it->estyle) {
	case ES_CONSTS:
		enum_consts(o, it, ty, uns);
		break;
	case ES_MODULE:
		enum_module(o, it, ty, uns);
		break;
	case ES_BITFIELD:
	case ES_NEWTYPE:
	case ES_NEWTYPE_GLOBAL:
		enum_newtype(o, it, ty, uns);
		break;
	case ES_RUST:
	case ES_RUST_NE:
		enum_rust(o, it, uns);
		break;
	}
}

/* ---- typedefs ---- */

static void newtype_alias(struct buf *o, struct item *it)
{
	const struct style *st = it->st;
	struct type *a = it->aliased;
	bputs(o, "#[repr(transparent)]\n");
	attr_lines(o, &st->attrs);
	if (st->derives)
		bprintf(o, "#[derive(%s)]\n", st->derives);
	const char *inner = a->kind == T_FUNC ? fn_ptr(a) : rty(a);
	bprintf(o, "pub struct %s(%spub %s);\n", it->rname, st->field0_attrs, inner);
	if (it->astyle == AS_NEWTYPE_DEREF) {
		bprintf(o, "impl %s::ops::Deref for %s {\n    type Target = %s;\n", rust_std(),
			it->rname, inner);
		bputs(o, "    #[inline]\n    fn deref(&self) -> &Self::Target {\n"
			 "        &self.0\n    }\n}\n");
		bprintf(o, "impl %s::ops::DerefMut for %s {\n    #[inline]\n", rust_std(), it->rname);
		bputs(o, "    fn deref_mut(&mut self) -> &mut Self::Target {\n"
			 "        &mut self.0\n    }\n}\n");
	}
}

static void emit_typedef(struct buf *o, struct item *it)
{
	struct type *a = it->aliased;
	/* size_t is usize; typedef struct foo foo; and the typedef that named
	 * an anonymous record: the record carries the name already */
	if (it->alias || it->names_itself)
		return;
	doc(o, 0, it->comment);
	if (it->opaque) {
		bprintf(o, "pub type %s = %s;\n", it->rname, blob(it->size, it->align));
		return;
	}
	/* an alias of an enum re-exports it */
	if (it->st->use_alias) {
		bprintf(o, "pub use self::%s as %s;\n", rty(a), it->rname);
		return;
	}
	if (it->astyle != AS_NORMAL) {
		newtype_alias(o, it);
		return;
	}
	struct sig sg = {0};
	struct type *fn = a->kind == T_FUNC ? a :
			  a->kind == T_PTR && a->sub->kind == T_FUNC ? a->sub : NULL;
	const char *t = fn ? fn_ptr_sig(fn, &sg) : rty(a);
	/* fn_ptr_lines() for what line() would break at its parameters */
	bool laid = fn && sg.params.n > 0;
	/* --override-abi applies to function pointer typedefs too */
	const char *abi = it->st->abi;
	struct type *fp = a->kind == T_PTR ? a->sub : a;
	if (abi && fp->kind == T_FUNC) {
		laid = false;
		t = fmt("%s::option::Option<%s>", rust_std(),
			fmt("unsafe extern \"%s\" fn(%s)%s", abi, params(fp, &fp->fn->pnames, NULL),
			    ret_suffix(fp->fn->ret, false)));
	}
	if (9 + strlen(it->rname) + 3 + strlen(t) + 1 <= MAX_WIDTH) {
		bprintf(o, "pub type %s = %s;\n", it->rname, t);
	} else if (4 + strlen(t) + 1 <= MAX_WIDTH) {
		bprintf(o, "pub type %s =\n    %s;\n", it->rname, t);
	} else if (laid) {
		fn_ptr_lines(o, it->rname, t, &sg);
	} else {
		line(o, 0, fmt("pub type %s = ", it->rname), t, ";");
	}
}

/* ---- functions and variables ---- */

static void extern_open(struct buf *o)
{
	bputs(o, conf->rust_target >= 82 ? "unsafe extern \"C\" {\n" : "extern \"C\" {\n");
}

/* Whether the symbol is just the platform's decoration of the name:
 * _name (Darwin, 32-bit Windows cdecl), _name@N (stdcall), @name@N
 * (fastcall); rustc adds those itself. */
static bool plain_mangling(const char *name, const char *sym, struct type *f)
{
	size_t n = strlen(name);
	if (streq(name, sym))
		return true;
	if (sym[0] == '_' && streq(sym + 1, name))
		return true;
	enum callconv cc = f && f->kind == T_FUNC ? f->fn->cc : CC_C;
	const char *at = NULL;
	if (cc == CC_STDCALL && sym[0] == '_' && !strncmp(sym + 1, name, n) && sym[n + 1] == '@')
		at = sym + n + 2;
	if (cc == CC_FASTCALL && sym[0] == '@' && !strncmp(sym + 1, name, n) && sym[n + 1] == '@')
		at = sym + n + 2;
	if (!at || !*at)
		return false;
	return strspn(at, "0123456789") == strlen(at);
}

static void link_name(struct buf *o, struct item *it)
{
	const char *sym = it->link_name ? it->link_name : it->name;
	if (it->kind == I_FUNC && it->wrapper)	/* (a variable's value is there) */
		bprintf(o, "    #[link_name = \"%s\"]\n", wrapper_name(conf, it->name));
	else if (conf->prefix_link_name)
		bprintf(o, "    #[link_name = \"\\u{1}%s%s\"]\n", conf->prefix_link_name, sym);
	else if (!streq(it->name, it->rname) && streq(sym, it->name))
		bprintf(o, "    #[link_name = \"\\u{1}%s\"]\n", sym);
	else if (!plain_mangling(it->rname, sym, it->type))
		bprintf(o, "    #[link_name = \"\\u{1}%s\"]\n", sym);
}

static void emit_func(struct buf *o, struct item *it)
{
	struct type *f = it->type;
	const char *abi = it->st->abi;
	if (conf->wasm_import_module)
		bprintf(o, "#[link(wasm_import_module = \"%s\")]\n", conf->wasm_import_module);
	for (int i = 0; i < conf->extern_fn_block_attrs.n; i++)
		put_line(o, conf->extern_fn_block_attrs.v[i]);
	if (!abi && (f->fn->cc == CC_C || f->fn->cc == CC_OTHER))
		extern_open(o);
	else
		bprintf(o, "%sextern \"%s\" {\n", conf->rust_target >= 82 ? "unsafe " : "",
			abi ? abi : abi_name(f->fn->cc));
	doc(o, 4, it->comment);
	if (it->st->must_use)
		bputs(o, "    #[must_use]\n");
	link_name(o, it);
	struct sig sg = {0};
	const char *ps = f->fn->noproto ? "" : params(f, &f->fn->pnames, &sg);
	const char *ret = ret_suffix(f->fn->ret, it->no_return);
	size_t len = 12 + strlen(it->rname) + strlen(ps) + strlen(ret) + 2;
	if (len < MAX_WIDTH || (len == MAX_WIDTH && !*ret)) {
		bprintf(o, "    pub fn %s(%s)%s;\n", it->rname, ps, ret);
	} else if (len == MAX_WIDTH && *ps) {
		/* rustfmt's quirk: a line of exactly MAX_WIDTH moves its return
		 * type to the next line */
		bprintf(o, "    pub fn %s(%s)\n        %s;\n", it->rname, ps, ret + 1);
	} else if (!*ps) {
		line(o, 4, fmt("pub fn %s() -> ", it->rname), rty(f->fn->ret), ";");
	} else {
		bprintf(o, "    pub fn %s(\n", it->rname);
		param_lines(o, 8, ps, &sg);
		line(o, 4, ")", ret, ";");
	}
	bputs(o, "}\n");
}

/* A C string constant with --generate-cstr: a c"..." literal from Rust
 * 1.77 in edition 2021, CStr::from_bytes_with_nul_unchecked from 1.59. */
static bool emit_cstr(struct buf *o, const char *name, struct mval *v)
{
	if (!conf->generate_cstr || memchr(v->s, 0, v->slen) || conf->rust_target < 59)
		return false;
	struct buf b = {0};
	rust_byte_string(&b, v->s, v->slen);
	const char *ty = fmt("&%s::ffi::CStr", rust_std());
	if (conf->rust_target >= 77 && conf->rust_edition >= 2021) {
		eq_line(o, 0, fmt("pub const %s: %s = ", name, ty), fmt("c\"%s\"", bstr(&b)));
	} else {
		bputs(o, "#[allow(unsafe_code)]\n");
		eq_line(o, 0, fmt("pub const %s: %s = ", name, ty),
			fmt("unsafe { %s::ffi::CStr::from_bytes_with_nul_unchecked(b\"%s\\0\") }",
			    rust_std(), bstr(&b)));
	}
	free(b.s);
	return true;
}

/* A constant of value v: TY is its Rust type unless a string's */
static void emit_const(struct buf *o, const char *name, const char *ty, struct mval *v)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	char num[NUM];
	switch (v->kind) {
	case MV_INT:
		bputs(&b, int_lit(num, v->i, false));
		break;
	case MV_CHAR:
		bprintf(&b, "%" PRId64 "u8", v->i & 0xff);
		break;
	case MV_FLOAT:
		rust_float(&b, v->f);
		break;
	case MV_STR:
		if (emit_cstr(o, name, v))
			return;
		ty = fmt("&[u8; %zu]", v->slen + 1);
		bputs(&b, "b\"");
		rust_byte_string(&b, v->s, v->slen);
		bputs(&b, "\\0\"");
		break;
	default:
		return;
	}
	const_line(o, 0, name, ty, bstr(&b));
	bfree(&b);
}

static void typed_const(struct buf *o, const char *name, struct type *t, struct mval *v);

static void emit_var(struct buf *o, struct item *it)
{
	if (!it->has_val) {
		extern_open(o);
		doc(o, 4, it->comment);
		link_name(o, it);
		line(o, 4, fmt("pub static %s%s: ", it->type->is_const ? "" : "mut ", it->rname),
		     rty(it->type), ";");
		bputs(o, "}\n");
		return;
	}
	doc(o, 0, it->comment);
	typed_const(o, it->rname, it->type, &it->val);
}

/* The Rust expression of value v of C type t, laid out as rustfmt lays
 * it at indentation ind: a struct literal on one line while its body
 * is at most 18 columns wide (struct_lit_width), an array while it is at
 * most 60 (array_width), else a member a line (short elements packed). */
static void typed_value(struct buf *val, struct type *t, const struct mval *v, int ind);

static void record_value(struct buf *val, struct item *rec, const struct mval *v, int ind)
{
	struct buf body = {0};
	strvec members = {0};	/* "name: value", each made once */
	/* a union's literal names its one member written */
	int first = rec->kind == I_UNION ? v->i : 0;
	int end = rec->kind == I_UNION ? v->i + 1 : v->parts.n;
	for (int i = first; i < end; i++) {
		struct buf m = {0};
		bprintf(&m, "%s: ", rec->fields.v[i].rname);
		typed_value(&m, rec->fields.v[i].type, &v->parts.v[i], ind + 4);
		bprintf(&body, "%s%s", i > first ? ", " : "", bstr(&m));
		vpush(&members, bdone(&m));
	}
	if (!v->parts.n) {
		bprintf(val, "%s {}", rec->rname);
	} else if (body.len <= 18 && !strchr(bstr(&body), '\n')) {
		bprintf(val, "%s { %s }", rec->rname, bstr(&body));
	} else {
		bprintf(val, "%s {\n", rec->rname);
		for (int i = 0; i < members.n; i++) {
			indent(val, ind + 4);
			bprintf(val, "%s,\n", members.v[i]);
		}
		indent(val, ind);
		bputc(val, '}');
	}
	bfree(&body);
}

static void array_value(struct buf *val, struct type *elem, const struct mval *v, int ind)
{
	struct buf one = {0};
	strvec items = {0};
	bool short_items = true;
	for (int i = 0; i < v->parts.n; i++) {
		struct buf b = {0};
		typed_value(&b, elem, &v->parts.v[i], ind + 4);
		short_items &= b.len <= 10 && !strchr(bstr(&b), '\n');
		bprintf(&one, "%s%s", i ? ", " : "", bstr(&b));
		vpush(&items, bdone(&b));
	}
	if (one.len + 2 <= 60 && !strchr(bstr(&one), '\n')) {
		bprintf(val, "[%s]", bstr(&one));
	} else {
		bputs(val, "[\n");
		for (int i = 0, col = 0; i < items.n; i++) {
			size_t n = strlen(items.v[i]);
			if (short_items && col && col + 1 + n + 1 <= MAX_WIDTH) {
				bprintf(val, " %s,", items.v[i]);
				col += 1 + n + 1;
				continue;
			}
			if (col)
				bputc(val, '\n');
			indent(val, ind + 4);
			bprintf(val, "%s,", items.v[i]);
			col = ind + 4 + n + 1;
			if (!short_items) {
				bputc(val, '\n');
				col = 0;
			}
		}
		if (short_items)
			bputc(val, '\n');
		indent(val, ind);
		bputc(val, ']');
	}
	free(one.s);
}

static void typed_value(struct buf *val, struct type *t, const struct mval *v, int ind)
{
	struct type *b = t;
	while (b->kind == T_ITEM && b->item->kind == I_TYPEDEF && b->item->astyle == AS_NORMAL)
		b = b->item->aliased;
	/* through a new type alias the value is wrapped: Foo(1) */
	struct item *wrap = b->kind == T_ITEM && b->item->kind == I_TYPEDEF ? b->item : NULL;
	b = strip_typedefs(b);
	char num[NUM];
	if (wrap)
		bprintf(val, "%s(", wrap->rname);
	if (v->kind == MV_RECORD && b->kind == T_ARRAY) {
		array_value(val, b->sub, v, ind);
	} else if (v->kind == MV_RECORD) {
		record_value(val, b->item, v, ind);
	} else if (v->kind == MV_PTR && b->kind == T_PTR && strip_typedefs(b->sub)->kind == T_FUNC) {
		bputs(val, "None");	/* a null function pointer: the Option's */
	} else if (v->kind == MV_PTR) {
		/* as bindgen's pointer constants (its PR #3379) */
		bprintf(val, "%" PRIu64 "u64 as usize as %s", (uint64_t)v->i, rty(t));
	} else if (v->kind == MV_FLOAT && b->kind == T_FLOAT && !isfinite(v->f)) {
		bputs(val, isnan(v->f) ? "f32::NAN" : v->f > 0 ? "f32::INFINITY" : "f32::NEG_INFINITY");
	} else if (v->kind == MV_FLOAT) {
		rust_float(val, v->f);
	} else if (b->kind == T_BOOL) {
		bputs(val, v->i ? "true" : "false");
	} else {
		bputs(val, int_lit(num, v->i, is_unsigned(t)));
	}
	if (wrap)
		bputc(val, ')');
}

/* pub const NAME: T = value; for a constant of C type t (a string's type
 * is bindgen's, whatever the pointer's).  A literal over lines starts on
 * the constant's own. */
static void typed_const(struct buf *o, const char *name, struct type *t, struct mval *v)
{
	if (v->kind == MV_STR) {
		emit_const(o, name, NULL, v);
		return;
	}
	char tmp[256];
	struct buf val = buf_on(tmp, sizeof tmp);
	typed_value(&val, t, v, 0);
	if (strchr(bstr(&val), '\n'))
		bprintf(o, "pub const %s: %s = %s;\n", name, rty(t), bstr(&val));
	else
		const_line(o, 0, name, rty(t), bstr(&val));
	bfree(&val);
}

static void emit_macro(struct buf *o, struct item *it)
{
	struct mval *v = &it->val;
	if (conf->macro_const_ctypes) {
		typed_const(o, it->rname, it->type, v);
		return;
	}
	switch (v->kind) {
	case MV_INT:
		emit_const(o, it->rname, macro_int_type_opt(v->i, conf->macro_signed,
							    conf->fit_macro_consts), v);
		break;
	case MV_FLOAT:
		emit_const(o, it->rname, "f64", v);
		break;
	case MV_CHAR:
		emit_const(o, it->rname, "u8", v);
		break;
	case MV_STR:
		emit_const(o, it->rname, NULL, v);
		break;
	default:
		break;
	}
}

static void emit_item(struct buf *o, struct item *it)
{
	if (!it->emit || it->st->skip)
		return;
	switch (it->kind) {
	case I_STRUCT:
	case I_UNION:
		emit_record(o, it);
		emit_children(o, it);
		emit_record_impls(o, it, conf->rust_target);
		break;
	case I_ENUM:
		emit_enum(o, it);
		emit_children(o, it);
		break;
	case I_TYPEDEF:
		emit_typedef(o, it);
		break;
	case I_FUNC:
		emit_func(o, it);
		break;
	case I_VAR:
		emit_var(o, it);
		break;
	case I_MACRO:
		emit_macro(o, it);
		break;
	}
}

void emit_items(struct unit *u, const struct opts *opts, struct buf *o)
{
	conf = opts;
	rtype_init(opts);
	rustfmt_style(opts->formatter == FMT_RUSTFMT);
	/* each item's temporary strings go once it is written; a big
	 * output's text goes to a file as it is made (but where the
	 * post-processing passes need it whole), 1 MiB at a time once it
	 * does: written while still in the cache, the bytes cost the
	 * kernel about half of what they cost from an 8 MiB buffer */
	size_t spill_at = opts->merge_extern_blocks || opts->sort_semantically ? SIZE_MAX :
			  spill_size();
	struct arena_mark m = arena_mark();
	bool spilled = false;
	for (int i = 0; i < u->items.n; i++) {
		emit_item(o, u->items.v[i]);
		arena_release(m);
		if (o->len >= spill_at) {
			/* first, a guess at what goes before the items: the
			 * support types used so far */
			struct buf head = {0};
			if (!spilled) {
				emit_prelude(opts, &head);
				emit_support(opts, &head);
			}
			spill(o, &head);
			bfree(&head);
			spilled = true;
			spill_at = spill_at < 1 << 20 ? spill_at : 1 << 20;
		}
	}
	if (u->dynamic.n)
		emit_dynamic(o, &u->dynamic, opts);
}

/* ---- the prelude ---- */

/* text with every `from` replaced by `to` */
static const char *replace_all(const char *text, const char *from, const char *to)
{
	struct buf t = {0};
	for (const char *p = text; *p;) {
		const char *q = strstr(p, from);
		if (!q) {
			bputs(&t, p);
			break;
		}
		bput(&t, p, q - p);
		bputs(&t, to);
		p = q + strlen(from);
	}
	return bdone(&t);
}

/* A support type, with ::std replaced by ::core under --use-core, and
 * `&mut` in const fns (stable in Rust 1.83, yet bindgen main emits it at
 * its default 1.82) made non-const below 1.82, so old rustcs accept it. */
/* bindgen's support types as rustfmt leaves its tokens: doc comments are
 * #[doc] attributes, a debug_assert! has no trailing comma (src/rt/ holds
 * them as prettyplease prints them, as in bindgen's tests). */
static const char *rt_rustfmt(const char *text)
{
	struct buf b = {0};
	bool after_assert = false;	/* the line before ends "debug_assert!(" */
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		int n = e ? e - p : (int)strlen(p);
		const char *t = p + strspn(p, " ");
		const char *next = e ? e + 1 + strspn(e + 1, " ") : "";
		if (!strncmp(t, "///", 3)) {
			bput(&b, p, t - p);
			doc_attr_text(&b, t + 3, p + n - (t + 3));
		} else if (n >= 3 && !strncmp(p + n - 3, ",);", 3)) {
			bput(&b, p, n - 3);
			bputs(&b, ");");
		} else if (n && p[n - 1] == ',' && !strncmp(next, ");", 2) && after_assert) {
			bput(&b, p, n - 1);
		} else {
			bput(&b, p, n);
		}
		if (e)
			bputc(&b, '\n');
		after_assert = n >= 14 && !strncmp(p + n - 14, "debug_assert!(", 14);
		p += n + (e != NULL);
	}
	return bdone(&b);
}

static void put_rt(struct buf *b, const struct opts *opts, const char *text)
{
	if (opts->formatter == FMT_RUSTFMT)
		text = rt_rustfmt(text);
	if (opts->rust_target < 82)
		text = replace_all(text, "pub const unsafe fn as_mut(", "pub unsafe fn as_mut(");
	/* before Rust 1.65 an unsafe block inside an unsafe fn is "unused":
	 * an error under -Dwarnings (Linux 6.1 supports rustc 1.62) */
	if (opts->rust_target < 65)
		text = replace_all(text, "\nimpl", "\n#[allow(unused_unsafe)]\nimpl");
	if (opts->use_core)
		text = replace_all(text, "::std::", "::core::");
	bputs(b, text);
}

void emit_support(const struct opts *opts, struct buf *o)
{
	/* bindgen's order; a support type the user blocklisted is his own */
	unsigned used = rt_used();
	bool unit_blocked = regexset_match(opts->block_type.re, "__BindgenBitfieldUnit") ||
			    regexset_match(opts->block_item.re, "__BindgenBitfieldUnit");
	if ((used & RT_BITFIELD_UNIT) && !unit_blocked)
		put_rt(o, opts, rt_bitfield_unit);
	if ((used & RT_BITFIELD_WIDE) && !unit_blocked)
		put_rt(o, opts, rt_bitfield_wide);
	/* rt_opaque_array is __BindgenOpaqueArray8; the others differ in
	 * the name and the alignment only */
	for (int k = 0; k < 64; k++) {
		if (!(rt_opaque_arrays() & 1ULL << k))
			continue;
		const char *t = rt_opaque_array;
		if (k != 3) {
			long a = 1L << k;
			t = replace_all(t, "__BindgenOpaqueArray8",
					k ? fmt("__BindgenOpaqueArray%ld", a) : "__BindgenOpaqueArray");
			t = replace_all(t, "#[repr(C, align(8))]",
					k ? fmt("#[repr(C, align(%ld))]", a) : "#[repr(C)]");
		}
		put_rt(o, opts, t);
	}
	if (used & RT_INCARRAY)
		put_rt(o, opts, rt_incomplete_array);
	if (used & RT_UNION_FIELD)
		put_rt(o, opts, rt_union_field);
	if (used & RT_FLOAT16)
		put_rt(o, opts, rt_float16);
	if (used & RT_COMPLEX)
		put_rt(o, opts, rt_complex);
}

void emit_prelude(const struct opts *opts, struct buf *o)
{
	if (opts->header_comment)
		bprintf(o, "/* automatically generated by rust-bindgen %s */\n\n",
			KB_BINDGEN_MAIN);
	for (int i = 0; i < opts->raw_lines.n; i++)
		raw_line(o, opts->raw_lines.v[i]);
}
