/* kexports.c: the Linux kernel's rust/exports_*_generated.h, written
 * without `$(NM) -p --defined-only OBJ | awk '...'`.
 *
 * The kernel makes the list of the symbols a Rust object exports with
 *
 *   6.1:      awk '/ (T|R|D|B) / {printf "EXPORT_SYMBOL_RUST_GPL(%s);\n",$3}'
 *   6.12:     awk '$2~/(T|R|D|B)/ && $3!~/__cfi/ {printf "...(%s);\n",$3}'
 *   mainline: awk '$2~/(T|R|D|B)/ && $3!~/__(pfx|cfi|odr_asan)/
 *                  { printf FMT,$3 }'   (FMT "%s\n" for gendwarfksyms)
 *
 * over what GNU nm prints.  kexports reads the objects with libelf, makes
 * the text `nm -p --defined-only` would print (the same lines, in symbol
 * table order, with the same headers for archive members), and runs the
 * awk program over it as awk would: records split at newlines, fields at
 * runs of blanks, the regexes POSIX EREs.  So a name with a blank or a
 * newline in it comes out as the pipeline makes it.  --list prints the nm
 * text itself.  Build: cc -std=c11 -o kexports kexports.c -lelf (bfd.h
 * beside it).
 *
 * The symbol letters are binutils 2.40's (Debian bookworm's): see
 * nm_letter() and bfd.h's bfd_section_letter(), which say where each rule
 * comes from.
 *
 * Everything is read and computed first; the output is written only then,
 * to a temporary renamed over -o OUT, so an error leaves no output and an
 * existing OUT untouched. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE		/* sigaction, pread, readlink under -std=c11 */
#endif
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <libgen.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bfd.h"

#define KEXPORTS_VERSION "0.1.0"

static const char usage_text[] =
"Usage: kexports [OPTIONS] OBJ...\n"
"Writes the list of exported symbols of the Linux kernel's Rust objects\n"
"(rust/exports_*_generated.h): what\n"
"  $(NM) -p --defined-only OBJ... | awk '<the kernel's rule>'\n"
"prints, without nm or awk.  OBJ: ELF objects (32- or 64-bit, either byte\n"
"order, any machine) or ar archives of them.\n"
"\n"
"Options:\n"
"  --kernel GEN     the rule of kernel generation GEN (default 6.12):\n"
"                     6.1       lines matching / (T|R|D|B) /\n"
"                     6.12      $2~/(T|R|D|B)/ && $3!~/__cfi/\n"
"                     mainline  $2~/(T|R|D|B)/ && $3!~/__(pfx|cfi|odr_asan)/\n"
"  --exclude REGEX  leave out the names ($3) REGEX matches (a POSIX extended\n"
"                   regex, unanchored, as awk's !~) instead of GEN's;\n"
"                   '' excludes nothing\n"
"  --format FMT     print each name with FMT, a printf format with exactly one\n"
"                   %s and no other conversion (%% is a %); backslash escapes\n"
"                   (\\n \\t \\\\ \\\" \\ooo ...) are read as awk reads them.\n"
"                   Default: 'EXPORT_SYMBOL_RUST_GPL(%s);\\n'\n"
"  --list           print what `nm -p --defined-only OBJ...` prints instead\n"
"  --special-syms   keep the symbols nm leaves out as its target's special\n"
"                   symbols (ARM, AArch64, RISC-V mapping symbols $x, $d...;\n"
"                   on RISC-V also .L labels and empty names), as nm\n"
"                   --special-syms does\n"
"  --generic-elf    read every object as binutils' generic ELF targets do\n"
"                   (elf64-little, elf32-big...): no machine's special\n"
"                   symbols, small data or address bits.  That is how an nm\n"
"                   built for one machine (Debian's x86 nm) reads another's\n"
"  -o, --output OUT write OUT (all or nothing: a temporary renamed over it)\n"
"                   instead of stdout\n"
"  -h, --help       this text\n"
"  --version        kexports's version\n"
"\n"
"Exit status: 0 written, 1 an unreadable or malformed input or an output\n"
"that cannot be written (nothing written then), 2 a bad command line.\n";

static const char *prog = "kexports";
static bool special_syms;	/* --special-syms: keep nm's special symbols */
static bool generic;		/* --generic-elf: no machine's backend */

/* ---- errors: an input or output error ends the run before any output */

