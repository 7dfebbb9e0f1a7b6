/* wrap.c: --wrap-static-fns, the C side.  A static (inline) function has no
 * symbol to link to; for each one we write a wrapper with external linkage
 * into a C file the user compiles next to the header, and the Rust side
 * links to the wrapper (emit.c: #[link_name = "f__extern"]). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kbindgen.h"

static const struct opts *o;	/* handed over by the entry point */

static const char *base_name(struct type *t)
{
	if (t->kind < T_COMPLEX)
		return arith[t->kind].c;
	switch (t->kind) {
	case T_COMPLEX:
		return t->sub->kind == T_FLOAT ? "float _Complex" :
		       t->sub->kind == T_LDOUBLE ? "long double _Complex" : "double _Complex";
	case T_OPAQUE:
		return t->spelling;
	case T_ITEM: {
		struct item *it = t->item;
		/* a record named by its typedef has no tag to spell */
		if (it->kind == I_TYPEDEF || it->named_by_typedef)
			return it->name;
		if (it->anonymous)
			return NULL;
		return fmt("%s %s", it->kind == I_STRUCT ? "struct" :
			   it->kind == I_UNION ? "union" : "enum", it->name);
	}
	default:
		return NULL;	/* vectors: no C spelling without the typedef */
	}
}

static bool params_c(struct buf *b, struct type *f);

/* t declaring inner (a name, or "" for an abstract declarator), in
 * bindgen's spelling: `int (*f) (int)`, `const int *const *p`.  False when
 * some part has no C spelling. */
static bool decl_c(struct buf *b, struct type *t, const char *inner)
{
	struct buf p = {0};

	switch (t->kind) {
	case T_PTR:
		inner = fmt("*%s%s", t->is_const ? "const " : "", inner);
		if (t->sub->kind == T_ARRAY || t->sub->kind == T_INCARRAY)
			inner = fmt("(%s)", inner);
		return decl_c(b, t->sub, inner);
	case T_ARRAY:
		return decl_c(b, t->sub, fmt("%s[%ld]", inner, t->len));
	case T_INCARRAY:
		return decl_c(b, t->sub, fmt("%s[]", inner));
	case T_FUNC:
		if (!params_c(&p, t))
			return false;
		return decl_c(b, t->ret, *inner ? fmt("(%s) (%s)", inner, bdone(&p))
						: fmt("(%s)", bdone(&p)));
	default: {
		const char *n = base_name(t);
		if (!n)
			return false;
		bprintf(b, "%s%s%s%s", t->is_const ? "const " : "", n, *inner ? " " : "", inner);
		return true;
	}
	}
}

static const char *param_name(struct type *f, int i, int *unnamed)
{
	const char *n = i < f->pnames.n ? f->pnames.v[i] : NULL;
	return n ? n : fmt("arg_%d", (*unnamed)++);
}

static bool params_c(struct buf *b, struct type *f)
{
	if (!f->params.n)
		bputs(b, "void");
	for (int i = 0; i < f->params.n; i++) {
		if (i)
			bputs(b, ", ");
		const char *n = i < f->pnames.n && f->pnames.v[i] ? f->pnames.v[i] : "";
		if (!decl_c(b, f->params.v[i], n))
			return false;
	}
	return true;
}

/* The wrapper's name: bindgen's f__extern, or the kernel's rust_helper_f
 * with --wrap-static-fns-prefix rust_helper_. */
const char *wrapper_name(const struct opts *opts, const char *name)
{
	const char *p = opts->wrap_static_fns_prefix;
	return fmt("%s%s%s", p ? p : "", name, opts->wrap_static_fns_suffix);
}

/* The wrapper of one function, or NULL when a type has no C spelling. */
static char *wrapper(struct item *it)
{
	struct type *f = it->ctype;
	struct buf d = {0}, call = {0}, b = {0};
	int unnamed = 0;

	bprintf(&d, "%s(", wrapper_name(o, it->name));
	if (!f->params.n)
		bputs(&d, "void");
	for (int i = 0; i < f->params.n; i++) {
		const char *n = param_name(f, i, &unnamed);
		if (i) {
			bputs(&d, ", ");
			bputs(&call, ", ");
		}
		if (!decl_c(&d, f->params.v[i], n))
			return NULL;
		bputs(&call, n);
	}
	bputc(&d, ')');
	if (!decl_c(&b, f->ret, bdone(&d)))
		return NULL;
	bprintf(&b, " { %s%s(%s); }\n", f->ret->kind == T_VOID ? "" : "return ",
		it->name, bdone(&call));
	return bdone(&b);
}

/* Marks the static functions that cannot be wrapped as not emitted, so
 * the Rust side never links to a wrapper that does not exist. */
void check_wrappers(struct unit *u, const struct opts *opts)
{
	o = opts;
	for (int i = 0; i < u->items.n; i++) {
		struct item *it = u->items.v[i];
		if (it->kind == I_FUNC && it->emit && it->is_static && !it->wrapper) {
			it->wrapper = it->ctype ? wrapper(it) : NULL;
			if (!it->wrapper) {
				warn("%s: cannot spell its type in C: no wrapper, skipped", it->name);
				it->emit = false;
			}
		}
	}
}

/* --wrap-static-fns-path, with its extension replaced by .c (bindgen's
 * default: $TMPDIR/bindgen/extern.c). */
static const char *wrap_path(void)
{
	const char *p = o->wrap_static_fns_path;
	if (!p) {
		const char *tmp = getenv("TMPDIR");
		const char *dir = fmt("%s/bindgen", tmp && *tmp ? tmp : "/tmp");
		mkdir(dir, 0777);	/* exists already, or the write says why */
		p = fmt("%s/extern", dir);
	}
	const char *slash = strrchr(p, '/'), *dot = strrchr(p, '.');
	if (dot && (!slash || dot > slash + 1))
		p = astrndup(p, dot - p);
	return fmt("%s.c", p);
}

void write_wrappers(struct unit *u, const struct opts *opts)
{
	o = opts;
	struct buf b = {0};
	bprintf(&b, "#include \"%s\"\n\n// Static wrappers\n\n", o->header);
	for (int i = 0; i < u->items.n; i++) {
		struct item *it = u->items.v[i];
		if (it->kind == I_FUNC && it->emit && it->wrapper) {
			bputs(&b, it->wrapper);
			if (o->wrap_static_fns_export)
				bprintf(&b, "%s(%s);\n", o->wrap_static_fns_export,
					wrapper_name(o, it->name));
		}
	}
	stage_output(wrap_path(), &b, 1);
}
