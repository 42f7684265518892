//! After a laptop wakes, or the network comes back, the link is looked at again at
//! once instead of when a timer set before the sleep happens to fire: the proactive
//! refresh's timer counts time awake only, so a token that expired during the sleep
//! would otherwise stay expired until it did.
//!
//! On Linux the signals come from the system bus: logind's `PrepareForSleep(false)`
//! (resumed) and NetworkManager's `StateChanged` to "connected"; and, without any bus,
//! from the kernel: a `CLOCK_REALTIME` timerfd armed with `TFD_TIMER_CANCEL_ON_SET` is
//! cancelled when the wall clock is set (by hand, or by NTP stepping it) and when the
//! system resumes from suspend. All are events the app is sent, not something it asks
//! for on a schedule. Without them the timers behave as before.

use spotlink_core::activity::{Entry, Event};
use tauri::AppHandle;

use crate::scheduler;
use crate::state::shell;

/// Why the link is looked at again.
// Only Linux has wake-up sources so far; on Windows and macOS the timers alone renew
// the token (docs/platforms.md).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
#[derive(Debug, Clone, Copy)]
pub enum Reason {
    Resumed,
    Online,
    /// The wall clock was set, or the system resumed (the kernel does not say which).
    ClockChanged,
}

impl Reason {
    /// The activity record's word for it.
    fn name(self) -> &'static str {
        match self {
            Reason::Resumed => "resumed",
            Reason::Online => "online",
            Reason::ClockChanged => "clock-changed",
        }
    }
}

/// Starts listening for wake-ups and network changes, in the background.
pub fn listen(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    {
        tauri::async_runtime::spawn(linux::listen(app.clone()));
        let app = app.clone();
        let spawned = std::thread::Builder::new().name("clock-changes".into()).spawn(move || {
            clock::watch(|| {
                tauri::async_runtime::spawn(recheck(app.clone(), Reason::ClockChanged));
            })
        });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "wall-clock changes are not watched");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Reloads the link (another process may have refreshed meanwhile), then re-arms the
/// refresh from the wall clock (an expired token is refreshed now, and a failing one is
/// retried now rather than after its backoff) and re-evaluates the reminders.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub async fn recheck(app: AppHandle, reason: Reason) {
    tracing::info!(?reason, "looking at the link again");
    let shell = shell(&app);
    let engine = shell.engine();
    let active = shell.read(|inner| inner.model.link.as_ref().map(|l| l.record.account.id.clone()));
    engine.note(Entry::now(Event::Wake, active.as_deref()).detail(reason.name()));
    let read = crate::accounts::Accounts::read(&engine).await;
    shell.update(|inner| {
        match read {
            Ok(accounts) => accounts.show(&mut inner.model),
            Err(e) => tracing::warn!(error = %e, "could not read the links after a wake-up"),
        }
        inner.refresh_failures = 0;
        scheduler::arm(&app, inner, false);
    });
    // The tray and the reminders look at the time now.
    shell.recheck_followers();
}

#[cfg(target_os = "linux")]
mod clock {
    //! Wall-clock changes from the kernel: a timerfd on `CLOCK_REALTIME`, armed far in
    //! the future with `TFD_TIMER_CANCEL_ON_SET`, whose read fails with `ECANCELED`
    //! when the clock is set discontinuously or the system resumes (timerfd(2)). One
    //! thread blocks in `read`: no polling.

    use std::io;

    /// How far ahead the timer is armed; if it ever fires, it is armed again.
    const FAR: libc::time_t = 10 * 365 * 24 * 3600;

