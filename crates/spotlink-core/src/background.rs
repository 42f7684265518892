//! Running without the window: what closing it does, and what the tray says about the
//! link. The desktop shell draws both; the decisions are here.

use time::{OffsetDateTime, UtcOffset};

use crate::engine::LinkedAccount;
use crate::i18n::{self, Catalog};
use crate::lifetime::{self, LinkHealth};
use crate::msg;
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

/// Everything the tray shows, worded in the user's language; the shell redraws it when
/// this changes.
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
    /// Every linked account, the active one first, when more than one is linked (the
    /// menu lists them to switch and to copy any one's token); empty otherwise.
    pub accounts: Vec<TrayAccount>,
}

/// One linked account in the tray's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayAccount {
    pub id: String,
    /// The account's name (its id when it has none).
    pub name: String,
    /// The name, with the link's health in words when it needs attention.
    pub label: String,
    pub active: bool,
    /// Whether a token can be copied (a link Spotify still accepts).
    pub can_copy: bool,
}

/// What the tray shows for the active account's `link` and the `others` at `now`, with
/// dates in the user's `offset`, in the language of [`i18n::current`].
pub fn tray_state(
    link: Option<&StoredLink>,
    others: &[LinkedAccount],
    now: OffsetDateTime,
    offset: UtcOffset,
) -> TrayState {
    tray_state_in(&i18n::current(), link, others, now, offset)
}

/// [`tray_state`] in the language of `catalog`.
fn tray_state_in(
    catalog: &Catalog,
    link: Option<&StoredLink>,
    others: &[LinkedAccount],
    now: OffsetDateTime,
    offset: UtcOffset,
) -> TrayState {
    let accounts = match link {
        Some(link) if !others.is_empty() => {
            std::iter::once(tray_account(catalog, Some(link), &link.record.account.id, None, true, now))
                .chain(
                    others
                        .iter()
                        .map(|o| tray_account(catalog, o.link.as_ref(), &o.account.id, Some(o.name()), false, now)),
                )
                .collect()
        }
        _ => Vec::new(),
    };
    let Some(link) = link else {
        return TrayState {
            icon: TrayIcon::Unlinked,
            account: None,
            expiry: catalog.text("tray-unlinked"),
            can_copy: false,
            offer_relink: false,
            tooltip: catalog.text("tray-unlinked-tooltip"),
            accounts,
        };
    };
    let record = &link.record;
    let account = record.account.display_name.clone().unwrap_or_else(|| record.account.id.clone());
    let (health, days) = lifetime::health(record.authorized_at, record.needs_relink(), now);
    let date = i18n::date(lifetime::link_expires_at(record.authorized_at).to_offset(offset).date());
    let when = lifetime::ends_in(days);
    let (icon, expiry) = match health {
        LinkHealth::Ok => (TrayIcon::Ok, msg!("tray-link-ends", date = date, when = when)),
        LinkHealth::RenewSoon => (TrayIcon::RenewSoon, msg!("tray-link-ends-soon", date = date, when = when)),
        LinkHealth::Expired => (TrayIcon::Relink, msg!("tray-link-ended", date = date)),
        LinkHealth::NeedsRelink => (TrayIcon::Relink, msg!("tray-link-rejected")),
    };
    let expiry = catalog.format(&expiry);
    TrayState {
        tooltip: catalog.format(&msg!("tray-tooltip", account = &account, expiry = &expiry)),
        account: Some(account),
        expiry,
        can_copy: matches!(health, LinkHealth::Ok | LinkHealth::RenewSoon),
        offer_relink: icon != TrayIcon::Ok,
        icon,
        accounts,
    }
}

fn tray_account(
    catalog: &Catalog,
    link: Option<&StoredLink>,
    id: &str,
    name: Option<&str>,
    active: bool,
    now: OffsetDateTime,
) -> TrayAccount {
    let name = name
        .map(str::to_owned)
        .or_else(|| link.map(|l| l.record.account.display_name.clone().unwrap_or_else(|| l.record.account.id.clone())))
        .unwrap_or_else(|| id.to_owned());
    let health = link.map(|l| lifetime::health(l.record.authorized_at, l.record.needs_relink(), now).0);
    let label = match health {
        Some(LinkHealth::Ok) => name.clone(),
        Some(LinkHealth::RenewSoon) => catalog.format(&msg!("tray-account-renew-soon", name = &name)),
        Some(LinkHealth::Expired | LinkHealth::NeedsRelink) => {
            catalog.format(&msg!("tray-account-relink-needed", name = &name))
        }
        None => catalog.format(&msg!("tray-account-unreadable", name = &name)),
    };
    let can_copy = matches!(health, Some(LinkHealth::Ok | LinkHealth::RenewSoon));
    TrayAccount { id: id.to_owned(), name, label, active, can_copy }
}

