//! The journal FILE: opened (or created) by the caller's path, read a chunk at a time at
//! opening, its torn tail cut off, each line appended in one write and `fsync`ed before the append
//! returns. The one file the core opens.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;

use super::TornTail;
use crate::names::names;
use crate::workflow::WorkflowError;

names! {
    /// How far an append goes before it returns (the C and Python faces take it by name).
    ///
    /// ```
    /// use rppsplus_core::workflow::journal::Durability;
    /// assert_eq!(Durability::default(), Durability::Fsync);
    /// assert_eq!("flush".parse::<Durability>(), Ok(Durability::Flush));
    /// ```
    pub enum Durability: "durability" / "durabilité" {
        /// Written and `fsync`ed (`fdatasync`): the event survives a power loss. The default.
        Fsync = "fsync",
        /// Written to the operating system only: the event survives the process crashing, not
        /// the machine, until [`Registry::sync`](crate::workflow::Registry::sync). For batches:
        /// apply several events, sync once, then acknowledge them.
        Flush = "flush",
    }
}

impl Default for Durability {
    /// [`Durability::Fsync`].
    fn default() -> Self {
        Self::Fsync
    }
}

/// An open journal file.
pub(crate) struct JournalFile {
    file: File,
    /// The length of its complete lines.
    len: u64,
    durability: Durability,
}

impl JournalFile {
    /// Opens the journal at `path` for appending, creating it (and syncing its directory)
    /// if it does not exist.
    pub(crate) fn open(path: &Path, durability: Durability) -> Result<Self, WorkflowError> {
        let existed = path.exists();
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(|e| WorkflowError::io("open", &e))?;
        if !existed && durability == Durability::Fsync {
            sync_directory(path)?;
        }
        Ok(Self {
            file,
            len: 0,
            durability,
        })
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
        self.file
            .set_len(complete)
            .map_err(|e| WorkflowError::io("truncate", &e))?;
        self.sync()?;
        Ok(Some(TornTail {
            line,
            bytes: buffer.len(),
        }))
    }

    /// Appends `line` (one or more complete lines) in one write, then syncs. On failure the
    /// file is cut back to what it was, so it holds only events that were applied.
    pub(crate) fn append(&mut self, line: &[u8]) -> Result<(), WorkflowError> {
        let written = self
            .file
            .write_all(line)
            .map_err(|e| WorkflowError::io("append", &e))
            .and_then(|()| self.sync());
        match written {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                // Best effort: the error reported is the write's.
                let _ = self.file.set_len(self.len);
                Err(e)
            }
        }
    }

    /// Syncs after a write, as the durability asks.
    fn sync(&self) -> Result<(), WorkflowError> {
        match self.durability {
            Durability::Fsync => self.sync_now(),
            Durability::Flush => Ok(()),
        }
    }

    /// `fsync`s what was written (`fdatasync`).
    pub(crate) fn sync_now(&self) -> Result<(), WorkflowError> {
        self.file.sync_data().map_err(|e| WorkflowError::io("sync", &e))
    }
}

/// Syncs the directory holding a new file, so that the file itself survives a power loss.
#[cfg(unix)]
fn sync_directory(path: &Path) -> Result<(), WorkflowError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| WorkflowError::io("sync", &e))
}

/// Directories cannot be opened as files here; the file's own sync is what there is.
#[cfg(not(unix))]
fn sync_directory(_: &Path) -> Result<(), WorkflowError> {
    Ok(())
}
