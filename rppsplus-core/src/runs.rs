//! Work on many items shared out among threads in runs of consecutive items, the results in
//! input order: [`demande::Columns::validate_rows`](crate::demande::Columns::validate_rows)
//! does its rows this way, and the faces their columns of identifiers (the Python face's
//! Arrow `check`, which writes each run's outcomes into columns of its own).

use std::ops::Range;

/// Calls `run` on consecutive ranges that cover `0..count`, each on a thread of its own (up
/// to `threads` threads, as many as leave `min_per_thread` items to each), and returns their
/// results in order. With one thread, `run(0..count)` is called on the calling thread. A
/// panic of a run is resumed on the calling thread.
///
/// ```
/// use rppsplus_core::runs::in_runs;
/// let sums = in_runs(1000, 4, 100, |range| range.sum::<usize>());
/// assert_eq!(sums.len(), 4);
/// assert_eq!(sums.iter().sum::<usize>(), (0..1000).sum::<usize>());
/// assert_eq!(in_runs(1000, 4, 600, |range| range.len()), [1000]);
/// assert_eq!(in_runs(0, 4, 1, |range| range.len()), [0]);
/// ```
pub fn in_runs<T: Send>(
    count: usize,
    threads: usize,
    min_per_thread: usize,
    run: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    let threads = threads.clamp(1, (count / min_per_thread.max(1)).max(1));
    if threads == 1 {
        return vec![run(0..count)];
    }
    let per_thread = count.div_ceil(threads);
    let run = &run;
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..count)
            .step_by(per_thread)
            .map(|start| scope.spawn(move || run(start..count.min(start + per_thread))))
            .collect();
        runs.into_iter()
            .map(|r| r.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}
