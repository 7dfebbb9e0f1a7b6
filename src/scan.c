/* scan.c: the header's include closure read as plain text, before clang
 * parses it: the names its files #define as object-like macros, with their
 * bodies.  ask.c has clang asked for the values of those that may be
 * expressions in the same parse, by declarations after the header's last
 * line, which must be written before the parse begins.
 *
 * A superset, on purpose: conditionals are not followed (every #define in
 * every branch counts, every #include is read once), an include is looked
 * up the way clang looks it up, computed includes (#include MACRO) are
 * not (but noted).  What the scan misses clang.c finds after the parse and
 * asks in a second one, as before.  The names some file #undefs are noted
 * too.  The texts read are kept for the parse (clang.c gives them to
 * libclang rather than have it read the files again), and where each
 * object-like definition's name is (the loader takes the tokens from
 * here: scan_definition()).  Knows nothing of libclang. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>

#include "kbindgen.h"

static struct scan *sc;
static strvec quote_dirs, angle_dirs;

/* An object-like #define whose name the scan read where it is in the
 * text (no continuation or comment before it): the name at offset off of
 * its file, the body m's bodies.v[k].  A file's are in the order of the
 * text (sites, by path in sc->sites; scan_definition()). */
struct site {
	unsigned off;
	int k;
	struct smacro *m;
};
typedef VEC(struct site) sitevec;
static const char *last_path;	/* scan_definition()'s last file, */
static sitevec *last_sites;	/* and its sites */

/* ---- include paths ---- */

/* The directories clang searches, from its arguments: -iquote for "x"
 * only, then -I, -isystem, the default system directories (unless
 * -nostdinc), -idirafter. */
static void search_dirs(const struct opts *o)
{
	strvec after = {0};
	bool nostdinc = false, nobuiltin = false;
	const strvec *a = &o->clang_args;
	for (int i = 0; i < a->n; i++) {
		const char *s = a->v[i], *next = i + 1 < a->n ? a->v[i + 1] : NULL;
		static const char *const flags[] = { "-I", "-iquote", "-isystem", "-idirafter" };
		for (int k = 0; k < 4; k++) {
			size_t n = strlen(flags[k]);
			if (strncmp(s, flags[k], n))
				continue;
			const char *dir = s[n] ? s + n : next;
			if (!s[n])
				i++;
			if (!dir)
				break;
			if (k == 1)
				vpush(&quote_dirs, (char *)dir);
			else
				vpush(k == 3 ? &after : &angle_dirs, (char *)dir);
			break;
		}
		if (streq(s, "-nostdinc"))
			nostdinc = true;
		if (streq(s, "-nostdinc") || streq(s, "-nobuiltininc"))
			nobuiltin = true;
	}
	if (!nobuiltin) {
		/* clang's own headers (stddef.h, stdarg.h): lib/clang/N/include */
		const char *base = KB_LLVM_DIR "/lib/clang";
		DIR *d = opendir(base);
		struct dirent *e;
		while (d && (e = readdir(d)))
			if (e->d_name[0] != '.')
				vpush(&angle_dirs, fmt("%s/%s/include", base, e->d_name));
		if (d)
			closedir(d);
	}
	if (!nostdinc) {
		static const char *const sys[] = {
			"/usr/local/include", "/usr/include/x86_64-linux-gnu",
			"/usr/include/aarch64-linux-gnu", "/usr/include",
		};
		for (int k = 0; k < 4; k++)
			vpush(&angle_dirs, (char *)sys[k]);
	}
	for (int i = 0; i < after.n; i++)
		vpush(&angle_dirs, after.v[i]);
}

/* dir/name in the arena: fmt() would be slower, and this runs for every
 * directory an #include is looked for in */
static const char *join(const char *dir, size_t dn, const char *name)
{
	size_t nn = strlen(name);
	char *p = alloc(dn + 1 + nn + 1);
	memcpy(p, dir, dn);
	p[dn] = '/';
	memcpy(p + dn + 1, name, nn + 1);
	return p;
}

