// Support type emitted verbatim into bindings. Its text must equal what
// rust-bindgen emits (BSD-3-Clause, The rust-bindgen Authors), so users see
// identical output; this file is output data, not compiled into kbindgen.
#[derive(PartialEq, Eq, Copy, Clone, Debug, Hash)]
#[repr(C, align(8))]
pub struct __BindgenOpaqueArray8<T>(pub T);
impl<T: Copy + Default, const N: usize> Default for __BindgenOpaqueArray8<[T; N]> {
    fn default() -> Self {
        Self([<T as Default>::default(); N])
    }
}
