/* kbindgen — C headers to Rust FFI bindings, the way rust-bindgen makes them.
 *
 * One internal header, sectioned by file, lower layers first.  main.c runs
 * the pipeline; each pass fills fields of the IR that the next ones read:
 *
 *   parse_opts      opts.c     argv -> struct opts, every regex compiled
 *   parse_unit      clang.c    libclang parses the header, diagnostics
 *                   (scan.c    the header's macros, read first;
 *                    ask.c     the macro block: those clang is asked about)
 *   load_unit       clang*.c   the translation unit -> IR (items, types)
 *   read_annotations annot.c   <div rustbindgen ...> in doc comments
 *   assign_names    names.c    Rust names
 *   select_items    select.c   allowlists, blocklists, opaque  -> emit
 *   plan_records    layout.c   bitfield units; fields Rust     -> units,
 *                              cannot place where C does           bytes
 *   compute_derives derive.c   what each type can derive        -> can
 *   compute_layout  layout.c   the Rust members of each record  -> lay
 *   check_wrappers  wrap.c     --wrap-static-fns: C spellings   -> wrapper
 *   decide_styles   style.c    how each item is printed         -> st
 *   emit_items      emit.c     IR -> Rust text (record.c, dynamic.c,
 *                              rtype.c for types, rustfmt.c for layout)
 *   emit_support    emit.c     the support types the items used
 *   postprocess     post.c     --merge-extern-blocks, --sort-semantically
 *   emit_prelude    emit.c     header comment, raw lines
 *   commit_outputs  out.c      all outputs, or none
 *
 * Only clang*.c include <clang-c/Index.h>; everything else sees plain C.
 * Memory: alloc(), fmt() and a...() allocate in the run's arena; x...()
 * are the heap's, or die.
 */
#ifndef KBINDGEN_H
#define KBINDGEN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdnoreturn.h>

#define KB_BINDGEN_VERSION "0.72.1"	/* --version: the bindgen whose CLI we follow */
#define KB_BINDGEN_MAIN "0.72.0"	/* what bindgen main 2048231f says it is */
#define KB_VERSION "0.1.0"
#define KB_RUST_NIGHTLY 0x7fffffff	/* --rust-target nightly */

/* ---- util.c: arena, vectors, strings, errors ---- */

void *alloc(size_t n);			/* arena: zeroed, lives until exit... */
/* ...or until the arena is released to a mark taken before it. */
struct arena_mark {
	void *chunk;
	char *p;
	unsigned long seq;
};
struct arena_mark arena_mark(void);
void arena_release(struct arena_mark m);
void heap_init(void);		/* malloc set for the run, before anything */
void arena_from_heap(void);	/* chunks from malloc from now on */
void *alloc_grow(void *p, size_t old, size_t new);
/* The first n bytes of an object of size whole, the only ones its user
 * touches, aligned for pointers and 64-bit numbers (not 16 as alloc());
 * with AddressSanitizer, the whole with the rest poisoned. */
void *alloc_part(size_t n, size_t whole);
void *keep(void *heap, size_t n);	/* an arena copy; the heap block freed */
char *astrdup(const char *s);		/* arena copies */
char *astrndup(const char *s, size_t n);
char *acat(const char *s, ...);		/* the strings up to a NULL, joined */
void *xcalloc(size_t n, size_t size);	/* heap, or die: for freed tables */
void *xrealloc(void *p, size_t n);
char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
char *vfmt(const char *f, va_list ap);
int run_wait(char **argv);
/* Runs fn(arg) with stderr (fd 2, its children's too) going to a temporary
 * file: the text written there. */
char *catch_stderr(void (*fn)(void *), void *arg);
bool streq(const char *a, const char *b);
/* s, or an arena copy with each invalid UTF-8 sequence made U+FFFD, as
 * Rust's String::from_utf8_lossy does */
char *utf8_lossy(const char *s);
bool startswith(const char *s, const char *prefix);
bool endswith(const char *s, const char *suffix);

/* A growable typed vector: VEC(int) v = {0}; vpush(&v, 3); v.v[0].
 * From 2: most in items stay short (a record's one nested union). */
#define VEC(T) struct { T *v; int n, cap; }
#define vpush(vec, x) do { \
	if ((vec)->n == (vec)->cap) { \
		int nc_ = (vec)->cap ? (vec)->cap * 2 : 2; \
		(vec)->v = alloc_grow((vec)->v, sizeof(*(vec)->v) * (vec)->cap, \
				      sizeof(*(vec)->v) * nc_); \
		(vec)->cap = nc_; \
	} \
	(vec)->v[(vec)->n++] = (x); \
} while (0)

/* Room for k elements in all, made at once where the count is known. */
#define vreserve(vec, k) do { \
	if ((vec)->cap < (k)) { \
		(vec)->v = alloc_grow((vec)->v, sizeof(*(vec)->v) * (vec)->n, \
				      sizeof(*(vec)->v) * (k)); \
		(vec)->cap = (k); \
	} \
} while (0)

/* The same on the heap, for a vector that is built and then dropped
 * (hfree) or kept at its final size in the arena (hkeep): the arena would
 * keep every outgrown copy, twice the final size, where the heap reuses
 * them.  Untouched memory is dearer to fault in than to copy. */
#define hpush(vec, x) do { \
	if ((vec)->n == (vec)->cap) { \
		(vec)->cap = (vec)->cap ? (vec)->cap * 2 : 8; \
		(vec)->v = xrealloc((vec)->v, sizeof(*(vec)->v) * (vec)->cap); \
	} \
	(vec)->v[(vec)->n++] = (x); \
} while (0)
#define hkeep(vec) ((vec)->v = keep((vec)->v, sizeof(*(vec)->v) * (vec)->n), \
		    (vec)->cap = (vec)->n)
#define hfree(vec) (free((vec)->v), (vec)->v = NULL, (vec)->n = (vec)->cap = 0)

typedef VEC(char *) strvec;

/* Growable text buffer; all output is built in one. */
struct buf {
	char *s;
	size_t len, cap;
	bool fixed;		/* s is caller storage: copy out on growth */
};
/* Makes room for n more bytes and the NUL. */
void bgrow(struct buf *b, size_t n);

/* Appends n bytes; the text stays NUL-terminated.  Inline: the emitter
 * appends millions of short pieces. */
static inline void bput(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		bgrow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static inline void bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

static inline void bputc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		bgrow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = 0;
}
void bprintf(struct buf *b, const char *f, ...) __attribute__((format(printf, 2, 3)));
/* Appends the strings up to a NULL: bprintf without a format to read, for
 * the lines written thousands of times. */
