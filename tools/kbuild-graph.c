/* kbuild-graph: the dependency graph of a kernel tree's Rust part, drawn
 * from what kbuild recorded, as DOT.
 *
 *   kbuild-graph [--all] [--srctree DIR] OBJTREE > rust.dot
 *
 * kbuild writes, beside each target T it built, a file .T.cmd holding
 * `savedcmd_T := COMMAND` (`cmd_T` before 6.3), for objects built from a
 * source `source_T := FILE`, and for targets built with if_changed_dep
 * `deps_T := FILE...` (what the compiler said it read; `$(wildcard ...)`
 * entries are config dependencies and left out).  The inputs of T are its
 * source, its deps, and the words of its command that are targets
 * themselves (`rust/core.o` in exports_core_generated.h's command; an
 * archive's members, named relative to its directory).  A rustc command's
 * other outputs (`--emit=metadata=rust/libkernel.rmeta`) are the same
 * node as its target.  One edge no record states is added: vmlinux is
 * linked from vmlinux.o (scripts/link-vmlinux.sh does it).
 *
 * The Rust part: every target under rust/ or built by rustc, what is
 * built from them (exports, archives, vmlinux, modules), and those of
 * their inputs that are not targets but are named by a source_ line or
 * in the command (the crates' roots, bindings_helper.h, helpers.c) -- not
 * every file the compilers read.  --all: every target
 * and input.  Edges point from an input to what is built from it. */
#include <ftw.h>
#include <string.h>

#include "kbindgen.h"

struct node {
	const char *name;	/* relative to the objtree or the srctree */
	bool target, rust, keep;
	VEC(struct node *) in;	/* inputs */
	VEC(struct node *) named;	/* those its source_ or command names */
	VEC(struct node *) out;	/* what is built from it */
};

static struct strmap nodes;	/* name -> node */
static VEC(struct node *) all;
static const char *objtree, *srctree;

static const char *short_name(const char *path)
{
	size_t n = strlen(objtree);
	if (!strncmp(path, objtree, n) && path[n] == '/')
		return path + n + 1;
	if (srctree && (n = strlen(srctree)) && !strncmp(path, srctree, n) && path[n] == '/')
		return path + n + 1;
	if (!strncmp(path, "./", 2))
		return path + 2;
	return path;
}

static struct node *node(const char *path)
{
	const char *name = short_name(path);
	struct node *nd = strmap_get(&nodes, name);
	if (!nd) {
		nd = alloc(sizeof *nd);
		nd->name = astrdup(name);
		strmap_put(&nodes, nd->name, nd);
		vpush(&all, nd);
	}
	return nd;
}

/* A .cmd file, read in full: its target, command, source, deps. */
struct record {
	struct node *target;
	char *cmd;
	char *source;
	strvec inputs;		/* source and deps */
};
static VEC(struct record) records;

static char *read_file(const char *path)
{
	struct buf b = {0};
	if (!bput_file(&b, path))
		fatal("%s: cannot read", path);
	return b.s ? bdone(&b) : "";
}

/* The value of "NAME := VALUE" lines, the continuation lines joined. */
static void read_record(const char *path)
{
	char *text = read_file(path);
	struct record r = {0};
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *eq = strstr(line, " := ");
		if (eq && (startswith(line, "savedcmd_") || startswith(line, "cmd_"))) {
			*eq = 0;
			r.target = node(strchr(line, '_') + 1);
			r.cmd = eq + 4;
		} else if (eq && startswith(line, "source_")) {
			r.source = eq + 4;
			vpush(&r.inputs, eq + 4);
		} else if (eq && startswith(line, "deps_")) {
			/* "deps_T := \" then one "  FILE \" per line */
			while ((line = strtok(NULL, "\n")) && (line[0] == ' ' || line[0] == '\t')) {
				char *w = line + strspn(line, " \t");
				size_t n = strcspn(w, " \\");
				if (n && !startswith(w, "$(wildcard"))
					vpush(&r.inputs, astrndup(w, n));
			}
			if (!line)
				break;
		}
	}
	if (r.target)
		vpush(&records, r);
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	if (type == FTW_F && base[0] == '.' && endswith(base, ".cmd"))
		read_record(path);
	return 0;
}

static void edge(struct node *from, struct node *to)
{
	if (from == to)
		return;
	for (int i = 0; i < to->in.n; i++)
		if (to->in.v[i] == from)
			return;
	vpush(&to->in, from);
	vpush(&from->out, to);
}

/* A word of a command as a target: itself, or relative to dir. */
static struct node *as_target(const char *word, const char *dir)
{
	struct node *nd = strmap_get(&nodes, short_name(word));
	if (!nd && dir)
		nd = strmap_get(&nodes, fmt("%s/%s", dir, word));
	return nd && nd->target ? nd : NULL;
}

/* The words of cmd, split at blanks, quotes and the shell's ;|&<>() */
static void words(const char *cmd, strvec *out)
{
	const char *sep = " \t'\";|&<>()";
	for (const char *p = cmd; *p;) {
		p += strspn(p, sep);
		size_t n = strcspn(p, sep);
		if (n)
			vpush(out, astrndup(p, n));
		p += n;
	}
}

