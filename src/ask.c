/* ask.c: the macro block.  Before the parse: which of the header's
 * macros (scan.c reads them) clang is asked about, those cconst.c cannot
 * fold, as declarations after the header's last line,
 *     #ifdef NAME
 *     __auto_type __kbindgen_macro_N = (NAME);
 *     #endif
 * so that clang folds what each macro expands to at the end of the
 * header, as C code using it would see it, in the parse itself: a second
 * parse costs as much as the first.  Names the header no longer defines
 * at its end cost an #ifdef.  After the parse: what cconst.c folds from
 * the last definitions and clang's answers, and which macros are left for
 * a second parse.  Knows nothing of libclang: the loader (clang.c) hands
 * the definitions and the answers over. */
#include <math.h>
#include <string.h>

#include "kbindgen.h"

/* the last definition, as C sees it after the header, of a name the
 * scan did not read (smacro's last for the others) */
static struct strmap last_def;
/* cconst_eval()'s memo, from one macro to the next: a macro's expansion,
 * through pgtable_l5_enabled() in Linux, may be thousands of tokens */
static struct strmap memo;

static struct scan scan;	/* the header's macros, read before the parse */

static const struct cmacro *def_of(const char *name, void *ctx)
{
	struct smacro *m = strmap_get(&scan.map, name);
	return m ? m->last : strmap_get(&last_def, name);
}

/* the body of d if object-like; NULL if none */
static const struct mtok *body_of(const struct cmacro *d, int *n)
{
	*n = d && d->nparams < 0 ? d->n : 0;
	return *n ? d->body : NULL;
}

static strvec asked;		/* the macro block's names, by index */
static strvec calls;		/* the macro block's calls (below), by index */
static struct strmap calls_asked;
static struct strmap call_value;	/* call -> struct cmacro: its value's tokens */

/* A function-like definition's parameters, toks[0..n) from "(" to ")",
 * into d; false if they are not names and "..." as C has them. */
static bool param_list(const struct mtok *t, int n, struct cmacro *d)
{
	d->params = alloc(sizeof *d->params * (n / 2 + 1));
	d->nparams = 0;
	d->variadic = false;
	for (int k = 1; k < n - 1; k += 2) {
		bool name = t[k].kind == MT_IDENT;
		bool gnu = name && k + 2 < n && streq(t[k + 1].s, "...");	/* args... */
		if (d->variadic || !(name || streq(t[k].s, "...")))
			return false;
		d->params[d->nparams++] = name ? t[k].s : "__VA_ARGS__";
		d->variadic = !name || gnu;
		k += gnu;
		if (k + 2 < n && !streq(t[k + 1].s, ","))
			return false;
	}
	return n >= 2;
}

/* libclang spells a token of a definition that follows a backslash-
 * newline with the splice in it ("\\\n)"): cexpr sees that, as in
 * bindgen (toks stay as they are); C's value needs the tokens themselves. */
static struct mtok *unspliced(struct mtok *mt, int m)
{
	struct mtok *v = mt;
	for (int i = 0; i < m; i++) {
		if (!strchr(mt[i].s, '\\'))
			continue;
		if (v == mt) {
			v = alloc(sizeof *v * m);
			memcpy(v, mt, sizeof *v * m);
		}
		char *t = astrdup(mt[i].s), *q = t;
		for (const char *p = t; *p; p++) {
			size_t splice = p[0] != '\\' ? 0 : p[1] == '\n' ? 2 :
					p[1] == '\r' && p[2] == '\n' ? 3 : 0;
			if (splice)
				p += splice - 1;
			else
				*q++ = *p;
		}
		*q = 0;
		v[i].s = t;
	}
	return v;
}

void ask_definition(const char *name, struct mtok *toks, int m, bool fn)
{
	struct mtok *mt = unspliced(toks, m);
	struct cmacro *d = alloc(sizeof *d);
	*d = (struct cmacro){ mt, m, -1 };
	if (fn) {
		int close = cconst_close(mt, m, 0);
		if (close < 0 || !param_list(mt, close + 1, d)) {
			d = NULL;
		} else {
			d->body = mt + close + 1;
			d->n = m - close - 1;
		}
	}
	struct smacro *s = strmap_get(&scan.map, name);
	if (s)
		s->last = d;
	else
		strmap_put(&last_def, name, d);
}

/* The properties of macros worked out before the parse (smacro's known[]) */
enum { FOLDS, STANDS_ALONE, FOLDS_WITH_CALLS, CALLS_FOLD, STMT, LONE, CAST };

/* function-like macros the parse met that the scan did not: a call of
 * one is no function's */
static struct strmap unscanned;

bool ask_function_like(const char *name)
{
	struct smacro *m = strmap_get(&scan.map, name);
	if (!m) {
		strmap_put(&unscanned, astrdup(name), &unscanned);
		return false;
	}
	m->met |= m->stmt_source;
	return m->wanted;
}

/* ---- before the parse: what clang is asked ---- */

/* A property of macros (smacro's known[p]), worked out once for each
 * (2, "busy", while it is: a cycle reads as false). */
static bool once(int p, struct smacro *m, bool (*work)(struct smacro *m))
{
	if (m->known[p])
		return m->known[p] == 1;
	m->known[p] = 2;
	bool ok = work(m);
	m->known[p] = ok ? 1 : -1;
	return ok;
}

