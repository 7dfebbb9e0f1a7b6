/* record.c: structs and unions as Rust text: the type with the members
 * layout.c laid out, then (after its nested types, which emit.c prints)
 * its layout tests, its Default and Debug impls, the methods of
 * --flexarray-dst and the bitfield accessors. */
#include <string.h>

#include "kbindgen.h"

/* "    pub name: T," -- most fields fit on their line: no formatting */
static void field_line(struct buf *o, struct field *f, const char *ty)
{
	size_t nv = strlen(f->vis), nr = strlen(f->rname), nt = strlen(ty);
	if (4 + nv + nr + 2 + nt + 1 > MAX_WIDTH) {
		rhs_line(o, 4, fmt("%s%s: ", f->vis, f->rname), ty, ",");
		return;
	}
	bputs(o, "    ");
	bput(o, f->vis, nv);
	bput(o, f->rname, nr);
	bputs(o, ": ");
	bput(o, ty, nt);
	bputs(o, ",\n");
}

static void field_member(struct buf *o, struct item *it, struct field *f, bool is_union)
{
	const struct style *st = it->st;
	doc(o, 4, f->comment);
	for (const char *p = f->attrs; *p;) {
		const char *nl = strchr(p, '\n');
		bputs(o, "    ");
		bput(o, p, nl - p + 1);
		p = nl + 1;
	}
	if (f->bytes) {
		field_line(o, f, fmt("[u8; %ldusize]", f->type->size));
	} else if (f == st->fam) {
		field_line(o, f, "FAM");
	} else if (it->kind == I_UNION && !is_union) {
		/* bindgen's wrapper: a struct of zero-sized fields */
		rt_use(RT_UNION_FIELD);
		field_line(o, f, fmt("__BindgenUnionField<%s>", union_member_type(f->type)));
	} else if (is_union && !it->lay->copy) {
		/* a union that is not Copy must say its fields need no drop */
		field_line(o, f, fmt("%s::mem::ManuallyDrop<%s>", rust_std(), rty(f->type)));
	} else if (flexible_array(f->type)) {
		/* int a[]; and the older int a[0]; */
		rt_use(RT_INCARRAY);
		field_line(o, f, fmt("__IncompleteArrayField<%s>", rty(f->type->sub)));
	} else {
		field_line(o, f, rty(f->type));
	}
}

/* The members of a record, as layout.c laid them out. */
static void members(struct buf *o, struct item *it, bool is_union)
{
	struct rlayout *rl = it->lay;
	const struct style *st = it->st;
	for (int i = 0; i < rl->m.n; i++) {
		struct member *m = &rl->m.v[i];
		switch (m->kind) {
		case M_FIELD:
		case M_BYTES:
			field_member(o, it, m->f, is_union);
			break;
		case M_UNIT:
			rt_use(RT_BITFIELD_UNIT);
			bprintf(o, "    %s_bitfield_%d: __BindgenBitfieldUnit<[u8; %ldusize]>,\n",
				st->storage_vis, m->u->nth, m->size);
			break;
		case M_PAD:
			bprintf(o, "    %s__bindgen_padding_%d: %s,\n", st->vis, m->nth,
				blob(m->size, m->align));
			break;
		case M_ALIGN:
			bprintf(o, "    pub _bindgen_align: [%s; 0],\n", int_for_size(m->align) ?
				int_for_size(m->align) : "u64");
			break;
		case M_ADDRESS:
			bputs(o, "    pub _address: u8,\n");
			break;
		case M_OPAQUE:
			bprintf(o, "    pub _bindgen_opaque_blob: %s,\n", blob(m->size, m->align));
			break;
		case M_UNIONBLOB:
			bprintf(o, "    pub bindgen_union_field: %s,\n",
				blob(m->size, m->align));
			break;
		case M_UNUSED:
			bputs(o, "    _unused: [u8; 0],\n");
			break;
		}
	}
}

