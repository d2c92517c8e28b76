//! The registry: demandes by number, dossiers by RPPS number, at most one pending demande
//! per RPPS number (docs/domain.md §5.4), in memory or durable on a journal file.
//!
//! Every change goes the same way, live or replayed from a journal: checked against the
//! state without touching it (`prepare_*`), written to the journal if there is one, then
//! committed. A registry's state is the fold of its journal.

use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, TimeDelta, Utc};

use super::guard::Checks;
use super::journal::file::JournalFile;
use super::journal::{self, Durability, Record, TornTail};
use super::{Clock, Command, Dossier, Entry, Event, SystemClock, Tracked, WorkflowError};
use crate::demande::messages::Msg;
use crate::demande::{Demande, Finding, Procedure, Report};
use crate::fnv::FnvMap;
use crate::ids::{NumeroDemande, Rpps};

/// Demandes and dossiers, safe to share between threads: each call takes the registry's
/// lock for its whole check–write–commit, so no update is lost and the invariants hold at
/// every moment. A call that refuses changes nothing (not the state, not the journal).
///
/// Demande numbers are `P` + the creation time in UTC to the second, unique in a registry:
/// when that second's number is taken (several creations in the same second), the demande
/// gets the latest free second before it. A number is thus never after its creation, and
/// passes the demande's own rule (`numero_after_reference`) at the date of any event.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use rppsplus_core::demande::{Actor, Demande};
/// use rppsplus_core::workflow::{Command, Event, Registry, Status};
///
/// let registry = Registry::in_memory();
/// let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
/// let primo: Demande = serde_json::from_str(r#"{"procedure": "primo_enregistrement",
///   "etat_civil": {"civilite": "MME", "sexe": "F", "nom_naissance": "DUPONT", "prenoms": ["Nathalie"],
///                  "date_naissance": "1999-05-05", "pays_naissance": "99100", "commune_naissance": "13203",
///                  "source": "saisie"},
///   "contact": {"email": "nathalie.dupont@example.org", "telephone_mobile": "+33730494959"},
///   "situation": {"nom_exercice": "DUPONT", "prenom_exercice": "Nathalie", "structure": {"finess": "970405593"},
///                 "profession": "326", "role": "GENR08", "date_prise_fonction": "2022-05-02"},
///   "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}}"#).unwrap();
/// let a = registry.create_at(Command::creer(Actor::Gestionnaire, primo.clone()), at)?;
/// let b = registry.create_at(Command::creer(Actor::Gestionnaire, primo), at)?;
/// assert_eq!((a.as_str(), b.as_str()), ("P20261123093000", "P20261123092959"));
///
/// registry.apply_at(a, Command::new(Event::Valider, Actor::Gestionnaire), at)?;
/// let rpps = "10107985318".parse()?;
/// registry.apply_at(a, Command::new(Event::Accepter, Actor::Rpps).with_rpps(rpps), at)?;
/// assert_eq!(registry.demande(a).unwrap().status(), Some(Status::ValideeRpps));
/// assert_eq!(registry.dossier(rpps).unwrap().situations[0].id, "P20261123093000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Registry {
    inner: Mutex<Inner>,
    clock: Box<dyn Clock>,
    torn_tail: Option<TornTail>,
}

struct Inner {
    store: Store,
    journal: Option<JournalFile>,
    /// The line being written, kept to reuse its allocation.
    line: Vec<u8>,
}

impl Registry {
    /// An empty registry in memory, on the system clock.
    pub fn in_memory() -> Self {
        Self::new(Store::default(), None, None)
    }

