/* layout.c: the Rust field list of every record.  C layout comes from clang
 * (sizes, alignments, bit offsets); what is decided here is how bindgen
 * expresses it: bitfields grouped in allocation units placed where C puts
 * their first bit, packing inferred from its effects (libclang hides
 * #pragma pack), padding fields and explicit alignment where repr(C)
 * alone would differ from C; and, where no such form has C's layout or
 * compiles (packed with align, packed holding an aligned type), fields
 * kept as bytes with accessors (plan_records()). */
#include <string.h>

#include "kbindgen.h"

static const struct opts *o;	/* handed over by the entry point */
static bool planning;		/* in plan_records() */

#define MAX_GUARANTEED_ALIGN 8

static long align_to(long n, long a)
{
	if (a <= 0 || n % a == 0)
		return n;
	return n + a - n % a;
}

static long lmax(long a, long b)
{
	return a > b ? a : b;
}

static long lmin(long a, long b)
{
	return a < b ? a : b;
}

/* The layout of a field's type as bindgen sees it. */
static void field_layout(struct field *f, long *size, long *align)
{
	struct type *t = f->type;
	*size = t->size;
	*align = t->align;
	if (t->kind == T_INCARRAY) {
		*size = 0;
		*align = t->sub->align;
	}
	/* Arrays of over-aligned structs cannot be expressed: bindgen caps the
	 * alignment and keeps the size. */
	if (t->kind == T_ARRAY && t->sub->align > MAX_GUARANTEED_ALIGN) {
		*size = align_to(t->sub->size, t->sub->align) * t->len;
		*align = MAX_GUARANTEED_ALIGN;
	}
}

/* The state of bindgen's struct layout tracker. */
struct tracker {
	struct item *it;
	struct rlayout *rl;
	bool packed, is_union;
	long latest_offset;
	int padding_count;
	bool have_latest;
	long latest_size, latest_align;
	long max_field_align;
	bool last_was_bitfield;
};

static void add(struct rlayout *rl, struct member m)
{
	hpush(&rl->m, m);
}

/* The alignment blob(size, align) really has: [u8; 3] for 3 bytes at 2. */
static long blob_align(long size, long align)
{
	if (blob_aligned(size, align))
		return align;
	if ((align != 2 && align != 4 && align != 8) || size % align)
		return 1;
	return align;
}

static void padding_field(struct tracker *t, long size, long align)
{
	struct member m = { .kind = M_PAD, .size = size, .align = align,
			    .nth = t->padding_count++ };
	/* what the blob gives, not what was asked: a record left less
	 * aligned than C's then gets repr(align) (a packed, aligned(2)
	 * record ending in 3 bytes of padding) */
	t->max_field_align = lmax(t->max_field_align, blob_align(size, align));
	add(t->rl, m);
}

static bool align_to_latest_field(struct tracker *t, long size, long align)
{
	if (t->packed || !t->have_latest)
		return false;
	long a = lmax(1, t->latest_align);
	if (t->last_was_bitfield && align <= t->latest_size % a &&
	    size <= t->latest_size % a)
		return true;
	t->latest_offset = align_to(t->latest_offset, t->latest_align);
	return false;
}

/* bindgen's saw_field: a padding field before this one when needed. */
static void saw_field(struct tracker *t, long size, long align, long offset_bits)
{
	bool merge = align_to_latest_field(t, size, align);
	long pad;
	if (offset_bits >= 0 && offset_bits / 8 > t->latest_offset)
		pad = offset_bits / 8 - t->latest_offset;
	else if (merge || align == 0 || t->is_union)
		pad = 0;
	else if (!t->packed)
		pad = align_to(t->latest_offset, align) - t->latest_offset;
	else
		pad = align_to(t->latest_offset, lmin(align, t->it->align)) - t->latest_offset;
	t->latest_offset += pad;
	if (!t->packed && !t->is_union) {
		bool need = o->explicit_padding || pad >= align ||
			    align > MAX_GUARANTEED_ALIGN;
		long palign = o->explicit_padding ? 1 : lmin(align, MAX_GUARANTEED_ALIGN);
		if (need && pad)
			padding_field(t, pad, palign);
	}
	t->latest_offset += size;
	t->have_latest = true;
	t->latest_size = size;
	t->latest_align = align;
	t->max_field_align = lmax(t->max_field_align, align);
	t->last_was_bitfield = false;
}

