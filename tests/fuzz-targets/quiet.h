/* quiet.h: what every fuzz target's LLVMFuzzerInitialize() does first.
 *
 * The code under test writes its errors to stderr: thousands of lines a
 * second.  Unless KB_FUZZ_STDERR is set (and not 0), quiet() puts
 * -close_fd_mask=2 before the command line's own flags (which can still
 * override it): libFuzzer then points fd 2 at /dev/null, and keeps its own
 * output and the sanitizers' reports on a copy of the real stderr.
 * LLVMFuzzerInitialize() runs before libFuzzer parses its flags. */
static void quiet(int *argc, char ***argv)
{
	const char *keep = getenv("KB_FUZZ_STDERR");
	char **v;

	if (keep && *keep && strcmp(keep, "0"))
		return;
	v = malloc((*argc + 2) * sizeof *v);	/* for the whole run */
	v[0] = (*argv)[0];
	v[1] = "-close_fd_mask=2";
	memcpy(v + 2, *argv + 1, (*argc - 1) * sizeof *v);
	v[*argc + 1] = NULL;
	++*argc;
	*argv = v;
}