void emit_record(struct buf *o, struct item *it)
{
	struct rlayout *rl = it->lay;
	const struct style *st = it->st;
	bool is_union = it->kind == I_UNION && rl->rust_union;

	doc(o, 0, it->comment);
	if (rl->packed)
		bputs(o, rl->packed_n > 1 ? fmt("#[repr(C, packed(%ld))]\n", rl->packed_n)
					 : "#[repr(C, packed)]\n");
	else
		bputs(o, "#[repr(C)]\n");
	if (rl->explicit_align)
		bprintf(o, "#[repr(align(%ld))]\n", rl->explicit_align);
	attr_lines(o, &st->attrs);
	if (st->derives)
		bputs_all(o, "#[derive(", st->derives, ")]\n", NULL);
	if (st->must_use)
		bputs(o, "#[must_use]\n");
	if (!rl->m.n) {		/* struct foo {} */
		bprintf(o, "pub %s %s {}\n", is_union ? "union" : "struct", it->rname);
		return;
	}
	if (st->fam) {
		const char *g = fmt("FAM: ?Sized = [%s; 0]", rty(st->fam->type->sub));
		if (strlen(it->rname) + strlen(g) + 15 <= MAX_WIDTH)
			bprintf(o, "pub struct %s<%s> {\n", it->rname, g);
		else
			bprintf(o, "pub struct %s<\n    %s,\n> {\n", it->rname, g);
	} else {	/* rustfmt puts a brace past the width on a line of its own */
		const char *kw = is_union ? "pub union " : "pub struct ";
		bputs_all(o, kw, it->rname, strlen(kw) + strlen(it->rname) + 2 <= MAX_WIDTH ?
			  " {\n" : "\n{\n", NULL);
	}
	members(o, it, is_union);
	bputs(o, "}\n");
}

/* ---- layout tests ---- */

/* ["Size of foo"][::std::mem::size_of::<foo>() - 4usize];  what and expr
 * are lists of pieces, NULL-terminated: the asserts can be half the output
 * of a header of many structs, and are put together here, not formatted. */
static void assert_line(struct buf *o, const char **what, const char **expr)
{
	size_t n[16], len = 11;	/* up to 16 pieces; "    [""][];" */
	int nw = 0, k = 0;
	for (; what[nw]; nw++)
		len += n[nw] = strlen(what[nw]);
	for (int i = 0; expr[i]; i++)
		len += n[nw + i] = strlen(expr[i]);
	bputs(o, "    [\"");
	for (int i = 0; what[i]; i++)
		bput(o, what[i], n[k++]);
	bputs(o, len <= MAX_WIDTH ? "\"][" : "\"]\n        [");
	for (int i = 0; expr[i]; i++)
		bput(o, expr[i], n[k++]);
	bputs(o, "];\n");
}

/* ["Size of T"][::std::mem::size_of::<T>() - 8usize]; (fn: size_of or
 * align_of) as rustfmt 1.9 lays it out when it does not fit one line.
 * The limits were measured on rustfmt over names of every length: the
 * index goes on the next line when it fits there; else it stays and
 * breaks inside <> if that line ends by column 103; else, on the next
 * line, the call breaks before " - " (to 98 columns), inside () (to 101)
 * or inside <>; past column 97 for the name's line rustfmt gives up. */
