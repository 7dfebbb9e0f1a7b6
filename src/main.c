/* main.c: kbindgen's driver: options, parse, passes, output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kbindgen.h"

int main(int argc, char **argv)
{
	struct unit u = {0};
	struct buf out = {0};

	parse_opts(&opt, argc, argv);
	if (access(opt.header, R_OK))
		fatal("%s: %s", opt.header, strerror(errno));
	if (!load_unit(&u))
		exit(1);
	select_items(&u);
	assign_names(&u);
	compute_layout(&u);
	compute_derives(&u);
	emit_rust(&u, &out);
	write_output(opt.output, bstr(&out), out.len);
	return 0;
}
