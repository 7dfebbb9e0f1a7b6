// bindgen-flags: --blocklist-type __kernel_s?size_t --with-derive-default --opaque-type desc --opaque-type spin
// Shapes from Linux's bindings where bindgen main's rules are followed
// (doc/kernel.md, "Against bindgen main").
// a record first used by value in an extern variable is placed there
extern struct late late_var;
int between(void);
struct late { int x; };
// a pointer to a function typedef is an Option<fn>: Default
typedef void sigfn_t(int);
typedef sigfn_t *sighandler_t;
struct sigact { sighandler_t h; sigfn_t *g; unsigned long f; };
// size_t is usize whatever it aliases (here a blocklisted typedef)
typedef unsigned long __kernel_ulong_t;
typedef __kernel_ulong_t __kernel_size_t;
typedef __kernel_size_t size_t;
struct kvec { void *base; size_t len; };
// static only for const on the variable's type or one array level
extern const char a1[3];
extern const char a2[2][3];
extern __typeof__(const int) t1;
typedef const int cint;
extern cint t2;
// a function declared through typeof keeps its declared return type
typedef unsigned long long u64;
u64 steal(int cpu);
extern __typeof__(steal) static_call_steal;
// a zero-sized union of Copy fields is not a Rust union
struct empty { };
struct lock { union { struct empty rlock; }; int x; };
// zero-sized blobs keep C's alignment
union __attribute__((aligned(8))) zu8 { long a[0]; };
// an opaque record with bitfields is aligned by a field, not repr(align)
struct __attribute__((packed)) desc { unsigned short a, b; unsigned c : 8, d : 8, e : 16; };
struct spin { };
// an empty record keeps C's alignment (bindgen gives it 1)
struct __attribute__((aligned(64))) stats { };
