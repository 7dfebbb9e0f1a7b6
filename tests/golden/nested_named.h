// A named struct defined inside another one, and used again outside it.
struct vehicle {
    struct engine {
        int cylinders;
        float displacement;
    } motor;
    struct wheel {
        int size;
    } wheels[4];
    int seats;
};

struct engine spare_engine;
