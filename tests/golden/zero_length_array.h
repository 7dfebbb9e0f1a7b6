// GNU zero-length arrays as trailing members.
struct var_record {
    unsigned short size;
    char payload[0];
};

struct aligned_tail {
    char tag;
    long long items[0];
};
