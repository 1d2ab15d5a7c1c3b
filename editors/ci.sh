#!/usr/bin/env bash
# Editor support checks: the tree-sitter grammar (generated files up to date, corpus and highlight
# tests, every lesson and test case parses, agreement with pest) and the VS Code extension
# (TextMate grammar assertion and lesson snapshot tests, client unit tests, packaging).
#
# Needs Rust (cargo and a C compiler), Node 20 with npm, and python3. Installs what is missing:
# tree-sitter-cli from crates.io (into cargo's bin directory) and the extension's npm packages
# (`npm ci`, into editors/vscode/node_modules). Builds target/release/argcheck for the agreement
# test. Run from anywhere: `bash editors/ci.sh`.
set -euo pipefail

TREE_SITTER_VERSION=0.27.1

editors="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$editors")"
grammar="$editors/tree-sitter-argcheck"
vscode="$editors/vscode"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

for tool in cargo cc node npm python3; do
  command -v "$tool" >/dev/null || { echo "editors/ci.sh: $tool is required" >&2; exit 1; }
done

step "tree-sitter-cli $TREE_SITTER_VERSION"
if command -v tree-sitter >/dev/null && [ "$(tree-sitter --version | awk '{print $2}')" = "$TREE_SITTER_VERSION" ]; then
  echo "found $(command -v tree-sitter)"
else
  # Another version would generate a different parser.c: install the one the committed files
  # come from.
  cargo install tree-sitter-cli --locked --version "$TREE_SITTER_VERSION"
fi

step "tree-sitter generate: the committed src/ is up to date"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$grammar/grammar.js" "$grammar/tree-sitter.json" "$grammar/package.json" "$grammar/src" "$scratch/"
(cd "$scratch" && tree-sitter generate)
if ! diff -rq "$grammar/src" "$scratch/src"; then
  echo "src/ is stale: run \`tree-sitter generate\` in editors/tree-sitter-argcheck and commit src/" >&2
  exit 1
fi
echo "src/ matches grammar.js"

step "tree-sitter test (corpus and highlight tests)"
(cd "$grammar" && tree-sitter test)

step "every file of rules/ and tests/cases/ parses (or fails, for the syntax-error cases)"
python3 "$grammar/scripts/parse_corpus.py"

step "the agreement test's generator is still a port of the fuzz generator"
python3 "$grammar/scripts/port_check.py"

step "agreement between pest and tree-sitter"
(cd "$repo" && cargo build --release --quiet)
python3 "$grammar/scripts/agreement.py" --argcheck "$repo/target/release/argcheck"

step "VS Code extension: npm ci"
(cd "$vscode" && npm ci --no-audit --no-fund)

step "VS Code extension: client unit tests, TextMate assertion and lesson snapshot tests"
(cd "$vscode" && npm test)

step "VS Code extension: vsce package"
(cd "$vscode" && npm run package && rm -f argcheck.vsix)

printf '\neditors/ci.sh: all checks passed in %ss\n' "$SECONDS"