/// When [`tray_state`] next changes by itself (the days left, or the health of any of
/// the `links`), so the tray sleeps until then; `None` when only a change to a link can
/// change it.
pub fn tray_next_change<'a>(
    links: impl IntoIterator<Item = &'a StoredLink>,
    now: OffsetDateTime,
) -> Option<OffsetDateTime> {
    links
        .into_iter()
        .filter(|link| !link.record.needs_relink())
        .filter_map(|link| lifetime::next_change(link.record.authorized_at, now))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scopes::ScopeSet;
    use crate::secret::RefreshToken;
    use crate::store::{Account, LinkRecord};
    use time::macros::{datetime, offset};

    /// The tray in English, whatever language runs the tests.
    fn tray_state(
        link: Option<&StoredLink>,
        others: &[LinkedAccount],
        now: OffsetDateTime,
        offset: UtcOffset,
    ) -> TrayState {
        tray_state_in(i18n::english(), link, others, now, offset)
    }

    fn russian() -> Catalog {
        Catalog::new(i18n::Language::from_tag("ru").unwrap())
    }

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

        let unlinked = tray_state(None, &[], datetime!(2026-11-01 12:00 UTC), utc);
        assert_eq!((unlinked.icon, unlinked.can_copy, unlinked.offer_relink), (TrayIcon::Unlinked, false, false));

        let ok = tray_state(Some(&link(authorized, false)), &[], datetime!(2026-10-01 12:00 UTC), utc);
        assert_eq!(ok.icon, TrayIcon::Ok);
        assert_eq!(ok.account.as_deref(), Some("Emu Listener"));
        assert_eq!(ok.expiry, "Link ends 1 Dec 2026 (in 61 days)");
        assert!(ok.can_copy && !ok.offer_relink);
        assert_eq!(ok.tooltip, "SpotLink: Emu Listener. Link ends 1 Dec 2026 (in 61 days)");

        let soon = tray_state(Some(&link(authorized, false)), &[], datetime!(2026-11-30 13:00 UTC), utc);
        assert_eq!(soon.icon, TrayIcon::RenewSoon);
        assert_eq!(soon.expiry, "Link ends 1 Dec 2026 (in less than a day): relink soon");
        assert!(soon.can_copy && soon.offer_relink);

        let ended = tray_state(Some(&link(authorized, false)), &[], datetime!(2026-12-02 00:00 UTC), utc);
        assert_eq!(ended.icon, TrayIcon::Relink);
        assert_eq!(ended.expiry, "Link ended 1 Dec 2026: relink to get tokens");
        assert!(!ended.can_copy && ended.offer_relink);

        let rejected = tray_state(Some(&link(authorized, true)), &[], datetime!(2026-07-01 00:00 UTC), utc);
        assert_eq!(rejected.icon, TrayIcon::Relink);
        assert!(!rejected.can_copy && rejected.offer_relink);
    }

    #[test]
    fn dates_are_in_the_users_time_zone() {
        // 1 Dec 12:00 UTC is already 2 Dec in Auckland.
        let state = tray_state(
            Some(&link(datetime!(2026-06-01 12:00 UTC), false)),
            &[],
            datetime!(2026-10-01 12:00 UTC),
            offset!(+13),
        );
        assert!(state.expiry.starts_with("Link ends 2 Dec 2026"), "{}", state.expiry);
    }

    #[test]
    fn the_tray_sleeps_until_its_text_changes() {
        let authorized = datetime!(2026-06-01 12:00 UTC);
        let now = datetime!(2026-10-01 03:00 UTC);
        let at = tray_next_change([&link(authorized, false)], now).expect("a live link changes daily");
        let offset = UtcOffset::UTC;
        let state = |t| tray_state(Some(&link(authorized, false)), &[], t, offset);
        assert_eq!(state(now), state(at - time::Duration::SECOND), "nothing changes before");
        assert_ne!(state(now), state(at + time::Duration::SECOND), "something changes at");
        assert_eq!(tray_next_change([&link(authorized, true)], now), None);
        assert_eq!(tray_next_change([], now), None);
        assert_eq!(tray_next_change([&link(authorized, false)], datetime!(2027-01-01 00:00 UTC)), None);
    }

    #[test]
    fn with_several_accounts_the_tray_lists_them_the_active_one_first() {
        let now = datetime!(2026-11-01 12:00 UTC);
        let active = link(datetime!(2026-10-01 12:00 UTC), false);
        let other = |id: &str, name: &str, authorized_at, rejected| {
            let mut stored = link(authorized_at, rejected);
            stored.record.account = Account { id: id.into(), display_name: Some(name.into()), ..Account::default() };
            LinkedAccount {
                account: crate::state::AccountState::found(&stored.record),
                active: false,
                link: Some(stored),
                problem: None,
            }
        };
        let soon = other("bob", "Bob", datetime!(2026-05-10 12:00 UTC), false);
        let rejected = other("cy", "Cy", datetime!(2026-10-01 12:00 UTC), true);
        let unreadable = LinkedAccount { link: None, problem: Some("Gone.".into()), ..other("dee", "Dee", now, false) };
        let state = tray_state(Some(&active), &[soon.clone(), rejected, unreadable], now, UtcOffset::UTC);
        let listed: Vec<_> =
            state.accounts.iter().map(|a| (a.id.as_str(), a.label.as_str(), a.active, a.can_copy)).collect();
        assert_eq!(
            listed,
            vec![
                ("emu", "Emu Listener", true, true),
                ("bob", "Bob (relink soon)", false, true),
                ("cy", "Cy (relink needed)", false, false),
                ("dee", "Dee (cannot be read)", false, false),
            ]
        );
        assert_eq!(state.account.as_deref(), Some("Emu Listener"), "the top line stays the active account");
        assert!(tray_state(Some(&active), &[], now, UtcOffset::UTC).accounts.is_empty(), "one account: no list");

        // The tray wakes for whichever account's text changes first.
        let links = [&active, soon.link.as_ref().unwrap()];
        let first = links.iter().filter_map(|l| tray_next_change([*l], now)).min();
        assert_eq!(tray_next_change(links, now), first);
        assert!(first.is_some());
    }

    #[test]
    fn the_tray_speaks_russian() {
        let authorized = datetime!(2026-06-01 12:00 UTC); // ends 2026-12-01 12:00 UTC
        let ru = russian();
        let at = |days: i64| datetime!(2026-12-01 11:00 UTC) - time::Duration::days(days);
        let line = |days| tray_state_in(&ru, Some(&link(authorized, false)), &[], at(days), UtcOffset::UTC).expiry;
        assert_eq!(line(21), "Привязка закончится 1 декабря 2026 г. (через 21 день)");
        assert_eq!(line(3), "Привязка закончится 1 декабря 2026 г. (через 3 дня): скоро нужно привязать заново");
        assert_eq!(line(1), "Привязка закончится 1 декабря 2026 г. (через 1 день): скоро нужно привязать заново");
        assert_eq!(
            line(0),
            "Привязка закончится 1 декабря 2026 г. (менее чем через сутки): скоро нужно привязать заново"
        );
        let ok = tray_state_in(&ru, Some(&link(authorized, false)), &[], at(21), UtcOffset::UTC);
        assert_eq!(ok.tooltip, "SpotLink: Emu Listener. Привязка закончится 1 декабря 2026 г. (через 21 день)");
        let unlinked = tray_state_in(&ru, None, &[], at(21), UtcOffset::UTC);
        assert_eq!(
            (unlinked.expiry.as_str(), unlinked.tooltip.as_str()),
            ("Аккаунт Spotify не привязан", "SpotLink: аккаунт Spotify не привязан")
        );
        let ended = tray_state_in(&ru, Some(&link(authorized, false)), &[], at(-1), UtcOffset::UTC);
        assert_eq!(
            ended.expiry,
            "Привязка закончилась 1 декабря 2026 г.: привяжите аккаунт заново, чтобы получать токены"
        );
    }

    #[test]
    fn an_account_in_the_list_keeps_its_name_before_the_bracket_in_russian() {
        let now = datetime!(2026-11-01 12:00 UTC);
        let active = link(datetime!(2026-10-01 12:00 UTC), false);
        let mut soon = link(datetime!(2026-05-10 12:00 UTC), false);
        soon.record.account = Account { id: "bob".into(), display_name: Some("Bob".into()), ..Account::default() };
        let other = LinkedAccount {
            account: crate::state::AccountState::found(&soon.record),
            active: false,
            link: Some(soon),
            problem: None,
        };
        let state = tray_state_in(&russian(), Some(&active), &[other], now, UtcOffset::UTC);
        assert_eq!(state.accounts[1].label, "Bob (скоро нужно привязать заново)");
    }
}
