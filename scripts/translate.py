#!/usr/bin/env python3
"""Translate a propositional argcheck theory (as written by `argcheck bench-gen`) for other reasoners.

    scripts/translate.py clingo FILE.rules > FILE.lp     # facts for scripts/dl_meta.lp
    scripts/translate.py prolog FILE.rules > FILE.pl     # facts for scripts/dl_meta.pl
    scripts/translate.py expect FILE.rules               # prints the expected common verdict

Both targets get the theory as data, in one shape:

    fact(L).                      a fact
    rule(R, Kind, L, [B1, ...]).  Kind is strict, defeasible or defeater (Prolog)
    rule(R, Kind, L). body(R, B). the same, one fact per body literal (ASP)
    sup(R1, R2).                  R1 > R2 (common ground: the generated files have no positions)
    query(L).                     the literal of the file's `expect common:` line

where a literal L is pos(A) or neg(A) and A is the atom, `p` or `p(c1, ..., cn)`. The meta-programs
beside this script give these facts their defeasible-logic meaning.

Only what the generators write is accepted: facts, rules (`->`, `=>`, `~>`), superiority, `query`,
`expect`, comments, and constant arguments. Anything else (variables, comparisons, `unless`,
positions, imports, sources) is refused with an error naming the line, rather than translated
approximately.
"""

from __future__ import annotations

import re
import sys
from typing import Iterator, NoReturn

