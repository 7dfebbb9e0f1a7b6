# What tests/kernel/check.sh and tests/kernel/prepare-tree share: settings,
# the kbindgen snapshot that kbuild runs, and kbuild's make.  Sourced; goes
# to the top of the repository (a relative KBINDGEN is from there).
# Env: WORK (the cache, default ~/.cache/kbindgen-kernel, outside the
# repository), KBINDGEN (default build/kbindgen; built with `make` if
# missing), RUSTC (default ~/.cargo/bin/rustc), RUSTC_163 (default
# /usr/bin/rustc, Debian's 1.63), JOBS (default nproc).
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO" || exit 1
WORK=${WORK:-$HOME/.cache/kbindgen-kernel}
KBINDGEN=${KBINDGEN:-build/kbindgen}
case $KBINDGEN in /*) ;; *) KBINDGEN=$REPO/$KBINDGEN ;; esac
RUSTC=${RUSTC:-$HOME/.cargo/bin/rustc}
RUSTC_163=${RUSTC_163:-/usr/bin/rustc}
JOBS=${JOBS:-$(nproc)}
BINDGEN_060=/usr/bin/bindgen
LIBCLANG_14=/usr/lib/llvm-14/lib/libclang-14.so.1
ZERO_INIT_FLAG=-enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang

# The kernel's Makefile reads LLVM, ARCH, CC... from the environment; our
# own settings must not leak into it (LLVM=14 is kbindgen's Makefile's
# knob, LLVM=1 the kernel's "build with clang").
unset LLVM ARCH CROSS_COMPILE CC O
# bindgen 0.60.1 pipes its output through rustfmt, found on PATH.
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
# rust_is_available.sh only checks that $RUST_LIB_SRC/core/src/lib.rs
# exists (see prepare-tree)
export RUST_LIB_SRC=$WORK/fake-rust-lib-src
mkdir -p "$WORK"
say() { echo "== $*" >&2; }
die() { echo "ERROR: $*" >&2; exit 1; }

BINDINGS_6_1="rust/bindings/bindings_generated.rs rust/bindings/bindings_helpers_generated.rs"
BINDINGS_6_12="$BINDINGS_6_1 rust/uapi/uapi_generated.rs"
bindings_of() { case $1 in 6.1) echo "$BINDINGS_6_1" ;; *) echo "$BINDINGS_6_12" ;; esac; }

# snapshot_kbindgen: sets KBINDGEN to a copy of the binary named after its
# hash, $WORK/bin/kbindgen-<hash>, which is what kbuild runs: a rebuild of
# build/kbindgen during the (long) run cannot hit a half-written file, and
# a new binary is a new BINDGEN command line, which if_changed_dep sees,
# so kbuild regenerates the bindings by its own rules.  Older snapshots
# in the same directory are deleted.  `snapshot_kbindgen DIR` keeps the
# snapshot in DIR instead (prepare-realworld: the libclang 22 binary in
# $WORK/bin-llvm-22, so the two never delete each other's).
snapshot_kbindgen() {
	local bin=${1:-$WORK/bin}
	if [ ! -x "$KBINDGEN" ]; then
		say "building kbindgen"
		make -C "$REPO" >"$WORK/kbindgen-build.log" 2>&1 ||
			die "make failed, see $WORK/kbindgen-build.log"
	fi
	local hash
	hash=$(sha256sum <"$KBINDGEN" | cut -c1-12)
	mkdir -p "$bin"
	if [ ! -x "$bin/kbindgen-$hash" ]; then
		cp "$KBINDGEN" "$bin/.kbindgen-$hash.tmp" &&
			mv "$bin/.kbindgen-$hash.tmp" "$bin/kbindgen-$hash" ||
			die "cannot copy $KBINDGEN"
	fi
	"$bin/kbindgen-$hash" --version >/dev/null 2>&1 || die "$bin/kbindgen-$hash does not run"
	find "$bin" -name 'kbindgen-*' ! -name "kbindgen-$hash" -delete
	[ "$KBINDGEN" = "$bin/kbindgen-$hash" ] ||
		say "kbindgen: $KBINDGEN ($("$KBINDGEN" --version 2>&1 | tr '\n' ' ')), run as $bin/kbindgen-$hash"
	KBINDGEN=$bin/kbindgen-$hash
}

# extract_kernel VERSION: /usr/src/linux-source-VERSION.tar.xz into
# $WORK/src (once), through a temporary directory and a rename, so an
# interrupted tar never leaves a tree that looks complete
extract_kernel() {
	local v=$1
	[ -f "$WORK/src/linux-source-$v/Makefile" ] && return
	say "$v: extracting /usr/src/linux-source-$v.tar.xz"
	mkdir -p "$WORK/src"
	rm -rf "$WORK/src/tmp-$v"
	mkdir "$WORK/src/tmp-$v" &&
		tar -C "$WORK/src/tmp-$v" -xJf "/usr/src/linux-source-$v.tar.xz" &&
		mv "$WORK/src/tmp-$v/linux-source-$v" "$WORK/src/" &&
		rmdir "$WORK/src/tmp-$v" || die "$v: extraction failed"
}

# kmake_in <kernel> <objtree> ARGS...: the kernel's make, out of tree, with
# kbindgen.  BINDGEN goes on every call: Kconfig evaluates
# rust_is_available.sh (so CONFIG_RUST can only be enabled if the probe
# accepts kbindgen) and 6.12 records BINDGEN_VERSION_TEXT in the config.
kmake_in() {
	local v=$1 obj=$2
	shift 2
	make -C "$WORK/src/linux-source-$v" O="$obj" BINDGEN="$KBINDGEN" "$@"
}
