// Typedefs of typedefs, of pointers and of structs.
typedef int base_t;
typedef base_t level1_t;
typedef level1_t level2_t;
typedef level2_t *level2_ptr;
typedef const level1_t *level1_cptr;

typedef struct coord { level2_t x, y; } coord_t;
typedef coord_t point_t;
typedef point_t *point_ref;

level2_t chain_apply(level2_ptr p, level1_cptr q, point_ref r);
