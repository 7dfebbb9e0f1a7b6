#!/usr/bin/env python3
"""layout-probe.py HEADER GENERATED.rs [-- CLANG_ARGS...]

Checks that the structs/unions of a generated Rust binding have the C
compiler's layout. It writes a C program (including HEADER) and a Rust
program (`#[path] mod b;` of GENERATED.rs) that print, for every
`#[repr(C..)]` record of the .rs:
  size R / align R         sizeof/_Alignof vs size_of/align_of
  offset R.f               offsetof vs offset_of!, also for the named fields
                           reached through anonymous members __bindgen_anon_N
  bitfield R.x             for each accessor pair x()/set_x(): set to all ones
                           (true for bool) in a zeroed value; the getter's
                           value and the bytes of the whole record
Rust names map to C via clang's JSON AST: `struct N`/`union N` when such a
tag is defined, else typedef `N`; other records (e.g. Parent__bindgen_ty_N)
through the parent's field of that type: __typeof__(((P*)0)->field).
Unmappable things (anonymous top-level types, opaque blobs, incomplete
types, `_address` placeholders, enum-typed setters) are skipped and counted.
Prints `layout-probe: N checks, M mismatches, K skipped`; exit 1 on a
mismatch or when a program does not compile.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

CC = os.environ.get("PROBE_CC", "clang-16")
SKIP_FIELDS = ("_bindgen_opaque_blob", "_unused", "_address")
ARTEFACT = re.compile(r"^(_bitfield_\d+|_bitfield_align_\d+|__bindgen_padding_\d+|"
                      r"_?_bindgen_align|_vtable|bindgen_union_field)$")
ANON = re.compile(r"^__bindgen_anon_\d+$")
# Rust types without padding bytes: scalars, pointers, arrays of them
verbose = os.environ.get("PROBE_VERBOSE")


def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


# ---------------------------------------------------------------- Rust side
class Record:
    def __init__(self, name, kind):
        self.name, self.kind = name, kind
        self.fields = []        # (rust name, type text)
        self.accessors = {}     # name -> setter value type
        self.getters = set()


def parse_rust(text):
    """Records (name -> Record) of a rustfmt'ed binding, plus enum names."""
    records, enums = {}, set()
    lines = text.splitlines()
    attrs, cur, field, impl, sig = [], None, None, None, None
    for line in lines:
        if cur is not None:
            if line == "}":
                cur = field = None
                continue
            # rustfmt puts a long type on the line below `pub f:`
            m = re.match(r"^    (?:pub(?:\([^)]*\))? )?(\w+):(?: (.*))?$", line)
            if m:
                field = [m.group(1), m.group(2) or ""]
                cur.fields.append(field)
            elif field is not None and line.startswith("     "):
                field[1] += " " + line.strip()
            continue
        if impl is not None:
            if line == "}":
                impl = None
                continue
            # the setter's signature, on one line or as rustfmt breaks it
            if sig is not None:
                sig += " " + line.strip()
                if line.startswith("    ) {") or line.startswith("    )"):
                    line, sig = sig, None
                else:
                    continue
            elif re.match(r"^    pub fn set_\w+\($", line):
                sig = line
                continue
            m = re.match(r"^    pub fn set_(\w+)\(\s*&mut self,\s*val: (.*?),?\s*\)(?: \{)?$", line)
            if m:
                impl.accessors[m.group(1)] = m.group(2).strip()
            m = re.match(r"^    pub fn (\w+)\(&self\) -> ", line)
            if m:
                impl.getters.add(m.group(1))
            continue
        if line.startswith("#["):
            attrs.append(line)
            continue
        m = re.match(r"^pub (struct|union) (\w+)(?:<.*>)? \{$", line)
        if m and any(re.match(r"#\[repr\(C\b", a) for a in attrs) \
                and not m.group(2).startswith(("__Bindgen", "__Incomplete")):
            cur = records.setdefault(m.group(2), Record(m.group(2), m.group(1)))
        m = re.match(r"^pub enum (\w+)", line)
        if m:
            enums.add(m.group(1))
        m = re.match(r"^impl (\w+) \{$", line)
        if m:
            impl = records.setdefault(m.group(1), Record(m.group(1), "?"))
        if not line.startswith("//"):
            attrs = []
    for r in records.values():
        for f in r.fields:
            f[1] = f[1].rstrip(",").strip()
    return {k: r for k, r in records.items() if r.kind != "?"}, enums


