/* clang.h: what the loader's files (clang*.c, the only ones that talk to
 * libclang) share.  Dependencies point down: clang.c -> clang_diag.c,
 * clang_decl.c -> clang_type.c -> clang_map.c. */
#ifndef KBINDGEN_CLANG_H
#define KBINDGEN_CLANG_H

#include <clang-c/Index.h>

#include "kbindgen.h"

/* The state of one load. */
struct loader {
	const struct opts *opt;
	CXIndex idx;
	CXTranslationUnit tu;
	struct unit *unit;
	itemvec deferred;	/* attached at the end, if not before */
	itemvec records;	/* those with fields: struct fields at the end */
	/* the fields' comments (few) until then */
	VEC(struct fcomment { struct item *it; int i; const char *s; }) field_comments;
	bool finishing;		/* attaching those */
	bool system_comments;	/* -fretain-comments-from-system-headers */
	bool all_comments;	/* -fparse-all-comments: not only doc comments */
	bool no_comments;	/* none clang could attach: none asked for */
	bool own_layouts;	/* Itanium C layout: see plain_layout() */
	bool own_bitfields;	/* and its bitfields: x86 Linux */
	bool check_layout;	/* KBINDGEN_CHECK_LAYOUT: compare with clang's */
	bool check_tokens;	/* KBINDGEN_CHECK_TOKENS: the scan's with libclang's */
	unsigned block_at;	/* the macro block (ask.c) starts at this offset
				 * of the header's text, 0: none */
	/* "LINE" of each line of the macro block clang refused, then of the
	 * second parse's file (typed_value() reads the answers of one) */
	struct strmap block_errors;
	CXFile main_file;	/* the header, in the unit */
	int long_bits;		/* C's long on the target */
};
extern struct loader ld;

/* ---- clang_diag.c: diagnostics ---- */

bool report_diagnostics(void);		/* false if any is an error */
/* ld.block_errors: the lines of tu's file path with errors (the second
 * parse's declarations that clang refused). */
void note_errors(CXTranslationUnit tu, const char *path);
/* Says why libclang could not parse the header with these arguments. */
void explain_failure(const char **argv, int argc);

/* ---- clang_map.c: cursor and type tables, items from cursors ---- */

void map_put(CXCursor c, struct item *it);	/* c: a canonical cursor */
struct item *map_get(CXCursor c);
void tmap_put(CXType t, struct item *it);
struct item *tmap_get(CXType t);
/* top-level records by name: k is I_STRUCT or I_UNION, it named */
struct item *tag_get(enum ikind k, const char *name);
void tag_put(struct item *it);
char *cx_str(CXString s);			/* an arena copy; s disposed */
const char *cx_name(CXString s);		/* the same, shared: not to be written */
bool clang_keyword(const char *name);		/* in some language clang has */
const char *field_name(CXCursor c);		/* as cx_name(), of one no bitfield */
void locate(CXCursor c, struct item *it);	/* file (line, column) */
unsigned locate_at(CXCursor c, struct item *it);	/* and c's offset in it */
bool in_block(CXSourceLocation loc);		/* in the macro block (ask.c) */
bool comments_kept(CXCursor c);
const char *raw_comment(CXCursor c);
const char *comment_of(CXCursor c);		/* NULL when clang dropped it */
struct item *new_item(enum ikind k, CXCursor c, CXCursor canon, struct item *parent);
void attach(struct item *it);			/* to its parent, or the unit */

/* ---- clang_type.c: types, records, enums, typedefs ---- */

struct type *conv(CXType t);
struct type *set_const(struct type *r, bool c);
/* Names the parameters of the function type inside t from the ParmDecls
 * under c. */
void name_params(CXCursor c, struct type *t);
/* The item of the declaration c; visit: c is being visited (top level or
 * in a record), so the item takes its place in the unit here, rather than
 * where a type names it. */
struct item *record_item(CXCursor c, struct item *parent, bool visit);
struct item *enum_item(CXCursor c, struct item *parent, bool visit);
struct item *typedef_item(CXCursor c, bool visit);
void define_records(void);
bool predefined_typedef(CXType t);	/* clang's own: __size_t */	/* at the end: those never defined in a visit */

/* ---- clang_decl.c: functions and variables ---- */

void func_item(CXCursor c);
void var_item(CXCursor c);
/* What clang folds the initializer of c to, into it->val: integers and
 * floats, and string literals when strings. */
void evaluate(CXCursor c, struct item *it, bool strings);
/* --macro-const-use-ctypes: the C type and value of the macro block's
 * declaration c for the macro item it (other: c is not in this unit). */
void typed_value(CXCursor c, struct item *it, bool other);
/* A declaration at file scope of name (a function, variable, typedef,
 * enumerator): kept if ask.c wants it (ask_lone_wanted()). */
void note_decl(const char *name, CXCursor c);
/* For ask_unasked(): the macro it, which stands for name alone, given the
 * answer clang gives `__auto_type x = (name);` after the header, from
 * name's declaration; false where that is not sure without asking. */
bool lone_value(struct item *it, const char *name);
/* For ask_unasked(): the macro it, a cast of v to the type name, given the
 * value and type clang gives that cast, from name's declaration (a
 * typedef's); false where that is not sure without asking. */
bool cast_value(struct item *it, const char *name, const struct cval *v);

#endif
