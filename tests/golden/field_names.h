/* Field names as clang has them, wherever they are spelled: kbindgen reads
 * a plain one in the file's text and asks clang for the rest (names out
 * of a macro's body or argument, pasted, spelled with a universal
 * character name or across a line splice).  ($ in names: hardening.sh) */
#define NAME from_macro
#define FIELD(x) int x;
#define PASTE(a, b) int a##b;
#define DECL(t, n) t n

struct names {
	int NAME;
	FIELD(from_argument)
	PASTE(pas, ted)
	DECL(long, through_decl);
	int caf\u00e9;
	int \u00e9t\u00e9;
	int line_\
splice;
	int élève;
	int /* a comment */ after_comment;
	int last
	;
	unsigned bits : 3, : 2, more : 4;
	int self, type;
};
