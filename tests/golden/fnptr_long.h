// Function pointer types too long for two lines, laid out from their
// parameters: variadic, a parameter that is itself a long function
// pointer, a long function pointer result, no parameters at all, and the
// same shapes as extern functions.
typedef int (*long_variadic_logger_fn)(void *user_data_pointer, const char *format_string, ...);
typedef void (*register_completion_callback_fn)(void *context_pointer,
	void (*completion_callback)(void *context_pointer, int completion_status, unsigned long bytes),
	unsigned long timeout_in_milliseconds);
typedef long (*(*handler_factory_with_a_long_name_fn)(int selector))(const char *first_argument, unsigned long second_argument, double third);
typedef struct some_record_with_a_very_long_name_indeed *(*no_arguments_but_a_long_result_fn)(void);
struct some_record_with_a_very_long_name_indeed { int x; };

int long_variadic_logger(void *user_data_pointer, const char *format_string, int level, ...);
void register_completion_callback(void *context_pointer,
	void (*completion_callback)(void *context_pointer, int completion_status, unsigned long bytes),
	unsigned long timeout_in_milliseconds);
