//! Properties of `fmt` on generated programs: it always succeeds on valid input, is idempotent,
//! keeps every comment, and changes no verdict.

use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "assad", "syria"]).prop_map(String::from)
}

fn pred() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["p", "q", "r", "immune"]).prop_map(String::from)
}

fn term(vars: bool) -> impl Strategy<Value = String> {
    if vars {
        prop_oneof![
            name(),
            prop::sample::select(vec!["X", "Y"]).prop_map(String::from),
            (1990i32..2030).prop_map(|y| format!("{y}-01-15")),
            (-5i64..50).prop_map(|n| n.to_string()),
        ]
        .boxed()
    } else {
        prop_oneof![
            name(),
            (-5i64..50).prop_map(|n| n.to_string()),
            Just("\"a \\\"quoted\\\" text\"".to_string())
        ]
        .boxed()
    }
}

/// Literals use each predicate with arity 1 so that generated programs are well formed; variables
/// appear in heads only when the first body literal binds them.
fn literal(arg: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    (any::<bool>(), pred(), arg)
        .prop_map(|(neg, p, a)| format!("{}{p}({a})", if neg { "~" } else { "" }))
}

fn space() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", " ", "  ", "\n    ", "\t"]).prop_map(String::from)
}

fn statement(i: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        (literal(term(false).boxed()), space()).prop_map(|(l, s)| format!("{l}{s}.")),
        (
            literal(Just("X".to_string()).boxed()),
            prop::collection::vec(literal(term(true).boxed()), 0..3),
            prop::sample::select(vec!["->", "=>", "~>"]),
            literal(prop_oneof![Just("X".to_string()), name()].boxed()),
            space(),
        )
            .prop_map(move |(first, rest, arrow, head, s)| {
                let mut body = vec![first];
                body.extend(rest);
                format!("r{i}:{s}{}{s}{arrow} {head}.", body.join(&format!(",{s}")))
            }),
        (0..8usize, 0..8usize).prop_map(|(a, b)| format!("r{a} > r{b}.")),
        Just("# a comment, with a . and \"quotes\"".to_string()),
        literal(term(true).boxed()).prop_map(|l| format!("query {l}.")),
    ]
}

fn program() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((0..1usize).prop_flat_map(|_| any::<u8>()), 1..12),
        any::<bool>(),
    )
        .prop_flat_map(|(seeds, with_position)| {
            let n = seeds.len();
            let stmts: Vec<_> = (0..n).map(statement).collect();
            (
                stmts,
                prop::collection::vec(any::<bool>(), n),
                Just(with_position),
            )
        })
        .prop_map(|(stmts, trailing, with_position)| {
            let mut text = String::new();
            let split = stmts.len() / 2;
            for (k, (s, t)) in stmts.iter().zip(trailing).enumerate() {
                if with_position && k == split {
                    text.push_str("position pos \"a view\" {\n");
                }
                text.push_str(s);
                if t && !s.starts_with('#') {
                    text.push_str("  # trailing");
                }
                text.push('\n');
            }
            if with_position {
                text.push_str("}\n");
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn fmt_is_idempotent_and_keeps_meaning(text in program()) {
        let once = argcheck::format("gen.rules", &text)
            .map_err(|(_, d)| format!("{:?}", d))
            .expect("generated programs parse");
        let twice = argcheck::format("gen.rules", &once).expect("formatted text parses");
        prop_assert_eq!(&once, &twice);
        let comments = |t: &str| t.matches('#').count();
        prop_assert_eq!(comments(&text), comments(&once));
        let before = crate::support::conclusion_table(&text);
        let after = crate::support::conclusion_table(&once);
        match (before, after) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "fmt changed whether the program is valid: {:?} vs {:?}", a.is_ok(), b.is_ok()),
        }
    }
}
