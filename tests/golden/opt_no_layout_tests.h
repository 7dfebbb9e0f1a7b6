// bindgen-flags: --no-layout-tests
// --no-layout-tests: no size/align/offset assertions.
struct no_tests {
    char a;
    long b;
};
