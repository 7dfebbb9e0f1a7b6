// bindgen-flags: --clang-macro-fallback
// Macros only clang can evaluate: casts, sizeof, function-like macros,
// token pasting, enum constants, the kernel's _IO() style; and ones that
// are not constants at all (a type, a statement), which stay unbound.

struct req { int a; long b; };
enum { MODE_A = 3, MODE_B = 8 };
#define UINT32_C(c) c ## U
#define _IOC(dir, type, nr, size) (((dir) << 30) | ((size) << 16) | ((type) << 8) | (nr))
#define _IOW(type, nr, t) _IOC(1U, (type), (nr), sizeof(t))
#define REQ_SET _IOW('r', 1, struct req)
#define CAST_CONST ((unsigned short)70000)
#define SIZE_OF_REQ sizeof(struct req)
#define OFFSET_B __builtin_offsetof(struct req, b)
#define PASTED UINT32_C(42)
#define MODE_SUM (MODE_A + MODE_B)
#define HALF ((float)1 / 2)
#define PLAIN 7
#define A_TYPE unsigned long
#define A_STMT do { } while (0)
/* calls folded without clang, as the preprocessor expands them; within
 * its own expansion a macro is a name (PASTED_SELF: no constant) */
#define __AC(X, Y) (X##Y)
#define _AC(X, Y) __AC(X, Y)
#define _UL(x) (_AC(x, UL))
#define BIT(nr) (_UL(1) << (nr))
#define FLAG_SEVEN BIT(7)
#define PASTED_SELF _AC(FLAG_, SEVEN)
#define TWICE(x) ((x) * 2)
#define NESTED TWICE(TWICE(3) + 1)
#define NEG_SHIFT (-14 << 16)
/* a name for another: answered by its question */
#define REQ_ALIAS REQ_SET
/* One name that is no macro: answered from its declaration (an
 * enumerator's value), not asked; a const variable takes the second parse. */
enum { LONE_NINE = 9, LONE_BIG = 0x80000000 };
static const int lone_const = 12;
int lone_function(void);
#define ONE_NINE LONE_NINE
#define ONE_BIG LONE_BIG
#define ONE_CHAIN ONE_NINE
#define ONE_CONST lone_const
#define ONE_FUNCTION lone_function
/* A cast to a typedef of an operand that folds: not asked either. */
typedef unsigned short cast_u16;
typedef signed char cast_s8;
typedef double cast_real;
#define CAST_U16 ((cast_u16)70000)
#define CAST_S8 ((cast_s8)1e10)
#define CAST_REAL ((cast_real)(1 << 3))