static char *volatile temp_path;	/* the temporary, until it is renamed */

static void remove_temp(void)
{
	if (temp_path)
		unlink(temp_path);
}

static void on_signal(int sig)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	remove_temp();
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

/* kexports: WHAT: REASON, exit 1 */
static _Noreturn void fail(const char *what, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
static _Noreturn void fail(const char *what, const char *f, ...)
{
	va_list ap;

	remove_temp();
	fprintf(stderr, "%s: %s: ", prog, what);
	va_start(ap, f);
	vfprintf(stderr, f, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* a bad command line: exit 2 */
static _Noreturn void usage_error(const char *f, ...)
	__attribute__((format(printf, 1, 2)));
static _Noreturn void usage_error(const char *f, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, f);
	vfprintf(stderr, f, ap);
	va_end(ap);
	fprintf(stderr, " (see %s --help)\n", prog);
	exit(2);
}

static _Noreturn void out_of_memory(void)
{
	remove_temp();
	fprintf(stderr, "%s: out of memory\n", prog);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* ---- a growable byte buffer: no fixed size cuts a name */

struct buf {
	char *p;
	size_t len, cap;
};

static void bput(struct buf *b, const void *s, size_t n)
{
	if (n > (size_t)-1 / 2 - b->len)
		out_of_memory();
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = xrealloc(b->p, cap);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}

static void bputs(struct buf *b, const char *s)
{
	bput(b, s, strlen(s));
}

static void bputc(struct buf *b, char c)
{
	bput(b, &c, 1);
}

/* ---- GNU nm's symbol letters, from ELF ---- */

/* One ELF object, as nm sees it. */
struct obj {
	const char *what;	/* FILE or ARCHIVE(MEMBER), for messages */
	Elf *elf;
	GElf_Ehdr eh;
	size_t shnum, shstrndx;
	size_t symtab;		/* the first SHT_SYMTAB; 0: none */
	char *secletter;	/* per section: its letter, lowercase; 0: nm
				 * made no section of it (absolute) */
};

static GElf_Shdr *shdr(const struct obj *o, size_t i, GElf_Shdr *sh)
{
	Elf_Scn *scn = elf_getscn(o->elf, i);

	if (!scn || !gelf_getshdr(scn, sh))
		fail(o->what, "section header %zu: %s", i, elf_errmsg(-1));
	return sh;
}

/* Whether binutils makes a BFD section of ELF section i
 * (bfd/elf.c, bfd_section_from_shdr).  A symbol defined in a section it
 * does not make gets bfd_abs_section (bfd/elfcode.h,
 * elf_slurp_symbol_table): nm prints it as absolute, 'a' or 'A'. */
static bool nm_has_section(const struct obj *o, size_t i, const GElf_Shdr *sh)
{
	bool shared_or_exec = o->eh.e_type == ET_DYN || o->eh.e_type == ET_EXEC;
	GElf_Shdr target;

	switch (sh->sh_type) {
	case SHT_NULL:		/* an inactive section, thrown away */
	case SHT_SYMTAB_SHNDX:
	case SHT_SHLIB:
		return false;
	case SHT_SYMTAB:	/* a section only when a shared object maps it */
		return i == o->symtab && (sh->sh_flags & SHF_ALLOC) && o->eh.e_type == ET_DYN;
	case SHT_STRTAB:	/* all but the names of sections and symbols */
		if (i == o->shstrndx)
			return false;
		if (o->symtab) {
			GElf_Shdr st;
			if (shdr(o, o->symtab, &st)->sh_link == i)
				return false;
		}
		return true;
	case SHT_REL:
	case SHT_RELA:		/* relocations of another section, not a section */
		if ((shared_or_exec && (sh->sh_flags & SHF_ALLOC)) || sh->sh_link == 0 ||
		    sh->sh_link != o->symtab || sh->sh_info == 0 || sh->sh_info >= o->shnum)
			return true;
		shdr(o, sh->sh_info, &target);
		return target.sh_type == SHT_REL || target.sh_type == SHT_RELA;
	}
	return true;
}

/* bfd/elf{32,64}-arm.c, elfnn-aarch64.c, elfnn-riscv.c:
 * is_target_special_symbol.  nm leaves these out unless --special-syms:
 * mapping symbols ($x, $d, ...) and, on RISC-V, empty names and local
 * labels.  (Debian's x86 nm reads other machines' objects with its generic
 * ELF targets, which have none: it lists them.  They are local, so they
 * never reach the exports.) */
static bool elf_local_label(const char *n)	/* bfd/elf.c */
{
	if (n[0] == '.' && (n[1] == 'L' || n[1] == '.'))
		return true;
	if (n[0] == '_' && n[1] == '.' && n[2] == 'L' && n[3] == '_')
		return true;
	/* L<digit>^A...: an assembler's fake symbol */
	return n[0] == 'L' && isdigit((unsigned char)n[1]) && n[2] == 1;
}

static bool special_symbol(const struct obj *o, const char *n)
{
	switch (generic ? EM_NONE : o->eh.e_machine) {
	case EM_ARM:
		return n[0] == '$' && n[1] >= 'a' && n[1] <= 'z' && (n[2] == 0 || n[2] == '.');
	case EM_AARCH64:
		return n[0] == '$' && n[1] && strchr("xdmfp", n[1]) &&
		       (n[2] == 0 || n[2] == '.');
	case EM_RISCV:
		return n[0] == 0 || elf_local_label(n) ||
		       !strncmp(n, "$d", 2) || !strncmp(n, "$x", 2);
	}
	return false;
}

/* Where a symbol is defined (tools/bfd.h). */
static enum bfd_where symbol_where(const struct obj *o, size_t shndx, bool extended)
{
	return bfd_symbol_where(generic ? EM_NONE : o->eh.e_machine, shndx, extended,
				shndx < o->shnum && o->secletter[shndx]);
}

/* The letter GNU nm prints: bfd/syms.c, bfd_decode_symclass, over the
 * flags bfd/elfcode.h (elf_slurp_symbol_table) gives an ELF symbol:
 *   STB_LOCAL BSF_LOCAL, STB_GLOBAL BSF_GLOBAL (not when common),
 *   STB_WEAK BSF_WEAK, STB_GNU_UNIQUE BSF_GNU_UNIQUE, other bindings none;
 *   STT_OBJECT and STT_COMMON BSF_OBJECT, STT_GNU_IFUNC
 *   BSF_GNU_INDIRECT_FUNCTION.
 * The tests run in bfd_decode_symclass's order. */
static char nm_letter(const struct obj *o, const GElf_Sym *s, enum bfd_where where, size_t shndx)
{
	int type = GELF_ST_TYPE(s->st_info), bind = GELF_ST_BIND(s->st_info);
	char c;

	if (where == COMMON)			/* bfd_is_com_section */
		return 'C';
	if (where == SMALL_COMMON)		/* ... SEC_SMALL_DATA */
		return 'c';
	if (where == UNDEFINED)			/* bfd_is_und_section */
		return bind != STB_WEAK ? 'U' : type == STT_OBJECT || type == STT_COMMON ? 'v' : 'w';
	if (type == STT_GNU_IFUNC)		/* BSF_GNU_INDIRECT_FUNCTION */
		return 'i';
	if (bind == STB_WEAK)			/* BSF_WEAK, BSF_OBJECT or not */
		return type == STT_OBJECT || type == STT_COMMON ? 'V' : 'W';
	if (bind == STB_GNU_UNIQUE)		/* BSF_GNU_UNIQUE */
		return 'u';
	if (bind != STB_LOCAL && bind != STB_GLOBAL)	/* neither BSF_GLOBAL nor BSF_LOCAL */
		return '?';
	c = where == ABSOLUTE ? 'a' : o->secletter[shndx];
	return bind == STB_GLOBAL ? toupper((unsigned char)c) : c;
}

/* Appends to nm what `nm -p --defined-only` prints of one ELF object's
 * symbols: "VALUE LETTER NAME\n", in symbol table order. */
static void list_object(struct obj *o, unsigned long long size, struct buf *nm)
{
	GElf_Shdr sh, symsh;
	Elf_Data *syms, *xndx = NULL;
	size_t nsyms, entsize;

	if (!gelf_getehdr(o->elf, &o->eh))
		fail(o->what, "%s", elf_errmsg(-1));
	/* libelf takes section headers past the end for no sections */
	if (o->eh.e_shoff) {
		unsigned long long n = o->eh.e_shnum ? o->eh.e_shnum : 1;
		if (o->eh.e_shentsize != gelf_fsize(o->elf, ELF_T_SHDR, 1, EV_CURRENT))
			fail(o->what, "bad section header size %u", o->eh.e_shentsize);
		if (o->eh.e_shoff > size || n > (size - o->eh.e_shoff) / o->eh.e_shentsize)
			fail(o->what, "truncated: the section headers end past the end of the file");
	}
	if (elf_getshdrnum(o->elf, &o->shnum) || elf_getshdrstrndx(o->elf, &o->shstrndx))
		fail(o->what, "%s", elf_errmsg(-1));
	o->symtab = 0;
	for (size_t i = 1; i < o->shnum; i++) {
		if (shdr(o, i, &sh)->sh_type != SHT_NOBITS &&
		    (sh.sh_offset > size || sh.sh_size > size - sh.sh_offset))
			fail(o->what, "truncated: section %zu ends past the end of the file", i);
		/* bfd/elfcode.h, elf_object_p: links out of range, not ELF */
		if (sh.sh_link >= o->shnum ||
		    ((sh.sh_flags & SHF_INFO_LINK || sh.sh_type == SHT_REL ||
		      sh.sh_type == SHT_RELA) && sh.sh_info >= o->shnum))
			fail(o->what, "section %zu: link out of range", i);
		if (sh.sh_type == SHT_SYMTAB && !o->symtab)
			o->symtab = i;
	}
	if (!o->symtab)		/* nm says "no symbols" and prints none */
		return;

	o->secletter = xrealloc(NULL, o->shnum);
	for (size_t i = 0; i < o->shnum; i++) {
		const char *name;
		o->secletter[i] = 0;
		if (!i || !nm_has_section(o, i, shdr(o, i, &sh)))
			continue;
		/* binutils rejects an object with a section it cannot name */
		if (!(name = elf_strptr(o->elf, o->shstrndx, sh.sh_name)))
			fail(o->what, "section %zu: bad name: %s", i, elf_errmsg(-1));
		o->secletter[i] = bfd_section_letter(generic ? EM_NONE : o->eh.e_machine, &sh, name);
	}

	Elf_Scn *scn = elf_getscn(o->elf, o->symtab);
	if (!scn || !gelf_getshdr(scn, &symsh) || !(syms = elf_getdata(scn, NULL)))
		fail(o->what, "symbol table: %s", elf_errmsg(-1));
	entsize = gelf_fsize(o->elf, ELF_T_SYM, 1, EV_CURRENT);
	if (!entsize || symsh.sh_entsize != entsize)
		fail(o->what, "symbol table: bad entry size %llu",
		     (unsigned long long)symsh.sh_entsize);
	nsyms = syms->d_size / entsize;
	if (nsyms > 0x7fffffff)		/* gelf_getsymshndx takes an int */
		fail(o->what, "symbol table: too many symbols");
	for (size_t i = 1; i < o->shnum; i++) {
		GElf_Shdr x;
		if (shdr(o, i, &x)->sh_type == SHT_SYMTAB_SHNDX && x.sh_link == o->symtab) {
			Elf_Scn *xs = elf_getscn(o->elf, i);
			if (!(xndx = elf_getdata(xs, NULL)))
				fail(o->what, "extended section indexes: %s", elf_errmsg(-1));
			break;
		}
	}

	int width = gelf_getclass(o->elf) == ELFCLASS64 ? 16 : 8;
	for (size_t k = 1; k < nsyms; k++) {	/* symbol 0 is no symbol */
		GElf_Sym s;
		Elf32_Word xi = 0;
		const char *name;

		if (!gelf_getsymshndx(syms, xndx, (int)k, &s, &xi))
			fail(o->what, "symbol %zu: %s", k, elf_errmsg(-1));
		int type = GELF_ST_TYPE(s.st_info);
		if (type == STT_SECTION || type == STT_FILE)
			continue;	/* BSF_DEBUGGING: only with nm -a */
		size_t shndx = s.st_shndx;
		bool extended = shndx == SHN_XINDEX;
		if (extended) {
			if (!xndx)
				fail(o->what, "symbol %zu: SHN_XINDEX without SHT_SYMTAB_SHNDX", k);
			shndx = xi;
		}
		enum bfd_where where = symbol_where(o, shndx, extended);
		if (where == UNDEFINED)
			continue;	/* --defined-only */
		if (!(name = elf_strptr(o->elf, symsh.sh_link, s.st_name)))
			fail(o->what, "symbol %zu: bad name: %s", k, elf_errmsg(-1));
		if (!special_syms && special_symbol(o, name))
			continue;
		/* nm's value (bfd/elfcode.h, bfd/syms.c bfd_symbol_info): a
		 * common symbol's is its size; in a relocatable object the
		 * section's address is added to the others'. */
		unsigned long long value = where == COMMON || where == SMALL_COMMON
			? s.st_size : s.st_value;
		/* the low bit of a Thumb, MIPS16 or microMIPS function's
		 * address, dropped (elf32-arm.c, elf32_arm_swap_symbol_in;
		 * elfxx-mips.c, _bfd_mips_elf_symbol_processing) */
		int machine = generic ? EM_NONE : o->eh.e_machine;
		if (machine == EM_ARM && (type == STT_FUNC || type == STT_GNU_IFUNC))
			value &= ~1ULL;
		if (machine == EM_MIPS && type == STT_FUNC)
			value &= ~1ULL;
		if (where == IN_SECTION && o->eh.e_type != ET_EXEC && o->eh.e_type != ET_DYN) {
			GElf_Shdr in;
			value += shdr(o, shndx, &in)->sh_addr;
		}
		char head[40];
		int n = snprintf(head, sizeof head, "%0*llx %c ", width, value,
				 nm_letter(o, &s, where, shndx));
		bput(nm, head, n);
		bputs(nm, name);
		bputc(nm, '\n');
	}
	free(o->secletter);
	o->secletter = NULL;
}

/* ---- files and archives ---- */

/* The size an ar member header (60 bytes at off) gives: libelf cuts
 * ar_size to what the file holds, which hides a truncated member. */
static unsigned long long header_size(int fd, off_t off)
{
	char h[61];
	unsigned long long n = 0;

	if (pread(fd, h, 60, off) != 60)
		return (unsigned long long)-1;
	for (int i = 48; i < 58 && h[i] >= '0' && h[i] <= '9'; i++)
		n = n * 10 + h[i] - '0';
	return n;
}

/* nm's text for one OBJ argument; many: "\nOBJ:\n" before each (nm.c,
 * print_object_filename_bsd and print_archive_filename_bsd), and
 * "\nMEMBER:\n" before each archive member (print_archive_member_bsd). */
static void list_file(const char *path, bool many, struct buf *nm)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		fail(path, "%s", strerror(errno));
	if (fstat(fd, &st))
		fail(path, "%s", strerror(errno));
	if (S_ISDIR(st.st_mode))
		fail(path, "is a directory");
	if (!S_ISREG(st.st_mode))
		fail(path, "not a regular file");

	/* libelf reads the file lazily: an error can surface at any step */
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf)
		fail(path, "%s", elf_errmsg(-1));
	if (elf_kind(elf) == ELF_K_ELF) {
		struct obj o = { .what = path, .elf = elf };
		if (many) {
			bputs(nm, "\n");
			bputs(nm, path);
			bputs(nm, ":\n");
		}
		list_object(&o, st.st_size, nm);
	} else if (elf_kind(elf) == ELF_K_AR) {
		struct buf what = { 0 };

		if (many) {
			bputs(nm, "\n");
			bputs(nm, path);
			bputs(nm, ":\n");
		}
		/* elf_next says when the members end, also when the next
		 * header is bad: the end is where the last member ends, padded
		 * to an even offset.  Eight bytes: "!<arch>\n" and no member. */
		for (Elf_Cmd cmd = st.st_size > 8 ? ELF_C_READ : ELF_C_NULL; cmd != ELF_C_NULL;) {
			Elf *m = elf_begin(fd, cmd, elf);
			if (!m)
				fail(path, "archive: %s", elf_errmsg(-1));
			Elf_Arhdr *h = elf_getarhdr(m);
			if (!h)
				fail(path, "archive member: %s", elf_errmsg(-1));
			const char *name = h->ar_name;
			unsigned long long end = (unsigned long long)elf_getbase(m) + h->ar_size;
			if (elf_getbase(m) < 60 || end > (unsigned long long)st.st_size ||
			    header_size(fd, elf_getbase(m) - 60) != (unsigned long long)h->ar_size)
				fail(path, "archive: truncated: %s ends past the end of the file", name);
			/* the symbol index and the long names: not members */
			if (strcmp(name, "/") && strcmp(name, "//") && strcmp(name, "/SYM64/")) {
				what.len = 0;
				bputs(&what, path);
				bputc(&what, '(');
				bputs(&what, name);
				bputc(&what, ')');
				if (elf_kind(m) != ELF_K_ELF)
					fail(what.p, "not an ELF object");
				struct obj o = { .what = what.p, .elf = m };
				bputs(nm, "\n");
				bputs(nm, name);
				bputs(nm, ":\n");
				list_object(&o, h->ar_size, nm);
			}
			cmd = elf_next(m);
			if (cmd == ELF_C_NULL && end + (end & 1) < (unsigned long long)st.st_size)
				fail(path, "archive: bad member header after %s", name);
			elf_end(m);
		}
		free(what.p);
	} else {
		char magic[8];
		if (pread(fd, magic, 8, 0) == 8 && !memcmp(magic, "!<thin>\n", 8))
			fail(path, "a thin archive: not supported");
		fail(path, "not an ELF object or archive");
	}
	elf_end(elf);
	close(fd);
}

/* ---- the awk program ---- */

struct rule {
	const char *line_re;	/* 6.1: $0 ~ this */
	const char *type_re;	/* 6.12 on: $2 ~ this ... */
	const char *exclude_re;	/* ... && $3 !~ this */
};

static const struct {
	const char *name;
	struct rule rule;
} kernels[] = {
	{ "6.1", { " (T|R|D|B) ", NULL, NULL } },
	{ "6.12", { NULL, "(T|R|D|B)", "__cfi" } },
	{ "mainline", { NULL, "(T|R|D|B)", "__(pfx|cfi|odr_asan)" } },
};

static void compile(regex_t *re, const char *src, const char *what)
{
	int e = regcomp(re, src, REG_EXTENDED | REG_NOSUB);

	if (e) {
		size_t n = regerror(e, re, NULL, 0);
		char *msg = xrealloc(NULL, n);
		regerror(e, re, msg, n);
		usage_error("%s '%s': %s", what, src, msg);
	}
}

/* awk's string escapes (the format is an awk string in the kernel's rule):
 * \n \t \r \a \b \f \v \\ \" \/ and \ooo; another \c stays \c, as in
 * mawk. */
static char *unescape(const char *s)
{
	struct buf b = { 0 };

	bput(&b, "", 0);
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			bputc(&b, *s);
			continue;
		}
		switch (*++s) {
		case 'n': bputc(&b, '\n'); break;
		case 't': bputc(&b, '\t'); break;
		case 'r': bputc(&b, '\r'); break;
		case 'a': bputc(&b, '\a'); break;
		case 'b': bputc(&b, '\b'); break;
		case 'f': bputc(&b, '\f'); break;
		case 'v': bputc(&b, '\v'); break;
		case '\\': case '"': case '/': bputc(&b, *s); break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7': {
			int v = 0;
			for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
				v = v * 8 + *s++ - '0';
			s--;
			if (!(v & 0xff))
				usage_error("--format: \\0 (a NUL) is not allowed");
			bputc(&b, (char)v);
			break;
		}
		default:
			bputc(&b, '\\');
			bputc(&b, *s);
		}
	}
	return b.p;
}

