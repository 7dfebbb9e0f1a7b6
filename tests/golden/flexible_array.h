// Flexible array members.
struct byte_blob {
    unsigned int len;
    unsigned char data[];
};

struct entry_table {
    int count;
    long flags;
    struct { int key, value; } entries[];
};

struct byte_blob *blob_new(unsigned int len);
