// bindgen-flags: -- -fvisibility=hidden
// A hidden function has no symbol to link to: only the functions made
// visible, by an attribute here or on an earlier declaration, or by
// #pragma GCC visibility, are bound.  (kbindgen asks clang once for the
// functions without attributes: static ones must not set that answer.)
static int helper(int x);
int hidden_by_default(int x);
int shown(int x) __attribute__((visibility("default")));
int shown_again(int x) __attribute__((visibility("default")));
int shown_again(int x);
#pragma GCC visibility push(default)
int pushed_default(void);
#pragma GCC visibility pop
int hidden_again(void);
int explicitly_hidden(void) __attribute__((visibility("hidden")));
