// Enums whose values force a signed or an unsigned representation.
enum temperature {
    TEMP_FREEZING = -40,
    TEMP_ZERO = 0,
    TEMP_HOT = 100,
};

enum big_mask {
    MASK_LOW = 0x1,
    MASK_HIGH = 0x80000000u,
    MASK_ALL = 0xffffffffu,
};

enum huge_value {
    HUGE_SMALL = 1,
    HUGE_BIG = 0x100000000LL,
};

enum temperature classify(int degrees);
