#!/bin/bash
# Proves that a change (a restructuring of src/, say) left kbindgen's output
# byte-identical: runs two binaries with the same arguments on every case
# below and compares all they produce, byte for byte.
#
#   tests/same-output.sh OLD_KBINDGEN NEW_KBINDGEN
#   OLD22=... NEW22=... tests/same-output.sh OLD NEW   # and a libclang 22 pair
#
# Groups of cases:
#   suite      every ../shared/bindgen-tests/headers/*.h with bindgen's
#              harness argv (tests/harness.py)
#   golden     every tests/golden/*.h with harness.py's --golden argv, as
#              tests/run-all runs them
#   realworld  every case of ../shared/realworld: NAME.h with the arguments
#              of NAME.args and -o NAME.rs, run where a copy of NAME.h is, as
#              its README.md says; SKIP when a Debian package of the case
#              (cases.txt) is missing (scripts/install-realworld-deps)
#   kernel     Linux 6.1 rust/bindings/bindings_generated.rs, 6.12
#              bindings_generated.rs, bindings_helpers_generated.rs and
#              rust/uapi/uapi_generated.rs: the command kbuild saved in the
#              target's .cmd file in $KERNEL_WORK/build-6.1 and build-6.12
#              (trees prepared by tests/kernel/prepare-tree: WORK=$KERNEL_WORK
#              tests/kernel/prepare-tree 6.1, and 6.12), run in the objtree, with its -o and its
#              -Wp,-MMD depfile moved to the case's directory; kbuild's sed
#              post-processing is left out; and 6.1's bindings again in the
#              modes the kernel command does not use: --clang-macro-fallback,
#              --macro-const-use-ctypes --emit-ir, --wrap-static-fns (its C
#              file too), --dynamic-loading --emit-ir. SKIP without the tree.
# With OLD22 and NEW22 set, every group runs again with them (suite-22, ...).
#
# The two binaries of a case run one after the other in the same directory,
# with TMPDIR inside it (--wrap-static-fns writes $TMPDIR/bindgen/extern.c
# by default), so any path in an output is the same for both. Everything
# they leave there is compared: stdout, stderr, the exit status, the -o
# file, the C file of --wrap-static-fns, depfiles.
#
# Prints one line per differing case with the first lines of the diff, the
# counts per group, then `same-output: N identical, M differ, K skipped`.
# Exits 1 if any case differs, 2 on a usage error.
#
# Env: SHARED (default: the shared/ directory next to the repo), KERNEL_WORK
# (default ~/.cache/kbindgen-kernel, tests/kernel/prepare-tree's WORK), JOBS (cases run
# in parallel, default nproc), TIMEOUT (seconds per run, default 300),
# KEEP=1 (keep the work directory, whose path is printed), ONLY (a regex:
# only the cases whose GROUP:NAME matches it, e.g. ONLY='^kernel:').
set -u
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$(cd "$REPO/.." && pwd)/shared}
KERNEL_WORK=${KERNEL_WORK:-$HOME/.cache/kbindgen-kernel}
JOBS=${JOBS:-$(nproc)}
TIMEOUT=${TIMEOUT:-300}
OLD22=${OLD22:-} NEW22=${NEW22:-}

usage() { echo "usage: [OLD22=... NEW22=...] $0 OLD_KBINDGEN NEW_KBINDGEN" >&2; exit 2; }
[ $# = 2 ] || usage
# absolute paths: the binaries run in other directories
abspath() { case $1 in /*) echo "$1" ;; */*) echo "$PWD/$1" ;; *) command -v "$1" ;; esac; }
OLD=$(abspath "$1") NEW=$(abspath "$2")
PAIRS=16
if [ -n "$OLD22$NEW22" ]; then
	[ -n "$OLD22" ] && [ -n "$NEW22" ] || usage
	OLD22=$(abspath "$OLD22") NEW22=$(abspath "$NEW22")
	PAIRS="16 22"
fi
for b in "$OLD" "$NEW" $OLD22 $NEW22; do
	[ -x "$b" ] || { echo "same-output: cannot run $b" >&2; exit 2; }
done

T=$(mktemp -d /tmp/same-output.XXXXXX)
if [ "${KEEP:-}" = 1 ]; then echo "same-output: work directory $T" >&2
else trap 'rm -rf "$T"' EXIT; fi
mkdir "$T/cases"

