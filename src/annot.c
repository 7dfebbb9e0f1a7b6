/* annot.c: bindgen's annotations, written in doc comments as
 *   <div rustbindgen opaque nodebug derive="Hash" replaces="foo"></div>
 * They tune one item (or field, or enum constant) from the header itself. */
#include <string.h>

#include "kbindgen.h"

/* Parses one <div rustbindgen ...> tag body: words and word="value". */
static void parse_tag(const char *p, const char *end, struct annot *a)
{
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '*'))
			p++;
		const char *w = p;
		while (p < end && (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		if (p == w) {
			p++;
			continue;
		}
		char *word = astrndup(w, p - w);
		char *val = NULL;
		if (p < end && *p == '=' && p + 1 < end && p[1] == '"') {
			const char *v = p + 2, *q = memchr(v, '"', end - v);
			if (!q)
				q = end;
			val = astrndup(v, q - v);
			p = q < end ? q + 1 : end;
		}
		a->any = true;
		if (streq(word, "opaque"))
			a->opaque = true;
		else if (streq(word, "hide"))
			a->hide = true;
		else if (streq(word, "nodebug"))
			a->nodebug = true;
		else if (streq(word, "nocopy"))
			a->nocopy = true;
		else if (streq(word, "nodefault"))
			a->nodefault = true;
		else if (streq(word, "mustusetype"))
			a->mustusetype = true;
		else if (streq(word, "constant"))
			a->constant = true;
		else if (streq(word, "private"))
			a->private_ = !val || streq(val, "true") ? 1 : -1;
		else if (streq(word, "replaces") && val)
			a->replaces = val;
		else if (streq(word, "derive") && val)
			vpush(&a->derives, val);
		else if (streq(word, "attribute") && val)
			vpush(&a->attrs, val);
	}
}

const struct annot no_annot;

const struct annot *parse_annot(const char *comment)
{
	struct annot *a = NULL;
	if (!comment)
		return NULL;
	for (const char *p = comment; (p = strstr(p, "<div rustbindgen"));) {
		p += strlen("<div rustbindgen");
		const char *end = strchr(p, '>');
		if (!end)
			break;
		if (!a)
			a = alloc(sizeof *a);
		parse_tag(p, end, a);
		p = end;
	}
	return a;
}

static void annotate_list(itemvec *items)
{
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		it->ann = parse_annot(it->comment);
		for (int j = 0; it->kind == I_ENUM && j < it->consts.n; j++)
			it->consts.v[j].ann = parse_annot(it->consts.v[j].comment);
		for (int j = 0; j < nfields(it); j++)
			it->fields.v[j].ann = parse_annot(it->fields.v[j].comment);
		annotate_list(&it->children);
	}
}

void read_annotations(struct unit *u)
{
	if (u->comments)	/* else a walk over the whole IR for nothing */
		annotate_list(&u->items);
}
