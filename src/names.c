/* names.c: Rust names for items, fields and constants, as bindgen gives
 * them: nested types are prefixed with their parent, anonymous ones are
 * numbered (_bindgen_ty_N), Rust keywords get a trailing underscore. */
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

static const struct opts *o;	/* handed over by the entry point */

/* Words bindgen escapes: Rust keywords (strict, reserved and weak ones that
 * break in some position) and primitive type names. */
static const char *keywords[] = {
	"Self", "_", "abstract", "alignof", "as", "async", "await", "become",
	"bool", "box", "break", "const", "continue", "crate", "do", "dyn",
	"else", "enum", "extern", "f32", "f64", "false", "final", "fn", "for",
	"gen", "i128", "i16", "i32", "i64", "i8", "if", "impl", "in", "isize",
	"let", "loop", "macro", "match", "mod", "move", "mut", "offsetof",
	"override", "priv", "proc", "pub", "pure", "ref", "return", "self",
	"sizeof", "static", "str", "struct", "super", "trait", "true", "try",
	"type", "typeof", "u128", "u16", "u32", "u64", "u8", "unsafe",
	"unsized", "use", "usize", "virtual", "where", "while", "yield",
};
#define NKEYWORDS (sizeof keywords / sizeof *keywords)

/* Every name of the output passes here (1.4 million fields on a header of
 * 200,000 records): a name of 8 bytes at most is one word, compared with
 * the words of the keywords that begin with its letter. */
static bool is_keyword(const char *name, size_t n)
{
	static uint64_t word[NKEYWORDS];
	static unsigned char first[128];	/* keywords[first[c]] begins with c */
	static bool made;
	if (!made) {
		for (int c = 127, k = NKEYWORDS; c >= 0; c--) {
			while (k > 0 && (unsigned char)keywords[k - 1][0] >= c)
				k--;
			first[c] = k;
		}
		for (size_t k = 0; k < NKEYWORDS; k++)
			memcpy(&word[k], keywords[k], strlen(keywords[k]));
		made = true;
	}
	unsigned char c = name[0];
	uint64_t w = 0;
	if (c >= 128 || n > 8)
		return false;
	memcpy(&w, name, n);
	for (size_t k = first[c]; k < NKEYWORDS && keywords[k][0] == c; k++)
		if (word[k] == w)
			return true;
	return false;
}

/* bindgen's rust_mangle: a keyword gets a '_' after it; so does a name
 * with '$' (which C compilers accept in identifiers), '@' or '?', each of
 * which becomes a '_'. */
const char *rust_ident(const char *name)
{
	if (!name)
		return NULL;
	size_t n = strcspn(name, "$@?");
	if (name[n]) {
		char *s = fmt("%s_", name);
		for (char *p = s; (p = strpbrk(p, "$@?")); p++)
			*p = '_';
		return s;
	}
	return is_keyword(name, n) ? fmt("%s_", name) : name;
}

/* The Rust primitive a C typedef stands for, by name alone as in bindgen;
 * worked out once per item by assign_names(): the emitter asks at every
 * use of the type. */
static const char *find_builtin_alias(struct item *it)
{
	static const struct { const char *c, *r; bool sz; } tab[] = {
		{ "size_t", "usize", true }, { "ssize_t", "isize", true },
		{ "uintptr_t", "usize" }, { "intptr_t", "isize" },
		{ "ptrdiff_t", "isize" },
		{ "uint8_t", "u8" }, { "uint16_t", "u16" },
		{ "uint32_t", "u32" }, { "uint64_t", "u64" },
		{ "int8_t", "i8" }, { "int16_t", "i16" },
		{ "int32_t", "i32" }, { "int64_t", "i64" },
	};
	if (it->kind != I_TYPEDEF || it->parent)
		return NULL;
	/* all of them end in _t and begin with s, u, i or p: a cheap no */
	if (!strchr("suip", it->name[0]) || !endswith(it->name, "_t"))
		return NULL;
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
		if (streq(it->name, tab[i].c))
			return tab[i].sz && !o->size_t_is_usize ? NULL : tab[i].r;
	return NULL;
}

