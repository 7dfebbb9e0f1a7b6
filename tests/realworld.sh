#!/bin/bash
# kbindgen on every case of ../shared/realworld (real library headers with
# the options their users pass), run exactly as its README says bindgen
# main was: in a directory holding NAME.h, with the arguments of
# NAME.args, -o NAME.rs.  Each output is compared with bindgen main's,
# byte for byte and after rustfmt of both (blank lines ignored).
#   KBINDGEN=... tests/realworld.sh [--list]
# A case is a check when tests/realworld-identical.txt names it: it must
# stay identical after rustfmt.  --list prints what each case is now.
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
done
echo "identical to bindgen main: $byte of $total byte for byte, $fmt after rustfmt"
finish
