/* included by macro_tokens.h: its definitions are looked up by this
 * file's path as clang names it */
#define INC_PLAIN 21
#define INC_COMMENT 22 /* c */ + 1
