//! The demande functions called through the rlib, as C would call them: the seeds of the
//! issue (the docs/domain.md §4 example), options, NULL everywhere, content that is not JSON
//! (invalid UTF-8, syntax errors, empty), a 10 MB string value, out-of-range indexes, bad
//! enum values, `free(NULL)`, documents (arrays, JSON Lines), concurrent readers.

use std::ffi::c_char;
use std::{ptr, slice, str};

use chrono::NaiveDate;
use rppsplus::*;
use rppsplus_core::demande::{self, Options, Stage};
use serde_json::Value;

const OK: rppsplus_result = RPPSPLUS_RESULT_OK;
const NULL: rppsplus_result = RPPSPLUS_RESULT_NULL_PARAMETER;
const SMALL: rppsplus_result = RPPSPLUS_RESULT_INSUFFICIENT_SIZE;
const PARAM: rppsplus_result = RPPSPLUS_RESULT_INVALID_PARAMETER;
const DATE: rppsplus_result = RPPSPLUS_RESULT_INVALID_DATE;
const UTF8: rppsplus_result = RPPSPLUS_RESULT_INVALID_UTF8;
const FR: rppsplus_lang = RPPSPLUS_LANG_FR;
const EN: rppsplus_lang = RPPSPLUS_LANG_EN;
const ERROR: rppsplus_severity = RPPSPLUS_SEVERITY_ERROR;
const WARNING: rppsplus_severity = RPPSPLUS_SEVERITY_WARNING;
const NO_SEVERITY: rppsplus_severity = RPPSPLUS_SEVERITY_NONE;

const AT: &str = "2026-11-22";

/// The example demande of docs/domain.md §4.
const DOMAIN_EXAMPLE: &str = r#"{
  "procedure": "primo_enregistrement",
  "numero": "P20220905011141",
  "rpps": null,
  "etat_civil": {
    "civilite": "MME", "sexe": "F",
    "nom_naissance": "DUPONT", "nom_usage": null,
    "prenoms": ["Nathalie"],
    "date_naissance": "1999-05-05",
    "pays_naissance": "99100", "commune_naissance": "13203", "lieu_naissance": null,
    "source": "saisie"
  },
  "contact": { "email": "nathalie.dupont@example.org", "telephone_mobile": "+33730494959" },
  "situation": {
    "id": null,
    "nom_exercice": "DUPONT", "prenom_exercice": "Nathalie",
    "structure": { "finess": "970405593" },
    "profession": "326", "role": "GENR08", "mode_exercice": "S",
    "date_prise_fonction": "2022-05-02", "date_fin_fonction": null, "motif_fin": null
  },
  "confirmations": { "cgu_acceptees": true, "rencontre_en_personne": true }
}"#;

/// The example with `edit` applied to its JSON value.
fn example_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(DOMAIN_EXAMPLE).unwrap();
    edit(&mut v);
    v.to_string()
}

/// Options owned by a test (freed on drop).
struct Opts(*mut rppsplus_validate_options);

impl Opts {
    fn new() -> Self {
        let p = rppsplus_validate_options_new();
        assert!(!p.is_null());
        Self(p)
    }

    /// Options at the reference date `AT`.
    fn at() -> Self {
        let o = Self::new();
        assert_eq!(o.date(Some(AT.as_bytes())), OK);
        o
    }

    fn date(&self, date: Option<&[u8]>) -> rppsplus_result {
        let (d, l) = date.map_or((ptr::null(), 0), |d| (d.as_ptr().cast(), d.len()));
        // SAFETY: live options, valid bytes.
        unsafe { rppsplus_validate_options_set_reference_date(self.0, d, l) }
    }

    fn stage(&self, stage: rppsplus_stage) -> rppsplus_result {
        // SAFETY: live options.
        unsafe { rppsplus_validate_options_set_stage(self.0, stage) }
    }

    fn actor(&self, actor: rppsplus_actor) -> rppsplus_result {
        // SAFETY: live options.
        unsafe { rppsplus_validate_options_set_actor(self.0, actor) }
    }

    fn mode(&self, mode: rppsplus_mode) -> rppsplus_result {
        // SAFETY: live options.
        unsafe { rppsplus_validate_options_set_mode(self.0, mode) }
    }
}

impl Drop for Opts {
    fn drop(&mut self) {
        // SAFETY: created by `rppsplus_validate_options_new`, freed once.
        unsafe { rppsplus_validate_options_free(self.0) }
    }
}

/// A report owned by a test (freed on drop).
struct Rep(*mut rppsplus_report);

// SAFETY: reports are immutable; the accessors may run from several threads at once.
unsafe impl Send for Rep {}
// SAFETY: as above.
unsafe impl Sync for Rep {}

impl Drop for Rep {
    fn drop(&mut self) {
        // SAFETY: from `rppsplus_validate_json`, freed once.
        unsafe { rppsplus_report_free(self.0) }
    }
}