# ---------------------------------------------------------------- the cases
# $T/cases/GROUP:NAME/ holds `argv` (the arguments after the binary,
# NUL-terminated; @RUN@ stands for the directory the case runs in), and
# optionally `cwd` (where to run instead), `copy` (a file to copy into the
# run directory first) or `skip` (why the case cannot run).
case_dir() { mkdir -p "$T/cases/$1:$2" && echo "$T/cases/$1:$2"; }
skip() { echo "$3" >"$(case_dir "$1" "$2")/skip"; }

# harness_cases GROUP harness|golden HEADER...: harness.py's argv, one
# python3 for all headers
harness_cases() {
	python3 - "$REPO/tests" "$T/cases" "$@" <<-'EOF'
	import os, sys
	sys.path.insert(0, sys.argv[1])
	import harness
	cases, group, mode = sys.argv[2:5]
	make = harness.golden_argv if mode == "golden" else harness.harness_argv
	for h in sys.argv[5:]:
	    d = os.path.join(cases, "%s:%s" % (group, os.path.basename(h)[:-2]))
	    os.makedirs(d)
	    with open(os.path.join(d, "argv"), "w") as f:
	        f.write("".join(a + "\0" for a in make("kbindgen", h)[1:]))
	EOF
}

if compgen -G "$SHARED/bindgen-tests/headers/*.h" >/dev/null; then
	harness_cases suite harness "$SHARED"/bindgen-tests/headers/*.h
else
	skip suite all "no $SHARED/bindgen-tests/headers"
fi
if compgen -G "$REPO/tests/golden/*.h" >/dev/null; then
	harness_cases golden golden "$REPO"/tests/golden/*.h
else
	skip golden all "no $REPO/tests/golden/*.h"
fi

RW=$SHARED/realworld
if [ -f "$RW/cases.txt" ]; then
	while IFS='|' read -r name pkgs _; do
		missing=
		for p in $pkgs; do
			dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
				missing+=" $p"
		done
		if [ -n "$missing" ]; then
			skip realworld "$name" "not installed:$missing (scripts/install-realworld-deps)"
			continue
		fi
		d=$(case_dir realworld "$name")
		mapfile -t a <"$RW/$name.args"
		for ((i = 0; i < ${#a[@]}; i++)); do [ "${a[i]}" = -- ] && break; done
		printf '%s\0' "$name.h" "${a[@]:0:i}" -o "$name.rs" "${a[@]:i}" >"$d/argv"
		echo "$RW/$name.h" >"$d/copy"
	done <"$RW/cases.txt"
else
	skip realworld all "no $RW/cases.txt"
fi

# kernel_case NAME OBJTREE TARGET [OPTION...]: the command kbuild saved
# for TARGET, the OPTIONs before its own
kernel_case() {
	local obj=$2 target=$3 d
	local cmd=$obj/${target%/*}/.${target##*/}.cmd
	if [ ! -f "$cmd" ]; then
		skip kernel "$1" "no $cmd (prepare the tree: WORK=$KERNEL_WORK tests/kernel/prepare-tree VERSION)"
		return
	fi
	d=$(case_dir kernel "$1")
	echo "$obj" >"$d/cwd"
	# line 1 is `(saved)cmd_TARGET := COMMAND[; sed ...]`: split like the
	# shell, up to the first `;`; -o and the depfile go to the run directory
	python3 - "$cmd" "${@:4}" >"$d/argv" <<-'EOF'
	import os, shlex, sys
	line = open(sys.argv[1]).readline().split(" := ", 1)[1]
	lex = shlex.shlex(line, posix=True, punctuation_chars=";")
	lex.whitespace_split = True
	argv = []
	for a in lex:
	    if a == ";":
	        break
	    if argv[-1:] == ["-o"]:
	        a = "@RUN@/" + os.path.basename(a)
	    elif a.startswith("-Wp,-MMD,"):
	        a = "-Wp,-MMD,@RUN@/" + os.path.basename(a)
	    argv.append(a)
	sys.stdout.write("".join(a + "\0" for a in sys.argv[2:] + argv[1:]))
	EOF
}
for k in "6.1 bindings_generated rust/bindings/bindings_generated.rs" \
	"6.12 bindings_generated rust/bindings/bindings_generated.rs" \
	"6.12 bindings_helpers_generated rust/bindings/bindings_helpers_generated.rs" \
	"6.12 uapi_generated rust/uapi/uapi_generated.rs"; do
	set -- $k
	kernel_case "$1-$2" "$KERNEL_WORK/build-$1" "$3"
