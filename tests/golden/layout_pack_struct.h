// bindgen-flags: -- -fpack-struct=2
// -fpack-struct packs every record without an attribute saying so: kbindgen
// must not lay these out itself (make check runs KBINDGEN_CHECK_LAYOUT=1).
struct a {
    char c;
    long l;
    double d;
};

struct b {
    char c;
    struct a inner;
    short s;
};
