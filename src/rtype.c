/* rtype.c: the Rust spelling of C types and values -- primitive paths,
 * pointers, arrays, function pointers and their parameter lists, opaque
 * blobs, integer, float and string literals -- as bindgen writes them.
 * It notes which support types (__BindgenBitfieldUnit & co.) what it
 * spelled needs; emit.c prints those before the items. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

/* Handed over once, by rtype_init(). */
static const char *std_path;		/* "::std" or "::core" */
static bool array_pointers;		/* --use-array-pointers-in-arguments */
static const char *prims[T_COMPLEX];	/* the paths of the arithmetic types */
static unsigned used;			/* RT_* bits */
static uint64_t opaque_arrays;		/* bit k: __BindgenOpaqueArray(2^k) used */

static const char *ctype(const struct opts *o, const char *name)
{
	if (o->ctypes_prefix)
		return fmt("%s::%s", o->ctypes_prefix, name);
	if (o->use_core)
		return fmt("::core::ffi::%s", name);
	return fmt("::std::os::raw::%s", name);
}

void rtype_init(const struct opts *o)
{
	std_path = o->use_core ? "::core" : "::std";
	array_pointers = o->array_pointers_in_args;
	for (int k = 0; k < T_COMPLEX; k++) {
		const struct arith *a = &arith[k];
		bool rust = a->rust && (!a->ffi || o->convert_floats);
		prims[k] = rust ? a->rust : ctype(o, a->ffi);
	}
}

const char *rust_std(void)
{
	return std_path;
}

void rt_use(unsigned what)
{
	used |= what;
}

unsigned rt_used(void)
{
	return used;
}

uint64_t rt_opaque_arrays(void)
{
	return opaque_arrays;
}

static const char *opaque_array(long align, const char *t, long n)
{
	int k = __builtin_ctzl(align);
	opaque_arrays |= 1ULL << k;
	if (align == 1)
		return fmt("__BindgenOpaqueArray<[%s; %ldusize]>", t, n);
	return fmt("__BindgenOpaqueArray%ld<[%s; %ldusize]>", align, t, n);
}

/* The blob type bindgen uses for a layout, e.g. "[u8; 3usize]", "u32":
 * from 8-byte alignment __BindgenOpaqueArrayN<[u8; size]> of that
 * alignment, a power of two (bindgen main writes it for any size too,
 * which rounds the size up: kbindgen only where it does not), and
 * arrays of more than 32 elements wrapped in __BindgenOpaqueArray, whose
 * Default has no such limit. */
bool blob_aligned(long size, long align)
{
	return align >= 8 && size % align == 0 && !(align & (align - 1));
}

const char *blob(long size, long align)
{
	const char *t;
	if (blob_aligned(size, align))
		return opaque_array(align, "u8", size);
	switch (align) {
	case 2: t = "u16"; break;
	case 4: t = "u32"; break;
	case 8: t = "u64"; break;
	default: t = "u8"; align = 1; break;
	}
	if (size % align) {
		t = "u8";
		align = 1;
	}
	if (size / align == 1 && size)
		return t;
	if (size / align > 32)
		return opaque_array(1, t, size / align);
	return fmt("[%s; %ldusize]", t, size / align);
}

static bool is_fn(struct type *t)
{
	return strip_typedefs(t)->kind == T_FUNC;
}

const char *rty(struct type *t)
{
	if (t->kind < T_COMPLEX) {
		if (t->kind == T_FLOAT16)
			used |= RT_FLOAT16;
		return prims[t->kind];
	}
	switch (t->kind) {
	case T_COMPLEX:
		used |= RT_COMPLEX;
		/* bindgen maps _Complex long double to f64 too */
		return fmt("__BindgenComplex<%s>", t->sub->kind == T_LDOUBLE ? "f64" : rty(t->sub));
	case T_PTR: {
		struct type *s = t->sub;
		if (s->kind == T_FUNC)
			return fn_ptr(s);
		if (is_fn(s))
			return rty(s);	/* the typedef is already an Option<fn> */
		return acat(s->is_const ? "*const " : "*mut ", rty(s), NULL);
	}
	case T_ARRAY: {
		char num[NUM];
		return acat("[", rty(t->sub), "; ", usize_lit(num, t->len), "]", NULL);
	}
	case T_INCARRAY:
		/* a flexible array member is __IncompleteArrayField (record.c) */
		return fmt("[%s; 0usize]", rty(t->sub));
	case T_VECTOR:
		return fmt("[%s; %ldusize]", rty(t->sub), t->len);
	case T_FUNC:
		return fn_ptr(t);
	case T_ITEM: {
		struct item *it = t->item;
		if (builtin_alias(it))
			return it->alias;
		if (it->kind == I_ENUM && it->estyle == ES_MODULE)
			return fmt("%s::Type", it->rname);
		/* typedef enum {...} Foo; names the enum: refer to it */
		if (it->kind == I_TYPEDEF && it->names_itself)
			return rty(it->aliased);
		return it->rname;
	}
	case T_OPAQUE:
	default:
		return blob(t->size > 0 ? t->size : 0, t->align > 0 ? t->align : 1);
	}
}

