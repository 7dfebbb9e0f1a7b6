/* clang_map.c: the loader's ground floor: the tables that find the item
 * of a cursor or a type, and the making of items and types from cursors
 * (names, locations, doc comments). */
#include "clang.h"

struct loader ld;

/* ---- cursor -> item and type -> item tables ---- */

/* Open addressing over slots of a hash and an index into the entries,
 * which keep the keys: a probe compares hashes before it asks libclang,
 * growing moves slots without asking it, and the slots are small (a
 * header has ten thousand entries, and a table twice or four times as
 * many slots). */
struct slot {
	unsigned hash;
	unsigned idx;		/* 1 + index into the entries; 0: empty */
};

struct table {
	struct slot *slots;
	unsigned cap, n;
};

/* Makes room for one more entry. */
static void table_room(struct table *t)
{
	if (2 * (t->n + 1) <= t->cap)
		return;
	struct slot *old = t->slots;
	unsigned oldcap = t->cap;
	t->cap = t->cap ? t->cap * 2 : 1024;
	t->slots = xcalloc(t->cap, sizeof *t->slots);
	for (unsigned i = 0; i < oldcap; i++) {
		if (!old[i].idx)
			continue;
		unsigned j = old[i].hash & (t->cap - 1);
		while (t->slots[j].idx)
			j = (j + 1) & (t->cap - 1);
		t->slots[j] = old[i];
	}
	free(old);
}

/* Cursors: canonical declarations. */
static struct table map;
static VEC(struct cent { CXCursor c; struct item *it; }) cents;

static struct slot *map_find(CXCursor c, unsigned h)
{
	for (unsigned i = h & (map.cap - 1);; i = (i + 1) & (map.cap - 1)) {
		struct slot *s = &map.slots[i];
		if (!s->idx || (s->hash == h && clang_equalCursors(cents.v[s->idx - 1].c, c)))
			return s;
	}
}

void map_put(CXCursor c, struct item *it)
{
	table_room(&map);
	unsigned h = clang_hashCursor(c);
	struct slot *s = map_find(c, h);
	if (s->idx) {
		cents.v[s->idx - 1].it = it;
		return;
	}
	hpush(&cents, ((struct cent){ c, it }));
	*s = (struct slot){ h, cents.n };
	map.n++;
}

struct item *map_get(CXCursor c)
{
	if (!map.cap)
		return NULL;
	struct slot *s = map_find(c, clang_hashCursor(c));
	return s->idx ? cents.v[s->idx - 1].it : NULL;
}

/* Types.  conv() meets the same typedef, record and enum types over and
 * over; finding their item through clang_getTypeDeclaration, the
 * canonical cursor and the cursor map costs more than this table.  Types
 * compare with clang_equalTypes, which compares the type pointer in
 * data[0]: that pointer is the hash. */
static struct table tmap;
static VEC(struct tent { CXType t; struct item *it; }) tents;

static unsigned type_hash(CXType t)
{
	return ((uintptr_t)t.data[0] * 0x9e3779b97f4a7c15ull) >> 32;
}

static struct slot *tmap_find(CXType t, unsigned h)
{
	for (unsigned i = h & (tmap.cap - 1);; i = (i + 1) & (tmap.cap - 1)) {
		struct slot *s = &tmap.slots[i];
		if (!s->idx || (s->hash == h && clang_equalTypes(tents.v[s->idx - 1].t, t)))
			return s;
	}
}

void tmap_put(CXType t, struct item *it)
{
	table_room(&tmap);
	unsigned h = type_hash(t);
	struct slot *s = tmap_find(t, h);
	if (s->idx) {
		tents.v[s->idx - 1].it = it;
		return;
	}
	hpush(&tents, ((struct tent){ t, it }));
	*s = (struct slot){ h, tents.n };
	tmap.n++;
}

struct item *tmap_get(CXType t)
{
	if (!tmap.cap)
		return NULL;
	struct slot *s = tmap_find(t, type_hash(t));
	return s->idx ? tents.v[s->idx - 1].it : NULL;
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
const char *cx_name(CXString s)
{
	static struct strmap names;
	const char *p = clang_getCString(s);
	char *r = strmap_get(&names, p ? p : "");
	if (!r) {
		r = astrdup(p ? p : "");
		strmap_put(&names, r, r);
	}
	clang_disposeString(s);
	return r;
}

/* In the declarations clang.c puts after the header's last line (or an
 * expansion there): not the header's. */
bool in_block(CXSourceLocation loc)
{
	CXFile f;
	unsigned line;
	if (!ld.block_line)
		return false;
	clang_getExpansionLocation(loc, &f, &line, NULL, NULL);
	if (!ld.main_file)
		ld.main_file = clang_getFile(ld.tu, ld.opt->header);
	return line >= ld.block_line && clang_File_isEqual(f, ld.main_file);
}

void locate(CXCursor c, struct item *it)
{
	/* consecutive items are mostly in one file: name it once */
	static CXFile last;
	static const char *last_name;
	CXFile f;
	unsigned line = 0, col = 0;
	/* line and column cost a scan of the file; only --emit-ir shows them */
	clang_getFileLocation(clang_getCursorLocation(c), &f, ld.opt->emit_ir ? &line : NULL,
			      ld.opt->emit_ir ? &col : NULL, NULL);
	it->line = line;
	it->col = col;
	if (!f) {
		it->is_builtin = true;
		return;
	}
	if (f != last) {
		last = f;
		last_name = cx_str(clang_getFileName(f));
	}
	it->file = last_name;
}

/* clang drops the comments of system headers while it parses unless told
 * to keep them, and a declaration's comment is in its own file: there is
 * then nothing to ask for (the query costs a lookup and a copy).  Fields
 * and enum constants are in their parent's file: it is asked once. */
bool comments_kept(CXCursor c)
{
	return ld.system_comments ||
	       !clang_Location_isInSystemHeader(clang_getCursorLocation(c));
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

struct type *new_type(enum tkind k)
{
	struct type *t = alloc(sizeof *t);
	t->kind = k;
	t->size = t->align = -1;
	if (k == T_FUNC)
		t->fn = alloc(sizeof *t->fn);
	return t;
}

/* A new item for the declaration c, known from now on by its canonical
 * cursor canon (which the callers have looked up already). */
struct item *new_item(enum ikind k, CXCursor c, CXCursor canon, struct item *parent)
{
	struct item *it = alloc(sizeof *it);
	it->kind = k;
	it->parent = parent;
	it->size = it->align = -1;	/* until known */
	locate(c, it);
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
		vpush(&ld.unit->items, it);
}

