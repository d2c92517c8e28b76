//! The lifecycle of a demande (docs/domain.md section 5; docs/lifecycle.md): its events,
//! statuts and durabilities as value types, the command an actor sends
//! (`rppsplus_command`), one demande (`rppsplus_demande`), the registry of demandes and
//! dossiers, in memory or on a journal (`rppsplus_registry`), and the detail of a refusal
//! (`rppsplus_workflow_error`).
//!
//! Everything here converts: the transition table, the guards, the history, the dossier,
//! the journal, the names and the messages are the core's (`rppsplus_core::workflow`).

mod command;
mod demande;
mod error;
mod registry;

use std::ffi::c_char;

use chrono::{DateTime, Utc};
use rppsplus_core::workflow::journal::Durability;
use rppsplus_core::workflow::{Event, Status};

pub use command::*;
pub use demande::*;
pub use error::*;
pub use registry::*;

use crate::buffer::{ValuesOutput, rppsplus_str};
use crate::names::{CNames, from_value, to_value};
use crate::result::rppsplus_result;

/// An event of the lifecycle: `typedef uint32_t rppsplus_event`, with the
/// `RPPSPLUS_EVENT_*` constants, whose values are the order of the core's `Event::ALL` and
/// whose names (`rppsplus_event_name`) are the core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_event(pub u32);

/// Creates a demande: the professionnel (a primo enregistrement through FranceConnect) or
/// the gestionnaire (`creer`).
pub const RPPSPLUS_EVENT_CREER: rppsplus_event = rppsplus_event(0);
/// The professionnel sends a pre-registration to the gestionnaire (`soumettre`).
pub const RPPSPLUS_EVENT_SOUMETTRE: rppsplus_event = rppsplus_event(1);
/// The professionnel gives up a pre-registration (`abandonner`).
pub const RPPSPLUS_EVENT_ABANDONNER: rppsplus_event = rppsplus_event(2);
/// The gestionnaire takes a pre-registration in hand (`prendre_en_charge`).
pub const RPPSPLUS_EVENT_PRENDRE_EN_CHARGE: rppsplus_event = rppsplus_event(3);
/// The gestionnaire validates and sends to the RPPS (`valider`).
pub const RPPSPLUS_EVENT_VALIDER: rppsplus_event = rppsplus_event(4);
/// The gestionnaire refuses a professional's demande, with a motif (`refuser`).
pub const RPPSPLUS_EVENT_REFUSER: rppsplus_event = rppsplus_event(5);
/// The gestionnaire discards a demande it created (`annuler`).
pub const RPPSPLUS_EVENT_ANNULER: rppsplus_event = rppsplus_event(6);
/// A registered professional sends an update straight to the RPPS (`envoyer`).
pub const RPPSPLUS_EVENT_ENVOYER: rppsplus_event = rppsplus_event(7);
/// The RPPS accepts, with the RPPS number it assigns to a primo enregistrement
/// (`accepter`).
pub const RPPSPLUS_EVENT_ACCEPTER: rppsplus_event = rppsplus_event(8);
/// The RPPS refuses, with a motif (`refuser_rpps`).
pub const RPPSPLUS_EVENT_REFUSER_RPPS: rppsplus_event = rppsplus_event(9);
/// The RPPS rejects technically, with a motif (`rejeter`).
pub const RPPSPLUS_EVENT_REJETER: rppsplus_event = rppsplus_event(10);
/// The actor holding the demande replaces its content; the statut stays (`modifier`).
pub const RPPSPLUS_EVENT_MODIFIER: rppsplus_event = rppsplus_event(11);

/// The statut of a demande: `typedef uint32_t rppsplus_status`, with the
/// `RPPSPLUS_STATUS_*` constants, whose values are the order of the core's `Status::ALL`
/// and whose names (`rppsplus_status_name`) are the core's; `RPPSPLUS_STATUS_NONE` when
/// there is none (a discarded demande, a NULL handle).
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_status(pub u32);

/// Saisie par le professionnel (`saisie_professionnel`).
pub const RPPSPLUS_STATUS_SAISIE_PROFESSIONNEL: rppsplus_status = rppsplus_status(0);
/// En cours d'enregistrement (`en_cours_enregistrement`).
pub const RPPSPLUS_STATUS_EN_COURS_ENREGISTREMENT: rppsplus_status = rppsplus_status(1);
/// En cours d'instruction (`en_cours_instruction`).
pub const RPPSPLUS_STATUS_EN_COURS_INSTRUCTION: rppsplus_status = rppsplus_status(2);
/// Envoyee au RPPS (`envoyee_rpps`).
pub const RPPSPLUS_STATUS_ENVOYEE_RPPS: rppsplus_status = rppsplus_status(3);
/// Envoyee au RPPS par le professionnel (`envoyee_rpps_par_professionnel`).
pub const RPPSPLUS_STATUS_ENVOYEE_RPPS_PAR_PROFESSIONNEL: rppsplus_status = rppsplus_status(4);
/// Abandonnee par le professionnel, terminal (`abandonnee_professionnel`).
pub const RPPSPLUS_STATUS_ABANDONNEE_PROFESSIONNEL: rppsplus_status = rppsplus_status(5);
/// Refusee par l'autorite d'enregistrement, terminal (`refusee_ae`).
pub const RPPSPLUS_STATUS_REFUSEE_AE: rppsplus_status = rppsplus_status(6);
/// Enregistrement RPPS valide, terminal (`validee_rpps`).
pub const RPPSPLUS_STATUS_VALIDEE_RPPS: rppsplus_status = rppsplus_status(7);
/// Refuse par le RPPS, terminal (`refusee_rpps`).
pub const RPPSPLUS_STATUS_REFUSEE_RPPS: rppsplus_status = rppsplus_status(8);
/// Rejet technique, terminal (`rejet_technique`).
pub const RPPSPLUS_STATUS_REJET_TECHNIQUE: rppsplus_status = rppsplus_status(9);
/// No statut: a demande discarded by `annuler`, or a NULL handle (`unknown`).
pub const RPPSPLUS_STATUS_NONE: rppsplus_status = rppsplus_status(255);

