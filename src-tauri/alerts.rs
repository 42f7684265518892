//! Unusual activity as notifications: the engine judges the activity record
//! (`spotlink_core::activity::unusual`) and remembers what it told; this looks whenever
//! the record changes — whichever process wrote it — and shows what is new, with an
//! action that opens the Activity view. The setting `alerts` turns the notifications
//! off (the record is still looked at, so turning them on again does not report the
//! past).
//!
//! On Linux the record's directory is watched with inotify: a process appending wakes
//! the app, and nothing runs while nothing happens. Elsewhere the record's size and
//! modification time are looked at every [`POLL`].

use std::time::Duration;

use spotlink_core::activity::unusual::Alert;
use tauri::AppHandle;
use time::OffsetDateTime;
use tokio::sync::mpsc;

use crate::state::shell;
use crate::view;

/// How long after a change the record is read: a burst of appends is read once.
const SETTLE: Duration = Duration::from_millis(300);

/// How often the record is looked at where its directory cannot be watched.
#[cfg_attr(target_os = "linux", allow(dead_code))]
const POLL: Duration = Duration::from_secs(15);

/// Looks at the record now and after every change, for as long as the app runs.
pub async fn follow(app: AppHandle) {
    let record = shell(&app).engine().activity().paths().current.clone();
    let mut changes = watch(record);
    loop {
        look(&app).await;
        if changes.recv().await.is_none() {
            return;
        }
        tokio::time::sleep(SETTLE).await;
        while changes.try_recv().is_ok() {}
    }
}

/// Notifies what is unusual and new since the last look.
async fn look(app: &AppHandle) {
    let engine = shell(app).engine();
    let judged = {
        let engine = engine.clone();
        // On the user's clock: "once a day" means the user's day, not UTC's.
        let now = OffsetDateTime::now_utc();
        let now = now.to_offset(view::local_offset(now));
        tauri::async_runtime::spawn_blocking(move || engine.unusual_activity(now)).await
    };
    let alerts = match judged {
        Ok(Ok(alerts)) => alerts,
        Ok(Err(e)) => return tracing::warn!(error = %e, "cannot look at the activity record"),
        Err(e) => return tracing::warn!(error = %e, "looking at the activity record failed"),
    };
    let config = engine.config();
    if !config.alerts {
        return;
    }
    for alert in alerts {
        // Spotify refusing the link is already told by the reminder "Spotify no longer
        // accepts your link", with its Relink action (crate::reminders).
        if matches!(alert, Alert::Refused { .. }) && config.notifications {
            continue;
        }
        let name = |id: &str| display_name(app, id);
        let (title, body) = (alert.title().text(), alert.body(name, OffsetDateTime::now_utc()).text());
        let urgent = matches!(alert, Alert::Refused { .. } | Alert::Failing { .. });
        let show = spotlink_core::msg!("app-notification-activity").text();
        let actions = [("default", show.clone()), ("activity", show)];
        let opener = app.clone();
        match crate::notify::show(&title, &body, urgent, &actions, move |_| crate::window::show_activity(&opener)).await
        {
            Ok(()) => tracing::info!(cause = %alert.cause(), "unusual activity told"),
            Err(e) => tracing::warn!(error = %e, cause = %alert.cause(), "could not tell of unusual activity"),
        }
    }
}

/// The account's name as the window shows it (its id when the app does not know it).
fn display_name(app: &AppHandle, id: &str) -> String {
    shell(app).read(|inner| {
        let model = &inner.model;
        let linked = model
            .link
            .iter()
            .map(|l| &l.record)
            .chain(model.others.iter().filter_map(|o| o.link.as_ref().map(|l| &l.record)));
        linked
            .filter(|record| record.account.id == id)
            .find_map(|record| record.account.display_name.clone().filter(|n| !n.is_empty()))
            .unwrap_or_else(|| id.to_owned())
    })
}

