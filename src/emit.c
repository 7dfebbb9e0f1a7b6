/* emit.c: the IR as Rust text, the way bindgen generates it and rustfmt
 * lays it out (so the output needs no formatter).  Items come in source
 * order; a record is followed by its nested types, its layout asserts, its
 * Default impl and its bitfield accessors. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"
#include "rt.h"

#define WIDTH 100

static struct buf *o;
static struct strmap typedefs;	/* emitted typedef names */
static struct strmap shadowed;	/* macros named as a global enum constant */
static bool need_unit, need_incarray, need_unionfield, need_complex,
	    need_f16, need_opaque8;

/* An opaque blob type; the array wrapper it may need comes with it. */
static const char *blob(long size, long align)
{
	const char *t = blob_type(size, align);
	if (t[0] == '_')
		need_opaque8 = true;
	return t;
}

/* ---- paths ---- */

static const char *std_(void)
{
	return opt.use_core ? "::core" : "::std";
}

static const char *ctype(const char *name)
{
	if (opt.ctypes_prefix)
		return fmt("%s::%s", opt.ctypes_prefix, name);
	if (opt.use_core)
		return fmt("::core::ffi::%s", name);
	return fmt("::std::os::raw::%s", name);
}

/* ---- line layout (what rustfmt does to long lines) ---- */

static void indent(int n)
{
	for (int i = 0; i < n; i++)
		bputc(o, ' ');
}

/* The characters line breaking looks at; the others are skipped at one
 * table lookup each (types and signatures are long). */
enum { C_OPEN = 1, C_CLOSE, C_ARROW, C_COMMA };
static const unsigned char cclass[256] = {
	['<'] = C_OPEN, ['('] = C_OPEN, ['['] = C_OPEN,
	[')'] = C_CLOSE, [']'] = C_CLOSE, ['>'] = C_ARROW, [','] = C_COMMA,
};

/* The class of s[i]: a '>' closes, but not in "->". */
static int cclass_at(const char *s, int i)
{
	int k = cclass[(unsigned char)s[i]];
	if (k == C_ARROW)
		return i && s[i - 1] == '-' ? 0 : C_CLOSE;
	return k;
}

/* s[a..b), leading blanks dropped, as the next of at most max parts */
static void add_part(const char *s, int a, int b, const char **parts, int *plen,
		     int *n, int max)
{
	while (a < b && s[a] == ' ')
		a++;
	if (b > a && *n < max) {
		parts[*n] = s + a;
		plen[(*n)++] = b - a;
	}
}

/* Splits "a, b<c, d>, e" at top-level commas. */
static int split_args(const char *s, int len, const char **parts, int *plen, int max)
{
	int n = 0, depth = 0, start = 0;
	for (int i = 0; i <= len; i++) {
		int k = i < len ? cclass_at(s, i) : C_COMMA;
		if (!k)
			continue;
		if (k == C_OPEN)
			depth++;
		else if (k == C_CLOSE)
			depth--;
		else if (depth == 0) {
			add_part(s, start, i, parts, plen, &n, max);
			start = i + 1;
		}
	}
	return n;
}

/* The list in the bracket at s[i]: its elements (split at top-level
 * commas, leading blanks dropped) into parts, their number into *np; the
 * index of its closer, or -1 when there is none before len.  One pass:
 * signatures are long. */
static int split_list(const char *s, int i, int len, const char **parts, int *plen,
		      int max, int *np)
{
	int n = 0, depth = 0, start = i + 1;
	for (int k = i + 1; k < len; k++) {
		int c = cclass_at(s, k);
		if (c == C_OPEN) {
			depth++;
		} else if (c == C_CLOSE && depth > 0) {
			depth--;
		} else if (c == C_CLOSE || (c == C_COMMA && depth == 0)) {
			add_part(s, start, k, parts, plen, &n, max);
			if (c == C_CLOSE) {
				*np = n;
				return k;
			}
			start = k + 1;
		}
	}
	return -1;
}

static void wrap_at(int ind, int col, const char *pre, const char *text, int tlen,
		    const char *post);

/* A list's n parts one per line at indentation ind, as rustfmt breaks a
 * long one; "..." takes no comma. */
static void part_lines(int ind, const char **parts, const int *plen, int n)
{
	for (int i = 0; i < n; i++) {
		bool dots = plen[i] == 3 && !strncmp(parts[i], "...", 3);
		wrap_at(ind, -1, "", parts[i], plen[i], dots ? "" : ",");
		bputc(o, '\n');
	}
}

/* Writes pre + head + the list's n parts one per line between open and
 * close + rest + post; the parts at ind + 4, the closer at ind. */
static void wrap_list(int ind, int col, const char *pre, const char *head, int hlen,
		      char open, const char **parts, int *plen, int n, char close,
		      const char *rest, int rlen, const char *post)
{
	if (col < 0)
		indent(ind);
	bputs(o, pre);
	bput(o, head, hlen);
	bputc(o, open);
	bputc(o, '\n');
	part_lines(ind + 4, parts, plen, n);
	indent(ind);
	bputc(o, close);
	/* ") -> Option<...>" goes on after the closer, in the same block */
	wrap_at(ind, ind + 1, "", rest, rlen, post);
}

/* Writes pre+text+post, breaking text inside its outermost brackets when
 * the line would exceed 100 columns: on a new line at indentation ind
 * (col < 0), or going on from column col of a line whose block is at ind. */
static void wrap_at(int ind, int col, const char *pre, const char *text, int tlen,
		    const char *post)
{
	if ((col < 0 ? ind : col) + strlen(pre) + tlen + strlen(post) <= WIDTH || !tlen) {
		if (col < 0)
			indent(ind);
		bputs(o, pre);
		bput(o, text, tlen);
		bputs(o, post);
		return;
	}
	/* break at the first bracket that opens a non-empty list */
	for (int i = 0; i < tlen; i++) {
		char c = text[i];
		if (c != '<' && c != '(')
			continue;
		const char *parts[256];
		int plen[256], n;
		int j = split_list(text, i, tlen, parts, plen, 256, &n);
		if (j < 0 || j == i + 1)
			continue;
		wrap_list(ind, col, pre, text, i, c, parts, plen, n, text[j],
			  text + j + 1, tlen - j - 1, post);
		return;
	}
	if (col < 0)
		indent(ind);
	bputs(o, pre);
	bput(o, text, tlen);
	bputs(o, post);
}

/* pre+text+post on a new line at indentation ind, broken as wrap_at(). */
static void wrapped(int ind, const char *pre, const char *text, int tlen, const char *post)
{
	wrap_at(ind, -1, pre, text, tlen, post);
}

static void put_line(const char *l)
{
	bputs(o, l);
	bputc(o, '\n');
}

/* Writes the strings up to a NULL into b: bprintf without a format to
 * read, for the lines written thousands of times. */
static void put_strs(struct buf *b, ...)
{
	va_list ap;
	va_start(ap, b);
	for (const char *s; (s = va_arg(ap, const char *));)
		bputs(b, s);
	va_end(ap);
}

static void line(int ind, const char *pre, const char *text, const char *post)
{
	wrapped(ind, pre, text, strlen(text), post);
	bputc(o, '\n');
}

/* ---- doc comments ---- */

/* bindgen's comment preprocessing: block comments lose their slashes and
 * stars, each line is trimmed and loses leading '*' and '!', leading blank
 * lines and one trailing blank line go; line comments lose their slashes.
 * prettyplease then prints one line as ///TEXT, more as a block comment. */
static char *trim(char *l)
{
	while (*l == ' ' || *l == '\t' || *l == '\r' || *l == '\n' || *l == '\f' || *l == '\v')
		l++;
	size_t n = strlen(l);
	while (n && strchr(" \t\r\n\f\v", l[n - 1]))
		l[--n] = 0;
	return l;
}

static void doc(int ind, const char *raw)
{
	if (!raw || !opt.doc_comments)
		return;
	char *c = xstrdup(raw);
	bool block = startswith(c, "/*");
	if (!block && !startswith(c, "//"))
		return;
	if (block) {
		while (*c == '/')
			c++;
		size_t n = strlen(c);
		while (n && c[n - 1] == '/')
			c[--n] = 0;
		while (n && c[n - 1] == '*')
			c[--n] = 0;
	}
	VEC(char *) lines = {0};
	for (char *p = c; p;) {
		char *e = strchr(p, '\n');
		if (e)
			*e = 0;
		char *l = trim(p);
		if (block) {
			while (*l == '*')
				l++;
			while (*l == '!')
				l++;
			char *t = xstrdup(l);
			if (!lines.n && !*trim(t))
				l = NULL;	/* leading blank lines */
		} else {
			while (*l == '/')
				l++;
		}
		if (l)
			vpush(&lines, l);
		p = e ? e + 1 : NULL;
	}
	if (block && lines.n && !*trim(xstrdup(lines.v[lines.n - 1])))
		lines.n--;
	if (lines.n <= 1) {
		indent(ind);
		bprintf(o, "///%s\n", lines.n ? lines.v[0] : "");
		return;
	}
	bool nests = false;
	for (int i = 0; i < lines.n; i++)
		nests |= strstr(lines.v[i], "/*") || strstr(lines.v[i], "*/");
	indent(ind);
	if (nests) {
		/* a block comment cannot hold these: use the attribute */
		bputs(o, "#[doc = \"");
		for (int i = 0; i < lines.n; i++) {
			if (i)
				bputs(o, "\\n");
			for (const char *p = lines.v[i]; *p; p++) {
				if (*p == '"' || *p == '\\')
					bputc(o, '\\');
				bputc(o, *p);
			}
		}
		bputs(o, "\"]\n");
		return;
	}
	/* rustfmt re-indents a block comment's later lines to the item */
	bputs(o, "/**");
	for (int i = 0; i < lines.n; i++) {
		const char *l = lines.v[i];
		if (i) {
			bputc(o, '\n');
			l += strspn(l, " \t");
			if (*l)
				indent(ind);
		}
		bputs(o, l);
	}
	bputs(o, "*/\n");
}

/* ---- types ---- */

static const char *rty(struct type *t);

static const char *fn_ptr(struct type *f);
static const char *enum_ref(struct item *it);
static bool names_itself(struct item *it);
static enum alias_style alias_style_of(struct item *it);
static bool emit_cstr(const char *name, struct mval *v);
static bool must_use_ret(struct type *t);

static bool is_fn(struct type *t)
{
	return strip_typedefs(t)->kind == T_FUNC;
}

static const char *prim_name(enum tkind k)
{
	switch (k) {
	case T_VOID: return ctype("c_void");
	case T_BOOL: return "bool";
	case T_CHAR: return ctype("c_char");
	case T_SCHAR: return ctype("c_schar");
	case T_UCHAR: return ctype("c_uchar");
	case T_SHORT: return ctype("c_short");
	case T_USHORT: return ctype("c_ushort");
	case T_INT: return ctype("c_int");
	case T_UINT: return ctype("c_uint");
	case T_LONG: return ctype("c_long");
	case T_ULONG: return ctype("c_ulong");
	case T_LLONG: return ctype("c_longlong");
	case T_ULLONG: return ctype("c_ulonglong");
	case T_INT128: return "i128";
	case T_UINT128: return "u128";
	case T_WCHAR: return ctype("c_int");
	case T_CHAR16: return "u16";
	case T_CHAR32: return "u32";
	case T_FLOAT16: return "__BindgenFloat16";
	case T_FLOAT: return opt.convert_floats ? "f32" : ctype("c_float");
	case T_DOUBLE: return opt.convert_floats ? "f64" : ctype("c_double");
	case T_LDOUBLE: case T_FLOAT128: return "u128";
	default: return NULL;
	}
}

/* The paths of the primitive types, made once: rty() asks for them at
 * every use of a type. */
static const char *prims[T_COMPLEX];