static void of_line(struct buf *o, const char *what, const char *s, const char *fn,
		    const char *t, const char *val)
{
	size_t np = 1 + strlen(s) + 7 + strlen(fn) + 3;	/* [S::mem::FN::< */
	size_t w = 4 + 2 + strlen(what) + strlen(t) + 2, pt = np + strlen(t);
	size_t idx = pt + 6 + strlen(val) + 2;	/* P T>() - V]; */
	if (w + idx <= MAX_WIDTH || 8 + idx <= MAX_WIDTH) {
		assert_line(o, (const char *[]){ what, t, NULL },
			    (const char *[]){ s, "::mem::", fn, "::<", t, ">() - ", val, NULL });
		return;
	}
	const char *p = fmt("[%s::mem::%s::<", s, fn);
	if (w + np <= MAX_WIDTH + 3) {
		bputs_all(o, "    [\"", what, t, "\"]", p, "\n        ", t, ",\n    >() - ", val,
			  "];\n", NULL);
	} else if (w > MAX_WIDTH - 3) {	/* bindgen's tokens */
		bputs_all(o, "    [\"", what, t, "\"] [:: ", s + 2, " :: mem :: ", fn, " :: < ", t,
			  " > () - ", val, "] ;\n", NULL);
	} else {
		bputs_all(o, "    [\"", what, t, "\"]\n        ", p, NULL);
		if (8 + pt + 3 <= MAX_WIDTH - 2)
			bputs_all(o, t, ">()\n            - ", val, "];\n", NULL);
		else if (8 + pt + 2 <= MAX_WIDTH + 1)
			bputs_all(o, t, ">(\n        ) - ", val, "];\n", NULL);
		else
			bputs_all(o, "\n            ", t, ",\n        >() - ", val, "];\n", NULL);
	}
}

/* ["Offset of field: T::f"][::std::mem::offset_of!(T, f) - 8usize];
 * where the second line would not fit either, rustfmt breaks the call,
 * and " - N" follows its ")" while the name's line and N leave room
 * (measured on rustfmt 1.9 as of_line()); past column 97 for the name's
 * line it gives up, leaving bindgen's tokens as proc_macro2 prints them. */
static void offset_line(struct buf *o, const char *what, const char *f, const char *s,
			const char *t, const char *off)
{
	size_t nw = strlen(what), nf = strlen(f), ns = strlen(s), nt = strlen(t), no = strlen(off);
	size_t expr = ns + 18 + nt + 2 + nf + 4 + no;
	size_t w = 4 + 2 + nw + nf + 2;	/* ["what f"] */
	if (w + 1 + expr + 2 <= MAX_WIDTH) {	/* one line: a field's, put together */
		bputs(o, "    [\"");
		bput(o, what, nw);
		bput(o, f, nf);
		bputs(o, "\"][");
		bput(o, s, ns);
		bputs(o, "::mem::offset_of!(");
		bput(o, t, nt);
		bputs(o, ", ");
		bput(o, f, nf);
		bputs(o, ") - ");
		bput(o, off, no);
		bputs(o, "];\n");
	} else if (8 + 1 + expr + 2 <= MAX_WIDTH) {
		assert_line(o, (const char *[]){ what, f, NULL },
			    (const char *[]){ s, "::mem::offset_of!(", t, ", ", f, ") - ", off, NULL });
	} else if (w > MAX_WIDTH - 3) {
		bputs_all(o, "    [\"", what, f, "\"] [:: ", s + 2, " :: mem :: offset_of ! (", t,
			  " , ", f, ") - ", off, "] ;\n", NULL);
	} else {
		bputs_all(o, "    [\"", what, f, "\"][", s, "::mem::offset_of!(\n", NULL);
		bputs_all(o, "        ", t, ",\n        ", f, "\n    )",
			  w + strlen(off) <= MAX_WIDTH - 7 ? " - " : "\n        - ", off, "];\n", NULL);
	}
}

/* assert_eq!(a, b, message) inside a #[test] fn, rustfmt-clean. */
static void assert_eq_lines(struct buf *o, const char *a, long b, const char **msg, int nmsg)
{
	bputs(o, "    assert_eq!(\n");
	if (strlen(a) + 9 <= MAX_WIDTH) {
		bprintf(o, "        %s,\n", a);
	} else {	/* unsafe { long expression }, */
		const char *in = a + strlen("unsafe { ");
		int n = strlen(in) - 2;
		const char *minus = strstr(in, " - ptr as usize");
		if (12 + n <= MAX_WIDTH || !minus)
			bprintf(o, "        unsafe {\n            %.*s\n        },\n", n, in);
		else if (12 + (minus - in) <= MAX_WIDTH)	/* before the operator */
			bprintf(o, "        unsafe {\n            %.*s\n                %.*s\n        },\n",
				(int)(minus - in), in, (int)(in + n - minus - 1), minus + 1);
		else {	/* and inside addr_of!(...) as usize */
			const char *arg = strchr(in, '(') + 1, *end = strstr(in, ") as usize");
			bprintf(o, "        unsafe {\n            %.*s\n                %.*s\n",
				(int)(arg - in), in, (int)(end - arg), arg);
			bprintf(o, "            %.*s\n                %.*s\n        },\n",
				(int)(minus - end), end, (int)(in + n - minus - 1), minus + 1);
		}
	}
	bprintf(o, "        %ldusize,\n", b);
	macro_args(o, 8, "concat!", msg, nmsg, "");
	bputs(o, "    );\n");
}

