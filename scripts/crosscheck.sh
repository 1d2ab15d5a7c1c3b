#!/usr/bin/env bash
# Cross-check of the meta-programs used by scripts/compare.sh against argcheck (BENCHMARKS.md).
#
#   scripts/crosscheck.sh [FIRST_SEED] [LAST_SEED]     # default 1000 1300
#
# For each seed it writes two small random propositional theories (up to 6 atoms, 10 rules:
# facts, strict rules, defeasible rules, defeaters, negated literals, acyclic superiority), one
# whose dependency graph is acyclic and one that may have loops, and compares the verdict on the
# query of argcheck, clingo (scripts/dl_meta.lp) and SWI-Prolog (scripts/dl_meta.pl). On acyclic
# theories the three must agree; on cyclic ones the stable-model and well-founded semantics may
# legitimately differ from defeasible logic, and the differences are listed.
# Needs: a release build (or ARGCHECK=path), clingo (PyPI) and swipl, as compare.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ARGCHECK=${ARGCHECK:-${CARGO_TARGET_DIR:-$ROOT/target}/release/argcheck}
PY=$(python3 -c 'import sys; print(sys.executable)')
first=${1:-1000}
last=${2:-1300}
dir=$(mktemp -d "${TMPDIR:-/tmp}/argcheck-crosscheck.XXXXXX")
trap 'rm -rf "$dir"' EXIT

cat >"$dir/gen.py" <<'EOF'
import random, sys
seed, cyclic = int(sys.argv[1]), sys.argv[2] == "1"
r = random.Random(seed)
n = r.randint(2, 6)
lines, rules = [], []
for i in range(n):
    if r.random() < 0.25:
        lines.append(("~" if r.random() < 0.3 else "") + f"a{i}.")
for j in range(r.randint(1, 10)):
    h = r.randrange(n)
    cands = list(range(n)) if cyclic else list(range(h + 1, n))
    k = min(len(cands), r.randint(0, 2))
    body = [("~" if r.random() < 0.3 else "") + f"a{b}" for b in r.sample(cands, k)]
    arrow = r.choice(["=>", "=>", "=>", "->", "~>"])
    head = ("~" if r.random() < 0.4 else "") + f"a{h}"
    lines.append(f"r{j}: {', '.join(body)} {arrow} {head}.")
    rules.append(j)
for _ in range(r.randint(0, 4)):  # only r_i > r_j with i < j: acyclic
    if len(rules) > 1:
        i, j = sorted(r.sample(rules, 2))
        lines.append(f"r{i} > r{j}.")
q = r.randrange(n)
lines += [f"query a{q}.", f"expect common: holds a{q}."]
print("\n".join(dict.fromkeys(lines)))
EOF

for cyclic in 0 1; do
    total=0
    differ=0
    for ((seed = first; seed <= last; seed++)); do
        f=$dir/t.rules
        "$PY" "$dir/gen.py" "$seed" "$cyclic" >"$f"
        # skip theories argcheck rejects (e.g. a strict contradiction)
        "$ARGCHECK" check "$f" >/dev/null 2>&1 || continue
        total=$((total + 1))
        a=$("$ARGCHECK" eval "$f" 2>/dev/null | tail -n 1 |
            sed -E 's/^ *[^ ]+ +//; s/ +$//; s/ \(.*//; s/ strictly//')
        "$PY" "$ROOT/scripts/translate.py" clingo "$f" >"$dir/t.lp"
        "$PY" "$ROOT/scripts/translate.py" prolog "$f" >"$dir/t.pl"
        c=$("$PY" -m clingo "$ROOT/scripts/dl_meta.lp" "$dir/t.lp" --enum-mode=cautious --outf=2 -W none |
            "$PY" -c 'import json, sys
o = json.load(sys.stdin)
if o["Result"] != "SATISFIABLE":
    print("no-stable-model")
else:
    a = set(o["Call"][-1]["Witnesses"][-1]["Value"])
    print("holds" if "holds" in a else "denied" if "denied" in a else "undecided")' || true)
        p=$(swipl -q -g "consult('$dir/t.pl'),main" -t halt "$ROOT/scripts/dl_meta.pl" 2>/dev/null || true)
        if ! [[ $a == "$c" && $a == "$p" ]]; then
            differ=$((differ + 1))
            echo "cyclic=$cyclic seed=$seed argcheck=$a clingo=$c swipl=$p"
        fi
    done
    echo "cyclic=$cyclic: $total theories, $differ with differing verdicts"
done
