#!/usr/bin/env bash
# The playground's CI (called by .ci/run after the Rust tests): build the site, then the parity
# test (WebAssembly build against the native CLI) and the browser tests (headless Chromium).
# Installs its own tools: Debian's chromium, the npm packages, and what web/build.sh installs.
set -euo pipefail
cd "$(dirname "$0")"
step() { printf '\n=== web: %s (%s)\n' "$1" "$(date +%T)"; }

step "the playground crate: lints and unit tests"
cargo clippy -p argcheck-web --all-targets --quiet -- -D warnings
cargo test -p argcheck-web --quiet

step "build the site"
./build.sh

step "the highlighter's tokens"
node --test --test-reporter=spec test/rules-mode.test.mjs

step "the native binary the tests compare with"
cargo build --release --bin argcheck --manifest-path ../Cargo.toml --quiet
export ARGCHECK_BIN="$PWD/../target/release/argcheck"

step "parity: the WebAssembly build against argcheck eval/check, every lesson and case"
node --test --test-reporter=spec test/parity.test.mjs

step "browser tests (headless Chromium)"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
node --test --test-concurrency=1 --test-reporter=spec test/browser.test.mjs
