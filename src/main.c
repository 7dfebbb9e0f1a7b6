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
		{ opt.wrap_static_fns, "--wrap-static-fns" },
		{ opt.merge_extern_blocks, "--merge-extern-blocks" },
		{ opt.sort_semantically, "--sort-semantically" },
		{ opt.clang_macro_fallback, "--clang-macro-fallback" },
		{ opt.disable_untagged_union, "--disable-untagged-union" },
		{ opt.flexarray_dst, "--flexarray-dst" },
		{ opt.emit_ir, "--emit-ir" },
		{ opt.emit_clang_ast, "--emit-clang-ast" },
		{ opt.dump_preprocessed, "--dump-preprocessed-input" },
		{ opt.time_phases, "--time-phases" },
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
	if (!load_unit(&u))
		exit(1);
	read_annotations(&u);
	assign_names(&u);
	select_items(&u);
	compute_layout(&u);
	compute_derives(&u);
	emit_rust(&u, &pre, &body);
	write_output(opt.output, bstr(&pre), pre.len, bstr(&body), body.len);
	if (opt.depfile)
		write_depfile(opt.depfile, opt.output ? opt.output : "-", &u.deps);
	return 0;
}
