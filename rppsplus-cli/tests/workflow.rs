//! The CLI contract of `rppsplus workflow table|run` (docs/cli.md), run on the built binary.

mod common;

use std::process::Output;

use common::{rppsplus, stdout};

/// The sample scenario, by its path.
const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/scenario.json");

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

#[test]
fn table_rows_in_every_format() {
    let o = rppsplus(&["workflow", "table", "--format", "json"], b"");
    assert_eq!(o.status.code(), Some(0));
    let rows = json(&o);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), rppsplus_core::workflow::TRANSITIONS.len());
    assert_eq!(
        rows[0],
        serde_json::json!({"event": "creer", "actor": "professionnel", "from": null, "to": "saisie_professionnel"})
    );
    assert!(rows.iter().any(|r| r["event"] == "annuler" && r["to"].is_null()));
    let text = rppsplus(&["workflow", "table"], b"");
    assert_eq!(stdout(&text), rppsplus_core::workflow::table_text());
    let dot = rppsplus(&["workflow", "table", "--format", "dot"], b"");
    assert_eq!(stdout(&dot), rppsplus_core::workflow::table_dot());
    assert_eq!(
        rppsplus(&["workflow", "table", "--format", "svg"], b"").status.code(),
        Some(2)
    );
}

#[test]
fn the_sample_scenario_registers_a_professional() {
    let o = rppsplus(&["workflow", "run", SCENARIO], b"");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    insta::assert_json_snapshot!("scenario_run", json(&o));
}

#[test]
fn a_refused_event_stops_the_run() {
    let scenario = br#"{"demande": {"procedure": "primo_enregistrement"},
        "events": [{"event": "creer", "actor": "gestionnaire", "at": "2026-11-23T09:30:00Z"},
                   {"event": "refuser", "actor": "gestionnaire", "at": "2026-11-23T09:31:00Z"},
                   {"event": "annuler", "actor": "gestionnaire"}]}"#;
    let o = rppsplus(&["workflow", "run", "-"], scenario);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(v["status"], "en_cours_enregistrement");
    assert_eq!(v["numero"], "P20261123093000");
    assert_eq!(v["history"].as_array().unwrap().len(), 1);
    assert_eq!(v["dossier"], serde_json::Value::Null);
    assert_eq!(
        v["error"],
        serde_json::json!({"code": "wrong_creator",
            "message": "« refuser » ne s'applique qu'à une demande créée par le professionnel",
            "message_en": "refuser applies only to a demande created by the professionnel",
            "allowed": ["valider", "annuler", "modifier"], "event_index": 1})
    );
    let unknown = br#"{"demande": {}, "events": [{"event": "valide", "actor": "gestionnaire"}]}"#;
    let v = json(&rppsplus(&["workflow", "run", "-"], unknown));
    assert_eq!(
        (v["error"]["code"].as_str(), v["status"].is_null()),
        (Some("unknown_event"), true)
    );
}

#[test]
fn an_unreadable_scenario_is_exit_2() {
    for bad in [
        &b"{\"demande\": "[..],
        b"{\"events\": []}",
        b"{\"demande\": {\"procedur\": 1}, \"events\": []}",
    ] {
        let o = rppsplus(&["workflow", "run", "-"], bad);
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty());
        assert!(String::from_utf8(o.stderr).unwrap().contains("(invalid_json)"));
    }
    assert_eq!(
        rppsplus(&["workflow", "run", "no/such/file.json"], b"").status.code(),
        Some(2)
    );
}
