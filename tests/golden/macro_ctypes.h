// bindgen-flags: --macro-const-use-ctypes
// Every macro constant with its C type and the value C code sees at the
// end of the header (the last definition): typedef names kept, unsigned
// and negative values as C has them, floats, strings, pointer constants,
// compound literals.  Left out: addresses, types, statements, long double.

typedef unsigned int gfp_t;
typedef unsigned int uid_t;
typedef struct { uid_t val; } kuid_t;
typedef struct kernel_cap_struct { unsigned int cap[2]; } kernel_cap_t;
struct point { int x; double y; };
typedef struct { unsigned char b[16]; } guid_t;
struct line { struct point from, to; long long id[3]; };
struct rec { int a; char b; };
enum mode { MODE_A = 3, MODE_B = 8 };
extern int some_global;
extern int some_function(int);

#define __GFP_IO 0x40u
#define GFP_KERNEL ((gfp_t)(__GFP_IO | 0x400u))
#define UINT_MAX (~0U)
#define ULONG_MAX (~0UL)
#define LLONG_MIN (-9223372036854775807LL - 1)
#define SETUP_INDIRECT (1 << 31)
#define MASK (0xfffff << 12)
#define NOT_MASK (~MASK)
#define SUM 1 + 2
#define PRODUCT SUM * 3
#define HZ 100
#undef HZ
#define HZ 250
#define ANSWER_CHAR 'x'
#define NEWLINE '\n'
#define BYTE ((char)200)
#define FLAG ((_Bool)2)
#define SHORTY ((short)-5)
#define HALF 0.5f
#define THIRD (1.0 / 3)
#define HUGE 1e300
#define LDBL 1.0L
#define SIZE_OF_REC sizeof(struct rec)
#define OFFSET_B __builtin_offsetof(struct rec, b)
#define MODE_SUM (MODE_A + MODE_B)
#define MODE_AS_ENUM ((enum mode)MODE_B)
#define STRINGIFY(x) #x
#define GREETING "hello, " "world"
#define VERSION STRINGIFY(1.2.3)
#define STR_PTR ((const char *)"abc")
#define ERR_PTR_VALUE ((void *)(-1))
#define NULL_REC ((struct rec *)0)
#define MMIO_BASE ((volatile unsigned int *)0xfee00000UL)
#define GLOBAL_ROOT_UID ((kuid_t){ 0 })
#define INVALID_UID ((kuid_t){ -1 })
#define CAP_EMPTY_SET ((kernel_cap_t){{ 0, 0 }})
#define CAP_FULL_SET ((kernel_cap_t){{ ~0, (1U << 9) - 1 }})
#define ORIGIN ((struct point){ 1, 2.5 })
#define SOME_GUID ((guid_t){{ 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x17, 0x28, 0x39, 0x4a, 0x5b, 0x6c, 0x7d, 0x8e, 0x9f, 0xff }})
#define DIAGONAL ((struct line){ { -1, -1.5 }, { 1000000, 1e10 }, { 9223372036854775807LL, -9223372036854775807LL, 42 } })
#define DESIGNATED ((struct point){ .y = 1 })
#define ADDRESS (&some_global)
#define FUNCTION some_function
#define A_TYPE unsigned long
#define A_STMT do { } while (0)
#define EMPTY
#define CALL some_function(1)
struct limit { unsigned int min, max; };
struct node { struct node *left, *right; unsigned long color; };
struct key { struct limit range; int enabled; };
#define LIMIT_32 ((struct limit){ .min = 0, .max = ~0U })
#define LIMIT_MAX_ONLY ((struct limit){ .max = 16 })
#define EMPTY_NODE ((struct node){ ((void *)0), })
#define KEY_ON ((struct key){ .enabled = 1, .range = { 1, 2 } })
#define ARRAY_DESIGNATED ((guid_t){ { [3] = 7 } })
#define ALL_ONES ((guid_t){ { [0 ... 15] = 0xff } })
#define XSTR(x) STRINGIFY(x)
#define WHERE __FILE__ ":" XSTR(__LINE__)
#define MIN_LINE_ID(a) a ## __LINE__
union num { int i; float f; };
struct keyed { struct { int counter; } enabled; union { unsigned long type; struct node *entries; }; };
#define NUM_F ((union num){ .f = 1.5f })
#define NUM_I ((union num){ 7 })
#define KEY_TRUE ((struct keyed){ .enabled = { 1 }, { .type = 1 } })
typedef void (*handler_t)(int);
#define SIG_DFL_ ((handler_t)0)
#define SIG_IGN_ ((handler_t)1)
#define HUGE_F (__builtin_huge_valf())
/* Big expansions (over 500 tokens) that cconst.c folds but for calls of
 * function-like macros: each call is asked of clang once, the macros are
 * folded with its value; a call that is no constant makes the macro none
 * where C evaluates it, not in `0 && ...`. */
