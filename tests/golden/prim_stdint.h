// bindgen-flags: --allowlist-type 'fixed_.*' --allowlist-function 'fixed_.*'
// The exact-width integer typedefs of stdint.h.
#include <stdint.h>

struct fixed_widths {
    int8_t a;
    uint8_t b;
    int16_t c;
    uint16_t d;
    int32_t e;
    uint32_t f;
    int64_t g;
    uint64_t h;
};

uint64_t fixed_sum(const struct fixed_widths *w, int32_t bias);