# ---------------------------------------------------------------- C side
def c_names(header, clang_args):
    """(tags: name -> 'struct'|'union' for complete records, typedef names,
    field names of all records)."""
    p = run([CC, "-x", "c", "-w", "-fsyntax-only", "-Xclang", "-ast-dump=json"]
            + clang_args + [header])
    if p.returncode != 0:
        sys.exit("layout-probe: clang cannot parse %s:\n%s" % (header, p.stderr[-2000:]))
    tags, typedefs, fields = {}, set(), set()

    def walk(node):
        k = node.get("kind")
        if k == "RecordDecl" and node.get("name") and node.get("completeDefinition"):
            tags.setdefault(node["name"], node.get("tagUsed"))
        elif k == "TypedefDecl" and node.get("name"):
            typedefs.add(node["name"])
        elif k == "FieldDecl" and node.get("name"):
            fields.add(node["name"])
        for c in node.get("inner", ()):
            walk(c)
    walk(json.loads(p.stdout))
    CFIELDS.update(fields)
    return tags, typedefs, fields


CFIELDS = set()   # names of all C record fields (from the AST)


def c_field(name):
    """C name of a Rust field/accessor: bindgen appends `_` to keywords and
    primitive type names (type -> type_, f64 -> f64_)."""
    if name.endswith("_") and name not in CFIELDS and name[:-1] in CFIELDS:
        return name[:-1]
    return name