/* Splits a format with exactly one %s (and %% for %) around the %s. */
static void parse_format(const char *fmt, struct buf *pre, struct buf *post)
{
	char *f = unescape(fmt);
	int convs = 0;

	for (const char *p = f; *p; p++) {
		struct buf *to = convs ? post : pre;
		if (*p != '%') {
			bputc(to, *p);
		} else if (p[1] == '%') {
			bputc(to, '%');
			p++;
		} else if (p[1] == 's') {
			if (convs++)
				usage_error("--format '%s': more than one %%s", fmt);
			p++;
		} else {
			usage_error("--format '%s': only %%s and %%%% are allowed", fmt);
		}
	}
	if (!convs)
		usage_error("--format '%s': no %%s", fmt);
	bput(pre, "", 0);
	bput(post, "", 0);
	free(f);
}

/* Runs the awk program over nm's text: each record (line) split into
 * fields at runs of blanks and tabs, as awk's default FS does. */
static void run_rule(struct buf *nm, const struct rule *r, const char *exclude,
		     const struct buf *pre, const struct buf *post, struct buf *out)
{
	regex_t line_re, type_re, ex_re;
	struct buf f3 = { 0 };

	if (r->line_re)
		compile(&line_re, r->line_re, "rule");
	if (r->type_re)
		compile(&type_re, r->type_re, "rule");
	if (exclude)
		compile(&ex_re, exclude, "--exclude");

	char *p = nm->p, *end = nm->p + nm->len;
	while (p < end) {
		char *nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		*nl = 0;	/* the record, NUL-terminated (names have no NUL) */
		const char *field[3] = { "", "", "" };
		size_t flen[3] = { 0, 0, 0 };
		const char *q = p;
		for (int i = 0; i < 3; i++) {
			q += strspn(q, " \t");
			if (!*q)
				break;
			field[i] = q;
			flen[i] = strcspn(q, " \t");
			q += flen[i];
		}
		f3.len = 0;
		bput(&f3, field[2], flen[2]);
		bool match;
		if (r->line_re) {
			match = !regexec(&line_re, p, 0, NULL, 0);
		} else {
			char *f2 = xrealloc(NULL, flen[1] + 1);
			memcpy(f2, field[1], flen[1]);
			f2[flen[1]] = 0;
			match = !regexec(&type_re, f2, 0, NULL, 0);
			free(f2);
		}
		if (match && exclude)
			match = regexec(&ex_re, f3.p, 0, NULL, 0) != 0;
		if (match) {
			bput(out, pre->p, pre->len);
			bput(out, f3.p, f3.len);
			bput(out, post->p, post->len);
		}
		if (nl < end)
			*nl = '\n';
		p = nl + 1;
	}
	free(f3.p);
	if (r->line_re)
		regfree(&line_re);
	if (r->type_re)
		regfree(&type_re);
	if (exclude)
		regfree(&ex_re);
}

