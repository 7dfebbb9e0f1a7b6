/* dump.c: the IR in text, for debugging: --emit-ir (stdout) and
 * --emit-ir-graphviz PATH (a dot graph of the items and the items their
 * types refer to). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "kbindgen.h"

static const struct opts *o;	/* handed over by the entry point */

static const char *kind_name[] = {
	[I_STRUCT] = "struct", [I_UNION] = "union", [I_ENUM] = "enum",
	[I_TYPEDEF] = "typedef", [I_FUNC] = "function", [I_VAR] = "var",
	[I_MACRO] = "macro",
};

static void type_desc(struct buf *b, struct type *t)
{
	if (t->is_const)
		bputs(b, "const ");
	switch (t->kind) {
	case T_COMPLEX:
		bputs(b, "complex ");
		type_desc(b, t->sub);
		break;
	case T_PTR:
		bputs(b, "ptr to ");
		type_desc(b, t->sub);
		break;
	case T_ARRAY:
		bprintf(b, "array[%ld] of ", t->len);
		type_desc(b, t->sub);
		break;
	case T_INCARRAY:
		bputs(b, "array[] of ");
		type_desc(b, t->sub);
		break;
	case T_VECTOR:
		bprintf(b, "vector[%ld] of ", t->len);
		type_desc(b, t->sub);
		break;
	case T_FUNC:
		bputs(b, "fn(");
		for (int i = 0; i < t->fn->params.n; i++) {
			if (i)
				bputs(b, ", ");
			if (i < t->fn->pnames.n && t->fn->pnames.v[i])
				bprintf(b, "%s: ", t->fn->pnames.v[i]);
			type_desc(b, t->fn->params.v[i]);
		}
		bprintf(b, "%s%s) -> ", t->fn->variadic ? (t->fn->params.n ? ", ..." : "...") : "",
			t->fn->noproto ? "?" : "");
		type_desc(b, t->fn->ret);
		break;
	case T_ITEM:
		bprintf(b, "%s %s", kind_name[t->item->kind],
			t->item->name ? t->item->name : "(anonymous)");
		break;
	case T_OPAQUE:
		bprintf(b, "opaque '%s'", t->spelling ? t->spelling : "?");
		break;
	default:
		bputs(b, t->kind < T_COMPLEX ? arith[t->kind].c : "?");
		break;
	}
}

static const char *tdesc(struct type *t)
{
	struct buf b = {0};
	type_desc(&b, t);
	return bdone(&b);
}

static void dump_item(FILE *f, struct item *it, int ind)
{
	fprintf(f, "%*s%s %s", ind, "", kind_name[it->kind], it->name ? it->name : "(anonymous)");
	if (it->rname && !streq(it->rname, it->name))
		fprintf(f, " => %s", it->rname);
	fprintf(f, " @ %s:%u:%u", it->file ? it->file : "<builtin>", it->line, it->col);
	if (!it->emit)
		fputs(it->blocked ? " [blocked]" : " [not emitted]", f);
	if (it->opaque)
		fputs(" [opaque]", f);
	switch (it->kind) {
	case I_STRUCT:
	case I_UNION:
		if (!it->complete) {
			fputs(" incomplete\n", f);
			break;
		}
		fprintf(f, " size %ld align %d%s\n", it->size, it->align,
			it->packed_attr ? " packed" : "");
		for (int i = 0; i < it->fields.n; i++) {
			struct field *fl = &it->fields.v[i];
			fprintf(f, "%*s  @%ld", ind, "", fl->offset);
			if (fl->bitwidth >= 0)
				fprintf(f, ":%d", fl->bitwidth);
			fprintf(f, " %s: %s\n", fl->name ? fl->name : "(anonymous)", tdesc(fl->type));
		}
		break;
	case I_ENUM:
		fprintf(f, " : %s\n", it->inttype ? tdesc(it->inttype) : "?");
		for (int i = 0; i < it->consts.n; i++)
			fprintf(f, "%*s  %s = %" PRId64 "\n", ind, "", it->consts.v[i].name,
				it->consts.v[i].value);
		break;
	case I_TYPEDEF:
		fprintf(f, " = %s\n", tdesc(it->aliased));
		break;
	case I_FUNC:
	case I_VAR:
		fprintf(f, ": %s%s%s\n", tdesc(it->type), it->is_static ? " static" : "",
			it->link_name ? fmt(" link_name %s", it->link_name) : "");
		break;
	case I_MACRO:
		if (it->type && it->has_val)
			fprintf(f, ": %s", tdesc(it->type));
		switch (it->has_val ? it->val.kind : MV_NONE) {
		case MV_INT: fprintf(f, " = %" PRId64 "\n", it->val.i); break;
		case MV_FLOAT: fprintf(f, " = %g\n", it->val.f); break;
		case MV_CHAR: fprintf(f, " = char %" PRId64 "\n", it->val.i); break;
		case MV_STR: fprintf(f, " = string of %zu bytes\n", it->val.slen); break;
		case MV_PTR: fprintf(f, " = address %#" PRIx64 "\n", (uint64_t)it->val.i); break;
		case MV_RECORD: fprintf(f, " = compound literal of %d values\n", it->val.parts.n); break;
		default: fprintf(f, " (no value%s%s)\n", it->why ? ": " : "", it->why ? it->why : ""); break;
		}
		break;
	}
	for (int i = 0; i < it->children.n; i++)
		dump_item(f, it->children.v[i], ind + 2);
}

