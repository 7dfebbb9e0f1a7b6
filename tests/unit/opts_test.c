/* opts_test.c: the command line parser against bindgen's command line.
 *
 * Cases that must exit (usage errors, --help, --version) run in a child
 * process; the parent checks the exit status and what was printed.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kbindgen.h"
#include "unit.h"

static struct opts opt;

static bool str_is(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Checks that rule i of rv has pattern pat and exactly the NULL-terminated
 * values that follow. */
static bool rule_is(const rulevec *rv, int i, const char *pat, ...)
{
	va_list ap;
	int k = 0;
	const char *w;
	bool ok = i < rv->n && str_is(rv->v[i].pat, pat) && rv->v[i].re;

	va_start(ap, pat);
	while (ok && (w = va_arg(ap, const char *))) {
		if (k >= rv->v[i].vals.n || !str_is(rv->v[i].vals.v[k], w))
			ok = false;
		k++;
	}
	va_end(ap);
	return ok && k == rv->v[i].vals.n;
}

/* Checks that vec holds exactly the NULL-terminated words that follow. */
static bool vec_is(const strvec *vec, ...)
{
	va_list ap;
	int i = 0;
	const char *w;
	bool ok = true;

	va_start(ap, vec);
	while ((w = va_arg(ap, const char *))) {
		if (i >= vec->n || !str_is(vec->v[i], w))
			ok = false;
		i++;
	}
	va_end(ap);
	return ok && i == vec->n;
}

#define MAXARGS 64

static int build_argv(char **argv, va_list ap)
{
	int argc = 0;
	const char *a;

	argv[argc++] = "kbindgen";
	while ((a = va_arg(ap, const char *)) && argc < MAXARGS - 1)
		argv[argc++] = (char *)a;
	argv[argc] = NULL;
	return argc;
}

/* parse_opts on "kbindgen" followed by the NULL-terminated arguments. */
static struct opts *parse(const char *first, ...)
{
	char *argv[MAXARGS] = { "kbindgen" };
	int argc = 1;
	const char *a;
	va_list ap;

	va_start(ap, first);
	for (a = first; a && argc < MAXARGS - 1; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc] = NULL;
	parse_opts(&opt, argc, argv);
	return &opt;
}

/*
 * Runs parse_opts in a child; checks that it exits with code and that its
 * output (stdout and stderr together) contains needle.  Returns the output.
 */
