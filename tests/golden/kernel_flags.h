// bindgen-flags: --use-core --with-derive-default --ctypes-prefix ffi --no-layout-tests --no-debug '.*' --raw-line 'mod ffi { pub use ::core::ffi::*; }'
// The kernel's bindgen flags: core, ffi:: ctypes, no layout tests, no Debug.
typedef unsigned int u32;
typedef unsigned long long u64;

struct device_info {
    const char *name;
    u32 id;
    u64 flags;
    void *private_data;
    union {
        u32 irq;
        int msi_index;
    };
};

int device_register(struct device_info *dev);
void device_unregister(struct device_info *dev);