TOKEN = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+|\#[^\n]*)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<arrow>->|=>|~>)
  | (?P<cmp><=|>=|!=)
  | (?P<punct>[~(),:.>=<{}])
  | (?P<date>\d{4}-\d{2}-\d{2})
  | (?P<int>-?\d+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    """,
    re.VERBOSE,
)

KINDS = {"->": "strict", "=>": "defeasible", "~>": "defeater"}
UNSUPPORTED = {"source", "predicate", "position", "import", "reject", "unless", "extends"}


class Error(Exception):
    pass


def tokens(text: str) -> Iterator[tuple[str, str, int]]:
    pos, line = 0, 1
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise Error(f"line {line}: cannot read {text[pos:pos + 20]!r}")
        kind = m.lastgroup
        value = m.group()
        if kind != "ws":
            yield kind, value, line
        line += value.count("\n")
        pos = m.end()


def statements(text: str) -> Iterator[list[tuple[str, str, int]]]:
    """The token lists of the statements, each without its final `.`."""
    current: list[tuple[str, str, int]] = []
    for tok in tokens(text):
        if tok[1] == "." and tok[0] == "punct":
            yield current
            current = []
        else:
            current.append(tok)
    if current:
        raise Error(f"line {current[0][2]}: statement without a final `.`")


class Theory:
    def __init__(self) -> None:
        self.facts: list[tuple[bool, tuple]] = []
        self.rules: list[tuple[str, str, tuple[bool, tuple], list[tuple[bool, tuple]]]] = []
        self.sups: list[tuple[str, str]] = []
        self.expect: tuple[str, tuple[bool, tuple]] | None = None


def parse(text: str) -> Theory:
    th = Theory()
    for st in statements(text):
        line = st[0][2] if st else 0
        words = [v for _, v, _ in st]

        def fail(msg: str) -> NoReturn:
            raise Error(f"line {line}: {msg}: {' '.join(words)}")

        if len(words) >= 3 and words[-2] == "from" and st[-1][0] == "name":
            # `... from SOURCE`: the citation does not change the meaning; drop it.
            st, words = st[:-2], words[:-2]
        if words[0] in UNSUPPORTED or "unless" in words:
            fail("not supported by the translator")
        if words[0] == "query":
            continue  # the query is taken from the expect line
        if words[0] == "expect":
            # expect common: VERDICT [strictly] LIT
            if len(words) < 4 or words[2] != ":":
                fail("malformed expect")
            if words[1] != "common":
                continue
            verdict = words[3]
            rest = st[5:] if len(words) > 4 and words[4] == "strictly" else st[4:]
            lit, k = literal(rest, 0, fail)
            if k != len(rest):
                fail("trailing tokens")
            th.expect = (verdict, lit)
            continue
        if len(st) == 3 and st[1][1] == ">" and st[0][0] == st[2][0] == "name":
            th.sups.append((words[0], words[2]))
            continue
        arrows = [i for i, t in enumerate(st) if t[0] == "arrow"]
        if arrows:
            i = arrows[0]
            if len(st) < 2 or st[1][1] != ":" or st[0][0] != "name":
                fail("rule without a label")
            body_toks = st[2:i]
            body = []
            k = 0
            while k < len(body_toks):
                lit, k = literal(body_toks, k, fail)
                body.append(lit)
                if k < len(body_toks):
                    if body_toks[k][1] != ",":
                        fail("expected `,` in a body")
                    k += 1
            head, k = literal(st[i + 1 :], 0, fail)
            if k != len(st) - i - 1:
                fail("trailing tokens after the head")
            th.rules.append((words[0], KINDS[st[i][1]], head, body))
            continue
        lit, k = literal(st, 0, fail)
        if k != len(st):
            fail("not a fact, rule or superiority")
        th.facts.append(lit)
    if th.expect is None:
        raise Error("no `expect common:` line to take the query from")
    return th


def literal(st, k, fail) -> tuple[tuple[bool, tuple], int]:
    neg = False
    if k < len(st) and st[k][1] == "~":
        neg, k = True, k + 1
    if k >= len(st) or st[k][0] != "name":
        fail("expected a literal")
    name = st[k][1]
    if name[0].isupper() or name[0] == "_":
        fail("variables are not supported")
    k += 1
    args: list[str] = []
    if k < len(st) and st[k][1] == "(":
        k += 1
        while True:
            if k >= len(st):
                fail("unclosed `(`")
            kind, value, _ = st[k]
            if kind == "name" and (value[0].isupper() or value[0] == "_"):
                fail("variables are not supported")
            if kind not in ("name", "int"):
                fail("only names and integers are supported as arguments")
            args.append(value)
            k += 1
            if k < len(st) and st[k][1] == ",":
                k += 1
                continue
            if k < len(st) and st[k][1] == ")":
                k += 1
                break
            fail("expected `,` or `)`")
    return (neg, (name, tuple(args))), k


IDENT = re.compile(r"[a-z][A-Za-z0-9_]*\Z")


def asp_const(s: str) -> str:
    if IDENT.match(s) or re.fullmatch(r"-?\d+", s):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pl_const(s: str) -> str:
    if IDENT.match(s) or re.fullmatch(r"-?\d+", s):
        return s
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


def term(atom: tuple, const) -> str:
    name, args = atom
    if not args:
        return const(name)
    inner = ",".join(const(a) for a in args)
    if IDENT.match(name):
        return f"{name}({inner})"
    return f"f({const(name)},{inner})"


def lit_term(lit, const) -> str:
    neg, atom = lit
    return f"{'neg' if neg else 'pos'}({term(atom, const)})"


def write_clingo(th: Theory, out) -> None:
    w = out.write
    w("% generated by scripts/translate.py; meaning: scripts/dl_meta.lp\n")
    for f in th.facts:
        w(f"fact({lit_term(f, asp_const)}).\n")
    for label, kind, head, body in th.rules:
        r = asp_const(label)
        w(f"rule({r},{kind},{lit_term(head, asp_const)}).")
        for b in body:
            w(f" body({r},{lit_term(b, asp_const)}).")
        w("\n")
    for a, b in th.sups:
        w(f"sup({asp_const(a)},{asp_const(b)}).\n")
    w(f"query({lit_term(th.expect[1], asp_const)}).\n")


def write_prolog(th: Theory, out) -> None:
    w = out.write
    w("% generated by scripts/translate.py; meaning: scripts/dl_meta.pl\n")
    for f in th.facts:
        w(f"fact({lit_term(f, pl_const)}).\n")
    for label, kind, head, body in th.rules:
        bs = ",".join(lit_term(b, pl_const) for b in body)
        w(f"rule({pl_const(label)},{kind},{lit_term(head, pl_const)},[{bs}]).\n")
    for a, b in th.sups:
        w(f"sup({pl_const(a)},{pl_const(b)}).\n")
    w(f"query({lit_term(th.expect[1], pl_const)}).\n")


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("clingo", "prolog", "expect"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[2], encoding="utf-8") as f:
            th = parse(f.read())
    except (Error, OSError) as e:
        print(f"translate.py: {argv[2]}: {e}", file=sys.stderr)
        return 1
    out = sys.stdout
    if argv[1] == "clingo":
        write_clingo(th, out)
    elif argv[1] == "prolog":
        write_prolog(th, out)
    else:
        print(th.expect[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
