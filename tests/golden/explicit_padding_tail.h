// bindgen-flags: --explicit-padding
// Tail padding once (a record ending in a field after bitfields), and none
// beside a union's blob (fuzzer findings).
struct ep1 { signed char a:4; _Bool b; int :0; };
struct ep2 { int x; struct ep1 e; };
union __attribute__((aligned(64))) ep3 { int a; int b[0]; };
