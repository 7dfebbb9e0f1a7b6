// Named fields whose type is an anonymous struct or union.
struct shape {
    int kind;
    struct {
        double x, y;
    } origin;
    union {
        double radius;
        struct {
            double w, h;
        } rect;
    } dims;
    struct {
        int r, g, b;
    } colors[2];
};
