#!/usr/bin/env python3
"""Layout numbers of two bindings files, side by side (tests/kernel/check.sh).

    layout-diff.py KBINDGEN.rs BINDGEN-0.60.1.rs OUTDIR

Both files must be generated WITHOUT --no-layout-tests.  The numbers are the
ones each tool wrote into its layout tests, which it took from clang:

  kbindgen (bindgen main style), compile-time asserts:
      ["Size of X"][::core::mem::size_of::<X>() - 16usize];
      ["Alignment of X"][::core::mem::align_of::<X>() - 8usize];
      ["Offset of field: X::f"][::core::mem::offset_of!(X, f) - 8usize];
  bindgen 0.60.1, #[test] functions:
      assert_eq!(::core::mem::size_of::<X>(), 16usize, concat!("Size of: ", stringify!(X)));
      assert_eq!(::core::mem::align_of::<X>(), 8usize, concat!("Alignment of ", stringify!(X)));
      assert_eq!(unsafe { ... addr_of!((*ptr).f) as usize - ptr as usize }, 8usize,
                 concat!("Offset of field: ", stringify!(X), "::", stringify!(f)));

Each file becomes "size X N" / "align X N" / "offset X::f N" lines
(OUTDIR/layout-kbindgen.txt, OUTDIR/layout-bindgen-0.60.1.txt).  Written:
OUTDIR/layout.diff, every key whose value differs ("! key: 0.60.1 A,
kbindgen B") or that only one side has ("- key A" only in 0.60.1, "+ key B"
only in kbindgen).  Prints one summary line per figure on stdout.
"""
import re
import sys

ID = r"[A-Za-z_][A-Za-z0-9_#]*"


def kbindgen_layout(text):
    out = {}
    pat = re.compile(r'\["(Size of|Alignment of|Offset of field:) (' + ID + r'(?:::' + ID + r')?)"\]'
                     r'\s*\[[^\]]*?-\s*(\d+)usize\]')
    kinds = {"Size of": "size", "Alignment of": "align", "Offset of field:": "offset"}
    for what, name, n in pat.findall(text):
        out[kinds[what] + " " + name] = int(n)
    return out


def bindgen060_layout(text):
    t = re.sub(r"\s+", " ", text)
    out = {}
    for ty, n in re.findall(r"size_of::<(" + ID + r")>\(\), (\d+)usize, concat!\( ?\"Size of: \"", t):
        out["size " + ty] = int(n)
    for ty, n in re.findall(r"align_of::<(" + ID + r")>\(\), (\d+)usize, concat!\( ?\"Alignment of \"", t):
        out["align " + ty] = int(n)
    pat = (r"\}, (\d+)usize, concat!\( ?\"Offset of field: \", stringify!\((" + ID +
           r")\), \"::\", stringify!\((" + ID + r")\) ?\)")
    for n, ty, f in re.findall(pat, t):
        out["offset " + ty + "::" + f] = int(n)
    return out


def main():
    kb_file, bg_file, outdir = sys.argv[1:4]
    kb_text, bg_text = open(kb_file).read(), open(bg_file).read()
    kb = kbindgen_layout(kb_text)
    bg = bindgen060_layout(bg_text)
    # every assert parsed? (the markers counted in the raw text)
    for name, d, text, markers in (
            ("kbindgen", kb, kb_text, ('["Size of ', '["Alignment of ', '["Offset of field: ')),
            ("bindgen 0.60.1", bg, bg_text, ('"Size of: "', '"Alignment of "', '"Offset of field: "'))):
        for kind, marker in zip(("size", "align", "offset"), markers):
            parsed = sum(1 for k in d if k.startswith(kind + " "))
            if parsed != text.count(marker):
                print(f"WARNING: {name}: {text.count(marker)} {kind} asserts, {parsed} parsed")
    for name, d in (("kbindgen", kb), ("bindgen-0.60.1", bg)):
        with open(f"{outdir}/layout-{name}.txt", "w") as f:
            for k in sorted(d):
                f.write(f"{k} {d[k]}\n")
    mism, only_bg, only_kb = [], [], []
    for k in sorted(set(kb) | set(bg)):
        if k in kb and k in bg:
            if kb[k] != bg[k]:
                mism.append(f"! {k}: 0.60.1 {bg[k]}, kbindgen {kb[k]}")
        elif k in bg:
            only_bg.append(f"- {k} {bg[k]}")
        else:
            only_kb.append(f"+ {k} {kb[k]}")
    with open(f"{outdir}/layout.diff", "w") as f:
        for line in mism + only_bg + only_kb:
            f.write(line + "\n")

    def count(d, kind, keys=None):
        return sum(1 for k in (keys if keys is not None else d) if k.startswith(kind + " "))

    both = set(kb) & set(bg)
    types = {k.split(" ", 1)[1] for k in both if k.startswith("size ")}
    print(f"kbindgen: {count(kb, 'size')} types, {count(kb, 'offset')} field offsets; "
          f"bindgen 0.60.1: {count(bg, 'size')} types, {count(bg, 'offset')} field offsets")
    print(f"compared: {len(types)} sizes, {count(None, 'align', both)} alignments, "
          f"{count(None, 'offset', both)} field offsets; "
          f"mismatches: {len(mism)}; only in 0.60.1: {len(only_bg)}; only in kbindgen: {len(only_kb)}")
    for line in (mism + only_bg + only_kb)[:8]:
        print(line)


if __name__ == "__main__":
    main()