/* A union member's type; zero-length and flexible arrays stay arrays. */
const char *union_member_type(struct type *t)
{
	if (flexible_array(t))
		return fmt("[%s; 0usize]", rty(t->sub));
	return rty(t);
}

const char *abi_name(enum callconv cc)
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
		if (array_pointers && t != orig && t->kind == T_ARRAY)
			return fmt("*%s %s", c ? "const" : "mut", rty(orig));
		if (array_pointers && t->kind == T_ARRAY)
			return fmt("*%s [%s; %ldusize]", c ? "const" : "mut", rty(t->sub), t->len);
		return fmt("*%s %s", c ? "const" : "mut", rty(t->sub));
	}
	return rty(t);
}

const char *ret_suffix(struct type *ret, bool no_return)
{
	if (no_return)
		return " -> !";
	if (strip_typedefs(ret)->kind == T_VOID)
		return "";
	return fmt(" -> %s", rty(ret));
}

void put_params(struct buf *b, struct type *f, const strvec *names, struct sig *sg)
{
	int unnamed = 0;
	for (int i = 0; i <= f->fn->params.n; i++) {
		if (i == f->fn->params.n && !f->fn->variadic)
			break;
		if (i)
			bputs(b, ", ");
		size_t start = b->len;
		if (i == f->fn->params.n) {
			bputs(b, "...");
		} else {
			const char *n = names && i < names->n ? names->v[i] : NULL;
			if (n)
				bputs_all(b, rust_ident(n), ": ", NULL);
			else
				bprintf(b, "arg%d: ", ++unnamed);
			bputs(b, param_type(f->fn->params.v[i]));
		}
		if (sg)
			vpush(&sg->params, ((struct span){ start, b->len - start }));
	}
}

const char *params(struct type *f, const strvec *names, struct sig *sg)
{
	char tmp[256];
	struct buf b = buf_on(tmp, sizeof tmp);
	put_params(&b, f, names, sg);
	return bdone(&b);
}

const char *fn_ptr_sig(struct type *f, struct sig *sg)
{
	char tmp[512];
	struct buf b = buf_on(tmp, sizeof tmp);
	bputs_all(&b, std_path, "::option::Option", NULL);
	if (sg) {
		sg->lt = b.len;
		sg->params.n = 0;
	}
	bputs_all(&b, "<unsafe extern \"", abi_name(f->fn->cc), "\" fn(", NULL);
	if (sg)
		sg->lp = b.len - 1;
	put_params(&b, f, &f->fn->pnames, sg);
	if (sg)
		sg->rp = b.len;
	bputs_all(&b, ")", ret_suffix(f->fn->ret, false), ">", NULL);
	return bdone(&b);
}

const char *fn_ptr(struct type *f)
{
	return fn_ptr_sig(f, NULL);
}

/* u32 for unsigned int and so on: a Rust enum's repr, or the newtype's
 * field with --translate-enum-integer-types. */
const char *enum_repr(struct item *it)
{
	bool uns = is_unsigned(it->inttype);
	switch (it->size) {
	case 1: return uns ? "u8" : "i8";
	case 2: return uns ? "u16" : "i16";
	case 8: return uns ? "u64" : "i64";
	default: return uns ? "u32" : "i32";
	}
}

const char *int_for_size(long size)
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

/* ---- literals ---- */

static char *digits(char *end, uint64_t u)
{
	do
		*--end = '0' + u % 10;
	while (u /= 10);
	return end;
}