static void init_prims(void)
{
	for (int k = 0; k < T_COMPLEX; k++)
		prims[k] = prim_name(k);
}

static const char *rty_prim(struct type *t)
{
	if (t->kind >= T_COMPLEX)
		return NULL;
	if (t->kind == T_FLOAT16)
		need_f16 = true;
	return prims[t->kind];
}

static const char *rty(struct type *t)
{
	const char *p = rty_prim(t);
	if (p)
		return p;
	switch (t->kind) {
	case T_COMPLEX:
		need_complex = true;
		/* bindgen maps _Complex long double to f64 too */
		return fmt("__BindgenComplex<%s>", t->sub->kind == T_LDOUBLE ? "f64" : rty(t->sub));
	case T_PTR: {
		struct type *s = t->sub;
		if (s->kind == T_FUNC)
			return fn_ptr(s);
		if (is_fn(s))
			return rty(s);	/* the typedef is already an Option<fn> */
		return fmt("*%s %s", s->is_const ? "const" : "mut", rty(s));
	}
	case T_ARRAY:
		return fmt("[%s; %ldusize]", rty(t->sub), t->len);
	case T_INCARRAY:
		need_incarray = true;
		return fmt("__IncompleteArrayField<%s>", rty(t->sub));
	case T_VECTOR:
		return fmt("[%s; %ldusize]", rty(t->sub), t->len);
	case T_FUNC:
		return fn_ptr(t);
	case T_ITEM: {
		const char *b = builtin_alias(t->item);
		if (b)
			return b;
		if (t->item->kind == I_ENUM)
			return enum_ref(t->item);
		/* typedef enum {...} Foo; names the enum: refer to it */
		if (t->item->kind == I_TYPEDEF && names_itself(t->item))
			return rty(t->item->aliased);
		return t->item->rname;
	}
	case T_OPAQUE:
	default:
		return blob(t->size > 0 ? t->size : 0, t->align > 0 ? t->align : 1);
	}
}

static const char *abi_name(enum callconv cc)
{
	switch (cc) {
	case CC_STDCALL: return "stdcall";
	case CC_FASTCALL: return "fastcall";
	case CC_THISCALL: return "thiscall";
	case CC_VECTORCALL: return "vectorcall";
	case CC_AAPCS: return "aapcs";
	case CC_WIN64: return "win64";
	default: return "C";
	}
}

/* Parameter types decay as in C: arrays become pointers, functions
 * function pointers. */
static bool elem_const(struct type *t)
{
	while (t->kind == T_ARRAY || t->kind == T_INCARRAY)
		t = t->sub;
	return t->is_const;
}

static const char *param_type(struct type *t)
{
	struct type *orig = t, *r = strip_typedefs(t);
	if (r->kind == T_ARRAY || r->kind == T_INCARRAY)
		t = r;
	if (t->kind == T_ARRAY || t->kind == T_INCARRAY) {
		/* const applies to the innermost element, or to the typedef */
		bool c = t->is_const || elem_const(t) || (t != orig && orig->is_const);
		if (opt.array_pointers_in_args && t != orig && t->kind == T_ARRAY)
			return fmt("*%s %s", c ? "const" : "mut", rty(orig));
		if (opt.array_pointers_in_args && t->kind == T_ARRAY)
			return fmt("*%s [%s; %ldusize]", c ? "const" : "mut", rty(t->sub), t->len);
		return fmt("*%s %s", c ? "const" : "mut", rty(t->sub));
	}
	return rty(t);
}

static const char *ret_suffix(struct type *ret, bool no_return)
{
	if (no_return)
		return " -> !";
	if (strip_typedefs(ret)->kind == T_VOID)
		return "";
	return fmt(" -> %s", rty(ret));
}

/* Where the parts of a signature are in its text, so that a long one is
 * laid out without splitting it again: the '<' of Option<, the '(' and
 * ')' of the parameters, each parameter's start and length (the first
 * 512, as many as line breaking ever took). */
struct sig {
	int lt, lp, rp, n;
	int off[512], len[512];
};

/* The parameter list "a: T, b: U" of a function type, into b; into sg
 * (unless NULL) where each parameter is. */
static void put_params(struct buf *b, struct type *f, const strvec *names, struct sig *sg)
{
	int unnamed = 0;
	for (int i = 0; i <= f->params.n; i++) {
		if (i == f->params.n && !f->variadic)
			break;
		if (i)
			bputs(b, ", ");
		size_t start = b->len;
		if (i == f->params.n) {
			bputs(b, "...");
		} else {
			const char *n = names && i < names->n ? names->v[i] : NULL;
			if (n)
				put_strs(b, rust_ident(n), ": ", NULL);
			else
				bprintf(b, "arg%d: ", ++unnamed);
			bputs(b, param_type(f->params.v[i]));
		}
		if (sg && sg->n < 512) {
			sg->off[sg->n] = start;
			sg->len[sg->n++] = b->len - start;
		}
	}
}

static const char *params(struct type *f, const strvec *names, struct sig *sg)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	put_params(&b, f, names, sg);
	return bdone(&b);
}

/* A C function pointer, "Option<unsafe extern "C" fn(a: T) -> R>", in one
 * buffer: signatures are long and there are thousands. */
static const char *fn_ptr_sig(struct type *f, struct sig *sg)
{
	char tmp[512];
	struct buf b = buf_on(tmp, sizeof tmp);
	put_strs(&b, std_(), "::option::Option", NULL);
	if (sg) {
		sg->lt = b.len;
		sg->n = 0;
	}
	put_strs(&b, "<unsafe extern \"", abi_name(f->cc), "\" fn(", NULL);
	if (sg)
		sg->lp = b.len - 1;
	put_params(&b, f, &f->pnames, sg);
	if (sg)
		sg->rp = b.len;
	put_strs(&b, ")", ret_suffix(f->ret, false), ">", NULL);
	return bdone(&b);
}

static const char *fn_ptr(struct type *f)
{
	return fn_ptr_sig(f, NULL);
}

/* The parameters of text t, as sg says where they are, into parts. */
static int sig_parts(const char *t, const struct sig *sg, const char **parts, int *plen)
{
	for (int i = 0; i < sg->n; i++) {
		parts[i] = t + sg->off[i];
		plen[i] = sg->len[i];
	}
	return sg->n;
}

/* The parameters of ps, one per line at indentation ind. */
static void param_lines(int ind, const char *ps, const struct sig *sg)
{
	const char *parts[512];
	int plen[512];
	part_lines(ind, parts, plen, sig_parts(ps, sg, parts, plen));
}

/* pub type name = t; where t, a function pointer of sg, takes more than
 * two lines: what line() would make of it, without splitting t again. */
static void fn_ptr_lines(const char *name, const char *t, const struct sig *sg)
{
	int tlen = strlen(t), ilen = tlen - 1 - (sg->lt + 1);	/* inside Option<> */
	const char *in = t + sg->lt + 1;
	put_strs(o, "pub type ", name, " = ", NULL);
	bput(o, t, sg->lt + 1);
	bputc(o, '\n');
	if (4 + ilen + 1 <= WIDTH) {
		wrapped(4, "", in, ilen, ",");
	} else {
		const char *parts[512];
		int plen[512], n = sig_parts(t, sg, parts, plen);
		wrap_list(4, -1, "", in, sg->lp - (sg->lt + 1), '(', parts, plen, n, ')',
			  t + sg->rp + 1, tlen - 1 - (sg->rp + 1), ",");
	}
	bputs(o, "\n>;\n");
}

/* ---- integer literals ---- */

static bool is_unsigned(struct type *t)
{
	t = strip_typedefs(t);
	if (t->kind == T_ITEM && t->item->kind == I_ENUM)
		return is_unsigned(t->item->inttype);
	switch (t->kind) {
	case T_BOOL: case T_UCHAR: case T_USHORT: case T_UINT: case T_ULONG:
	case T_ULLONG: case T_UINT128: case T_CHAR16: case T_CHAR32:
		return true;
	case T_CHAR:
		return false;
	default:
		return false;
	}
}

/* Numbers are written backwards from the end of a caller's buffer of
 * NUM bytes: the emitter writes thousands of them. */
#define NUM 32

static char *digits(char *end, uint64_t u)
{
	do
		*--end = '0' + u % 10;
	while (u /= 10);
	return end;
}

static const char *int_lit(char *buf, int64_t v, bool uns)
{
	buf[NUM - 1] = 0;
	if (uns || v >= 0)
		return digits(buf + NUM - 1, v);
	char *p = digits(buf + NUM - 1, -(uint64_t)v);
	*--p = '-';
	return p;
}

/* ---- per-item options: REGEX=VALUE lists ---- */

struct rule {
	struct regexset *re;
	const char *val;
};
typedef VEC(struct rule) rulevec;

static struct regexset *re_must_use;
static rulevec derive_any, derive_struct, derive_enum, derive_union;
static rulevec attr_any, attr_struct, attr_enum, attr_union, abi_rules;

/* "REGEX=VALUE": the regex is before the last '=' outside brackets, since
 * attribute values hold '=' too (#[cfi_encoding = "..."]). */
static void parse_rules(const strvec *in, rulevec *out, bool first_eq)
{
	for (int i = 0; i < in->n; i++) {
		const char *s = in->v[i], *eq = NULL;
		int depth = 0;
		for (const char *p = s; *p; p++) {
			if (*p == '[' || *p == '(')
				depth++;
			else if (*p == ']' || *p == ')')
				depth--;
			else if (*p == '=' && depth == 0 && (!eq || !first_eq))
				eq = p;
		}
		if (!eq)
			continue;
		strvec one = {0};
		vpush(&one, xstrndup(s, eq - s));
		struct rule r = { regexset_new(&one), eq + 1 };
		vpush(out, r);
	}
}

static void init_rules(void)
{
	re_must_use = regexset_new(&opt.must_use_type);
	parse_rules(&opt.derive_custom, &derive_any, true);
	parse_rules(&opt.derive_custom_struct, &derive_struct, true);
	parse_rules(&opt.derive_custom_enum, &derive_enum, true);
	parse_rules(&opt.derive_custom_union, &derive_union, true);
	parse_rules(&opt.attr_custom, &attr_any, true);
	parse_rules(&opt.attr_custom_struct, &attr_struct, true);
	parse_rules(&opt.attr_custom_enum, &attr_enum, true);
	parse_rules(&opt.attr_custom_union, &attr_union, true);
	parse_rules(&opt.override_abi, &abi_rules, true);
}

/* Appends the comma-separated values of the rules matching name to out,
 * skipping ones already there. */
static void rule_values(rulevec *rv, const char *name, strvec *out)
{
	for (int i = 0; i < rv->n; i++) {
		if (!regexset_match(rv->v[i].re, name))
			continue;
		const char *parts[64];
		int plen[64];
		int n = split_args(rv->v[i].val, strlen(rv->v[i].val), parts, plen, 64);
		for (int j = 0; j < n; j++) {
			char *v = xstrndup(parts[j], plen[j]);
			bool dup = false;
			for (int k = 0; k < out->n; k++)
				dup |= streq(out->v[k], v);
			if (!dup)
				vpush(out, v);
		}
	}
}

static const char *abi_override(const char *name)
{
	for (int i = 0; i < abi_rules.n; i++)
		if (regexset_match(abi_rules.v[i].re, name))
			return abi_rules.v[i].val;
	return NULL;
}

/* derive="X" annotations, and attribute="#[derive(X)]" ones, which bindgen
 * folds into the derive list. */