/* Before Rust 1.77 there is no offset_of!: bindgen writes a #[test] that
 * measures through a MaybeUninit (addr_of!, Rust 1.51). */
static void layout_test_fn(struct buf *o, struct item *it, struct rlayout *rl)
{
	const char *n = it->rname, *s = rust_std();
	bool fields = false;
	for (int i = 0; i < rl->m.n; i++)
		fields |= rl->m.v[i].f && rl->m.v[i].f->name;
	bputs(o, "#[test]\n");
	bprintf(o, "fn bindgen_test_layout_%s() {\n", n);
	if (fields) {
		eq_line(o, 4, fmt("const UNINIT: %s::mem::MaybeUninit<%s> = ", s, n),
			fmt("%s::mem::MaybeUninit::uninit()", s));
		bputs(o, "    let ptr = UNINIT.as_ptr();\n");
	}
	const char *sz[] = { "\"Size of: \"", fmt("stringify!(%s)", n) };
	assert_eq_lines(o, fmt("%s::mem::size_of::<%s>()", s, n), it->size, sz, 2);
	const char *al[] = { "\"Alignment of \"", fmt("stringify!(%s)", n) };
	assert_eq_lines(o, fmt("%s::mem::align_of::<%s>()", s, n), it->align, al, 2);
	for (int i = 0; i < rl->m.n; i++) {
		struct member *m = &rl->m.v[i];
		if (!m->f || !m->f->name)
			continue;
		const char *of[] = { "\"Offset of field: \"", fmt("stringify!(%s)", n), "\"::\"",
				     fmt("stringify!(%s)", m->f->rname) };
		assert_eq_lines(o, fmt("unsafe { %s::ptr::addr_of!((*ptr).%s) as usize - ptr as usize }",
				       s, m->f->rname), m->f->offset / 8, of, 4);
	}
	bputs(o, "}\n");
}

static void layout_tests(struct buf *o, struct item *it, int rust_target)
{
	struct rlayout *rl = it->lay;
	if (rust_target < 77) {
		layout_test_fn(o, it, rl);
		return;
	}
	const char *n = it->rname, *s = rust_std();
	bputs(o, "#[allow(clippy::unnecessary_operation, clippy::identity_op)]\n");
	bputs(o, "const _: () = {\n");
	char v[NUM];
	of_line(o, "Size of ", s, "size_of", n, usize_lit(v, it->size));
	of_line(o, "Alignment of ", s, "align_of", n, usize_lit(v, it->align));
	/* the same for every field */
	const char *what = fmt("Offset of field: %s::", n);
	for (int i = 0; i < rl->m.n; i++) {
		struct member *m = &rl->m.v[i];
		if (m->f && m->f->name)
			offset_line(o, what, m->f->rname, s, n, usize_lit(v, m->f->offset / 8));
	}
	bputs(o, "};\n");
}

/* ---- impls ---- */

static void impl_default(struct buf *o, const char *name)
{
	const char *s = rust_std();
	bputs_all(o, "impl Default for ", name, " {\n    fn default() -> Self {\n"
		  "        let mut s = ", s, "::mem::MaybeUninit::<Self>::uninit();\n"
		  "        unsafe {\n            ", s, "::ptr::write_bytes(s.as_mut_ptr(), 0, 1);\n"
		  "            s.assume_init()\n        }\n    }\n}\n", NULL);
}

