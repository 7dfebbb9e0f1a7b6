// Doc comments of a system header are dropped by clang (and so by bindgen)
// unless -fretain-comments-from-system-headers: see doc_comments_retained.h.
#include "include/system_doc.h"

/** A documented struct in the header itself. */
struct own_documented {
    /** Its field. */
    struct sys_documented inner;
};
