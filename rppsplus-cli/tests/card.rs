//! `rppsplus card` (docs/cli.md): without a PC/SC service, and through a real pcscd with the
//! simulated CPS3 (synthetic data) served to vsmartcard's vpcd.
//!
//! The pcscd test runs only when `RPPSPLUS_PCSC_E2E=1` says a pcscd with the vpcd driver is
//! up: `scripts/pcscd-e2e.sh` starts one and sets it.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::{rppsplus, stdout};
use rppsplus_core::cpx::pcsc::wait_for_card;
use rppsplus_core::cpx::vpcd::serve;
use rppsplus_core::cpx::{Cpx, SimCard};
use serde_json::{Value, json};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn without_the_pcsc_library_every_command_says_service_absent() {
    for args in [
        &["card", "readers", "--format", "json"][..],
        &["card", "read"],
        &["card", "read", "--situations"],
        &["card", "status", "--reader", "Virtual PCD 00 00"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_rppsplus"))
            .args(args)
            .env("RPPSPLUS_PCSC_LIBRARY", "/nonexistent/libpcsclite.so.1")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(stderr(&o).starts_with("rppsplus: service_absent: "), "{}", stderr(&o));
    }
}

#[test]
fn usage_errors_exit_2_and_the_pin_is_never_an_argument() {
    for args in [
        &["card"][..],
        &["card", "read", "--pin", "1234"],
        &["card", "read", "1234"],
        &["card", "status", "--format", "xml"],
    ] {
        assert_eq!(rppsplus(args, b"").status.code(), Some(2), "{args:?}");
    }
}

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn the_card_commands_through_pcscd() {
    if std::env::var("RPPSPLUS_PCSC_E2E").as_deref() != Ok("1") {
        eprintln!("skipped: set RPPSPLUS_PCSC_E2E=1 with pcscd and vsmartcard-vpcd running (scripts/pcscd-e2e.sh)");
        return;
    }
    let (inserted, reader) = serve(SimCard::cps3(), WAIT).expect("vpcd serves the card");
    let card = serde_json::to_value(Cpx::new(SimCard::cps3()).read().unwrap()).unwrap();
    let json = |o: &std::process::Output| -> Value { serde_json::from_slice(&o.stdout).expect("one JSON value") };

    let o = rppsplus(&["card", "readers", "--format", "json"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(
        json(&o)
            .as_array()
            .unwrap()
            .contains(&json!({"name": reader, "card_present": true}))
    );
    let o = rppsplus(&["card", "readers"], b"");
    assert!(stdout(&o).lines().any(|l| l == format!("{reader}\tcard")));

    let o = rppsplus(&["card", "read", "--format", "json"], b"");
    assert_eq!((o.status.code(), json(&o)), (Some(0), card.clone()));
    let o = rppsplus(&["card", "read", "--reader", &reader], b"");
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for line in [
        "generation\tcps3",
        "card_type\tCPS",
        "serial\t90000301",
        "id_nat\t899700000013",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in {text}");
    }

    let status = |tries: u8| {
        let o = rppsplus(&["card", "status", "--reader", &reader, "--format", "json"], b"");
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(json(&o), json!({"pin_tries_left": tries, "pin_blocked": false}));
    };
    status(3);

    // The PIN from stdin: a wrong one, one refused before it is sent, none, the right one.
    let o = rppsplus(&["card", "read", "--situations"], b"9999\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).starts_with("rppsplus: wrong_pin: "), "{}", stderr(&o));
    assert!(!stderr(&o).contains("9999"));
    status(2);
    let o = rppsplus(&["card", "read", "--situations"], b"12\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("rppsplus: invalid_pin: "), "{}", stderr(&o));
    status(2);
    assert_eq!(rppsplus(&["card", "read", "--situations"], b"").status.code(), Some(2));
    let o = rppsplus(&["card", "read", "--situations", "--format", "json"], b"1234\r\n");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut read = json(&o);
    let situations = read.as_object_mut().unwrap().remove("situations").unwrap();
    assert_eq!(read, card);
    assert_eq!(situations.as_array().unwrap().len(), 3);
    assert_eq!(situations[0]["kind"], "activity");
    let o = rppsplus(&["card", "read", "--situations"], b"1234\n");
    assert_eq!(stdout(&o).lines().filter(|l| l.starts_with("situation\t")).count(), 3);
    status(3);

    let o = rppsplus(&["card", "status", "--reader", "no such reader"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("rppsplus: unknown_reader: "));

    let sim = inserted.remove();
    assert!(sim.reset_count() >= 3, "the card was reset after each PIN sent");
    assert!(wait_for_card(&reader, false, WAIT).unwrap());
    let o = rppsplus(&["card", "read", "--reader", &reader], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("rppsplus: no_card: "), "{}", stderr(&o));
}
