#!/usr/bin/env bash
# Whole-process benchmark of `argcheck eval` on the generated scalable theories (BENCHMARKS.md).
#
#   scripts/bench.sh                 # build release, run everything, print Markdown tables
#   FAMILIES="chain teams" SIZES="4 5" scripts/bench.sh
#
# For every family and size it generates the theory into a temporary directory, runs
# `argcheck test FILE` once (the file's `expect` line must pass), then times `argcheck eval FILE`
# as a whole process RUNS times (wall clock of the process alone, from scripts/timeproc.py) plus
# once under `/usr/bin/time -f %M` for the peak RSS, and reports the median wall time, the peak
# RSS, and the per-phase timings of the median run (`ARGCHECK_TIMINGS=1`). It ends with the parse
# throughput (size of the largest chain file divided by its `read and parse` phase) and the
# Datalog workloads tc-chain and tc-random.
#
# Sizes are exponents: size e means about 10^e rules. Families whose parameter is not the number
# of rules are scaled to get close to it (see `gen_args`); the tables give the actual counts.
#
# Environment:
#   FAMILIES   default "chain circle levels levels- teams tree dag"
#   SIZES      default "4 5 6"
#   RUNS       timed runs per file, default 3 (the median is reported)
#   GEN        "argcheck" (default: `argcheck bench-gen`, src/bench.rs) or "paper" (the same theories
#              written by scripts/paper_families.py, the transcription of the paper's generator)
#   TC         "1" (default) to run the tc-chain / tc-random table, "0" to skip it
#   TIMEOUT    seconds per run before it is killed and reported as such, default 120
#   NO_BUILD   "1" to skip `cargo build --release`
#   ARGCHECK   the binary (default: target/release/argcheck, or $CARGO_TARGET_DIR/release/argcheck)
#   WORKDIR    where to write the theories (default: a fresh temporary directory, removed at exit
#              unless KEEP=1); raw results go to $WORKDIR/results.tsv
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

TC=${TC:-1}
TIMEOUT=${TIMEOUT:-120}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
ARGCHECK=${ARGCHECK:-$TARGET_DIR/release/argcheck}

log() { printf '%s\n' "$*" >&2; }

if [[ ${NO_BUILD:-0} != 1 ]]; then
    log "building: cargo build --release"
    cargo build --release --quiet >&2
fi
[[ -x $ARGCHECK ]] || { log "no binary at $ARGCHECK"; exit 2; }
[[ -x /usr/bin/time ]] || { log "needs GNU time at /usr/bin/time (apt-get install time)"; exit 2; }

if [[ -n ${WORKDIR:-} ]]; then
    mkdir -p "$WORKDIR"
