#!/bin/bash
# make kernel-e2e: the kernel's whole Rust build with kbindgen's tools.
# Linux 6.12 from Debian's linux-source-6.12, LLVM=-22 tinyconfig + Rust +
# CONFIG_WERROR=y (and CONFIG_FRAME_WARN=2048, the 64-bit default:
# tinyconfig starts 32-bit with 1024, which olddefconfig keeps, and clang
# 22's frames for fs/select.c and lib/maple_tree.c pass 1024), built with kbindgen (libclang 22) as BINDGEN and
# kexports in place of the `$(NM) | awk` of rust/Makefile's cmd_exports
# (a one-line patch, applied to a copy of the source tree: hard links but
# for rust/Makefile); then booted under QEMU with a busybox initramfs that
# loads rust_minimal, rust_print and tests/kernel/kb_sample (which uses
# the bindings for real), unloads them and powers off.  Checks:
#   - what the three modules print (the values C gives);
#   - the exports headers kexports wrote against the kernel's own rule
#     (llvm-nm-22 | awk) run on the same objects: identical;
#   - the three bindgen outputs against ../shared/realworld-kernel, as
#     tests/kernel/realworld-kernel.sh does (the listed differences only);
#   - a second make with nothing touched rebuilds nothing; touching a
#     header of the bindings' dependency list regenerates them.
# Exits non-zero on any failure.  Sources and builds live in $WORK
# (default ~/.cache/kbindgen-kernel): src/e2e-6.12, build-e2e-6.12,
# e2e/ (initramfs, logs).  Env: WORK, JOBS.
#
#   tests/kernel/e2e.sh [--rust-only]
#
# --rust-only (CI's kernel step, minutes): `make prepare`, which in 6.12
# builds rust/ (the bindings, the crates, the exports headers), and the
# exports and bindings checks; no vmlinux, no boot.
set -u
. "$(dirname "$0")/lib.sh"
RUST_ONLY=
[ "${1:-}" = --rust-only ] && RUST_ONLY=1

V=6.12
SRC=$WORK/src/e2e-$V
OBJ=$WORK/build-e2e-$V
OUT=$WORK/e2e
MOD=$OUT/kb_sample
LOG=$OUT/build.log
CONFIG="-e 64BIT -e MODULES -e MODULE_UNLOAD -e PRINTK -e EARLY_PRINTK -e TTY
 -e SERIAL_8250 -e SERIAL_8250_CONSOLE -e BLK_DEV_INITRD -e BINFMT_ELF -e BINFMT_SCRIPT
 -e DEVTMPFS -e DEVTMPFS_MOUNT -e PROC_FS -e SYSFS -e MULTIUSER -e FUTEX -e POSIX_TIMERS
 -d MODVERSIONS -e RUST -e SAMPLES -e SAMPLES_RUST -m SAMPLE_RUST_MINIMAL -m SAMPLE_RUST_PRINT
 -e WERROR --set-val FRAME_WARN 2048"
fail=0
ok() { echo "PASS: $*"; }
bad() { echo "FAIL: $*"; fail=1; }

# ---- what it needs
PKGS="linux-source-$V clang-22 lld-22 llvm-22 libclang-22-dev libclang-rt-22-dev rustc-web
 rust-web-src qemu-system-x86 busybox-static bc flex bison libelf-dev libssl-dev cpio kmod"
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "installing$missing"
	apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends $missing >/dev/null ||
		die "apt-get install$missing failed"
fi
say "building kbindgen and kexports on libclang 22"
make -C "$REPO" LLVM=22 all >"$WORK/e2e-tools.log" 2>&1 || die "make LLVM=22 failed, see $WORK/e2e-tools.log"
KBINDGEN=$REPO/build/llvm-22/kbindgen
snapshot_kbindgen "$WORK/bin-e2e"
KEXPORTS=$WORK/bin-e2e/kexports
cp "$REPO/build/llvm-22/kexports" "$KEXPORTS.tmp" && mv "$KEXPORTS.tmp" "$KEXPORTS" ||
	die "no kexports in $REPO/build/llvm-22"

# ---- the source: a copy of the tree (hard links), rust/Makefile patched
extract_kernel "$V"
if [ ! -f "$SRC/Makefile" ]; then
	say "$V: a copy of the source in $SRC"
	rm -rf "$SRC.tmp" && cp -al "$WORK/src/linux-source-$V" "$SRC.tmp" && mv "$SRC.tmp" "$SRC" ||
		die "cannot copy the source"
