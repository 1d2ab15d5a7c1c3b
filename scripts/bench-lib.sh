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
