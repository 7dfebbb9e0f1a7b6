#!/bin/bash
# Robustness sweep (not part of make check: minutes): kbindgen built with
# ASan+UBSan (make SANITIZE=1) on every header of /usr/include, linux/ and
# sys/, plus gtk.h, SDL.h and vulkan.h when installed, with the options that
# do the most (--clang-macro-fallback, --wrap-static-fns), and every layout
# kbindgen works out itself checked against clang's.  A header with clang
# errors (one that is not self-contained) is fine; a signal, a sanitizer
# report, a layout that differs from clang's or a timeout (60 s) is not.
# Then the linux/ headers again for i686, aarch64 and arm.  Prints the bad
# ones and `sweep: N runs, M bad`; exit 1 if any.
#   make sweep        (or: KBINDGEN=path tests/sweep.sh [HEADERS...])
KBINDGEN=${KBINDGEN:-build/san/kbindgen}
. "$(dirname "$0")/lib.sh"
export ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1
export KBINDGEN_CHECK_LAYOUT=1
SWEEP_HEADERS=$*
if [ $# -eq 0 ]; then
	set -- /usr/include/*.h /usr/include/linux/*.h /usr/include/x86_64-linux-gnu/sys/*.h
	for h in /usr/include/gtk-3.0/gtk/gtk.h /usr/include/SDL2/SDL.h /usr/include/vulkan/vulkan.h; do
		[ -f "$h" ] && set -- "$@" "$h"
	done
fi
cflags=$(pkg-config --cflags gtk+-3.0 2>/dev/null)
n=0 nbad=0
# run HEADER [CLANG_ARGS...]
run() {
	local h=$1
	shift
	n=$((n + 1))
	timeout 60 "$KB" "$h" -o /dev/null --clang-macro-fallback --wrap-static-fns \
		--wrap-static-fns-path "$D/w" -- "$@" > /dev/null 2> "$D/err"
	rc=$?
	if [ $rc -ge 124 ] || grep -Eq "$SANITIZER|layout check" "$D/err"; then
		nbad=$((nbad + 1))
		echo "BAD: $h $* (exit $rc)"
		grep -Em5 "$SANITIZER|layout check|#[0-9] " "$D/err"
	fi
}
for h in "$@"; do
	run "$h" $cflags
done
# the layouts of other targets (the linux/ headers parse on all of them)
if [ -z "$SWEEP_HEADERS" ]; then
	for t in i686-linux-gnu aarch64-linux-gnu arm-linux-gnueabihf; do
		for h in /usr/include/linux/*.h; do
			run "$h" --target=$t
		done
	done
fi
echo "sweep: $n runs, $nbad bad"
[ $nbad -eq 0 ]
