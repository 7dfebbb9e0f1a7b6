// Integer object-like macros: decimal, hex, octal, negative, shifts, references.
#define BUF_SIZE 4096
#define FLAG_MASK 0xff00
#define PERM_DEFAULT 0644
#define ERR_TIMEOUT (-110)
#define BIT_SEVEN (1 << 7)
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define DOUBLE_BUF (BUF_SIZE * 2)
#define BIG_UNSIGNED 0xffffffffffffffffULL
#define MIN_LONG_LIKE (-9223372036854775807LL - 1)
#define COMBINED (FLAG_MASK | BIT_SEVEN)
