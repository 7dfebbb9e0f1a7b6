#!/bin/bash
# Hostile and unusual inputs (issue 13): nothing silently cut, no output
# lost, no crash, clear one-line errors, and no warning clang would not give.
# Env: KBINDGEN (default build/kbindgen), LLVM. Prints PASS:/FAIL: lines and
# ends with `hardening: N passed, M failed`.
. "$(dirname "$0")/lib.sh"
export PATH="$HOME/.cargo/bin:$PATH"

printf 'struct point { int x, y; };\nint area(struct point p);\n' > "$D/ok.h"
mkdir "$D/out"

# kb ARGS...: runs kbindgen; status in $rc, stdout in $D/o.rs, stderr in $D/err
kb() { "$KB" "$@" > "$D/o.rs" 2> "$D/err"; rc=$?; }
clean() { ! grep -Eq "$SANITIZER" "$D/err"; }
compiles() { rustc --edition 2021 --crate-type lib --emit metadata -o "$D/x.rmeta" "$1" \
	-A warnings 2> "$D/rustc.err"; }
# check NAME CONDITION: a shell condition, also requiring no sanitizer report
check() {
	if eval "$2" && clean; then ok "$1"
	else bad "$1 (exit $rc): $(head -c 300 "$D/err")"; fi
}
one_line() { [ "$(wc -l < "$D/err")" -eq 1 ]; }

# ---- 1. nothing cut: long lists, many items, long literals
python3 - "$D" <<'EOF'
import sys
d = sys.argv[1]
ps = ", ".join("int" for _ in range(300))
open(f"{d}/params.h", "w").write(
    f"typedef void (*fp)({ps});\nstruct s {{ void (*f)({ps}); }};\n"
    f"void g(void (*cb)({ps}));\nvoid h({ps});\n")
ps = ", ".join("int" for _ in range(600))
open(f"{d}/params600.h", "w").write(f"void h({ps});\n")
open(f"{d}/externs.h", "w").write(
    "".join(f"extern int v{i};\nint f{i}(int);\n" for i in range(700)))
ann = " ".join(f'derive="D{i}"' for i in range(50))
open(f"{d}/ann.h", "w").write(f"/** <div rustbindgen {ann}></div> */\nstruct s {{ int a; }};\n")
open(f"{d}/float.h", "w").write("#define BIGF 0.5" + "0" * 600 + "\n")
open(f"{d}/derives.txt", "w").write("s=" + ",".join(f"D{i}" for i in range(100)))
open(f"{d}/rawline.txt", "w").write("#[derive(" + ", ".join(f"D{i}" for i in range(200)) + ")]")
open(f"{d}/attrs.txt", "w").write("s=" + ",".join(f'#[doc = "a{i}"]' for i in range(100)))
EOF
kb "$D/params.h"
check "300 parameters, every one kept (typedef, field, parameter, function)" \
    '[ $rc -eq 0 ] && [ "$(grep -c "arg300:" "$D/o.rs")" -eq 4 ] && compiles "$D/o.rs"'
