// One- and multi-dimensional arrays, arrays of structs, array parameters.
struct pixel { unsigned char r, g, b; };

struct image {
    int dims[2];
    float matrix[3][4];
    struct pixel palette[16];
    struct pixel tiles[2][2];
    char name[32];
};

void image_fill(struct image *img, const int offsets[4], float weights[2][3]);
