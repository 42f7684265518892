//! The proactive refresh: one sleeping task until the engine's next refresh time, then
//! a refresh, then the next sleep. No polling: an idle window uses no CPU.

use std::time::Duration;

use spotlink_core::{Engine, ErrorKind, PROACTIVE_REFRESH_MARGIN};
use tauri::async_runtime::spawn;
use tauri::AppHandle;
use time::OffsetDateTime;

use crate::error::ErrorView;
use crate::state::{shell, Inner};

/// First retry after a failed proactive refresh; doubles up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_secs(30);
pub const MAX_BACKOFF: Duration = Duration::from_secs(600);
/// Shortest wait after a successful refresh: a guard against a server that hands out
/// tokens of a few seconds (the engine already waits half of a short token's life).
pub const MIN_INTERVAL: Duration = Duration::from_secs(30);

/// The wait after `failures` failed attempts in a row: 30 s, 60 s, 120 s, … at most 10 min.
pub fn backoff(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_BACKOFF.saturating_mul(1 << doublings).min(MAX_BACKOFF)
}

/// How long to sleep before the next proactive refresh.
pub fn delay(next_refresh_at: OffsetDateTime, now: OffsetDateTime, failures: u32, after_refresh: bool) -> Duration {
    if failures > 0 {
        return backoff(failures);
    }
    let until = Duration::try_from(next_refresh_at - now).unwrap_or(Duration::ZERO);
    if after_refresh {
        until.max(MIN_INTERVAL)
    } else {
        until
    }
}

/// (Re)arms the timer for the link in `inner`, or stops it when there is nothing to
/// refresh (no link, or a link that must be renewed). Call after every change.
pub fn arm(app: &AppHandle, inner: &mut Inner, after_refresh: bool) {
    let now = OffsetDateTime::now_utc();
    let Some(at) = inner.model.link.as_ref().and_then(|link| Engine::next_refresh_at(link, now)) else {
        inner.tasks.refresh.stop();
        return;
    };
    let wait = delay(at, now, inner.refresh_failures, after_refresh);
    tracing::debug!(in_secs = wait.as_secs(), failures = inner.refresh_failures, "next proactive refresh");
    let app = app.clone();
    inner.tasks.refresh.set(spawn(async move {
        tokio::time::sleep(wait).await;
        // A fresh task: re-arming from it must not cancel the refresh itself.
        spawn(refresh(app));
    }));
}

/// Refreshes if the token is due (another process may have done it already), then
/// shows what the keychain holds and re-arms. A failure is retried quietly, except a
/// link Spotify no longer accepts, which the user must see.
async fn refresh(app: AppHandle) {
    let shell = shell(&app);
    let engine = shell.engine();
    let result = engine.access_token(Some(PROACTIVE_REFRESH_MARGIN.unsigned_abs() + Duration::from_secs(60))).await;
    let stored = engine.load().await;
    shell.update(|inner| {
        if let Ok(link) = stored {
            inner.model.link = link;
        }
        match result {
            Ok(token) => {
                tracing::info!(refreshed = token.refreshed, "proactive refresh done");
                inner.refresh_failures = 0;
                arm(&app, inner, true);
            }
            Err(e) if matches!(e.kind(), ErrorKind::RelinkNeeded | ErrorKind::NotLinked) => {
                tracing::warn!(error = %e, "the link can no longer be refreshed");
                inner.refresh_failures = 0;
                inner.tasks.refresh.stop();
                if e.kind() == ErrorKind::RelinkNeeded {
                    inner.model.error = Some(ErrorView::from(e));
                }
            }
            Err(e) => {
                inner.refresh_failures = inner.refresh_failures.saturating_add(1);
                tracing::warn!(error = %e, failures = inner.refresh_failures, "proactive refresh failed; will retry");
                arm(&app, inner, false);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn backoff_doubles_up_to_ten_minutes() {
        let secs: Vec<u64> = (1..=7).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, vec![30, 60, 120, 240, 480, 600, 600]);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }

    #[test]
    fn delay_until_due_never_negative() {
        let now = datetime!(2026-11-23 12:00 UTC);
        assert_eq!(delay(now + time::Duration::minutes(55), now, 0, false), Duration::from_secs(55 * 60));
        assert_eq!(delay(now - time::Duration::hours(3), now, 0, false), Duration::ZERO, "overdue: refresh now");
        assert_eq!(delay(now - time::Duration::minutes(4), now, 0, true), MIN_INTERVAL, "short tokens: no tight loop");
        assert_eq!(
            delay(now + time::Duration::minutes(55), now, 2, false),
            Duration::from_secs(60),
            "failures back off"
        );
    }
}
