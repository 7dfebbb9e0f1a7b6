#!/bin/bash
# tools/ksize against the tools it stands for.  Builds small C objects
# (clang-16: .text, .rodata, .data, .bss, .tdata/.tbss, common symbols;
# two versions of one file), a Rust object (rustc, v0 names), an archive
# and a thin archive of them, then checks:
#   ksize OBJ...      byte for byte what GNU size prints, and its status
#   --crates          the crates of the Rust object; the totals are the sum
#                     of the symbols' sizes nm -S lists
#   --top N           demangled names, the largest first
#   --diff OLD NEW    byte for byte what the kernel's scripts/bloat-o-meter
#                     prints (skipped, with a note, without the script)
#   errors            ksize: FILE: REASON, exit 1
# Env: KSIZE (default $B/ksize, B default build), RUSTC (default ~/.cargo/bin/rustc, else
# rustc), CC (default clang-16), BLOAT_O_METER (default the 6.12 tree's).
. "$(dirname "$0")/lib.sh"
K=${KSIZE:-${B:-build}/ksize}
case $K in /*) ;; *) K=$PWD/$K ;; esac
CC=${CC:-clang-16}
RUSTC=${RUSTC:-$HOME/.cargo/bin/rustc}
[ -x "$RUSTC" ] || RUSTC=rustc
BOM=${BLOAT_O_METER:-$HOME/.cache/kbindgen-kernel/src/linux-source-6.12/scripts/bloat-o-meter}
cd "$D" || exit 1

# ---- the inputs
cat > c1.c <<'EOF'
static int counter;			/* .bss */
int common_var;				/* common (-fcommon) */
__thread int tls_var;			/* .tbss */
__thread int tls_init = 3;		/* .tdata */
const char table[100] = "abc";		/* .rodata */
int data_arr[10] = { 1, 2, 3 };		/* .data */
static int helper(int x) { return x * 3 + counter++; }
int foo(int x) { return helper(x) + helper(x + 1) + tls_var + tls_init; }
int removed_fn(int x) { return x - 1; }
int shrink_me(int x)
{
	int s = 0;
	for (int i = 0; i < x; i++)
		s += i * table[i % 7] ^ data_arr[i % 10];
	return s;
}
EOF
cat > c2.c <<'EOF'
static int counter;
int common_var;
__thread int tls_var;
__thread int tls_init = 3;
const char table[200] = "abcdef";
int data_arr[20] = { 1, 2, 3 };
static long bigbuf[64];
static int helper(int x) { return x * 3 + counter++ + bigbuf[x & 63]; }
int foo(int x) { return helper(x) + helper(x + 1) + helper(x + 2) * helper(x + 5); }
int added_fn(int x) { return x + 1; }
int shrink_me(int x) { return x; }
EOF
cat > ksizetest.rs <<'EOF'
use core::fmt;
pub struct CStr(u32);
impl fmt::Display for CStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{}", self.0) }
}
impl CStr { #[inline(never)] pub fn get(&self) -> u32 { self.0 * 3 } }
pub static TABLE: [u64; 64] = [7; 64];
pub static mut COUNTER: u64 = 5;
pub fn sum(v: &[u32]) -> u32 { v.iter().map(|x| x * 2).sum() }
pub fn show(x: &CStr) -> String { format!("{} {:?}", x, 1.5f64) }
pub trait Foo { fn foo(&self) -> u32 { 3 } }
impl Foo for u32 {}
impl Foo for CStr { fn foo(&self) -> u32 { self.0 } }
pub fn dynfoo(x: &dyn Foo) -> u32 { x.foo() + 1u32.foo() }
pub struct Thing { pub s: String, pub v: Vec<u64> }
impl Foo for Thing { fn foo(&self) -> u32 { self.s.len() as u32 + self.v.len() as u32 } }
pub fn mk(n: u64) -> Box<dyn Foo> { Box::new(Thing { s: String::from("x"), v: vec![n; 3] }) }
pub fn grow(v: &mut Vec<Thing>, t: Thing) { v.push(t) }
pub fn sorted(mut v: Vec<u32>) -> Vec<u32> { v.sort(); v }
EOF
# the second Rust build: one function more, one changed
{ sed 's/x \* 2).sum()/x * 2 + 1).sum()/' ksizetest.rs
  echo 'pub fn extra(v: &mut Vec<u32>) { v.retain(|x| *x > 3); v.dedup() }'; } > ksizetest2.rs

built=true
for c in c1 c2; do
	"$CC" -c -O2 -fcommon $c.c -o $c.o 2> err || { bad "$CC $c.c: $(head -3 err)"; built=false; }
done
"$CC" -c -O2 -fcommon -ffunction-sections -fdata-sections c1.c -o c1fs.o 2> err ||
	{ bad "$CC -ffunction-sections: $(head -3 err)"; built=false; }
RFLAGS='--edition 2021 --crate-type lib --emit=obj -Csymbol-mangling-version=v0 -O'
rust=true
"$RUSTC" $RFLAGS ksizetest.rs -o r.o 2> err || { bad "rustc: $(head -3 err)"; rust=false; }
"$RUSTC" $RFLAGS --crate-name ksizetest ksizetest2.rs -o r2.o 2> err || { bad "rustc: $(head -3 err)"; rust=false; }
$built || { finish; exit; }
objs="c1.o c2.o c1fs.o"
$rust && objs="$objs r.o r2.o"
ar rcs lib.a $objs && ar rcsT thin.a $objs || bad "ar failed"
head -c 600 c1.o > cut.o		# section headers cut off
echo 'not an object' > text.o
cp c1.o a_member_name_longer_than_fifteen.o
ar rc mixed.a c1.o text.o a_member_name_longer_than_fifteen.o	# long names, a bad member
# an object binutils refuses: a relocation section's entry size is not
# a relocation's (bfd/elf.c, bfd_section_from_shdr)
python3 - c1.o badrel.o <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
shoff, = struct.unpack_from('<Q', b, 0x28)
n, = struct.unpack_from('<H', b, 0x3c)
for i in range(n):
    h = shoff + 64 * i
    if struct.unpack_from('<I', b, h + 4)[0] == 4:	# SHT_RELA
        struct.pack_into('<Q', b, h + 56, 25)
        break
open(sys.argv[2], 'wb').write(b)
PY

# ---- mode 1: size, byte for byte
same_as_size() {	# ARGS...: stdout equal, statuses both 0 or both not
	size "$@" > s.out 2> /dev/null; local src=$?
	"$K" "$@" > k.out 2> k.err; local krc=$?
	local st=same
	[ $src -eq 0 ] && [ $krc -ne 0 ] && st=differs
	[ $src -ne 0 ] && [ $krc -ne 1 ] && st=differs
	if cmp -s s.out k.out && [ $st = same ]; then
		ok "size $*"
	else
		bad "size $* (size $src, ksize $krc): $(diff s.out k.out | head -6) $(head -2 k.err)"
	fi
}
for o in $objs lib.a thin.a; do same_as_size $o; done
same_as_size $objs lib.a thin.a
same_as_size c1.o text.o c2.o		# an error between: the others still printed
same_as_size mixed.a			# a member that is not ELF, a long name
same_as_size badrel.o c2.o		# an object binutils refuses
# the rules themselves, on c1.o: allocated code or read-only is text,
# writable with contents data (.data, .tdata), without bss (.bss, .tbss)
read -r t d b _ < <("$K" c1.o | tail -1)
et=0 ed=0 eb=0
while read -r type size flags; do
	case $flags in *A*) ;; *) continue ;; esac
	case $flags in
	*X*) et=$((et + 16#$size)) ;;
	*W*) if [ "$type" = NOBITS ]; then eb=$((eb + 16#$size)); else ed=$((ed + 16#$size)); fi ;;
	*) et=$((et + 16#$size)) ;;
	esac
done < <(readelf -SW c1.o | sed -n 's/^ *\[ *[0-9]*\] *//p' | awk '{ print $2, $5, $7 }')
if [ "$et $ed $eb" = "$t $d $b" ] && [ "$eb" -gt 0 ] && [ "$ed" -gt 0 ]; then
	ok "c1.o: text $t data $d bss $b, from readelf's sections"
else bad "c1.o: ksize says $t $d $b, readelf's sections $et $ed $eb"; fi

# ---- mode 2: --crates
if $rust; then
	"$K" --crates r.o > crates.out 2> err
	rc=$?
	for c in ksizetest core alloc; do
		if [ $rc -eq 0 ] && grep -q "^$c " crates.out; then ok "--crates: crate $c"
		else bad "--crates: no crate $c (exit $rc): $(head -c 300 err)"; fi
	done
	# (all symbols) = the sum of the crates' rows = what nm -S lists
	read -r at ad ab an _ < <(awk '$1 == "(all" { print $3, $4, $5, $6 }' crates.out)
	sum=$(awk '!/^#/ && $1 != "crate" && $1 !~ /^\(/ || $1 == "(anon)" { t += $2; d += $3; b += $4; n += $5 }
		END { print t + 0, d + 0, b + 0, n + 0 }' crates.out)
	if [ "$sum" = "$at $ad $ab $an" ]; then ok "--crates: the rows add up to (all symbols)"
	else bad "--crates: rows $sum, (all symbols) $at $ad $ab $an"; fi
	nmsum=0 nmn=0
	while read -r _ size _ _; do
		nmsum=$((nmsum + 16#$size)); nmn=$((nmn + 1))
	done < <(nm -S --defined-only r.o | awk 'NF == 4 && $3 !~ /^[aAUCN]$/')
	if [ "$nmsum" -eq $((at + ad + ab)) ] && [ "$nmn" -eq "$an" ]; then
		ok "--crates: $an symbols, $nmsum bytes, as nm -S"
	else bad "--crates: $an symbols, $((at + ad + ab)) bytes; nm -S: $nmn, $nmsum"; fi
	if grep -q "^(file, as size) *$(size r.o | awk 'NR == 2 { print $1 " *" $2 " *" $3 }')" crates.out
	then ok "--crates: the file's row is size's"
	else bad "--crates: the file's row: $(grep '^(file' crates.out) vs $(size r.o | tail -1)"; fi
	if "$K" --crates c1.o | awk '!/^#/ && $1 != "crate" && $1 !~ /^\(/' | grep -qvx 'C .*'; then
		bad "--crates c1.o: a crate other than C"
	else ok "--crates c1.o: all C"; fi
	"$K" --crates lib.a > crates-a.out 2> err &&
		grep -q '^ksizetest ' crates-a.out && grep -q '^C ' crates-a.out &&
		ok "--crates on an archive: its members" || bad "--crates lib.a: $(head -c 300 err)"
fi

# ---- mode 3: --top
if $rust; then
	"$K" --top 100 r.o > top.out 2> err
	for name in 'ksizetest::sum' '<ksizetest::CStr as core::fmt::Display>::fmt' \
		    '<&ksizetest::CStr as core::fmt::Display>::fmt' '<ksizetest::CStr>::get' \
		    'core::ptr::drop_in_place::<ksizetest::Thing>'; do
		if grep -qF -- "  $name" top.out; then ok "--top: $name, demangled"
		else bad "--top: no '$name' (exit $?): $(head -c 300 err)"; fi
	done
	if grep -Eq '^ +512  rodata  \.rodata\.\*  +ksizetest::TABLE$' top.out; then
		ok "--top: ksizetest::TABLE, 512 bytes of rodata"
	else bad "--top: ksizetest::TABLE: $(grep TABLE top.out)"; fi
	big=$(nm -S --defined-only r.o | awk 'NF == 4 { print $2 }' | sort | tail -1)
	first=$("$K" --top 1 r.o | awk 'NR == 2 { print $1 }')
	lines=$("$K" --top 3 r.o | wc -l)
	if [ "$first" = "$((16#$big))" ] && [ "$lines" -eq 4 ]; then ok "--top 1: the largest symbol; --top 3: three lines"
	else bad "--top: first $first, nm's largest $((16#$big)); --top 3: $lines lines"; fi
fi

# ---- mode 4: --diff, as bloat-o-meter
if [ -f "$BOM" ] && command -v python3 > /dev/null; then
	pairs="c1.o:c2.o c2.o:c1.o c1.o:c1fs.o lib.a:c1.o"
	$rust && pairs="$pairs r.o:r2.o c1.o:r.o"
	for p in $pairs; do
		for opt in "" -c -d -t; do
			python3 "$BOM" $opt ${p%:*} ${p#*:} > bom.out 2> /dev/null
			"$K" --diff $opt ${p%:*} ${p#*:} > k.out 2> err
			if cmp -s bom.out k.out; then ok "--diff $opt ${p%:*} ${p#*:} is bloat-o-meter's"
			else bad "--diff $opt ${p%:*} ${p#*:}: $(diff bom.out k.out | head -6) $(head -2 err)"; fi
		done
	done
else
	echo "NOTE: no $BOM (or python3): --diff not compared with bloat-o-meter"
fi
"$K" --diff --demangle c1.o c2.o > dm.out 2> err
"$K" --diff c1.o c2.o > k.out 2>> err
if cmp -s dm.out k.out; then ok "--diff --demangle: C names as they are"
else bad "--diff --demangle c1.o c2.o differs: $(diff k.out dm.out | head -4) $(head -2 err)"; fi
if $rust; then
	"$K" --diff --demangle r.o r2.o > dm.out 2> err
	if grep -q '^ksizetest::extra  *- ' dm.out && grep -q '^ksizetest::sum  ' dm.out &&
	   ! grep -q '^_R' dm.out; then ok "--diff --demangle: Rust names demangled"
	else bad "--diff --demangle r.o r2.o: $(head -c 400 dm.out) $(head -2 err)"; fi
	if [ "$(tail -1 dm.out)" = "$("$K" --diff r.o r2.o | tail -1)" ]; then ok "--diff --demangle: the same totals"
	else bad "--diff --demangle: another total line"; fi
fi

# ---- errors: one line, ksize: FILE: REASON, exit 1
err_case() {	# WHAT REASON-REGEX ARGS...
	local what=$1 re=$2; shift 2
	"$K" "$@" > o 2> e; local rc=$?
	if [ $rc -eq 1 ] && [ "$(wc -l < e)" -eq 1 ] && grep -Eq "^ksize: [^:]+: $re" e; then
		ok "$what: $(cat e)"
	else bad "$what (exit $rc): $(cat e)"; fi
}
err_case "a missing file" "No such file" nonexistent.o
err_case "not ELF" "not an ELF object or archive" text.o
err_case "a truncated object" "truncated" cut.o
err_case "--crates, missing" "No such file" --crates nonexistent.o
err_case "--top, not ELF" "not an ELF" --top 3 text.o
err_case "--diff, truncated" "truncated" --diff c1.o cut.o
"$K" --top > o 2> e; rc=$?
if [ $rc -eq 2 ]; then ok "a bad command line: exit 2"; else bad "--top without N: exit $rc"; fi
finish
