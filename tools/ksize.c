/* ksize: sizes of the Linux kernel's Rust objects, on libelf.
 *
 *   ksize OBJ...                 what GNU size (Berkeley format) prints
 *   ksize --crates FILE          each Rust crate's share of FILE
 *   ksize --top N FILE           the N largest symbols, demangled
 *   ksize --diff OLD NEW         what scripts/bloat-o-meter prints
 *
 * OBJ/FILE: ELF objects (.o, .ko, vmlinux, shared objects), or ar
 * archives of them (thin ones too: their members are read from the files
 * they name).
 *
 * Sections (binutils 2.40, Debian bookworm): bfd/elf.c makes a BFD
 * section of most ELF sections (has_bfd_section, as tools/kexports.c's
 * nm_has_section), after the checks that make a file "not recognized"
 * (check_headers, load_obj, check_groups), with the flags SEC_ALLOC = SHF_ALLOC, SEC_CODE = SHF_EXECINSTR,
 * SEC_READONLY = !SHF_WRITE, SEC_HAS_CONTENTS = !SHT_NOBITS; size.c's
 * berkeley_or_gnu_sum counts an allocated section as text when it is code
 * or read-only, else as data when it has contents, else as bss.  Common
 * symbols are not counted (size --common would add them to bss).
 *
 * Symbols: the letters are GNU nm's, computed as tools/kexports.c does
 * (bfd/syms.c, bfd_decode_symclass); --diff reads them as bloat-o-meter
 * reads `nm --size-sort`: defined, not absolute, not a section or file
 * symbol, st_size not 0.
 *
 * Rust names are demangled with libiberty's rust_demangle (v0 and
 * legacy).  The crate of a symbol is read from the v0 mangling itself:
 * the crate root of its path, where a path through an impl (`<T>::f`,
 * `<T as Trait>::f`) takes the crate of the self type T (of the impl's
 * own path when T is a built-in type: `<u32 as Display>::fmt` is core's).
 * A name that is not Rust is "C". */
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <libiberty/demangle.h>
#include <limits.h>
#include <setjmp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kbindgen.h"
#include "bfd.h"

static const char usage_text[] =
"Usage: ksize [OBJ...]\n"
"       ksize --crates FILE\n"
"       ksize --top N FILE\n"
"       ksize --diff [-c|-d|-t] [--demangle] OLD NEW\n"
"Sizes of ELF objects (.o, .ko, vmlinux) and archives of them, for the\n"
"Linux kernel's Rust code.\n"
"\n"
"  (no mode)   text, data, bss, dec, hex, filename for each object (an\n"
"              archive's members \"(ex ARCHIVE)\"), as GNU size prints them\n"
"  --crates    per Rust crate: the sizes of the symbols (functions and\n"
"              objects) whose v0 name is in the crate; C for the rest\n"
"  --top N     the N largest symbols, demangled, with their section\n"
"  --diff      the symbols that grew, shrank, came or went from OLD to NEW,\n"
"              as the kernel's scripts/bloat-o-meter prints them (-c by\n"
"              category, -d data only, -t functions only); --demangle\n"
"              prints Rust names demangled\n"
"\n"
"Exit status: 0, 1 an unreadable or malformed input (ksize: FILE: REASON),\n"
"2 a bad command line.\n";

/* ---- errors: ksize: WHAT: REASON, exit 1; or, listing sizes, on to the
 * next file as size does */

static jmp_buf *recover;	/* set: a failing file is skipped */
static Elf *reading;		/* the object being read, ended on a failure */
static int status;

static noreturn void fail(const char *what, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
static noreturn void fail(const char *what, const char *f, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "ksize: %s: ", what);
	va_start(ap, f);
	vfprintf(stderr, f, ap);
	va_end(ap);
	fputc('\n', stderr);
	status = 1;
	if (reading) {
		elf_end(reading);
		reading = NULL;
	}
	if (recover)
		longjmp(*recover, 1);
	exit(1);
}

/* ---- one ELF object, as binutils sees it ---- */

struct sec {
	GElf_Shdr sh;
	const char *name;
	char cls;		/* allocated: 't' code, 'r' read-only, 'd' data,
				 * 'b' no contents; 0: not allocated, or no
				 * BFD section */
	char letter;		/* nm's, lowercase; 0: no BFD section */
};

struct obj {
	const char *name;	/* what size prints: the file, or the member */
	const char *archive;	/* the archive it is a member of, or NULL */
	const char *what;	/* for messages: FILE or ARCHIVE(MEMBER) */
	Elf *elf;
	GElf_Ehdr eh;
	size_t shnum, shstrndx, symtab;
	struct sec *sec;
	bool strtab_read;	/* the symbols' string table, by binutils */
};

/* Whether binutils makes a BFD section of ELF section i (bfd/elf.c,
 * bfd_section_from_shdr); size counts only those, and a symbol in another
 * is absolute to nm. */
static bool has_bfd_section(const struct obj *o, size_t i)
{
	const GElf_Shdr *sh = &o->sec[i].sh;
	bool shared_or_exec = o->eh.e_type == ET_DYN || o->eh.e_type == ET_EXEC;

	switch (sh->sh_type) {
	case SHT_NULL:
	case SHT_SYMTAB_SHNDX:
	case SHT_SHLIB:
		return false;
	case SHT_SYMTAB:
		return i == o->symtab && (sh->sh_flags & SHF_ALLOC) && o->eh.e_type == ET_DYN;
	case SHT_STRTAB:
		if (i == o->shstrndx)
			return false;
		return !o->symtab || o->sec[o->symtab].sh.sh_link != i;
	case SHT_REL:
	case SHT_RELA:		/* another section's relocations: no section */
		if ((shared_or_exec && (sh->sh_flags & SHF_ALLOC)) || sh->sh_link == 0 ||
		    sh->sh_link != o->symtab || sh->sh_info == 0 || sh->sh_info >= o->shnum)
			return true;
		return o->sec[sh->sh_info].sh.sh_type == SHT_REL ||
		       o->sec[sh->sh_info].sh.sh_type == SHT_RELA;
	}
	return true;		/* the user range's too, allocated or not */
}

/* The checks binutils 2.40 makes before it takes a file for an ELF object
 * (bfd/elfcode.h, elf_object_p) and as it reads each section header
 * (bfd/elf.c, bfd_section_from_shdr): a file that fails them is "file
 * format not recognized" to size and nm.  ksize is stricter in two
 * places, where size only warns: a section whose contents end past the
 * end of the file (truncated), and a bad section name table index (size
 * then makes no sections and prints zeros). */
static void check_headers(struct obj *o, size_t fsize, size_t shsize)
{
	const GElf_Ehdr *eh = &o->eh;
	size_t ehsize = gelf_fsize(o->elf, ELF_T_EHDR, 1, EV_CURRENT);
	size_t phsize = gelf_fsize(o->elf, ELF_T_PHDR, 1, EV_CURRENT);
	GElf_Shdr sh0 = { 0 };

	if (eh->e_ident[EI_VERSION] != EV_CURRENT)
		fail(o->what, "bad ELF version %u", eh->e_ident[EI_VERSION]);
	if (eh->e_type == ET_CORE)
		fail(o->what, "a core file, not an object");
	if (eh->e_shoff < ehsize && eh->e_type == ET_REL)
		fail(o->what, "a relocatable object without section headers");
	if (eh->e_shnum && eh->e_shentsize != shsize)
		fail(o->what, "bad section header size %u", eh->e_shentsize);
	if (eh->e_shnum && eh->e_shoff < ehsize)
		fail(o->what, "bad section header offset %llu", (unsigned long long)eh->e_shoff);
	if (eh->e_shoff >= ehsize) {
		/* libelf sees no sections where the table is cut: the count
		 * (e_shnum, or section 0's sh_size when it is 0) is checked
		 * against the file first */
		if (eh->e_shoff > fsize || fsize - eh->e_shoff < shsize)
			fail(o->what, "truncated: the section headers end past the end of the file");
		Elf_Scn *scn0 = elf_getscn(o->elf, 0);
		if (scn0)
			gelf_getshdr(scn0, &sh0);
		uint64_t n = eh->e_shnum;
		if (!n && (!sh0.sh_size || sh0.sh_size >= SHN_LORESERVE))
			fail(o->what, "bad section count %llu", (unsigned long long)sh0.sh_size);
		if (!n)
			n = sh0.sh_size;
		if ((fsize - eh->e_shoff) / shsize < n)
			fail(o->what, "truncated: the section headers end past the end of the file");
	}
	uint64_t phnum = eh->e_phnum == PN_XNUM && sh0.sh_info ? sh0.sh_info : eh->e_phnum;
	if (phnum && phnum > fsize / phsize)
		fail(o->what, "bad program header count %llu", (unsigned long long)phnum);
	if (phnum && (eh->e_phoff > fsize || (fsize - eh->e_phoff) / phsize < phnum))
		fail(o->what, "truncated: the program headers end past the end of the file");
}

