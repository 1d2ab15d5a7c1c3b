# Shared by scripts/bench.sh and scripts/compare.sh (sourced; expects $GEN, $ROOT and $ARGCHECK).
# shellcheck shell=bash

# gen_args FAMILY E: the generator's arguments for about 10^E rules.
gen_args() {
    local f=$1 e=$2 n=$((10 ** $2))
    if [[ $GEN == paper ]]; then
        case $f in
        chain | circle) echo "$n" ;;
        levels | levels-) echo "$(((n - 5) / 4))" ;; # 4n+5 rules
        teams) case $e in 3) echo 4 ;; 4) echo 5 ;; 5) echo 7 ;; 6) echo 9 ;; *) echo $((e + 3)) ;; esac ;;
        tree) case $e in 3) echo "6 3" ;; 4) echo "9 3" ;; 5) echo "11 3" ;; 6) echo "13 3" ;; *) echo "$((2 * e + 1)) 3" ;; esac ;;
        dag) echo "$(((n - 1) / 3)) 3" ;; # kn+1 rules
        *) echo "$n" ;;
        esac
    else
        case $f in
        chain | circle) echo "$n" ;;
        levels | levels-) echo "$((n / 2))" ;; # 2n rules (and n superiority statements)
        # 8 rules per literal, 8(8^d-1)/7 rules: depth 3, 4, 5, 7 -> 584, 4,680, 37,448, 2,396,744
        teams) case $e in 3) echo 3 ;; 4) echo 4 ;; 5) echo 5 ;; 6) echo 7 ;; *) echo $((e + 1)) ;; esac ;;
        # (3^d-1)/2 rules and 3^d facts: depth 6, 9, 11, 13 -> 364, 9,841, 88,573, 797,161 rules
        tree) case $e in 3) echo "6 3" ;; 4) echo "9 3" ;; 5) echo "11 3" ;; 6) echo "13 3" ;; *) echo "$((2 * e + 1)) 3" ;; esac ;;
        dag) echo "$n 3" ;; # n rules with 3 body literals each
        *) echo "$n" ;;
        esac
    fi
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

now_ns() { date +%s%N; }