# ---------------------------------------------------------------- checks
class Probe:
    def __init__(self, records, enums, tags, typedefs, cfields):
        self.records, self.enums = records, enums
        self.tags, self.typedefs = tags, typedefs
        # anonymous members: __bindgen_anon_N, or (--anon-fields-prefix) a
        # field of type Parent__bindgen_ty_N that no C record has
        self.anon = lambda r, f, t: bool(ANON.match(f)) or (
            c_field(f) not in cfields and re.match(r"^%s__bindgen_ty_\d+$" % r, t))
        self.checks = []      # (key, C statement, Rust statement)
        self.skipped = []
        self.parent = {}      # record -> (parent record, field, subscripts, anon?)
        for r in records.values():
            for fname, ftype in r.fields:
                inner = re.sub(r"^(::\w+)*::mem::ManuallyDrop<(.*)>$", r"\2", ftype)
                depth = 0
                while True:
                    m = re.match(r"^\[(.*); \w+\]$", inner) or \
                        re.match(r"^__IncompleteArrayField<(.*)>$", inner) or \
                        re.match(r"^__BindgenUnionField<(.*)>$", inner)
                    if not m:
                        break
                    depth += 0 if inner.startswith("__BindgenUnion") else 1
                    inner = m.group(1)
                if inner in records and inner != r.name:
                    self.parent.setdefault(inner, (r.name, fname, depth,
                                                     bool(self.anon(r.name, fname, inner))))
        # a field kept as bytes has its record type in its accessors only
        for r in records.values():
            for acc, vtype in r.accessors.items():
                inner, depth = vtype, 0
                while re.match(r"^\[(.*); \w+\]$", inner):
                    inner, depth = re.match(r"^\[(.*); \w+\]$", inner).group(1), depth + 1
                fld = kept_field(r, acc)
                if inner in records and inner != r.name and fld:
                    self.parent.setdefault(inner, (r.name, fld, depth,
                                                   bool(self.anon(r.name, fld, inner))))
        self.memo = {}

    def ctype(self, name, seen=()):
        """C type expression of a Rust record, or None."""
        if name in self.memo:
            return self.memo[name]
        kind = self.records[name].kind
        t = None
        # bindgen appends `_` to C names that are Rust primitive types
        # (struct u32 -> u32_), as it does for fields
        cname = name
        if name.endswith("_") and name not in self.tags and name not in self.typedefs and \
                (name[:-1] in self.tags or name[:-1] in self.typedefs):
            cname = name[:-1]
        if self.tags.get(cname) == kind:
            t = "%s %s" % (kind, cname)
        elif cname in self.typedefs:
            t = cname
        elif cname in self.tags:
            t = "%s %s" % (self.tags[cname], cname)
        elif re.match(r"^(struct|union)_", name) and \
                self.tags.get(name.split("_", 1)[1]) == name.split("_", 1)[0]:
            t = name.replace("_", " ", 1)   # --c-naming: struct_foo
        elif any(self.tags.get(name[i + 1:]) == kind and name[:i] in self.records
                 for i in range(len(name)) if name[i] == "_"):
            # a tagged record defined inside another (Parent_tag): its tag
            # is file-scope in C
            i = next(i for i in range(len(name)) if name[i] == "_" and
                     self.tags.get(name[i + 1:]) == kind and name[:i] in self.records)
            t = "%s %s" % (kind, name[i + 1:])
        elif name in self.parent and name not in seen:
            p, f, depth, anon = self.parent[name]
            pt = self.access_type(p, seen + (name,))
            if pt and not anon:
                t = "__typeof__(((%s*)0)->%s%s)" % (pt, c_field(f), "[0]" * depth)
        self.memo[name] = t
        return t

    def access_type(self, name, seen=()):
        """C type through which the fields of record `name` are reachable."""
        t = self.ctype(name, seen)
        if t is None and name in self.parent:
            p, f, depth, anon = self.parent[name]
            if anon and depth == 0:
                return self.access_type(p, seen + (name,))
        return t

    def add(self, key, c, rust):
        self.checks.append((key, c, rust))

    def record(self, name):
        rec = self.records[name]
        ct = self.ctype(name)
        rs = "super::" + name
        if any(f[0] in ("_unused", "_address") for f in rec.fields):
            self.skipped.append("record %s: incomplete or empty placeholder" % name)
            return
        if ct is None:
            p = self.parent.get(name)
            if not (p and p[3] and p[2] == 0 and self.access_type(p[0])):
                self.skipped.append("record %s: no C type" % name)
            return  # anonymous members are checked from their root
        self.add("size " + name, "(unsigned long long)sizeof(%s)" % ct, "::std::mem::size_of::<super::%s>()" % name)
        self.add("align " + name, "(unsigned long long)_Alignof(%s)" % ct,
                 "::std::mem::align_of::<super::%s>()" % name)
        self.fields(name, name, ct, "super::" + name, "0", "")

    def fields(self, root, name, ct, root_rs, base, path):
        """Offsets (within root) of the named fields of record `name`, and its
        bitfield accessors; `base`/`path` locate `name` inside root (Rust)."""
        rec = self.records[name]
        rs = "super::" + name
        for fname, ftype in rec.fields:
            if ARTEFACT.match(fname):
                continue
            if fname in SKIP_FIELDS:
                self.skipped.append("field %s.%s" % (name, fname))
                continue
            off = "%s + ::std::mem::offset_of!(%s, %s)" % (base, rs, fname)
            unionfield = ftype.startswith("__BindgenUnionField<")
            ftype = re.sub(r"^(::\w+)*::mem::ManuallyDrop<(.*)>$|^__BindgenUnionField<(.*)>$",
                           lambda m: m.group(2) or m.group(3), ftype)
            # an anonymous member kept as bytes: its type is its accessor's
            kept = rec.accessors.get(fname) if ftype not in self.records else None
            if self.anon(name, fname, ftype):
                if ftype in self.records:
                    # a __BindgenUnionField is zero-sized: the member is
                    # at its address, as its type (`seg@Type` in the path)
                    self.fields(root, ftype, ct, root_rs, off,
                                path + "." + fname + ("@" + ftype if unionfield else ""))
                elif kept in self.records:
                    self.fields(root, kept, ct, root_rs, off, path + "." + fname + "@" + kept)
                else:
                    self.skipped.append("anonymous member %s.%s: %s" % (name, fname, ftype))
                continue
            self.add("offset %s.%s" % (root, c_field(fname)),
                     "(unsigned long long)__builtin_offsetof(%s, %s)" % (ct, c_field(fname)), off)
        for acc, vtype in sorted(rec.accessors.items()):
            # bindgen's setter of a renamed field keeps the C name (set_type,
            # type_): the getter and the field kept as bytes may end in _
            get = acc if acc in rec.getters else acc + "_" if acc + "_" in rec.getters else None
            if get is None or acc.endswith("_raw"):
                continue
            fld = kept_field(rec, acc)
            if fld and re.search(r"; 0usize\]$", vtype):
                # a flexible array member kept as bytes: nothing to set
                self.skipped.append("field %s.%s: flexible array member kept as bytes"
                                    % (name, acc))
                continue
            if fld and ANON.match(acc):
                # an anonymous member kept as bytes: fields() checks its
                # fields (through this accessor's type)
                if vtype not in self.records:
                    self.skipped.append("bytes %s.%s: anonymous member" % (name, acc))
                continue
            if fld:
                # a field kept as bytes (where C puts it, Rust's type
                # cannot be): every byte set through the setter, read
                # back through the getter
                c = ("{ %s v; __builtin_memset(&v, 0, sizeof v); "
                     "__builtin_memset(&v.%s, 0xa5, sizeof v.%s); "
                     "kbp_bits(\"bytes %s.%s\", 1, &v, sizeof v); }"
                     % (ct, c_field(acc), c_field(acc), root, c_field(acc)))
                # the bytes written in place, as many as the accessor's
                # type has (a value passed through the setter would not
                # keep its padding bytes); the getter must read them
                outs, backs, var = through(path)
                r = ("{ let mut __v: %s = ::std::mem::zeroed(); %s "
                     "::std::ptr::write_bytes(::std::ptr::addr_of_mut!(%s.%s) as *mut u8, 0xa5, "
                     "::std::mem::size_of::<%s>()); let _ = %s.%s(); %s "
                     "__kbp_bits(\"bytes %s.%s\", 1, &__v); }"
                     % (root_rs, outs, var, fld, qualify(vtype), var, get, backs, root,
                        c_field(acc)))
                self.checks.append(("bytes %s.%s" % (root, c_field(acc)), c, r))
                continue
            if vtype in self.enums:
                self.skipped.append("bitfield %s.%s: enum-typed" % (name, acc))
                continue
            cval, rval = ("1", "true") if vtype == "bool" else ("-1", "(!0i64) as _")
            c = ("{ %s v; __builtin_memset(&v, 0, sizeof v); v.%s = %s; "
                 "kbp_bits(\"bitfield %s.%s\", (long long)v.%s, &v, sizeof v); }"
                 % (ct, c_field(acc), cval, root, c_field(acc), c_field(acc)))
            # a panicking accessor (too small a bitfield unit) is a mismatch
            if not path:
                r = ("if ::std::panic::catch_unwind(|| unsafe { "
                     "let mut __v: %s = ::std::mem::zeroed(); __v.set_%s(%s); "
                     "__kbp_bits(\"bitfield %s.%s\", __v.%s() as i64, &__v); }).is_err() "
                     "{ println!(\"bitfield %s.%s panicked\"); }"
                     % (root_rs, acc, rval, root, c_field(acc), get, root, c_field(acc)))
            else:
                outs, backs, var = through(path)
                r = ("if ::std::panic::catch_unwind(|| unsafe { "
                     "let mut __v: %s = ::std::mem::zeroed(); %s %s.set_%s(%s); "
                     "let __g = %s.%s() as i64; %s "
                     "__kbp_bits(\"bitfield %s.%s\", __g, &__v); }).is_err() "
                     "{ println!(\"bitfield %s.%s panicked\"); }"
                     % (root_rs, outs, var, acc, rval, var, get, backs,
                        root, c_field(acc), root, c_field(acc)))
            self.checks.append(("bitfield %s.%s" % (root, c_field(acc)), c, r))


