// Anonymous enums and typedef'd enums.
enum {
    OPT_VERBOSE = 1,
    OPT_QUIET = 2,
};

typedef enum {
    STATE_IDLE,
    STATE_BUSY,
    STATE_DONE,
} machine_state;

typedef enum direction {
    DIR_NORTH,
    DIR_SOUTH = 5,
    DIR_EAST,
} direction_t;

struct robot {
    machine_state state;
    direction_t facing;
};