void bputs_all(struct buf *b, ...);
void bvprintf(struct buf *b, const char *f, va_list ap);
char *bstr(struct buf *b);		/* NUL-terminated contents */
char *bdone(struct buf *b);		/* contents moved to the arena, b freed */
/* Appends what the file (descriptor) holds, read to its end; false if it
 * cannot be opened or read. */
bool bput_file(struct buf *b, const char *path);
bool bput_fd(struct buf *b, int fd);
void bfree(struct buf *b);

/* A buffer that starts in caller storage: short text never touches malloc. */
static inline struct buf buf_on(char *tmp, size_t n)
{
	tmp[0] = 0;
	return (struct buf){ tmp, 0, n, true };
}

/* A string-keyed hash map of pointers (open addressing, arena keys). */
struct strmap {
	struct strslot { const char *key; void *val; unsigned hash; } *slots;
	unsigned cap, n;
};
unsigned hash_str(const char *s);
void *strmap_get(struct strmap *m, const char *key);
void strmap_put(struct strmap *m, const char *key, void *val);

/* Splits a shell-like string (BINDGEN_EXTRA_CLANG_ARGS) into words. */
void split_shell_words(const char *s, strvec *out);
/* The parts of s[0..n) between the commas outside brackets, leading blanks
 * dropped, empty ones skipped. */
void split_commas(const char *s, size_t n, strvec *out);

extern const char *progname;
noreturn void fatal(const char *f, ...) __attribute__((format(printf, 1, 2)));
void error(const char *f, ...) __attribute__((format(printf, 1, 2)));
void warn(const char *f, ...) __attribute__((format(printf, 1, 2)));
noreturn void usage_error(const char *f, ...) __attribute__((format(printf, 1, 2)));	/* exit 2 */
/* fatal() and usage_error() call fn(status) after their message, instead
 * of exit(status), when it is set; exit() still follows if it returns.
 * For the fuzz targets, which longjmp out of it (tests/fuzz-targets/). */
void set_die_hook(void (*fn)(int status));

/* ---- regex.c: anchored regex sets (PCRE2) ---- */

struct regexset;
/* NULL for an empty list; a bad pattern is a usage error (exit 2). */
struct regexset *regexset_new(const strvec *pats);
bool regexset_match(const struct regexset *rs, const char *s);	/* false on NULL */

/* ---- opts.c: bindgen's command line ---- */

enum enum_style {
	ES_CONSTS, ES_MODULE, ES_BITFIELD, ES_NEWTYPE, ES_NEWTYPE_GLOBAL,
	ES_RUST, ES_RUST_NE,
};
enum alias_style { AS_NORMAL, AS_NEWTYPE, AS_NEWTYPE_DEREF };
enum union_style { US_WRAPPER, US_MANUALLY_DROP };
enum visibility { VIS_PUBLIC, VIS_CRATE, VIS_PRIVATE };
enum formatter { FMT_RUSTFMT, FMT_PRETTYPLEASE, FMT_NONE };

/* A repeated regex option: its patterns, compiled as one anchored set
 * once the command line is parsed (re is NULL for an empty list). */
struct relist {
	strvec pats;
	struct regexset *re;
};

/* A REGEX=VALUES option (--with-derive-custom, --with-attribute-custom,
 * --override-abi): the items re matches get vals. */
struct rule {
	const char *pat;
	struct regexset *re;
	strvec vals;
};
typedef VEC(struct rule) rulevec;

/* --field-attr TYPE::FIELD=ATTR */
struct field_attr {
	const char *type, *field, *attr;
};

struct opts {
	const char *header;
	const char *output;		/* NULL: stdout */
	const char *depfile;
	strvec clang_args;		/* after `--`, then BINDGEN_EXTRA_CLANG_ARGS */

	/* selection */
	struct relist allow_type, allow_func, allow_var, allow_file, allow_item;
	struct relist block_type, block_func, block_item, block_file, block_var;
	struct relist opaque_type;
	bool no_recursive_allowlist;
	bool gen_funcs, gen_types, gen_vars;	/* --generate / --ignore-functions */
	bool builtins, gen_inline_funcs;

	/* enums */
	enum enum_style enum_style;
	struct relist enum_bitfield, enum_newtype, enum_newtype_global, enum_rust,
		      enum_rust_ne, enum_consts, enum_module;
	bool no_prepend_enum_name, translate_enum_int_types;

	/* typedefs */
	enum alias_style alias_style;
	struct relist alias_normal, alias_newtype, alias_newtype_deref;

	/* unions */
	enum union_style union_style;
	struct relist union_wrapper, union_manually_drop;
	bool disable_untagged_union;

	/* derives and impls */
	bool derive_copy, derive_debug, derive_default, derive_hash,
	     derive_partialeq, derive_partialord, derive_eq, derive_ord;
	bool impl_debug, impl_partialeq;
	struct relist no_partialeq, no_copy, no_debug, no_default, no_hash;
	struct relist must_use_type;
	rulevec derive_custom, derive_custom_struct, derive_custom_enum,
		derive_custom_union;		/* REGEX=A,B */
	rulevec attr_custom, attr_custom_struct, attr_custom_enum,
		attr_custom_union;		/* REGEX=#[a],#[b] */
	VEC(struct field_attr) field_attrs;	/* TYPE::FIELD=ATTR */

	/* layout and naming */
	bool layout_tests, explicit_padding, flexarray_dst;
	const char *anon_fields_prefix;		/* "__bindgen_anon_" */
	bool disable_nested_struct_naming, c_naming;
	enum visibility default_visibility;
	bool respect_cxx_access;		/* C has no access specifiers: all pub */

	/* functions */
	bool fn_attr_detection, array_pointers_in_args;
	bool dynamic_link_require_all, wrap_unsafe_ops, wrap_static_fns;
	rulevec override_abi;			/* REGEX=ABI */
	strvec extern_fn_block_attrs;
	const char *wasm_import_module, *dynamic_loading, *prefix_link_name;
	const char *wrap_static_fns_path, *wrap_static_fns_suffix;
	const char *wrap_static_fns_prefix, *wrap_static_fns_export;	/* kbindgen's own */
	bool wrap_static_fns_compile;						/* kbindgen's own */

	/* macros */
	bool macro_signed;			/* --default-macro-constant-type signed */
	bool fit_macro_consts, generate_cstr, clang_macro_fallback;
	bool macro_const_ctypes;	/* --macro-const-use-ctypes */
	const char *clang_macro_fallback_dir;

	/* output text */
	strvec raw_lines;
	strvec module_raw_lines;		/* pairs: module, line */
	bool header_comment, doc_comments, merge_extern_blocks, sort_semantically;

