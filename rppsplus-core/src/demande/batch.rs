//! Many demandes validated on several threads, in order: the caller fills batches of demandes
//! (from the objects of another language, a queue…) while worker threads validate the
//! previous batches, and gets the reports back batch after batch, in input order, on its own
//! thread. The Python face's `validate_many` is this, beside [`CsvReports::for_each_batch`]
//! for collection files.
//!
//! [`CsvReports::for_each_batch`]: super::CsvReports::for_each_batch

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{self, TrySendError};
use std::sync::{Mutex, PoisonError};

use serde_json::Value;

use super::duplicates::Duplicates;
use super::table::row_report;
use super::{Keyed, Options, Report, json_report, value_report};

/// Demandes to validate together, each JSON text, a parsed JSON value or a row with its
/// column names.
///
/// A batch is filled again once validated: its slots keep their allocations (the maps, keys
/// and strings of the JSON values, the text buffers), which the next demandes, often of the
/// same shape, reuse.
///
/// ```
/// use rppsplus_core::demande::Batch;
/// let mut batch = Batch::default();
/// batch.push_json(br#"{"procedure": "fermeture_situation"}"#);
/// *batch.push_value() = serde_json::json!({"procedure": "primo_enregistrement"});
/// batch.push_row().push("procedure", Some("primo_enregistrement"));
/// assert_eq!(batch.len(), 3);
/// ```
#[derive(Default)]
pub struct Batch {
    /// The demandes: the first `len` (the others are left from an earlier use).
    slots: Vec<Slot>,
    len: usize,
}

/// One place of a [`Batch`]: a demande as a JSON value, as JSON text or as a row. Every
/// buffer is kept, for the next demandes given either way.
#[derive(Default)]
struct Slot {
    value: Value,
    json: Vec<u8>,
    row: Row,
    /// Which of them the demande is.
    given: Given,
}

/// How the demande of a [`Slot`] is given.
#[derive(Default, Clone, Copy)]
enum Given {
    #[default]
    Value,
    Json,
    Row,
}

/// A demande given as a row with its column names (a data frame's row, a flat mapping with
/// dotted keys), filled by [`Row::push`] and validated as [`validate_row`] does.
#[derive(Default)]
pub struct Row {
    /// The column names and cells: the first `len` (the others are left from an earlier use).
    cells: Vec<(String, Option<String>)>,
    len: usize,
}

impl Row {
    /// Adds a column: its name and its cell (`None` when absent).
    pub fn push(&mut self, name: &str, cell: Option<&str>) {
        if self.cells.len() == self.len {
            self.cells.push(Default::default());
        }
        let (slot_name, slot_cell) = &mut self.cells[self.len];
        self.len += 1;
        slot_name.clear();
        slot_name.push_str(name);
        match (slot_cell.as_mut(), cell) {
            (Some(text), Some(cell)) => {
                text.clear();
                text.push_str(cell);
            }
            (_, cell) => *slot_cell = cell.map(str::to_owned),
        }
    }

    fn validate(&self, options: &Options) -> Report {
        let cells = self.cells[..self.len].iter();
        row_report(
            cells.map(|(name, cell)| (name.as_str(), cell.as_deref())),
            options,
            Keyed::Yes,
        )
    }
}

impl Batch {
    /// How many demandes a batch holds when [`Batch::is_full`]: small, so that the values reused
    /// from batch to batch stay in the CPU caches (1024 cost the Python face a third more CPU
    /// time), and large enough that handing a batch to a thread costs little.
    pub const CAPACITY: usize = 128;

    /// The number of demandes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the batch holds no demande.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the batch holds [`Batch::CAPACITY`] demandes (more may still be pushed).
    pub fn is_full(&self) -> bool {
        self.len >= Self::CAPACITY
    }

    /// Adds a demande given as JSON text (validated as [`validate_json`] does).
    pub fn push_json(&mut self, json: &[u8]) {
        let slot = self.next_slot();
        slot.given = Given::Json;
        slot.json.clear();
        slot.json.extend_from_slice(json);
    }

    /// Adds a demande given as a parsed JSON value (validated as [`validate_value`] does) and
    /// returns it to be written. It holds what an earlier demande left in this place
    /// (`Value::Null` when none), whose allocations the caller may reuse: the caller must
    /// write the whole value.
    pub fn push_value(&mut self) -> &mut Value {
        let slot = self.next_slot();
        slot.given = Given::Value;
        &mut slot.value
    }

