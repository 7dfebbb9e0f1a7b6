#!/bin/bash
# tools/kexports against the pipeline it replaces, byte for byte:
#   nm -p --defined-only OBJ | awk '<the rule>'
# with the rules of Linux 6.1, 6.12 and mainline, and its --list against
# nm itself, on C and assembler objects with every kind of symbol built for
# six targets by clang-16, on Rust objects, on archives, and on the
# kernel's own Rust objects when a kernel build is at hand; then llvm-nm's
# view of the same objects, the errors, -o's all or nothing, --format and
# --exclude.
# Env: KEXPORTS (default $B/kexports, B default build), CLANG (clang-16),
# KEXPORTS_KERNEL_BUILDS (kernel build trees, default
# ~/.cache/kbindgen-kernel/build-*).  Prints PASS:/FAIL:/NOTE: lines and
# ends with `kexports: N passed, M failed`; exits non-zero if any failed.
. "$(dirname "$0")/lib.sh"

KX=${KEXPORTS:-${B:-build}/kexports}
case $KX in /*) ;; *) KX=$PWD/$KX ;; esac
CLANG=${CLANG:-clang-16}
PATH=$HOME/.cargo/bin:$PATH
note() { echo "NOTE: $*"; }
if [ ! -x "$KX" ]; then
	bad "no $KX (make builds it)"
	finish
	exit
fi

# the kernel's rules, as rust/Makefile has them (less make's $$)
rule() {
	case $1 in
	6.1) echo '/ (T|R|D|B) / {printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3}' ;;
	6.12) echo '$2~/(T|R|D|B)/ && $3!~/__cfi/ {printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3}' ;;
	mainline) echo '$2~/(T|R|D|B)/ && $3!~/__(pfx|cfi|odr_asan)/ { printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3 }' ;;
	esac
}

nsyms=0 nexports=0 nchecks=0
# same LABEL NM KXFLAGS OBJ...: kexports --list KXFLAGS against NM, and
# kexports --kernel GEN KXFLAGS against NM | awk for the three rules.
# $NMFLAGS: more options for NM.
same() {
	local label=$1 nm=$2 kxflags=$3 why= gen n e
	shift 3
	"$nm" -p --defined-only ${NMFLAGS:-} "$@" 2> /dev/null > "$D/ref.nm"
	if ! "$KX" --list $kxflags "$@" > "$D/kx.nm" 2> "$D/kx.err"; then
		why="--list failed: $(head -c 200 "$D/kx.err")"
	elif ! cmp -s "$D/ref.nm" "$D/kx.nm"; then
		why="--list differs: $(diff "$D/ref.nm" "$D/kx.nm" | head -5 | tr '\n' ' ')"
	fi
	for gen in 6.1 6.12 mainline; do
		awk "$(rule $gen)" "$D/ref.nm" > "$D/ref.$gen"
		if ! "$KX" --kernel $gen $kxflags "$@" > "$D/kx.$gen" 2> "$D/kx.err"; then
			why="$why $gen failed: $(head -c 200 "$D/kx.err")"
		elif ! cmp -s "$D/ref.$gen" "$D/kx.$gen"; then
			why="$why $gen differs: $(diff "$D/ref.$gen" "$D/kx.$gen" | head -3 | tr '\n' ' ')"
		fi
	done
	n=$(grep -c '^[0-9a-f]* . ' "$D/ref.nm")
	e=$(wc -l < "$D/ref.6.12")
	if [ -z "$why" ]; then
		ok "$label: $n symbols, $e exports (6.12), all three rules identical"
		nsyms=$((nsyms + n)) nexports=$((nexports + e)) nchecks=$((nchecks + 1))
	else
		bad "$label: $why"
	fi
}

# llvm LABEL STRICT OBJ: llvm-nm-22 and llvm-nm-16 (the kernel's $(NM) in
# LLVM=1 builds) against kexports, under the 6.12 and mainline rules.  A
# difference fails when STRICT is 1 (real objects); otherwise it is noted.
llvm() {
	local label=$1 strict=$2 v gen diffs
	shift 2
	for v in 22 16; do
		command -v llvm-nm-$v > /dev/null || continue
		llvm-nm-$v -p --defined-only "$@" 2> /dev/null > "$D/llvm.nm"
		diffs=
		for gen in 6.12 mainline; do
			awk "$(rule $gen)" "$D/llvm.nm" > "$D/llvm.h"
			"$KX" --kernel $gen "$@" > "$D/kx.h" 2> /dev/null
			cmp -s "$D/llvm.h" "$D/kx.h" ||
				diffs="$diffs $gen: $(diff "$D/kx.h" "$D/llvm.h" | grep '^[<>]' | tr '\n' ' ')"
		done
		if [ -z "$diffs" ]; then
			ok "$label: llvm-nm-$v gives the same exports"
		elif [ "$strict" = 1 ]; then
			bad "$label: llvm-nm-$v's exports differ:$diffs"
		else
			note "$label: llvm-nm-$v's exports differ (< kexports, as GNU nm; > llvm-nm):$diffs"
		fi
	done
}

# ---- objects with every kind of symbol

long=long_$(printf '%05000d' 0 | tr 0 x)	# a 5005-byte name
cat > "$D/kinds.c" <<EOF
int global_data = 1;
static int static_data = 2;
const int const_data = 3;
static const int static_const = 4;
int bss_data;
static int static_bss;
int common_data;			/* -fcommon: C */
__attribute__((weak)) int weak_data = 5;
__attribute__((weak)) int weak_func(void) { return 1; }
int global_func(void) { return static_data + static_const + static_bss; }
static int static_func(void) { return 2; }
int alias_func(void) __attribute__((alias("global_func")));
extern int alias_data __attribute__((alias("global_data")));
static int (*resolve_ifn(void))(void) { return static_func; }
int ifn(void) __attribute__((ifunc("resolve_ifn")));
__thread int tls_data = 6;
__thread int tls_bss;
static __thread int tls_static;
int undefined_func(void);
extern int undefined_data;
__attribute__((weak)) extern int weak_undef;
int use(void) { return undefined_func() + undefined_data + tls_static + static_func() + (&weak_undef != 0); }
int name__cfi_x = 1;
void f__cfi_g(void) {}
int __cfi_foo(void) { return 0; }
int x__odr_asan_y;
int __odr_asan_gen_z = 1;
int __pfx_foo(void) { return 0; }
const char *str_ptr = "x";
const char *const const_ptr = "y";
__attribute__((section(".sdata"))) int sdata_var = 1;
__attribute__((section(".rodata.custom"))) const int rodata_custom = 1;
__attribute__((visibility("hidden"))) int hidden_func(void) { return 3; }
__attribute__((visibility("protected"))) int protected_data = 7;
int ${long}_f(void) { return 4; }
int ${long}_d = 8;
EOF

