// bindgen-flags: -- -funsigned-char
// With -funsigned-char, plain char is unsigned; explicit signed char stays signed.
struct text_cell {
    char plain;
    signed char s;
    unsigned char u;
};

char first_char(const char *str);
