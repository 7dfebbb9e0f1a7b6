// Unions, and a tagged struct holding one.
union number {
    int i;
    unsigned long long u;
    double d;
    char bytes[8];
};

struct tagged_number {
    int tag;
    union number value;
};

union number number_parse(const char *text);