/* A bitfield unit, at the byte where C puts its first bit: bindgen's
 * tracker would put it right after the field before, which C does not
 * when that bit does not fit the storage unit there (short a; long b:49;
 * puts b at byte 8); a padding field then moves it. */
static void saw_unit(struct tracker *t, struct bunit *u)
{
	long size = u->size;
	align_to_latest_field(t, size, 1);
	if (!t->is_union && u->offset > t->latest_offset) {
		padding_field(t, u->offset - t->latest_offset, 1);
		t->latest_offset = u->offset;
	}
	t->latest_offset += size;
	t->have_latest = true;
	t->latest_size = size;
	t->latest_align = 1;
	t->last_was_bitfield = true;
	t->max_field_align = lmax(t->max_field_align, 1);
}

/* Layout::for_size: the largest power-of-two alignment dividing size, up
 * to the pointer size. */
static long for_size_align(long size)
{
	long a = 2;
	while (size % a == 0 && a <= 8)
		a *= 2;
	return a / 2;
}

static void pad_struct(struct tracker *t)
{
	struct item *it = t->it;
	if (it->size < t->latest_offset)
		return;
	long pad = it->size - t->latest_offset;
	if (!pad)
		return;
	if (pad >= it->align || (t->last_was_bitfield && pad >= t->latest_align)) {
		long a;
		if (t->packed)
			a = 1;
		else if (t->last_was_bitfield || it->align > MAX_GUARANTEED_ALIGN)
			a = for_size_align(pad);
		else
			a = it->align;
		padding_field(t, pad, a);
	}
}

static bool requires_explicit_align(struct tracker *t)
{
	if (t->max_field_align >= 16)
		return true;
	return t->max_field_align < t->it->align;
}

/* The end of the run of bitfields from i; *empty: all of zero width (a
 * lone int :0 only moves what follows, which clang's offsets say: bindgen
 * gives it no unit). */
static int run_end(struct item *it, int i, bool *empty)
{
	*empty = true;
	for (; i < it->fields.n && it->fields.v[i].bitwidth >= 0; i++)
		*empty &= it->fields.v[i].bitwidth == 0;
	return i;
}

/* Consecutive bitfields share one allocation unit, sized to reach the end
 * of the last one; offsets are kept relative to the unit's start. */
static int take_bitfields(struct item *it, int i)
{
	bool empty;
	int end = run_end(it, i, &empty);
	if (empty)
		return end;
	struct bunit *u = alloc(sizeof *u);
	u->nth = it->units.n + 1;
	long start = it->fields.v[i].offset / 8 * 8, size_bits = 0;
	u->offset = start / 8;
	for (; i < end; i++) {
		struct field *f = &it->fields.v[i];
		struct bitfield bf = { .f = f, .off = f->offset - start };
		if (f->name) {
			bf.getter = f->rname;
			bf.setter = rust_ident(fmt("set_%s", f->name));
		}
		vpush(&u->bfs, bf);
		/* the furthest end, not the last: in a union all start at 0
		 * (bindgen takes the last one's, too small for union { int a:31;
		 * char b:1; }, where C reserves 4 bytes) */
		size_bits = lmax(size_bits, f->offset - start + f->bitwidth);
	}
	u->size = align_to(size_bits, 8) / 8;
	vpush(&it->units, u);
	return i;
}

/* bindgen infers #pragma pack from a field more aligned than its record. */
static bool is_packed(struct item *it)
{
	bool packed = it->packed_attr, misaligned = false;
	long max_align = 1;
	for (int i = 0; i < it->fields.n; i++) {
		struct field *f = &it->fields.v[i];
		long size, align;
		if (f->bitwidth >= 0)
			continue;
		field_layout(f, &size, &align);
		if (align > it->align)
			packed = true;
		if (align > 0 && f->offset % (8 * align))
			misaligned = true;
		if (align > max_align)
			max_align = align;
	}
	/* packed next to aligned(N) that changes nothing (every field where
	 * it would be anyway) is dropped when the record needs repr(align):
	 * rustc rejects packed with align.  Else packed(N) says it all. */
	if (packed && it->align_attr && !misaligned && it->align >= max_align &&
	    (it->align > max_align || max_align >= 16))
		return false;
	/* a field where its alignment does not put it is packing too, also
	 * when aligned(N) hides it (#pragma pack(1) struct
	 * __attribute__((aligned(32))) { int a:1; int b; }: b at 1) */
	return packed || misaligned;
}

