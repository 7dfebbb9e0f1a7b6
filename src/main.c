/* main.c: kbindgen's driver: the pipeline of kbindgen.h, pass by pass. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kbindgen.h"

static struct opts opt;

/* --time-phases: bindgen's format, the time since the previous call on
 * stderr, labelled (NULL starts the clock). */
static void phase(const char *label)
{
	static struct timespec last;
	struct timespec now;

	if (!opt.time_phases)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (label)
		fprintf(stderr, "  time: %9.3f ms.\t%s\n",
			(now.tv_sec - last.tv_sec) * 1e3 + (now.tv_nsec - last.tv_nsec) / 1e6,
			label);
	last = now;
}

int main(int argc, char **argv)
{
	struct unit u = {0};
	struct buf prelude = {0}, support = {0}, items = {0};

	heap_init();
	parse_opts(&opt, argc, argv);
	if (opt.version) {
		printf("kbindgen %s\n", KB_BINDGEN_VERSION);
		printf("kbindgen %s (libclang %s)\n", KB_VERSION, clang_version_string());
		return 0;
	}
	/* as in bindgen, the DST form needs ptr_metadata (nightly): say so
	 * rather than quietly writing the usual form */
	if (opt.flexarray_dst && opt.rust_target != KB_RUST_NIGHTLY)
		warn("--flexarray-dst needs --rust-target nightly; not applied");
	struct stat st;
	if (access(opt.header, R_OK) || stat(opt.header, &st))
		fatal("%s: %s", opt.header, strerror(errno));
	if (S_ISDIR(st.st_mode))
		fatal("%s: %s", opt.header, strerror(EISDIR));
	protect_input(opt.header);
	phase(NULL);
	if (opt.dump_preprocessed)
		dump_preprocessed(&opt);
	if (!parse_unit(&u, &opt))
		exit(1);
	phase("clang parse");
	load_unit(&u);
	phase("ir");
	read_annotations(&u);
	assign_names(&u, &opt);
	phase("names");
	select_items(&u, &opt);
	phase("select");
	plan_records(&u, &opt);
	compute_derives(&u, &opt);
	phase("derives");
	compute_layout(&u, &opt);
	phase("layout");
	if (opt.emit_ir)
		dump_ir(&u, &opt);
	if (opt.emit_ir_graphviz)
		dump_ir_dot(&u, opt.emit_ir_graphviz);
	if (opt.wrap_static_fns)
		check_wrappers(&u, &opt);
	decide_styles(&u, &opt);
	phase("style");
	spill_to(opt.output);
	emit_items(&u, &opt, &items);
	emit_support(&opt, &support);
	if (opt.merge_extern_blocks || opt.sort_semantically) {
		bput(&support, bstr(&items), items.len);
		bfree(&items);
		postprocess(&support, opt.merge_extern_blocks, opt.sort_semantically);
	}
	emit_prelude(&opt, &prelude);
	phase("codegen");
	stage_output(opt.output, (struct buf[]){ prelude, support, items }, 3);
	if (opt.wrap_static_fns)
		write_wrappers(&u, &opt);
	if (opt.depfile)
		write_depfile(opt.depfile, opt.output ? opt.output : "-", &u.deps);
	commit_outputs();
	phase("write");
	return 0;
}
