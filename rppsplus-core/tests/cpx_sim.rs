//! Whole flows of the cpx session over the simulated cards (synthetic data).

use rppsplus_core::cpx::{
    ApduLink, CardError, CardObject, CardTransport, CardType, Cpx, Disposition, Generation, Pin, PinStatus, SimCard,
    SimFile, SituationKind,
};

fn pin(text: &str) -> Pin {
    text.parse().unwrap()
}

#[test]
fn every_profile_reads_in_one_transaction() {
    let cases = [
        (SimCard::cps3(), Generation::Cps3, CardType::Cps, "90000301"),
        (
            SimCard::cps3_contactless(),
            Generation::Cps3Contactless,
            CardType::Cps,
            "90000302",
        ),
        (SimCard::cps4(), Generation::Cps4, CardType::Cps, "90000401"),
        (SimCard::cpe(), Generation::Cps3, CardType::Cpe, "90000303"),
        (
            SimCard::cps3().with_relative_paths(),
            Generation::Cps3,
            CardType::Cps,
            "90000301",
        ),
        (
            SimCard::cps4().with_relative_paths(),
            Generation::Cps4,
            CardType::Cps,
            "90000401",
        ),
        (
            SimCard::cps3().without_path_selection(),
            Generation::Cps3,
            CardType::Cps,
            "90000301",
        ),
        (
            SimCard::cps3().without_aid_selection(),
            Generation::Cps3,
            CardType::Cps,
            "90000301",
        ),
    ];
    for (sim, generation, card_type, serial) in cases {
        let mut card = Cpx::new(sim);
        let read = card.read().unwrap();
        assert_eq!(
            (read.generation, read.card_type, read.serial.as_str()),
            (generation, card_type, serial)
        );
        assert_eq!(card.detect().unwrap().generation, generation);
        assert_eq!(card.generation().unwrap(), generation);
        assert_eq!(card.serial().unwrap().as_str(), serial);
        assert_eq!(card.card_type().unwrap(), card_type);
        assert_eq!(card.holder().unwrap(), read.holder);
    }
}

#[test]
fn the_card_json_of_the_cli_contract() {
    let json = serde_json::to_value(Cpx::new(SimCard::cps3()).read().unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "generation": "cps3",
            "card_type": "CPS",
            "serial": "90000301",
            "holder": {
                "id_nat": "899700000013",
                "id_nat_type": "8",
                "rpps": "99700000013",
                "nom": "SYNTHETIQUE",
                "prenom": "CAMILLE",
                "profession": "Médecin"
            }
        })
    );
    let cpe = serde_json::to_value(Cpx::new(SimCard::cpe()).read().unwrap()).unwrap();
    assert_eq!(cpe["holder"]["rpps"], serde_json::Value::Null);
    assert_eq!(cpe["holder"]["profession"], serde_json::Value::Null);
    assert_eq!(cpe["holder"]["id_nat_type"], "3");
    let status = serde_json::to_value(Cpx::new(SimCard::cps3()).pin_status().unwrap()).unwrap();
    assert_eq!(status, serde_json::json!({"pin_tries_left": 3, "pin_blocked": false}));
}

#[test]
fn holder_apdu_count() {
    // EF.DIR select + read, application select, ODF select + read, CDF select + read,
    // certificate select, then ceil(len / 231) reads of the certificate.
    for (sim, cert_len) in [
        (SimCard::cps3(), SimCard::CPS_CERTIFICATE.len()),
        (SimCard::cpe(), SimCard::CPE_CERTIFICATE.len()),
    ] {
        let mut card = Cpx::new(sim);
        card.holder().unwrap();
        let expected = 8 + cert_len.div_ceil(231);
        assert_eq!(card.transport().apdu_count(), expected);
    }
    // The CPS4 answers 6C xx to the last (short) read of a file of unknown length: one
    // resend each for EF.DIR, the ODF and the CDF.
    let mut card = Cpx::new(SimCard::cps4());
    card.holder().unwrap();
    assert_eq!(
        card.transport().apdu_count(),
        8 + SimCard::CPS_CERTIFICATE.len().div_ceil(231) + 3
    );
}

