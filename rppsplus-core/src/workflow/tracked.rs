//! A demande moving through its lifecycle: its number, its content and its history. Its
//! statut is the fold of its history; loading one replays that history through the machine.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::guard::{self, Checks, Context};
use super::history::timestamp;
use super::table::events_where;
use super::{Clock, Command, Entry, Event, Guard, Status, Transition, WorkflowError, allowed_events, transition};
use crate::demande::{Actor, Demande};
use crate::ids::{NumeroDemande, Rpps};

/// A demande in its lifecycle (docs/domain.md §5): the number assigned at creation, the
/// content, and the history of every event applied, from which its statut follows. Built
/// by a creation event; moved by [`apply`](Self::apply), which changes nothing when it
/// refuses. Serialises as `{"numero", "demande", "history"}`, each entry of a creation or
/// an edit with the content it brought (`"demande"`); [`from_json`](Self::from_json)
/// replays the history, edits included, and refuses an impossible one.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use rppsplus_core::demande::{Actor, Demande, Procedure};
/// use rppsplus_core::ids::NumeroDemande;
/// use rppsplus_core::workflow::{Command, Event, Status, Tracked};
///
/// let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
/// let demande = Demande { procedure: Some(Procedure::AjoutSituation), ..Demande::default() };
/// let numero = NumeroDemande::from_datetime(at.naive_utc());
/// let mut d = Tracked::create_at(Command::creer(Actor::Gestionnaire, demande), numero, at)?;
/// assert_eq!(d.numero().as_str(), "P20261123093000");
/// assert_eq!(d.status(), Some(Status::EnCoursEnregistrement));
///
/// // Validation is a guard: the incomplete demande cannot be sent; nothing changes.
/// let e = d.apply_at(Command::new(Event::Valider, Actor::Gestionnaire), at).unwrap_err();
/// assert_eq!(e.code().as_str(), "guard_failed");
/// assert!(e.report().unwrap().findings().iter().any(|f| f.path == "rpps"));
/// assert_eq!(d.history().len(), 1);
///
/// // What the gestionnaire may do instead (`refuser` is for a professionnel's demande).
/// assert_eq!(d.allowed(Actor::Gestionnaire), [Event::Valider, Event::Annuler, Event::Modifier]);
/// d.apply_at(Command::new(Event::Annuler, Actor::Gestionnaire), at)?;
/// assert!(d.is_discarded() && d.status().is_none());
///
/// // The history is the state: serialise, load, replay.
/// assert_eq!(Tracked::from_json(d.to_json().as_bytes())?, d);
/// # Ok::<(), rppsplus_core::workflow::WorkflowError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracked {
    numero: NumeroDemande,
    /// Boxed: a registry moves demandes around, their content is large.
    demande: Box<Demande>,
    /// The contents edits replaced, oldest first: the creation's, then each edit's but the
    /// last. With `demande`, the content each creation or edit entry brought, which the
    /// JSON keeps so that loading checks each edit.
    replaced: Vec<Demande>,
    history: Vec<Entry>,
}

impl Tracked {
    /// Creates a demande by a creation event (`creer`, `envoyer`) carrying its content, at
    /// the clock's time, numbered `P` + that time (a registry numbers its demandes uniquely:
    /// [`Registry::create`](super::Registry::create)).
    pub fn create(command: Command, clock: &dyn Clock) -> Result<Self, WorkflowError> {
        let at = clock.now();
        Self::create_at(command, NumeroDemande::from_datetime(at.naive_utc()), at)
    }

    /// Creates a demande with the given number and time.
    pub fn create_at(command: Command, numero: NumeroDemande, at: DateTime<Utc>) -> Result<Self, WorkflowError> {
        Self::created(command, numero, at, Checks::Live)
    }

    /// Checks a creation and builds the demande.
    pub(crate) fn created(
        command: Command,
        numero: NumeroDemande,
        at: DateTime<Utc>,
        checks: Checks,
    ) -> Result<Self, WorkflowError> {
        let entry = step(None, &command, at, checks)?;
        let mut demande = command.demande.unwrap_or_default();
        demande.numero = Some(numero);
        // Most demandes see a handful of events: one allocation for them.
        let mut history = Vec::with_capacity(4);
        history.push(entry);
        Ok(Self {
            numero,
            demande,
            replaced: Vec::new(),
            history,
        })
    }

