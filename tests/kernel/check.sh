#!/bin/bash
# kbindgen as the kernel's BINDGEN: Linux 6.1 and 6.12 from Debian's archive
# (minutes; not part of make check).
#
#   tests/kernel/check.sh                  # both kernels
#   KERNELS=6.1 tests/kernel/check.sh      # one of them
#
# Installs what is missing (scripts/install-kernel-deps), and for each
# kernel has kbuild run kbindgen (tests/kernel/prepare-tree: defconfig +
# CONFIG_RUST=y, the kernel's own `make -k prepare` with BINDGEN=kbindgen).
# Then it checks (PASS:/FAIL:) that
#   - kbuild produced every bindings file;
#   - they compile with rustc as #![no_std] libraries on the host target,
#     through the kernel's own rust/bindings/lib.rs (and rust/uapi/lib.rs
#     and rust/ffi.rs on 6.12);
#   - 6.12's compile with -Dwarnings, as a CONFIG_WERROR kernel build
#     compiles them (on 6.1, at kbindgen's default target, bindgen main's
#     bitfield setters draw unused_unsafe: reported, not checked);
#   - 6.1's layouts (both tools again on kbuild's arguments without
#     --no-layout-tests): kbindgen's compile-time asserts compile with
#     rustc, and their numbers are those of bindgen 0.60.1's #[test]s
#     (tests/kernel/layout-diff.py; the #[test]s are built with rustc 1.63
#     and run: reported);
#   - 6.1 made again in a second objtree with KBINDGEN_RUST_TARGET=1.62
#     compiles with Debian's rustc 1.63, also with -Dwarnings, and with the
#     new rustc;
# and reports whether a real kernel build would turn rustc's warnings into
# errors (CONFIG_WERROR -> -Dwarnings in kbuild's rustc command), and, on
# 6.1, the items (kind + name, tests/kernel/rust-items) that differ from
# Debian's bindgen 0.60.1's on the arguments kbuild saved.  Ends with a
# summary and `kernel: N passed, M failed`.  doc/kernel.md has the notes:
# the cache's files, why each step is done as it is, results.  The timing
# of the kernel header is bench/kernel-bench.sh (make bench).
#
# Env: KERNELS (default "6.1 6.12"), and those of tests/kernel/lib.sh.
#
# Idempotent: extraction, configuration, the bindgen 0.60.1 runs and the
# rustc 1.63 build of its layout tests are skipped when their results are
# there (and their command line is unchanged); `make prepare` is rerun
# every time; the kbindgen layout run and the rustc checks are rerun every
# time (seconds).
#
# bindgen 0.60.1 (6.1 comparison only) runs on libclang 14: with
# libclang 16 it panics on 6.1.  libclang 14 rejects the
# -ftrivial-auto-var-init=zero of CONFIG_INIT_STACK_ALL_ZERO unless it also
# gets -enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang;
# newer kernels add that flag themselves, 6.1 does not.  kbindgen runs on
# its own libclang and needs neither.
KERNELS=${KERNELS:-6.1 6.12}
. "$(dirname "$0")/../lib.sh"
NAME=kernel
KBINDGEN=$KB
. tests/kernel/lib.sh
# kbindgen's default --rust-target: set only where this script sets it (the
# build-6.1-rust1.62 objtree), never inherited
unset KBINDGEN_RUST_TARGET
declare -A SUMMARY # kernel/key -> text, printed at the end