#define ZEROS_8 (0|0|0|0|0|0|0|0)
#define ZEROS_64 (ZEROS_8|ZEROS_8|ZEROS_8|ZEROS_8|ZEROS_8|ZEROS_8|ZEROS_8|ZEROS_8)
#define ZEROS_512 (ZEROS_64|ZEROS_64|ZEROS_64|ZEROS_64|ZEROS_64|ZEROS_64|ZEROS_64|ZEROS_64)
#define feature_on(x) ((x) == 1 || ZEROS_512)
#define feature_off() (some_function(0) ? 1 : ZEROS_512)
#define feature_mask(x) ((unsigned long)(x) << 40 | ZEROS_512)
#define BIG_ON (feature_on(1) ? 7 : 9)
#define BIG_TWICE (BIG_ON * 2)
#define BIG_OFF (feature_off() ? 56 : 47)
#define BIG_SHORT (0 && feature_off())
#define BIG_FLOAT (feature_on(2) + 0.5f)
#define BIG_MASK (feature_mask(3) - 1)
#define BIG_NEGATIVE (-feature_on(1) - 2147483647)
#define negated(x) (-(x) | ZEROS_512)
#define BIG_NEGATED (negated(5) * 2)
/* a call whose expansion is a parameter alone is no value of its own:
 * 1 + 0 + 1 * 3, not (1 + 0 + 1) * 3 */
#define pass(x) x
#define BIG_PASS (pass(1 + ZEROS_512 + 1) * 3)
/* nor one whose expansion calls a parameter: 1 + -5 * 2 */
#define apply(f, x) f(x)
#define BIG_APPLY (apply(1 + negated, 5) * 2)
/* a call of a typedef's type is not folded: the macro takes the second
 * parse, whose types are canonical (gfp_t is unsigned int there) */
#define typed_big(x) ((gfp_t)((x) | ZEROS_512))
#define BIG_TYPED (typed_big(5))
/* Casts to int, long, long long, float and double, and sizeof of types
 * spelled in keywords: folded by cconst.c, not asked; casts to other
 * types (char, short, pointers, typedefs) are asked. */
#define CAST_UL ((unsigned long)1 << 40)
#define CAST_U ((unsigned)-1)
#define CAST_INT ((int)0xffffffffu)
#define CAST_LL ((long long)CAST_U + 1)
#define CAST_FLOAT ((float)1 / 3)
#define CAST_DOUBLE ((double)CAST_UL)
#define CAST_TRUNC ((int)-2.7)
#define CAST_UTRUNC ((unsigned long long)1e19)
#define CAST_SIGNED_CHAR ((signed char)300)
#define CAST_SHORT ((short)-1)
#define CAST_BOOL ((_Bool)5)
#define CAST_CONST ((const unsigned int)7)
#define CAST_INT_LONG ((long int)-1 * (unsigned long int)2)
#define SIZE_LONG (sizeof(unsigned long) * 8)
#define SIZE_INT sizeof(int)
#define SIZE_SHORT (sizeof (short int))
#define SIZE_CHAR sizeof(char)
#define SIZE_PTR sizeof(void *)
#define SIZE_LLONG_PTR sizeof(long long **)
#define SIZE_DOUBLE sizeof(double)
#define SIZE_LDOUBLE sizeof(long double)
#define SIZE_VOID sizeof(void)
#define SIZE_EXPR sizeof(1 + 2)
#define SIZE_MIXED (sizeof(int) - 5)
/* A name that is no macro, in a big expansion, is asked once too: an
 * enum constant is a value, a variable none (but where C does not
 * evaluate it). */
enum { BIG_SEVEN = 7 };
extern int big_variable;
#define BIG_ENUM (BIG_SEVEN * 3 + ZEROS_512)
#define BIG_VARIABLE (big_variable + ZEROS_512)
#define BIG_NOT_READ (0 && big_variable + ZEROS_512)
/* A name alone in parentheses may be a cast's type: ((big_t)-1) is no
 * name less one, so such a name is not asked, the macro is; a type that a
 * macro names is asked, clang takes no value of it, and the macro takes
 * the second parse. */
