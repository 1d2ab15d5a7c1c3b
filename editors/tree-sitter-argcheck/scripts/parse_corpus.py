#!/usr/bin/env python3
"""Every `.rules` file of `rules/` and `tests/cases/` parses with the tree-sitter grammar without an
ERROR or MISSING node, except the files written to fail to parse, which must fail here too.

A file is expected to fail when argcheck reports an `argcheck::syntax` diagnostic for it: the
`err_syntax_*` cases and `err_position_nesting` (a nested position is a syntax error) -- and
`err_invalid_date_spelling`, whose `17-03-2023` is a parse error that argcheck reports under the more
precise code `argcheck::invalid_date`. The list is
written out below, not computed, so that a new syntax-error case is a decision made here.
Exit 1 on any file that does not behave as expected."""

import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tslib import tree_sitter_accepts  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

# Files meant to fail to parse (their expected diagnostics are syntax errors).
MEANT_TO_FAIL = {"err_position_nesting.rules", "err_invalid_date_spelling.rules"}


def meant_to_fail(path):
    name = os.path.basename(path)
    return name.startswith("err_syntax") or name in MEANT_TO_FAIL


def main():
    os.chdir(REPO)
    paths = sorted(glob.glob("rules/**/*.rules", recursive=True)
                   + glob.glob("tests/cases/**/*.rules", recursive=True))
    if not paths:
        sys.exit("no .rules files found: run from a checkout of argcheck")
    accepted = tree_sitter_accepts(paths)
    bad = 0
    for p in paths:
        want = not meant_to_fail(p)
        if accepted[p] != want:
            bad += 1
            what = "has an ERROR or MISSING node" if want else "parses, but is meant to fail"
            print(f"FAIL {p}: {what}")
    ok = len(paths) - bad
    print(f"corpus parse: {len(paths)} files ({sum(map(meant_to_fail, paths))} meant to fail)")
    print(f"{ok} passed, {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
