//! The lifecycle functions called through the rlib, as C would call them: the sample
//! scenario (examples/data/scenario.json) on a demande and on a registry, against the
//! core's run of it; refusals that change nothing (transition refused, guard failed with its
//! report, pending demande); journals reopened after a crash and refused when edited;
//! threads on one registry; NULL everywhere, bad values, small buffers, `free(NULL)`.

use std::ffi::c_char;
use std::sync::Barrier;
use std::{ptr, slice, str};

use rppsplus::*;
use rppsplus_core::workflow::{ErrorCode, Event, Scenario, Status, Tracked};
use serde_json::Value;

const OK: rppsplus_result = RPPSPLUS_RESULT_OK;
const NULL: rppsplus_result = RPPSPLUS_RESULT_NULL_PARAMETER;
const PARAM: rppsplus_result = RPPSPLUS_RESULT_INVALID_PARAMETER;
const SMALL: rppsplus_result = RPPSPLUS_RESULT_INSUFFICIENT_SIZE;
const P: rppsplus_actor = RPPSPLUS_ACTOR_PROFESSIONNEL;
const G: rppsplus_actor = RPPSPLUS_ACTOR_GESTIONNAIRE;
const R: rppsplus_actor = RPPSPLUS_ACTOR_RPPS;

/// The values of the confidential fields of the sample scenario's demande.
const CONFIDENTIAL: &[&str] = &["1999-05-05", "nathalie.dupont@example.org", "730494959"];

fn scenario() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/scenario.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("examples/data/scenario.json")).expect("JSON")
}

/// The C value of an event or actor name.
fn event(name: &str) -> rppsplus_event {
    let i = Event::ALL.iter().position(|e| e.as_str() == name).expect("an event");
    rppsplus_event(u32::try_from(i).unwrap())
}

fn actor(name: &str) -> rppsplus_actor {
    [P, G, R]
        .into_iter()
        // SAFETY: static names.
        .find(|a| unsafe { std::ffi::CStr::from_ptr(rppsplus_actor_name(*a)) }.to_str() == Ok(name))
        .expect("an actor")
}

fn view(s: rppsplus_str) -> Option<String> {
    if s.data.is_null() {
        assert_eq!(s.len, 0);
        return None;
    }
    // SAFETY: a view of `len` bytes, live while its handle is.
    let bytes = unsafe { slice::from_raw_parts(s.data.cast::<u8>(), s.len) };
    Some(str::from_utf8(bytes).expect("UTF-8 view").to_owned())
}

fn bytes(text: &str) -> (*const c_char, usize) {
    (text.as_ptr().cast(), text.len())
}

/// A text output read the documented way: the length first, then the text.
fn text_out(write: impl Fn(*mut c_char, usize, *mut usize) -> rppsplus_result) -> Result<String, rppsplus_result> {
    let mut len = 0;
    match write(ptr::null_mut(), 0, &mut len) {
        SMALL => {}
        rc => return Err(rc),
    }
    let mut buf = vec![0x55 as c_char; len + 1];
    let mut written = 0;
    assert_eq!(write(buf.as_mut_ptr(), len + 1, &mut written), OK);
    assert_eq!(written, len);
    let bytes: Vec<u8> = buf[..len].iter().map(|&c| c as u8).collect();
    Ok(String::from_utf8(bytes).expect("UTF-8"))
}

/// A command owned by a test.
struct Cmd(*mut rppsplus_command);

impl Cmd {
    fn new(event: rppsplus_event, actor: rppsplus_actor) -> Self {
        let mut out = ptr::null_mut();
        // SAFETY: a writable out.
        assert_eq!(unsafe { rppsplus_command_new(event, actor, &mut out) }, OK);
        Self(out)
    }

    fn motif(self, motif: &str) -> Self {
        let (p, l) = bytes(motif);
        // SAFETY: a live command, valid bytes.
        assert_eq!(unsafe { rppsplus_command_set_motif(self.0, p, l) }, OK);
        self
    }

    fn rpps(self, rpps: &str) -> Self {
        let (p, l) = bytes(rpps);
        // SAFETY: as above.
        assert_eq!(unsafe { rppsplus_command_set_rpps(self.0, p, l) }, OK);
        self
    }

    fn demande(self, json: &str) -> Self {
        let (p, l) = bytes(json);
        // SAFETY: as above.
        assert_eq!(unsafe { rppsplus_command_set_demande(self.0, p, l) }, OK);
        self
    }

    fn at(self, at: &str) -> Self {
        let (p, l) = bytes(at);
        // SAFETY: as above.
        assert_eq!(unsafe { rppsplus_command_set_at(self.0, p, l) }, OK);
        self
    }

    /// The command of a scenario event (`{"event", "actor", "motif"?, "rpps"?, "at"?,
    /// "demande"?}`), with `content` when the event brings none.
    fn of(e: &Value, content: Option<&Value>) -> Self {
        let mut cmd = Self::new(event(e["event"].as_str().unwrap()), actor(e["actor"].as_str().unwrap()));
        for (key, set) in [
            ("motif", Self::motif as fn(Self, &str) -> Self),
            ("rpps", Self::rpps),
            ("at", Self::at),
        ] {
            if let Some(v) = e[key].as_str() {
                cmd = set(cmd, v);
            }
        }
        match (e.get("demande"), content) {
            (Some(d), _) | (None, Some(d)) => cmd.demande(&d.to_string()),
            (None, None) => cmd,
        }
    }
}