/// One finding as the accessors give it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    path: String,
    code: String,
    severity: rppsplus_severity,
    fr: String,
    en: String,
}

fn view(s: rppsplus_str) -> Option<String> {
    if s.data.is_null() {
        assert_eq!(s.len, 0);
        return None;
    }
    // SAFETY: a view of `len` bytes, live while its report is.
    let bytes = unsafe { slice::from_raw_parts(s.data.cast::<u8>(), s.len) };
    Some(str::from_utf8(bytes).expect("UTF-8 view").to_owned())
}

/// The findings of a report (owned or borrowed) through the accessors.
fn findings(report: *const rppsplus_report) -> Vec<Found> {
    // SAFETY: a live report.
    unsafe {
        (0..rppsplus_report_len(report))
            .map(|i| Found {
                path: view(rppsplus_report_path_at(report, i)).unwrap(),
                code: view(rppsplus_report_code_at(report, i)).unwrap(),
                severity: rppsplus_report_severity_at(report, i),
                fr: view(rppsplus_report_message_at(report, i, FR)).unwrap(),
                en: view(rppsplus_report_message_at(report, i, EN)).unwrap(),
            })
            .collect()
    }
}

impl Rep {
    fn valid(&self) -> bool {
        // SAFETY: a live report.
        unsafe { rppsplus_report_is_valid(self.0) }
    }

    fn findings(&self) -> Vec<Found> {
        findings(self.0)
    }

    fn codes(&self) -> Vec<(String, String)> {
        self.findings().into_iter().map(|f| (f.code, f.path)).collect()
    }

    fn has(&self, code: &str, path: &str) -> bool {
        self.codes().iter().any(|(c, p)| c == code && p == path)
    }
}

/// `rppsplus_validate_json` on `json`.
fn validate(json: &[u8], options: Option<&Opts>) -> Rep {
    validate_with(json, options.map_or(ptr::null(), |o| o.0.cast_const()))
}

/// `rppsplus_validate_json` with options given as a pointer (NULL or live).
fn validate_with(json: &[u8], opts: *const rppsplus_validate_options) -> Rep {
    let mut out = ptr::null_mut();
    // SAFETY: valid bytes, live options, writable out.
    let rc = unsafe { rppsplus_validate_json(json.as_ptr().cast(), json.len(), opts, &mut out) };
    assert_eq!(rc, OK);
    assert!(!out.is_null());
    Rep(out)
}

/// `rppsplus_report_to_json` with a buffer of `cap` bytes.
fn to_json(report: *const rppsplus_report, cap: usize) -> (rppsplus_result, String, usize) {
    let mut buf = vec![0x55 as c_char; cap.max(1)];
    let mut len = 0xdead;
    let out = if cap == 0 { ptr::null_mut() } else { buf.as_mut_ptr() };
    // SAFETY: valid pointers and sizes.
    let rc = unsafe { rppsplus_report_to_json(report, out, cap, &mut len) };
    let text = if rc == OK {
        // SAFETY: NUL-terminated within the buffer.
        unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
            .to_str()
            .unwrap()
            .to_owned()
    } else {
        String::new()
    };
    (rc, text, len)
}

fn core_options(stage: Stage) -> Options {
    Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        stage,
        ..Options::default()
    }
}

#[test]
fn the_spec_example_is_valid() {
    let o = Opts::at();
    let r = validate(DOMAIN_EXAMPLE.as_bytes(), Some(&o));
    assert!(r.valid(), "{:?}", r.findings());
    // SAFETY: a live report.
    assert_eq!(unsafe { rppsplus_report_len(r.0) }, 0);
}

#[test]
fn without_email_it_is_required() {
    let o = Opts::at();
    let json = example_with(|v| {
        v["contact"].as_object_mut().unwrap().remove("email");
    });
    let r = validate(json.as_bytes(), Some(&o));
    assert!(!r.valid());
    let found = r.findings();
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(
        (f.code.as_str(), f.path.as_str(), f.severity),
        ("required", "contact.email", ERROR)
    );
    assert_eq!(
        f.fr,
        "L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la."
    );
    assert_eq!(
        f.en,
        "The email address: missing, required for the procedure 'Primo enregistrement'; fill it in."
    );
}

