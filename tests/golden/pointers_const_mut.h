// const and mutable pointers, const pointers to const data.
struct buffer_view {
    const char *ro;
    char *rw;
    char *const fixed;
    const char *const both;
    void *any;
    const void *any_ro;
};

void *view_copy(void *dst, const void *src, const unsigned char *const bytes);