kb "$D/params.h" --dynamic-loading lib
check "300 parameters with --dynamic-loading" '[ $rc -eq 0 ] && [ "$(grep -c "arg300:" "$D/o.rs")" -eq 6 ]'
kb "$D/params600.h"
check "a function of 600 parameters" '[ $rc -eq 0 ] && grep -q "arg600:" "$D/o.rs" && compiles "$D/o.rs"'
kb "$D/externs.h"
check "700 extern variables and 700 functions" \
    '[ $rc -eq 0 ] && [ "$(grep -c "pub static mut v[0-9]*:" "$D/o.rs")" -eq 700 ] &&
     [ "$(grep -c "pub fn f[0-9]*_*(" "$D/o.rs")" -eq 700 ]'
kb "$D/ann.h" "--with-derive-custom=$(cat "$D/derives.txt")" --no-doc-comments
check "50 derive annotations and 100 custom derives" \
    '[ $rc -eq 0 ] && [ "$(grep -o "\bD[0-9]*\b" "$D/o.rs" | sort -u | wc -l)" -eq 100 ]'
kb "$D/ann.h" "--with-attribute-custom=$(cat "$D/attrs.txt")"
check "100 custom attributes" '[ $rc -eq 0 ] && [ "$(grep -c "#\[doc = \"a[0-9]*\"\]" "$D/o.rs")" -eq 100 ]'
kb "$D/ok.h" --raw-line "$(cat "$D/rawline.txt")"
check "a raw line of 200 attribute arguments" \
    '[ $rc -eq 0 ] && [ "$(grep -c "^    D[0-9]*,*$" "$D/o.rs")" -eq 200 ]'
kb "$D/float.h"
check "a float literal of 604 characters" \
    '[ $rc -eq 0 ] && grep -q "pub const BIGF: f64 = 0.5;" "$D/o.rs"'

# ---- 2. no crash on deep nesting: C stops at 256 brackets, and so do we
python3 - "$D" <<'EOF'
import sys
d = sys.argv[1]
open(f"{d}/deep.h", "w").write("".join(
    f"#define DEEP{n} " + "(" * n + "1" + ")" * n + "\n" for n in (256, 257, 10000)) +
    "#define NEG " + "-" * 10000 + "1\n")
EOF
kb "$D/deep.h"
check "10,000 nested parentheses: no crash; 256 evaluated, as clang would" \
    '[ $rc -eq 0 ] && grep -q "DEEP256: u32 = 1" "$D/o.rs" && ! grep -q "DEEP257\|DEEP10000\|NEG" "$D/o.rs"'

# the macro scan (the macro modes) reads every line: one of a million #s
# in a string is crossed once, not walked back over for each # (quadratic
# before; the bound only stops a hang)
python3 - "$D" <<'EOF'
import sys
open(f"{sys.argv[1]}/hashes.h", "w").write(
    'static const char hashes[] = "' + "#" * 1000000 + '";\n#define AFTER_HASHES 7\n')
EOF
rc=0; timeout 120 "$KB" "$D/hashes.h" --macro-const-use-ctypes > "$D/o.rs" 2> "$D/err" || rc=$?
check "a line of a million #s in a string: the macro scan goes on" \
    '[ $rc -eq 0 ] && grep -q "pub const AFTER_HASHES: ::std::os::raw::c_int = 7;" "$D/o.rs"'

# the macro modes give clang the texts of the files the scan read; not
# when clang is told its files are elsewhere (-working-directory, a VFS
# overlay): then clang reads its own
mkdir -p "$D/wd/a" "$D/wd/b" "$D/wd/b/sub"
printf '#include "inc.h"\n#define TOP (INC + 1)\n' > "$D/wd/a/h.h"
cp "$D/wd/a/h.h" "$D/wd/b/h.h"
printf '#define INC 5\n' > "$D/wd/a/inc.h"
printf '#define INC 7\n' > "$D/wd/b/inc.h"
rc=0; (cd "$D/wd/b" && "$KB" h.h --clang-macro-fallback -- -working-directory "$D/wd/a") \
    > "$D/o.rs" 2> "$D/err" || rc=$?
check "--clang-macro-fallback with -working-directory: clang's files, not the scan's" \
    '[ $rc -eq 0 ] && grep -q "pub const TOP: u32 = 6;" "$D/o.rs"'
printf '{"version": 0, "roots": [{"name": "%s", "type": "directory", "contents": [{"name": "inc.h", "type": "file", "external-contents": "%s"}]}]}' \
    "$D/wd/b" "$D/wd/a/inc.h" > "$D/wd/overlay.yaml"
rc=0; (cd "$D/wd/b" && "$KB" h.h --macro-const-use-ctypes -- -ivfsoverlay "$D/wd/overlay.yaml") \
    > "$D/o.rs" 2> "$D/err" || rc=$?
check "--macro-const-use-ctypes with -ivfsoverlay: the overlay's file, not the scan's" \
    '[ $rc -eq 0 ] && grep -q "pub const TOP: ::std::os::raw::c_int = 6;" "$D/o.rs"'

# ---- 3. regexes: errors are errors, big sets work, messages are short
python3 - "$D" <<'EOF'
import sys, random
d = sys.argv[1]
long = "f" + "o" * 2000
open(f"{d}/long.h", "w").write(f"int {long}(int);\nint other(int);\n")
random.seed(1)
open(f"{d}/many.args", "w").write("\n".join(
    "--allowlist-function=" + "".join(random.choice("abcdefghij_") for _ in range(80))
    for _ in range(1000)) + "\n--allowlist-function=area\n")
names = ["name_%05d_abcdefghij" % i for i in range(5500)]
open(f"{d}/big.txt", "w").write("|".join(names))
open(f"{d}/big.h", "w").write("int name_05499_abcdefghij(void);\nint name_0549_abcdefghij(void);\n")
EOF
kb "$D/long.h" --allowlist-function '(f|o)*'
check "an allowlisted 2,001-character name (past the JIT's default stack)" \
    '[ $rc -eq 0 ] && grep -q "pub fn fooo" "$D/o.rs" && ! grep -q "pub fn other" "$D/o.rs"'
kb "$D/long.h" --blocklist-function '(f|o)*'
check "a blocklisted 2,001-character name" \
    '[ $rc -eq 0 ] && ! grep -q "pub fn fooo" "$D/o.rs" && grep -q "pub fn other" "$D/o.rs"'
mapfile -t many < "$D/many.args"
kb "$D/ok.h" "${many[@]}"
check "1,001 --allowlist-function patterns of 80 characters" \
    '[ $rc -eq 0 ] && grep -q "pub fn area" "$D/o.rs"'
kb "$D/big.h" --allowlist-function "$(cat "$D/big.txt")"
check "a 121 KB regex" \
    '[ $rc -eq 0 ] && grep -q "pub fn name_05499_abcdefghij" "$D/o.rs" && ! grep -q name_0549_ "$D/o.rs"'
kb "$D/ok.h" --allowlist-function '\'
check "a lone backslash is named as such" \
    '[ $rc -eq 2 ] && grep -q "at end of pattern" "$D/err" && one_line'
kb "$D/ok.h" --allowlist-function 'a)|(b'
check "a pattern that is a regex only inside the set's wrapping" \
    '[ $rc -eq 2 ] && grep -q "unmatched closing parenthesis" "$D/err" && one_line'
kb "$D/ok.h" --allowlist-function "$(printf '(%.0s' {1..5000})a"
check "a bad 5,001-byte regex is quoted shortened" \
    '[ $rc -eq 2 ] && one_line && [ "$(wc -c < "$D/err")" -lt 300 ]'

# ---- 4, 5. signals and failures leave the old outputs and no temporary
fresh_old() { rm -rf "$D/out"; mkdir "$D/out"; printf 'OLD\n' > "$D/out/x.rs"; }
# out_intact [FILE]: x.rs kept its old contents; nothing but it (and FILE)
out_intact() { [ "$(cat "$D/out/x.rs")" = OLD ] &&
	[ "$(ls -A "$D/out" | grep -vxF "${1:-/}")" = x.rs ]; }
# a depfile that is a FIFO is written in place at the commit, after the
# bindings' temporary is made: the run waits there for a reader.
# killed_at_commit SIG: kbindgen so blocked, killed by SIG; $rc "killed"
killed_at_commit() {
    fresh_old
    mkfifo "$D/out/fifo"
    python3 - "$KB" "$D" "$1" > "$D/sig" 2> "$D/err" <<'EOF'
import os, signal, subprocess, sys, time
kb, d, sig = sys.argv[1:]
p = subprocess.Popen([kb, f"{d}/ok.h", "-o", f"{d}/out/x.rs", "--depfile", f"{d}/out/fifo"],
                     stderr=subprocess.DEVNULL)
for _ in range(500):
    if any(n.startswith(".x.rs.") for n in os.listdir(f"{d}/out")):
        break
    time.sleep(0.01)
else:
    print("no temporary seen")
s = getattr(signal, "SIG" + sig)
p.send_signal(s)
print("killed" if p.wait() == -s else "exit %d" % p.wait())
EOF
    rc=$(cat "$D/sig")
    ls -A "$D/out" | tr '\n' ' ' > "$D/err"
}
for sig in TERM INT HUP; do
    killed_at_commit $sig
    check "SIG$sig while writing: old output kept, no temporary left" \
        '[ "$rc" = killed ] && out_intact fifo'
done
fresh_old
kb "$D/ok.h" -o "$D/out/x.rs" --depfile "$D/nonexistent/x.d"
check "--depfile into a missing directory: nothing replaced" '[ $rc -ne 0 ] && out_intact && one_line'
printf 'static inline int twice(int x) { return 2 * x; }\n' > "$D/inline.h"
fresh_old
kb "$D/inline.h" -o "$D/out/x.rs" --wrap-static-fns --wrap-static-fns-path "$D/nonexistent/w"
check "--wrap-static-fns-path into a missing directory: nothing replaced" '[ $rc -ne 0 ] && out_intact'
fresh_old
kb "$D/ok.h" -o "$D/out/x.rs" --depfile /dev/full
check "--depfile /dev/full: the bindings are not replaced" '[ $rc -ne 0 ] && out_intact && one_line'

# ---- 6. -o through a symbolic link, -o naming the header
fresh_old
ln -s x.rs "$D/out/link.rs"
kb "$D/ok.h" -o "$D/out/link.rs"
check "-o through a symbolic link writes the file it points to" \
    '[ $rc -eq 0 ] && [ -L "$D/out/link.rs" ] && grep -q "pub struct point" "$D/out/x.rs"'
cp "$D/ok.h" "$D/keep.h"
kb "$D/keep.h" -o "$D/keep.h"
check "-o naming the input header: refused, header kept" \
    '[ $rc -ne 0 ] && cmp -s "$D/ok.h" "$D/keep.h" && one_line && grep -q "input header" "$D/err"'
ln -s keep.h "$D/keep-link.h"
kb "$D/keep.h" -o "$D/keep-link.h"
check "-o naming the input header through a link: refused" '[ $rc -ne 0 ] && cmp -s "$D/ok.h" "$D/keep.h"'

# ---- 7. output that compiles: $ in names, invalid UTF-8 in comments
cat > "$D/dollar.h" <<'EOF'
typedef int t$t;
enum e$e { A$1, B$2 };
struct x$y { unsigned a$:3, b$c:5; int (*cb$)(int x$); };
union u$ { int p$; float q; };
int f$g(int p$q, t$t r);
extern int var$;
#define M$N 3
EOF
kb "$D/dollar.h"
check "\$ in identifiers: bindgen's mangling, compiles, symbols kept" \
    '[ $rc -eq 0 ] && grep -q "pub struct x_y_ " "$D/o.rs" && grep -qF "link_name = \"\\u{1}f\$g\"" "$D/o.rs" &&
     compiles "$D/o.rs"'
printf '/** bad \xff\xfe utf8 \xe2\x82 end \xf0\x9f\x98\x80 ok */\nstruct u { int a; };\n' > "$D/utf8.h"
kb "$D/utf8.h"
check "invalid UTF-8 in a comment: U+FFFD as Rust's from_utf8_lossy, compiles" \
    '[ $rc -eq 0 ] && iconv -f UTF-8 -t UTF-8 "$D/o.rs" > /dev/null &&
     grep -q "bad $(printf "\xef\xbf\xbd\xef\xbf\xbd") utf8 $(printf "\xef\xbf\xbd") end" "$D/o.rs" && compiles "$D/o.rs"'

# ---- 8. messages that say what is wrong, on one line
mkdir "$D/dir.h"
kb "$D/dir.h"
check "a directory as the header" '[ $rc -eq 1 ] && one_line && grep -q "Is a directory" "$D/err"'
cp "$D/ok.h" "$D/ok.txt"
kb "$D/ok.txt"
check "a header clang does not take for one (.txt)" '[ $rc -eq 1 ] && one_line && grep -q -- "-x c-header" "$D/err"'
kb "$D/ok.h" -- -I
check "-- -I: clang's driver's words" '[ $rc -eq 1 ] && one_line && grep -q "argument to .-I. is missing" "$D/err"'
kb "$D/ok.h" -- --target=nonexistent-arch
check "-- --target=nonexistent-arch: clang's words" \
    '[ $rc -eq 1 ] && one_line && grep -q "unknown target triple .nonexistent-arch." "$D/err"'
kb --help=foo
check "--help=foo is a usage error" '[ $rc -eq 2 ] && one_line && [ ! -s "$D/o.rs" ]'

# ---- 10. a big output's items are written as they are made (out.c's
# spill, past 8 MiB): $KBINDGEN_SPILL_AT=1 spills after every item.  The
# same bytes, to a file and to stdout, whether the head guessed at the
# first spill proves right (the spill file beside the output becomes it)
# or not (the items are copied); a failure or a signal after the spill
# leaves no spill file, in $TMPDIR or beside the output (out_intact).
mkdir -p "$D/tmp"
n=0 same=0
for h in tests/golden/*.h; do
    g=${h%.h}.rs
    [ -f "$g" ] || continue
    read -ra flags <<< "$(sed -n 's|^// bindgen-flags: ||p' "$h" | head -1)"
    case " ${flags[*]} " in
    *" --merge-extern-blocks "*|*" --sort-semantically "*|*" --wrap-static-fns"*|*" --depfile "*) continue ;;
    esac
    "$KB" "$h" -o "$D/plain.rs" "${flags[@]}" > /dev/null 2>&1 || continue
    n=$((n + 1))
    TMPDIR=$D/tmp KBINDGEN_SPILL_AT=1 "$KB" "$h" -o "$D/spilled.rs" "${flags[@]}" > /dev/null 2>&1 &&
    TMPDIR=$D/tmp KBINDGEN_SPILL_AT=1 "$KB" "$h" "${flags[@]}" 2> /dev/null > "$D/stdout.rs" &&
        cmp -s "$D/plain.rs" "$D/spilled.rs" && cmp -s "$D/plain.rs" "$D/stdout.rs" &&
        same=$((same + 1))
done
rc=0; : > "$D/err"
check "items spilled after each item: $same of $n golden headers the same, to a file and to stdout" \
    '[ $n -gt 50 ] && [ $same = $n ] && [ -z "$(ls -A "$D/tmp")" ]'
fresh_old
TMPDIR=$D/tmp KBINDGEN_SPILL_AT=1 kb "$D/ok.h" -o "$D/out/x.rs" --depfile "$D/nonexistent/x.d"
check "spilled, then --depfile into a missing directory: nothing replaced, no scratch file" \
    '[ $rc -ne 0 ] && out_intact && [ -z "$(ls -A "$D/tmp")" ]'
TMPDIR=$D/tmp KBINDGEN_SPILL_AT=1 killed_at_commit TERM
check "spilled, then SIGTERM: old output kept, no temporary, no scratch file" \
    '[ "$rc" = killed ] && out_intact fifo && [ -z "$(ls -A "$D/tmp")" ]'

# A unit with no comment clang could attach is not asked for any (clang's
# cache of the answers costs 65 MiB on 200,000 records); one that has is
# asked as before: a doc comment in another file on a redeclaration, a
# trailing one, and with -fparse-all-comments a plain one.
printf '/** doc of s */\nstruct s;\n' > "$D/redecl.h"
printf '#include "redecl.h"\n/* plain */\nstruct s { int x; };\n' > "$D/doc.h"
kb "$D/doc.h"
check "a doc comment on a redeclaration in another file" \
    '[ $rc -eq 0 ] && grep -q "doc = \" doc of s\"" "$D/o.rs" && ! grep -q plain "$D/o.rs"'
printf 'struct t { int y; //!< trailing\n};\n' > "$D/trailing.h"
kb "$D/trailing.h"
check "a trailing doc comment" '[ $rc -eq 0 ] && grep -q "doc = \"!< trailing\"" "$D/o.rs"'
printf '/* plain */\nstruct u { int z; /* of z */ };\n' > "$D/plain.h"
kb "$D/plain.h" -- -fparse-all-comments
check "-fparse-all-comments: plain comments are asked for" \
    '[ $rc -eq 0 ] && grep -q "doc = \" plain\"" "$D/o.rs" && grep -q "doc = \" of z\"" "$D/o.rs"'

# ---- 9. the diagnostics of clang -fsyntax-only, not those of skipped bodies
cat > "$D/unused.h" <<'EOF'
static int helper(int x) { return x + 1; }
static inline int user(int x) { return helper(x); }
static int counter;
#define BUMP() (counter++)
static inline void bump(void) { BUMP(); }
EOF
kb "$D/unused.h" -- -Wunused-function -Wunused-variable -Werror
check "statics used only in bodies: no warning under -Werror" '[ $rc -eq 0 ] && [ ! -s "$D/err" ]'
printf 'static int really_unused(int x) { return x; }\n' >> "$D/unused.h"
kb "$D/unused.h" -- -Wunused-function -Werror
check "a static function used nowhere: clang's error, as clang gives it" \
    '[ $rc -eq 1 ] && one_line && grep -q "unused.h:6:12: error: unused function .really_unused." "$D/err"'
finish