def kept_field(rec, acc):
    """The field of rec that accessor pair acc reads and writes, if any
    (a field kept as bytes: `f` or, renamed, `f_`)."""
    return next((f[0] for f in rec.fields if f[0] == acc or
                 f[0] == acc + "_" and re.match(r"^\[u8; \d+usize\]$", f[1])), None)


def through(path):
    """Rust statements that copy the anonymous members of `path` out of
    __v, one into the next, and back (a reference to a field of a packed
    record is an error): (out, back, the innermost variable)."""
    outs, backs, prev = [], [], "__v"
    for i, seg in enumerate(path.split(".")[1:]):
        cur = "__p%d" % i
        seg, _, ty = seg.partition("@")
        cast, mcast = (" as *const super::" + ty, " as *mut super::" + ty) if ty else ("", "")
        outs.append("let mut %s = ::std::ptr::read_unaligned(::std::ptr::addr_of!(%s.%s)%s);"
                    % (cur, prev, seg, cast))
        backs.insert(0, "::std::ptr::write_unaligned(::std::ptr::addr_of_mut!(%s.%s)%s, %s);"
                     % (prev, seg, mcast, cur))
        prev = cur
    return " ".join(outs), " ".join(backs), prev


C_PRELUDE = """
static void kbp_bits(const char *k, long long got, const void *p, unsigned long n) {
    const unsigned char *b = p;
    __builtin_printf("%s %lld ", k, got);
    for (unsigned long i = 0; i < n; i++) __builtin_printf("%02x", b[i]);
    __builtin_printf("\\n");
}
int main(void) {
"""
RUST_PRELUDE = """
fn __kbp_bits<T>(__k: &str, __got: i64, __v: &T) {
    let __b = unsafe { ::std::slice::from_raw_parts(__v as *const T as *const u8, ::std::mem::size_of::<T>()) };
    let __hex: ::std::string::String = __b.iter().map(|__x| format!("{:02x}", __x)).collect();
    println!("{} {} {}", __k, __got, __hex);
}
pub fn main() { unsafe {
::std::panic::set_hook(::std::boxed::Box::new(|_| {}));
"""


