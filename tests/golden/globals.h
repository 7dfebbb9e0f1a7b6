// Global variables: extern, const with initializer, arrays, pointers.
extern int global_counter;
extern const char *program_name;
extern const int max_retries;
static const int default_port = 8080;
extern double samples[16];
extern const unsigned char lookup_table[256];
extern struct { int x, y; } cursor_pos;
extern char *env_names[];