# kbuild_args OBJTREE TARGET TOOL OUT.rs DEPFILE [OPTION...]: ARGS becomes
# tests/kernel/kbuild-args's command; fails when kbuild saved none
kbuild_args() {
	mapfile -d '' ARGS < <(tests/kernel/kbuild-args "$@")
	[ ${#ARGS[@]} -gt 0 ]
}

# ---------------------------------------------------- kbuild runs kbindgen
# produced <kernel> <objtree> <key>: checks that kbuild made each bindings
# file, and lists them in SUMMARY[key]
produced() {
	local v=$1 obj=$2 key=$3 f
	for f in $(bindings_of "$v"); do
		if [ -s "$obj/$f" ]; then
			ok "$v: kbuild generated $f ($obj)"
			SUMMARY[$key]+="    $f: produced ($(wc -l <"$obj/$f") lines)"$'\n'
		else
			bad "$v: kbuild did not generate $f ($obj)"
			SUMMARY[$key]+="    $f: NOT produced"$'\n'
		fi
	done
}

# ------------------------------------------------------------ rustc checks
# crate <kernel> <name> <lib.rs> [rustc args]: one #![no_std] rlib on the
# host target, with the kernel's --cfg values (rustc_cfg) and OBJTREE, which
# the kernel's lib.rs files use to include! the generated files.
# CRATE_OBJ, CRATE_OUT, CRATE_RUSTC and CRATE_KEY (the SUMMARY entry) default
# to the kernel's objtree, $WORK/rustc-<kernel>, $RUSTC and <kernel>/rustc.
# Returns rustc's status.
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

# checked WHAT COMMAND...: runs the command, a check named WHAT; returns
# the command's status
checked() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else bad "$what"; return 1; fi
}

compile_bindings() {
	local v=$1
	local src=$WORK/src/linux-source-$v obj=$WORK/build-$v
	[ -f "$obj/include/generated/rustc_cfg" ] || {
		bad "$v: no include/generated/rustc_cfg: rustc not run"
		SUMMARY[$v/rustc]="    not run: no include/generated/rustc_cfg"$'\n'
		return
	}
	say "$v: rustc ($("$RUSTC" --version)) on the kernel's lib.rs"
	SUMMARY[$v/rustc]=
	case $v in
	6.1)	# 6.1's lib.rs has #![feature(core_ffi_c)], hence RUSTC_BOOTSTRAP
		checked "$v: rustc: bindings" crate "$v" bindings "$src/rust/bindings/lib.rs" ;;
	*)	# 6.12: --ctypes-prefix ffi, the crate the kernel builds from rust/ffi.rs
		checked "$v: rustc: ffi" crate "$v" ffi "$src/rust/ffi.rs" &&
			checked "$v: rustc: bindings" crate "$v" bindings "$src/rust/bindings/lib.rs" --extern ffi
		[ -f "$WORK/rustc-$v/libffi.rmeta" ] &&
			checked "$v: rustc: uapi" crate "$v" uapi "$src/rust/uapi/lib.rs" --extern ffi ;;
	esac
}

