// bindgen-flags: --with-derive-default
// Types that cannot #[derive(Default)] get an `impl Default` instead.
union payload {
    int i;
    float f;
};

struct with_union {
    int kind;
    union payload p;
};

struct with_big_array {
    char data[100];
};

struct with_pointer {
    const char *name;
    int len;
};

struct simple_default {
    int a;
    double b;
};