static char *expect_exit(int line, int code, const char *needle, ...)
{
	char *argv[MAXARGS];
	static char out[65536];
	size_t len = 0;
	int fds[2], status;
	va_list ap;
	pid_t pid;
	ssize_t r;

	va_start(ap, needle);
	int argc = build_argv(argv, ap);
	va_end(ap);

	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		perror("opts_test");
		exit(1);
	}
	if (!pid) {
		close(fds[0]);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		parse_opts(&opt, argc, argv);
		_exit(99);	/* parse_opts returned: no exit happened */
	}
	close(fds[1]);
	while ((r = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += r;
	out[len] = 0;
	close(fds[0]);
	waitpid(pid, &status, 0);

	bool ok = WIFEXITED(status) && WEXITSTATUS(status) == code &&
		  strstr(out, needle);
	check(ok, "%s:%d: %s", __FILE__, line, needle);
	if (!ok)
		fprintf(stderr, "  status %d, output:\n%s\n",
			WIFEXITED(status) ? WEXITSTATUS(status) : -1, out);
	return out;
}

#define EXPECT_EXIT(code, needle, ...) \
	expect_exit(__LINE__, code, needle, __VA_ARGS__, (char *)NULL)
#define USAGE(needle, ...) EXPECT_EXIT(2, needle, __VA_ARGS__)

static void clear_env(void)
{
	unsetenv("TARGET");
	unsetenv("BINDGEN_EXTRA_CLANG_ARGS");
	unsetenv("BINDGEN_EXTRA_CLANG_ARGS_x86_64-unknown-linux-gnu");
	unsetenv("BINDGEN_EXTRA_CLANG_ARGS_x86_64_unknown_linux_gnu");
}

static void test_defaults(void)
{
	struct opts *o = parse("a.h", NULL);

	CHECK(str_is(o->header, "a.h"));
	CHECK(o->output == NULL && o->depfile == NULL);
	CHECK(o->clang_args.n == 0);
	CHECK(o->derive_copy && o->derive_debug && !o->derive_default);
	CHECK(!o->derive_hash && !o->derive_partialeq && !o->derive_eq);
	CHECK(o->layout_tests && o->header_comment && o->doc_comments);
	CHECK(o->size_t_is_usize && o->convert_floats);
	CHECK(o->gen_funcs && o->gen_types && o->gen_vars);
	CHECK(str_is(o->anon_fields_prefix, "__bindgen_anon_"));
	CHECK(str_is(o->wrap_static_fns_suffix, "__extern"));
	CHECK(o->rust_target == 82);
	CHECK(o->rust_edition == 2021);
	CHECK(o->enum_style == ES_CONSTS && o->alias_style == AS_NORMAL);
	CHECK(o->union_style == US_WRAPPER && o->formatter == FMT_RUSTFMT);
	CHECK(o->default_visibility == VIS_PUBLIC);
	CHECK(!o->macro_signed && !o->use_core && o->ctypes_prefix == NULL);
}

static void test_syntax(void)
{
	struct opts *o;

	o = parse("--ctypes-prefix", "ffi", "a.h", "--rust-target=1.68", NULL);
	CHECK(str_is(o->ctypes_prefix, "ffi") && o->rust_target == 68);
	CHECK(str_is(o->header, "a.h"));

	o = parse("a.h", "--ctypes-prefix=core::ffi", "--use-core", NULL);
	CHECK(str_is(o->ctypes_prefix, "core::ffi") && o->use_core);

	/* a value may start with '-' or hold '=' */
	o = parse("a.h", "--raw-line", "-x", "--raw-line=a=b", NULL);
	CHECK(vec_is(&o->raw_lines, "-x", "a=b", NULL));

	o = parse("-o", "out.rs", "a.h", NULL);
	CHECK(str_is(o->output, "out.rs"));
	o = parse("-oout.rs", "a.h", NULL);
	CHECK(str_is(o->output, "out.rs"));
	o = parse("a.h", "--output=x.rs", "--depfile", "x.d", NULL);
	CHECK(str_is(o->output, "x.rs") && str_is(o->depfile, "x.d"));
	o = parse("a.h", "-o", "1.rs", "--output", "2.rs", NULL);
	CHECK(str_is(o->output, "2.rs"));

	o = parse("a.h", "--module-raw-line", "m", "use x;",
		  "--module-raw-line=n", "use y;", NULL);
	CHECK(vec_is(&o->module_raw_lines, "m", "use x;", "n", "use y;", NULL));
}

static void test_repeats_and_aliases(void)
{
	struct opts *o;

	o = parse("--blocklist-type", "A", "a.h", "--blocklist-type=B",
		  "--blacklist-type", "C", NULL);
	CHECK(vec_is(&o->block_type.pats, "A", "B", "C", NULL));

	o = parse("a.h", "--blacklist-function", "f", "--blocklist-function", "g",
		  "--blacklist-item", "i", "--blacklist-file", "x\\.h",
		  "--blocklist-var", "v", NULL);
	CHECK(vec_is(&o->block_func.pats, "f", "g", NULL));
	CHECK(vec_is(&o->block_item.pats, "i", NULL));
	CHECK(vec_is(&o->block_file.pats, "x\\.h", NULL));
	CHECK(vec_is(&o->block_var.pats, "v", NULL));

	o = parse("a.h", "--whitelist-function", "rust_helper_.*",
		  "--allowlist-function", "g", "--whitelist-var", "",
		  "--whitelist-type", "T", "--whitelist-file", "f",
		  "--allowlist-item", "I", NULL);
	CHECK(vec_is(&o->allow_func.pats, "rust_helper_.*", "g", NULL));
	CHECK(vec_is(&o->allow_var.pats, "", NULL));
	CHECK(vec_is(&o->allow_type.pats, "T", NULL));
	CHECK(vec_is(&o->allow_file.pats, "f", NULL));
	CHECK(vec_is(&o->allow_item.pats, "I", NULL));

	o = parse("a.h", "--opaque-type", "a", "--opaque-type", "b",
		  "--no-debug", ".*", "--newtype-enum", "lru_status",
		  "--bitfield-enum", "F", "--rustified-enum", "R",
		  "--rustified-non-exhaustive-enum", "N",
		  "--constified-enum", "C", "--constified-enum-module", "M",
		  "--newtype-global-enum", "G", NULL);
	CHECK(vec_is(&o->opaque_type.pats, "a", "b", NULL));
	CHECK(vec_is(&o->no_debug.pats, ".*", NULL));
	CHECK(vec_is(&o->enum_newtype.pats, "lru_status", NULL));
	CHECK(vec_is(&o->enum_bitfield.pats, "F", NULL));
	CHECK(vec_is(&o->enum_rust.pats, "R", NULL));
	CHECK(vec_is(&o->enum_rust_ne.pats, "N", NULL));
	CHECK(vec_is(&o->enum_consts.pats, "C", NULL));
	CHECK(vec_is(&o->enum_module.pats, "M", NULL));
	CHECK(vec_is(&o->enum_newtype_global.pats, "G", NULL));

	/* old spellings that are no-ops */
	o = parse("a.h", "--size_t-is-usize", "--rustfmt-bindings",
		  "--unstable-rust", NULL);
	CHECK(o->size_t_is_usize && o->formatter == FMT_RUSTFMT);
	o = parse("a.h", "--no-rustfmt-bindings", NULL);
	CHECK(o->formatter == FMT_NONE);
}

static void test_dashdash(void)
{
	struct opts *o;

	o = parse("a.h", "--", "-DFOO", "--use-core", "-x", "c", "b.h", NULL);
	CHECK(vec_is(&o->clang_args, "-DFOO", "--use-core", "-x", "c", "b.h",
		      NULL));
	CHECK(!o->use_core);

	/* clap takes the header from after -- when it is still missing */
	o = parse("--use-core", "--", "a.h", "-I.", NULL);
	CHECK(str_is(o->header, "a.h") && vec_is(&o->clang_args, "-I.", NULL));

	o = parse("a.h", "--", "--", NULL);
	CHECK(vec_is(&o->clang_args, "--", NULL));

	o = parse("a.h", "--", NULL);
	CHECK(o->clang_args.n == 0);
}

static void test_values(void)
{
	static const char *const es[] = {
		"consts", "moduleconsts", "bitfield", "newtype",
		"newtype_global", "rust", "rust_non_exhaustive",
	};
	static const enum enum_style ev[] = {
		ES_CONSTS, ES_MODULE, ES_BITFIELD, ES_NEWTYPE,
		ES_NEWTYPE_GLOBAL, ES_RUST, ES_RUST_NE,
	};
	struct opts *o;

	for (int i = 0; i < 7; i++) {
		o = parse("a.h", "--default-enum-style", es[i], NULL);
		CHECK(o->enum_style == ev[i]);
	}
	o = parse("a.h", "--default-alias-style=new_type", NULL);
	CHECK(o->alias_style == AS_NEWTYPE);
	o = parse("a.h", "--default-alias-style", "new_type_deref", NULL);
	CHECK(o->alias_style == AS_NEWTYPE_DEREF);
	o = parse("a.h", "--default-alias-style", "normal", NULL);
	CHECK(o->alias_style == AS_NORMAL);
	o = parse("a.h", "--default-non-copy-union-style", "manually_drop",
		  "--manually-drop-union", "U", "--bindgen-wrapper-union", "W",
		  NULL);
	CHECK(o->union_style == US_MANUALLY_DROP);
	CHECK(vec_is(&o->union_manually_drop.pats, "U", NULL));
	CHECK(vec_is(&o->union_wrapper.pats, "W", NULL));
	o = parse("a.h", "--default-non-copy-union-style=bindgen_wrapper", NULL);
	CHECK(o->union_style == US_WRAPPER);
	o = parse("a.h", "--default-visibility", "crate", NULL);
	CHECK(o->default_visibility == VIS_CRATE);
	o = parse("a.h", "--default-visibility", "private", NULL);
	CHECK(o->default_visibility == VIS_PRIVATE);
	o = parse("a.h", "--formatter", "none", NULL);
	CHECK(o->formatter == FMT_NONE);
	o = parse("a.h", "--formatter=prettyplease", NULL);
	CHECK(o->formatter == FMT_PRETTYPLEASE);
	o = parse("a.h", "--default-macro-constant-type", "signed", NULL);
	CHECK(o->macro_signed);
	o = parse("a.h", "--default-macro-constant-type", "unsigned", NULL);
	CHECK(!o->macro_signed);

	o = parse("a.h", "--generate", "functions,vars", NULL);
	CHECK(o->gen_funcs && !o->gen_types && o->gen_vars);
	o = parse("a.h", "--generate=types,methods,constructors,destructors",
		  NULL);
	CHECK(!o->gen_funcs && o->gen_types && !o->gen_vars);
	/* bindgen applies --ignore-functions after --generate */
	o = parse("a.h", "--ignore-functions", "--generate", "functions", NULL);
	CHECK(!o->gen_funcs && !o->gen_types);

	/* and --no-derive-default after --with-derive-default */
	o = parse("a.h", "--no-derive-default", "--with-derive-default", NULL);
	CHECK(!o->derive_default);
	o = parse("a.h", "--with-derive-default", NULL);
	CHECK(o->derive_default);

	o = parse("a.h", "--formatter=none",
		  "--rustfmt-configuration-file", "/etc/rustfmt.toml", NULL);
	CHECK(o->formatter == FMT_RUSTFMT);

	o = parse("a.h", "--with-attribute-custom-enum=lru_status=#[cfi_encoding=\"10lru_status\"]",
		  "--with-derive-custom-struct", ".*=MaybeZeroable",
		  "--with-derive-custom-union", ".*=MaybeZeroable",
		  "--override-abi", "f.*=C-unwind", "--field-attr",
		  "S::f=#[x]", NULL);
	CHECK(rule_is(&o->attr_custom_enum, 0, "lru_status",
		      "#[cfi_encoding=\"10lru_status\"]", NULL));
	CHECK(rule_is(&o->derive_custom_struct, 0, ".*", "MaybeZeroable", NULL));
	CHECK(rule_is(&o->derive_custom_union, 0, ".*", "MaybeZeroable", NULL));
	CHECK(rule_is(&o->override_abi, 0, "f.*", "C-unwind", NULL));
	CHECK(o->field_attrs.n == 1 && str_is(o->field_attrs.v[0].type, "S") &&
	      str_is(o->field_attrs.v[0].field, "f") && str_is(o->field_attrs.v[0].attr, "#[x]"));

	/* one rule for every REGEX=VALUES: the last '=' outside brackets,
	 * the values at the commas outside brackets */
	o = parse("a.h", "--with-attribute-custom", "foo=bar=#[x]",
		  "--with-attribute-custom", "(a|b)=#[serde(rename = \"x, y\")], #[y]",
		  "--with-derive-custom", "(?=q).*=Debug, Foo<A, B>", NULL);
	CHECK(rule_is(&o->attr_custom, 0, "foo=bar", "#[x]", NULL));
	CHECK(rule_is(&o->attr_custom, 1, "(a|b)", "#[serde(rename = \"x, y\")]", "#[y]", NULL));
	CHECK(rule_is(&o->derive_custom, 0, "(?=q).*", "Debug", "Foo<A, B>", NULL));
	USAGE("'bar' is not an attribute", "a.h", "--with-attribute-custom", "foo=#[x],bar");
	USAGE("'x' is not an attribute", "a.h", "--with-attribute-custom-struct", "foo=x");
	USAGE("nothing after '='", "a.h", "--with-derive-custom", "foo=");
	USAGE("missing '='", "a.h", "--with-derive-custom-enum", "foo");
	USAGE("one ABI only", "a.h", "--override-abi", "f=C,system");
	USAGE("invalid value 'bogus'", "a.h", "--override-abi", "f=bogus");
	USAGE("expected TYPE::FIELD=ATTR", "a.h", "--field-attr", "S::f=");
	/* every regex is compiled while parsing: a bad one is a usage error */
	USAGE("invalid regex", "a.h", "--with-derive-custom", "(=Debug");
	USAGE("invalid regex", "a.h", "--no-copy", "a(");
}

static void test_rust_target(void)
{
	struct opts *o;

	o = parse("a.h", "--rust-target", "1.68.0", NULL);
	CHECK(o->rust_target == 68 && o->rust_edition == 2021);
	o = parse("a.h", "--rust-target", "1.77.2", NULL);
	CHECK(o->rust_target == 77);
	o = parse("a.h", "--rust-target", "1.85", NULL);
	CHECK(o->rust_target == 85 && o->rust_edition == 2024);
	o = parse("a.h", "--rust-target", "1.56", NULL);
	CHECK(o->rust_edition == 2021);
	o = parse("a.h", "--rust-target", "1.55", NULL);
	CHECK(o->rust_edition == 2018);
	o = parse("a.h", "--rust-target", "1.33", NULL);
	CHECK(o->rust_target == 33);
	/* newer than bindgen knows: accepted */
	o = parse("a.h", "--rust-target", "1.99", NULL);
	CHECK(o->rust_target == 99 && o->rust_edition == 2024);
	o = parse("a.h", "--rust-target", "1.18446744073709551615", NULL);
	CHECK(o->rust_target > 99 && o->rust_target < INT_MAX);
	o = parse("a.h", "--rust-target", "nightly", NULL);
	CHECK(o->rust_target == INT_MAX && o->rust_edition == 2024);

	o = parse("a.h", "--rust-target", "1.68", "--rust-edition", "2018", NULL);
	CHECK(o->rust_edition == 2018);
	o = parse("a.h", "--rust-edition=2021", NULL);
	CHECK(o->rust_edition == 2021 && o->rust_target == 82);
	/* as in bindgen: the default target, 1.82, predates edition 2024 */
	USAGE("edition 2024 is not available on Rust 1.82.0",
	      "a.h", "--rust-edition=2024");
	o = parse("a.h", "--rust-edition", "2024", "--rust-target", "1.85", NULL);
	CHECK(o->rust_edition == 2024);

	USAGE("edition 2024 is not available on Rust 1.68.0",
	      "a.h", "--rust-target", "1.68", "--rust-edition", "2024");
	USAGE("edition 2021 is not available on Rust 1.55.0",
	      "a.h", "--rust-target", "1.55", "--rust-edition", "2021");
	USAGE("invalid value '2015' for '--rust-edition'",
	      "a.h", "--rust-edition", "2015");
	USAGE("invalid value '2.0' for '--rust-target'", "a.h", "--rust-target", "2.0");
	USAGE("invalid value '1.cat' for '--rust-target'", "a.h", "--rust-target", "1.cat");
	USAGE("patch version", "a.h", "--rust-target", "1.0.cat");
	USAGE("minor version", "a.h", "--rust-target", "1.18446744073709551616");
	USAGE("minor version", "a.h", "--rust-target", "1.-1.0");
	USAGE("earliest Rust version supported by bindgen is 1.33.0",
	      "a.h", "--rust-target", "1.32");
	USAGE("accepted values are of the form", "a.h", "--rust-target", "1");
	USAGE("invalid value 'stable' for '--rust-target'",
	      "a.h", "--rust-target=stable");
}

static void test_errors(void)
{
	USAGE("kbindgen: unknown option '--foo'", "a.h", "--foo");
	USAGE("unknown option '--foo'", "a.h", "--foo=1");
	USAGE("unknown option '-I.'", "a.h", "-I.");
	USAGE("unknown option '-x'", "-x", "a.h");
	USAGE("kbindgen: no header given", (char *)NULL);
	USAGE("no header given", "--use-core");
	USAGE("no header given", "--use-core", "--");
	USAGE("unexpected argument 'b.h'", "a.h", "b.h");
	USAGE("only one header", "a.h", "--use-core", "b.h", "--", "-I.");
	USAGE("option '--ctypes-prefix' needs a value", "a.h", "--ctypes-prefix");
	USAGE("option '-o' needs a value", "a.h", "-o");
	USAGE("option '--module-raw-line' needs two values",
	      "a.h", "--module-raw-line", "m");
	USAGE("option '--use-core' takes no value", "a.h", "--use-core=yes");
	USAGE("invalid value 'bogus' for '--default-enum-style'",
	      "a.h", "--default-enum-style", "bogus");
	USAGE("rust_non_exhaustive", "a.h", "--default-enum-style=Rust");
	USAGE("invalid value 'newtype' for '--default-alias-style'",
	      "a.h", "--default-alias-style", "newtype");
	USAGE("invalid value 'x' for '--default-non-copy-union-style'",
	      "a.h", "--default-non-copy-union-style", "x");
	USAGE("invalid value 'pub' for '--default-visibility'",
	      "a.h", "--default-visibility", "pub");
	USAGE("invalid value 'clang-format' for '--formatter'",
	      "a.h", "--formatter", "clang-format");
	USAGE("invalid value 'int' for '--default-macro-constant-type'",
	      "a.h", "--default-macro-constant-type", "int");
	USAGE("invalid value 'fns' for '--generate'", "a.h", "--generate", "functions,fns");
	USAGE("invalid value '' for '--generate'", "a.h", "--generate", "");
	USAGE("cannot be used together", "a.h", "--no-rustfmt-bindings",
	      "--formatter", "rustfmt");
	USAGE("cannot be used together", "a.h", "--rustfmt-configuration-file",
	      "/x.toml", "--no-rustfmt-bindings");
	USAGE("absolute path", "a.h", "--rustfmt-configuration-file", "x.toml");
	USAGE("invalid value 'win32' for '--override-abi'",
	      "a.h", "--override-abi", "f=win32");
	USAGE("missing '='", "a.h", "--override-abi", "f");
	USAGE("missing '='", "a.h", "--with-derive-custom", "Debug");
	USAGE("missing '='", "a.h", "--with-attribute-custom-struct", "#[a=b]");
	USAGE("TYPE::FIELD=ATTR", "a.h", "--field-attr", "f=#[x]");
	USAGE("invalid value 'tcsh' for '--generate-shell-completions'",
	      "--generate-shell-completions", "tcsh");
}

static void test_help_version(void)
{
	static const char *const shown[] = {
		"--allowlist-function REGEX", "--blocklist-var VAR",
		"--module-raw-line MODULE LINE", "--field-attr",
		"--rust-target VERSION", "--default-enum-style STYLE",
		"--blacklist-type", "--whitelist-var", "--size_t-is-usize",
		"--no-derive-default", "--generate-deleted-functions",
		"--use-distinct-char16-t", "--emit-diagnostics",
		"--generate-shell-completions SHELL", "--output OUTPUT",
		"--version", "--help",
	};
	char *out;

	out = EXPECT_EXIT(0, "Usage: kbindgen [OPTIONS] HEADER", "--help");
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		CHECK(strstr(out, shown[i]) != NULL);
	EXPECT_EXIT(0, "Usage:", "a.h", "-h");

	/* --version is printed by main.c (tests/errors.sh checks the text) */
	CHECK(parse("--version", NULL)->version);
	CHECK(parse("-V", NULL)->version);
	/* like clap, the version wins over a missing header but not over
	 * a bad option */
	CHECK(parse("--verbose", "--version", NULL)->version);
	USAGE("unknown option", "--version", "--bogus");
}

/* Every option of bindgen main, with a value it accepts. */
static const char *const every[][3] = {
	{ "--depfile", "x.d" }, { "--default-enum-style", "rust" },
	{ "--bitfield-enum", "E" }, { "--newtype-enum", "E" },
	{ "--newtype-global-enum", "E" }, { "--rustified-enum", "E" },
	{ "--rustified-non-exhaustive-enum", "E" }, { "--constified-enum", "E" },
	{ "--constified-enum-module", "E" },
	{ "--default-macro-constant-type", "signed" },
	{ "--default-alias-style", "new_type" }, { "--normal-alias", "T" },
	{ "--new-type-alias", "T" }, { "--new-type-alias-deref", "T" },
	{ "--default-non-copy-union-style", "manually_drop" },
	{ "--bindgen-wrapper-union", "U" }, { "--manually-drop-union", "U" },
	{ "--blocklist-type", "T" }, { "--blocklist-function", "F" },
	{ "--blocklist-item", "I" }, { "--blocklist-file", "F" },
	{ "--blocklist-var", "V" }, { "--no-layout-tests" },
	{ "--no-derive-copy" }, { "--no-derive-debug" }, { "--no-derive-default" },
	{ "--impl-debug" }, { "--impl-partialeq" }, { "--with-derive-default" },
	{ "--with-derive-hash" }, { "--with-derive-partialeq" },
	{ "--with-derive-partialord" }, { "--with-derive-eq" },
	{ "--with-derive-ord" }, { "--no-doc-comments" },
	{ "--no-recursive-allowlist" }, { "--objc-extern-crate" },
	{ "--nonnull-references" }, { "--generate-block" }, { "--generate-cstr" },
	{ "--block-extern-crate" }, { "--distrust-clang-mangling" },
	{ "--builtins" }, { "--ctypes-prefix", "ffi" },
	{ "--anon-fields-prefix", "anon_" }, { "--time-phases" },
	{ "--emit-clang-ast" }, { "--emit-ir" }, { "--emit-ir-graphviz", "ir.dot" },
	{ "--enable-cxx-namespaces" }, { "--disable-name-namespacing" },
	{ "--disable-nested-struct-naming" }, { "--disable-untagged-union" },
	{ "--disable-header-comment" }, { "--ignore-functions" },
	{ "--generate", "functions,types" }, { "--ignore-methods" },
	{ "--no-convert-floats" }, { "--no-prepend-enum-name" },
	{ "--no-include-path-detection" }, { "--fit-macro-constant-types" },
	{ "--opaque-type", "T" }, { "--output", "o.rs" }, { "--raw-line", "x" },
	{ "--module-raw-line", "m", "x" }, { "--rust-target", "1.68" },
	{ "--rust-edition", "2021" }, { "--use-core" },
	{ "--conservative-inline-namespaces" }, { "--allowlist-function", "f" },
	{ "--generate-inline-functions" }, { "--allowlist-type", "T" },
	{ "--allowlist-var", "v" }, { "--allowlist-file", "f" },
	{ "--allowlist-item", "i" }, { "--verbose" },
	{ "--dump-preprocessed-input" }, { "--no-record-matches" },
	{ "--no-size_t-is-usize" }, { "--no-rustfmt-bindings" },
	{ "--formatter", "prettyplease" },
	{ "--rustfmt-configuration-file", "/etc/rustfmt.toml" },
	{ "--no-partialeq", "T" }, { "--no-copy", "T" }, { "--no-debug", "T" },
	{ "--no-default", "T" }, { "--no-hash", "T" }, { "--must-use-type", "T" },
	{ "--enable-function-attribute-detection" },
	{ "--use-array-pointers-in-arguments" },
	{ "--wasm-import-module-name", "m" },
	{ "--extern-fn-block-attrs", "#[a]" }, { "--dynamic-loading", "lib" },
	{ "--dynamic-link-require-all" }, { "--prefix-link-name", "p_" },
	{ "--respect-cxx-access-specs" }, { "--translate-enum-integer-types" },
	{ "--c-naming" }, { "--explicit-padding" },
	{ "--use-specific-virtual-function-receiver" },
	{ "--use-distinct-char16-t" }, { "--represent-cxx-operators" },
	{ "--vtable-generation" }, { "--sort-semantically" },
	{ "--merge-extern-blocks" }, { "--override-abi", "f=efiapi" },
	{ "--wrap-unsafe-ops" }, { "--clang-macro-fallback" },
	{ "--clang-macro-fallback-build-dir", "/tmp" }, { "--flexarray-dst" },
	{ "--with-derive-custom", "T=A,B" },
	{ "--with-derive-custom-struct", "T=A" },
	{ "--with-derive-custom-enum", "T=A" },
	{ "--with-derive-custom-union", "T=A" },
	{ "--with-attribute-custom", "T=#[a],#[b]" },
	{ "--with-attribute-custom-struct", "T=#[a]" },
	{ "--with-attribute-custom-enum", "T=#[a]" },
	{ "--with-attribute-custom-union", "T=#[a]" },
	{ "--wrap-static-fns" }, { "--wrap-static-fns-path", "w.c" },
	{ "--wrap-static-fns-suffix", "_w" }, { "--default-visibility", "crate" },
	{ "--generate-deleted-functions" },
	{ "--generate-pure-virtual-functions" },
	{ "--generate-private-functions" }, { "--field-attr", "S::f=#[a]" },
	{ "--emit-diagnostics" }, { "--experimental" },
	/* old spellings */
	{ "--whitelist-type", "T" }, { "--whitelist-function", "F" },
	{ "--whitelist-var", "V" }, { "--whitelist-file", "F" },
	{ "--blacklist-type", "T" }, { "--blacklist-function", "F" },
	{ "--blacklist-item", "I" }, { "--blacklist-file", "F" },
	{ "--size_t-is-usize" }, { "--rustfmt-bindings" },
	{ "--unstable-rust" }, { "--use-msvc-mangling" },
};

static void test_every_option(void)
{
	int n = sizeof(every) / sizeof(every[0]);

	for (int i = 0; i < n; i++) {
		const char *opt1 = every[i][0], *v = every[i][1];
		const char *v2 = every[i][2];
		struct opts *o;

		if (v2)
			o = parse(opt1, v, v2, "a.h", NULL);
		else if (v)
			o = parse(opt1, v, "a.h", NULL);
		else
			o = parse(opt1, "a.h", NULL);
		if (!str_is(o->header, "a.h"))
			fprintf(stderr, "  option %s\n", opt1);
		CHECK(str_is(o->header, "a.h"));
	}
	/* and the --opt=value form of each */
	for (int i = 0; i < n; i++) {
		if (!every[i][1] || every[i][2])
			continue;
		struct opts *o = parse(fmt("%s=%s", every[i][0], every[i][1]),
				       "a.h", NULL);

		CHECK(str_is(o->header, "a.h"));
	}
}

/* The options the Linux kernel passes (rust/Makefile, bindgen_parameters). */
static void test_kernel(void)
{
	struct opts *o;

	o = parse("include/linux/x.h", "--blocklist-type", "__kernel_s?size_t",
		  "--opaque-type", "xregs_state", "--newtype-enum", "lru_status",
		  "--with-attribute-custom-enum=lru_status=#[cfi_encoding=\"10lru_status\"]",
		  "--no-doc-comments", "--blocklist-item", "ARCH_SLAB_MINALIGN",
		  "--with-derive-custom-struct", ".*=MaybeZeroable",
		  "--rust-target", "1.68", "--use-core", "--with-derive-default",
		  "--ctypes-prefix", "ffi", "--no-layout-tests", "--no-debug", ".*",
		  "--enable-function-attribute-detection", "-o", "b.rs", "--",
		  "-Wp,-MMD,rust/.b.d", "-nostdinc", "-D__BINDGEN__", "-DMODULE",
		  NULL);
	CHECK(str_is(o->header, "include/linux/x.h") && str_is(o->output, "b.rs"));
	CHECK(o->rust_target == 68 && o->rust_edition == 2021);
	CHECK(o->use_core && o->derive_default && !o->layout_tests);
	CHECK(!o->doc_comments && o->fn_attr_detection);
	CHECK(str_is(o->ctypes_prefix, "ffi"));
	CHECK(vec_is(&o->clang_args, "-Wp,-MMD,rust/.b.d", "-nostdinc",
		     "-D__BINDGEN__", "-DMODULE", NULL));

	/* Linux 6.1 */
	o = parse("h.h", "--opaque-type", "x", "--use-core",
		  "--with-derive-default", "--ctypes-prefix", "core::ffi",
		  "--no-layout-tests", "--no-debug", ".*", "--size_t-is-usize",
		  "-o", "b.rs", "--", "-D__BINDGEN__", NULL);
	CHECK(o->size_t_is_usize && vec_is(&o->clang_args, "-D__BINDGEN__", NULL));
	o = parse("helpers.c", "--blacklist-type", ".*", "--whitelist-var", "",
		  "--whitelist-function", "rust_helper_.*", NULL);
	CHECK(vec_is(&o->block_type.pats, ".*", NULL));
	CHECK(vec_is(&o->allow_var.pats, "", NULL));
	CHECK(vec_is(&o->allow_func.pats, "rust_helper_.*", NULL));
}

static void test_env(void)
{
	struct opts *o;

	clear_env();
	setenv("BINDGEN_EXTRA_CLANG_ARGS", "-DA '-DB C'  -I\"x y\"", 1);
	o = parse("a.h", "--", "-DZ", NULL);
	CHECK(vec_is(&o->clang_args, "-DZ", "-DA", "-DB C", "-Ix y", NULL));

	/* without TARGET, the per-target variables are not read */
	setenv("BINDGEN_EXTRA_CLANG_ARGS_x86_64_unknown_linux_gnu", "-DT", 1);
	o = parse("a.h", NULL);
	CHECK(vec_is(&o->clang_args, "-DA", "-DB C", "-Ix y", NULL));

	setenv("TARGET", "x86_64-unknown-linux-gnu", 1);
	o = parse("a.h", "--", "-DZ", NULL);
	CHECK(vec_is(&o->clang_args, "-DZ", "-DT", NULL));

	/* the triple as is wins over the one with underscores */
	setenv("BINDGEN_EXTRA_CLANG_ARGS_x86_64-unknown-linux-gnu", "-DV", 1);
	o = parse("a.h", NULL);
	CHECK(vec_is(&o->clang_args, "-DV", NULL));

	/* set but empty still counts */
	setenv("BINDGEN_EXTRA_CLANG_ARGS_x86_64-unknown-linux-gnu", "", 1);
	o = parse("a.h", NULL);
	CHECK(o->clang_args.n == 0);

	/* another target falls back to the plain variable */
	setenv("TARGET", "aarch64-unknown-linux-gnu", 1);
	o = parse("a.h", NULL);
	CHECK(vec_is(&o->clang_args, "-DA", "-DB C", "-Ix y", NULL));

	/* unbalanced quotes: the whole value is one argument, as bindgen */
	setenv("BINDGEN_EXTRA_CLANG_ARGS", "-DA '-DB", 1);
	o = parse("a.h", NULL);
	CHECK(vec_is(&o->clang_args, "-DA '-DB", NULL));
	clear_env();
}

#define SPLIT(s, ...) do { \
	strvec v_ = {0}; \
	split_shell_words(s, &v_); \
	check(vec_is(&v_, __VA_ARGS__, (char *)NULL), "%s:%d: split %s", \
	      __FILE__, __LINE__, #s); \
} while (0)

static void test_split(void)
{
	strvec v = {0};

	split_shell_words("", &v);
	split_shell_words("  \t\n ", &v);
	split_shell_words("# only a comment", &v);
	CHECK(v.n == 0);

	SPLIT("foo$baz", "foo$baz");
	SPLIT("foo baz", "foo", "baz");
	SPLIT("foo\"bar\"baz", "foobarbaz");
	SPLIT("foo \"bar\"baz", "foo", "barbaz");
	SPLIT("   foo \nbar", "foo", "bar");
	SPLIT("a\tb", "a", "b");
	SPLIT("foo\\\nbar", "foobar");
	SPLIT("\"foo\\\nbar\"", "foobar");
	SPLIT("'baz\\$b'", "baz\\$b");
	SPLIT("\"a\\$b\\`c\\\"d\\\\e\\nf\"", "a$b`c\"d\\e\\nf");
	SPLIT("a\\ b c", "a b", "c");
	SPLIT("'\\n'", "\\n");
	SPLIT("foo #bar\nbaz", "foo", "baz");
	SPLIT("foo #bar", "foo");
	SPLIT("foo#bar", "foo#bar");
	SPLIT("'' x", "", "x");
	SPLIT("\"\"", "");
	SPLIT("-I'/a b'/c \"-DX=\\\"s\\\"\"", "-I/a b/c", "-DX=\"s\"");
	SPLIT("--target=aarch64-linux-gnu -isystem /usr/include",
	      "--target=aarch64-linux-gnu", "-isystem", "/usr/include");
	/* errors: the whole string is kept as one word */
	SPLIT("\\", "\\");
	SPLIT("\"", "\"");
	SPLIT("'", "'");
	SPLIT("a \"\\", "a \"\\");
	SPLIT("'baz\\''", "'baz\\''");
	SPLIT("foo\"#bar", "foo\"#bar");
}

int main(void)
{
	clear_env();
	test_defaults();
	test_syntax();
	test_repeats_and_aliases();
	test_dashdash();
	test_values();
	test_rust_target();
	test_errors();
	test_help_version();
	test_every_option();
	test_kernel();
	test_env();
	test_split();
	return unit_done("opts_test");
}