else
    WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/argcheck-bench.XXXXXX")
    [[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$WORKDIR"' EXIT
fi
RESULTS=$WORKDIR/results.tsv
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"
: >"$RESULTS"

# time_eval FILE TAG: `argcheck eval FILE` timed (`timed_runs`, scripts/bench-lib.sh); prints
# "median_s peak_kb phases status" where phases is "parse,check,ground,evaluate" in seconds from
# the median run.
time_eval() {
    local file=$1 tag=$2 secs run rss status phases
    read -r secs run rss status < <(ARGCHECK_TIMINGS=1 timed_runs "$tag" "$ARGCHECK" eval "$file")
    if [[ $status == timeout || $status == error ]]; then
        echo "NA NA NA $status"
        return
    fi
    phases=$(awk '/^timing: / {
            line = $0; sub(/^timing: /, "", line); i = index(line, ": ")
            split(substr(line, i + 2), a, " "); t[substr(line, 1, i - 1)] = a[1] }
        END { printf "%s,%s,%s,%s", t["read and parse"], t["check"], t["ground"], t["evaluate"] }' "$WORKDIR/$tag.err.$run")
    printf '%s %s %s %s\n' "$secs" "$rss" "$phases" "$status"
}


# check FILE: "pass" when `argcheck test FILE` passes, else "FAIL".
check() {
    if timeout "$TIMEOUT" "$ARGCHECK" test "$1" >"$WORKDIR/test.out" 2>&1; then echo pass; else echo FAIL; fi
}

verdict_of() { # the verdict cell of the query row of `argcheck eval` (last line of the table)
    tail -n 1 "$1" | sed -E 's/^ *[^ ]+ +//; s/ +$//'
}

rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$ROOT" status --porcelain -- src grammar Cargo.toml 2>/dev/null | head -c1)
log "binary: $ARGCHECK (commit $rev${dirty:+ + uncommitted changes}), generator: $GEN, runs: $RUNS"

load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "### argcheck eval, whole process ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $rev${dirty:+ + uncommitted changes}, generator $GEN, median of $RUNS)"
echo
echo "| family | generator args | rules | facts | sup. | file MB | expect | verdict | wall s | peak RSS MB | µs/rule | parse / check / ground / eval s |"
echo "|---|---|--:|--:|--:|--:|---|---|--:|--:|--:|---|"
for fam in $FAMILIES; do
    for e in $SIZES; do
        args=$(gen_args "$fam" "$e")
        file=$WORKDIR/$fam-1e$e.rules
        # shellcheck disable=SC2086
        generate "$fam" $args >"$file"
        read -r nr nf ns < <(counts "$file")
        bytes=$(stat -c %s "$file")
        mb=$(awk -v b="$bytes" 'BEGIN { printf "%.2f", b / 1e6 }')
        log "$fam $args: $nr rules, $mb MB"
        ok=$(check "$file")
        read -r wall rss phases status < <(time_eval "$file" "$fam-$e")
        if [[ $status == timeout || $status == error ]]; then
            if [[ $status == timeout ]]; then verdict="timeout (${TIMEOUT} s)"; wall=">$TIMEOUT"; else verdict="could not run"; fi
            rssmb=NA
            per=NA
        else
            verdict=$(verdict_of "$WORKDIR/$fam-$e.out.1")
            [[ $status == ok ]] || verdict="$verdict ($status)"
            rssmb=$(mib "$rss")
            per=$(awk -v w="$wall" -v r="$nr" 'BEGIN { if (r > 0) printf "%.2f", w * 1e6 / r; else print "NA" }')
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$fam" "$e" "$args" "$nr" "$nf" "$ns" \
            "$bytes" "$ok" "$verdict" "$wall" "$rss" "$phases" "$status" >>"$RESULTS"
        echo "| $fam | $args | $nr | $nf | $ns | $mb | $ok | $verdict | $wall | $rssmb | $per | ${phases//,/ \/ } |"
    done
done
echo

# Growth: ratio of median wall times between consecutive sizes, next to the ratio of rule counts.
echo "### Growth with size (ratio of wall times between consecutive sizes; ratio of rules in brackets)"
echo
awk -F'\t' -v sizes="$SIZES" '
    { fam[NR] = $1; rules[NR] = $4; wall[NR] = $10 }
    END {
        for (i = 2; i <= NR; i++) {
            if (fam[i] != fam[i - 1]) continue
            if (!(fam[i] in seen)) { order[++k] = fam[i]; seen[fam[i]] = 1 }
            w0 = wall[i - 1]; w1 = wall[i]
            cell = (w0 > 0 && w1 ~ /^[0-9.]+$/) ? sprintf("%.1fx (%.1fx)", w1 / w0, rules[i] / rules[i - 1]) : "NA"
            row[fam[i]] = row[fam[i]] " | " cell
        }
        head = "| family |"; rule = "|---|"
        steps = split(sizes, sz, " ")
        for (j = 1; j < steps; j++) { head = head " 1e" sz[j] " → 1e" sz[j + 1] " |"; rule = rule "---|" }
        print head; print rule
        for (j = 1; j <= k; j++) print "| " order[j] row[order[j]] " |"
    }' "$RESULTS"
echo

# Parse throughput: the largest chain file over its read-and-parse phase.
chain_line=$(awk -F'\t' '$1 == "chain"' "$RESULTS" | sort -t$'\t' -k4,4n | tail -n 1)
if [[ -n $chain_line ]]; then
    IFS=$'\t' read -r _ e _ nr _ _ bytes _ _ _ _ phases status <<<"$chain_line"
    parse=${phases%%,*}
    echo "### Parse throughput"
    echo
    if [[ $status == ok && -n $parse ]]; then
        awk -v b="$bytes" -v p="$parse" -v r="$nr" 'BEGIN {
            printf "chain with %d rules: %.2f MB (10^6 bytes) read and parsed in %.3f s (`read and parse` phase of the median run) = **%.1f MB/s**\n", r, b / 1e6, p, (p > 0 ? b / 1e6 / p : 0) }'
    else
        echo "chain 1e$e: not measured ($status)"
    fi
    echo
fi

if [[ $TC == 1 ]]; then
    echo "### Datalog grounding workloads (whole process, median of $RUNS)"
    echo
    echo "| workload | n | derived path facts | expect | wall s | peak RSS MB | parse / check / ground / eval s |"
    echo "|---|--:|--:|---|--:|--:|---|"
    for w in "tc-chain 100" "tc-chain 300" "tc-chain 1000" "tc-random 100" "tc-random 300" "tc-random 1000"; do
        read -r fam n <<<"$w"
        file=$WORKDIR/$fam-$n.rules
        "$ARGCHECK" bench-gen "$fam" "$n" >"$file"
        # tc-chain: n(n+1)/2 paths; tc-random: the ring makes every node reach every node, n^2
        if [[ $fam == tc-chain ]]; then paths=$((n * (n + 1) / 2)); else paths=$((n * n)); fi
        ok=$(check "$file")
        read -r wall rss phases status < <(time_eval "$file" "$fam-$n")
        if [[ $status == timeout ]]; then wall=">$TIMEOUT"; fi
        rssmb=$(mib "$rss")
        [[ $status == ok || $status == timeout ]] || ok="$ok ($status)"
        echo "| $fam | $n | $paths | $ok | $wall | $rssmb | ${phases//,/ \/ } |"
    done
    echo
fi
echo "Load average (1, 5, 15 min) at the start: $load0; at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)."
log "raw results: $RESULTS${KEEP:+ (kept)}"
