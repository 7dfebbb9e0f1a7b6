#!/usr/bin/env python3
"""known-diffs.py [--config DOTCONFIG] REF KB: the differences between
bindgen main's output (REF) and kbindgen's (KB), both after rustfmt with
blank lines removed, that the README lists as bindgen's errors or the
tree's own values.  With --config (the tree's .config), a `pub const
CONFIG_X` line is the tree's own value when it differs from the
reference's because the trees' configs differ: kbindgen's line has the
tree's value, the reference's has another.

Each rule turns a line of bindgen's into the line of kbindgen's that
stands in its place (or drops a line); what no rule explains is
unexplained.  Prints one line per rule that
applied (`known: RULE: N lines`) and each unexplained line; exit 1 when
there is any.
"""
import re
import subprocess
import sys
import tempfile

# bindgen's line -> kbindgen's, with the reason (README, "Where kbindgen
# follows C, not bindgen", and "In the Linux kernel")
REWRITES = [
    # bindgen main's bitfield setters draw unused_unsafe: an error under
    # the kernel's -Dwarnings; below --rust-target 1.82 kbindgen writes
    # release 0.72.1's transmute
    ("setter", re.compile(r"^(\s*)let val: ([ui]\d+) = val as _;$"),
     r"\1let val: \2 = ::core::mem::transmute(val);"),
    # &mut in a const fn needs Rust 1.83; 6.12 passes --rust-target 1.68
    ("as_mut", re.compile(r"pub const unsafe fn as_mut\("), "pub unsafe fn as_mut("),
]


def padding(line):
    """__BindgenOpaqueArray8<[u8; N]> padding, N not a multiple of 8: Rust
    rounds it up and moves what follows (fpstate, zone, task_struct)."""
    m = re.search(r"(__bindgen_padding_\d+): __BindgenOpaqueArray8<\[u8; (\d+)usize\]>", line)
    if m and int(m.group(2)) % 8:
        return line[:m.start()] + "%s: [u8; %susize]" % (m.group(1), m.group(2)) + \
            line[m.end():]
    return None


def drop_config(lines):
    """CONFIG_BINDGEN_VERSION_TEXT is the tree's `$(BINDGEN) --version`."""
    out, skip = [], False
    for l in lines:
        if l.startswith("pub const CONFIG_BINDGEN_VERSION_TEXT"):
            skip = not l.endswith(";")
            continue
        if skip:
            skip = not l.endswith(";")
            continue
        out.append(l)
    return out


def drop_empty_align(lines, count):
    """#[repr(align(N))] on an empty struct: kbindgen keeps C's alignment
    (sched_statistics, slabobj_ext), bindgen drops it."""
    out = []
    for i, l in enumerate(lines):
        if re.match(r"^#\[repr\(align\(\d+\)\)\]$", l) and \
                any(re.match(r"^pub struct \w+ \{\}$", n) for n in lines[i + 1:i + 3]):
            count["empty aligned struct"] = count.get("empty aligned struct", 0) + 1
            continue
        out.append(l)
    return out


def read_config(path):
    """CONFIG_X -> its value in a .config: y is 1, strings unquoted."""
    vals = {}
    for l in open(path):
        m = re.match(r"^(CONFIG_\w+)=(.*)$", l.strip())
        if m:
            v = m.group(2)
            vals[m.group(1)] = "1" if v == "y" else v.strip('"')
    return vals


def config_const(line):
    """(name, value) of `pub const CONFIG_X: T = V;`, V as .config has it."""
    m = re.match(r'^pub const (CONFIG_\w+): [^=]+ = (.*);$', line)
    if not m:
        return None
    v = m.group(2)
    s = re.match(r'^b"(.*)\\0"$', v)
    return m.group(1), s.group(1) if s else v