static void annot_derives(struct item *it, strvec *all)
{
	strvec d = {0};
	const struct annot *ann = ANN(it);
	for (int i = 0; i < ann->derives.n; i++)
		vpush(&d, ann->derives.v[i]);
	for (int i = 0; i < ann->attrs.n; i++) {
		const char *a = ann->attrs.v[i];
		size_t n = strlen(a);
		if (startswith(a, "#[derive(") && n > 11 && !strcmp(a + n - 2, ")]"))
			vpush(&d, xstrndup(a + 9, n - 11));
	}
	for (int i = 0; i < d.n; i++) {
		const char *parts[32];
		int plen[32];
		int k = split_args(d.v[i], strlen(d.v[i]), parts, plen, 32);
		for (int j = 0; j < k; j++) {
			char *v = xstrndup(parts[j], plen[j]);
			bool dup = false;
			for (int m = 0; m < all->n; m++)
				dup |= streq(all->v[m], v);
			if (!dup)
				vpush(all, v);
		}
	}
}

/* The attributes the user asked for on this item, one per line. */
static void custom_attrs(struct item *it, rulevec *kind)
{
	strvec a = {0};
	rule_values(&attr_any, it->rname, &a);
	rule_values(kind, it->rname, &a);
	for (int i = 0; i < ANN(it)->attrs.n; i++) {
		const char *s = it->ann->attrs.v[i];
		if (startswith(s, "#[derive("))
			continue;	/* folded into the derives */
		vpush(&a, startswith(s, "#") ? (char *)s : fmt("#[%s]", s));
	}
	/* rustfmt merges adjacent #[derive(..)] lines: so do we */
	for (int i = 0; i < a.n; i++) {
		const char *d = "#[derive(";
		size_t dn = strlen(d), n = strlen(a.v[i]);
		if (!startswith(a.v[i], d) || !endswith(a.v[i], ")]")) {
			put_line(a.v[i]);
			continue;
		}
		bprintf(o, "%.*s", (int)(n - 2), a.v[i]);
		for (; i + 1 < a.n && startswith(a.v[i + 1], d) && endswith(a.v[i + 1], ")]"); i++)
			bprintf(o, ", %.*s", (int)(strlen(a.v[i + 1]) - dn - 2), a.v[i + 1] + dn);
		bputs(o, ")]\n");
	}
}

/* Attributes of a field: its attribute="..." annotations and
 * --field-attr TYPE::FIELD=ATTR, as "#[a] #[b]" lines or inline. */
static const char *field_attrs(struct item *rec, const char *field, const struct annot *ann,
			       bool inline_)
{
	if (!opt.field_attr.n && (!ann || !ann->attrs.n))
		return "";	/* the usual case, asked for every field */
	struct buf b = {0};
	for (int i = 0; ann && i < ann->attrs.n; i++) {
		const char *s = ann->attrs.v[i];
		bprintf(&b, startswith(s, "#") ? "%s%s" : "#[%s]%s", s, inline_ ? " " : "\n");
	}
	const char *key = fmt("%s::%s=", rec->rname, field);
	for (int i = 0; i < opt.field_attr.n; i++)
		if (startswith(opt.field_attr.v[i], key)) {
			const char *s = opt.field_attr.v[i] + strlen(key);
			bprintf(&b, startswith(s, "#") ? "%s%s" : "#[%s]%s", s, inline_ ? " " : "\n");
		}
	return b.len ? bdone(&b) : "";
}

/* The visibility of fields and bitfield accessors (--default-visibility). */
static struct item *vis_item;	/* the record being emitted */

/* What bindgen keeps private even with --respect-cxx-access-specs: the
 * bitfield storage and its constructor. */
static bool vis_storage;

static const char *vis(void)
{
	if (opt.respect_cxx_access && !vis_storage)
		return "pub ";
	if (vis_item && ANN(vis_item)->private_)
		return vis_item->ann->private_ > 0 ? "" : "pub ";
	switch (opt.default_visibility) {
	case VIS_CRATE: return "pub(crate) ";
	case VIS_PRIVATE: return "";
	default: return "pub ";
	}
}

/* A field's own <div rustbindgen private> wins over its record's. */
static const char *fvis(struct field *f)
{
	if (ANN(f)->private_ && !opt.respect_cxx_access)
		return f->ann->private_ > 0 ? "" : "pub ";
	return vis();
}

/* ---- items ---- */

static void emit_item(struct item *it);

/* "A, B, C", NULL when v is empty. */
static const char *comma_list(const strvec *v)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	for (int i = 0; i < v->n; i++)
		put_strs(&b, i ? ", " : "", v->v[i], NULL);
	return b.len ? bdone(&b) : NULL;
}

static const char *derive_list(struct item *it, unsigned can)
{
	unsigned d = 0;
	if (opt.derive_debug) d |= D_DEBUG;
	if (opt.derive_default) d |= D_DEFAULT;
	if (opt.derive_copy) d |= D_COPY | D_CLONE;
	if (opt.derive_hash) d |= D_HASH;
	if (opt.derive_partialord) d |= D_PARTIALORD;
	if (opt.derive_ord) d |= D_ORD | D_PARTIALORD;
	if (opt.derive_partialeq) d |= D_PARTIALEQ;
	if (opt.derive_eq) d |= D_EQ | D_PARTIALEQ;
	d &= can;
	const char *n = it->rname;
	d &= ~derives_refused(it, true);
	if (!(d & D_PARTIALEQ))
		d &= ~(D_EQ | D_PARTIALORD | D_ORD);
	if (!(d & D_PARTIALORD))
		d &= ~D_ORD;
	if (!(d & D_EQ))
		d &= ~D_ORD;
	static const struct { unsigned bit; const char *name; } order[] = {
		{ D_DEBUG, "Debug" }, { D_DEFAULT, "Default" }, { D_COPY, "Copy" },
		{ D_CLONE, "Clone" }, { D_HASH, "Hash" }, { D_PARTIALORD, "PartialOrd" },
		{ D_ORD, "Ord" }, { D_PARTIALEQ, "PartialEq" }, { D_EQ, "Eq" },
	};
	strvec all = {0};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (d & order[i].bit)
			vpush(&all, (char *)order[i].name);
	rule_values(&derive_any, n, &all);
	rule_values(it->kind == I_UNION ? &derive_union : it->kind == I_ENUM ? &derive_enum
					: &derive_struct, n, &all);
	annot_derives(it, &all);
	it->derives = d;
	/* a Default the user derives needs no impl */
	for (int i = 0; i < all.n; i++)
		if (streq(all.v[i], "Default"))
			it->derives |= D_DEFAULT;
	return comma_list(&all);
}

static void impl_default(const char *name)
{
	bprintf(o, "impl Default for %s {\n", name);
	bputs(o, "    fn default() -> Self {\n");
	bprintf(o, "        let mut s = %s::mem::MaybeUninit::<Self>::uninit();\n", std_());
	bputs(o, "        unsafe {\n");
	bprintf(o, "            %s::ptr::write_bytes(s.as_mut_ptr(), 0, 1);\n", std_());
	bputs(o, "            s.assume_init()\n");
	bputs(o, "        }\n    }\n}\n");
}

static void emit_line(int ind, const char *head, const char *val);

/* ["Size of foo"][::std::mem::size_of::<foo>() - 4usize];  what and expr
 * are lists of pieces, NULL-terminated: the asserts can be half the output
 * of a header of many structs, and are put together here, not formatted. */
static void assert_line(const char **what, const char **expr)
{
	size_t n[16], len = 11;	/* up to 16 pieces; "    [""][];" */
	int nw = 0, k = 0;
	for (; what[nw]; nw++)
		len += n[nw] = strlen(what[nw]);
	for (int i = 0; expr[i]; i++)
		len += n[nw + i] = strlen(expr[i]);
	bputs(o, "    [\"");
	for (int i = 0; what[i]; i++)
		bput(o, what[i], n[k++]);
	bputs(o, len <= WIDTH ? "\"][" : "\"]\n        [");
	for (int i = 0; expr[i]; i++)
		bput(o, expr[i], n[k++]);
	bputs(o, "];\n");
}

/* "24usize" */
static const char *usize_lit(char *buf, long v)
{
	memcpy(buf + NUM - 6, "usize", 6);
	return digits(buf + NUM - 6, v);
}

/* A macro call laid out rustfmt's way: on one line when its arguments take
 * at most 60 columns and the line fits, else one argument per line. */
static void macro_args(int ind, const char *mac, const char **args, int n, const char *post)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	for (int i = 0; i < n; i++)
		put_strs(&b, i ? ", " : "", args[i], NULL);
	if (b.len <= 60 && ind + strlen(mac) + 2 + b.len + strlen(post) <= WIDTH) {
		bprintf(o, "%*s%s(%s)%s\n", ind, "", mac, b.s, post);
	} else {
		bprintf(o, "%*s%s(\n", ind, "", mac);
		for (int i = 0; i < n; i++)
			bprintf(o, "%*s%s%s\n", ind + 4, "", args[i], i < n - 1 ? "," : "");
		bprintf(o, "%*s)%s\n", ind, "", post);
	}
	bfree(&b);
}

/* assert_eq!(a, b, message) inside a #[test] fn, rustfmt-clean. */
static void assert_eq_lines(const char *a, long b, const char **msg, int nmsg)
{
	bputs(o, "    assert_eq!(\n");
	if (strlen(a) + 9 <= WIDTH) {
		bprintf(o, "        %s,\n", a);
	} else {	/* unsafe { long expression }, */
		const char *in = a + strlen("unsafe { ");
		int n = strlen(in) - 2;
		const char *minus = strstr(in, " - ptr as usize");
		if (12 + n <= WIDTH || !minus)
			bprintf(o, "        unsafe {\n            %.*s\n        },\n", n, in);
		else	/* rustfmt breaks before the binary operator */
			bprintf(o, "        unsafe {\n            %.*s\n                %.*s\n        },\n",
				(int)(minus - in), in, (int)(in + n - minus - 1), minus + 1);
	}
	bprintf(o, "        %ldusize,\n", b);
	macro_args(8, "concat!", msg, nmsg, "");
	bputs(o, "    );\n");
}

/* Before Rust 1.77 there is no offset_of!: bindgen writes a #[test] that
 * measures through a MaybeUninit (addr_of!, Rust 1.51). */
static void layout_test_fn(struct item *it, struct rlayout *rl)
{
	const char *n = it->rname, *s = std_();
	bool fields = false;
	for (int i = 0; i < rl->m.n; i++)
		fields |= rl->m.v[i].kind == M_FIELD && rl->m.v[i].f->name;
	bputs(o, "#[test]\n");
	bprintf(o, "fn bindgen_test_layout_%s() {\n", n);
	if (fields) {
		emit_line(4, fmt("const UNINIT: %s::mem::MaybeUninit<%s> = ", s, n),
			  fmt("%s::mem::MaybeUninit::uninit()", s));
		bputs(o, "    let ptr = UNINIT.as_ptr();\n");
	}
	const char *sz[] = { "\"Size of: \"", fmt("stringify!(%s)", n) };
	assert_eq_lines(fmt("%s::mem::size_of::<%s>()", s, n), it->size, sz, 2);
	const char *al[] = { "\"Alignment of \"", fmt("stringify!(%s)", n) };
	assert_eq_lines(fmt("%s::mem::align_of::<%s>()", s, n), it->align, al, 2);
	for (int i = 0; i < rl->m.n; i++) {
		struct member *m = &rl->m.v[i];
		if (m->kind != M_FIELD || !m->f->name)
			continue;
		const char *of[] = { "\"Offset of field: \"", fmt("stringify!(%s)", n), "\"::\"",
				     fmt("stringify!(%s)", m->f->rname) };
		assert_eq_lines(fmt("unsafe { %s::ptr::addr_of!((*ptr).%s) as usize - ptr as usize }",
				    s, m->f->rname), m->f->offset / 8, of, 4);
	}
	bputs(o, "}\n");
}

