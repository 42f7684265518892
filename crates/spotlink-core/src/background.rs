//! Running without the window: what closing it does, and what the tray says about the
//! link. The desktop shell draws both; the decisions are here.

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use crate::lifetime::{self, LinkHealth};
use crate::store::StoredLink;

/// What closing the window does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseAction {
    /// End the app.
    Quit,
    /// Destroy the window and keep running in the tray.
    KeepInTray,
    /// Explain the tray once and let the user choose (the window stays open meanwhile).
    Ask,
}

/// What closing the window does, given whether a tray is shown at all (on Linux, a
/// StatusNotifierItem host on the session bus) and the user's choice, if made. Without
/// a tray SpotLink quits: a process the user cannot see or reach is not left behind.
pub fn on_close(tray_shown: bool, keep_in_tray: Option<bool>) -> CloseAction {
    match (tray_shown, keep_in_tray) {
        (false, _) | (true, Some(false)) => CloseAction::Quit,
        (true, Some(true)) => CloseAction::KeepInTray,
        (true, None) => CloseAction::Ask,
    }
}

/// Which tray icon to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayIcon {
    Unlinked,
    Ok,
    RenewSoon,
    /// Ended, or rejected by Spotify: tokens stop until a relink.
    Relink,
}

/// Everything the tray shows; the shell redraws it when this changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayState {
    pub icon: TrayIcon,
    /// The account (`None` when unlinked).
    pub account: Option<String>,
    /// One line about the link's end, e.g. "Link ends 20 Jan 2027 (in 53 days)".
    pub expiry: String,
    /// Whether "Copy token" can work (a link Spotify still accepts).
    pub can_copy: bool,
    /// Whether to offer "Relink…" (the link ends soon, has ended or was rejected).
    pub offer_relink: bool,
    /// For platforms that show a tooltip: the same facts in one line.
    pub tooltip: String,
}

