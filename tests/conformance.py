#!/usr/bin/env python3
"""Conformance runner: kbindgen against rust-bindgen's plain-C test suite.

For each header of $SHARED/c_headers.txt (SHARED: the bindgen-tests directory
or the shared/ directory holding it; default ../shared/bindgen-tests),
run $KBINDGEN (default build/kbindgen) with bindgen's harness argv and check:
  identical  rustfmt(ours) == rustfmt(expectation), blank lines ignored
  compiles   (headers of expect_compiles.txt) rustc accepts ours as a lib
             crate AND it declares the same public items as the expectation
  clean      rustfmt(ours) == ours, blank lines ignored
  crash      kbindgen killed by a signal, or sanitizer report in stderr
Expectation: expectations/tests/NAME.rs, or libclang-9/NAME.rs when
LLVM (env or --llvm) is < 16 and that file exists.

Public items are taken from the rustfmt'ed text, line by line: `pub struct|
union|enum|type|const|fn|static|mod NAME` (extern blocks included; inside
`pub mod M` as `kind M::NAME`), and `pub fn`/`pub const` of inherent impl
blocks as `impl-fn T::NAME` / `impl-const T::NAME` (bitfield accessors,
constified enum variants). Trait impl methods are not pub, so not counted.

Diffs (of the normalized texts) and stderr go to build/conformance/.
Exit status is 0, unless --gate FILE names a header no longer identical.
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SHARED") or os.path.join(ROOT, "..", "shared")
if not os.path.exists(os.path.join(SHARED, "c_headers.txt")):   # SHARED=../shared
    SHARED = os.path.join(SHARED, "bindgen-tests")
SCRATCH = os.path.join(ROOT, "build", "conformance")
TIMEOUT = 30
SANITIZER = re.compile(r"ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|"
                       r"UndefinedBehaviorSanitizer|MemorySanitizer|ThreadSanitizer")


def rustfmt(text):
    """rustfmt'ed text, or None if rustfmt rejects it."""
    p = subprocess.run(["rustfmt", "--edition", "2021"], input=text, capture_output=True,
                       text=True, timeout=TIMEOUT)
    return p.stdout if p.returncode == 0 else None


def nonblank(text):
    return [l for l in text.splitlines() if l.strip()]


ITEM = re.compile(r'^(\s*)pub\s+(?:(?:const|unsafe|extern\s+"[^"]*")\s+)*(fn)\s+(\w+)|'
                  r'^(\s*)pub\s+(struct|union|enum|type|const|static|mod)\s+(?:mut\s+)?(\w+)')
IMPL = re.compile(r'^(\s*)(?:unsafe )?impl\b(?:<[^>]*>)?\s+(?:.*\bfor\s+)?(?:[\w:]*::)?(\w+)')
MOD = re.compile(r'^(\s*)(?:pub(?:\([^)]*\))? )?mod (\w+)\s*\{')


def public_items(text):
    """Set of public item keys of a rustfmt'ed Rust file (see module doc)."""
    items = set()
    stack = []  # (indent, "mod"|"impl", name)
    for line in text.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        # a line at a block's own indent ends it, except `where`/`{` of a
        # multi-line impl header
        while stack and (stack[-1][0] > indent or stack[-1][0] == indent and
                         not line.lstrip().startswith(("where", "{"))):
            stack.pop()
        m = ITEM.match(line) or IMPL.match(line) or MOD.match(line)
        if not m:
            continue
        inner = [s for s in stack if s[1] == "impl"]
        mods = [s[2] for s in stack if s[1] == "mod"]
        if m.re is ITEM:
            kind, name = (m.group(2), m.group(3)) if m.group(2) else (m.group(5), m.group(6))
            if inner:
                items.add("impl-%s %s::%s" % (kind, inner[-1][2], name))
            else:
                items.add("%s %s" % (kind, "::".join(mods + [name])))
            if kind == "mod":
                stack.append((indent, "mod", name))
        elif m.re is IMPL:
            stack.append((indent, "impl", m.group(2)))
        else:
            stack.append((indent, "mod", m.group(2)))
    return items


def compiles(text, tmpdir):
    src = os.path.join(tmpdir, "lib.rs")
    with open(src, "w") as f:
        f.write(text)
    p = subprocess.run(["rustc", "--edition", "2021", "--crate-type", "lib",
                        "--emit=metadata", "-o", os.path.join(tmpdir, "lib.rmeta"), src],
                       capture_output=True, text=True, timeout=120)
    first = next((l for l in p.stderr.splitlines() if l.startswith("error")), "")
    return p.returncode == 0, first