static void layout_tests(struct item *it, struct rlayout *rl)
{
	if (opt.rust_target < 77) {
		layout_test_fn(it, rl);
		return;
	}
	const char *n = it->rname, *s = std_();
	bputs(o, "#[allow(clippy::unnecessary_operation, clippy::identity_op)]\n");
	bputs(o, "const _: () = {\n");
	char v[NUM];
	assert_line((const char *[]){ "Size of ", n, NULL },
		    (const char *[]){ s, "::mem::size_of::<", n, ">() - ",
				      usize_lit(v, it->size), NULL });
	assert_line((const char *[]){ "Alignment of ", n, NULL },
		    (const char *[]){ s, "::mem::align_of::<", n, ">() - ",
				      usize_lit(v, it->align), NULL });
	/* the same for every field */
	const char *what = fmt("Offset of field: %s::", n);
	const char *expr = fmt("%s::mem::offset_of!(%s, ", s, n);
	for (int i = 0; i < rl->m.n; i++) {
		struct member *m = &rl->m.v[i];
		if (m->kind != M_FIELD || !m->f->name)
			continue;
		const char *f = m->f->rname;
		assert_line((const char *[]){ what, f, NULL },
			    (const char *[]){ expr, f, ") - ", usize_lit(v, m->f->offset / 8), NULL });
	}
	bputs(o, "};\n");
}

static const char *int_for_size(long size)
{
	switch (size) {
	case 1: return "u8";
	case 2: return "u16";
	case 4: return "u32";
	case 8: return "u64";
	case 16: return "u128";
	default: return NULL;
	}
}

static void bitfield_accessors(struct item *it, struct bunit *u)
{
	const char *s = std_();
	const char *ut = fmt("__BindgenBitfieldUnit<[u8; %ldusize]>", u->size);
	const char *uf = fmt("_bitfield_%d", u->nth);
	for (int i = 0; i < u->bfs.n; i++) {
		struct bitfield *bf = &u->bfs.v[i];
		if (!bf->getter)
			continue;
		const char *ty = rty(bf->f->type);
		const char *it_ = int_for_size(bf->f->type->size);
		if (!it_)
			continue;
		const char *k = fmt("%ldusize, %du8", bf->off, bf->f->bitwidth);
		/* getter */
		bputs(o, "    #[inline]\n");
		bprintf(o, "    %sfn %s(&self) -> %s {\n", fvis(bf->f), bf->getter, ty);
		char *l = fmt("        unsafe { %s::mem::transmute(self.%s.get_const::<%s>() as %s) }",
			      s, uf, k, it_);
		if (strlen(l) <= WIDTH)
			put_line(l);
		else
			bprintf(o, "        unsafe {\n            %s::mem::transmute(self.%s.get_const::<%s>() as %s)\n        }\n",
				s, uf, k, it_);
		bputs(o, "    }\n");
		/* setter */
		bputs(o, "    #[inline]\n");
		bprintf(o, "    %sfn %s(&mut self, val: %s) {\n", fvis(bf->f), bf->setter, ty);
		/* bindgen main writes `val as _` in an unsafe block that then has
		 * nothing unsafe: unused_unsafe, an error under the kernel's
		 * -Dwarnings.  For the older targets kernels pin, keep release
		 * 0.72.1's transmute, which the block needs. */
		if (opt.rust_target < 82)
			bprintf(o, "        unsafe {\n            let val: %s = %s::mem::transmute(val);\n",
				it_, s);
		else
			bprintf(o, "        unsafe {\n            let val: %s = val as _;\n", it_);
		bprintf(o, "            self.%s.set_const::<%s>(val as u64)\n        }\n    }\n", uf, k);
		/* raw getter */
		bputs(o, "    #[inline]\n");
		if (opt.rust_target < 65)
			bputs(o, "    #[allow(unused_unsafe)]\n");	/* see put_rt() */
		bprintf(o, "    %sunsafe fn %s_raw(this: *const Self) -> %s {\n", fvis(bf->f), bf->getter, ty);
		/* rustfmt hugs the argument when the call head would end past
		 * column 85 yet the hugged first line still ends before 95
		 * (measured on rustfmt 1.8; bindgen's own text is unformatted) */
		int head = 16 + strlen(ut) + strlen(k) + 22;	/* <ut>::raw_get_const::<k>( */
		int hug = 12 + strlen(s) + 17 + strlen(ut) + 20;	/* s::mem::transmute(<ut>::raw_get_const::< */
		if (head >= 86 && hug <= 94) {
			bprintf(o, "        unsafe {\n            %s::mem::transmute(<%s>::raw_get_const::<\n", s, ut);
			bprintf(o, "                %ldusize,\n                %du8,\n", bf->off, bf->f->bitwidth);
			bprintf(o, "            >(%s::ptr::addr_of!((*this).%s))\n", s, uf);
			bprintf(o, "                as %s)\n        }\n    }\n", it_);
		} else {
			bprintf(o, "        unsafe {\n            %s::mem::transmute(\n", s);
			bprintf(o, "                <%s>::raw_get_const::<%s>(\n", ut, k);
			bprintf(o, "                    %s::ptr::addr_of!((*this).%s),\n", s, uf);
			bprintf(o, "                ) as %s,\n            )\n        }\n    }\n", it_);
		}
		/* raw setter */
		bputs(o, "    #[inline]\n");
		if (opt.rust_target < 65)
			bputs(o, "    #[allow(unused_unsafe)]\n");
		bprintf(o, "    %sunsafe fn set_%s_raw(this: *mut Self, val: %s) {\n",
			fvis(bf->f), bf->f->name, ty);
		bprintf(o, "        unsafe {\n            let val: %s = val as _;\n", it_);
		bprintf(o, "            <%s>::raw_set_const::<%s>(\n", ut, k);
		bprintf(o, "                %s::ptr::addr_of_mut!((*this).%s),\n", s, uf);
		bputs(o, "                val as u64,\n            )\n        }\n    }\n");
	}
	/* the constructor needs Default for the storage: 32 bytes at most */
	if (u->size > 32)
		return;
	struct buf ps = {0};
	int named = 0;
	for (int i = 0; i < u->bfs.n; i++) {
		struct bitfield *bf = &u->bfs.v[i];
		if (!bf->getter || !int_for_size(bf->f->type->size))
			continue;
		bprintf(&ps, "%s%s: %s", named++ ? ", " : "", bf->f->rname, rty(bf->f->type));
	}
	bputs(o, "    #[inline]\n");
	vis_storage = true;
	const char *cvis = vis();
	vis_storage = false;
	line(4, fmt("%sfn new_bitfield_%d", cvis, u->nth), fmt("(%s)", bstr(&ps)),
	     fmt(" -> %s {", ut));
	bprintf(o, "        let mut __bindgen_bitfield_unit: %s = Default::default();\n", ut);
	for (int i = 0; i < u->bfs.n; i++) {
		struct bitfield *bf = &u->bfs.v[i];
		const char *it_ = int_for_size(bf->f->type->size);
		if (!bf->getter || !it_)
			continue;
		bprintf(o, "        __bindgen_bitfield_unit.set_const::<%ldusize, %du8>({\n",
			bf->off, bf->f->bitwidth);
		bprintf(o, "            let %s: %s = %s as _;\n", bf->f->rname, it_, bf->f->rname);
		bprintf(o, "            %s as u64\n        });\n", bf->f->rname);
	}
	bputs(o, "        __bindgen_bitfield_unit\n    }\n");
	free(ps.s);
}

/* A union member's type; zero-length and flexible arrays stay arrays. */
static const char *union_member_type(struct type *t)
{
	if (flexible_array(t))
		return fmt("[%s; 0usize]", rty(t->sub));
	return rty(t);
}

/* impl Debug for a record that cannot derive it (--impl-debug). */
static void impl_debug(struct item *it, struct rlayout *rl)
{
	const char *s = std_();
	struct buf f = {0}, a = {0};
	if (it->kind == I_UNION) {
		bprintf(&f, "%s {{ union }}", it->rname);
	} else {
		bprintf(&f, "%s {{ ", it->rname);
		int n = 0;
		for (int i = 0; i < rl->m.n; i++) {
			struct member *m = &rl->m.v[i];
			if (m->kind == M_FIELD) {
				bprintf(&f, "%s%s: {:?}", n ? ", " : "", m->f->name ? m->f->name : m->f->rname);
				bprintf(&a, "%sself.%s", n++ ? ", " : "", m->f->rname);
			} else if (m->kind == M_UNIT) {
				for (int j = 0; j < m->u->bfs.n; j++) {
					struct bitfield *bf = &m->u->bfs.v[j];
					if (!bf->getter)
						continue;
					bprintf(&f, "%s%s : {:?}", n ? ", " : "", bf->f->name);
					bprintf(&a, "%sself.%s()", n++ ? ", " : "", bf->getter);
				}
			}
		}
		bputs(&f, " }}");
	}
	bprintf(o, "impl %s::fmt::Debug for %s {\n", s, it->rname);
	bprintf(o, "    fn fmt(&self, f: &mut %s::fmt::Formatter<'_>) -> %s::fmt::Result {\n", s, s);
	char *l = a.len ? fmt("        write!(f, \"%s\", %s)", bstr(&f), bstr(&a))
			: fmt("        write!(f, \"%s\")", bstr(&f));
	if (strlen(l) <= WIDTH)
		put_line(l);
	else
		bprintf(o, "        write!(\n            f,\n            \"%s\",\n            %s,\n        )\n",
			bstr(&f), bstr(&a));
	bputs(o, "    }\n}\n");
	free(f.s);
	free(a.s);
}

/* --flexarray-dst (nightly Rust: ptr_metadata): a struct that ends in a
 * flexible array member becomes generic over it, FAM: ?Sized = [T; 0],
 * so that the same type also exists unsized, FAM = [T].  Returns that
 * member, or NULL. */
static struct field *fam_field(struct item *it, struct rlayout *rl)
{
	if (!opt.flexarray_dst || opt.rust_target != KB_RUST_NIGHTLY ||
	    it->kind != I_STRUCT || !rl->m.n)
		return NULL;
	struct member *m = &rl->m.v[rl->m.n - 1];
	if (m->kind != M_FIELD || !m->f->name)
		return NULL;
	return flexible_array(m->f->type) ? m->f : NULL;
}

/* rustfmt's rules the DST methods meet: a tuple whose elements take more
 * than 60 columns is broken one element per line; so is a parameter list
 * that does not fit; a `{` that would pass column 100 goes on a line of
 * its own; the right side of a `let` moves to the next line before it is
 * broken itself. */
static const char *tuple(int ind, const char *a, const char *b)
{
	if (strlen(a) + 2 + strlen(b) <= 60)
		return fmt("(%s, %s)", a, b);
	return fmt("(\n%*s%s,\n%*s%s,\n%*s)", ind + 4, "", a, ind + 4, "", b, ind, "");
}

static void dst_sig(int ind, const char *name, const char *params, const char *ret_a,
		    const char *ret_b)
{
	/* the return type: T, or the tuple (T, U) when ret_b */
	const char *ret = ret_b ? fmt("(%s, %s)", ret_a, ret_b) : ret_a;
	bool tuple_ok = !ret_b || strlen(ret_a) + 2 + strlen(ret_b) <= 60;
	const char *one = fmt("%*s%s(%s) -> %s {", ind, "", name, params, ret);
	if (strlen(one) <= WIDTH && tuple_ok) {
		put_line(one);
		return;
	}
	bprintf(o, "%*s%s(\n", ind, "", name);
	const char *p = params;
	while (*p) {	/* "a: T, b: U": no commas inside our types */
		const char *c = strstr(p, ", ");
		int n = c ? c - p : (int)strlen(p);
		bprintf(o, "%*s%.*s,\n", ind + 4, "", n, p);
		p += n + (c ? 2 : 0);
	}
	if (ret_b)
		ret = tuple(ind, ret_a, ret_b);
	const char *tail = fmt("%*s) -> %s", ind, "", ret);
	const char *last = strrchr(tail, '\n');
	if (strlen(last ? last + 1 : tail) + 2 <= WIDTH)
		bprintf(o, "%s {\n", tail);
	else
		bprintf(o, "%s\n%*s{\n", tail, ind, "");
}

