/* opts.c: bindgen's command line.
 *
 * We accept every option of rust-bindgen main (bindgen/options/cli.rs), with
 * clap's syntax: "--opt value" and "--opt=value", options before or after the
 * header, "--" before the clang arguments.  Options that only matter for C++
 * or Objective-C are accepted and ignored, so that build systems written for
 * bindgen keep working.  Spellings that bindgen has dropped but older Linux
 * kernels still pass (--whitelist-*, --blacklist-*, --size_t-is-usize, ...)
 * are accepted too.
 *
 * One table drives both the parser and --help, so the help cannot drift
 * from what is parsed.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

/*
 * Rust targets, as bindgen main's bindgen/features.rs knows them.  The
 * latest one is the default; versions newer than that are accepted and
 * behave like it, older than the earliest are refused.  "nightly" is kept
 * as RUST_NIGHTLY, above every stable minor, so `opt.rust_target >= 82`
 * style tests work for it too.
 */
#define RUST_LATEST	82
#define RUST_EARLIEST	33
#define RUST_NIGHTLY	INT_MAX

/* Everything an option can do to struct opts. */
/* What the values of a REGEX=VALUES option are. */
enum rshape { R_DERIVE, R_ATTR, R_ABI };

enum okind {
	O_GROUP,	/* not an option: a heading of --help */
	O_SET,		/* bool at off = true */
	O_CLEAR,	/* bool at off = false */
	O_STR,		/* const char * at off = value */
	O_VEC,		/* value appended to the strvec at off */
	O_REGEX,	/* pattern appended to the struct relist at off */
	O_RULE,		/* REGEX=VALUES appended to the rulevec at off */
	O_NOTE,		/* *note = true: acted on once all is parsed */
	O_VAL_FN,	/* fn(o, value) */
	O_PAIR,		/* two values, both appended to the strvec at off */
	O_IGNORE,	/* accepted flag, no effect on C output */
	O_IGNORE_VAL,	/* accepted option with a value, no effect */
};

struct optdef {
	const char *name;	/* without the leading "--" */
	enum okind kind;
	size_t off;
	void (*fn)(struct opts *o, const char *val);
	const char *arg;	/* metavariable for --help; NULL: a flag */
	const char *help;
	bool *note;		/* O_NOTE */
	enum rshape rule;	/* O_RULE: what the values are */
};

/* State that only matters while parsing: options whose effect bindgen
 * applies after all others, whatever their order on the command line. */
static struct {
	bool ignore_functions;
	bool no_derive_default;
	bool no_rustfmt_bindings, formatter_given, rustfmt_config;
	bool version, completions;
	const char *completions_shell;
	int edition;		/* 0: not given */
	bool target_given;	/* --rust-target */
	unsigned long long patch;
} ps;

static int pick(const char *name, const char *val, const char *const *choices)
{
	struct buf b = {0};

	for (int i = 0; choices[i]; i++)
		if (streq(val, choices[i]))
			return i;
	for (int i = 0; choices[i]; i++)
		bprintf(&b, "%s%s", i ? ", " : "", choices[i]);
	usage_error("invalid value '%s' for '--%s' (expected one of: %s)",
		    val, name, bstr(&b));
}

/* The index of each name is the enum value it stands for. */
static const char *const enum_styles[] = {
	"consts", "moduleconsts", "bitfield", "newtype", "newtype_global",
	"rust", "rust_non_exhaustive", NULL,
};
static const char *const alias_styles[] = {
	"normal", "new_type", "new_type_deref", NULL,
};
static const char *const union_styles[] = {
	"bindgen_wrapper", "manually_drop", NULL,
};
static const char *const visibilities[] = { "public", "crate", "private", NULL };
static const char *const formatters[] = { "rustfmt", "prettyplease", "none", NULL };
static const char *const macro_types[] = { "signed", "unsigned", NULL };
static const char *const editions[] = { "2018", "2021", "2024", NULL };
static const char *const codegen_kinds[] = {
	"functions", "types", "vars", "methods", "constructors", "destructors",
	NULL,
};
/* bindgen's Abi::from_str */
static const char *const abis[] = {
	"C", "stdcall", "efiapi", "fastcall", "thiscall", "vectorcall", "aapcs",
	"win64", "C-unwind", "system", NULL,
};
static const char *const shells[] = {
	"bash", "elvish", "fish", "powershell", "zsh", NULL,
};

static void set_enum_style(struct opts *o, const char *v)
{
	o->enum_style = pick("default-enum-style", v, enum_styles);
}

static void set_alias_style(struct opts *o, const char *v)
{
	o->alias_style = pick("default-alias-style", v, alias_styles);
}

static void set_union_style(struct opts *o, const char *v)
{
	o->union_style = pick("default-non-copy-union-style", v, union_styles);
}

static void set_visibility(struct opts *o, const char *v)
{
	o->default_visibility = pick("default-visibility", v, visibilities);
}

static void set_formatter(struct opts *o, const char *v)
{
	o->formatter = pick("formatter", v, formatters);
	ps.formatter_given = true;
}

static void set_macro_type(struct opts *o, const char *v)
{
	o->macro_signed = pick("default-macro-constant-type", v, macro_types) == 0;
}

static void set_edition(struct opts *o, const char *v)
{
	(void)o;	/* checked against the target once all is parsed */
	ps.edition = 2018 + 3 * pick("rust-edition", v, editions);
}

