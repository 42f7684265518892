//! The link's own lifetime: since mid-2026 Spotify's refresh tokens expire six months
//! after the user's original authorization, and refreshing does not extend that.

use serde::Serialize;
use time::{Duration, Month, OffsetDateTime};

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
}
