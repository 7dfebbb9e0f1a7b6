#!/bin/bash
# Times kbindgen against clang -fsyntax-only and Debian's bindgen 0.60.1 on
# large system headers and a generated one.  CPU time is user+sys, the median of N runs (the
# tools take turns: bench/measure); RSS is the peak.  Needs libgtk-3-dev,
# libvulkan-dev, libsdl2-dev and bindgen (apt-get install them); headers
# that are missing are skipped.  When tests/kernel/prepare-tree has
# prepared its Linux 6.1 tree (the cache ~/.cache/kbindgen-kernel, or
# WORK=), a row linux-6.1 is added: bench/kernel-bench.sh, the kernel's
# bindings_helper.h with kbuild's exact arguments.
#   bench/headers.sh [N]         (default N=10)
set -e
cd "$(dirname "$0")/.."
N=${1:-10}
KB=${KBINDGEN:-build/kbindgen}
LLVM=${LLVM:-$(scripts/find-llvm)}
CLANG=clang-$LLVM
# bindgen pipes its output through rustfmt, found on PATH
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

printf '%-10s %16s %16s %16s %16s %8s %8s\n' header "clang-$LLVM" kbindgen \
	"bindgen" "bindgen-nofmt" kb/clang bg/kb
row() {
	name=$1 inc=$2
	shift 2
	echo "#include <$inc>" > "$TMP/$name.h"
	$CLANG -fsyntax-only -w "$TMP/$name.h" "$@" 2> /dev/null ||
		{ echo "$name: <$inc> not found, skipped"; return; }
	# the tools take turns: bench/measure
	cmds=("$CLANG" -fsyntax-only -w "$TMP/$name.h" "$@"
	      ::: "$KB" "$TMP/$name.h" -o "$TMP/out.rs" -- "$@")
	command -v bindgen > /dev/null &&
		cmds+=(::: bindgen "$TMP/$name.h" -o "$TMP/out.rs" -- "$@"
		       ::: bindgen --no-rustfmt-bindings "$TMP/$name.h" -o "$TMP/out.rs" -- "$@")
	mapfile -t r < <(LIBCLANG_PATH=/usr/lib/llvm-14/lib/libclang-14.so.1 \
			 bench/measure "$N" "${cmds[@]}")
	c=${r[0]} k=${r[1]} b=${r[2]:--} bn=${r[3]:--} ratio=-
	[ "$b" != - ] && ratio=$(echo "${b% *} ${k% *}" | awk '{ printf "%.1f", $1 / $2 }')
	printf '%-10s %16s %16s %16s %16s %8s %8s\n' "$name" "${c% *}s ${c#* }M" \
		"${k% *}s ${k#* }M" "${b% *}s ${b#* }M" "${bn% *}s ${bn#* }M" \
		"$(echo "${k% *} ${c% *}" | awk '{ printf "%.2f", $1 / $2 }')" "$ratio"
}
row gtk3 gtk/gtk.h $(pkg-config --cflags gtk+-3.0 2>/dev/null)
row vulkan vulkan/vulkan.h
row sdl2 SDL2/SDL.h -I/usr/include/SDL2 -D_REENTRANT
# the scale case: a generated header of 200,000 records, 36 MB
# (bench/gen-big.py); five runs at most, each takes seconds; no bindgen.
# Below it, the floor of any tool on libclang (bench/libclang-floor: the
# parse alone, then with one walk asking each declaration its spelling and
# type) and what copying kbindgen's output (342 MB) costs the kernel.
python3 bench/gen-big.py 200000 > "$TMP/big.h"
FLOOR=${FLOOR:-build/libclang-floor}
cmds=("$CLANG" -fsyntax-only "$TMP/big.h" ::: "$KB" "$TMP/big.h" -o "$TMP/out.rs")
[ -x "$FLOOR" ] && cmds+=(::: "$FLOOR" "$TMP/big.h" ::: "$FLOOR" "$TMP/big.h" visit)
mapfile -t r < <(bench/measure $((N < 5 ? N : 5)) "${cmds[@]}")
big_row() {
	printf '%-10s %16s %16s %16s %16s %8s %8s\n' "$1" "${r[0]% *}s ${r[0]#* }M" \
		"${2% *}s ${2#* }M" - - "$(echo "${2% *} ${r[0]% *}" | awk '{ printf "%.2f", $1 / $2 }')" -
}
big_row big-200k "${r[1]}"
if [ -x "$FLOOR" ]; then
	big_row " parse" "${r[2]}"
	big_row " +walk" "${r[3]}"
	mapfile -t w < <(bench/measure $((N < 5 ? N : 5)) cp "$TMP/out.rs" "$TMP/copy.rs")
	big_row " cp out" "${w[0]}"
fi
rm -f "$TMP/big.h" "$TMP/out.rs" "$TMP/copy.rs"
KWORK=${WORK:-$HOME/.cache/kbindgen-kernel}
if [ -f "$KWORK/build-6.1/rust/bindings/.bindings_generated.rs.cmd" ]; then
	KBINDGEN=$KB LLVM=$LLVM WORK=$KWORK bench/kernel-bench.sh "$N" --row
fi