/* Would cconst.c fold every object-like body of m, and of the macros they
 * name?  Then clang need not be asked: cconst_eval() gives C's value
 * after the parse, from the last definition. */
static bool name_folds(const char *name, void *ctx);

/* m's function-like definition k, as the scan read it; NULL if its
 * parameters are none C has */
static const struct cmacro *scan_def(struct smacro *m, int k)
{
	if (!m->fdefs)
		m->fdefs = alloc(sizeof *m->fdefs * m->fbodies.n);
	struct cmacro *d = &m->fdefs[k];
	if (!d->params && d->nparams != -2) {
		mtokvec t = {0};
		scan_tokens(fmt("(%s)", m->fparams.v[k]), &t);
		if (param_list(t.v, t.n, d))
			d->body = scan_body(m, m->bodies.n + k, &d->n);
		else
			d->nparams = -2;
		hfree(&t);
	}
	return d->nparams >= 0 ? d : NULL;
}

/* Calls cconst.c expands, of function-like macros whose every body
 * folds with the call's arguments in it; the macros in them are wanted
 * (ask_function_like()).  A bound on the tokens all that makes: BUDGET. */
#define BUDGET 2048
static strvec expanding;
static int budget;

/* an argument in general: any expression that folds (none pasted) */
static const char operand[] = "__kbindgen_operand";

static bool name_or_operand(const char *name, void *ctx)
{
	return name == operand || name_folds(name, ctx);
}

static bool call_folds(const struct mtok *t, int n, int i, void *ctx);

/* A call of a name that no file #defines, nor the command line, and that
 * is no keyword (nor any name beginning with __: GNU's keywords, the
 * builtins), is a function's, which C never folds: no constant where C
 * evaluates it (`f(x)`, not `0 && f(x)`).  Not when the scan left files
 * unread. */
static struct strmap defined_by_args;	/* -D NAME */

/* C's keywords and C23's, and `defined`: no name of a declaration */
static bool c_word(const char *name)
{
	static const char *const words[] = {
		"_Alignas", "_Alignof", "_Atomic", "_BitInt", "_Bool", "_Complex", "_Decimal128",
		"_Decimal32", "_Decimal64", "_Float128", "_Float16", "_Float32", "_Float32x",
		"_Float64", "_Float64x", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
		"_Pragma", "_Thread_local", "alignas", "alignof", "asm", "auto", "bool", "break", "case",
		"char", "const", "constexpr", "continue", "default", "defined", "do", "double",
		"else", "enum", "extern", "false", "float", "for", "goto", "if", "inline", "int",
		"long", "nullptr", "register", "restrict", "return", "short", "signed", "sizeof",
		"static", "static_assert", "struct", "switch", "thread_local", "true", "typedef",
		"typeof", "typeof_unqual", "union", "unsigned", "void", "volatile", "while",
	};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (name[0] == words[k][0] && streq(name, words[k]))
			return true;
	return false;
}

static bool function_call(const char *name)
{
	return !scan.computed && strncmp(name, "__", 2) && !strmap_get(&scan.map, name) &&
	       !strmap_get(&defined_by_args, name) && !c_word(name);
}

/* Does m's body k fold with the arguments of the call at t[i]? */
static bool body_folds(struct smacro *m, int k, const struct mtok *t, int n, int i)
{
	const struct cmacro *d = scan_def(m, k);
	mtokvec sub = {0};
	int end;
	bool ok = d && cconst_substitute(d, t, n, i, &end, NULL, NULL, &sub) &&
		  (budget -= sub.n) > 0 && cconst_shape(sub.v, sub.n, name_or_operand, call_folds, NULL) &&
		  cconst_syntax(sub.v, sub.n, call_folds, NULL);
	hfree(&sub);
	return ok;
}

/* Does every call of m fold whose arguments do?  Its bodies fold with
 * operand for each argument; pasting one makes none. */
static bool calls_fold_work(struct smacro *m)
{
	bool ok = true;
	for (int k = 0; ok && k < m->fbodies.n; k++) {
		const struct cmacro *d = scan_def(m, k);
		struct mtok *call = alloc(sizeof *call * (2 + 2 * (d ? d->nparams : 0) + 1));
		int c = 0;
		call[c++] = (struct mtok){ MT_IDENT, m->name };
		call[c++] = (struct mtok){ MT_PUNCT, "(" };
		for (int p = 0; d && p < d->nparams; p++) {
			if (p)
				call[c++] = (struct mtok){ MT_PUNCT, "," };
			call[c++] = (struct mtok){ MT_IDENT, operand };
		}
		call[c++] = (struct mtok){ MT_PUNCT, ")" };
		ok = d && body_folds(m, k, call, c, 0);
	}
	return ok;
}

/* the one name every object-like body of m is, if so */
static const char *one_name(struct smacro *m)
{
	const char *to = NULL;
	for (int i = 0; i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		if (n != 1 || t[0].kind != MT_IDENT || (to && !streq(to, t[0].s)))
			return NULL;
		to = t[0].s;
	}
	return to;
}

/* `#define A F`, F function-like (Linux's DIV_ROUND_UP): F, for a call
 * of A; NULL if m is no such name */
static struct smacro *alias_of_function(struct smacro *m)
{
	const char *to = m->fbodies.n ? NULL : one_name(m);
	struct smacro *f = to ? strmap_get(&scan.map, to) : NULL;
	return f && f != m && f->fbodies.n && !f->bodies.n ? f : NULL;
}

