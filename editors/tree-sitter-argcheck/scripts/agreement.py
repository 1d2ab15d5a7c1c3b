#!/usr/bin/env python3
"""Do pest (argcheck, the grammar of record) and the tree-sitter grammar agree on which texts parse?

Reproducible: a fixed seed drives everything (`--seed`, default 18). The inputs are
- N programs from a port of the fuzz generator `generate_text` (fuzz/src/lib.rs), fed random bytes,
  plus a few statement forms that generator never writes (comments, imports, escapes in strings,
  predicate declarations, and `name`/`retract` once argcheck's parser knows them);
- M mutants of each: a character deleted, inserted or swapped with its neighbour, or a token
  deleted, duplicated, swapped with the next or inserted;
- K mutants of every lesson in `rules/`.

pest rejects a text when `argcheck check --format json` reports a diagnostic with code
`argcheck::syntax` in that file, or an `argcheck::invalid_date` for a token that is not spelled
YYYY-MM-DD (argcheck turns that parse error into a date hint); other codes, such as an unknown rule
or a well-spelled date that does not exist (`2023-02-30`), are not rejections;
tree-sitter rejects it when its tree has an ERROR or MISSING node. Each disagreement is written to
`--out` (default target/agreement/) with both verdicts, and the run exits 1 if there is any.

Usage: agreement.py [--argcheck PATH] [--n 1000] [--mutants 4] [--lesson-mutants 150] [--seed 18]
"""

import argparse
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tslib import tree_sitter_accepts  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


