#!/bin/bash
# kbindgen against bindgen main on the Linux kernel: the four outputs of
# ../shared/realworld-kernel, made again by kbindgen from the trees
# tests/kernel/prepare-realworld prepared (seconds; not part of make check).
#
#   tests/kernel/prepare-realworld          # once: the trees (minutes)
#   tests/kernel/realworld-kernel.sh [6.1] [6.12]   # the comparison
#                                       (default: both)
#
# For each case kbindgen runs on the command kbuild recorded in the tree's
# .cmd file (tests/kernel/kbuild-args: the tool swapped in, -o and the
# depfile moved out of kbuild's way, kbuild's "; sed" post-processing left
# off, as the references have none), in the objtree, on the libclang the
# reference was made with:
#
#   6.1-bindings_generated.rs           $WORK/build-6.1, build/kbindgen (libclang 16),
#                                       without --size_t-is-usize (bindgen main
#                                       rejects it; the reference was made without)
#   6.12-bindings_generated.rs          $WORK/build-6.12-llvm22, build/llvm-22/kbindgen
#   6.12-bindings_helpers_generated.rs  (libclang 22)
#   6.12-uapi_generated.rs
#
# Prints, per case, "byte" (identical byte for byte), "rustfmt" (identical
# after `rustfmt --edition 2021` of both, blank lines ignored) or "differs
# on N lines" (diff lines after rustfmt), with how many of them are the
# cases the README lists (tests/kernel/known-diffs.py: bindgen wrong
# against C, output the kernel cannot build, the tree's own config), and
# a line if kbuild's bindgen
# options are not those of the reference's .opts (then the comparison
# would not be like for like: a failure).  Exit status 1 if any case
# differs after rustfmt but for the listed cases, 2 if a tree is not
# prepared.
#
# Writes to $OUT (default $WORK/realworld-kernel): CASE.rs (kbindgen's
# output), CASE.d, CASE.err, CASE.raw.diff (reference vs kbindgen, as
# written), CASE.bg / CASE.kb (both after rustfmt, blank lines removed),
# CASE.diff (diff CASE.bg CASE.kb), CASE.known (known-diffs.py).
# Env: those of tests/kernel/lib.sh (WORK, KBINDGEN), KBINDGEN_22,
# OBJ_612 (as prepare-realworld), SHARED (default ../shared next to the
# repository), OUT.
set -u
. "$(dirname "$0")/lib.sh"
RWK=$(realpath -m "${SHARED:-$REPO/../shared}/realworld-kernel")
OUT=${OUT:-$WORK/realworld-kernel}
KBINDGEN_22=${KBINDGEN_22:-build/llvm-22/kbindgen}
case $KBINDGEN_22 in /*) ;; *) KBINDGEN_22=$REPO/$KBINDGEN_22 ;; esac
OBJ_61=$WORK/build-6.1
OBJ_612=${OBJ_612:-$WORK/build-6.12-llvm22}
[ -f "$RWK/README.md" ] || die "no $RWK"
command -v rustfmt >/dev/null || die "no rustfmt on PATH"
mkdir -p "$OUT"

# CASE OBJTREE TARGET TOOL CLANG-MAJOR [OPTION to drop...]
CASES=(
	"6.1-bindings_generated.rs $OBJ_61 rust/bindings/bindings_generated.rs $KBINDGEN 16 --size_t-is-usize"
	"6.12-bindings_generated.rs $OBJ_612 rust/bindings/bindings_generated.rs $KBINDGEN_22 22"
	"6.12-bindings_helpers_generated.rs $OBJ_612 rust/bindings/bindings_helpers_generated.rs $KBINDGEN_22 22"
	"6.12-uapi_generated.rs $OBJ_612 rust/uapi/uapi_generated.rs $KBINDGEN_22 22"
)

# the versions asked for, if any
if [ $# -gt 0 ]; then
	keep=()
	for c in "${CASES[@]}"; do
		for v; do [[ $c == "$v"-* ]] && keep+=("$c"); done
	done
	CASES=("${keep[@]}")
fi

for tool in $(for c in "${CASES[@]}"; do read -r _ _ _ t _ <<<"$c"; echo "$t"; done | sort -u); do
	[ -x "$tool" ] || die "no $tool (make; make LLVM=22)"
	echo "kbindgen: $tool: $("$tool" --version 2>&1 | tr "\n" " ")"
done
echo "rustfmt: $(command -v rustfmt): $(rustfmt --version)"
echo "references: $RWK; outputs and diffs: $OUT"

status=0 byte=0 fmt=0 known=0
for c in "${CASES[@]}"; do
	read -r name obj target tool major drop <<<"$c"
	out=$OUT/$name
	ref=$RWK/$name
	rm -f "$out.rs" "$out.d" "$out.err" "$out.raw.diff" "$out.bg" "$out.kb" "$out.diff"
	# shellcheck disable=SC2086 # $drop: none or one option
	if ! mapfile -d '' ARGS < <(tests/kernel/kbuild-args "$obj" "$target" "$tool" "$out.rs" "$out.d" $drop) ||
		[ ${#ARGS[@]} -eq 0 ]; then
		echo "$name: not run: no kbuild command in $obj (tests/kernel/prepare-realworld)"
		status=2
		continue
	fi
	"$tool" --version 2>&1 | grep -q "clang version $major\." ||
		{ echo "$name: not run: $tool is not on libclang $major"; status=2; continue; }
	# kbuild's bindgen options (those before the header, and between it and
	# -o) against the reference's .opts
	opts=()
	for ((i = 2; i < ${#ARGS[@]}; i++)); do
		[ "${ARGS[i]}" = -o ] && break
		opts+=("${ARGS[i]}")
	done
	if [ -f "$ref.opts" ] && ! diff <(printf '%s\n' "${opts[@]}") "$ref.opts" >"$out.opts.diff"; then
		echo "$name: kbuild's options are not those of $name.opts ($out.opts.diff)"
		status=1
	fi
	t0=$(date +%s.%N)
	(cd "$obj" && "${ARGS[@]}") 2>"$out.err"
	rc=$?
	t=$(echo "$(date +%s.%N) - $t0" | bc)
	if [ $rc -ne 0 ] || [ ! -s "$out.rs" ]; then
		echo "$name: kbindgen exit $rc ($out.err)"
		status=1
		continue
	fi
	diff "$ref" "$out.rs" >"$out.raw.diff"
	if cmp -s "$ref" "$out.rs"; then
		state=byte byte=$((byte + 1)) fmt=$((fmt + 1))
	else
		rustfmt --edition 2021 <"$ref" | grep -v '^\s*$' >"$out.bg"
		rustfmt --edition 2021 <"$out.rs" | grep -v '^\s*$' >"$out.kb"
		if diff "$out.bg" "$out.kb" >"$out.diff"; then
			state=rustfmt fmt=$((fmt + 1))
		else
			state="differs on $(grep -c '^[<>]' "$out.diff") lines"
			# a value of the tree's config, not of the tool: Kconfig
			# stores `$(BINDGEN) --version`, and the 6.1 reference's
			# tree was configured with Debian's bindgen 0.60.1
			n=$(grep -A2 '^[<>] pub const CONFIG_BINDGEN_VERSION_TEXT' "$out.diff" | grep -c '^[<>]')
			[ "$n" = 0 ] || state+=", $n of them CONFIG_BINDGEN_VERSION_TEXT"
			# the cases the README lists, where bindgen is wrong
			# against C or its output does not build in the kernel
			if python3 tests/kernel/known-diffs.py --config "$obj/.config" "$out.bg" "$out.kb" \
				>"$out.known"; then
				state+=", all of them listed ($(sed 's/^known: //' "$out.known" |
					paste -sd ';' | sed 's/;/; /g'))"
				known=$((known + 1))
			else
				state+=", $(tail -1 "$out.known" | sed 's/^unexplained: //') unexplained ($out.known)"
				status=1
			fi
		fi
	fi
	printf '%s: %s (%d lines; kbindgen %.2f s)\n' "$name" "$state" "$(wc -l <"$out.rs")" "$t"
done
echo "identical to bindgen main: $byte of ${#CASES[@]} byte for byte, $fmt after rustfmt," \
	"$((fmt + known)) but for the listed cases"
exit $status