static bool scan_file(const char *path, int depth);

/* Has dir the directory that name begins with (linux/ of linux/types.h)?
 * Asked once for each: most directories of the path have no linux/, and
 * an open() that fails is a system call for each of them. */
static struct strmap subdirs;	/* dir/first -> 1 yes, 2 no */

static bool may_hold(const char *dir, const char *name)
{
	const char *slash = strchr(name, '/');
	if (!slash)
		return true;
	static struct buf key;	/* kept only when new */
	key.len = 0;
	bprintf(&key, "%s/%.*s", dir, (int)(slash - name), name);
	uintptr_t has = (uintptr_t)strmap_get(&subdirs, bstr(&key));
	if (!has) {
		struct stat st;
		has = !stat(bstr(&key), &st) && S_ISDIR(st.st_mode) ? 1 : 2;
		strmap_put(&subdirs, astrdup(bstr(&key)), (void *)has);
	}
	return has == 1;
}

/* The first file of that name along dirs from index i on, scanned (or
 * seen before); false if none. */
static bool find(const strvec *dirs, int i, const char *name, int depth, int *at)
{
	for (; i < dirs->n; i++)
		if (may_hold(dirs->v[i], name) &&
		    scan_file(join(dirs->v[i], strlen(dirs->v[i]), name), depth)) {
			*at = i;
			return true;
		}
	return false;
}

/* #include "name" or <name> in the file at path, found as clang finds
 * it; for #include_next, every later match (a superset).  Each name is
 * looked up once along the search path: a header's closure names
 * <linux/types.h> hundreds of times. */
static struct strmap looked_up;

static void include(const char *from, const char *name, bool quoted, bool next, int depth)
{
	int at;
	if (name[0] == '/') {
		scan_file(name, depth + 1);
		return;
	}
	if (quoted) {
		const char *slash = strrchr(from, '/');
		if (scan_file(slash ? join(from, slash - from, name) : name, depth + 1) ||
		    find(&quote_dirs, 0, name, depth + 1, &at))
			return;
	}
	if (!next && strmap_get(&looked_up, name))
		return;
	if (!next)
		strmap_put(&looked_up, astrdup(name), (void *)1);
	bool found = find(&angle_dirs, 0, name, depth + 1, &at);
	while (found && next)
		found = find(&angle_dirs, at + 1, name, depth + 1, &at);
}

/* ---- the text ---- */

/* 1: may begin an identifier, 2: may go on one (a table: this runs for
 * every character of every directive of the closure) */
