#!/bin/bash
# kbindgen as the kernel's BINDGEN: Linux 6.1 and 6.12 from Debian's archive.
#
#   bench/kernel.sh                  # both kernels
#   KERNELS=6.1 bench/kernel.sh      # one of them
#
# For each kernel: install linux-source-X (only if missing), extract it,
# configure an out-of-tree build (O=) with x86_64 defconfig + CONFIG_RUST=y,
# and run the kernel's own `make -k prepare` with BINDGEN=<kbindgen>, so that
# scripts/rust_is_available.sh, the Kconfig probes and rust/Makefile's
# cmd_bindgen (if_changed_dep) all run kbindgen exactly as they would run
# bindgen. Then:
#   - record which bindings files kbuild produced;
#   - compile them with rustc as #![no_std] libraries on the host target,
#     through the kernel's own rust/bindings/lib.rs (and rust/uapi/lib.rs and
#     rust/ffi.rs on 6.12);
#   - show whether a real kernel build would turn rustc's warnings on them
#     into errors (CONFIG_WERROR -> -Dwarnings in kbuild's rustc command),
#     and compile them again with -Dwarnings;
#   - on 6.1, run Debian's bindgen 0.60.1 on the arguments kbuild saved in
#     the .cmd file and diff the items (kind + name) of both outputs;
#   - on 6.1, compare layouts: both tools again on kbuild's arguments without
#     --no-layout-tests; kbindgen's compile-time asserts compiled with rustc,
#     bindgen 0.60.1's #[test]s built with rustc 1.63 and run, and the numbers
#     of both diffed (bench/layout-diff.py);
#   - on 6.1, kbuild again in a second objtree with KBINDGEN_RUST_TARGET=1.62
#     exported, and those bindings compiled with Debian's rustc 1.63.
# The timing of the kernel header is bench/kernel-bench.sh (make bench).
#
# Env: WORK (cache, default ~/.cache/kbindgen-kernel, outside the repo),
# KBINDGEN (default build/kbindgen; built with `make` if missing), RUSTC
# (default ~/.cargo/bin/rustc), RUSTC_163 (default /usr/bin/rustc, Debian's
# 1.63), JOBS (default nproc), KERNELS.
#
# Idempotent: extraction, configuration, the bindgen 0.60.1 runs and the
# rustc 1.63 build of its layout tests are skipped when their results are
# there (and their command line is unchanged); `make prepare` is rerun every
# time (kbuild itself then does nothing that is up to date, unless the
# kbindgen binary changed: see the snapshot below); the kbindgen layout run
# and the rustc checks are rerun every time (seconds).
#
# Deviations from a real kernel build, needed on Debian bookworm:
#   * RUST_LIB_SRC points at a placeholder core/src/lib.rs: the rust-src
#     component is not installed and rust_is_available.sh only checks that
#     the file exists. rust/core.o (and everything built on it) therefore
#     fails; that is why make runs with -k. The bindings do not need it.
#   * The kernel is built with GCC (as Debian does), so rust/Makefile filters
#     GCC-only flags out of the bindgen arguments (bindgen_skip_c_flags).
#   * bindgen 0.60.1 (6.1 comparison only) runs on libclang 14: with
#     libclang 16 it panics on 6.1. libclang 14 rejects the
#     -ftrivial-auto-var-init=zero of CONFIG_INIT_STACK_ALL_ZERO unless it
#     also gets -enable-trivial-auto-var-init-zero-knowing-it-will-be-
#     removed-from-clang; newer kernels add that flag themselves, 6.1 does
#     not. kbindgen runs on its own libclang and needs neither.
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
. "$REPO/bench/kernel-lib.sh"
WORK=${WORK:-$HOME/.cache/kbindgen-kernel}
KBINDGEN=${KBINDGEN:-$REPO/build/kbindgen}
RUSTC=${RUSTC:-$HOME/.cargo/bin/rustc}
JOBS=${JOBS:-$(nproc)}
KERNELS=${KERNELS:-6.1 6.12}
RUSTC_163=${RUSTC_163:-/usr/bin/rustc}
BINDGEN_060=/usr/bin/bindgen
LIBCLANG_14=/usr/lib/llvm-14/lib/libclang-14.so.1
ZERO_INIT_FLAG=-enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang

