#!/usr/bin/env python3
"""fuzz.py: a differential layout fuzzer for kbindgen.

  fuzz.py [--seed S] [--records N] [--batch B] [--one] [--jobs J]
          [--exclude F,F...] [--out DIR] [--minimize K] [--kb-args ARGS]
  fuzz.py --print [--seed S] [--batch B] [--index K]   one header, to stdout
  fuzz.py --features                                   the feature names

Generates random C headers (seeded: header K of seed S is always the same
text for the same --batch and --exclude) of structs, unions, bitfields of
every width, packed/aligned attributes, #pragma pack regions, nested named
and anonymous records, arrays, enums of every width, pointers and function
pointers. Each header is run through
  $KBINDGEN HEADER -o OUT.rs -- --target=x86_64-unknown-linux
(with KBINDGEN_CHECK_LAYOUT=1: kbindgen's own layouts checked against
libclang's), `rustc --edition=2021 --crate-type=lib` (the layout assertions
are compile-time, so a layout kbindgen gets wrong does not compile), and
tests/layout-probe.py (sizes, alignments, offsets and bitfield bit
patterns against clang's). Every header must pass all three.

Records the probe cannot check are counted apart (`skipped`); the generator
tags every record so that none should be. A run fails when more than
--max-skipped percent of the records are skipped.

A failing header, its .rs, the tools' output (log.txt), a one-line REASON
and the records the failure names (records.h) are kept in OUT/fail-SEED-K/.
Up to --minimize failing headers (default 10) with a kind of failure not
seen before are reduced: to the failing record and what it uses, then
record by record, member by member and attribute by attribute while it
fails the same way; the result is OUT/fail-SEED-K/min.h (+ min.rs,
min.txt), and its C text is printed. --one puts one record (and what it
uses) in each header instead. --exclude/--only choose the constructs
(--features lists them); --no-check-layout runs kbindgen without
KBINDGEN_CHECK_LAYOUT=1.

Prints one line per header (`header K: ...`), then
  fuzz: N records in M headers, seed S: X mismatches, Y do not compile, Z skipped
and exits 1 on a mismatch, a compile failure, a kbindgen failure or too
many skipped records. Env: KBINDGEN (default build/kbindgen), PROBE_CC.
"""
import argparse
import concurrent.futures
import copy
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROBE = os.path.join(TOP, "tests", "layout-probe.py")
TARGET = "--target=x86_64-unknown-linux"
CC = os.environ.get("PROBE_CC", "clang-16")
SANITIZER = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error:|UndefinedBehaviorSanitizer")

FEATURES = {
    "union": "unions (top level and nested)",
    "bitfield": "bitfields (all of them)",
    "bitfield-zero": "unnamed zero-width bitfields (int :0;)",
    "bitfield-unnamed": "unnamed bitfields of non-zero width (int :5;)",
    "bitfield-bool": "_Bool bitfields",
    "bitfield-long": "bitfields of long / long long types",
    "bitfield-enum": "bitfields of enum type",
    "bitfield-union": "bitfields directly in unions",
    "bitfield-after-field": "bitfields after a member that is not a bitfield (else they come first)",
    "packed": "__attribute__((packed)) on records",
    "packed-field": "__attribute__((packed)) on fields",
    "aligned": "__attribute__((aligned(N))) on records",
    "aligned-field": "__attribute__((aligned(N))) on fields",
    "aligned-bitfield": "__attribute__((aligned(N))) on bitfields",
    "pragma-pack": "#pragma pack(N), pack(), pack(push[,N]), pack(pop) regions",
    "nested-named": "nested records with a tag: struct T { ... } f;",
    "nested-untagged": "nested records without a tag, named member: struct { ... } f;",
    "nested-anon": "anonymous members: struct { ... }; union { ... };",
    "array": "arrays",
    "array-2d": "multi-dimensional arrays",
    "array-record": "arrays of records",
    "zero-array": "zero-length arrays T f[0] (GNU)",
    "flexarray": "flexible array members T f[] (last)",
    "enum": "enums as field types",
    "enum-char": "packed enums whose type is (signed|unsigned) char",
    "enum-short": "packed enums whose type is (unsigned) short",
    "enum-long": "enums with values beyond 32 bits (long / unsigned long)",
    "pointer": "pointers (to scalars, records, arrays, pointers)",
    "funcptr": "function pointers (also arrays of them)",
    "record-field": "records containing earlier records by value",
    "typedef": "typedef'd records (also anonymous ones), function pointer typedefs",
    "float": "float and double",
    "longdouble": "long double",
    "int128": "__int128",
    "complex": "_Complex float/double",
    "qualifiers": "const and volatile fields",
}

ALIGNS = (1, 2, 4, 8, 16, 32, 64)
PACKS = (1, 2, 4, 8, 16)
# C spelling, size in bytes, alignment
SCALARS = [("char", 1), ("signed char", 1), ("unsigned char", 1), ("short", 2),
           ("unsigned short", 2), ("int", 4), ("unsigned int", 4), ("long", 8),
           ("unsigned long", 8), ("long long", 8), ("unsigned long long", 8), ("_Bool", 1)]
FLOATS = [("float", 4), ("double", 8)]
BF_TYPES = [("char", 8), ("signed char", 8), ("unsigned char", 8), ("short", 16),
            ("unsigned short", 16), ("int", 32), ("signed int", 32), ("unsigned int", 32),
            ("long", 64), ("unsigned long", 64), ("long long", 64), ("unsigned long long", 64)]


# ---------------------------------------------------------------- C types
class Type:
    """A C type that can be spelled around a declarator."""
    size, align, refs, feats = 1, 1, frozenset(), frozenset()


class Base(Type):
    def __init__(self, text, size, align, refs=(), feats=()):
        self.text, self.size, self.align = text, size, align
        self.refs, self.feats = frozenset(refs), frozenset(feats)

    def spell(self, d):
        return "%s %s" % (self.text, d) if d else self.text


