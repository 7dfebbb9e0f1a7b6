// Floating types and booleans (_Bool and stdbool's bool).
#include <stdbool.h>

struct measure {
    float f;
    double d;
    _Bool flag;
    bool done;
};

double scale(float by, double what);
bool is_ready(_Bool force);