    /// Opens the registry kept in the journal at `path` (created if absent), rebuilt by
    /// replaying it; each change is appended and `fsync`ed before the call returns. A torn
    /// tail (a line a crash cut short) is cut off and reported by [`torn_tail`](Self::torn_tail);
    /// a complete line that does not replay is `journal_corrupt` with its line number, and
    /// the file is left as it is. One registry at a time may open a journal: it holds the
    /// file's lock until it is dropped (`journal_locked` for another, on Unix).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, WorkflowError> {
        Self::open_with(path, Durability::Fsync)
    }

    /// [`open`](Self::open) with the durability of appends chosen.
    pub fn open_with(path: impl AsRef<Path>, durability: Durability) -> Result<Self, WorkflowError> {
        let mut file = JournalFile::open(path.as_ref(), durability)?;
        let mut store = Store::default();
        let torn = file.replay(|lines, first| store.replay(lines, first))?;
        Ok(Self::new(store, Some(file), torn))
    }

    /// A registry in memory rebuilt from a journal's bytes (its torn tail, if any, reported
    /// by [`torn_tail`](Self::torn_tail)).
    pub fn replay(journal: &[u8]) -> Result<Self, WorkflowError> {
        let (lines, tail) = journal::split(journal);
        let mut store = Store::default();
        let count = store.replay(lines, 1)?;
        let torn = (!tail.is_empty()).then_some(TornTail {
            line: count + 1,
            bytes: tail.len(),
        });
        Ok(Self::new(store, None, torn))
    }

    fn new(store: Store, journal: Option<JournalFile>, torn_tail: Option<TornTail>) -> Self {
        Self {
            inner: Mutex::new(Inner {
                store,
                journal,
                line: Vec::new(),
            }),
            clock: Box::new(SystemClock),
            torn_tail,
        }
    }

    /// This registry on another clock.
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The torn tail cut off when the journal was opened, if there was one.
    pub fn torn_tail(&self) -> Option<TornTail> {
        self.torn_tail
    }

    /// Creates a demande (`creer`, `envoyer`, with its content) at the clock's time and
    /// returns its number. Beyond the table's guards, a demande for a registered person
    /// (any procedure but the primo enregistrement) needs an RPPS number with a dossier here
    /// and no other pending demande (`pending_demande`, naming it); a primo enregistrement
    /// carries none (`guard_failed`, `not_applicable` on `rpps`): its number is the one
    /// `accepter` assigns.
    pub fn create(&self, command: Command) -> Result<NumeroDemande, WorkflowError> {
        self.create_at(command, self.clock.now())
    }

    /// [`create`](Self::create) at `at`.
    pub fn create_at(&self, command: Command, at: DateTime<Utc>) -> Result<NumeroDemande, WorkflowError> {
        let mut inner = self.lock();
        let (numero, taken) = inner.store.next_numero(at);
        let change = inner.store.prepare_create(command, numero, at, Checks::Live)?;
        inner.write_and_commit(change)?;
        inner.store.taken = taken;
        Ok(numero)
    }

    /// Applies an event to demande `numero` at the clock's time (never before its previous
    /// event's) and returns the entry appended. `accepter` also creates or updates the
    /// dossier, and is refused if the dossier cannot take the demande
    /// (`situation_not_found`, `situation_closed`, `dossier_inconsistent`, `dossier_exists`).
    pub fn apply(&self, numero: NumeroDemande, command: Command) -> Result<Entry, WorkflowError> {
        let mut inner = self.lock();
        let now = self.clock.now();
        let at = inner.store.demandes.get(&numero).map_or(now, |t| t.not_before(now));
        inner.apply(numero, command, at)
    }

    /// [`apply`](Self::apply) at `at` (`time_backwards` if before the demande's previous event).
    pub fn apply_at(&self, numero: NumeroDemande, command: Command, at: DateTime<Utc>) -> Result<Entry, WorkflowError> {
        self.lock().apply(numero, command, at)
    }

    /// Imports the dossier of a person registered before (checked; `dossier_exists` if the
    /// RPPS number has one), so that demandes may concern them.
    pub fn import_dossier(&self, dossier: Dossier) -> Result<(), WorkflowError> {
        let mut inner = self.lock();
        let change = inner.store.prepare_import(dossier)?;
        inner.write_and_commit(change)
    }

    /// `fsync`s the journal: with [`Durability::Flush`], the events applied so far are on
    /// disk once this returns (a batch: several events, one sync). Nothing to do in memory.
    pub fn sync(&self) -> Result<(), WorkflowError> {
        match &mut self.lock().journal {
            Some(file) => file.sync_now(),
            None => Ok(()),
        }
    }

    /// The demande with this number.
    pub fn demande(&self, numero: NumeroDemande) -> Option<Tracked> {
        self.lock().store.demandes.get(&numero).cloned()
    }

    /// The dossier with this RPPS number.
    pub fn dossier(&self, rpps: Rpps) -> Option<Dossier> {
        self.lock().store.dossiers.get(&rpps).cloned()
    }

    /// The number of the pending (non-terminal) demande of this RPPS number.
    pub fn pending(&self, rpps: Rpps) -> Option<NumeroDemande> {
        self.lock().store.pending.get(&rpps).copied()
    }

    /// Every demande, by number.
    pub fn demandes(&self) -> Vec<Tracked> {
        let mut all: Vec<Tracked> = self.lock().store.demandes.values().cloned().collect();
        all.sort_by_key(Tracked::numero);
        all
    }

    /// Every dossier, by RPPS number.
    pub fn dossiers(&self) -> Vec<Dossier> {
        let mut all: Vec<Dossier> = self.lock().store.dossiers.values().cloned().collect();
        all.sort_by_key(|d| d.rpps);
        all
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The state changes only in `commit`, which does not panic: a poisoned lock still
        // guards a consistent state.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    fn apply(&mut self, numero: NumeroDemande, command: Command, at: DateTime<Utc>) -> Result<Entry, WorkflowError> {
        let applied = self.store.prepare_apply(numero, command, at, Checks::Live)?;
        let entry = applied.entry.clone();
        self.write_and_commit(Change::Applied(applied))?;
        Ok(entry)
    }

    /// Appends the change to the journal, if any, then commits it.
    fn write_and_commit(&mut self, change: Change) -> Result<(), WorkflowError> {
        if let Some(file) = &mut self.journal {
            self.line.clear();
            change.encode(&mut self.line);
            file.append(&self.line)?;
        }
        self.store.commit(change);
        Ok(())
    }
}

