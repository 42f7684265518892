//! The link's own lifetime: since mid-2026 Spotify's refresh tokens expire six months
//! after the user's original authorization, and refreshing does not extend that.

use serde::Serialize;
use time::{Duration, Month, OffsetDateTime};

use crate::i18n::{self, Message};
use crate::msg;

/// Months a link lives (Spotify's rule).
pub const LINK_LIFETIME_MONTHS: u8 = 6;
/// Days before expiry from which the user is asked to renew.
pub const RENEW_SOON_DAYS: i64 = 14;

/// When a link authorized at `authorized_at` stops working: the same day-of-month six
/// months later (clamped to the month's last day), at the same time.
pub fn link_expires_at(authorized_at: OffsetDateTime) -> OffsetDateTime {
    let date = authorized_at.date();
    let months = date.month() as u8 - 1 + LINK_LIFETIME_MONTHS;
    let year = date.year() + i32::from(months / 12);
    let month = Month::try_from(months % 12 + 1).expect("1..=12");
    let day = date.day().min(month.length(year));
    let date = time::Date::from_calendar_date(year, month, day).expect("valid clamped date");
    authorized_at.replace_date(date)
}

/// How healthy a link is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkHealth {
    Ok,
    /// Renewing is advised: at most [`RENEW_SOON_DAYS`] left.
    RenewSoon,
    /// The six months are over.
    Expired,
    /// Spotify rejected the refresh token (revoked, expired or replaced).
    NeedsRelink,
}

/// The health of a link and its whole days left (0 once expired).
pub fn health(authorized_at: OffsetDateTime, needs_relink: bool, now: OffsetDateTime) -> (LinkHealth, i64) {
    let left = link_expires_at(authorized_at) - now;
    let days = left.whole_days().max(0);
    let health = if needs_relink {
        LinkHealth::NeedsRelink
    } else if left <= Duration::ZERO {
        LinkHealth::Expired
    } else if left <= Duration::days(RENEW_SOON_DAYS) {
        LinkHealth::RenewSoon
    } else {
        LinkHealth::Ok
    };
    (health, days)
}

/// How soon a link with `days` whole days left (as [`health`] counts them) ends, in
/// words: "in 3 days", "in 1 day", "in less than a day".
pub fn ends_in(days: i64) -> Message {
    if days <= 0 {
        msg!("time-in-less-than-a-day")
    } else {
        msg!("time-in", duration = i18n::days(days))
    }
}

/// The next moment after `now` when what [`health`] says changes (its whole days left
/// drop by one, or the health itself moves on); `None` once the link has ended. A
/// display of the link sleeps until then instead of looking at the clock again and again.
pub fn next_change(authorized_at: OffsetDateTime, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let expires = link_expires_at(authorized_at);
    if expires <= now {
        return None;
    }
    let days = (expires - now).whole_days();
    // `days` drops when less than that many whole days are left, and the health turns
    // at whole days before the end too: both at `expires - k days` for some k.
    let at = expires - Duration::days(days);
    Some(if at > now { at } else { expires - Duration::days(days - 1) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn six_calendar_months_with_clamping() {
        assert_eq!(link_expires_at(datetime!(2026-07-20 10:00 UTC)), datetime!(2027-01-20 10:00 UTC));
        assert_eq!(link_expires_at(datetime!(2026-08-31 23:59 UTC)), datetime!(2027-02-28 23:59 UTC));
        assert_eq!(link_expires_at(datetime!(2027-08-31 00:00 UTC)), datetime!(2028-02-29 00:00 UTC));
        assert_eq!(link_expires_at(datetime!(2026-06-18 00:00 UTC)), datetime!(2026-12-18 00:00 UTC));
    }

    #[test]
    fn health_thresholds() {
        let authorized = datetime!(2026-06-01 12:00 UTC); // expires 2026-12-01 12:00
        assert_eq!(health(authorized, false, datetime!(2026-11-01 12:00 UTC)), (LinkHealth::Ok, 30));
        assert_eq!(health(authorized, false, datetime!(2026-11-17 12:00 UTC)), (LinkHealth::RenewSoon, 14));
        assert_eq!(health(authorized, false, datetime!(2026-11-17 11:59 UTC)), (LinkHealth::Ok, 14));
        assert_eq!(health(authorized, false, datetime!(2026-12-01 12:00 UTC)), (LinkHealth::Expired, 0));
        assert_eq!(health(authorized, true, datetime!(2026-07-01 12:00 UTC)).0, LinkHealth::NeedsRelink);
    }

    #[test]
    fn the_time_left_in_words() {
        let (en, ru) = (i18n::english(), i18n::Catalog::new(i18n::Language::from_tag("ru").unwrap()));
        let said = |days| (en.format(&ends_in(days)), ru.format(&ends_in(days)));
        assert_eq!(said(0), ("in less than a day".into(), "менее чем через сутки".into()));
        assert_eq!(said(1), ("in 1 day".into(), "через 1 день".into()));
        assert_eq!(said(3), ("in 3 days".into(), "через 3 дня".into()));
        assert_eq!(said(21), ("in 21 days".into(), "через 21 день".into()));
    }

    #[test]
    fn next_change_is_where_days_or_health_change() {
        let authorized = datetime!(2026-06-01 12:00 UTC); // expires 2026-12-01 12:00
        let next = |now| next_change(authorized, now);
        // 30 days and 5 hours left: 30 whole days until 12:00, 29 after it.
        assert_eq!(next(datetime!(2026-11-01 07:00 UTC)), Some(datetime!(2026-11-01 12:00 UTC)));
        // Exactly on a boundary: the next one, a day later.
        assert_eq!(next(datetime!(2026-11-01 12:00 UTC)), Some(datetime!(2026-11-02 12:00 UTC)));
        // The renew-soon threshold is one of them.
        assert_eq!(next(datetime!(2026-11-17 11:00 UTC)), Some(datetime!(2026-11-17 12:00 UTC)));
        assert_eq!(health(authorized, false, datetime!(2026-11-17 12:00 UTC)).0, LinkHealth::RenewSoon);
        // The last day ends with the link; after that nothing changes.
        assert_eq!(next(datetime!(2026-12-01 01:00 UTC)), Some(datetime!(2026-12-01 12:00 UTC)));
        assert_eq!(next(datetime!(2026-12-01 12:00 UTC)), None);
        // Every answer is in the future and changes what `health` says.
        let mut now = datetime!(2026-10-01 03:17 UTC);
        while let Some(at) = next(now) {
            assert!(at > now);
            let before = health(authorized, false, at - Duration::SECOND);
            assert_ne!(before, health(authorized, false, at + Duration::SECOND), "at {at}");
            now = at;
        }
    }
}