#[test]
fn nothing_is_debug_printed_of_the_holder_or_the_pin() {
    let holder = Cpx::new(SimCard::cps3()).holder().unwrap();
    let shown = format!("{holder:?}");
    for secret in ["SYNTHETIQUE", "CAMILLE", "899700000013", "Médecin"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert_eq!(format!("{:?}", pin("1234")), "Pin(<redacted>)");
}

#[test]
fn wrong_pins_count_down_to_blocked_then_nothing_is_sent() {
    let mut card = Cpx::new(SimCard::cps3());
    assert_eq!(card.verify_pin(pin("9999")), Err(CardError::WrongPin { tries_left: 2 }));
    assert_eq!(
        card.pin_status(),
        Ok(PinStatus {
            tries_left: 2,
            blocked: false
        })
    );
    assert_eq!(card.verify_pin(pin("9999")), Err(CardError::WrongPin { tries_left: 1 }));
    assert_eq!(card.verify_pin(pin("9999")), Err(CardError::PinBlocked));
    assert_eq!(
        card.pin_status(),
        Ok(PinStatus {
            tries_left: 0,
            blocked: true
        })
    );
    assert_eq!(card.transport().pin_tries(), 0);
    // Blocked: the right PIN is not even sent.
    assert_eq!(card.verify_pin(pin(SimCard::PIN)), Err(CardError::PinBlocked));
    assert_eq!(card.situations_raw(pin(SimCard::PIN)), Err(CardError::PinBlocked));
}

#[test]
fn the_right_pin_restores_the_counter_and_the_card_is_reset() {
    for sim in [
        SimCard::cps3(),
        SimCard::cps4(),
        SimCard::cps3_contactless(),
        SimCard::cpe(),
    ] {
        let mut card = Cpx::new(sim);
        assert_eq!(card.verify_pin(pin("0000")), Err(CardError::WrongPin { tries_left: 2 }));
        let resets = card.transport().reset_count();
        card.verify_pin(pin(SimCard::PIN)).unwrap();
        assert_eq!(card.transport().reset_count(), resets + 1);
        assert_eq!(
            card.pin_status().unwrap(),
            PinStatus {
                tries_left: 3,
                blocked: false
            }
        );
        // After the reset the card is locked again: the protected files need the PIN anew.
        assert_eq!(card.transport().reset_count(), resets + 1);
    }
}

/// A simulated card behind a reader that answers `6C 08` to the first VERIFY carrying a PIN
/// (instead of passing it on), and counts the VERIFYs carrying a PIN it is given.
struct WrongLeOnVerify {
    card: SimCard,
    verifies: usize,
}

impl CardTransport for WrongLeOnVerify {
    fn atr(&mut self) -> Result<Vec<u8>, CardError> {
        CardTransport::atr(&mut self.card)
    }

    fn transaction(
        &mut self,
        end: Disposition,
        body: &mut dyn FnMut(&mut dyn ApduLink) -> Result<(), CardError>,
    ) -> Result<(), CardError> {
        let verifies = &mut self.verifies;
        self.card.transaction(end, &mut |link| {
            body(&mut Counting {
                link,
                verifies: &mut *verifies,
            })
        })
    }
}

struct Counting<'a> {
    link: &'a mut dyn ApduLink,
    verifies: &'a mut usize,
}

impl ApduLink for Counting<'_> {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, CardError> {
        if command.len() > 5 && command[1] == 0x20 {
            *self.verifies += 1;
            if *self.verifies == 1 {
                return Ok(vec![0x6C, 0x08]);
            }
        }
        self.link.transmit(command)
    }
}

#[test]
fn a_pin_is_sent_once_even_when_the_card_asks_for_another_le() {
    let mut card = Cpx::new(WrongLeOnVerify {
        card: SimCard::cps3(),
        verifies: 0,
    });
    assert_eq!(
        card.verify_pin(pin(SimCard::PIN)),
        Err(CardError::CardStatus {
            object: CardObject::PinCounter,
            sw: 0x6C08
        })
    );
    assert_eq!(card.transport().verifies, 1, "the PIN was sent again");
    assert_eq!(card.transport().card.pin_tries(), 3);
    // The next call is a new one: sent once more, once.
    card.verify_pin(pin(SimCard::PIN)).unwrap();
    assert_eq!(card.transport().verifies, 2);
}

#[test]
fn a_blocked_card_and_pins_out_of_bounds() {
    let mut card = Cpx::new(SimCard::cps4().with_pin_blocked());
    assert_eq!(
        card.pin_status(),
        Ok(PinStatus {
            tries_left: 0,
            blocked: true
        })
    );
    assert_eq!(card.verify_pin(pin(SimCard::PIN)), Err(CardError::PinBlocked));
    assert!(card.holder().is_ok());
    // The synthetic AODF allows 4 to 8 digits: a 9-digit PIN never becomes a Pin.
    assert_eq!("123456789".parse::<Pin>().unwrap_err(), CardError::InvalidPin);
}

#[test]
fn situations_after_the_pin() {
    let mut card = Cpx::new(SimCard::cps3().with_relative_paths());
    let objects = card.situations_raw(pin(SimCard::PIN)).unwrap();
    let labels: Vec<_> = objects.iter().map(|o| (o.label(), o.kind())).collect();
    assert_eq!(
        labels,
        [
            ("CPS_ACTIVITY_01_PS", SituationKind::Activity),
            ("CPS_ACTIVITY_02_PS", SituationKind::Activity),
            ("CPS_SIT_FACT", SituationKind::Billing)
        ]
    );
    assert!(objects[0].data().windows(11).any(|w| w == b"SYNTHETIQUE"));
    assert_eq!(card.transport().reset_count(), 1);
    assert_eq!(
        card.situations_raw(pin("1111")),
        Err(CardError::WrongPin { tries_left: 2 })
    );
}

