// Included by doc_comments_system*.h: a system header, so clang keeps its
// comments only with -fretain-comments-from-system-headers.
#pragma GCC system_header

/** A documented struct in a system header. */
struct sys_documented {
    /** A documented field. */
    int field;
};

/** A documented enum. */
enum sys_kind {
    /** The first kind. */
    SYS_KIND_A,
};

/** A documented function. */
int sys_function(struct sys_documented *d);