# The kernel's Makefile reads LLVM, ARCH, CC... from the environment; this
# script's own settings must not leak into it (LLVM=14 is kbindgen's
# Makefile's knob, LLVM=1 the kernel's "build with clang").
unset LLVM ARCH CROSS_COMPILE CC O
# kbindgen's default --rust-target: set only where this script sets it (the
# build-6.1-rust1.62 objtree), never inherited
unset KBINDGEN_RUST_TARGET
# bindgen 0.60.1 pipes its output through rustfmt, found on PATH.
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
export RUST_LIB_SRC=$WORK/fake-rust-lib-src
mkdir -p "$WORK"
say() { echo "== $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }
declare -A SUMMARY # kernel/key -> text, printed at the end

# ---------------------------------------------------------------- packages
# bindgen + clang-14 only serve the 6.1 comparison; the others are the
# kernel's build dependencies (bc, flex, bison, libelf for objtool, libssl
# for the signing tools, cpio for kheaders).
# rustc is Debian's (1.63, /usr/bin/rustc), for the 6.1 rustc 1.63 check and
# the bindgen 0.60.1 layout tests; python3 parses the layout tests.
pkgs="make gcc bc flex bison libelf-dev libssl-dev cpio xz-utils time
      bindgen libclang1-14 rustc python3"
for v in $KERNELS; do pkgs="$pkgs linux-source-$v"; done
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "apt-get install:$missing"
	apt-get update -q >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing \
		>"$WORK/apt.log" 2>&1 || die "apt-get failed, see $WORK/apt.log"
else
	say "packages present"
fi

# ---------------------------------------------------------------- kbindgen
if [ ! -x "$KBINDGEN" ]; then
	say "building kbindgen"
	make -C "$REPO" >"$WORK/kbindgen-build.log" 2>&1 || die "make failed, see $WORK/kbindgen-build.log"
fi
# kbuild runs a snapshot of the binary, named after its hash: a rebuild of
# build/kbindgen during the (long) run cannot hit a half-written file, and a
# new binary is a new BINDGEN command line, which if_changed_dep sees, so
# kbuild regenerates the bindings by its own rules.
KB_HASH=$(sha256sum <"$KBINDGEN" | cut -c1-12)
mkdir -p "$WORK/bin"
if [ ! -x "$WORK/bin/kbindgen-$KB_HASH" ]; then
	cp "$KBINDGEN" "$WORK/bin/.kbindgen-$KB_HASH.tmp" &&
		mv "$WORK/bin/.kbindgen-$KB_HASH.tmp" "$WORK/bin/kbindgen-$KB_HASH" || die "cannot copy $KBINDGEN"
fi
"$WORK/bin/kbindgen-$KB_HASH" --version >/dev/null 2>&1 || die "$WORK/bin/kbindgen-$KB_HASH does not run"
find "$WORK/bin" -name 'kbindgen-*' ! -name "kbindgen-$KB_HASH" -delete # older snapshots
say "kbindgen: $KBINDGEN ($("$KBINDGEN" --version 2>&1 | tr '\n' ' ')), run as $WORK/bin/kbindgen-$KB_HASH"
KBINDGEN=$WORK/bin/kbindgen-$KB_HASH

mkdir -p "$RUST_LIB_SRC/core/src"
[ -f "$RUST_LIB_SRC/core/src/lib.rs" ] ||
	echo '// placeholder: only scripts/rust_is_available.sh looks at this file' >"$RUST_LIB_SRC/core/src/lib.rs"

# kmake <kernel> ARGS...: the kernel's make, out of tree, with kbindgen.
# BINDGEN goes on every call: Kconfig evaluates rust_is_available.sh (so
# CONFIG_RUST can only be enabled if the probe accepts kbindgen) and 6.12
# records BINDGEN_VERSION_TEXT in the config.
kmake() {
	local v=$1; shift
	kmake_in "$v" "$WORK/build-$v" "$@"
}
# kmake_in <kernel> <objtree> ARGS...: the same in another objtree
kmake_in() {
	local v=$1 obj=$2; shift 2
	make -C "$WORK/src/linux-source-$v" O="$obj" BINDGEN="$KBINDGEN" "$@"
}

# ------------------------------------------------------- extract, configure
prepare_tree() {
	local v=$1 src=$WORK/src/linux-source-$v obj=$WORK/build-$v
	# extract into a temporary directory and rename, so an interrupted tar
	# never leaves a tree that looks complete
	if [ ! -f "$src/Makefile" ]; then
		say "$v: extracting /usr/src/linux-source-$v.tar.xz"
		mkdir -p "$WORK/src"
		rm -rf "$WORK/src/tmp-$v"
		mkdir "$WORK/src/tmp-$v" &&
			tar -C "$WORK/src/tmp-$v" -xJf "/usr/src/linux-source-$v.tar.xz" &&
			mv "$WORK/src/tmp-$v/linux-source-$v" "$WORK/src/" &&
			rmdir "$WORK/src/tmp-$v" || die "$v: extraction failed"
	else
		say "$v: source present"
	fi
	if ! grep -q '^CONFIG_RUST=y' "$obj/.config" 2>/dev/null; then
		say "$v: defconfig + CONFIG_RUST=y"
		mkdir -p "$obj"
		kmake "$v" defconfig >"$WORK/config-$v.log" 2>&1 || die "$v: defconfig failed"
		"$src/scripts/config" --file "$obj/.config" -e RUST
		kmake "$v" olddefconfig >>"$WORK/config-$v.log" 2>&1
		if ! grep -q '^CONFIG_RUST=y' "$obj/.config"; then
			kmake "$v" rustavailable >>"$WORK/config-$v.log" 2>&1
			tail -20 "$WORK/config-$v.log" >&2
			die "$v: CONFIG_RUST could not be enabled (make rustavailable output above)"
		fi
	else
		say "$v: config present (CONFIG_RUST=y)"
	fi
}

# -------------------------------------------------- kbuild runs kbindgen
BINDINGS_6_1="rust/bindings/bindings_generated.rs rust/bindings/bindings_helpers_generated.rs"
BINDINGS_6_12="$BINDINGS_6_1 rust/uapi/uapi_generated.rs"
bindings_of() { case $1 in 6.1) echo "$BINDINGS_6_1" ;; *) echo "$BINDINGS_6_12" ;; esac; }