/* Whether a union can be Copy: every field is, and none is a zero-length
 * or flexible array (bindgen's rule). */
static bool union_is_copy(struct item *it)
{
	if (!o->derive_copy || (it->refused & D_COPY))
		return false;
	for (int i = 0; i < it->fields.n; i++) {
		struct type *t = it->fields.v[i].type;
		if (flexible_array(t))
			return false;
		if (!(type_can(t) & D_COPY))
			return false;
	}
	return true;
}

/* What union_is_copy() will say, as far as plan_records() can tell before
 * derive.c: no zero-length or flexible array in the type, through the
 * records it holds, and no --no-copy naming them. */
static bool may_copy(struct type *t)
{
	t = strip_typedefs(t);
	if (flexible_array(t))
		return false;
	if (t->kind == T_ARRAY)
		return may_copy(t->sub);
	if (t->kind != T_ITEM || (t->item->kind != I_STRUCT && t->item->kind != I_UNION))
		return true;
	struct item *it = t->item;
	if (regexset_match(o->no_copy.re, it->rname))
		return false;
	for (int i = 0; i < it->fields.n; i++)
		if (!may_copy(it->fields.v[i].type))
			return false;
	return true;
}

/* The style of a union that is not Copy: ManuallyDrop fields, or bindgen's
 * __BindgenUnionField wrapper struct. */
static bool union_manually_drop(struct item *it)
{
	if (regexset_match(o->union_wrapper.re, it->rname))
		return false;
	if (regexset_match(o->union_manually_drop.re, it->rname))
		return true;
	return o->union_style == US_MANUALLY_DROP;
}

/* Records with bitfields get their alignment from a zero-sized first
 * field, _bindgen_align: [uN; 0], rather than from repr(align). */
static void align_field_first(struct rlayout *rl, long align)
{
	struct member m = { .kind = M_ALIGN, .size = 0, .align = align };
	hpush(&rl->m, m);
	memmove(rl->m.v + 1, rl->m.v, sizeof *rl->m.v * (rl->m.n - 1));
	rl->m.v[0] = m;
}

static struct rlayout *layout_record(struct item *it)
{
	struct rlayout *rl = it->lay ? it->lay : alloc(sizeof *rl);
	hfree(&rl->m);		/* plan()'s, made again here */
	*rl = (struct rlayout){0};
	it->lay = rl;
	/* (plan_records() runs before derive.c: may_copy() guesses) */
	rl->copy = it->kind == I_UNION &&
		   (planning ? o->derive_copy && may_copy(&(struct type){ .kind = T_ITEM, .item = it })
			     : union_is_copy(it));
	if (!it->complete && it->inner_fwd) {
		add(rl, (struct member){ .kind = M_ADDRESS, .size = 1, .align = 1 });
		rl->no_layout = true;
		return rl;
	}
	if (!it->complete) {
		rl->fwd = true;
		add(rl, (struct member){ .kind = M_UNUSED });
		return rl;
	}
	if (it->opaque) {
		/* bindgen aligns an opaque record with bitfields as it does a
		 * record with bitfields (Linux's packed desc_struct: [u8; 0]) */
		bool bits = false;
		for (int i = 0; i < it->fields.n; i++)
			bits |= it->fields.v[i].bitwidth >= 0;
		if (bits && it->align <= MAX_GUARANTEED_ALIGN)
			add(rl, (struct member){ .kind = M_ALIGN, .align = it->align });
		else
			rl->explicit_align = it->align;
		add(rl, (struct member){ .kind = M_OPAQUE, .size = it->size, .align = it->align });
		return rl;
	}
	struct tracker t = { .it = it, .rl = rl };
	t.is_union = it->kind == I_UNION;
	t.packed = rl->packed = !it->unpacked && is_packed(it);
	/* An empty union cannot be a Rust union: bindgen makes it a struct
	 * holding a zero-sized blob.  Nor can a union that is not Copy,
	 * unless its fields are wrapped in ManuallyDrop (always when it has
	 * bitfields or fields kept as bytes: those are no zero-sized
	 * __BindgenUnionField); nor a
	 * zero-sized one that is (Linux 6.12's UP spinlock: union { struct
	 * raw_spinlock rlock; }), as bindgen main has it. */
	bool md = t.is_union && (union_manually_drop(it) || it->units.n || it->unpacked);
	rl->rust_union = t.is_union && !o->disable_untagged_union && it->fields.n &&
			 (it->size ? rl->copy || md : !rl->copy && md);