/* bfd/elfcode.h, elf_object_p: a link out of range is not ELF, but on
 * x86 and SPARC Solaris's SHN_BEFORE and SHN_AFTER */
static bool bad_link(const struct obj *o, uint64_t link, bool or_equal)
{
	if (or_equal ? link < o->shnum : link <= o->shnum)
		return false;
	switch (o->eh.e_machine) {
	case EM_386:
	case EM_IAMCU:
	case EM_X86_64:
	case 11:		/* EM_OLD_SPARCV9 */
	case EM_SPARC32PLUS:
	case EM_SPARCV9:
	case EM_SPARC:
		return link != SHN_LORESERVE && link != SHN_LORESERVE + 1;
	}
	return true;
}

/* Section groups, as bfd/elf.c (setup_group, group_signature,
 * _bfd_elf_setup_sections) takes them: a group (SHT_GROUP, two words or
 * more) needs a member that is a section and was read as one of a group
 * (SHF_GROUP, which binutils also gives every member once it reads the
 * groups, at the first section that has it); the signature of such a
 * group is a symbol of the symbol table, read from the file; a member
 * that is not a section must be relocations. */
static void check_groups(const struct obj *o, const char *raw, size_t rawsize)
{
	size_t first = 0;	/* the first section with SHF_GROUP */

	for (size_t i = 1; i < o->shnum && !first; i++)
		if (o->sec[i].letter && (o->sec[i].sh.sh_flags & SHF_GROUP))
			first = i;
	bool big_endian = o->eh.e_ident[EI_DATA] == ELFDATA2MSB;
	for (size_t g = 1; g < o->shnum; g++) {
		const GElf_Shdr *gh = &o->sec[g].sh;
		if (gh->sh_type != SHT_GROUP || gh->sh_size < 8 || gh->sh_entsize != 4 ||
		    gh->sh_size % 4)
			continue;
		const unsigned char *w = (const unsigned char *)raw + gh->sh_offset;
		bool linked = false;
		for (size_t k = 4; k < gh->sh_size; k += 4) {
			uint32_t m = big_endian ? (uint32_t)w[k] << 24 | w[k + 1] << 16 | w[k + 2] << 8 | w[k + 3]
						: (uint32_t)w[k + 3] << 24 | w[k + 2] << 16 | w[k + 1] << 8 | w[k];
			if (m >= o->shnum || o->sec[m].sh.sh_type == SHT_GROUP)
				continue;
			const struct sec *ms = &o->sec[m];
			if (!ms->letter && ms->sh.sh_type != SHT_REL && ms->sh.sh_type != SHT_RELA)
				fail(o->what, "section group %zu: member %u is not a section", g, m);
			if (ms->letter && ((ms->sh.sh_flags & SHF_GROUP) || (first && m > first)))
				linked = true;
		}
		if (!linked)
			fail(o->what, "section group %zu has no member", g);
		size_t symsize = gelf_fsize(o->elf, ELF_T_SYM, 1, EV_CURRENT);
		const GElf_Shdr *st = o->symtab ? &o->sec[o->symtab].sh : NULL;
		if (gh->sh_link >= o->shnum || o->sec[gh->sh_link].sh.sh_type != SHT_SYMTAB || !st ||
		    st->sh_offset + (gh->sh_info + 1) * (uint64_t)symsize > rawsize)
			fail(o->what, "section group %zu: bad signature symbol %u", g,
			     (unsigned)gh->sh_info);
	}
}

/* Reads the section headers, their names, and what binutils makes of
 * them. */
static void load_obj(struct obj *o, size_t fsize)
{
	if (!gelf_getehdr(o->elf, &o->eh))
		fail(o->what, "bad ELF header: %s", elf_errmsg(-1));
	size_t shsize = gelf_fsize(o->elf, ELF_T_SHDR, 1, EV_CURRENT);
	check_headers(o, fsize, shsize);
	if (elf_getshdrnum(o->elf, &o->shnum) || elf_getshdrstrndx(o->elf, &o->shstrndx))
		fail(o->what, "bad section headers: %s", elf_errmsg(-1));
	if (o->eh.e_shoff < gelf_fsize(o->elf, ELF_T_EHDR, 1, EV_CURRENT))
		o->shnum = 0;		/* binutils reads none there */
	if (o->shnum && (fsize - o->eh.e_shoff) / shsize < o->shnum)
		fail(o->what, "truncated: the section headers end past the end of the file");
	o->sec = alloc(sizeof *o->sec * (o->shnum ? o->shnum : 1));
	for (size_t i = 1; i < o->shnum; i++) {
		Elf_Scn *scn = elf_getscn(o->elf, i);
		if (!scn || !gelf_getshdr(scn, &o->sec[i].sh))
			fail(o->what, "section header %zu: %s", i, elf_errmsg(-1));
		const GElf_Shdr *sh = &o->sec[i].sh;
		if (sh->sh_type != SHT_NOBITS && sh->sh_type != SHT_NULL &&
		    (sh->sh_offset > fsize || fsize - sh->sh_offset < sh->sh_size))
			fail(o->what, "truncated: section %zu ends past the end of the file", i);
		if (bad_link(o, sh->sh_link, true) ||
		    ((sh->sh_flags & SHF_INFO_LINK || sh->sh_type == SHT_REL ||
		      sh->sh_type == SHT_RELA) && sh->sh_info >= o->shnum))
			fail(o->what, "section %zu: link out of range", i);
		if (sh->sh_type == SHT_SYMTAB && !o->symtab)
			o->symtab = i;
	}
	if (!o->shnum)
		return;
	if (o->shstrndx >= o->shnum || o->sec[o->shstrndx].sh.sh_type != SHT_STRTAB)
		fail(o->what, "bad section name table index %zu", o->shstrndx);

	/* bfd/elf.c, bfd_section_from_shdr on each section */
	size_t rawsize;
	const char *raw = elf_rawfile(o->elf, &rawsize);
	const GElf_Shdr *names = &o->sec[o->shstrndx].sh;
	/* elf_object_p reads the table, and each look-up in it wants its
	 * last byte NUL (bfd_elf_string_from_elf_section) */
	if (!names->sh_size)
		fail(o->what, "an empty section name table");
	bool names_ok = raw && !raw[names->sh_offset + names->sh_size - 1];
	bool is64 = gelf_getclass(o->elf) == ELFCLASS64;
	size_t symsize = gelf_fsize(o->elf, ELF_T_SYM, 1, EV_CURRENT);
	for (size_t i = 1; i < o->shnum; i++) {
		struct sec *s = &o->sec[i];
		const GElf_Shdr *sh = &s->sh;
		if (!sh->sh_name)
			s->name = "";
		else if (!names_ok)
			fail(o->what, "the section name table does not end in a NUL");
		else if (sh->sh_name < names->sh_size) {
			const char *n = raw + names->sh_offset + sh->sh_name;
			s->name = astrndup(n, strnlen(n, names->sh_size - sh->sh_name));
		} else
			fail(o->what, "section %zu: bad name offset %u", i, sh->sh_name);
		bool bad = false;
		switch (sh->sh_type) {
		case SHT_SYMTAB:
		case SHT_DYNSYM:
			bad = sh->sh_entsize != symsize ||
			      (sh->sh_size && sh->sh_info > sh->sh_size / symsize);
			break;
		case SHT_REL:
		case SHT_RELA:
			bad = sh->sh_entsize != (sh->sh_type == SHT_REL
				? (is64 ? sizeof(Elf64_Rel) : sizeof(Elf32_Rel))
				: (is64 ? sizeof(Elf64_Rela) : sizeof(Elf32_Rela)));
			/* the relocations of a section that binutils does not
			 * make (bfd_section_from_elf_index gives none) */
			if (!has_bfd_section(o, i) && !has_bfd_section(o, sh->sh_info))
				bad = true;
			break;
		case 19:	/* SHT_RELR */
			bad = sh->sh_entsize != (is64 ? 8 : 4);
			break;
		case SHT_GNU_versym:
			bad = sh->sh_entsize != 2;
			break;
		case SHT_GROUP:
			bad = sh->sh_size < 4 || sh->sh_entsize != 4 || sh->sh_size % 4;
			break;
		case SHT_DYNAMIC:
			bad = bad_link(o, sh->sh_link, false);
			break;
		case SHT_STRTAB:	/* a string table linked to itself */
			bad = i != o->shstrndx && sh->sh_link == i &&
			      !(o->symtab && o->sec[o->symtab].sh.sh_link == i);
			break;
		}
		if (bad)
			fail(o->what, "section %zu (%s): bad header (type %#x)", i, s->name,
			     (unsigned)sh->sh_type);
	}
	for (size_t i = 1; i < o->shnum; i++) {
		struct sec *s = &o->sec[i];
		if (!has_bfd_section(o, i))
			continue;
		s->letter = bfd_section_letter(o->eh.e_machine, &s->sh, s->name);
		if (!(s->sh.sh_flags & SHF_ALLOC))
			s->cls = 0;
		else if (s->sh.sh_flags & SHF_EXECINSTR)
			s->cls = 't';
		else if (!(s->sh.sh_flags & SHF_WRITE))
			s->cls = 'r';
		else if (s->sh.sh_type != SHT_NOBITS)
			s->cls = 'd';
		else
			s->cls = 'b';
	}
	check_groups(o, raw, rawsize);
	/* bfd/elf.c, _bfd_elf_setup_sections: SHF_LINK_ORDER's link must be
	 * a section */
	for (size_t i = 1; i < o->shnum; i++) {
		const GElf_Shdr *sh = &o->sec[i].sh;
		if (o->sec[i].letter && (sh->sh_flags & SHF_LINK_ORDER) && sh->sh_link &&
		    (sh->sh_link >= o->shnum || !o->sec[sh->sh_link].letter))
			fail(o->what, "section %zu (%s): bad SHF_LINK_ORDER link %u", i,
			     o->sec[i].name, (unsigned)sh->sh_link);
	}
}

