//! Generators of the standard scalable theories of Maher, Rock, Antoniou, Billington and Miller
//! ("Efficient defeasible reasoning systems", IJAIT 2001), and of Datalog grounding workloads,
//! as `.rules` text whose `expect` line states the verdict of the query.

use std::fmt::Write;

/// No generated theory has more rules and facts than this (a bound on the text we build in memory).
const MAX_GENERATED: usize = 50_000_000;

/// Write family `family` at size `n` (and branching `k` where it applies), numbered exactly as the
/// paper's generator (Andrew Rock's DTScale) numbers rules and literals.
pub fn generate(family: &str, n: usize, k: Option<usize>) -> Result<String, String> {
    if n == 0 {
        return Err("n must be at least 1".into());
    }
    if n > MAX_GENERATED {
        return Err(format!("n must be at most {MAX_GENERATED}"));
    }
    let mut s = String::with_capacity(n.min(1 << 20) * 24);
    let _ = writeln!(
        s,
        "# bench-gen {family} {n}{}",
        k.map(|k| format!(" {k}")).unwrap_or_default()
    );
    match family {
        // Fact a0; r_i: a(i-1) => a(i), i = 1..n. a(n) holds. [n rules]
        "chain" => {
            s.push_str("a0.\n");
            for i in 1..=n {
                let _ = writeln!(s, "r{i}: a{} => a{i}.", i - 1);
            }
            let _ = writeln!(s, "query a{n}.\nexpect common: holds a{n}.");
        }
        // r_i: a(i) => a((i+1) mod n) and no fact: nothing has a finite proof. [n rules]
        "circle" => {
            for i in 0..n {
                let _ = writeln!(s, "r{i}: a{i} => a{}.", (i + 1) % n);
            }
            let _ = writeln!(s, "query a0.\nexpect common: undecided a0.");
        }
        // levels(n): `=> a0`, then for i = 0..n four rules: a(2i+1) attacks a(2i), a(2i+1) is
        // asserted and attacked by a(2i+2), a(2i+2) is asserted; the attack on a(2i+1) is superior,
        // so every odd literal falls and every even one stands. levels-(n): no superiority, so
        // every odd literal is ambiguous, and ambiguity blocking keeps its attack on a(2i) from
        // counting. a0 holds in both. [4n+5 rules]
        "levels" | "levels-" => {
            let sup = family == "levels";
            s.push_str("r0: => a0.\n");
            for i in 0..=n {
                let (r, a) = (4 * i, 2 * i);
                let _ = writeln!(s, "r{}: a{} => ~a{a}.", r + 1, a + 1);
                let _ = writeln!(s, "r{}: => a{}.", r + 2, a + 1);
                let _ = writeln!(s, "r{}: a{} => ~a{}.", r + 3, a + 2, a + 1);
                let _ = writeln!(s, "r{}: => a{}.", r + 4, a + 2);
                if sup {
                    let _ = writeln!(s, "r{} > r{}.", r + 3, r + 2);
                }
            }
            let _ = writeln!(s, "query a0.\nexpect common: holds a0.");
        }
        // teams(n): every literal of levels 0..n has two rules for it and two against, and each
        // rule against it is beaten by a different rule for it; the body of rule m is a(m+1), a
        // literal of the next level, and the rules of level n have empty bodies. No rule for a
        // literal beats both attackers, so a0 holds by team defeat only. [4(4^(n+1)-1)/3 rules]
        "teams" => {
            let mut above = 0usize; // rules in the levels above
            for level in 0..=n {
                let width = 4usize
                    .checked_pow(level as u32 + 1)
                    .filter(|w| above + w <= MAX_GENERATED)
                    .ok_or("teams: too many rules")?;
                for j in 0..width {
                    let m = above + j;
                    let neg = if j % 4 < 2 { "" } else { "~" };
                    if level < n {
                        let _ = writeln!(s, "r{m}: a{} => {neg}a{}.", m + 1, m / 4);
                    } else {
                        let _ = writeln!(s, "r{m}: => {neg}a{}.", m / 4);
                    }
                }
                for j in (0..width).step_by(4) {
                    let m = above + j;
                    let _ = writeln!(s, "r{m} > r{}.\nr{} > r{}.", m + 2, m + 1, m + 3);
                }
                above += width;
            }
            let _ = writeln!(s, "query a0.\nexpect common: holds a0.");
        }
        // tree(n, k): a0 is the root of a k-branching tree of depth n; each inner node has one rule
        // with its k children as body, the leaves are facts. [(k^n-1)/(k-1) rules, k^n facts]
        "tree" => {
            let k = k.unwrap_or(3).max(1);
            let mut above = 0usize; // nodes above depth d
            let mut width = 1usize; // nodes at depth d
            for _ in 0..n {
                if above + width * (k + 1) > MAX_GENERATED {
                    return Err("tree: too many rules".into());
                }
                for w in 0..width {
                    let below = above + width + w * k;
                    let _ = write!(s, "r{}: ", above + w);
                    for j in below..below + k {
                        let sep = if j + 1 < below + k { ", " } else { "" };
                        let _ = write!(s, "a{j}{sep}");
                    }
                    let _ = writeln!(s, " => a{}.", above + w);
                }
                above += width;
                width *= k;
            }
            for i in above..above + width {
                let _ = writeln!(s, "a{i}.");
            }
            let _ = writeln!(s, "query a0.\nexpect common: holds a0.");
        }
        // dag(n, k): r_i: a(i+1), ..., a(i+k) => a(i) for i = 0..kn; the last k literals are facts.
        // [kn+1 rules]
        "dag" => {
            let k = k.unwrap_or(3).max(1);
            let rules = k
                .checked_mul(n)
                .filter(|&r| r <= MAX_GENERATED)
                .ok_or("dag: too many rules")?;
            for i in 0..=rules {
                let _ = write!(s, "r{i}: ");
                for j in 1..=k {
                    let sep = if j < k { ", " } else { "" };
                    let _ = write!(s, "a{}{sep}", i + j);
                }
                let _ = writeln!(s, " => a{i}.");
            }
            for i in rules + 1..=rules + k {
                let _ = writeln!(s, "a{i}.");
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