    /// Adds a demande given as a row with its column names (validated as [`validate_row`]
    /// does) and returns the row, empty, to be filled with [`Row::push`].
    pub fn push_row(&mut self) -> &mut Row {
        let slot = self.next_slot();
        slot.given = Given::Row;
        slot.row.len = 0;
        &mut slot.row
    }

    /// The slot of the next demande, counted in.
    fn next_slot(&mut self) -> &mut Slot {
        if self.slots.len() == self.len {
            self.slots.push(Slot::default());
        }
        self.len += 1;
        &mut self.slots[self.len - 1]
    }

    /// Empties the batch, keeping its slots for the next demandes.
    fn clear(&mut self) {
        self.len = 0;
    }

    /// The reports of the demandes, in order.
    fn validate(&self, options: &Options) -> Vec<Report> {
        self.slots[..self.len]
            .iter()
            .map(|slot| match slot.given {
                Given::Json => json_report(&slot.json, options, Keyed::Yes, 0),
                Given::Value => value_report(&slot.value, options, Keyed::Yes),
                Given::Row => slot.row.validate(options),
            })
            .collect()
    }
}

/// Validates the demandes that `fill` puts into batches, on up to `threads` worker threads,
/// and calls `each` with the reports of each batch, in input order.
///
/// `fill` and `each` run on the calling thread, so they may touch what only it may (a
/// language runtime's objects): `fill` gets an empty batch and pushes the next demandes
/// into it, up to [`Batch::CAPACITY`] (more is allowed; a batch left empty ends the input);
/// meanwhile the workers validate the previous batches. A worker is started each time the
/// workers fall behind, up to `threads`; when the input fits in one batch, or `threads` is 1,
/// the batches are validated in turn on the calling thread. The reports are those of
/// [`validate_json`](super::validate_json), [`validate_value`](super::validate_value) and
/// [`validate_row`](super::validate_row) on each demande, with the duplicates of the whole
/// input: the same person or RPPS number as an earlier demande is `duplicate`, naming that
/// demande's index from 0 (as in a JSON document, [`Duplicates::by_index`]).
///
/// The first error of `fill` or `each` stops the input and is returned; the workers stop
/// once the batches given to them are validated. A panic in the validation is resumed on the
/// calling thread.
///
/// ```
/// use rppsplus_core::demande::{Batch, Options, validate_batches};
///
/// let demandes = vec![br#"{"procedure": "fermeture_situation"}"#.to_vec(); 1000];
/// let mut input = demandes.iter();
/// let mut reports = Vec::new();
/// validate_batches(
///     2,
///     &Options::default(),
///     |batch| {
///         while !batch.is_full() {
///             let Some(json) = input.next() else { break };
///             batch.push_json(json);
///         }
///         Ok::<(), std::convert::Infallible>(())
///     },
///     |done| Ok(reports.extend(done)),
/// )?;
/// assert_eq!(reports.len(), 1000);
/// assert!(reports.iter().all(|r| !r.is_valid()));
/// # Ok::<(), std::convert::Infallible>(())
/// ```
pub fn validate_batches<E>(
    threads: usize,
    options: &Options,
    mut fill: impl FnMut(&mut Batch) -> Result<(), E>,
    mut each: impl FnMut(Vec<Report>) -> Result<(), E>,
) -> Result<(), E> {
    // The reports come in input order, on this thread: their duplicates are checked here.
    let mut duplicates = Duplicates::by_index();
    let mut position = 0;
    let mut each = |mut reports: Vec<Report>| {
        for report in &mut reports {
            duplicates.check(position, report);
            position += 1;
        }
        each(reports)
    };
    let mut batch = Batch::default();
    fill(&mut batch)?;
    if batch.is_full() && threads > 1 {
        return on_workers(batch, threads, options, &mut fill, &mut each);
    }
    // One batch, or one thread: validated in turn, the batch reused.
    while !batch.is_empty() {
        each(batch.validate(options))?;
        batch.clear();
        fill(&mut batch)?;
    }
    Ok(())
}

