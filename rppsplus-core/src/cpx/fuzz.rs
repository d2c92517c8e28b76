//! Property tests: every parser of the module over arbitrary bytes, and over valid inputs
//! with bytes changed, returns a value or a typed error, never panics.

use proptest::prelude::*;

use super::pkcs15::{parse_aodf, parse_cdf, parse_dir, parse_dodf, parse_odf};
use super::session::parse_counter;
use super::tlv::{elements, find_deep, tlv_len};
use super::{CardSerial, Cpx, Generation, Holder, Response, SimCard};

/// The files of the simulated card, read once: valid inputs to damage.
fn valid_inputs() -> Vec<Vec<u8>> {
    let mut card = SimCard::cps3();
    let mut files = Vec::new();
    for path in [
        &[0x00, 0xA4, 0x08, 0x0C, 0x02, 0x2F, 0x00][..],
        &[0x00, 0xA4, 0x08, 0x0C, 0x02, 0xD0, 0x03],
        &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x00, 0x01, 0x50, 0x31],
        &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x00, 0x01, 0x70, 0x04],
        &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x00, 0x01, 0x70, 0x02],
        &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x00, 0x01, 0x70, 0x06],
    ] {
        card.respond(path);
        let answer = card.respond(&[0x00, 0xB0, 0x00, 0x00, 0xE7]).unwrap_or_default();
        files.push(answer[..answer.len().saturating_sub(2)].to_vec());
    }
    files.push(SimCard::CPS_CERTIFICATE.to_vec());
    files
}

fn parse_all(bytes: &[u8]) {
    let _ = Response::from_bytes(bytes);
    let _ = tlv_len(bytes);
    if let Ok(all) = elements(bytes) {
        for e in all {
            let _ = find_deep(e, super::tlv::ctx(27, false), 8);
        }
    }
    let _ = parse_dir(bytes);
    let _ = parse_odf(bytes);
    let _ = parse_cdf(bytes);
    let _ = parse_dodf(bytes);
    let _ = parse_aodf(bytes);
    let _ = parse_counter(bytes);
    let _ = CardSerial::from_ef_sn_icc(bytes);
    let _ = Holder::from_certificate(bytes);
    let _ = Generation::from_atr(bytes);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        parse_all(&bytes);
    }

    #[test]
    fn valid_inputs_with_bytes_changed(
        which in 0usize..7,
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = valid_inputs().swap_remove(which);
        for (at, value) in changes {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        parse_all(&bytes);
        parse_all(&bytes[..cut.index(bytes.len() + 1)]);
    }

    #[test]
    fn the_simulator_answers_any_command(commands in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 1..20)) {
        let mut card = SimCard::cps3();
        for c in &commands {
            let answer = card.respond(c).unwrap_or_default();
            prop_assert!(answer.len() >= 2);
        }
        // Whatever state the commands left, the high-level calls still answer.
        let _ = Cpx::new(card).read();
    }
}
