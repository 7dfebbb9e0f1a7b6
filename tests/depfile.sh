#!/bin/bash
# Incremental builds the way the kernel does them: kbuild passes
# `-Wp,-MMD,<depfile>` in the clang arguments, libclang writes the make
# dependency file while it parses, and `if_changed_dep` (through fixdep)
# turns it into the prerequisites of the bindings. So a header change must
# regenerate the bindings and no change must regenerate nothing.
# This test builds a.rs from a.h (a.h includes b.h, b.h includes c.h) with a
# tiny Makefile that does what fixdep does, and checks that:
#   - the depfile is written and lists b.h and c.h;
#   - a second `make` runs nothing;
#   - touching b.h (or c.h) reruns kbindgen, once;
#   - bindgen's own --depfile, if kbindgen accepts it, writes
#     `<output>: <header> <deps...>`.
# Env: KBINDGEN (default build/kbindgen). Prints PASS:/FAIL: lines and ends
# with `depfile: N passed, M failed`; exits non-zero if any failed.
. "$(dirname "$0")/lib.sh"

mkdir "$D/inc"
printf '#include "inc/b.h"\nstruct a { struct b b; int n; };\n' > "$D/a.h"
printf '#include "c.h"\nstruct b { struct c c; };\n' > "$D/inc/b.h"
printf 'struct c { long v; };\n' > "$D/inc/c.h"

# Like kbuild: the depfile is a dot file named after the target; libclang
# names the rule's target after the input (a.o), which fixdep ignores, so the
# recipe rewrites the target to a.rs the same way. Each run appends a line
# to runs.log, so the test can count the runs.
cat > "$D/Makefile" <<'EOF'
a.rs: a.h
	echo run >> runs.log
	$(KBINDGEN) a.h -o $@ -- -Wp,-MMD,.a.rs.d -I.
	sed 's/^[^:]*:/a.rs:/' .a.rs.d > .a.rs.cmd
-include .a.rs.cmd
EOF

runs() { [ -f "$D/runs.log" ] && wc -l < "$D/runs.log" || echo 0; }
mk() { make -C "$D" KBINDGEN="$KB" > "$D/make.log" 2>&1; mrc=$?; }
# file timestamps have a clock-tick granularity: wait a second before a touch
# so the touched header is surely newer than the output
later() { sleep 1; touch "$@"; }

mk
if [ "$mrc" -eq 0 ] && grep -q 'pub struct a' "$D/a.rs"; then
    ok "first build"
else
    bad "first build (make exit $mrc): $(head -c 600 "$D/make.log")"
fi

if [ ! -e "$D/.a.rs.d" ]; then
    bad "-Wp,-MMD,.a.rs.d wrote no depfile (files: $(ls -A "$D" | tr '\n' ' '))"
elif grep -q 'inc/b\.h' "$D/.a.rs.d" && grep -q 'inc/c\.h' "$D/.a.rs.d"; then
    ok "-Wp,-MMD depfile lists b.h and c.h: $(tr -d '\\\n' < "$D/.a.rs.d" | tr -s ' ')"
else
    bad "depfile does not list b.h and c.h: $(head -c 300 "$D/.a.rs.d")"
fi

n=$(runs); mk
if [ "$mrc" -eq 0 ] && [ "$(runs)" -eq "$n" ]; then ok "nothing touched: no rerun"
else bad "nothing touched: kbindgen reran (make exit $mrc, runs $n -> $(runs))"; fi

for h in inc/b.h inc/c.h; do
    n=$(runs); later "$D/$h"; mk
    if [ "$mrc" -eq 0 ] && [ "$(runs)" -eq $((n + 1)) ] && [ "$D/a.rs" -nt "$D/$h" ]; then
        ok "touching $h reruns kbindgen"
    else
        bad "touching $h: runs $n -> $(runs), make exit $mrc: $(head -c 300 "$D/make.log")"
    fi
    n=$(runs); mk
    if [ "$mrc" -eq 0 ] && [ "$(runs)" -eq "$n" ]; then ok "after $h: second make runs nothing"
    else bad "after $h: second make reran kbindgen (runs $n -> $(runs))"; fi
done

# bindgen's --depfile: `<output>: <deps>`, target named after -o.
(cd "$D" && "$KB" a.h -o dep.rs --depfile dep.d -- -I. > /dev/null 2> dep.err)
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'not supported yet' "$D/dep.err"; then
    echo "SKIP: --depfile: $(head -1 "$D/dep.err")"
elif [ "$rc" -eq 0 ] && [ -f "$D/dep.d" ] && grep -q '^dep\.rs:' "$D/dep.d" &&
     grep -q 'inc/b\.h' "$D/dep.d" && grep -q 'inc/c\.h' "$D/dep.d"; then
    ok "--depfile writes dep.rs: ... b.h c.h"
else
    bad "--depfile (exit $rc): $(head -c 300 "$D/dep.err") $(head -c 300 "$D/dep.d" 2> /dev/null)"
fi

# --clang-macro-fallback parses a second time (a virtual file including
# the header): that parse must not rewrite the user's depfile
printf '#include "inc/b.h"\n#define SZ sizeof(struct b)\n' > "$D/m.h"
rm -f "$D/.m.d"
(cd "$D" && "$KB" m.h -o m.rs --clang-macro-fallback -- -Wp,-MMD,.m.d -I.) > /dev/null 2>&1
if grep -q '^pub const SZ: u32 = 8;' "$D/m.rs" 2>/dev/null && grep -q '^m\.o: m\.h' "$D/.m.d" 2>/dev/null &&
   ! grep -q 'kbindgen-macros' "$D/.m.d"; then
    ok "--clang-macro-fallback keeps the -Wp,-MMD depfile of the header"
else
    bad "--clang-macro-fallback and -Wp,-MMD: $(head -c 300 "$D/.m.d" 2>/dev/null)"
fi

finish
