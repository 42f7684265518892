//! The record's storage: JSON Lines, one entry per line, in two segments.
//!
//! - **Appending** takes `activity.lock` (a file of its own, so a reader on Windows,
//!   whose locks are mandatory, is never refused the data), then writes the entry and its
//!   newline with one `write` to a file opened for appending: processes appending at once
//!   queue on the lock, and no entry is ever interleaved with another.
//! - **A torn entry** (a crash or a full disk mid-write) leaves a line without its
//!   newline. The next append sees that the file does not end in one and ends that line
//!   first, so the damage stays within the torn entry; reading skips lines that do not
//!   parse and says how many.
//! - **Bounds**: when the current segment has grown to half the size cap, or its first
//!   entry is older than half the days kept, it becomes the previous segment (replacing
//!   the one before). The record therefore never holds much more than the cap, and
//!   nothing older than the days kept survives the next append; reading leaves out
//!   anything older anyway.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read as _, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use time::OffsetDateTime;

use super::{Entry, RecordPaths};
use crate::i18n::Message;
use crate::msg;

/// How long the record is kept, and how large it may grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub days: u32,
    pub max_bytes: u64,
}

impl Default for Bounds {
    fn default() -> Self {
        Self { days: 90, max_bytes: 4 * 1024 * 1024 }
    }
}

/// How long an append or a read waits for another process's append.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// How much of a segment's start is read to find its first entry's time.
const FIRST_LINE_MAX: usize = 4096;

/// Why the record could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    Io { path: PathBuf, source: std::io::Error },
    Busy { path: PathBuf },
}

impl RecordError {
    /// What went wrong, in words of the catalogues.
    pub fn message(&self) -> Message {
        match self {
            RecordError::Io { path, source } => {
                msg!("error-activity-io", path = path.display().to_string(), detail = source.to_string())
            }
            RecordError::Busy { path } => msg!("error-activity-busy", path = path.display().to_string()),
        }
    }
}

crate::display_in_english!(RecordError);

/// What reading the record found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    /// The entries within the days kept, oldest first.
    pub entries: Vec<Entry>,
    /// Lines that could not be read (a torn or damaged entry each).
    pub damaged: usize,
}

/// The activity record in a data directory.
#[derive(Debug, Clone)]
pub struct Record {
    paths: RecordPaths,
    bounds: Bounds,
}

impl Record {
    pub fn new(data_dir: &Path, bounds: Bounds) -> Self {
        Self { paths: super::paths(data_dir), bounds }
    }

    pub fn paths(&self) -> &RecordPaths {
        &self.paths
    }

    pub fn bounds(&self) -> Bounds {
        self.bounds
    }

    /// Adds `entry` at the end, rotating first when the current segment is full or old.
    pub fn append(&self, entry: &Entry) -> Result<(), RecordError> {
        let mut line = serde_json::to_vec(entry).map_err(|e| self.io(&self.paths.current, e.into()))?;
        line.push(b'\n');
        let _lock = self.lock()?;
        let mut file = self.open_current()?;
        let len = file.metadata().map_err(|e| self.io(&self.paths.current, e))?.len();
        let mut file = if len > 0 && self.full(&mut file, len)? {
            drop(file);
            fs::rename(&self.paths.current, &self.paths.previous).map_err(|e| self.io(&self.paths.previous, e))?;
            self.open_current()?
        } else {
            if len > 0 && !ends_with_newline(&mut file).map_err(|e| self.io(&self.paths.current, e))? {
                // The last entry was torn: end its line so this one is whole.
                line.insert(0, b'\n');
            }
            file
        };
        file.write_all(&line).map_err(|e| self.io(&self.paths.current, e))
    }

    /// The entries within the days kept, oldest first, and how many lines were damaged.
    pub fn read(&self) -> Result<Read, RecordError> {
        let _lock = self.lock()?;
        let oldest = OffsetDateTime::now_utc() - time::Duration::days(i64::from(self.bounds.days));
        let mut read = Read::default();
        for path in [&self.paths.previous, &self.paths.current] {
            let file = match File::open(path) {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(self.io(path, e)),
            };
            for line in BufReader::new(file).split(b'\n') {
                let line = line.map_err(|e| self.io(path, e))?;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match serde_json::from_slice::<Entry>(&line) {
                    Ok(entry) if entry.time >= oldest => read.entries.push(entry),
                    Ok(_) => {}
                    Err(_) => read.damaged += 1,
                }
            }
        }
        // Clocks go back; the record is shown in time order.
        read.entries.sort_by_key(|e| e.time);
        Ok(read)
    }

    /// Empties the record, leaving one entry that says so.
    pub fn clear(&self, cleared: &Entry) -> Result<(), RecordError> {
        let _lock = self.lock()?;
        for path in [&self.paths.previous, &self.paths.current] {
            match fs::remove_file(path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(self.io(path, e)),
            }
        }
        let mut line = serde_json::to_vec(cleared).map_err(|e| self.io(&self.paths.current, e.into()))?;
        line.push(b'\n');
        self.open_current()?.write_all(&line).map_err(|e| self.io(&self.paths.current, e))
    }

    /// Whether the current segment (`len` bytes, open in `file`) should become the
    /// previous one before the next entry.
    fn full(&self, file: &mut File, len: u64) -> Result<bool, RecordError> {
        if len >= self.bounds.max_bytes / 2 {
            return Ok(true);
        }
        let half = time::Duration::days(i64::from(self.bounds.days)) / 2;
        Ok(first_time(file)
            .map_err(|e| self.io(&self.paths.current, e))?
            .is_some_and(|first| OffsetDateTime::now_utc() - first > half))
    }

    fn open_current(&self) -> Result<File, RecordError> {
        let path = &self.paths.current;
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| self.io(dir, e))?;
        }
        OpenOptions::new().create(true).append(true).read(true).open(path).map_err(|e| self.io(path, e))
    }

    /// The record's lock, waited for up to [`LOCK_WAIT`]: appends hold it for a moment.
    fn lock(&self) -> Result<File, RecordError> {
        let path = &self.paths.lock;
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| self.io(dir, e))?;
        }
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                OpenOptions::new().create(true).truncate(false).write(true).open(path).map_err(|e| self.io(path, e))?
            }
            Err(e) => return Err(self.io(path, e)),
        };
        let started = Instant::now();
        let mut pause = Duration::from_micros(200);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => return Err(RecordError::Busy { path: path.clone() }),
                Err(fs::TryLockError::Error(e)) => return Err(self.io(path, e)),
            }
        }
    }

    fn io(&self, path: &Path, source: std::io::Error) -> RecordError {
        RecordError::Io { path: path.to_owned(), source }
    }
}

fn ends_with_newline(file: &mut File) -> std::io::Result<bool> {
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// The time of the segment's first entry that reads (`None`: none in its first
/// [`FIRST_LINE_MAX`] bytes).
fn first_time(file: &mut File) -> std::io::Result<Option<OffsetDateTime>> {
    file.seek(SeekFrom::Start(0))?;
    let mut start = Vec::with_capacity(FIRST_LINE_MAX);
    std::io::Read::by_ref(file).take(FIRST_LINE_MAX as u64).read_to_end(&mut start)?;
    Ok(start.split(|b| *b == b'\n').find_map(|line| serde_json::from_slice::<Entry>(line).ok()).map(|e| e.time))
}
