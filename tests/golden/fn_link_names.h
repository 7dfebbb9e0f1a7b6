// Symbols that differ from the C name get #[link_name]: an asm label, and
// overloadable functions (C++ mangling in C), also when the attribute comes
// from a macro; other attributes (deprecated, visibility) rename nothing.
#define OVERLOAD __attribute__((overloadable))
int area(int side) OVERLOAD;
int area(double radius) OVERLOAD;
int volume(int side) __attribute__((overloadable));
int volume(double radius) __attribute__((overloadable));
int renamed(void) __asm__("real_symbol");
int old_api(int) __attribute__((deprecated, visibility("default")));
