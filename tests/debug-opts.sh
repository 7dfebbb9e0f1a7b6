#!/bin/bash
# bindgen's debugging options: --emit-ir, --emit-ir-graphviz, --emit-clang-ast,
# --dump-preprocessed-input, --time-phases.  Each must do its job and leave
# the bindings as they are without it.  And --generate-shell-completions.
# Env: KBINDGEN (default build/kbindgen).  Ends with `debug-opts: N passed, M failed`.
. "$(dirname "$0")/lib.sh"

cat > "$D/h.h" <<'H'
#define ANSWER 42
typedef unsigned long size;
struct node { struct node *next; size len : 7; };
int walk(const struct node *n);
H
"$KB" "$D/h.h" -o "$D/plain.rs" || bad "plain run"

cd "$D"
"$KB" h.h -o with.rs --emit-ir --emit-clang-ast --emit-ir-graphviz ir.dot \
	--dump-preprocessed-input --time-phases > stdout 2> stderr || bad "run with all debug options"
cmp -s plain.rs with.rs && ok "bindings unchanged" || bad "bindings differ with debug options"
grep -q '^struct node @ .*h.h:3:8 size 16 align 8$' stdout &&
grep -q '^  @64:7 len: typedef size$' stdout &&
grep -q '^function walk @ .*: fn(n: ptr to const struct node) -> int$' stdout &&
grep -q '^macro ANSWER @ .* = 42$' stdout && ok "--emit-ir" || bad "--emit-ir: $(grep -m3 '' stdout)"
grep -q "^StructDecl 'node' type 'struct node' (Record) 3:8$" stdout &&
grep -q "^  FieldDecl 'next' type 'struct node \*' (Pointer) 3:28$" stdout &&
	ok "--emit-clang-ast" || bad "--emit-clang-ast"
grep -q 'label="function walk"' ir.dot && grep -Eq '^  n[0-9]+ -> n[0-9]+;$' ir.dot &&
	ok "--emit-ir-graphviz" || bad "--emit-ir-graphviz: $(head -3 ir.dot)"
grep -q 'int walk(const struct node \*n);' __bindgen.i && ! grep -q '#define' __bindgen.i &&
	ok "--dump-preprocessed-input writes __bindgen.i" || bad "--dump-preprocessed-input"
for p in "clang parse" ir names select derives layout style codegen write; do
	grep -Eq "^  time: +[0-9]+\.[0-9]{3} ms\.	$p$" stderr || { bad "--time-phases: no $p"; break; }
done && ok "--time-phases"
# --generate-shell-completions: scripts from the option table; bash's is
# loaded and asked to complete
"$KB" --generate-shell-completions bash > comp.bash &&
bash -c '. ./comp.bash; COMP_WORDS=(kbindgen --allowlist-f); COMP_CWORD=1; _kbindgen
	echo "${COMPREPLY[*]}"' > comp.out 2>&1
if [ "$(cat comp.out)" = "--allowlist-function --allowlist-file" ]; then
	ok "--generate-shell-completions bash"
else
	bad "--generate-shell-completions bash: $(head -c 200 comp.out)"
fi
for sh in zsh fish elvish powershell; do
	"$KB" --generate-shell-completions $sh > comp.$sh && grep -q -- 'wrap-static-fns' comp.$sh ||
		{ bad "--generate-shell-completions $sh"; continue; }
	ok "--generate-shell-completions $sh"
done
# --clang-macro-fallback reads the include closure before the parse; a
# macro from a computed #include (which that reading cannot follow) takes
# the second parse, and still gets its value.  --emit-ir says why a macro
# has no value under --macro-const-use-ctypes.
cat > "$D/inc.h" <<'H'
#define HIDDEN_SIZE ((unsigned short)sizeof(long))
H
cat > "$D/m.h" <<'H'
#define INC "inc.h"
#include INC
#define SEEN ((unsigned char)300)
#define A_STMT do { } while (0)
H
if "$KB" "$D/m.h" -o "$D/m.rs" --clang-macro-fallback -- -I"$D" 2> "$D/err" &&
   grep -q '^pub const HIDDEN_SIZE: u32 = 8;$' "$D/m.rs" && grep -q '^pub const SEEN: u32 = 44;$' "$D/m.rs"; then
    ok "--clang-macro-fallback: a macro behind a computed #include, and one the reading saw"
else
    bad "--clang-macro-fallback: $(head -1 "$D/err") $(grep -c 'pub const' "$D/m.rs")"
