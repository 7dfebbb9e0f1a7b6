/* tokens.h: the token sequence a fuzz input is, for the targets of the
 * macro evaluators (macro_fuzz.c, cconst_fuzz.c).
 *
 * One token per line ('\n' ends a token; the last line needs none).  The
 * first byte of a line is the token's kind, the rest its text:
 *
 *   p  MT_PUNCT     p<<
 *   k  MT_KEYWORD   kunsigned
 *   i  MT_IDENT     iA
 *   l  MT_LITERAL   l0x10UL      l'a'      l"str"
 *
 * Any other kind byte b is kind b & 3 (0 punct, 1 keyword, 2 ident,
 * 3 literal), so that every input means a token sequence.  Empty lines
 * are skipped; a NUL ends the text of its token.  As in C (and libclang)
 * the spelling decides the kind where the byte says otherwise: an
 * "identifier" 1 is the number 1, a "punctuator" A the name A, an
 * "identifier" int the keyword (the evaluators key what they remember
 * by spelling); an empty text keeps the byte's kind.  Each token's text and
 * the token array are heap blocks of their exact size, so that ASan sees
 * a read past either. */
static enum mtokkind spelled_kind(enum mtokkind k, const char *s)
{
	static const char *const keywords[] = {
		"_Bool", "auto", "break", "case", "char", "const", "continue", "default",
		"do", "double", "else", "enum", "extern", "float", "for", "goto", "if",
		"inline", "int", "long", "register", "restrict", "return", "short",
		"signed", "sizeof", "static", "struct", "switch", "typedef", "typeof",
		"union", "unsigned", "void", "volatile", "while", "__typeof__",
	};
	bool name = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_';
	bool number = (s[0] >= '0' && s[0] <= '9') || (s[0] == '.' && s[1] >= '0' && s[1] <= '9');
	if (number || s[0] == '\'' || s[0] == '"' || (name && strpbrk(s, "'\"")))
		return MT_LITERAL;	/* L"x" too */
	if (!name)
		return s[0] ? MT_PUNCT : k;
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
		if (!strcmp(s, keywords[i]))
			return MT_KEYWORD;
	return MT_IDENT;
}

static struct mtok *read_tokens(const uint8_t *data, size_t size, int *count)
{
	struct mtok *toks;
	int n = 0;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	toks = malloc((n + 1) * sizeof *toks);
	n = 0;
	for (size_t i = 0; i < size;) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t len = nl ? (size_t)(nl - (data + i)) : size - i;

		if (len) {
			static const enum mtokkind kinds[] = {
				MT_PUNCT, MT_KEYWORD, MT_IDENT, MT_LITERAL,
			};
			uint8_t k = data[i];
			char *s = malloc(len);	/* the text and its NUL */

			memcpy(s, data + i + 1, len - 1);
			s[len - 1] = 0;
			toks[n].kind = k == 'p' ? MT_PUNCT : k == 'k' ? MT_KEYWORD :
				       k == 'i' ? MT_IDENT : k == 'l' ? MT_LITERAL :
				       kinds[k & 3];
			toks[n].kind = spelled_kind(toks[n].kind, s);
			toks[n].s = s;
			n++;
		}
		i += len + 1;
	}
	/* exactly n tokens: a read past the last is an ASan report */
	*count = n;
	return realloc(toks, (n ? n : 1) * sizeof *toks);
}

static void free_tokens(struct mtok *toks, int n)
{
	for (int i = 0; i < n; i++)
		free((char *)toks[i].s);
	free(toks);
}
