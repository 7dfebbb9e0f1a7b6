/* main.c: kbindgen's driver: options, parse, passes, output. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kbindgen.h"

/* Options parsed but not implemented yet fail loudly (exit 2): a user must
 * never get bindings that silently ignore what was asked. */
static void refuse_unsupported(void)
{
	const struct { bool on; const char *name; } todo[] = {
		{ opt.flexarray_dst, "--flexarray-dst" },
	};
	for (size_t i = 0; i < sizeof todo / sizeof *todo; i++)
		if (todo[i].on)
			usage_error("option %s is not supported yet", todo[i].name);
}

int main(int argc, char **argv)
{
	struct unit u = {0};
	struct buf pre = {0}, body = {0};

	parse_opts(&opt, argc, argv);
	refuse_unsupported();
	if (access(opt.header, R_OK))
		fatal("%s: %s", opt.header, strerror(errno));
	phase(NULL);
	if (opt.dump_preprocessed)
		dump_preprocessed();
	if (!load_unit(&u))
		exit(1);
	phase("ir");
	read_annotations(&u);
	assign_names(&u);
	phase("names");
	select_items(&u);
	phase("select");
	compute_layout(&u);
	phase("layout");
	compute_derives(&u);
	phase("derives");
	if (opt.emit_ir)
		dump_ir(&u);
	if (opt.emit_ir_graphviz)
		dump_ir_dot(&u, opt.emit_ir_graphviz);
	if (opt.wrap_static_fns)
		check_wrappers(&u);
	emit_rust(&u, &pre, &body);
	phase("codegen");
	write_output(opt.output, bstr(&pre), pre.len, bstr(&body), body.len);
	if (opt.wrap_static_fns)
		write_wrappers(&u);
	if (opt.depfile)
		write_depfile(opt.depfile, opt.output ? opt.output : "-", &u.deps);
	phase("write");
	return 0;
}