    /// Applies an event at the clock's time (never before the previous event's: a clock
    /// set back dates the event as the previous one). On refusal nothing changes.
    pub fn apply(&mut self, command: Command, clock: &dyn Clock) -> Result<&Entry, WorkflowError> {
        let at = self.not_before(clock.now());
        self.apply_at(command, at)
    }

    /// Applies an event at `at`; an `at` before the previous event's is `time_backwards`.
    pub fn apply_at(&mut self, command: Command, at: DateTime<Utc>) -> Result<&Entry, WorkflowError> {
        let entry = self.check(&command, at, Checks::Live)?;
        Ok(self.commit(entry, command.demande))
    }

    /// `now`, or the previous event's time if `now` is before it.
    pub(crate) fn not_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.history.last().map_or(now, |last| now.max(last.at))
    }

    /// The entry `command` would append, or why it is refused; nothing changes.
    pub(crate) fn check(&self, command: &Command, at: DateTime<Utc>, checks: Checks) -> Result<Entry, WorkflowError> {
        step(Some(self), command, at, checks)
    }

    /// Appends a checked entry; `demande` (an edit) replaces the content.
    pub(crate) fn commit(&mut self, entry: Entry, demande: Option<Box<Demande>>) -> &Entry {
        if let Some(mut demande) = demande {
            demande.numero = Some(self.numero);
            self.replaced.push(*std::mem::replace(&mut self.demande, demande));
        }
        self.history.push(entry);
        &self.history[self.history.len() - 1]
    }

    /// The demande number.
    pub fn numero(&self) -> NumeroDemande {
        self.numero
    }

    /// The content (its `numero` is the demande's).
    pub fn demande(&self) -> &Demande {
        &self.demande
    }

    /// Every event applied, oldest first; never empty.
    pub fn history(&self) -> &[Entry] {
        &self.history
    }

    /// The statut; `None` once discarded (`annuler`).
    pub fn status(&self) -> Option<Status> {
        self.last().to
    }

    /// The statut's label; `None` once discarded.
    pub fn label(&self) -> Option<&'static str> {
        self.status().map(Status::label)
    }

    /// Whether `annuler` discarded the demande.
    pub fn is_discarded(&self) -> bool {
        self.status().is_none()
    }

    /// Whether no event may follow: a terminal statut, or discarded.
    pub fn is_terminal(&self) -> bool {
        self.status().is_none_or(Status::is_terminal)
    }

    /// Who created the demande.
    pub fn created_by(&self) -> Actor {
        self.history[0].actor
    }

    /// The RPPS number of the person: the one `accepter` assigned to a primo
    /// enregistrement, else the demande's.
    pub fn rpps(&self) -> Option<Rpps> {
        self.history.iter().find_map(|e| e.rpps).or(self.demande.rpps)
    }

    /// The events `actor` may send now: the table's from the statut, but those reserved to
    /// demandes another actor created (none once discarded or terminal).
    pub fn allowed(&self, actor: Actor) -> Vec<Event> {
        if self.is_discarded() {
            return Vec::new();
        }
        // A row reserved to demandes the other actor created is not open to this one.
        let creator_fits = |t: &Transition| {
            t.guards.iter().all(|g| match g {
                Guard::CreatedByProfessionnel => self.created_by() == Actor::Professionnel,
                Guard::CreatedByGestionnaire => self.created_by() == Actor::Gestionnaire,
                _ => true,
            })
        };
        events_where(actor, self.status(), creator_fits)
    }

    /// The demande as JSON: `{"numero", "demande", "history"}`, the entries of its creation
    /// and edits with the content each brought (`"demande"`).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a demande's JSON writes strings only: it cannot fail")
    }

    /// The content each entry of the history brought (a creation, an edit), else `None`.
    fn contents(&self) -> impl Iterator<Item = (&Entry, Option<&Demande>)> {
        let mut contents = self.replaced.iter().chain([&*self.demande]);
        self.history.iter().map(move |e| {
            let content = takes_content(e.event, e.from).then(|| contents.next()).flatten();
            (e, content)
        })
    }

    /// Loads a demande from its JSON and replays its history through the machine (every
    /// guard but validation, which ran when each event was applied): the first entry must
    /// create the demande, each step must be a row of the table from the statut reached,
    /// each creation and edit must carry its content and each edit keep what an edit may
    /// not change, timestamps must not go backwards. A bad entry is `history_invalid` with
    /// its index and cause; a `demande` that is not the content the history leaves is
    /// `content_mismatch`; text that is not this JSON is `invalid_json`.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use rppsplus_core::demande::{Actor, Demande, Procedure};
    /// use rppsplus_core::workflow::{Command, Tracked};
    ///
    /// let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
    /// let draft = Demande { procedure: Some(Procedure::AjoutSituation), ..Demande::default() };
    /// let mut edited = draft;
    /// edited.rpps = Some("10107985318".parse()?);
    /// let mut d = Tracked::create_at(Command::creer(Actor::Gestionnaire, edited.clone()), "P20261123093000".parse()?, at)?;
    /// edited.contact = Some(serde_json::from_str(r#"{"email": "n.dupont@example.org"}"#)?);
    /// d.apply_at(Command::modifier(Actor::Gestionnaire, edited), at)?;
    /// let json = d.to_json();
    /// assert_eq!(Tracked::from_json(json.as_bytes())?, d);
    ///
    /// // Each edit's content is in its entry: an edit made there by hand is checked as the
    /// // edit would have been (the procedure stays), and refused.
    /// let mut forged: serde_json::Value = serde_json::from_str(&json)?;
    /// forged["history"][1]["demande"]["procedure"] = "fermeture_situation".into();
    /// forged["demande"]["procedure"] = "fermeture_situation".into();
    /// let e = Tracked::from_json(forged.to_string().as_bytes()).unwrap_err();
    /// assert_eq!((e.code().as_str(), e.cause().code().as_str()), ("history_invalid", "guard_failed"));
    /// // The content beside the history must be the one it leaves.
    /// forged["history"][1]["demande"]["procedure"] = "ajout_situation".into();
    /// let e = Tracked::from_json(forged.to_string().as_bytes()).unwrap_err();
    /// assert_eq!(e.code().as_str(), "content_mismatch");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(json: &[u8]) -> Result<Self, WorkflowError> {
        let raw: RawTracked<'_> = serde_json::from_slice(json).map_err(|e| WorkflowError::json(&e))?;
        let mut entries = raw.history.into_iter().enumerate();
        let at_index = |index| {
            move |e| WorkflowError::HistoryInvalid {
                index,
                cause: Box::new(e),
            }
        };
        let Some((_, first)) = entries.next() else {
            return Err(WorkflowError::HistoryEmpty);
        };
        let (first, content) = first.typed().map_err(at_index(0))?;
        let mut tracked = Self::created(first.command(content), raw.numero, first.at, Checks::Replay)
            .and_then(|t| first.matches(&t.history[0]).map(|()| t))
            .map_err(at_index(0))?;
        for (index, raw) in entries {
            let (recorded, content) = raw.typed().map_err(at_index(index))?;
            let command = recorded.command(content);
            let entry = tracked
                .check(&command, recorded.at, Checks::Replay)
                .and_then(|entry| recorded.matches(&entry).map(|()| entry))
                .map_err(at_index(index))?;
            tracked.commit(entry, command.demande);
        }
        if *tracked.demande != raw.demande {
            return Err(WorkflowError::ContentMismatch);
        }
        Ok(tracked)
    }

    fn last(&self) -> &Entry {
        &self.history[self.history.len() - 1]
    }
}

