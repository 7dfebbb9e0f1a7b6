#!/bin/bash
# The libFuzzer targets of the macro evaluators and the option parser
# (tests/fuzz-targets/, doc/fuzzing.md): builds them (make, clang-$LLVM,
# ASan+UBSan, in $B/fuzz-targets), replays each one's seed corpus in the
# repository (tests/fuzz-targets/corpus/NAME, -runs=0: the regression
# seeds), then fuzzes each for FUZZ_SECONDS (default 10) from that corpus.
# A check passes when the target neither crashes nor leaks nor hangs (10 s
# on one input).  New inputs go to a temporary directory, never into the
# repository; a crash is kept as $B/fuzz-targets/check-NAME-crash-*.
# Without clang's fuzzer runtime (libclang-rt-$LLVM-dev) it fails at once,
# saying so.
# Env: B (default build), LLVM (default scripts/find-llvm), FUZZ_SECONDS.
# Ends with `fuzz-targets: N passed, M failed`.
. "$(dirname "$0")/lib.sh"

B=${B:-build}
LLVM=${LLVM:-$(scripts/find-llvm)}
SECS=${FUZZ_SECONDS:-10}
FZ=$B/fuzz-targets
TARGETS="macro cconst opts"

printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' > "$D/probe.c"
if ! "clang-$LLVM" -fsanitize=fuzzer -o "$D/probe" "$D/probe.c" 2> "$D/err"; then
    bad "clang-$LLVM cannot link -fsanitize=fuzzer: its fuzzer runtime is missing (apt-get install libclang-rt-$LLVM-dev; scripts/install-deps does): $(head -c 300 "$D/err")"
    finish
    exit
fi

# B on make's command line: the objects and targets where $B says
if make -s B="$B" LLVM="$LLVM" $(printf "$FZ/%s_fuzz " $TARGETS) > "$D/build" 2>&1; then
    ok "fuzz targets build ($FZ)"
else
    bad "fuzz targets build: $(tail -c 600 "$D/build")"
    finish
    exit
fi

# run NAME WHAT ARGS...: runs target NAME with libFuzzer ARGS; PASS when
# it exits 0 (a crash, leak or timeout makes libFuzzer exit non-zero)
run() {
    local t=$1 what=$2; shift 2
    mkdir -p "$D/new-$t"
    if env -u ASAN_OPTIONS UBSAN_OPTIONS=print_stacktrace=1 \
        "$FZ/${t}_fuzz" -timeout=10 -max_len=4096 -artifact_prefix="$FZ/check-$t-" \
        "$@" "$D/new-$t" "tests/fuzz-targets/corpus/$t" > "$D/log-$t" 2>&1; then
        ok "$t: $what ($(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$D/log-$t" | tail -1))"
    else
        bad "$t: $what: $(grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$D/log-$t" | head -5)"
        tail -40 "$D/log-$t"
    fi
}

for t in $TARGETS; do
    n=$(ls "tests/fuzz-targets/corpus/$t" | wc -l)
    run "$t" "replays its $n seeds" -runs=0
    run "$t" "fuzzed ${SECS}s" -max_total_time="$SECS" -print_final_stats=1
done
finish