void dump_ir(struct unit *u, const struct opts *opts)
{
	o = opts;
	printf("IR of %s (%s, %d-bit pointers): %d top-level items\n", o->header,
	       u->triple, u->ptr_bits, u->items.n);
	for (int i = 0; i < u->items.n; i++)
		dump_item(stdout, u->items.v[i], 0);
	fflush(stdout);
}

/* ---- graphviz ---- */

/* Node names: items numbered in walk order, so the file is the same on
 * every run (pointers are not). */
static struct strmap node_ids;
static int nodes;

static int node(struct item *it)
{
	const char *k = fmt("%p", (void *)it);
	intptr_t id = (intptr_t)strmap_get(&node_ids, k);
	if (!id) {
		id = ++nodes;
		strmap_put(&node_ids, k, (void *)id);
	}
	return (int)id;
}

static void dot_edges(struct buf *b, struct item *from, struct type *t)
{
	if (!t)
		return;
	if (t->kind == T_ITEM) {
		bprintf(b, "  n%d -> n%d;\n", node(from), node(t->item));
		return;
	}
	dot_edges(b, from, sub_of(t));
	if (t->kind != T_FUNC)
		return;
	dot_edges(b, from, t->fn->ret);
	for (int i = 0; i < t->fn->params.n; i++)
		dot_edges(b, from, t->fn->params.v[i]);
}

static void dot_item(struct buf *b, struct item *it)
{
	bprintf(b, "  n%d [label=\"%s %s\"%s];\n", node(it), kind_name[it->kind],
		it->name ? it->name : "(anonymous)", it->emit ? "" : ", style=dashed");
	if (it->parent)
		bprintf(b, "  n%d -> n%d [style=dotted];\n", node(it->parent), node(it));
	for (int i = 0; i < nfields(it); i++)
		dot_edges(b, it, it->fields.v[i].type);
	if (it->kind == I_TYPEDEF)
		dot_edges(b, it, it->aliased);
	if (it->kind == I_FUNC || it->kind == I_VAR || it->kind == I_MACRO)
		dot_edges(b, it, it->type);
	for (int i = 0; i < it->children.n; i++)
		dot_item(b, it->children.v[i]);
}

void dump_ir_dot(struct unit *u, const char *path)
{
	struct buf b = {0};
	bputs(&b, "digraph ir {\n");
	for (int i = 0; i < u->items.n; i++)
		if (u->items.v[i]->kind != I_MACRO)
			dot_item(&b, u->items.v[i]);
	bputs(&b, "}\n");
	stage_output(path, &b, 1);
}