/* impl Debug for a record that cannot derive it (--impl-debug). */
static void impl_debug(struct buf *o, struct item *it)
{
	struct rlayout *rl = it->lay;
	const char *s = rust_std();
	struct buf f = {0};
	strvec args = {0};
	if (it->kind == I_UNION) {
		bprintf(&f, "%s {{ union }}", it->rname);
	} else {
		bprintf(&f, "%s {{ ", it->rname);
		for (int i = 0; i < rl->m.n; i++) {
			struct member *m = &rl->m.v[i];
			if (m->f) {
				bprintf(&f, "%s%s: {:?}", args.n ? ", " : "",
					m->f->name ? m->f->name : m->f->rname);
				hpush(&args, fmt(m->kind == M_BYTES ? "self.%s()" : "self.%s",
						 m->f->rname));
			} else if (m->kind == M_UNIT) {
				for (int j = 0; j < m->u->bfs.n; j++) {
					struct bitfield *bf = &m->u->bfs.v[j];
					if (!bf->getter)
						continue;
					bprintf(&f, "%s%s : {:?}", args.n ? ", " : "", bf->f->name);
					hpush(&args, fmt("self.%s()", bf->getter));
				}
			}
		}
		bputs(&f, " }}");
	}
	bprintf(o, "impl %s::fmt::Debug for %s {\n", s, it->rname);
	bprintf(o, "    fn fmt(&self, f: &mut %s::fmt::Formatter<'_>) -> %s::fmt::Result {\n", s, s);
	format_macro(o, 8, "write!", "f", bstr(&f), (const char **)args.v, args.n);
	bputs(o, "    }\n}\n");
	free(f.s);
	hfree(&args);
}

/* The methods bindgen gives a --flexarray-dst struct N over element type
 * T: layout/fixed/fixed_mut on N<[T]>, flex_ref/flex_ref_mut/flex_ptr/
 * flex_ptr_mut on N<[T; 0]>.  (bindgen passes ptr::null() where current
 * Rust needs ptr::null::<()>(): the latter, so that the code builds.)  The
 * doc comments are bindgen's output text, like src/rt/ (BSD-3-Clause, The
 * rust-bindgen Authors): users see what bindgen would give them. */
