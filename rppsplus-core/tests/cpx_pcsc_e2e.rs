//! The cpx session through a real pcscd (feature `pcsc`): the simulated card (synthetic) is
//! served to vsmartcard's vpcd and read back through the PC/SC library.
//!
//! Runs only when `RPPSPLUS_PCSC_E2E=1` says a pcscd with the vpcd driver is up:
//! `scripts/pcscd-e2e.sh` starts one and sets it.
#![cfg(feature = "pcsc")]

use std::time::{Duration, Instant};

use rppsplus_core::cpx::pcsc::{PcscTransport, wait_for_card};
use rppsplus_core::cpx::vpcd::{VPCD_ADDR, VirtualCard, reader_name, serve};
use rppsplus_core::cpx::{CardError, Cpx, Generation, PinStatus, SimCard};

const WAIT: Duration = Duration::from_secs(20);

/// Waits (at most 20 s) until `reader` shows a card or not.
fn wait_for(reader: &str, present: bool) {
    assert!(
        wait_for_card(reader, present, WAIT).unwrap(),
        "{reader}: card_present never became {present}"
    );
}

fn vpcd_reader() -> String {
    reader_name(WAIT)
        .expect("pcscd answers")
        .expect("no vpcd reader: is vsmartcard-vpcd installed?")
}

fn pin(text: &str) -> rppsplus_core::cpx::Pin {
    text.parse().unwrap()
}

#[test]
fn a_simulated_card_through_pcscd() {
    if std::env::var("RPPSPLUS_PCSC_E2E").as_deref() != Ok("1") {
        eprintln!("skipped: set RPPSPLUS_PCSC_E2E=1 with pcscd and vsmartcard-vpcd running (scripts/pcscd-e2e.sh)");
        return;
    }
    let reader = vpcd_reader();
    assert_eq!(
        PcscTransport::open(Some("no such reader")).map(drop),
        Err(CardError::UnknownReader)
    );

    let (inserted, served) = serve(SimCard::cps3(), WAIT).expect("vpcd serves the card");
    assert_eq!(served, reader);
    let mut card = Cpx::new(PcscTransport::open(Some(&reader)).unwrap());
    let expected = Cpx::new(SimCard::cps3()).read().unwrap();

    // Detect, holder, PIN status.
    assert_eq!(card.detect().unwrap().generation, Generation::Cps3);
    assert_eq!(card.read().unwrap(), expected);
    assert_eq!(card.holder().unwrap(), expected.holder);
    // A figure for BENCHMARKS.md (printed, never asserted): one read() through pcscd and vpcd.
    let mut times: Vec<Duration> = (0..9)
        .map(|_| {
            let start = Instant::now();
            card.read().unwrap();
            start.elapsed()
        })
        .collect();
    times.sort();
    eprintln!(
        "Cpx::read through pcscd + vpcd: median {:?} of 9 (min {:?})",
        times[4], times[0]
    );
    assert_eq!(
        card.pin_status(),
        Ok(PinStatus {
            tries_left: 3,
            blocked: false
        })
    );

    // A wrong PIN: the counter goes down; the right one restores it; the card is reset after.
    assert_eq!(card.verify_pin(pin("9999")), Err(CardError::WrongPin { tries_left: 2 }));
    assert_eq!(
        card.pin_status(),
        Ok(PinStatus {
            tries_left: 2,
            blocked: false
        })
    );
    card.verify_pin(pin(SimCard::PIN)).unwrap();
    assert_eq!(
        card.pin_status(),
        Ok(PinStatus {
            tries_left: 3,
            blocked: false
        })
    );

    // Situations, in the transaction of the PIN.
    let situations = card.situations_raw(pin(SimCard::PIN)).unwrap();
    assert_eq!(situations.len(), 3);

    // Card removed between two calls, then put back: the same session reads it again.
    let sim = inserted.remove();
    assert!(sim.reset_count() >= 2, "the card was reset after each PIN use");
    wait_for(&reader, false);
    assert!(matches!(card.holder(), Err(CardError::NoCard | CardError::CardRemoved)));
    let inserted = VirtualCard::insert(sim, VPCD_ADDR).unwrap();
    wait_for(&reader, true);
    assert_eq!(card.holder().unwrap(), expected.holder);
    drop(inserted.remove());
    wait_for(&reader, false);

    // Card pulled out in the middle of reading the certificate.
    let inserted = VirtualCard::insert(SimCard::cps3().remove_after(10), VPCD_ADDR).unwrap();
    wait_for(&reader, true);
    let mut card = Cpx::new(PcscTransport::open(Some(&reader)).unwrap());
    assert_eq!(card.holder(), Err(CardError::CardRemoved));
    let sim = inserted.remove();
    wait_for(&reader, false);
    assert!(matches!(card.holder(), Err(CardError::NoCard | CardError::CardRemoved)));

    // Reinserted: read again.
    let inserted = VirtualCard::insert(sim, VPCD_ADDR).unwrap();
    wait_for(&reader, true);
    assert_eq!(card.read().unwrap(), expected_for_cps3());
    drop(inserted.remove());
    wait_for(&reader, false);
}

fn expected_for_cps3() -> rppsplus_core::cpx::Card {
    Cpx::new(SimCard::cps3()).read().unwrap()
}