	int nunits = 0;
	for (int i = 0; i < it->fields.n;) {
		struct field *f = &it->fields.v[i];
		if (f->bitwidth >= 0) {
			bool empty;
			i = run_end(it, i, &empty);
			if (empty)
				continue;
			struct bunit *u = it->units.v[nunits++];
			saw_unit(&t, u);
			add(rl, (struct member){ .kind = M_UNIT, .u = u, .size = u->size, .align = 1 });
			rl->has_units = true;
			continue;
		}
		long size, align;
		field_layout(f, &size, &align);
		if (f->bytes)
			align = 1;
		saw_field(&t, size, align, f->offset);
		add(rl, (struct member){ .kind = f->bytes ? M_BYTES : M_FIELD, .f = f,
					 .size = size, .align = align });
		i++;
	}
	if (o->explicit_padding && !t.last_was_bitfield && !t.is_union &&
	    t.latest_offset != it->size && it->size > t.latest_offset) {
		padding_field(&t, it->size - t.latest_offset, 0);
		t.latest_offset = it->size;	/* pad_struct() has nothing left */
	}

	if (it->size == 0 && it->fields.n == 0 && !t.is_union) {
		/* C allows empty structs; Rust's repr(C) would agree, but bindgen
		 * only adds _address when the C size is not zero.  An aligned
		 * one keeps C's alignment (bindgen drops it: Linux's
		 * sched_statistics, ____cacheline_aligned) */
		if (it->align > 1)
			rl->explicit_align = it->align;
	} else if (!t.is_union) {
		pad_struct(&t);
		if (requires_explicit_align(&t)) {
			if (it->align == 1)
				rl->packed = true;
			else if (rl->has_units && it->align <= MAX_GUARANTEED_ALIGN)
				align_field_first(rl, it->align);
			else
				rl->explicit_align = it->align;
		}
	} else {
		if (requires_explicit_align(&t)) {
			if (rl->has_units && it->align <= MAX_GUARANTEED_ALIGN)
				align_field_first(rl, it->align);
			else
				rl->explicit_align = it->align;
		}
		if (!rl->rust_union)
			add(rl, (struct member){ .kind = M_UNIONBLOB, .size = it->size,
						 .align = it->align });
	}
	if (rl->packed)
		rl->packed_n = it->align;
	return rl;
}

/* ---- records that packed cannot express ---- */

static void plan(struct item *it);

/* Whether t's Rust form holds a #[repr(align)] type: a packed record
 * cannot (E0588). */
static bool holds_align(struct type *t)
{
	t = strip_typedefs(t);
	while (t->kind == T_ARRAY || t->kind == T_INCARRAY)
		t = strip_typedefs(t->sub);
	if (t->kind != T_ITEM || (t->item->kind != I_STRUCT && t->item->kind != I_UNION))
		return false;
	plan(t->item);
	return t->item->holds_align;
}

/* Whether #[repr(C, packed(N))] puts every field where C does, with C's
 * size and alignment, and compiles: rustc rejects packed with align
 * (E0587) or holding an aligned type (E0588), and packed(N) is #pragma
 * pack(N), not __attribute__((packed, aligned(N))), whose fields stay
 * unaligned. */
static bool packed_faithful(struct item *it, struct rlayout *rl)
{
	long n = rl->packed_n > 1 ? rl->packed_n : 1, end = 0, max = 1;
	bool is_union = it->kind == I_UNION;
	if (rl->explicit_align)
		return false;
	for (int i = 0; i < rl->m.n; i++) {
		struct member *m = &rl->m.v[i];
		long a = lmin(lmax(m->align, 1), n);
		long at = is_union ? 0 : align_to(end, a);
		if (m->kind == M_FIELD && (at * 8 != m->f->offset || holds_align(m->f->type)))
			return false;
		if ((m->kind == M_PAD || m->kind == M_UNIONBLOB) && blob_aligned(m->size, m->align))
			return false;	/* __BindgenOpaqueArray8 is #[repr(align)] */
		end = is_union ? lmax(end, m->size) : at + m->size;
		max = lmax(max, a);
	}
	return align_to(end, max) == it->size && max == it->align;
}

/* A packed record that packed cannot express is laid out unpacked: each
 * field C puts at an offset its Rust type cannot have (misaligned, or
 * more aligned than the record) becomes a byte array with accessors; so
 * does such a field in any record.  Bitfield units come first: layout
 * and derive.c need them. */
