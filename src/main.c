/* main.c: kbindgen's driver: options, parse, passes, output. */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kbindgen.h"

int main(int argc, char **argv)
{
	struct unit u = {0};
	struct buf pre = {0}, body = {0};

	/* libclang parses on a thread of its own, whose malloc arena grows
	 * 128 KiB at a time by default: some 500 mprotect calls on vulkan.h,
	 * and 3-5% of the run.  Untouched pad costs no memory. */
	mallopt(M_TOP_PAD, 8 << 20);
	parse_opts(&opt, argc, argv);
	/* as in bindgen, the DST form needs ptr_metadata (nightly): say so
	 * rather than quietly writing the usual form */
	if (opt.flexarray_dst && opt.rust_target != KB_RUST_NIGHTLY)
		warn("--flexarray-dst needs --rust-target nightly; not applied");
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
