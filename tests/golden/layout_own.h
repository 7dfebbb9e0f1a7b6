// Records kbindgen lays out itself (no bitfield, no attribute) next to
// those it leaves to clang; make check runs with KBINDGEN_CHECK_LAYOUT=1,
// which compares every one with clang's layout.
typedef int aligned16_int __attribute__((aligned(16)));
typedef long unaligned_long __attribute__((aligned(1)));  /* alone: Rust
                                        has no such type for a field */

struct node {
    struct node *next;          /* refers to itself while being laid out */
    char tag;
    long double value;
    __int128 wide;
};

struct holder {
    char c;
    struct node nodes[3];       /* an array of a record laid out here */
    aligned16_int a;            /* typedef alignment raised */
    char d;
    short s;
};

struct tail {
    short n;
    int data[];                 /* flexible array member */
};

struct zero {
    char c;
    long z[0];                  /* GNU zero-length array */
};

struct with_anon {
    char c;
    union {
        int i;
        double d;
    };
    struct {
        char x;
        short y;
    } named;
};

struct atomic_member {
    char c;
    _Atomic(long) counter;      /* asked of clang: _Atomic may change it */
};

struct aligned_member {
    char c;
    int x __attribute__((aligned(8)));  /* asked of clang */
};

union mixed {
    char c[5];
    int i;
};

struct empty {};
