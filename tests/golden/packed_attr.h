// __attribute__((packed)) structs, including an unaligned wide field.
struct __attribute__((packed)) wire_msg {
    unsigned char type;
    unsigned int length;
    unsigned short crc;
};

struct wire_frame {
    char start;
    struct wire_msg msg;
    char end;
} __attribute__((packed));