/// A batch validated by a worker: its sequence number, the batch (to be filled again) and
/// its reports, or the panic of the validation.
type Validated = (usize, Batch, std::thread::Result<Vec<Report>>);

/// The batches validated by up to `threads` workers while the calling thread fills the next
/// ones (see [`validate_batches`]).
fn on_workers<E>(
    first: Batch,
    threads: usize,
    options: &Options,
    fill: &mut dyn FnMut(&mut Batch) -> Result<(), E>,
    each: &mut dyn FnMut(Vec<Report>) -> Result<(), E>,
) -> Result<(), E> {
    // One batch waits for a worker at most: bounds the memory, and a full queue is the sign
    // that the workers fall behind, when one more is started.
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Batch)>(1);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Validated>();
    std::thread::scope(|scope| {
        let mut workers = 0;
        let mut more = || {
            if workers == threads {
                return;
            }
            workers += 1;
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || {
                loop {
                    // The lock is held while waiting for a batch, not while validating it.
                    let next = work_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok((seq, batch)) = next else { break };
                    let reports = std::panic::catch_unwind(AssertUnwindSafe(|| batch.validate(options)));
                    if done_tx.send((seq, batch, reports)).is_err() {
                        break;
                    }
                }
            });
        };
        more();
        // `feed` drops the sender when it returns: the workers end once the queue is empty.
        feed(first, work_tx, &done_rx, &mut more, options, fill, each)
    })
}

/// Sends `first` and the next batches to the workers (calling `more` to start one more when
/// they fall behind) and hands their reports to `each` in order. Validated batches are
/// filled again.
fn feed<E>(
    first: Batch,
    work: mpsc::SyncSender<(usize, Batch)>,
    done: &mpsc::Receiver<Validated>,
    more: &mut dyn FnMut(),
    options: &Options,
    fill: &mut dyn FnMut(&mut Batch) -> Result<(), E>,
    each: &mut dyn FnMut(Vec<Report>) -> Result<(), E>,
) -> Result<(), E> {
    let mut order = InOrder::default();
    let mut spare: Vec<Batch> = Vec::new();
    let mut in_flight = 0;
    let mut batch = first;
    for seq in 0.. {
        let job = match work.try_send((seq, batch)) {
            Ok(()) => None,
            Err(TrySendError::Full(job)) => {
                more();
                work.send(job).err().map(|e| e.0)
            }
            Err(TrySendError::Disconnected(job)) => Some(job),
        };
        match job {
            // No worker to take it (never expected: the queue's receiver outlives this loop).
            Some((seq, batch)) => {
                let reports = batch.validate(options);
                spare.push(order.take((seq, batch, Ok(reports))));
            }
            None => in_flight += 1,
        }
        while let Ok(validated) = done.try_recv() {
            in_flight -= 1;
            spare.push(order.take(validated));
        }
        order.emit(each)?;
        batch = spare.pop().unwrap_or_default();
        batch.clear();
        fill(&mut batch)?;
        if batch.is_empty() {
            break;
        }
    }
    drop(work);
    while in_flight > 0 {
        // The workers hold a sender each until they end, after the last batch.
        let Ok(validated) = done.recv() else { break };
        in_flight -= 1;
        order.take(validated);
        order.emit(each)?;
    }
    Ok(())
}

/// The reports of validated batches, handed out in sequence order.
#[derive(Default)]
struct InOrder {
    /// The sequence number of the next batch to hand out.
    next: usize,
    /// Reports of later batches, by sequence number.
    ready: BTreeMap<usize, Vec<Report>>,
}

impl InOrder {
    /// Keeps the reports of a validated batch (resuming its panic, if it had one) and returns
    /// the batch, to be filled again.
    fn take(&mut self, (seq, batch, reports): Validated) -> Batch {
        let reports = reports.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        self.ready.insert(seq, reports);
        batch
    }