/* Rust's u64::from_str: an optional '+', then decimal digits only. */
static bool parse_u64(const char *s, size_t n, unsigned long long *out)
{
	unsigned long long v = 0;

	if (n && *s == '+')
		s++, n--;
	if (!n)
		return false;
	for (; n; s++, n--) {
		if (*s < '0' || *s > '9')
			return false;
		if (v > (ULLONG_MAX - (*s - '0')) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

/* "1.N", "1.N.P" or "nightly", as bindgen's RustTarget::from_str. */
static void set_rust_target_opt(struct opts *o, const char *v);

static void set_rust_target(struct opts *o, const char *v)
{
	const char *dot = strchr(v, '.'), *dot2;
	unsigned long long minor, patch = 0;

	if (streq(v, "nightly")) {
		o->rust_target = RUST_NIGHTLY;
		ps.patch = 0;
		return;
	}
	if (!dot)
		usage_error("invalid value '%s' for '--rust-target': accepted values are of the form \"1.71\", \"1.71.1\" or \"nightly\"", v);
	if (dot - v != 1 || v[0] != '1')
		usage_error("invalid value '%s' for '--rust-target': the largest major version of Rust released is \"1\"", v);
	dot2 = strchr(dot + 1, '.');
	if (!parse_u64(dot + 1, dot2 ? (size_t)(dot2 - dot - 1) : strlen(dot + 1), &minor))
		usage_error("invalid value '%s' for '--rust-target': the minor version number must be an unsigned 64-bit integer", v);
	if (dot2 && !parse_u64(dot2 + 1, strlen(dot2 + 1), &patch))
		usage_error("invalid value '%s' for '--rust-target': the patch version number must be an unsigned 64-bit integer", v);
	if (minor < RUST_EARLIEST)
		usage_error("invalid value '%s' for '--rust-target': the earliest Rust version supported by bindgen is 1.%d.0", v, RUST_EARLIEST);
	/* Newer than anything we know: same features as the latest. */
	o->rust_target = minor >= RUST_NIGHTLY ? RUST_NIGHTLY - 1 : (int)minor;
	ps.patch = patch;
}

static void set_rust_target_opt(struct opts *o, const char *v)
{
	set_rust_target(o, v);
	ps.target_given = true;
}

static void set_generate(struct opts *o, const char *v)
{
	const char *p = v;

	o->gen_funcs = o->gen_types = o->gen_vars = false;
	for (;;) {
		size_t n = strcspn(p, ",");
		char *what = astrndup(p, n);

		switch (pick("generate", what, codegen_kinds)) {
		case 0: o->gen_funcs = true; break;
		case 1: o->gen_types = true; break;
		case 2: o->gen_vars = true; break;
		default: break;	/* C++ methods, constructors, destructors */
		}
		if (!p[n])
			break;
		p += n + 1;
	}
}

/* We format the output ourselves; the file is only checked as bindgen does. */
static void rustfmt_config(struct opts *o, const char *v)
{
	(void)o;
	if (v[0] != '/')
		usage_error("invalid value '%s' for '--rustfmt-configuration-file': it needs to be an absolute path", v);
	ps.rustfmt_config = true;
}

static void shell_completions(struct opts *o, const char *v)
{
	(void)o;
	pick("generate-shell-completions", v, shells);
	ps.completions = true;
	ps.completions_shell = v;
}

/*
 * REGEX=VALUES, split once, here, as bindgen splits it: at the last '='
 * outside brackets (attributes hold their own: #[cfi_encoding = "x"]),
 * the values at the commas outside brackets.  A value that cannot be what
 * the option makes of it is refused, not printed.
 */
static void add_rule(rulevec *rv, const char *name, enum rshape shape, const char *v)
{
	static const char *const shapes[] = { "REGEX=DERIVE,...", "REGEX=#[ATTRIBUTE],...",
					      "REGEX=ABI" };
	const char *eq = NULL;
	int depth = 0;

	for (const char *p = v + strlen(v); p-- > v && !eq;) {
		if (*p == ']' || *p == ')')
			depth++;
		else if (*p == '[' || *p == '(')
			depth--;
		else if (*p == '=' && !depth)
			eq = p;
	}
	if (!eq)
		usage_error("invalid value '%s' for '--%s': missing '=' (expected %s)",
			    v, name, shapes[shape]);
	struct rule r = { .pat = astrndup(v, eq - v) };
	split_commas(eq + 1, strlen(eq + 1), &r.vals);
	if (!r.vals.n)
		usage_error("invalid value '%s' for '--%s': nothing after '=' (expected %s)",
			    v, name, shapes[shape]);
	for (int i = 0; i < r.vals.n; i++) {
		const char *x = r.vals.v[i];
		if (shape == R_ATTR && !(startswith(x, "#[") && endswith(x, "]")))
			usage_error("invalid value '%s' for '--%s': '%s' is not an attribute (expected %s)",
				    v, name, x, shapes[shape]);
		if (shape == R_ABI)
			pick(name, x, abis);
	}
	if (shape == R_ABI && r.vals.n > 1)
		usage_error("invalid value '%s' for '--%s': one ABI only (expected %s)",
			    v, name, shapes[shape]);
	vpush(rv, r);
}

/* TYPE::FIELD=ATTR: the attribute is what follows the first '='. */
static void field_attr(struct opts *o, const char *v)
{
	const char *eq = strchr(v, '=');
	const char *sep = strstr(v, "::");

	if (!eq || !sep || sep > eq || !eq[1])
		usage_error("invalid value '%s' for '--field-attr': expected TYPE::FIELD=ATTR", v);
	struct field_attr fa = { astrndup(v, sep - v), astrndup(sep + 2, eq - sep - 2),
				 astrdup(eq + 1) };
	vpush(&o->field_attrs, fa);
}

#define OFF(f) offsetof(struct opts, f)
#define GROUP(t)		{ .kind = O_GROUP, .help = t }
#define SET(n, f, h)		{ n, O_SET, .off = OFF(f), .help = h }
#define CLEAR(n, f, h)		{ n, O_CLEAR, .off = OFF(f), .help = h }
#define STR(n, f, a, h)		{ n, O_STR, .off = OFF(f), .arg = a, .help = h }
#define LIST(n, f, a, h)	{ n, O_VEC, .off = OFF(f), .arg = a, .help = h }
#define REGEX(n, f, a, h)	{ n, O_REGEX, .off = OFF(f), .arg = a, .help = h }
#define RULE(n, f, r, a, h)	{ n, O_RULE, .off = OFF(f), .rule = r, .arg = a, .help = h }
#define PAIR(n, f, a, h)	{ n, O_PAIR, .off = OFF(f), .arg = a, .help = h }
#define NOTE(n, flag, h)	{ n, O_NOTE, .note = &ps.flag, .help = h }
#define VALFN(n, f, a, h)	{ n, O_VAL_FN, .fn = f, .arg = a, .help = h }
#define IGNORE(n, h)		{ n, O_IGNORE, .help = h }
#define IGNORE_VAL(n, a, h)	{ n, O_IGNORE_VAL, .arg = a, .help = h }

/* Order and grouping are those of --help and the man page. */
static const struct optdef optdefs[] = {
	GROUP("Input and output"),
	STR("output", output, "OUTPUT", "Write Rust bindings to OUTPUT (also -o; default: stdout)"),
	STR("depfile", depfile, "PATH", "Write a make dependency file for the output to PATH"),
	NOTE("version", version, "Print the version and exit (also -V)"),
	IGNORE("help", "Print this help and exit (also -h)"),

	GROUP("Driver, formatting and debugging"),
	VALFN("formatter", set_formatter, "FORMATTER", "Formatter of the bindings: rustfmt (default), prettyplease or none"),
	NOTE("no-rustfmt-bindings", no_rustfmt_bindings, "Deprecated spelling of --formatter=none"),
	VALFN("rustfmt-configuration-file", rustfmt_config, "PATH", "Absolute PATH of a rustfmt configuration (accepted; output is formatted internally)"),
	SET("no-include-path-detection", no_include_path_detection, "Do not try to detect default include paths"),
	SET("dump-preprocessed-input", dump_preprocessed, "Preprocess the input header and dump it to __bindgen.i"),
	SET("verbose", verbose, "Print verbose error messages"),
	SET("time-phases", time_phases, "Time the phases and print the timings to stderr"),
	SET("emit-clang-ast", emit_clang_ast, "Output the clang AST for debugging"),
	SET("emit-ir", emit_ir, "Output the internal IR for debugging"),
	STR("emit-ir-graphviz", emit_ir_graphviz, "PATH", "Dump a graphviz dot file of the IR to PATH"),
	IGNORE("no-record-matches", "Do not record regex matches (disables reports of unused patterns)"),
	IGNORE("experimental", "Enable experimental features"),
	IGNORE("emit-diagnostics", "Emit diagnostics (needs --experimental in bindgen)"),
	VALFN("generate-shell-completions", shell_completions, "SHELL", "Print a completion script for SHELL (bash, zsh, fish, elvish, powershell) and exit"),

	GROUP("Rust target"),
	VALFN("rust-target", set_rust_target_opt, "VERSION", "Rust version to target: 1.N, 1.N.P or nightly (default: 1.82, earliest: 1.33)"),
	VALFN("rust-edition", set_edition, "EDITION", "Rust edition: 2018, 2021 or 2024 (default: the latest the target supports)"),
	SET("use-core", use_core, "Use types from Rust core instead of std"),
	STR("ctypes-prefix", ctypes_prefix, "PREFIX", "Use PREFIX before raw C types instead of ::std::os::raw"),
	CLEAR("no-size_t-is-usize", size_t_is_usize, "Do not bind size_t as usize"),
	CLEAR("no-convert-floats", convert_floats, "Do not convert floats to f32/f64"),
	SET("use-distinct-char16-t", distinct_char16, "Use a distinct type for char16_t"),

	GROUP("Item selection (REGEX options repeat; patterns are anchored)"),
	REGEX("allowlist-type", allow_type, "REGEX", "Only generate types matching REGEX"),
	REGEX("allowlist-function", allow_func, "REGEX", "Only generate free-standing functions matching REGEX"),
	REGEX("allowlist-var", allow_var, "REGEX", "Only generate free-standing variables matching REGEX"),
	REGEX("allowlist-file", allow_file, "PATH", "Generate all contents of files matching PATH"),
	REGEX("allowlist-item", allow_item, "REGEX", "Only generate items matching REGEX"),
	REGEX("blocklist-type", block_type, "TYPE", "Mark TYPE as hidden"),
	REGEX("blocklist-function", block_func, "FUNCTION", "Mark FUNCTION as hidden"),
	REGEX("blocklist-item", block_item, "ITEM", "Mark ITEM as hidden"),
	REGEX("blocklist-file", block_file, "FILE", "Mark items of FILE as hidden"),
	REGEX("blocklist-var", block_var, "VAR", "Mark VAR as hidden"),
	SET("no-recursive-allowlist", no_recursive_allowlist, "Do not allowlist the types allowlisted items use"),
	REGEX("opaque-type", opaque_type, "TYPE", "Mark TYPE as opaque"),
	VALFN("generate", set_generate, "KINDS", "Generate only KINDS, comma separated: functions, types, vars, methods, constructors, destructors"),
	NOTE("ignore-functions", ignore_functions, "Do not generate bindings for functions"),
	SET("builtins", builtins, "Output bindings for builtin definitions, e.g. __builtin_va_list"),
	SET("generate-inline-functions", gen_inline_funcs, "Generate bindings for inline functions"),

	GROUP("Enums"),
	VALFN("default-enum-style", set_enum_style, "STYLE", "Default enum STYLE: consts, moduleconsts, bitfield, newtype, newtype_global, rust, rust_non_exhaustive"),
	REGEX("bitfield-enum", enum_bitfield, "REGEX", "Generate enums matching REGEX as sets of bitfield flags"),
	REGEX("newtype-enum", enum_newtype, "REGEX", "Generate enums matching REGEX as newtypes"),
	REGEX("newtype-global-enum", enum_newtype_global, "REGEX", "Generate enums matching REGEX as global newtypes"),
	REGEX("rustified-enum", enum_rust, "REGEX", "Generate enums matching REGEX as Rust enums"),
	REGEX("rustified-non-exhaustive-enum", enum_rust_ne, "REGEX", "Generate enums matching REGEX as non-exhaustive Rust enums"),
	REGEX("constified-enum", enum_consts, "REGEX", "Generate enums matching REGEX as series of constants"),
	REGEX("constified-enum-module", enum_module, "REGEX", "Generate enums matching REGEX as modules of constants"),
	SET("no-prepend-enum-name", no_prepend_enum_name, "Do not prepend the enum name to constants or newtype variants"),
	SET("translate-enum-integer-types", translate_enum_int_types, "Always translate enum integer types to Rust integer types"),

	GROUP("Typedefs"),
	VALFN("default-alias-style", set_alias_style, "STYLE", "Default typedef STYLE: normal, new_type, new_type_deref"),
	REGEX("normal-alias", alias_normal, "REGEX", "Generate typedefs matching REGEX as type aliases"),
	REGEX("new-type-alias", alias_newtype, "REGEX", "Generate typedefs matching REGEX as newtypes"),
	REGEX("new-type-alias-deref", alias_newtype_deref, "REGEX", "Generate typedefs matching REGEX as newtypes with Deref and DerefMut"),

	GROUP("Unions with non-Copy members"),
	VALFN("default-non-copy-union-style", set_union_style, "STYLE", "Default STYLE: bindgen_wrapper, manually_drop"),
	REGEX("bindgen-wrapper-union", union_wrapper, "REGEX", "Use the __BindgenUnionField wrapper for unions matching REGEX"),
	REGEX("manually-drop-union", union_manually_drop, "REGEX", "Use ManuallyDrop fields for unions matching REGEX"),
	SET("disable-untagged-union", disable_untagged_union, "Do not generate Rust unions"),

	GROUP("Derives and impls"),
	CLEAR("no-derive-copy", derive_copy, "Do not derive Copy and Clone"),
	CLEAR("no-derive-debug", derive_debug, "Do not derive Debug"),
	NOTE("no-derive-default", no_derive_default, "Do not derive Default (hidden in bindgen)"),
	SET("with-derive-default", derive_default, "Derive Default"),
	SET("with-derive-hash", derive_hash, "Derive Hash"),
	SET("with-derive-partialeq", derive_partialeq, "Derive PartialEq"),
	SET("with-derive-partialord", derive_partialord, "Derive PartialOrd"),
	SET("with-derive-eq", derive_eq, "Derive Eq"),
	SET("with-derive-ord", derive_ord, "Derive Ord"),
	SET("impl-debug", impl_debug, "Implement Debug where it cannot be derived"),
	SET("impl-partialeq", impl_partialeq, "Implement PartialEq where it cannot be derived"),
	REGEX("no-partialeq", no_partialeq, "REGEX", "Do not derive PartialEq for types matching REGEX"),
	REGEX("no-copy", no_copy, "REGEX", "Do not derive Copy and Clone for types matching REGEX"),
	REGEX("no-debug", no_debug, "REGEX", "Do not derive Debug for types matching REGEX"),
	REGEX("no-default", no_default, "REGEX", "Do not derive or implement Default for types matching REGEX"),
	REGEX("no-hash", no_hash, "REGEX", "Do not derive Hash for types matching REGEX"),
	REGEX("must-use-type", must_use_type, "REGEX", "Add #[must_use] to types matching REGEX"),
	RULE("with-derive-custom", derive_custom, R_DERIVE, "REGEX=DERIVES", "Derive the comma-separated DERIVES on types matching REGEX"),
	RULE("with-derive-custom-struct", derive_custom_struct, R_DERIVE, "REGEX=DERIVES", "Derive DERIVES on structs matching REGEX"),
	RULE("with-derive-custom-enum", derive_custom_enum, R_DERIVE, "REGEX=DERIVES", "Derive DERIVES on enums matching REGEX"),
	RULE("with-derive-custom-union", derive_custom_union, R_DERIVE, "REGEX=DERIVES", "Derive DERIVES on unions matching REGEX"),
	RULE("with-attribute-custom", attr_custom, R_ATTR, "REGEX=ATTRS", "Add the comma-separated attributes ATTRS to types matching REGEX"),
	RULE("with-attribute-custom-struct", attr_custom_struct, R_ATTR, "REGEX=ATTRS", "Add ATTRS to structs matching REGEX"),
	RULE("with-attribute-custom-enum", attr_custom_enum, R_ATTR, "REGEX=ATTRS", "Add ATTRS to enums matching REGEX"),
	RULE("with-attribute-custom-union", attr_custom_union, R_ATTR, "REGEX=ATTRS", "Add ATTRS to unions matching REGEX"),
	VALFN("field-attr", field_attr, "TYPE::FIELD=ATTR", "Add the attribute ATTR to field FIELD of TYPE"),

	GROUP("Layout and naming"),
	CLEAR("no-layout-tests", layout_tests, "Do not generate layout tests"),
	SET("explicit-padding", explicit_padding, "Always output explicit padding fields"),
	SET("flexarray-dst", flexarray_dst, "Represent structs with flexible array members as DSTs"),
	STR("anon-fields-prefix", anon_fields_prefix, "PREFIX", "Use PREFIX for anonymous fields (default: __bindgen_anon_)"),
	SET("disable-nested-struct-naming", disable_nested_struct_naming, "Name nested definitions bar, not foo_bar"),
	SET("c-naming", c_naming, "Generate types with C style naming"),
	VALFN("default-visibility", set_visibility, "VISIBILITY", "Default field VISIBILITY: public, crate, private"),

	GROUP("Functions"),
	SET("enable-function-attribute-detection", fn_attr_detection, "Detect function attributes (#[must_use], noreturn)"),
	SET("use-array-pointers-in-arguments", array_pointers_in_args, "Use *const [T; N] instead of *const T for array arguments"),
	RULE("override-abi", override_abi, R_ABI, "REGEX=ABI", "Use ABI (C, stdcall, efiapi, fastcall, thiscall, vectorcall, aapcs, win64, C-unwind, system) for functions matching REGEX"),
	LIST("extern-fn-block-attrs", extern_fn_block_attrs, "ATTRS", "Add ATTRS to the extern function blocks"),
	STR("wasm-import-module-name", wasm_import_module, "NAME", "Add #[link(wasm_import_module = NAME)] to extern blocks"),
	STR("dynamic-loading", dynamic_loading, "NAME", "Generate a dynamically loaded library struct named NAME"),
	SET("dynamic-link-require-all", dynamic_link_require_all, "Require all functions of the dynamic library to link"),
	STR("prefix-link-name", prefix_link_name, "PREFIX", "Prefix the link names of functions with PREFIX"),
	SET("wrap-static-fns", wrap_static_fns, "Generate C wrappers for static and static inline functions"),
	STR("wrap-static-fns-path", wrap_static_fns_path, "PATH", "Write the wrapper source to PATH"),
	STR("wrap-static-fns-suffix", wrap_static_fns_suffix, "SUFFIX", "Suffix of the wrapper names (default: __extern; none with a prefix)"),
	STR("wrap-static-fns-prefix", wrap_static_fns_prefix, "PREFIX", "Prefix of the wrapper names, as the kernel's rust_helper_ (kbindgen's own)"),
	STR("wrap-static-fns-export", wrap_static_fns_export, "MACRO", "Write MACRO(wrapper); after each wrapper, as EXPORT_SYMBOL_GPL (kbindgen's own)"),
	SET("wrap-static-fns-compile", wrap_static_fns_compile, "Compile the wrappers as clang -c with the header's arguments; leave out, with the reason, those it refuses (kbindgen's own)"),
	SET("wrap-unsafe-ops", wrap_unsafe_ops, "Wrap unsafe operations in unsafe blocks"),

	GROUP("Macros and constants"),
	VALFN("default-macro-constant-type", set_macro_type, "TYPE", "Default type of integer macros: unsigned (default) or signed"),
	SET("fit-macro-constant-types", fit_macro_consts, "Fit macro constants into types smaller than u32/i32"),
	SET("generate-cstr", generate_cstr, "Generate string constants as &CStr instead of &[u8]"),
	SET("clang-macro-fallback", clang_macro_fallback, "Evaluate macros clang-side when they cannot be parsed"),
	SET("macro-const-use-ctypes", macro_const_ctypes, "Give every macro constant its C type and C's value (implies --clang-macro-fallback)"),
	STR("clang-macro-fallback-build-dir", clang_macro_fallback_dir, "PATH", "Directory for the temporary files of --clang-macro-fallback"),

	GROUP("Output text"),
	LIST("raw-line", raw_lines, "LINE", "Add LINE of Rust code at the start of the output"),
	PAIR("module-raw-line", module_raw_lines, "MODULE LINE", "Add LINE of Rust code to module MODULE"),
	CLEAR("disable-header-comment", header_comment, "Omit the header comment naming the generator"),
	CLEAR("no-doc-comments", doc_comments, "Omit doc comments"),
	SET("merge-extern-blocks", merge_extern_blocks, "Merge extern blocks into one"),
	SET("sort-semantically", sort_semantically, "Sort items by kind"),

	GROUP("C++ and Objective-C (accepted, no effect on C)"),
	IGNORE("enable-cxx-namespaces", "Enable C++ namespaces"),
	IGNORE("disable-name-namespacing", "Do not mangle namespaces into names"),
	IGNORE("conservative-inline-namespaces", "Generate inline namespaces conservatively"),
	IGNORE("distrust-clang-mangling", "Do not trust libclang's mangling"),
	IGNORE("ignore-methods", "Do not generate methods"),
	SET("respect-cxx-access-specs", respect_cxx_access, "Make items pub only if public in C++ (in C: everything public)"),
	IGNORE("use-specific-virtual-function-receiver", "Be specific about the receiver of virtual functions"),
	IGNORE("represent-cxx-operators", "Output C++ overloaded operators"),
	IGNORE("vtable-generation", "Generate vtable functions"),
	IGNORE("generate-deleted-functions", "Generate =delete C++ functions"),
	IGNORE("generate-pure-virtual-functions", "Generate pure virtual C++ functions"),
	IGNORE("generate-private-functions", "Generate private C++ functions"),
	IGNORE("nonnull-references", "Use NonNull for C++ references"),
	IGNORE("objc-extern-crate", "Use extern crate for objc"),
	IGNORE("generate-block", "Generate block signatures"),
	IGNORE("block-extern-crate", "Use extern crate for block"),

	GROUP("Old spellings (older bindgen; accepted for older Linux kernels)"),
	REGEX("whitelist-type", allow_type, "REGEX", "Same as --allowlist-type"),
	REGEX("whitelist-function", allow_func, "REGEX", "Same as --allowlist-function"),
	REGEX("whitelist-var", allow_var, "REGEX", "Same as --allowlist-var"),
	REGEX("whitelist-file", allow_file, "PATH", "Same as --allowlist-file"),
	REGEX("blacklist-type", block_type, "TYPE", "Same as --blocklist-type"),
	REGEX("blacklist-function", block_func, "FUNCTION", "Same as --blocklist-function"),
	REGEX("blacklist-item", block_item, "ITEM", "Same as --blocklist-item"),
	REGEX("blacklist-file", block_file, "FILE", "Same as --blocklist-file"),
	IGNORE("size_t-is-usize", "No effect: size_t is usize by default"),
	IGNORE("rustfmt-bindings", "No effect: output is formatted by default"),
	IGNORE("unstable-rust", "No effect"),
	IGNORE("use-msvc-mangling", "No effect"),
};

#define NOPTS (sizeof(optdefs) / sizeof(optdefs[0]))

static const struct optdef *find_opt(const char *name, size_t len)
{
	for (size_t i = 0; i < NOPTS; i++) {
		const char *n = optdefs[i].name;

		if (n && strlen(n) == len && !strncmp(n, name, len))
			return &optdefs[i];
	}
	return NULL;
}

static void usage(void)
{
	printf("kbindgen %s: generates Rust FFI bindings from C headers, as bindgen does\n\n"
	       "Usage: kbindgen [OPTIONS] HEADER [-- CLANG_ARGS...]\n",
	       KB_VERSION);
	for (size_t i = 0; i < NOPTS; i++) {
		const struct optdef *d = &optdefs[i];
		int w;

		if (d->kind == O_GROUP) {
			printf("\n%s:\n", d->help);
			continue;
		}
		w = printf("  --%s%s%s", d->name, d->arg ? " " : "",
			   d->arg ? d->arg : "");
		printf("%*s%s\n", w < 38 ? 38 - w : 2, "", d->help);
	}
	printf("\nArguments after -- go to clang, followed by the words of\n"
	       "BINDGEN_EXTRA_CLANG_ARGS_<TARGET> or BINDGEN_EXTRA_CLANG_ARGS.\n");
	exit(0);
}

/* --generate-shell-completions SHELL: a completion script from the
 * option table, for the shells bindgen's clap knows. */
static const char *quoted(const char *s, const char *special, const char *esc)
{
	struct buf b = {0};
	for (; *s; s++) {
		if (strchr(special, *s))
			bputs(&b, esc);
		bputc(&b, *s);
	}
	return bdone(&b);
}

static void completions(const char *shell)
{
	const struct optdef *d;
	const char *sep = "";
	if (streq(shell, "bash")) {
		printf("_kbindgen() {\n\tlocal cur=\"${COMP_WORDS[COMP_CWORD]}\" "
		       "prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n\tcase \"$prev\" in\n\t");
		for (d = optdefs; d < optdefs + NOPTS; d++)
			if (d->kind != O_GROUP && d->arg) {
				printf("%s--%s", sep, d->name);
				sep = "|";
			}
		printf(")\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\")); return;;\n\tesac\n"
		       "\tif [[ \"$cur\" == -* ]]; then\n\t\tCOMPREPLY=($(compgen -W \"");
		sep = "";
		for (d = optdefs; d < optdefs + NOPTS; d++)
			if (d->kind != O_GROUP) {
				printf("%s--%s", sep, d->name);
				sep = " ";
			}
		printf("\" -- \"$cur\"))\n\telse\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
		       "\tfi\n}\ncomplete -F _kbindgen kbindgen\n");
	} else if (streq(shell, "zsh")) {
		printf("#compdef kbindgen\n_arguments \\\n");
		for (d = optdefs; d < optdefs + NOPTS; d++)
			if (d->kind != O_GROUP)
				printf("  '--%s%s[%s]%s' \\\n", d->name, d->arg ? "=" : "",
				       quoted(quoted(d->help, "[]:\\", "\\"), "'", "'\\'"),
				       d->arg ? fmt(":%s:_files", d->arg) : "");
		printf("  '1:header:_files'\n");
	} else if (streq(shell, "fish")) {
		for (d = optdefs; d < optdefs + NOPTS; d++)
			if (d->kind != O_GROUP)
				printf("complete -c kbindgen -l %s%s -d '%s'\n", d->name,
				       d->arg ? " -r" : "", quoted(d->help, "'\\", "\\"));
	} else if (streq(shell, "elvish")) {
		printf("set edit:completion:arg-completer[kbindgen] = {|@words|\n\tput");
		for (d = optdefs; d < optdefs + NOPTS; d++)
			if (d->kind != O_GROUP)
				printf(" --%s", d->name);
		printf("\n}\n");
	} else {	/* powershell */
		printf("Register-ArgumentCompleter -Native -CommandName kbindgen -ScriptBlock {\n"
		       "    param($wordToComplete, $commandAst, $cursorPosition)\n    @(");
		for (d = optdefs; d < optdefs + NOPTS; d++)
			if (d->kind != O_GROUP) {
				printf("%s'--%s'", sep, d->name);
				sep = ", ";
			}
		printf(") | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n"
		       "        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterName', $_)\n"
		       "    }\n}\n");
	}
	exit(0);
}

static void apply(struct opts *o, const struct optdef *d, const char *val,
		  const char *val2)
{
	void *field = (char *)o + d->off;

	switch (d->kind) {
	case O_SET:
		*(bool *)field = true;
		break;
	case O_CLEAR:
		*(bool *)field = false;
		break;
	case O_STR:
		*(const char **)field = astrdup(val);
		break;
	case O_VEC:
		vpush((strvec *)field, astrdup(val));
		break;
	case O_REGEX:
		vpush(&((struct relist *)field)->pats, astrdup(val));
		break;
	case O_RULE:
		add_rule(field, d->name, d->rule, val);
		break;
	case O_PAIR:
		vpush((strvec *)field, astrdup(val));
		vpush((strvec *)field, astrdup(val2));
		break;
	case O_NOTE:
		*d->note = true;
		break;
	case O_VAL_FN:
		d->fn(o, val);
		break;
	case O_GROUP:
	case O_IGNORE:
	case O_IGNORE_VAL:
		break;
	}
}

static int nvalues(const struct optdef *d)
{
	switch (d->kind) {
	case O_STR: case O_VEC: case O_REGEX: case O_RULE: case O_VAL_FN: case O_IGNORE_VAL:
		return 1;
	case O_PAIR:
		return 2;
	default:
		return 0;
	}
}

/* Handles argv[*i], a "--long" option; returns with *i on its last word. */
static void long_opt(struct opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i] + 2;
	const char *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const struct optdef *d = find_opt(a, len);
	const char *val = NULL, *val2 = NULL;
	int n;

	if (!d)
		usage_error("unknown option '--%.*s' (see kbindgen --help; clang arguments go after --)",
			    (int)len, a);
	n = nvalues(d);
	if (!n && eq)
		usage_error("option '--%s' takes no value", d->name);
	if (streq(d->name, "help"))
		usage();
	if (n >= 1) {
		if (eq)
			val = eq + 1;
		else if (*i + 1 < argc)
			val = argv[++*i];
		else
			usage_error("option '--%s' needs a value (%s)", d->name, d->arg);
	}
	if (n == 2) {
		if (*i + 1 >= argc)
			usage_error("option '--%s' needs two values (%s)", d->name, d->arg);
		val2 = argv[++*i];
	}
	apply(o, d, val, val2);
}

/* Short options: -o FILE (also -oFILE, -o=FILE as clap allows), -V, -h. */
static void short_opt(struct opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];

	if (a[1] == 'o') {
		const char *v = a[2] == '=' ? a + 3 : a + 2;

		if (!a[2]) {
			if (*i + 1 >= argc)
				usage_error("option '-o' needs a value (OUTPUT)");
			v = argv[++*i];
		}
		o->output = astrdup(v);
	} else if (streq(a, "-V")) {
		ps.version = true;
	} else if (streq(a, "-h")) {
		usage();
	} else {
		usage_error("unknown option '%s' (see kbindgen --help; clang arguments go after --)", a);
	}
}

static void set_defaults(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	memset(&ps, 0, sizeof(ps));
	o->derive_copy = o->derive_debug = true;
	o->layout_tests = true;
	o->header_comment = o->doc_comments = true;
	o->size_t_is_usize = o->convert_floats = true;
	o->gen_funcs = o->gen_types = o->gen_vars = true;
	o->anon_fields_prefix = "__bindgen_anon_";
	o->rust_target = RUST_LATEST;
	o->enum_style = ES_CONSTS;
	o->alias_style = AS_NORMAL;
	o->union_style = US_WRAPPER;
	o->formatter = FMT_RUSTFMT;
	o->default_visibility = VIS_PUBLIC;
}

/* The latest edition the target supports (bindgen's RustTarget::latest_edition). */
static int latest_edition(int target)
{
	if (target >= 85)
		return 2024;
	return target >= 56 ? 2021 : 2018;
}

/* Options bindgen applies after all others, whatever their order. */
static void finish(struct opts *o)
{
	/* kbindgen's own: a default target for builds that pass none but use
	 * an older rustc, e.g. Linux 6.1 (rule without --rust-target) with
	 * Debian's rustc 1.63.  --rust-target still wins. */
	const char *env = getenv("KBINDGEN_RUST_TARGET");
	if (env && *env && !ps.target_given) {
		set_rust_target(o, env);
	}
	if (ps.no_rustfmt_bindings && ps.formatter_given)
		usage_error("options '--no-rustfmt-bindings' and '--formatter' cannot be used together");
	if (ps.no_rustfmt_bindings && ps.rustfmt_config)
		usage_error("options '--no-rustfmt-bindings' and '--rustfmt-configuration-file' cannot be used together");
	if (ps.no_rustfmt_bindings)
		o->formatter = FMT_NONE;
	if (ps.rustfmt_config)
		o->formatter = FMT_RUSTFMT;
	if (ps.ignore_functions)
		o->gen_funcs = false;
	if (o->macro_const_ctypes)
		o->clang_macro_fallback = true;
	if (!o->wrap_static_fns_suffix)
		o->wrap_static_fns_suffix = o->wrap_static_fns_prefix ? "" : "__extern";
	if (ps.no_derive_default)
		o->derive_default = false;

	if (!ps.edition) {
		o->rust_edition = latest_edition(o->rust_target);
	} else if (ps.edition > latest_edition(o->rust_target)) {
		usage_error("edition %d is not available on Rust 1.%d.%llu",
			    ps.edition, o->rust_target, ps.patch);
	} else {
		o->rust_edition = ps.edition;
	}
}

/* Every regex of the command line is compiled here, once: a list as one
 * set (aliases such as --whitelist-type share theirs), a rule alone. */
static void compile_regexes(struct opts *o)
{
	for (const struct optdef *d = optdefs; d < optdefs + NOPTS; d++) {
		void *field = (char *)o + d->off;
		if (d->kind == O_REGEX) {
			struct relist *l = field;
			if (!l->re)
				l->re = regexset_new(&l->pats);
		} else if (d->kind == O_RULE) {
			rulevec *rv = field;
			for (int i = 0; i < rv->n; i++) {
				strvec one = {0};
				vpush(&one, (char *)rv->v[i].pat);
				if (!rv->v[i].re)
					rv->v[i].re = regexset_new(&one);
			}
		}
	}
}

/*
 * Extra clang arguments from the environment, after those of the command
 * line, as bindgen's get_extra_clang_args does: when TARGET is set (cargo
 * sets it for build scripts), BINDGEN_EXTRA_CLANG_ARGS_<TARGET> with the
 * triple as is, then with its '-' turned into '_' (no case change), win
 * over plain BINDGEN_EXTRA_CLANG_ARGS; without TARGET only the plain one is
 * read.  A variable that is set but empty still counts as set.
 */
static void env_clang_args(struct opts *o)
{
	const char *base = "BINDGEN_EXTRA_CLANG_ARGS";
	const char *target = getenv("TARGET");
	const char *v = NULL;

	if (target) {
		char *t = astrdup(target);

		v = getenv(fmt("%s_%s", base, t));
		for (char *p = t; *p; p++)
			if (*p == '-')
				*p = '_';
		if (!v)
			v = getenv(fmt("%s_%s", base, t));
	}
	if (!v)
		v = getenv(base);
	if (v)
		split_shell_words(v, &o->clang_args);
}

void parse_opts(struct opts *o, int argc, char **argv)
{
	bool dashdash = false;

	set_defaults(o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (dashdash) {
			/* clap fills the header from after -- if it is
			 * still missing. */
			if (!o->header)
				o->header = astrdup(a);
			else
				vpush(&o->clang_args, astrdup(a));
		} else if (streq(a, "--")) {
			dashdash = true;
		} else if (startswith(a, "--")) {
			long_opt(o, argc, argv, &i);
		} else if (a[0] == '-' && a[1]) {
			short_opt(o, argc, argv, &i);
		} else if (!o->header) {
			o->header = astrdup(a);
		} else {
			usage_error("unexpected argument '%s': only one header can be given (header '%s'); put clang arguments after --",
				    a, o->header);
		}
	}

	/* Like bindgen, these act once the whole line has parsed. */
	if (ps.completions)
		completions(ps.completions_shell);
	if (ps.version) {
		o->version = true;	/* main.c prints it: it asks libclang */
		return;
	}
	if (!o->header)
		usage_error("no header given (usage: kbindgen [OPTIONS] HEADER [-- CLANG_ARGS...])");
	finish(o);
	env_clang_args(o);
	compile_regexes(o);
}

/* The clang arguments but those that write a dependency file (-MD, -MMD,
 * -MF x, -MT x, -MQ x, -Wp,-MMD,x): for a second compilation that must
 * not rewrite the user's. */
void args_without_deps(const struct opts *o, strvec *out)
{
	for (int i = 0; i < o->clang_args.n; i++) {
		char *a = o->clang_args.v[i];
		if (streq(a, "-MF") || streq(a, "-MT") || streq(a, "-MQ"))
			i++;
		else if (!startswith(a, "-M") && !startswith(a, "-Wp,-M"))
			vpush(out, a);
	}
}
