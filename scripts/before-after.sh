#!/usr/bin/env bash
# Two argcheck binaries on the same inputs, runs interleaved (old, new, old, new, ...) so that a
# slow minute of a shared host falls on both (BENCHMARKS.md, "Before and after").
#
#   scripts/before-after.sh OLD_BINARY NEW_BINARY
#   RUNS=9 INPUTS="chain:4 tree:5" scripts/before-after.sh /tmp/old target/release/argcheck
#
# Build the old binary from a worktree: `git worktree add /tmp/old REV && cargo build --release
# --manifest-path /tmp/old/Cargo.toml` (it lands in /tmp/old/target/release/argcheck).
#
# Prints a Markdown table: per input, median wall seconds of `argcheck eval FILE` (the teaching
# corpus: `argcheck test rules/`) and peak RSS in MiB (one more run each under GNU time).
#
# Environment:
#   INPUTS   default "corpus chain:4 chain:5 tree:5 dag:5 chain:6 tree:6 dag:6": `corpus`, or
#            FAMILY:E for the theory of about 10^E rules that scripts/bench.sh generates
#   CORPUS   the teaching corpus for `corpus`, default rules/ (when the old binary does not read
#            today's lessons, give the old revision's: /tmp/old/rules/)
#   RUNS     runs of each binary per input, default 5 (the median is reported)
#   WORKDIR  where to write the theories (default: a temporary directory, removed at exit)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OLD=${1:?usage: scripts/before-after.sh OLD_BINARY NEW_BINARY}
NEW=${2:?usage: scripts/before-after.sh OLD_BINARY NEW_BINARY}
INPUTS=${INPUTS:-"corpus chain:4 chain:5 tree:5 dag:5 chain:6 tree:6 dag:6"}
RUNS=${RUNS:-5}
CORPUS=${CORPUS:-rules/}
ARGCHECK=$NEW
# shellcheck source=scripts/bench-lib.sh
. "$ROOT/scripts/bench-lib.sh"
if [[ -z ${WORKDIR:-} ]]; then
    WORKDIR=$(mktemp -d)
    trap 'rm -rf "$WORKDIR"' EXIT
fi
mkdir -p "$WORKDIR"

median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
wall() { # BINARY ARGS... -> seconds
    python3 "$ROOT/scripts/timeproc.py" 600 /dev/null /dev/null "$@" | awk '{print $1}'
}
peak() { # BINARY ARGS... -> MiB
    /usr/bin/time -f %M -o "$WORKDIR/rss" "$@" >/dev/null 2>&1 || true
    awk '{printf "%.0f", $1 / 1024}' "$WORKDIR/rss"
}

echo "Runs interleaved, median of $RUNS; old: $OLD, new: $NEW; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| input | old: wall s / peak MiB | new: wall s / peak MiB |"
echo "|---|---|---|"
for input in $INPUTS; do
    if [[ $input == corpus ]]; then
        name="the corpus (\`argcheck test $CORPUS\`)"
        args=(test "$CORPUS")
    else
        family=${input%%:*} e=${input##*:}
        read -r -a gargs <<<"$(gen_args "$family" "$e")"
        file="$WORKDIR/$family-$e.rules"
        [[ -f $file ]] || generate "$family" "${gargs[@]}" >"$file"
        name="$family(${gargs[*]})"
        args=(eval "$file")
    fi
    : >"$WORKDIR/old" && : >"$WORKDIR/new"
    for _ in $(seq "$RUNS"); do
        wall "$OLD" "${args[@]}" >>"$WORKDIR/old"
        wall "$NEW" "${args[@]}" >>"$WORKDIR/new"
    done
    printf '| %s | %.4f / %s | %.4f / %s |\n' "$name" \
        "$(median <"$WORKDIR/old")" "$(peak "$OLD" "${args[@]}")" \
        "$(median <"$WORKDIR/new")" "$(peak "$NEW" "${args[@]}")"
done
echo
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