/* ---- output: all or nothing ---- */

static bool write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= w;
	}
	return true;
}

/* The file a path names once its symbolic links are followed (the last
 * may dangle: the output is then created where it points). */
static char *follow_links(const char *path)
{
	char *p = xstrdup(path);
	struct stat st;

	for (int hops = 0; !lstat(p, &st) && S_ISLNK(st.st_mode); hops++) {
		if (hops == 40)
			fail(path, "%s", strerror(ELOOP));
		size_t cap = st.st_size + 1;
		char *t = xrealloc(NULL, cap + 1);
		ssize_t n = readlink(p, t, cap + 1);
		if (n < 0)
			fail(path, "%s", strerror(errno));
		if ((size_t)n > cap)
			fail(path, "the link changed while read");
		t[n] = 0;
		if (t[0] != '/') {
			char *d = xstrdup(p);
			char *dir = dirname(d);
			char *joined = xrealloc(NULL, strlen(dir) + strlen(t) + 2);
			sprintf(joined, "%s/%s", dir, t);
			free(d);
			free(t);
			t = joined;
		}
		free(p);
		p = t;
	}
	return p;
}

static void write_output(const char *out_path, const struct buf *text, char **inputs, int ninputs)
{
	struct stat st;

	if (!out_path) {
		if (!write_all(1, text->p ? text->p : "", text->len))
			fail("stdout", "%s", strerror(errno));
		return;
	}
	char *path = follow_links(out_path);
	bool exists = !stat(path, &st);
	if (exists) {
		for (int i = 0; i < ninputs; i++) {
			struct stat in;
			if (!stat(inputs[i], &in) && in.st_dev == st.st_dev && in.st_ino == st.st_ino)
				fail(out_path, "cannot write: it is an input");
		}
		if (S_ISDIR(st.st_mode))
			fail(out_path, "cannot write: %s", strerror(EISDIR));
		if (!S_ISREG(st.st_mode)) {	/* /dev/null, a fifo: in place */
			int fd = open(path, O_WRONLY | O_TRUNC);
			if (fd < 0 || !write_all(fd, text->p ? text->p : "", text->len) || close(fd))
				fail(out_path, "cannot write: %s", strerror(errno));
			free(path);
			return;
		}
	}

	char *d = xstrdup(path), *b = xstrdup(path);
	const char *dir = dirname(d), *base = basename(b);
	temp_path = xrealloc(NULL, strlen(dir) + strlen(base) + 12);
	sprintf(temp_path, "%s/.%s.XXXXXX", dir, base);
	free(d);
	free(b);

	/* the temporary goes on exit and on these signals, until renamed */
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = on_signal }, old;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 3; i++)
		if (!sigaction(sigs[i], NULL, &old) && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	sigset_t all, oldmask;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &oldmask);
	int fd = mkstemp(temp_path);
	int e = errno;
	if (fd < 0) {
		char *t = temp_path;
		temp_path = NULL;
		free(t);
	}
	sigprocmask(SIG_SETMASK, &oldmask, NULL);
	if (fd < 0)
		fail(out_path, "cannot write: %s", strerror(e));

	mode_t mode;
	if (exists) {
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);
		umask(um);
		mode = 0666 & ~um;
	}
	if (!write_all(fd, text->p ? text->p : "", text->len) || fchmod(fd, mode) || close(fd) ||
	    rename(temp_path, path))
		fail(out_path, "cannot write: %s", strerror(errno));
	char *t = temp_path;
	temp_path = NULL;
	free(t);
	free(path);
}