static void link_records(void)
{
	for (int i = 0; i < records.n; i++)
		records.v[i].target->target = true;
	/* a rustc command's other outputs are its target's node */
	for (int i = 0; i < records.n; i++) {
		strvec w = {0};
		words(records.v[i].cmd, &w);
		for (int k = 0; k < w.n; k++) {
			char *e = w.v[k];
			if (startswith(e, "--emit=") && (e = strchr(e + 7, '=')))
				strmap_put(&nodes, short_name(e + 1), records.v[i].target);
		}
	}
	for (int i = 0; i < records.n; i++) {
		struct record *r = &records.v[i];
		struct node *t = r->target;
		t->rust = startswith(t->name, "rust/") || strstr(r->cmd, "rustc ");
		for (int k = 0; k < r->inputs.n; k++)
			edge(node(r->inputs.v[k]), t);
		if (r->source)
			vpush(&t->named, node(r->source));
		strvec w = {0};
		words(r->cmd, &w);
		const char *slash = strrchr(t->name, '/');
		const char *dir = slash ? astrndup(t->name, slash - t->name) : NULL;
		for (int k = 0; k < w.n; k++) {
			struct node *in = as_target(w.v[k], dir);
			if (in)
				edge(in, t);
			/* an input the command names; not what it -includes */
			else if ((in = strmap_get(&nodes, short_name(w.v[k]))) && in != t &&
				 !(k && streq(w.v[k - 1], "-include")))
				vpush(&t->named, in);
		}
		/* what the records do not say: link-vmlinux.sh links vmlinux.o
		 * (scripts/Makefile.vmlinux's prerequisite) */
		if (strstr(r->cmd, "link-vmlinux.sh") && strmap_get(&nodes, "vmlinux.o"))
			edge(strmap_get(&nodes, "vmlinux.o"), t);
	}
}

/* Keeps the Rust targets, what is built from them, and their inputs that
 * are not targets. */
static void keep_from(struct node *nd)
{
	if (nd->keep)
		return;
	nd->keep = true;
	for (int i = 0; i < nd->out.n; i++)
		keep_from(nd->out.v[i]);
}

static void select_rust(void)
{
	for (int i = 0; i < all.n; i++)
		if (all.v[i]->rust)
			keep_from(all.v[i]);
	for (int i = 0; i < all.n; i++) {
		struct node *nd = all.v[i];
		if (!nd->rust)
			continue;
		/* a crate's root, the header bindgen reads: not every file
		 * the compiler read */
		for (int k = 0; k < nd->named.n; k++)
			if (!nd->named.v[k]->target)
				nd->named.v[k]->keep = true;
	}
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(struct node *const *)a)->name, (*(struct node *const *)b)->name);
}

static void print_dot(void)
{
	if (all.n)
		qsort(all.v, all.n, sizeof *all.v, cmp_name);
	printf("digraph kbuild {\n\trankdir=LR;\n\tnode [fontname=\"monospace\", fontsize=10];\n");
	for (int i = 0; i < all.n; i++) {
		struct node *nd = all.v[i];
		if (!nd->keep)
			continue;
		const char *shape = !nd->target ? "note" :
				    endswith(nd->name, ".o") || endswith(nd->name, ".a") ||
				    endswith(nd->name, ".ko") || endswith(nd->name, ".so") ? "box" :
				    strchr(nd->name, '/') ? "ellipse" : "doubleoctagon";
		printf("\t\"%s\" [shape=%s];\n", nd->name, shape);
	}
	for (int i = 0; i < all.n; i++) {
		struct node *nd = all.v[i];
		if (!nd->keep)
			continue;
		if (nd->out.n)
			qsort(nd->out.v, nd->out.n, sizeof *nd->out.v, cmp_name);
		for (int k = 0; k < nd->out.n; k++)
			if (nd->out.v[k]->keep)
				printf("\t\"%s\" -> \"%s\";\n", nd->name, nd->out.v[k]->name);
	}
	printf("}\n");
}

int main(int argc, char **argv)
{
	bool every = false;
	progname = "kbuild-graph";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (streq(argv[i], "--all"))
			every = true;
		else if (streq(argv[i], "--srctree") && i + 1 < argc)
			srctree = argv[++i];
		else if (streq(argv[i], "-h") || streq(argv[i], "--help")) {
			printf("usage: kbuild-graph [--all] [--srctree DIR] OBJTREE > graph.dot\n"
			       "The Rust part of a built kernel tree's dependency graph, from its\n"
			       ".cmd files, as DOT (--all: every target).  DIR: the source tree\n"
			       "(default: OBJTREE/source, the link of O= builds).\n");
			return 0;
		} else
			usage_error("unknown option '%s' (usage: kbuild-graph [--all] [--srctree DIR] OBJTREE)",
				    argv[i]);
	}
	if (i != argc - 1)
		usage_error("usage: kbuild-graph [--all] [--srctree DIR] OBJTREE");
	/* the paths kbuild records are absolute, or relative to the objtree */
	char *p = realpath(argv[i], NULL);
	if (!p)
		fatal("%s: no such directory", argv[i]);
	objtree = astrdup(p);
	free(p);
	/* the srctree of an O= build is its `source` link */
	if (!srctree && (p = realpath(fmt("%s/source", objtree), NULL))) {
		srctree = astrdup(p);
		free(p);
	}
	if (nftw(objtree, visit, 32, FTW_PHYS))
		fatal("%s: cannot walk the tree", objtree);
	if (!records.n)
		fatal("%s: no .cmd files: not a built kernel tree", objtree);
	link_records();
	if (every)
		for (int k = 0; k < all.n; k++)
			all.v[k]->keep = true;
	else
		select_rust();
	print_dot();
	return 0;
}