# ------------------------------------------ 6.1: bindgen 0.60.1 item diff
compare_060() {
	local obj=$WORK/build-6.1 cmp=$WORK/cmp-6.1
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
	tests/kernel/rust-items "$cmp/bindgen-0.60.1.rs" >"$cmp/items-bindgen-0.60.1.txt"
	tests/kernel/rust-items "$kb_out" >"$cmp/items-kbindgen.txt"
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
# environment to the rule. prepare-tree does this in an objtree of its own,
# build-6.1-rust1.62, where the variable is always set.
RUST162_TARGET=1.62
rust162_61() {
	local v=6.1 obj=$WORK/build-6.1-rust1.62 src=$WORK/src/linux-source-6.1 f
	SUMMARY[6.1/r162]=
	if [ ! -x "$RUSTC_163" ]; then
		SUMMARY[6.1/r162]="    not run: no $RUSTC_163"$'\n'
		return
	fi
	SUMMARY[6.1/r162]=$(KBINDGEN_RUST_TARGET=$RUST162_TARGET tests/kernel/prepare-tree 6.1 "$obj" |
		sed 's/^/    /')$'\n'
	produced 6.1 "$obj" 6.1/r162
	for f in $BINDINGS_6_1; do
		[ -s "$obj/$f" ] && SUMMARY[6.1/r162]+="    $f: $(grep -c '^unsafe extern "C"' "$obj/$f") 'unsafe extern \"C\"' blocks, $(grep -c '^extern "C"' "$obj/$f") 'extern \"C\"' blocks"$'\n'
	done
	say "6.1: $("$RUSTC_163" --version) on the KBINDGEN_RUST_TARGET=$RUST162_TARGET bindings"
	SUMMARY[6.1/r162]+="    $("$RUSTC_163" --version):"$'\n'
	CRATE_OBJ=$obj CRATE_OUT=$WORK/rustc-6.1-rust1.63 CRATE_RUSTC=$RUSTC_163 CRATE_KEY=6.1/r162 \
		checked "6.1: rustc 1.63: KBINDGEN_RUST_TARGET=$RUST162_TARGET bindings" \
		crate "$v" bindings "$src/rust/bindings/lib.rs"
	# as a CONFIG_WERROR kernel build would compile them
	SUMMARY[6.1/r162]+="    $("$RUSTC_163" --version) -Dwarnings:"$'\n'
	CRATE_OBJ=$obj CRATE_OUT=$WORK/rustc-6.1-rust1.63-Dwarnings CRATE_RUSTC=$RUSTC_163 CRATE_KEY=6.1/r162 \
		checked "6.1: rustc 1.63 -Dwarnings: KBINDGEN_RUST_TARGET=$RUST162_TARGET bindings" \
		crate "$v" bindings "$src/rust/bindings/lib.rs" -Dwarnings
	# and the same files with the new rustc
	SUMMARY[6.1/r162]+="    $("$RUSTC" --version | cut -d' ' -f1-2):"$'\n'
	CRATE_OBJ=$obj CRATE_OUT=$WORK/rustc-6.1-rust1.62-new CRATE_KEY=6.1/r162 \
		checked "6.1: $("$RUSTC" --version | cut -d' ' -f1-2): KBINDGEN_RUST_TARGET=$RUST162_TARGET bindings" \
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
# again with -Dwarnings added: a check on 6.12 (--rust-target 1.68), a
# report on 6.1 (kbindgen's default target: bindgen main's setters).
werror_check() {
	local v=$1
	local obj=$WORK/build-$v src=$WORK/src/linux-source-$v ev=$WORK/werror-$v.txt cmd
	{
		echo "# .config: $(grep -E '^(# )?CONFIG_WERROR[= ]' "$obj/.config")"
		echo "# Makefile: $(grep -n 'KBUILD_RUSTFLAGS-$(CONFIG_WERROR)' "$src/Makefile")"
		if [ "$v" = 6.1 ]; then
			kmake_in "$v" "$obj" -n V=1 rust/bindings.o >"$WORK/werror-$v.make-n.log" 2>&1
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
	if [ "$v" = 6.1 ]; then
		CRATE_OUT=$WORK/rustc-$v-Dwarnings CRATE_KEY=$v/werror \
			crate "$v" bindings "$src/rust/bindings/lib.rs" -Dwarnings
	else
		CRATE_OUT=$WORK/rustc-$v-Dwarnings CRATE_KEY=$v/werror \
			checked "$v: rustc -Dwarnings: bindings" \
			crate "$v" bindings "$src/rust/bindings/lib.rs" "${extern[@]}" -Dwarnings
	fi
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
#   - tests/kernel/layout-diff.py extracts the numbers of both files and
#     diffs them.
# The include!d helpers file is a one-line placeholder in both crates (kbuild's
# declares one function, BUG, and no type), so that rustc 1.63 can read it.
layout_61() {
	local obj=$WORK/build-6.1 cmp=$WORK/cmp-6.1/layout src=$WORK/src/linux-source-6.1 t s
	local lib=$src/rust/bindings/lib.rs cfg=$obj/include/generated/rustc_cfg
	mkdir -p "$cmp"
	if ! kbuild_args "$obj" rust/bindings/bindings_generated.rs "$KBINDGEN" \
		"$cmp/kbindgen.rs" "$cmp/kbindgen.d" --no-layout-tests; then
		bad "6.1: layouts: no kbuild command for bindings_generated.rs"
		SUMMARY[6.1/layout]="    not run: no kbuild command for bindings_generated.rs"$'\n'
		return
	fi
	say "6.1: kbindgen with layout tests"
	(cd "$obj" && env -u KBINDGEN_RUST_TARGET "${ARGS[@]}") >"$cmp/kbindgen.log" 2>&1 || {
		bad "6.1: layouts: kbindgen failed, see $cmp/kbindgen.log"
		SUMMARY[6.1/layout]="    kbindgen failed, see $cmp/kbindgen.log"$'\n'
		return
	}
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
	checked "6.1: kbindgen's layout asserts compile (its layouts are clang's)" [ $rc = 0 ]
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
	rm -f "$cmp/layout.diff"
	s+=$(python3 tests/kernel/layout-diff.py "$cmp/kbindgen.rs" "$cmp/bindgen-0.60.1.rs" "$cmp" | sed 's/^/    /')$'\n'
	s+="    numbers: $cmp/layout-{kbindgen,bindgen-0.60.1}.txt, differences: $cmp/layout.diff"$'\n'
	if [ -f "$cmp/layout.diff" ] && [ ! -s "$cmp/layout.diff" ]; then
		ok "6.1: layouts: kbindgen's numbers are bindgen 0.60.1's"
	else
		bad "6.1: layouts: kbindgen's numbers differ from bindgen 0.60.1's ($cmp/layout.diff)"
	fi
	SUMMARY[6.1/layout]=$s
}

# -------------------------------------------------------------------- main
scripts/install-kernel-deps $KERNELS || die "scripts/install-kernel-deps failed"
snapshot_kbindgen
export KBINDGEN # the snapshot, for prepare-tree
for v in $KERNELS; do
	SUMMARY[$v/prepare]=$(tests/kernel/prepare-tree "$v") || die "$v: prepare-tree failed"
	produced "$v" "$WORK/build-$v" "$v/files"
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
	echo "## Linux $(kmake_in "$v" "$WORK/build-$v" -s kernelversion 2>/dev/null) (linux-source-$v), x86_64 defconfig + CONFIG_RUST=y, O=$WORK/build-$v"
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
echo
finish
