/* derive.c: which traits each record can #[derive], following bindgen's
 * analysis for C types: a record derives a trait only when every field's
 * type does; floats cannot Hash/Eq/Ord, raw pointers and enums have no
 * Default, unions derive only Copy/Clone, arrays over 32 have no Default. */
#include "kbindgen.h"

#define D_ALL (D_DEBUG | D_COPY | D_CLONE | D_DEFAULT | D_HASH | D_PARTIALEQ | \
	       D_EQ | D_PARTIALORD | D_ORD)
#define D_CMP (D_HASH | D_EQ | D_ORD)	/* what floats lack */

static unsigned item_can(struct item *it);

/* Compiled on first use, which is before emission (that releases the
 * arena between items). */
static struct regexset *no_copy, *no_debug, *no_default, *no_hash, *no_peq;
static void init_rules(void);

unsigned type_can(struct type *t)
{
	switch (t->kind) {
	case T_FLOAT16:
	case T_FLOAT: case T_DOUBLE:
		return D_ALL & ~D_CMP;
	case T_LDOUBLE: case T_FLOAT128:
		return D_ALL;
	case T_COMPLEX:
		return (D_ALL & ~(D_EQ | D_ORD | D_PARTIALORD)) & type_can(t->sub);
	case T_PTR:
		if (t->sub->kind == T_FUNC) {
			unsigned c = D_ALL;
			/* bindgen derives through fn pointers of the C ABI with
			 * up to 12 arguments only */
			if (t->sub->params.n > 12 ||
			    (t->sub->cc != CC_C && t->sub->cc != CC_OTHER))
				c &= ~(D_DEBUG | D_HASH | D_PARTIALEQ | D_EQ |
				       D_PARTIALORD | D_ORD);
			return c;
		}
		return D_ALL & ~D_DEFAULT;
	case T_ARRAY: {
		if (t->len == 0)	/* becomes __IncompleteArrayField */
			return type_can(t->sub) & (D_DEBUG | D_DEFAULT);
		unsigned c = type_can(t->sub);
		if (t->len > 32)
			c &= ~D_DEFAULT;
		return c;
	}
	case T_INCARRAY:
		/* __IncompleteArrayField<T> is neither Copy nor Clone */
		return type_can(t->sub) & (D_DEBUG | D_DEFAULT);
	case T_VECTOR:
		return D_ALL & ~D_DEFAULT & type_can(t->sub);
	case T_FUNC:
		return D_ALL;
	case T_ITEM:
		return item_can(t->item);
	case T_OPAQUE:
		/* a pointer of another size (__ptr32) is still a pointer */
		return t->sub ? D_ALL & ~D_DEFAULT : D_ALL;
	default:
		return D_ALL;
	}
}

static unsigned record_can(struct item *it)
{
	struct rlayout *rl = rec_layout(it);
	if (rl->fwd)
		return D_DEBUG;
	if (it->opaque) {
		unsigned c = D_ALL;
		if (it->size > 32 * (it->align ? it->align : 1))
			c &= ~D_DEFAULT;
		return c;
	}
	unsigned c = D_ALL;
	for (int i = 0; i < it->fields.n; i++) {
		struct field *f = &it->fields.v[i];
		c &= type_can(f->type);
	}
	/* bindgen's limit for Default on over-aligned records */
	if (it->align > 32)
		c &= ~D_DEFAULT;
	/* a bitfield unit is a byte array: no Default past 32 bytes */
	for (int i = 0; i < rl->m.n; i++)
		if (rl->m.v[i].kind == M_UNIT && rl->m.v[i].size > 32)
			c &= ~D_DEFAULT;
	if (it->kind == I_UNION) {
		/* Rust unions derive Copy/Clone only; the rest is impl'd */
		c &= D_COPY | D_CLONE;
	}
	return c;
}

static unsigned item_can(struct item *it)
{
	/* it->derives caches "can derive" bits during the analysis; bit 31
	 * marks "computed" and bit 30 "in progress" (cycles through values
	 * are impossible in C, but be safe). */
	if (it->derives & (1u << 31))
		return it->derives & D_ALL;
	if (it->derives & (1u << 30))
		return D_ALL;
	/* the user supplies blocklisted types: assume nothing about them */
	if (it->blocked)
		return 0;
	it->derives |= 1u << 30;
	unsigned c;
	switch (it->kind) {
	case I_STRUCT:
	case I_UNION:
		c = record_can(it);
		break;
	case I_ENUM:
		c = D_ALL & ~D_DEFAULT;
		break;
	case I_TYPEDEF:
		c = type_can(it->aliased);
		break;
	default:
		c = D_ALL;
	}
	/* --no-copy and friends, and nocopy-style annotations, also stop
	 * the records that contain the type from deriving */
	c &= ~derives_refused(it, true);
	it->derives = c | (1u << 31);
	return c;
}

/* The traits --no-copy, --no-debug, ... (and, with annotations, the
 * nocopy/nodebug/nodefault annotations) refuse to this item. */
unsigned derives_refused(struct item *it, bool annotations)
{
	init_rules();	/* layout asks about unions before compute_derives() */
	const char *n = it->rname ? it->rname : it->name;
	unsigned r = 0;
	if (regexset_match(no_copy, n) || (annotations && ANN(it)->nocopy))
		r |= D_COPY | D_CLONE;
	if (regexset_match(no_debug, n) || (annotations && ANN(it)->nodebug))
		r |= D_DEBUG;
	if (regexset_match(no_default, n) || (annotations && ANN(it)->nodefault))
		r |= D_DEFAULT;
	if (regexset_match(no_hash, n))
		r |= D_HASH;
	if (regexset_match(no_peq, n))
		r |= D_PARTIALEQ | D_EQ | D_PARTIALORD | D_ORD;
	return r;
}

static void derive_list(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		item_can(items->v[i]);
		derive_list(&items->v[i]->children);
	}
}

static void init_rules(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	no_copy = regexset_new(&opt.no_copy);
	no_debug = regexset_new(&opt.no_debug);
	no_default = regexset_new(&opt.no_default);
	no_hash = regexset_new(&opt.no_hash);
	no_peq = regexset_new(&opt.no_partialeq);
}

void compute_derives(struct unit *u)
{
	init_rules();
	derive_list(&u->items);
}

/* What an item can derive, once computed. */
unsigned can_derive(struct item *it)
{
	return item_can(it);
}
