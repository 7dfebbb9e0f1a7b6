// Bitfields of bool, enum, signed and 64-bit types.
#include <stdbool.h>

enum pin_mode { PIN_IN, PIN_OUT, PIN_ALT };

struct pin_config {
    bool enabled : 1;
    enum pin_mode mode : 2;
    signed int offset : 5;
    int plain : 4;
    unsigned long long address : 48;
    unsigned long long page : 16;
    long long wide_signed : 40;
};
