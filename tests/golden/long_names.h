// Long names: rustfmt's ways of breaking the layout asserts, which
// kbindgen reproduces (measured on rustfmt 1.9; see of_line() and
// offset_line() in src/record.c).  Type names of 50 to 90 characters.
struct Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx { int f; int fffff; int ffffffffff; };
struct Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx { int f; int fffff; int ffffffffff; };
struct Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx { int f; int fffff; int ffffffffff; };
struct Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx { int f; int fffff; int ffffffffff; };
struct Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx { int f; int fffff; int ffffffffff; };
struct Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx { int f; int fffff; int ffffffffff; };
struct Txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx { int f; };
