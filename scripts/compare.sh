#!/usr/bin/env bash
# Side-by-side comparison of argcheck with clingo and SWI-Prolog on the same theories (BENCHMARKS.md).
#
#   scripts/compare.sh
#   FAMILIES="chain teams" SIZES="4 5" scripts/compare.sh
#
# Each theory is generated once (as in scripts/bench.sh), translated by scripts/translate.py into
# facts for a defeasible-logic meta-program (scripts/dl_meta.lp for clingo, scripts/dl_meta.pl for
# SWI-Prolog with tabling; both encode the proof conditions of docs/language.md: ambiguity blocking, team
# defeat), and then every tool is timed as a whole process on its version of the same theory:
#
#   argcheck  $ARGCHECK eval FILE.rules
#   clingo    $CLINGO scripts/dl_meta.lp FILE.lp --enum-mode=cautious --outf=2 -W none
#   swipl     swipl -q -g "consult('FILE.pl'),main" -t halt scripts/dl_meta.pl
#
# Translation is not timed. Each tool's verdict on the query (holds / denied / undecided) is
# compared with the file's `expect common:` line; a mismatch is printed as such, never hidden.
# A run that exceeds TIMEOUT seconds is killed and reported as `>TIMEOUT`; after a timeout the
# remaining runs of that file and the larger sizes of that family are skipped for that tool.
#
# Environment:
#   FAMILIES  default "chain circle levels levels- teams tree dag"
#   SIZES     exponents, default "4 5 6" (about 10^e rules, as in scripts/bench.sh)
#   RUNS      default 3 (median reported);  TIMEOUT  default 60 (seconds per run)
#   GEN       "argcheck" (default, `argcheck bench-gen`) or "paper" (scripts/paper_families.py; same theories)
#   TOOLS     default "argcheck clingo swipl"
#   CLINGO    the clingo command, default `clingo` if on PATH, else `PYTHON -m clingo` with the
#             resolved interpreter path (the PyPI package `clingo` ships the solver as a Python
#             module; its `python -m clingo` start-up is in every figure: BENCHMARKS.md gives it)
#   INSTALL   "1" (default) to install missing tools: `pip install clingo`,
#             `apt-get install -y swi-prolog-nox`; "0" to fail instead
#   NO_BUILD, ARGCHECK, WORKDIR, KEEP   as in scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

TIMEOUT=${TIMEOUT:-60}
TOOLS=${TOOLS:-"argcheck clingo swipl"}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
ARGCHECK=${ARGCHECK:-$TARGET_DIR/release/argcheck}

log() { printf '%s\n' "$*" >&2; }
has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }

if [[ ${NO_BUILD:-0} != 1 ]]; then
    log "building: cargo build --release"
    cargo build --release --quiet >&2
fi
[[ -x $ARGCHECK ]] || { log "no binary at $ARGCHECK"; exit 2; }
[[ -x /usr/bin/time ]] || { log "needs GNU time at /usr/bin/time (apt-get install time)"; exit 2; }

if has_tool clingo; then
    if [[ -z ${CLINGO:-} ]]; then
        # the interpreter itself, not a version manager's shim (pyenv's adds ~0.15 s a run)
        PY=$(python3 -c 'import sys; print(sys.executable)')
        if command -v clingo >/dev/null; then CLINGO=clingo; else CLINGO="$PY -m clingo"; fi
    fi
    if ! $CLINGO --version >/dev/null 2>&1; then
        [[ ${INSTALL:-1} == 1 ]] || { log "clingo not found: pip install clingo"; exit 2; }
        log "installing clingo: pip install clingo"
        python3 -m pip install --quiet clingo >&2
    fi
    CLINGO_VERSION=$($CLINGO --version 2>/dev/null | head -n 1)
fi
if has_tool swipl; then
    if ! command -v swipl >/dev/null; then
        [[ ${INSTALL:-1} == 1 ]] || { log "swipl not found: apt-get install -y swi-prolog-nox"; exit 2; }
        log "installing SWI-Prolog: apt-get install -y swi-prolog-nox"
        { apt-get update -qq && apt-get install -y -qq swi-prolog-nox; } >&2
    fi
    SWIPL_VERSION=$(swipl --version | head -n 1)
fi

if [[ -n ${WORKDIR:-} ]]; then
    mkdir -p "$WORKDIR"
