//! The C card functions through a real pcscd: this test serves the simulated CPS3 (synthetic
//! data) to vsmartcard's vpcd and runs the C test program `tests/c/test_card.c` on it under
//! valgrind, moving the card when the program asks, then checks what the card went through.
//!
//! The program asks with a line `@card ACTION` on its stdout and waits for `done` on its
//! stdin (test_card.c says which actions): `remove`, `insert`, `pull_mid_read`. Its other
//! lines are printed as they come.
//!
//! Runs only when `RPPSPLUS_PCSC_E2E=1` says a pcscd with the vpcd driver is up, with
//! `RPPSPLUS_C_CARD_TEST` naming the compiled C program: `scripts/pcscd-e2e.sh` sets both.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use rppsplus_core::cpx::SimCard;
use rppsplus_core::cpx::pcsc::wait_for_card;
use rppsplus_core::cpx::vpcd::{VPCD_ADDR, VirtualCard, serve};

const WAIT: Duration = Duration::from_secs(20);

/// Where the cards are while the C program runs.
struct Cards {
    reader: String,
    /// The card in the reader.
    served: Option<VirtualCard>,
    /// The card last pulled out.
    out: Option<SimCard>,
    /// The first card, once a fresh one took its place (`pull_mid_read`).
    first: Option<SimCard>,
}

impl Cards {
    fn wait(&self, present: bool) {
        assert!(
            wait_for_card(&self.reader, present, WAIT).unwrap(),
            "{}: card_present never became {present}",
            self.reader
        );
    }

    fn remove(&mut self) -> SimCard {
        let card = self.served.take().expect("a card is in the reader").remove();
        self.wait(false);
        card
    }

    fn insert(&mut self, card: SimCard) {
        assert!(self.served.is_none(), "the reader is empty");
        self.served = Some(VirtualCard::insert(card, VPCD_ADDR).expect("vpcd takes the card"));
        self.wait(true);
    }

    fn act(&mut self, action: &str) {
        match action {
            "remove" => self.out = Some(self.remove()),
            "insert" => {
                let card = self.out.take().expect("a card was pulled out");
                self.insert(card);
            }
            "pull_mid_read" => {
                self.first = Some(self.remove());
                self.insert(SimCard::cps3().remove_after(10));
            }
            other => panic!("test_card.c asked for an unknown action {other:?}"),
        }
    }
}

#[test]
fn the_c_program_reads_the_simulated_card_through_pcscd() {
    if std::env::var("RPPSPLUS_PCSC_E2E").as_deref() != Ok("1") {
        eprintln!("skipped: set RPPSPLUS_PCSC_E2E=1 with pcscd and vsmartcard-vpcd running (scripts/pcscd-e2e.sh)");
        return;
    }
    let program = std::env::var("RPPSPLUS_C_CARD_TEST").expect("RPPSPLUS_C_CARD_TEST names the compiled test_card.c");
    let (inserted, reader) = serve(SimCard::cps3(), WAIT).expect("vpcd serves the card");
    let mut cards = Cards {
        reader,
        served: Some(inserted),
        out: None,
        first: None,
    };

    let supp = concat!(env!("CARGO_MANIFEST_DIR"), "/valgrind.supp");
    let mut child = Command::new("valgrind")
        .args(["-q", "--error-exitcode=1", "--leak-check=full"])
        .arg(format!("--suppressions={supp}"))
        .arg(&program)
        .arg(&cards.reader)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("valgrind is installed");
    let mut answers = child.stdin.take().expect("stdin is piped");
    let mut last = String::new();
    let mut actions = Vec::new();
    for line in BufReader::new(child.stdout.take().expect("stdout is piped")).lines() {
        let line = line.expect("the program writes text");
        match line.strip_prefix("@card ") {
            Some(action) => {
                cards.act(action);
                actions.push(action.to_owned());
                writeln!(answers, "done").expect("the program waits for the answer");
            }
            None => {
                println!("{line}");
                last = line;
            }
        }
    }
    let status = child.wait().expect("the program ends");
    assert!(status.success(), "{program} under valgrind: {status}");
    assert!(last.ends_with(" passed, 0 failed") && !last.starts_with("0 "), "{last}");
    assert_eq!(actions, ["remove", "insert", "pull_mid_read", "remove", "insert"]);

    let first = cards.first.take().expect("the first card was kept");
    assert_eq!(first.pin_tries(), 3, "the right PIN restored the counter");
    assert!(first.reset_count() >= 2, "the card was reset after each PIN sent");
    drop(cards.remove());
}
