// bindgen-flags: --clang-macro-fallback
// In the macro modes a definition's tokens come from the scan's reading of
// the text where it reads them as libclang lexes them, else from libclang;
// make check compares the two (KBINDGEN_CHECK_TOKENS=1).  Each shape here
// is one of the text's that the two could read apart.
#include "include/macro_tokens.h"

#define T_PLAIN 1
#define T_COMMENT 2 /* a comment */ + 3
#define T_COMMENT_TIGHT 4/**/+5
#define T_LINE_COMMENT 6 // a line comment
#define /* before the name */ T_COMMENT_BEFORE 7
#define T_COMMENT_LINES 8 /* a comment that
	goes on */ + 9
#define T_SPLICE_BLANK (10 + \
	11)
#define T_SPLICE_TIGHT (12 + \
13)
#define T_SPLICE_IN_NUMBER 1\
4
#define T_SPLICE_LAST (15 \
)
#define T_KEYWORD ((unsigned)16)
#define T_SIZEOF sizeof(int)
#define T_ALIAS ((__signed__ char)-17)
#define T_DIGRAPH <: 18 :>
#define T_STRING "a\"b"
#define T_STRING_SPLICE "c\
d"
#define T_WIDE L"w"
#define T_U8 u8"u"
#define T_CHAR 'c'
#define T_WCHAR L'w'
#define T_FLOAT 1.5e+3f
#define T_HEXFLOAT 0x1p-3
#define T_PP_NUMBER 0xe+1
#define T_SHIFTS ((1 << 3) >> 1 <= 4)
#define T_TERNARY (1 ? 19 : 20)
#define T_MEMBER a.b->c
#define T_DOLLAR a$b
#define T_DOLLAR_NAME$x 27
#define T_ARROW_STAR a->*b
#define T_HASH # ## #
#define T_ELLIPSIS ...
#define T_TAB	23	/* tabs */
#define T_UCN \u00e9
#define T_UTF8 "é"
#define T_EMPTY
#define T_PLAIN_AGAIN T_PLAIN
#undef T_PLAIN
#define T_PLAIN 24
#define T_CRLF 25
#define T_CRLF_COMMENT 26 /* c */
