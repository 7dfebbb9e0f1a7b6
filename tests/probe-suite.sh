#!/bin/bash
# The layout probe over bindgen's suite: for every header of c_headers.txt
# that targets x86_64 Linux, runs the probe (tests/layout-probe.py) on
#   kbindgen's own output (default; KBINDGEN=build/kbindgen, harness argv), or
#   bindgen's expectation (--expectations: validates the probe itself).
# Prints `NAME STATUS SUMMARY` per header, then totals; exit 1 on any failure
# (a mismatch, a probe that does not build, or kbindgen failing).  Skipped:
# other targets (`skip`), and headers outside expect_compiles.txt whose
# bindings need more than std to compile (`nostd`: libloading, include!, an
# ABI x86_64 Linux lacks, Rust parse callbacks).
# Logs in $OUT (default build/probe-suite/ or build/probe-expectations/).
# Env: SHARED as for conformance.py.
cd "$(dirname "$0")/.."
S=${SHARED:-../shared/bindgen-tests}
[ -e "$S/c_headers.txt" ] || S=$S/bindgen-tests
MODE=kbindgen
[ "$1" = --expectations ] && MODE=expectations
export S MODE KBINDGEN=${KBINDGEN:-build/kbindgen}
export OUT=${OUT:-build/probe-$([ $MODE = kbindgen ] && echo suite || echo expectations)}
mkdir -p "$OUT"
one() {
	local n=$1 h=$S/headers/$1.h cargs=() seen= a rs
	mapfile -d '' argv < <(python3 tests/harness.py x "$h")
	for a in "${argv[@]}"; do
		[ -n "$seen" ] && cargs+=("$a")
		[ "$a" = -- ] && seen=1
	done
	for a in "${cargs[@]}"; do
		case $a in --target=x86_64-unknown-linux*) ;; --target=*) echo "$n skip $a"; return;; esac
	done
	if [ $MODE = kbindgen ]; then
		rs=$OUT/$n.rs
		if ! "$KBINDGEN" -o "$rs" "${argv[@]:1}" 2> "$OUT/$n.log"; then
			echo "$n nogen $(head -1 "$OUT/$n.log")"
			return
		fi
	else
		rs=$S/expectations/tests/$n.rs
	fi
	python3 tests/layout-probe.py "$h" "$rs" -- "${cargs[@]}" > "$OUT/$n.log" 2>&1
	local rc=$?
	# bindings that need more than std (libloading, include!, a stdcall
	# target) cannot build a probe: bindgen's list says which
	if [ $rc != 0 ] && ! grep -qx "$n.h" "$S/expect_compiles.txt" &&
	   grep -q "Rust program does not compile" "$OUT/$n.log"; then
		echo "$n nostd $(grep -m1 '^error' "$OUT/$n.log")"
		return
	fi
	# extern "stdcall" and friends do not build on x86_64 Linux, and
	# parse-callback headers need their Rust callbacks
	if [ $rc != 0 ] && grep -q "Rust program does not compile" "$OUT/$n.log"; then
		if grep -q "E0570" "$OUT/$n.log"; then
			echo "$n nostd $(grep -m1 '^error' "$OUT/$n.log")"
			return
		elif grep -q "bindgen-parse-callbacks" "$h"; then
			echo "$n nostd needs its parse callbacks: $(grep -m1 '^error' "$OUT/$n.log")"
			return
		fi
	fi
	echo "$n $rc $(tail -1 "$OUT/$n.log")"
}
export -f one
sed 's/\.h$//' "$S/c_headers.txt" | xargs -P 2 -I{} bash -c 'one {}' | sort > "$OUT/summary"
cat "$OUT/summary"
awk '$2 == 0 {p++; c += $4; m += $6; k += $8} $2 == 1 {f++} $2 == "skip" {s++} $2 == "nogen" {g++}
     $2 == "nostd" {n++}
     END {printf "pass=%d fail=%d not-generated=%d target-skipped=%d not-std-only=%d; " \
          "%d checks, %d skipped in passing files\n", p, f, g, s, n, c, k; exit (f + g > 0)}' "$OUT/summary"
