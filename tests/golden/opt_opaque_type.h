// bindgen-flags: --opaque-type 'lock_impl'
// --opaque-type keeps size and alignment but hides the fields.
struct lock_impl {
    int owner;
    long long ticket;
    char name[12];
};

struct guarded {
    struct lock_impl lock;
    int value;
};

void lock_take(struct lock_impl *l);
