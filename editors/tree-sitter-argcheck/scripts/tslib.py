"""Run `tree-sitter parse` on many files at once and tell which parsed without an ERROR or MISSING
node. Shared by parse_corpus.py and agreement.py."""

import json
import os
import subprocess
import tempfile

GRAMMAR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tree_sitter_accepts(paths):
    """{path: True if the tree has no ERROR or MISSING node}, in one `tree-sitter parse` call."""
    if not paths:
        return {}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
        list_file = f.name
    try:
        proc = subprocess.run(
            ["tree-sitter", "parse", "--grammar-path", GRAMMAR, "--quiet", "--json-summary",
             "--paths", list_file],
            capture_output=True, text=True, check=False,
        )
    finally:
        os.unlink(list_file)
    # Files with an error are also listed as plain lines before the JSON document.
    out = proc.stdout
    start = out.find("\n{") + 1 if not out.startswith("{") else 0
    try:
        summary = json.loads(out[start:])
    except json.JSONDecodeError as e:
        raise SystemExit(f"tree-sitter parse gave no JSON summary ({e}):\n{proc.stderr}") from e
    result = {s["file"]: s["successful"] for s in summary["parse_summaries"]}
    missing = [p for p in paths if p not in result]
    if missing:
        raise SystemExit(f"tree-sitter parse said nothing about {missing[:5]}")
    return result
