// bindgen-flags: --use-core
// --use-core: ::core paths instead of ::std ones.
struct handle {
    void *opaque;
    unsigned int refs;
};

int handle_open(const char *name, struct handle *out);