def c_program(header, checks):
    out = ['#include "%s"' % os.path.abspath(header), C_PRELUDE.strip("\n")]
    first = len("\n".join(out).splitlines())   # lines before the first check
    for key, c, _ in checks:
        if c.startswith("{"):
            out.append(c)
        else:
            out.append('__builtin_printf("%%s %%llu\\n", "%s", %s);' % (key, c))
    out.append("return 0; }")
    return "\n".join(out) + "\n", first


def qualify(rtype):
    """A Rust type of the binding as the probe function names it."""
    return re.sub(r'"[^"]*"|(?<![:\w])([A-Za-z_]\w*)(?!\w|\s*:(?!:))', lambda m: m.group(0) if m.group(1) in (
        None, "const", "mut", "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "u128",
        "i128", "usize", "isize", "f32", "f64", "bool", "unsafe", "extern", "fn", "dyn",
        "impl", "for") or re.match(r"^\d", m.group(0)) else "super::" + m.group(1), rtype)


def rust_program(text, checks):
    """The binding as inline `mod b` (so private fields are reachable), with
    the probe function inside it; inner #![cfg(..)] lines are dropped,
    #![feature(..)] lines move to the crate root (rustc then runs with
    RUSTC_BOOTSTRAP=1)."""
    text = re.sub(r"(?m)^#!\[cfg\(.*\)\]$", "", text)
    features = re.findall(r"(?m)^#!\[feature\(.*\)\]$", text)
    text = re.sub(r"(?m)^#!\[feature\(.*\)\]$", "", text)
    # the binding's own layout assertions would stop compilation at the
    # first wrong one; drop them to report every mismatch
    text = re.sub(r"(?ms)^(#\[allow\(clippy::[^\n]*\)\]\n)?const _: \(\) = \{\n.*?^\};\n", "",
                  text)
    out = features + ["#![allow(warnings)]", "mod b {", text, "pub mod __kbp_probe {",
                      RUST_PRELUDE]
    for key, _, r in checks:
        out.append(r if r.startswith(("if ", "{")) else
                   'println!("{} {}", "%s", %s);' % (key, r))
    out.append("} } } }")
    out.append("fn main() { b::__kbp_probe::main() }")
    return "\n".join(out) + "\n"


def same_bits(c, r):
    """Bitfield lines that differ only in the getter's sign extension: C
    reads a signed all-ones field as -1, bindgen's getters zero-extend it
    (2^w-1); bindgen does so too, so this is accepted."""
    c, r = c.split(), r.split()
    if len(c) != 4 or len(r) != 4 or c[0] != "bitfield" or c[:2] != r[:2] or c[3] != r[3]:
        return False
    cv, rv = int(c[2]), int(r[2])
    return cv == -1 and rv > 0 and rv & (rv + 1) == 0


