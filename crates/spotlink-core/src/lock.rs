//! The cross-process refresh lock: one file in the state directory, locked exclusively
//! while a process refreshes, so the app and any number of CLI processes never send
//! the same refresh token twice.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::i18n::Message;
use crate::msg;

/// Why the lock could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockError {
    Open { path: PathBuf, detail: String },
    Timeout { path: PathBuf, secs: u64 },
}

impl LockError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            LockError::Open { path, detail } => {
                msg!("error-lock-open", path = path.display().to_string(), detail = detail)
            }
            LockError::Timeout { path, secs } => {
                msg!("error-lock-timeout", path = path.display().to_string(), secs = *secs)
            }
        }
    }
}

crate::display_in_english!(LockError);

/// Held while refreshing; the OS releases the lock when this is dropped or the process dies.
#[derive(Debug)]
pub struct RefreshLock {
    _file: File,
}

impl RefreshLock {
    /// Waits up to `timeout` for the exclusive lock on `path`.
    pub async fn acquire(path: &Path, timeout: Duration) -> Result<Self, LockError> {
        let open_err = |e: std::io::Error| LockError::Open { path: path.to_owned(), detail: e.to_string() };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(open_err)?;
        }
        // flock needs no write access: an existing lock file is opened read-only, so a
        // data directory that turned read-only (or a full disk) still lets refreshes take
        // the lock. Only a missing one is created.
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                OpenOptions::new().create(true).truncate(false).write(true).open(path).map_err(open_err)?
            }
            Err(e) => return Err(open_err(e)),
        };
        // Fast path: uncontended.
        match file.try_lock() {
            Ok(()) => return Ok(Self { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(open_err(e)),
        }
        // Wait on the blocking pool so the OS wakes us the moment the holder releases.
        let task = tokio::task::spawn_blocking(move || file.lock().map(|()| file));
        match tokio::time::timeout(timeout, task).await {
            Ok(Ok(Ok(file))) => Ok(Self { _file: file }),
            Ok(Ok(Err(e))) => Err(open_err(e)),
            Ok(Err(join)) => Err(open_err(std::io::Error::other(join.to_string()))),
            Err(_) => Err(LockError::Timeout { path: path.to_owned(), secs: timeout.as_secs().max(1) }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn lock_is_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/refresh.lock");
        let inside = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (path, inside) = (path.clone(), inside.clone());
            tasks.push(tokio::spawn(async move {
                let _lock = RefreshLock::acquire(&path, Duration::from_secs(10)).await.unwrap();
                assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0, "two holders at once");
                tokio::time::sleep(Duration::from_millis(20)).await;
                inside.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
    }

    #[tokio::test]
    async fn waiting_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("refresh.lock");
        let _held = RefreshLock::acquire(&path, Duration::from_secs(1)).await.unwrap();
        let err = RefreshLock::acquire(&path, Duration::from_millis(100)).await.unwrap_err();
        assert!(matches!(err, LockError::Timeout { .. }));
    }
}