static void flex_methods(struct buf *o, const char *n, const char *t)
{
	const char *s = rust_std(), *dst = fmt("%s<[%s]>", n, t), *fix = fmt("%s<[%s; 0]>", n, t);
	bprintf(o, "impl %s {\n", dst);
	bprintf(o, "    pub fn layout(len: usize) -> %s::alloc::Layout {\n", s);
	bputs(o, "        unsafe {\n");
	let_line(o, 12, "let p: *const Self = ",
		 fmt("%s::ptr::from_raw_parts(%s::ptr::null::<()>(), len)", s, s));
	bprintf(o, "            %s::alloc::Layout::for_value_raw(p)\n        }\n    }\n", s);
	method_sig(o, 4, "pub fn fixed", "&self", fmt("&%s", fix), "usize");
	bputs(o, "        unsafe {\n            let (ptr, len) = (self as *const Self).to_raw_parts();\n");
	bprintf(o, "            %s\n", tuple(12, fmt("&*(ptr as *const %s)", fix), "len"));
	bputs(o, "        }\n    }\n");
	method_sig(o, 4, "pub fn fixed_mut", "&mut self", fmt("&mut %s", fix), "usize");
	bputs(o, "        unsafe {\n            let (ptr, len) = (self as *mut Self).to_raw_parts();\n");
	bprintf(o, "            %s\n", tuple(12, fmt("&mut *(ptr as *mut %s)", fix), "len"));
	bputs(o, "        }\n    }\n}\n");

	bprintf(o, "impl %s {\n", fix);
	bputs(o, "    /// Convert a sized prefix to an unsized structure with the given length.\n"
		 "    ///\n"
		 "    /// SAFETY: Underlying storage is initialized up to at least `len` elements.\n");
	method_sig(o, 4, "pub unsafe fn flex_ref", "&self, len: usize", fmt("&%s", dst), NULL);
	bputs(o, "        Self::flex_ptr(self, len)\n    }\n");
	bputs(o, "    /// Convert a mutable sized prefix to an unsized structure with the given length.\n"
		 "    ///\n"
		 "    /// SAFETY: Underlying storage is initialized up to at least `len` elements.\n");
	method_sig(o, 4, "pub unsafe fn flex_ref_mut", "&mut self, len: usize", fmt("&mut %s", dst),
		   NULL);
	bputs(o, "        Self::flex_ptr_mut(self, len).assume_init()\n    }\n");
	bputs(o, "    /// Construct DST variant from a pointer and a size.\n"
		 "    ///\n"
		 "    /// NOTE: lifetime of returned reference is not tied to any underlying storage.\n"
		 "    /// SAFETY: `ptr` is valid. Underlying storage is fully initialized up to at least `len` elements.\n");
	method_sig(o, 4, "pub unsafe fn flex_ptr<'unbounded>", "ptr: *const Self, len: usize",
		   fmt("&'unbounded %s", dst), NULL);
	bprintf(o, "        &*%s::ptr::from_raw_parts(ptr as *const (), len)\n    }\n", s);
	bputs(o, "    /// Construct mutable DST variant from a pointer and a\n"
		 "    /// size. The returned `&mut` reference is initialized\n"
		 "    /// pointing to memory referenced by `ptr`, but there's\n"
		 "    /// no requirement that that memory be initialized.\n"
		 "    ///\n"
		 "    /// NOTE: lifetime of returned reference is not tied to any underlying storage.\n"
		 "    /// SAFETY: `ptr` is valid. Underlying storage has space for at least `len` elements.\n");
	method_sig(o, 4, "pub unsafe fn flex_ptr_mut<'unbounded>", "ptr: *mut Self, len: usize",
		   fmt("%s::mem::MaybeUninit<&'unbounded mut %s>", s, dst), NULL);
	let_line(o, 8, "let mut uninit = ", fmt("%s::mem::MaybeUninit::<&mut %s>::uninit()", s, dst));
	bprintf(o, "        (uninit.as_mut_ptr() as *mut *mut %s)\n", dst);
	bprintf(o, "            .write(%s::ptr::from_raw_parts_mut(ptr as *mut (), len));\n", s);
	bputs(o, "        uninit\n    }\n}\n");
}

/* ---- bitfield accessors ---- */

/* The unit's methods for a bitfield: bindgen's get_const and the rest,
 * or kbindgen's get_wide and the rest for bits that span more than 8
 * bytes (possible in packed records), which bindgen's u64 arithmetic
 * cannot reach (its accessors panic or lose the top bits). */
static const char *unit_method(const struct bitfield *bf)
{
	if (bf->off % 8 + bf->f->bitwidth <= 64)
		return "const";
	rt_use(RT_BITFIELD_WIDE);
	return "wide";
}

