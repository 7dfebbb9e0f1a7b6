// bindgen-flags: --enable-function-attribute-detection
// noreturn and warn_unused_result become `-> !` and #[must_use].
__attribute__((noreturn)) void fatal_error(const char *msg);
_Noreturn void die_now(int code);
__attribute__((warn_unused_result)) int must_check(int value);
int ordinary(int value);