static void let_line(int ind, const char *head, const char *rhs)
{
	if (ind + 4 + strlen(rhs) + 1 <= WIDTH)
		emit_line(ind, head, rhs);
	else
		line(ind, head, rhs, ";");
}

/* The methods bindgen gives such a struct N over element type T:
 * layout/fixed/fixed_mut on N<[T]>, flex_ref/flex_ref_mut/flex_ptr/
 * flex_ptr_mut on N<[T; 0]>.  (bindgen passes ptr::null() where current
 * Rust needs ptr::null::<()>(): the latter, so that the code builds.)  The
 * doc comments are bindgen's output text, like src/rt/ (BSD-3-Clause, The
 * rust-bindgen Authors): users see what bindgen would give them. */
static void flex_methods(const char *n, const char *t)
{
	const char *s = std_(), *dst = fmt("%s<[%s]>", n, t), *fix = fmt("%s<[%s; 0]>", n, t);
	bprintf(o, "impl %s {\n", dst);
	bprintf(o, "    pub fn layout(len: usize) -> %s::alloc::Layout {\n", s);
	bputs(o, "        unsafe {\n");
	let_line(12, "let p: *const Self = ",
		 fmt("%s::ptr::from_raw_parts(%s::ptr::null::<()>(), len)", s, s));
	bprintf(o, "            %s::alloc::Layout::for_value_raw(p)\n        }\n    }\n", s);
	dst_sig(4, "pub fn fixed", "&self", fmt("&%s", fix), "usize");
	bputs(o, "        unsafe {\n            let (ptr, len) = (self as *const Self).to_raw_parts();\n");
	bprintf(o, "            %s\n", tuple(12, fmt("&*(ptr as *const %s)", fix), "len"));
	bputs(o, "        }\n    }\n");
	dst_sig(4, "pub fn fixed_mut", "&mut self", fmt("&mut %s", fix), "usize");
	bputs(o, "        unsafe {\n            let (ptr, len) = (self as *mut Self).to_raw_parts();\n");
	bprintf(o, "            %s\n", tuple(12, fmt("&mut *(ptr as *mut %s)", fix), "len"));
	bputs(o, "        }\n    }\n}\n");

	bprintf(o, "impl %s {\n", fix);
	bputs(o, "    /// Convert a sized prefix to an unsized structure with the given length.\n"
		 "    ///\n"
		 "    /// SAFETY: Underlying storage is initialized up to at least `len` elements.\n");
	dst_sig(4, "pub unsafe fn flex_ref", "&self, len: usize", fmt("&%s", dst), NULL);
	bputs(o, "        Self::flex_ptr(self, len)\n    }\n");
	bputs(o, "    /// Convert a mutable sized prefix to an unsized structure with the given length.\n"
		 "    ///\n"
		 "    /// SAFETY: Underlying storage is initialized up to at least `len` elements.\n");
	dst_sig(4, "pub unsafe fn flex_ref_mut", "&mut self, len: usize", fmt("&mut %s", dst), NULL);
	bputs(o, "        Self::flex_ptr_mut(self, len).assume_init()\n    }\n");
	bputs(o, "    /// Construct DST variant from a pointer and a size.\n"
		 "    ///\n"
		 "    /// NOTE: lifetime of returned reference is not tied to any underlying storage.\n"
		 "    /// SAFETY: `ptr` is valid. Underlying storage is fully initialized up to at least `len` elements.\n");
	dst_sig(4, "pub unsafe fn flex_ptr<'unbounded>", "ptr: *const Self, len: usize",
	       fmt("&'unbounded %s", dst), NULL);
	bprintf(o, "        &*%s::ptr::from_raw_parts(ptr as *const (), len)\n    }\n", s);
	bputs(o, "    /// Construct mutable DST variant from a pointer and a\n"
		 "    /// size. The returned `&mut` reference is initialized\n"
		 "    /// pointing to memory referenced by `ptr`, but there's\n"
		 "    /// no requirement that that memory be initialized.\n"
		 "    ///\n"
		 "    /// NOTE: lifetime of returned reference is not tied to any underlying storage.\n"
		 "    /// SAFETY: `ptr` is valid. Underlying storage has space for at least `len` elements.\n");
	dst_sig(4, "pub unsafe fn flex_ptr_mut<'unbounded>", "ptr: *mut Self, len: usize",
	       fmt("%s::mem::MaybeUninit<&'unbounded mut %s>", s, dst), NULL);
	let_line(8, "let mut uninit = ", fmt("%s::mem::MaybeUninit::<&mut %s>::uninit()", s, dst));
	bprintf(o, "        (uninit.as_mut_ptr() as *mut *mut %s)\n", dst);
	bprintf(o, "            .write(%s::ptr::from_raw_parts_mut(ptr as *mut (), len));\n", s);
	bputs(o, "        uninit\n    }\n}\n");
}

/* "    pub name: T," -- most fields fit on their line: no formatting */
static void field_line(struct field *f, const char *ty)
{
	const char *v = fvis(f);
	if (4 + strlen(v) + strlen(f->rname) + 2 + strlen(ty) + 1 > WIDTH) {
		line(4, fmt("%s%s: ", v, f->rname), ty, ",");
		return;
	}
	bputs(o, "    ");
	bputs(o, v);
	bputs(o, f->rname);
	bputs(o, ": ");
	bputs(o, ty);
	bputs(o, ",\n");
}

/* The fields of a record, as layout.c laid them out; fam is the member
 * --flexarray-dst makes generic, or NULL. */
static void emit_members(struct item *it, struct rlayout *rl, bool is_union,
			 struct field *fam)
{
	for (int i = 0; i < rl->m.n; i++) {
		struct member *m = &rl->m.v[i];
		switch (m->kind) {
		case M_FIELD: {
			doc(4, m->f->comment);
			const char *fa = field_attrs(it, m->f->rname, m->f->ann, false);
			for (const char *p = fa; *p;) {
				const char *nl = strchr(p, '\n');
				bputs(o, "    ");
				bput(o, p, nl - p + 1);
				p = nl + 1;
			}
			if (m->f == fam) {
				field_line(m->f, "FAM");
			} else if (it->kind == I_UNION && !is_union) {
				/* bindgen's wrapper: a struct of zero-sized fields */
				need_unionfield = true;
				field_line(m->f, fmt("__BindgenUnionField<%s>",
						     union_member_type(m->f->type)));
			} else if (is_union && !union_is_copy(it))
				/* a union that is not Copy must say its fields need
				 * no drop */
				field_line(m->f, fmt("%s::mem::ManuallyDrop<%s>", std_(),
						     rty(m->f->type)));
			else if (m->f->type->kind == T_ARRAY && m->f->type->len == 0) {
				/* a zero-length array field is a flexible one */
				need_incarray = true;
				field_line(m->f, fmt("__IncompleteArrayField<%s>",
						     rty(m->f->type->sub)));
			} else
				field_line(m->f, rty(m->f->type));
			break;
		}
		case M_UNIT:
			need_unit = true;
			vis_storage = true;
			bprintf(o, "    %s_bitfield_%d: __BindgenBitfieldUnit<[u8; %ldusize]>,\n",
				vis(), m->u->nth, m->size);
			vis_storage = false;
			break;
		case M_PAD:
			bprintf(o, "    %s__bindgen_padding_%d: %s,\n", vis(), m->nth,
				blob(m->size, m->align));
			break;
		case M_ALIGN:
			bprintf(o, "    pub _bindgen_align: %s,\n", blob(0, m->align));
			break;
		case M_ADDRESS:
			bputs(o, "    pub _address: u8,\n");
			break;
		case M_OPAQUE:
			bprintf(o, "    pub _bindgen_opaque_blob: %s,\n", blob(m->size, m->align));
			break;
		case M_UNIONBLOB:
			bprintf(o, "    pub bindgen_union_field: %s,\n",
				m->size ? blob(m->size, m->align) : "[u8; 0usize]");
			break;
		case M_UNUSED:
			bputs(o, "    _unused: [u8; 0],\n");
			break;
		}
	}
}

static void emit_record(struct item *it)
{
	struct rlayout *rl = rec_layout(it);
	vis_item = it;
	bool is_union = it->kind == I_UNION && rl->rust_union;
	unsigned can = can_derive(it);
	struct field *fam = fam_field(it, rl);
	if (fam)		/* an unsized type is neither Copy nor Clone */
		can &= ~(D_COPY | D_CLONE);
	const char *derives = derive_list(it, can);

	doc(0, it->comment);
	if (rl->packed)
		bputs(o, rl->packed_n > 1 ? fmt("#[repr(C, packed(%ld))]\n", rl->packed_n)
					 : "#[repr(C, packed)]\n");
	else
		bputs(o, "#[repr(C)]\n");
	if (rl->explicit_align)
		bprintf(o, "#[repr(align(%ld))]\n", rl->explicit_align);
	custom_attrs(it, it->kind == I_UNION ? &attr_union : &attr_struct);
	if (derives)
		put_strs(o, "#[derive(", derives, ")]\n", NULL);
	if (regexset_match(re_must_use, it->rname) || ANN(it)->mustusetype)
		bputs(o, "#[must_use]\n");
	if (!rl->m.n) {		/* struct foo {} */
		bprintf(o, "pub %s %s {}\n", is_union ? "union" : "struct", it->rname);
	} else {
		if (fam) {
			const char *g = fmt("FAM: ?Sized = [%s; 0]", rty(fam->type->sub));
			if (strlen(it->rname) + strlen(g) + 15 <= WIDTH)
				bprintf(o, "pub struct %s<%s> {\n", it->rname, g);
			else
				bprintf(o, "pub struct %s<\n    %s,\n> {\n", it->rname, g);
		} else {
			put_strs(o, is_union ? "pub union " : "pub struct ", it->rname, " {\n", NULL);
		}
		emit_members(it, rl, is_union, fam);
		bputs(o, "}\n");
	}

	for (int i = 0; i < it->children.n; i++)
		emit_item(it->children.v[i]);
	vis_item = it;
	if (rl->fwd)
		return;
	if (opt.layout_tests && !rl->no_layout)
		layout_tests(it, rl);
	if (opt.derive_default && !(it->derives & D_DEFAULT) &&
	    !(derives_refused(it, true) & D_DEFAULT))
		impl_default(it->rname);
	/* --impl-partialeq adds nothing for C: bindgen implements PartialEq
	 * where it cannot be derived, and for C that is only through unions,
	 * which it does not implement either. */
	if (opt.impl_debug && opt.derive_debug && !(it->derives & D_DEBUG) &&
	    !(derives_refused(it, true) & D_DEBUG))
		impl_debug(it, rl);
	if (fam)
		flex_methods(it->rname, rty(fam->type->sub));
	bool methods = false;
	for (int i = 0; i < rl->m.n; i++) {
		struct bunit *bu = rl->m.v[i].kind == M_UNIT ? rl->m.v[i].u : NULL;
		if (bu && bu->size <= 32)
			methods = true;
		for (int j = 0; bu && j < bu->bfs.n; j++)
			methods |= bu->bfs.v[j].getter != NULL;
	}
	if (methods) {
		bprintf(o, "impl %s {\n", it->rname);
		for (int i = 0; i < rl->m.n; i++)
			if (rl->m.v[i].kind == M_UNIT)
				bitfield_accessors(it, rl->m.v[i].u);
		bputs(o, "}\n");
	}
}

/* ---- enums ---- */

