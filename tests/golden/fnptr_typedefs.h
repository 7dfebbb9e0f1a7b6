// Function pointer typedefs, function pointer parameters, functions returning them.
typedef void (*callback_fn)(void *user, int status);
typedef int comparator(const void *, const void *);

void register_callback(callback_fn cb, void *user);
void sort_items(void *base, unsigned long n, comparator *cmp);
void (*get_handler(int signo))(int);
callback_fn pick_callback(int which);
int apply_twice(int (*f)(int), int x);
