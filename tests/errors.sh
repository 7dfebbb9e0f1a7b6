#!/bin/bash
# Error handling and output-file behaviour of kbindgen.
# Env: KBINDGEN (default build/kbindgen). Prints PASS:/FAIL: lines and ends
# with `errors: N passed, M failed`; exits non-zero if any failed.
. "$(dirname "$0")/lib.sh"

printf 'struct point { int x, y; };\nint area(struct point p);\n' > "$D/ok.h"
printf 'struct s { int a; };\nint x = ;\n' > "$D/bad.h"
mkdir "$D/out"

# kb ARGS...: runs kbindgen, leaves status in $rc and stderr in $D/err
kb() { "$KB" "$@" 2> "$D/err"; rc=$?; }
no_sanitizer() { ! grep -Eq "$SANITIZER" "$D/err"; }
fresh_old() { printf 'OLD\n' > "$D/out/x.rs"; chmod 640 "$D/out/x.rs"; }
# out_intact: x.rs kept its old contents and nothing else is in its directory
out_intact() { [ "$(cat "$D/out/x.rs")" = OLD ] && [ "$(ls -A "$D/out")" = x.rs ]; }

# expect_error NAME TEST ARGS...: kbindgen must fail, satisfy TEST (a shell
# condition on $rc and $D/err), and leave the output file untouched
expect_error() {
    local name=$1 cond=$2; shift 2
    fresh_old
    kb "$@" -o "$D/out/x.rs"
    if [ "$rc" -ne 0 ] && eval "$cond" && out_intact && no_sanitizer; then
        ok "$name"
    else
        bad "$name (exit $rc): $(head -c 300 "$D/err")"
    fi
}

expect_error "missing header" 'grep -q nonexistent.h "$D/err"' "$D/nonexistent.h"
expect_error "syntax error reported as file:line:col: error:" \
    'grep -Eq "bad\.h:2:[0-9]+: error:" "$D/err"' "$D/bad.h"
expect_error "unknown option exits 2 and names it" \
    '[ "$rc" -eq 2 ] && grep -q -- --frobnicate "$D/err"' "$D/ok.h" --frobnicate

fresh_old
kb "$D/ok.h" -o /nonexistent/dir/x.rs
if [ "$rc" -ne 0 ] && [ -s "$D/err" ] && [ ! -e /nonexistent ] && no_sanitizer; then
    ok "unwritable -o path"
else bad "unwritable -o path (exit $rc)"; fi

fresh_old
kb "$D/ok.h" -o "$D/out"
if [ "$rc" -ne 0 ] && out_intact && no_sanitizer; then ok "-o naming a directory"
else bad "-o naming a directory (exit $rc)"; fi

fresh_old
kb "$D/ok.h" -o "$D/out/x.rs"
if [ "$rc" -eq 0 ] && grep -q 'pub struct point' "$D/out/x.rs" &&
   [ "$(stat -c %a "$D/out/x.rs")" = 640 ] && [ "$(ls -A "$D/out")" = x.rs ] && no_sanitizer; then
    ok "replacing a file keeps its mode, no temp files left"
else bad "replacing a file (exit $rc, mode $(stat -c %a "$D/out/x.rs"), dir: $(ls -A "$D/out" | tr '\n' ' '))"; fi

kb "$D/ok.h" -o /dev/null
if [ "$rc" -eq 0 ] && [ -c /dev/null ] && no_sanitizer; then ok "-o /dev/null"
else bad "-o /dev/null (exit $rc)"; fi

"$KB" "$D/ok.h" > "$D/stdout.rs" 2> "$D/err"; rc=$?
if [ "$rc" -eq 0 ] && grep -q 'pub fn area' "$D/stdout.rs" && no_sanitizer; then
    ok "output to stdout without -o"
else bad "output to stdout without -o (exit $rc)"; fi

# --version: what version probes (the kernel's rust_is_available.sh) read,
# then kbindgen's own and its libclang's; also without a header
"$KB" --version > "$D/v" 2> "$D/err"; rc=$?
if [ "$rc" -eq 0 ] && [ "$(head -1 "$D/v")" = "kbindgen 0.72.1" ] &&
        grep -q '^kbindgen [0-9.]* (libclang .*)$' "$D/v" && [ ! -s "$D/err" ]; then
    ok "--version"
else bad "--version (exit $rc): $(cat "$D/v" "$D/err")"; fi

# determinism: every golden header twice, byte-identical
nondet=
for h in tests/golden/*.h "$D/ok.h"; do
    [ -e "$h" ] || continue
    mapfile -d '' argv < <(python3 tests/harness.py --golden "$KB" "$h")
    "${argv[@]}" > "$D/a.rs" 2> /dev/null
    "${argv[@]}" > "$D/b.rs" 2> /dev/null
    cmp -s "$D/a.rs" "$D/b.rs" || nondet+=" $(basename "$h")"
done
if [ -z "$nondet" ]; then ok "deterministic output (two runs byte-identical)"
else bad "non-deterministic output for:$nondet"; fi

finish
