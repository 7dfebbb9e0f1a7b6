// Packed enums get the smallest underlying type.
enum __attribute__((packed)) small_code {
    CODE_A = 1,
    CODE_B = 200,
};

enum __attribute__((packed)) small_signed {
    SS_MINUS = -3,
    SS_PLUS = 3,
};

struct code_pair {
    enum small_code code;
    enum small_signed sign;
};