# sections with odd flags and names, the symbol kinds C cannot make
# (unique, absolute, weak ifunc), names with blanks in them
cat > "$D/odd.s" <<'EOF'
	.text
	.globl	text_sym
	.type	text_sym, %function
text_sym:
	.byte	0
local_text:
	.byte	0
	.weak	weak_fn
	.type	weak_fn, %function
weak_fn:
	.byte	0
	.globl	ifunc_sym
	.type	ifunc_sym, %gnu_indirect_function
ifunc_sym:
	.byte	0
	.weak	weak_ifunc
	.type	weak_ifunc, %gnu_indirect_function
weak_ifunc:
	.byte	0
	.section .foo,"aw",%progbits
	.globl	foo_sym
foo_sym:
	.byte	1
	.section .bar,"a",%progbits
	.globl	bar_sym
bar_sym:
	.byte	1
	.section .baz,"ax",%progbits
	.globl	baz_sym
baz_sym:
	.byte	1
	.section .sdata,"aw",%progbits
	.globl	sdata_sym
sdata_sym:
	.byte	1
	.section .sbss,"aw",%nobits
	.globl	sbss_sym
sbss_sym:
	.zero	1
	.section .tdata,"awT",%progbits
	.globl	tdata_sym
	.type	tdata_sym, %object
tdata_sym:
	.long	1
	.section .tbss,"awT",%nobits
	.globl	tbss_sym
	.type	tbss_sym, %object
tbss_sym:
	.zero	4
	.section .rodata.w,"aw",%progbits
	.globl	rodata_w_sym
rodata_w_sym:
	.byte	1
	.section .ro,"a",%nobits
	.globl	ro_bss_sym
ro_bss_sym:
	.zero	1
	.section .text.w,"awx",%progbits
	.globl	text_w_sym