WRAPPER = re.compile(r"^\S.*?\b(\w+)__extern\(")


def wrappers(text):
    """The C file of --wrap-static-fns as (include-less head, {fn: wrapper text})."""
    head, fns, cur = [], {}, None
    for line in text.splitlines():
        m = WRAPPER.match(line)
        if m and cur is None:
            cur = m.group(1)
            fns[cur] = line
            if not line.rstrip().endswith("{"):
                cur = None
        elif cur is not None:
            fns[cur] += "\n" + line
            if line.startswith("}"):
                cur = None
        elif not line.startswith("#include"):
            head.append(line)
    return head, fns


def check_wrappers(name, ours_path):
    """Our wrapper C file against expectations/tests/generated/NAME.c: the
    #include path is normalised away, and the variadic wrappers (made by a
    parse callback, wrap-as-variadic-fn) are left out on both sides."""
    exp = os.path.join(SHARED, "expectations", "tests", "generated", name.replace("-", "_") + ".c")
    try:
        with open(exp) as f:
            eh, ef = wrappers(f.read())
        with open(ours_path) as f:
            oh, of = wrappers(f.read())
    except OSError as e:
        return False, str(e)
    variadic = set(n for n, w in ef.items() if "..." in w)
    ef = {n: w for n, w in ef.items() if n not in variadic}
    of = {n: w for n, w in of.items() if n not in variadic}
    if eh != oh or list(ef.items()) != list(of.items()):
        bad = [n for n in ef if ef[n] != of.get(n)] + [n for n in of if n not in ef]
        return False, "C wrappers differ: %s" % " ".join(bad[:3] or ["(head)"])
    return True, "C wrappers identical (%d, %d variadic left out)" % (len(ef), len(variadic))


def expectation(name, llvm):
    base = os.path.join(SHARED, "expectations", "tests")
    old = os.path.join(base, "libclang-9", name + ".rs")
    if llvm < 16 and os.path.exists(old):
        return old
    return os.path.join(base, name + ".rs")


def check(header, tool, llvm, compile_set):
    name = header[:-2]
    r = {"name": name, "identical": False, "compiles": None, "clean": False,
         "crash": False, "notes": []}
    hpath = os.path.join(SHARED, "headers", header)
    argv = harness.harness_argv(tool, hpath)
    r["callbacks"] = bool(harness.directives(hpath)[1])
    r["cfile"] = None
    cpath = os.path.join(SCRATCH, name + ".c")
    if "--wrap-static-fns" in argv and "--wrap-static-fns-path" not in argv:
        argv[1:1] = ["--wrap-static-fns-path", cpath]
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT,
                           errors="replace")
    except subprocess.TimeoutExpired:
        r["notes"].append("timeout %ds" % TIMEOUT)
        r["crash"] = True
        return r
    except OSError as e:
        r["notes"].append("cannot run %s: %s" % (tool, e))
        return r
    if p.stderr.strip():
        with open(os.path.join(SCRATCH, name + ".stderr"), "w") as f:
            f.write(p.stderr)
    if p.returncode < 0:
        r["crash"] = True
        r["notes"].append("signal %d" % -p.returncode)
    elif SANITIZER.search(p.stderr):
        r["crash"] = True
        r["notes"].append("sanitizer report")
    if p.returncode != 0:
        if p.returncode > 0:
            r["notes"].append("exit %d" % p.returncode)
        errl = next((l for l in p.stderr.splitlines() if l.strip()), "")
        if errl:
            r["notes"].append(errl[:80])
        if compile_set is not None and name in compile_set:
            r["compiles"] = False
        return r
    ours = p.stdout
    if "--wrap-static-fns" in argv:
        r["cfile"], note = check_wrappers(name, cpath)
        r["notes"].append(note)
    with open(expectation(name, llvm), encoding="utf-8") as f:
        exp_fmt = rustfmt(f.read())
    ours_fmt = rustfmt(ours)
    if ours_fmt is None:
        r["notes"].append("rustfmt rejects output")
    else:
        a, b = nonblank(ours_fmt), nonblank(exp_fmt)
        r["identical"] = a == b
        r["clean"] = nonblank(ours) == a
        if not r["identical"]:
            diff = list(difflib.unified_diff(b, a, "expected", "kbindgen", lineterm=""))
            with open(os.path.join(SCRATCH, name + ".diff"), "w") as f:
                f.write("\n".join(diff) + "\n")
            first = next((l for l in diff[2:] if l[:1] in "+-"), "")
            r["notes"].append("diff: " + first.strip()[:70])
    if compile_set is not None and name in compile_set:
        with tempfile.TemporaryDirectory() as tmp:
            ok, err = compiles(ours, tmp)
        if not ok:
            r["notes"].append("rustc: " + err[:70])
        elif ours_fmt is not None:
            mine, theirs = public_items(ours_fmt), public_items(exp_fmt)
            if mine != theirs:
                ok = False
                missing, extra = sorted(theirs - mine), sorted(mine - theirs)
                r["notes"].append("items: -%s +%s" % (missing[:3], extra[:3]))
        else:
            ok = False
        r["compiles"] = ok
    return r