typedef unsigned int big_t;
#define big_type big_t
#define BIG_CAST ((big_t)-1 + ZEROS_512 + 0UL)
#define BIG_CAST_NAMED ((big_type)-1 + ZEROS_512 + 0UL)
#define BIG_CONST_CAST ((const big_t)-1 + ZEROS_512 + 0UL)
/* Calls of function-like macros, expanded as the preprocessor expands
 * them (the arguments first, ## pasting names and numbers) and folded by
 * cconst.c: not asked. */
#define __AC(X, Y) (X##Y)
#define _AC(X, Y) __AC(X, Y)
#define _UL(x) (_AC(x, UL))
#define BIT(nr) (_UL(1) << (nr))
#define GENMASK(h, l) (((~_UL(0)) - (_UL(1) << (l)) + 1) & (~_UL(0) >> (63 - (h))))
#define FLAG_SEVEN BIT(7)
#define FLAG_LOW GENMASK(3, 0)
#define TWICE(x) ((x) * 2)
#define TWICE_NESTED TWICE(TWICE(3) + 1)
#define PRECEDENCE TWICE(1 + 2) - TWICE(1) * 3
#define PICK(a, ...) (a)
#define PICKED PICK(5, 6, 7)
#define VA_SUM(...) (0 + __VA_ARGS__)
#define VA_ONE VA_SUM(4)
#define EMPTY_ARG(x) (1 x)
#define EMPTY_CALL EMPTY_ARG()
/* FLAG_SEVEN calls _AC within _AC's expansion, where C leaves it a name
 * (a function's): no constant, as clang says */
#define PASTED_NAME _AC(FLAG_, SEVEN)
#define CALLS_A_PARAM(f, x) f(x)
#define PARAM_CALLED CALLS_A_PARAM(TWICE, 21)
#define NAMED_TAIL TWICE
#define TAIL_CALLED NAMED_TAIL(4)
#define STRINGIZED STRINGIFY(7)
#define NEG_SHIFT (-14 << 16)
#define NEG_RSHIFT (-64 >> 2)
/* A name that stands for another, asked: answered by its question; one
 * whose name is not defined at the end takes the second parse. */
#define TYPED_FLAGS ((gfp_t)3)
#define SAME_FLAGS TYPED_FLAGS
#define SAME_AGAIN SAME_FLAGS
#if 0
#define NOT_AT_END ((gfp_t)1)
#endif
enum { NOT_AT_END = 11 };
#define STANDS_FOR_ENUM NOT_AT_END
/* A call of a function is no constant where C evaluates it, folded so
 * without clang; __builtin_constant_p of one is 0; the kernel's
 * BUILD_BUG_ON_ZERO(e) is 0 when e is */
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#define CALLS_FUNCTION (some_function(1) + 1)
#define SKIPS_FUNCTION (1 ? 2 : some_function(1))
#define CONSTANT_P_CALL __builtin_constant_p(some_function(1))
#define CONSTANT_P_LIT __builtin_constant_p(3 * 4)
#define FEATURE(bit) (__builtin_constant_p(bit) && (bit) < 4 ? 1 : some_function(bit))
#define FEATURE_ON FEATURE(2)
#define FEATURE_OFF FEATURE(7)
#define CHECKED (BUILD_BUG_ON_ZERO(1 != 1) + 5)
#define CHECK_FAILS (BUILD_BUG_ON_ZERO(1 == 1) + 5)
/* sizeof of a record or an expression: asked once as written, folded in
 * the macros that use it; one that clang refuses (an incomplete record)
 * makes them none.  `#define A F` called: F's call */
struct incomplete;
#define REC_WORDS (sizeof(struct rec) / sizeof(int) + sizeof(((struct rec *)0)->b))
#define REC_ARRAY (sizeof(struct rec[3]) << 1)
#define INCOMPLETE_SIZE (sizeof(struct incomplete) + 1)
#define __DIV_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_UP __DIV_UP
#define REC_HALVES DIV_UP(sizeof(struct rec), 2)
#define NESTED_DIV DIV_UP(DIV_UP(20, 3), 2)
#define DIV_NONE DIV_UP(some_function(1), 2)
/* A statement expression is no constant, evaluated or not (clang refuses
 * one outside a function): not asked when every definition it comes from
 * makes one; a parameter not expanded drops it */