/* ---- symbols ---- */

struct sym {
	const char *name;
	uint64_t value, size;
	size_t shndx;		/* IN_SECTION: its section */
	enum bfd_where where;
	int type, bind;
	char letter;		/* nm's */
	size_t index;		/* in the symbol table */
};
typedef VEC(struct sym) symvec;

/* Where a symbol is defined (tools/bfd.h). */
static enum bfd_where symbol_where(const struct obj *o, size_t shndx, bool extended)
{
	return bfd_symbol_where(o->eh.e_machine, shndx, extended,
				shndx < o->shnum && o->sec[shndx].letter);
}

/* bfd/syms.c, bfd_decode_symclass, as tools/kexports.c */
static char nm_letter(const struct obj *o, const struct sym *s)
{
	char c;

	if (s->where == COMMON)
		return 'C';
	if (s->where == SMALL_COMMON)
		return 'c';
	if (s->where == UNDEFINED)
		return s->bind != STB_WEAK ? 'U' :
		       s->type == STT_OBJECT || s->type == STT_COMMON ? 'v' : 'w';
	if (s->type == STT_GNU_IFUNC)
		return 'i';
	if (s->bind == STB_WEAK)
		return s->type == STT_OBJECT || s->type == STT_COMMON ? 'V' : 'W';
	if (s->bind == STB_GNU_UNIQUE)
		return 'u';
	if (s->bind != STB_LOCAL && s->bind != STB_GLOBAL)
		return '?';
	c = s->where == ABSOLUTE ? 'a' : o->sec[s->shndx].letter;
	return s->bind == STB_GLOBAL ? c - 'a' + 'A' : c;
}

/* The machines' special symbols, which nm leaves out (tools/kexports.c) */
static bool elf_local_label(const char *n)
{
	if (n[0] == '.' && (n[1] == 'L' || n[1] == '.'))
		return true;
	if (n[0] == '_' && n[1] == '.' && n[2] == 'L' && n[3] == '_')
		return true;
	return n[0] == 'L' && n[1] >= '0' && n[1] <= '9' && n[2] == 1;
}

static bool special_symbol(const struct obj *o, const char *n)
{
	switch (o->eh.e_machine) {
	case EM_ARM:
		return n[0] == '$' && n[1] >= 'a' && n[1] <= 'z' && (n[2] == 0 || n[2] == '.');
	case EM_AARCH64:
		return n[0] == '$' && n[1] && strchr("xdmfp", n[1]) && (n[2] == 0 || n[2] == '.');
	case EM_RISCV:
		return n[0] == 0 || elf_local_label(n) || startswith(n, "$d") || startswith(n, "$x");
	}
	return false;
}

/* bfd/elf.c, bfd_elf_sym_name: a name that is not in the string table
 * is "(null)" */
static const char *symbol_name(struct obj *o, size_t strtab, size_t at)
{
	const GElf_Shdr *sh = &o->sec[strtab].sh;
	size_t rawsize;
	const char *raw = elf_rawfile(o->elf, &rawsize);

	if (!at)
		return "";
	/* (bfd_elf_string_from_elf_section) the table is read at the
	 * first look-up; each later one wants its last byte NUL */
	if (!raw || (!o->strtab_read && sh->sh_type != SHT_STRTAB && sh->sh_type < SHT_LOOS))
		return "(null)";
	if (o->strtab_read && (!sh->sh_size || raw[sh->sh_offset + sh->sh_size - 1]))
		return "(null)";
	o->strtab_read = true;
	if (at >= sh->sh_size)
		return "(null)";
	return astrndup(raw + sh->sh_offset + at, strnlen(raw + sh->sh_offset + at, sh->sh_size - at));
}

/* The symbols nm lists by default (not the section and file symbols), in
 * symbol table order. */
