#!/usr/bin/env bash
# Build the playground into web/dist/ (servable by any static server:
# `python3 -m http.server -d web/dist 8000`). Installs what it needs: the wasm32 target, the
# wasm-bindgen CLI of exactly the version web/Cargo.toml pins, and the npm packages of
# package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"
say() { printf '== %s\n' "$*"; }

# The CLI must be the version of the `wasm-bindgen` crate pinned in web/Cargo.toml (`=X`).
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "web/Cargo.toml must pin wasm-bindgen with \"=X\"" >&2; exit 1; }

command -v cargo >/dev/null || { echo "cargo is needed (Rust stable)" >&2; exit 1; }
command -v npm >/dev/null || { echo "node and npm are needed" >&2; exit 1; }
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked
fi
# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi

say "building the library for WebAssembly (profile wasm-release)"
cargo build -p argcheck-web --lib --target wasm32-unknown-unknown --profile wasm-release
say "wasm-bindgen"
wasm-bindgen --target web --no-typescript --out-dir pkg \
  ../target/wasm32-unknown-unknown/wasm-release/argcheck_web.wasm
say "bundling the page"
node scripts/bundle.mjs
say "done: web/dist/index.html (serve it: python3 -m http.server -d web/dist 8000)"