#define __cmp_once(x, y) ({ int __x = (x), __y = (y); __x < __y ? __x : __y; })
#define min_of(x, y) __builtin_choose_expr(1, (x) < (y) ? (x) : (y), __cmp_once(x, y))
#define SMALLER min_of(3, 4)
#define SMALLER_MASK (1UL << SMALLER)
#define SHIFTED(x) (1 << (x))
#define SHIFTED_SMALLER SHIFTED(SMALLER)
#define DROPS(x) 7
#define DROPPED DROPS(SMALLER)
/* a macro with two definitions, the scan reads both: asked (C has 3) */
#if 0
#define TWICE_DEFINED(x) ({ x; })
#else
#define TWICE_DEFINED(x) ((x) + 1)
#endif
#define NOT_A_STMT TWICE_DEFINED(2)
/* One name that is no macro (or the macro's own, or through macros of
 * that shape): not asked, answered from what the name declares at file
 * scope.  An enumerator is its value, of its declaration's type (int, or
 * the enum's past int's range; in libclang 20 and later, C23's rule, the
 * enum's for every enumerator of such an enum); a function or an array
 * is an address; a variable, a type, a name nothing declares are no
 * constant, but a const variable of arithmetic type, which clang folds
 * (its type unqualified, a typedef's name kept).  A macro clang
 * predefines takes the second parse. */
enum wide { WIDE_BIG = 0x100000000 };
enum { UNSIGNED_BIG = 0x80000000 };
enum { NEGATIVE = -2 };
struct holder { enum { NESTED_SEVEN = 7 } kind; };
extern int lone_array[4];
extern _Thread_local int lone_tls_array[2];
extern int lone_variable;
static const int lone_const = 12;
static const gfp_t lone_const_flags = 0x30;
static int *const lone_const_ptr = 0;
typedef int lone_type;
int lone_function(void);
#define ONE_SMALL NEGATIVE
#define ONE_BIG WIDE_BIG
#define ONE_UNSIGNED UNSIGNED_BIG
#define ONE_NESTED NESTED_SEVEN
#define ONE_ARRAY lone_array
#define ONE_TLS_ARRAY lone_tls_array
#define ONE_VARIABLE lone_variable
#define ONE_CONST lone_const
#define ONE_CONST_FLAGS lone_const_flags
#define ONE_CONST_PTR lone_const_ptr
#define ONE_TYPE lone_type
#define ONE_UNDECLARED nothing_declares_this
#define lone_function lone_function
#define ONE_FUNCTION lone_function
#define ONE_CHAIN ONE_NESTED
#define ONE_PREDEFINED linux
/* A cast to a typedef of an operand cconst.c folds (Linux's
 * `((__force gfp_t)0x01u)`): not asked either; the typedef's declaration
 * gives the type and converts the value. */
#define __force
typedef unsigned short cast_u16;
typedef signed char cast_s8;
typedef _Bool cast_flag;
typedef float cast_real;
typedef void *cast_ptr;
typedef void (*cast_fn)(int);
typedef enum { CAST_ONE = 1 } cast_enum;
typedef gfp_t cast_gfp;
#define CAST_GFP ((__force gfp_t)__GFP_IO)
#define CAST_U16 ((cast_u16)70000)
#define CAST_S8 ((cast_s8)200)
#define CAST_FLAG ((cast_flag)5)
#define CAST_REAL ((cast_real)(1.0 / 3))
#define CAST_PTR ((cast_ptr)-1)
#define CAST_NULL_FN ((cast_fn)0)
#define CAST_FN ((cast_fn)1)
#define CAST_ENUM ((cast_enum)1)
#define CAST_TYPEDEF_OF_TYPEDEF ((cast_gfp)~0)
#define CAST_SATURATED ((cast_s8)1e10)
/* Undefined in C, folded by clang as it warns: a shift past the width
 * (by the width less one), a negative shift (the other way), the most
 * negative int by -1; a pointer from a negative number. */
#define SHIFT_PAST (1 << 40)
#define SHIFT_NEGATIVE (16 >> -2)
#define DIV_OVERFLOW ((-2147483647 - 1) / -1)
#define CAST_SHIFT_PAST ((gfp_t)(1 << 40))
#define NEGATIVE_PTR ((void *)-1)