text_w_sym:
	.byte	1
	.section .nonalloc,"",%progbits
	.globl	nonalloc_sym
nonalloc_sym:
	.byte	1
	.section .nonalloc.w,"w",%progbits
	.globl	nonalloc_w_sym
nonalloc_w_sym:
	.byte	1
	.section .nonalloc.x,"x",%progbits
	.globl	nonalloc_x_sym
nonalloc_x_sym:
	.byte	1
	.section .nonalloc.bss,"",%nobits
	.globl	nonalloc_bss_sym
nonalloc_bss_sym:
	.zero	1
	.section .debug_foo,"",%progbits
	.globl	debug_sym
debug_sym:
	.byte	1
	.section .stab.x,"",%progbits
	.globl	stab_sym
stab_sym:
	.byte	1
	.section .zdebug_x,"",%progbits
	.globl	zdebug_sym
zdebug_sym:
	.byte	1
	.section .gdb_index,"",%progbits
	.globl	gdb_index_sym
gdb_index_sym:
	.byte	1
	.section .debug_alloc,"a",%progbits
	.globl	debug_alloc_sym
debug_alloc_sym:
	.byte	1
	.section .pdata,"a",%progbits
	.globl	pdata_sym
pdata_sym:
	.byte	1
	.section .idata$2,"aw",%progbits
	.globl	idata_sym
idata_sym:
	.byte	1
	.section .edata.x,"a",%progbits
	.globl	edata_sym
edata_sym:
	.byte	1
	.section .drectve,"",%progbits
	.globl	drectve_sym
drectve_sym:
	.byte	1
	.section .idatax,"a",%progbits
	.globl	idatax_sym
idatax_sym:
	.byte	1
	.section .note.kx,"a",%note
	.globl	note_sym
note_sym:
	.byte	1
	.section .init_array.kx,"aw",%init_array
	.globl	init_array_sym
init_array_sym:
	.zero	8
	.section .text.grp,"axG",%progbits,grp_sig,comdat
	.globl	grp_sig
grp_sig:
	.byte	1
	.data
	.globl	uniq_obj
	.type	uniq_obj, %gnu_unique_object
uniq_obj:
	.long	0
	.weak	weak_obj
	.type	weak_obj, %object
weak_obj:
	.long	0
	.weak	weak_notype
weak_notype:
	.long	0
	.type	local_obj, %object
local_obj:
	.long	0
	.globl	data__cfi_sym
data__cfi_sym:
	.long	0
	.globl	__odr_asan_gen_sym
__odr_asan_gen_sym:
	.long	0
	.globl	__pfx_sym
__pfx_sym:
	.long	0
	.globl	"sym with space"
"sym with space":
	.long	0
"a T b":
	.long	0
	.globl	"tab	sym"
"tab	sym":
	.long	0
	.globl	"nl\n0 T injected"
"nl\n0 T injected":
	.long	0
	.globl	"pct%s%d"
"pct%s%d":
	.long	0
	.globl	"sym@VER"
"sym@VER":
	.long	0
	.globl	abs_sym
	.set	abs_sym, 0x1234
	.set	local_abs, 0x10
	.comm	common_sym, 8, 8
	.weak	weak_undef
	.long	undef_ref
	.long	weak_undef
	.long	local_abs
EOF

# target: clang's triple, binutils' prefix of its own nm
targets="x86_64-linux-gnu:x86_64-linux-gnu aarch64-linux-gnu:aarch64-linux-gnu
	riscv64-linux-gnu:riscv64-linux-gnu powerpc64-linux-gnu:powerpc64-linux-gnu
	armv7-linux-gnueabihf:arm-linux-gnueabihf i686-linux-gnu:i686-linux-gnu"
for tt in $targets; do
	t=${tt%%:*} pfx=${tt#*:}
	tnm=$pfx-nm
	case $t in x86_64-*|i686-*) tnm=nm ;; esac	# the host nm has both
	for src in kinds.c odd.s; do
		o=$D/${src%.*}-$t.o
		if ! $CLANG --target=$t -fcommon -O1 -c "$D/$src" -o "$o" 2> "$D/cc.err"; then
			note "$CLANG cannot compile $src for $t, skipped: $(head -c 200 "$D/cc.err")"
			continue
		fi
		if command -v "$tnm" > /dev/null; then
			same "$src, $t, $tnm" "$tnm" "" "$o"
			NMFLAGS=--special-syms same "$src, $t, $tnm --special-syms" \
				"$tnm" --special-syms "$o"
		else
			note "$src, $t: no $tnm (Debian: binutils-$pfx), the target's own nm not compared"
		fi
		# Debian's x86 nm reads other machines' objects through its
		# generic ELF targets (elf64-little, elf64-big, elf32-little)
		case $t in
		x86_64-*|i686-*) ;;
		*) same "$src, $t, host nm (generic ELF)" nm --generic-elf "$o" ;;
		esac
		llvm "$src, $t" 0 "$o"
	done