run_prepare() {
	local v=$1 obj=$WORK/build-$v f
	say "$v: make -k -j$JOBS V=1 prepare (rust/core.o and what needs it fail: no rust-src)"
	local t0=$SECONDS
	kmake "$v" -k -j"$JOBS" V=1 prepare >"$WORK/prepare-$v.log" 2>&1
	SUMMARY[$v/prepare]="make -k prepare: exit $?, $((SECONDS - t0)) s wall, log $WORK/prepare-$v.log"
	local produced=
	for f in $(bindings_of "$v"); do
		if [ -s "$obj/$f" ]; then
			produced+="    $f: produced ($(wc -l <"$obj/$f") lines)"$'\n'
		else
			produced+="    $f: NOT produced"$'\n'
		fi
	done
	SUMMARY[$v/files]=$produced
	# what went wrong, as make and the tools said it: the failed targets, and
	# kbindgen's own messages, clang diagnostics and crashes (the shell
	# reports a crashed recipe as "Segmentation fault", make as Error 139)
	grep -E '^make(\[[0-9]+\])?: \*\*\* ' "$WORK/prepare-$v.log" | sort -u >"$WORK/prepare-$v.failed"
	grep -E '^kbindgen:|^[^ ]*\.[ch]:[0-9]+:[0-9]+: (fatal )?(error|warning):|Segmentation fault|Aborted|core dumped|Permission denied|^thread .* panicked' \
		"$WORK/prepare-$v.log" | sort | uniq -c | sort -rn >"$WORK/prepare-$v.diag"
}

# ------------------------------------------------------------ rustc checks
# crate <kernel> <name> <lib.rs> [rustc args]: one #![no_std] rlib on the
# host target, with the kernel's --cfg values (rustc_cfg) and OBJTREE, which
# the kernel's lib.rs files use to include! the generated files.
# CRATE_OBJ, CRATE_OUT, CRATE_RUSTC and CRATE_KEY (the SUMMARY entry) default
# to the kernel's objtree, $WORK/rustc-<kernel>, $RUSTC and <kernel>/rustc.
crate() {
	local v=$1 name=$2 lib=$3; shift 3
	local obj=${CRATE_OBJ:-$WORK/build-$v} out=${CRATE_OUT:-$WORK/rustc-$v}
	local rustc=${CRATE_RUSTC:-$RUSTC} key=${CRATE_KEY:-$v/rustc}
	mkdir -p "$out"
	OBJTREE=$obj RUSTC_BOOTSTRAP=1 "$rustc" --edition=2021 --crate-type=rlib --crate-name "$name" \
		-Copt-level=2 -Cpanic=abort --emit=obj,metadata --out-dir "$out" -L "$out" \
		@"$obj/include/generated/rustc_cfg" "$@" "$lib" >"$out/$name.log" 2>&1
	local rc=$?
	# (not counted: rustc's closing "N warnings emitted" / "aborting due to" lines)
	local res="rc $rc, $(grep '^warning' "$out/$name.log" | grep -cv 'warnings\{0,1\} emitted') warnings,"
	res+=" $(grep '^error' "$out/$name.log" | grep -cv '^error: aborting') errors (log $out/$name.log)"
	SUMMARY[$key]+="    $name: $res"$'\n'
	# the messages, counted
	SUMMARY[$key]+=$(grep -E '^(warning|error)' "$out/$name.log" | grep -Ev 'warnings? emitted|^error: aborting' |
		sort | uniq -c | sort -rn | head -5 | sed 's/^/      /')
	[ "${SUMMARY[$key]: -1}" = $'\n' ] || SUMMARY[$key]+=$'\n'
	[ $rc = 0 ] || SUMMARY[$key]+=$(grep -m3 -A6 '^error' "$out/$name.log" | sed 's/^/        /')$'\n'
	return $rc
}