static void read_symbols(struct obj *o, symvec *out)
{
	Elf_Data *syms, *xndx = NULL;
	size_t entsize, nsyms;

	if (!o->symtab)
		return;
	const GElf_Shdr *symsh = &o->sec[o->symtab].sh;
	entsize = gelf_fsize(o->elf, ELF_T_SYM, 1, EV_CURRENT);
	if (!entsize || symsh->sh_entsize != entsize)
		fail(o->what, "symbol table: bad entry size %llu",
		     (unsigned long long)symsh->sh_entsize);
	/* binutils reads sh_size / entsize symbols; libelf's elf_getdata
	 * refuses a table whose size is not a multiple */
	o->strtab_read = symsh->sh_link == o->shstrndx;	/* read with the section names */
	nsyms = symsh->sh_size / entsize;
	if (nsyms > INT_MAX)
		fail(o->what, "symbol table: too many symbols");
	if (nsyms < 2)
		return;
	if (!(syms = elf_getdata_rawchunk(o->elf, symsh->sh_offset, nsyms * entsize, ELF_T_SYM)))
		fail(o->what, "symbol table: %s", elf_errmsg(-1));
	for (size_t i = 1; i < o->shnum; i++) {
		const GElf_Shdr *x = &o->sec[i].sh;
		if (x->sh_type == SHT_SYMTAB_SHNDX && x->sh_link == o->symtab) {
			size_t n = x->sh_size / 4 < nsyms ? x->sh_size / 4 : nsyms;
			if (n && !(xndx = elf_getdata_rawchunk(o->elf, x->sh_offset, n * 4, ELF_T_WORD)))
				fail(o->what, "extended section indexes: %s", elf_errmsg(-1));
			break;
		}
	}
	for (size_t k = 1; k < nsyms; k++) {
		GElf_Sym es;
		Elf32_Word xi = 0;
		struct sym s = { .index = k };

		if (!gelf_getsymshndx(syms, xndx, (int)k, &es, &xi))
			fail(o->what, "symbol %zu: %s", k, elf_errmsg(-1));
		s.type = GELF_ST_TYPE(es.st_info);
		s.bind = GELF_ST_BIND(es.st_info);
		/* binutils reads every name, in order: a section symbol's own
		 * (st_name 0) is its section's */
		if (s.type != STT_SECTION || es.st_name)
			s.name = symbol_name(o, symsh->sh_link, es.st_name);
		if (s.type == STT_SECTION || s.type == STT_FILE)
			continue;	/* BSF_DEBUGGING */
		s.shndx = es.st_shndx;
		bool extended = s.shndx == SHN_XINDEX;
		if (extended) {
			if (!xndx)
				fail(o->what, "symbol %zu: SHN_XINDEX without SHT_SYMTAB_SHNDX", k);
			s.shndx = xi;
		}
		s.where = symbol_where(o, s.shndx, extended);
		if (special_symbol(o, s.name))
			continue;
		s.value = es.st_value;
		s.size = es.st_size;
		s.letter = nm_letter(o, &s);
		vpush(out, s);
	}
}

/* ---- files and archives ---- */

typedef void object_fn(struct obj *o, size_t fsize, void *arg);

static void *map_file(const char *path, size_t *size)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		fail(path, "%s", strerror(errno));
	if (fstat(fd, &st)) {
		int e = errno;
		close(fd);
		fail(path, "%s", strerror(e));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		fail(path, "is a directory");
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		fail(path, "not a regular file");
	}
	if (st.st_size == 0) {
		close(fd);
		fail(path, "empty file: not an ELF object or archive");
	}
	/* private and writable: libelf may convert in place */
	void *p = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		fail(path, "%s", strerror(errno));
	*size = st.st_size;
	return p;
}

