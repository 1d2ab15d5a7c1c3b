#!/usr/bin/env bash
# Seed the fuzz corpora: every `.rules` file of rules/ and tests/cases/ (tests/cases/fuzz/, the
# regression inputs, included) into fuzz/corpus/<target>/ for each target. Files are named by
# their content hash, so seeding again adds nothing twice and never clobbers what the fuzzer found.
# The corpus directories are not committed (.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse check pipeline generate)
mapfile -d '' files < <(find rules tests/cases -type f \( -name '*.rules' -o -name '*.bin' \) -print0 | sort -z)
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    for f in "${files[@]}"; do
        h=$(sha1sum "$f" | cut -d' ' -f1)
        [ -e "fuzz/corpus/$t/$h" ] || cp "$f" "fuzz/corpus/$t/$h"
    done
    echo "seed: fuzz/corpus/$t: $(find "fuzz/corpus/$t" -type f | wc -l) files (${#files[@]} seeds)"
done
