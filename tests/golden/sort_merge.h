// bindgen-flags: --sort-semantically --merge-extern-blocks --constified-enum-module mode
// --sort-semantically: items grouped by kind (types, structs, consts, fns,
// enums, unions, statics, impls, mods, uses, extern blocks), stable inside a
// kind, also inside modules; --merge-extern-blocks: one extern block, last.
int first(void);
struct flags { unsigned a : 1, b : 3; };
extern int counter;
enum mode { MODE_A, MODE_B };
typedef int number;
#define LIMIT 10
union val { int i; float f; };
int second(number n, struct flags *f);
static const number ZERO = 0;
