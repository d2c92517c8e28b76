//! The journal FILE: opened (or created) by the caller's path and locked, read a chunk at a
//! time at opening, its torn tail cut off, each line appended in one write and `fsync`ed
//! before the append returns. The one file the core opens.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use super::TornTail;
use crate::workflow::WorkflowError;

/// How far an append goes before it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// Written and `fsync`ed (`fdatasync`): the event survives a power loss. The default.
    #[default]
    Fsync,
    /// Written to the operating system only: the event survives the process crashing, not
    /// the machine, until [`Registry::sync`](crate::workflow::Registry::sync). For batches:
    /// apply several events, sync once, then acknowledge them.
    Flush,
}

/// An operation on the journal's file that may fail after it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    /// Writing lines at its end.
    Append,
    /// `fsync` (`fdatasync`) of the file.
    Sync,
    /// `fsync` of the directory of a new journal, so that its name survives a power loss.
    SyncDirectory,
    /// Cutting the file back (a torn tail, a failed append).
    Truncate,
}

impl Op {
    /// The operation's name in a `journal_io` error.
    fn name(self) -> &'static str {
        match self {
            Self::Append => "append",
            Self::Sync | Self::SyncDirectory => "sync",
            Self::Truncate => "truncate",
        }
    }
}

/// An open journal file, locked for this registry alone.
pub(crate) struct JournalFile {
    file: File,
    /// The length of its complete lines.
    len: u64,
    durability: Durability,
    /// Set when an append failed and the file could not be cut back: it may end with a
    /// line that was never applied, so nothing may be appended after it. The error of the
    /// failed cut, which every later append returns.
    poisoned: Option<WorkflowError>,
    /// What the tests see of the file's operations, and the failures they inject.
    #[cfg(test)]
    pub(crate) seam: seam::Seam,
}

impl JournalFile {
    /// Opens the journal at `path` for appending, creating it (and syncing its directory,
    /// whatever the durability) if it does not exist, and locks it: `journal_locked` if
    /// another registry has it open.
    pub(crate) fn open(path: &Path, durability: Durability) -> Result<Self, WorkflowError> {
        let existed = path.exists();
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| WorkflowError::io("open", &e))?;
        lock(&file)?;
        let mut journal = Self {
            file,
            len: 0,
            durability,
            poisoned: None,
            #[cfg(test)]
            seam: seam::Seam::default(),
        };
        if !existed {
            // With `Flush` too: `Registry::sync` promises the events are on disk, and they are
            // not while the file's name is not.
            journal.io(Op::SyncDirectory, |_| sync_directory(path))?;
        }
        Ok(journal)
    }

    /// Runs `op` on the file; its error is `journal_io`. In the tests the seam records `op`
    /// first, and fails it when told to.
    fn io<T>(&mut self, op: Op, run: impl FnOnce(&mut File) -> io::Result<T>) -> Result<T, WorkflowError> {
        #[cfg(test)]
        self.seam.pass(op).map_err(|e| WorkflowError::io(op.name(), &e))?;
        run(&mut self.file).map_err(|e| WorkflowError::io(op.name(), &e))
    }

    /// Reads the journal from its start, a chunk at a time (memory stays bounded whatever
    /// its size), and gives `each` the complete lines of each chunk with the number of the
    /// first (from 1); `each` answers how many lines it took. Then cuts off the torn tail, if
    /// any, and returns it.
    pub(crate) fn replay(
        &mut self,
        mut each: impl FnMut(&[u8], usize) -> Result<usize, WorkflowError>,
    ) -> Result<Option<TornTail>, WorkflowError> {
        const CHUNK: u64 = 1 << 20;
        let mut buffer = Vec::new();
        let (mut line, mut complete) = (1, 0u64);
        loop {
            let read = (&mut self.file)
                .take(CHUNK)
                .read_to_end(&mut buffer)
                .map_err(|e| WorkflowError::io("read", &e))?;
            let (lines, _) = super::split(&buffer);
            let taken = lines.len();
            line += each(lines, line)?;
            complete += taken as u64;
            buffer.drain(..taken);
            if read == 0 {
                break;
            }
        }
        self.len = complete;
        if buffer.is_empty() {
            return Ok(None);
        }
        self.io(Op::Truncate, |f| f.set_len(complete))?;
        self.sync()?;
        Ok(Some(TornTail {
            line,
            bytes: buffer.len(),
        }))
    }

    /// Appends `line` (one or more complete lines) in one write, then syncs. On failure the
    /// file is cut back to what it was, so it holds only events that were applied; if it
    /// cannot be, the journal is poisoned: this append and every later one are refused.
    pub(crate) fn append(&mut self, line: &[u8]) -> Result<(), WorkflowError> {
        if let Some(e) = &self.poisoned {
            return Err(e.clone());
        }
        let written = self.io(Op::Append, |f| f.write_all(line)).and_then(|()| self.sync());
        match written {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                let len = self.len;
                // The error reported is the write's; a failed cut poisons the journal.
                if let Err(cut) = self.io(Op::Truncate, |f| f.set_len(len)) {
                    self.poisoned = Some(cut);
                }
                Err(e)
            }
        }
    }

    /// Syncs after a write, as the durability asks.
    fn sync(&mut self) -> Result<(), WorkflowError> {
        match self.durability {
            Durability::Fsync => self.sync_now(),
            Durability::Flush => Ok(()),
        }
    }

    /// `fsync`s what was written (`fdatasync`).
    pub(crate) fn sync_now(&mut self) -> Result<(), WorkflowError> {
        self.io(Op::Sync, |f| f.sync_data())
    }
}

/// Takes the journal's advisory lock (`flock`, exclusive, without waiting), held until the
/// file is closed: `journal_locked` if another open file holds it, in this process or
/// another.
#[cfg(unix)]
fn lock(file: &File) -> Result<(), WorkflowError> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(()),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Err(WorkflowError::JournalLocked),
        Err(e) => Err(WorkflowError::io("lock", &io::Error::from(e))),
    }
}

/// Elsewhere than on Unix the journal is not locked: one process at a time is the caller's
/// business (docs/lifecycle.md).
#[cfg(not(unix))]
fn lock(_: &File) -> Result<(), WorkflowError> {
    Ok(())
}

/// Syncs the directory holding a new file, so that the file itself survives a power loss.
#[cfg(unix)]
fn sync_directory(path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(dir).and_then(|d| d.sync_all())
}

/// Directories cannot be opened as files here; the file's own sync is what there is.
#[cfg(not(unix))]
fn sync_directory(_: &Path) -> io::Result<()> {
    Ok(())
}

/// The tests' view of a journal file: what it did, and which operations fail.
#[cfg(test)]
pub(crate) mod seam {
    use std::io;

    use super::Op;

    /// Every operation the file ran, in order (`done`), and those the tests make fail
    /// (`fail`: each entry fails the next run of its operation once, before it touches the
    /// file).
    #[derive(Default)]
    pub(crate) struct Seam {
        pub(crate) done: Vec<Op>,
        pub(crate) fail: Vec<Op>,
    }

    impl Seam {
        /// Records `op`; fails it if the tests asked.
        pub(super) fn pass(&mut self, op: Op) -> io::Result<()> {
            self.done.push(op);
            match self.fail.iter().position(|&f| f == op) {
                Some(i) => {
                    self.fail.remove(i);
                    Err(io::Error::other("injected by the test"))
                }
                None => Ok(()),
            }
        }
    }
}