/// How far a journal append goes before the call returns: `typedef uint32_t
/// rppsplus_durability`, with the `RPPSPLUS_DURABILITY_*` constants, whose values are the
/// order of the core's `Durability::ALL` and whose names (`rppsplus_durability_name`) are
/// the core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_durability(pub u32);

/// Written and `fsync`ed: the event survives a power loss (`fsync`; the default).
pub const RPPSPLUS_DURABILITY_FSYNC: rppsplus_durability = rppsplus_durability(0);
/// Written to the operating system only, until `rppsplus_registry_sync` (`flush`): for
/// batches.
pub const RPPSPLUS_DURABILITY_FLUSH: rppsplus_durability = rppsplus_durability(1);

/// The core's names of the events, statuts and durabilities, with a NUL.
static EVENT_NAMES: CNames<{ Event::NAMES.len() }> = CNames::new(Event::NAMES);
static STATUS_NAMES: CNames<{ Status::NAMES.len() }> = CNames::new(Status::NAMES);
static DURABILITY_NAMES: CNames<{ Durability::NAMES.len() }> = CNames::new(Durability::NAMES);

impl rppsplus_status {
    /// The value of a statut, `NONE` for none.
    fn of(status: Option<Status>) -> Self {
        status.map_or(RPPSPLUS_STATUS_NONE, |s| Self(to_value(s)))
    }
}

/// Writes `events` to a caller's `(rppsplus_event *out, size_t out_cap, size_t *out_len)`.
fn write_events(output: &ValuesOutput<rppsplus_event>, events: &[Event]) -> Result<(), rppsplus_result> {
    let values: Vec<rppsplus_event> = events.iter().map(|e| rppsplus_event(to_value(*e))).collect();
    output.write(&values)
}

/// The time of a call: the command's, or the system clock's (`None`), as the core's `_at`
/// and clock forms take it.
type At = Option<DateTime<Utc>>;

/// The name of an `rppsplus_event` value, the core's (`"creer"`, `"prendre_en_charge"`...),
/// or `"unknown"` for any other integer. Static and NUL-terminated: never free it. Never
/// returns NULL (an empty string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_event_name(event: rppsplus_event) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); EVENT_NAMES.of(event.0) }
}

/// The name of an `rppsplus_status` value, the core's (`"saisie_professionnel"`...), or
/// `"unknown"` for any other integer (`RPPSPLUS_STATUS_NONE` included). Static and
/// NUL-terminated: never free it. Never returns NULL (an empty string if an internal panic
/// was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_status_name(status: rppsplus_status) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); STATUS_NAMES.of(status.0) }
}

/// The portal's label of a statut, in French (UTF-8, the core's: `En cours d'instruction`
/// for `RPPSPLUS_STATUS_EN_COURS_INSTRUCTION`): a static view, never freed, not NUL-terminated; a NULL view for a value
/// that is not a statut (`RPPSPLUS_STATUS_NONE` included).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_status_label(status: rppsplus_status) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        from_value::<Status>(status.0).map_or(rppsplus_str::NONE, |s| rppsplus_str::of(s.label()))
    }
}

/// Whether no event leaves the statut (the core's `Status::is_terminal`); false for a value
/// that is not a statut.
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_status_is_terminal(status: rppsplus_status) -> bool {
    ffi_panic_boundary! {
        default = false;
        from_value::<Status>(status.0).is_ok_and(Status::is_terminal)
    }
}

/// The name of an `rppsplus_durability` value, the core's (`"fsync"`, `"flush"`), or
/// `"unknown"` for any other integer. Static and NUL-terminated: never free it. Never
/// returns NULL (an empty string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_durability_name(durability: rppsplus_durability) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); DURABILITY_NAMES.of(durability.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_terminal_flags_are_the_cores() {
        for (i, status) in Status::ALL.iter().enumerate() {
            let value = rppsplus_status(u32::try_from(i).unwrap());
            let label = rppsplus_status_label(value);
            // SAFETY: a static view of `label.len` bytes.
            let text = unsafe { std::slice::from_raw_parts(label.data.cast::<u8>(), label.len) };
            assert_eq!(text, status.label().as_bytes());
            assert_eq!(rppsplus_status_is_terminal(value), status.is_terminal());
            assert_eq!(rppsplus_status::of(Some(*status)), value);
        }
        assert!(rppsplus_status_label(RPPSPLUS_STATUS_NONE).data.is_null());
        assert!(!rppsplus_status_is_terminal(RPPSPLUS_STATUS_NONE));
        assert_eq!(rppsplus_status::of(None), RPPSPLUS_STATUS_NONE);
    }
}