static void plan(struct item *it)
{
	if (it->planned)
		return;
	it->planned = true;
	bool fields = it->complete && !it->opaque;	/* its Rust form has them */
	for (int i = 0; fields && i < it->fields.n;)
		i = it->fields.v[i].bitwidth >= 0 ? take_bitfields(it, i) : i + 1;
	struct rlayout *rl = layout_record(it);
	bool redo = rl->packed && !packed_faithful(it, rl);
	for (int i = 0; fields && i < it->fields.n; i++) {
		struct field *f = &it->fields.v[i];
		long size, align;
		field_layout(f, &size, &align);
		/* the alignment Rust gives the field's type: bindgen sees an
		 * array of over-aligned records at 8, Rust does not (struct
		 * a64 x[1] __attribute__((packed))) */
		align = lmax(align, f->type->align);
		bool misplaced = f->bitwidth < 0 && align > 1 &&
				 (f->offset % (8 * align) || align > it->align);
		if (redo || (!rl->packed && misplaced)) {
			f->bytes = misplaced;
			redo |= misplaced;
		}
	}
	it->unpacked = redo;
	if (redo)
		rl = layout_record(it);
	it->holds_align = rl->explicit_align;
	it->repr_packed = rl->packed;
	for (int i = 0; i < rl->m.n; i++) {	/* __BindgenOpaqueArray8 and the like */
		struct member *m = &rl->m.v[i];
		if (m->kind == M_PAD || m->kind == M_OPAQUE || m->kind == M_UNIONBLOB)
			it->holds_align |= blob_aligned(m->size, m->align);
	}
	for (int i = 0; fields && i < it->fields.n; i++)
		if (!it->fields.v[i].bytes && it->fields.v[i].bitwidth < 0)
			it->holds_align |= holds_align(it->fields.v[i].type);
	/* compute_layout() lays the members out again: the next record's
	 * plan reuses the memory (250,000 records kept 110 MiB) */
	hfree(&rl->m);
}

static void plan_list(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		if (it->kind == I_STRUCT || it->kind == I_UNION)
			plan(it);
		plan_list(&it->children);
	}
}

void plan_records(struct unit *u, const struct opts *opts)
{
	o = opts;
	planning = true;
	plan_list(&u->items);
	planning = false;
}

static void layout_list(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		if (it->kind == I_STRUCT || it->kind == I_UNION) {
			layout_record(it);
			hkeep(&it->lay->m);
		}
		layout_list(&it->children);
	}
}

/* --macro-const-use-ctypes: a compound literal prints as a Rust struct
 * (or union) literal only where the Rust record has C's fields, one
 * member each: no bitfield units, padding, opaque blob or flexible array,
 * and a union is a Rust union. */
static bool literal_fits(struct type *t, const struct mval *v)
{
	t = strip_typedefs(t);
	if (t->kind == T_ARRAY) {
		for (int i = 0; i < v->parts.n; i++)
			if (v->parts.v[i].kind == MV_RECORD && !literal_fits(t->sub, &v->parts.v[i]))
				return false;
		return true;
	}
	struct item *it = t->kind == T_ITEM && is_record(t->item) ? t->item : NULL;
	/* a union only as a Rust union, of which the literal names one member */
	if (!it || !it->lay || it->opaque || (it->kind == I_UNION) != it->lay->rust_union ||
	    it->lay->m.n != it->fields.n)
		return false;
	for (int i = 0; i < it->lay->m.n; i++) {
		struct member *m = &it->lay->m.v[i];
		if (m->kind != M_FIELD || m->f != &it->fields.v[i] || flexible_array(m->f->type))
			return false;
		if (it->kind == I_UNION && i != v->i)
			continue;
		if (v->parts.v[i].kind == MV_RECORD && !literal_fits(m->f->type, &v->parts.v[i]))
			return false;
	}
	return true;
}

void compute_layout(struct unit *u, const struct opts *opts)
{
	o = opts;
	layout_list(&u->items);
	for (int i = 0; i < u->items.n; i++) {
		struct item *it = u->items.v[i];
		if (it->kind == I_MACRO && it->has_val && it->val.kind == MV_RECORD &&
		    !literal_fits(it->type, &it->val)) {
			it->has_val = it->emit = false;
			it->why = "a compound literal of a record whose Rust form has other members";
		}
	}
}
