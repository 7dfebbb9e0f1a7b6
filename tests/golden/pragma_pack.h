// #pragma pack with push/pop, pack(1) and pack(2).
#pragma pack(push, 1)
struct packed_one {
    char a;
    int b;
    short c;
};
#pragma pack(pop)

#pragma pack(push, 2)
struct packed_two {
    char a;
    int b;
    long long c;
};
#pragma pack(pop)

struct after_pack {
    char a;
    int b;
};