/* sizeof ( ... ) of a record or an expression, asked as written when no
 * macro can change what it says (nor __LINE__ and the like) */
static bool sizeof_leaf(const struct mtok *t, int n, int i)
{
	int end;
	const char *leaf = cconst_sizeof_leaf(t, n, i, &end);
	for (int k = i + 2; leaf && k < end; k++) {
		const char *s = t[k].s;
		size_t l = strlen(s);
		if (t[k].kind == MT_IDENT && (s == operand || strmap_get(&scan.map, s) ||
					      (l > 4 && !strncmp(s, "__", 2) && !strcmp(s + l - 2, "__"))))
			return false;
	}
	if (leaf && !strmap_get(&calls_asked, leaf)) {
		strmap_put(&calls_asked, leaf, (void *)leaf);
		vpush(&calls, (char *)leaf);
	}
	return leaf;
}

static bool call_folds(const struct mtok *t, int n, int i, void *ctx)
{
	if (streq(t[i].s, "sizeof"))
		return sizeof_leaf(t, n, i);
	struct smacro *m = t[i].kind == MT_IDENT ? strmap_get(&scan.map, t[i].s) : NULL;
	struct smacro *f = m && !strmap_get(&scan.undone, m->name) ? alias_of_function(m) : NULL;
	if (f)
		m = f;
	int close = cconst_close(t, n, i + 1);
	if (!m && close > 0 && streq(t[i].s, "__builtin_constant_p"))
		return cconst_shape(t + i + 2, close - i - 2, name_or_operand, call_folds, NULL) &&
		       cconst_syntax(t + i + 2, close - i - 2, call_folds, NULL);
	if (!m)
		return t[i].kind == MT_IDENT && close > 0 && function_call(t[i].s);
	if (m->bodies.n || !m->fbodies.n)
		return false;
	for (int k = 0; k < expanding.n; k++)
		if (streq(expanding.v[k], m->name))
			return false;	/* C leaves it a name */
	if (!expanding.n)
		budget = BUDGET;
	vpush(&expanding, (char *)m->name);
	bool ok = once(CALLS_FOLD, m, calls_fold_work);
	/* then each argument is to fold, and there are some */
	ok = ok && close > i + 2;
	for (int from = i + 2, end; ok && from <= close; from = end + 1) {
		end = cconst_arg_end(t, from, close);
		ok = end > from && cconst_shape(t + from, end - from, name_or_operand, call_folds, NULL) &&
		     cconst_syntax(t + from, end - from, call_folds, NULL);
	}
	/* or with these arguments in each body */
	if (!ok) {
		ok = true;
		for (int k = 0; ok && k < m->fbodies.n; k++)
			ok = body_folds(m, k, t, n, i);
	}
	expanding.n--;
	m->wanted |= ok;
	return ok;
}

/* m is object-like only, every body of a shape cconst.c folds: names as
 * ok() says, calls as call_ok() says (cconst_shape()) */
static bool bodies_fold(struct smacro *m, bool (*ok)(const char *, void *),
			bool (*call_ok)(const struct mtok *, int, int, void *))
{
	bool folds = m->bodies.n && !m->fbodies.n;
	for (int i = 0; folds && i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		folds = cconst_shape(t, n, ok, call_ok, NULL) && cconst_syntax(t, n, call_ok, NULL);
	}
	return folds;
}

static bool folds_work(struct smacro *m)
{
	return bodies_fold(m, name_folds, call_folds);
}

static bool folds_alone(struct smacro *m)
{
	return once(FOLDS, m, folds_work);
}

static bool name_folds(const char *name, void *ctx)
{
	struct smacro *m = strmap_get(&scan.map, name);
	return m && folds_alone(m);
}

/* t[0..n) is string literals, "..." only (no L"", u8""), one at least */
static bool plain_strings(const struct mtok *t, int n)
{
	for (int i = 0; i < n; i++)
		if (t[i].kind != MT_LITERAL || t[i].s[0] != '"')
			return false;
	return n;
}

/* Is every body of m such strings?  Then clang need not be asked either:
 * the value is bindgen's (strings_only()), the fallback makes no
 * strings. */
static bool strings_alone(struct smacro *m)
{
	bool ok = m->bodies.n && !m->fbodies.n;
	for (int i = 0; ok && i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		ok = plain_strings(t, n);
	}
	return ok;
}

/* ---- statement expressions ---- */

/* A macro whose expansion has a statement expression ({ ... }) in it is
 * no constant: clang refuses one outside a function, evaluated or not
 * (Linux's LRU_REFS_MASK: min() makes one, 545 tokens).  Such a macro is
 * not asked when that does not depend on which definitions are the last:
 * every macro it takes the ({ from has one definition in the files the
 * scan read, never #undefined (its stmt_only); after the parse each must
 * be defined. */
static bool one_definition(struct smacro *m)
{
	return m->bodies.n + m->fbodies.n == 1 && !strmap_get(&scan.undone, m->name);
}

/* t[k] is stringized or pasted: not expanded */
static bool not_expanded(const struct mtok *t, int n, int k)
{
	return (k && streq(t[k - 1].s, "#")) || cconst_pasted(t, n, k);
}

/* does d's body expand its parameter p somewhere? */
static bool expands_param(const struct cmacro *d, int p)
{
	for (int k = 0; k < d->n; k++)
		if (d->body[k].kind == MT_IDENT && cconst_param(d, d->body[k].s) == p &&
		    !not_expanded(d->body, d->n, k))
			return true;
	return false;
}