/// The entry `command` appends to `current` (`None`: the command creates the demande), or
/// why it is refused.
fn step(
    current: Option<&Tracked>,
    command: &Command,
    at: DateTime<Utc>,
    checks: Checks,
) -> Result<Entry, WorkflowError> {
    let (event, actor) = (command.event, command.actor);
    let from = current.and_then(Tracked::status);
    let row = match current {
        Some(t) if t.is_discarded() => None,
        _ => transition(event, actor, from),
    };
    let Some(row) = row else {
        let allowed = current.map_or_else(|| allowed_events(actor, None), |t| t.allowed(actor));
        return Err(WorkflowError::TransitionRefused {
            event,
            actor,
            status: from,
            allowed,
        });
    };
    if let Some(previous) = current.map(Tracked::last) {
        if at < previous.at {
            return Err(WorkflowError::TimeBackwards {
                previous: previous.at,
                at,
            });
        }
    }
    let takes_content = takes_content(event, row.from);
    let content = match (command.demande.as_ref(), current) {
        (Some(_), _) if !takes_content => {
            return Err(WorkflowError::UnexpectedArgument {
                event,
                argument: "demande",
            });
        }
        (Some(new), _) => new,
        (None, Some(t)) if !takes_content => &t.demande,
        _ => return Err(WorkflowError::DemandeRequired { event }),
    };
    if command.rpps.is_some() && !row.guards.contains(&super::Guard::AssignedRpps) {
        return Err(WorkflowError::UnexpectedArgument {
            event,
            argument: "rpps",
        });
    }
    let cx = Context {
        current,
        command,
        content,
        at,
        checks,
    };
    for &g in row.guards {
        guard::check(g, &cx)?;
    }
    Ok(Entry {
        event,
        actor,
        from,
        to: row.to,
        at,
        motif: command.motif.clone(),
        rpps: command.rpps,
    })
}