done

# more than 65280 sections: indexes in SHT_SYMTAB_SHNDX, some of them
# equal to reserved ones (SHN_ABS, SHN_COMMON, SHN_X86_64_LCOMMON)
awk 'BEGIN { for (i = 0; i < 66000; i++)
	printf "\t.section .data.s%d,\"aw\",%%progbits\n\t.globl sym%d\nsym%d:\n\t.byte 1\n", i, i, i }' \
	> "$D/many.s"
if $CLANG -c "$D/many.s" -o "$D/many.o" 2> "$D/cc.err"; then
	same "66000 sections (SHN_XINDEX)" nm "" "$D/many.o"
	llvm "66000 sections" 1 "$D/many.o"
else
	note "$CLANG cannot assemble 66000 sections, skipped: $(head -c 200 "$D/cc.err")"
fi

# ---- Rust objects, archives, several objects at once

if command -v rustc > /dev/null; then
	cat > "$D/rlib.rs" <<'EOF'
use std::sync::atomic::{AtomicU32, Ordering};

#[no_mangle]
pub extern "C" fn rs_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
#[no_mangle]
pub static RS_STATIC: i32 = 5;
#[no_mangle]
pub static mut RS_MUT: i32 = 0;
#[no_mangle]
pub static RS_COUNTER: AtomicU32 = AtomicU32::new(0);
pub static TABLE: [u64; 4] = [1, 2, 3, 4];

pub struct Point {
    pub x: i64,
    pub y: i64,
}
impl Point {
    #[inline(never)]
    pub fn norm1(&self) -> i64 {
        self.x.abs() + self.y.abs()
    }
}
#[inline(never)]
pub fn generic_sum<T: Copy + std::ops::Add<Output = T>>(a: T, b: T) -> T {
    a + b
}
#[inline(never)]
pub fn sum_u8(a: u8) -> u8 {
    generic_sum(a, a)
}
#[inline(never)]
pub fn sum_f64(a: f64) -> f64 {
    generic_sum(a, 1.5)
}
pub fn collect(n: u32) -> Vec<u32> {
    RS_COUNTER.fetch_add(1, Ordering::Relaxed);
    (0..n).map(|i| i * 2).collect()
}
pub fn describe(p: &Point) -> String {
    format!("({}, {})", p.x, p.y)
}
pub trait Shape {
    fn area(&self) -> f64;
}
impl Shape for Point {
    fn area(&self) -> f64 {
        (self.x * self.y) as f64
    }
}
#[no_mangle]
pub extern "C" fn rs__cfi_marker() {}
thread_local! {
    pub static TLS_COUNT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}
pub fn bump() -> u32 {
    TLS_COUNT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    })
}
EOF
	if rustc --edition 2021 --crate-type lib --emit=obj -Csymbol-mangling-version=v0 -O \
		-o "$D/rlib.o" "$D/rlib.rs" 2> "$D/rustc.err" &&
	   rustc --edition 2021 --crate-type lib --emit=obj -Csymbol-mangling-version=v0 -O \
		-Ccodegen-units=1 -Cdebuginfo=2 --crate-name rlib2 -o "$D/rlib2.o" "$D/rlib.rs" 2>> "$D/rustc.err"; then
		same "Rust object (v0 mangling, -O)" nm "" "$D/rlib.o"
		same "Rust object (one codegen unit, debug info)" nm "" "$D/rlib2.o"
		llvm "Rust object" 1 "$D/rlib.o"
		llvm "Rust object with debug info" 1 "$D/rlib2.o"
		(cd "$D" && ar rcs two.a rlib.o kinds-x86_64-linux-gnu.o) &&
			same "archive of a Rust and a C object" nm "" "$D/two.a" &&
			llvm "archive" 0 "$D/two.a"
		same "two objects and an archive at once" nm "" "$D/rlib.o" "$D/two.a" "$D/odd-x86_64-linux-gnu.o"
	else
		bad "rustc cannot compile the test library: $(head -c 300 "$D/rustc.err")"
	fi
