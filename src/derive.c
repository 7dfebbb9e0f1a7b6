/* derive.c: which traits each type can #[derive] (it->can), following
 * bindgen's analysis for C types: a record derives a trait only when every
 * field's type does; floats cannot Hash/Eq/Ord, raw pointers and enums
 * have no Default, unions derive only Copy/Clone, arrays over 32 have no
 * Default.  Also what --no-copy & co. and the annotations refuse to each
 * item (it->refused).  What is then derived is style.c's choice. */
#include "kbindgen.h"

#define D_ALL (D_DEBUG | D_COPY | D_CLONE | D_DEFAULT | D_HASH | D_PARTIALEQ | \
	       D_EQ | D_PARTIALORD | D_ORD)
#define D_CMP (D_HASH | D_EQ | D_ORD)	/* what floats lack */

static unsigned item_can(struct item *it);

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
	case T_PTR: {
		/* a pointer to a function (through typedefs: Linux's
		 * __sighandler_t) is an Option<fn> */
		struct type *f = strip_typedefs(t->sub);
		if (f->kind == T_FUNC) {
			unsigned c = D_ALL;
			/* bindgen derives through fn pointers of the C ABI with
			 * up to 12 arguments only */
			if (f->fn->params.n > 12 || (f->fn->cc != CC_C && f->fn->cc != CC_OTHER))
				c &= ~(D_DEBUG | D_HASH | D_PARTIALEQ | D_EQ |
				       D_PARTIALORD | D_ORD);
			return c;
		}
		return D_ALL & ~D_DEFAULT;
	}
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
	if (!it->complete && !it->inner_fwd)	/* a forward declaration */
		return D_DEBUG;
	if (it->opaque) {	/* a blob (see blob()): Default but past align 32 */
		unsigned c = D_ALL;
		if (it->align > 32)
			c &= ~D_DEFAULT;
		return c;
	}
	unsigned c = D_ALL;
	for (int i = 0; i < it->fields.n; i++) {
		struct field *f = &it->fields.v[i];
		c &= type_can(f->type);
		if (f->bytes && f->type->size > 32)	/* [u8; N] */
			c &= ~D_DEFAULT;
	}
	/* a derive that takes references to the fields of a packed record
	 * needs them Copy (E0507: a flexible array member is not) */
	if (it->repr_packed && !(c & D_COPY))
		c &= D_COPY | D_CLONE | D_DEFAULT;
	/* bindgen's limit for Default on over-aligned records */
	if (it->align > 32)
		c &= ~D_DEFAULT;
	/* a bitfield unit is a byte array: no Default past 32 bytes */
	for (int i = 0; i < it->units.n; i++)
		if (it->units.v[i]->size > 32)
			c &= ~D_DEFAULT;
	if (it->kind == I_UNION) {
		/* Rust unions derive Copy/Clone only; the rest is impl'd */
		c &= D_COPY | D_CLONE;
	}
	return c;
}

static unsigned item_can(struct item *it)
{
	/* (cycles through values are impossible in C, but be safe) */
	if (it->can_state == CAN_DONE)
		return it->can;
	if (it->can_state == CAN_BUSY)
		return D_ALL;
	/* the user supplies blocklisted types: assume nothing about them */
	if (it->blocked)
		return 0;
	it->can_state = CAN_BUSY;
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
		/* size_t is usize whatever it aliases (a blocklisted
		 * __kernel_size_t in Linux 6.12) */
		c = it->alias ? D_ALL : type_can(it->aliased);
		break;
	default:
		c = D_ALL;
	}
	/* --no-copy and friends, and nocopy-style annotations, also stop
	 * the records that contain the type from deriving */
	c &= ~it->refused;
	it->can = c;
	it->can_state = CAN_DONE;
	return c;
}

/* The traits --no-copy, --no-debug, ... and the nocopy/nodebug/nodefault
 * annotations refuse to this item. */
static unsigned refused(const struct opts *o, struct item *it)
{
	const char *n = it->rname ? it->rname : it->name;
	unsigned r = 0;
	if (regexset_match(o->no_copy.re, n) || ANN(it)->nocopy)
		r |= D_COPY | D_CLONE;
	if (regexset_match(o->no_debug.re, n) || ANN(it)->nodebug)
		r |= D_DEBUG;
	if (regexset_match(o->no_default.re, n) || ANN(it)->nodefault)
		r |= D_DEFAULT;
	if (regexset_match(o->no_hash.re, n))
		r |= D_HASH;
	if (regexset_match(o->no_partialeq.re, n))
		r |= D_PARTIALEQ | D_EQ | D_PARTIALORD | D_ORD;
	return r;
}

static void refuse_list(const struct opts *o, itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		if (is_type(items->v[i]))	/* derives are a type's */
			items->v[i]->refused = refused(o, items->v[i]);
		refuse_list(o, &items->v[i]->children);
	}
}

static void can_list(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		item_can(items->v[i]);
		can_list(&items->v[i]->children);
	}
}

void compute_derives(struct unit *u, const struct opts *o)
{
	refuse_list(o, &u->items);
	can_list(&u->items);
}
