/* clang_map.c: the loader's ground floor: the tables that find the item
 * of a cursor, a type or a record's tag name, and the making of items and
 * types from cursors (names, locations, doc comments). */
#include "clang.h"

struct loader ld;

/* ---- cursor -> item, type -> item and tag name -> record tables ---- */

/* Keyed by the pointer libclang compares.  clang_equalCursors compares a
 * declaration cursor's kind and data[0] and data[2] (data[1], a flag, it
 * clears): data[0] is the Decl (CXCursor.cpp, MakeCXCursor), data[2] the
 * unit, and the Decl's kind is the cursor's.  clang_equalTypes compares
 * data[0], the QualType's pointer (qualifiers in its low bits), and
 * data[1], the unit.  Both units, the header's and the fallback's, are
 * alive while either table is asked, so a pointer is one declaration or
 * one type.  Keeping the pointer and not the whole cursor or type, and no
 * libclang call per probe: 76 MiB less and faster on 200,000 records. */
struct slot {
	const void *key;	/* NULL: empty */
	void *val;		/* an item; file_text()'s struct ftext */
};

struct table {
	struct slot *slots;
	unsigned cap, n;
};

static struct slot *find(struct table *t, const void *key)
{
	unsigned h = ((uintptr_t)key * 0x9e3779b97f4a7c15ull) >> 32;
	for (unsigned i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
		if (!t->slots[i].key || t->slots[i].key == key)
			return &t->slots[i];
}

static void put(struct table *t, const void *key, void *val)
{
	if (!key)	/* the null cursor, an invalid type */
		return;
	if (4 * (t->n + 1) > 3 * t->cap) {
		struct slot *old = t->slots;
		unsigned oldcap = t->cap;
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->slots = xcalloc(t->cap, sizeof *t->slots);
		for (unsigned i = 0; i < oldcap; i++)
			if (old[i].key)
				*find(t, old[i].key) = old[i];
		free(old);
	}
	struct slot *s = find(t, key);
	t->n += !s->key;
	*s = (struct slot){ key, val };
}

static void *get(struct table *t, const void *key)
{
	return t->cap ? find(t, key)->val : NULL;
}

static struct table map, tmap;	/* canonical declarations; types */

void map_put(CXCursor c, struct item *it)
{
	put(&map, c.data[0], it);
}

struct item *map_get(CXCursor c)
{
	return get(&map, c.data[0]);
}

/* conv() meets the same typedef, record and enum types over and over;
 * finding their item through clang_getTypeDeclaration, the canonical
 * cursor and the cursor map costs more than this table. */
void tmap_put(CXType t, struct item *it)
{
	put(&tmap, t.data[0], it);
}

struct item *tmap_get(CXType t)
{
	return get(&tmap, t.data[0]);
}

/* Top-level records by name, [I_STRUCT] and [I_UNION] (struct x in a
 * prototype declares a new x in C; bindgen knows one x): the slots hold
 * the items, whose names are the keys (200,000 records: 4 MiB, where a
 * strmap's slots of key, value and hash took 12). */
static struct { struct item **slots; unsigned cap, n; } tags[2];

static struct item **tag_slot(enum ikind k, const char *name)
{
	unsigned cap = tags[k].cap;
	for (unsigned i = hash_str(name) & (cap - 1);; i = (i + 1) & (cap - 1)) {
		struct item *it = tags[k].slots[i];
		if (!it || streq(it->name, name))
			return &tags[k].slots[i];
	}
}

struct item *tag_get(enum ikind k, const char *name)
{
	return tags[k].cap ? *tag_slot(k, name) : NULL;
}

void tag_put(struct item *it)
{
	enum ikind k = it->kind;
	/* half full at most: a new name probes until an empty slot */
	if (2 * (tags[k].n + 1) > tags[k].cap) {
		struct item **old = tags[k].slots;
		unsigned oldcap = tags[k].cap;
		tags[k].cap = oldcap ? oldcap * 2 : 256;
		tags[k].slots = xcalloc(tags[k].cap, sizeof *old);
		for (unsigned i = 0; i < oldcap; i++)
			if (old[i])
				*tag_slot(k, old[i]->name) = old[i];
		free(old);
	}
	struct item **s = tag_slot(k, it->name);
	tags[k].n += !*s;
	*s = it;
}

/* ---- small helpers ---- */

char *cx_str(CXString s)
{
	const char *p = clang_getCString(s);
	char *r = astrdup(p ? p : "");
	clang_disposeString(s);
	return r;
}

/* Names that repeat (fields' next, flags, size) are kept once. */
static struct strmap names;

static const char *keep_name(const char *p)
{
	char *r = strmap_get(&names, p);
	if (!r) {
		r = astrdup(p);
		strmap_put(&names, r, r);
	}
	return r;
}

const char *cx_name(CXString s)
{
	const char *p = clang_getCString(s), *r = keep_name(p ? p : "");
	clang_disposeString(s);
	return r;
}

/* Is name a keyword of clang's in some language (C, C++, Objective-C,
 * OpenCL, GNU, Microsoft...)?  The table is clang's own, TokenKinds.def
 * of the libclang built against: libclang's tokens kind those of the
 * unit's language as keywords. */
bool clang_keyword(const char *name)
{
	static const char *const words[] = {
#define KEYWORD(X, Y) #X,
#define ALIAS(X, Y, Z) X,
#define CXX_KEYWORD_OPERATOR(X, Y) #X,
#include <clang/Basic/TokenKinds.def>
	};
	static struct strmap set;
	if (!set.cap)
		for (size_t i = 0; i < sizeof words / sizeof *words; i++)
			strmap_put(&set, words[i], (void *)words[i]);
	return strmap_get(&set, name);
}

/* ld.tu's buffer of file f, or NULL while f has given fewer than 512
 * names.  clang_getFileContents looks the file up among all the unit's
 * source entries, every macro expansion's too: 320,000 instructions a
 * call on the kernel's header, as dear as 400 names asked of clang.  So
 * a file's buffer is asked once it has given 512, and only then (the
 * kernel's header: a few files; a header of many records: its own). */
struct ftext {
	int asked;		/* names, up to 512 */
	const char *text;	/* clang's buffer, once asked */
	size_t size;
};
static struct table ftexts;	/* CXFile -> struct ftext */

static const char *file_text(CXFile f, size_t *size)
{
	struct ftext *s = get(&ftexts, f);
	if (!s) {
		s = alloc(sizeof *s);
		put(&ftexts, f, s);
	}
	if (s->asked < 512 && ++s->asked == 512)
		s->text = clang_getFileContents(ld.tu, f, &s->size);
	*size = s->size;
	return s->text;
}

/* The name of a field that is no bitfield (and so has one), n bytes of
 * clang's buffer of its file; NULL: to be asked of clang.
 * clang_getCursorSpelling prints a name through a raw_ostream and copies
 * it, 750 instructions, the load's dearest call on a header of many
 * records.  (Typedefs and functions are asked: on the kernel's header
 * the lookups cost more than they save.)  A name that comes out of a
 * macro is asked (the file has the macro's name there, or its
 * argument's): the location's int_data is clang's SourceLocation, whose
 * top bit marks a macro's (SourceLocation::MacroIDBit;
 * CXSourceLocation.h, translateSourceLocation).  So is one followed by a
 * backslash (a line splice, a universal character name) or a '?' (a
 * trigraph). */
static const char *spelled_name(CXCursor c, size_t *n)
{
	CXSourceLocation loc = clang_getCursorLocation(c);
	if (loc.int_data & 1u << 31 || clang_Cursor_getTranslationUnit(c) != ld.tu)
		return NULL;
	CXFile f;
	unsigned off;
	clang_getFileLocation(loc, &f, NULL, NULL, &off);
	size_t size, e = off;
	const char *text = f ? file_text(f, &size) : NULL;
	if (!text || off >= size || (text[off] >= '0' && text[off] <= '9'))
		return NULL;
	while (e < size && ctext_ident_char(text[e]))
		e++;
	if (e == off || (e < size && (text[e] == '\\' || text[e] == '?')))
		return NULL;
	*n = e - off;
	return text + off;
}

const char *field_name(CXCursor c)
{
	static struct buf name;
	size_t n;
	const char *s = spelled_name(c, &n);
	if (!s)
		return cx_name(clang_getCursorSpelling(c));
	name.len = 0;
	bput(&name, s, n);
	return keep_name(name.s);
}

/* In the macro block after the header's last line (ask.c), or an
 * expansion there: not the header's. */
bool in_block(CXSourceLocation loc)
{
	CXFile f;
	unsigned at;
	if (!ld.block_at)
		return false;
	/* an offset, not a line: a line is a search of the file's lines */
	clang_getExpansionLocation(loc, &f, NULL, NULL, &at);
	if (!ld.main_file)
		ld.main_file = clang_getFile(ld.tu, ld.opt->header);
	return at >= ld.block_at && clang_File_isEqual(f, ld.main_file);
}

unsigned locate_at(CXCursor c, struct item *it)
{
	/* consecutive items are mostly in one file: name it once */
	static CXFile last;
	static const char *last_name;
	CXFile f;
	unsigned line = 0, col = 0, off = 0;
	/* line and column cost a scan of the file; only --emit-ir shows them */
	clang_getFileLocation(clang_getCursorLocation(c), &f, ld.opt->emit_ir ? &line : NULL,
			      ld.opt->emit_ir ? &col : NULL, &off);
	it->line = line;
	it->col = col;
	if (!f) {
		it->is_builtin = true;
		return 0;
	}
	if (f != last) {
		last = f;
		last_name = cx_str(clang_getFileName(f));
	}
	it->file = last_name;
	return off;
}

void locate(CXCursor c, struct item *it)
{
	locate_at(c, it);
}

/* clang drops the comments of system headers while it parses unless told
 * to keep them, and a declaration's comment is in its own file: there is
 * then nothing to ask for (the query costs a lookup and a copy).  Fields
 * and enum constants are in their parent's file: it is asked once.  No
 * file with a comment clang could attach (ld.no_comments): no question. */
bool comments_kept(CXCursor c)
{
	return !ld.no_comments && (ld.system_comments ||
	       !clang_Location_isInSystemHeader(clang_getCursorLocation(c)));
}

const char *raw_comment(CXCursor c)
{
	/* read even with --no-doc-comments: annotations live there */
	if (ld.no_comments)
		return NULL;
	CXString s = clang_Cursor_getRawCommentText(c);
	const char *p = clang_getCString(s);
	char *r = p && *p ? utf8_lossy(astrdup(p)) : NULL;
	clang_disposeString(s);
	if (r)
		ld.unit->comments = true;
	return r;
}

const char *comment_of(CXCursor c)
{
	return comments_kept(c) ? raw_comment(c) : NULL;
}

/* A new item for the declaration c, known from now on by its canonical
 * cursor canon (which the callers have looked up already); a typedef,
 * by the type of canon (typedef_item()). */
struct item *new_item(enum ikind k, CXCursor c, CXCursor canon, struct item *parent)
{
	struct item *it = alloc_part(item_size(k), sizeof *it);
	it->kind = k;
	it->parent = parent;
	it->size = it->align = -1;	/* until known */
	locate(c, it);
	if (k != I_TYPEDEF)	/* found by its type */
		map_put(canon, it);
	return it;
}

void attach(struct item *it)
{
	/* a builtin declaration (__builtin_va_list, __va_list_tag) has no
	 * place in a file: bindgen resolves it after everything else */
	if (it->is_builtin && !it->parent && !ld.finishing) {
		vpush(&ld.deferred, it);
		return;
	}
	it->attached = true;
	if (it->parent)
		vpush(&it->parent->children, it);
	else
		hpush(&ld.unit->items, it);	/* kept at the load's end */
}