	/* target language */
	int rust_target;			/* minor of 1.x, e.g. 82; KB_RUST_NIGHTLY */
	int rust_edition;			/* 2018, 2021, 2024 */
	bool use_core;
	const char *ctypes_prefix;		/* NULL: ::std::os::raw / ::core::ffi */
	bool size_t_is_usize, convert_floats, distinct_char16;

	/* tooling */
	bool version;				/* --version: print it, exit */
	enum formatter formatter;
	bool emit_ir, emit_clang_ast, verbose, time_phases;
	const char *emit_ir_graphviz;
	bool no_include_path_detection, dump_preprocessed;
};

/* Parses argv into *o (defaults first).  Exits on --help (0) and on bad
 * usage (2) with "kbindgen: ..." on stderr; returns with o->version set
 * and nothing else checked on --version. */
void parse_opts(struct opts *o, int argc, char **argv);
/* The clang arguments but those that write a dependency file. */
void args_without_deps(const struct opts *o, strvec *out);

/* ---- scan.c: the header's macros, read as text before the parse ---- */

struct mtok;
typedef VEC(struct mtok) mtokvec;

/* A name some file of the header's include closure #defines. */
struct smacro {
	const char *name;
	strvec bodies;		/* its object-like definitions' bodies */
	strvec fbodies;		/* its function-like ones' */
	strvec fparams;		/* and their parameters, "a, b" */
	signed char may[2];	/* scan.c: may begin an expression [called]:
				 * 1 yes, -1 no, 2 being worked out */
	signed char position;	/* scan.c: uses __LINE__ and the like: 1 yes, -1 no */
	int size;		/* scan.c: tokens it expands to; 0 unknown, -1 busy */
	signed char known[7];	/* ask.c: its properties: 1 yes, -1 no, 0 unknown,
				 * 2 being worked out */
	mtokvec *toks;		/* scan_body(): each body's tokens, once */
	struct cmacro *fdefs;	/* ask.c: its function-like definitions, once */
	struct smacro *stmt_by[2];	/* ask.c: the macros its statement
					 * expression comes from */
	/* ask.c: how its value is had (fields, not maps by name: a run of
	 * the kernel's header asks them for every macro) */
	bool asked;		/* in the macro block */
	bool stmt_only;		/* not asked: its expansion is a statement */
	bool by_calls;		/* folded with the block's calls' values */
	bool lone;		/* one name, no macro: the loader's declaration of it
				 * answers (lone_work()) */
	bool cast;		/* a cast to a typedef of an operand that folds: the
				 * typedef's declaration gives the type (cast_work()) */
	/* ask.c, after the parse (fields, not maps by name: the loader
	 * reports each of the kernel's 9,000 definitions) */
	const struct cmacro *last;	/* the last definition the parse met */
	bool wanted;		/* a function-like macro cconst.c expands */
	bool stmt_source;	/* a function-like macro a ({ may come from */
	bool met;		/* and the parse met it */
	const char *alias;	/* the asked name it stands for */
};
/* A file of the closure as the scan read it: clang is given its text
 * rather than reading the file again (clang.c). */
struct sfile {
	const char *path;
	char *text;		/* heap: scan_release() */
	size_t len;
};
struct scan {
	VEC(struct smacro *) macros;	/* in the order first met */
	VEC(struct sfile) files;	/* those read */
	struct strmap map;		/* name -> smacro */
	struct strmap undone;		/* the names some file #undefs */
	bool computed;			/* an #include of a macro: files unread */
	struct strmap sites;		/* path -> where its object-like
					 * #defines are (scan_definition()) */
};
void scan_macros(const struct opts *o, struct scan *s);
/* The files' texts freed (once clang has its copies). */
void scan_release(struct scan *s);
/* A body's tokens, into out (a heap vector, emptied first). */
void scan_tokens(const char *body, mtokvec *out);
/* The tokens of m's body k (its object-like bodies, then its
 * function-like ones), read once; *n their number. */
const struct mtok *scan_body(struct smacro *m, int k, int *n);
/* The object-like definition whose name is at offset off of the file at
 * path, if the scan read it there and its tokens as libclang lexes them
 * (a keyword aside: scan_tokens() makes none): its body's tokens, *n
 * their number, *name the macro's; else NULL. */
const struct mtok *scan_definition(struct scan *s, const char *path, unsigned off,
				   const char **name, int *n);
/* Some object-like body of m may be an expression clang could fold. */
bool scan_worth_asking(struct scan *s, struct smacro *m);
/* The macro name expands to __FILE__, __LINE__ or the like somewhere. */
bool scan_uses_position(struct scan *s, const char *name);
/* How many tokens the macro name expands to at most, macros in it
 * expanded (arguments not counted); 1 if it is no macro. */
int scan_expansion_size(struct scan *s, const char *name);

/* ---- The IR (built by clang*.c, filled in by the passes) ---- */

enum tkind {
	T_VOID, T_BOOL,
	T_CHAR, T_SCHAR, T_UCHAR, T_SHORT, T_USHORT, T_INT, T_UINT,
	T_LONG, T_ULONG, T_LLONG, T_ULLONG, T_INT128, T_UINT128,
	T_WCHAR, T_CHAR16, T_CHAR32,
	T_FLOAT16, T_FLOAT, T_DOUBLE, T_LDOUBLE, T_FLOAT128,
	T_COMPLEX,		/* sub = element */
	T_PTR,			/* sub = pointee */
	T_ARRAY,		/* sub = element, len */
	T_INCARRAY,		/* flexible array member: sub = element */
	T_FUNC,			/* ret, params */
	T_VECTOR,		/* sub = element, len */
	T_ITEM,			/* a record, enum or typedef: item */
	T_OPAQUE,		/* unknown to us: only size and align */
};

/* ir.c: the kinds up to T_FLOAT128 and void, as C and Rust know them. */
struct arith {
	const char *c;		/* "unsigned int" */
	const char *ffi;	/* under Rust's C types: "c_uint"; NULL: none */
	const char *rust;	/* a Rust primitive: "u128", "f32"; NULL: none */
	bool uns;		/* unsigned */
};
extern const struct arith arith[];	/* [T_VOID .. T_FLOAT128] */

enum callconv { CC_C, CC_STDCALL, CC_FASTCALL, CC_THISCALL, CC_VECTORCALL,
		CC_AAPCS, CC_WIN64, CC_OTHER };

struct item;
typedef VEC(struct item *) itemvec;

/* The parts of a function type. */
struct func {
	struct type *ret;
	VEC(struct type *) params;
	strvec pnames;		/* may hold NULLs */
	bool variadic, noproto;
	enum callconv cc;
};

