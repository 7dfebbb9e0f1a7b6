// bindgen-flags: --opaque-type big --opaque-type wide --opaque-type line --opaque-type words --with-derive-default
// Opaque blobs as bindgen main writes them: __BindgenOpaqueArrayN<[u8; size]>
// from alignment 8, arrays of more than 32 elements in __BindgenOpaqueArray.
struct big { char c[1024]; };
struct __attribute__((aligned(64))) wide { int a[100]; };
struct line { long x[5]; };
struct words { int w[67]; };
struct holder { struct big b; struct wide w; struct line l; struct words s; };
// padding of 31 bytes before a 64-aligned member: bindgen main writes
// __BindgenOpaqueArray8<[u8; 31usize]>, 32 bytes in Rust, which moves regs
// to 128; kbindgen keeps [u8; 31usize] (C puts regs at 64)
union __attribute__((aligned(64))) regs { char b[64]; };
struct fpstate { unsigned int size; unsigned int user_size; unsigned long long x[3];
                 unsigned int is_valloc : 1; union regs regs; };