static bool always_stmt(struct smacro *m);

/* Does t[0..n) (a body of d's: its parameters are no macros) make a
 * statement expression, whatever the arguments: ( {, a macro that always
 * makes one, or an argument that does in a parameter its call expands?
 * by[]: the macros it comes from. */
static bool makes_stmt(const struct mtok *t, int n, const struct cmacro *d, struct smacro **by)
{
	for (int i = 0; i < n; i++) {
		by[0] = by[1] = NULL;
		if (streq(t[i].s, "(") && i + 1 < n && streq(t[i + 1].s, "{"))
			return true;
		struct smacro *r = t[i].kind == MT_IDENT && !not_expanded(t, n, i) &&
				   !(d && cconst_param(d, t[i].s) >= 0) ? strmap_get(&scan.map, t[i].s) : NULL;
		int close = r && i + 1 < n && streq(t[i + 1].s, "(") ? cconst_close(t, n, i + 1) : -1;
		if (!r || (r->fbodies.n && close < 0))
			continue;
		by[0] = r;
		r->stmt_source |= r->fbodies.n > 0;
		if (always_stmt(r))
			return true;
		const struct cmacro *f = r->fbodies.n && one_definition(r) ? scan_def(r, 0) : NULL;
		for (int from = i + 2, a = 0, end; f && from <= close; from = end + 1, a++) {
			end = cconst_arg_end(t, from, close);
			struct smacro *w[2];
			if (a < f->nparams && !f->variadic && expands_param(f, a) &&
			    makes_stmt(t + from, end - from, d, w) && !w[1]) {
				by[1] = w[0];
				return true;
			}
		}
		if (close > 0)
			i = close;	/* what a macro makes of its arguments is its own */
	}
	return false;
}

static bool stmt_work(struct smacro *m)
{
	const struct cmacro *d = m->fbodies.n ? scan_def(m, 0) : NULL;
	if (!one_definition(m) || (m->fbodies.n && !d))
		return false;
	int n = d ? d->n : 0;
	const struct mtok *t = d ? d->body : scan_body(m, 0, &n);
	return makes_stmt(t, n, d, m->stmt_by);
}

/* Does every expansion of m make a statement expression? */
static bool always_stmt(struct smacro *m)
{
	return once(STMT, m, stmt_work);
}

/* after the parse: m, and the macros its ({ comes from, were defined */
static bool stmt_defined(struct smacro *m, int depth)
{
	bool defined = m->fbodies.n ? m->met : m->last != NULL;
	for (int k = 0; defined && k < 2; k++)
		defined = !m->stmt_by[k] || (depth < 64 && stmt_defined(m->stmt_by[k], depth + 1));
	return defined;
}

/* ---- calls asked once ---- */

/* A macro whose expansion is big costs clang as much each time it is
 * asked: in Linux, pgtable_l5_enabled() expands to some 2,000 tokens, in
 * each of 11 macros, which were a third of the macro block's cost.  When
 * cconst.c can fold a big one but for calls of function-like macros and
 * names that are no macros (VMALLOC_END's vmalloc_base, a variable), the
 * calls and names are asked instead, each once (`__auto_type
 * __kbindgen_call_N = (F ( args ));`), and cconst.c folds the macro after
 * the parse with their values, as literals of their types; one that is no
 * constant makes the macro none where C evaluates it.  Only a call whose
 * expansion stands alone, as a value, is one: a body `( ... )`, a
 * literal, or such a call again. */
#define BIG_EXPANSION 500	/* tokens */

static bool call_stands_alone(const char *name, void *ctx);

static bool body_stands_alone(struct smacro *m, int k, const struct mtok *t, int n)
{
	int end;
	/* not one name: it may be a parameter (`#define F(x) x`: F(1+2)*3
	 * is 7), or __VA_ARGS__ */
	if (n == 1)
		return t[0].kind == MT_LITERAL;
	if (n > 1 && t[0].kind == MT_PUNCT && streq(t[0].s, "("))
		return cconst_close(t, n, 0) == n - 1;
	/* a call again, of a function or such a macro, not of a parameter
	 * (`#define F(f, x) f(x)`: F(a + b, 1)) */
	const struct cmacro *d = scan_def(m, k);
	return n && cconst_call(t, n, 0, &end) && end == n - 1 && d && cconst_param(d, t[0].s) < 0 &&
	       (!strmap_get(&scan.map, t[0].s) || call_stands_alone(t[0].s, NULL));
}

static bool stands_alone_work(struct smacro *m)
{
	bool ok = !m->bodies.n && m->fbodies.n;
	for (int i = 0; ok && i < m->fbodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, m->bodies.n + i, &n);
		ok = body_stands_alone(m, i, t, n);
	}
	return ok;
}

/* Is name a function-like macro whose every expansion stands alone? */
static bool call_stands_alone(const char *name, void *ctx)
{
	struct smacro *m = strmap_get(&scan.map, name);
	return m && once(STANDS_ALONE, m, stands_alone_work);
}

static bool name_folds_with_calls(const char *name, void *ctx);

/* m's bodies name no non-macro alone in parentheses: `((T) - 1)` is a
 * cast when T is a type, and is asked whole */