struct type {
	enum tkind kind : 8;
	bool is_const;
	bool shared;		/* clang.c: made once, never written */
	int align;		/* bytes; -1 when unknown */
	long size;		/* bytes; -1 when unknown */
	/* each kind's own part: only its kind reads or writes it */
	union {
		struct {	/* T_PTR, T_ARRAY, T_INCARRAY, T_VECTOR, T_COMPLEX,
				 * T_OPAQUE (a pointer of another size's) */
			struct type *sub;
			union {
				long len;		/* T_ARRAY, T_VECTOR */
				const char *spelling;	/* T_OPAQUE: clang's */
			};
		};
		struct item *item;	/* T_ITEM */
		struct func *fn;	/* T_FUNC */
	};
};

enum ikind { I_STRUCT, I_UNION, I_ENUM, I_TYPEDEF, I_FUNC, I_VAR, I_MACRO };

/* <div rustbindgen ...> annotations of an item, field or constant. */
struct annot {
	bool any, opaque, hide, nodebug, nocopy, nodefault, mustusetype, constant;
	int private_;		/* private="...": 1 private, -1 public, 0 unset */
	const char *replaces;
	strvec derives, attrs;
};

/* A field as the loader reads it: small, as libclang's unit is alive
 * beside the IR then; load_unit() makes each a struct field at its end. */
struct cfield {
	const char *name;	/* NULL for an anonymous member */
	struct type *type;
	long offset;		/* bits from the start of the record */
	int bitwidth;		/* -1: not a bitfield */
};

struct field {
	const char *name;	/* the struct cfield's */
	struct type *type;
	long offset;
	int bitwidth;
	bool bytes;		/* layout.c: a byte array with accessors (C puts
				 * it where no Rust layout can: see plan_records) */
	const char *comment;	/* raw doc comment, NULL if none */
	const char *rname;	/* Rust name (names.c) */
	const struct annot *ann;	/* annot.c; NULL: none (ANN() reads it) */
	const char *vis;	/* style.c: "pub ", "pub(crate) ", "" */
	const char *attrs;	/* style.c: its attribute lines, "" when none */
};

struct enumconst {
	const char *name;
	const char *rname;
	int64_t value;		/* as unsigned when the enum type is unsigned */
	const char *comment;
	const struct annot *ann;
};

/* Values of constants: macros, const globals, enum constants. */
enum mkind { MV_NONE, MV_INT, MV_FLOAT, MV_CHAR, MV_STR, MV_PTR, MV_RECORD };
struct mval {
	enum mkind kind;
	int64_t i;		/* MV_INT, MV_CHAR; MV_PTR: the address */
	double f;		/* MV_FLOAT */
	const char *s;		/* MV_STR: bytes, no NUL added */
	size_t slen;
	/* MV_RECORD (a compound literal): each field's value, in order; an
	 * array's elements are a record's fields too */
	VEC(struct mval) parts;
};

/* What style.c decided for an emitted item: the emitters print it. */
struct style {
	bool skip;		/* printed elsewhere (--dynamic-loading) or not at all */
	const char *derives;	/* "Debug, Copy, Clone": the #[derive], NULL: none */
	strvec attrs;		/* attribute lines (--with-attribute-custom, annotations) */
	bool must_use;		/* #[must_use] */
	const char *abi;	/* --override-abi; NULL: the declared one */
	/* records */
	const char *vis, *storage_vis;	/* members'; the bitfield storage's */
	struct field *fam;	/* --flexarray-dst: the member made generic */
	bool layout_tests, impl_default, impl_debug;
	/* enums: a typedef of the same name is the type */
	bool typedef_named;
	/* typedefs */
	bool use_alias;		/* pub use of a module enum's type */
	const char *field0_attrs;	/* new type: its field's attributes */
};

enum { CAN_NEW, CAN_BUSY, CAN_DONE };	/* derive.c's progress on an item */

/* A declaration.  Half a million of them in a big header: the members are
 * ordered to leave no padding, and each kind's part ends the struct
 * (item_size()). */
struct item {
	enum ikind kind;
	int anon_index;		/* N of __bindgen_ty_N */
	const char *name;	/* C name; NULL when anonymous */
	const char *rname;	/* Rust name (names.c) */
	const char *file;
	unsigned line, col;
	const char *comment;	/* raw doc comment, NULL if none */
	const struct annot *ann;	/* annot.c; NULL: none */
	struct item *parent;	/* enclosing record of a nested type */
	itemvec children;	/* nested types, in source order */
	bool anonymous;
	bool complete;		/* a definition was seen */
	bool is_builtin;	/* no file: predefined */
	bool attached;		/* in its parent's list */
	bool inner_fwd;		/* only mentioned inside records: empty type */
	bool named_by_typedef;	/* typedef struct { ... } name; */
	bool open;		/* clang.c: its fields are being read */
	bool planned;		/* layout.c: plan_records() saw it */
	bool unpacked;		/* layout.c: packed in C, not in Rust */
	bool holds_align;	/* layout.c: #[repr(align)] in its Rust form */
	bool repr_packed;	/* layout.c: #[repr(packed)] in its Rust form */
	bool waiting;		/* clang.c: named, its definition not yet read */

	int align;		/* bytes: records, enums, typedefs */
	long size;
	struct type *use[2];	/* clang.c: its shared uses, [const] */

	/* filled in by the passes */
	struct style *st;	/* style.c: emitted items */
	bool emit;		/* select.c */
	bool blocked;		/* select.c: on a blocklist */
	bool opaque;		/* select.c */
	unsigned char can_state;	/* derive.c: CAN_* */
	unsigned can;		/* derive.c: D_* bits the type allows */
	unsigned refused;	/* derive.c: D_* bits options and annotations refuse */

	/* Each kind's own part: only its kind reads or writes it, and
	 * the item is allocated only that long (item_size()). */
	union {
		struct {	/* I_STRUCT, I_UNION */
			union {
				VEC(struct cfield) cfields;	/* the load's */
				VEC(struct field) fields;	/* after it */
			};
			bool packed_attr, align_attr;
			VEC(struct bunit *) units;	/* layout.c: bitfield allocation units */
			struct rlayout *lay;	/* layout.c */
		};
		struct {	/* I_ENUM */
			struct type *inttype;
			VEC(struct enumconst) consts;
			enum enum_style estyle;	/* style.c */
		};
		struct {	/* I_TYPEDEF */
			struct type *aliased;
			enum alias_style astyle;	/* style.c */
			bool names_itself;	/* style.c: typedef struct foo foo; */
			const char *alias;	/* names.c: Rust primitive of size_t, ... */
		};
		struct {	/* I_FUNC, I_VAR, I_MACRO */
			struct type *type;
			bool is_static, is_inline, must_use, no_return;
			const char *link_name;	/* mangled name when it differs */
			union {
				struct {	/* I_FUNC */
					struct type *ctype;	/* static: its type as declared (wrap.c) */
					const char *body_file;	/* static: where its definition is, */
					unsigned body_lines[2];	/* first and last line (wrap.c's) */
					const char *wrapper;	/* static: the C wrapper (wrap.c) */
				};
				struct {	/* I_VAR const with initializer, I_MACRO */
					struct mval val;
					bool has_val;
					const char *why;	/* I_MACRO without a value (--macro-const-use-ctypes) */
				};
			};
		};
	};
};

