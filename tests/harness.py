#!/usr/bin/env python3
"""bindgen's test-harness argv (bindgen-tests/tests/tests.rs), shared by
conformance.py and run-all.

  harness.py [--golden] TOOL HEADER   prints the argv, NUL-separated

Without --golden: the full harness argv (fixed args + header flags + target).
With --golden: TOOL HEADER + the header's flags + the target rule only.
"""
import shlex
import sys

FIXED = ["--formatter=none", "--with-derive-default", "--disable-header-comment",
         "--vtable-generation"]
RAW_LINES = ["--raw-line", "", "--raw-line",
             "#![allow(dead_code, non_snake_case, non_camel_case_types, non_upper_case_globals)]",
             "--raw-line", ""]
DEFAULT_TARGET = "--target=x86_64-unknown-linux"


def directives(header):
    """(flags, parse_callbacks) from the header's `// bindgen...` lines."""
    flags, callbacks = [], []
    with open(header, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.startswith("// bindgen"):
                continue
            if "bindgen-flags: " in line:
                flags += shlex.split(line.split("bindgen-flags: ")[-1])
            elif "bindgen-osx-only" in line:
                flags = ["--raw-line", '#![cfg(target_os="macos")]'] + flags
            elif "bindgen-parse-callbacks: " in line:
                callbacks.append(line.split("bindgen-parse-callbacks: ")[-1].strip())
    return flags, callbacks


def with_target(flags):
    if not any(f.startswith("--target=") for f in flags):
        flags = list(flags)
        if "--" not in flags:
            flags.append("--")
        flags.append(DEFAULT_TARGET)
    return flags


def harness_argv(tool, header):
    flags, _ = directives(header)
    return [tool] + FIXED + [header] + RAW_LINES + with_target(flags)


def golden_argv(tool, header):
    flags, _ = directives(header)
    return [tool, header] + with_target(flags)


def clang_args(argv):
    """The arguments after `--` (what is passed to clang)."""
    return argv[argv.index("--") + 1:] if "--" in argv else []


if __name__ == "__main__":
    args = sys.argv[1:]
    golden = args[:1] == ["--golden"]
    if golden:
        args = args[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    argv = (golden_argv if golden else harness_argv)(*args)
    sys.stdout.write("\0".join(argv) + "\0")