/// The state of a registry.
#[derive(Default)]
struct Store {
    demandes: FnvMap<NumeroDemande, Tracked>,
    dossiers: FnvMap<Rpps, Dossier>,
    /// The pending demande of each RPPS number.
    pending: FnvMap<Rpps, NumeroDemande>,
    /// Numbers `low..=high` (a run of seconds) all taken: the run the last collision of
    /// numbers went down, so that each creation of a burst does not go down it again.
    taken: Option<Taken>,
}

/// Numbers `low..=high`, every second of them a demande's.
#[derive(Clone, Copy)]
struct Taken {
    low: NumeroDemande,
    high: NumeroDemande,
}

/// A checked change, not yet committed.
enum Change {
    /// A demande created.
    Created(Tracked),
    /// An event applied to a demande.
    Applied(Applied),
    /// A dossier imported.
    Imported(Dossier),
}

/// An event applied to a demande, with the content an edit brings and the dossier an
/// `accepter` creates or updates.
struct Applied {
    numero: NumeroDemande,
    entry: Entry,
    demande: Option<Box<Demande>>,
    dossier: Option<Update>,
}

/// What an accepted demande does to a dossier, checked, not yet done.
enum Update {
    /// A primo enregistrement creates it.
    Register(Box<Dossier>),
    /// Another procedure updates the dossier of this RPPS number.
    Accept(Rpps),
}

impl Change {
    /// The history entry the change appends.
    fn entry(&self) -> Option<&Entry> {
        match self {
            Self::Created(t) => t.history().first(),
            Self::Applied(applied) => Some(&applied.entry),
            Self::Imported(_) => None,
        }
    }

    /// The journal line of the change.
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Self::Created(t) => journal::encode_event(t.numero(), &t.history()[0], Some(t.demande()), out),
            Self::Applied(a) => journal::encode_event(a.numero, &a.entry, a.demande.as_deref(), out),
            Self::Imported(dossier) => journal::encode_dossier(dossier, out),
        }
    }
}