static struct regexset *re_bitfield, *re_newtype, *re_newtype_global, *re_rust,
	*re_rust_ne, *re_consts, *re_module;

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
	if (enum_matches(re_module, it)) return ES_MODULE;
	if (enum_matches(re_bitfield, it)) return ES_BITFIELD;
	if (enum_matches(re_newtype, it)) return ES_NEWTYPE;
	if (enum_matches(re_newtype_global, it)) return ES_NEWTYPE_GLOBAL;
	if (enum_matches(re_rust, it)) return ES_RUST;
	if (enum_matches(re_rust_ne, it)) return ES_RUST_NE;
	if (enum_matches(re_consts, it)) return ES_CONSTS;
	return opt.enum_style;
}

/* The Rust name an enum type is referred to by. */
static const char *enum_ref(struct item *it)
{
	if (enum_style_of(it) == ES_MODULE)
		return fmt("%s::Type", it->rname);
	return it->rname;
}

/* u32 for unsigned int and so on: a Rust enum's repr, or the newtype's
 * field with --translate-enum-integer-types. */
static const char *enum_repr(struct item *it)
{
	bool uns = is_unsigned(it->inttype);
	switch (it->size) {
	case 1: return uns ? "u8" : "i8";
	case 2: return uns ? "u16" : "i16";
	case 8: return uns ? "u64" : "i64";
	default: return uns ? "u32" : "i32";
	}
}

static const char *enum_derives(struct item *it)
{
	const char *n = it->rname;
	strvec all = {0};
	unsigned refused = derives_refused(it, true);
	if (opt.derive_debug && !(refused & D_DEBUG))
		vpush(&all, "Debug");
	if (opt.derive_copy && !(refused & D_COPY))
		vpush(&all, "Copy");
	/* --no-hash and --no-partialeq do not reach Rust enums in bindgen */
	vpush(&all, "Clone");
	vpush(&all, "Hash");
	if (opt.derive_partialord || opt.derive_ord)
		vpush(&all, "PartialOrd");
	if (opt.derive_ord)
		vpush(&all, "Ord");
	vpush(&all, "PartialEq");
	vpush(&all, "Eq");
	rule_values(&derive_any, n, &all);
	rule_values(&derive_enum, n, &all);
	annot_derives(it, &all);
	return comma_list(&all);	/* never empty: Clone, Hash, ... */
}

static void bitops(const char *n)
{
	const char *s = std_();
	bprintf(o, "impl %s::ops::BitOr<%s> for %s {\n", s, n, n);
	bprintf(o, "    type Output = Self;\n    #[inline]\n");
	bprintf(o, "    fn bitor(self, other: Self) -> Self {\n        %s(self.0 | other.0)\n    }\n}\n", n);
	bprintf(o, "impl %s::ops::BitOrAssign for %s {\n    #[inline]\n", s, n);
	bprintf(o, "    fn bitor_assign(&mut self, rhs: %s) {\n        self.0 |= rhs.0;\n    }\n}\n", n);
	bprintf(o, "impl %s::ops::BitAnd<%s> for %s {\n", s, n, n);
	bprintf(o, "    type Output = Self;\n    #[inline]\n");
	bprintf(o, "    fn bitand(self, other: Self) -> Self {\n        %s(self.0 & other.0)\n    }\n}\n", n);
	bprintf(o, "impl %s::ops::BitAndAssign for %s {\n    #[inline]\n", s, n);
	bprintf(o, "    fn bitand_assign(&mut self, rhs: %s) {\n        self.0 &= rhs.0;\n    }\n}\n", n);
}

/* head + value + ";" at indentation ind, broken after "=" when too long,
 * as rustfmt does. */
static void emit_line(int ind, const char *head, const char *val)
{
	indent(ind);
	if (ind + strlen(head) + strlen(val) + 1 <= WIDTH) {
		bprintf(o, "%s%s;\n", head, val);
	} else {
		bprintf(o, "%.*s\n", (int)strlen(head) - 1, head);
		indent(ind + 4);
		bprintf(o, "%s;\n", val);
	}
}

static void emit_enum(struct item *it)
{
	enum enum_style st = enum_style_of(it);
	const char *n = it->rname;
	const char *ty = opt.translate_enum_int_types ? enum_repr(it) : rty(it->inttype);
	bool uns = is_unsigned(it->inttype);
	char num[NUM];

	switch (st) {
	case ES_CONSTS:
		if (!it->complete) {
			/* never defined: bindgen guesses int */
			doc(0, it->comment);
			bprintf(o, "pub type %s = i32;\n", n);
			break;
		}
		for (int i = 0; i < it->consts.n; i++) {
			struct enumconst *c = &it->consts.v[i];
			doc(0, c->comment);
			put_strs(o, "pub const ", c->rname, ": ", n, " = ",
				 int_lit(num, c->value, uns), ";\n", NULL);
		}
		/* a typedef of the same name is the type (enum E; typedef
		 * int16_t E;) */
		if (strmap_get(&typedefs, n))
			break;
		doc(0, it->comment);
		bprintf(o, "pub type %s = %s;\n", n, ty);
		break;
	case ES_MODULE:
		bprintf(o, "pub mod %s {\n    #[allow(unused_imports)]\n    use super::*;\n", n);
		doc(4, it->comment);
		bprintf(o, "    pub type Type = %s;\n", ty);
		for (int i = 0; i < it->consts.n; i++) {
			struct enumconst *c = &it->consts.v[i];
			doc(4, c->comment);
			bprintf(o, "    pub const %s: Type = %s;\n", rust_ident(c->name),
				int_lit(num, c->value, uns));
		}
		bputs(o, "}\n");
		break;
	case ES_BITFIELD:
	case ES_NEWTYPE:
	case ES_NEWTYPE_GLOBAL:
		if (it->anonymous || st == ES_NEWTYPE_GLOBAL) {
			for (int i = 0; i < it->consts.n; i++) {
				struct enumconst *c = &it->consts.v[i];
				doc(0, c->comment);
				bprintf(o, "pub const %s: %s = %s(%s);\n", c->rname, n, n,
					int_lit(num, c->value, uns));
			}
		} else if (it->consts.n) {
			bprintf(o, "impl %s {\n", n);
			for (int i = 0; i < it->consts.n; i++) {
				struct enumconst *c = &it->consts.v[i];
				doc(4, c->comment);
				bprintf(o, "    pub const %s: %s = %s(%s);\n", rust_ident(c->name), n, n,
					int_lit(num, c->value, uns));
			}
			bputs(o, "}\n");
		}
		if (st == ES_BITFIELD)
			bitops(n);
		bputs(o, "#[repr(transparent)]\n");
		doc(0, it->comment);
		custom_attrs(it, &attr_enum);
		bprintf(o, "#[derive(%s)]\n", enum_derives(it));
		bprintf(o, "pub struct %s(pub %s);\n", n, ty);
		break;
	case ES_RUST:
	case ES_RUST_NE: {
		/* bindgen's order: a constant annotated <div rustbindgen
		 * constant> (unless last) waits until the others are placed.
		 * A value seen before is an alias: an associated const (named
		 * enum) or a const; a new one is a variant, which an unnamed
		 * enum or the annotation also exports as a const. */
		int nc = it->consts.n, order[nc > 0 ? nc : 1], no = 0, variants[nc > 0 ? nc : 1], nv = 0;
		for (int i = 0; i < nc; i++)
			if (!ANN(&it->consts.v[i])->hide &&
			    (!ANN(&it->consts.v[i])->constant || i == nc - 1))
				order[no++] = i;
		for (int i = 0; i < nc - 1; i++)
			if (!ANN(&it->consts.v[i])->hide && ANN(&it->consts.v[i])->constant)
				order[no++] = i;
		for (int k = 0; k < no; k++) {
			struct enumconst *c = &it->consts.v[order[k]], *d = NULL;
			for (int j = 0; j < nv && !d; j++)
				if (it->consts.v[variants[j]].value == c->value)
					d = &it->consts.v[variants[j]];
			if (d && !it->anonymous) {
				bprintf(o, "impl %s {\n", n);
				emit_line(4, fmt("pub const %s: %s = ", rust_ident(c->name), n),
					  fmt("%s::%s", n, rust_ident(d->name)));
				bputs(o, "}\n");
			} else if (d) {
				emit_line(0, fmt("pub const %s: %s = ", c->rname, n),
					  fmt("%s::%s", n, rust_ident(d->name)));
			} else {
				variants[nv++] = order[k];
				if (it->anonymous || ANN(c)->constant)
					emit_line(0, fmt("pub const %s: %s = ", c->rname, n),
						  fmt("%s::%s", n, rust_ident(c->name)));
			}
		}
		bprintf(o, "#[repr(%s)]\n", enum_repr(it));
		if (st == ES_RUST_NE)
			bputs(o, "#[non_exhaustive]\n");
		doc(0, it->comment);
		custom_attrs(it, &attr_enum);
		bprintf(o, "#[derive(%s)]\n", enum_derives(it));
		bprintf(o, "pub enum %s {\n", n);
		for (int j = 0; j < nv; j++) {
			struct enumconst *c = &it->consts.v[variants[j]];
			doc(4, c->comment);
			bprintf(o, "    %s = %s,\n", rust_ident(c->name), int_lit(num, c->value, uns));
		}
		if (!nv)
			bputs(o, "    __bindgen_cannot_repr_c_on_empty_enum = 0,\n");
		bputs(o, "}\n");
		break;
	}
	}
	for (int i = 0; i < it->children.n; i++)
		emit_item(it->children.v[i]);
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

static struct regexset *re_alias_normal, *re_alias_newtype, *re_alias_deref;

static enum alias_style alias_style_of(struct item *it)
{
	if (regexset_match(re_alias_normal, it->rname))
		return AS_NORMAL;
	if (regexset_match(re_alias_newtype, it->rname))
		return AS_NEWTYPE;
	if (regexset_match(re_alias_deref, it->rname))
		return AS_NEWTYPE_DEREF;
	return opt.alias_style;
}

/* Whether a typedef is emitted as "pub use": it names a module enum's
 * type, directly or through another such typedef. */
static bool use_alias(struct item *it)
{
	struct type *a = it->aliased;
	if (a->kind != T_ITEM || it->parent || alias_style_of(it) != AS_NORMAL)
		return false;
	if (a->item->kind == I_ENUM)
		return enum_style_of(a->item) == ES_MODULE;
	return a->item->kind == I_TYPEDEF && !names_itself(a->item) && use_alias(a->item);
}

static void emit_typedef(struct item *it)
{
	struct type *a = it->aliased;
	if (builtin_alias(it))
		return;
	/* typedef struct foo foo; and the typedef that named an anonymous
	 * record: the record carries the name already */
	if (names_itself(it))
		return;
	doc(0, it->comment);
	if (it->opaque) {
		bprintf(o, "pub type %s = %s;\n", it->rname, blob(it->size, it->align));
		return;
	}
	/* an alias of a module enum's type re-exports it */
	if (use_alias(it)) {
		bprintf(o, "pub use self::%s as %s;\n",
			a->item->kind == I_ENUM ? fmt("%s::Type", a->item->rname) : a->item->rname,
			it->rname);
		return;
	}
	enum alias_style st = alias_style_of(it);
	if (st != AS_NORMAL) {
		struct item tmp = *it;	/* derive_list writes derives */
		const char *d = derive_list(&tmp, type_can(a));
		bputs(o, "#[repr(transparent)]\n");
		custom_attrs(it, &attr_struct);
		if (d)
			bprintf(o, "#[derive(%s)]\n", d);
		const char *inner = a->kind == T_FUNC
			? fn_ptr(a) : rty(a);
		bprintf(o, "pub struct %s(%spub %s);\n", it->rname,
			field_attrs(it, "0", NULL, true), inner);
		if (st == AS_NEWTYPE_DEREF) {
			bprintf(o, "impl %s::ops::Deref for %s {\n    type Target = %s;\n", std_(),
				it->rname, inner);
			bputs(o, "    #[inline]\n    fn deref(&self) -> &Self::Target {\n"
				 "        &self.0\n    }\n}\n");
			bprintf(o, "impl %s::ops::DerefMut for %s {\n    #[inline]\n", std_(), it->rname);
			bputs(o, "    fn deref_mut(&mut self) -> &mut Self::Target {\n"
				 "        &mut self.0\n    }\n}\n");
		}
		return;
	}
	struct sig sg;
	struct type *fn = a->kind == T_FUNC ? a :
			  a->kind == T_PTR && a->sub->kind == T_FUNC ? a->sub : NULL;
	const char *t = fn ? fn_ptr_sig(fn, &sg) : rty(a);
	/* fn_ptr_lines() for what line() would break at its parameters */
	bool laid = fn && sg.n > 0 && sg.n <= 256;
	/* --override-abi applies to function pointer typedefs too */
	const char *abi = abi_override(it->rname);
	struct type *fp = a->kind == T_PTR ? a->sub : a;
	if (abi && fp->kind == T_FUNC) {
		laid = false;
		t = fmt("%s::option::Option<%s>", std_(),
			fmt("unsafe extern \"%s\" fn(%s)%s", abi, params(fp, &fp->pnames, NULL),
			    ret_suffix(fp->ret, false)));
	}
	if (9 + strlen(it->rname) + 3 + strlen(t) + 1 <= WIDTH) {
		bprintf(o, "pub type %s = %s;\n", it->rname, t);
	} else if (4 + strlen(t) + 1 <= WIDTH) {
		bprintf(o, "pub type %s =\n    %s;\n", it->rname, t);
	} else if (laid) {
		fn_ptr_lines(it->rname, t, &sg);
	} else {
		line(0, fmt("pub type %s = ", it->rname), t, ";");
	}
}

static void extern_open(void)
{
	bputs(o, opt.rust_target >= 82 ? "unsafe extern \"C\" {\n" : "extern \"C\" {\n");
}

/* Whether the symbol is just the platform's decoration of the name:
 * _name (Darwin, 32-bit Windows cdecl), _name@N (stdcall), @name@N
 * (fastcall); rustc adds those itself. */
static bool plain_mangling(const char *name, const char *sym, struct type *f)
{
	size_t n = strlen(name);
	if (streq(name, sym))
		return true;
	if (sym[0] == '_' && streq(sym + 1, name))
		return true;
	enum callconv cc = f && f->kind == T_FUNC ? f->cc : CC_C;
	const char *at = NULL;
	if (cc == CC_STDCALL && sym[0] == '_' && !strncmp(sym + 1, name, n) && sym[n + 1] == '@')
		at = sym + n + 2;
	if (cc == CC_FASTCALL && sym[0] == '@' && !strncmp(sym + 1, name, n) && sym[n + 1] == '@')
		at = sym + n + 2;
	if (!at || !*at)
		return false;
	return strspn(at, "0123456789") == strlen(at);
}

static void link_name(struct item *it)
{
	const char *sym = it->link_name ? it->link_name : it->name;
	if (it->wrapper)
		bprintf(o, "    #[link_name = \"%s%s\"]\n", it->name, opt.wrap_static_fns_suffix);
	else if (opt.prefix_link_name)
		bprintf(o, "    #[link_name = \"\\u{1}%s%s\"]\n", opt.prefix_link_name, sym);
	else if (!streq(it->name, it->rname) && streq(sym, it->name))
		bprintf(o, "    #[link_name = \"\\u{1}%s\"]\n", sym);
	else if (!plain_mangling(it->rname, sym, it->type))
		bprintf(o, "    #[link_name = \"\\u{1}%s\"]\n", sym);
}

/* Whether a function returning t is #[must_use] by --must-use-type. */
static bool must_use_ret(struct type *t)
{
	for (; t->kind == T_ITEM; t = t->item->aliased) {
		if (regexset_match(re_must_use, t->item->rname) || ANN(t->item)->mustusetype)
			return true;
		if (t->item->kind != I_TYPEDEF)
			break;
	}
	return false;
}

static void emit_func(struct item *it)
{
	struct type *f = it->type;
	/* the vectorcall ABI needs a nightly rustc: bindgen skips these */
	if (f->cc == CC_VECTORCALL && opt.rust_target != KB_RUST_NIGHTLY) {
		warn("%s: the vectorcall ABI needs --rust-target nightly; skipped", it->name);
		return;
	}
	const char *abi = abi_override(it->rname);
	if (opt.wasm_import_module)
		bprintf(o, "#[link(wasm_import_module = \"%s\")]\n", opt.wasm_import_module);
	for (int i = 0; i < opt.extern_fn_block_attrs.n; i++)
		put_line(opt.extern_fn_block_attrs.v[i]);
	if (!abi && (f->cc == CC_C || f->cc == CC_OTHER))
		extern_open();
	else
		bprintf(o, "%sextern \"%s\" {\n", opt.rust_target >= 82 ? "unsafe " : "",
			abi ? abi : abi_name(f->cc));
	doc(4, it->comment);
	if ((it->must_use && opt.fn_attr_detection) || must_use_ret(f->ret))
		bputs(o, "    #[must_use]\n");
	link_name(it);
	struct sig sg = { .n = 0 };
	const char *ps = f->noproto ? "" : params(f, &f->pnames, &sg);
	const char *ret = ret_suffix(f->ret, it->no_return);
	if (12 + strlen(it->rname) + strlen(ps) + strlen(ret) + 2 <= WIDTH) {
		bprintf(o, "    pub fn %s(%s)%s;\n", it->rname, ps, ret);
	} else if (!*ps) {
		line(4, fmt("pub fn %s() -> ", it->rname), rty(f->ret), ";");
	} else {
		bprintf(o, "    pub fn %s(\n", it->rname);
		param_lines(8, ps, &sg);
		line(4, ")", ret, ";");
	}
	bputs(o, "}\n");
}

static void emit_const(const char *name, const char *ty, struct mval *v)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	char num[NUM];
	switch (v->kind) {
	case MV_INT:
		bputs(&b, int_lit(num, v->i, false));
		break;
	case MV_CHAR:
		bprintf(&b, "%" PRId64 "u8", v->i & 0xff);
		break;
	case MV_FLOAT:
		rust_float(&b, v->f);
		break;
	case MV_STR:
		bputs(&b, "b\"");
		rust_byte_string(&b, v->s, v->slen);
		bputs(&b, "\\0\"");
		break;
	default:
		return;
	}
	char *l = fmt("pub const %s: %s = %s;", name, ty, bstr(&b));
	if (strlen(l) <= WIDTH)
		put_line(l);
	else
		bprintf(o, "pub const %s: %s =\n    %s;\n", name, ty, bstr(&b));
	bfree(&b);
}

