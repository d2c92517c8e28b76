//! The transition table drawn from [`TRANSITIONS`]: aligned text for people, Graphviz DOT for
//! the diagram (`docs/lifecycle.svg`). JSON is the rows' serde form.

use std::fmt::Write;

use super::{Status, TRANSITIONS, Transition};
use crate::demande::Actor;

/// The table as aligned text: a header, then one row per line, `-` for no statut (the
/// creation events' `from`, `annuler`'s `to`).
///
/// ```
/// let text = rppsplus_core::workflow::table_text();
/// assert!(text.starts_with("event"));
/// assert!(text.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["annuler", "gestionnaire", "en_cours_enregistrement", "-", "created_by_gestionnaire"]));
/// ```
pub fn table_text() -> String {
    let rows: Vec<[String; 5]> = TRANSITIONS.iter().map(cells).collect();
    let header = ["event", "actor", "from", "to", "guards"].map(String::from);
    let mut widths = [0; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            let _ = write!(line, "{cell:w$}  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The cells of a row; the guards joined by `,`, `-` when none.
fn cells(t: &Transition) -> [String; 5] {
    let guards: Vec<&str> = t.guards.iter().map(|g| g.as_str()).collect();
    [
        t.event.as_str().into(),
        t.actor.as_str().into(),
        t.from.map_or("-", Status::as_str).into(),
        t.to.map_or("-", Status::as_str).into(),
        if guards.is_empty() {
            "-".into()
        } else {
            guards.join(",")
        },
    ]
}

/// The state machine as a Graphviz digraph: one node per statut (label and code; terminal
/// statuts doubly framed), a start point for the creation events, a node for a discarded
/// demande, one edge per row labelled `event (P|G|R)` and its guards, coloured by actor.
///
/// ```
/// let dot = rppsplus_core::workflow::table_dot();
/// assert!(dot.starts_with("digraph lifecycle {"));
/// assert!(dot.contains(r#"en_cours_enregistrement -> envoyee_rpps [label="valider (G)\nvalidation""#));
/// ```
pub fn table_dot() -> String {
    let mut out = String::from("digraph lifecycle {\n");
    out.push_str(
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, \
         label=\"Cycle de vie d'une demande RPPS+ (docs/domain.md §5)\\nP = professionnel, G = gestionnaire, R = rpps\"];\n",
    );
    out.push_str("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    out.push_str("  start [shape=circle, style=filled, fillcolor=black, label=\"\", width=0.2];\n");
    out.push_str("  discarded [style=dashed, label=\"annulée : supprimée\\n(aucun statut)\"];\n");
    for s in Status::ALL {
        let frame = if s.is_terminal() { ", peripheries=2" } else { "" };
        let _ = writeln!(out, "  {s} [label=\"{}\\n({s})\"{frame}];", s.label());
    }
    for t in TRANSITIONS {
        let from = t.from.map_or("start", Status::as_str);
        let to = t.to.map_or("discarded", Status::as_str);
        let (letter, color) = match t.actor {
            Actor::Professionnel => ("P", "#1f5fa8"),
            Actor::Gestionnaire => ("G", "#2e7d32"),
            Actor::Rpps => ("R", "#b23b3b"),
        };
        let mut label = format!("{} ({letter})", t.event);
        for g in t.guards {
            let _ = write!(label, "\\n{g}");
        }
        let _ = writeln!(
            out,
            "  {from} -> {to} [label=\"{label}\", color=\"{color}\", fontcolor=\"{color}\"];"
        );
    }
    out.push_str("}\n");
    out
}
