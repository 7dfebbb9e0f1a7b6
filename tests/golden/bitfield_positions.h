// Bitfield units sit where C puts their first bit.
// b does not fit the first 8-byte storage unit: C starts it at bit 64
struct bf1 { unsigned short a; unsigned long long b : 49; };
// a lone zero-width bitfield gets no unit; c moves to the next int
struct bf2 { char a; int b : 3; int : 0; int c : 5; char d; };
struct bf3 { char a; long long b : 60; long long c : 10; };
struct __attribute__((packed)) bf4 { char a; int b : 31; char c; };
union bf5 { int a : 31; char b : 1; long long c; };
// a trailing size_t :0 (libbpf's opts structs)
struct bf6 { unsigned long sz; _Bool flag; unsigned long : 0; };
// a 64-bit field at bit 20 of a packed record spans 9 bytes: bindgen's
// unit cannot reach its top bits (kbindgen's get_wide/set_wide)
struct __attribute__((packed)) bf7 { int a : 20; long long b : 64; };
// an anonymous member with no named field (only long :0): C puts it
// after the field before; it holds no data
struct bf8 { int a; struct { long : 0; }; int b; };
// an anonymous member led by an unnamed bitfield, in a packed record:
// its offset comes from its first named field
struct __attribute__((packed)) bf9 { char a; struct { unsigned : 0; int b : 15; }; int c; };