static void one_elf(char *p, size_t size, const char *name, const char *archive,
		    const char *what, object_fn *fn, void *arg)
{
	static const unsigned char magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (size < 4 || memcmp(p, magic, 4))
		fail(what, "not an ELF object or archive");
	if (size < 6 || (p[EI_CLASS] != ELFCLASS32 && p[EI_CLASS] != ELFCLASS64) ||
	    (p[EI_DATA] != ELFDATA2LSB && p[EI_DATA] != ELFDATA2MSB))
		fail(what, "bad ELF identification");
	if (size < (p[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		fail(what, "truncated: shorter than an ELF header");
	Elf *elf = elf_memory(p, size);
	if (!elf || elf_kind(elf) != ELF_K_ELF)
		fail(what, "not an ELF object: %s", elf_errmsg(-1));
	struct obj o = { .name = name, .archive = archive, .what = what, .elf = elf };
	reading = elf;
	load_obj(&o, size);
	fn(&o, size, arg);
	reading = NULL;
	elf_end(elf);
}

/* A number of a member header, read as binutils reads it (bfd/archive.c:
 * sscanf's %lu): blanks, digits, and whatever follows them ignored */
static uint64_t ar_number(const char *s, size_t n, const char *what)
{
	uint64_t v = 0;
	size_t i = 0;

	while (i < n && s[i] && strchr(" \t\n\v\f\r", s[i]))
		i++;
	if (i < n && s[i] == '+')
		i++;
	if (i == n || s[i] < '0' || s[i] > '9')
		fail(what, "malformed archive: bad member header");
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > (UINT64_MAX - 9) / 10)
			fail(what, "malformed archive: bad member size");
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* One member; listing sizes, an error in it is reported and the next
 * member read, as size does (a member that is not an object: "file format
 * not recognized"). */
static void one_member(char *p, size_t size, const char *name, const char *archive,
		       object_fn *fn, void *arg)
{
	jmp_buf jb, *outer = recover;
	const char *what = fmt("%s(%s)", archive, name);

	if (size >= 8 && (!memcmp(p, "!<arch>\n", 8) || !memcmp(p, "!<thin>\n", 8)))
		return;		/* an archive in an archive: size skips it */
	if (outer && setjmp(jb)) {
		recover = outer;
		return;
	}
	if (outer)
		recover = &jb;
	one_elf(p, size, name, archive, what, fn, arg);
	recover = outer;
}

/* Each member of an ar archive, as binutils reads them (bfd/archive.c):
 * the symbol index ("/", "/SYM64/", "__.SYMDEF") only first, the long
 * names ("//") only next; then every header is a member, named by the
 * long names when its name starts with '/' (an offset) and there are
 * long names, by the BSD "#1/LEN" rule, or by its field up to the first
 * NUL, else '/', else blank.  A thin archive's members are the files it
 * names, relative to its directory. */
static void each_member(const char *path, char *p, size_t size, bool thin,
			object_fn *fn, void *arg)
{
	char *longnames = NULL;
	size_t nlong = 0, off = 8;
	bool index = false;

	for (int k = 0; off < size; k++) {
		char *h = p + off;
		size_t left = size - off;
		/* a cut header: the end of the members, but where binutils
		 * looks for the index and the long names, a bad archive */
		bool at_index = k == 0, at_names = k == 0 || (k == 1 && index);
		if (left < 16 && at_index)
			fail(path, "truncated archive: a member header is cut");
		bool table = at_index && (!memcmp(h, "/               ", 16) ||
					  !memcmp(h, "/SYM64/         ", 16) ||
					  !memcmp(h, "__.SYMDEF       ", 16) ||
					  !memcmp(h, "__.SYMDEF/      ", 16));
		bool names = !table && at_names && left >= 16 &&
			     (!memcmp(h, "//              ", 16) || !memcmp(h, "ARFILENAMES/    ", 16));
		if (left < 60 && (table || names))
			fail(path, "truncated archive: a member header is cut");
		if (left < 60)
			break;
		if (h[58] != '`' || h[59] != '\n')
			fail(path, "malformed archive: bad member header at %zu", off);
		uint64_t msize = ar_number(h + 48, 10, path);
		size_t data = off + 60;
		index |= table;
		bool stored = !thin || table || names;
		/* a member cut by the end of the file is read as far as it
		 * goes (binutils then fails on what it needs and misses) */
		uint64_t room = data <= size ? size - data : 0;
		uint64_t next = data + (stored ? msize : 0);
		if ((table || names) && msize > room)
			fail(path, "truncated archive: its %s ends past the end of the file",
			     table ? "symbol index" : "long names");
		if (stored && msize > room)
			msize = room;
		/* bfd/archive.c, do_slurp_coff_armap: a count and its offsets */
		if (table && h[1] != '_') {
			size_t w = h[1] == 'S' ? 8 : 4;
			uint64_t count = 0;
			for (size_t i = 0; i < w && i < msize; i++)
				count = count << 8 | (unsigned char)p[data + i];
			if (msize < w || count > (msize - w) / w)
				fail(path, "malformed archive: a bad symbol index");
		}
		if (names) {
			/* '\n' (and a '/' before it) ends a name; '\\' is '/' */
			longnames = astrndup(p + data, msize);
			nlong = msize;
			for (size_t i = 0; i < nlong; i++) {
				if (longnames[i] == '\n')
					longnames[i > 0 && longnames[i - 1] == '/' ? i - 1 : i] = 0,
					longnames[i] = 0;
				if (longnames[i] == '\\')
					longnames[i] = '/';
			}
		} else if (!table) {
			const char *name;
			if ((h[0] == '/' || (h[0] == ' ' && !memchr(h, '/', 15))) && longnames) {
				size_t i = 1;
				while (i < 16 && h[i] == ' ')
					i++;
				uint64_t at = i < 16 && h[i] >= '0' && h[i] <= '9'
					? ar_number(h + i, 16 - i, path) : 0;
				if (at >= nlong)
					fail(path, "malformed archive: bad long name offset %llu",
					     (unsigned long long)at);
				name = longnames + at;
			} else if (h[0] == '#' && h[1] == '1' && h[2] == '/' && h[3] >= '0' && h[3] <= '9') {
				uint64_t n = ar_number(h + 3, 13, path);
				if (n > msize || data > size || size - data < n)
					fail(path, "truncated archive");
				name = astrndup(p + data, strnlen(p + data, n));
				data += n;
				msize -= n;
			} else {
				/* ELF targets' ar_max_namelen: 15 */
				const char *e = memchr(h, 0, 15);
				if (!e && !(e = memchr(h, '/', 15)))
					e = memchr(h, ' ', 15);
				name = astrndup(h, e ? (size_t)(e - h) : 15);
			}
			if (thin) {
				/* bfd/archive.c, _bfd_append_relative_path */
				const char *slash = strrchr(path, '/');
				const char *file = name[0] == '/' || !slash ? name :
					fmt("%.*s%s", (int)(slash - path + 1), path, name);
				size_t fsize;
				char *fp = map_file(file, &fsize);
				one_member(fp, fsize, file, path, fn, arg);
			} else
				one_member(p + data, msize, name, path, fn, arg);
		}
		if (next > size)
			break;
		off = next + (stored && (next & 1));
		if (off > size)
			break;
	}
}

/* fn on each object of the file: itself, or its archive's members.  The
 * file stays mapped: the names of sections and symbols point into it. */
static void each_object(const char *path, object_fn *fn, void *arg)
{
	size_t size;
	char *p = map_file(path, &size);

	if (size >= 8 && !memcmp(p, "!<arch>\n", 8))
		each_member(path, p, size, false, fn, arg);
	else if (size >= 8 && !memcmp(p, "!<thin>\n", 8))
		each_member(path, p, size, true, fn, arg);
	else
		one_elf(p, size, path, NULL, path, fn, arg);
}

/* ---- size ---- */

struct totals {
	uint64_t text, data, bss;
};

static void sum_sections(const struct obj *o, struct totals *t)
{
	for (size_t i = 1; i < o->shnum; i++)
		switch (o->sec[i].cls) {
		case 't':
		case 'r':
			t->text += o->sec[i].sh.sh_size;
			break;
		case 'd':
			t->data += o->sec[i].sh.sh_size;
			break;
		case 'b':
			t->bss += o->sec[i].sh.sh_size;
			break;
		}
}

static bool header_done;

static void size_line(struct obj *o, size_t fsize, void *arg)
{
	struct totals t = { 0 };

	sum_sections(o, &t);
	if (!header_done) {
		header_done = true;
		puts("   text\t   data\t    bss\t    dec\t    hex\tfilename");
	}
	uint64_t total = t.text + t.data + t.bss;
	printf("%7" PRIu64 "\t%7" PRIu64 "\t%7" PRIu64 "\t%7lu\t%7lx\t%s",
	       t.text, t.data, t.bss, (unsigned long)total, (unsigned long)total, o->name);
	if (o->archive)
		printf(" (ex %s)", o->archive);
	putchar('\n');
}

/* One file's lines; an error in it is reported, and the next file is
 * read, as size does. */
static void size_file(const char *path)
{
	jmp_buf jb;

	if (!setjmp(jb)) {
		recover = &jb;
		each_object(path, size_line, NULL);
	}
	recover = NULL;
}

static int do_size(int n, char **files)
{
	static char *aout[] = { "a.out" };

	if (!n) {
		n = 1;
		files = aout;
	}
	for (int i = 0; i < n; i++)
		size_file(files[i]);
	return status;
}

/* ---- Rust names ---- */

/* The prefixes the kernel's build puts before a function's name: objtool's
 * padding (__pfx_) and kCFI's type hash (__cfi_) */
static const char *strip_kernel_prefix(const char *name, size_t *plen)
{
	static const char *const prefixes[] = { "__pfx_", "__cfi_" };

	for (size_t i = 0; i < 2; i++)
		if (startswith(name, prefixes[i]) && (startswith(name + 6, "_R") ||
						      startswith(name + 6, "_ZN"))) {
			*plen = 6;
			return name + 6;
		}
	*plen = 0;
	return name;
}

/* The demangled name, or NULL when it is not Rust.  A v0 name's suffix
 * (.llvm.N, .cold) is kept, after the demangled name. */
static char *demangle(const char *name)
{
	size_t plen;
	const char *m = strip_kernel_prefix(name, &plen);
	const char *dot = NULL;
	char *d, *r;

	if (startswith(m, "_R") && (dot = strchr(m, '.'))) {
		char *base = astrndup(m, dot - m);
		d = rust_demangle(base, DMGL_PARAMS);
	} else if (startswith(m, "_R") || startswith(m, "_ZN"))
		d = rust_demangle(m, DMGL_PARAMS);
	else
		return NULL;
	if (!d)
		return NULL;
	r = fmt("%.*s%s%s", (int)plen, name, d, dot ? dot : "");
	free(d);
	return r;
}

/* A crate's name: s[0..n), or n == 0 for none */
struct crate_ref {
	const char *s;
	size_t n;
};

/* A reader of v0 manglings (the grammar of rustc-demangle's v0.rs and
 * RFC 2603), which answers only "the crate of this path". */
struct v0 {
	const char *s;		/* after "_R" */
	size_t n, i;
	int depth;
	bool bad;
};

static int peek(struct v0 *p)
{
	return !p->bad && p->i < p->n ? (unsigned char)p->s[p->i] : 0;
}

static bool eat(struct v0 *p, int c)
{
	if (peek(p) != c || !c)
		return false;
	p->i++;
	return true;
}

static int next(struct v0 *p)
{
	int c = peek(p);
	if (!c)
		p->bad = true;
	else
		p->i++;
	return c;
}

static uint64_t base62(struct v0 *p)
{
	uint64_t v = 0;
	int c;

	if (eat(p, '_'))
		return 0;
	while ((c = next(p)) && c != '_') {
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 :
			c >= 'A' && c <= 'Z' ? c - 'A' + 36 : -1;
		if (d < 0 || v > (UINT64_MAX - 61) / 62) {
			p->bad = true;
			return 0;
		}
		v = v * 62 + d;
	}
	return p->bad ? 0 : v + 1;
}

static struct crate_ref undisambiguated(struct v0 *p)
{
	struct crate_ref r = { 0 };
	uint64_t len = 0;

	eat(p, 'u');		/* punycode */
	int c = next(p);
	if (c < '0' || c > '9') {
		p->bad = true;
		return r;
	}
	len = c - '0';
	if (len)
		while ((c = peek(p)) >= '0' && c <= '9') {
			if (len > p->n) {
				p->bad = true;
				return r;
			}
			len = len * 10 + (c - '0');
			p->i++;
		}
	eat(p, '_');
	if (p->bad || len > p->n - p->i) {
		p->bad = true;
		return r;
	}
	r.s = p->s + p->i;
	r.n = len;
	p->i += len;
	return r;
}

static struct crate_ref identifier(struct v0 *p)
{
	if (eat(p, 's'))
		base62(p);
	return undisambiguated(p);
}

static struct crate_ref v0_path(struct v0 *p);
static struct crate_ref v0_type(struct v0 *p);
static void v0_const(struct v0 *p);

/* B<base-62>: what is at that offset, read with fn */
static struct crate_ref backref(struct v0 *p, struct crate_ref (*fn)(struct v0 *))
{
	size_t at = p->i - 1;
	uint64_t to = base62(p);
	struct crate_ref r = { 0 };

	if (p->bad || to >= at || p->depth > 100) {
		p->bad = true;
		return r;
	}
	struct v0 q = *p;
	q.i = to;
	q.depth++;
	r = fn(&q);
	if (q.bad)
		p->bad = true;
	return r;
}

static struct crate_ref const_as_ref(struct v0 *p)
{
	v0_const(p);
	return (struct crate_ref){ 0 };
}

static void v0_const(struct v0 *p)
{
	int c = next(p);

	switch (c) {
	case 'p':		/* placeholder */
		return;
	case 'B':
		backref(p, const_as_ref);
		return;
	case 'R':
	case 'Q':		/* &CONST */
		v0_const(p);
		return;
	case 'A':
	case 'T':		/* [CONST, ...], (CONST, ...) */
		while (!p->bad && !eat(p, 'E'))
			v0_const(p);
		return;
	case 'V':		/* an ADT's value */
		v0_path(p);
		switch (next(p)) {
		case 'U':
			return;
		case 'T':
			while (!p->bad && !eat(p, 'E'))
				v0_const(p);
			return;
		case 'S':
			while (!p->bad && !eat(p, 'E')) {
				identifier(p);
				v0_const(p);
			}
			return;
		}
		p->bad = true;
		return;
	}
	if (c >= 'a' && c <= 'z') {	/* a basic type, then the value */
		eat(p, 'n');
		while ((c = next(p)) && c != '_')
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
				p->bad = true;
		return;
	}
	p->bad = true;
}

static void generic_arg(struct v0 *p)
{
	if (eat(p, 'L'))
		base62(p);
	else if (eat(p, 'K'))
		v0_const(p);
	else
		v0_type(p);
}

static void binder(struct v0 *p)
{
	if (eat(p, 'G'))
		base62(p);
}

static struct crate_ref v0_type(struct v0 *p)
{
	struct crate_ref r = { 0 }, t;
	int c = peek(p);

	if (p->depth > 100) {
		p->bad = true;
		return r;
	}
	if (c >= 'a' && c <= 'z') {	/* a built-in type */
		p->i++;
		return r;
	}
	switch (c) {
	case 'A':
		p->i++;
		r = v0_type(p);
		v0_const(p);
		return r;
	case 'S':
	case 'P':
	case 'O':
		p->i++;
		return v0_type(p);
	case 'R':
	case 'Q':
		p->i++;
		if (eat(p, 'L'))
			base62(p);
		return v0_type(p);
	case 'T':
		p->i++;
		while (!p->bad && !eat(p, 'E')) {
			t = v0_type(p);
			if (!r.n)
				r = t;
		}
		return r;
	case 'F':		/* a fn pointer: no crate */
		p->i++;
		binder(p);
		eat(p, 'U');
		if (eat(p, 'K') && !eat(p, 'C'))
			undisambiguated(p);
		while (!p->bad && !eat(p, 'E'))
			v0_type(p);
		v0_type(p);
		return r;
	case 'D':		/* dyn Trait: the first trait's */
		p->i++;
		binder(p);
		while (!p->bad && !eat(p, 'E')) {
			t = v0_path(p);
			if (!r.n)
				r = t;
			while (eat(p, 'p')) {
				undisambiguated(p);
				v0_type(p);
			}
		}
		if (!eat(p, 'L'))
			p->bad = true;
		base62(p);
		return r;
	case 'B':
		p->i++;
		return backref(p, v0_type);
	}
	return v0_path(p);
}

static struct crate_ref impl_path(struct v0 *p)
{
	if (eat(p, 's'))
		base62(p);
	return v0_path(p);
}

static struct crate_ref v0_path(struct v0 *p)
{
	struct crate_ref r = { 0 }, t;
	int c = next(p);

	p->depth++;
	switch (c) {
	case 'C':		/* the crate root */
		r = identifier(p);
		break;
	case 'N':		/* PATH::ident */
		c = next(p);
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			p->bad = true;
		r = v0_path(p);
		identifier(p);
		break;
	case 'M':		/* <T>: T's crate, else the impl's */
		r = impl_path(p);
		t = v0_type(p);
		if (t.n)
			r = t;
		break;
	case 'X':		/* <T as Trait>: T's crate, else the impl's */
		r = impl_path(p);
		t = v0_type(p);
		if (t.n)
			r = t;
		v0_path(p);
		break;
	case 'Y':		/* <T as Trait> in the trait: T's, else Trait's */
		t = v0_type(p);
		r = v0_path(p);
		if (t.n)
			r = t;
		break;
	case 'I':		/* PATH<ARGS> */
		r = v0_path(p);
		while (!p->bad && !eat(p, 'E'))
			generic_arg(p);
		break;
	case 'B':
		r = backref(p, v0_path);
		break;
	default:
		p->bad = true;
	}
	p->depth--;
	return p->bad ? (struct crate_ref){ 0 } : r;
}

/* The crate of a legacy name, from its demangled text: the first
 * segment, or in "<T as Trait>" T's (Trait's if T is built in). */
static const char *crate_of_text(const char *d)
{
	const char *s = d;

	if (*s == '<') {
		s++;
		for (;;) {
			if (*s == '&' || *s == '[' || *s == '(')
				s++;
			else if (startswith(s, "mut ") || startswith(s, "dyn "))
				s += 4;
			else if (startswith(s, "*const ") || startswith(s, "*mut "))
				s += s[1] == 'c' ? 7 : 5;
			else
				break;
		}
	}
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
	if (n && startswith(s + n, "::"))
		return astrndup(s, n);
	const char *as = strstr(d, " as ");
	if (as)
		return crate_of_text(as + 4);
	return "?";
}

/* The crate of a symbol: "C" for a name that is not Rust's */
static const char *crate_of(const char *name)
{
	size_t plen;
	const char *m = strip_kernel_prefix(name, &plen);

	if (startswith(name, ".Lanon."))	/* rustc's unnamed constants */
		return "(anon)";
	if (startswith(m, "_R")) {
		struct v0 p = { .s = m + 2, .n = strcspn(m + 2, ".") };
		if (p.n && p.s[0] >= '0' && p.s[0] <= '9')	/* a version */
			while (p.i < p.n && p.s[p.i] >= '0' && p.s[p.i] <= '9')
				p.i++;
		struct crate_ref r = v0_path(&p);
		if (!p.bad && r.n)
			return astrndup(r.s, r.n);
	}
	const char *d = demangle(name);
	if (!d)
		return "C";
	return crate_of_text(d + plen);
}

/* ---- --crates and --top: the sized functions and objects ---- */

struct entry {
	const char *name;	/* as in the symbol table */
	const char *object;	/* the object it is in (what) */
	const char *section;	/* its section's name, or *COM* */
	char cls;		/* 't', 'r', 'd', 'b' (common: 'b') */
	uint64_t size;
	size_t shndx;
	uint64_t value;
	int rank;		/* among aliases, the lowest is kept */
	size_t index;
};

typedef VEC(struct entry) entryvec;

struct report {
	entryvec items;
	struct totals file;	/* the sizes of the sections, as size */
	int aliases;		/* symbols left out as another's alias */
};

static int cmp_place(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The functions and objects of an object, with a size, defined in an
 * allocated section or common; of the symbols at one place, one: a Rust
 * name before another, a global before a local, the first. */
static void collect_items(struct obj *o, size_t fsize, void *arg)
{
	struct report *rep = arg;
	symvec syms = { 0 };
	entryvec mine = { 0 };

	sum_sections(o, &rep->file);
	read_symbols(o, &syms);
	for (int i = 0; i < syms.n; i++) {
		struct sym *s = &syms.v[i];
		if (s->type != STT_FUNC && s->type != STT_OBJECT && s->type != STT_TLS &&
		    s->type != STT_GNU_IFUNC && s->type != STT_COMMON)
			continue;
		if (!s->size)
			continue;
		struct entry it = { .name = s->name, .object = o->what, .size = s->size,
				   .value = s->value, .index = s->index };
		if (s->where == COMMON || s->where == SMALL_COMMON) {
			it.section = "*COM*";
			it.cls = 'b';
			it.shndx = (size_t)-1;
			it.value = s->index;	/* never an alias */
		} else if (s->where == IN_SECTION && o->sec[s->shndx].cls) {
			it.section = o->sec[s->shndx].name;
			it.cls = o->sec[s->shndx].cls;
			it.shndx = s->shndx;
		} else
			continue;
		size_t plen;
		const char *m = strip_kernel_prefix(s->name, &plen);
		it.rank = (startswith(m, "_R") || startswith(m, "_ZN") ? 0 : 2) +
			  (s->bind == STB_LOCAL);
		vpush(&mine, it);
	}
	if (mine.n)
		qsort(mine.v, mine.n, sizeof *mine.v, cmp_place);
	for (int i = 0; i < mine.n; i++) {
		if (i && mine.v[i].shndx == mine.v[i - 1].shndx &&
		    mine.v[i].value == mine.v[i - 1].value) {
			rep->aliases++;
			continue;
		}
		vpush(&rep->items, mine.v[i]);
	}
}

struct crate {
	const char *name;
	uint64_t text, data, bss;
	int syms;
};

static int cmp_crate(const void *a, const void *b)
{
	const struct crate *x = *(struct crate *const *)a, *y = *(struct crate *const *)b;
	uint64_t sx = x->text + x->data + x->bss, sy = y->text + y->data + y->bss;

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return strcmp(x->name, y->name);
}

static double percent(uint64_t part, uint64_t whole)
{
	return whole ? (double)part * 100.0 / (double)whole : 0.0;
}

static int do_crates(const char *file)
{
	struct report rep = { 0 };
	struct strmap map = { 0 };
	VEC(struct crate *) crates = { 0 };
	struct crate all = { .name = "(all symbols)" };

	each_object(file, collect_items, &rep);
	for (int i = 0; i < rep.items.n; i++) {
		struct entry *it = &rep.items.v[i];
		const char *name = crate_of(it->name);
		struct crate *c = strmap_get(&map, name);
		if (!c) {
			c = alloc(sizeof *c);
			c->name = name;
			strmap_put(&map, name, c);
			vpush(&crates, c);
		}
		uint64_t *col = it->cls == 'd' ? &c->data : it->cls == 'b' ? &c->bss : &c->text;
		*col += it->size;
		c->syms++;
		col = it->cls == 'd' ? &all.data : it->cls == 'b' ? &all.bss : &all.text;
		*col += it->size;
		all.syms++;
	}
	if (crates.n)
		qsort(crates.v, crates.n, sizeof *crates.v, cmp_crate);
	printf("# %s: the sizes of its functions and objects, by crate\n", file);
	printf("# text: code and read-only data (rodata counted as text, as size does);\n"
	       "# data: writable data; bss: zero-filled data and common symbols.\n"
	       "# crate: the crate of the symbol's Rust (v0) path, or for <T>::f and\n"
	       "# <T as Trait>::f the crate of T (of the impl when T is a built-in type);\n"
	       "# C: a name that is not Rust's; (anon): rustc's unnamed constants (.Lanon.*).\n"
	       "# Aliases (symbols at one place) count once.  %%text: the share of the\n"
	       "# file's text (size's text column).\n");
	printf("%-24s %12s %12s %12s %8s %7s\n", "crate", "text", "data", "bss", "symbols", "%text");
	for (int i = 0; i < crates.n; i++) {
		struct crate *c = crates.v[i];
		printf("%-24s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %8d %7.2f\n", c->name,
		       c->text, c->data, c->bss, c->syms, percent(c->text, rep.file.text));
	}
	printf("%-24s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %8d %7.2f\n", all.name,
	       all.text, all.data, all.bss, all.syms, percent(all.text, rep.file.text));
	printf("%-24s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %8s %7.2f\n", "(file, as size)",
	       rep.file.text, rep.file.data, rep.file.bss, "", rep.file.text ? 100.0 : 0.0);
	if (rep.aliases)
		printf("# %d aliases not counted\n", rep.aliases);
	free(map.slots);
	return 0;
}

static int cmp_size(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	if ((c = strcmp(x->name, y->name)))
		return c;
	return strcmp(x->object, y->object);
}

static const char *cls_name(char cls)
{
	switch (cls) {
	case 't':
		return "text";
	case 'r':
		return "rodata";
	case 'd':
		return "data";
	}
	return "bss";
}

static int do_top(long n, const char *file)
{
	struct report rep = { 0 };

	each_object(file, collect_items, &rep);
	if (rep.items.n)
		qsort(rep.items.v, rep.items.n, sizeof *rep.items.v, cmp_size);
	printf("%10s  %-6s  %-16s  %s\n", "size", "kind", "section", "symbol");
	for (int i = 0; i < rep.items.n && i < n; i++) {
		struct entry *it = &rep.items.v[i];
		const char *d = demangle(it->name);
		/* a section of its own (-ffunction-sections): .text.* */
		size_t ns = strlen(it->section), nn = strlen(it->name);
		const char *sec = it->section;
		if (ns > nn + 1 && streq(sec + ns - nn, it->name) && sec[ns - nn - 1] == '.')
			sec = fmt("%.*s*", (int)(ns - nn), sec);
		printf("%10" PRIu64 "  %-6s  %-16s  %s\n", it->size, cls_name(it->cls),
		       sec, d ? d : it->name);
	}
	return 0;
}

/* ---- --diff: scripts/bloat-o-meter ---- */

/* Python's integers do not overflow: the sums and deltas are 128-bit */
typedef __int128 big;

/* big as "%d" prints it, with a '+' for "%+d" */
static const char *big_str(big v, bool plus)
{
	char tmp[48], *e = tmp + sizeof tmp - 1;
	unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;

	*e = 0;
	do
		*--e = '0' + (int)(u % 10);
	while (u /= 10);
	if (v < 0)
		*--e = '-';
	else if (plus)
		*--e = '+';
	return astrdup(e);
}

struct dsym {
	const char *name;
	big size;
};

struct sizes {
	const char *letters;	/* the nm letters counted */
	struct strmap map;	/* name -> struct dsym */
	VEC(struct dsym *) all;
};

/* re.sub(r'\.[0-9]+', '', name) */
static const char *strip_numbers(const char *name)
{
	const char *dot = strchr(name, '.');

	if (!dot)
		return name;
	struct buf b = { 0 };
	for (const char *s = name; *s;) {
		if (s[0] == '.' && s[1] >= '0' && s[1] <= '9') {
			s++;
			while (*s >= '0' && *s <= '9')
				s++;
		} else
			bputc(&b, *s++);
	}
	return b.s ? bdone(&b) : "";
}

/* The length of the character Python's str.split() splits at, at s
 * (str.isspace: ASCII blanks and \x1c-\x1f, U+0085, U+00A0, U+1680,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), or 0 */
static int py_space(const unsigned char *s)
{
	if ((*s >= 0x09 && *s <= 0x0d) || (*s >= 0x1c && *s <= 0x20))
		return 1;
	if (s[0] == 0xc2 && (s[1] == 0x85 || s[1] == 0xa0))
		return 2;
	if (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8a) || s[2] == 0xa8 ||
					     s[2] == 0xa9 || s[2] == 0xaf))
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
		return 3;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* The third field of "SIZE TYPE NAME" as line.split() makes it: the name
 * without the blanks around it; NULL when there would not be three */
static const char *split_field(const char *name)
{
	const unsigned char *s = (const unsigned char *)name, *e;
	int n;

	while ((n = py_space(s)))
		s += n;
	if (!*s)
		return NULL;
	for (e = s; *e; e += n ? n : 1) {
		if ((n = py_space(e))) {
			const unsigned char *t = e;
			while ((n = py_space(t)))
				t += n;
			if (*t)
				return NULL;	/* a blank inside: a fourth field */
			return astrndup((const char *)s, e - s);
		}
	}
	return (const char *)s;
}

/* getsizes(): the lines of `nm --size-sort` the script keeps */
static void diff_sizes(struct obj *o, size_t fsize, void *arg)
{
	struct sizes *sz = arg;
	symvec syms = { 0 };

	read_symbols(o, &syms);
	for (int i = 0; i < syms.n; i++) {
		struct sym *s = &syms.v[i];
		/* nm --size-sort: defined, not absolute, a size */
		if (s->where == UNDEFINED || s->where == ABSOLUTE || !s->size)
			continue;
		/* the script: no ':' in the line; line.split() into three
		 * fields, blanks around the name dropped (a line it cannot
		 * split stops the script: left out here) */
		if (strchr(s->name, ':') || strchr(s->name, '\n'))
			continue;
		const char *field = split_field(s->name);
		if (!field)
			continue;
		if (!strchr(sz->letters, s->letter))
			continue;
		if (startswith(field, "__mod_") || startswith(field, "__se_sys") ||
		    startswith(field, "__se_compat_sys") || startswith(field, "__addressable_") ||
		    streq(field, "linux_banner") || streq(field, "vermagic"))
			continue;
		const char *name = strip_numbers(field);
		struct dsym *d = strmap_get(&sz->map, name);
		if (!d) {
			d = alloc(sizeof *d);
			d->name = name == s->name ? astrdup(name) : name;
			strmap_put(&sz->map, d->name, d);
			vpush(&sz->all, d);
		}
		d->size += s->size;
	}
}

struct delta {
	big d;
	const char *name;
};

static int cmp_delta(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;

	if (x->d != y->d)
		return x->d > y->d ? -1 : 1;
	return -strcmp(x->name, y->name);	/* reverse=True on (d, name) */
}

static bool demangle_names;

/* "%-40s": Python pads by characters, not bytes */
static void print_padded(const char *s, int width)
{
	int chars = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		chars += (*p & 0xc0) != 0x80;
	fputs(s, stdout);
	for (; chars < width; chars++)
		putchar(' ');
}

static void print_result(const char *kind, const char *letters, const char *old_file,
			 const char *new_file)
{
	struct sizes old = { .letters = letters }, new = { .letters = letters };
	big grow = 0, shrink = 0, add = 0, remove = 0, up = 0, down = 0;
	big otot = 0, ntot = 0;
	VEC(struct delta) delta = { 0 };

	each_object(old_file, diff_sizes, &old);
	each_object(new_file, diff_sizes, &new);
	for (int i = 0; i < old.all.n; i++) {
		struct dsym *o = old.all.v[i];
		otot += o->size;
		if (!strmap_get(&new.map, o->name)) {
			remove++;
			down += o->size;
			vpush(&delta, ((struct delta){ -o->size, o->name }));
		}
	}
	for (int i = 0; i < new.all.n; i++) {
		struct dsym *n = new.all.v[i], *o;
		ntot += n->size;
		if (!(o = strmap_get(&old.map, n->name))) {
			add++;
			up += n->size;
			vpush(&delta, ((struct delta){ n->size, n->name }));
		} else {
			big d = n->size - o->size;
			if (d > 0)
				grow++, up += d;
			if (d < 0)
				shrink++, down -= d;
			vpush(&delta, ((struct delta){ d, n->name }));
		}
	}
	if (delta.n)
		qsort(delta.v, delta.n, sizeof *delta.v, cmp_delta);
	printf("add/remove: %s/%s grow/shrink: %s/%s up/down: %s/%s (%s)\n",
	       big_str(add, false), big_str(remove, false), big_str(grow, false),
	       big_str(shrink, false), big_str(up, false), big_str(-down, false),
	       big_str(up - down, false));
	printf("%-40s %7s %7s %7s\n", kind, "old", "new", "delta");
	for (int i = 0; i < delta.n; i++) {
		struct delta *d = &delta.v[i];
		if (!d->d)
			continue;
		struct dsym *o = strmap_get(&old.map, d->name), *n = strmap_get(&new.map, d->name);
		const char *shown = demangle_names ? demangle(d->name) : NULL;
		print_padded(shown ? shown : d->name, 40);
		printf(" %7s %7s %7s\n", o ? big_str(o->size, false) : "-",
		       n ? big_str(n->size, false) : "-", big_str(d->d, true));
	}
	/* (ntot - otot) * 100.0 / otot: the integer made a double first */
	double pct = otot ? (double)(ntot - otot) * 100.0 / (double)otot : 0.0;
	printf("Total: Before=%s, After=%s, chg %+.2f%%\n", big_str(otot, false),
	       big_str(ntot, false), pct);
	free(old.map.slots);
	free(new.map.slots);
}

static int do_diff(char category, const char *old_file, const char *new_file)
{
	switch (category) {
	case 'c':
		print_result("Function", "tTwW", old_file, new_file);
		print_result("Data", "dDbBvV", old_file, new_file);
		print_result("RO Data", "rR", old_file, new_file);
		break;
	case 'd':
		print_result("Data", "dDbBrRvV", old_file, new_file);
		break;
	case 't':
		print_result("Function", "tTwW", old_file, new_file);
		break;
	default:
		print_result("Function", "tTdDbBrRvVwW", old_file, new_file);
	}
	return 0;
}

/* ---- the command line ---- */

int main(int argc, char **argv)
{
	enum { SIZE, CRATES, TOP, DIFF } mode = SIZE;
	char category = 0;
	long top = 0;
	strvec files = { 0 };
	bool dashdash = false;

	progname = "ksize";
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "ksize: libelf: %s\n", elf_errmsg(-1));
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (dashdash || a[0] != '-' || !a[1]) {
			vpush(&files, argv[i]);
		} else if (streq(a, "--")) {
			dashdash = true;
		} else if (streq(a, "-h") || streq(a, "--help")) {
			fputs(usage_text, stdout);
			return 0;
		} else if (streq(a, "--version")) {
			printf("ksize %s\n", KB_VERSION);
			return 0;
		} else if (streq(a, "--crates")) {
			mode = CRATES;
		} else if (streq(a, "--top") || startswith(a, "--top=")) {
			const char *v = a[5] == '=' ? a + 6 : i + 1 < argc ? argv[++i] : NULL;
			char *end;
			if (!v)
				usage_error("--top needs a number (see ksize --help)");
			errno = 0;
			top = strtol(v, &end, 10);
			if (!*v || *end || errno || top < 0)
				usage_error("--top %s: not a number (see ksize --help)", v);
			mode = TOP;
		} else if (streq(a, "--diff")) {
			mode = DIFF;
		} else if (streq(a, "-c") || streq(a, "-d") || streq(a, "-t")) {
			category = a[1];
		} else if (streq(a, "--demangle")) {
			demangle_names = true;
		} else
			usage_error("unknown option '%s' (see ksize --help)", a);
	}
	if ((category || demangle_names) && mode != DIFF)
		usage_error("-c, -d, -t and --demangle go with --diff (see ksize --help)");
	switch (mode) {
	case SIZE:
		return do_size(files.n, files.v);
	case CRATES:
		if (files.n != 1)
			usage_error("--crates takes one FILE (see ksize --help)");
		return do_crates(files.v[0]);
	case TOP:
		if (files.n != 1)
			usage_error("--top N takes one FILE (see ksize --help)");
		return do_top(top, files.v[0]);
	case DIFF:
		if (files.n != 2)
			usage_error("--diff takes OLD and NEW (see ksize --help)");
		return do_diff(category, files.v[0], files.v[1]);
	}
	return 0;
}