/* ---- the command line ---- */

/* --opt VALUE or --opt=VALUE; -o VALUE or -oVALUE */
static const char *optarg_of(int argc, char **argv, int *i, const char *opt)
{
	const char *a = argv[*i];
	size_t n = strlen(opt);

	if (strncmp(a, opt, n))
		return NULL;
	if (a[n] == '=' && opt[1] == '-')
		return a + n + 1;
	if (a[n] && opt[1] != '-')
		return a + n;
	if (a[n])
		return NULL;
	if (*i + 1 >= argc)
		usage_error("%s needs a value", opt);
	return argv[++*i];
}

int main(int argc, char **argv)
{
	const struct rule *rule = &kernels[1].rule;	/* 6.12 */
	const char *exclude = NULL, *format = "EXPORT_SYMBOL_RUST_GPL(%s);\\n", *out = NULL;
	bool exclude_given = false, list = false;
	char **inputs = xrealloc(NULL, argc * sizeof *inputs);
	int ninputs = 0;
	const char *v;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (++i < argc)
				inputs[ninputs++] = argv[i];
			break;
		}
		if (a[0] != '-' || !a[1]) {
			inputs[ninputs++] = argv[i];
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			free(inputs);
			return 0;
		} else if (!strcmp(a, "--version")) {
			printf("kexports %s (kbindgen's tools; binutils 2.40's nm letters)\n",
			       KEXPORTS_VERSION);
			free(inputs);
			return 0;
		} else if (!strcmp(a, "--list")) {
			list = true;
		} else if (!strcmp(a, "--special-syms")) {
			special_syms = true;
		} else if (!strcmp(a, "--generic-elf")) {
			generic = true;
		} else if ((v = optarg_of(argc, argv, &i, "--kernel"))) {
			size_t k;
			for (k = 0; k < sizeof kernels / sizeof *kernels; k++)
				if (!strcmp(v, kernels[k].name))
					break;
			if (k == sizeof kernels / sizeof *kernels)
				usage_error("--kernel %s: not 6.1, 6.12 or mainline", v);
			rule = &kernels[k].rule;
		} else if ((v = optarg_of(argc, argv, &i, "--exclude"))) {
			exclude = v;
			exclude_given = true;
		} else if ((v = optarg_of(argc, argv, &i, "--format"))) {
			format = v;
		} else if ((v = optarg_of(argc, argv, &i, "--output")) ||
			   (v = optarg_of(argc, argv, &i, "-o"))) {
			out = v;
		} else {
			usage_error("unknown option %s", a);
		}
	}
	if (!ninputs)
		usage_error("no object given");
	if (!exclude_given)
		exclude = rule->exclude_re;
	else if (!*exclude)
		exclude = NULL;

	/* the command line is checked whole before any file is read */
	struct buf pre = { 0 }, post = { 0 };
	parse_format(format, &pre, &post);
	if (exclude) {
		regex_t re;
		compile(&re, exclude, "--exclude");
		regfree(&re);
	}

	if (elf_version(EV_CURRENT) == EV_NONE)
		fail("libelf", "%s", elf_errmsg(-1));
	struct buf nm = { 0 }, text = { 0 };
	for (int i = 0; i < ninputs; i++)
		list_file(inputs[i], ninputs > 1, &nm);
	if (list)
		text = nm;
	else
		run_rule(&nm, rule, exclude, &pre, &post, &text);
	write_output(out, &text, inputs, ninputs);
	if (text.p != nm.p)
		free(text.p);
	free(nm.p);
	free(pre.p);
	free(post.p);
	free(inputs);
	return 0;
}