def tree_value(line, config, ours):
    """Whether line is a CONFIG_ constant that only the configs make
    differ: ours (kbindgen's) has the tree's value, the reference's not."""
    c = config_const(line) if config is not None else None
    if not c:
        return False
    return (config.get(c[0]) == c[1]) == ours


def pair_known(ref, kb, unions):
    """A pair of lines that differ only as a listed case does."""
    for name, rx, to in REWRITES:
        if rx.sub(to, ref) == kb:
            return name
    if padding(ref) == kb:
        return "padding"
    # libclang 16: bindgen drops the const of `const struct T *f;` when it
    # is the first mention of struct T (6.1: vdso_image, kclock, ...)
    if ref.replace("*mut ", "*const ") == kb.replace("*mut ", "*const ") and \
            ref.count("*mut ") > kb.count("*mut "):
        return "const of a first mention"
    # a union's bitfield unit is as large as its widest bitfield
    m = re.search(r"__BindgenBitfieldUnit<\[u8; (\d+)usize\]>", ref)
    if m and re.sub(r"__BindgenBitfieldUnit<\[u8; \d+usize\]>", "U", ref) == \
            re.sub(r"__BindgenBitfieldUnit<\[u8; \d+usize\]>", "U", kb) and unions:
        return "union bitfield unit"
    return None


def main():
    args = sys.argv[1:]
    config = None
    if args[:1] == ["--config"]:
        config = read_config(args[1])
        args = args[2:]
    ref = open(args[0]).read().splitlines()
    kb = open(args[1]).read().splitlines()
    count = {}
    ref, kb = drop_config(ref), drop_config(kb)
    kb = drop_empty_align(kb, count)
    # the records each kbindgen line is in: pair rules look at unions
    where, cur = [], None
    for l in kb:
        m = re.match(r"^(?:pub (?:struct|union)|impl) (\w+)", l)
        if m:
            cur = m.group(1)
        where.append(cur)
    unions = {m.group(1) for l in kb for m in [re.match(r"^pub union (\w+)", l)] if m}
    with tempfile.NamedTemporaryFile("w") as a, tempfile.NamedTemporaryFile("w") as b:
        a.write("\n".join(ref) + "\n")
        b.write("\n".join(kb) + "\n")
        a.flush()
        b.flush()
        d = subprocess.run(["diff", a.name, b.name], capture_output=True, text=True).stdout
    unexplained = []
    # the tree's own config values, wherever they are in the diff
    kept = []
    for l in d.splitlines():
        if (l.startswith("< ") and tree_value(l[2:], config, False)) or \
                (l.startswith("> ") and tree_value(l[2:], config, True)):
            count["the tree's config"] = count.get("the tree's config", 0) + 1
        else:
            kept.append(l)
    d = "\n".join(kept) + "\n"
    hunks = re.split(r"(?m)^(?=\d)", d)
    for h in hunks:
        if not h.strip():
            continue
        lines = h.splitlines()
        m = re.match(r"^(\d+)(?:,(\d+))?([acd])(\d+)(?:,(\d+))?$", lines[0])
        olds = [l[2:] for l in lines[1:] if l.startswith("< ")]
        news = [l[2:] for l in lines[1:] if l.startswith("> ")]
        if m.group(3) == "c" and len(olds) == len(news):
            k0 = int(m.group(4)) - 1
            for j, (o, n) in enumerate(zip(olds, news)):
                r = pair_known(o, n, where[k0 + j] in unions)
                if r:
                    count[r] = count.get(r, 0) + 2
                else:
                    unexplained += ["< " + o, "> " + n]
        else:
            unexplained += ["< " + o for o in olds] + ["> " + n for n in news]
    for name in sorted(count):
        print("known: %s: %d lines" % (name, count[name]))
    for l in unexplained[:40]:
        print("unexplained: " + l)
    if unexplained:
        print("unexplained: %d lines" % len(unexplained))
    sys.exit(1 if unexplained else 0)


if __name__ == "__main__":
    main()
