//! docs/lifecycle.md shows the statuts, the transition table and the guards as the core has
//! them: its generated blocks are rebuilt here from the core's data, and the test fails when
//! the committed file differs. `RPPSPLUS_BLESS=1` rewrites them. Every error code is
//! documented there too.

use std::fmt::Write;

use rppsplus_core::demande::Procedure;
use rppsplus_core::workflow::{ErrorCode, Guard, Status, TRANSITIONS};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/lifecycle.md");

/// The markdown of each generated block, by name.
fn blocks() -> Vec<(&'static str, String)> {
    let mut statuses = String::from("| code | label | terminal |\n|---|---|---|\n");
    for s in Status::ALL {
        let terminal = if s.is_terminal() { "yes" } else { "" };
        let _ = writeln!(statuses, "| `{s}` | {} | {terminal} |", s.label());
    }
    let mut transitions = String::from("| event | actor | from | to | guards |\n|---|---|---|---|---|\n");
    for t in TRANSITIONS {
        let name = |s: Option<Status>, none: &str| s.map_or(none.to_owned(), |s| format!("`{s}`"));
        let guards: Vec<String> = t.guards.iter().map(|g| format!("`{g}`")).collect();
        let _ = writeln!(
            transitions,
            "| `{}` | `{}` | {} | {} | {} |",
            t.event,
            t.actor,
            name(t.from, "— (creates it)"),
            name(t.to, "— (discarded)"),
            guards.join(", ")
        );
    }
    let mut guards = String::from("| guard | what it asks | en français |\n|---|---|---|\n");
    for g in Guard::ALL {
        let _ = writeln!(guards, "| `{g}` | {} | {} |", g.description_en(), g.description_fr());
    }
    let mut procedures = String::from("| procedure | label |\n|---|---|\n");
    for p in Procedure::ALL {
        let _ = writeln!(procedures, "| `{p}` | {} |", p.label());
    }
    vec![
        ("statuses", statuses),
        ("procedures", procedures),
        ("transitions", transitions),
        ("guards", guards),
    ]
}

/// `doc` with each generated block replaced by what the core gives.
fn regenerate(doc: &str) -> String {
    let mut out = doc.to_owned();
    for (name, body) in blocks() {
        let begin =
            format!("<!-- generated:{name} (RPPSPLUS_BLESS=1 cargo test -p rppsplus-core --test lifecycle_doc) -->\n");
        let end = format!("<!-- /generated:{name} -->");
        let start = out
            .find(&begin)
            .unwrap_or_else(|| panic!("docs/lifecycle.md lacks the block {name}"))
            + begin.len();
        let stop = start
            + out[start..]
                .find(&end)
                .unwrap_or_else(|| panic!("block {name} is not closed"));
        out.replace_range(start..stop, &body);
    }
    out
}

#[test]
fn the_generated_tables_are_fresh() {
    let doc = std::fs::read_to_string(DOC).expect("docs/lifecycle.md");
    let fresh = regenerate(&doc);
    if std::env::var_os("RPPSPLUS_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(DOC, &fresh).expect("docs/lifecycle.md is writable");
        return;
    }
    assert!(
        doc == fresh,
        "docs/lifecycle.md is stale: the core's table changed without the docs. Regenerate with\n    \
         RPPSPLUS_BLESS=1 cargo test -p rppsplus-core --test lifecycle_doc"
    );
}

#[test]
fn every_error_code_is_documented() {
    let doc = std::fs::read_to_string(DOC).expect("docs/lifecycle.md");
    for code in ErrorCode::NAMES {
        assert!(
            doc.contains(&format!("| `{code}` |")),
            "{code} is not in the codes table of docs/lifecycle.md"
        );
    }
}