fi
if "$KB" "$D/m.h" -o /dev/null --macro-const-use-ctypes --emit-ir -- -I"$D" > "$D/ir" 2> "$D/err" &&
   grep -q '^macro HIDDEN_SIZE .*: unsigned short = 8$' "$D/ir" &&
   grep -q '^macro A_STMT .*(no value: not taken for an expression' "$D/ir"; then
    ok "--macro-const-use-ctypes --emit-ir: types, values, and why not"
else
    bad "--macro-const-use-ctypes --emit-ir: $(grep '^macro' "$D/ir" | head -3)"
fi
# A function-like macro the reading misses (a directory it does not
# search, -iwithprefix) is no function: a macro calling it takes the
# second parse, not "no constant", in both modes.
mkdir -p "$D/pfx/inc"
echo '#define HIDDEN_TWICE(x) ((x) * 2)' > "$D/pfx/inc/hidden.h"
printf '#include <hidden.h>\n#define USES_HIDDEN (HIDDEN_TWICE(21) + 0)\n' > "$D/m3.h"
if "$KB" "$D/m3.h" -o "$D/m3.rs" --clang-macro-fallback -- -iprefix "$D/pfx/" -iwithprefix inc &&
   grep -q '^pub const USES_HIDDEN: u32 = 42;$' "$D/m3.rs" &&
   "$KB" "$D/m3.h" -o "$D/m3c.rs" --macro-const-use-ctypes -- -iprefix "$D/pfx/" -iwithprefix inc &&
   grep -q '^pub const USES_HIDDEN: ::std::os::raw::c_int = 42;$' "$D/m3c.rs"; then
    ok "a function-like macro the reading missed: the second parse"
else
    bad "a function-like macro the reading missed: $(grep USES "$D/m3.rs" "$D/m3c.rs")"
fi
# The second parse's answers are read with its own errors: every one of
# them (clang stops reporting after 20 by default), on its own lines (not
# those of the macro block, whose errors are read before).
{
    for i in $(seq 1 25); do echo "#define TYPE_$i unsigned int"; done
    echo "#define NOT_A_VALUE 0, { 0 }"
    echo "#define A_VALUE (sizeof(TYPE_1) + 1)"
} > "$D/inc2.h"
{
    echo '#define INC2 "inc2.h"'
    echo '#include INC2'
    for i in $(seq 1 40); do echo "#define BLOCK_$i (struct_$i)"; done
} > "$D/m2.h"
if "$KB" "$D/m2.h" -o /dev/null --macro-const-use-ctypes --emit-ir -- -I"$D" > "$D/ir2" 2> "$D/err" &&
   grep -q '^macro NOT_A_VALUE .*(no value: not a constant expression)$' "$D/ir2" &&
   grep -q '^macro A_VALUE .*: unsigned long = 5$' "$D/ir2"; then
    ok "the second parse: each of its errors, on its own lines"
else
    bad "the second parse: $(grep -E '^macro (NOT_)?A_VALUE' "$D/ir2")"
fi
# A macro that is one name, no macro, is answered from what that name
# declares, not asked: a function or an array is an address, a
# thread-local array no constant, a const int its value; a name clang
# predefines takes the second parse, and gets clang's value.
cat > "$D/lone.h" <<'H'
extern int lone_array[4];
extern _Thread_local int lone_tls[2];
static const int lone_const = 12;
int lone_function(void);
#define A_FUNCTION lone_function
#define AN_ARRAY lone_array
#define A_TLS_ARRAY lone_tls
#define A_CONST lone_const
#define A_PREDEFINED linux
H
if "$KB" "$D/lone.h" -o /dev/null --macro-const-use-ctypes --emit-ir -- --target=x86_64-linux-gnu \
	-std=gnu11 > "$D/ir3" 2> "$D/err" &&
   grep -q '^macro A_FUNCTION .*(no value: an address: no constant in Rust)$' "$D/ir3" &&
   grep -q '^macro AN_ARRAY .*(no value: an address: no constant in Rust)$' "$D/ir3" &&
   grep -q '^macro A_TLS_ARRAY .*(no value: not a constant expression)$' "$D/ir3" &&
   grep -q '^macro A_CONST .* int = 12$' "$D/ir3" && grep -q '^macro A_PREDEFINED .* int = 1$' "$D/ir3"; then
    ok "a macro that is one name: what the name declares"
else
    bad "a macro that is one name: $(grep '^macro A' "$D/ir3")"
fi
finish
