//! `rppsplus card readers|read|status` (docs/cli.md, docs/cards.md): CPx cards through PC/SC.
//!
//! The JSON is the core's serialization of its card types (`Reader`, `Card`, `PinStatus`,
//! `SituationObject`); the text lines are that JSON as `KEY<TAB>VALUE` lines. A card error
//! is its code and French message on stderr, exit 1. The PIN of `read --situations` is read
//! from the terminal without echo, or as one line of stdin when stdin is not a terminal;
//! never from the command line or the environment.

use std::io::{self, BufRead, IsTerminal, Write};
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
/// terminal. Kept in buffers that are wiped when dropped; checked by the core (4 to 8 digits,
/// else `invalid_pin` and nothing is sent).
fn read_pin() -> Result<Pin, Failure> {
    let line = if io::stdin().is_terminal() {
        Zeroizing::new(rpassword::prompt_password("Code porteur : ")?)
    } else {
        let mut line = Zeroizing::new(String::new());
        if io::stdin().lock().read_line(&mut line)? == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "no PIN on stdin").into());
        }
        line
    };
    Ok(line.trim_end_matches(['\n', '\r']).parse::<Pin>()?)
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
