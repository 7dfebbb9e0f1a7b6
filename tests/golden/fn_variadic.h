// Variadic functions.
int log_printf(int level, const char *fmt, ...);
void trace_values(unsigned count, ...);