static void emit_var(struct item *it)
{
	if (it->has_val) {
		doc(0, it->comment);
		struct mval v = it->val;
		if (v.kind == MV_STR) {
			if (!emit_cstr(it->rname, &v))
				emit_const(it->rname, fmt("&[u8; %zu]", v.slen + 1), &v);
			return;
		}
		struct type *t = it->type, *b = t;
		while (b->kind == T_ITEM && b->item->kind == I_TYPEDEF &&
		       alias_style_of(b->item) == AS_NORMAL)
			b = b->item->aliased;
		/* through a new type alias the value is wrapped: Foo(1) */
		struct item *wrap = b->kind == T_ITEM && b->item->kind == I_TYPEDEF ? b->item : NULL;
		b = strip_typedefs(b);
		struct buf val = {0};
		char num[NUM];
		if (v.kind == MV_FLOAT)
			rust_float(&val, v.f);
		else if (b->kind == T_BOOL)
			bputs(&val, v.i ? "true" : "false");
		else
			bputs(&val, int_lit(num, v.i, is_unsigned(t)));
		const char *vs = wrap ? fmt("%s(%s)", wrap->rname, bstr(&val)) : bstr(&val);
		char *l = fmt("pub const %s: %s = %s;", it->rname, rty(t), vs);
		if (strlen(l) <= WIDTH)
			put_line(l);
		else
			bprintf(o, "pub const %s: %s =\n    %s;\n", it->rname, rty(t), vs);
		free(val.s);
		return;
	}
	extern_open();
	doc(4, it->comment);
	link_name(it);
	line(4, fmt("pub static %s%s: ", it->type->is_const ? "" : "mut ", it->rname),
	     rty(it->type), ";");
	bputs(o, "}\n");
}

/* A C string constant with --generate-cstr: a c"..." literal from Rust
 * 1.77 in edition 2021, CStr::from_bytes_with_nul_unchecked from 1.59. */
static bool emit_cstr(const char *name, struct mval *v)
{
	if (!opt.generate_cstr || memchr(v->s, 0, v->slen) || opt.rust_target < 59)
		return false;
	struct buf b = {0};
	rust_byte_string(&b, v->s, v->slen);
	const char *ty = fmt("&%s::ffi::CStr", std_());
	if (opt.rust_target >= 77 && opt.rust_edition >= 2021) {
		emit_line(0, fmt("pub const %s: %s = ", name, ty), fmt("c\"%s\"", bstr(&b)));
	} else {
		bputs(o, "#[allow(unsafe_code)]\n");
		emit_line(0, fmt("pub const %s: %s = ", name, ty),
			  fmt("unsafe { %s::ffi::CStr::from_bytes_with_nul_unchecked(b\"%s\\0\") }",
			      std_(), bstr(&b)));
	}
	free(b.s);
	return true;
}

static void emit_macro(struct item *it)
{
	struct mval *v = &it->val;
	/* glibc's enum { FP_NAN = # define FP_NAN 0 ... }: bindgen emits
	 * both and the output does not compile; the enum's constant wins */
	if (strmap_get(&shadowed, it->rname))
		return;
	switch (v->kind) {
	case MV_INT:
		emit_const(it->rname, macro_int_type_opt(v->i, opt.macro_signed, opt.fit_macro_consts), v);
		break;
	case MV_FLOAT:
		emit_const(it->rname, "f64", v);
		break;
	case MV_CHAR:
		emit_const(it->rname, "u8", v);
		break;
	case MV_STR:
		if (!emit_cstr(it->rname, v))
			emit_const(it->rname, fmt("&[u8; %zu]", v->slen + 1), v);
		break;
	default:
		break;
	}
}

static VEC(struct item *) dyn_items;	/* --dynamic-loading */

static void emit_item(struct item *it)
{
	if (!it->emit)
		return;
	if (opt.dynamic_loading && (it->kind == I_FUNC || (it->kind == I_VAR && !it->has_val)))
		return;		/* in the library struct, emit_dynamic() */
	switch (it->kind) {
	case I_STRUCT:
	case I_UNION:
		emit_record(it);
		break;
	case I_ENUM:
		emit_enum(it);
		break;
	case I_TYPEDEF:
		emit_typedef(it);
		break;
	case I_FUNC:
		emit_func(it);
		break;
	case I_VAR:
		emit_var(it);
		break;
	case I_MACRO:
		emit_macro(it);
		break;
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
		enum enum_style st = enum_style_of(it);
		bool global = st == ES_CONSTS || st == ES_NEWTYPE_GLOBAL ||
			      (it->anonymous && st != ES_MODULE);
		for (int j = 0; global && j < it->consts.n; j++) {
			const char *n = it->consts.v[j].rname;
			if (strmap_get(macros, n))
				strmap_put(&shadowed, n, it);
		}
	}
}

static void collect_shadowed(itemvec *items)
{
	struct strmap macros = {0};
	for (int i = 0; i < items->n; i++)
		if (items->v[i]->kind == I_MACRO && items->v[i]->emit)
			strmap_put(&macros, items->v[i]->rname, items->v[i]);
	if (macros.n)
		find_shadowed(items, &macros);
	free(macros.slots);
}