/* An item's bytes: the head and its kind's part, which its last member
 * ends (a typedef's part is 24 bytes, a macro's 96). */
static inline size_t item_size(enum ikind k)
{
	size_t n = k == I_STRUCT || k == I_UNION ? offsetof(struct item, lay) + sizeof(void *) :
		   k == I_ENUM ? offsetof(struct item, estyle) + sizeof(enum enum_style) :
		   k == I_TYPEDEF ? offsetof(struct item, alias) + sizeof(char *) :
		   k == I_FUNC ? offsetof(struct item, wrapper) + sizeof(char *) :
		   sizeof(struct item);
	return (n + 7) & ~(size_t)7;
}

static inline bool is_record(const struct item *it)
{
	return it->kind == I_STRUCT || it->kind == I_UNION;
}

static inline bool is_type(const struct item *it)
{
	return is_record(it) || it->kind == I_ENUM || it->kind == I_TYPEDEF;
}

/* The Rust primitive a typedef is (size_t: usize); NULL for the rest. */
static inline const char *builtin_alias(const struct item *it)
{
	return it->kind == I_TYPEDEF ? it->alias : NULL;
}

/* A record's fields (the loader's cfields, during the load); 0 for
 * other kinds. */
static inline int nfields(const struct item *it)
{
	return is_record(it) ? it->fields.n : 0;
}

/* The pointee or element t is made of; NULL for the kinds without. */
static inline struct type *sub_of(const struct type *t)
{
	return t->kind == T_PTR || t->kind == T_ARRAY || t->kind == T_INCARRAY ||
	       t->kind == T_VECTOR || t->kind == T_COMPLEX || t->kind == T_OPAQUE ? t->sub : NULL;
}

/* A flexible array member: int a[]; or the older int a[0]; */
static inline bool flexible_array(const struct type *t)
{
	return t->kind == T_INCARRAY || (t->kind == T_ARRAY && t->len == 0);
}

/* t with typedefs looked through. */
static inline struct type *strip_typedefs(struct type *t)
{
	while (t->kind == T_ITEM && t->item->kind == I_TYPEDEF)
		t = t->item->aliased;
	return t;
}

/* ir.c: an unsigned integer (an enum of one included) */
bool is_unsigned(struct type *t);
/* ir.c: a type of kind k, its size and alignment unknown (-1) */
struct type *new_type(enum tkind k);

struct unit {
	itemvec items;		/* top level, in source order */
	const char *triple;
	int ptr_bits;
	strvec deps;			/* the header and every file it includes */
	int clang_major;
	bool comments;		/* some declaration has a doc comment */
	itemvec dynamic;	/* style.c: --dynamic-loading's symbols */
};

/* ---- clang*.c: the only files that talk to libclang ---- */

/* Parses o->header with o->clang_args; clang's diagnostics go to stderr.
 * False (after them) when the header has errors. */
bool parse_unit(struct unit *u, const struct opts *o);
/* The parsed translation unit as IR. */
void load_unit(struct unit *u);
/* --dump-preprocessed-input: the header through clang -E into __bindgen.i */
void dump_preprocessed(const struct opts *o);
const char *clang_version_string(void);

/* ---- macro.c: object-like macro evaluation (cexpr semantics) ---- */

enum mtokkind { MT_PUNCT, MT_KEYWORD, MT_IDENT, MT_LITERAL };
struct mtok {
	enum mtokkind kind;
	const char *s;
};
/* Looks a previously defined macro up by name; NULL if unknown. */
typedef const struct mval *(*mlookup)(const char *name, void *ctx);
/* Evaluates the body toks[0..n) (the name and parameters stripped).
 * Returns false when the expression is not understood. */
bool macro_eval(const struct mtok *toks, int n, mlookup look, void *ctx,
		struct mval *out);

/* ---- cconst.c: C's constant expressions over macro tokens ---- */

/* A value with its C type: T_INT .. T_ULLONG (u, truncated to the width)
 * or T_FLOAT, T_DOUBLE (f).  nc: no constant after all, a call clang
 * says is none where C evaluates it (the type and value mean nothing). */
struct cval {
	enum tkind t;
	uint64_t u;
	double f;
	bool nc;
	bool unsure;	/* cconst_eval() failed where clang may not: an expansion
			 * too big, the type of a ?: whose other arm is a call */
};
void cconst_target(int bits_of_long, int bits_of_pointer);	/* 64, 64 by default */
int64_t cval_int(const struct cval *v);	/* unsigned ones as their bits */
enum tkind cconst_size_type(void);	/* size_t's */
/* A macro's definition: its body; for a function-like one its
 * parameters' names, "__VA_ARGS__" for "..." (nparams -1: object-like). */
struct cmacro {
	const struct mtok *body;
	int n;
	int nparams;
	const char **params;
	bool variadic;		/* the last parameter takes the rest */
};
/* The macro name's definition, which stays where it is while the
 * evaluation runs; NULL if the name is no macro. */
typedef const struct cmacro *(*cbody)(const char *name, void *ctx);
/* The value of a call of a function-like macro (or function), spelled as
 * cconst_call() spells it, or of a bare name (cconst_bare_name()): tokens
 * to put in its place (a literal, or the identifier cconst_none when it
 * is no constant); NULL if unknown. */
typedef const struct mtok *(*ccall)(const char *call, int *n, void *ctx);
extern const char cconst_none[];
/* Folds toks[0..n) as C does, macros expanded, calls given by call (may
 * be NULL); false if it cannot.  memo (may be NULL) keeps, from one
 * evaluation to the next, what a macro (by name) or a call of one (by its
 * text) expanded to when that is one operand ( ... ): its value, and the
 * macros it met, none of which may be active where it stands in again. */
bool cconst_eval(const struct mtok *toks, int n, cbody body, ccall call, void *ctx,
		 struct strmap *memo, struct cval *out);
/* A value of type t (T_INT .. T_ULLONG: i, as cval_int() gives it;
 * T_FLOAT, T_DOUBLE: f) as tokens cconst_eval() reads back the same, or
 * cconst_none if none; NULL for another type or a float not finite. */
