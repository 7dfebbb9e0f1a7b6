// Packed records that repr(C, packed(N)) cannot express: kept unpacked,
// each field C puts where its Rust type cannot be becomes bytes with
// accessors (C's offsets, size and alignment; compiles).
// packed with aligned(8): packed(8) with align(8) is E0587
struct __attribute__((packed, aligned(8))) pa1 { char a; int b; };
struct __attribute__((aligned(8))) al8 { int x; };
// packed holding an aligned type: E0588
struct __attribute__((packed)) pa2 { char a; struct al8 x; char c; };
struct pa3 { char a; struct pa1 p; };
// packed(4) would put b at 2 and c at 4; C has 1 and 3
struct __attribute__((packed, aligned(4))) pa4 { char a; short b; int c; };
union __attribute__((packed)) pu1 { char a; struct al8 x; };
// packed and aligned(2) where packed(2) is right: bindgen's form
union __attribute__((packed, aligned(2))) pu2 { unsigned short a; unsigned short b; };
// an array of a 64-aligned record, packed: C puts it at 8, Rust's array
// type is 64-aligned wherever bindgen's tracker thinks it is 8
struct __attribute__((aligned(64))) a64 { int x; };
struct pa5 { int *p; struct a64 arr[1] __attribute__((packed)); };
// #pragma pack hidden by aligned(32): the record's alignment says nothing
#pragma pack(push, 1)
struct __attribute__((aligned(32))) pa6 { int a : 1; int b; };
#pragma pack(pop)
// a packed record holding a union that stays a __BindgenUnionField struct
// (a flexible array member is not Copy) with an 8-aligned blob: E0588
typedef struct fam { long n; signed char tail[0]; } fam_t;
union wrapped { fam_t f; };
struct __attribute__((packed)) pa7 { union wrapped w; };
// packed and aligned(2), ending in padding C needs: C's alignment
struct __attribute__((packed, aligned(2))) pa8 { unsigned char a; void *p; int : 0; };
