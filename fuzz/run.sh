#!/usr/bin/env bash
# Run every fuzz target for a bounded time, one after the other (one fuzzer process at a time).
#
#   fuzz/run.sh [SECONDS] [TARGET...]      SECONDS per target, default 600; targets default to all
#
# Installs cargo-fuzz if it is missing, seeds the corpora (fuzz/seed.sh), builds the targets once
# (so that every target of a run tests the same source) and runs each binary with libFuzzer's
# -max_total_time. cargo-fuzz passes nightly-only flags (-Cpasses=sancov-module, -Zsanitizer=...);
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
#
# Sanitizer: none by default. argcheck's library is #![forbid(unsafe_code)], so AddressSanitizer
# finds nothing that Rust's bounds checks do not, and it makes the targets about four times slower; overflow checks
# and debug assertions stay on (cargo-fuzz's default). FUZZ_SANITIZER=address to use it anyway.
#
# Logs go to fuzz/logs/<target>.log. At the end it prints one line per target: executions, corpus
# size, and whether the run ended clean; it exits 1 if any target did not. A crash leaves its input
# in fuzz/artifacts/<target>/; minimise it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s none <target> fuzz/artifacts/<target>/<file>
# and turn it into a regression test (TESTING.md says how).
set -uo pipefail
cd "$(dirname "$0")/.."

secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse check pipeline generate)
case "$secs" in
    '' | *[!0-9]*) echo "usage: fuzz/run.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

export RUSTC_BOOTSTRAP=1
# Leave the other cores to whoever else is working on the machine: build with one job unless told.
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "run: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked || exit 2
fi

sanitizer=${FUZZ_SANITIZER:-none}
triple=$(rustc -vV | sed -n 's/^host: //p')
fuzz/seed.sh "${targets[@]}" || exit 2
cargo fuzz build -s "$sanitizer" || exit 2
mkdir -p fuzz/logs

summary=()
status=0
for t in "${targets[@]}"; do
    log=fuzz/logs/$t.log
    echo "run: fuzzing $t for ${secs}s (log: $log)" >&2
    start=$(date +%s)
    # -timeout: an input running longer than 10 s is a finding (the pipeline's own limits end
    # grounding and evaluation after 2 s). -rss_limit_mb: more than 2 GiB is a finding too.
    mkdir -p "fuzz/artifacts/$t"
    "fuzz/target/$triple/release/$t" \
        -artifact_prefix="fuzz/artifacts/$t/" \
        -max_total_time="$secs" \
        -dict=fuzz/rules.dict \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 \
        "fuzz/corpus/$t" \
        >"$log" 2>&1
    rc=$?
    took=$(($(date +%s) - start))
    # libFuzzer's last words: "Done N runs in S second(s)" and "stat::number_of_executed_units: N".
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    [ -n "$runs" ] || runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9][0-9]*')
    [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
    if [ $rc -eq 0 ] && grep -q '^Done [0-9]* runs' "$log" &&
        ! grep -qE '^==[0-9]+==ERROR|ERROR: libFuzzer|^thread .* panicked' "$log"; then
        verdict=clean
    else
        verdict="NOT CLEAN (exit $rc; see $log and fuzz/artifacts/$t/)"
        status=1
    fi
    summary+=("$(printf '%-9s %6ss  %12s executions  corpus %6s  %s' "$t" "$took" "${runs:-?}" "$corpus" "$verdict")")
done

echo
echo "target    seconds    executions          corpus       result"
printf '%s\n' "${summary[@]}"
exit $status