const struct mtok *cconst_literal(bool none, enum tkind t, int64_t i, double f, int *n);
/* An expression cconst_eval() would parse, each name and each call
 * name(...) an operand, and each sizeof ( ... ) that leaf_ok() takes
 * (cconst_sizeof_leaf(); leaf_ok may be NULL: none). */
bool cconst_syntax(const struct mtok *toks, int n,
		   bool (*leaf_ok)(const struct mtok *toks, int n, int i, void *ctx), void *ctx);
/* Only tokens cconst_eval() knows, identifiers that ok() accepts, and
 * calls name(...) at toks[i] that call_ok() accepts, or sizeof ( ... )
 * it accepts (a cconst_sizeof_leaf(): call_ok is asked of every sizeof;
 * may be NULL: none). */
bool cconst_shape(const struct mtok *toks, int n, bool (*ok)(const char *name, void *ctx),
		  bool (*call_ok)(const struct mtok *toks, int n, int i, void *ctx), void *ctx);
/* The index of the "," that ends the argument of a call beginning at
 * toks[k], or close (the call's ")") for the last one. */
int cconst_arg_end(const struct mtok *toks, int k, int close);
/* The index of name among m's parameters; -1 if it is none. */
int cconst_param(const struct cmacro *m, const char *name);
/* An argument toks[0..n) macro-expanded into out; false if it cannot be. */
typedef bool (*cexpand_arg)(const struct mtok *toks, int n, mtokvec *out, void *ctx);
/* The call toks[i] ( args ) of the function-like macro m: m's body with
 * the arguments in its parameters' places, as expanded() makes them (NULL:
 * as written) but where ## pastes them, into out (a heap vector); the
 * index of the call's ")" in *end.  False if the arguments do not fit m,
 * or the body stringizes (#) or pastes what makes no name nor number. */
bool cconst_substitute(const struct cmacro *m, const struct mtok *toks, int n, int i, int *end,
		       cexpand_arg expanded, void *ctx, mtokvec *out);
/* Is toks[k] an operand of ## (pasted, not expanded)? */
bool cconst_pasted(const struct mtok *toks, int n, int k);
/* The index of the ")" that closes the "(" toks[i]; -1 if toks[i] is no
 * "(" or it is not closed. */
int cconst_close(const struct mtok *toks, int n, int i);
/* sizeof ( ... ) at toks[i] whose value cconst_eval() does not know (a
 * record's size, an expression's), spelled as cconst_call() spells a
 * call, its ")" in *end; NULL if none.  cconst_eval() asks call for it. */
const char *cconst_sizeof_leaf(const struct mtok *toks, int n, int i, int *end);
/* Is toks[i] a name standing alone (no type word, no call, not alone in
 * parentheses: a cast's type), whose value cconst_eval() takes from call
 * when call has one? */
bool cconst_bare_name(const struct mtok *toks, int n, int i);
/* Is toks[i] a name alone in parentheses, `( name )`? */
bool cconst_lone_name(const struct mtok *toks, int n, int i);
/* The call toks[i] ( ... ): its tokens joined by spaces, the index of its
 * ")" in *end; NULL if toks[i] does not begin one. */
const char *cconst_call(const struct mtok *toks, int n, int i, int *end);

/* ---- ctext.c: C source as text, where the parse skipped it ---- */

/* Whether name is a word of text[lo, hi) (text's start and hi count as
 * word boundaries). */
bool ctext_has_word(const char *text, size_t lo, size_t hi, const char *name);
/* May c be in an identifier (letters, digits, _, $, UTF-8 bytes)? */
bool ctext_ident_char(char c);
/* The body of the function whose declarator ends at text[*hi] (the parse
 * skipped the body): [*lo, *hi) from its "{" to past its "}".  False for
 * a declaration, *hi then past its ";" (or at the text's end). */
bool ctext_body(const char *text, size_t size, unsigned *lo, unsigned *hi);

/* ---- ask.c: the macro block: what clang is asked, what cconst.c folds ---- */

/* Appends to b (the header's text) a declaration for each of the
 * header's macros clang is to be asked about in the parse. */
void ask_block(const struct opts *o, struct buf *b);
/* The macro the block's __kbindgen_macro_N asks about, the call its
 * __kbindgen_call_N does; NULL for no such N. */
const char *ask_macro(int i);
const char *ask_call(int i);
/* The macros whose question the one about name answers too (`#define A
 * name`); NULL if none. */
const strvec *ask_aliases(const char *name);
/* clang's answer for a call ask_call() names (or a name asked alone):
 * none, it is no constant; else its value v (NULL: none clang folds) of
 * arithmetic type k (T_VOID: another type). */
void ask_answer(const char *call, bool none, enum tkind k, const struct mval *v);
/* The files the scan read, *n of them (the header among them). */
const struct sfile *ask_files(int *n);
/* The parse is over: what the scan kept for it is freed. */
void ask_parsed(void);
/* The tokens of the object-like definition at offset off of file, as the
 * scan read them (scan_definition()); NULL if it did not. */
const struct mtok *ask_scanned(const char *file, unsigned off, const char **name, int *n);
/* A definition of the macro name, in the parse's order: the last is C's.
 * toks[0..n) is its body, after its parameters' "( ... )" when fn. */
void ask_definition(const char *name, struct mtok *toks, int n, bool fn);
/* A function-like macro the parse met: does ask_definition() want its
 * definitions (cconst.c expands calls of it)?  Object-like ones it always
 * does. */
bool ask_function_like(const char *name);
/* A macro clang defines itself (__x86_64__, linux), which the scan
 * cannot read. */
void ask_predefined(const char *name);
/* Is name one the loader is to keep the declaration at file scope of
 * (struct decl_answers): a name that macros the block does not ask about
 * stand for alone (`#define M name`, name no macro) or cast to? */
bool ask_lone_wanted(const char *name);
/* What the loader answers from the declarations it read, for macros the
 * block did not ask about; false where it cannot be sure. */
struct decl_answers {
	/* it stands for name alone (`#define swab __swab`) */
	bool (*lone)(struct item *it, const char *name);
	/* it is a cast of v to the type named type (`((gfp_t)0x40u)`) */
	bool (*cast)(struct item *it, const char *type, const struct cval *v);
};
/* Of fallback's macros, those the block did not ask about are folded by
 * cconst.c, answered from declarations (da), or given the reason why not;
 * fallback keeps those that need a second parse. */
void ask_unasked(itemvec *fallback, const struct opts *o, int long_bits,
		 const struct decl_answers *da);

