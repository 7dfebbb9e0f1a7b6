// Bitfields spread over several storage units, with unnamed and zero-width ones.
struct flags_word {
    unsigned int ready : 1;
    unsigned int mode : 3;
    unsigned int : 4;
    unsigned int level : 8;
    unsigned int : 0;
    unsigned int second_unit : 5;
    unsigned short tail : 7;
};

struct split_bits {
    unsigned char a : 6;
    unsigned char b : 6;
    int after;
    unsigned int c : 30;
    unsigned int d : 30;
};