#[test]
fn a_wrong_type_is_a_finding_and_the_rest_is_checked() {
    let o = Opts::at();
    let json = example_with(|v| {
        v["etat_civil"]["date_naissance"] = 19_990_505.into();
        v["contact"].as_object_mut().unwrap().remove("email");
    });
    let r = validate(json.as_bytes(), Some(&o));
    assert!(!r.valid());
    assert!(r.has("invalid_format", "etat_civil.date_naissance"), "{:?}", r.codes());
    assert!(r.has("required", "contact.email"), "{:?}", r.codes());
    // The same findings as the core, in the same order.
    let core = demande::validate_json(json.as_bytes(), &core_options(Stage::Submit));
    let expected: Vec<Found> = core
        .findings()
        .iter()
        .map(|f| Found {
            path: f.path.to_string(),
            code: f.code.as_str().to_owned(),
            severity: match f.severity {
                demande::Severity::Error => ERROR,
                demande::Severity::Warning => WARNING,
            },
            fr: f.message.clone(),
            en: f.message_en.clone(),
        })
        .collect();
    assert_eq!(r.findings(), expected);
}

#[test]
fn to_json_is_the_core_report() {
    let o = Opts::at();
    let json = example_with(|v| {
        v["contact"].as_object_mut().unwrap().remove("email");
    });
    let r = validate(json.as_bytes(), Some(&o));
    let (rc, text, len) = to_json(r.0, 4096);
    assert_eq!(rc, OK);
    assert_eq!(len, text.len());
    let parsed: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(parsed["valid"], Value::Bool(false));
    assert_eq!(parsed["findings"][0]["path"], "contact.email");
    assert_eq!(parsed["findings"][0]["code"], "required");
    assert_eq!(parsed["findings"][0]["severity"], "error");
    let core = demande::validate_json(json.as_bytes(), &core_options(Stage::Submit));
    assert_eq!(parsed, serde_json::to_value(&core).unwrap());

    // Buffers: NULL with 0, the length, the length + 1 (too small: the length only).
    assert_eq!(to_json(r.0, 0), (SMALL, String::new(), len));
    assert_eq!(to_json(r.0, 1), (SMALL, String::new(), len));
    assert_eq!(to_json(r.0, len), (SMALL, String::new(), len));
    assert_eq!(to_json(r.0, len + 1), (OK, text.clone(), len));

    let valid = validate(DOMAIN_EXAMPLE.as_bytes(), Some(&o));
    let (rc, text, _) = to_json(valid.0, 64);
    assert_eq!((rc, text.as_str()), (OK, r#"{"valid":true,"findings":[]}"#));
}

#[test]
fn content_that_is_not_json_is_a_report() {
    for bad in [
        &b"{\"procedure\": \"\xff\"}"[..],
        b"\xff\xfe",
        b"{",
        b"",
        b"   ",
        b"nul\0l",
        b"{\"procedure\": \"primo_enregistrement\"} trailing",
    ] {
        let r = validate(bad, None);
        assert!(!r.valid(), "{bad:?}");
        let found = r.findings();
        assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
        assert_eq!((found[0].code.as_str(), found[0].path.as_str()), ("invalid_json", ""));
        assert!(found[0].fr.starts_with("Le texte JSON : invalide"), "{}", found[0].fr);
        let (rc, text, _) = to_json(r.0, 1024);
        assert_eq!(rc, OK);
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap()["findings"][0]["code"],
            "invalid_json"
        );
    }
    // Valid JSON that is not an object: a finding at the root, not a call error.
    let r = validate(b"[1, 2]", None);
    assert!(r.has("invalid_format", ""), "{:?}", r.codes());
}

#[test]
fn a_10_mb_string_value() {
    let big = "A".repeat(10 * 1024 * 1024);
    let json = example_with(|v| v["etat_civil"]["nom_naissance"] = big.clone().into());
    let o = Opts::at();
    let r = validate(json.as_bytes(), Some(&o));
    assert!(!r.valid());
    assert!(
        r.codes().iter().any(|(_, p)| p == "etat_civil.nom_naissance"),
        "{:?}",
        r.codes()
    );
    // Messages never repeat the value: the JSON of the report stays small.
    let (rc, text, _) = to_json(r.0, 4096);
    assert_eq!(rc, OK);
    assert!(!text.contains("AAAAAAAAAA"));
    // Unknown keys of any size are reported at their path
    let json = format!("{{\"{big}\": 1}}");
    let r = validate(json.as_bytes(), Some(&o));
    // (the core shortens the path of a long unknown key).
    assert!(
        r.codes()
            .iter()
            .any(|(c, p)| c == "unknown_field" && p.starts_with("AAAA") && p.len() < 1000),
        "{:?}",
        r.codes().iter().map(|(c, p)| (c, p.len())).collect::<Vec<_>>()
    );
}

#[test]
fn null_everywhere() {
    let json = DOMAIN_EXAMPLE.as_bytes();
    let mut out = ptr::null_mut();
    let mut list = ptr::null_mut();
    // SAFETY: NULL pointers are what is being tested; the others are valid.
    unsafe {
        assert_eq!(rppsplus_validate_json(ptr::null(), 0, ptr::null(), &mut out), NULL);
        assert_eq!(rppsplus_validate_json(ptr::null(), 10, ptr::null(), &mut out), NULL);
        assert_eq!(
            rppsplus_validate_json(json.as_ptr().cast(), json.len(), ptr::null(), ptr::null_mut()),
            NULL
        );
        assert!(out.is_null());
        assert_eq!(
            rppsplus_validate_json_document(ptr::null(), 0, ptr::null(), &mut list),
            NULL
        );
        assert_eq!(
            rppsplus_validate_json_document(json.as_ptr().cast(), json.len(), ptr::null(), ptr::null_mut()),
            NULL
        );
        assert!(list.is_null());
        // A length above PTRDIFF_MAX.
        assert_eq!(
            rppsplus_validate_json(json.as_ptr().cast(), usize::MAX, ptr::null(), &mut out),
            PARAM
        );
        assert_eq!(
            rppsplus_validate_json_document(json.as_ptr().cast(), usize::MAX, ptr::null(), &mut list),
            PARAM
        );
        assert!(out.is_null() && list.is_null());

        // Options.
        let d = AT.as_bytes();
        assert_eq!(
            rppsplus_validate_options_set_reference_date(ptr::null_mut(), d.as_ptr().cast(), d.len()),
            NULL
        );
        assert_eq!(
            rppsplus_validate_options_set_reference_date(ptr::null_mut(), ptr::null(), 0),
            NULL
        );
        // A NULL is reported before a bad value.
        assert_eq!(
            rppsplus_validate_options_set_stage(ptr::null_mut(), rppsplus_stage(9)),
            NULL
        );
        assert_eq!(
            rppsplus_validate_options_set_actor(ptr::null_mut(), rppsplus_actor(9)),
            NULL
        );
        assert_eq!(
            rppsplus_validate_options_set_mode(ptr::null_mut(), rppsplus_mode(9)),
            NULL
        );

        // Report accessors.
        assert!(!rppsplus_report_is_valid(ptr::null()));
        assert_eq!(rppsplus_report_len(ptr::null()), 0);
        assert_eq!(view(rppsplus_report_code_at(ptr::null(), 0)), None);
        assert_eq!(view(rppsplus_report_path_at(ptr::null(), 0)), None);
        assert_eq!(view(rppsplus_report_message_at(ptr::null(), 0, FR)), None);
        assert_eq!(rppsplus_report_severity_at(ptr::null(), 0), NO_SEVERITY);
        let mut len = 7;
        let mut buf = [0 as c_char; 8];
        assert_eq!(
            rppsplus_report_to_json(ptr::null(), buf.as_mut_ptr(), buf.len(), &mut len),
            NULL
        );
        assert_eq!(len, 7);

        // List accessors.
        assert_eq!(rppsplus_reports_len(ptr::null()), 0);
        assert_eq!(rppsplus_reports_index_at(ptr::null(), 0), usize::MAX);
        assert!(rppsplus_reports_report_at(ptr::null(), 0).is_null());

        // free(NULL).
        rppsplus_report_free(ptr::null_mut());
        rppsplus_reports_free(ptr::null_mut());
        rppsplus_validate_options_free(ptr::null_mut());
    }
    // to_json: NULL out_len, NULL buffer with a capacity.
    let r = validate(json, None);
    let mut len = 0;
    let mut buf = [0 as c_char; 8];
    // SAFETY: NULL pointers are what is being tested.
    unsafe {
        assert_eq!(
            rppsplus_report_to_json(r.0, buf.as_mut_ptr(), buf.len(), ptr::null_mut()),
            NULL
        );
        assert_eq!(rppsplus_report_to_json(r.0, ptr::null_mut(), 8, &mut len), NULL);
    }
}

#[test]
fn out_of_range_indexes_and_languages() {
    let o = Opts::at();
    let json = example_with(|v| {
        v["contact"].as_object_mut().unwrap().remove("email");
    });
    let r = validate(json.as_bytes(), Some(&o));
    // SAFETY: a live report.
    unsafe {
        assert_eq!(rppsplus_report_len(r.0), 1);
        for i in [1, 2, usize::MAX] {
            assert_eq!(view(rppsplus_report_code_at(r.0, i)), None);
            assert_eq!(view(rppsplus_report_path_at(r.0, i)), None);
            assert_eq!(view(rppsplus_report_message_at(r.0, i, FR)), None);
            assert_eq!(rppsplus_report_severity_at(r.0, i), NO_SEVERITY);
        }
        for lang in [2, 3, u32::MAX] {
            assert_eq!(view(rppsplus_report_message_at(r.0, 0, rppsplus_lang(lang))), None);
        }
    }
}

#[test]
fn options_stage_actor_mode_and_date() {
    let without_confirmations = example_with(|v| {
        v.as_object_mut().unwrap().remove("confirmations");
    });
    let o = Opts::at();
    // Submit (default): the confirmations are required; draft: not.
    let r = validate(without_confirmations.as_bytes(), Some(&o));
    assert!(!r.valid());
    assert!(
        r.codes().iter().all(|(_, p)| p.starts_with("confirmations")),
        "{:?}",
        r.codes()
    );
    assert_eq!(o.stage(RPPSPLUS_STAGE_DRAFT), OK);
    assert!(validate(without_confirmations.as_bytes(), Some(&o)).valid());
    // A bad value leaves the option unchanged.
    for bad in [3, 255, u32::MAX] {
        assert_eq!(o.stage(rppsplus_stage(bad)), PARAM);
        assert_eq!(o.actor(rppsplus_actor(bad)), PARAM);
        assert_eq!(o.mode(rppsplus_mode(bad)), PARAM);
    }
    assert_eq!(o.stage(rppsplus_stage(2)), PARAM);
    assert_eq!(o.mode(rppsplus_mode(2)), PARAM);
    assert!(validate(without_confirmations.as_bytes(), Some(&o)).valid());
    assert_eq!(o.stage(RPPSPLUS_STAGE_SUBMIT), OK);
    assert!(!validate(without_confirmations.as_bytes(), Some(&o)).valid());

    // Actor: the in-person meeting is a gestionnaire's confirmation (and a professional's
    // primo comes through FranceConnect).
    let cgu_only = example_with(|v| {
        v["confirmations"]
            .as_object_mut()
            .unwrap()
            .remove("rencontre_en_personne");
        v["etat_civil"]["source"] = "franceconnect".into();
    });
    let r = validate(cgu_only.as_bytes(), Some(&o));
    assert!(
        r.has("required", "confirmations.rencontre_en_personne"),
        "{:?}",
        r.codes()
    );
    assert_eq!(o.actor(RPPSPLUS_ACTOR_PROFESSIONNEL), OK);
    assert!(validate(cgu_only.as_bytes(), Some(&o)).valid());
    assert_eq!(o.actor(RPPSPLUS_ACTOR_GESTIONNAIRE), OK);
    assert!(!validate(cgu_only.as_bytes(), Some(&o)).valid());

    // Mode: both values are accepted.
    assert_eq!(o.mode(RPPSPLUS_MODE_TEST), OK);
    assert_eq!(o.mode(RPPSPLUS_MODE_STRICT), OK);
    // Every actor of the core is accepted; what a demande sent by the RPPS gives is the
    // core's answer.
    assert_eq!(o.actor(RPPSPLUS_ACTOR_RPPS), OK);
    let core = demande::validate_json(
        cgu_only.as_bytes(),
        &Options {
            actor: demande::Actor::Rpps,
            ..core_options(Stage::Submit)
        },
    );
    let codes: Vec<(String, String)> = core
        .findings()
        .iter()
        .map(|f| (f.code.as_str().to_owned(), f.path.to_string()))
        .collect();
    assert_eq!(validate(cgu_only.as_bytes(), Some(&o)).codes(), codes);
    assert_eq!(o.actor(RPPSPLUS_ACTOR_GESTIONNAIRE), OK);

    // Dates: strict YYYY-MM-DD; NULL with 0 = today; NULL with a length is misuse.
    for bad in [&b"2026-02-30"[..], b"2026-1-5", b"", b"22/11/2026", b"2026-11-22 "] {
        assert_eq!(o.date(Some(bad)), DATE, "{bad:?}");
    }
    assert_eq!(o.date(Some(b"\xff")), UTF8);
    // SAFETY: NULL date with a length.
    assert_eq!(
        unsafe { rppsplus_validate_options_set_reference_date(o.0, ptr::null(), 10) },
        NULL
    );
    // The failed calls left the date at AT: 2022-05-02 is a past start date.
    assert!(validate(DOMAIN_EXAMPLE.as_bytes(), Some(&o)).valid());
    // The reference date is the one the checks use: in 1990 the birth date is in the future.
    assert_eq!(o.date(Some(b"1990-01-01")), OK);
    let r = validate(DOMAIN_EXAMPLE.as_bytes(), Some(&o));
    assert!(
        r.codes().iter().any(|(_, p)| p == "etat_civil.date_naissance"),
        "{:?}",
        r.codes()
    );
    assert_eq!(o.date(Some(AT.as_bytes())), OK);
    assert!(validate(DOMAIN_EXAMPLE.as_bytes(), Some(&o)).valid());
    // Profession 323 ended on 2025-12-22.
    let ended = example_with(|v| v["situation"]["profession"] = "323".into());
    assert!(validate(ended.as_bytes(), Some(&o)).has("code_deprecated", "situation.profession"));
    assert_eq!(o.date(None), OK); // today, after 2025-12-22
    assert!(validate(ended.as_bytes(), Some(&o)).has("code_deprecated", "situation.profession"));
    // NULL options: the defaults (today, submit, gestionnaire, strict).
    assert!(validate(ended.as_bytes(), None).has("code_deprecated", "situation.profession"));
    assert!(!validate(without_confirmations.as_bytes(), None).valid());
}

/// A list of reports owned by a test (freed on drop).
struct List(*mut rppsplus_reports);

impl Drop for List {
    fn drop(&mut self) {
        // SAFETY: from `rppsplus_validate_json_document`, freed once.
        unsafe { rppsplus_reports_free(self.0) }
    }
}

fn document(json: &[u8], options: Option<&Opts>) -> List {
    let mut out = ptr::null_mut();
    let opts = options.map_or(ptr::null(), |o| o.0.cast_const());
    // SAFETY: valid bytes, live options, writable out.
    let rc = unsafe { rppsplus_validate_json_document(json.as_ptr().cast(), json.len(), opts, &mut out) };
    assert_eq!(rc, OK);
    assert!(!out.is_null());
    List(out)
}

impl List {
    fn len(&self) -> usize {
        // SAFETY: a live list.
        unsafe { rppsplus_reports_len(self.0) }
    }

    fn index(&self, i: usize) -> usize {
        // SAFETY: a live list.
        unsafe { rppsplus_reports_index_at(self.0, i) }
    }

    fn report(&self, i: usize) -> *const rppsplus_report {
        // SAFETY: a live list.
        unsafe { rppsplus_reports_report_at(self.0, i) }
    }

    fn file(&self) -> *const rppsplus_report {
        // SAFETY: a live list.
        unsafe { rppsplus_reports_file(self.0) }
    }
}

#[test]
fn documents_arrays_and_json_lines() {
    let o = Opts::at();
    let no_email = example_with(|v| {
        v["contact"].as_object_mut().unwrap().remove("email");
    });
    let one_line = |s: &str| serde_json::from_str::<Value>(s).unwrap().to_string();

    // An array.
    let array = format!("[{DOMAIN_EXAMPLE}, {no_email}]");
    let list = document(array.as_bytes(), Some(&o));
    assert_eq!(list.len(), 2);
    assert_eq!((list.index(0), list.index(1)), (0, 1));
    // SAFETY: borrowed reports of a live list.
    unsafe {
        assert!(rppsplus_report_is_valid(list.report(0)));
        assert!(!rppsplus_report_is_valid(list.report(1)));
    }
    let f = findings(list.report(1));
    assert_eq!((f[0].code.as_str(), f[0].path.as_str()), ("required", "contact.email"));
    let (rc, text, _) = to_json(list.report(1), 4096);
    assert_eq!(rc, OK);
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["valid"], false);
    for i in [2, usize::MAX] {
        assert_eq!(list.index(i), usize::MAX);
        assert!(list.report(i).is_null());
    }

    // JSON Lines, with a blank line: the index is the line number - 1.
    let lines = format!("{}\n\n{}\n{{\n", one_line(DOMAIN_EXAMPLE), one_line(&no_email));
    let list = document(lines.as_bytes(), Some(&o));
    assert_eq!(list.len(), 3);
    assert_eq!((list.index(0), list.index(1), list.index(2)), (0, 2, 3));
    let bad_line = &findings(list.report(2))[0];
    assert_eq!(bad_line.code, "invalid_json");
    assert!(bad_line.en.contains("at line 4"), "{}", bad_line.en);
    assert!(findings(list.file()).is_empty());

    // One object; an empty array; not JSON at all: no demande, the document's finding.
    assert_eq!(document(DOMAIN_EXAMPLE.as_bytes(), Some(&o)).len(), 1);
    assert_eq!(document(b"[]", Some(&o)).len(), 0);
    for bad in [&b""[..], b"\xff", b"{"] {
        let list = document(bad, None);
        assert_eq!(list.len(), 0);
        assert_eq!(findings(list.file())[0].code, "invalid_json");
    }
    // SAFETY: NULL is allowed.
    assert!(unsafe { rppsplus_reports_file(ptr::null()) }.is_null());
}

