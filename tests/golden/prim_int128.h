// __int128 fields force 16-byte alignment.
struct wide_pair {
    char tag;
    __int128 lo;
    unsigned __int128 hi;
};

struct wide_pair make_wide(long seed);