class Ptr(Type):
    size = align = 8

    def __init__(self, inner):
        self.inner, self.refs = inner, inner.refs
        self.feats = inner.feats | {"pointer"}

    def spell(self, d):
        if isinstance(self.inner, (Array, Func)):
            return self.inner.spell("(*%s)" % d)
        return self.inner.spell("*" + d)


class Array(Type):
    def __init__(self, inner, n):
        self.inner, self.n, self.refs = inner, n, inner.refs
        self.size, self.align = inner.size * (n or 0), inner.align
        self.feats = inner.feats | {"array"} | ({"array-2d"} if isinstance(inner, Array) else set())

    def spell(self, d):
        return self.inner.spell("%s[%s]" % (d, "" if self.n is None else self.n))


class Func(Type):
    def __init__(self, ret, params):
        self.ret, self.params = ret, params
        self.refs = ret.refs.union(*[p.refs for p in params])
        self.feats = ret.feats.union(*[p.feats for p in params]) | {"funcptr"}

    def spell(self, d):
        ps = ", ".join(p.spell("") for p in self.params) or "void"
        return self.ret.spell("%s(%s)" % (d, ps))


# ---------------------------------------------------------------- the IR
class Field:
    def __init__(self, t, name, attrs=()):
        self.t, self.name, self.attrs = t, name, list(attrs)

    def lines(self, ind):
        return [ind + self.t.spell(self.name) + attr_text(self.attrs, " ") + ";"]

    def refs(self):
        return set(self.t.refs)


class BitField:
    def __init__(self, t, width, name, attrs=()):
        self.t, self.width, self.name, self.attrs = t, width, name, list(attrs)

    def lines(self, ind):
        return [ind + "%s%s : %d%s;" % (self.t.text, " " + self.name if self.name else "",
                                       self.width, attr_text(self.attrs, " "))]

    def refs(self):
        return set(self.t.refs)


class Record:
    """A struct or union: top level (tag or typedef name) or nested (a
    member: anonymous when name is None)."""
    def __init__(self, kind, tag, members, attrs=(), pre=False):
        self.kind, self.tag, self.members, self.attrs, self.pre = kind, tag, members, list(attrs), pre
        self.name = None          # member name when nested
        self.dims = []            # member array dimensions when nested
        self.typedef = None       # typedef name (top level)
        self.pack = None          # #pragma pack in force (top level)
        self.fam = False

    def head(self):
        return "%s%s%s {" % (self.kind, attr_text(self.attrs, " ") if self.pre else "",
                             " " + self.tag if self.tag else "")

    def tail(self):
        return "}" + ("" if self.pre else attr_text(self.attrs, " "))

    def body(self, ind):
        out = []
        for m in self.members:
            out += m.lines(ind + "    ")
        return out

    def lines(self, ind):   # as a member
        d = (self.name or "") + "".join("[%d]" % n for n in self.dims)
        return [ind + self.head()] + self.body(ind) + [ind + self.tail() + (" " + d if d else "") + ";"]

    def top_lines(self):
        if self.typedef:
            return ["typedef " + self.head()] + self.body("") + [self.tail() + " " + self.typedef + ";"]
        return [self.head()] + self.body("") + [self.tail() + ";"]

    def refs(self):
        r = set()
        for m in self.members:
            r |= m.refs()
        return r

    def tags(self):
        """Tags this record defines (itself and nested named records)."""
        t = [self.tag] if self.tag else []
        for m in self.members:
            if isinstance(m, Record):
                t += m.tags()
        return t


class Enum:
    def __init__(self, name, values, packed):
        self.name, self.values, self.packed = name, values, packed
        self.tag, self.typedef, self.pack = name, None, None

    def top_lines(self):
        vs = ", ".join("%s_v%d = %s" % (self.name, i, lit(v)) for i, v in enumerate(self.values))
        return ["enum %s%s { %s };" % ("__attribute__((packed)) " if self.packed else "",
                                       self.name, vs)]

    def refs(self):
        return set()

    def tags(self):
        return [self.name]


class Typedef:
    """typedef of a function pointer type."""
    def __init__(self, name, t):
        self.name, self.t, self.tag, self.typedef, self.pack = name, t, None, name, None

    def top_lines(self):
        return ["typedef %s;" % self.t.spell(self.name)]

    def refs(self):
        return set(self.t.refs)

    def tags(self):
        return [self.name]


def attr_text(attrs, sep):
    return "%s__attribute__((%s))" % (sep, ", ".join(attrs)) if attrs else ""


def lit(v):
    if v == -(1 << 63):
        return "(-0x7fffffffffffffffLL - 1)"
    if v > 0x7fffffffffffffff:
        return "%#xULL" % v
    if v > 0x7fffffff or v < -0x80000000:
        return "%dLL" % v
    return str(v)


def enum_width(values, packed):
    """Width in bits of the type clang gives the enum (x86_64 Linux)."""
    lo, hi = min(values), max(values)
    if packed:
        for w in (8, 16, 32):
            if (lo >= 0 and hi < 1 << w) or (-(1 << (w - 1)) <= lo and hi < 1 << (w - 1)):
                return w
    if (lo >= 0 and hi < 1 << 32) or (-(1 << 31) <= lo and hi < 1 << 31):
        return 32
    return 64


