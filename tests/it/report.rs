//! `argcheck report`: the handout page. Its table against `eval --format json` cell by cell, its
//! escaping of hostile files, its graphs and their size limit, the command's output file, and a
//! snapshot of a small report as a reader sees it.

use std::collections::BTreeMap;

use scraper::{ElementRef, Html, Node, Selector};

use crate::support::argcheck;

const ASSAD: &str = "rules/assad_warrant.rules";
const EXAMPLE: &str = "tests/cases/eval/spec_example.rules";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Parse a page; it must be HTML without a single parse error.
fn parse(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(
        doc.errors.is_empty(),
        "HTML parse errors: {:?}",
        &doc.errors[..doc.errors.len().min(10)]
    );
    doc
}

/// The report of in-memory files, through the library (what the playground calls).
fn report_of(files: &[(&str, &str)], opts: argcheck::ReportOptions) -> String {
    let mut mem = argcheck::MemoryFiles::new();
    for (name, text) in files {
        mem = mem.with(name, *text);
    }
    let limits = argcheck::Limits::default();
    let checked = argcheck::check(&[argcheck::Input::Path(files[0].0.into())], &mem, &limits);
    let e = match checked.evaluate(&limits) {
        Ok(e) => e,
        Err(failed) => panic!("{}", failed.diagnostics().render(failed.sources(), false)),
    };
    e.report(&opts)
}

/// The verdict a cell of `eval --format json` gives, as the CLI prints it.
fn status_text(v: &serde_json::Value) -> String {
    let verdict = v["verdict"].as_str().unwrap();
    if v["strictly"].as_bool().unwrap() {
        return format!("{verdict} strictly");
    }
    match v["reason"].as_str() {
        Some(r) => {
            let r = match r {
                "undecided_premise" => "undecided premise",
                "blocked_by_defeater" => "blocked by a defeater",
                r => r,
            };
            format!("{verdict} ({r})")
        }
        None => verdict.to_string(),
    }
}

