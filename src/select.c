/* select.c: which items are emitted.  bindgen's rules: allowlists pick the
 * roots (everything when there are none), the items they reference follow
 * unless --no-recursive-allowlist, blocklisted items are never emitted but
 * may still be named.  Regexes are anchored as ^(...)$ and compiled with
 * PCRE2, whose syntax covers what users pass to bindgen's regex crate. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "kbindgen.h"

struct regexset {
	pcre2_code *re;
	pcre2_match_data *md;
};

struct regexset *regexset_new(const strvec *pats)
{
	if (!pats->n)
		return NULL;
	struct buf b = {0};
	bputs(&b, "^(?:");
	for (int i = 0; i < pats->n; i++)
		bprintf(&b, "%s(?:%s)", i ? "|" : "", pats->v[i]);
	bputs(&b, ")$");
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.s, b.len, PCRE2_UTF, &err, &off, NULL);
	if (!re) {
		/* name the offending pattern */
		for (int i = 0; i < pats->n; i++) {
			char *one = fmt("^(?:%s)$", pats->v[i]);
			pcre2_code *r = pcre2_compile((PCRE2_SPTR)one, PCRE2_ZERO_TERMINATED,
						      PCRE2_UTF, &err, &off, NULL);
			if (!r) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(err, msg, sizeof msg);
				usage_error("invalid regex '%s': %s", pats->v[i], (char *)msg);
			}
			pcre2_code_free(r);
		}
		usage_error("invalid regex set");
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	struct regexset *rs = alloc(sizeof *rs);
	rs->re = re;
	rs->md = pcre2_match_data_create_from_pattern(re, NULL);
	free(b.s);
	return rs;
}

bool regexset_match(const struct regexset *rs, const char *s)
{
	if (!rs || !s)
		return false;
	return pcre2_match(rs->re, (PCRE2_SPTR)s, strlen(s), 0, 0, rs->md, NULL) >= 0;
}

static struct regexset *al_type, *al_func, *al_var, *al_file, *al_item;
static struct regexset *bl_type, *bl_func, *bl_var, *bl_file, *bl_item, *opaque;
static bool have_allowlist;

static bool is_type(const struct item *it)
{
	return it->kind == I_STRUCT || it->kind == I_UNION || it->kind == I_ENUM ||
	       it->kind == I_TYPEDEF;
}

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
	if (it->is_builtin && !opt.builtins)
		return false;
	switch (it->kind) {
	case I_FUNC:
		if (!opt.gen_funcs)
			return false;
		if (it->is_static && !opt.wrap_static_fns)
			return false;
		/* a variadic function cannot pass its ... on: no wrapper */
		if (it->is_static && it->type->variadic)
			return false;
		if (it->is_inline && !it->is_static && !opt.gen_inline_funcs)
			return false;
		return true;
	case I_VAR:
		return opt.gen_vars;
	case I_MACRO:
		return opt.gen_vars && it->has_val;
	default:
		return opt.gen_types;
	}
}

static void mark(struct item *it);

static void mark_type(struct type *t)
{
	for (; t; t = t->sub) {
		if (t->kind == T_ITEM)
			mark(t->item);
		if (t->kind == T_FUNC) {
			mark_type(t->ret);
			for (int i = 0; i < t->params.n; i++)
				mark_type(t->params.v[i]);
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
	if (opt.no_recursive_allowlist && have_allowlist)
		return;
	if (it->parent)
		mark(it->parent);
	for (int i = 0; i < it->fields.n; i++)
		mark_type(it->fields.v[i].type);
	mark_type(it->aliased);
	mark_type(it->type);
	mark_type(it->inttype);
	(void)0;
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
		if (regexset_match(opaque, sel_name(it)))
			it->opaque = true;
		if (generable(it) && (!have_allowlist || allowed(it)))
			mark(it);
		select_list(&it->children);
	}
}

void select_items(struct unit *u)
{
	al_type = regexset_new(&opt.allow_type);
	al_func = regexset_new(&opt.allow_func);
	al_var = regexset_new(&opt.allow_var);
	al_file = regexset_new(&opt.allow_file);
	al_item = regexset_new(&opt.allow_item);
	bl_type = regexset_new(&opt.block_type);
	bl_func = regexset_new(&opt.block_func);
	bl_var = regexset_new(&opt.block_var);
	bl_file = regexset_new(&opt.block_file);
	bl_item = regexset_new(&opt.block_item);
	opaque = regexset_new(&opt.opaque_type);
	have_allowlist = al_type || al_func || al_var || al_file || al_item;
	collect_replaced(&u->items);
	block_list(&u->items);
	select_list(&u->items);
}
