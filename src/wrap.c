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
		return decl_c(b, t->fn->ret, *inner ? fmt("(%s) (%s)", inner, bdone(&p))
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
	const char *n = i < f->fn->pnames.n ? f->fn->pnames.v[i] : NULL;
	return n ? n : fmt("arg_%d", (*unnamed)++);
}

static bool params_c(struct buf *b, struct type *f)
{
	if (!f->fn->params.n)
		bputs(b, "void");
	for (int i = 0; i < f->fn->params.n; i++) {
		if (i)
			bputs(b, ", ");
		const char *n = i < f->fn->pnames.n && f->fn->pnames.v[i] ? f->fn->pnames.v[i] : "";
		if (!decl_c(b, f->fn->params.v[i], n))
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
	if (!f->fn->params.n)
		bputs(&d, "void");
	for (int i = 0; i < f->fn->params.n; i++) {
		const char *n = param_name(f, i, &unnamed);
		if (i) {
			bputs(&d, ", ");
			bputs(&call, ", ");
		}
		if (!decl_c(&d, f->fn->params.v[i], n))
			return NULL;
		bputs(&call, n);
	}
	bputc(&d, ')');
	if (!decl_c(&b, f->fn->ret, bdone(&d)))
		return NULL;
	bprintf(&b, " { %s%s(%s); }\n", f->fn->ret->kind == T_VOID ? "" : "return ",
		it->name, bdone(&call));
	return bdone(&b);
}

/* ---- --wrap-static-fns-compile: what clang refuses is left out ---- */

/* The wrappers compile only where clang can compile each static function
 * with its arguments unknown: one that passes a parameter to inline asm
 * as an "i" constant, or to BUILD_BUG_ON, compiles only where it is
 * called with constants.  Only compiling finds those (the errors come
 * from the back end, after inlining), and clang names the function
 * whose body the error is in, not the wrapper that inlined it: so the
 * wrappers are compiled (clang -c, the header's arguments), the functions
 * whose lines the errors point into are left out, with every wrapped
 * function whose body names one of them (its callers, which inline it),
 * and again, until clang takes the file. */

struct compile {
	char **argv;
};

static void run_clang(void *arg)
{
	struct compile *c = arg;
	run_wait(c->argv);
}

/* The file's real path, "" if none; cached. */
static const char *real(const char *path)
{
	static struct strmap paths;
	const char *r = strmap_get(&paths, path);
	if (!r) {
		char *p = realpath(path, NULL);
		r = astrdup(p ? p : "");
		free(p);
		strmap_put(&paths, astrdup(path), (void *)r);
	}
	return r;
}

/* The text of a header, read once, and its length. */
static const char *text_of(const char *path, size_t *len)
{
	static struct strmap texts;
	struct text { const char *s; size_t len; } *t = strmap_get(&texts, path);
	if (!t) {
		struct buf b = {0};
		bput_file(&b, path);
		t = alloc(sizeof *t);
		t->len = b.s ? b.len : 0;
		t->s = b.s ? bdone(&b) : "";
		strmap_put(&texts, path, t);
	}
	*len = t->len;
	return t->s;
}

static const char *line_start(const char *text, unsigned line)
{
	for (unsigned l = 1; l < line && text; l++)
		text = strchr(text, '\n') ? strchr(text, '\n') + 1 : NULL;
	return text;
}

/* The last line of f's body, counted once (body_lines[1], 0 until then).
 * libclang's extent of a function whose body the parse skipped ends
 * before the body: ctext_body() finds it. */
static unsigned body_end(struct item *f)
{
	if (!f->body_file || f->body_lines[1])
		return f->body_lines[1];
	size_t len;
	const char *text = text_of(f->body_file, &len);
	const char *p = line_start(text, f->body_lines[0]);
	unsigned line = f->body_lines[0], lo, hi = p ? p - text : len;
	ctext_body(text, len, &lo, &hi);
	for (; p && p < text + hi; p++)
		line += *p == '\n';
	f->body_lines[1] = line;
	return line;
}

/* Is the identifier name in the body of f (on its lines)? */
static bool body_names(struct item *f, const char *name)
{
	unsigned last = body_end(f);
	size_t len;
	const char *text = text_of(f->body_file, &len);
	const char *p = line_start(text, f->body_lines[0]), *e = line_start(text, last + 1);
	return p && ctext_has_word(text, p - text, (e ? e : text + len) - text, name);
}

/* f does not compile with its arguments unknown: its wrapper is left out,
 * and, again, every static function's whose body names it (they inline
 * it), wrapped or not.  marks: the functions blamed this round. */
static void blame(itemvec *statics, struct strmap *marks, struct item *f, const char *why)
{
	if (strmap_get(marks, f->name))
		return;
	strmap_put(marks, f->name, f);
	if (f->emit && f->wrapper) {
		f->emit = false;
		warn("%s: not wrapped: %s", f->name, why);
	}
	for (int i = 0; i < statics->n; i++) {
		struct item *g = statics->v[i];
		if (g != f && g->body_file && body_names(g, f->name))
			blame(statics, marks, g, fmt("it calls %s, which %s", f->name,
						     f->wrapper ? "is not" : "does not compile so"));
	}
}

static void compile_wrappers(itemvec *wrapped, itemvec *statics)
{
	char *hdr = realpath(o->header, NULL);
	char *path = scratch_file(".c");
	strvec argv = {0};
	vpush(&argv, fmt("%s/bin/clang", KB_LLVM_DIR));
	args_without_deps(o, &argv);
	/* the wrappers have no prototypes, as the kernel's helpers */
	const char *ours[] = { "-c", "-o", "/dev/null", "-ferror-limit=0", "-fno-caret-diagnostics",
			       "-Wno-missing-prototypes", "-Wno-missing-declarations", path };
	for (size_t i = 0; i < sizeof ours / sizeof *ours; i++)
		vpush(&argv, (char *)ours[i]);
	vpush(&argv, NULL);
	for (int round = 0; round < 16; round++) {
		/* the file, each wrapper on a line of its own */
		struct buf b = {0};
		VEC(struct item *) at = {0};	/* the wrapper of each line */
		bprintf(&b, "#include \"%s\"\n", hdr ? hdr : o->header);
		hpush(&at, NULL);
		hpush(&at, NULL);
		for (int i = 0; i < wrapped->n; i++) {
			if (!wrapped->v[i]->emit)
				continue;
			bputs(&b, wrapped->v[i]->wrapper);
			hpush(&at, wrapped->v[i]);
		}
		FILE *f = fopen(path, "w");
		if (!f || fwrite(b.s, 1, b.len, f) != b.len || fclose(f))
			fatal("--wrap-static-fns-compile: cannot write %s", path);
		bfree(&b);
		struct compile c = { argv.v };
		char *err = catch_stderr(run_clang, &c);
		struct strmap marks = {0};
		int blamed = 0;
		const char *first = NULL;
		/* file:line:col: error: message */
		for (char *l = err; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
			char *e = strstr(l, ": error: ");
			char *nl = strchr(l, '\n');
			if (!e || (nl && e > nl))
				continue;
			char *msg = astrndup(e + 9, nl ? (size_t)(nl - e - 9) : strlen(e + 9));
			char *colon = memrchr(l, ':', e - l), *colon2 = colon ? memrchr(l, ':', colon - l) : NULL;
			if (!colon2)
				continue;
			unsigned line = atoi(colon2 + 1);
			const char *file = real(astrndup(l, colon2 - l));
			first = first ? first : astrndup(l, nl ? (size_t)(nl - l) : strlen(l));
			if (streq(file, real(path))) {
				if (line < (unsigned)at.n && at.v[line] && at.v[line]->emit) {
					blame(statics, &marks, at.v[line], msg);
					blamed++;
				}
				continue;
			}
			for (int i = 0; i < statics->n; i++) {
				struct item *g = statics->v[i];
				if (g->body_file && line >= g->body_lines[0] && line <= body_end(g) &&
				    streq(real(g->body_file), file)) {
					blame(statics, &marks, g, msg);
					blamed++;
				}
			}
		}
		hfree(&at);
		free(marks.slots);
		if (!first)
			break;
		if (!blamed)
			fatal("--wrap-static-fns-compile: clang refuses the wrappers, and no static "
			      "function is to blame: %s", first);
	}
	free(hdr);
}

/* Marks the static functions that cannot be wrapped as not emitted, so
 * the Rust side never links to a wrapper that does not exist. */
void check_wrappers(struct unit *u, const struct opts *opts)
{
	o = opts;
	itemvec wrapped = {0}, statics = {0};
	for (int i = 0; i < u->items.n; i++) {
		struct item *it = u->items.v[i];
		if (it->kind == I_FUNC && it->is_static && it->body_file)
			hpush(&statics, it);
		if (it->kind == I_FUNC && it->emit && it->is_static && !it->wrapper) {
			it->wrapper = it->ctype ? wrapper(it) : NULL;
			if (!it->wrapper) {
				warn("%s: cannot spell its type in C: no wrapper, skipped", it->name);
				it->emit = false;
			} else {
				hpush(&wrapped, it);
			}
		}
	}
	if (o->wrap_static_fns_compile && wrapped.n)
		compile_wrappers(&wrapped, &statics);
	hfree(&wrapped);
	hfree(&statics);
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