#[test]
fn the_sample_demandes() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/demandes.json");
    let json = std::fs::read(path).expect("examples/data/demandes.json");
    let o = Opts::at();
    let list = document(&json, Some(&o));
    assert_eq!(list.len(), 49);
    // SAFETY: borrowed reports of a live list.
    let valid = (0..list.len())
        .filter(|&i| unsafe { rppsplus_report_is_valid(list.report(i)) })
        .count();
    assert_eq!(valid, 24);
    let core = demande::validate_json_document(&json, &core_options(Stage::Submit));
    for (i, (index, report)) in core.demandes.iter().enumerate() {
        assert_eq!(list.index(i), *index);
        let codes: Vec<(&str, &str)> = report
            .findings()
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect();
        let ours = findings(list.report(i));
        let ours: Vec<(&str, &str)> = ours.iter().map(|f| (f.code.as_str(), f.path.as_str())).collect();
        assert_eq!(ours, codes, "demande {i}");
    }
    // [27]: no email.
    assert!(
        findings(list.report(27))
            .iter()
            .any(|f| f.code == "required" && f.path == "contact.email")
    );
}

#[test]
fn one_report_and_one_options_object_from_8_threads() {
    let o = Opts::at();
    let json = example_with(|v| {
        v["etat_civil"]["date_naissance"] = 19_990_505.into();
        v["contact"].as_object_mut().unwrap().remove("email");
    });
    let r = validate(json.as_bytes(), Some(&o));
    let expected = r.findings();
    let opts = o.0 as usize;
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..50 {
                    assert_eq!(r.findings(), expected);
                }
                // The options are only read while the threads run.
                let mine = validate_with(json.as_bytes(), opts as *const rppsplus_validate_options);
                assert_eq!(mine.findings(), expected);
            });
        }
    });
}