const DATE: &[BorrowedFormatItem<'static>] = format_description!("[day padding:none] [month repr:short] [year]");

/// What the tray shows for `link` at `now`, with dates in the user's `offset`.
pub fn tray_state(link: Option<&StoredLink>, now: OffsetDateTime, offset: UtcOffset) -> TrayState {
    let Some(link) = link else {
        return TrayState {
            icon: TrayIcon::Unlinked,
            account: None,
            expiry: "No Spotify account linked".into(),
            can_copy: false,
            offer_relink: false,
            tooltip: "SpotLink: no Spotify account linked".into(),
        };
    };
    let record = &link.record;
    let account = record.account.display_name.clone().unwrap_or_else(|| record.account.id.clone());
    let (health, days) = lifetime::health(record.authorized_at, record.needs_relink(), now);
    let ends = lifetime::link_expires_at(record.authorized_at).to_offset(offset);
    let date = ends.format(DATE).unwrap_or_else(|_| ends.date().to_string());
    let left = match days {
        0 => "less than a day".to_owned(),
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    };
    let (icon, expiry) = match health {
        LinkHealth::Ok => (TrayIcon::Ok, format!("Link ends {date} (in {left})")),
        LinkHealth::RenewSoon => (TrayIcon::RenewSoon, format!("Link ends {date} (in {left}): relink soon")),
        LinkHealth::Expired => (TrayIcon::Relink, format!("Link ended {date}: relink to get tokens")),
        LinkHealth::NeedsRelink => (TrayIcon::Relink, "Spotify rejected this link: relink to get tokens".to_owned()),
    };
    TrayState {
        tooltip: format!("SpotLink: {account}. {expiry}"),
        account: Some(account),
        expiry,
        can_copy: matches!(health, LinkHealth::Ok | LinkHealth::RenewSoon),
        offer_relink: icon != TrayIcon::Ok,
        icon,
    }
}

/// When [`tray_state`] next changes by itself (the days left, or the health), so the
/// tray sleeps until then; `None` when only a change to the link can change it.
pub fn tray_next_change(link: Option<&StoredLink>, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let record = &link?.record;
    if record.needs_relink() {
        return None;
    }
    lifetime::next_change(record.authorized_at, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scopes::ScopeSet;
    use crate::secret::RefreshToken;
    use crate::store::{Account, LinkRecord};
    use time::macros::{datetime, offset};

    fn link(authorized_at: OffsetDateTime, rejected: bool) -> StoredLink {
        let record = LinkRecord {
            client_id: "client".into(),
            account: Account { id: "emu".into(), display_name: Some("Emu Listener".into()), ..Account::default() },
            refresh_token: (!rejected).then(|| RefreshToken::new("r".into())),
            access_token: None,
            granted: ScopeSet::default(),
            authorized_at,
        };
        StoredLink { record, requested: ScopeSet::default() }
    }

    #[test]
    fn closing_quits_unless_a_tray_is_shown_and_chosen() {
        assert_eq!(on_close(false, None), CloseAction::Quit);
        assert_eq!(on_close(false, Some(true)), CloseAction::Quit, "no tray: never an unreachable process");
        assert_eq!(on_close(true, Some(false)), CloseAction::Quit);
        assert_eq!(on_close(true, Some(true)), CloseAction::KeepInTray);
        assert_eq!(on_close(true, None), CloseAction::Ask);
    }

    #[test]
    fn tray_follows_the_health() {
        let authorized = datetime!(2026-06-01 12:00 UTC); // ends 2026-12-01 12:00 UTC
        let utc = UtcOffset::UTC;

        let unlinked = tray_state(None, datetime!(2026-11-01 12:00 UTC), utc);
        assert_eq!((unlinked.icon, unlinked.can_copy, unlinked.offer_relink), (TrayIcon::Unlinked, false, false));

        let ok = tray_state(Some(&link(authorized, false)), datetime!(2026-10-01 12:00 UTC), utc);
        assert_eq!(ok.icon, TrayIcon::Ok);
        assert_eq!(ok.account.as_deref(), Some("Emu Listener"));
        assert_eq!(ok.expiry, "Link ends 1 Dec 2026 (in 61 days)");
        assert!(ok.can_copy && !ok.offer_relink);
        assert_eq!(ok.tooltip, "SpotLink: Emu Listener. Link ends 1 Dec 2026 (in 61 days)");

        let soon = tray_state(Some(&link(authorized, false)), datetime!(2026-11-30 13:00 UTC), utc);
        assert_eq!(soon.icon, TrayIcon::RenewSoon);
        assert_eq!(soon.expiry, "Link ends 1 Dec 2026 (in less than a day): relink soon");
        assert!(soon.can_copy && soon.offer_relink);

        let ended = tray_state(Some(&link(authorized, false)), datetime!(2026-12-02 00:00 UTC), utc);
        assert_eq!(ended.icon, TrayIcon::Relink);
        assert_eq!(ended.expiry, "Link ended 1 Dec 2026: relink to get tokens");
        assert!(!ended.can_copy && ended.offer_relink);

        let rejected = tray_state(Some(&link(authorized, true)), datetime!(2026-07-01 00:00 UTC), utc);
        assert_eq!(rejected.icon, TrayIcon::Relink);
        assert!(!rejected.can_copy && rejected.offer_relink);
    }

    #[test]
    fn dates_are_in_the_users_time_zone() {
        // 1 Dec 12:00 UTC is already 2 Dec in Auckland.
        let state = tray_state(
            Some(&link(datetime!(2026-06-01 12:00 UTC), false)),
            datetime!(2026-10-01 12:00 UTC),
            offset!(+13),
        );
        assert!(state.expiry.starts_with("Link ends 2 Dec 2026"), "{}", state.expiry);
    }

    #[test]
    fn the_tray_sleeps_until_its_text_changes() {
        let authorized = datetime!(2026-06-01 12:00 UTC);
        let now = datetime!(2026-10-01 03:00 UTC);
        let at = tray_next_change(Some(&link(authorized, false)), now).expect("a live link changes daily");
        let offset = UtcOffset::UTC;
        let state = |t| tray_state(Some(&link(authorized, false)), t, offset);
        assert_eq!(state(now), state(at - time::Duration::SECOND), "nothing changes before");
        assert_ne!(state(now), state(at + time::Duration::SECOND), "something changes at");
        assert_eq!(tray_next_change(Some(&link(authorized, true)), now), None);
        assert_eq!(tray_next_change(None, now), None);
        assert_eq!(tray_next_change(Some(&link(authorized, false)), datetime!(2027-01-01 00:00 UTC)), None);
    }
}
