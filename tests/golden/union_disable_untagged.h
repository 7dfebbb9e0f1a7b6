// bindgen-flags: --disable-untagged-union
// No Rust unions: bindgen's __BindgenUnionField wrapper struct instead,
// for top-level and anonymous unions, with the blob that sizes them.
union value { int i; float f; double d; struct { char tag; } s; };
struct holder { union { int a; long b; }; int x; };