    /// Calls `changed` after every change of the wall clock, for as long as the process runs.
    pub fn watch(changed: impl Fn()) {
        // SAFETY: plain system calls on a descriptor this function owns; `read` writes
        // into a local u64 of the size it is given.
        unsafe {
            let fd = libc::timerfd_create(libc::CLOCK_REALTIME, libc::TFD_CLOEXEC);
            if fd < 0 {
                return tracing::warn!(error = %io::Error::last_os_error(), "wall-clock changes are not watched");
            }
            loop {
                let mut now: libc::timespec = std::mem::zeroed();
                libc::clock_gettime(libc::CLOCK_REALTIME, &mut now);
                let spec = libc::itimerspec {
                    it_interval: libc::timespec { tv_sec: 0, tv_nsec: 0 },
                    it_value: libc::timespec { tv_sec: now.tv_sec.saturating_add(FAR), tv_nsec: 0 },
                };
                let flags = libc::TFD_TIMER_ABSTIME | libc::TFD_TIMER_CANCEL_ON_SET;
                if libc::timerfd_settime(fd, flags, &spec, std::ptr::null_mut()) != 0 {
                    tracing::warn!(error = %io::Error::last_os_error(), "wall-clock changes are not watched");
                    libc::close(fd);
                    return;
                }
                let mut expirations = 0u64;
                let read = libc::read(fd, (&mut expirations as *mut u64).cast(), std::mem::size_of::<u64>());
                if read < 0 {
                    let error = io::Error::last_os_error();
                    match error.raw_os_error() {
                        Some(libc::ECANCELED) => {
                            tracing::debug!("the wall clock changed");
                            changed();
                        }
                        Some(libc::EINTR) => {}
                        _ => {
                            tracing::warn!(error = %error, "wall-clock changes are no longer watched");
                            libc::close(fd);
                            return;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use futures_util::StreamExt;
    use tauri::AppHandle;

    use super::{recheck, Reason};

    /// NetworkManager's `NM_STATE_CONNECTED_GLOBAL`.
    const NM_CONNECTED_GLOBAL: u32 = 70;

    #[zbus::proxy(
        interface = "org.freedesktop.login1.Manager",
        default_service = "org.freedesktop.login1",
        default_path = "/org/freedesktop/login1"
    )]
    trait Login1 {
        #[zbus(signal)]
        fn prepare_for_sleep(&self, start: bool) -> zbus::Result<()>;
    }

    #[zbus::proxy(
        interface = "org.freedesktop.NetworkManager",
        default_service = "org.freedesktop.NetworkManager",
        default_path = "/org/freedesktop/NetworkManager"
    )]
    trait NetworkManager {
        #[zbus(signal)]
        fn state_changed(&self, state: u32) -> zbus::Result<()>;
    }

    pub async fn listen(app: AppHandle) {
        let connection = match zbus::Connection::system().await {
            Ok(connection) => connection,
            Err(e) => return tracing::debug!(error = %e, "no system bus: wake-ups are not watched"),
        };
        let sleeps = match Login1Proxy::new(&connection).await {
            Ok(proxy) => proxy.receive_prepare_for_sleep().await.ok(),
            Err(e) => {
                tracing::debug!(error = %e, "no logind proxy");
                None
            }
        };
        let networks = match NetworkManagerProxy::new(&connection).await {
            Ok(proxy) => proxy.receive_state_changed().await.ok(),
            Err(e) => {
                tracing::debug!(error = %e, "no NetworkManager proxy");
                None
            }
        };
        let mut resumed = sleeps
            .map(|s| {
                s.filter_map(|signal| std::future::ready(signal.args().ok().filter(|a| !a.start).map(|_| ()))).boxed()
            })
            .unwrap_or_else(|| futures_util::stream::pending().boxed());
        let mut online = networks
            .map(|s| {
                s.filter_map(|signal| {
                    std::future::ready(signal.args().ok().filter(|a| a.state == NM_CONNECTED_GLOBAL).map(|_| ()))
                })
                .boxed()
            })
            .unwrap_or_else(|| futures_util::stream::pending().boxed());
        tracing::debug!("watching for wake-ups and network changes");
        loop {
            let reason = tokio::select! {
                Some(()) = resumed.next() => Reason::Resumed,
                Some(()) = online.next() => Reason::Online,
                else => return,
            };
            tauri::async_runtime::spawn(recheck(app.clone(), reason));
        }
    }
}