static const unsigned char ident_class[256] = {
	['_'] = 3, ['$'] = 3,
	['a'] = 3, ['b'] = 3, ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3,
	['h'] = 3, ['i'] = 3, ['j'] = 3, ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3,
	['o'] = 3, ['p'] = 3, ['q'] = 3, ['r'] = 3, ['s'] = 3, ['t'] = 3, ['u'] = 3,
	['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3, ['z'] = 3,
	['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3,
	['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3,
	['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3,
	['V'] = 3, ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3,
	['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2,
	['7'] = 2, ['8'] = 2, ['9'] = 2,
};

static bool ident_start(int c)
{
	return ident_class[c & 0xff] & 1;
}

static bool ident_char(int c)
{
	return ident_class[c & 0xff] & 2;
}

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static struct smacro *macro_named(const char *name)
{
	struct smacro *m = strmap_get(&sc->map, name);
	if (!m) {
		m = alloc(sizeof *m);
		m->name = name;
		strmap_put(&sc->map, m->name, m);
		vpush(&sc->macros, m);
	}
	return m;
}

/* A directive's logical line: #define and #include matter.  sites: the
 * file's, at the line's offset in the file, as_is logical_line()'s. */
static void directive(const char *path, const char *line, int depth, sitevec *sites, long at,
		      long as_is)
{
	const char *p = skip_blank(line);
	if (*p != '#')
		return;
	p = skip_blank(p + 1);
	const char *w = p;
	while (ident_char((unsigned char)*p))
		p++;
	size_t wn = p - w;
	p = skip_blank(p);
	if (wn == 6 && !strncmp(w, "define", 6)) {
		const char *n = p;
		while (ident_char((unsigned char)*p))
			p++;
		if (p == n || !ident_start((unsigned char)*n))
			return;
		struct smacro *m = macro_named(astrndup(n, p - n));
		bool fn = *p == '(';
		if (fn) {
			const char *close = strchr(p, ')');
			size_t pn = close ? (size_t)(close - p - 1) : strlen(p + 1);
			vpush(&m->fparams, astrndup(p + 1, pn));
			p = close ? close + 1 : p + strlen(p);
		}
		const char *body = skip_blank(p);
		size_t bn = strlen(body);
		while (bn && (body[bn - 1] == ' ' || body[bn - 1] == '\t' || body[bn - 1] == '\r'))
			bn--;
		vpush(fn ? &m->fbodies : &m->bodies, astrndup(body, bn));
		/* the name where it is in the text, the body's tokens those of
		 * the text (comments are none) */
		if (!fn && as_is >= n - line)
			vpush(sites, ((struct site){ at + (n - line), m->bodies.n - 1, m }));
	} else if (wn == 5 && !strncmp(w, "undef", 5)) {
		const char *n = p;
		while (ident_char((unsigned char)*p))
			p++;
		if (p > n)
			strmap_put(&sc->undone, astrndup(n, p - n), sc);
	} else if ((wn == 7 && !strncmp(w, "include", 7)) ||
		   (wn == 12 && !strncmp(w, "include_next", 12)) ||
		   (wn == 6 && !strncmp(w, "import", 6))) {
		char close = *p == '"' ? '"' : *p == '<' ? '>' : 0;
		const char *e = close ? strchr(p + 1, close) : NULL;
		if (e)
			include(path, astrndup(p + 1, e - p - 1), close == '"',
				wn == 12, depth);
		else
			sc->computed = true;
	}
}

/* The logical line of a directive from p on: continuations joined,
 * comments made blanks, literals copied whole (they may hold a comment's
 * start).  Returns where the next line begins.  *as_is: how long a start
 * of the line is the text as it is (up to a comment or a continuation),
 * or -1 when a continuation may be in a token's spelling, a comment went
 * on to another line or one was // (no comment in C89). */
static const char *logical_line(const char *p, struct buf *line, long *as_is)
{
	line->len = 0;
	*as_is = LONG_MAX;
	for (;;) {
		/* up to the next character that matters, at once */
		size_t plain = strcspn(p, "\n\\/\"'");
		bput(line, p, plain);
		p += plain;
		if (!*p)
			return p;
		if (*p == '\n')
			return p + 1;
		if (p[0] == '\\' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n'))) {
			p += p[1] == '\r' ? 3 : 2;
			/* libclang spells a token with a splice before it in it,
			 * when no blank comes between ("\\\n)") */
			if (*p != ' ' && *p != '\t')
				*as_is = -1;
			else if (*as_is > (long)line->len)
				*as_is = line->len;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			if (!e)
				break;
			if (*as_is > (long)line->len)
				*as_is = line->len;
			bputc(line, ' ');
			/* a comment that goes on to later lines ends the directive */
			if (memchr(p, '\n', e - p)) {
				*as_is = -1;
				p = e + 2;
				break;
			}
			p = e + 2;
		} else if (p[0] == '/' && p[1] == '/') {
			*as_is = -1;
			p += strcspn(p, "\n");
		} else if (*p == '"' || *p == '\'') {
			char q = *p;
			const char *b = p++;
			while (*p && *p != '\n' && *p != q)
				p += p[0] == '\\' && p[1] && p[1] != '\n' ? 2 : 1;
			p += *p == q;
			bput(line, b, p - b);
		} else {
			bputc(line, *p++);
		}
	}
	const char *nl = strchr(p, '\n');
	return nl ? nl + 1 : p + strlen(p);
}

/* a buffer for each depth, kept from file to file: fresh memory for each
 * would cost more in page faults than the reading */
static VEC(struct buf) texts;

/* The text of the file at path into b (emptied first); false if none
 * can be read (no such file, a directory).  One read into the room b
 * keeps from file to file, without bput_file()'s fstat(): a read that
 * leaves room is the end (so it is for a regular file; a pipe cut short
 * would leave the scan a superset less, which the parse makes up for);
 * one that fills it, bput_fd() goes on from.  Linux's header reads some
 * 500 files: 500 system calls fewer. */
static bool read_text(struct buf *b, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	b->len = 0;
	if (b->cap < 65536)
		bgrow(b, 65536);
	ssize_t n;
	do
		n = read(fd, b->s, b->cap - 1);
	while (n < 0 && errno == EINTR);
	bool ok = n >= 0;
	b->len = ok ? n : 0;
	b->s[b->len] = 0;
	if (ok && b->len == b->cap - 1)
		ok = bput_fd(b, fd);
	close(fd);
	return ok;
}

/* Only directives matter: a line whose first non-blank is #.  Comments
 * are not followed across lines, so a # line inside one counts too: a
 * superset.  False when path is no file that can be read (the lookup of
 * an include goes on): reading it is the test, no stat() first. */
static bool scan_file(const char *path, int depth)
{
	/* read before (sc->sites has every file read); clang's limit of
	 * nested includes is 200 */
	if (strmap_get(&sc->sites, path))
		return true;
	if (depth > 200)
		return false;
	while (texts.n <= depth)
		hpush(&texts, (struct buf){0});
	struct buf text = texts.v[depth], line = {0};
	bool ok = read_text(&text, path);
	texts.v[depth] = text;
	if (!ok)
		return false;	/* none, or a directory (EISDIR) */
	path = astrdup(path);
	char *kept = xrealloc(NULL, text.len + 1);
	memcpy(kept, text.s, text.len + 1);
	vpush(&sc->files, ((struct sfile){ path, kept, text.len }));
	sitevec *sites = alloc(sizeof *sites);
	strmap_put(&sc->sites, path, sites);
	/* from one # to the next: most lines have none; a line whose first
	 * # is no directive's is left at once (a line of many #s, in
	 * strings, is not walked back over for each) */
	const char *end = text.s + text.len;
	for (const char *p = text.s, *h; p < end && (h = memchr(p, '#', end - p));) {
		const char *start = h;
		while (start > p && start[-1] != '\n')
			start--;
		if (skip_blank(start) == h) {
			long as_is;
			p = logical_line(h, &line, &as_is);
			directive(path, bstr(&line), depth, sites, h - text.s, as_is);
		} else {
			const char *nl = memchr(h, '\n', end - h);
			p = nl ? nl + 1 : end;
		}
	}
	bfree(&line);
	return true;
}

void scan_macros(const struct opts *o, struct scan *s)
{
	sc = s;
	last_path = NULL;
	quote_dirs.n = angle_dirs.n = 0;
	search_dirs(o);
	const strvec *a = &o->clang_args;
	for (int i = 0; i + 1 < a->n; i++)
		if (streq(a->v[i], "-include") || streq(a->v[i], "-imacros"))
			include(".", a->v[++i], true, false, 0);
	scan_file(o->header, 0);
	free(looked_up.slots);
	free(subdirs.slots);
	looked_up = subdirs = (struct strmap){0};
	/* the parse takes the memory (main.c: one heap) */
	for (int i = 0; i < texts.n; i++)
		bfree(&texts.v[i]);
	hfree(&texts);
}

void scan_release(struct scan *s)
{
	for (int i = 0; i < s->files.n; i++)
		free(s->files.v[i].text);
	s->files.n = 0;
}

/* ---- a body's tokens ---- */

/* The preprocessing tokens of a body, as libclang would kind them: a
 * number or character or string literal (with its prefix), an identifier
 * (keywords included), a punctuator (the longest that matches). */
void scan_tokens(const char *s, mtokvec *out)
{
	/* the punctuators of more than one character, longest first */
	static const char puncts[][4] = {
		"...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==",
		"!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
	};
	out->n = 0;
	for (;;) {
		s = skip_blank(s);
		if (!*s)
			return;
		const char *b = s;
		enum mtokkind k = MT_LITERAL;
		if (ident_start((unsigned char)*s)) {
			while (ident_char((unsigned char)*s))
				s++;
			k = MT_IDENT;
			/* a prefixed literal: L"x", u8"x" */
			size_t n = s - b;
			if ((*s == '"' || *s == '\'') &&
			    ((n == 1 && strchr("LuU", *b)) || (n == 2 && !strncmp(b, "u8", 2))))
				k = MT_LITERAL;
		}
		if (k == MT_LITERAL && (*s == '"' || *s == '\'')) {
			char q = *s++;
			while (*s && *s != q)
				s += s[0] == '\\' && s[1] ? 2 : 1;
			s += *s == q;
		} else if (k == MT_LITERAL && ((*s >= '0' && *s <= '9') ||
					       (*s == '.' && s[1] >= '0' && s[1] <= '9'))) {
			for (s++; ident_char((unsigned char)*s) || *s == '.' ||
				  ((*s == '+' || *s == '-') && strchr("eEpP", s[-1])); s++)
				;
		} else if (k == MT_LITERAL) {
			k = MT_PUNCT;
			s++;
			for (size_t i = 0; i < sizeof puncts / sizeof *puncts; i++) {
				const char *p = puncts[i];
				if (b[0] == p[0] && b[1] == p[1] && (!p[2] || b[2] == p[2])) {
					s = b + 2 + !!p[2];
					break;
				}
			}
		}
		hpush(out, ((struct mtok){ k, astrndup(b, s - b) }));
	}
}

const struct mtok *scan_body(struct smacro *m, int k, int *n)
{
	int all = m->bodies.n + m->fbodies.n;
	if (!m->toks)
		m->toks = alloc(sizeof *m->toks * (all ? all : 1));
	mtokvec *t = &m->toks[k];
	if (!t->v) {
		mtokvec h = {0};
		scan_tokens(k < m->bodies.n ? m->bodies.v[k] : m->fbodies.v[k - m->bodies.n], &h);
		t->v = alloc(sizeof *t->v * (h.n ? h.n : 1));
		if (h.n)
			memcpy(t->v, h.v, sizeof *h.v * h.n);
		t->n = h.n;
		hfree(&h);
	}
	*n = t->n;
	return t->v;
}

/* Would libclang's lexer make of body what scan_tokens() does, but for
 * keywords (clang.c tells those)?  Not when it holds what scan_tokens()
 * leaves to the lexer: a backslash (escapes, UCNs), other bytes than
 * printable ASCII and tabs, $ (-fno-dollars-in-identifiers), @, trigraphs
 * (strict ISO modes), digraphs, C23's and C++'s ::, <=>, ->* and .*, a
 * literal after a name other than its prefix (C23's 1'000, C++'s R"(x)")
 * or one left open. */
static bool lexed_alike(const char *body)
{
	for (const char *p = body; *p; p++) {
		unsigned char c = *p;
		if ((ident_char(c) && c != '$') || c == ' ')
			continue;
		switch (c) {
		case '-':
			if (p[1] == '>' && p[2] == '*')
				return false;
			continue;
		case '\t': case '(': case ')': case ',': case '+': case '|': case '&':
		case '^': case '~': case '!': case '=': case '*': case '/': case '[': case ']':
		case '{': case '}': case ';': case '#': case '>':
			continue;
		case '?':
			if (p[1] == '?')
				return false;
			continue;
		case '<':
			if (p[1] == ':' || p[1] == '%' || (p[1] == '=' && p[2] == '>'))
				return false;
			continue;
		case ':':
			if (p[1] == '>' || p[1] == ':')
				return false;
			continue;
		case '%':
			if (p[1] == '>' || p[1] == ':')
				return false;
			continue;
		case '.':
			if (p[1] == '*')
				return false;
			continue;
		case '"': case '\'': {
			const char *w = p;
			while (w > body && ident_char((unsigned char)w[-1]))
				w--;
			size_t wn = p - w;
			if (wn && !((wn == 1 && strchr("LuU", *w)) || (wn == 2 && !strncmp(w, "u8", 2))))
				return false;
			const char *q = strchr(p + 1, c);
			if (!q)
				return false;
			p = q;
			continue;
		}
		default:	/* \, $, @, `, other bytes */
			return false;
		}
	}
	return true;
}

const struct mtok *scan_definition(struct scan *s, const char *path, unsigned off,
				   const char **name, int *n)
{
	/* the loader goes through a file's definitions in order */
	if (path != last_path) {
		last_path = path;
		last_sites = strmap_get(&s->sites, path);
	}
	const struct site *v = last_sites ? last_sites->v : NULL;
	int all = last_sites ? last_sites->n : 0, lo = 0, hi = all;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == all || v[lo].off != off)
		return NULL;
	struct smacro *m = v[lo].m;
	int k = v[lo].k;
	/* a $ ends the name with -fno-dollars-in-identifiers */
	if (strchr(m->name, '$') || !lexed_alike(m->bodies.v[k]))
		return NULL;
	*name = m->name;
	return scan_body(m, k, n);
}

/* ---- which names are worth asking clang ---- */

/* Words that cannot begin a C expression: types, storage classes,
 * statements, attributes, asm. */
static bool not_an_expression_start(const char *w)
{
	static struct strmap set;
	static const char *const words[] = {
		"asm", "__asm", "__asm__", "__attribute", "__attribute__", "auto",
		"break", "case", "char", "const", "__const", "__const__",
		"continue", "default", "do", "double", "else", "enum", "extern",
		"float", "for", "goto", "if", "inline", "__inline", "__inline__",
		"int", "long", "register", "restrict", "__restrict", "__restrict__",
		"return", "short", "signed", "__signed__", "static", "struct",
		"switch", "typedef", "typeof", "__typeof", "__typeof__", "union",
		"unsigned", "void", "volatile", "__volatile__", "while", "_Bool",
		"_Noreturn", "_Static_assert", "_Thread_local", "__thread",
		"__label__", "__declspec", "__volatile",
	};
	if (!set.n)
		for (size_t i = 0; i < sizeof words / sizeof *words; i++)
			strmap_put(&set, words[i], "");
	return strmap_get(&set, w);
}

static bool maybe_expression(struct smacro *m, int k, bool then_call, int depth);

/* A macro name at the start of a body: some definition of it may begin
 * an expression (a function-like one only when it is called). */
static bool macro_may_start(struct smacro *m, bool called, int depth)
{
	signed char *memo = &m->may[called];
	if (*memo)
		return *memo != -1;	/* in a cycle (2): clang will say */
	*memo = 2;
	bool may = false;
	for (int i = 0; !may && i < m->bodies.n; i++)
		may = maybe_expression(m, i, called, depth + 1);
	for (int i = 0; !may && called && i < m->fbodies.n; i++)
		may = maybe_expression(m, m->bodies.n + i, false, depth + 1);
	*memo = may ? 1 : -1;
	return may;
}

/* False when body k of m (scan_body()) certainly is no expression clang
 * could fold at file scope: empty, a statement, a type, an attribute, a
 * call of a function.  then_call: a ( follows the body where it is used.
 * Every declaration clang cannot take costs an error, and clang's errors
 * in macro expansions are dear (a millisecond each). */
static bool maybe_expression(struct smacro *m, int k, bool then_call, int depth)
{
	int n;
	const struct mtok *t = scan_body(m, k, &n);
	if (!n || depth > 16)
		return n;
	const char *tok = t[0].s, *next = n > 1 ? t[1].s : "";
	if (t[0].kind == MT_LITERAL)
		return true;
	if (t[0].kind == MT_PUNCT) {
		if (tok[0] == '#')
			return true;	/* #x in a function-like body: a string */
		if (strchr("{};,=.[]", tok[0]) || streq(tok, "->"))
			return false;
		/* ({ ... }): a statement expression */
		return !(tok[0] == '(' && next[0] == '{');
	}
	if (not_an_expression_start(tok))
		return false;
	struct smacro *d = strmap_get(&sc->map, tok);
	bool called = next[0] == '(' || (n == 1 && then_call);
	if (d && (d->bodies.n || (called && d->fbodies.n)))
		return macro_may_start(d, called, depth);
	if (d && d->fbodies.n)
		return false;		/* a function-like macro's bare name */
	/* f(...) at file scope is no constant, unless a builtin; nor is
	 * a.b */
	if (called)
		return startswith(tok, "__builtin_") || streq(tok, "sizeof") || streq(tok, "_Generic") ||
		       streq(tok, "_Alignof") || startswith(tok, "__alignof");
	return next[0] != '.' && !streq(next, "->");
}

bool scan_worth_asking(struct scan *s, struct smacro *m)
{
	sc = s;
	for (int i = 0; i < m->bodies.n; i++)
		if (maybe_expression(m, i, false, 0))
			return true;
	return false;
}

/* Does some definition of m, or of a macro it names, use one of the
 * macros whose value depends on where it is expanded (__FILE__,
 * __LINE__, ...)?  Its value in the macro block is no constant of the
 * header.  (__COUNTER__ is not one: it makes unique names, min()'s.) */
static bool uses_position(struct smacro *m, int depth)
{
	static const char *const words[] = {
		"__FILE__", "__LINE__", "__DATE__", "__TIME__", "__BASE_FILE__",
		"__FILE_NAME__", "__INCLUDE_LEVEL__", "__TIMESTAMP__",
	};
	if (m->position)
		return m->position == 1;
	m->position = -1;
	if (depth > 32)
		return false;
	bool uses = false;
	for (int k = 0; !uses && k < m->bodies.n + m->fbodies.n; k++) {
		int n;
		const struct mtok *t = scan_body(m, k, &n);
		for (int i = 0; !uses && i < n; i++) {
			if (t[i].kind != MT_IDENT)
				continue;
			/* pasted into a name (__compiletime_assert_##__LINE__)
			 * it changes no value */
			bool pasted = (i && streq(t[i - 1].s, "##")) ||
				      (i + 1 < n && streq(t[i + 1].s, "##"));
			for (size_t w = 0; !uses && !pasted && w < sizeof words / sizeof *words; w++)
				uses = streq(t[i].s, words[w]);
			struct smacro *r = strmap_get(&sc->map, t[i].s);
			uses = uses || (r && uses_position(r, depth + 1));
		}
	}
	m->position = uses ? 1 : -1;
	return uses;
}

bool scan_uses_position(struct scan *s, const char *name)
{
	sc = s;
	struct smacro *m = strmap_get(&s->map, name);
	return m && uses_position(m, 0);
}

static int expansion_size(struct smacro *m)
{
	if (m->size)
		return m->size < 0 ? 1 : m->size;
	m->size = -1;
	long most = 1;
	for (int k = 0; k < m->bodies.n + m->fbodies.n; k++) {
		int n;
		const struct mtok *t = scan_body(m, k, &n);
		long size = 0;
		for (int i = 0; i < n && size < 1 << 24; i++) {
			struct smacro *r = t[i].kind == MT_IDENT ? strmap_get(&sc->map, t[i].s) : NULL;
			size += r ? expansion_size(r) : 1;
		}
		most = size > most ? size : most;
	}
	m->size = most < 1 << 24 ? most : 1 << 24;
	return m->size;
}

int scan_expansion_size(struct scan *s, const char *name)
{
	sc = s;
	struct smacro *m = strmap_get(&s->map, name);
	return m ? expansion_size(m) : 1;
}