impl Store {
    /// Folds complete journal lines into the state, the first being line `first` (from 1);
    /// returns how many there were.
    fn replay(&mut self, lines: &[u8], first: usize) -> Result<usize, WorkflowError> {
        let records: Box<dyn Iterator<Item = Result<Record, WorkflowError>>> = match std::str::from_utf8(lines) {
            // Checked as UTF-8 once: each line is then read as text, faster.
            Ok(text) => Box::new(journal::text_lines(text).map(journal::decode_str)),
            // Not UTF-8: each line read as bytes, so that the bad one is found.
            Err(_) => Box::new(lines.split_inclusive(|&b| b == b'\n').map(journal::decode)),
        };
        let mut count = 0;
        for record in records {
            record
                .and_then(|record| self.replay_record(record))
                .map_err(|cause| WorkflowError::JournalCorrupt {
                    line: first + count,
                    cause: Box::new(cause),
                })?;
            count += 1;
        }
        Ok(count)
    }

    /// Checks a recorded change as a live one is checked (but validation), then commits it.
    fn replay_record(&mut self, record: Record) -> Result<(), WorkflowError> {
        let change = match record {
            Record::Event { numero, entry, demande } => {
                let command = entry.command(demande);
                let change = if entry.event.is_creation() {
                    self.prepare_create(command, numero, entry.at, Checks::Replay)?
                } else {
                    Change::Applied(self.prepare_apply(numero, command, entry.at, Checks::Replay)?)
                };
                if let Some(computed) = change.entry() {
                    entry.matches(computed)?;
                }
                change
            }
            Record::Dossier(dossier) => self.prepare_import(*dossier)?,
        };
        self.commit(change);
        Ok(())
    }

    /// The number of a demande created at `at`: its second, or, when taken, the latest free
    /// second before it, never one after `at` (docs/lifecycle.md). Also returns the run of
    /// taken numbers to remember once the demande is committed with it.
    fn next_numero(&self, at: DateTime<Utc>) -> (NumeroDemande, Option<Taken>) {
        let top = NumeroDemande::from_datetime(at.naive_utc());
        let free = |n: &NumeroDemande| !self.demandes.contains_key(n);
        if free(&top) {
            return (top, self.taken);
        }
        // Go down from the bottom of the known run if `top` is in it, else from `top`.
        let (mut numero, high) = match self.taken {
            Some(run) if run.low <= top && top <= run.high => (run.low, run.high),
            _ => (top, top),
        };
        while !free(&numero) {
            let before = NumeroDemande::from_datetime(numero.created_at() - TimeDelta::seconds(1));
            if before == numero {
                break; // year 0: `prepare_create` refuses the number as used
            }
            numero = before;
        }
        (numero, Some(Taken { low: numero, high }))
    }

    fn prepare_create(
        &self,
        command: Command,
        numero: NumeroDemande,
        at: DateTime<Utc>,
        checks: Checks,
    ) -> Result<Change, WorkflowError> {
        if self.demandes.contains_key(&numero) {
            return Err(WorkflowError::DuplicateNumero { numero });
        }
        let event = command.event;
        let tracked = Tracked::created(command, numero, at, checks)?;
        let demande = tracked.demande();
        let refuse = |finding: Finding| {
            let mut report = Report::default();
            report.push(finding);
            Err(WorkflowError::GuardFailed { event, report })
        };
        match (demande.procedure, demande.rpps) {
            // The RPPS number of a primo enregistrement is the one `accepter` assigns.
            (Some(primo @ Procedure::PrimoEnregistrement), Some(_)) => {
                return refuse(Msg::NotApplicableForProcedure.at("rpps", &[primo.label()]));
            }
            (Some(Procedure::PrimoEnregistrement), None) => {}
            (_, None) => return refuse(Msg::Required.at("rpps", &[])),
            (_, Some(rpps)) => {
                if !self.dossiers.contains_key(&rpps) {
                    return Err(WorkflowError::DossierNotFound { rpps });
                }
                if let Some(&pending) = self.pending.get(&rpps) {
                    return Err(WorkflowError::PendingDemande { rpps, pending });
                }
            }
        }
        Ok(Change::Created(tracked))
    }

