#!/usr/bin/env python3
"""agreement.py's `generate_text` is a port of the fuzz generator in fuzz/src/lib.rs: check that both
still write the same program for the same bytes. The Rust generator (from `struct Choices` to the
end of the file: plain Rust, no dependencies) is compiled into a tiny program under
target/editors-port-check/ and run on 300 byte strings from a fixed seed."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import agreement  # noqa: E402

REPO = agreement.REPO
MARKER = "/// Reads choices off the fuzzer"


def main():
    with open(os.path.join(REPO, "fuzz", "src", "lib.rs"), encoding="utf-8") as f:
        lib = f.read()
    start = lib.find(MARKER)
    if start < 0:
        sys.exit(f"fuzz/src/lib.rs no longer has `{MARKER}`: update {__file__}")
    crate = os.path.join(REPO, "target", "editors-port-check")
    os.makedirs(os.path.join(crate, "src"), exist_ok=True)
    with open(os.path.join(crate, "Cargo.toml"), "w") as f:
        f.write('[package]\nname = "port-check"\nversion = "0.0.0"\nedition = "2024"\n\n[workspace]\n')
    with open(os.path.join(crate, "src", "main.rs"), "w") as f:
        f.write("#![allow(dead_code)]\n" + lib[start:] + """
fn main() {
    use std::io::Read;
    let mut data = Vec::new();
    std::io::stdin().read_to_end(&mut data).unwrap();
    print!("{}", generate_text(&data));
}
""")
    subprocess.run(["cargo", "build", "--quiet", "--release"], cwd=crate, check=True)
    exe = os.path.join(crate, "target", "release", "port-check")
    rng = agreement.Rng(2024)
    runs, bad = 300, 0
    for _ in range(runs):
        data = rng.bytes(rng.below(800))
        want = subprocess.run([exe], input=data, capture_output=True, check=True).stdout.decode()
        got = agreement.generate_text(data)
        if want != got:
            bad += 1
            if bad <= 3:
                print(f"DIFF for bytes {data.hex()}:\n--- Rust\n{want}--- Python\n{got}")
    print("generator port: agreement.py's generate_text against fuzz/src/lib.rs")
    print(f"{runs - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
