// Support type emitted verbatim into bindings. Its text must equal what
// rust-bindgen emits (BSD-3-Clause, The rust-bindgen Authors), so users see
// identical output; this file is output data, not compiled into kbindgen.
#[derive(PartialEq, Copy, Clone, Hash, Debug, Default)]
#[repr(transparent)]
pub struct __BindgenFloat16(pub u16);