    /// Hands the reports that come next to `each`.
    fn emit<E>(&mut self, each: &mut dyn FnMut(Vec<Report>) -> Result<(), E>) -> Result<(), E> {
        while let Some(reports) = self.ready.remove(&self.next) {
            self.next += 1;
            each(reports)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Demandes of several shapes (JSON text and values, valid and not), `n` of them.
    fn demandes(n: usize) -> Vec<Value> {
        let shapes = [
            serde_json::json!({"procedure": "fermeture_situation", "rpps": "10107985318",
                "situation": {"id": "S1", "date_fin_fonction": "2026-01-31"}}),
            serde_json::json!({"procedure": "fermeture_situation", "rpps": "10107985319"}),
            serde_json::json!({"procedure": "primo_enregistrement", "contact": {"email": "x@example"}}),
            serde_json::json!([1, 2]),
        ];
        (0..n).map(|i| shapes[i % shapes.len()].clone()).collect()
    }

    /// The reports of `validate_batches` on `values`, every other one given as text.
    fn batched(values: &[Value], threads: usize) -> Vec<Report> {
        let mut input = values.iter().enumerate();
        let mut reports = Vec::new();
        let filled = |batch: &mut Batch| {
            while !batch.is_full() {
                let Some((i, value)) = input.next() else { break };
                if i % 2 == 0 {
                    batch.push_json(value.to_string().as_bytes());
                } else {
                    // A slot that held another demande is written over whole.
                    *batch.push_value() = value.clone();
                }
            }
            Ok::<(), ()>(())
        };
        validate_batches(threads, &Options::default(), filled, |done| {
            reports.extend(done);
            Ok(())
        })
        .unwrap();
        reports
    }

    #[test]
    fn the_reports_of_each_demande_in_order_whatever_the_threads() {
        let options = Options::default();
        for n in [0, 1, Batch::CAPACITY - 1, Batch::CAPACITY, Batch::CAPACITY + 1, 2000] {
            let values = demandes(n);
            // One by one, with the duplicates of the whole input (the first shape repeats).
            let mut duplicates = Duplicates::by_index();
            let want: Vec<Report> = (values.iter().enumerate())
                .map(|(i, v)| duplicates.validate_value(i, v, &options))
                .collect();
            if n > 4 {
                assert!(want[4].findings().iter().any(|f| f.code == "duplicate"));
            }
            for threads in [1, 2, 4] {
                assert_eq!(batched(&values, threads), want, "{n} demandes, {threads} threads");
            }
        }
    }

    #[test]
    fn rows_reuse_their_slots_whole() {
        let rows: [&[(&str, Option<&str>)]; 3] = [
            &[
                ("procedure", Some("fermeture_situation")),
                ("rpps", Some("10107985319")),
                ("situation.id", Some("S1")),
            ],
            &[("procedure", Some("fermeture_situation")), ("rpps", None)],
            &[("rpps", Some("10107985318")), ("nom", Some("x"))],
        ];
        let options = Options::default();
        let want: Vec<Report> = rows
            .iter()
            .map(|row| row_report(row.iter().copied(), &options, Keyed::Yes))
            .collect();
        let mut batch = Batch::default();
        for round in 0..2 {
            batch.clear();
            for row in if round == 0 { rows } else { [rows[2], rows[0], rows[1]] } {
                let slot = batch.push_row();
                for (name, cell) in row {
                    slot.push(name, *cell);
                }
            }
            let got = batch.validate(&options);
            let want = if round == 0 {
                want.clone()
            } else {
                vec![want[2].clone(), want[0].clone(), want[1].clone()]
            };
            assert_eq!(got, want, "round {round}");
        }
    }

    #[test]
    fn an_error_of_fill_or_each_stops_and_is_returned() {
        let values = demandes(5000);
        let mut input = values.iter();
        let mut batches = 0;
        let stopped = validate_batches(
            2,
            &Options::default(),
            |batch| {
                batches += 1;
                if batches == 10 {
                    return Err("fill failed");
                }
                while !batch.is_full() {
                    let Some(value) = input.next() else { break };
                    *batch.push_value() = value.clone();
                }
                Ok(())
            },
            |_| Ok(()),
        );
        assert_eq!(stopped, Err("fill failed"));
        let mut handed = 0;
        let mut input = values.iter();
        let stopped = validate_batches(
            2,
            &Options::default(),
            |batch| {
                while !batch.is_full() {
                    let Some(value) = input.next() else { break };
                    *batch.push_value() = value.clone();
                }
                Ok(())
            },
            |_| {
                handed += 1;
                if handed == 3 { Err("each failed") } else { Ok(()) }
            },
        );
        assert_eq!((stopped, handed), (Err("each failed"), 3));
    }
}
