#!/bin/bash
# The layout fuzzer's short run for `make check` (tests/fuzz.py; `make fuzz`
# is the long one): two fixed seeds of 400 random records each, in headers
# of 100, each header a check (it must compile and have the C compiler's
# layout in every size, alignment, offset and bitfield), and one check a
# run that the probe skipped (almost) no record.  Failing headers, their
# .rs and a REASON are kept in build/fuzz/check-*/.
#
# EXCLUDE lists the constructs (tests/fuzz.py --features) kbindgen gets
# wrong at the time, each with a comment `kbindgen does not yet ...`, to
# be removed once fixed; `make fuzz` and `tests/fuzz.py --only F,...` show
# what still fails.  Empty: every construct the fuzzer makes passes.
. "$(dirname "$0")/lib.sh"
export PATH="$HOME/.cargo/bin:$PATH"
export KBINDGEN=$KB

EXCLUDE=(
)

run() {
	local name=$1 seed=$2 records=$3
	shift 3
	python3 tests/fuzz.py --seed "$seed" --records "$records" --batch 100 \
		--out build/fuzz/check-"$name" --minimize 1 --minimize-time 60 "$@" > "$D/$name" 2>&1
	local rc=$? failed=0
	while read -r line; do
		case $line in
		"header "*": ok"*) ok "fuzz $name: $line" ;;
		"header "*) bad "fuzz $name: $line"; failed=1 ;;
		esac
	done < "$D/$name"
	# indented: run-all reads the line that starts with `fuzz: `
	grep -v '^header ' "$D/$name" | sed 's/^/    /'
	# the records the probe skipped, or the fuzzer itself failing
	if grep -q 'of the records skipped' "$D/$name"; then
		bad "fuzz $name: $(grep 'of the records skipped' "$D/$name")"
	elif [ $rc -ne 0 ] && [ $failed = 0 ]; then
		bad "fuzz $name: exit $rc: $(tail -1 "$D/$name")"
	else
		ok "fuzz $name: $(grep -m1 '^fuzz: ' "$D/$name" | sed 's/^fuzz: //')"
	fi
}

# i686 Linux, where long long aligns to 4 in a record: kbindgen lays out
# what clang would (KBINDGEN_CHECK_LAYOUT compares each record it lays
# out itself with clang's); the headers' long made long long, no __int128
i686() {
	local k
	for k in 0 1 2 3; do
		python3 tests/fuzz.py --seed 3 --batch 100 --print --index "$k" --exclude int128 |
			sed -E 's/long long/@@/g; s/long double/%%/g; s/\<long\>/long long/g;
				s/@@/long long/g; s/%%/long double/g' > "$D/i686-$k.h"
		if KBINDGEN_CHECK_LAYOUT=1 "$KB" "$D/i686-$k.h" -o "$D/i686.rs" \
			-- --target=i686-unknown-linux-gnu 2> "$D/i686.err"; then
			ok "fuzz i686: header $k: the layouts are clang's"
		else
			bad "fuzz i686: header $k: $(grep -m1 error: "$D/i686.err")"
		fi
	done
}

excl=$(echo "${EXCLUDE[@]}" | tr ' ' ,)
run seed1 1 400 ${excl:+--exclude "$excl"}
run seed2 2 400 ${excl:+--exclude "$excl"}
i686
finish