/* ---- --dynamic-loading: a struct of symbols loaded with libloading ---- */

static const char *dyn_fn_type(struct item *it)
{
	struct type *f = it->type;
	return fmt("unsafe extern \"%s\" fn(%s)%s", abi_name(f->cc),
		   f->noproto ? "" : params(f, &f->pnames, NULL), ret_suffix(f->ret, it->no_return));
}

static const char *dyn_var_type(struct item *it)
{
	return fmt("*mut %s", rty(it->type));
}

/* "let x = EXPR.map(|sym| *sym)?;" laid out as rustfmt does. */
static void dyn_let(const char *name, const char *get, bool wrap, bool req)
{
	const char *tail = req ? ".map(|sym| *sym)?;" : ".map(|sym| *sym);";
	const char *g = wrap ? fmt("unsafe { __library.%s }", get) : fmt("__library.%s", get);
	char *l = fmt("        let %s = %s%s", name, g, tail);
	/* rustfmt breaks a method chain longer than 60 columns */
	size_t chain = strlen(g) + strlen(tail) - 1;
	if (strlen(l) <= WIDTH && (wrap || chain <= 60)) {
		put_line(l);
	} else if (wrap) {
		bprintf(o, "        let %s =\n            %s%s\n", name, g, tail);
	} else {
		bprintf(o, "        let %s = __library\n            .%s\n            %s\n",
			name, get, tail);
	}
}

/* Collected before emission: the arena is released between items. */
static void collect_dynamic(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		if (!it->emit)
			continue;
		if ((it->kind == I_FUNC && !it->type->variadic) ||
		    (it->kind == I_VAR && !it->has_val))
			vpush(&dyn_items, it);
	}
}

static void emit_dynamic(void)
{
	const char *lib = opt.dynamic_loading, *s = std_();
	bool req = opt.dynamic_link_require_all, wrap = opt.wrap_unsafe_ops;

	bprintf(o, "pub struct %s {\n    __library: ::libloading::Library,\n", lib);
	for (int i = 0; i < dyn_items.n; i++) {
		struct item *it = dyn_items.v[i];
		const char *t = it->kind == I_FUNC ? dyn_fn_type(it) : dyn_var_type(it);
		if (req)
			line(4, fmt("pub %s: ", it->rname), t, ",");
		else
			line(4, fmt("pub %s: ", it->rname), fmt("Result<%s, ::libloading::Error>", t), ",");
	}
	bputs(o, "}\n");
	bprintf(o, "impl %s {\n", lib);
	bputs(o, "    pub unsafe fn new<P>(path: P) -> Result<Self, ::libloading::Error>\n"
		 "    where\n");
	bprintf(o, "        P: AsRef<%s::ffi::OsStr>,\n    {\n", s);
	bputs(o, "        let path = path.as_ref();\n");
	if (wrap)
		bputs(o, "        let library = unsafe { ::libloading::Library::new(path) }?;\n"
			 "        unsafe { Self::from_library(library) }\n    }\n");
	else
		bputs(o, "        let library = ::libloading::Library::new(path)?;\n"
			 "        Self::from_library(library)\n    }\n");
	bputs(o, "    pub unsafe fn from_library<L>(library: L) -> Result<Self, ::libloading::Error>\n"
		 "    where\n        L: Into<::libloading::Library>,\n    {\n"
		 "        let __library = library.into();\n");
	struct buf names = {0};
	for (int i = 0; i < dyn_items.n; i++) {
		struct item *it = dyn_items.v[i];
		const char *sym = it->link_name ? it->link_name : it->name;
		const char *get = it->kind == I_FUNC
			? fmt("get(b\"%s\\0\")", sym)
			: fmt("get::<%s>(b\"%s\\0\")", dyn_var_type(it), sym);
		dyn_let(it->rname, get, wrap, req);
		bprintf(&names, ", %s", it->rname);
	}
	char *l = fmt("        Ok(%s { __library%s })", lib, names.s ? names.s : "");
	/* rustfmt keeps a struct literal on one line up to 18 columns */
	if (strlen("__library") + (names.s ? strlen(names.s) : 0) <= 18)
		put_line(l);
	else {
		bprintf(o, "        Ok(%s {\n            __library,\n", lib);
		for (int i = 0; i < dyn_items.n; i++)
			bprintf(o, "            %s,\n", dyn_items.v[i]->rname);
		bputs(o, "        })\n");
	}
	bputs(o, "    }\n");
	for (int i = 0; i < dyn_items.n; i++) {
		struct item *it = dyn_items.v[i];
		const char *body;
		if (it->kind == I_FUNC) {
			struct buf args = {0};
			struct type *f = it->type;
			int unnamed = 0;
			for (int j = 0; !f->noproto && j < f->params.n; j++) {
				const char *n = j < f->pnames.n ? f->pnames.v[j] : NULL;
				bprintf(&args, "%s%s", j ? ", " : "",
					n ? rust_ident(n) : fmt("arg%d", ++unnamed));
			}
			body = req ? fmt("(self.%s)(%s)", it->rname, bstr(&args))
				   : fmt("(self.%s.as_ref().expect(\"Expected function, got error.\"))(%s)",
					 it->rname, bstr(&args));
			free(args.s);
			if ((it->must_use && opt.fn_attr_detection) || must_use_ret(f->ret))
				bputs(o, "    #[must_use]\n");
			doc(4, it->comment);
			struct sig sg = { .n = 0 };
			const char *ps = f->noproto ? "" : params(f, &f->pnames, &sg);
			const char *ret = ret_suffix(f->ret, it->no_return);
			char *sig = fmt("    pub unsafe fn %s(&self%s%s)%s {", it->rname,
					*ps ? ", " : "", ps, ret);
			if (strlen(sig) <= WIDTH) {
				put_line(sig);
			} else {
				bprintf(o, "    pub unsafe fn %s(\n        &self,\n", it->rname);
				param_lines(8, ps, &sg);
				bprintf(o, "    )%s {\n", ret);
			}
		} else {
			body = req ? fmt("self.%s", it->rname)
				   : fmt("*self.%s.as_ref().expect(\"Expected variable, got error.\")",
					 it->rname);
			doc(4, it->comment);
			bprintf(o, "    pub unsafe fn %s(&self) -> %s {\n", it->rname, dyn_var_type(it));
		}
		if (wrap && it->kind == I_FUNC)	/* reading a variable is safe */
			bprintf(o, "        unsafe { %s }\n    }\n", body);
		else
			bprintf(o, "        %s\n    }\n", body);
	}
	bputs(o, "}\n");
}

/* A support type the user blocklisted and provides himself. */
static bool support_blocked(const char *name)
{
	struct regexset *rs = regexset_new(&opt.block_type);
	struct regexset *ri = regexset_new(&opt.block_item);
	return regexset_match(rs, name) || regexset_match(ri, name);
}

/* text with every `from` replaced by `to` */
static const char *replace_all(const char *text, const char *from, const char *to)
{
	struct buf t = {0};
	for (const char *p = text; *p;) {
		const char *q = strstr(p, from);
		if (!q) {
			bputs(&t, p);
			break;
		}
		bput(&t, p, q - p);
		bputs(&t, to);
		p = q + strlen(from);
	}
	return bdone(&t);
}

/* The support types, with ::std replaced by ::core under --use-core, and
 * `&mut` in const fns (stable in Rust 1.83, yet bindgen main emits it at
 * its default 1.82) made non-const below 1.82, so old rustcs accept it. */
static void put_rt(struct buf *b, const char *text)
{
	if (opt.rust_target < 82)
		text = replace_all(text, "pub const unsafe fn as_mut(", "pub unsafe fn as_mut(");
	/* before Rust 1.65 an unsafe block inside an unsafe fn is "unused":
	 * an error under -Dwarnings (Linux 6.1 supports rustc 1.62) */
	if (opt.rust_target < 65)
		text = replace_all(text, "\nimpl", "\n#[allow(unused_unsafe)]\nimpl");
	if (opt.use_core)
		text = replace_all(text, "::std::", "::core::");
	bputs(b, text);
}

/* A raw line is the user's text; an attribute with a long argument list is
 * laid out vertically, as rustfmt does past 70 columns of arguments. */
static void raw_line(struct buf *out, const char *l)
{
	const char *open = strchr(l, '(');
	size_t n = strlen(l);
	if ((startswith(l, "#![") || startswith(l, "#[")) && open && n > 3 &&
	    !strcmp(l + n - 2, ")]") && (size_t)(l + n - 2 - open - 1) > 70 &&
	    !strpbrk(open + 1, "(\"")) {
		const char *parts[128];
		int plen[128];
		int k = split_args(open + 1, l + n - 2 - open - 1, parts, plen, 128);
		bput(out, l, open - l + 1);
		bputc(out, '\n');
		for (int i = 0; i < k; i++) {
			bputs(out, "    ");
			bput(out, parts[i], plen[i]);
			bputs(out, i + 1 < k ? ",\n" : "\n");
		}
		bputs(out, ")]\n");
		return;
	}
	bprintf(out, "%s\n", l);
}

void emit_rust(struct unit *u, struct buf *out, struct buf *body)
{
	o = body;
	init_rules();
	init_prims();
	re_alias_normal = regexset_new(&opt.alias_normal);
	re_alias_newtype = regexset_new(&opt.alias_newtype);
	re_alias_deref = regexset_new(&opt.alias_newtype_deref);
	re_bitfield = regexset_new(&opt.enum_bitfield);
	re_newtype = regexset_new(&opt.enum_newtype);
	re_newtype_global = regexset_new(&opt.enum_newtype_global);
	re_rust = regexset_new(&opt.enum_rust);
	re_rust_ne = regexset_new(&opt.enum_rust_ne);
	re_consts = regexset_new(&opt.enum_consts);
	re_module = regexset_new(&opt.enum_module);
	collect_shadowed(&u->items);
	for (int i = 0; i < u->items.n; i++)
		if (u->items.v[i]->kind == I_TYPEDEF && u->items.v[i]->emit &&
		    !builtin_alias(u->items.v[i]) && !names_itself(u->items.v[i]))
			strmap_put(&typedefs, u->items.v[i]->rname, u->items.v[i]);
	if (opt.dynamic_loading)
		collect_dynamic(&u->items);
	/* each item's temporary strings go once it is written */
	struct arena_mark m = arena_mark();
	for (int i = 0; i < u->items.n; i++) {
		emit_item(u->items.v[i]);
		arena_release(m);
	}
	if (opt.dynamic_loading && dyn_items.n)
		emit_dynamic();

	if (opt.header_comment)
		bprintf(out, "/* automatically generated by rust-bindgen %s */\n\n",
			KB_BINDGEN_VERSION);
	for (int i = 0; i < opt.raw_lines.n; i++)
		raw_line(out, opt.raw_lines.v[i]);
	/* bindgen's order of the support types; the post-processing passes
	 * see them as items like the others */
	struct buf rt = {0};
	if (need_opaque8)
		put_rt(&rt, rt_opaque_array);
	if (need_unit && !support_blocked("__BindgenBitfieldUnit"))
		put_rt(&rt, rt_bitfield_unit);
	if (need_incarray)
		put_rt(&rt, rt_incomplete_array);
	if (need_unionfield)
		put_rt(&rt, rt_union_field);
	if (need_f16)
		put_rt(&rt, rt_float16);
	if (need_complex)
		put_rt(&rt, rt_complex);
	if (opt.merge_extern_blocks || opt.sort_semantically) {
		bput(&rt, bstr(body), body->len);
		postprocess(&rt);
		free(body->s);
		*body = rt;
	} else {
		bput(out, bstr(&rt), rt.len);
		free(rt.s);
	}
}