/* ---- annot.c: <div rustbindgen ...> in doc comments ---- */

/* The annotations of a doc comment, NULL when it has none. */
const struct annot *parse_annot(const char *comment);
void read_annotations(struct unit *u);
/* Most declarations have no annotations: their ann is NULL, and reads as
 * the empty set through ANN(). */
extern const struct annot no_annot;
#define ANN(x) ((x)->ann ? (x)->ann : &no_annot)

/* ---- names.c: Rust names ---- */

void assign_names(struct unit *u, const struct opts *o);
const char *rust_ident(const char *name);	/* keywords get a _ suffix */

/* ---- select.c: allowlist, blocklist, opaque ---- */

void select_items(struct unit *u, const struct opts *o);

/* ---- layout.c: bitfield units, packing, padding ---- */

/* The Rust fields of a record, in order, as layout.c decides them. */
enum memkind {
	M_FIELD,	/* a C field: f */
	M_BYTES,	/* a C field f as [u8; size], read through accessors */
	M_UNIT,		/* a bitfield allocation unit: u */
	M_PAD,		/* __bindgen_padding_N: blob of size/align */
	M_ALIGN,	/* _bindgen_align: [uN; 0] */
	M_ADDRESS,	/* _address: u8 (empty struct) */
	M_OPAQUE,	/* _bindgen_opaque_blob */
	M_UNIONBLOB,	/* bindgen_union_field (non-Rust unions) */
	M_UNUSED,	/* _unused: [u8; 0] (forward declaration) */
};

struct bitfield {
	struct field *f;
	long off;		/* bits into the unit */
	const char *getter, *setter;
};

struct bunit {
	int nth;		/* _bitfield_N */
	long size;		/* bytes */
	long offset;		/* bytes, in the record: where C puts its first bit */
	VEC(struct bitfield) bfs;
};

struct member {
	enum memkind kind;
	struct field *f;
	struct bunit *u;
	long size, align;
	int nth;		/* M_PAD: N of __bindgen_padding_N */
};

struct rlayout {
	VEC(struct member) m;
	bool packed;		/* #[repr(C, packed)] or packed(n) */
	long packed_n;
	long explicit_align;	/* #[repr(align(N))], 0: none */
	bool has_units;
	bool rust_union;	/* a Rust `union` (else a struct) */
	bool copy;		/* a union that is Copy */
	bool fwd;		/* forward declaration only */
	bool no_layout;		/* size unknown: no layout tests */
};

/* it->units of every record, and the fields of packed records that Rust
 * cannot put where C does (f->bytes): before compute_derives(), which
 * needs both. */
void plan_records(struct unit *u, const struct opts *o);
/* it->lay of every record: after compute_derives() (unions that are Copy) */
void compute_layout(struct unit *u, const struct opts *o);

/* ---- derive.c: what each type can derive ---- */

enum {
	D_DEBUG = 1 << 0, D_COPY = 1 << 1, D_CLONE = 1 << 2, D_DEFAULT = 1 << 3,
	D_HASH = 1 << 4, D_PARTIALEQ = 1 << 5, D_EQ = 1 << 6,
	D_PARTIALORD = 1 << 7, D_ORD = 1 << 8,
};
/* it->refused and it->can of every item */
void compute_derives(struct unit *u, const struct opts *o);
unsigned type_can(struct type *t);	/* D_* bits type t allows */

/* ---- wrap.c: --wrap-static-fns, the C file ---- */

/* Builds each emitted static function's wrapper; one that cannot be
 * spelled in C is warned about and not emitted. */
void check_wrappers(struct unit *u, const struct opts *o);
void write_wrappers(struct unit *u, const struct opts *o);
/* f__extern, or PREFIXf: the wrapper of the static function name */
const char *wrapper_name(const struct opts *o, const char *name);

/* ---- dump.c: --emit-ir, --emit-ir-graphviz ---- */

void dump_ir(struct unit *u, const struct opts *o);
void dump_ir_dot(struct unit *u, const char *path);

/* ---- style.c: how each item is printed, decided before printing ---- */

void decide_styles(struct unit *u, const struct opts *o);

/* ---- rtype.c: Rust spellings of types and values ---- */

/* The support types (src/rt/) a spelling needs: rt_use() notes them. */
enum {
	RT_BITFIELD_UNIT = 1 << 1, RT_INCARRAY = 1 << 2,
	RT_UNION_FIELD = 1 << 3, RT_FLOAT16 = 1 << 4, RT_COMPLEX = 1 << 5,
	RT_BITFIELD_WIDE = 1 << 6,
};
void rtype_init(const struct opts *o);
void rt_use(unsigned what);
unsigned rt_used(void);
uint64_t rt_opaque_arrays(void);	/* bit k: __BindgenOpaqueArray(2^k) used */
const char *rust_std(void);		/* "::std", or "::core" (--use-core) */
const char *rty(struct type *t);	/* the Rust type */
const char *union_member_type(struct type *t);
const char *blob(long size, long align);	/* "[u8; 3usize]", "u32" */
bool blob_aligned(long size, long align);	/* blob() is a #[repr(align)] type */
const char *abi_name(enum callconv cc);
const char *ret_suffix(struct type *ret, bool no_return);	/* " -> T" */

/* Where the parts of a signature are in its text, so that a long one is
 * laid out without splitting it again: the '<' of Option<, the '(' and
 * ')' of the parameters, each parameter's start and length. */
struct span {
	int off, len;
};
struct sig {
	int lt, lp, rp;
	VEC(struct span) params;
};
/* "a: T, b: U" of function type f, into b; into sg (unless NULL) where
 * each parameter is. */
void put_params(struct buf *b, struct type *f, const strvec *names, struct sig *sg);
const char *params(struct type *f, const strvec *names, struct sig *sg);
/* A C function pointer, "Option<unsafe extern "C" fn(a: T) -> R>". */
const char *fn_ptr_sig(struct type *f, struct sig *sg);
const char *fn_ptr(struct type *f);
const char *enum_repr(struct item *it);	/* "u32" for an unsigned int enum */
const char *int_for_size(long size);	/* "u16" for 2 */
/* Numbers are written backwards from the end of a caller's buffer of NUM
 * bytes: the emitter writes thousands of them. */
#define NUM 32
const char *int_lit(char buf[NUM], int64_t v, bool uns);
const char *usize_lit(char buf[NUM], long v);	/* "24usize" */
/* The Rust integer type bindgen picks for an integer macro value; the _opt
 * form follows --default-macro-constant-type and --fit-macro-constant-types. */
