// Functions: void, no parameters, struct by value and by pointer.
struct vec2 { float x, y; };

void reset(void);
int answer(void);
struct vec2 vec2_add(struct vec2 a, struct vec2 b);
void vec2_scale(struct vec2 *v, float k);
const char *version_string(void);