#[test]
fn missing_files_give_missing_objects() {
    let missing = |file, object| {
        let err = Cpx::new(SimCard::cps3().without(file)).read().unwrap_err();
        assert_eq!(err, CardError::MissingObject { object }, "{file:?}");
    };
    missing(SimFile::Directory, CardObject::Directory);
    missing(SimFile::SerialNumber, CardObject::SerialNumber);
    missing(SimFile::Odf, CardObject::Odf);
    missing(SimFile::Cdf, CardObject::Cdf);
    missing(SimFile::Certificate, CardObject::Certificate);
    let err = Cpx::new(SimCard::cps3().without(SimFile::Aodf))
        .pin_status()
        .unwrap_err();
    assert_eq!(
        err,
        CardError::MissingObject {
            object: CardObject::Aodf
        }
    );
    let err = Cpx::new(SimCard::cps3().without(SimFile::Dodf))
        .situations_raw(pin(SimCard::PIN))
        .unwrap_err();
    assert_eq!(
        err,
        CardError::MissingObject {
            object: CardObject::Dodf
        }
    );
    let err = Cpx::new(SimCard::cps3().without(SimFile::Situation))
        .situations_raw(pin(SimCard::PIN))
        .unwrap_err();
    assert_eq!(
        err,
        CardError::MissingObject {
            object: CardObject::DataObject
        }
    );
}

#[test]
fn removal_mid_read_then_reinsertion() {
    let mut card = Cpx::new(SimCard::cps3().remove_after(10));
    assert_eq!(card.holder(), Err(CardError::CardRemoved));
    assert_eq!(card.holder(), Err(CardError::NoCard));
    assert_eq!(card.pin_status(), Err(CardError::NoCard));
    card.transport_mut().insert();
    assert_eq!(card.holder().unwrap().prenom(), "CAMILLE");
    // Pulled out while the PIN is being checked: no PIN state survives.
    let mut card = Cpx::new(SimCard::cps3().remove_after(14));
    assert_eq!(card.situations_raw(pin(SimCard::PIN)), Err(CardError::CardRemoved));
    card.transport_mut().insert();
    assert_eq!(card.pin_status().unwrap().tries_left, 3);
}

#[test]
fn a_card_that_is_not_a_cpx() {
    // Right ATR, but EF.SN.ICC of another issuer.
    let sn = [
        0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x02, 0x12, 0x34, 0x56, 0x78, 0x9F, 0x90, 0x00,
    ];
    let mut card = Cpx::new(SimCard::cps3().answer_at(2, &sn));
    assert_eq!(card.detect(), Err(CardError::NotCpx));
    // Right ATR, but EF.DIR without a CPx application.
    let dir = [0x61, 0x07, 0x4F, 0x05, 0xA0, 0x00, 0x00, 0x00, 0x01, 0x90, 0x00];
    let mut card = Cpx::new(SimCard::cps3().answer_at(2, &dir));
    assert_eq!(card.holder(), Err(CardError::NotCpx));
}

/// Every command of a flow answered with garbage, a wrong status word, or nothing: always a
/// typed error, never a panic, never a success built on bad data.
#[test]
fn garbage_or_a_wrong_status_word_at_each_step() {
    let answers: [&[u8]; 8] = [
        &[],
        &[0x90],
        &[0x6F, 0x00],
        &[0x6A, 0x82],
        &[0x69, 0x82],
        &[0x61, 0x10],
        &[0xFF, 0xFF, 0xFF, 0x90, 0x00],
        &[0x30, 0x82, 0xFF, 0xFF, 0x62, 0x82],
    ];
    type Flow = fn(&mut Cpx<SimCard>) -> Result<String, CardError>;
    let flows: [(&str, Flow); 4] = [
        ("read", |c| Ok(serde_json::to_string(&c.read()?).unwrap())),
        ("pin_status", |c| Ok(serde_json::to_string(&c.pin_status()?).unwrap())),
        ("verify_pin", |c| {
            c.verify_pin(SimCard::PIN.parse()?).map(|()| String::new())
        }),
        // The situations' bytes are kept raw whatever they are: only their labels are compared.
        ("situations", |c| {
            Ok(c.situations_raw(SimCard::PIN.parse()?)?
                .iter()
                .map(|o| o.label().to_owned())
                .collect())
        }),
    ];
    for (name, flow) in flows {
        let mut clean = Cpx::new(SimCard::cps3());
        let expected = flow(&mut clean).unwrap();
        let steps = clean.transport().apdu_count();
        for step in 1..=steps {
            for answer in answers {
                let mut card = Cpx::new(SimCard::cps3().answer_at(step, answer));
                // Some answers are harmless at some steps (6A82 to the select by AID falls
                // back to the path): a success must then give what the clean card gives.
                match flow(&mut card) {
                    Ok(got) => assert_eq!(got, expected, "{name} step {step} answer {answer:02X?}"),
                    Err(err) => assert!(
                        !matches!(err, CardError::Transport { .. }),
                        "{name} step {step}: {err:?}"
                    ),
                }
            }
        }
    }
}