static bool no_lone_names(struct smacro *m)
{
	for (int i = 0; i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		for (int k = 0; k < n; k++)
			if (cconst_lone_name(t, n, k) && !strmap_get(&scan.map, t[k].s))
				return false;
	}
	return true;
}

static bool call_alone(const struct mtok *t, int n, int i, void *ctx)
{
	return call_stands_alone(t[i].s, ctx);
}

static bool folds_with_calls_work(struct smacro *m)
{
	return bodies_fold(m, name_folds_with_calls, call_alone) && no_lone_names(m);
}

/* Would cconst.c fold every body of m given its calls' values? */
static bool folds_with_calls(struct smacro *m)
{
	return once(FOLDS_WITH_CALLS, m, folds_with_calls_work);
}

/* a name that is no macro is asked too (a variable, an enum constant) */
static bool name_folds_with_calls(const char *name, void *ctx)
{
	struct smacro *m = strmap_get(&scan.map, name);
	return !m || folds_alone(m) || folds_with_calls(m);
}

/* The calls of m's bodies and of the macros they name, asked. */
static void ask_calls(struct smacro *m, struct strmap *seen)
{
	if (strmap_get(seen, m->name) || folds_alone(m))
		return;
	strmap_put(seen, m->name, m);
	for (int i = 0; i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		for (int k = 0; k < n; k++) {
			int end = k;
			struct smacro *r = t[k].kind == MT_IDENT ? strmap_get(&scan.map, t[k].s) : NULL;
			const char *call = t[k].kind != MT_IDENT ? NULL :
					   !r && cconst_bare_name(t, n, k) ? t[k].s :
					   call_stands_alone(t[k].s, NULL) ? cconst_call(t, n, k, &end) : NULL;
			if (call && !strmap_get(&calls_asked, call)) {
				strmap_put(&calls_asked, call, (void *)call);
				vpush(&calls, (char *)call);
			}
			if (call)
				k = end;
			else if (r)
				ask_calls(r, seen);
		}
	}
}

/* ---- after the parse: clang's answers, and what cconst.c folds ---- */

static struct cmacro *literal(bool none, enum tkind k, int64_t i, double f)
{
	int n;
	const struct mtok *t = cconst_literal(none, k, i, f, &n);
	struct cmacro *d = t ? alloc(sizeof *d) : NULL;
	if (d)
		*d = (struct cmacro){ t, n, -1 };
	return d;
}

void ask_answer(const char *call, bool none, enum tkind k, const struct mval *v)
{
	if (!strncmp(call, "sizeof ", 7))
		k = cconst_size_type();	/* clang 22 spells it __size_t */
	bool known = k == T_FLOAT || k == T_DOUBLE ? v != NULL : v && v->kind == MV_INT;
	struct cmacro *d = none || known ? literal(none, k, v ? v->i : 0, v ? v->f : 0) : NULL;
	if (d)
		strmap_put(&call_value, call, d);
}

/* set by call_of(): a call of a function-like macro the scan missed,
 * taken for a function's before the parse */
static bool missed;

static const struct mtok *call_of(const char *call, int *n, void *ctx)
{
	static const struct mtok none = { MT_IDENT, cconst_none };
	static struct buf called;	/* the name called, made again each time */
	const struct cmacro *d = strmap_get(&call_value, call);
	const char *paren = strchr(call, '('), *name = NULL;
	if (!d && paren && paren > call) {
		called.len = 0;
		bput(&called, call, paren - call - 1);
		name = called.s;
	}
	*n = d ? d->n : 0;
	if (name && strmap_get(&unscanned, name))
		missed = true;
	/* a function's call; a size asked that clang gave no value:
	 * refused where the macro stands too */
	else if (name && (function_call(name) ||
			  (streq(name, "sizeof") && strmap_get(&calls_asked, call)))) {
		*n = 1;
		return &none;
	}
	return d ? d->body : NULL;
}

/* ---- one name that is no macro ---- */

/* `#define swab __swab`, and Linux's `#define arch_atomic_read
 * arch_atomic_read` (within its own expansion a macro's name is none):
 * the macro is what that name declares at file scope, which the loader
 * reads anyway (a function: an address; a variable, a type: none; an
 * enumerator: its value), so clang is not asked: on Linux's header a
 * quarter of the questions, some 50,000 instructions each. */
static struct strmap lone_names;	/* the names such macros stand for */
static struct strmap predefined;	/* of those, macros clang defines */

/* A name that may stand alone for what it declares: no keyword of C or
 * GNU C, nothing reserved to the compiler (__func__, __LINE__, _Pragma,
 * __builtin_*), no C23 constant (true, nullptr). */
static bool plain_name(const char *s)
{
	return !(s[0] == '_' && (s[1] == '_' || (s[1] >= 'A' && s[1] <= 'Z'))) && !c_word(s);
}

/* m is object-like only, and defined at the end if the parse met it (no
 * file #undefs it; the scan read every file) */
static bool object_like_to_the_end(struct smacro *m)
{
	return !m->fbodies.n && m->bodies.n && !scan.computed && !strmap_get(&scan.undone, m->name);
}

/* Every body of m one name, which is m's own, no macro in any file the
 * scan read (nor -D), or a macro of that shape itself (Linux's
 * `#define arch_atomic_add_return_acquire arch_atomic_add_return`); m
 * defined at the end if the parse met it (no file #undefs it).  The
 * names the chains end at go to lone_names. */
