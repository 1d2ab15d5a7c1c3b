#!/usr/bin/env python3
"""The scalable theories exactly as the reference generator of the paper defines them.

    scripts/paper_families.py FAMILY N [K] > FILE.rules

Maher, Rock, Antoniou, Billington and Miller, "Efficient defeasible reasoning systems" (IJAIT 10(4),
2001) ran their experiments on the theories written by Andrew Rock's DTScale generator (module
DTestTheories of the Deimos system, 1999). This script writes the same theories, rule for rule and
with the same numbering, as argcheck `.rules` text with an `expect` line, so that they can be run by
`argcheck`, `scripts/bench.sh` (GEN=paper) and `scripts/compare.sh` (GEN=paper), and compared with
`argcheck bench-gen` (src/bench.rs), which writes the same text (checked: `diff` of the two outputs).

Families (n and k as in the paper; rule counts in brackets):
  chain N       fact a0; r_i: a(i-1) => a(i), i = 1..n; query a(n): holds        [n]
  circle N      r_i: a(i) => a((i+1) mod n), i = 0..n-1; query a0: undecided     [n]
  levels N      r0: => a0, and for i = 0..n: r(4i+1): a(2i+1) => ~a(2i),
                r(4i+2): => a(2i+1), r(4i+3): a(2i+2) => ~a(2i+1), r(4i+4): => a(2i+2),
                with r(4i+3) > r(4i+2); query a0: holds                           [4n+5]
  levels- N     levels without the superiority; query a0: holds (ambiguity
                blocking: each a(2i+1) is ambiguous, so its attack on a(2i) fails) [4n+5]
  teams N       every literal has two rules for it and two against, each rule for it
                superior to one against; depth n, the rules of level n have empty
                bodies; query a0: holds (team defeat)                             [4(4^(n+1)-1)/3]
  tree N K      a0 is the root of a k-branching tree of depth n, one rule per inner
                node with its k children as body, leaves facts; query a0: holds   [(k^n-1)/(k-1)]
  dag N K       r_i: a(i+1), ..., a(i+k) => a(i), i = 0..kn; facts a(kn+1)..a(kn+k);
                query a0: holds                                                   [kn+1]
"""

import sys


def emit(out, lines):
    for line in lines:
        out.write(line)
        out.write("\n")


def chain(n):
    yield "a0."
    for i in range(1, n + 1):
        yield f"r{i}: a{i - 1} => a{i}."
    yield f"query a{n}."
    yield f"expect common: holds a{n}."


def circle(n):
    for i in range(n):
        yield f"r{i}: a{i} => a{(i + 1) % n}."
    yield "query a0."
    yield "expect common: undecided a0."


def levels(n, sup):
    yield "r0: => a0."
    for i in range(n + 1):
        yield f"r{4 * i + 1}: a{2 * i + 1} => ~a{2 * i}."
        yield f"r{4 * i + 2}: => a{2 * i + 1}."
        yield f"r{4 * i + 3}: a{2 * i + 2} => ~a{2 * i + 1}."
        yield f"r{4 * i + 4}: => a{2 * i + 2}."
        if sup:
            yield f"r{4 * i + 3} > r{4 * i + 2}."
    yield "query a0."
    yield "expect common: holds a0."


def teams(n):
    t = 0  # rules in the levels above
    for level in range(n + 1):
        k = 4 ** (level + 1)
        for j in range(k):
            m = t + j
            head = ("" if j % 4 < 2 else "~") + f"a{m // 4}"
            body = f"a{m + 1}" if level < n else ""
            yield f"r{m}: {body + ' ' if body else ''}=> {head}."
        for j in range(0, k, 4):
            yield f"r{t + j} > r{t + j + 2}."
            yield f"r{t + j + 1} > r{t + j + 3}."
        t += k
    yield "query a0."
    yield "expect common: holds a0."


def tree(n, k):
    above = 0  # nodes above depth d
    for d in range(n):
        for w in range(k ** d):
            i = above + w
            below = above + k**d + w * k
            yield f"r{i}: {', '.join(f'a{j}' for j in range(below, below + k))} => a{i}."
        above += k**d
    for i in range(above, above + k**n):
        yield f"a{i}."
    yield "query a0."
    yield "expect common: holds a0."


def dag(n, k):
    for i in range(k * n + 1):
        yield f"r{i}: {', '.join(f'a{i + j}' for j in range(1, k + 1))} => a{i}."
    for i in range(k * n + 1, k * n + k + 1):
        yield f"a{i}."
    yield "query a0."
    yield "expect common: holds a0."


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    family, n = argv[1], int(argv[2])
    k = int(argv[3]) if len(argv) == 4 else 3
    gens = {
        "chain": lambda: chain(n),
        "circle": lambda: circle(n),
        "levels": lambda: levels(n, True),
        "levels-": lambda: levels(n, False),
        "teams": lambda: teams(n),
        "tree": lambda: tree(n, k),
        "dag": lambda: dag(n, k),
    }
    if family not in gens or n < 1 or k < 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.stdout
    out.write(f"# paper_families.py {' '.join(argv[1:])}\n")
    emit(out, gens[family]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