/// The Assad lesson's handout has exactly the verdicts of `eval --format json`, cell by cell,
/// each as a word (not only a colour).
#[test]
fn assad_report_has_every_verdict_of_eval() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lesson.html");
    let run = argcheck(&["report", ASSAD, "-o", out.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stdout.is_empty(), "with -o nothing goes to stdout");
    let html = std::fs::read_to_string(&out).unwrap();
    let doc = parse(&html);
    let mut cells: BTreeMap<(String, String), (String, String, String)> = BTreeMap::new();
    for td in doc.select(&sel("table.verdicts td[data-literal]")) {
        let a = |k: &str| td.value().attr(k).unwrap().to_string();
        let text: String = td.text().collect();
        let key = (a("data-literal"), a("data-position"));
        assert!(
            cells
                .insert(key.clone(), (a("data-verdict"), a("data-status"), text))
                .is_none(),
            "{key:?} twice"
        );
    }
    let json = argcheck(&["eval", ASSAD, "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let mut n = 0;
    for q in v["queries"].as_array().unwrap() {
        for r in q["results"].as_array().unwrap() {
            let literal = r["literal"].as_str().unwrap();
            for c in r["verdicts"].as_array().unwrap() {
                let position = c["position"].as_str().unwrap();
                let (verdict, status, text) = cells
                    .get(&(literal.to_string(), position.to_string()))
                    .unwrap_or_else(|| panic!("no cell for {literal} under {position}"));
                assert_eq!(verdict, c["verdict"].as_str().unwrap());
                assert_eq!(*status, status_text(c), "{literal} under {position}");
                assert!(
                    text.trim().ends_with(&status_text(c)),
                    "the cell reads {text:?}"
                );
                n += 1;
            }
        }
    }
    assert_eq!(n, cells.len(), "the page has no cell the JSON lacks");
    assert_eq!(n, 21 * 8, "21 queries under 8 positions");
    // The title and header comment of the lesson, and a legend with every position's title.
    let title: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(
        title,
        "The Assad warrants and the law of immunity (flagship)"
    );
    let intro: String = doc
        .select(&sel("pre.intro"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(intro.starts_with("What this lesson teaches\n  * Personal immunity"));
    let legend: String = doc
        .select(&sel("dl.positions"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(legend.contains("Cour de cassation, Assemblee pleniere, 25 Jul 2025"));
    // Every query and position has an explanation with its decisive step outside the fold.
    let why = doc.select(&sel("article.why")).count();
    assert_eq!(why, n);
    for a in doc.select(&sel("article.why")) {
        assert!(a.select(&sel("p.headline")).next().is_some());
        assert!(
            a.select(&sel("details.reasoning ul.tree")).next().is_some(),
            "the tree is folded in a <details>"
        );
    }
    // Footnote markers lead to the page's list of sources.
    let sources = doc.select(&sel("ol.sources li")).count();
    assert!(sources >= 10, "{sources} sources");
    for a in doc.select(&sel("a.fn")) {
        let href = a.value().attr("href").unwrap();
        let id = href.strip_prefix("#src-").unwrap();
        let k: usize = id.parse().unwrap();
        assert!((1..=sources).contains(&k), "{href}");
    }
}

/// A page of the lesson: the graph where positions differ, none where they agree, and the crux
/// of each pair that disagrees.
#[test]
fn graphs_and_crux_where_positions_differ() {
    let html = argcheck(&["report", EXAMPLE], None).stdout;
    let doc = parse(&html);
    let q = doc.select(&sel("section#q1")).next().unwrap();
    // common undecided, prosecutor holds, ngos denied: three verdicts, three drawings.
    let svgs: Vec<ElementRef> = q.select(&sel("svg.graph")).collect();
    assert_eq!(svgs.len(), 3);
    for svg in &svgs {
        let text: String = svg.text().collect();
        for needed in [
            "challenge_holds(w1)",
            "~challenge_holds(w1)",
            "personal_immunity =>",
        ] {
            assert!(text.contains(needed), "{needed} in {text}");
        }
        assert!(svg.select(&sel("path.support")).next().is_some());
    }
    // Under prosecutor the crimes exception's attack is beaten; under common it is not.
    let beaten = |i: usize| svgs[i].select(&sel("path.beaten")).count();
    assert_eq!(beaten(0), 0);
    assert!(beaten(1) > 0 && beaten(2) > 0);
    // The crux of each of the three pairs names the superiority statements.
    let rows: Vec<String> = q
        .select(&sel("table.crux tbody tr"))
        .map(|r| r.text().collect())
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.contains("prosecutor") && r.contains("ngos") && r.contains("superiority")),
        "{rows:?}"
    );
    // No box overlaps another in any drawing of the Assad lesson.
    let html = argcheck(&["report", ASSAD], None).stdout;
    let doc = parse(&html);
    let mut drawn = 0;
    for svg in doc.select(&sel("svg.graph")) {
        let rects: Vec<[f64; 4]> = svg
            .select(&sel("rect"))
            .map(|r| {
                let a = |k: &str| r.value().attr(k).unwrap().parse::<f64>().unwrap();
                [a("x"), a("y"), a("width"), a("height")]
            })
            .collect();
        let w: f64 = svg.value().attr("width").unwrap().parse().unwrap();
        let h: f64 = svg.value().attr("height").unwrap().parse().unwrap();
        for (i, a) in rects.iter().enumerate() {
            assert!(a[0] >= 0.0 && a[1] >= 0.0 && a[0] + a[2] <= w && a[1] + a[3] <= h);
            for b in &rects[i + 1..] {
                let apart = a[0] + a[2] <= b[0]
                    || b[0] + b[2] <= a[0]
                    || a[1] + a[3] <= b[1]
                    || b[1] + b[3] <= a[1];
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        drawn += 1;
    }
    assert!(drawn >= 20, "{drawn} drawings");
}

/// Past the size limit the page says the graph is too large and keeps the text explanations.
#[test]
fn a_graph_past_the_limit_is_replaced_by_a_note() {
    let text = std::fs::read_to_string(crate::support::root().join(EXAMPLE)).unwrap();
    let small = argcheck::ReportOptions {
        max_graph_nodes: 5,
        ..Default::default()
    };
    let html = report_of(&[("example.rules", &text)], small);
    let doc = parse(&html);
    assert_eq!(doc.select(&sel("svg")).count(), 0);
    let notes: Vec<ElementRef> = doc.select(&sel("p.too-large")).collect();
    assert_eq!(notes.len(), 1);
    let n: usize = notes[0]
        .value()
        .attr("data-graph-nodes")
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 5);
    let note: String = notes[0].text().collect();
    assert!(
        note.contains("more than this handout draws (at most 5"),
        "{note}"
    );
    assert_eq!(doc.select(&sel("article.why")).count(), 3);
    let full = report_of(&[("example.rules", &text)], Default::default());
    assert!(!full.contains("class=\"too-large\""));
    // Few nodes, but a premise of every rule of a long chain: its lines would skip thousands of
    // columns in all. The other bound of the layout.
    let mut fan = String::from(
        "a0.\nbase.\nc: a0 => ~a1.\nposition pro { r1 > c. }\nposition con { c > r1. }\nquery a70.\n",
    );
    for i in 1..=70 {
        fan.push_str(&format!("r{i}: a{}, base => a{i}.\n", i - 1));
    }
    let html = report_of(&[("fan.rules", &fan)], Default::default());
    let doc = parse(&html);
    let note: String = doc
        .select(&sel("p.too-large"))
        .next()
        .expect("a note")
        .text()
        .collect();
    assert!(
        note.contains("144 literals and rules: few enough, but"),
        "{note}"
    );
    assert!(note.contains("more than 2000 points"), "{note}");
    assert_eq!(doc.select(&sel("svg")).count(), 0);
}

/// A file whose every string, name and comment is hostile: the page escapes them all, runs no
/// script, loads nothing, and parses without error; the text reads as written.
#[test]
fn hostile_text_is_escaped_everywhere() {
    let hostile = "# <script>alert(\"header\")</script> & 'q' --> ]]> <!-- café ✓ 日本 \u{1}\u{7f}\n\
        # </pre><img src=x onerror=alert(1)> <style>@import url(http://evil.example/x.css)</style>\n\
        source s1 \"<script>alert('cite')</script> & \\\"q\\\" --> ]]> <a href=\\\"http://evil.example\\\">x</a> //cdn.example \u{1b}[31m\u{7}\".\n\
        predicate p(X) \"<b>{X}</b> is <script>p</script>\".\n\
        name a \"<script>name</script> & co --> ]]> é\".\n\
        p(a) from s1.\n\
        q(\"<script>str</script> \u{1} \\\" ]]>\").\n\
        r1: p(X) => goal(X) from s1.\n\
        r2: q(S) => ~goal(a).\n\
        position pro \"<script>title</script> \\\"x\\\" & y\" { r1 > r2. }\n\
        position con \"</title><script>alert(2)</script>\" { r2 > r1. }\n\
        query \"<script>query</script> & --> ]]>\" goal(a).\n";
    let html = report_of(&[("<script>x</script>.rules", hostile)], Default::default());
    let doc = parse(&html);
    let lower = html.to_lowercase();
    for raw in [
        "<script",
        "<img",
        "<b>",
        "<a href=\"http",
        "<!--",
        "-->",
        "]]>",
        "<style>@import",
        "</title><script",
    ] {
        assert!(!lower.contains(raw), "{raw} appears unescaped");
    }
    assert!(
        html.chars()
            .all(|c| c == '\n' || c == '\t' || !(c.is_control())),
        "a control character is in the page"
    );
    // Nothing that loads: no element that fetches, every link to the page itself, no handler.
    for tag in [
        "script",
        "img",
        "link",
        "iframe",
        "object",
        "embed",
        "audio",
        "video",
        "image",
        "use",
        "a[href^=h]",
    ] {
        assert_eq!(doc.select(&sel(tag)).count(), 0, "<{tag}> in the page");
    }
    assert_eq!(doc.select(&sel("style")).count(), 1);
    for el in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "handler {name}");
            if [
                "href",
                "src",
                "xlink:href",
                "action",
                "srcset",
                "poster",
                "data",
            ]
            .contains(&name)
            {
                assert!(value.starts_with('#'), "{name}={value}");
            }
            if name == "style" || value.contains("url(") {
                assert!(
                    !value.contains("url(") || value.starts_with("url(#"),
                    "{value}"
                );
            }
        }
    }
    let css: String = doc.select(&sel("style")).next().unwrap().text().collect();
    assert!(!css.contains("@import") && !css.contains("url(") && !css.contains("//"));
    // Every hostile text reads as written (as text, not markup), non-ASCII included.
    let text: String = doc.root_element().text().collect();
    for s in [
        "<script>alert(\"header\")</script> & 'q' --> ]]> <!-- café ✓ 日本",
        "<script>alert('cite')</script> & \"q\" --> ]]>",
        "<script>title</script> \"x\" & y",
        "</title><script>alert(2)</script>",
        "<script>query</script> & --> ]]>",
        "<script>name</script> & co --> ]]> é",
        "<script>x</script>.rules",
    ] {
        assert!(text.contains(s), "{s} is not in the page's text");
    }
    let title: String = doc.select(&sel("title")).next().unwrap().text().collect();
    assert!(
        title.starts_with("<script>alert(\"header\")</script>"),
        "{title}"
    );
    // Control characters are shown as their pictures.
    assert!(text.contains("␁"));
}

/// `--position`, the what-if flags and `-o` over an existing file.
#[test]
fn command_line_options() {
    let run = argcheck(&["report", EXAMPLE, "--position", "ngos"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc = parse(&run.stdout);
    let positions: Vec<String> = doc
        .select(&sel("td[data-position]"))
        .map(|td| td.value().attr("data-position").unwrap().to_string())
        .collect();
    assert_eq!(positions, ["ngos"]);
    let run = argcheck(&["report", EXAMPLE, "--position", "ngo"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("ngos"), "{}", run.stderr);
    // Hypothetical: the page says so and marks the changed verdict.
    let run = argcheck(
        &[
            "report",
            EXAMPLE,
            "--reject",
            "crimes_exception",
            "--position",
            "ngos",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc = parse(&run.stdout);
    let note: String = doc
        .select(&sel("p.hypothetical"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(note.contains("crimes_exception"), "{note}");
    let td = doc
        .select(&sel("td.changed"))
        .next()
        .expect("a changed cell");
    assert_eq!(td.value().attr("data-changed"), Some("denied"));
    assert_eq!(td.value().attr("data-verdict"), Some("holds"));
    // -o replaces an existing file.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("old.html");
    std::fs::write(&out, "old").unwrap();
    let run = argcheck(&["report", EXAMPLE, "-o", out.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let missing = dir.path().join("no/such/dir/x.html");
    let run = argcheck(&["report", EXAMPLE, "-o", missing.to_str().unwrap()], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    // The page itself names no address: no scheme, no protocol-relative link.
    let page = argcheck(&["report", EXAMPLE], None).stdout;
    assert!(!page.contains("http") && !page.contains("//"));
}

/// The page as a reader sees it: headings, paragraphs, list items and table rows as lines, a
/// drawing as a summary of what it shows.
fn reading(doc: &Html) -> String {
    let mut out = String::new();
    let body = doc.select(&sel("body")).next().unwrap();
    let blocks = [
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "li",
        "tr",
        "dt",
        "dd",
        "pre",
        "figcaption",
        "summary",
    ];
    let mut stack = vec![(*body, false)];
    while let Some((node, close)) = stack.pop() {
        let Some(el) = ElementRef::wrap(node) else {
            if let Node::Text(t) = node.value() {
                if t.starts_with(char::is_whitespace) && !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
                out.push_str(&t.split_whitespace().collect::<Vec<_>>().join(" "));
                if t.ends_with(char::is_whitespace) && !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
            }
            continue;
        };
        let name = el.value().name();
        if close {
            if blocks.contains(&name) && !out.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        match name {
            "svg" => {
                let n = |s: &str| el.select(&sel(s)).count();
                out.push_str(&format!(
                    "[graph: {} literals, {} rules, {} support, {} attack, {} beaten attack, {} faded]\n",
                    n("g.lit"),
                    n("g.rule"),
                    n("path.support"),
                    n("path.attack"),
                    n("path.beaten"),
                    n(".absent")
                ));
                continue;
            }
            "style" | "title" => continue,
            "br" => out.push('\n'),
            "td" | "th" => out.push_str(" | "),
            "details" if el.value().attr("open").is_none() => out.push_str("[folded] "),
            _ => {}
        }
        if blocks.contains(&name) && !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        stack.push((node, true));
        let children: Vec<_> = node.children().collect();
        for c in children.into_iter().rev() {
            stack.push((c, false));
        }
    }
    let mut lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
    lines
        .join("\n")
        .replace(env!("CARGO_PKG_VERSION"), "VERSION")
}

#[test]
fn snapshot_of_a_small_report() {
    let run = argcheck(&["report", EXAMPLE], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let doc = parse(&run.stdout);
    insta::assert_snapshot!("report_spec_example", reading(&doc));
}
