# kbindgen — build with `make`, test with `make check`, try with `make demo`.
# LLVM=N picks /usr/lib/llvm-N (default: the newest installed, 16 preferred).

LLVM ?= $(shell scripts/find-llvm)
LLVM_DIR := /usr/lib/llvm-$(LLVM)
PREFIX ?= /usr/local

CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter \
	  -Wno-sign-compare -Wno-missing-field-initializers
CPPFLAGS += -I$(LLVM_DIR)/include -DKB_LLVM_DIR='"$(LLVM_DIR)"'
LDFLAGS += -L$(LLVM_DIR)/lib -Wl,-rpath,$(LLVM_DIR)/lib
LDLIBS += -lclang -lpcre2-8 -lm

# An explicit LLVM=N builds apart, so both libclangs can be tried side by side.
ifeq ($(origin LLVM),file)
B := build
else
B := build/llvm-$(LLVM)
endif
ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
B := $(B)/san
endif

SRCS := $(wildcard src/*.c)
OBJS := $(SRCS:src/%.c=$(B)/obj/%.o)
LIBOBJS := $(filter-out $(B)/obj/main.o,$(OBJS))

all: $(B)/kbindgen

$(B)/kbindgen: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# tools/kexports: the kernel's rust/exports_*_generated.h without nm | awk
# (doc/kexports.md); one file on libelf, and bfd.h (binutils' section rules,
# shared with ksize)
all: $(B)/kexports
$(B)/kexports: tools/kexports.c tools/bfd.h | $(B)/obj
	$(CC) $(CFLAGS) -o $@ $< -lelf

# tools/kbuild-graph: the Rust part of a built tree's dependency graph, as
# DOT, from its kbuild records; util.o's arena, buffers and map
all: $(B)/kbuild-graph
$(B)/kbuild-graph: tools/kbuild-graph.c $(B)/obj/util.o src/kbindgen.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -o $@ $< $(B)/obj/util.o

# tools/ksize: sizes of the Rust objects, crates' shares, bloat-o-meter's
# diff (doc/ksize.md); libelf, and libiberty's Rust demangler
all: $(B)/ksize
$(B)/ksize: tools/ksize.c tools/bfd.h $(B)/obj/util.o src/kbindgen.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -o $@ $< $(B)/obj/util.o -lelf -liberty

$(B)/obj/%.o: src/%.c src/kbindgen.h | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
# an explicit rule: a pattern rule without a recipe would add nothing
$(filter $(B)/obj/clang%,$(OBJS)): src/clang.h

# The Rust support types (src/rt/*.rs) become C strings in $(B)/gen/rt.h.
$(B)/obj/emit.o: $(B)/gen/rt.h
$(B)/obj/emit.o: CPPFLAGS += -I$(B)/gen
$(B)/gen/rt.h: $(wildcard src/rt/*.rs) scripts/rs2inc
	@mkdir -p $(B)/gen
	for f in src/rt/*.rs; do n=$$(basename $$f .rs); \
		echo "static const char rt_$$n[] ="; scripts/rs2inc $$f; echo ";"; \
	done > $@

$(B)/obj:
	mkdir -p $@

# unit tests: tests/unit/*_test.c linked against the library objects
UNIT_SRCS := $(wildcard tests/unit/*_test.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/unit/%)
$(B)/unit/%: tests/unit/%.c tests/unit/unit.h $(LIBOBJS) | $(B)/obj
	@mkdir -p $(B)/unit
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(LDLIBS)

deps:
	LLVM=$(LLVM) scripts/install-deps

demo: deps
	$(MAKE) all
	$(MAKE) -C example KBINDGEN=$(CURDIR)/$(B)/kbindgen run

check: deps
	$(MAKE) all $(UNIT_BINS)
	KBINDGEN=$(CURDIR)/$(B)/kbindgen B=$(B) LLVM=$(LLVM) tests/run-all

conformance: all
	KBINDGEN=$(CURDIR)/$(B)/kbindgen python3 tests/conformance.py --llvm $(LLVM)

sweep:
	$(MAKE) SANITIZE=1 all
	KBINDGEN=$(CURDIR)/$(B)/san/kbindgen tests/sweep.sh

probe: all
	KBINDGEN=$(CURDIR)/$(B)/kbindgen tests/probe-suite.sh

# the differential layout fuzzer (tests/fuzz.py); failures in $(B)/fuzz/
SEED ?= 1
RECORDS ?= 10000
fuzz: all
	KBINDGEN=$(CURDIR)/$(B)/kbindgen python3 tests/fuzz.py --seed $(SEED) --records $(RECORDS) \
		--out $(CURDIR)/$(B)/fuzz $(FUZZFLAGS)

# libFuzzer targets of the macro evaluators and the option parser
# (tests/fuzz-targets/, doc/fuzzing.md), built with clang-$(LLVM) against
# the library objects compiled the same way, apart in $(B)/fuzz-targets/obj.
# Each of FUZZ_TARGETS runs SECONDS on its corpus in $(B)/fuzz-targets/
# corpus-NAME (the repo's seeds, then what earlier runs found); crashes go
# to $(B)/fuzz-targets/NAME-crash-*.  LIBFUZZER_FLAGS: more libFuzzer flags.
SECONDS ?= 60
FUZZ_TARGETS ?= macro cconst opts
LIBFUZZER_FLAGS ?=
FZ := $(B)/fuzz-targets
FZ_CC := clang-$(LLVM)
FZ_CFLAGS := $(filter-out -O% -g,$(CFLAGS)) -g -O1 \
	     -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FZ_OBJS := $(LIBOBJS:$(B)/obj/%=$(FZ)/obj/%)
.SECONDARY: $(FZ_OBJS)

$(FZ)/obj/%.o: src/%.c src/kbindgen.h
	@mkdir -p $(FZ)/obj
	$(FZ_CC) $(CPPFLAGS) $(FZ_CFLAGS) -c -o $@ $<
$(FZ)/obj/emit.o: $(B)/gen/rt.h
$(FZ)/obj/emit.o: CPPFLAGS += -I$(B)/gen

$(FZ)/%_fuzz: tests/fuzz-targets/%_fuzz.c tests/fuzz-targets/quiet.h tests/fuzz-targets/tokens.h \
	      $(FZ_OBJS)
	$(FZ_CC) $(CPPFLAGS) $(FZ_CFLAGS) -Isrc $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(LDLIBS)

fuzz-targets: $(FUZZ_TARGETS:%=$(FZ)/%_fuzz)
	for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FZ)/corpus-$$t && cp tests/fuzz-targets/corpus/$$t/* $(FZ)/corpus-$$t/ && \
		UBSAN_OPTIONS=print_stacktrace=1 $(FZ)/$${t}_fuzz -max_total_time=$(SECONDS) \
			-print_final_stats=1 -artifact_prefix=$(FZ)/$$t- $(LIBFUZZER_FLAGS) \
			$(FZ)/corpus-$$t || exit 1; \
	done

# bench/libclang-floor: libclang's parse (and one walk) alone, the floor
# of the scale row
bench: all $(B)/libclang-floor
	KBINDGEN=$(B)/kbindgen FLOOR=$(B)/libclang-floor bench/headers.sh
$(B)/libclang-floor: bench/libclang-floor.c | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lclang

# Linux 6.12 built with kbindgen and kexports, booted under QEMU with Rust
# modules loaded (tests/kernel/e2e.sh; half an hour and more; needs no
# make all first: it builds the tools on libclang 22)
kernel-e2e:
	tests/kernel/e2e.sh

install: all
	install -Dm755 $(B)/kbindgen $(DESTDIR)$(PREFIX)/bin/kbindgen
	install -Dm644 doc/kbindgen.1 $(DESTDIR)$(PREFIX)/share/man/man1/kbindgen.1

clean:
	rm -rf build

.PHONY: all probe fuzz fuzz-targets sweep deps demo check conformance bench kernel-e2e install clean
