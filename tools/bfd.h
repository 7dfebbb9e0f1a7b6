/* bfd.h: what binutils 2.40 (Debian bookworm) makes of an ELF section, as
 * GNU nm shows it: the letter of a symbol defined in it.  Shared by
 * tools/kexports.c and tools/ksize.c; each rule names the binutils
 * function it follows.  Header only: both tools are one C file each. */
#ifndef BFD_H
#define BFD_H

#include <gelf.h>
#include <stdbool.h>
#include <string.h>

/* Small data, SEC_SMALL_DATA: 'g' for data, 's' for bss (bfd/syms.c,
 * decode_section_type).  Only some machines have it, in the
 * elf_backend_section_flags hook of their backend:
 *   PowerPC64 (elf64-ppc.c): sections named .sdata... and .sbss...;
 *   MIPS, Alpha, IA-64, Nios II (elfxx-mips.c, elf64-alpha.c, elfnn-ia64.c,
 *   elf32-nios2.c): section flag 0x10000000 (SHF_MIPS_GPREL,
 *   SHF_ALPHA_GPREL, SHF_IA_64_SHORT, SHF_NIOS2_GPREL).
 * machine EM_NONE: binutils' generic ELF target, which has none. */
static inline bool bfd_small_data(GElf_Half machine, GElf_Xword flags, const char *name)
{
	switch (machine) {
	case EM_PPC64:
		return !strncmp(name, ".sdata", 6) || !strncmp(name, ".sbss", 5);
	case EM_MIPS:
	case EM_ALPHA:
	case EM_IA_64:
	case 113:		/* EM_ALTERA_NIOS2 */
		return flags & 0x10000000;
	}
	return false;
}

/* bfd/elf.c, _bfd_elf_make_section_from_shdr: the sections binutils
 * recognizes as debugging sections, by name only, when not SHF_ALLOC. */
static inline bool bfd_debugging_name(const char *name)
{
	static const char *const prefixes[] = {
		".debug", ".gnu.debuglto_.debug_", ".gnu.linkonce.wi.",
		".zdebug", ".line", ".stab",
	};

	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return !strcmp(name, ".gdb_index");
}

/* nm's letter (lowercase; nm uppercases it for a global) of a symbol
 * defined in the section of header sh named name, on machine. */
static inline char bfd_section_letter(GElf_Half machine, const GElf_Shdr *sh, const char *name)
{
	/* bfd/syms.c, coff_section_type, consulted first for every format:
	 * PE's sections by name, the name followed by nothing, '.', '$' or
	 * a digit (".idata$2", ".pdata.x"). */
	static const struct {
		const char *name;
		char letter;
	} pe[] = {
		{ ".drectve", 'i' }, { ".edata", 'e' }, { ".idata", 'i' }, { ".pdata", 'p' },
	};
	for (size_t i = 0; i < sizeof pe / sizeof *pe; i++) {
		size_t n = strlen(pe[i].name);
		if (!strncmp(name, pe[i].name, n) && memchr(".$0123456789", name[n], 13))
			return pe[i].letter;
	}

	/* bfd/elf.c, _bfd_elf_make_section_from_shdr: the BFD flags of an
	 * ELF section ... */
	bool has_contents = sh->sh_type != SHT_NOBITS;		/* SEC_HAS_CONTENTS */
	bool alloc = sh->sh_flags & SHF_ALLOC;			/* SEC_ALLOC */
	bool load = alloc && has_contents;			/* SEC_LOAD */
	bool readonly = !(sh->sh_flags & SHF_WRITE);		/* SEC_READONLY */
	bool code = sh->sh_flags & SHF_EXECINSTR;		/* SEC_CODE */
	bool data = !code && load;				/* SEC_DATA */
	bool debugging = !alloc && bfd_debugging_name(name);	/* SEC_DEBUGGING */
	bool small = bfd_small_data(machine, sh->sh_flags, name); /* SEC_SMALL_DATA */

	/* ... and bfd/syms.c, decode_section_type: the letter from them.
	 * SHF_TLS plays no part: .tdata is 'd', .tbss 'b'. */
	if (code)
		return 't';
	if (data)
		return readonly ? 'r' : small ? 'g' : 'd';
	if (!has_contents)
		return small ? 's' : 'b';
	if (debugging)
		return 'N';
	if (readonly)
		return 'n';
	return '?';
}

enum bfd_where { UNDEFINED, COMMON, SMALL_COMMON, ABSOLUTE, IN_SECTION };

/* Where a symbol is defined (bfd/elfcode.h, elf_slurp_symbol_table, and
 * the elf_backend_symbol_processing hooks of x86-64 and MIPS).  shndx is
 * st_shndx, or with SHN_XINDEX (extended) the index from
 * SHT_SYMTAB_SHNDX: that one is a section's even where it looks like a
 * reserved index.  made: nm made a section of that index (one below the
 * section count that has a letter). */
static inline enum bfd_where bfd_symbol_where(GElf_Half machine, size_t shndx, bool extended,
					      bool made)
{
	if (extended)
		return made ? IN_SECTION : ABSOLUTE;
	switch (shndx) {
	case SHN_UNDEF:
		return UNDEFINED;
	case SHN_COMMON:
		return COMMON;
	case SHN_ABS:
		return ABSOLUTE;
	}
	if (machine == EM_X86_64 && shndx == 0xff02)	/* SHN_X86_64_LCOMMON */
		return COMMON;
	if (machine == EM_MIPS && shndx == SHN_MIPS_SCOMMON)
		return SMALL_COMMON;
	if (machine == EM_MIPS && shndx == SHN_MIPS_SUNDEFINED)
		return UNDEFINED;
	/* other reserved indexes and sections nm has not made */
	if (shndx >= SHN_LORESERVE || !made)
		return ABSOLUTE;
	return IN_SECTION;
}

#endif