const char *int_lit(char buf[NUM], int64_t v, bool uns)
{
	buf[NUM - 1] = 0;
	if (uns || v >= 0)
		return digits(buf + NUM - 1, v);
	char *p = digits(buf + NUM - 1, -(uint64_t)v);
	*--p = '-';
	return p;
}

const char *usize_lit(char buf[NUM], long v)
{
	memcpy(buf + NUM - 6, "usize", 6);
	return digits(buf + NUM - 6, v);
}



/* bindgen's default_macro_constant_type (ir/var.rs): negative values, or
 * all with --default-macro-constant-type signed, get i32 or i64; the rest
 * u32 or u64; --fit-macro-constant-types also allows 8 and 16 bits. */
const char *macro_int_type_opt(int64_t v, bool is_signed_default, bool fit)
{
	if (v < 0 || is_signed_default) {
		if (v < INT32_MIN || v > INT32_MAX)
			return "i64";
		if (!fit || v < INT16_MIN || v > INT16_MAX)
			return "i32";
		return v < INT8_MIN || v > INT8_MAX ? "i16" : "i8";
	}
	if (v > UINT32_MAX)
		return "u64";
	if (!fit || v > UINT16_MAX)
		return "u32";
	return v > UINT8_MAX ? "u16" : "u8";
}

const char *macro_int_type(int64_t v)
{
	return macro_int_type_opt(v, false, false);
}

/* The text between b" and " that proc_macro2's Literal::byte_string
 * writes: \0 (\x00 before an octal digit, so it cannot read as an octal
 * escape), \t \n \r \" \\, printable ASCII as is, else \xHH uppercase.
 * bindgen appends the NUL itself: b"bar\0" is "bar" plus "\0". */
void rust_byte_string(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		switch (c) {
		case 0:
			bputs(b, i + 1 < n && (s[i + 1] >= '0' && s[i + 1] <= '7') ?
				 "\\x00" : "\\0");
			break;
		case '\t': bputs(b, "\\t"); break;
		case '\n': bputs(b, "\\n"); break;
		case '\r': bputs(b, "\\r"); break;
		case '"':  bputs(b, "\\\""); break;
		case '\\': bputs(b, "\\\\"); break;
		default:
			if (c >= 0x20 && c <= 0x7e)
				bputc(b, c);
			else
				bprintf(b, "\\x%02X", c);
		}
	}
}

/* Shortest decimal digits that read back as v: digits in dig (no point),
 * value = 0.dig * 10^(*exp10).  The correctly rounded %.*e of the fewest
 * digits that round-trips is what Rust's shortest formatting picks. */
static void shortest_digits(double v, char *dig, int *exp10)
{
	char tmp[40], *e;
	int prec, k = 0;

	for (prec = 0; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*e", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	e = strchr(tmp, 'e');
	*exp10 = atoi(e + 1) + 1;
	for (char *q = tmp; q < e; q++)
		if ((*q >= '0' && *q <= '9'))
			dig[k++] = *q;
	while (k > 1 && dig[k - 1] == '0')
		k--;
	dig[k] = 0;
}

/* proc_macro2's f64_unsuffixed: Rust's Display for f64 (shortest
 * round-trip digits, never an exponent) plus ".0" when there is no point.
 * Non-finite values are spelled as bindgen's helpers::ast_ty::float_expr
 * does for Rust >= 1.43. */
void rust_float(struct buf *b, double v)
{
	char dig[40];
	int e, k;

	if (isnan(v)) {
		bputs(b, "f64::NAN");
		return;
	}
	if (isinf(v)) {
		bputs(b, v > 0 ? "f64::INFINITY" : "f64::NEG_INFINITY");
		return;
	}
	if (signbit(v))
		bputc(b, '-');
	v = fabs(v);
	if (v == 0) {
		bputs(b, "0.0");
		return;
	}
	shortest_digits(v, dig, &e);
	k = strlen(dig);
	if (e <= 0) {
		bputs(b, "0.");
		for (int i = 0; i < -e; i++)
			bputc(b, '0');
		bputs(b, dig);
	} else if (e >= k) {
		bputs(b, dig);
		for (int i = k; i < e; i++)
			bputc(b, '0');
		bputs(b, ".0");
	} else {
		bput(b, dig, e);
		bputc(b, '.');
		bputs(b, dig + e);
	}
}
