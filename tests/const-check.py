#!/usr/bin/env python3
"""Checks every macro constant of a kbindgen output against the C compiler:
one _Static_assert per value (and per element of a string, array or
compound literal), one per C type, all in a C file that includes the header
and is compiled by clang with the header's own arguments.

    tests/const-check.py [--coverage IR] OUT.rs HEADER [CLANG_ARGS...]

A constant whose name the header does not #define (an enum's constant) is
skipped.  Prints "N constants, M checks" and exits 0 when clang accepts
every assertion; otherwise prints clang's errors (each names its constant)
and exits 1.  CLANG: the clang to run (default clang).

--coverage IR (kbindgen's --emit-ir of the same run): also asks clang which
of the header's macros are C constant expressions (defined after the
header, `__auto_type x = (M);` accepted at file scope without an error),
and prints how many kbindgen emitted, and why it left the others out."""
import os
import re
import subprocess
import sys

CTYPES = {
    "c_char": "char", "c_schar": "signed char", "c_uchar": "unsigned char",
    "c_short": "short", "c_ushort": "unsigned short", "c_int": "int",
    "c_uint": "unsigned int", "c_long": "long", "c_ulong": "unsigned long",
    "c_longlong": "long long", "c_ulonglong": "unsigned long long",
    "c_float": "float", "c_double": "double", "f32": "float", "f64": "double",
    "bool": "_Bool", "c_void": "void",
}


def c_type(rust):
    """The C spelling of a Rust type of the output, or None."""
    rust = rust.strip()
    m = re.fullmatch(r"\*(mut|const) (.+)", rust)
    if m:
        return None  # qualifiers Rust drops (volatile), tags: the value says enough
    last = rust.split("::")[-1]
    if last in CTYPES:
        return CTYPES[last]
    if last == "usize":  # size_t, with --size_t-is-usize
        return "__typeof__(sizeof 0)"
    if last == "isize":
        return "__typeof__((char *)0 - (char *)0)"
    if re.fullmatch(r"[iu](8|16|32|64)_", rust):  # u8 renamed: Rust's own
        return rust[:-1]
    m = re.fullmatch(r"([iu])(8|16|32|64)", last)  # int64_t as Rust's i64
    if m:
        return "__%sINT%s_TYPE__" % ("U" if m.group(1) == "u" else "", m.group(2))
    if re.fullmatch(r"[A-Za-z_]\w*", rust):
        return rust  # a typedef or record of the header
    return None


def split_top(s):
    """s split at the commas outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def byte_string(lit):
    """The bytes of a Rust byte string literal b"..."."""
    body, out, i = lit[2:-1], [], 0
    simple = {"n": 10, "r": 13, "t": 9, "\\": 92, "0": 0, "'": 39, '"': 34}
    while i < len(body):
        c = body[i]
        if c == "\\":
            e = body[i + 1]
            if e == "x":
                out.append(int(body[i + 2:i + 4], 16))
                i += 4
                continue
            if e == "\n":  # a line continuation
                i += 2
                while i < len(body) and body[i] in " \t\n":
                    i += 1
                continue
            out.append(simple[e])
            i += 2
            continue
        out.extend(c.encode())
        i += 1
    return out


RUST_KEYWORDS = set("""as async await box break const continue crate do dyn else enum
extern false final fn for gen if impl in let loop macro match mod move mut override
priv pub ref return self static struct super trait true try type typeof unsafe unsized
use virtual where while yield abstract become""".split())


def c_member(expr, field):
    """expr.field in C for a Rust field name: an anonymous member's
    __bindgen_anon_N is no name in C, a keyword's `type_` is `type`."""
    if re.fullmatch(r"__bindgen_anon_\d+", field):
        return expr
    if field.endswith("_") and field[:-1] in RUST_KEYWORDS:
        field = field[:-1]
    return "(%s).%s" % (expr, field)


def int_checks(expr, value):
    v = int(value)
    if v < 0:
        return ["(long long)(%s) == (long long)%dULL" % (expr, v % 2**64)]
    return ["(unsigned long long)(%s) == %dULL" % (expr, v)]


