/* select.c: which items are emitted.  bindgen's rules: allowlists pick the
 * roots (everything when there are none), the items they reference follow
 * unless --no-recursive-allowlist, blocklisted items are never emitted but
 * may still be named. */
#include <string.h>

#include "kbindgen.h"

static const struct opts *o;	/* handed over by the entry point */

static struct regexset *al_type, *al_func, *al_var, *al_file, *al_item;
static struct regexset *bl_type, *bl_func, *bl_var, *bl_file, *bl_item, *opaque;
static bool have_allowlist;

/* The name regexes see: the C name, or for anonymous and nested types the
 * name bindgen gives them (_bindgen_ty_1, outer_inner). */
static const char *sel_name(const struct item *it)
{
	if (it->anonymous || (it->parent && it->rname))
		return it->rname;
	return it->name;
}

static bool blocked(const struct item *it)
{
	if (regexset_match(bl_item, sel_name(it)) || regexset_match(bl_file, it->file))
		return true;
	if (is_type(it))
		return regexset_match(bl_type, sel_name(it));
	if (it->kind == I_FUNC)
		return regexset_match(bl_func, it->name);
	return regexset_match(bl_var, it->name);
}

static bool allowed(const struct item *it)
{
	if (regexset_match(al_item, sel_name(it)) || regexset_match(al_file, it->file))
		return true;
	if (is_type(it)) {
		if (regexset_match(al_type, sel_name(it)))
			return true;
		/* an anonymous enum is allowlisted through its constants */
		if (it->kind == I_ENUM && it->anonymous)
			for (int i = 0; i < it->consts.n; i++)
				if (regexset_match(al_var, it->consts.v[i].name) ||
				    regexset_match(al_item, it->consts.v[i].name))
					return true;
		return false;
	}
	if (it->kind == I_FUNC)
		return regexset_match(al_func, it->name);
	return regexset_match(al_var, it->name);
}

/* Items bindgen never emits whatever the lists say. */
static bool generable(const struct item *it)
{
	if (it->is_builtin && !o->builtins)
		return false;
	switch (it->kind) {
	case I_FUNC:
		if (!o->gen_funcs)
			return false;
		if (it->is_static && !o->wrap_static_fns)
			return false;
		/* a variadic function cannot pass its ... on: no wrapper */
		if (it->is_static && it->type->fn->variadic)
			return false;
		if (it->is_inline && !it->is_static && !o->gen_inline_funcs)
			return false;
		return true;
	case I_VAR:
		return o->gen_vars;
	case I_MACRO:
		return o->gen_vars && it->has_val;
	default:
		return o->gen_types;
	}
}

static void mark(struct item *it);

static void mark_type(struct type *t)
{
	for (; t; t = sub_of(t)) {
		if (t->kind == T_ITEM)
			mark(t->item);
		if (t->kind == T_FUNC) {
			mark_type(t->fn->ret);
			for (int i = 0; i < t->fn->params.n; i++)
				mark_type(t->fn->params.v[i]);
		}
	}
}

/* Emits it and, recursively, what it needs. */
static void mark(struct item *it)
{
	if (it->emit || it->blocked)
		return;
	if (builtin_alias(it))
		return;		/* uint64_t is u64: neither it nor its target */
	it->emit = true;
	/* nested types are part of their record */
	for (int i = 0; i < it->children.n; i++)
		mark(it->children.v[i]);
	if (o->no_recursive_allowlist && have_allowlist)
		return;
	if (it->parent)
		mark(it->parent);
	switch (it->kind) {
	case I_STRUCT:
	case I_UNION:
		for (int i = 0; i < it->fields.n; i++)
			mark_type(it->fields.v[i].type);
		break;
	case I_ENUM:
		mark_type(it->inttype);
		break;
	case I_TYPEDEF:
		mark_type(it->aliased);
		break;
	default:
		mark_type(it->type);
	}
}

static struct strmap replaced;	/* names another type replaces */

static void collect_replaced(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		if (ANN(items->v[i])->replaces)
			strmap_put(&replaced, items->v[i]->ann->replaces, items->v[i]);
		collect_replaced(&items->v[i]->children);
	}
}

static void block_list(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		it->blocked = blocked(it) || ANN(it)->hide;
		/* replaces="foo" makes this item foo: the original goes */
		if (!ANN(it)->replaces && it->name && strmap_get(&replaced, it->name))
			it->blocked = true;
		if (ANN(it)->opaque)
			it->opaque = true;
		block_list(&it->children);
	}
}

static void select_list(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		/* --opaque-type: types only */
		if (is_type(it) && regexset_match(opaque, sel_name(it)))
			it->opaque = true;
		if (generable(it) && (!have_allowlist || allowed(it)))
			mark(it);
		select_list(&it->children);
	}
}

void select_items(struct unit *u, const struct opts *opts)
{
	o = opts;
	al_type = o->allow_type.re;
	al_func = o->allow_func.re;
	al_var = o->allow_var.re;
	al_file = o->allow_file.re;
	al_item = o->allow_item.re;
	bl_type = o->block_type.re;
	bl_func = o->block_func.re;
	bl_var = o->block_var.re;
	bl_file = o->block_file.re;
	bl_item = o->block_item.re;
	opaque = o->opaque_type.re;
	have_allowlist = al_type || al_func || al_var || al_file || al_item;
	collect_replaced(&u->items);
	block_list(&u->items);
	select_list(&u->items);
}