fi
# cmd_exports: `$(NM) -p --defined-only $< | awk '...' > $@` becomes
# `$(KEXPORTS) -o $@ $<`; sed -i writes a new file, which breaks the link
if ! grep -q KEXPORTS "$SRC/rust/Makefile"; then
	sed -i '/^      cmd_exports = \\$/{n;N;s/.*/\t$(KEXPORTS) --kernel 6.12 -o $@ $</}' "$SRC/rust/Makefile"
	grep -q '^	$(KEXPORTS) --kernel 6.12 -o \$@ \$<$' "$SRC/rust/Makefile" ||
		die "rust/Makefile: the cmd_exports patch did not apply"
fi

path=$(tr : '\n' <<<"$PATH" | grep -vxF "$HOME/.cargo/bin" | paste -sd:)
kmake() {
	PATH=$path env -u RUST_LIB_SRC make -C "$SRC" O="$OBJ" LLVM=-22 \
		RUSTC=/usr/bin/rustc HOSTRUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
		BINDGEN="$KBINDGEN" KEXPORTS="$KEXPORTS" "$@"
}

# ---- the configuration
mkdir -p "$OBJ" "$OUT"
# shellcheck disable=SC2086 # the words, single spaces (echo would eat -e)
recipe="tinyconfig $(printf '%s ' $CONFIG)olddefconfig"
if [ ! -f "$OBJ/.config" ] || [ "$(cat "$OBJ/.kbindgen-config" 2>/dev/null)" != "$recipe" ]; then
	say "$V: tinyconfig + scripts/config, olddefconfig"
	rm -f "$OBJ/.kbindgen-config"
	kmake tinyconfig >"$OUT/config.log" 2>&1 || die "tinyconfig failed, see $OUT/config.log"
	# shellcheck disable=SC2086
	"$SRC/scripts/config" --file "$OBJ/.config" $CONFIG || die "scripts/config failed"
	kmake olddefconfig >>"$OUT/config.log" 2>&1 || die "olddefconfig failed"
	for o in RUST=y WERROR=y FRAME_WARN=2048 SAMPLE_RUST_MINIMAL=m SAMPLE_RUST_PRINT=m MODULES=y; do
		grep -qx "CONFIG_$o" "$OBJ/.config" || die "CONFIG_$o did not stick (see $OUT/config.log)"
	done
	echo "$recipe" >"$OBJ/.kbindgen-config"
fi

# ---- the build: vmlinux, bzImage, modules; then our module, out of tree
TARGETS="vmlinux bzImage modules"
[ -n "$RUST_ONLY" ] && TARGETS=prepare
say "$V: make -j$JOBS $TARGETS (log $LOG)"
t0=$SECONDS
# shellcheck disable=SC2086
kmake -j"$JOBS" $TARGETS >"$LOG" 2>&1 ||
	{ tail -30 "$LOG"; die "the kernel build failed, see $LOG"; }
