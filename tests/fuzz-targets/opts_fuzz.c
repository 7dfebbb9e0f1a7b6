/* opts_fuzz.c: libFuzzer target of parse_opts() (src/opts.c).
 *
 * Input: the command line after argv[0], its words separated by NUL
 * bytes (a trailing NUL is optional; an empty word between two NULs is
 * an empty argument).  So `kbindgen --rust-target 1.68 x.h -- -DA=1` is
 *
 *   --rust-target\0 1.68\0 x.h\0 --\0 -DA=1       (no blanks)
 *
 * A word that starts with byte 0x01 is not an argument but an assignment
 * to one of the environment variables parse_opts() reads, set for this
 * input only: \x01KBINDGEN_RUST_TARGET=1.60, \x01TARGET=x86_64-linux-gnu,
 * \x01BINDGEN_EXTRA_CLANG_ARGS[_TRIPLE]=-DX "-I a b".  Other names are
 * dropped.
 *
 * parse_opts() exits on bad usage through usage_error(); set_die_hook()
 * (src/util.c) turns that into a longjmp back here.  --help, -h and
 * --generate-shell-completions print to stdout and call exit(0) directly
 * (opts.c's usage() and completions()), which no hook catches: such words
 * are dropped from the input.
 *
 * parse_opts() keeps its strings in the arena, released after each
 * input; the heap blocks it leaves behind when it dies half way (a
 * struct buf, compiled regexes) are found through ASan's malloc hooks and
 * freed, and PCRE2's objects through wrappers of its constructors (their
 * JIT code and stacks are not on the heap), so that memory does not grow
 * over a long run.
 *
 * Each word is a heap block of its exact size, for ASan.  Besides ASan and
 * UBSan, the target checks that a successful parse has a header (or
 * --version) and an edition.
 *
 * Env: KB_FUZZ_STDERR=1 keeps stderr (the usage errors), /dev/null
 * otherwise.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <dlfcn.h>
#include <pcre2.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sanitizer/allocator_interface.h>

#include "kbindgen.h"
#include "quiet.h"

/* ---- the heap blocks allocated while parse_opts() runs ---- */

#define MAXLIVE 65536
static void *live[MAXLIVE];
static int nlive;
static bool tracking;
/* The hooks see every thread's blocks: libFuzzer's timer thread allocates
 * too.  Only the fuzzing (main) thread's count. */
static _Thread_local bool main_thread;

static void on_malloc(const volatile void *p, size_t n)
{
	(void)n;
	if (main_thread && tracking && p && nlive < MAXLIVE)
		live[nlive++] = (void *)p;
}

static void on_free(const volatile void *p)
{
	if (!main_thread)
		return;
	for (int i = nlive; i-- > 0;)
		if (live[i] == p) {
			live[i] = live[--nlive];
			return;
		}
}

/* PCRE2's objects, freed PCRE2's way: its JIT code and JIT stacks are
 * mapped memory, which no malloc hook sees.  Each constructor regex.c
 * calls is wrapped (the executable's definition wins over libpcre2's),
 * and so is each destructor, to forget what regex.c frees itself. */
enum { P_CODE, P_MDATA, P_MCTX, P_STACK, NP };
#define MAXP 4096
static void *pobj[NP][MAXP];
static int npobj[NP];

static void *keep_p(int k, void *p)
{
	if (p && npobj[k] < MAXP)
		pobj[k][npobj[k]++] = p;
	return p;
}

static void drop_p(int k, void *p)
{
	for (int i = npobj[k]; i-- > 0;)
		if (pobj[k][i] == p) {
			pobj[k][i] = pobj[k][--npobj[k]];
			return;
		}
}

