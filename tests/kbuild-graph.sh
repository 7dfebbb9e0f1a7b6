#!/bin/bash
# tools/kbuild-graph on a fixture of kbuild records (tests/kbuild-graph/tree:
# the .cmd files of a small Rust-enabled tree: bindgen, rustc crates, an
# exports header, archives, vmlinux, a module, and C that is not Rust's).
# The whole DOT output is compared with tests/kbuild-graph/expected.dot,
# and the edges the records imply are checked one by one.
# Env: KBUILD_GRAPH (default $B/kbuild-graph, B default build).
. "$(dirname "$0")/lib.sh"
G=${KBUILD_GRAPH:-${B:-build}/kbuild-graph}
case $G in /*) ;; *) G=$PWD/$G ;; esac
F=tests/kbuild-graph

"$G" --srctree /src "$F/tree" > "$D/out.dot" 2> "$D/err"
rc=$?
if [ $rc -eq 0 ] && diff -u "$F/expected.dot" "$D/out.dot" > "$D/diff"; then
	ok "the fixture's graph is expected.dot"
else
	bad "the fixture's graph (exit $rc): $(head -c 600 "$D/diff" "$D/err")"
fi
# each edge, from what the records say
for e in \
	'"rust/bindings/bindings_helper.h" -> "rust/bindings/bindings_generated.rs"' \
	'"rust/bindings/bindings_generated.rs" -> "rust/bindings.o"' \
	'"rust/core.o" -> "rust/exports_core_generated.h"' \
	'"rust/exports_core_generated.h" -> "rust/exports.o"' \
	'"rust/exports.o" -> "rust/built-in.a"' \
	'"rust/built-in.a" -> "vmlinux.a"' \
	'"vmlinux.a" -> "vmlinux"' \
	'"rust/core.o" -> "samples/rust/rust_minimal.o"' \
	'"samples/rust/rust_minimal.o" -> "samples/rust/rust_minimal.ko"'; do
	if grep -qF -- "$e;" "$D/out.dot"; then ok "edge $e"; else bad "no edge $e"; fi
done
# not the Rust part: C that nothing Rust uses, headers the compilers read
for n in init/main.o init/built-in.a include/linux/slab.h; do
	if grep -qF "\"$n\"" "$D/out.dot"; then bad "$n is drawn"; else ok "$n is left out"; fi
done
"$G" --all --srctree /src "$F/tree" > "$D/all.dot" 2> "$D/err"
if grep -qF '"init/main.o" -> "init/built-in.a";' "$D/all.dot"; then ok "--all draws every target"
else bad "--all: no init/main.o -> init/built-in.a"; fi
if command -v dot > /dev/null; then
	if dot -Tsvg "$D/out.dot" -o "$D/out.svg" && grep -q '<svg' "$D/out.svg"; then
		ok "graphviz renders it"
	else bad "dot -Tsvg failed"; fi
else
	bad "no graphviz (dot): scripts/install-deps installs it"
fi
"$G" "$D/nonexistent" > "$D/o" 2> "$D/err"; rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l < "$D/err")" -eq 1 ] && [ ! -s "$D/o" ]; then ok "a missing tree: one-line error"
else bad "a missing tree (exit $rc): $(cat "$D/err")"; fi
mkdir "$D/empty"
"$G" "$D/empty" > "$D/o" 2> "$D/err"; rc=$?
if [ $rc -eq 1 ] && grep -q "not a built kernel tree" "$D/err"; then ok "a tree without records"
else bad "a tree without records (exit $rc): $(cat "$D/err")"; fi
finish