def main():
    args = sys.argv[1:]
    clang_args = args[args.index("--") + 1:] if "--" in args else []
    args = args[:args.index("--")] if "--" in args else args
    if len(args) != 2:
        sys.exit(__doc__)
    header, rs = args
    targets = [a for a in clang_args if a.startswith("--target=")]
    if any(not t.startswith("--target=x86_64-") or "windows" in t or "apple" in t
           or "darwin" in t for t in targets):
        sys.exit("layout-probe: cannot run programs for %s" % targets[-1])
    clang_args = [a for a in clang_args if not a.startswith("--target=")]

    with open(rs) as f:
        fmt = run(["rustfmt", "--edition", "2021"], input=f.read())
    if fmt.returncode != 0:
        sys.exit("layout-probe: rustfmt rejects %s:\n%s" % (rs, fmt.stderr[-2000:]))
    records, enums = parse_rust(fmt.stdout)
    probe = Probe(records, enums, *c_names(header, clang_args))
    for name in records:
        probe.record(name)
    checks = probe.checks
    bad = []   # mismatches found while compiling C (Rust fields C lacks)

    with tempfile.TemporaryDirectory(prefix="layout-probe.") as tmp:
        for attempt in range(5):
            csrc, first = c_program(header, checks)
            with open(os.path.join(tmp, "p.c"), "w") as f:
                f.write(csrc)
            p = run([CC, "-x", "c", "-std=gnu11", "-w"] + clang_args +
                    [os.path.join(tmp, "p.c"), "-o", os.path.join(tmp, "c.out")])
            if p.returncode == 0:
                break
            # a check whose C line fails (e.g. no such member) is a mismatch;
            # drop it and retry
            errs = re.findall(r"p\.c:(\d+):\d+: error: (.*)", p.stderr)
            lines = set(int(ln) for ln, msg in errs)
            if not lines <= set(range(first + 1, first + 1 + len(checks))) or \
                    any("no member named" not in msg for ln, msg in errs):
                sys.exit("layout-probe: C program does not compile:\n" + p.stderr[-3000:])
            for ln in sorted(lines, reverse=True):
                key = checks[ln - first - 1][0]
                msg = re.search(r"p\.c:%d:\d+: error: (.*)" % ln, p.stderr).group(1)
                bad.append("%s: C: %s" % (key, msg))
                del checks[ln - first - 1]
        else:
            sys.exit("layout-probe: C program does not compile:\n" + p.stderr[-3000:])
        with open(os.path.join(tmp, "p.rs"), "w") as f:
            f.write(rust_program(fmt.stdout, checks))
        # --cfg test: fields a user hid behind --field-attr 'cfg(test)'
        # exist, as they do in the C layout
        r = run(["rustc", "--edition", "2021", "--cfg", "test", "-o", os.path.join(tmp, "r.out"),
                 os.path.join(tmp, "p.rs")], cwd=tmp,
                env=dict(os.environ, RUSTC_BOOTSTRAP="1"))
        if r.returncode != 0:
            sys.exit("layout-probe: Rust program does not compile:\n" + r.stderr[-3000:])
        cout = run([os.path.join(tmp, "c.out")]).stdout.splitlines()
        rrun = run([os.path.join(tmp, "r.out")])
        rout = rrun.stdout.splitlines()
        if verbose:
            print(open(os.path.join(tmp, "p.c")).read(), open(os.path.join(tmp, "p.rs")).read())

    if len(cout) != len(checks) or len(rout) != len(checks):
        sys.exit("layout-probe: programs printed %d (C) / %d (Rust) lines for %d checks\n%s"
                 % (len(cout), len(rout), len(checks), rrun.stderr[-2000:]))
    for c, r in zip(cout, rout):
        if c != r and not same_bits(c, r):
            bad.append("C: %s | Rust: %s" % (c, r))
    for s in probe.skipped:
        print("skipped: " + s)
    for b in bad:
        print("mismatch: " + b)
    print("layout-probe: %d checks, %d mismatches, %d skipped"
          % (len(checks) + len(bad) - len([b for b in bad if b.startswith("C: ")]),
             len(bad), len(probe.skipped)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