static bool lone_work(struct smacro *m)
{
	if (!object_like_to_the_end(m))
		return false;
	for (int i = 0; i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		if (n != 1 || t[0].kind != MT_IDENT || !plain_name(t[0].s))
			return false;
		/* a macro of the chain may be undefined at the end: its name
		 * is wanted too */
		struct smacro *b = strmap_get(&scan.map, t[0].s);
		if ((b && b != m && !once(LONE, b, lone_work)) ||
		    (!b && strmap_get(&defined_by_args, t[0].s)))
			return false;
		strmap_put(&lone_names, t[0].s, (void *)t[0].s);
	}
	return true;
}

bool ask_lone_wanted(const char *name)
{
	return strmap_get(&lone_names, name);
}

void ask_predefined(const char *name)
{
	if (strmap_get(&lone_names, name))
		strmap_put(&predefined, astrdup(name), &predefined);
}

/* After the parse: is name a macro at the end, as far as the parse told
 * (a definition, a function-like macro the scan did not read, one clang
 * defines itself)? */
static bool macro_at_end(const char *name)
{
	return def_of(name, NULL) || strmap_get(&unscanned, name) || strmap_get(&predefined, name);
}

/* After the parse: the name macro expands to, as the preprocessor
 * expands the last definitions (a macro's name within its own expansion
 * is left as it is); NULL if that is not a name lone_work() took, or the
 * parse met macros the scan did not see. */
static const char *lone_name(const char *macro)
{
	const char *active[16], *b = macro;
	for (int n = 0; n < 16; n++) {
		const struct cmacro *d = def_of(b, NULL);
		struct smacro *m = strmap_get(&scan.map, b);
		bool undone = strmap_get(&scan.undone, b);
		if (n && !macro_at_end(b) && !(m && (m->fbodies.n || undone)))
			return strmap_get(&lone_names, b) ? b : NULL;	/* no macro */
		if (!d || d->nparams >= 0 || d->n != 1 || d->body[0].kind != MT_IDENT ||
		    !m || m->fbodies.n || undone)
			return NULL;
		active[n] = b;
		b = d->body[0].s;
		for (int i = 0; i <= n; i++)
			if (streq(b, active[i]))
				return strmap_get(&lone_names, b) ? b : NULL;
	}
	return NULL;
}

/* ---- a cast to a typedef ---- */

/* `#define __GFP_DMA ((__force gfp_t)___GFP_DMA)`: a cast to a name that
 * is no macro (a typedef's, as the loader finds), of an operand cconst.c
 * folds.  The typedef's declaration gives the type and converts the
 * value: not asked (85 of Linux 6.1's questions). */

/* t[0..*n) without the parentheses around all of it */
static const struct mtok *unwrapped(const struct mtok *t, int *n)
{
	while (*n >= 2 && cconst_close(t, *n, 0) == *n - 1) {
		t++;
		*n -= 2;
	}
	return t;
}

/* A name that may be a typedef's: no keyword, none of clang's own type
 * names (a miss costs the second parse, not a wrong value). */
static bool typedef_name(const char *s)
{
	static const char *const own[] = {
		"__auto_type", "__bf16", "__complex", "__complex__", "__const", "__const__",
		"__float128", "__fp16", "__ibm128", "__int128", "__int128_t", "__restrict",
		"__restrict__", "__signed", "__signed__", "__typeof", "__typeof__",
		"__uint128_t", "__volatile", "__volatile__",
	};
	if (!(plain_name(s) || (s[0] == '_' && s[1] == '_' && !startswith(s, "__builtin"))))
		return false;
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		if (streq(s, own[i]))
			return false;
	return true;
}

/* a macro whose every body is empty or an attribute (Linux's __force,
 * __user: empty but for sparse) */
static bool qualifier(const char *name)
{
	struct smacro *m = strmap_get(&scan.map, name);
	if (!m || m->fbodies.n || !m->bodies.n || strmap_get(&scan.undone, name))
		return false;
	for (int i = 0; i < m->bodies.n; i++) {
		int n;
		const struct mtok *t = scan_body(m, i, &n);
		if (n && !streq(t[0].s, "__attribute__"))
			return false;
	}
	return true;
}

/* The type name of the cast t[0..n) is, its operand in *op, *on; NULL if
 * t is no such cast: `( qualifiers NAME ) operand`, the operand unary
 * operators and then a literal, a name, or parentheses to the end (so the
 * cast is the whole expression).  qual() says which names qualify. */
static const char *cast_of(const struct mtok *t, int n, bool (*qual)(const char *),
			   const struct mtok **op, int *on)
{
	t = unwrapped(t, &n);
	int close = cconst_close(t, n, 0), k = 1;
	if (close < 2 || close >= n - 1)
		return NULL;
	while (k < close - 1 && t[k].kind == MT_IDENT && qual(t[k].s))
		k++;
	if (k != close - 1 || t[k].kind != MT_IDENT || !typedef_name(t[k].s))
		return NULL;
	*op = t + close + 1;
	*on = n - close - 1;
	int j = 0;
	while (j < *on - 1 && (*op)[j].kind == MT_PUNCT && strchr("-+~!", (*op)[j].s[0]) &&
	       !(*op)[j].s[1])
		j++;
	bool one = j == *on - 1 && ((*op)[j].kind == MT_LITERAL || (*op)[j].kind == MT_IDENT);
	return one || cconst_close(*op, *on, j) == *on - 1 ? t[k].s : NULL;
}

