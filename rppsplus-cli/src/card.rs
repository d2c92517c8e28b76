//! `rppsplus card readers|read|status` (docs/cli.md, docs/cards.md): CPx cards through PC/SC.
//!
//! The JSON is the core's serialization of its card types (`Reader`, `Card`, `PinStatus`,
//! `SituationObject`); the text lines are that JSON as `KEY<TAB>VALUE` lines. A card error
//! is its code and French message on stderr, exit 1. The PIN of `read --situations` is read
//! from the terminal without echo, or as one line of stdin when stdin is not a terminal
//! (plain reads into one fixed buffer, wiped); never from the command line or the environment.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use rppsplus_core::cpx::pcsc::{PcscTransport, readers};
use rppsplus_core::cpx::{Card, CardError, Cpx, Pin, SituationObject};
use serde::Serialize;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::Format;
use crate::output::{self, Outcome};

/// Arguments of `rppsplus card`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// List the smart card readers, and whether a card is in each.
    ///
    /// Text: `NAME<TAB>card` or `NAME<TAB>empty`, one reader per line; JSON: a list of
    /// `{"name","card_present"}`.
    Readers {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Read the card without PIN: generation, type, serial number and holder.
    ///
    /// With --situations, also the PIN-protected situations: the PIN is asked on the
    /// terminal without echo, or read as one line of stdin when stdin is not a terminal.
    Read {
        /// The reader, by name (`rppsplus card readers`); default: the first holding a card.
        #[arg(long)]
        reader: Option<String>,
        /// Also read the situations, which need the PIN.
        #[arg(long)]
        situations: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// The state of the PIN (tries left, blocked), without presenting it.
    Status {
        /// The reader, by name; default: the first holding a card.
        #[arg(long)]
        reader: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// `card read --situations`: the card, plus its situations.
#[derive(Serialize)]
struct CardRead<'a> {
    #[serde(flatten)]
    card: &'a Card,
    #[serde(skip_serializing_if = "Option::is_none")]
    situations: Option<&'a [SituationObject]>,
}

/// Why a card command failed.
enum Failure {
    /// A card error: exit 1.
    Card(CardError),
    /// No PIN could be read, or the output could not be written: exit 2.
    Io(io::Error),
}

impl From<CardError> for Failure {
    fn from(e: CardError) -> Self {
        Self::Card(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Runs a card command and returns the exit code of the contract.
pub fn run(args: &Args) -> ExitCode {
    let done = match &args.command {
        Command::Readers { format } => readers().map_err(Failure::from).and_then(|r| print(*format, &r)),
        Command::Read {
            reader,
            situations,
            format,
        } => read(reader.as_deref(), *situations, *format),
        Command::Status { reader, format } => open(reader.as_deref())
            .and_then(|mut card| Ok(card.pin_status()?))
            .and_then(|status| print(*format, &status)),
    };
    match done {
        Ok(()) => output::exit(Outcome::AllValid),
        Err(Failure::Card(e)) => {
            eprintln!("rppsplus: {}: {}", e.code().as_str(), e.message_fr());
            output::exit(Outcome::SomeInvalid)
        }
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => output::exit(Outcome::SomeInvalid),
        Err(Failure::Io(e)) => {
            eprintln!("rppsplus: {e}");
            output::exit(Outcome::Unreadable)
        }
    }
}

fn open(reader: Option<&str>) -> Result<Cpx<PcscTransport>, Failure> {
    Ok(PcscTransport::open(reader).map(Cpx::new)?)
}

/// `card read`: the card first (no PIN asked when there is no card), then the PIN and the
/// situations.
fn read(reader: Option<&str>, situations: bool, format: Format) -> Result<(), Failure> {
    let mut card = open(reader)?;
    let read = card.read()?;
    let situations = match situations {
        true => Some(card.situations_raw(read_pin()?)?),
        false => None,
    };
    print(
        format,
        &CardRead {
            card: &read,
            situations: situations.as_deref(),
        },
    )
}

/// The PIN: from the terminal without echo, or one line of stdin when stdin is not a
/// terminal ([`pin_line`]). Kept in buffers that are wiped when dropped; checked by the core
/// (4 to 8 digits, else `invalid_pin` and nothing is sent).
fn read_pin() -> Result<Pin, Failure> {
    if io::stdin().is_terminal() {
        let line = Zeroizing::new(rpassword::prompt_password("Code porteur : ")?);
        return Ok(line.trim_end_matches(['\n', '\r']).parse::<Pin>()?);
    }
    pin_line(&mut raw_stdin()?)
}

/// Standard input without the 8 KiB buffer std keeps in front of it (never wiped): a duplicate
/// of its descriptor (its handle on Windows), read with plain `read` calls.
fn raw_stdin() -> io::Result<File> {
    #[cfg(unix)]
    let owned = std::os::fd::AsFd::as_fd(&io::stdin()).try_clone_to_owned()?;
    #[cfg(windows)]
    let owned = std::os::windows::io::AsHandle::as_handle(&io::stdin()).try_clone_to_owned()?;
    Ok(File::from(owned))
}

/// The longest line of stdin read as a PIN (a PIN has 8 digits): a longer one is refused
/// without being kept.
const PIN_LINE_MAX: usize = 64;

/// One line of `input` as a PIN: read into one buffer of `PIN_LINE_MAX` + 1 bytes, never
/// grown, wiped when dropped; the line ends at `\n` (a `\r` before it is dropped) or at the
/// end of the input. A line longer than `PIN_LINE_MAX` bytes is `invalid_pin`, and no more
/// than the buffer holds is read of it; an empty input is an error (exit 2).
fn pin_line(input: &mut impl Read) -> Result<Pin, Failure> {
    let mut buffer = Zeroizing::new([0u8; PIN_LINE_MAX + 1]);
    let mut len = 0;
    let end = loop {
        if len == buffer.len() {
            return Err(CardError::InvalidPin.into());
        }
        let read = match input.read(&mut buffer[len..]) {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        if read == 0 {
            if len == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "no PIN on stdin").into());
            }
            break len;
        }
        if let Some(at) = buffer[len..len + read].iter().position(|b| *b == b'\n') {
            break len + at;
        }
        len += read;
    };
    let line = &buffer[..end];
    Ok(Pin::new(line.strip_suffix(b"\r").unwrap_or(line))?)
}

/// Writes `value` as JSON (one line, the core's serialization) or as its text lines.
fn print(format: Format, value: &impl Serialize) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer(&mut out, value).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        // The core's card types always serialize (string keys, no custom failure).
        Format::Text => write_text(&mut out, None, &serde_json::to_value(value).map_err(io::Error::from)?)?,
    }
    out.flush()?;
    Ok(())
}

/// The text form of the JSON: `KEY<TAB>VALUE` per scalar, keys in alphabetical order (a
/// nested object's keys as its own, nulls left out); a list of readers as
/// `NAME<TAB>card|empty`, the situations as `situation<TAB>LABEL<TAB>KIND<TAB>DATA`.
fn write_text(out: &mut impl Write, key: Option<&str>, value: &Value) -> io::Result<()> {
    match value {
        Value::Null => Ok(()),
        Value::Object(fields) => fields.iter().try_for_each(|(k, v)| write_text(out, Some(k), v)),
        Value::Array(items) => items.iter().try_for_each(|item| match key {
            None => {
                let present = item["card_present"].as_bool().unwrap_or(false);
                writeln!(
                    out,
                    "{}\t{}",
                    scalar(&item["name"]),
                    if present { "card" } else { "empty" }
                )
            }
            Some(_) => writeln!(
                out,
                "situation\t{}\t{}\t{}",
                scalar(&item["label"]),
                scalar(&item["kind"]),
                scalar(&item["data"])
            ),
        }),
        scalar_value => writeln!(out, "{}\t{}", key.unwrap_or_default(), scalar(scalar_value)),
    }
}

/// A scalar as text: a string without quotes, null as an empty field.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An input given `chunk` bytes at a time, counting what was taken of it.
    struct Piped<'a> {
        data: &'a [u8],
        chunk: usize,
        taken: usize,
        interrupted: bool,
    }

    impl<'a> Piped<'a> {
        fn new(data: &'a [u8], chunk: usize) -> Self {
            Self {
                data,
                chunk,
                taken: 0,
                interrupted: false,
            }
        }
    }

    impl Read for Piped<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if !self.interrupted {
                self.interrupted = true;
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(self.chunk).min(self.data.len() - self.taken);
            buf[..n].copy_from_slice(&self.data[self.taken..self.taken + n]);
            self.taken += n;
            Ok(n)
        }
    }

    fn outcome(data: &[u8], chunk: usize) -> (Result<Pin, Failure>, usize) {
        let mut input = Piped::new(data, chunk);
        let pin = pin_line(&mut input);
        (pin, input.taken)
    }

    #[test]
    fn one_line_is_the_pin() {
        for (data, chunk) in [
            (&b"1234\n"[..], 64),
            (b"1234\r\n", 1),
            (b"1234", 3),
            (b"12345678\nrest", 2),
        ] {
            assert!(outcome(data, chunk).0.is_ok(), "{data:?}");
        }
        let line64 = [b"1234".repeat(16), b"\n".to_vec()].concat();
        assert!(matches!(
            outcome(&line64, 7).0,
            Err(Failure::Card(CardError::InvalidPin))
        ));
        assert!(matches!(
            outcome(b"12\n", 64).0,
            Err(Failure::Card(CardError::InvalidPin))
        ));
        assert!(matches!(outcome(b"", 64).0, Err(Failure::Io(e)) if e.kind() == io::ErrorKind::UnexpectedEof));
    }

    #[test]
    fn a_long_line_is_refused_without_being_read_whole() {
        let long = [vec![b'1'; 10_000], b"\n".to_vec()].concat();
        for chunk in [1, 64, 8192] {
            let (pin, taken) = outcome(&long, chunk);
            assert!(matches!(pin, Err(Failure::Card(CardError::InvalidPin))));
            assert_eq!(taken, PIN_LINE_MAX + 1, "read beyond the fixed buffer");
        }
        // The same without an end of line (a pipe never closed): refused all the same.
        assert!(matches!(
            outcome(&[b'1'; 100], 10).0,
            Err(Failure::Card(CardError::InvalidPin))
        ));
    }
}