impl Drop for Cmd {
    fn drop(&mut self) {
        // SAFETY: from `rppsplus_command_new`, freed once.
        unsafe { rppsplus_command_free(self.0) }
    }
}

/// A workflow error owned by a test.
struct WfErr(*mut rppsplus_workflow_error);

impl WfErr {
    fn result(&self) -> rppsplus_result {
        // SAFETY: a live error.
        unsafe { rppsplus_workflow_error_result(self.0) }
    }

    fn cause(&self) -> rppsplus_result {
        // SAFETY: a live error.
        unsafe { rppsplus_workflow_error_cause(self.0) }
    }

    fn messages(&self) -> (String, String) {
        // SAFETY: a live error.
        unsafe {
            (
                view(rppsplus_workflow_error_message(self.0, RPPSPLUS_LANG_FR)).unwrap(),
                view(rppsplus_workflow_error_message(self.0, RPPSPLUS_LANG_EN)).unwrap(),
            )
        }
    }

    fn allowed(&self) -> Vec<rppsplus_event> {
        let mut events = [rppsplus_event(u32::MAX); 16];
        let mut len = 0;
        // SAFETY: a live error, a writable array and length.
        let rc = unsafe { rppsplus_workflow_error_allowed(self.0, events.as_mut_ptr(), events.len(), &mut len) };
        assert_eq!(rc, OK);
        events[..len].to_vec()
    }

    fn numero(&self) -> Option<String> {
        // SAFETY: a live error.
        view(unsafe { rppsplus_workflow_error_numero(self.0) })
    }
}

impl std::fmt::Debug for WfErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.result(), self.messages().1)
    }
}

impl Drop for WfErr {
    fn drop(&mut self) {
        // SAFETY: from a lifecycle function, freed once.
        unsafe { rppsplus_workflow_error_free(self.0) }
    }
}

/// Runs a lifecycle call with an `error_out`: `Ok` or its result and error (written only
/// then).
fn checked(
    call: impl FnOnce(*mut *mut rppsplus_workflow_error) -> rppsplus_result,
) -> Result<(), (rppsplus_result, WfErr)> {
    let mut error = ptr::null_mut();
    match call(&mut error) {
        OK => {
            assert!(error.is_null(), "error_out written on success");
            Ok(())
        }
        rc => {
            assert!(!error.is_null(), "no error_out for {rc:?}");
            let error = WfErr(error);
            assert_eq!(error.result(), rc);
            Err((rc, error))
        }
    }
}

/// A demande owned by a test.
#[derive(Debug)]
struct Dem(*mut rppsplus_demande);

impl Dem {
    fn create(cmd: &Cmd) -> Result<Self, (rppsplus_result, WfErr)> {
        let mut out = ptr::null_mut();
        // SAFETY: a live command, writable outs.
        checked(|e| unsafe { rppsplus_demande_create(cmd.0, &mut out, e) }).map(|()| Self(out))
    }

    fn from_json(json: &str) -> Result<Self, (rppsplus_result, WfErr)> {
        let mut out = ptr::null_mut();
        let (p, l) = bytes(json);
        // SAFETY: valid bytes, writable outs.
        checked(|e| unsafe { rppsplus_demande_from_json(p, l, &mut out, e) }).map(|()| Self(out))
    }

    fn apply(&self, cmd: &Cmd) -> Result<(), (rppsplus_result, WfErr)> {
        // SAFETY: a live demande and command.
        checked(|e| unsafe { rppsplus_demande_apply(self.0, cmd.0, e) })
    }

    fn status(&self) -> rppsplus_status {
        // SAFETY: a live demande.
        unsafe { rppsplus_demande_status(self.0) }
    }

    fn json(&self) -> String {
        // SAFETY: a live demande.
        text_out(|o, c, l| unsafe { rppsplus_demande_to_json(self.0, o, c, l) }).unwrap()
    }

    fn history(&self) -> Value {
        // SAFETY: a live demande.
        let json = text_out(|o, c, l| unsafe { rppsplus_demande_history_to_json(self.0, o, c, l) }).unwrap();
        serde_json::from_str(&json).unwrap()
    }

    fn allowed(&self, actor: rppsplus_actor) -> Vec<rppsplus_event> {
        let mut len = 0;
        // SAFETY: a live demande; NULL with 0 asks for the count.
        let rc = unsafe { rppsplus_demande_allowed(self.0, actor, ptr::null_mut(), 0, &mut len) };
        let mut events = vec![rppsplus_event(u32::MAX); len];
        if rc == SMALL {
            let mut written = 0;
            // SAFETY: an array of `len` events.
            let rc = unsafe { rppsplus_demande_allowed(self.0, actor, events.as_mut_ptr(), len, &mut written) };
            assert_eq!((rc, written), (OK, len));
        } else {
            assert_eq!((rc, len), (OK, 0));
        }
        events
    }

    /// The core's demande, loaded from the JSON the C face writes.
    fn core(&self) -> Tracked {
        Tracked::from_json(self.json().as_bytes()).unwrap()
    }
}

impl Drop for Dem {
    fn drop(&mut self) {
        // SAFETY: a live demande, freed once.
        unsafe { rppsplus_demande_free(self.0) }
    }
}