static bool cast_work(struct smacro *m)
{
	if (!object_like_to_the_end(m))
		return false;
	for (int i = 0; i < m->bodies.n; i++) {
		int n, on;
		const struct mtok *t = scan_body(m, i, &n), *op;
		const char *type = cast_of(t, n, qualifier, &op, &on);
		if (!type || strmap_get(&scan.map, type) || strmap_get(&defined_by_args, type) ||
		    !cconst_shape(op, on, name_folds, call_folds, NULL) ||
		    !cconst_syntax(op, on, call_folds, NULL))
			return false;
		strmap_put(&lone_names, type, (void *)type);
	}
	return true;
}

/* after the parse: an empty qualifier (an attribute would change the
 * type) */
static bool empty_macro(const char *name)
{
	const struct cmacro *d = def_of(name, NULL);
	return d && d->nparams < 0 && !d->n && !strmap_get(&scan.undone, name);
}

/* After the parse: macro's last definition the cast cast_work() took,
 * with its type name no macro at the end; NULL if not. */
static const char *cast_name(const char *macro, const struct mtok **op, int *on)
{
	const struct cmacro *d = def_of(macro, NULL);
	const char *type = d && d->nparams < 0 ? cast_of(d->body, d->n, empty_macro, op, on) : NULL;
	if (!type || macro_at_end(type) || strmap_get(&scan.map, type))
		return NULL;
	return strmap_get(&lone_names, type) ? type : NULL;
}

/* ---- names that stand for another ---- */

/* `#define A B`, B asked: A's answer is B's, the same expression, when no
 * file #undefs either (then each is defined at the end if the parse met
 * its definition) and the scan read every file.  A chain (A, B, C) ends
 * at the name asked (A's alias). */
static struct strmap aliases;		/* that name -> strvec: those A */

/* the macro every body of m names, when m may take its answer */
static const char *alias_shape(struct smacro *m)
{
	const char *to = one_name(m);
	struct smacro *b = to ? strmap_get(&scan.map, to) : NULL;
	bool ok = b && b != m && !m->fbodies.n && !b->fbodies.n && !scan.computed &&
		  !scan_uses_position(&scan, m->name) &&
		  !strmap_get(&scan.undone, m->name) && !strmap_get(&scan.undone, to);
	return ok ? to : NULL;
}

/* The name asked that m stands for; NULL if none (depth: of the chain). */
static const char *alias_target(struct smacro *m, int depth)
{
	const char *to = alias_shape(m), *end = m->alias;
	if (end || !to || depth > 16)
		return end;
	struct smacro *b = strmap_get(&scan.map, to);
	end = b->asked ? b->name : alias_target(b, depth + 1);
	if (end) {
		m->alias = end;
		strvec *v = strmap_get(&aliases, end);
		if (!v)
			strmap_put(&aliases, end, v = alloc(sizeof *v));
		vpush(v, (char *)m->name);
	}
	return end;
}

const strvec *ask_aliases(const char *name)
{
	return strmap_get(&aliases, name);
}

static void ask(const struct opts *o, struct buf *b, struct smacro *m)
{
	bprintf(b, "#ifdef %s\n__auto_type __kbindgen_macro_%d = (%s);\n",
		m->name, asked.n, m->name);
	/* one that may use __LINE__ (scan.c cannot tell where): again on
	 * the next line, to compare */
	if (o->macro_const_ctypes && scan_uses_position(&scan, m->name))
		bprintf(b, "__auto_type __kbindgen_twin_%d = (%s);\n", asked.n, m->name);
	bputs(b, "#endif\n");
	m->asked = true;
	vpush(&asked, (char *)m->name);
}

void ask_block(const struct opts *o, struct buf *b)
{
	scan_macros(o, &scan);
	for (int i = 0; i < o->clang_args.n; i++) {
		const char *a = o->clang_args.v[i];
		const char *d = streq(a, "-D") && i + 1 < o->clang_args.n ? o->clang_args.v[++i] :
				startswith(a, "-D") ? a + 2 : NULL;
		if (d)
			strmap_put(&defined_by_args, astrndup(d, strcspn(d, "=(")), (void *)d);
	}
	struct strmap seen = {0};	/* ask_calls()' */
	VEC(struct smacro *) standing = {0};	/* alias_shape()'s, for after */
	for (int i = 0; i < scan.macros.n; i++) {
		struct smacro *m = scan.macros.v[i];
		if (folds_alone(m) || !scan_worth_asking(&scan, m) || strings_alone(m))
			continue;
		if (!scan.computed && !m->fbodies.n && always_stmt(m)) {
			m->stmt_only = true;
			continue;
		}
		if (scan_expansion_size(&scan, m->name) > BIG_EXPANSION && folds_with_calls(m) &&
		    !(o->macro_const_ctypes && scan_uses_position(&scan, m->name))) {
			m->by_calls = true;
			ask_calls(m, &seen);
		} else if (once(LONE, m, lone_work)) {
			m->lone = true;
		} else if (once(CAST, m, cast_work)) {
			m->cast = true;
		} else if (alias_shape(m)) {
			hpush(&standing, m);
		} else {
			ask(o, b, m);
		}
	}
	for (int i = 0; i < standing.n; i++)
		if (!alias_target(standing.v[i], 0))
			ask(o, b, standing.v[i]);
	for (int i = 0; i < calls.n; i++)
		bprintf(b, "__auto_type __kbindgen_call_%d = (%s);\n", i, calls.v[i]);
	hfree(&standing);
	free(seen.slots);
}