const char *macro_int_type(int64_t v);
const char *macro_int_type_opt(int64_t v, bool is_signed_default, bool fit);
/* The text between b" and " (no quotes, no NUL added), escaped as bindgen. */
void rust_byte_string(struct buf *b, const char *s, size_t n);
/* An f64 as bindgen writes it (f64::NAN, f64::INFINITY for the odd ones). */
void rust_float(struct buf *b, double v);

/* ---- rustfmt.c: rustfmt's line layout ---- */

/* rustfmt's defaults, by its option names. */
#define MAX_WIDTH 100		/* max_width */
#define FN_CALL_WIDTH 60	/* fn_call_width: arguments on one line */
#define ATTR_FN_LIKE_WIDTH 70	/* attr_fn_like_width */
#define STRUCT_LIT_WIDTH 18	/* struct_lit_width */
#define CHAIN_WIDTH 60		/* chain_width */

void indent(struct buf *o, int n);
void put_line(struct buf *o, const char *l);
/* Writes pre+text+post, breaking text inside its outermost brackets when
 * the line would exceed MAX_WIDTH: on a new line at indentation ind
 * (col < 0), or going on from column col of a line whose block is at ind. */
void wrap_at(struct buf *o, int ind, int col, const char *pre, const char *text, int tlen,
	     const char *post);
/* pre+text+post on a line of its own at indentation ind, broken as wrap_at(). */
void line(struct buf *o, int ind, const char *pre, const char *text, const char *post);
/* head + rhs + post, a field ("pub x: " T ","): rustfmt moves rhs to a
 * line of its own when it fits there whole; else line(). */
void rhs_line(struct buf *o, int ind, const char *head, const char *rhs, const char *post);
/* head + val + ";", broken after "=" when too long. */
void eq_line(struct buf *o, int ind, const char *head, const char *val);
/* The same for a let, whose right side moves down before it is broken. */
void let_line(struct buf *o, int ind, const char *head, const char *rhs);
/* The parameters of ps (where sg says), one per line at indentation ind. */
void param_lines(struct buf *o, int ind, const char *ps, const struct sig *sg);
/* pub type name = t; where t, a function pointer of sg, takes more than
 * two lines: what line() would make of it, without splitting t again. */
void fn_ptr_lines(struct buf *o, const char *name, const char *t, const struct sig *sg);
/* mac!(args) on one line when the arguments fit FN_CALL_WIDTH, else one
 * per line. */
void macro_args(struct buf *o, int ind, const char *mac, const char **args, int n,
		const char *post);
/* mac!(first, "fmt_str", args...) as the formatter lays out a format
 * macro (see rustfmt_style()). */
void format_macro(struct buf *o, int ind, const char *mac, const char *first,
		  const char *fmt_str, const char **args, int n);
/* pre + a.b.c() + post, and (args) unless NULL: the chain's links one
 * per line past CHAIN_WIDTH, and then the arguments as rustfmt puts them. */
void chain(struct buf *o, int ind, const char *pre, const char **links, int n,
	   const char *post, const char *args);
const char *tuple(int ind, const char *a, const char *b);	/* "(a, b)" */
/* ind name(params) -> ret_a { (ret: the tuple (ret_a, ret_b) if ret_b) */
void method_sig(struct buf *o, int ind, const char *name, const char *params,
		const char *ret_a, const char *ret_b);
void attr_lines(struct buf *o, const strvec *attrs);	/* #[derive]s merged */
/* A --raw-line: an attribute with a long argument list is laid out
 * vertically, as rustfmt does past ATTR_FN_LIKE_WIDTH. */
void raw_line(struct buf *o, const char *l);
/* on: the text as rustfmt leaves bindgen's tokens (--formatter rustfmt):
 * raw doc comments as #[doc = "..."], format macros rustfmt's way, lines
 * rustfmt gives up on as tokens; off: as prettyplease prints them
 * (--formatter prettyplease or none, bindgen's test suite). */
void rustfmt_style(bool on);
/* #[doc = "s"], s escaped as proc_macro2 writes a string (no newline). */
void doc_attr_text(struct buf *o, const char *s, size_t n);
void doc(struct buf *o, int ind, const char *raw);

/* ---- record.c: structs and unions ---- */

/* The type and its members... */
void emit_record(struct buf *o, struct item *it);
/* ...and, after its nested types, its tests, impls and accessors. */
void emit_record_impls(struct buf *o, struct item *it, int rust_target);

/* ---- dynamic.c: --dynamic-loading ---- */

void emit_dynamic(struct buf *o, const itemvec *items, const struct opts *opts);

/* ---- emit.c: the items as Rust text ---- */

void emit_items(struct unit *u, const struct opts *opts, struct buf *o);
/* The support types the items used (after emit_items()). */
void emit_support(const struct opts *opts, struct buf *o);
/* The header comment and the --raw-lines. */
void emit_prelude(const struct opts *opts, struct buf *o);

/* ---- post.c: --merge-extern-blocks, --sort-semantically ---- */

/* Rewrites the Rust items in b as the passes asked for do. */
void postprocess(struct buf *b, bool merge, bool sort);

/* ---- out.c: the output files ---- */

/* Writes a make rule "OUT: DEPS..." for --depfile, as bindgen does. */
void write_depfile(const char *path, const char *target, strvec *deps);

/* The file no output may overwrite (the header). */
void protect_input(const char *path);
/* Stages an output of the run (path NULL or "-": stdout); the parts' text
 * is the output's from then on.  A regular file is written to a temporary
 * beside it now; stdout, ttys, pipes are written at the commit.  Fatal on
 * failure, removing what was staged.  A symbolic link is written through. */
void stage_output(const char *path, const struct buf *parts, int n);
/* Writes the in-place outputs, then renames each temporary over its file
 * (in its own directory: only a race makes that fail).  Fatal on failure,
 * no file replaced. */
void commit_outputs(void);
/* A big output's items are written as they are made, though the parts
 * that go before them (the support types, the prelude) are known only at
 * the end: spill() moves b's text to a spill file and empties b; the
 * output staged next has that text before its last part.  Items spill
 * past spill_size() bytes (8 MiB; $KBINDGEN_SPILL_AT for tests).  When
 * spill_to() named the output's file first, the spill file is made beside
 * it and starts with head (the first spill's, taken: head is emptied):
 * if the parts staged before the items are those bytes, the file becomes
 * the output's temporary as it is, else the items are copied behind the
 * parts (from $TMPDIR for stdout). */
void spill_to(const char *path);
void spill(struct buf *b, struct buf *head);
size_t spill_size(void);
/* A new empty file in $TMPDIR ending in suffix, for the run's own use:
 * removed at exit, on failure and on SIGINT, SIGTERM, SIGHUP. */
char *scratch_file(const char *suffix);

#endif