compile_bindings() {
	local v=$1 src=$WORK/src/linux-source-$v obj=$WORK/build-$v
	[ -f "$obj/include/generated/rustc_cfg" ] || { SUMMARY[$v/rustc]="    not run: no include/generated/rustc_cfg"$'\n'; return; }
	say "$v: rustc ($("$RUSTC" --version)) on the kernel's lib.rs"
	SUMMARY[$v/rustc]=
	case $v in
	6.1)	# 6.1's lib.rs has #![feature(core_ffi_c)], hence RUSTC_BOOTSTRAP
		crate "$v" bindings "$src/rust/bindings/lib.rs" ;;
	*)	# 6.12: --ctypes-prefix ffi, the crate the kernel builds from rust/ffi.rs
		crate "$v" ffi "$src/rust/ffi.rs" &&
			crate "$v" bindings "$src/rust/bindings/lib.rs" --extern ffi
		[ -f "$WORK/rustc-$v/libffi.rmeta" ] &&
			crate "$v" uapi "$src/rust/uapi/lib.rs" --extern ffi ;;
	esac
}

# ------------------------------------------ 6.1: bindgen 0.60.1 item diff
# items <file.rs>: "kind name" per item. Top-level items, extern-block items
# (fn, static) and impl-block members (Type::name); derives and fields are
# not items. Works on rustfmt-laid-out code, which both outputs are.
items() {
	awk '
	function name(s) { sub(/[^A-Za-z0-9_].*/, "", s); return s }
	# a block that opens and closes on one line ("impl Copy for X {}")
	# changes no context
	/^(pub )?(unsafe )?extern "C" \{$/ { ctx = "extern"; next }
	/^impl/ {
		t = $0; sub(/^impl(<[^>]*>)? */, "", t); sub(/ *\{\}? *$/, "", t); gsub(/ /, "", t)
		if (t ~ /for[A-Za-z_:]/ && split(t, tt, "for") == 2) {
			sub(/^(::)?([a-z_]+::)*/, "", tt[1]) # ::core::default::Default = Default
			print "impl-trait " tt[2] ":" tt[1]; if ($0 !~ /\{\}$/) ctx = "trait"
		} else if ($0 !~ /\{\}$/) { ctx = "impl"; ty = t }
		next
	}
	/^}/ { ctx = ""; next }
	ctx == "" && /^pub struct / { print "struct " name($3); next }
	ctx == "" && /^pub union /  { print "union " name($3); next }
	ctx == "" && /^pub enum /   { print "enum " name($3); next }
	ctx == "" && /^pub type /   { print "type " name($3); next }
	ctx == "" && /^pub const /  { print "const " name($3); next }
	ctx == "" && /^pub static / { n = ($3 == "mut") ? $4 : $3; print "static " name(n); next }
	ctx == "extern" && /^    pub fn /     { print "fn " name($3); next }
	ctx == "extern" && /^    pub static / { n = ($3 == "mut") ? $4 : $3; print "static " name(n); next }
	ctx == "impl" && /^    (#\[inline\] )?pub (const )?(unsafe )?fn / {
		s = $0; sub(/.*fn /, "", s); print "method " ty "::" name(s); next
	}
	ctx == "impl" && /^    pub const [A-Za-z_]/ { print "assoc-const " ty "::" name($3); next }
	' "$1" | sort
}

