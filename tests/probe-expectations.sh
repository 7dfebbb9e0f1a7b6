#!/bin/bash
# Validates tests/layout-probe.py on bindgen's own expectations: runs it for
# every header of expect_compiles.txt (x86_64 targets only) and prints
# `NAME STATUS SUMMARY` per header, then totals. Logs in $OUT (default
# build/probe-expectations/). Env: SHARED as for conformance.py.
cd "$(dirname "$0")/.."
S=${SHARED:-../shared/bindgen-tests}
[ -e "$S/c_headers.txt" ] || S=$S/bindgen-tests
export S OUT=${OUT:-build/probe-expectations}
mkdir -p "$OUT"
one() {
    local n=$1 h=$S/headers/$1.h cargs=() seen= a
    mapfile -d '' argv < <(python3 tests/harness.py --golden x "$h")
    for a in "${argv[@]}"; do
        [ -n "$seen" ] && cargs+=("$a")
        [ "$a" = -- ] && seen=1
    done
    for a in "${cargs[@]}"; do
        case $a in --target=x86_64-unknown-linux*) ;; --target=*) echo "$n skip $a"; return;; esac
    done
    python3 tests/layout-probe.py "$h" "$S/expectations/tests/$n.rs" -- "${cargs[@]}" \
        > "$OUT/$n.log" 2>&1
    echo "$n $? $(tail -1 "$OUT/$n.log")"
}
export -f one
sed 's/\.h$//' "$S/expect_compiles.txt" | xargs -P 2 -I{} bash -c 'one {}' | sort > "$OUT/summary"
cat "$OUT/summary"
awk '$2 == 0 {p++; c += $4; k += $8} $2 == 1 {f++} $2 == "skip" {s++}
     END {printf "pass=%d fail=%d target-skipped=%d; %d checks, %d skipped in passing files\n",
          p, f, s, c, k}' "$OUT/summary"
