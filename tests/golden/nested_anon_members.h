// C11 anonymous struct and union members, nested two deep.
struct event {
    int type;
    union {
        struct {
            int x, y;
        };
        struct {
            unsigned int key;
            unsigned int mods;
        };
        char raw[16];
    };
    struct {
        long stamp;
        union {
            short s;
            long l;
        };
    };
};
