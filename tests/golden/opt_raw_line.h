// bindgen-flags: --raw-line '// first raw line' --raw-line 'pub const RAW_VERSION: u32 = 3;'
// --raw-line text is emitted verbatim before the bindings.
struct raw_demo {
    int x;
};
