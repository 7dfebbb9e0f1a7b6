/* style.c: how each item is printed, decided before anything is: enum
 * and typedef styles, derives, attributes, #[must_use], ABIs, visibility,
 * the impls records get, what is printed elsewhere or not at all.  The
 * options and annotations that choose these are read here and nowhere
 * after; the emitters print what the IR says. */
#include <string.h>

#include "kbindgen.h"

static const struct opts *o;

/* ---- every item: the styles types are referred to by ---- */

static bool enum_matches(struct regexset *rs, struct item *it)
{
	if (!rs)
		return false;
	if (!it->anonymous)
		return regexset_match(rs, it->name);
	for (int i = 0; i < it->consts.n; i++)
		if (regexset_match(rs, it->consts.v[i].name))
			return true;
	return false;
}

static enum enum_style enum_style_of(struct item *it)
{
	if (enum_matches(o->enum_module.re, it)) return ES_MODULE;
	if (enum_matches(o->enum_bitfield.re, it)) return ES_BITFIELD;
	if (enum_matches(o->enum_newtype.re, it)) return ES_NEWTYPE;
	if (enum_matches(o->enum_newtype_global.re, it)) return ES_NEWTYPE_GLOBAL;
	if (enum_matches(o->enum_rust.re, it)) return ES_RUST;
	if (enum_matches(o->enum_rust_ne.re, it)) return ES_RUST_NE;
	if (enum_matches(o->enum_consts.re, it)) return ES_CONSTS;
	return o->enum_style;
}

static enum alias_style alias_style_of(struct item *it)
{
	if (regexset_match(o->alias_normal.re, it->rname))
		return AS_NORMAL;
	if (regexset_match(o->alias_newtype.re, it->rname))
		return AS_NEWTYPE;
	if (regexset_match(o->alias_newtype_deref.re, it->rname))
		return AS_NEWTYPE_DEREF;
	return o->alias_style;
}

/* typedef struct foo foo; (directly or through other typedefs) and the
 * typedef that named an anonymous record add nothing: the record has the
 * name already. */
static bool names_itself(struct item *it)
{
	for (struct type *t = it->aliased; t->kind == T_ITEM; t = t->item->aliased) {
		if (streq(t->item->rname, it->rname) && t->item != it)
			return true;
		if (t->item->kind != I_TYPEDEF)
			break;
	}
	return false;
}

static void type_styles(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		if (it->kind == I_ENUM)
			it->estyle = enum_style_of(it);
		if (it->kind == I_TYPEDEF) {
			it->astyle = alias_style_of(it);
			it->names_itself = names_itself(it);
		}
		type_styles(&it->children);
	}
}

/* ---- derives and attributes ---- */

/* Appends the values of the rules matching name to out, skipping ones
 * already there. */
static void add_unique(strvec *out, const char *v)
{
	for (int k = 0; k < out->n; k++)
		if (streq(out->v[k], v))
			return;
	vpush(out, (char *)v);
}

static void rule_values(const rulevec *rv, const char *name, strvec *out)
{
	for (int i = 0; i < rv->n; i++)
		if (regexset_match(rv->v[i].re, name))
			for (int j = 0; j < rv->v[i].vals.n; j++)
				add_unique(out, rv->v[i].vals.v[j]);
}

/* derive="X" annotations, and attribute="#[derive(X)]" ones, which bindgen
 * folds into the derive list. */
static void annot_derives(struct item *it, strvec *all)
{
	strvec d = {0};
	const struct annot *ann = ANN(it);
	for (int i = 0; i < ann->derives.n; i++)
		split_commas(ann->derives.v[i], strlen(ann->derives.v[i]), &d);
	for (int i = 0; i < ann->attrs.n; i++) {
		const char *a = ann->attrs.v[i];
		size_t n = strlen(a);
		if (startswith(a, "#[derive(") && n > 11 && !strcmp(a + n - 2, ")]"))
			split_commas(a + 9, n - 11, &d);
	}
	for (int i = 0; i < d.n; i++)
		add_unique(all, d.v[i]);
}

/* "A, B, C", NULL when v is empty. */
static const char *comma_list(const strvec *v)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	for (int i = 0; i < v->n; i++)
		bputs_all(&b, i ? ", " : "", v->v[i], NULL);
	return b.len ? bdone(&b) : NULL;
}

/* The derive lists made of the D_* bits alone, by bits: one string for
 * each (a header of many records asks thousands of times); made anew
 * by each run. */
static const char *by_bits[D_ORD << 1];
static bool made[D_ORD << 1];

