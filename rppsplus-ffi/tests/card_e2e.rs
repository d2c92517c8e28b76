//! The C card functions through a real pcscd: this test serves the simulated CPS3 (synthetic
//! data) to vsmartcard's vpcd and runs the C test program `tests/c/test_card.c` on it under
//! valgrind, then checks what the card went through.
//!
//! Runs only when `RPPSPLUS_PCSC_E2E=1` says a pcscd with the vpcd driver is up, with
//! `RPPSPLUS_C_CARD_TEST` naming the compiled C program: `scripts/pcscd-e2e.sh` sets both.

use std::process::Command;
use std::time::Duration;

use rppsplus_core::cpx::SimCard;
use rppsplus_core::cpx::vpcd::serve;

#[test]
fn the_c_program_reads_the_simulated_card_through_pcscd() {
    if std::env::var("RPPSPLUS_PCSC_E2E").as_deref() != Ok("1") {
        eprintln!("skipped: set RPPSPLUS_PCSC_E2E=1 with pcscd and vsmartcard-vpcd running (scripts/pcscd-e2e.sh)");
        return;
    }
    let program = std::env::var("RPPSPLUS_C_CARD_TEST").expect("RPPSPLUS_C_CARD_TEST names the compiled test_card.c");
    let (inserted, reader) = serve(SimCard::cps3(), Duration::from_secs(20)).expect("vpcd serves the card");

    let supp = concat!(env!("CARGO_MANIFEST_DIR"), "/valgrind.supp");
    let out = Command::new("valgrind")
        .args(["-q", "--error-exitcode=1", "--leak-check=full"])
        .arg(format!("--suppressions={supp}"))
        .arg(&program)
        .arg(&reader)
        .output()
        .expect("valgrind is installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    assert!(out.status.success(), "{program} under valgrind: {}", out.status);
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" passed, 0 failed") && !last.starts_with("0 "), "{last}");

    let sim = inserted.remove();
    assert_eq!(sim.pin_tries(), 3, "the right PIN restored the counter");
    assert!(sim.reset_count() >= 2, "the card was reset after each PIN sent");
}