/* real: libpcre2's own fn */
#define REAL(fn) static __typeof__(fn) *real; \
	if (!real) real = (__typeof__(fn) *)dlsym(RTLD_NEXT, #fn)

pcre2_code *pcre2_compile_8(PCRE2_SPTR pat, PCRE2_SIZE len, uint32_t options,
			    int *err, PCRE2_SIZE *off, pcre2_compile_context *cc)
{
	REAL(pcre2_compile_8);
	return keep_p(P_CODE, real(pat, len, options, err, off, cc));
}

void pcre2_code_free_8(pcre2_code *c)
{
	REAL(pcre2_code_free_8);
	drop_p(P_CODE, c);
	real(c);
}

pcre2_match_data *pcre2_match_data_create_8(uint32_t n, pcre2_general_context *gc)
{
	REAL(pcre2_match_data_create_8);
	return keep_p(P_MDATA, real(n, gc));
}

pcre2_match_data *pcre2_match_data_create_from_pattern_8(const pcre2_code *c,
							 pcre2_general_context *gc)
{
	REAL(pcre2_match_data_create_from_pattern_8);
	return keep_p(P_MDATA, real(c, gc));
}

void pcre2_match_data_free_8(pcre2_match_data *md)
{
	REAL(pcre2_match_data_free_8);
	drop_p(P_MDATA, md);
	real(md);
}

pcre2_match_context *pcre2_match_context_create_8(pcre2_general_context *gc)
{
	REAL(pcre2_match_context_create_8);
	return keep_p(P_MCTX, real(gc));
}

void pcre2_match_context_free_8(pcre2_match_context *mc)
{
	REAL(pcre2_match_context_free_8);
	drop_p(P_MCTX, mc);
	real(mc);
}

pcre2_jit_stack *pcre2_jit_stack_create_8(PCRE2_SIZE start, PCRE2_SIZE max,
					  pcre2_general_context *gc)
{
	REAL(pcre2_jit_stack_create_8);
	return keep_p(P_STACK, real(start, max, gc));
}

void pcre2_jit_stack_free_8(pcre2_jit_stack *js)
{
	REAL(pcre2_jit_stack_free_8);
	drop_p(P_STACK, js);
	real(js);
}

/* Frees what the last parse left on the heap. */
static void free_leftovers(void)
{
	while (npobj[P_MDATA])
		pcre2_match_data_free(pobj[P_MDATA][npobj[P_MDATA] - 1]);
	while (npobj[P_MCTX])
		pcre2_match_context_free(pobj[P_MCTX][npobj[P_MCTX] - 1]);
	while (npobj[P_STACK])
		pcre2_jit_stack_free(pobj[P_STACK][npobj[P_STACK] - 1]);
	while (npobj[P_CODE])
		pcre2_code_free(pobj[P_CODE][npobj[P_CODE] - 1]);
	/* popped before free(): the compiler takes free() for one that
	 * touches no global, so on_free() cannot be the one to drop it */
	while (nlive)
		free(live[--nlive]);
}

/* ---- usage_error() and fatal() come back here ---- */

static jmp_buf die_jmp;

static void on_die(int status)
{
	(void)status;
	longjmp(die_jmp, 1);
}

/* ---- the environment variables parse_opts() reads ---- */

static bool env_name_ok(const char *s, size_t n)
{
	static const char base[] = "BINDGEN_EXTRA_CLANG_ARGS";
	return (n == 20 && !memcmp(s, "KBINDGEN_RUST_TARGET", 20)) ||
	       (n == 6 && !memcmp(s, "TARGET", 6)) ||
	       (n == sizeof base - 1 && !memcmp(s, base, n)) ||
	       (n > sizeof base && !memcmp(s, base, sizeof base - 1) &&
		s[sizeof base - 1] == '_');
}

/* Words that make parse_opts() print to stdout and exit(0). */
static bool exits(const char *w)
{
	static const char *const opts[] = { "--help", "--generate-shell-completions" };
	if (streq(w, "-h"))
		return true;
	for (int i = 0; i < 2; i++) {
		size_t n = strlen(opts[i]);
		if (!strncmp(w, opts[i], n) && (!w[n] || w[n] == '='))
			return true;
	}
	return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	quiet(argc, argv);
	/* only what an input sets */
	unsetenv("KBINDGEN_RUST_TARGET");
	unsetenv("TARGET");
	unsetenv("BINDGEN_EXTRA_CLANG_ARGS");
	main_thread = true;
	__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
	set_die_hook(on_die);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena_mark mark = arena_mark();
	char **argv, **env, **names;
	int argc = 1, nenv = 0, nw = 1;

	for (size_t i = 0; i < size; i++)
		nw += !data[i];
	argv = malloc((nw + 2) * sizeof *argv);
	env = malloc((nw + 1) * sizeof *env);
	names = malloc((nw + 1) * sizeof *names);
	argv[0] = strdup("kbindgen");
	for (size_t i = 0; i < size;) {
		const uint8_t *z = memchr(data + i, 0, size - i);
		size_t len = z ? (size_t)(z - (data + i)) : size - i;
		char *w = malloc(len + 1);

		memcpy(w, data + i, len);
		w[len] = 0;
		i += len + 1;
		if (w[0] == 1) {
			char *eq = strchr(w + 1, '=');
			if (eq && env_name_ok(w + 1, eq - (w + 1))) {
				/* putenv(), not setenv(): glibc keeps every
				 * string setenv() was given */
				names[nenv] = astrndup(w + 1, eq - (w + 1));
				putenv(w + 1);
				env[nenv++] = w;
				continue;
			}
		} else if (!exits(w)) {
			argv[argc++] = w;
			continue;
		}
		free(w);
	}
	argv[argc] = NULL;

	struct opts o;
	volatile bool died = true;
	tracking = true;
	if (!setjmp(die_jmp)) {
		parse_opts(&o, argc, argv);
		died = false;
	}
	tracking = false;
	if (!died) {
		if (!o.version && !o.header)
			__builtin_trap();	/* parsed without a header */
		if (!o.version && o.rust_edition != 2018 && o.rust_edition != 2021 &&
		    o.rust_edition != 2024)
			__builtin_trap();
	}

	free_leftovers();
	for (int i = 0; i < nenv; i++) {
		unsetenv(names[i]);
		free(env[i]);
	}
	free(names);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	free(env);
	arena_release(mark);
	return 0;
}