compare_060() {
	local v=6.1 obj=$WORK/build-6.1 cmp=$WORK/cmp-6.1
	local kb_out=$obj/rust/bindings/bindings_generated.rs
	mkdir -p "$cmp"
	# same argv with bindgen for kbindgen, its own -o, and its -MMD depfile
	# out of kbuild's way; the zero-init flag last, for libclang 14
	if [ ! -s "$kb_out" ] ||
		! kbuild_args "$obj" rust/bindings/bindings_generated.rs "$BINDGEN_060" \
			"$cmp/bindgen-0.60.1.rs" "$cmp/bindgen-0.60.1.d"; then
		SUMMARY[6.1/diff]="    not run: kbuild produced no bindings_generated.rs / .cmd file"$'\n'
		return
	fi
	local args=("${ARGS[@]}" "$ZERO_INIT_FLAG")
	printf '%q ' "${args[@]}" >"$cmp/bindgen-0.60.1.cmd.new"
	if ! cmp -s "$cmp/bindgen-0.60.1.cmd.new" "$cmp/bindgen-0.60.1.cmd" || [ ! -s "$cmp/bindgen-0.60.1.rs" ]; then
		say "6.1: bindgen 0.60.1 on kbuild's arguments (libclang 14, rustfmt on, as kbuild runs it)"
		(cd "$obj" && LIBCLANG_PATH=$LIBCLANG_14 "${args[@]}") >"$cmp/bindgen-0.60.1.log" 2>&1 ||
			{ SUMMARY[6.1/diff]="    bindgen 0.60.1 failed, see $cmp/bindgen-0.60.1.log"$'\n'; return; }
		mv "$cmp/bindgen-0.60.1.cmd.new" "$cmp/bindgen-0.60.1.cmd"
	else
		say "6.1: bindgen 0.60.1 output present"
	fi
	items "$cmp/bindgen-0.60.1.rs" >"$cmp/items-bindgen-0.60.1.txt"
	items "$kb_out" >"$cmp/items-kbindgen.txt"
	# the full diff: "-" only in bindgen 0.60.1, "+" only in kbindgen
	diff <(sort -u "$cmp/items-bindgen-0.60.1.txt") <(sort -u "$cmp/items-kbindgen.txt") |
		sed -n 's/^< /- /p; s/^> /+ /p' >"$cmp/items.diff"
	local s
	s="    items: bindgen 0.60.1 $(wc -l <"$cmp/items-bindgen-0.60.1.txt"), kbindgen $(wc -l <"$cmp/items-kbindgen.txt");"
	s+=" duplicates: bindgen $(uniq -d "$cmp/items-bindgen-0.60.1.txt" | wc -l), kbindgen $(uniq -d "$cmp/items-kbindgen.txt" | wc -l)"$'\n'
	s+="    full diff: $cmp/items.diff (- only in bindgen 0.60.1, + only in kbindgen)"$'\n'
	s+=$(awk '{ n[$1 " " $2]++; if (n[$1 " " $2] <= 4) ex[$1 " " $2] = ex[$1 " " $2] " " $3 }
		END { for (k in n) printf "    %s %-12s %6d  e.g.%s\n", substr(k, 1, 1), substr(k, 3), n[k], ex[k] }' \
		"$cmp/items.diff" | sort -k2,2 -k1,1)
	[ -s "$cmp/items.diff" ] || s+="    no differences"
	SUMMARY[6.1/diff]=$s$'\n'
}

# ------------------------------------------- 6.1: the bindings for rustc 1.63
# 6.1's rule passes no --rust-target, so kbindgen writes for its default
# (Rust 1.82: `unsafe extern "C"`, which rustc 1.63 rejects). kbindgen reads
# a default --rust-target from KBINDGEN_RUST_TARGET; kbuild passes the
# environment to the rule. The same command line with another environment is
# no change to if_changed_dep, so this runs in its own objtree,
# build-6.1-rust1.62 (same .config), where the variable is always set; a stamp
# file records the value the outputs were made with and a different value
# deletes them, so kbuild regenerates them.
RUST162_TARGET=1.62
rust162_61() {
	local v=6.1 obj=$WORK/build-6.1-rust1.62 src=$WORK/src/linux-source-6.1 f
	SUMMARY[6.1/r162]=
	if [ ! -x "$RUSTC_163" ]; then
		SUMMARY[6.1/r162]="    not run: no $RUSTC_163"$'\n'
		return
	fi
	if ! grep -q '^CONFIG_RUST=y' "$obj/.config" 2>/dev/null; then
		say "6.1: objtree build-6.1-rust1.62 (the .config of build-6.1)"
		mkdir -p "$obj"
		cp "$WORK/build-6.1/.config" "$obj/.config"
		kmake_in "$v" "$obj" olddefconfig >"$WORK/config-6.1-rust1.62.log" 2>&1
	fi
	if [ "$(cat "$obj/.kbindgen-rust-target" 2>/dev/null)" != "$RUST162_TARGET" ]; then
		for f in $BINDINGS_6_1; do rm -f "$obj/$f"; done
	fi
	say "6.1: make -k prepare with KBINDGEN_RUST_TARGET=$RUST162_TARGET in build-6.1-rust1.62"
	KBINDGEN_RUST_TARGET=$RUST162_TARGET kmake_in "$v" "$obj" -k -j"$JOBS" V=1 prepare \
		>"$WORK/prepare-6.1-rust1.62.log" 2>&1
	echo "$RUST162_TARGET" >"$obj/.kbindgen-rust-target"
	for f in $BINDINGS_6_1; do
		if [ -s "$obj/$f" ]; then
			SUMMARY[6.1/r162]+="    $f: produced ($(wc -l <"$obj/$f") lines, $(grep -c '^unsafe extern "C"' "$obj/$f") 'unsafe extern \"C\"' blocks, $(grep -c '^extern "C"' "$obj/$f") 'extern \"C\"' blocks)"$'\n'
		else
			SUMMARY[6.1/r162]+="    $f: NOT produced (log $WORK/prepare-6.1-rust1.62.log)"$'\n'
		fi
	done
	say "6.1: $("$RUSTC_163" --version) on the KBINDGEN_RUST_TARGET=$RUST162_TARGET bindings"
	SUMMARY[6.1/r162]+="    $("$RUSTC_163" --version):"$'\n'
	CRATE_OBJ=$obj CRATE_OUT=$WORK/rustc-6.1-rust1.63 CRATE_RUSTC=$RUSTC_163 CRATE_KEY=6.1/r162 \
		crate "$v" bindings "$src/rust/bindings/lib.rs"
	# as a CONFIG_WERROR kernel build would compile them
	SUMMARY[6.1/r162]+="    $("$RUSTC_163" --version) -Dwarnings:"$'\n'
	CRATE_OBJ=$obj CRATE_OUT=$WORK/rustc-6.1-rust1.63-Dwarnings CRATE_RUSTC=$RUSTC_163 CRATE_KEY=6.1/r162 \
		crate "$v" bindings "$src/rust/bindings/lib.rs" -Dwarnings
	# and the same files with the new rustc
	SUMMARY[6.1/r162]+="    $("$RUSTC" --version | cut -d' ' -f1-2):"$'\n'
	CRATE_OBJ=$obj CRATE_OUT=$WORK/rustc-6.1-rust1.62-new CRATE_KEY=6.1/r162 \
		crate "$v" bindings "$src/rust/bindings/lib.rs"
}

# ---------------------------------------- warnings: does the kernel use -Dwarnings?
# The bindings compile with warnings (unused_unsafe in bitfield setters). A
# real kernel build compiles rust/bindings.o with the kernel's rust_flags;
# with CONFIG_WERROR=y (set by x86_64_defconfig) the top Makefile adds
# -Dwarnings to KBUILD_RUSTFLAGS. Evidence written to $WORK/werror-X.txt:
# the .config line, the Makefile line, kbuild's rustc command (6.1: `make -n`
# prints it; 6.12's rule is `+$(call if_changed_rule,...)`, which `make -n`
# would run, so the executed rust/core.o command of the prepare log, which
# has the same $(rust_flags), stands in), then the bindings crate compiled
# again with -Dwarnings added.
werror_check() {
	local v=$1 obj=$WORK/build-$v src=$WORK/src/linux-source-$v ev=$WORK/werror-$v.txt cmd
	{
		echo "# .config: $(grep -E '^(# )?CONFIG_WERROR[= ]' "$obj/.config")"
		echo "# Makefile: $(grep -n 'KBUILD_RUSTFLAGS-$(CONFIG_WERROR)' "$src/Makefile")"
		if [ "$v" = 6.1 ]; then
			kmake "$v" -n V=1 rust/bindings.o >"$WORK/werror-$v.make-n.log" 2>&1
			cmd=$(grep -o "OBJTREE=[^;']* rustc [^;']*--crate-name bindings [^;']*" "$WORK/werror-$v.make-n.log" | head -1)
			echo "# kbuild's command for rust/bindings.o (make -n V=1 rust/bindings.o):"
		else
			cmd=$(grep -o "OBJTREE=[^;']* rustc [^;']*--crate-name core [^;']*" "$WORK/prepare-$v.log" | head -1)
			echo "# kbuild's command for rust/core.o (prepare log; rust/bindings.o uses the same \$(rust_flags)):"
		fi
		echo "$cmd"
	} >"$ev"
	local dw=no
	case " $cmd " in *" -Dwarnings "*) dw=yes ;; esac
	SUMMARY[$v/werror]="    $(sed -n 1p "$ev" | cut -c3-); -Dwarnings in kbuild's rustc command: $dw (evidence $ev)"$'\n'
	if [ "$v" = 6.1 ] && [ -s "$WORK/cmp-6.1/bindgen-0.60.1.rs" ] && [ -x "$RUSTC_163" ]; then
		# the baseline: bindgen 0.60.1's output on kbuild's arguments, with
		# the rustc of 6.1's era (the helpers file: a placeholder)
		local b=$WORK/cmp-6.1/obj-bindgen-0.60.1
		mkdir -p "$b/rust/bindings"
		ln -sfn "$obj/include" "$b/include"
		ln -sf "$WORK/cmp-6.1/bindgen-0.60.1.rs" "$b/rust/bindings/bindings_generated.rs"
		echo '// placeholder: kbuild'"'"'s helpers file declares one function (BUG) and no type' \
			>"$b/rust/bindings/bindings_helpers_generated.rs"
		SUMMARY[$v/werror]+="    baseline, bindgen 0.60.1's output, $("$RUSTC_163" --version) -Dwarnings:"$'\n'
		CRATE_OBJ=$b CRATE_OUT=$WORK/rustc-6.1-bindgen-0.60.1-Dwarnings CRATE_RUSTC=$RUSTC_163 CRATE_KEY=$v/werror \
			crate "$v" bindings "$src/rust/bindings/lib.rs" -Dwarnings
	fi
	[ -f "$WORK/rustc-$v/libbindings.rmeta" ] || return
	SUMMARY[$v/werror]+="    kbindgen's output, $("$RUSTC" --version | cut -d' ' -f1-2) -Dwarnings:"$'\n'
	local extern=()
	[ "$v" = 6.1 ] || extern=(--extern ffi -L "$WORK/rustc-$v")
	CRATE_OUT=$WORK/rustc-$v-Dwarnings CRATE_KEY=$v/werror \
		crate "$v" bindings "$src/rust/bindings/lib.rs" "${extern[@]}" -Dwarnings
}