/// JSON nested `depth` levels deep inside an unknown member: `{"x": [[...]]}`.
fn nested(depth: usize) -> String {
    format!("{{\"x\": {}{}}}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn deep_json_on_a_256_kib_stack() {
    // The deepest JSON serde_json accepts (127 levels: the object and 126 arrays; its
    // recursion limit is 128) and deeper ones, each on a thread with the stack the README
    // asks for (this test runs the unoptimized build, which needs the most).
    for (depth, code) in [(126, "unknown_field"), (127, "invalid_json"), (100_000, "invalid_json")] {
        let json = nested(depth);
        let first = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || validate(json.as_bytes(), None).findings()[0].code.clone())
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(first, code, "depth {depth}");
    }
}

/// An open collection file, freed on drop.
struct Csv(*mut rppsplus_csv);

impl Drop for Csv {
    fn drop(&mut self) {
        // SAFETY: a reader from `rppsplus_csv_open`, freed once.
        unsafe { rppsplus_csv_free(self.0) };
    }
}

fn csv_open(path: &std::path::Path, options: Option<&Opts>) -> Result<Csv, rppsplus_result> {
    let path = path.to_str().expect("a UTF-8 temporary path");
    let mut out = ptr::null_mut();
    let opts = options.map_or(ptr::null(), |o| o.0.cast_const());
    // SAFETY: valid bytes, live options, writable out.
    match unsafe { rppsplus_csv_open(path.as_ptr().cast(), path.len(), opts, &mut out) } {
        OK => Ok(Csv(out)),
        rc => Err(rc),
    }
}

