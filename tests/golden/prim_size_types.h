// bindgen-flags: --allowlist-function 'sz_.*' --allowlist-type 'sz_.*'
// size_t maps to usize; ssize_t, ptrdiff_t and intptr_t come from the C library.
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct sz_span {
    size_t len;
    ssize_t signed_len;
    ptrdiff_t delta;
    intptr_t iaddr;
    uintptr_t uaddr;
};

size_t sz_copy(void *dst, const void *src, size_t n);
ssize_t sz_read(int fd, void *buf, size_t count);