# ----------------------------- 6.1: layouts, kbindgen vs bindgen 0.60.1 vs clang
# The kernel passes --no-layout-tests. Here both tools run again on kbuild's
# arguments without it, each writing its layout tests with the numbers it
# got from clang (size, alignment, offset of every named field):
#   - kbindgen (KBINDGEN_RUST_TARGET unset: default target): compile-time
#     asserts in `const _: () = { ... }`. The crate compiling (rustc, the
#     kernel's lib.rs, emit=metadata evaluates every const) means every size,
#     alignment and field offset of kbindgen's Rust types equals clang 16's.
#   - bindgen 0.60.1: #[test] functions. They are built with rustc 1.63 as a
#     test crate (the kernel's lib.rs again: #![no_std], but --test links std
#     for the harness; the lib.rs has cfg_attr(test, allow(...)) for them),
#     and run: passed/failed.
#   - bench/layout-diff.py extracts the numbers of both files and diffs them.
# The include!d helpers file is a one-line placeholder in both crates (kbuild's
# declares one function, BUG, and no type), so that rustc 1.63 can read it.
layout_61() {
	local obj=$WORK/build-6.1 cmp=$WORK/cmp-6.1/layout src=$WORK/src/linux-source-6.1 t s
	local lib=$src/rust/bindings/lib.rs cfg=$obj/include/generated/rustc_cfg
	mkdir -p "$cmp"
	if ! kbuild_args "$obj" rust/bindings/bindings_generated.rs "$KBINDGEN" \
		"$cmp/kbindgen.rs" "$cmp/kbindgen.d" --no-layout-tests; then
		SUMMARY[6.1/layout]="    not run: no kbuild command for bindings_generated.rs"$'\n'
		return
	fi
	say "6.1: kbindgen with layout tests"
	(cd "$obj" && env -u KBINDGEN_RUST_TARGET "${ARGS[@]}") >"$cmp/kbindgen.log" 2>&1 ||
		{ SUMMARY[6.1/layout]="    kbindgen failed, see $cmp/kbindgen.log"$'\n'; return; }
	kbuild_args "$obj" rust/bindings/bindings_generated.rs "$BINDGEN_060" \
		"$cmp/bindgen-0.60.1.rs" "$cmp/bindgen-0.60.1.d" --no-layout-tests
	ARGS+=("$ZERO_INIT_FLAG")
	printf '%q ' "${ARGS[@]}" >"$cmp/bindgen-0.60.1.cmd.new"
	if ! cmp -s "$cmp/bindgen-0.60.1.cmd.new" "$cmp/bindgen-0.60.1.cmd" || [ ! -s "$cmp/bindgen-0.60.1.rs" ]; then
		say "6.1: bindgen 0.60.1 with layout tests"
		rm -f "$cmp/bindgen-0.60.1-test"
		(cd "$obj" && LIBCLANG_PATH=$LIBCLANG_14 "${ARGS[@]}") >"$cmp/bindgen-0.60.1.log" 2>&1 ||
			{ SUMMARY[6.1/layout]="    bindgen 0.60.1 failed, see $cmp/bindgen-0.60.1.log"$'\n'; return; }
		mv "$cmp/bindgen-0.60.1.cmd.new" "$cmp/bindgen-0.60.1.cmd"
	fi
	for t in kbindgen bindgen-0.60.1; do
		mkdir -p "$cmp/obj-$t/rust/bindings"
		ln -sf "$cmp/$t.rs" "$cmp/obj-$t/rust/bindings/bindings_generated.rs"
		echo '// placeholder: kbuild'"'"'s helpers file declares one function (BUG) and no type' \
			>"$cmp/obj-$t/rust/bindings/bindings_helpers_generated.rs"
	done
	s=
	say "6.1: rustc on kbindgen's layout asserts"
	OBJTREE=$cmp/obj-kbindgen RUSTC_BOOTSTRAP=1 "$RUSTC" --edition=2021 --crate-type=rlib \
		--crate-name bindings --emit=metadata --out-dir "$cmp/rustc-kbindgen" @"$cfg" "$lib" \
		>"$cmp/rustc-kbindgen.log" 2>&1
	local rc=$?
	s+="    kbindgen: $(grep -c '"Size of ' "$cmp/kbindgen.rs") types with const asserts, $("$RUSTC" --version | cut -d' ' -f1-2): rc $rc, $(grep -c '^error' "$cmp/rustc-kbindgen.log") errors (log $cmp/rustc-kbindgen.log)"$'\n'
	[ $rc = 0 ] || s+=$(grep -m5 -A3 '^error' "$cmp/rustc-kbindgen.log" | sed 's/^/        /')$'\n'
	if [ -x "$RUSTC_163" ]; then
		if [ ! -x "$cmp/bindgen-0.60.1-test" ]; then
			say "6.1: $("$RUSTC_163" --version) --test on bindgen 0.60.1's layout tests"
			OBJTREE=$cmp/obj-bindgen-0.60.1 RUSTC_BOOTSTRAP=1 "$RUSTC_163" --edition=2021 --test \
				--crate-name bindings -o "$cmp/bindgen-0.60.1-test" @"$cfg" "$lib" \
				>"$cmp/rustc-bindgen-0.60.1.log" 2>&1
		fi
		if [ -x "$cmp/bindgen-0.60.1-test" ]; then
			RUST_BACKTRACE=0 "$cmp/bindgen-0.60.1-test" -q --test-threads=1 >"$cmp/bindgen-0.60.1-test.log" 2>&1
			s+="    bindgen 0.60.1: $("$RUSTC_163" --version | cut -d' ' -f1-2) --test, run: $(grep '^test result' "$cmp/bindgen-0.60.1-test.log") (log $cmp/bindgen-0.60.1-test.log)"$'\n'
			# failed asserts as "test: message: Rust value, expected value"
			s+=$(awk '/^---- .* stdout ----$/ { t = $2; sub(/.*::/, "", t) }
				/^ *left: `/ { l = $2; gsub(/[`,]/, "", l) }
				/^ right: `/ { r = $0; sub(/^ right: `/, "", r); v = r; sub(/`.*/, "", v)
					m = r; sub(/^[^:]*: /, "", m); sub(/'"'"', .*/, "", m)
					printf "        FAILED %s: %s: Rust %s, clang %s\n", t, m, l, v }' \
				"$cmp/bindgen-0.60.1-test.log")
			[ "${s: -1}" = $'\n' ] || s+=$'\n'
		else
			s+="    bindgen 0.60.1: the test crate does not compile (log $cmp/rustc-bindgen-0.60.1.log)"$'\n'
			s+=$(grep -m5 -A3 '^error' "$cmp/rustc-bindgen-0.60.1.log" | sed 's/^/        /')$'\n'
		fi
	fi
	s+=$(python3 "$REPO/bench/layout-diff.py" "$cmp/kbindgen.rs" "$cmp/bindgen-0.60.1.rs" "$cmp" | sed 's/^/    /')$'\n'
	s+="    numbers: $cmp/layout-{kbindgen,bindgen-0.60.1}.txt, differences: $cmp/layout.diff"$'\n'
	SUMMARY[6.1/layout]=$s
}

# -------------------------------------------------------------------- main
for v in $KERNELS; do
	prepare_tree "$v"
	run_prepare "$v"
	compile_bindings "$v"
	[ "$v" = 6.1 ] && compare_060
	werror_check "$v"
	if [ "$v" = 6.1 ]; then
		layout_61
		rust162_61
	fi
done

echo
echo "==================== kbindgen in the kernel: summary ===================="
echo "kbindgen: $KBINDGEN ($("$KBINDGEN" --version 2>&1 | tr '\n' ' '))"
echo "rustc: $("$RUSTC" --version); cache: $WORK"
for v in $KERNELS; do
	echo
	echo "## Linux $(kmake "$v" -s kernelversion 2>/dev/null) (linux-source-$v), x86_64 defconfig + CONFIG_RUST=y, O=$WORK/build-$v"
	echo "${SUMMARY[$v/prepare]}"
	echo "  bindings generated by kbuild with BINDGEN=kbindgen:"
	printf '%s' "${SUMMARY[$v/files]}"
	echo "  failed make targets ($(wc -l <"$WORK/prepare-$v.failed"); rust/core.o and its dependents are expected):"
	sed 's/^/    /' "$WORK/prepare-$v.failed"
	echo "  kbindgen / clang diagnostics and errors in the log ($(wc -l <"$WORK/prepare-$v.diag") lines):"
	head -20 "$WORK/prepare-$v.diag" | cut -c1-300 | sed 's/^/    /'
	echo "  rustc (#![no_std] rlib, host target):"
	printf '%s' "${SUMMARY[$v/rustc]:-    not run}"
	echo "  warnings as errors in a real kernel build:"
	printf '%s' "${SUMMARY[$v/werror]:-    not run}"
	if [ "$v" = 6.1 ]; then
		echo "  items, bindgen 0.60.1 (libclang 14) vs kbindgen, counts by kind:"
		printf '%s' "${SUMMARY[6.1/diff]:-    not run}"
		echo "  layouts (kbuild's arguments without --no-layout-tests), kbindgen vs bindgen 0.60.1 vs clang:"
		printf '%s' "${SUMMARY[6.1/layout]:-    not run}"
		echo "  for rustc 1.63: KBINDGEN_RUST_TARGET=$RUST162_TARGET, objtree $WORK/build-6.1-rust1.62:"
		printf '%s' "${SUMMARY[6.1/r162]:-    not run}"
	fi
done