    fn prepare_apply(
        &self,
        numero: NumeroDemande,
        command: Command,
        at: DateTime<Utc>,
        checks: Checks,
    ) -> Result<Applied, WorkflowError> {
        let tracked = self
            .demandes
            .get(&numero)
            .ok_or(WorkflowError::DemandeNotFound { numero })?;
        let entry = tracked.check(&command, at, checks)?;
        let dossier = match entry.event {
            Event::Accepter => Some(self.accepted(tracked, &entry)?),
            _ => None,
        };
        Ok(Applied {
            numero,
            entry,
            demande: command.demande,
            dossier,
        })
    }

    /// A dossier to import: consistent, and the only one of its RPPS number.
    fn prepare_import(&self, dossier: Dossier) -> Result<Change, WorkflowError> {
        dossier.check()?;
        if self.dossiers.contains_key(&dossier.rpps) {
            return Err(WorkflowError::DossierExists { rpps: dossier.rpps });
        }
        Ok(Change::Imported(dossier))
    }

    /// What accepting `tracked` (`entry`) does to the dossier, checked.
    fn accepted(&self, tracked: &Tracked, entry: &Entry) -> Result<Update, WorkflowError> {
        let demande = tracked.demande();
        match (demande.procedure, entry.rpps.or(demande.rpps)) {
            (_, None) => Err(WorkflowError::RppsRequired),
            (Some(Procedure::PrimoEnregistrement), Some(rpps)) => {
                if self.dossiers.contains_key(&rpps) {
                    return Err(WorkflowError::DossierExists { rpps });
                }
                Dossier::register(rpps, demande, tracked.numero()).map(|d| Update::Register(Box::new(d)))
            }
            (_, Some(rpps)) => {
                let dossier = self
                    .dossiers
                    .get(&rpps)
                    .ok_or(WorkflowError::DossierNotFound { rpps })?;
                dossier.check_accept(demande, tracked.numero())?;
                Ok(Update::Accept(rpps))
            }
        }
    }