/// Every item of a reader: `(line, record, codes)`.
fn csv_items(csv: &Csv) -> Vec<(usize, usize, Vec<String>)> {
    let mut items = Vec::new();
    loop {
        let (mut report, mut line, mut record) = (ptr::null(), usize::MAX, usize::MAX);
        // SAFETY: a live reader, writable outputs.
        assert_eq!(
            unsafe { rppsplus_csv_next(csv.0, &mut report, &mut line, &mut record) },
            OK
        );
        if report.is_null() {
            assert_eq!((line, record), (0, 0));
            return items;
        }
        items.push((line, record, findings(report).into_iter().map(|f| f.code).collect()));
    }
}

#[test]
fn collection_files_item_by_item() {
    let dir = std::env::temp_dir().join(format!("rppsplus-ffi-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("recueil.csv");
    // Excel for Mac: CR line ends; an unknown column; a blank row.
    std::fs::write(
        &path,
        "procedure;rpps;situation.id;situation.date_fin_fonction;remarque\r\
         fermeture_situation;10107985318;S1;2026-01-31;\r\
         ;;;;\r\
         fermeture_situation;10107985319;S2;2026-01-31;x\r",
    )
    .unwrap();
    let o = Opts::at();
    // SAFETY: live options.
    unsafe { rppsplus_validate_options_set_stage(o.0, RPPSPLUS_STAGE_DRAFT) };
    let csv = csv_open(&path, Some(&o)).unwrap();
    let items = csv_items(&csv);
    assert_eq!(
        items,
        [
            (0, 0, vec!["invalid_csv".to_owned()]),
            (2, 1, vec![]),
            (4, 3, vec!["invalid_checksum".to_owned()]),
        ]
    );
    // The end stays the end.
    assert!(csv_items(&csv).is_empty());
    // The core's items, the same.
    let core: Vec<(usize, usize, Vec<String>)> =
        demande::csv_reports(std::fs::File::open(&path).unwrap(), core_options(Stage::Draft))
            .map(Result::unwrap)
            .map(|item| {
                let codes = item.report().findings().iter().map(|f| f.code.as_str().to_owned());
                (item.line().unwrap_or(0), item.record().unwrap_or(0), codes.collect())
            })
            .collect();
    assert_eq!(core, items);

    // Misuse: NULL, a missing file, a directory (opened, not read), optional outputs.
    assert_eq!(
        csv_open(&dir.join("missing.csv"), None).err(),
        Some(RPPSPLUS_RESULT_IO_ERROR)
    );
    let directory = csv_open(&dir, None).unwrap();
    let mut report = ptr::null();
    // SAFETY: a live reader, writable outputs.
    unsafe {
        let next = |report: &mut *const rppsplus_report| {
            rppsplus_csv_next(directory.0, report, ptr::null_mut(), ptr::null_mut())
        };
        assert_eq!(next(&mut report), RPPSPLUS_RESULT_IO_ERROR);
        assert_eq!((next(&mut report), report.is_null()), (OK, true));
    }
    let mut out = ptr::null_mut();
    // SAFETY: NULL arguments are checked.
    unsafe {
        assert_eq!(
            rppsplus_csv_open(ptr::null(), 0, ptr::null(), &mut out),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            rppsplus_csv_open(c"x".as_ptr(), 1, ptr::null(), ptr::null_mut()),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        assert!(out.is_null());
        let mut report = ptr::null();
        assert_eq!(
            rppsplus_csv_next(ptr::null_mut(), &mut report, ptr::null_mut(), ptr::null_mut()),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        let csv = csv_open(&path, None).unwrap();
        assert_eq!(
            rppsplus_csv_next(csv.0, ptr::null_mut(), ptr::null_mut(), ptr::null_mut()),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            rppsplus_csv_next(csv.0, &mut report, ptr::null_mut(), ptr::null_mut()),
            OK
        );
        assert!(!report.is_null());
        rppsplus_csv_free(ptr::null_mut());
        let name = std::ffi::CStr::from_ptr(rppsplus_result_name(RPPSPLUS_RESULT_IO_ERROR));
        assert_eq!(name.to_str(), Ok("io_error"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_template_is_written_in_either_format() {
    use rppsplus::{
        RPPSPLUS_SHEET_FORMAT_CSV, RPPSPLUS_SHEET_FORMAT_XLSX, rppsplus_sheet_format, rppsplus_template_write,
    };
    let dir = std::env::temp_dir().join(format!("rppsplus-ffi-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, format: rppsplus_sheet_format, date: Option<&str>| {
        let path = dir.join(name);
        let path = path.to_str().unwrap();
        let (date, date_len) = date.map_or((std::ptr::null(), 0), |d| (d.as_ptr().cast(), d.len()));
        // SAFETY: the path and the date are readable for their lengths.
        unsafe { rppsplus_template_write(path.as_ptr().cast(), path.len(), format, date, date_len) }
    };
    assert_eq!(
        write("recueil.csv", RPPSPLUS_SHEET_FORMAT_CSV, Some("2026-11-22")),
        RPPSPLUS_RESULT_OK
    );
    let csv = std::fs::read_to_string(dir.join("recueil.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}Procédure *;Numéro de la demande;"), "{csv}");
    assert_eq!(
        write("recueil.xlsx", RPPSPLUS_SHEET_FORMAT_XLSX, None),
        RPPSPLUS_RESULT_OK
    );
    assert!(std::fs::read(dir.join("recueil.xlsx")).unwrap().starts_with(b"PK"));
    assert_eq!(
        write("x.xlsx", rppsplus_sheet_format(2), None),
        RPPSPLUS_RESULT_INVALID_PARAMETER
    );
    assert_eq!(
        write("x.xlsx", RPPSPLUS_SHEET_FORMAT_XLSX, Some("22/11/2026")),
        RPPSPLUS_RESULT_INVALID_DATE
    );
    assert_eq!(
        write("no/such/dir.xlsx", RPPSPLUS_SHEET_FORMAT_XLSX, None),
        RPPSPLUS_RESULT_IO_ERROR
    );
    // SAFETY: NULL is checked before anything is read.
    let null = unsafe { rppsplus_template_write(std::ptr::null(), 3, RPPSPLUS_SHEET_FORMAT_CSV, std::ptr::null(), 0) };
    assert_eq!(null, RPPSPLUS_RESULT_NULL_PARAMETER);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_workbook_item_by_item_as_its_csv_twin() {
    // The corpus's twins (tests/collection/): an .xlsx, an .ods and an .xls known by their content,
    // their typed cells read as the CSV holds them, each row's line its row in the sheet.
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/collection");
    let o = Opts::at();
    let csv = csv_items(&csv_open(&corpus.join("excel-csv-utf8.csv"), Some(&o)).unwrap());
    assert_eq!(csv.len(), 7);
    for name in ["excel.xlsx", "libreoffice.ods", "excel-97.xls"] {
        assert_eq!(
            csv_items(&csv_open(&corpus.join(name), Some(&o)).unwrap()),
            csv,
            "{name}"
        );
    }
}
