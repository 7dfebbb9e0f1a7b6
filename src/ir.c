/* ir.c: facts about the IR that every pass shares: the arithmetic types,
 * in one table; a new type. */
#include "kbindgen.h"

/* The C spelling, the name under Rust's C types (::std::os::raw::NAME),
 * the Rust primitive, and the signedness of each arithmetic type and
 * void.  bindgen maps wchar_t to c_int, char16_t and char32_t to u16 and
 * u32, long double and __float128 to a u128 blob. */
const struct arith arith[T_COMPLEX] = {
	[T_VOID] = { "void", "c_void", NULL, false },
	[T_BOOL] = { "_Bool", NULL, "bool", true },
	[T_CHAR] = { "char", "c_char", NULL, false },
	[T_SCHAR] = { "signed char", "c_schar", NULL, false },
	[T_UCHAR] = { "unsigned char", "c_uchar", NULL, true },
	[T_SHORT] = { "short", "c_short", NULL, false },
	[T_USHORT] = { "unsigned short", "c_ushort", NULL, true },
	[T_INT] = { "int", "c_int", NULL, false },
	[T_UINT] = { "unsigned int", "c_uint", NULL, true },
	[T_LONG] = { "long", "c_long", NULL, false },
	[T_ULONG] = { "unsigned long", "c_ulong", NULL, true },
	[T_LLONG] = { "long long", "c_longlong", NULL, false },
	[T_ULLONG] = { "unsigned long long", "c_ulonglong", NULL, true },
	[T_INT128] = { "__int128", NULL, "i128", false },
	[T_UINT128] = { "unsigned __int128", NULL, "u128", true },
	[T_WCHAR] = { "wchar_t", "c_int", NULL, false },
	[T_CHAR16] = { "char16_t", NULL, "u16", true },
	[T_CHAR32] = { "char32_t", NULL, "u32", true },
	[T_FLOAT16] = { "_Float16", NULL, "__BindgenFloat16", false },
	[T_FLOAT] = { "float", "c_float", "f32", false },
	[T_DOUBLE] = { "double", "c_double", "f64", false },
	[T_LDOUBLE] = { "long double", NULL, "u128", false },
	[T_FLOAT128] = { "__float128", NULL, "u128", false },
};

bool is_unsigned(struct type *t)
{
	t = strip_typedefs(t);
	if (t->kind == T_ITEM && t->item->kind == I_ENUM)
		return is_unsigned(t->item->inttype);
	return t->kind < T_COMPLEX && arith[t->kind].uns;
}

struct type *new_type(enum tkind k)
{
	struct type *t = alloc(sizeof *t);
	t->kind = k;
	t->size = t->align = -1;
	if (k == T_FUNC)
		t->fn = alloc(sizeof *t->fn);
	return t;
}
