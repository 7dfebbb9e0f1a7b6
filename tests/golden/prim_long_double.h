// long double needs a 16-byte-aligned opaque type in Rust.
struct precise {
    char tag;
    long double value;
};

long double precise_add(long double a, long double b);