/// A registry held by a test (its one reference released on drop).
#[derive(Debug)]
struct Reg(*const rppsplus_registry);

// SAFETY: the registry is shared between threads by design (`const` functions only).
unsafe impl Send for Reg {}
// SAFETY: as above.
unsafe impl Sync for Reg {}

impl Reg {
    fn in_memory() -> Self {
        let mut out = ptr::null();
        // SAFETY: a writable out.
        assert_eq!(unsafe { rppsplus_registry_in_memory(&mut out) }, OK);
        Self(out)
    }

    fn open(path: &std::path::Path, durability: rppsplus_durability) -> Result<Self, (rppsplus_result, WfErr)> {
        let path = path.to_str().unwrap();
        let (p, l) = bytes(path);
        let mut out = ptr::null();
        // SAFETY: valid bytes, writable outs.
        checked(|e| unsafe { rppsplus_registry_open(p, l, durability, &mut out, e) }).map(|()| Self(out))
    }

    fn create(&self, cmd: &Cmd) -> Result<String, (rppsplus_result, WfErr)> {
        let mut buf = [0 as c_char; 16];
        let mut len = 0;
        // SAFETY: a live registry and command, a 16-byte buffer.
        checked(|e| unsafe { rppsplus_registry_create(self.0, cmd.0, buf.as_mut_ptr(), buf.len(), &mut len, e) })?;
        assert_eq!(len, 15);
        Ok(buf[..15].iter().map(|&c| c as u8 as char).collect())
    }

    fn apply(&self, numero: &str, cmd: &Cmd) -> Result<(), (rppsplus_result, WfErr)> {
        let (p, l) = bytes(numero);
        // SAFETY: a live registry and command, valid bytes.
        checked(|e| unsafe { rppsplus_registry_apply(self.0, p, l, cmd.0, e) })
    }

    fn demande(&self, numero: &str) -> Result<Dem, rppsplus_result> {
        let (p, l) = bytes(numero);
        let mut out = ptr::null_mut();
        // SAFETY: a live registry, valid bytes, a writable out.
        match unsafe { rppsplus_registry_demande(self.0, p, l, &mut out) } {
            OK => Ok(Dem(out)),
            rc => Err(rc),
        }
    }

    fn dossier(&self, rpps: &str, public: bool) -> Result<Value, rppsplus_result> {
        let (p, l) = bytes(rpps);
        let write = if public {
            rppsplus_registry_public_dossier_to_json
        } else {
            rppsplus_registry_dossier_to_json
        };
        // SAFETY: a live registry, valid bytes.
        text_out(|o, c, n| unsafe { write(self.0, p, l, o, c, n) }).map(|j| serde_json::from_str(&j).unwrap())
    }

    fn pending(&self, rpps: &str) -> Result<String, rppsplus_result> {
        let (p, l) = bytes(rpps);
        // SAFETY: a live registry, valid bytes.
        text_out(|o, c, n| unsafe { rppsplus_registry_pending(self.0, p, l, o, c, n) })
    }

    fn torn_tail(&self) -> (usize, usize) {
        // SAFETY: a live registry.
        unsafe {
            (
                rppsplus_registry_torn_tail_line(self.0),
                rppsplus_registry_torn_tail_bytes(self.0),
            )
        }
    }
}

impl Drop for Reg {
    fn drop(&mut self) {
        // SAFETY: this test's one reference, released once.
        unsafe { rppsplus_registry_free(self.0) }
    }
}