/* The derive list of a record or new type alias that can derive can;
 * what it derives into *derived (a Default the user derives included). */
static const char *derive_list(struct item *it, unsigned can, unsigned *derived)
{
	unsigned d = 0;
	if (o->derive_debug) d |= D_DEBUG;
	if (o->derive_default) d |= D_DEFAULT;
	if (o->derive_copy) d |= D_COPY | D_CLONE;
	if (o->derive_hash) d |= D_HASH;
	if (o->derive_partialord) d |= D_PARTIALORD;
	if (o->derive_ord) d |= D_ORD | D_PARTIALORD;
	if (o->derive_partialeq) d |= D_PARTIALEQ;
	if (o->derive_eq) d |= D_EQ | D_PARTIALEQ;
	d &= can & ~it->refused;
	if (!(d & D_PARTIALEQ))
		d &= ~(D_EQ | D_PARTIALORD | D_ORD);
	if (!(d & D_PARTIALORD))
		d &= ~D_ORD;
	if (!(d & D_EQ))
		d &= ~D_ORD;
	const rulevec *kind = it->kind == I_UNION ? &o->derive_custom_union :
			      it->kind == I_ENUM ? &o->derive_custom_enum : &o->derive_custom_struct;
	bool bits_only = !o->derive_custom.n && !kind->n && !ANN(it)->derives.n &&
			 !ANN(it)->attrs.n;
	*derived = d;
	if (bits_only && made[d])
		return by_bits[d];
	static const struct { unsigned bit; const char *name; } order[] = {
		{ D_DEBUG, "Debug" }, { D_DEFAULT, "Default" }, { D_COPY, "Copy" },
		{ D_CLONE, "Clone" }, { D_HASH, "Hash" }, { D_PARTIALORD, "PartialOrd" },
		{ D_ORD, "Ord" }, { D_PARTIALEQ, "PartialEq" }, { D_EQ, "Eq" },
	};
	strvec all = {0};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (d & order[i].bit)
			vpush(&all, (char *)order[i].name);
	rule_values(&o->derive_custom, it->rname, &all);
	rule_values(kind, it->rname, &all);
	annot_derives(it, &all);
	/* a Default the user derives needs no impl */
	for (int i = 0; i < all.n; i++)
		if (streq(all.v[i], "Default"))
			d |= D_DEFAULT;
	*derived = d;
	const char *list = comma_list(&all);
	if (bits_only) {
		by_bits[d] = list;
		made[d] = true;
	}
	return list;
}

static const char *enum_derives(struct item *it)
{
	strvec all = {0};
	if (o->derive_debug && !(it->refused & D_DEBUG))
		vpush(&all, "Debug");
	if (o->derive_copy && !(it->refused & D_COPY))
		vpush(&all, "Copy");
	/* --no-hash and --no-partialeq do not reach Rust enums in bindgen */
	vpush(&all, "Clone");
	vpush(&all, "Hash");
	if (o->derive_partialord || o->derive_ord)
		vpush(&all, "PartialOrd");
	if (o->derive_ord)
		vpush(&all, "Ord");
	vpush(&all, "PartialEq");
	vpush(&all, "Eq");
	rule_values(&o->derive_custom, it->rname, &all);
	rule_values(&o->derive_custom_enum, it->rname, &all);
	annot_derives(it, &all);
	return comma_list(&all);	/* never empty: Clone, Hash, ... */
}

/* The attributes the user asked for on this item, one per line. */
static void custom_attrs(struct item *it, const rulevec *kind, strvec *a)
{
	rule_values(&o->attr_custom, it->rname, a);
	rule_values(kind, it->rname, a);
	for (int i = 0; i < ANN(it)->attrs.n; i++) {
		const char *s = it->ann->attrs.v[i];
		if (startswith(s, "#[derive("))
			continue;	/* folded into the derives */
		vpush(a, startswith(s, "#") ? (char *)s : fmt("#[%s]", s));
	}
}

/* Attributes of a field: its attribute="..." annotations and
 * --field-attr TYPE::FIELD=ATTR, as "#[a]\n#[b]\n" lines or inline. */
