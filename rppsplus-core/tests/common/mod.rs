//! Demandes, dossiers and times shared by the lifecycle tests. The état civil and contact
//! values are distinct from every public value (nom d'exercice, structure…), so a test can
//! look for them in messages.
#![allow(dead_code)] // each test file uses part of these

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use rppsplus_core::demande::{Actor, Demande};
use rppsplus_core::ids::Rpps;
use rppsplus_core::workflow::{Command, Dossier, Event, Tracked};

/// The confidential values of [`primo`]: none may appear in a message or a `Debug`.
pub const CONFIDENTIAL: &[&str] = &["MARTIN", "Jeanne", "1999-05-05", "jeanne.martin", "730494959"];

/// 2026-11-23 09:30 UTC plus `minutes`.
pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap() + TimeDelta::minutes(minutes)
}

/// A valid RPPS number (strict mode): sequence `1000000000 + n` and its key.
pub fn rpps(n: u32) -> Rpps {
    Rpps::from_sequence(&(1_000_000_000 + u64::from(n)).to_string()).unwrap()
}

fn json(text: &str) -> Demande {
    serde_json::from_str(text).expect("the test demande parses")
}

/// A primo enregistrement valid at stage submit for the gestionnaire, état civil typed.
pub fn primo() -> Demande {
    json(
        r#"{"procedure": "primo_enregistrement",
        "etat_civil": {"civilite": "MME", "sexe": "F", "nom_naissance": "MARTIN", "prenoms": ["Jeanne"],
                       "date_naissance": "1999-05-05", "pays_naissance": "99100", "commune_naissance": "13203",
                       "source": "saisie"},
        "contact": {"email": "jeanne.martin@example.org", "telephone_mobile": "+33730494959"},
        "situation": {"nom_exercice": "DUPONT", "prenom_exercice": "Nathalie", "structure": {"finess": "970405593"},
                      "profession": "326", "role": "GENR08", "date_prise_fonction": "2022-05-02"},
        "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}}"#,
    )
}

/// [`primo`] pre-registered through FranceConnect.
pub fn primo_fc() -> Demande {
    let mut d = primo();
    d.etat_civil.as_mut().unwrap().source = Some("franceconnect".parse().unwrap());
    d
}

/// A demande of `procedure` for the registered person `rpps`, valid at stage submit.
pub fn for_person(procedure: &str, rpps: Rpps, situation_id: Option<&str>) -> Demande {
    let situation = match procedure {
        "ajout_situation" => r#", "situation": {"nom_exercice": "DUPONT", "prenom_exercice": "Nathalie",
            "structure": {"finess": "970405593"}, "profession": "328", "role": "GENR08",
            "date_prise_fonction": "2023-01-02"}"#
            .to_owned(),
        "fermeture_situation" => format!(
            r#", "situation": {{"id": "{}", "date_fin_fonction": "2026-11-01", "motif_fin": "CHA"}}"#,
            situation_id.unwrap_or_default()
        ),
        "annulation_situation" => format!(r#", "situation": {{"id": "{}"}}"#, situation_id.unwrap_or_default()),
        "modification_nom_prenom_exercice" => r#", "situation": {"nom_exercice": "DURAND"}"#.to_owned(),
        _ => String::new(),
    };
    let contact = match procedure {
        "modification_informations" | "ajout_situation" => r#", "contact": {"email": "jeanne.durand@example.org"}"#,
        _ => "",
    };
    json(&format!(
        r#"{{"procedure": "{procedure}", "rpps": "{rpps}"{situation}{contact},
            "confirmations": {{"cgu_acceptees": true, "rencontre_en_personne": true}}}}"#
    ))
}

/// The dossier of a person registered before, with one open situation `S1`.
pub fn dossier(rpps: Rpps) -> Dossier {
    Dossier::from_json(
        format!(
            r#"{{"rpps": "{rpps}", "etat_civil": {{"nom_naissance": "MARTIN", "prenoms": ["Jeanne"]}},
            "contact": {{"email": "jeanne.martin@example.org"}}, "nom_exercice": "DUPONT", "prenom_exercice": "Nathalie",
            "situations": [{{"id": "S1", "structure": {{"finess": "970405593"}}, "profession": "326",
                             "role": "GENR08", "date_prise_fonction": "2022-05-02"}}]}}"#
        )
        .as_bytes(),
    )
    .expect("the test dossier is consistent")
}

/// `event` by `actor`.
pub fn cmd(event: Event, actor: Actor) -> Command {
    Command::new(event, actor)
}

/// A demande created by `actor` with `demande` at minute 0, then moved by `events`, one
/// minute apart.
pub fn tracked(actor: Actor, demande: Demande, events: &[Command]) -> Tracked {
    let event = if actor == Actor::Professionnel && demande.procedure != Some("primo_enregistrement".parse().unwrap()) {
        Event::Envoyer
    } else {
        Event::Creer
    };
    let command = Command::new(event, actor).with_demande(demande);
    let mut t = Tracked::create_at(command, "P20261123093000".parse().unwrap(), at(0)).expect("created");
    for (i, c) in events.iter().enumerate() {
        t.apply_at(c.clone(), at(i as i64 + 1)).expect("each step applies");
    }
    t
}