/// A journal path of its own for a test, removed first.
fn journal(name: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("rppsplus-ffi-{}-{name}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

/// The sample scenario played on a registry: the numbers of the demande, event by event.
fn play(registry: &Reg, scenario: &Value) -> String {
    let events = scenario["events"].as_array().unwrap();
    let numero = registry
        .create(&Cmd::of(&events[0], Some(&scenario["demande"])))
        .unwrap();
    for e in &events[1..] {
        registry.apply(&numero, &Cmd::of(e, None)).unwrap();
    }
    numero
}

#[test]
fn the_sample_scenario_gives_what_the_core_and_the_cli_give() {
    let scenario = scenario();
    let core = Scenario::from_json(scenario.to_string().as_bytes()).unwrap().run();
    assert!(core.is_ok());
    let expected_history = serde_json::to_value(&core.history).unwrap();
    let events = scenario["events"].as_array().unwrap();

    // A demande on its own.
    let d = Dem::create(&Cmd::of(&events[0], Some(&scenario["demande"]))).unwrap();
    for e in &events[1..] {
        d.apply(&Cmd::of(e, None)).unwrap();
    }
    assert_eq!(d.history(), expected_history);
    assert_eq!(d.status(), RPPSPLUS_STATUS_VALIDEE_RPPS);
    // SAFETY: a live demande.
    unsafe {
        assert_eq!(view(rppsplus_demande_label(d.0)).as_deref(), core.label);
        assert_eq!(
            view(rppsplus_demande_numero(d.0)),
            core.numero.map(|n| n.as_str().to_owned())
        );
        assert!(rppsplus_demande_is_terminal(d.0) && !rppsplus_demande_is_discarded(d.0));
    }
    for a in [P, G, R] {
        assert!(d.allowed(a).is_empty());
    }
    // Written, loaded, the same demande.
    let again = Dem::from_json(&d.json()).unwrap();
    assert_eq!(again.json(), d.json());

    // On a registry: the same history, and the dossier the CLI prints.
    let registry = Reg::in_memory();
    let numero = play(&registry, &scenario);
    assert_eq!(registry.demande(&numero).unwrap().history(), expected_history);
    let public = registry.dossier("10107985318", true).unwrap();
    assert_eq!(public, serde_json::to_value(&core).unwrap()["dossier"]);
    let full = registry.dossier("10107985318", false).unwrap();
    assert_eq!(full["etat_civil"]["date_naissance"], "1999-05-05");
    assert!(!public.to_string().contains("1999-05-05") && public.get("contact").is_none());
    assert_eq!(registry.pending("10107985318").unwrap(), "");
    assert_eq!(registry.torn_tail(), (0, 0));
}

#[test]
fn every_state_reached_allows_what_the_core_allows() {
    let scenario = scenario();
    let events = scenario["events"].as_array().unwrap();
    let d = Dem::create(&Cmd::of(&events[0], Some(&scenario["demande"]))).unwrap();
    for e in &events[1..] {
        let core = d.core();
        for (i, a) in [P, G, R].into_iter().enumerate() {
            let expected: Vec<rppsplus_event> = core
                .allowed(rppsplus_core::demande::Actor::ALL[i])
                .iter()
                .map(|e| event(e.as_str()))
                .collect();
            assert_eq!(d.allowed(a), expected);
        }
        let status = core.status().map(|s| Status::ALL.iter().position(|x| *x == s).unwrap());
        assert_eq!(d.status().0, status.map_or(255, |s| u32::try_from(s).unwrap()));
        d.apply(&Cmd::of(e, None)).unwrap();
    }
}

#[test]
fn a_refused_transition_names_the_events_allowed_and_changes_nothing() {
    let d =
        Dem::create(&Cmd::new(RPPSPLUS_EVENT_CREER, G).demande(r#"{"procedure": "primo_enregistrement"}"#)).unwrap();
    let before = d.json();
    let (rc, e) = d.apply(&Cmd::new(RPPSPLUS_EVENT_ACCEPTER, R)).unwrap_err();
    assert_eq!(rc, RPPSPLUS_RESULT_TRANSITION_REFUSED);
    assert!(e.allowed().is_empty(), "the RPPS may do nothing yet");
    let (rc, e) = d.apply(&Cmd::new(RPPSPLUS_EVENT_SOUMETTRE, P)).unwrap_err();
    assert_eq!(
        (rc, e.cause()),
        (RPPSPLUS_RESULT_TRANSITION_REFUSED, RPPSPLUS_RESULT_TRANSITION_REFUSED)
    );
    assert!(e.allowed().is_empty());
    // The gestionnaire's own choices: valider, annuler, modifier (refuser is for a
    // professional's demande).
    let (_, e) = d.apply(&Cmd::new(RPPSPLUS_EVENT_PRENDRE_EN_CHARGE, G)).unwrap_err();
    assert_eq!(
        e.allowed(),
        [RPPSPLUS_EVENT_VALIDER, RPPSPLUS_EVENT_ANNULER, RPPSPLUS_EVENT_MODIFIER]
    );
    assert_eq!(e.allowed(), d.allowed(G));
    let (fr, en) = e.messages();
    assert!(
        fr.contains("prendre_en_charge") && en.contains("allowed: valider, annuler, modifier"),
        "{en}"
    );
    assert_eq!(d.json(), before);
    // INSUFFICIENT_SIZE gives the count needed and writes nothing.
    let mut events = [rppsplus_event(77); 2];
    let mut len = 0;
    // SAFETY: a live error, an array of 2.
    let rc = unsafe { rppsplus_workflow_error_allowed(e.0, events.as_mut_ptr(), 2, &mut len) };
    assert_eq!((rc, len, events), (SMALL, 3, [rppsplus_event(77); 2]));
}

#[test]
fn a_failed_guard_carries_the_report_through_the_report_accessors() {
    let created = Cmd::new(RPPSPLUS_EVENT_CREER, G).demande(r#"{"procedure": "ajout_situation"}"#);
    let d = Dem::create(&created.at("2026-11-23T09:00:00Z")).unwrap();
    let before = d.json();
    let (rc, e) = d
        .apply(&Cmd::new(RPPSPLUS_EVENT_VALIDER, G).at("2026-11-23T09:30:00Z"))
        .unwrap_err();
    assert_eq!(rc, RPPSPLUS_RESULT_GUARD_FAILED);
    // SAFETY: a live error; the report is borrowed from it.
    let (report, json) = unsafe {
        let report = rppsplus_workflow_error_report(e.0);
        assert!(!report.is_null() && !rppsplus_report_is_valid(report));
        let json = text_out(|o, c, l| rppsplus_report_to_json(report, o, c, l)).unwrap();
        (report, json)
    };
    let mut tracked = d.core();
    let core = tracked.apply_at(
        rppsplus_core::workflow::Command::new(Event::Valider, rppsplus_core::demande::Actor::Gestionnaire),
        "2026-11-23T09:30:00Z".parse().unwrap(),
    );
    let core = core.unwrap_err();
    assert_eq!(json, serde_json::to_string(core.report().unwrap()).unwrap());
    // SAFETY: a live report.
    assert!(
        (0..unsafe { rppsplus_report_len(report) })
            .any(|i| view(unsafe { rppsplus_report_path_at(report, i) }).as_deref() == Some("rpps"))
    );
    assert_eq!(d.json(), before);
    // No report for another error.
    let (_, e) = d.apply(&Cmd::new(RPPSPLUS_EVENT_ACCEPTER, R)).unwrap_err();
    // SAFETY: a live error.
    assert!(unsafe { rppsplus_workflow_error_report(e.0) }.is_null());
}

#[test]
fn bad_arguments_of_a_command_are_typed_errors() {
    let created =
        || Dem::create(&Cmd::new(RPPSPLUS_EVENT_CREER, G).demande(r#"{"procedure": "primo_enregistrement"}"#)).unwrap();
    let cases: [(Cmd, rppsplus_result); 7] = [
        (
            Cmd::new(RPPSPLUS_EVENT_ANNULER, G).rpps("10107985319"),
            RPPSPLUS_RESULT_INVALID_RPPS,
        ),
        (
            Cmd::new(RPPSPLUS_EVENT_ANNULER, G).rpps("10107985318"),
            RPPSPLUS_RESULT_UNEXPECTED_ARGUMENT,
        ),
        (
            Cmd::new(RPPSPLUS_EVENT_MODIFIER, G).demande("{\"procedure\": 1}"),
            RPPSPLUS_RESULT_INVALID_JSON,
        ),
        (Cmd::new(RPPSPLUS_EVENT_MODIFIER, G), RPPSPLUS_RESULT_DEMANDE_REQUIRED),
        (
            Cmd::new(RPPSPLUS_EVENT_ANNULER, G).at("2026-11-23"),
            RPPSPLUS_RESULT_INVALID_TIMESTAMP,
        ),
        (
            Cmd::new(RPPSPLUS_EVENT_ANNULER, G).at("2000-01-01T00:00:00Z"),
            RPPSPLUS_RESULT_TIME_BACKWARDS,
        ),
        (
            Cmd::new(RPPSPLUS_EVENT_REFUSER, G).motif("  "),
            RPPSPLUS_RESULT_WRONG_CREATOR,
        ),
    ];
    for (cmd, expected) in &cases {
        let d = created();
        let before = d.json();
        let (rc, e) = d.apply(cmd).unwrap_err();
        assert_eq!(rc, *expected);
        let (fr, en) = e.messages();
        assert!(!fr.is_empty() && !en.is_empty());
        assert_eq!(d.json(), before);
    }
    // The professional's demande: refuser needs a motif.
    let mut scenario = scenario();
    let fc = scenario["demande"].take();
    let d = Dem::create(&Cmd::new(RPPSPLUS_EVENT_CREER, P).demande(&fc.to_string())).unwrap();
    d.apply(&Cmd::new(RPPSPLUS_EVENT_SOUMETTRE, P)).unwrap();
    let (rc, _) = d.apply(&Cmd::new(RPPSPLUS_EVENT_REFUSER, G).motif(" ")).unwrap_err();
    assert_eq!(rc, RPPSPLUS_RESULT_MOTIF_REQUIRED);
    d.apply(&Cmd::new(RPPSPLUS_EVENT_REFUSER, G).motif("pièce manquante"))
        .unwrap();
    assert_eq!(d.status(), RPPSPLUS_STATUS_REFUSEE_AE);
    assert_eq!(d.history()[2]["motif"], "pièce manquante");
    // A history that does not replay: the index of the bad entry and its cause.
    let mut json: Value = serde_json::from_str(&d.json()).unwrap();
    json["history"][1]["event"] = "valide".into();
    let (rc, e) = Dem::from_json(&json.to_string()).err().unwrap();
    assert_eq!(
        (rc, e.cause()),
        (RPPSPLUS_RESULT_HISTORY_INVALID, RPPSPLUS_RESULT_UNKNOWN_EVENT)
    );
    // SAFETY: a live error.
    assert_eq!(
        unsafe { (rppsplus_workflow_error_index(e.0), rppsplus_workflow_error_line(e.0)) },
        (1, 0)
    );
    let (rc, _) = Dem::from_json("{").err().unwrap();
    assert_eq!(rc, RPPSPLUS_RESULT_INVALID_JSON);
}

#[test]
fn error_messages_keep_confidential_values_out() {
    let mut scenario = scenario();
    let fc = scenario["demande"].take();
    let d = Dem::create(&Cmd::new(RPPSPLUS_EVENT_CREER, P).demande(&fc.to_string())).unwrap();
    let mut edited = fc.clone();
    edited["etat_civil"]["date_naissance"] = "1999-05-06".into();
    let (rc, e) = d
        .apply(&Cmd::new(RPPSPLUS_EVENT_MODIFIER, P).demande(&edited.to_string()))
        .unwrap_err();
    assert_eq!(rc, RPPSPLUS_RESULT_GUARD_FAILED);
    let mut bad = fc;
    bad["contact"]["email"] = 730_494_959.into();
    let (_, e2) = d
        .apply(&Cmd::new(RPPSPLUS_EVENT_MODIFIER, P).demande(&bad.to_string()))
        .unwrap_err();
    for e in [&e, &e2] {
        let (fr, en) = e.messages();
        for secret in CONFIDENTIAL {
            assert!(!fr.contains(secret) && !en.contains(secret), "{secret}");
        }
    }
}

#[test]
fn a_second_demande_for_a_pending_person_is_refused_naming_the_first() {
    let registry = Reg::in_memory();
    play(&registry, &scenario());
    let modification = r#"{"procedure": "modification_informations", "rpps": "10107985318",
        "contact": {"email": "n.dupont@example.org"}, "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}}"#;
    let first = registry
        .create(&Cmd::new(RPPSPLUS_EVENT_CREER, G).demande(modification))
        .unwrap();
    assert_eq!(registry.pending("101 0798 5318").unwrap(), first);
    let (rc, e) = registry
        .create(&Cmd::new(RPPSPLUS_EVENT_CREER, G).demande(modification))
        .unwrap_err();
    assert_eq!(rc, RPPSPLUS_RESULT_PENDING_DEMANDE);
    assert_eq!(e.numero(), Some(first.clone()));
    // Not registered: no dossier.
    let stranger = modification.replace("10107985318", "10000000009");
    let (rc, _) = registry
        .create(&Cmd::new(RPPSPLUS_EVENT_CREER, G).demande(&stranger))
        .unwrap_err();
    assert_eq!(rc, RPPSPLUS_RESULT_DOSSIER_NOT_FOUND);
    // Lookups: a number that is none, an RPPS number with a wrong key, nothing there.
    assert_eq!(
        registry.demande("P20261123").err(),
        Some(RPPSPLUS_RESULT_INVALID_LENGTH)
    );
    assert_eq!(
        registry.demande("P20991123093000").err(),
        Some(RPPSPLUS_RESULT_DEMANDE_NOT_FOUND)
    );
    assert_eq!(
        registry.dossier("10107985319", false).err(),
        Some(RPPSPLUS_RESULT_INVALID_CHECKSUM)
    );
    assert_eq!(
        registry.dossier("10000000009", true).err(),
        Some(RPPSPLUS_RESULT_DOSSIER_NOT_FOUND)
    );
    let (rc, e) = registry
        .apply("P20991123093000", &Cmd::new(RPPSPLUS_EVENT_VALIDER, G))
        .unwrap_err();
    assert_eq!(
        (rc, e.numero().as_deref()),
        (RPPSPLUS_RESULT_DEMANDE_NOT_FOUND, Some("P20991123093000"))
    );
}

#[test]
fn dossiers_import_and_are_refused_when_inconsistent() {
    let registry = Reg::in_memory();
    let dossier = r#"{"rpps": "10000000009", "etat_civil": {}, "contact": {}, "situations": [
        {"id": "S1", "structure": {"finess": "970405593"}, "profession": "326"}]}"#;
    let import = |json: &str| {
        let (p, l) = bytes(json);
        // SAFETY: a live registry, valid bytes.
        checked(|e| unsafe { rppsplus_registry_import_dossier(registry.0, p, l, e) })
    };
    import(dossier).unwrap();
    assert_eq!(import(dossier).unwrap_err().0, RPPSPLUS_RESULT_DOSSIER_EXISTS);
    let twice = dossier.replace("10000000009", "10107985318").replace(
        "}]}",
        "}, {\"id\": \"S2\", \"structure\": {\"finess\": \"970405593\"}, \"profession\": \"326\"}]}",
    );
    assert_eq!(import(&twice).unwrap_err().0, RPPSPLUS_RESULT_DOSSIER_INCONSISTENT);
    let missing = r#"{"rpps": "10107985318", "etat_civil": {}, "contact": {}}"#;
    assert_eq!(import(missing).unwrap_err().0, RPPSPLUS_RESULT_INVALID_JSON);
    assert_eq!(
        registry.dossier("10000000009", true).unwrap()["situations"][0]["id"],
        "S1"
    );
}

#[test]
fn a_journal_cut_by_a_crash_reopens_to_its_complete_lines() {
    let scenario = scenario();
    let path = journal("crash");
    let numero = {
        let registry = Reg::open(&path, RPPSPLUS_DURABILITY_FSYNC).unwrap();
        play(&registry, &scenario)
    };
    let full = std::fs::read(&path).unwrap();
    let lines: Vec<usize> = full
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), scenario["events"].as_array().unwrap().len());
    // Cut in the middle of the last line: the accepted event is lost, nothing else.
    let cut = lines[lines.len() - 2] + 10;
    std::fs::write(&path, &full[..cut]).unwrap();
    {
        let registry = Reg::open(&path, RPPSPLUS_DURABILITY_FLUSH).unwrap();
        assert_eq!(registry.torn_tail(), (lines.len(), 10));
        assert_eq!(
            registry.demande(&numero).unwrap().status(),
            RPPSPLUS_STATUS_ENVOYEE_RPPS
        );
        assert_eq!(
            registry.dossier("10107985318", true).err(),
            Some(RPPSPLUS_RESULT_DOSSIER_NOT_FOUND)
        );
        // The RPPS accepts again; the batch is synced.
        let last = scenario["events"].as_array().unwrap().last().unwrap();
        registry.apply(&numero, &Cmd::of(last, None)).unwrap();
        // SAFETY: a live registry.
        assert_eq!(
            checked(|e| unsafe { rppsplus_registry_sync(registry.0, e) })
                .err()
                .map(|e| e.0),
            None
        );
    }
    assert_eq!(std::fs::read(&path).unwrap(), full);
    // A journal edited by hand is refused with its line, and left as it is.
    let edited = String::from_utf8(full.clone())
        .unwrap()
        .replacen("\"soumettre\"", "\"valider\"", 1);
    std::fs::write(&path, &edited).unwrap();
    let (rc, e) = Reg::open(&path, RPPSPLUS_DURABILITY_FSYNC).err().unwrap();
    assert_eq!(
        (rc, e.cause()),
        (RPPSPLUS_RESULT_JOURNAL_CORRUPT, RPPSPLUS_RESULT_TRANSITION_REFUSED)
    );
    // SAFETY: a live error.
    assert_eq!(unsafe { rppsplus_workflow_error_line(e.0) }, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    let (rc, e) = Reg::open(
        &std::env::temp_dir().join("no-such-dir/j.jsonl"),
        RPPSPLUS_DURABILITY_FSYNC,
    )
    .err()
    .unwrap();
    assert_eq!(rc, RPPSPLUS_RESULT_JOURNAL_IO);
    assert!(e.messages().1.starts_with("journal: open failed"));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn threads_share_one_registry_without_losing_an_update() {
    const THREADS: usize = 8;
    let registry = Reg::in_memory();
    let modification = r#"{"procedure": "modification_informations", "rpps": "10107985318",
        "contact": {"email": "n.dupont@example.org"}, "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}}"#;
    play(&registry, &scenario());
    let barrier = Barrier::new(THREADS);
    let outcomes: Vec<(Result<String, rppsplus_result>, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..THREADS)
            .map(|i| {
                let (registry, barrier) = (&registry, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    // Each thread creates primo demandes of its own, and all race for the
                    // one pending demande of the registered person.
                    let own: Vec<String> = (0..5)
                        .map(|_| {
                            let n = registry
                                .create(
                                    &Cmd::new(RPPSPLUS_EVENT_CREER, G)
                                        .demande(r#"{"procedure": "primo_enregistrement"}"#),
                                )
                                .unwrap();
                            registry
                                .apply(&n, &Cmd::new(RPPSPLUS_EVENT_ANNULER, G).motif(&format!("thread {i}")))
                                .unwrap();
                            n
                        })
                        .collect();
                    let race = registry
                        .create(&Cmd::new(RPPSPLUS_EVENT_CREER, G).demande(modification))
                        .map_err(|(rc, _)| rc);
                    (race, own)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners: Vec<&String> = outcomes.iter().filter_map(|(r, _)| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one pending demande");
    assert!(
        outcomes
            .iter()
            .all(|(r, _)| matches!(r, Ok(_) | Err(RPPSPLUS_RESULT_PENDING_DEMANDE)))
    );
    assert_eq!(&registry.pending("10107985318").unwrap(), winners[0]);
    let mut numbers: Vec<&String> = outcomes.iter().flat_map(|(_, own)| own).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), THREADS * 5, "every number unique");
    for n in numbers {
        let d = registry.demande(n).unwrap();
        // SAFETY: a live demande.
        assert!(unsafe { rppsplus_demande_is_discarded(d.0) });
        assert_eq!(d.history().as_array().unwrap().len(), 2);
    }
}

#[test]
fn misuse_is_refused_before_anything_is_read() {
    let scenario = scenario();
    let cmd = Cmd::of(&scenario["events"][0], Some(&scenario["demande"]));
    let registry = Reg::in_memory();
    let mut out = [0 as c_char; 32];
    let mut len = 0;
    let mut d = ptr::null_mut();
    let mut r = ptr::null();
    let mut c = ptr::null_mut();
    let (numero, numero_len) = bytes("P20261123093000");
    // SAFETY: every pointer is NULL or live; NULL is refused before use.
    unsafe {
        assert_eq!(rppsplus_command_new(RPPSPLUS_EVENT_CREER, G, ptr::null_mut()), NULL);
        assert_eq!(rppsplus_command_new(rppsplus_event(12), G, &mut c), PARAM);
        assert_eq!(
            rppsplus_command_new(RPPSPLUS_EVENT_CREER, rppsplus_actor(3), &mut c),
            PARAM
        );
        assert!(c.is_null());
        assert_eq!(rppsplus_command_set_motif(ptr::null_mut(), ptr::null(), 0), NULL);
        assert_eq!(rppsplus_command_set_motif(cmd.0, ptr::null(), 3), NULL);
        assert_eq!(
            rppsplus_command_set_motif(cmd.0, c"\xff".as_ptr(), 1),
            RPPSPLUS_RESULT_INVALID_UTF8
        );
        assert_eq!(rppsplus_command_set_rpps(cmd.0, ptr::null(), 1), NULL);
        assert_eq!(rppsplus_command_set_demande(cmd.0, ptr::null(), usize::MAX), NULL);
        assert_eq!(rppsplus_command_set_demande(cmd.0, c"{}".as_ptr(), usize::MAX), PARAM);
        assert_eq!(rppsplus_command_set_at(cmd.0, ptr::null(), 2), NULL);
        assert_eq!(rppsplus_demande_create(ptr::null(), &mut d, ptr::null_mut()), NULL);
        assert_eq!(rppsplus_demande_create(cmd.0, ptr::null_mut(), ptr::null_mut()), NULL);
        assert_eq!(
            rppsplus_demande_from_json(ptr::null(), 0, &mut d, ptr::null_mut()),
            NULL
        );
        assert_eq!(rppsplus_demande_apply(ptr::null_mut(), cmd.0, ptr::null_mut()), NULL);
        assert!(d.is_null());
        assert_eq!(
            rppsplus_demande_allowed(ptr::null(), G, ptr::null_mut(), 0, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_demande_to_json(ptr::null(), out.as_mut_ptr(), 32, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_demande_history_to_json(ptr::null(), out.as_mut_ptr(), 32, &mut len),
            NULL
        );
        assert_eq!(rppsplus_demande_status(ptr::null()), RPPSPLUS_STATUS_NONE);
        assert!(
            rppsplus_demande_numero(ptr::null()).data.is_null() && rppsplus_demande_label(ptr::null()).data.is_null()
        );
        assert!(!rppsplus_demande_is_terminal(ptr::null()) && !rppsplus_demande_is_discarded(ptr::null()));
        assert_eq!(rppsplus_registry_in_memory(ptr::null_mut()), NULL);
        assert_eq!(
            rppsplus_registry_open(ptr::null(), 0, RPPSPLUS_DURABILITY_FSYNC, &mut r, ptr::null_mut()),
            NULL
        );
        let (p, l) = bytes("/tmp/never-opened.jsonl");
        assert_eq!(
            rppsplus_registry_open(p, l, rppsplus_durability(2), &mut r, ptr::null_mut()),
            PARAM
        );
        assert!(r.is_null() && !std::path::Path::new("/tmp/never-opened.jsonl").exists());
        assert_eq!(
            rppsplus_registry_create(ptr::null(), cmd.0, out.as_mut_ptr(), 32, &mut len, ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_registry_create(registry.0, ptr::null(), out.as_mut_ptr(), 32, &mut len, ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_registry_create(registry.0, cmd.0, ptr::null_mut(), 32, &mut len, ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_registry_apply(registry.0, ptr::null(), 0, cmd.0, ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_registry_apply(registry.0, numero, numero_len, ptr::null(), ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_registry_import_dossier(ptr::null(), c"{}".as_ptr(), 2, ptr::null_mut()),
            NULL
        );
        assert_eq!(rppsplus_registry_sync(ptr::null(), ptr::null_mut()), NULL);
        assert_eq!(
            rppsplus_registry_demande(registry.0, numero, numero_len, ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_registry_pending(registry.0, ptr::null(), 0, out.as_mut_ptr(), 32, &mut len),
            NULL
        );
        assert_eq!(rppsplus_registry_torn_tail_line(ptr::null()), 0);
        assert_eq!(rppsplus_workflow_error_result(ptr::null()), NULL);
        assert_eq!(rppsplus_workflow_error_cause(ptr::null()), NULL);
        assert!(
            rppsplus_workflow_error_message(ptr::null(), RPPSPLUS_LANG_FR)
                .data
                .is_null()
        );
        assert!(rppsplus_workflow_error_report(ptr::null()).is_null());
        assert_eq!(rppsplus_workflow_error_index(ptr::null()), usize::MAX);
        assert_eq!(
            rppsplus_workflow_error_allowed(ptr::null(), ptr::null_mut(), 0, &mut len),
            NULL
        );
        rppsplus_command_free(ptr::null_mut());
        rppsplus_demande_free(ptr::null_mut());
        rppsplus_registry_free(ptr::null());
        rppsplus_workflow_error_free(ptr::null_mut());
        // A buffer too small for the number creates nothing: the next demande still gets
        // the first second.
        let mut small = [0 as c_char; 15];
        let mut error = ptr::null_mut();
        let rc = rppsplus_registry_create(registry.0, cmd.0, small.as_mut_ptr(), 15, &mut len, &mut error);
        assert_eq!((rc, len, error.is_null()), (SMALL, 15, true));
        assert_eq!(registry.create(&cmd).unwrap(), "P20261123093000");
    }
    // A bad language gives a NULL view; an error without numero a NULL one.
    let (_, e) = registry.create(&Cmd::new(RPPSPLUS_EVENT_SOUMETTRE, P)).unwrap_err();
    // SAFETY: a live error.
    assert!(
        unsafe { rppsplus_workflow_error_message(e.0, rppsplus_lang(2)) }
            .data
            .is_null()
    );
    assert_eq!(e.numero(), None);
    // error_out may be NULL: the result alone.
    let (p, l) = bytes("P20261123093000");
    // SAFETY: a live registry and command.
    let rc = unsafe { rppsplus_registry_apply(registry.0, p, l, cmd.0, ptr::null_mut()) };
    assert_eq!(rc, RPPSPLUS_RESULT_TRANSITION_REFUSED);
}

#[test]
fn every_workflow_error_code_has_its_result() {
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        let r = rppsplus_result(600 + u32::try_from(i).unwrap());
        // SAFETY: static names.
        let name = unsafe { std::ffi::CStr::from_ptr(rppsplus_result_name(r)) };
        assert_eq!(name.to_str(), Ok(code.as_str()));
        let message = text_out(|o, c, l| {
            // SAFETY: valid pointers.
            unsafe { rppsplus_result_message(r, RPPSPLUS_LANG_EN, o, c, l) }
        });
        assert_eq!(message.as_deref(), Ok(code.message_en()));
    }
}