else
    WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/argcheck-compare.XXXXXX")
    [[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$WORKDIR"' EXIT
fi
# shellcheck source=scripts/bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

# run_timed TAG CMD...: CMD timed (`timed_runs`, scripts/bench-lib.sh; clingo's exit statuses 10,
# 20 and 30, satisfiable / unsatisfiable / optimum, are not failures); prints "median_s peak_mb
# status".
run_timed() {
    local tag=$1 secs run kb status ok_exits=
    shift
    [[ $tag == clingo-* ]] && ok_exits="10 20 30"
    read -r secs run kb status < <(OK_EXITS=$ok_exits timed_runs "$tag" "$@")
    if [[ $status == timeout || $status == error ]]; then
        echo "NA NA $status"
        return
    fi
    LC_ALL=C printf '%.3f %s %s\n' "$secs" "$(mib "$kb")" "$status"
}

# Verdicts read from each tool's output (first run).
verdict_argcheck() { tail -n 1 "$1" | sed -E 's/^ *[^ ]+ +//; s/ +$//; s/ \(.*//; s/ strictly//'; }
verdict_clingo() {
    python3 - "$1" <<'EOF'
import json, sys
try:
    out = json.load(open(sys.argv[1]))
except ValueError:
    print("no output"); sys.exit()
if out.get("Result") != "SATISFIABLE":
    print(out.get("Result", "?").lower()); sys.exit()
atoms = set(out["Call"][-1]["Witnesses"][-1]["Value"])  # the cautious consequences
print("holds" if "holds" in atoms else "denied" if "denied" in atoms else "undecided")
EOF
}
verdict_swipl() { tail -n 1 "$1"; }

declare -A skip # tool:family -> 1 once a size timed out

rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$ROOT" status --porcelain -- src grammar Cargo.toml 2>/dev/null | head -c1)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
echo "### argcheck beside clingo and SWI-Prolog ($(date -u '+%Y-%m-%d %H:%M UTC'), generator $GEN, median of $RUNS, timeout $TIMEOUT s)"
echo
echo "argcheck commit $rev${dirty:+ + uncommitted changes}${CLINGO_VERSION:+; $CLINGO_VERSION (\`$CLINGO\`) with scripts/dl_meta.lp}${SWIPL_VERSION:+; $SWIPL_VERSION with scripts/dl_meta.pl}."
echo "Cells: median wall time in seconds / peak RSS in MB / verdict; ✗ marks a verdict that differs from the file's expect line; *failed* is a run that ended in an error (no verdict)."
echo
header="| family | rules | expect |"
rule="|---|--:|---|"
for t in $TOOLS; do header="$header $t |"; rule="$rule---|"; done
echo "$header"
echo "$rule"
for fam in $FAMILIES; do
    for e in $SIZES; do
        args=$(gen_args "$fam" "$e")
        base=$WORKDIR/$fam-1e$e
        # shellcheck disable=SC2086
        generate "$fam" $args >"$base.rules"
        read -r nr _ _ < <(counts "$base.rules")
        expect=$(python3 "$ROOT/scripts/translate.py" expect "$base.rules")
        log "$fam $args: $nr rules, expect $expect"
        row="| $fam | $nr | $expect |"
        for t in $TOOLS; do
            if [[ -n ${skip[$t:$fam]:-} ]]; then
                row="$row skipped (timed out at a smaller size) |"
                continue
            fi
            tag=$t-$fam-$e
            case $t in
            argcheck)
                read -r wall mb status < <(run_timed "$tag" "$ARGCHECK" eval "$base.rules")
                ;;
            clingo)
                [[ -f $base.lp ]] || python3 "$ROOT/scripts/translate.py" clingo "$base.rules" >"$base.lp"
                # shellcheck disable=SC2086
                read -r wall mb status < <(run_timed "$tag" $CLINGO "$ROOT/scripts/dl_meta.lp" "$base.lp" \
                    --enum-mode=cautious --outf=2 -W none)
                ;;
            swipl)
                [[ -f $base.pl ]] || python3 "$ROOT/scripts/translate.py" prolog "$base.rules" >"$base.pl"
                read -r wall mb status < <(run_timed "$tag" swipl -q -g "consult('$base.pl'),main" -t halt \
                    "$ROOT/scripts/dl_meta.pl")
                ;;
            *)
                log "unknown tool $t"
                exit 2
                ;;
            esac
            if [[ $status == timeout ]]; then
                skip[$t:$fam]=1
                row="$row >$TIMEOUT s (timeout) |"
                continue
            fi
            if [[ $status == error ]]; then
                row="$row could not be started |"
                continue
            fi
            v=$("verdict_$t" "$WORKDIR/$tag.out.1")
            mark=""
            [[ $v == "$expect" ]] || mark=" ✗"
            if [[ $status != ok ]]; then
                # no verdict: the first error line, without the tool's "ERROR: -g GOAL: " prefix
                err=$(grep -m1 -iE 'error|exception|out of|stack|memory' "$WORKDIR/$tag.err.1" |
                    sed -E 's/.*: //' | cut -c1-50 || true)
                row="$row $wall / $mb / failed, $status${err:+: $err} |"
            else
                row="$row $wall / $mb / $v$mark |"
            fi
        done
        echo "$row"
    done
done
echo
echo "Load average (1, 5, 15 min) at the start: $load0; at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)."
log "files and outputs: $WORKDIR"
