/* dynamic.c: --dynamic-loading NAME: instead of extern blocks, a struct
 * NAME that holds the library's functions and variables, loaded with the
 * libloading crate, and a method per symbol, as bindgen writes them. */
#include <string.h>

#include "kbindgen.h"

static const char *fn_type(struct item *it)
{
	struct type *f = it->type;
	return fmt("unsafe extern \"%s\" fn(%s)%s", abi_name(f->fn->cc),
		   f->fn->noproto ? "" : params(f, &f->fn->pnames, NULL), ret_suffix(f->fn->ret, it->no_return));
}

static const char *var_type(struct item *it)
{
	return fmt("*mut %s", rty(it->type));
}

/* "let x = EXPR.map(|sym| *sym)?;" laid out as rustfmt does. */
static void let_sym(struct buf *o, const char *name, const char *get, bool wrap, bool req)
{
	const char *tail = req ? ".map(|sym| *sym)?;" : ".map(|sym| *sym);";
	const char *g = wrap ? fmt("unsafe { __library.%s }", get) : fmt("__library.%s", get);
	char *l = fmt("        let %s = %s%s", name, g, tail);
	/* rustfmt breaks a method chain longer than 60 columns */
	size_t chain = strlen(g) + strlen(tail) - 1;
	if (strlen(l) <= MAX_WIDTH && (wrap || chain <= CHAIN_WIDTH)) {
		put_line(o, l);
	} else if (wrap) {
		bprintf(o, "        let %s =\n            %s%s\n", name, g, tail);
	} else {
		bprintf(o, "        let %s = __library\n            .%s\n            %s\n",
			name, get, tail);
	}
}

static void constructors(struct buf *o, const itemvec *items, const char *lib, bool req,
			 bool wrap)
{
	bputs(o, "    pub unsafe fn new<P>(path: P) -> Result<Self, ::libloading::Error>\n"
		 "    where\n");
	bprintf(o, "        P: AsRef<%s::ffi::OsStr>,\n    {\n", rust_std());
	bputs(o, "        let path = path.as_ref();\n");
	if (wrap)
		bputs(o, "        let library = unsafe { ::libloading::Library::new(path) }?;\n"
			 "        unsafe { Self::from_library(library) }\n    }\n");
	else
		bputs(o, "        let library = ::libloading::Library::new(path)?;\n"
			 "        Self::from_library(library)\n    }\n");
	bputs(o, "    pub unsafe fn from_library<L>(library: L) -> Result<Self, ::libloading::Error>\n"
		 "    where\n        L: Into<::libloading::Library>,\n    {\n"
		 "        let __library = library.into();\n");
	struct buf names = {0};
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		const char *sym = it->link_name ? it->link_name : it->name;
		const char *get = it->kind == I_FUNC
			? fmt("get(b\"%s\\0\")", sym)
			: fmt("get::<%s>(b\"%s\\0\")", var_type(it), sym);
		let_sym(o, it->rname, get, wrap, req);
		bprintf(&names, ", %s", it->rname);
	}
	char *l = fmt("        Ok(%s { __library%s })", lib, names.s ? names.s : "");
	if (strlen("__library") + (names.s ? strlen(names.s) : 0) <= STRUCT_LIT_WIDTH) {
		put_line(o, l);
	} else {
		bprintf(o, "        Ok(%s {\n            __library,\n", lib);
		for (int i = 0; i < items->n; i++)
			bprintf(o, "            %s,\n", items->v[i]->rname);
		bputs(o, "        })\n");
	}
	bputs(o, "    }\n");
	free(names.s);
}

static void fn_method(struct buf *o, struct item *it, bool req, bool wrap)
{
	struct buf args = {0};
	struct type *f = it->type;
	int unnamed = 0;
	for (int j = 0; !f->fn->noproto && j < f->fn->params.n; j++) {
		const char *n = j < f->fn->pnames.n ? f->fn->pnames.v[j] : NULL;
		bprintf(&args, "%s%s", j ? ", " : "", n ? rust_ident(n) : fmt("arg%d", ++unnamed));
	}
	/* (self.f.as_ref().expect("..."))(args), the chain broken as
	 * rustfmt does past CHAIN_WIDTH; in unsafe { }, one line */
	const char *links[] = { "self", fmt(".%s", it->rname), ".as_ref()",
				".expect(\"Expected function, got error.\")" };
	const char *call = req ? fmt("(self.%s)(%s)", it->rname, bstr(&args))
		: fmt("(self.%s.as_ref().expect(\"Expected function, got error.\"))(%s)",
		      it->rname, bstr(&args));
	struct buf body = {0};
	if (wrap)
		bprintf(&body, "        unsafe { %s }\n", call);
	else if (req)
		bprintf(&body, "        %s\n", call);
	else
		chain(&body, 8, "(", links, 4, ")", bstr(&args));
	free(args.s);
	if (it->st->must_use)
		bputs(o, "    #[must_use]\n");
	doc(o, 4, it->comment);
	struct sig sg = {0};
	const char *ps = f->fn->noproto ? "" : params(f, &f->fn->pnames, &sg);
	const char *ret = ret_suffix(f->fn->ret, it->no_return);
	char *sig = fmt("    pub unsafe fn %s(&self%s%s)%s {", it->rname, *ps ? ", " : "", ps, ret);
	if (strlen(sig) <= MAX_WIDTH) {
		put_line(o, sig);
	} else {
		bprintf(o, "    pub unsafe fn %s(\n        &self,\n", it->rname);
		param_lines(o, 8, ps, &sg);
		bprintf(o, "    )%s {\n", ret);
	}
	bprintf(o, "%s    }\n", body.s);
	free(body.s);
}

static void var_method(struct buf *o, struct item *it, bool req)
{
	const char *links[] = { "self", fmt(".%s", it->rname), ".as_ref()",
				".expect(\"Expected variable, got error.\")" };
	doc(o, 4, it->comment);
	bprintf(o, "    pub unsafe fn %s(&self) -> %s {\n", it->rname, var_type(it));
	if (req)	/* reading a variable is safe */
		bprintf(o, "        self.%s\n", it->rname);
	else
		chain(o, 8, "*", links, 4, "", NULL);
	bputs(o, "    }\n");
}

void emit_dynamic(struct buf *o, const itemvec *items, const struct opts *opts)
{
	const char *lib = opts->dynamic_loading;
	bool req = opts->dynamic_link_require_all, wrap = opts->wrap_unsafe_ops;

	bprintf(o, "pub struct %s {\n    __library: ::libloading::Library,\n", lib);
	for (int i = 0; i < items->n; i++) {
		struct item *it = items->v[i];
		const char *t = it->kind == I_FUNC ? fn_type(it) : var_type(it);
		if (req)
			rhs_line(o, 4, fmt("pub %s: ", it->rname), t, ",");
		else
			rhs_line(o, 4, fmt("pub %s: ", it->rname), fmt("Result<%s, ::libloading::Error>", t),
			     ",");
	}
	bputs(o, "}\n");
	bprintf(o, "impl %s {\n", lib);
	constructors(o, items, lib, req, wrap);
	for (int i = 0; i < items->n; i++) {
		/* a variadic function is loaded, but has no method: it cannot
		 * pass its ... on */
		if (items->v[i]->kind == I_FUNC && items->v[i]->type->fn->variadic)
			continue;
		if (items->v[i]->kind == I_FUNC)
			fn_method(o, items->v[i], req, wrap);
		else
			var_method(o, items->v[i], req);
	}
	bputs(o, "}\n");
}