def read_list(path):
    with open(path) as f:
        return [l.split("#")[0].strip() for l in f if l.split("#")[0].strip()]


def default_llvm():
    if os.environ.get("LLVM"):
        return int(os.environ["LLVM"])
    try:
        out = subprocess.run([os.path.join(ROOT, "scripts", "find-llvm")],
                             capture_output=True, text=True).stdout.strip()
        return int(out)
    except (OSError, ValueError):
        return 16


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", metavar="NAME", help="run only these headers")
    ap.add_argument("--llvm", type=int, help="LLVM major version (default: env LLVM)")
    ap.add_argument("--list-identical", metavar="FILE", help="write identical names here")
    ap.add_argument("--gate", metavar="FILE", help="fail if a header listed here is not identical")
    ap.add_argument("-j", type=int, default=2, help="parallel workers (default 2)")
    args = ap.parse_args()
    tool = os.environ.get("KBINDGEN") or os.path.join(ROOT, "build", "kbindgen")
    llvm = args.llvm if args.llvm is not None else default_llvm()
    headers = read_list(os.path.join(SHARED, "c_headers.txt"))
    compile_set = set(h[:-2] for h in read_list(os.path.join(SHARED, "expect_compiles.txt")))
    if args.only:
        want = set(n[:-2] if n.endswith(".h") else n for n in args.only)
        unknown = want - set(h[:-2] for h in headers)
        if unknown:
            sys.exit("conformance: unknown header(s): " + " ".join(sorted(unknown)))
        headers = [h for h in headers if h[:-2] in want]
    os.makedirs(SCRATCH, exist_ok=True)
    for h in headers:
        for ext in (".diff", ".stderr"):
            try:
                os.unlink(os.path.join(SCRATCH, h[:-2] + ext))
            except FileNotFoundError:
                pass

    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        results = list(pool.map(lambda h: check(h, tool, llvm, compile_set), headers))

    yn = {True: "yes", False: "no", None: "-"}
    print("%-44s %-9s %-8s %-5s %s" % ("header", "identical", "compiles", "clean", "notes"))
    for r in results:
        notes = ("CRASH " if r["crash"] else "") + "; ".join(r["notes"])
        print("%-44s %-9s %-8s %-5s %s" % (r["name"], yn[r["identical"]], yn[r["compiles"]],
                                           yn[r["clean"]], notes))
    ident = [r["name"] for r in results if r["identical"]]
    ncomp = sum(1 for r in results if r["compiles"])
    ncompset = sum(1 for r in results if r["compiles"] is not None)
    crashes = [r["name"] for r in results if r["crash"]]
    cbs = [r for r in results if r["callbacks"]]
    print("parse-callbacks headers (need Rust callbacks, not reproducible from the CLI): "
          "%s; identical %d/%d" % (" ".join(r["name"] for r in cbs),
                                   sum(r["identical"] for r in cbs), len(cbs)))
    cfiles = [r for r in results if r["cfile"] is not None]
    if cfiles:
        print("--wrap-static-fns C files identical: %d/%d" % (
            sum(r["cfile"] for r in cfiles), len(cfiles)))
    if crashes:
        print("crashes: %d: %s" % (len(crashes), " ".join(crashes)))
    print("identical=%d/%d compiles=%d/%d rustfmt-clean=%d" % (
        len(ident), len(results), ncomp, ncompset, sum(r["clean"] for r in results)))
    if args.list_identical:
        with open(args.list_identical, "w") as f:
            f.write("".join(n + "\n" for n in ident))
    if args.gate:
        lost = [n for n in read_list(args.gate) if n not in ident]
        if args.only:
            lost = [n for n in lost if n in set(r["name"] for r in results)]
        lost += [r["name"] + " (C wrappers)" for r in cfiles if not r["cfile"]]
        if lost:
            print("gate: no longer identical: " + " ".join(lost))
            return 1
        print("gate: all %d listed headers identical" % len(read_list(args.gate)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