/// Whether `event` from `from` brings the demande's content: a creation (no `from`) or an
/// edit.
fn takes_content(event: Event, from: Option<Status>) -> bool {
    from.is_none() || event == Event::Modifier
}

impl Serialize for Tracked {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut t = s.serialize_struct("Tracked", 3)?;
        t.serialize_field("numero", &self.numero)?;
        t.serialize_field("demande", &*self.demande)?;
        t.serialize_field("history", &History(self))?;
        t.end()
    }
}

/// The history of a demande as its JSON writes it: each entry, with the content it brought.
struct History<'a>(&'a Tracked);

impl Serialize for History<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.contents().map(|(entry, demande)| EntryOut { entry, demande }))
    }
}

/// A history entry and the content it brought.
#[derive(Serialize)]
struct EntryOut<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    #[serde(skip_serializing_if = "Option::is_none")]
    demande: Option<&'a Demande>,
}

/// A demande as its JSON holds it, before its history is replayed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTracked<'a> {
    numero: NumeroDemande,
    demande: Demande,
    #[serde(borrow)]
    history: Vec<RawEntry<'a>>,
}

/// A history entry as text, its names not yet checked: a bad name is a typed error of its
/// entry (or journal line), not a JSON error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntry<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    #[serde(borrow)]
    actor: Cow<'a, str>,
    #[serde(borrow)]
    from: Option<Cow<'a, str>>,
    #[serde(borrow)]
    to: Option<Cow<'a, str>>,
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[serde(default)]
    motif: Option<String>,
    #[serde(default, borrow)]
    rpps: Option<Cow<'a, str>>,
    /// The content a creation or an edit brought (a demande's JSON; a journal line has it
    /// beside its entry instead).
    #[serde(default)]
    demande: Option<Box<Demande>>,
}

impl RawEntry<'_> {
    /// The entry with its names checked, and the content it carries.
    pub(crate) fn typed(self) -> Result<(Entry, Option<Box<Demande>>), WorkflowError> {
        let status = |s: Option<Cow<'_, str>>| {
            s.map(|s| s.parse::<Status>())
                .transpose()
                .map_err(WorkflowError::UnknownStatus)
        };
        let command = Command::parse(&self.event, &self.actor, None, self.rpps.as_deref())?;
        let entry = Entry {
            event: command.event,
            actor: command.actor,
            from: status(self.from)?,
            to: status(self.to)?,
            at: timestamp::parse(&self.at).ok_or(WorkflowError::InvalidTimestamp)?,
            motif: self.motif,
            rpps: command.rpps,
        };
        Ok((entry, self.demande))
    }
}

impl Entry {
    /// The command this recorded entry replays, with the content it carried.
    pub(crate) fn command(&self, demande: Option<Box<Demande>>) -> Command {
        Command {
            event: self.event,
            actor: self.actor,
            motif: self.motif.clone(),
            rpps: self.rpps,
            demande,
        }
    }

    /// Whether the recorded step is the one the machine computed.
    pub(crate) fn matches(&self, computed: &Entry) -> Result<(), WorkflowError> {
        if (self.from, self.to) == (computed.from, computed.to) {
            Ok(())
        } else {
            Err(WorkflowError::StepMismatch {
                event: self.event,
                recorded_from: self.from,
                recorded_to: self.to,
                from: computed.from,
                to: computed.to,
            })
        }
    }
}