# ---------------------------------------------------------------- generator
class Gen:
    def __init__(self, rng, feats):
        self.rng, self.f = rng, feats
        self.n = 0
        self.items = []           # top-level items, in order
        self.pragmas = {}         # item index -> pragma lines emitted before it
        self.records = []         # Base types of complete records usable by value
        self.enums = []           # (Base, width)
        self.fntypes = []         # Base types of function pointer typedefs
        self.pack, self.stack = None, []

    def on(self, *feats):
        return all(f in self.f for f in feats)

    def uid(self, p):
        self.n += 1
        return "%s%d" % (p, self.n)

    def chance(self, p, *feats):
        return self.on(*feats) and self.rng.random() < p

    # ---- items
    def item(self):
        r = self.rng
        pre = []
        if self.chance(0.15, "pragma-pack"):
            a = r.choice(["set", "reset", "push", "pushn", "pushn", "pop", "pop"])
            if a == "pop" and not self.stack:
                a = "pushn"
            if a == "set":
                self.pack = r.choice(PACKS)
                pre.append("#pragma pack(%d)" % self.pack)
            elif a == "reset":
                self.pack = None
                pre.append("#pragma pack()")
            elif a == "push":
                self.stack.append(self.pack)
                pre.append("#pragma pack(push)")
            elif a == "pushn":
                self.stack.append(self.pack)
                self.pack = r.choice(PACKS)
                pre.append("#pragma pack(push, %d)" % self.pack)
            else:
                self.pack = self.stack.pop()
                pre.append("#pragma pack(pop)")
        x = r.random()
        if x < 0.12 and self.on("enum"):
            it = self.enum()
        elif x < 0.15 and self.on("typedef", "funcptr"):
            name = self.uid("fn")
            it = Typedef(name, Ptr(Func(self.scalar(),
                                        [self.scalar() for _ in range(r.randint(0, 3))])))
            self.fntypes.append(Base(name, 8, 8, [name], {"typedef", "funcptr"}))
        else:
            it = self.top_record()
        if pre:
            self.pragmas[len(self.items)] = pre
        self.items.append(it)
        return it

    def finish(self):
        """pragma lines that close the header."""
        return ["#pragma pack(pop)"] * len(self.stack) + (["#pragma pack()"] if self.pack else [])

    def enum(self):
        r = self.rng
        kinds = ["int", "uint"]
        if self.on("enum-char"):
            kinds += ["schar", "uchar"]
        if self.on("enum-short"):
            kinds += ["sshort", "ushort"]
        if self.on("enum-long"):
            kinds += ["slong", "ulong", "u32"]
        k = r.choice(kinds)
        lo, hi = {"int": (-(1 << 31), (1 << 31) - 1), "uint": (0, 1000), "schar": (-128, 127),
                  "uchar": (0, 255), "sshort": (-(1 << 15), (1 << 15) - 1), "ushort": (0, 65535),
                  "slong": (-(1 << 63), (1 << 63) - 1), "ulong": (0, (1 << 64) - 1),
                  "u32": (0, (1 << 32) - 1)}[k]
        vals = [r.choice([r.randint(lo, hi), r.randint(max(lo, -3), min(hi, 20)), lo, hi])
                for _ in range(r.randint(1, 5))]
        # make sure the enum needs its type: one value at an end of the range
        vals.append(r.choice([lo, hi]) if k not in ("int", "uint") else r.choice([lo, hi, 0]))
        e = Enum(self.uid("e"), vals, k in ("schar", "uchar", "sshort", "ushort"))
        w = enum_width(vals, e.packed)
        self.enums.append((Base("enum " + e.name, w // 8, w // 8, [e.name], {"enum"}), w))
        return e

    def top_record(self):
        r = self.rng
        kind = "union" if self.chance(0.3, "union") else "struct"
        rec = Record(kind, None, [])
        if self.chance(0.1, "typedef"):
            rec.typedef = self.uid("t")
            if r.random() < 0.5:
                rec.tag = self.uid(kind[0])
        else:
            rec.tag = self.uid(kind[0])
        rec.attrs = self.rec_attrs()
        rec.pre = r.random() < 0.5
        rec.pack = self.pack
        rec.members = self.members(kind, 0, top=True)
        rec.fam = isinstance(rec.members[-1], Field) and isinstance(rec.members[-1].t, Array) \
            and rec.members[-1].t.n is None
        if not rec.fam:
            size, align = self.estimate(rec)
            name = rec.typedef or rec.tag
            self.records.append(Base(rec.typedef or "%s %s" % (kind, rec.tag), size, align,
                                     [name], {"record-field"}))
            self.nested_types(rec)
        return rec

    def nested_types(self, rec):
        """Tagged nested records are file-scope types in C: usable later."""
        for m in rec.members:
            if isinstance(m, Record):
                if m.tag:
                    size, align = self.estimate(m)
                    self.records.append(Base("%s %s" % (m.kind, m.tag), size, align, [m.tag],
                                             {"record-field", "nested-named"}))
                self.nested_types(m)

    def rec_attrs(self):
        a = []
        if self.chance(0.15, "packed"):
            a.append("packed")
        if self.chance(0.15, "aligned"):
            a.append("aligned(%d)" % self.rng.choice(ALIGNS))
        self.rng.shuffle(a)
        return a

    def field_attrs(self, aligned_feat="aligned-field"):
        a = []
        if self.chance(0.07, "packed-field"):
            a.append("packed")
        if self.chance(0.07, aligned_feat):
            a.append("aligned(%d)" % self.rng.choice(ALIGNS))
        return a

    def members(self, kind, depth, top=False):
        r = self.rng
        out = []
        n = r.randint(1, 8 if kind == "struct" else 5)
        bf_ok = self.on("bitfield") and (kind == "struct" or self.on("bitfield-union"))
        while len(out) < n:
            x = r.random()
            if bf_ok and x < 0.3 and (self.on("bitfield-after-field") or
                                      all(isinstance(m, BitField) for m in out)):
                out += self.bitfields(kind)
            elif x < 0.4 and depth < 3 and any(self.on(f) for f in
                                               ("nested-named", "nested-untagged", "nested-anon")):
                out.append(self.nested(depth + 1))
            else:
                out.append(self.field(depth))
        if not any(self.named(m) for m in out):
            out.append(Field(Base("int", 4, 4), self.uid("f")))
        if self.chance(0.05, "zero-array"):
            out.insert(r.randint(0, len(out)), Field(Array(self.scalar(), 0), self.uid("f")))
        if top and kind == "struct" and self.chance(0.08, "flexarray"):
            out.append(Field(Array(self.scalar(), None), self.uid("f")))
        return out

    def named(self, m):
        """m gives the record a named member of non-zero size."""
        if isinstance(m, Record):
            return m.name is not None or any(self.named(x) for x in m.members)
        if isinstance(m, BitField):
            return m.name is not None
        return not (isinstance(m.t, Array) and not m.t.n)

    def nested(self, depth):
        r = self.rng
        kind = "union" if self.chance(0.35, "union") else "struct"
        forms = [f for f in ("nested-named", "nested-untagged", "nested-anon") if self.on(f)]
        form = r.choice(forms)
        rec = Record(kind, self.uid("n") if form == "nested-named" else None, [])
        rec.attrs = self.rec_attrs()
        rec.pre = r.random() < 0.5
        if form != "nested-anon":
            rec.name = self.uid("f")
            if self.chance(0.15, "array", "array-record"):
                rec.dims = [r.randint(1, 3) for _ in range(2 if self.chance(0.3, "array-2d") else 1)]
        rec.members = self.members(kind, depth)
        return rec

    def bitfields(self, kind):
        r = self.rng
        out = []
        types = [t for t in BF_TYPES if self.on("bitfield-long") or t[1] < 64]
        if self.on("bitfield-bool"):
            types.append(("_Bool", 1))
        for _ in range(r.randint(1, 6 if kind == "struct" else 3)):
            if self.enums and self.chance(0.1, "bitfield-enum"):
                t, w = r.choice(self.enums)
                t = Base(t.text, t.size, t.align, t.refs, {"enum", "bitfield-enum"})
            else:
                name, w = r.choice(types)
                t = Base(name, max(w // 8, 1), max(w // 8, 1))
            x = r.random()
            width = (0 if x < 0.1 else w if x < 0.2 else max(w - 1, 1) if x < 0.3 else
                     r.randint(1, min(w, 8)) if x < 0.55 else r.randint(1, w))
            if width == 0 and not self.on("bitfield-zero"):
                width = 1
            name = self.uid("f")
            if width == 0 or self.chance(0.08, "bitfield-unnamed"):
                name = None
            attrs = [] if name is None else self.field_attrs("aligned-bitfield")
            out.append(BitField(t, width, name, attrs))
        return out

    def scalar(self):
        pool = SCALARS + (FLOATS if self.on("float") else [])
        name, size = self.rng.choice(pool)
        return Base(name, size, size)

    def field(self, depth):
        r = self.rng
        t = self.ftype()
        if self.chance(0.15, "array") and (not isinstance(t, Base) or t.size * 4 <= 2048):
            dims = [r.randint(1, 4) for _ in range(r.choice([2, 3]) if self.chance(0.3, "array-2d") else 1)]
            for n in reversed(dims):
                t = Array(t, n)
            if "record-field" in t.feats:
                t.feats = t.feats | {"array-record"}
                if not self.on("array-record"):
                    t = self.scalar()
        q = ""
        if self.chance(0.05, "qualifiers"):
            q = r.choice(["const ", "volatile ", "const volatile "])
        if q and isinstance(t, Base):
            t = Base(q + t.text, t.size, t.align, t.refs, t.feats)
        return Field(t, self.uid("f"), self.field_attrs())

    def ftype(self):
        r = self.rng
        x = r.random()
        if x < 0.1 and self.enums and self.on("enum"):
            return r.choice(self.enums)[0]
        if x < 0.2 and self.on("pointer"):
            return self.pointer()
        if x < 0.27 and self.on("funcptr"):
            if self.fntypes and r.random() < 0.3:
                return r.choice(self.fntypes)
            return Ptr(self.func())
        if x < 0.42 and self.records and self.on("record-field"):
            small = [t for t in self.records if t.size <= 512]
            if small:
                return r.choice(small)
        if x < 0.45:
            extra = [("long double", 16)] if self.on("longdouble") else []
            extra += [("__int128", 16), ("unsigned __int128", 16)] if self.on("int128") else []
            extra += [("float _Complex", 8), ("double _Complex", 16)] if self.on("complex") else []
            if extra:
                name, size = r.choice(extra)
                feat = {"long double": "longdouble", "float _Complex": "complex",
                        "double _Complex": "complex"}.get(name, "int128")
                return Base(name, size, min(size, 16) if "Complex" not in name else size // 2,
                            feats={feat})
        return self.scalar()

    def pointer(self):
        r = self.rng
        x = r.random()
        if x < 0.3 and self.records:
            return Ptr(r.choice(self.records))
        if x < 0.4:
            return Ptr(Base("void", 1, 1))
        if x < 0.5 and self.on("array"):
            return Ptr(Array(self.scalar(), r.randint(1, 5)))
        if x < 0.6:
            return Ptr(Ptr(self.scalar()))
        return Ptr(self.scalar())

    def func(self):
        r = self.rng
        ret = r.choice([Base("void", 1, 1), self.scalar(), self.pointer() if self.on("pointer")
                        else self.scalar()])
        return Func(ret, [r.choice([self.scalar(), self.pointer() if self.on("pointer")
                                    else self.scalar()]) for _ in range(r.randint(0, 4))])

    def estimate(self, rec):
        """A rough size and alignment (only to keep records small)."""
        size, align = 0, 1
        for m in rec.members:
            if isinstance(m, Record):
                s, a = self.estimate(m)
                for n in m.dims:
                    s *= n
            elif isinstance(m, BitField):
                s, a = (m.width + 7) // 8, 1
            else:
                s, a = m.t.size, m.t.align
            for at in getattr(m, "attrs", ()):
                if at.startswith("aligned("):
                    a = max(a, int(at[8:-1]))
            align = max(align, a)
            size = max(size, s) if rec.kind == "union" else size + s + a - 1
        for at in rec.attrs:
            if at.startswith("aligned("):
                align = max(align, int(at[8:-1]))
        return (size + align - 1) // align * align, align


# ---------------------------------------------------------------- headers
def gen_batch(seed, index, count, feats):
    """The items of header `index` of seed `seed`: count records."""
    g = Gen(random.Random("%d/%d" % (seed, index)), feats)
    nrec = 0
    while nrec < count:
        if isinstance(g.item(), Record):
            nrec += 1
    return g


def header_text(g, keep=None):
    """The C text of g's items (only those in `keep`, each with the
    #pragma pack in force around it, when given)."""
    out = ["/* kbindgen fuzz */"]
    for i, it in enumerate(g.items):
        if keep is None:
            out += g.pragmas.get(i, [])
            out += it.top_lines()
        elif i in keep:
            if it.pack:
                out.append("#pragma pack(push, %d)" % it.pack)
            out += it.top_lines()
            if it.pack:
                out.append("#pragma pack(pop)")
    if keep is None:
        out += g.finish()
    return "\n".join(out) + "\n"


def closure(g, roots):
    """Indices of the items roots need (their definitions of what they use)."""
    owner = {}
    for i, it in enumerate(g.items):
        for t in it.tags() + ([it.typedef] if it.typedef else []):
            owner[t] = i
    keep, todo = set(), list(roots)
    while todo:
        i = todo.pop()
        if i in keep:
            continue
        keep.add(i)
        own = set(g.items[i].tags())
        for ref in g.items[i].refs():
            if ref not in own and ref in owner:
                todo.append(owner[ref])
    return keep


def owners(g):
    """Rust record name prefix -> top-level item index."""
    m = {}
    for i, it in enumerate(g.items):
        for t in it.tags() + ([it.typedef] if it.typedef else []):
            m[t] = i
    return m


# ---------------------------------------------------------------- running
def run(argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, **kw)


class Result:
    def __init__(self):
        self.gen_fail = None      # clang rejects the header: a bug of fuzz.py
        self.kb_fail = None       # kbindgen's failure, one line
        self.compile = []         # rustc errors: (code, text, rust item names)
        self.mismatch = []        # probe mismatch lines
        self.probe_fail = None    # the probe could not run
        self.skipped_records = []
        self.skipped_other = []
        self.checks = 0
        self.log = ""

    def ok(self):
        return not (self.gen_fail or self.kb_fail or self.compile or self.mismatch or self.probe_fail)

    def reason(self):
        if self.gen_fail:
            return "fuzz.py bug, clang rejects the header: " + self.gen_fail
        if self.kb_fail:
            return "kbindgen fails: " + self.kb_fail
        parts = []
        if self.compile:
            codes = sorted(set(c[0] for c in self.compile))
            parts.append("does not compile (%s): %s" % (", ".join(codes), self.compile[0][1]))
        if self.mismatch:
            parts.append("%d probe mismatches, first: %s" % (len(self.mismatch), self.mismatch[0]))
        if self.probe_fail:
            parts.append("probe fails: " + self.probe_fail)
        return "; ".join(parts)

    def signature(self):
        """What kind of failure, for the minimizer to keep."""
        if self.gen_fail:
            return {"clang"}
        if self.kb_fail:
            return {"kbindgen:" + re.sub(r"[\d]+|'[^']*'|\"[^\"]*\"", "#", self.kb_fail)[:40]}
        # a wrong size, alignment or offset (a layout assertion that fails
        # to compile, or a probe mismatch) is one kind: rustc stops at the
        # first assertion of a record, and which one comes first changes
        s = set()
        for code, text, _ in self.compile:
            s.add("layout" if code == "E0080" and re.match(r"(Size|Alignment|Offset)", text)
                  else "rustc:" + code)
        for line in self.mismatch:
            m = re.search(r"C: (\w+)", line)
            kind = m.group(1) if m else "?"
            s.add("layout" if kind in ("size", "align", "offset") else "mismatch:" + kind)
        if self.probe_fail:
            m = re.search(r"error\[(E\d+)\]", self.probe_fail)
            if not (m and any(c[0] == m.group(1) for c in self.compile)):
                s.add("probe:" + (m.group(1) if m else self.probe_fail[:30]))
        return s

    def names(self):
        """Rust names of the records involved in the failure."""
        n = set()
        for _, _, names in self.compile:
            n |= names
        for line in self.mismatch:
            for key in re.findall(r"(?:size|align|offset|bitfield) (\w+)", line):
                n.add(key)
        return n


def base_name(n):
    """The C name (tag or typedef) behind a Rust record name."""
    n = re.sub(r"(__bindgen_ty_\d+)+$", "", n)
    return n[:-1] if re.match(r"^[uif](8|16|32|64|128|size)_$", n) else n   # u32 -> u32_


def rust_names(rs_lines, lineno):
    """Record names at or around line `lineno` (1-based) of the .rs."""
    names = set()
    if 0 < lineno <= len(rs_lines):
        for a, b in re.findall(r"\b(?:Size|Alignment) of (\w+)|Offset of field: (\w+)::",
                               rs_lines[lineno - 1]):
            names.add(a or b)
        k = lineno - 1
        while k < len(rs_lines) and rs_lines[k].startswith("#["):
            k += 1     # an error on an attribute: the item below it
        if k < len(rs_lines):
            m = re.match(r"^pub (?:struct|union) (\w+)", rs_lines[k])
            if m:
                names.add(m.group(1))
        for k in range(lineno - 1, -1, -1):
            m = re.match(r"^(?:pub (?:struct|union) |impl(?:<[^>]*>)? (?:\w+ for )?)(\w+)",
                         rs_lines[k])
            if m:
                names.add(m.group(1))
                break
            if rs_lines[k].startswith("const _: () = {"):
                break
    return names


class Runner:
    def __init__(self, args):
        self.kb = os.environ.get("KBINDGEN", os.path.join(TOP, "build", "kbindgen"))
        if not os.path.isabs(self.kb):
            self.kb = os.path.join(TOP, self.kb)
        self.kb_args = shlex.split(args.kb_args)
        self.env = dict(os.environ)
        self.env.pop("KBINDGEN_CHECK_LAYOUT", None)
        if args.check_layout:
            self.env["KBINDGEN_CHECK_LAYOUT"] = "1"
        self.env["PATH"] = os.path.expanduser("~/.cargo/bin") + ":" + self.env.get("PATH", "")

    def check(self, h, need_probe=True):
        """Runs kbindgen, rustc and the probe on header h."""
        res = Result()
        rs = h[:-2] + ".rs"
        p = run([CC, "-fsyntax-only", "-std=gnu11", "-w", TARGET, h])
        if p.returncode != 0:
            res.gen_fail = p.stderr.strip().splitlines()[0][:300]
            return res
        p = run([self.kb, h, "-o", rs] + self.kb_args + ["--", TARGET], env=self.env)
        res.log += "$ kbindgen %s\n%s" % (h, p.stderr)
        if p.returncode != 0 or SANITIZER.search(p.stderr):
            err = [l for l in p.stderr.splitlines() if l.strip()]
            first = next((l for l in err if "error" in l or "layout check" in l or "ERROR" in l),
                         err[0] if err else "")
            res.kb_fail = "exit %d: %s" % (p.returncode, first.strip()[:300])
            return res
        p = run(["rustc", "--edition=2021", "--crate-type=lib", "--emit=metadata",
                 "--crate-name", "kbfuzz", "-o", rs[:-3] + ".rmeta", rs], env=self.env)
        res.log += "$ rustc %s\n%s" % (rs, p.stderr)
        if p.returncode != 0:
            rs_lines = open(rs).read().splitlines()
            for m in re.finditer(r"(?m)^error(?:\[(E\d+)\])?: (.*)\n\s*--> [^:\n]*:(\d+):", p.stderr):
                if m.group(2).startswith("aborting"):
                    continue
                ln = int(m.group(3))
                text = m.group(2)
                src = rs_lines[ln - 1].strip() if ln <= len(rs_lines) else ""
                a = re.search(r'\["((?:Size|Alignment) of \w+|Offset of field: [\w:]+)"\]', src)
                if a:
                    text = a.group(1) + " (" + text + ")"
                res.compile.append((m.group(1) or "error", text, rust_names(rs_lines, ln)))
            if not res.compile:
                res.compile.append(("error", p.stderr.strip().splitlines()[0][:200], set()))
        if not need_probe:
            return res
        p = run([sys.executable, PROBE, h, rs, "--", TARGET], env=self.env)
        res.log += "$ layout-probe %s\n%s%s" % (h, p.stdout, p.stderr)
        for line in p.stdout.splitlines():
            if line.startswith("mismatch: "):
                res.mismatch.append(line[10:])
            elif line.startswith("skipped: record "):
                res.skipped_records.append(line[9:])
            elif line.startswith("skipped: "):
                res.skipped_other.append(line[9:])
        m = re.search(r"layout-probe: (\d+) checks", p.stdout)
        if m:
            res.checks = int(m.group(1))
        if p.returncode != 0 and not res.mismatch:
            msg = (p.stderr.strip() or p.stdout.strip() or "exit %d" % p.returncode).splitlines()
            res.probe_fail = msg[0][:200] + ("".join(
                " | " + l.strip() for l in msg[1:] if l.startswith("error"))[:300])
        return res


# ---------------------------------------------------------------- minimizer
def edits(g, keep):
    """Candidate simplifications of the kept items: (target, thunk), the
    thunk applies it and returns an undo thunk; target is the object it
    changes (skipped once no longer part of the header)."""
    out = []

    def index(rec, m):
        return next((k for k, x in enumerate(rec.members) if x is m), None)

    def drop_member(rec, m):
        def do():
            k = index(rec, m)
            if k is None or len(rec.members) < 2:
                return None
            rec.members.pop(k)
            return lambda: rec.members.insert(k, m)
        return rec, do

    def flatten(rec, m):
        """The members of nested record m in its place."""
        def do():
            k = index(rec, m)
            if k is None:
                return None
            rec.members[k:k + 1] = m.members
            return lambda: rec.members.__setitem__(slice(k, k + len(m.members)), [m])
        return rec, do

    def set_attr(obj, name, val):
        def do():
            old = getattr(obj, name)
            setattr(obj, name, val)
            return lambda: setattr(obj, name, old)
        return obj, do

    def members_of(rec):
        for k in range(len(rec.members) - 1, -1, -1):
            m = rec.members[k]
            out.append(drop_member(rec, m))
            if isinstance(m, Record):
                out.append(flatten(rec, m))
                members_of(m)
                if m.attrs:
                    for a in m.attrs:
                        out.append(set_attr(m, "attrs", [x for x in m.attrs if x != a]))
                if m.dims:
                    out.append(set_attr(m, "dims", []))
                if m.name and m.tag:
                    out.append(set_attr(m, "tag", None))
                if m.kind == "union":
                    out.append(set_attr(m, "kind", "struct"))
            else:
                for a in m.attrs:
                    out.append(set_attr(m, "attrs", [x for x in m.attrs if x != a]))
                if isinstance(m, Field) and isinstance(m.t, Array) and m.t.n:
                    out.append(set_attr(m, "t", m.t.inner))
                if isinstance(m, Field) and (not isinstance(m.t, Base) or
                                             m.t.text not in ("int", "char")):
                    out.append(set_attr(m, "t", Base("int", 4, 4)))
                if isinstance(m, BitField) and m.name and m.t.text != "int" and m.width <= 32:
                    out.append(set_attr(m, "t", Base("int", 4, 4)))
                if isinstance(m, BitField) and m.name is None and m.width > 0:
                    out.append(set_attr(m, "name", "x%d" % id(m)))

    for i in sorted(keep, reverse=True):
        it = g.items[i]
        if isinstance(it, Record):
            if it.pack:
                out.append(set_attr(it, "pack", None))
            for a in it.attrs:
                out.append(set_attr(it, "attrs", [x for x in it.attrs if x != a]))
            if it.typedef and it.tag:
                out.append(set_attr(it, "typedef", None))
            if it.kind == "union":
                out.append(set_attr(it, "kind", "struct"))
            members_of(it)
    return out


def reachable(g, keep):
    """ids of the kept items and everything inside them."""
    seen = set()

    def walk(o):
        seen.add(id(o))
        for m in getattr(o, "members", ()):
            walk(m)
    for i in keep:
        walk(g.items[i])
    return seen


def minimize(runner, g, roots, want, work, deadline):
    """Reduces items `roots` of g (and what they use) while the failure keeps
    a signature in `want`; returns (C text, Result) or None."""
    probe = any(not s.startswith(("kbindgen", "rustc", "clang")) for s in want)

    def test(keep):
        h = os.path.join(work, "m.h")
        with open(h, "w") as f:
            f.write(header_text(g, keep))
        res = runner.check(h, need_probe=False)    # the probe only when needed
        if not res.signature() & want and probe and not (res.gen_fail or res.kb_fail):
            res = runner.check(h)
        if not res.signature() & want:
            return None
        # the same record must fail (not another one the edits broke)
        own = owners(g)
        hit = set(own.get(n) for n in map(base_name, res.names())) - {None}
        return res if not hit or hit & set(roots) else None

    keep = closure(g, roots)
    if test(keep) is None:
        return None
    root = set(roots)
    changed = True
    while changed and time.time() < deadline:
        changed = False
        # whole items (ddmin): drop chunks of them, what is left taking
        # back what it uses
        trial = closure(g, root)     # what the roots use now
        if trial != keep and test(trial):
            keep = trial
        n = 2
        while len(keep - root) >= 1 and time.time() < deadline:
            items = sorted(keep - root)
            size = -(-len(items) // n)
            for k in range(0, len(items), size):
                trial = closure(g, set(items[:k] + items[k + size:]) | root)
                if trial != keep and test(trial):
                    keep, n = trial, max(n - 1, 2)
                    break
            else:
                if n >= len(items):
                    break
                n = min(len(items), 2 * n)
        # then members and attributes
        for target, e in edits(g, keep):
            if time.time() > deadline:
                break
            if id(target) not in reachable(g, keep):
                continue
            undo = e()
            if undo is None:
                continue
            # what is kept must stay closed under use
            if closure(g, keep) != keep or test(keep) is None:
                undo()
            else:
                changed = True
    text = header_text(g, keep)
    h = os.path.join(work, "m.h")
    with open(h, "w") as f:
        f.write(text)
    res = runner.check(h)   # with the probe, for the report
    return text, res


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--records", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=200, help="records per header")
    ap.add_argument("--one", action="store_true", help="one record (and what it uses) per header")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--exclude", action="append", default=[], help="features not to generate")
    ap.add_argument("--only", action="append", default=[], help="the only features to generate")
    ap.add_argument("--out", default=os.path.join(TOP, "build", "fuzz"))
    ap.add_argument("--minimize", type=int, default=10, help="failures to minimize (0: none)")
    ap.add_argument("--minimize-time", type=int, default=300, help="seconds per minimization")
    ap.add_argument("--max-skipped", type=float, default=1.0, help="percent of records")
    ap.add_argument("--kb-args", default="", help="more kbindgen options")
    ap.add_argument("--no-check-layout", dest="check_layout", action="store_false",
                    help="without KBINDGEN_CHECK_LAYOUT=1")
    ap.add_argument("--print", action="store_true", help="print header --index and exit")
    ap.add_argument("--index", type=int, default=0)
    ap.add_argument("--features", action="store_true")
    args = ap.parse_args()
    if args.features:
        for k, v in FEATURES.items():
            print("%-18s %s" % (k, v))
        return 0
    excl = set(x for e in args.exclude for x in re.split(r"[,\s]+", e) if x)
    only = set(x for e in args.only for x in re.split(r"[,\s]+", e) if x)
    if only:   # `--only none`: plain structs of scalars
        excl |= set(FEATURES) - only
        only.discard("none")
    unknown = (excl | only) - set(FEATURES)
    if unknown:
        sys.exit("fuzz: unknown feature(s) %s (see --features)" % ", ".join(sorted(unknown)))
    feats = set(FEATURES) - excl
    if args.print:
        sys.stdout.write(header_text(gen_batch(args.seed, args.index, args.batch, feats)))
        return 0

    runner = Runner(args)
    os.makedirs(args.out, exist_ok=True)
    for d in os.listdir(args.out):
        if d.startswith("fail-%d-" % args.seed):
            shutil.rmtree(os.path.join(args.out, d))
    nheaders = (args.records + args.batch - 1) // args.batch
    lock = threading.Lock()
    budget = [args.minimize]
    seen = set()
    t0 = time.time()

    def one_header(k):
        """Header k: returns (lines to print, stats)."""
        g = gen_batch(args.seed, k, min(args.batch, args.records - k * args.batch), feats)
        recs = [i for i, it in enumerate(g.items) if isinstance(it, Record)]
        units = [(None, len(recs))] if not args.one else [(closure(g, [i]), 1) for i in recs]
        stats = dict(records=0, headers=0, mismatch=0, nocompile=0, kbfail=0, skipped=0,
                     skipped_other=0, checks=0, failed=0, genfail=0)
        lines = []
        work = tempfile.mkdtemp(prefix="kbfuzz.")
        try:
            for u, (keep, nrec) in enumerate(units):
                tag = "%d" % k if not args.one else "%d.%d" % (k, u)
                h = os.path.join(work, "h%s.h" % tag)
                with open(h, "w") as f:
                    f.write(header_text(g, keep))
                res = runner.check(h)
                stats["records"] += nrec
                stats["headers"] += 1
                stats["checks"] += res.checks
                stats["skipped"] += len(res.skipped_records)
                stats["skipped_other"] += len(res.skipped_other)
                stats["mismatch"] += len(res.mismatch)
                stats["nocompile"] += 1 if res.compile else 0
                stats["kbfail"] += 1 if res.kb_fail else 0
                stats["genfail"] += 1 if res.gen_fail else 0
                if res.ok():
                    if not args.one:
                        lines.append("header %s: ok, %d records, %d checks, %d skipped"
                                     % (tag, nrec, res.checks, len(res.skipped_records)))
                    continue
                stats["failed"] += 1
                d = os.path.join(args.out, "fail-%d-%s" % (args.seed, tag))
                os.makedirs(d, exist_ok=True)
                shutil.copy(h, os.path.join(d, "header.h"))
                if os.path.exists(h[:-2] + ".rs"):
                    shutil.copy(h[:-2] + ".rs", os.path.join(d, "out.rs"))
                with open(os.path.join(d, "REASON"), "w") as f:
                    f.write(res.reason() + "\n")
                with open(os.path.join(d, "log.txt"), "w") as f:
                    f.write(res.log)
                lines.append("header %s: FAIL %s (%s)" % (tag, res.reason(), os.path.relpath(d)))
                for s in res.skipped_records:
                    lines.append("  skipped " + s)
                # minimize the kinds of failure not seen yet
                with lock:
                    sigs = res.signature() - seen
                    go = budget[0] > 0 and sigs
                    if go:
                        budget[0] -= 1
                        seen.update(sigs)
                # the records the failure names, with what they use
                roots = failing_roots(g, keep, res)
                if roots:
                    with open(os.path.join(d, "records.h"), "w") as f:
                        f.write(header_text(g, closure(g, roots)))
                if go:
                    lines += minimize_all(runner, g, keep, res, d, args, sigs)
                elif roots:
                    text = header_text(g, closure(g, sorted(roots)[:1])).splitlines()[1:]
                    lines.append("  a failing record (all in %s/records.h):"
                                 % os.path.relpath(d))
                    lines += ["  | " + l for l in text[:40]] + (["  | ..."] if text[40:] else [])
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return lines, stats

    total = dict(records=0, headers=0, mismatch=0, nocompile=0, kbfail=0, skipped=0,
                 skipped_other=0, checks=0, failed=0, genfail=0)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for lines, st in ex.map(one_header, range(nheaders)):
            for l in lines:
                print(l, flush=True)
            for key in total:
                total[key] += st[key]
    dt = time.time() - t0
    skipped_pct = 100.0 * total["skipped"] / max(total["records"], 1)
    print("fuzz: %d records in %d headers, seed %d: %d mismatches, %d do not compile, "
          "%d skipped" % (total["records"], total["headers"], args.seed, total["mismatch"],
                          total["nocompile"], total["skipped"]))
    print("fuzz: %d probe checks, %d skipped fields/bitfields, %d kbindgen failures, "
          "%d failing headers, %.0f s%s%s"
          % (total["checks"], total["skipped_other"], total["kbfail"], total["failed"], dt,
             "; %d headers clang rejects (a bug of fuzz.py)" % total["genfail"]
             if total["genfail"] else "",
             "; excluded: " + ",".join(sorted(excl)) if excl else ""))
    bad = total["failed"] > 0
    if skipped_pct > args.max_skipped:
        print("fuzz: %.1f%% of the records skipped by the probe (more than %g%%)"
              % (skipped_pct, args.max_skipped))
        bad = True
    return 1 if bad else 0


def failing_roots(g, keep, res):
    """The top-level items whose records the failure names."""
    own = owners(g)
    roots = set(own[b] for b in map(base_name, res.names()) if b in own)
    return roots & keep if keep is not None else roots


def minimize_all(runner, g, keep, res, d, args, sigs):
    """Minimizes each failing record of a failing header; lines to print."""
    lines = []
    own = owners(g)
    roots = set(own[b] for b in map(base_name, res.names()) if b in own)
    if keep is not None:
        roots &= keep
    if not roots:
        roots = set(keep) if keep is not None else \
            set(i for i, it in enumerate(g.items) if isinstance(it, Record))
    deadline = time.time() + args.minimize_time
    done = 0
    for sig in sorted(sigs):
        if time.time() > deadline or done >= 3:
            break
        # the records that fail alone, one after the other
        for r in sorted(roots):
            if time.time() > deadline:
                break
            work = tempfile.mkdtemp(prefix="kbfuzz-min.")
            try:
                m = minimize(runner, copy.deepcopy(g), [r], {sig}, work, deadline)
                if m is None:
                    continue
                text, mres = m
                n = "min%s" % ("" if done == 0 else "-%d" % done)
                with open(os.path.join(d, n + ".h"), "w") as f:
                    f.write(text)
                if os.path.exists(os.path.join(work, "m.rs")):
                    shutil.copy(os.path.join(work, "m.rs"), os.path.join(d, n + ".rs"))
                with open(os.path.join(d, n + ".txt"), "w") as f:
                    f.write(mres.reason() + "\n\n" + "\n".join(mres.mismatch) + "\n\n" + mres.log)
                lines.append("  minimized (%s) to %s/%s.h: %s" % (sig, os.path.relpath(d), n,
                                                                 mres.reason()))
                lines += ["  | " + l for l in text.splitlines()[1:]]
                done += 1
                roots.discard(r)
                break
            finally:
                shutil.rmtree(work, ignore_errors=True)
    if done == 0:
        lines.append("  (no single record fails alone; see header.h)")
    return lines


if __name__ == "__main__":
    sys.exit(main())