done
for m in "fallback --clang-macro-fallback" "ctypes --macro-const-use-ctypes --emit-ir" \
	"wrap --wrap-static-fns --wrap-static-fns-path @RUN@/extern" \
	"dynamic --dynamic-loading lib --emit-ir"; do
	set -- $m
	kernel_case "6.1-bindings_generated-$1" "$KERNEL_WORK/build-6.1" \
		rust/bindings/bindings_generated.rs "${@:2}"
done

# ONLY=REGEX keeps the cases whose GROUP:NAME matches (ONLY=kernel:, ONLY=:gtk)
if [ -n "${ONLY:-}" ]; then
	for d in "$T"/cases/*; do grep -Eq -- "$ONLY" <<<"${d##*/}" || rm -r "$d"; done
fi

# ------------------------------------------------------------------ running
# run_case PAIR GROUP:NAME: both binaries in turn, each in $c/run, which
# then becomes $c/old or $c/new; $c/result says same or differ
run_case() {
	local def=$T/cases/$2 c=$T/$1/$2 side bin cwd= args
	mkdir -p "$c"
	mapfile -d '' args <"$def/argv"
	[ -f "$def/cwd" ] && cwd=$(<"$def/cwd")
	for side in old new; do
		case $1-$side in
		16-old) bin=$OLD ;; 16-new) bin=$NEW ;; 22-old) bin=$OLD22 ;; 22-new) bin=$NEW22 ;;
		esac
		mkdir -p "$c/run/tmp"
		[ -f "$def/copy" ] && cp "$(<"$def/copy")" "$c/run/"
		(cd "${cwd:-$c/run}" && TMPDIR=$c/run/tmp exec timeout "$TIMEOUT" "$bin" \
			"${args[@]//@RUN@/"$c/run"}") >"$c/run/stdout" 2>"$c/run/stderr"
		echo $? >"$c/run/status"
		mv "$c/run" "$c/$side"
	done
	if diff -r "$c/old" "$c/new" >/dev/null 2>&1; then echo same; else echo differ; fi >"$c/result"
}
export -f run_case
export T OLD NEW OLD22 NEW22 TIMEOUT

GROUPS_="suite golden realworld kernel"
runnable=$(cd "$T/cases" && for d in *; do [ -f "$d/skip" ] || echo "$d"; done)
echo "same-output: $(grep -c . <<<"$runnable") cases, libclang pairs: $PAIRS, $JOBS jobs" >&2
SECONDS=0
for p in $PAIRS; do
	for g in $GROUPS_; do echo "$runnable" | grep "^$g:" | sed "s/^/$p /"; done
done | xargs -P "$JOBS" -L 1 bash -c 'run_case "$1" "$2"' _

# ---------------------------------------------------------------- reporting
same=0 differ=0 skipped=0
for p in $PAIRS; do
	for g in $GROUPS_; do
		gs=0 gd=0 gk=0 nz=0
		label=$g
		[ "$p" = 16 ] || label=$g-$p
		for def in "$T/cases/$g:"*; do
			[ -d "$def" ] || continue
			n=${def##*/}
			c=$T/$p/$n
			if [ -f "$def/skip" ]; then
				gk=$((gk + 1))
				echo "SKIP $label/${n#*:}: $(<"$def/skip")"
			elif [ "$(cat "$c/result" 2>/dev/null)" = same ]; then
				gs=$((gs + 1))
				[ "$(<"$c/old/status")" = 0 ] || nz=$((nz + 1))
			else
				gd=$((gd + 1))
				echo "DIFF $label/${n#*:}"
				diff -ru "$c/old" "$c/new" 2>&1 | sed -E "s|$c/||g; /^diff -ru /d;
					s/^(---|\+\+\+) ([^\t]*)\t.*/\1 \2/; s/^/    /" | head -12
			fi
		done
		note=
		[ $nz = 0 ] || note=" ($nz of them exit non-zero with both)"
		[ $((gs + gd + gk)) = 0 ] || echo "$label: $gs identical, $gd differ, $gk skipped$note"
		same=$((same + gs)) differ=$((differ + gd)) skipped=$((skipped + gk))
	done
done
echo "(runs took ${SECONDS}s)"
echo "same-output: $same identical, $differ differ, $skipped skipped"
[ $differ = 0 ]