class Rng:
    """splitmix64: the same numbers on every Python version and machine."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def choice(self, items):
        return items[self.below(len(items))]

    def bytes(self, n):
        return bytes(self.next() & 0xFF for _ in range(n))


# ------------------------------------------------------------------------------------------------
# A port of `generate_text` in fuzz/src/lib.rs (same choices read off the same bytes, same output),
# with `extras` adding statement forms that the fuzz generator does not write.

PREDS = [("p", 0), ("q", 1), ("r", 1), ("s", 2), ("t", 2), ("u", 1)]
CONSTS = ["a", "b", "c", "0", "7", "-3", "2023-11-16", "2024-02-29", '"x y"']
VARS = ["X", "Y", "Z"]
OPS = ["=", "!=", "<", "<=", ">", ">="]
ARROWS = ["=>", "=>", "=>", "~>", "~>", "->"]
VERDICTS = ["holds", "holds strictly", "denied", "denied strictly", "undecided"]


class Choices:
    def __init__(self, data):
        self.data = data
        self.i = 0

    def byte(self):
        if self.i < len(self.data):
            self.i += 1
            return self.data[self.i - 1]
        return 0

    def below(self, n):
        return self.byte() % n

    def flip(self):
        return self.byte() & 1 == 1

    def done(self):
        return self.i >= len(self.data)


def atom(neg, pred, args):
    sign = "~" if neg else ""
    return f"{sign}{pred}({', '.join(args)})" if args else f"{sign}{pred}"


def literal(c, bound):
    pred, arity = PREDS[c.below(len(PREDS))]
    args = []
    for _ in range(arity):
        if bound and c.flip():
            args.append(bound[c.below(len(bound))])
        else:
            args.append(CONSTS[c.below(len(CONSTS))])
    return atom(c.flip(), pred, args)


def comparison(c, bound):
    left = bound[c.below(len(bound))]
    op = OPS[c.below(len(OPS))] if c.below(3) == 0 else OPS[c.below(2)]
    if c.below(4) == 0:
        right = bound[c.below(len(bound))]
    elif op in ("=", "!="):
        right = CONSTS[c.below(len(CONSTS))]
    else:
        right = ["0", "7", "-3", "2023-11-16", "2024-02-29"][c.below(5)]
    return f"{left} {op} {right}"


def generate_text(data, extras=None):
    """The fuzz generator's program for `data`; with `extras` (an Rng), also the statement forms
    listed in `EXTRA_FORMS`, inserted between its statements."""
    c = Choices(data[:4096])
    out = ['source s1 "A source".\n']
    if c.flip():
        out.append('predicate q(X) "{X} is q".\npredicate s(A, B) "{A} s {B}".\n')
    labels = 0
    positions = []
    is_open = False
    statements = 0
    while not c.done() and statements < 200:
        statements += 1
        k = c.below(16)
        if k <= 3:
            lit = literal(c, [])
            if lit.startswith("~") and c.flip():
                lit = lit[1:]
            frm = " from s1" if c.below(4) == 0 else ""
            out.append(f"{lit}{frm}.\n")
        elif k <= 9:
            body = []
            bound = []
            for _ in range(c.below(4)):
                pred, arity = PREDS[c.below(len(PREDS))]
                args = []
                for _ in range(arity):
                    if c.flip():
                        v = VARS[c.below(len(VARS))]
                        if v not in bound:
                            bound.append(v)
                        args.append(v)
                    else:
                        args.append(CONSTS[c.below(len(CONSTS))])
                body.append(atom(c.flip(), pred, args))
            if bound and c.below(3) == 0:
                body.append(comparison(c, bound))
            head = literal(c, bound)
            arrow = ARROWS[c.below(len(ARROWS))]
            u = c.below(5)
            if u == 0:
                unless = f" unless {literal(c, bound)}"
            elif u == 1 and bound:
                unless = f" unless {comparison(c, bound)}"
            else:
                unless = ""
            frm = " from s1" if c.below(4) == 0 else ""
            out.append(f"r{labels}: {', '.join(body)} {arrow} {head}{unless}{frm}.\n")
            labels += 1
        elif k in (10, 11) and labels >= 2:
            a = c.below(labels)
            b = c.below(labels)
            if not (c.below(8) == 0 or a > b):
                a, b = b, a
            if a != b:
                out.append(f"r{a} > r{b}.\n")
        elif k == 12 and not is_open and len(positions) < 4:
            name = f"pos{len(positions)}"
            head = f"position {name}"
            if c.flip():
                head += ' "A title"'
            parents = [p for p in positions if c.flip()]
            if parents:
                head += f" extends {', '.join(parents)}"
            out.append(f"{head} {{\n")
            positions.append(name)
            is_open = True
        elif k == 13 and is_open:
            if labels > 0 and c.flip():
                out.append(f"    reject r{c.below(labels + 1)}.\n")
            else:
                out.append("}\n")
                is_open = False
        elif k == 14 and not is_open:
            pred, arity = PREDS[c.below(len(PREDS))]
            args = [CONSTS[c.below(len(CONSTS))] if c.below(3) == 0 else VARS[c.below(len(VARS))]
                    for _ in range(arity)]
            text = '"Does it?" ' if c.flip() else ""
            out.append(f"query {text}{atom(c.flip(), pred, args)}.\n")
        elif k == 15 and not is_open:
            j = c.below(len(positions) + 1)
            pos = "common" if j == 0 else positions[j - 1]
            verdict = VERDICTS[c.below(len(VERDICTS))]
            out.append(f"expect {pos}: {verdict} {literal(c, [])}.\n")
        if extras is not None and extras.below(4) == 0:
            out.append(extra_form(extras, is_open))
    if is_open:
        out.append("}\n")
    text = "".join(out)
    if "query " not in text:
        text += "query q(X).\nquery ~s(X, Y).\nquery p.\n"
    return text


# Statement forms the fuzz generator does not write. `name` and `retract` are added only when the
# argcheck binary under test parses them (see `pest_knows_new_statements`).
EXTRA_FORMS = [
    "# a comment line\n",
    "p. # a comment after a statement\n",
    'import "other.rules".\n',
    'source s2 "Quotes \\"inside\\", a backslash \\\\, a tab\\t and a newline\\n".\n',
    'source s3 "a citation\nover two lines, # not a comment".\n',
    'predicate u(Who) "{Who} is u".\n',
    'predicate p "it is p".\n',
    "d0: => u(a).\n",
    "d1: ~> ~u(b).\n",
    "r_cmp: q(X), X >= 2000-01-01, X != \"é\" -> u(X).\n",
    "big(9223372036854775807, -9223372036854775808).\n",
    "query \"Für wen?\" u(_).\n",
    "u(a)   from   s1 .\n",
    # A term right before a keyword: glued (`-3from`), pest's `!ident_char` rejects it.
    "r_u: q(X) => u(X) unless X = -3 from s1.\n",
    "r_v: q(X) => u(X) unless X != 2023-11-16 from s1.\n",
]
NEW_FORMS = ['name a "Alpha Beta".\n', "retract q(a).\n", "retract ~u(b).\n"]


def extra_form(rng, is_open):
    forms = EXTRA_FORMS + (NEW_FORMS if USE_NEW_FORMS else [])
    form = rng.choice(forms)
    return ("    " + form) if is_open else form


USE_NEW_FORMS = False

# ------------------------------------------------------------------------------------------------
# Mutations

TOKEN_RE = re.compile(
    r'"(?:[^"\\]|\\.)*"?|#[^\n]*|\d{4}-\d\d-\d\d|-?\d+|[A-Za-z_][A-Za-z0-9_]*'
    r"|->|=>|~>|<=|>=|!=|\s+|.",
    re.S,
)
INSERT_CHARS = list('.,:;()~>-=<!{}"#\\_ aZ09\n\t') + ["é", "\f"]
KEYWORDS = ["source", "predicate", "from", "position", "extends", "reject", "query", "expect",
            "holds", "denied", "undecided", "strictly", "unless", "import", "common"]
INSERT_TOKENS = KEYWORDS + ["->", "=>", "~>", "~", ">", "=", "!=", "<=", ".", ",", ":", "(", ")",
                            "{", "}", "x", "X", "_", "7", "-3", "2023-11-16", '"s"', "# c\n", " "]


ODD_SPACES = ["\f", "\v", "\u00a0", "\r", "\t", "\n\n", ""]


def mutate(text, rng):
    """One random edit of `text`; returns (new text, description)."""
    kind = rng.below(9)
    if kind >= 7:
        # Glue two tokens together (`7 from` -> `7from`), or replace the white space between them
        # with another space character (pest's white space is exactly space, tab, CR and LF).
        spaces = [m.span() for m in re.finditer(r"[ \t\r\n]+", text)]
        if spaces:
            a, b = rng.choice(spaces)
            ch = "" if kind == 7 else rng.choice(ODD_SPACES)
            return text[:a] + ch + text[b:], f"white space {text[a:b]!r} at {a} -> {ch!r}"
        kind = rng.below(7)
    if kind <= 2 and text:
        i = rng.below(len(text))
        if kind == 0:
            return text[:i] + text[i + 1:], f"delete char {i} {text[i]!r}"
        if kind == 1:
            ch = rng.choice(INSERT_CHARS)
            return text[:i] + ch + text[i:], f"insert char {ch!r} at {i}"
        if i + 1 < len(text):
            return (text[:i] + text[i + 1] + text[i] + text[i + 2:],
                    f"swap chars {i},{i + 1} {text[i:i + 2]!r}")
    tokens = TOKEN_RE.findall(text)
    if not tokens:
        return text + ".", "append '.'"
    # Mutate tokens that are not white space, mostly.
    significant = [i for i, t in enumerate(tokens) if not t.isspace()] or [0]
    i = rng.choice(significant)
    if kind == 3:
        desc = f"delete token {tokens[i]!r}"
        del tokens[i]
    elif kind == 4:
        desc = f"duplicate token {tokens[i]!r}"
        tokens.insert(i, tokens[i])
    elif kind == 5:
        later = [j for j in significant if j > i]
        if not later:
            return text[:-1], "delete the last char"
        j = later[0]
        desc = f"swap tokens {tokens[i]!r} and {tokens[j]!r}"
        tokens[i], tokens[j] = tokens[j], tokens[i]
    else:
        t = rng.choice(INSERT_TOKENS + (["name", "retract"] if USE_NEW_FORMS else []))
        sep = "" if rng.below(2) else " "
        desc = f"insert token {t!r} before {tokens[i]!r}"
        tokens.insert(i, t + sep)
    return "".join(tokens), desc


# ------------------------------------------------------------------------------------------------
# The two parsers


def pest_rejects(argcheck, path):
    """True when argcheck reports a parse error located in `path`: `argcheck::syntax`, or
    `argcheck::invalid_date` for a misspelled date such as `17-03-2023`."""
    proc = subprocess.run([argcheck, "check", "--format", "json", path],
                          capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1, 3):
        raise SystemExit(f"argcheck check {path}: exit {proc.returncode}\n{proc.stderr}")
    out = (proc.stdout.strip() or proc.stderr.strip())
    diags = json.loads(out) if out.startswith("[") else None
    if diags is None:
        raise SystemExit(f"argcheck check {path}: no JSON\n{proc.stdout}\n{proc.stderr}")
    name = os.path.basename(path)
    for d in diags:
        token = re.match(r"`([^`]*)` is not a date", d.get("message", ""))
        misspelled = (d["code"] == "argcheck::invalid_date" and token
                      and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", token.group(1)))
        if d["code"] != "argcheck::syntax" and not misspelled:
            continue
        files = [os.path.basename(label.get("file") or "") for label in d.get("labels", [])]
        if not files or name in files:
            return True
    return False


def pest_knows_new_statements(argcheck, scratch):
    """Whether this argcheck parses `name C "…".` and `retract L.` (added to the language in
    parallel with this grammar); until it does, the harness does not generate them."""
    probe = os.path.join(scratch, "probe.rules")
    with open(probe, "w") as f:
        f.write('name a "A".\nposition p {\n    retract q(a).\n}\nq(a).\n')
    return not pest_rejects(argcheck, probe)


def main():
    global USE_NEW_FORMS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--argcheck", default=os.path.join(REPO, "target", "release", "argcheck"))
    ap.add_argument("--n", type=int, default=1000, help="generated programs")
    ap.add_argument("--mutants", type=int, default=4, help="mutants of each generated program")
    ap.add_argument("--lesson-mutants", type=int, default=150, help="mutants of each lesson")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--out", default=os.path.join(REPO, "target", "agreement"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    if not os.access(args.argcheck, os.X_OK):
        sys.exit(f"{args.argcheck} not found: build it with `cargo build --release`")
    shutil.rmtree(args.out, ignore_errors=True)
    cases_dir = os.path.join(args.out, "cases")
    os.makedirs(cases_dir)
    USE_NEW_FORMS = pest_knows_new_statements(args.argcheck, args.out)

    rng = Rng(args.seed)
    inputs = []  # (name, text, how it was made)
    for i in range(args.n):
        data = rng.bytes(8 + rng.below(300))
        extras = Rng(rng.next()) if i % 2 else None
        text = generate_text(data, extras)
        inputs.append((f"gen{i:04}", text, "generated" + (" with extras" if extras else "")))
        for m in range(args.mutants):
            mutant, desc = mutate(text, rng)
            if rng.below(4) == 0:
                mutant, desc2 = mutate(mutant, rng)
                desc += ", " + desc2
            inputs.append((f"gen{i:04}_m{m}", mutant, f"gen{i:04} + {desc}"))
    for lesson in sorted(glob.glob(os.path.join(REPO, "rules", "*.rules"))):
        with open(lesson, encoding="utf-8") as f:
            text = f.read()
        stem = os.path.splitext(os.path.basename(lesson))[0]
        for m in range(args.lesson_mutants):
            mutant, desc = mutate(text, rng)
            inputs.append((f"{stem}_m{m:02}", mutant, f"rules/{stem}.rules + {desc}"))

    paths = []
    for name, text, _ in inputs:
        path = os.path.join(cases_dir, name + ".rules")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        paths.append(path)

    ts = tree_sitter_accepts(paths)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        pest = dict(zip(paths, pool.map(lambda p: not pest_rejects(args.argcheck, p), paths)))

    disagreements = []
    for (name, text, how), path in zip(inputs, paths):
        if pest[path] != ts[path]:
            disagreements.append((name, how, pest[path], ts[path]))
    accepted = sum(pest.values())
    print(f"agreement: {len(paths)} inputs (seed {args.seed}): pest accepts {accepted}, "
          f"rejects {len(paths) - accepted}; name/retract generated: {USE_NEW_FORMS}")
    report = os.path.join(args.out, "disagreements.txt")
    with open(report, "w") as f:
        for name, how, p, t in disagreements:
            line = (f"{name}.rules: pest {'accepts' if p else 'rejects'}, "
                    f"tree-sitter {'accepts' if t else 'rejects'} ({how})")
            f.write(line + "\n")
            print("DISAGREE " + line)
    print(f"{len(paths) - len(disagreements)} passed, {len(disagreements)} failed")
    if disagreements:
        print(f"inputs in {cases_dir}, list in {report}")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
