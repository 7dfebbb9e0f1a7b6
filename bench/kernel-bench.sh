#!/bin/bash
# Times kbindgen on the Linux 6.1 kernel's rust/bindings/bindings_helper.h,
# with exactly the command kbuild ran (saved in the objtree's
# rust/bindings/.bindings_generated.rs.cmd by tests/kernel/prepare-tree),
# against:
#   - Debian's bindgen 0.60.1 as kbuild runs it (rustfmt on, rustfmt from
#     ~/.cargo/bin or PATH), and with --no-rustfmt-bindings; on libclang 14
#     (it panics on 16), so with LIBCLANG_PATH and the
#     -enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang
#     flag that libclang 14 needs for the kernel's -ftrivial-auto-var-init=zero;
#   - clang-N -fsyntax-only with the same clang arguments (N = the LLVM major
#     kbindgen runs on; no extra flag: only 14 needs it).
# kbindgen runs as kbuild runs it in that tree (no --rust-target,
# KBINDGEN_RUST_TARGET unset). Every tool writes its output and the -MMD
# depfile into a temporary directory, and runs in the objtree (the
# arguments have relative -I paths). CPU time is user+sys, the median of N
# runs; RSS is the peak. Same columns as bench/headers.sh; then a line
# of kbindgen's --clang-macro-fallback and --macro-const-use-ctypes
# against its plain run (the three taking turns).
#
#   bench/kernel-bench.sh [N] [--row]     (default N=10; --row: no header line)
#
# Env: WORK (default ~/.cache/kbindgen-kernel), KBINDGEN (default
# build/kbindgen), LLVM (default scripts/find-llvm). Needs the 6.1 tree that
# tests/kernel/prepare-tree 6.1 (or tests/kernel/check.sh) prepares; says so
# and exits 0 otherwise.
set -e
REPO=$(cd "$(dirname "$0")/.." && pwd)
MEASURE=$REPO/bench/measure
KBUILD_ARGS=$REPO/tests/kernel/kbuild-args
N=${1:-10}
ROW_ONLY=${2:-}
WORK=${WORK:-$HOME/.cache/kbindgen-kernel}
OBJ=$WORK/build-6.1
KB=${KBINDGEN:-$REPO/build/kbindgen}
KB=$(cd "$(dirname "$KB")" && pwd)/$(basename "$KB")
LLVM=${LLVM:-$("$REPO/scripts/find-llvm")}
CLANG=clang-$LLVM
BINDGEN=/usr/bin/bindgen
LIBCLANG_14=/usr/lib/llvm-14/lib/libclang-14.so.1
ZERO_INIT_FLAG=-enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang
TARGET=rust/bindings/bindings_generated.rs
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
unset KBINDGEN_RUST_TARGET
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

header() {
	printf '%-10s %16s %16s %16s %16s %8s %8s\n' header "clang-$LLVM" kbindgen \
		"bindgen" "bindgen-nofmt" kb/clang bg/kb
}
[ "$ROW_ONLY" = --row ] || header
mapfile -d '' KB_ARGS < <("$KBUILD_ARGS" "$OBJ" "$TARGET" "$KB" "$TMP/out.rs" "$TMP/out.d")
if [ ${#KB_ARGS[@]} = 0 ]; then
	echo "linux-6.1: no kbuild command in $OBJ (run tests/kernel/prepare-tree 6.1 first), skipped"
	exit 0
fi
# the clang arguments: what follows "--"; the header: argv[1]
for ((i = 0; i < ${#KB_ARGS[@]}; i++)); do [ "${KB_ARGS[i]}" = -- ] && break; done
CLANG_ARGS=("${KB_ARGS[@]:i+1}")
HEADER=${KB_ARGS[1]}
mapfile -d '' BG_ARGS < <("$KBUILD_ARGS" "$OBJ" "$TARGET" "$BINDGEN" "$TMP/out.rs" "$TMP/out.d")
BG_ARGS+=("$ZERO_INIT_FLAG")
BGN_ARGS=("$BINDGEN" --no-rustfmt-bindings "${BG_ARGS[@]:1}")
CL_ARGS=("$CLANG" -fsyntax-only "$HEADER" "${CLANG_ARGS[@]}")

# one checked run first: a failing command is not timed
check() {
	local what=$1; shift
	rm -f "$TMP/out.rs"
	if ! (cd "$OBJ" && "$@") >"$TMP/check.log" 2>&1; then
		echo "linux-6.1: $what failed:" >&2
		head -5 "$TMP/check.log" >&2
		return 1
	fi
}

check "clang-$LLVM" "${CL_ARGS[@]}" || exit 0
check kbindgen "${KB_ARGS[@]}" || exit 0
# median CPU seconds and max RSS (MiB) of N runs of each, in the objtree,
# the tools taking turns (bench/measure)
cmds=("${CL_ARGS[@]}" ::: "${KB_ARGS[@]}")
if [ -x "$BINDGEN" ]; then
	export LIBCLANG_PATH=$LIBCLANG_14
	command -v rustfmt >/dev/null || echo "linux-6.1: no rustfmt on PATH: bindgen's rustfmt step will not run" >&2
	check "bindgen 0.60.1" "${BG_ARGS[@]}" &&
		check "bindgen 0.60.1 --no-rustfmt-bindings" "${BGN_ARGS[@]}" &&
		cmds+=(::: "${BG_ARGS[@]}" ::: "${BGN_ARGS[@]}")
fi
mapfile -t r < <(cd "$OBJ" && "$MEASURE" "$N" "${cmds[@]}")
unset LIBCLANG_PATH
c=${r[0]} k=${r[1]} b=${r[2]:--} bn=${r[3]:--} ratio=-
[ "$b" != - ] && ratio=$(echo "${b% *} ${k% *}" | awk '{ printf "%.1f", $1 / $2 }')
printf '%-10s %16s %16s %16s %16s %8s %8s\n' linux-6.1 "${c% *}s ${c#* }M" \
	"${k% *}s ${k#* }M" "${b% *}s ${b#* }M" "${bn% *}s ${bn#* }M" \
	"$(echo "${k% *} ${c% *}" | awk '{ printf "%.2f", $1 / $2 }')" "$ratio"

# kbindgen's macro modes against its plain run, taking turns: the
# fallback's and the constants mode's cost (doc/constants.md)
FB=("$KB" --clang-macro-fallback "${KB_ARGS[@]:1}")
CT=("$KB" --macro-const-use-ctypes "${KB_ARGS[@]:1}")
check "kbindgen --clang-macro-fallback" "${FB[@]}" || exit 0
check "kbindgen --macro-const-use-ctypes" "${CT[@]}" || exit 0
mapfile -t m < <(cd "$OBJ" && "$MEASURE" "$N" "${KB_ARGS[@]}" ::: "${FB[@]}" ::: "${CT[@]}")
vs_plain() { echo "${m[0]% *} ${m[$1]% *}" | awk '{ printf "%.3fs (%.2fx)", $2, $2 / $1 }'; }
echo "linux-6.1 kbindgen ${m[0]% *}s; --clang-macro-fallback $(vs_plain 1);" \
	"--macro-const-use-ctypes $(vs_plain 2)"