static const char *field_attrs(struct item *rec, const char *field, const struct annot *ann,
			       bool inline_)
{
	if (!o->field_attrs.n && (!ann || !ann->attrs.n))
		return "";	/* the usual case */
	struct buf b = {0};
	const char *end = inline_ ? " " : "\n";
	for (int i = 0; ann && i < ann->attrs.n; i++) {
		const char *s = ann->attrs.v[i];
		bprintf(&b, startswith(s, "#") ? "%s%s" : "#[%s]%s", s, end);
	}
	for (int i = 0; i < o->field_attrs.n; i++) {
		const struct field_attr *fa = &o->field_attrs.v[i];
		if (streq(fa->type, rec->rname) && streq(fa->field, field))
			bprintf(&b, startswith(fa->attr, "#") ? "%s%s" : "#[%s]%s", fa->attr, end);
	}
	return b.len ? bdone(&b) : "";
}

/* Whether a function returning t is #[must_use] by --must-use-type. */
static bool must_use_ret(struct type *t)
{
	for (; t->kind == T_ITEM; t = t->item->aliased) {
		if (regexset_match(o->must_use_type.re, t->item->rname) || ANN(t->item)->mustusetype)
			return true;
		if (t->item->kind != I_TYPEDEF)
			break;
	}
	return false;
}

static const char *abi_override(const char *name)
{
	for (int i = 0; i < o->override_abi.n; i++)
		if (regexset_match(o->override_abi.v[i].re, name))
			return o->override_abi.v[i].vals.v[0];
	return NULL;
}

/* ---- records ---- */

/* The visibility of fields and bitfield accessors (--default-visibility);
 * what bindgen keeps private even with --respect-cxx-access-specs is the
 * bitfield storage and its constructor. */
static const char *vis(struct item *rec, bool storage)
{
	if (o->respect_cxx_access && !storage)
		return "pub ";
	if (ANN(rec)->private_)
		return rec->ann->private_ > 0 ? "" : "pub ";
	switch (o->default_visibility) {
	case VIS_CRATE: return "pub(crate) ";
	case VIS_PRIVATE: return "";
	default: return "pub ";
	}
}

/* --flexarray-dst (nightly Rust: ptr_metadata): a struct that ends in a
 * flexible array member becomes generic over it. */
static struct field *fam_field(struct item *it)
{
	struct rlayout *rl = it->lay;
	if (!o->flexarray_dst || o->rust_target != KB_RUST_NIGHTLY ||
	    it->kind != I_STRUCT || !rl->m.n)
		return NULL;
	struct member *m = &rl->m.v[rl->m.n - 1];
	if (m->kind != M_FIELD || !m->f->name)
		return NULL;
	return flexible_array(m->f->type) ? m->f : NULL;
}

static void record_style(struct item *it, struct style *st)
{
	struct rlayout *rl = it->lay;
	unsigned can = it->can;
	st->fam = fam_field(it);
	if (st->fam)		/* an unsized type is neither Copy nor Clone */
		can &= ~(D_COPY | D_CLONE);
	unsigned derived;
	st->derives = derive_list(it, can, &derived);
	/* bindgen derives Debug for a forward declaration, whatever the
	 * options say */
	if (rl->fwd)
		st->derives = "Debug";
	custom_attrs(it, it->kind == I_UNION ? &o->attr_custom_union : &o->attr_custom_struct,
		     &st->attrs);
	st->must_use = regexset_match(o->must_use_type.re, it->rname) || ANN(it)->mustusetype;
	st->vis = vis(it, false);
	st->storage_vis = vis(it, true);
	for (int i = 0; i < it->fields.n; i++) {
		struct field *f = &it->fields.v[i];
		/* a field's own <div rustbindgen private> wins over its record's */
		if (ANN(f)->private_ && !o->respect_cxx_access)
			f->vis = f->ann->private_ > 0 ? "" : "pub ";
		else
			f->vis = st->vis;
		f->attrs = f->rname ? field_attrs(it, f->rname, f->ann, false) : "";
	}
	if (rl->fwd)
		return;
	st->layout_tests = o->layout_tests && !rl->no_layout;
	st->impl_default = o->derive_default && !(derived & D_DEFAULT) &&
			   !(it->refused & D_DEFAULT);
	/* --impl-partialeq adds nothing for C: bindgen implements PartialEq
	 * where it cannot be derived, and for C that is only through unions,
	 * which it does not implement either. */
	st->impl_debug = o->impl_debug && o->derive_debug && !(derived & D_DEBUG) &&
			 !(it->refused & D_DEBUG);
}

/* ---- typedefs ---- */

/* Whether a typedef is emitted as "pub use self::E as T;": what it names
 * is an enum, through typedefs (bindgen's workaround for rust-lang/rust
 * #26264). */