static void bitfield_accessors(struct buf *o, struct item *it, struct bunit *u, int rust_target)
{
	const char *s = rust_std();
	const char *ut = fmt("__BindgenBitfieldUnit<[u8; %ldusize]>", u->size);
	const char *uf = fmt("_bitfield_%d", u->nth);
	for (int i = 0; i < u->bfs.n; i++) {
		struct bitfield *bf = &u->bfs.v[i];
		if (!bf->getter)
			continue;
		const char *ty = rty(bf->f->type), *vis = bf->f->vis;
		const char *it_ = int_for_size(bf->f->type->size);
		if (!it_)
			continue;
		const char *k = fmt("%ldusize, %du8", bf->off, bf->f->bitwidth);
		const char *g = unit_method(bf);
		/* getter */
		bputs(o, "    #[inline]\n");
		bprintf(o, "    %sfn %s(&self) -> %s {\n", vis, bf->getter, ty);
		char *l = fmt("        unsafe { %s::mem::transmute(self.%s.get_%s::<%s>() as %s) }",
			      s, uf, g, k, it_);
		if (strlen(l) <= MAX_WIDTH)
			put_line(o, l);
		else
			bprintf(o, "        unsafe {\n            %s::mem::transmute(self.%s.get_%s::<%s>() as %s)\n        }\n",
				s, uf, g, k, it_);
		bputs(o, "    }\n");
		/* setter */
		bputs(o, "    #[inline]\n");
		bprintf(o, "    %sfn %s(&mut self, val: %s) {\n", vis, bf->setter, ty);
		/* bindgen main writes `val as _` in an unsafe block that then has
		 * nothing unsafe: unused_unsafe, an error under the kernel's
		 * -Dwarnings.  For the older targets kernels pin, keep release
		 * 0.72.1's transmute, which the block needs. */
		if (rust_target < 82)
			bprintf(o, "        unsafe {\n            let val: %s = %s::mem::transmute(val);\n",
				it_, s);
		else
			bprintf(o, "        unsafe {\n            let val: %s = val as _;\n", it_);
		bprintf(o, "            self.%s.set_%s::<%s>(val as u64)\n        }\n    }\n", uf, g, k);
		/* raw getter */
		bputs(o, "    #[inline]\n");
		if (rust_target < 65)
			bputs(o, "    #[allow(unused_unsafe)]\n");	/* see put_rt() */
		bprintf(o, "    %sunsafe fn %s_raw(this: *const Self) -> %s {\n", vis, bf->getter, ty);
		/* rustfmt hugs the argument when the call head would end past
		 * column 85 yet the hugged first line still ends before 95
		 * (measured on rustfmt 1.8; bindgen's own text is unformatted) */
		int head = 16 + strlen(ut) + strlen(k) + 17 + strlen(g);	/* <ut>::raw_get_const::<k>( */
		int hug = 12 + strlen(s) + 17 + strlen(ut) + 15 + strlen(g);	/* s::mem::transmute(<ut>::raw_get_const::< */
		if (head >= 86 && hug <= 94) {
			bprintf(o, "        unsafe {\n            %s::mem::transmute(<%s>::raw_get_%s::<\n",
				s, ut, g);
			bprintf(o, "                %ldusize,\n                %du8,\n", bf->off, bf->f->bitwidth);
			bprintf(o, "            >(%s::ptr::addr_of!((*this).%s))\n", s, uf);
			bprintf(o, "                as %s)\n        }\n    }\n", it_);
		} else {
			bprintf(o, "        unsafe {\n            %s::mem::transmute(\n", s);
			bprintf(o, "                <%s>::raw_get_%s::<%s>(\n", ut, g, k);
			bprintf(o, "                    %s::ptr::addr_of!((*this).%s),\n", s, uf);
			bprintf(o, "                ) as %s,\n            )\n        }\n    }\n", it_);
		}
		/* raw setter */
		bputs(o, "    #[inline]\n");
		if (rust_target < 65)
			bputs(o, "    #[allow(unused_unsafe)]\n");
		bprintf(o, "    %sunsafe fn %s(this: *mut Self, val: %s) {\n",
			vis, rust_ident(fmt("set_%s_raw", bf->f->name)), ty);
		bprintf(o, "        unsafe {\n            let val: %s = val as _;\n", it_);
		bprintf(o, "            <%s>::raw_set_%s::<%s>(\n", ut, g, k);
		bprintf(o, "                %s::ptr::addr_of_mut!((*this).%s),\n", s, uf);
		bputs(o, "                val as u64,\n            )\n        }\n    }\n");
	}
	/* the constructor needs Default for the storage: 32 bytes at most */
	if (u->size > 32)
		return;
	struct buf ps = {0};
	int named = 0;
	for (int i = 0; i < u->bfs.n; i++) {
		struct bitfield *bf = &u->bfs.v[i];
		if (!bf->getter || !int_for_size(bf->f->type->size))
			continue;
		bprintf(&ps, "%s%s: %s", named++ ? ", " : "", bf->f->rname, rty(bf->f->type));
	}
	bputs(o, "    #[inline]\n");
	line(o, 4, fmt("%sfn new_bitfield_%d", it->st->storage_vis, u->nth), fmt("(%s)", bstr(&ps)),
	     fmt(" -> %s {", ut));
	bprintf(o, "        let mut __bindgen_bitfield_unit: %s = Default::default();\n", ut);
	for (int i = 0; i < u->bfs.n; i++) {
		struct bitfield *bf = &u->bfs.v[i];
		const char *it_ = int_for_size(bf->f->type->size);
		if (!bf->getter || !it_)
			continue;
		bprintf(o, "        __bindgen_bitfield_unit.set_%s::<%ldusize, %du8>({\n",
			unit_method(bf), bf->off, bf->f->bitwidth);
		bprintf(o, "            let %s: %s = %s as _;\n", bf->f->rname, it_, bf->f->rname);
		bprintf(o, "            %s as u64\n        });\n", bf->f->rname);
	}
	bputs(o, "        __bindgen_bitfield_unit\n    }\n");
	free(ps.s);
}