const struct sfile *ask_files(int *n)
{
	*n = scan.files.n;
	return scan.files.v;
}

void ask_parsed(void)
{
	scan_release(&scan);
}

const struct mtok *ask_scanned(const char *file, unsigned off, const char **name, int *n)
{
	return scan_definition(&scan, file, off, name, n);
}

const char *ask_macro(int i)
{
	return i >= 0 && i < asked.n ? asked.v[i] : NULL;
}

const char *ask_call(int i)
{
	return i >= 0 && i < calls.n ? calls.v[i] : NULL;
}

/* A type of cconst.c's values. */
static struct type *arith_type(enum tkind k, int long_bits)
{
	static struct type *tab[T_COMPLEX];
	if (!tab[k]) {
		long size = k == T_INT || k == T_UINT || k == T_FLOAT ? 4 :
			    k == T_LONG || k == T_ULONG ? long_bits / 8 : 8;
		tab[k] = new_type(k);
		tab[k]->size = tab[k]->align = size;
		tab[k]->shared = true;
	}
	return tab[k];
}

/* A body of string literals only, folded as bindgen folds it (adjacent
 * ones joined): C's value too. */
static bool strings_only(const struct mtok *t, int n, struct mval *v)
{
	struct mval r;
	if (!plain_strings(t, n) || !macro_eval(t, n, NULL, NULL, &r) || r.kind != MV_STR)
		return false;
	*v = r;
	return true;
}

static bool scan_knows(const char *name, void *ctx)
{
	return strmap_get(&scan.map, name);
}

static bool scan_knows_call(const struct mtok *t, int n, int i, void *ctx)
{
	struct smacro *m = strmap_get(&scan.map, t[i].s);
	return m && m->fbodies.n;
}

void ask_unasked(itemvec *fallback, const struct opts *o, int long_bits,
		 const struct decl_answers *da)
{
	int k = 0;
	for (int i = 0; i < fallback->n; i++) {
		struct item *it = fallback->v[i];
		struct smacro *m = strmap_get(&scan.map, it->name);
		struct cval v = {0};
		int n;
		const struct mtok *t = body_of(m ? m->last : def_of(it->name, NULL), &n);
		const char *to = m ? m->alias : NULL;
		if (m && m->lone && (!it->has_val || o->macro_const_ctypes)) {
			const char *b = lone_name(it->name);
			if (!b || !da->lone(it, b))
				fallback->v[k++] = it;	/* not as the scan read it */
			continue;
		}
		const char *type = m && m->cast ? cast_name(it->name, &t, &n) : NULL;
		if (m && m->cast && !type) {
			fallback->v[k++] = it;
			continue;
		}
		if ((m && m->asked) || (it->has_val && !o->macro_const_ctypes) ||
		    (to && def_of(to, NULL)))
			continue;	/* asked (an alias with its name's question) */
		if (to) {
			fallback->v[k++] = it;	/* its name undefined at the end */
			continue;
		}
		if (m && m->stmt_only) {
			if (!stmt_defined(m, 0))
				fallback->v[k++] = it;	/* not as the scan read it */
			it->has_val = false;
			it->why = "not a constant expression (a statement expression)";
			continue;
		}
		missed = false;
		bool folded = t && cconst_eval(t, n, def_of, call_of, NULL, &memo, &v);
		if (!folded && t && (v.unsure || missed)) {
			fallback->v[k++] = it;	/* cconst.c cannot say: clang does */
			continue;
		}
		if (folded && v.nc) {
			it->has_val = false;
			it->why = "not a constant expression (a call in it is none)";
			continue;
		}
		if (folded && type) {
			if (!da->cast(it, type, &v))
				fallback->v[k++] = it;
			continue;
		}
		if (folded) {
			it->has_val = true;
			it->val = (struct mval){ v.t == T_FLOAT || v.t == T_DOUBLE ? MV_FLOAT : MV_INT };
			it->val.f = v.f;
			it->val.i = cval_int(&v);
			it->type = arith_type(v.t, long_bits);
			continue;
		}
		if (o->macro_const_ctypes && t && !type && strings_only(t, n, &it->val)) {
			it->has_val = true;
			it->type = NULL;
			continue;
		}
		if (o->macro_const_ctypes) {
			it->has_val = false;
			/* a macro undefined at the end, a division by zero, a
			 * macro within its own expansion: clang refuses it too */
			it->why = m && (folds_alone(m) || m->cast) ? "not a constant expression" :
				  m && always_stmt(m) && stmt_defined(m, 0) ?
				  "not a constant expression (a statement expression)" :
				  "not taken for an expression (a type, a statement, an attribute, "
				  "a call; or a function-like macro's name, which may name a function "
				  "too: an address)";
		}
		/* clang would fail where cconst.c does, when the last body
		 * has its shape and only a name undefined at the end (or a
		 * value, as above) stops it: not the case of a body the scan
		 * did not see (nor of strings the scan saw, when the last
		 * body is none) */
		if (!m || ((folds_alone(m) || m->cast) &&
			   !(t && cconst_shape(t, n, scan_knows, scan_knows_call, NULL))) ||
		    (o->macro_const_ctypes && strings_alone(m)) || m->by_calls)
			fallback->v[k++] = it;
	}
	fallback->n = k;
}
