#!/usr/bin/env python3
"""A keystroke's diagnostics round trip in `argcheck lsp` on the Assad lesson (issue 18).

    scripts/bench-lsp.py                      # uses target/release/argcheck (build it first)
    ARGCHECK=target/debug/argcheck KEYS=100 scripts/bench-lsp.py

Starts the server over stdio as an editor would, opens rules/assad_warrant.rules (which imports
rules/sources.rules), then types KEYS keystrokes, one at a time, each a `didChange` with one
incremental edit: alternately a typo (`valid(w2023_bashar))` -- a syntax error) and its fix.
Each keystroke changes the diagnostics, so the server publishes them; the figure is the wall time
from writing the `didChange` to reading that `publishDiagnostics` (the whole analysis: read,
parse, check, ground, evaluate under the eight positions, index the names, convert, send).
A typo stops at checking (a run with errors is not evaluated); a fix is evaluated again. Prints
the median, the 90th percentile and the maximum, in milliseconds, of all keystrokes and of each
kind. Target: under 100 ms.
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("ARGCHECK", os.path.join(ROOT, "target/release/argcheck"))
KEYS = int(os.environ.get("KEYS", "60"))


def main():
    p = subprocess.Popen([BIN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)

    def send(msg):
        body = json.dumps(msg).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        p.stdin.flush()

    def read():
        length = None
        while True:
            line = p.stdout.readline()
            if not line:
                sys.exit("the server ended")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(p.stdout.read(length))

    def until(pred):
        while True:
            m = read()
            if pred(m):
                return m

    path = os.path.join(ROOT, "rules/assad_warrant.rules")
    uri = "file://" + path
    text = open(path, encoding="utf-8").read()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    until(lambda m: m.get("id") == 1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "argcheck", "version": 1, "text": text}}})
    send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
          "params": {"textDocument": {"uri": uri}}})
    until(lambda m: m.get("id") == 2)

    # The end of `valid(w2023_bashar)` in its query line (ASCII: UTF-16 columns are bytes).
    needle = "valid(w2023_bashar)."
    offset = text.index(needle) + len(needle) - 1
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    times = []
    for k in range(KEYS):
        typo = k % 2 == 0
        rng = {"start": {"line": line, "character": col},
               "end": {"line": line, "character": col if typo else col + 1}}
        t0 = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": k + 2},
            "contentChanges": [{"range": rng, "text": ")" if typo else ""}]}})
        m = until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                  and m["params"].get("version") == k + 2)
        times.append(((time.perf_counter() - t0) * 1000, typo))
        assert bool(m["params"]["diagnostics"]) == typo, m
    send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
    until(lambda m: m.get("id") == 3)
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()
    def line_of(what, ts):
        ts = sorted(ts)
        p90 = ts[int(0.9 * (len(ts) - 1))]
        print(f"  {what:<38} median {statistics.median(ts):5.1f} ms, p90 {p90:5.1f} ms, "
              f"max {ts[-1]:5.1f} ms")

    print(f"{KEYS} keystrokes on rules/assad_warrant.rules ({os.path.relpath(BIN, ROOT)}):")
    line_of("all", [t for t, _ in times])
    line_of("typo (syntax error: checked only)", [t for t, typo in times if typo])
    line_of("fix (checked, evaluated, 8 positions)", [t for t, typo in times if not typo])

if __name__ == "__main__":
    main()