/// Changes of the record at `path` (its directory, where it is created and rotated).
fn watch(path: std::path::PathBuf) -> mpsc::Receiver<()> {
    let (tx, rx) = mpsc::channel(16);
    #[cfg(target_os = "linux")]
    {
        let spawned = std::thread::Builder::new().name("activity-changes".into()).spawn(move || {
            if let Err(e) = inotify::watch(&path, || {
                let _ = tx.try_send(());
            }) {
                tracing::warn!(error = %e, "the activity record is not watched; unusual activity is told at start only");
            }
        });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "the activity record is not watched");
        }
    }
    #[cfg(not(target_os = "linux"))]
    tauri::async_runtime::spawn(async move {
        let stamp = |path: &std::path::Path| std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()));
        let mut last = stamp(&path);
        loop {
            tokio::time::sleep(POLL).await;
            let now = stamp(&path);
            if now != last {
                last = now;
                if tx.send(()).await.is_err() {
                    return;
                }
            }
        }
    });
    rx
}

#[cfg(target_os = "linux")]
mod inotify {
    //! inotify(7) on the record's directory: one thread blocks in `read`; events about
    //! other files (the state file, locks, `alerts.json`, which looking writes) are
    //! passed over.

    use std::ffi::OsStr;
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    /// Calls `changed` whenever the file at `path` is written, created or moved into
    /// place. Returns only on an error.
    pub fn watch(path: &Path, changed: impl Fn()) -> io::Result<()> {
        let dir = path.parent().ok_or_else(|| io::Error::other("the record has no directory"))?;
        let name = path.file_name().ok_or_else(|| io::Error::other("the record has no name"))?;
        std::fs::create_dir_all(dir)?;
        // SAFETY: plain system calls; the descriptor is closed by `Fd` on every path.
        let fd = Fd(unsafe { libc::inotify_init1(libc::IN_CLOEXEC) });
        if fd.0 < 0 {
            return Err(io::Error::last_os_error());
        }
        let dir_c = std::ffi::CString::new(dir.as_os_str().as_bytes()).map_err(io::Error::other)?;
        let mask = libc::IN_MODIFY | libc::IN_CREATE | libc::IN_MOVED_TO | libc::IN_CLOSE_WRITE;
        // SAFETY: `dir_c` is a valid C string for the call's duration.
        if unsafe { libc::inotify_add_watch(fd.0, dir_c.as_ptr(), mask) } < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            // SAFETY: the buffer is valid for its length.
            let read = unsafe { libc::read(fd.0, buffer.as_mut_ptr().cast(), buffer.len()) };
            if read < 0 {
                let error = io::Error::last_os_error();
                if error.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(error);
            }
            if names(&buffer[..read as usize]).any(|n| n == name) {
                changed();
            }
        }
    }

    /// The file names in a buffer of `inotify_event`s.
    fn names(mut events: &[u8]) -> impl Iterator<Item = &OsStr> {
        const HEADER: usize = std::mem::size_of::<libc::inotify_event>();
        std::iter::from_fn(move || {
            if events.len() < HEADER {
                return None;
            }
            // `len` is the header's last field: the length of the name after it.
            let len = u32::from_ne_bytes(events[HEADER - 4..HEADER].try_into().ok()?) as usize;
            let name = events.get(HEADER..HEADER + len)?;
            events = &events[HEADER + len..];
            let end = name.iter().position(|b| *b == 0).unwrap_or(name.len());
            Some(OsStr::from_bytes(&name[..end]))
        })
    }

    struct Fd(libc::c_int);

    impl Drop for Fd {
        fn drop(&mut self) {
            // SAFETY: the descriptor is owned here and closed once.
            unsafe { libc::close(self.0) };
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn names_are_read_from_the_event_buffer() {
            let mut buffer = Vec::new();
            for name in ["state.json", "activity.jsonl"] {
                let mut padded = name.as_bytes().to_vec();
                padded.resize(16, 0);
                buffer.extend_from_slice(&1i32.to_ne_bytes()); // wd
                buffer.extend_from_slice(&libc::IN_MODIFY.to_ne_bytes()); // mask
                buffer.extend_from_slice(&0u32.to_ne_bytes()); // cookie
                buffer.extend_from_slice(&(padded.len() as u32).to_ne_bytes()); // len
                buffer.extend_from_slice(&padded);
            }
            let found: Vec<&OsStr> = names(&buffer).collect();
            assert_eq!(found, [OsStr::new("state.json"), OsStr::new("activity.jsonl")]);
        }
    }
}
