// __attribute__((aligned(N))) on structs and fields.
struct __attribute__((aligned(16))) cache_line {
    int counter;
};

struct aligned_member {
    char c;
    int wide __attribute__((aligned(8)));
    short s;
};

struct __attribute__((aligned(64))) big_align {
    struct cache_line line;
    char pad;
};
