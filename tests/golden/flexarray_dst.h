// bindgen-flags: --flexarray-dst --rust-target nightly --raw-line '#![feature(ptr_metadata, layout_for_ptr)]'
// --flexarray-dst (nightly Rust): a struct ending in a flexible array
// member is generic over it, FAM: ?Sized = [T; 0], with bindgen's methods
// between the sized and the unsized form; a zero-length array member that
// is not last stays an __IncompleteArrayField; pointers to the struct use
// the sized default; alignment attributes stay.
struct packet { int count; int data[]; };
struct packet_zero { int count; int data[0]; };
struct packet_ref { struct packet *things; };
struct two_tails { int count; int data1[0]; char data2[]; };
struct aligned_tail { int count; int data[]; } __attribute__((aligned(128)));
