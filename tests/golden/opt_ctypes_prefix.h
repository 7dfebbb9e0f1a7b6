// bindgen-flags: --ctypes-prefix my_ctypes --raw-line 'pub mod my_ctypes { pub use ::core::ffi::*; }'
// --ctypes-prefix: C types named through a user-chosen module.
struct reading {
    int sensor;
    unsigned long stamp;
    double value;
    char label[8];
};

long reading_take(struct reading *r, void *ctx);
