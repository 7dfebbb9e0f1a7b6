// Plain structs with implicit padding, struct fields and self pointers.
struct packet_header {
    char kind;
    int length;
    short flags;
    long long id;
    char tail;
};

struct packet {
    struct packet_header hdr;
    struct packet *next;
    double weight;
};
