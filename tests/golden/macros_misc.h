// Float, char and string macros, and macros bindgen must skip.
#define PI_APPROX 3.14159
#define HALF 0.5f
#define SEPARATOR ','
#define NEWLINE_CHAR '\n'
#define GREETING "hello"
#define ESCAPED "tab\there"
#define EMPTY_MACRO
#define SQUARE(x) ((x) * (x))
#define CAST_VALUE ((unsigned char)7)
#define UNDEFINED_REF (NOT_DEFINED_ANYWHERE + 1)
#define KEYWORD_ALIAS int