def value_checks(expr, rust_type, value):
    """The C conditions that say expr has the value the Rust text gives."""
    value = value.strip()
    m = re.fullmatch(r"(\w+)\((.*)\)", value, re.S)
    if m and not value.startswith("b\""):  # a new type's wrapper: Foo(1)
        value = m.group(2).strip()
    if value.startswith("b\""):
        # clang does not fold through a cast pointer ((const xmlChar *)"x"):
        # what it cannot fold is not checked
        data = byte_string(value)
        return ["!__builtin_constant_p((%s)[%d]) || (%s)[%d] == %d" % (expr, i, expr, i, b)
                for i, b in enumerate(data)]
    if value == "None":  # a null function pointer
        return ["(%s) == 0" % expr]
    m = re.fullmatch(r"f(32|64)::(INFINITY|NEG_INFINITY|NAN)", value)
    if m:
        return {"INFINITY": ["(%s) == __builtin_inf()" % expr],
                "NEG_INFINITY": ["(%s) == -__builtin_inf()" % expr],
                "NAN": ["__builtin_isnan(%s)" % expr]}[m.group(2)]
    m = re.fullmatch(r"(\d+)u64 as usize as .*", value, re.S)
    if m:
        return ["(unsigned long long)(%s) == %sULL" % (expr, m.group(1))]
    m = re.fullmatch(r"\w+ \{(.*)\}", value, re.S)
    if m:
        out = []
        for part in split_top(m.group(1)):
            field, v = part.split(":", 1)
            out += value_checks(c_member(expr, field.strip()), None, v)
        return out
    if value.startswith("["):
        out = []
        for i, v in enumerate(split_top(value[1:-1])):
            out += value_checks("(%s)[%d]" % (expr, i), None, v)
        return out
    if value in ("true", "false"):
        return ["(%s) == %d" % (expr, value == "true")]
    if re.fullmatch(r"-?\d+", value):
        return int_checks(expr, value)
    if rust_type and rust_type.split("::")[-1] in ("f32", "c_float"):
        return ["(%s) == %sf" % (expr, value)]
    return ["(%s) == %s" % (expr, value)]


def constants(text):
    """(name, Rust type, value) of each `pub const` at the start of a line."""
    text = re.sub(r"\n[ \t]+", " ", text)  # rustfmt's continuation lines
    for m in re.finditer(r'^pub const (\w+): ([^=]+?) = (b"(?:[^"\\]|\\.)*"|[^;]*);',
                         text, re.M):
        yield m.group(1), m.group(2), m.group(3)


def coverage(ir, out, header, args, clang):
    """The header's C constant macros against those kbindgen emitted."""
    why, names = {}, []
    for line in open(ir, encoding="utf-8"):
        m = re.match(r"macro (\S+) ", line)
        if m:
            names.append(m.group(1))
            m = re.search(r"\(no value(?:: (.*))?\)$", line.strip())
            if m:
                why[names[-1]] = m.group(1) or "no reason given"
    src = ['#include "%s"' % os.path.abspath(header)]
    for i, n in enumerate(names):
        src += ["#ifdef %s" % n, "__auto_type __kb_%d = (%s);" % (i, n), "#endif"]
    src = "\n".join(src) + "\n"
    pre = subprocess.run([clang, "-E", "-P", "-x", "c", "-"] + args, input=src,
                         capture_output=True, text=True).stdout
    defined = {names[int(i)] for i in re.findall(r"__kb_(\d+) =", pre)}
    r = subprocess.run([clang, "-fsyntax-only", "-w", "-ferror-limit=0", "-x", "c", "-"] + args,
                       input=src, capture_output=True, text=True)
    refused = set()
    for m in re.finditer(r"^<stdin>:(\d+):\d+: error", r.stderr, re.M):
        line = int(m.group(1))
        if line > 1 and (line - 3) % 3 == 0:
            refused.add(names[(line - 3) // 3])
    const = [n for n in names if n in defined and n not in refused]
    emitted = [n for n in names if n not in why]
    print("%d macros, %d defined after the header, %d C constant expressions"
          % (len(names), len(defined), len(const)))
    print("emitted: %d (%d of them C constant expressions after the header)"
          % (len(emitted), len([n for n in emitted if n in const])))
    left = {}
    for n in const:
        if n in why:
            left.setdefault(why[n], []).append(n)
    for reason, ns in sorted(left.items(), key=lambda kv: -len(kv[1])):
        print("  left out, %s: %d (%s)" % (reason, len(ns), " ".join(ns[:6])))


def main():
    ir = None
    if sys.argv[1] == "--coverage":
        ir = sys.argv[2]
        del sys.argv[1:3]
    out, header, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    lines, n = ['#include "%s"' % os.path.abspath(header)], 0
    for name, rust_type, value in constants(open(out, encoding="utf-8").read()):
        # an unnamed enum's constant, never a macro's (a macro of the same
        # name, #define X (X - 1), gives way to it)
        if "_bindgen_ty_" in rust_type:
            continue
        checks = value_checks(name, rust_type, value)
        ct = c_type(rust_type)
        # a record's Rust name may be its C tag: its fields say enough
        if ct and not rust_type.startswith("&") and not re.match(r"\w+ \{", value):
            checks.append("__builtin_types_compatible_p(__typeof__(%s), %s)" % (name, ct))
        if rust_type.startswith("&[u8; ") and not value.startswith("b\""):
            continue
        lines.append("#ifdef %s" % name)
        lines += ['_Static_assert(%s, "%s");' % (c, name) for c in checks]
        lines.append("#endif")
        n += 1
    src = "\n".join(lines) + "\n"
    clang = os.environ.get("CLANG", "clang")
    r = subprocess.run([clang, "-fsyntax-only", "-w", "-x", "c", "-"] + args,
                       input=src, capture_output=True, text=True)
    nchecks = src.count("_Static_assert")
    if ir:
        coverage(ir, out, header, args, clang)
    if r.returncode:
        sys.stderr.write(r.stderr)
        print("%d constants, %d checks: clang refused some" % (n, nchecks))
        return 1
    print("%d constants, %d checks" % (n, nchecks))
    return 0


sys.exit(main())
