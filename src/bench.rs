//! Generators of the standard scalable theories of Maher, Rock, Antoniou, Billington and Miller
//! ("Efficient defeasible reasoning systems", IJAIT 2001), and of Datalog grounding workloads,
//! as `.rules` text whose `expect` line states the verdict of the query.

use std::fmt::Write;

/// Write family `family` at size `n` (and branching `k` where it applies).
pub fn generate(family: &str, n: usize, k: Option<usize>) -> Result<String, String> {
    if n == 0 {
        return Err("n must be at least 1".into());
    }
    let mut s = String::with_capacity(n * 24);
    let _ = writeln!(
        s,
        "# bench-gen {family} {n}{}",
        k.map(|k| format!(" {k}")).unwrap_or_default()
    );
    match family {
        // a0 is a fact; a(i-1) => a(i). a(n) holds.
        "chain" => {
            s.push_str("a0.\n");
            for i in 1..=n {
                let _ = writeln!(s, "r{i}: a{} => a{i}.", i - 1);
            }
            let _ = writeln!(s, "query a{n}.\nexpect common: holds a{n}.");
        }
        // a(i-1) => a(i) around a circle and no fact: nothing has a finite proof.
        "circle" => {
            for i in 1..=n {
                let _ = writeln!(s, "r{i}: a{} => a{}.", i - 1, i % n);
            }
            let _ = writeln!(s, "query a0.\nexpect common: undecided a0.");
        }
        // levels(n): a(i) is supported by a(i+1) and attacked by ~a(i) from a(i+2), with the
        // supporting rule superior; levels-(n): no superiority, so conflicts alternate.
        "levels" | "levels-" => {
            let sup = family == "levels";
            let _ = writeln!(s, "a{n}.\na{}.", n + 1);
            for i in (0..n).rev() {
                let _ = writeln!(s, "p{i}: a{} => a{i}.", i + 1);
                let _ = writeln!(s, "q{i}: a{} => ~a{i}.", i + 2);
                if sup {
                    let _ = writeln!(s, "p{i} > q{i}.");
                }
            }
            // Without superiority a0 is undecided, except for n = 2, where a1 is undecided (ambiguity
            // blocks p0) while q0 rests on the fact a2: denied. Checked by evaluation for n = 1..8.
            let verdict = match (sup, n) {
                (true, _) => "holds",
                (false, 2) => "denied",
                (false, _) => "undecided",
            };
            let _ = writeln!(s, "query a0.\nexpect common: {verdict} a0.");
        }
        // teams(n): a0 is supported by 4 rules and attacked by 4, each attacker beaten by one
        // supporter; each body literal is itself the root of a team, n levels deep.
        "teams" => {
            let mut counter = 0usize;
            let mut frontier = vec![0usize];
            let mut next_id = 1usize;
            let mut leaves = Vec::new();
            for level in 0..n {
                let mut next = Vec::new();
                for &x in &frontier {
                    let mut bodies = Vec::new();
                    for _ in 0..8 {
                        bodies.push(next_id);
                        next.push(next_id);
                        next_id += 1;
                    }
                    for j in 0..4 {
                        counter += 1;
                        let _ = writeln!(s, "s{counter}: a{} => a{x}.", bodies[j]);
                        let sup = counter;
                        counter += 1;
                        let _ = writeln!(s, "t{counter}: a{} => ~a{x}.", bodies[4 + j]);
                        let _ = writeln!(s, "s{sup} > t{counter}.");
                    }
                }
                frontier = next;
                if level + 1 == n {
                    leaves = frontier.clone();
                }
            }
            for l in leaves {
                let _ = writeln!(s, "a{l}.");
            }
            let _ = writeln!(s, "query a0.\nexpect common: holds a0.");
        }
        // tree(n, k): a0 has k supporting rules... each node i has one rule with k body literals,
        // n levels; leaves are facts.
        "tree" | "dag" => {
            let k = k.unwrap_or(3).max(1);
            if family == "tree" {
                let mut frontier = vec![0usize];
                let mut next_id = 1usize;
                for level in 0..n {
                    let mut next = Vec::new();
                    for &x in &frontier {
                        let body: Vec<String> = (0..k)
                            .map(|_| {
                                let id = next_id;
                                next_id += 1;
                                next.push(id);
                                format!("a{id}")
                            })
                            .collect();
                        let _ = writeln!(s, "r{x}: {} => a{x}.", body.join(", "));
                    }
                    frontier = next;
                    if level + 1 == n {
                        for &l in &frontier {
                            let _ = writeln!(s, "a{l}.");
                        }
                    }
                    if next_id > 50_000_000 {
                        return Err("tree too large".into());
                    }
                }
            } else {
                // dag(n, k): a(i) depends on a(i+1) .. a(i+k); the last k are facts.
                for i in 0..n {
                    let body: Vec<String> = (1..=k).map(|j| format!("a{}", i + j)).collect();
                    let _ = writeln!(s, "r{i}: {} => a{i}.", body.join(", "));
                }
                for j in 0..k {
                    let _ = writeln!(s, "a{}.", n + j);
                }
            }
            let _ = writeln!(s, "query a0.\nexpect common: holds a0.");
        }
        // Transitive closure over a chain of n edges: n(n+1)/2 path facts.
        "tc-chain" => {
            for i in 0..n {
                let _ = writeln!(s, "edge(n{i}, n{}).", i + 1);
            }
            s.push_str(
                "base: edge(X, Y) => path(X, Y).\nstep: path(X, Y), edge(Y, Z) => path(X, Z).\n",
            );
            let _ = writeln!(
                s,
                "query path(n0, n{n}).\nexpect common: holds path(n0, n{n})."
            );
        }
        // Transitive closure over a pseudo-random graph of n nodes and 2n edges.
        "tc-random" => {
            let mut x: u64 = 0x9e3779b97f4a7c15;
            for i in 0..n {
                let _ = writeln!(s, "edge(n{i}, n{}).", (i + 1) % n);
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let _ = writeln!(s, "edge(n{i}, n{}).", (x % n as u64));
            }
            s.push_str(
                "base: edge(X, Y) => path(X, Y).\nstep: path(X, Y), edge(Y, Z) => path(X, Z).\n",
            );
            // The ring edges connect every node to every other.
            let _ = writeln!(
                s,
                "query path(n0, n{}).\nexpect common: holds path(n0, n{}).",
                n - 1,
                n - 1
            );
        }
        other => {
            return Err(format!(
                "unknown family `{other}`: use chain, circle, levels, levels-, teams, tree, dag, tc-chain or tc-random"
            ));
        }
    }
    Ok(s)
}
