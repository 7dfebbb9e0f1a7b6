// Every C integer type, as struct fields, a function and globals.
struct all_ints {
    char c;
    signed char sc;
    unsigned char uc;
    short s;
    unsigned short us;
    int i;
    unsigned int ui;
    long l;
    unsigned long ul;
    long long ll;
    unsigned long long ull;
};

long long mix_ints(short a, unsigned short b, int c, unsigned d, long e,
                   unsigned long f, unsigned long long g, signed char h);
extern unsigned long counter_ul;
