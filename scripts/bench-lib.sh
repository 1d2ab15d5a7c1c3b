# Shared by scripts/bench.sh and scripts/compare.sh (sourced; expects $ROOT and $ARGCHECK).
# shellcheck shell=bash

# The defaults both scripts document at their top.
FAMILIES=${FAMILIES:-"chain circle levels levels- teams tree dag"}
SIZES=${SIZES:-"4 5 6"}
RUNS=${RUNS:-3}
GEN=${GEN:-argcheck}

# gen_args FAMILY E: the generator's arguments for about 10^E rules.
gen_args() {
    # Both generators write the paper's theories with the same numbering (src/bench.rs is checked
    # against the oracle in `cargo test`; scripts/paper_families.py is the transcription of the
    # paper's generator), so the arguments are the same for both.
    local f=$1 e=$2 n=$((10 ** $2))
    case $f in
    chain | circle) echo "$n" ;;
    levels | levels-) echo "$(((n - 5) / 4))" ;; # 4n+5 rules
    # 4(4^(n+1)-1)/3 rules: n = 4, 5, 7, 9 -> 1,364, 5,460, 87,380, 1,398,100
    teams) case $e in 3) echo 4 ;; 4) echo 5 ;; 5) echo 7 ;; 6) echo 9 ;; *) echo $((e + 3)) ;; esac ;;
    # (3^n-1)/2 rules and 3^n facts: n = 6, 9, 11, 13 -> 364, 9,841, 88,573, 797,161 rules
    tree) case $e in 3) echo "6 3" ;; 4) echo "9 3" ;; 5) echo "11 3" ;; 6) echo "13 3" ;; *) echo "$((2 * e + 1)) 3" ;; esac ;;
    dag) echo "$(((n - 1) / 3)) 3" ;; # kn+1 rules
    *) echo "$n" ;;
    esac
}

generate() { # FAMILY ARGS... > FILE
    if [[ $GEN == paper ]]; then
        python3 "$ROOT/scripts/paper_families.py" "$@"
    else
        "$ARGCHECK" bench-gen "$@"
    fi
}

# counts FILE: "rules facts superiority" of a generated file (one statement a line).
counts() {
    awk '/^#/ || /^query / || /^expect / || /^$/ { next }
         /(=>|->|~>)/ { r++; next }
         /^[A-Za-z0-9_]+ > [A-Za-z0-9_]+\.$/ { s++; next }
         { f++ }
         END { printf "%d %d %d\n", r, f, s }' "$1"
}

# timed_runs TAG CMD...: RUNS runs of CMD, each timed as a whole process by scripts/timeproc.py
# (stdout and stderr of run N in $WORKDIR/TAG.out.N and TAG.err.N), then one more run under GNU
# time for the peak RSS. Prints "median_s median_run peak_kb status":
#   status   ok; exit=N or signal=N (of the last run that failed); error (CMD could not be
#            started); timeout (stops at the first: the other fields are NA). Exit statuses listed
#            in $OK_EXITS (clingo's 10, 20, 30) count as ok.
#   peak_kb  NA when the extra run did not report one (it failed or timed out).
# Needs ROOT, WORKDIR, RUNS and TIMEOUT.
timed_runs() {
    local tag=$1 i wall st walls=() status=ok rss rc med
    shift
    for ((i = 1; i <= RUNS; i++)); do
        if ! read -r wall st < <(python3 "$ROOT/scripts/timeproc.py" "$TIMEOUT" \
            "$WORKDIR/$tag.out.$i" "$WORKDIR/$tag.err.$i" "$@"); then
            st=error
        fi
        case $st in
        timeout | error)
            echo "NA NA NA $st"
            return
            ;;
        ok) ;;
        exit=*) [[ " ${OK_EXITS:-} " == *" ${st#exit=} "* ]] || status=$st ;;
        *) status=$st ;;
        esac
        walls+=("$wall $i")
    done
    # GNU time writes the peak after the command's end whatever its exit status; a run cut short
    # by `timeout` leaves no number.
    rc=0
    : >"$WORKDIR/$tag.rss"
    timeout "$TIMEOUT" /usr/bin/time -f '%M' -o "$WORKDIR/$tag.rss" "$@" >/dev/null 2>&1 || rc=$?
    rss=NA
    if ((rc != 124)); then
        rss=$(awk '$1 ~ /^[0-9]+$/ { kb = $1 } END { print (kb == "" ? "NA" : kb) }' "$WORKDIR/$tag.rss")
    fi
    # the median by wall time, with its run number
    med=$(printf '%s\n' "${walls[@]}" | LC_ALL=C sort -n | awk -v n="${#walls[@]}" 'NR == int((n + 1) / 2)')
    echo "${med% *} ${med#* } $rss $status"
}

# mib KB: kilobytes as whole MiB, or NA.
mib() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.0f", k / 1024; else print "NA" }'; }
