#!/bin/bash
# kbindgen on every case of ../shared/realworld (real library headers with
# the options their users pass), run exactly as its README says bindgen
# main was: in a directory holding NAME.h, with the arguments of
# NAME.args, -o NAME.rs.  Each output is compared with bindgen main's,
# byte for byte and after rustfmt of both (blank lines ignored).
#   KBINDGEN=... tests/realworld.sh [--list]
# A case is a check when tests/realworld-identical.txt names it: it must
# stay identical after rustfmt.  --list prints what each case is now.
# Each case also runs with --macro-const-use-ctypes: the output must
# compile and its constants be clang's (tests/const-check.py).
# Env: SHARED (default ../shared next to the repository).
. "$(dirname "$0")/lib.sh"
RW=${SHARED:-$PWD/../shared}/realworld
[ -d "$RW" ] || RW=${SHARED:-}
if [ ! -f "$RW/cases.txt" ]; then
	echo "SKIP: realworld: no $RW/cases.txt"
	finish
	exit
fi
gate=" $(tr '\n' ' ' < tests/realworld-identical.txt) "
cp "$RW"/*.h "$D"/
byte=0 fmt=0 total=0
for args in "$RW"/*.args; do
	n=$(basename "$args" .args)
	opts=() cargs=() dd=
	while IFS= read -r a; do
		if [ "$a" = -- ]; then dd=1
		elif [ -n "$dd" ]; then cargs+=("$a")
		else opts+=("$a"); fi
	done < "$args"
	total=$((total + 1))
	(cd "$D" && "$KB" "$n.h" "${opts[@]}" -o "$n.rs" -- "${cargs[@]}" 2> "$n.err")
	rc=$?
	if [ $rc -ne 0 ] || grep -Eq "$SANITIZER" "$D/$n.err"; then
		state="kbindgen exit $rc"
	elif cmp -s "$D/$n.rs" "$RW/$n.rs"; then
		state=byte; byte=$((byte + 1)) fmt=$((fmt + 1))
	else
		rustfmt --edition 2021 < "$D/$n.rs" 2> /dev/null | grep -v '^\s*$' > "$D/$n.kb"
		rustfmt --edition 2021 < "$RW/$n.rs" | grep -v '^\s*$' > "$D/$n.bg"
		if cmp -s "$D/$n.kb" "$D/$n.bg"; then
			state=rustfmt; fmt=$((fmt + 1))
		else
			state="differs on $(diff "$D/$n.bg" "$D/$n.kb" | grep -c '^[<>]') lines"
		fi
	fi
	[ "${1:-}" = --list ] && echo "$n: $state"
	case $gate in
	*" $n "*)
		if [ "$state" = byte ] || [ "$state" = rustfmt ]; then ok "realworld $n ($state)"
		else diff "$D/$n.bg" "$D/$n.kb" 2> /dev/null | head -10; bad "realworld $n: $state"; fi
		;;
	esac
	# beyond bindgen: the case with --macro-const-use-ctypes compiles (but
	# for --dynamic-loading, which needs the libloading crate) and its
	# constants are C's (not on the sanitizer build: the same values)
	case $KB in */san/*) continue ;; esac
	if (cd "$D" && "$KB" "$n.h" "${opts[@]}" --macro-const-use-ctypes -o "${n}_ct.rs" -- "${cargs[@]}" \
			2> "$n.ct.err") &&
	   { [[ " ${opts[*]} " = *" --dynamic-loading "* ]] ||
	     rustc --edition 2021 --crate-type lib --emit=metadata -A warnings -o "$D/${n}_ct.rmeta" \
		"$D/${n}_ct.rs" 2> "$D/$n.ct.rustc"; } &&
	   (cd "$D" && CLANG=clang-${LLVM:-16} python3 "$OLDPWD/tests/const-check.py" "${n}_ct.rs" "$n.h" \
		"${cargs[@]}" > "$n.consts" 2>&1); then
		ok "realworld $n --macro-const-use-ctypes: compiles, $(tail -1 "$D/$n.consts") as clang has them"
	else
		head -5 "$D/$n.ct.err" "$D/$n.ct.rustc" "$D/$n.consts" 2> /dev/null
		bad "realworld $n --macro-const-use-ctypes"
	fi
done
echo "identical to bindgen main: $byte of $total byte for byte, $fmt after rustfmt"
finish