static bool use_alias(struct item *it)
{
	struct type *c = strip_typedefs(it->aliased);
	return it->astyle == AS_NORMAL && !it->opaque && c->kind == T_ITEM &&
	       c->item->kind == I_ENUM;
}

static void typedef_style(struct item *it, struct style *st)
{
	st->use_alias = use_alias(it);
	if (it->astyle != AS_NORMAL && !st->use_alias) {
		unsigned derived;
		st->derives = derive_list(it, type_can(it->aliased), &derived);
		custom_attrs(it, &o->attr_custom_struct, &st->attrs);
		st->field0_attrs = field_attrs(it, "0", NULL, true);
	}
	st->abi = abi_override(it->rname);
}

/* ---- the pass ---- */

static struct strmap typedefs;	/* emitted typedef names */
static struct strmap shadowed;	/* macros named as a global enum constant */

static void item_style(struct unit *u, struct item *it)
{
	struct style *st = alloc(sizeof *st);
	it->st = st;
	switch (it->kind) {
	case I_STRUCT:
	case I_UNION:
		record_style(it, st);
		break;
	case I_ENUM:
		if (it->estyle != ES_CONSTS && it->estyle != ES_MODULE) {
			st->derives = enum_derives(it);
			custom_attrs(it, &o->attr_custom_enum, &st->attrs);
		}
		/* a typedef of the same name is the type (enum E; typedef
		 * int16_t E;) */
		st->typedef_named = strmap_get(&typedefs, it->rname);
		break;
	case I_TYPEDEF:
		typedef_style(it, st);
		break;
	case I_FUNC: {
		/* the vectorcall ABI needs a nightly rustc: bindgen skips these */
		if (it->type->fn->cc == CC_VECTORCALL && o->rust_target != KB_RUST_NIGHTLY &&
		    !o->dynamic_loading) {
			warn("%s: the vectorcall ABI needs --rust-target nightly; skipped", it->name);
			st->skip = true;
		}
		st->abi = abi_override(it->rname);
		st->must_use = (it->must_use && o->fn_attr_detection) || must_use_ret(it->type->fn->ret);
	}
		/* fall through */
	case I_VAR:
		/* in the library struct of --dynamic-loading */
		if (o->dynamic_loading && (it->kind == I_FUNC || !it->has_val)) {
			st->skip = true;
			vpush(&u->dynamic, it);
		}
		break;
	case I_MACRO:
		/* glibc's enum { FP_NAN = # define FP_NAN 0 ... }: bindgen emits
		 * both and the output does not compile; the enum's constant wins */
		st->skip = strmap_get(&shadowed, it->rname);
		break;
	}
}

static void style_list(struct unit *u, itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		if (!it->emit)
			continue;
		item_style(u, it);
		style_list(u, &it->children);
	}
}

/* The macros named as a global enum constant: fewer macros than
 * constants go into a table (vulkan.h: 1200 and 3200). */
static void find_shadowed(itemvec *items, struct strmap *macros)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		find_shadowed(&it->children, macros);
		if (it->kind != I_ENUM || !it->emit)
			continue;
		enum enum_style st = it->estyle;
		bool global = st == ES_CONSTS || st == ES_NEWTYPE_GLOBAL ||
			      (it->anonymous && st != ES_MODULE);
		for (int j = 0; global && j < it->consts.n; j++) {
			const char *n = it->consts.v[j].rname;
			if (strmap_get(macros, n))
				strmap_put(&shadowed, n, it);
		}
	}
}

/* --no-doc-comments: no comment is printed (they were read for the
 * annotations). */
static void drop_comments(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		it->comment = NULL;
		for (int j = 0; j < nfields(it); j++)
			it->fields.v[j].comment = NULL;
		for (int j = 0; it->kind == I_ENUM && j < it->consts.n; j++)
			it->consts.v[j].comment = NULL;
		drop_comments(&it->children);
	}
}

void decide_styles(struct unit *u, const struct opts *opts)
{
	o = opts;
	memset(made, 0, sizeof made);
	type_styles(&u->items);
	struct strmap macros = {0};
	for (int i = 0; i < u->items.n; i++) {
		struct item *it = u->items.v[i];
		if (it->kind == I_MACRO && it->emit)
			strmap_put(&macros, it->rname, it);
		if (it->kind == I_TYPEDEF && it->emit && !it->alias && !it->names_itself)
			strmap_put(&typedefs, it->rname, it);
	}
	if (macros.n)
		find_shadowed(&u->items, &macros);
	free(macros.slots);
	if (!o->doc_comments)
		drop_comments(&u->items);
	style_list(u, &u->items);
}
