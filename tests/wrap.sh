#!/bin/bash
# --wrap-static-fns end to end: kbindgen writes the Rust bindings and the C
# wrappers of a header's static (inline) functions; the wrappers are
# compiled with cc, linked into a Rust program that calls every function
# through them, and the program's output is checked.  Also: the default
# path ($TMPDIR/bindgen/extern.c), the suffix option, the extension rule,
# the kernel's naming (prefix and export options), and that an
# unwrappable (variadic) static function is not bound.
# Env: KBINDGEN (default build/kbindgen).  Ends with `wrap: N passed, M failed`.
. "$(dirname "$0")/lib.sh"

cat > "$D/w.h" <<'H'
typedef int (unary)(int);
struct pt { int x, y; };
typedef struct { double r; } circle;
enum color { RED = 1, GREEN = 2 };
static inline int add(int a, int b) { return a + b; }
static int twice(int (f)(int), int v) { return f(f(v)); }
static inline int apply(unary *f, int v) { return f(v); }
static inline long sum(const int *const *rows, int n) { long s = 0; for (int i = 0; i < n; i++) s += rows[i][0]; return s; }
static inline struct pt swap(struct pt p) { struct pt q = { p.y, p.x }; return q; }
static inline double area(const circle *c) { return 3 * c->r * c->r; }
static inline enum color next(const enum color c) { return c == RED ? GREEN : RED; }
static inline int (*pick(int which))(int);
static inline void nothing(void) {}
static inline int anon(int, int b) { return b; }
static inline int sumv(int n, ...) { return n; }
int plain(int);
static inline int inc(int v) { return v + 1; }
static inline int (*pick(int which))(int) { return which ? inc : 0; }
H
cat > "$D/main.rs" <<'R'
#![allow(dead_code, non_camel_case_types, non_upper_case_globals)]
mod b { include!(concat!(env!("OUT"), "/w.rs")); }
use b::*;
extern "C" fn dbl(v: i32) -> i32 { v * 2 }
fn main() {
    unsafe {
        let r0 = [5i32]; let r1 = [7i32];
        let rows = [r0.as_ptr(), r1.as_ptr()];
        let p = swap(pt { x: 1, y: 2 });
        let f = pick(1).unwrap();
        nothing();
        println!("{} {} {} {} {} {} {} {} {}", add(2, 3), twice(Some(dbl), 3), apply(Some(dbl), 4),
                 sum(rows.as_ptr(), 2), p.x * 10 + p.y, area(&circle { r: 2.0 }),
                 next(color_RED), f(41), anon(0, 9));
    }
}
R
if "$KB" "$D/w.h" -o "$D/w.rs" --wrap-static-fns --wrap-static-fns-path "$D/wrap.x" 2> "$D/err"; then
    ok "kbindgen --wrap-static-fns"
else
    bad "kbindgen --wrap-static-fns: $(head -1 "$D/err")"
fi
[ -f "$D/wrap.c" ] && ok "path: extension replaced by .c" || bad "path: no $D/wrap.c"
grep -q 'fn sumv' "$D/w.rs" && bad "variadic static function bound" || ok "variadic static function not bound"
grep -q 'fn plain' "$D/w.rs" && ok "extern function still bound" || bad "extern function missing"
if cc -std=c11 -Wall -Werror -Wno-unused-function -c -I"$D" "$D/wrap.c" -o "$D/wrap.o" 2> "$D/cc"; then
    ok "wrappers compile (cc -Wall -Werror)"
else
    bad "wrappers do not compile: $(head -3 "$D/cc")"
fi
if OUT=$D rustc --edition 2021 -o "$D/main" "$D/main.rs" -C link-arg="$D/wrap.o" 2> "$D/rustc"; then
    ok "Rust program links against the wrappers"
else
    bad "rustc: $(grep -m3 error "$D/rustc")"
fi
want="5 12 8 12 21 12 2 42 9"
got=$("$D/main" 2>&1)
[ "$got" = "$want" ] && ok "calls through the wrappers: $got" || bad "calls: got '$got', want '$want'"

# the suffix and the default path
mkdir "$D/tmp"
if TMPDIR=$D/tmp "$KB" "$D/w.h" -o /dev/null --wrap-static-fns --wrap-static-fns-suffix _w 2> "$D/err" &&
   grep -q '^int add_w(int a, int b) { return add(a, b); }$' "$D/tmp/bindgen/extern.c"; then
    ok "default path \$TMPDIR/bindgen/extern.c, --wrap-static-fns-suffix"
else
    bad "default path or suffix: $(head -1 "$D/err")"
fi
# --wrap-static-fns-compile: functions that compile only with constant
# arguments (inline asm "i", a BUILD_BUG_ON-like error attribute), and
# one that inlines such a one, are left out with clang's reason; the
# file then compiles at -O2; the scratch C file is gone
cat > "$D/c.h" <<'H'
static inline void set_bit_const(int nr) { asm volatile("bts %0, (%%rdi)" :: "i"(nr)); }
static inline int helper(int x)
{
	set_bit_const(x);
	return x;
}
extern void __compiletime_assert_1(void) __attribute__((__error__("BUILD_BUG_ON failed")));
static inline int index_of(unsigned long size) { if (size > 4096) __compiletime_assert_1(); return 0; }
static inline int fine(int a) { return a + 1; }
H
mkdir -p "$D/ctmp"
if TMPDIR=$D/ctmp "$KB" "$D/c.h" -o "$D/c.rs" --wrap-static-fns --wrap-static-fns-compile \
        --wrap-static-fns-path "$D/cw" -- -O2 2> "$D/err" &&
   [ -z "$(ls -A "$D/ctmp")" ] &&
   grep -q "set_bit_const: not wrapped: invalid operand for inline asm constraint 'i'" "$D/err" &&
   grep -q "helper: not wrapped: it calls set_bit_const, which is not" "$D/err" &&
   grep -q "index_of: not wrapped: call to '__compiletime_assert_1' declared with 'error' attribute" "$D/err" &&
   grep -q '^int fine__extern(int a) { return fine(a); }$' "$D/cw.c" &&
   ! grep -q 'helper\|set_bit_const\|index_of' "$D/cw.c" && ! grep -q 'pub fn helper' "$D/c.rs" &&
   cc -c -O2 -o "$D/cw.o" "$D/cw.c" 2> "$D/cc"; then
    ok "--wrap-static-fns-compile: what clang refuses left out, with its reason; the rest compiles"
else
    bad "--wrap-static-fns-compile: $(head -3 "$D/err") $(head -2 "$D/cc" 2> /dev/null)"
fi

# the kernel's naming: rust_helper_f, its export after it, the Rust name f
if "$KB" "$D/w.h" -o "$D/k.rs" --wrap-static-fns --wrap-static-fns-path "$D/helpers" \
        --wrap-static-fns-prefix rust_helper_ --wrap-static-fns-export EXPORT_SYMBOL_RUST_GPL 2> "$D/err" &&
   grep -q '^int rust_helper_add(int a, int b) { return add(a, b); }$' "$D/helpers.c" &&
   grep -q '^EXPORT_SYMBOL_RUST_GPL(rust_helper_add);$' "$D/helpers.c" &&
   grep -A1 -q 'link_name = "rust_helper_add"' "$D/k.rs" && grep -q 'pub fn add(' "$D/k.rs" &&
   ! grep -q '__extern' "$D/helpers.c" "$D/k.rs"; then
    ok "--wrap-static-fns-prefix rust_helper_, --wrap-static-fns-export: the kernel's names"
else
    bad "prefix/export: $(head -1 "$D/err")"
fi
finish