    fn commit(&mut self, change: Change) {
        match change {
            Change::Created(tracked) => {
                let numero = tracked.numero();
                if let (Some(rpps), false) = (tracked.demande().rpps, tracked.is_terminal()) {
                    self.pending.insert(rpps, numero);
                }
                self.demandes.insert(numero, tracked);
            }
            Change::Applied(Applied {
                numero,
                entry,
                demande,
                dossier,
            }) => {
                let Some(tracked) = self.demandes.get_mut(&numero) else {
                    return;
                };
                tracked.commit(entry, demande);
                if let (Some(rpps), true) = (tracked.demande().rpps, tracked.is_terminal()) {
                    if self.pending.get(&rpps) == Some(&numero) {
                        self.pending.remove(&rpps);
                    }
                }
                match dossier {
                    Some(Update::Register(dossier)) => {
                        self.dossiers.insert(dossier.rpps, *dossier);
                    }
                    Some(Update::Accept(rpps)) => {
                        if let Some(dossier) = self.dossiers.get_mut(&rpps) {
                            dossier.apply(tracked.demande(), numero);
                        }
                    }
                    None => {}
                }
            }
            Change::Imported(dossier) => {
                self.dossiers.insert(dossier.rpps, dossier);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chrono::TimeZone;

    use super::*;
    use crate::demande::Actor;
    use crate::workflow::ErrorCode;
    use crate::workflow::journal::file::Op;

    /// A journal path in the temporary directory, no file there yet; removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!("rppsplus-unit-{}-{name}.jsonl", std::process::id()));
            let _ = std::fs::remove_file(&path);
            Self(path)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn create(registry: &Registry) -> Result<NumeroDemande, WorkflowError> {
        let draft = Demande {
            procedure: Some(Procedure::PrimoEnregistrement),
            ..Demande::default()
        };
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
        registry.create_at(Command::creer(Actor::Gestionnaire, draft), at)
    }

    /// What the journal's file did so far, forgotten once read; the failures to inject next.
    fn file_ops(registry: &Registry, fail: &[Op]) -> Vec<Op> {
        let mut inner = registry.lock();
        let seam = &mut inner.journal.as_mut().expect("a journal").seam;
        seam.fail = fail.to_vec();
        std::mem::take(&mut seam.done)
    }

    #[test]
    fn a_batch_is_synced_once() {
        use Op::{Append, Sync, SyncDirectory};
        let scratch = Scratch::new("batch");
        let path = &scratch.0;
        let registry = Registry::open_with(path, Durability::Flush).unwrap();
        // A new journal's name is synced whatever the durability.
        assert_eq!(file_ops(&registry, &[]), [SyncDirectory]);
        for _ in 0..3 {
            create(&registry).unwrap();
        }
        registry.sync().unwrap();
        assert_eq!(file_ops(&registry, &[]), [Append, Append, Append, Sync]);
        drop(registry);
        // The default syncs each append; a journal that exists has its name on disk already.
        let registry = Registry::open(path).unwrap();
        create(&registry).unwrap();
        assert_eq!(file_ops(&registry, &[]), [Append, Sync]);
        assert_eq!(Registry::in_memory().sync(), Ok(()), "nothing to sync in memory");
    }

    #[test]
    fn a_failed_append_is_cut_back() {
        use Op::{Append, Sync, Truncate};
        let scratch = Scratch::new("cut-back");
        let path = &scratch.0;
        let registry = Registry::open(path).unwrap();
        create(&registry).unwrap();
        let before = std::fs::read(path).unwrap();
        file_ops(&registry, &[Sync]);
        let e = create(&registry).unwrap_err();
        assert_eq!(
            (e.code(), e.to_string().as_str()),
            (ErrorCode::JournalIo, "journal: sync failed: injected by the test")
        );
        assert_eq!(file_ops(&registry, &[]), [Append, Sync, Truncate]);
        assert_eq!(std::fs::read(path).unwrap(), before, "the line written is cut off");
        assert_eq!(registry.demandes().len(), 1, "the demande refused is not there");
        create(&registry).expect("the journal goes on");
    }

    #[test]
    fn a_journal_that_cannot_be_cut_back_is_poisoned() {
        use Op::{Append, Sync, Truncate};
        let scratch = Scratch::new("poisoned");
        let path = &scratch.0;
        let registry = Registry::open(path).unwrap();
        create(&registry).unwrap();
        // The line is written, its sync fails, and so does cutting it off: the file holds
        // an event the registry did not apply.
        file_ops(&registry, &[Sync, Truncate]);
        assert_eq!(
            create(&registry).unwrap_err().to_string(),
            "journal: sync failed: injected by the test"
        );
        assert_eq!(file_ops(&registry, &[]), [Append, Sync, Truncate]);
        let written = std::fs::read(path).unwrap();
        assert_eq!(written.iter().filter(|&&b| b == b'\n').count(), 2);
        // Nothing may follow it: every later append is refused with the failed cut.
        for _ in 0..2 {
            let e = create(&registry).unwrap_err();
            assert_eq!(
                (e.code(), e.to_string().as_str()),
                (ErrorCode::JournalIo, "journal: truncate failed: injected by the test")
            );
        }
        assert!(file_ops(&registry, &[]).is_empty(), "the file is not touched any more");
        assert_eq!(std::fs::read(path).unwrap(), written);
        assert_eq!(registry.demandes().len(), 1);
        // Reopened, the journal is what the file holds: the line written counts, as after
        // a crash before the call returned.
        drop(registry);
        assert_eq!(Registry::open(path).unwrap().demandes().len(), 2);
    }
}