/* unsafe { e } at indentation 8, as rustfmt lays it out. */
static void unsafe_block(struct buf *o, const char *e)
{
	if (8 + 11 + strlen(e) <= MAX_WIDTH) {
		bprintf(o, "        unsafe { %s }\n", e);
		return;
	}
	bputs(o, "        unsafe {\n");
	line(o, 12, "", e, "");
	bputs(o, "        }\n");
}

/* The getter and setter of a field kept as bytes: C puts it at an offset
 * Rust cannot give its type. */
static void bytes_accessors(struct buf *o, struct field *f)
{
	const char *s = rust_std(), *ty = rty(f->type), *n = f->rname;
	bputs(o, "    #[inline]\n");
	bprintf(o, "    %sfn %s(&self) -> %s {\n", f->vis, n, ty);
	unsafe_block(o, fmt("%s::ptr::read_unaligned(self.%s.as_ptr() as *const %s)", s, n, ty));
	bputs(o, "    }\n    #[inline]\n");
	bprintf(o, "    %sfn %s(&mut self, val: %s) {\n", f->vis,
		rust_ident(fmt("set_%s", f->name ? f->name : n)), ty);
	unsafe_block(o, fmt("%s::ptr::write_unaligned(self.%s.as_mut_ptr() as *mut %s, val)",
			    s, n, ty));
	bputs(o, "    }\n");
}

void emit_record_impls(struct buf *o, struct item *it, int rust_target)
{
	struct rlayout *rl = it->lay;
	const struct style *st = it->st;
	if (rl->fwd)
		return;
	if (st->layout_tests)
		layout_tests(o, it, rust_target);
	if (st->impl_default)
		impl_default(o, it->rname);
	if (st->impl_debug)
		impl_debug(o, it);
	if (st->fam)
		flex_methods(o, it->rname, rty(st->fam->type->sub));
	bool methods = false;
	for (int i = 0; i < rl->m.n; i++) {
		struct bunit *bu = rl->m.v[i].kind == M_UNIT ? rl->m.v[i].u : NULL;
		if ((bu && bu->size <= 32) || rl->m.v[i].kind == M_BYTES)
			methods = true;
		for (int j = 0; bu && j < bu->bfs.n; j++)
			methods |= bu->bfs.v[j].getter != NULL;
	}
	if (methods) {
		bprintf(o, "impl %s {\n", it->rname);
		for (int i = 0; i < rl->m.n; i++)
			if (rl->m.v[i].kind == M_UNIT)
				bitfield_accessors(o, it, rl->m.v[i].u, rust_target);
			else if (rl->m.v[i].kind == M_BYTES)
				bytes_accessors(o, rl->m.v[i].f);
		bputs(o, "}\n");
	}
}
