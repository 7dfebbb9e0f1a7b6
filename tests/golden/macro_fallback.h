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