else
	note "no rustc (~/.cargo/bin or PATH): the Rust objects not tested"
fi

# ---- the kernel's own Rust objects and the headers its build wrote

nkernel=0
for build in ${KEXPORTS_KERNEL_BUILDS:-$HOME/.cache/kbindgen-kernel/build-*}; do
	[ -d "$build/rust" ] || continue
	for h in "$build"/rust/exports_*_generated.h; do
		[ -f "$h" ] || continue
		n=${h##*/exports_} n=${n%_generated.h}
		o=$build/rust/$n.o
		[ -f "$o" ] || o=$build/rust/$n/$n.o	# helpers/helpers.o
		[ -f "$o" ] || continue
		if "$KX" "$o" > "$D/kx.h" 2> "$D/kx.err" && cmp -s "$D/kx.h" "$h"; then
			ok "${build##*/}: kexports writes rust/${h##*/} as the build did ($(wc -l < "$h") exports)"
		else
			bad "${build##*/}: rust/${h##*/} differs: $(diff "$h" "$D/kx.h" | head -3 | tr '\n' ' ')"
		fi
		same "${build##*/}/rust/${o#"$build"/rust/}" nm "" "$o"
		llvm "${build##*/}/rust/${o#"$build"/rust/}" 1 "$o"
		nkernel=$((nkernel + 1))
	done
done
[ "$nkernel" -gt 0 ] ||
	note "no kernel build with rust/exports_*_generated.h (KEXPORTS_KERNEL_BUILDS): the kernel's objects not tested"

# ---- --format and --exclude

o=$D/odd-x86_64-linux-gnu.o
nm -p --defined-only "$o" > "$D/ref.nm"
# fmt_same LABEL AWKPROGRAM KEXPORTS-ARGS...
fmt_same() {
	local label=$1 prog=$2
	shift 2
	awk "$prog" "$D/ref.nm" > "$D/ref.h"
	if "$KX" "$@" "$o" > "$D/kx.h" 2> "$D/kx.err" && cmp -s "$D/ref.h" "$D/kx.h"; then
		ok "$label ($(wc -l < "$D/ref.h") lines)"
	else
		bad "$label: $(head -c 200 "$D/kx.err") $(diff "$D/ref.h" "$D/kx.h" | head -3 | tr '\n' ' ')"
	fi
}
fmt_same "--format '%s\\n' (gendwarfksyms's list)" \
	'$2~/(T|R|D|B)/ && $3!~/__(pfx|cfi|odr_asan)/ { printf "%s\n",$3 }' --kernel mainline --format '%s\n'
fmt_same "--format with %% and escapes" \
	'$2~/(T|R|D|B)/ && $3!~/__cfi/ { printf "<%s> 100%%\t\\/\"\101\n",$3 }' --format '<%s> 100%%\t\\/\"\101\n'
fmt_same "--exclude replaces the rule's" \
	'$2~/(T|R|D|B)/ && $3!~/sym$/ {printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3}' --exclude 'sym$'
fmt_same "--exclude with 6.1's rule" \
	'/ (T|R|D|B) / && $3!~/^(a|tab)/ {printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3}' --kernel 6.1 --exclude '^(a|tab)'
fmt_same "--exclude '' excludes nothing" \
	'$2~/(T|R|D|B)/ {printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3}' --exclude ''

# ---- errors: exit status, one line, nothing written

mkdir "$D/out" "$D/adir"
printf 'not an object\n' > "$D/text.txt"
head -c 100 "$D/kinds-x86_64-linux-gnu.o" > "$D/trunc.o"
head -c 3000 "$D/kinds-x86_64-linux-gnu.o" > "$D/trunc3000.o"
: > "$D/empty.o"
if [ -f "$D/two.a" ]; then head -c 2000 "$D/two.a" > "$D/trunc.a"; else cp "$D/trunc.o" "$D/trunc.a"; fi
fresh_old() { printf 'OLD\n' > "$D/out/x.h"; chmod 640 "$D/out/x.h"; }
out_intact() { [ "$(cat "$D/out/x.h")" = OLD ] && [ "$(ls -A "$D/out")" = x.h ]; }
# expect_error LABEL STATUS ARGS...: kexports must exit STATUS with one
# line "kexports: ..." on stderr, nothing on stdout, and x.h untouched
expect_error() {
	local label=$1 want=$2 rc
	shift 2
	fresh_old
	"$KX" "$@" > "$D/stdout" 2> "$D/err"
	rc=$?
	if [ "$rc" = "$want" ] && [ "$(wc -l < "$D/err")" = 1 ] && grep -q '^kexports: ' "$D/err" &&
	   [ ! -s "$D/stdout" ] && out_intact; then
		ok "$label: exit $rc, $(cat "$D/err")"
	else
		bad "$label: exit $rc (want $want), stderr: $(head -c 300 "$D/err"), out: $(ls -A "$D/out" | tr '\n' ' ')"
	fi
}
good=$D/kinds-x86_64-linux-gnu.o
for f in text.txt trunc.o trunc3000.o trunc.a empty.o adir missing.o; do
	expect_error "bad input $f, -o" 1 -o "$D/out/x.h" "$good" "$D/$f"
	expect_error "bad input $f, stdout" 1 "$good" "$D/$f"
done
expect_error "-o into a missing directory" 1 -o "$D/nodir/x.h" "$good"
[ -e "$D/nodir" ] && bad "-o into a missing directory created it"
expect_error "-o naming a directory" 1 -o "$D/out" "$good"
cp "$good" "$D/in.o"
"$KX" -o "$D/in.o" "$D/in.o" 2> "$D/err"
rc=$?
if [ "$rc" = 1 ] && cmp -s "$good" "$D/in.o" && grep -q 'it is an input' "$D/err"; then
	ok "-o naming an input: exit 1, $(cat "$D/err")"
else
	bad "-o naming an input: exit $rc, $(cat "$D/err")"
fi
expect_error "--format '%d'" 2 --format '%d' -o "$D/out/x.h" "$good"
expect_error "--format with two %s" 2 --format '%s %s\n' -o "$D/out/x.h" "$good"
expect_error "--format without %s" 2 --format 'x\n' -o "$D/out/x.h" "$good"
expect_error "--format '%5s'" 2 --format '%5s\n' -o "$D/out/x.h" "$good"
expect_error "--format ending in %" 2 --format '%s%' -o "$D/out/x.h" "$good"
expect_error "--exclude '('" 2 --exclude '(' -o "$D/out/x.h" "$good"
expect_error "--kernel 5.0" 2 --kernel 5.0 -o "$D/out/x.h" "$good"
expect_error "an unknown option" 2 --frobnicate -o "$D/out/x.h" "$good"
expect_error "no object" 2 -o "$D/out/x.h"

# ---- -o: written whole, mode kept, links followed, /dev/null

fresh_old
if "$KX" -o "$D/out/x.h" "$good" 2> "$D/err" && cmp -s "$D/out/x.h" <("$KX" "$good") &&
   [ "$(stat -c %a "$D/out/x.h")" = 640 ] && [ "$(ls -A "$D/out")" = x.h ]; then
	ok "-o replaces a file, keeps its mode, leaves no temporary"
else
	bad "-o replacing a file: $(cat "$D/err") mode $(stat -c %a "$D/out/x.h"), $(ls -A "$D/out" | tr '\n' ' ')"
fi
ln -s x.h "$D/out/link.h"
if "$KX" -o "$D/out/link.h" --kernel 6.1 "$good" 2> "$D/err" && [ -L "$D/out/link.h" ] &&
   cmp -s "$D/out/x.h" <("$KX" --kernel 6.1 "$good"); then
	ok "-o through a symbolic link writes the file it names"
else
	bad "-o through a symbolic link: $(cat "$D/err")"
fi
rm -f "$D/out/link.h"
if "$KX" -o /dev/null "$good" 2> "$D/err" && [ -c /dev/null ]; then ok "-o /dev/null"
else bad "-o /dev/null: $(cat "$D/err")"; fi
if "$KX" --help | grep -q -- '--kernel GEN' && "$KX" --version | grep -q '^kexports '; then
	ok "--help and --version"
else
	bad "--help or --version"
fi

note "compared: $nsyms nm lines (symbols) and $nexports exports under 6.12, in $nchecks object sets"
finish
