// A macro named as a global enum constant (glibc's math.h does this with
// FP_NAN): bindgen emits both and the output does not compile; the enum's
// constant wins, prefixed (color_RED) or not.  A macro named as the bare
// constant of a prefixed enum (GREEN) does not collide.
enum {
	FP_NAN = 0,
#define FP_NAN 0
	FP_INFINITE = 1,
#define FP_INFINITE 1
};

enum color { RED, GREEN };
#define color_RED 7
#define GREEN 9
#define OTHER 3