say "built in $((SECONDS - t0)) s"
if [ -z "$RUST_ONLY" ]; then
	rm -rf "$MOD" && cp -r "$REPO/tests/kernel/kb_sample" "$MOD"
	# the module's own bindings of kb_helpers.h: the kernel's bindgen
	# command for rust/bindings on another header, with what it uses
	# allowlisted, C's constants and wrappers named kb_helper_f
	mapfile -d '' kcmd < <("$REPO/tests/kernel/kbuild-args" "$OBJ" rust/bindings/bindings_generated.rs \
				"$KBINDGEN" "$MOD/kb_bindings.rs" "$OUT/kb_bindings.d")
	for ((i = 0; i < ${#kcmd[@]}; i++)); do [ "${kcmd[i]}" = -- ] && break; done
	(cd "$OBJ" && "${kcmd[0]}" "$MOD/kb_helpers.h" "${kcmd[@]:2:i-2}" \
		--allowlist-function 'ERR_PTR|IS_ERR|PTR_ERR' \
		--allowlist-var 'GFP_KERNEL|GLOBAL_ROOT_UID|ZERO_SIZE_PTR' \
		--macro-const-use-ctypes --wrap-static-fns --wrap-static-fns-prefix kb_helper_ \
		--wrap-static-fns-path "$MOD/kb_helpers" -- "${kcmd[@]:i+1}") >"$OUT/kb_bindings.log" 2>&1 ||
		{ cat "$OUT/kb_bindings.log"; die "kbindgen on kb_helpers.h failed"; }
	kmake M="$MOD" modules >"$OUT/module.log" 2>&1 ||
		{ tail -30 "$OUT/module.log"; die "kb_sample did not build, see $OUT/module.log"; }
	ok "Linux $V built with CONFIG_WERROR=y, BINDGEN=kbindgen, kexports; kb_sample built"
else
	ok "Linux $V: make prepare (rust/) with CONFIG_WERROR=y, BINDGEN=kbindgen, kexports"
fi

# ---- exports: kexports against the kernel's own rule on the same objects
for h in "$OBJ"/rust/exports_*_generated.h; do
	n=$(basename "$h" _generated.h)
	n=${n#exports_}
	o=$OBJ/rust/$n.o
	[ "$n" = helpers ] && o=$OBJ/rust/helpers/helpers.o
	llvm-nm-22 -p --defined-only "$o" |
		awk '$2~/(T|R|D|B)/ && $3!~/__cfi/ {printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3}' >"$OUT/ref-$n.h"
	if cmp -s "$h" "$OUT/ref-$n.h"; then
		ok "exports_${n}_generated.h: kexports = llvm-nm | awk ($(wc -l <"$h") symbols)"
	else
		bad "exports_${n}_generated.h differs from llvm-nm | awk: $(diff "$h" "$OUT/ref-$n.h" | head -5)"
	fi
done

# ---- the bindings against bindgen main's (../shared/realworld-kernel)
if OBJ_612=$OBJ "$REPO/tests/kernel/realworld-kernel.sh" 6.12 >"$OUT/realworld.log" 2>&1; then
	ok "bindings, helpers, uapi: only the listed differences from bindgen main ($(grep -c . "$OUT/realworld.log") lines of report)"
else
	bad "bindings differ from bindgen main beyond the listed cases: see $OUT/realworld.log"
fi

# ---- constants: the bindings' command with --macro-const-use-ctypes, each
# constant checked against clang-22 with the same arguments (const-check.py)
mapfile -d '' cmd < <("$REPO/tests/kernel/kbuild-args" "$OBJ" rust/bindings/bindings_generated.rs \
			"$KBINDGEN" "$OUT/consts.rs" "$OUT/consts.d")
for ((i = 0; i < ${#cmd[@]}; i++)); do [ "${cmd[i]}" = -- ] && break; done
if [ ${#cmd[@]} = 0 ]; then
	bad "constants: no kbuild command for the bindings in $OBJ"
elif (cd "$OBJ" && "${cmd[0]}" "${cmd[1]}" --macro-const-use-ctypes --emit-ir "${cmd[@]:2}" \
		>"$OUT/consts.ir" 2>"$OUT/consts.log" &&
	CLANG=clang-22 python3 "$REPO/tests/const-check.py" --coverage "$OUT/consts.ir" "$OUT/consts.rs" \
		"${cmd[1]}" "${cmd[@]:i+1}" >"$OUT/consts.check" 2>&1); then
	ok "--macro-const-use-ctypes on the bindings: $(tail -1 "$OUT/consts.check"), as clang has them; $(sed -n 2p "$OUT/consts.check")"
else
	grep -m5 error: "$OUT/consts.check" "$OUT/consts.log"
	bad "--macro-const-use-ctypes on the bindings: see $OUT/consts.check"
fi

if [ -n "$RUST_ONLY" ]; then
	[ $fail = 0 ] && echo "kernel-e2e --rust-only: all passed" || echo "kernel-e2e --rust-only: FAILED"
	exit $fail
fi

# ---- boot: an initramfs with busybox that loads the modules
say "initramfs and QEMU"
rd=$OUT/initramfs
rm -rf "$rd" && mkdir -p "$rd/bin" "$rd/mod" "$rd/proc" "$rd/sys" "$rd/dev"
cp /bin/busybox "$rd/bin/" && for a in sh mount insmod rmmod reboot echo cat; do ln -s busybox "$rd/bin/$a"; done
cp "$OBJ/samples/rust/rust_minimal.ko" "$OBJ/samples/rust/rust_print.ko" "$MOD/kb_sample.ko" "$rd/mod/"
cat >"$rd/init" <<'EOF'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo "e2e: loading"
for m in rust_minimal rust_print kb_sample; do insmod /mod/$m.ko || echo "e2e: insmod $m failed"; done
for m in kb_sample rust_print rust_minimal; do rmmod $m || echo "e2e: rmmod $m failed"; done
echo "e2e: done"
reboot -f
EOF
chmod +x "$rd/init"
(cd "$rd" && find . | cpio -o -H newc --quiet | gzip -1 >"$OUT/initramfs.cpio.gz") || die "cpio failed"
timeout 300 qemu-system-x86_64 -m 256 -nographic -no-reboot \
	-kernel "$OBJ/arch/x86/boot/bzImage" -initrd "$OUT/initramfs.cpio.gz" \
	-append "console=ttyS0 panic=-1" >"$OUT/boot.log" 2>&1
say "QEMU exit $?, log $OUT/boot.log"
tr -d '\r' <"$OUT/boot.log" >"$OUT/boot.txt"
expect() {
	if grep -qF -- "$1" "$OUT/boot.txt"; then ok "boot: $1"; else bad "boot: no \"$1\""; fi
}
expect "Rust minimal sample (init)"
expect "Am I built-in? false"
expect "Rust printing macros sample (init)"
expect "kb_sample: strlen(\"kbindgen\") = 8"
expect "kb_sample: simple_strtoul(\"2026\") = 2026"
expect "kb_sample: EINVAL = 22"
expect "kb_sample: bpf_insn dst_reg=3 src_reg=7 bytes=[b7, 73, fe, ff, 78, 56, 34, 12]"
expect "kb_sample: IS_ERR(ERR_PTR(-22)) = true, PTR_ERR = -22"
# the constants as C has them: const-check.py on the module's bindings,
# and the printed values as the bindings give them
if (cd "$OBJ" && CLANG=clang-22 python3 "$REPO/tests/const-check.py" "$MOD/kb_bindings.rs" \
		"$MOD/kb_helpers.h" "${kcmd[@]:i+1}") >"$OUT/kb_consts.check" 2>&1; then
	ok "kb_bindings.rs: $(tail -1 "$OUT/kb_consts.check"), as clang has them"
else
	bad "kb_bindings.rs constants: $(grep -m3 error: "$OUT/kb_consts.check")"
fi
gfp=$(grep -o 'GFP_KERNEL: gfp_t = [0-9]*' "$MOD/kb_bindings.rs" | grep -o '[0-9]*$')
expect "kb_sample: GFP_KERNEL = $(printf '%#x' "${gfp:-0}"), GLOBAL_ROOT_UID.val = 0, ZERO_SIZE_PTR = 0x10"
expect "kb_sample: exit"
expect "My numbers are [72, 108, 200]"
expect "Rust minimal sample (exit)"
expect "e2e: done"
if grep -q "e2e: .* failed" "$OUT/boot.txt"; then bad "boot: $(grep 'e2e: .* failed' "$OUT/boot.txt" | head -3)"; fi

# ---- incremental: nothing touched rebuilds nothing; a header regenerates
B=$OBJ/rust/bindings/bindings_generated.rs
before=$(stat -c %Y.%N "$B" 2>/dev/null; stat -c %Y "$OBJ/vmlinux")
kmake -j"$JOBS" vmlinux bzImage modules >"$OUT/rebuild.log" 2>&1 || bad "the second make failed"
after=$(stat -c %Y.%N "$B" 2>/dev/null; stat -c %Y "$OBJ/vmlinux")
if [ "$before" = "$after" ] && ! grep -Eq '^ +(BINDGEN|RUSTC|CC|LD|EXPORTS) ' "$OUT/rebuild.log"; then
	ok "a second make with nothing touched rebuilds nothing"
else
	bad "the second make rebuilt: $(grep -E '^ +[A-Z]+ ' "$OUT/rebuild.log" | head -5 | tr '\n' ' ')"
fi
# a header in the bindings' dependency list (fixdep's deps_ lines) that
# one C file of tinyconfig reads too (phy.h), so that the rebuild is small
hdr=$(sed -n '/^deps_rust\/bindings\/bindings_generated.rs/,/^$/p' \
	"$OBJ/rust/bindings/.bindings_generated.rs.cmd" | grep -o '[^ ]*/include/linux/phy\.h' | head -1)
case $hdr in /*) ;; *) hdr=$OBJ/$hdr ;; esac
if [ -f "$hdr" ]; then
	# its own copy first: the source is hard links to the shared tree
	cp -p "$hdr" "$hdr.tmp" && mv "$hdr.tmp" "$hdr" && touch "$hdr"
	kmake -j"$JOBS" rust/ >"$OUT/touch.log" 2>&1
	if grep -Eq '^ +BINDGEN +rust/bindings/bindings_generated.rs' "$OUT/touch.log"; then
		ok "touching $(basename "$hdr") regenerated the bindings"
	else
		bad "touching $hdr did not regenerate the bindings: $(grep -E '^ +[A-Z]+ ' "$OUT/touch.log" | head -3)"
	fi
	# the tree back to built
	kmake -j"$JOBS" vmlinux bzImage modules >>"$OUT/touch.log" 2>&1
else
	bad "no header found in the bindings' dependency list"
fi

[ $fail = 0 ] && echo "kernel-e2e: all passed" || echo "kernel-e2e: FAILED"
exit $fail