static int top_anon;

static const char *c_prefix(const struct item *it)
{
	return it->kind == I_STRUCT ? "struct_" : it->kind == I_UNION ? "union_" :
	       it->kind == I_ENUM ? "enum_" : "";
}

static void name_item(struct item *it, int *anon_counter)
{
	if (it->kind == I_TYPEDEF)
		it->alias = find_builtin_alias(it);
	if (it->kind == I_FUNC) {
		/* overloads (__attribute__((overloadable))) and redeclarations with
		 * another symbol (clang_decl.c: fscanf1) get a counter */
		static struct strmap seen;
		intptr_t k = (intptr_t)strmap_get(&seen, it->name);
		strmap_put(&seen, it->name, (void *)(k + 1));
		it->rname = rust_ident(k ? fmt("%s%ld", it->name, (long)k) : it->name);
		return;
	}
	if (it->kind == I_MACRO || it->kind == I_VAR) {
		it->rname = rust_ident(it->name);
		return;
	}
	/* --c-naming prefixes a name with its own kind (struct_, union_,
	 * enum_), also a nested one, whose parent's name goes in without
	 * the parent's prefix (union___mbstate_t__bindgen_ty_1) */
	const char *prefix = o->c_naming && it->kind != I_TYPEDEF ? c_prefix(it) : "";
	const char *pname = it->parent ? it->parent->rname : NULL;
	if (pname && o->c_naming && startswith(pname, c_prefix(it->parent)))
		pname += strlen(c_prefix(it->parent));
	const char *base;
	if (it->anonymous) {
		int n = ++*anon_counter;
		base = pname ? fmt("%s%s__bindgen_ty_%d", prefix, pname, n)
			     : fmt("%s_bindgen_ty_%d", prefix, n);
	} else if (pname && !o->disable_nested_struct_naming && it->kind != I_ENUM) {
		base = acat(prefix, pname, "_", it->name, NULL);
	} else {
		base = *prefix ? acat(prefix, it->name, NULL) : it->name;
	}
	if (ANN(it)->replaces)
		base = it->ann->replaces;
	/* typedef struct foo *foo; cannot have both named foo */
	if (it->kind == I_TYPEDEF && it->aliased->kind == T_PTR &&
	    it->aliased->sub->kind == T_ITEM) {
		struct item *p = it->aliased->sub->item;
		if (streq(p->rname ? p->rname : p->name, base))
			base = fmt("%s_ptr", base);
	}
	it->rname = it->anonymous && !ANN(it)->replaces ? base : rust_ident(base);
}

static void name_fields(struct item *it)
{
	int anon = 0;
	for (int i = 0; i < it->fields.n; i++) {
		struct field *f = &it->fields.v[i];
		if (f->name)
			f->rname = rust_ident(f->name);
		else if (f->bitwidth < 0)
			f->rname = fmt("%s%d", o->anon_fields_prefix, ++anon);
	}
}

static void name_consts(struct item *it)
{
	const char *prefix = NULL;
	if (!o->no_prepend_enum_name) {
		if (!it->anonymous)
			prefix = it->rname;
		else if (it->parent)
			prefix = it->parent->rname;
	}
	for (int i = 0; i < it->consts.n; i++) {
		struct enumconst *c = &it->consts.v[i];
		if (ANN(c)->replaces)
			c->name = c->ann->replaces;
		c->rname = prefix ? rust_ident(acat(prefix, "_", c->name, NULL))
				  : rust_ident(c->name);
	}
}

static void name_list(itemvec *items, int *anon_counter)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		name_item(it, anon_counter);
		if (is_record(it))
			name_fields(it);
		int child_anon = 0;
		name_list(&it->children, &child_anon);
		if (it->kind == I_ENUM)
			name_consts(it);
	}
}

void assign_names(struct unit *u, const struct opts *opts)
{
	o = opts;
	name_list(&u->items, &top_anon);
}
