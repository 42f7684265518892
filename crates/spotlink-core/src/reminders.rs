//! Telling the user about the link before it lapses, without the window open: which
//! reminder is due, when the next one will be, and which were given already.
//!
//! Spotify's links end six months after the user authorized ([`crate::lifetime`]), and
//! Spotify can reject one at any time (the user removed the app, changed their
//! password). A reminder is due when the link enters "renew soon" (14 days before it
//! ends), again at 3 days and at 1 day, when it has ended, and when Spotify rejected
//! it. Each is given once per link: what was given is remembered in the state file
//! (no secrets) with the authorization it belongs to, so a relink starts afresh.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::i18n::Message;
use crate::lifetime::{self, RENEW_SOON_DAYS};
use crate::msg;

/// The moments the user is told about, least urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    /// 14 days or less left ([`RENEW_SOON_DAYS`]).
    RenewSoon,
    /// 3 days or less left.
    ThreeDays,
    /// 1 day or less left.
    OneDay,
    /// The six months are over.
    Expired,
    /// Spotify rejected the refresh token.
    Rejected,
}

impl Threshold {
    /// How long before the link ends this threshold is crossed (`None`: not a time).
    fn before_expiry(self) -> Option<Duration> {
        match self {
            Threshold::RenewSoon => Some(Duration::days(RENEW_SOON_DAYS)),
            Threshold::ThreeDays => Some(Duration::days(3)),
            Threshold::OneDay => Some(Duration::days(1)),
            Threshold::Expired => Some(Duration::ZERO),
            Threshold::Rejected => None,
        }
    }

    const TIMED: [Threshold; 4] = [Threshold::RenewSoon, Threshold::ThreeDays, Threshold::OneDay, Threshold::Expired];
}

/// The reminders given for one link (the state file keeps this; no secrets).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notified {
    /// The authorization these belong to (Unix seconds); another one means a relink.
    pub authorized_at: i64,
    pub given: BTreeSet<Threshold>,
}

impl Notified {
    /// Nothing given yet.
    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
    }

    /// Nothing recorded at all, not even a link (what the state file may leave out).
    pub fn is_unset(&self) -> bool {
        *self == Notified::default()
    }

    /// What was given for the link authorized at `authorized_at` (empty for another link).
    fn for_link(&self, authorized_at: OffsetDateTime) -> BTreeSet<Threshold> {
        if self.authorized_at == authorized_at.unix_timestamp() {
            self.given.clone()
        } else {
            BTreeSet::new()
        }
    }

    /// Records that `threshold` was given for the link authorized at `authorized_at`,
    /// with every less urgent timed one (a SpotLink that was not running 14 days before
    /// the end says "3 days left" once, not "14 days" after it).
    pub fn record(&self, authorized_at: OffsetDateTime, threshold: Threshold) -> Notified {
        let mut given = self.for_link(authorized_at);
        given.insert(threshold);
        if threshold != Threshold::Rejected {
            given.extend(Threshold::TIMED.into_iter().filter(|t| *t <= threshold));
        }
        Notified { authorized_at: authorized_at.unix_timestamp(), given }
    }
}

/// A reminder to show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub threshold: Threshold,
    /// When the link ends (or ended).
    pub link_expires_at: OffsetDateTime,
    /// Whole days left, 0 once over.
    pub days_left: i64,
}

impl Reminder {
    /// The notification's title.
    pub fn title(&self) -> Message {
        match self.threshold {
            Threshold::RenewSoon | Threshold::ThreeDays | Threshold::OneDay => msg!("notify-renew-title"),
            Threshold::Expired => msg!("notify-ended-title"),
            Threshold::Rejected => msg!("notify-rejected-title"),
        }
    }

    /// The notification's text, naming the account.
    pub fn body(&self, account: &str) -> Message {
        match self.threshold {
            Threshold::RenewSoon | Threshold::ThreeDays | Threshold::OneDay => {
                msg!("notify-renew-body", account = account, when = lifetime::ends_in(self.days_left))
            }
            Threshold::Expired => msg!("notify-ended-body", account = account),
            Threshold::Rejected => msg!("notify-rejected-body", account = account),
        }
    }
}

/// The reminder due at `now` for the link authorized at `authorized_at`, given what
/// was `notified`: the most urgent threshold crossed and not yet given, if any.
pub fn due(
    authorized_at: OffsetDateTime,
    rejected: bool,
    notified: &Notified,
    now: OffsetDateTime,
) -> Option<Reminder> {
    let given = notified.for_link(authorized_at);
    let link_expires_at = lifetime::link_expires_at(authorized_at);
    let left = link_expires_at - now;
    let days_left = left.whole_days().max(0);
    let threshold = if rejected {
        Threshold::Rejected
    } else {
        Threshold::TIMED.into_iter().rev().find(|t| t.before_expiry().is_some_and(|b| left <= b))?
    };
    // A less urgent one than something already given is old news.
    if given.iter().any(|g| *g >= threshold) {
        return None;
    }
    Some(Reminder { threshold, link_expires_at, days_left })
}

/// When the next timed reminder for this link falls due (wall-clock time), after `now`.
/// `None` once all are given, or when the link was rejected (nothing is timed then).
pub fn next_due_at(
    authorized_at: OffsetDateTime,
    rejected: bool,
    notified: &Notified,
    now: OffsetDateTime,
) -> Option<OffsetDateTime> {
    if rejected {
        return None;
    }
    let given = notified.for_link(authorized_at);
    let ends = lifetime::link_expires_at(authorized_at);
    Threshold::TIMED
        .into_iter()
        .filter(|t| !given.iter().any(|g| g >= t))
        .filter_map(|t| t.before_expiry().map(|b| ends - b))
        .filter(|at| *at > now)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n;
    use time::macros::datetime;

    // Ends 2026-12-01 12:00 UTC.
    const AUTHORIZED: OffsetDateTime = datetime!(2026-06-01 12:00 UTC);

    fn at(days_before_end: i64, extra_minutes: i64) -> OffsetDateTime {
        datetime!(2026-12-01 12:00 UTC) - Duration::days(days_before_end) + Duration::minutes(extra_minutes)
    }

    #[test]
    fn each_threshold_falls_due_at_its_time() {
        let none = Notified::default();
        assert_eq!(due(AUTHORIZED, false, &none, at(14, -1)), None, "15 days left");
        let cases = [
            (14, Threshold::RenewSoon, 14),
            (3, Threshold::ThreeDays, 3),
            (1, Threshold::OneDay, 1),
            (0, Threshold::Expired, 0),
        ];
        for (days, threshold, left) in cases {
            let reminder = due(AUTHORIZED, false, &none, at(days, 0)).expect("due");
            assert_eq!((reminder.threshold, reminder.days_left), (threshold, left), "{days} days before");
        }
        assert_eq!(due(AUTHORIZED, false, &none, at(-30, 0)).unwrap().threshold, Threshold::Expired);
        assert_eq!(due(AUTHORIZED, true, &none, at(100, 0)).unwrap().threshold, Threshold::Rejected);
    }

    #[test]
    fn each_is_given_once_and_a_later_one_supersedes_the_earlier() {
        let now = at(10, 0);
        let reminder = due(AUTHORIZED, false, &Notified::default(), now).unwrap();
        let notified = Notified::default().record(AUTHORIZED, reminder.threshold);
        assert_eq!(due(AUTHORIZED, false, &notified, now), None, "given once");
        assert_eq!(due(AUTHORIZED, false, &notified, at(4, 0)), None, "still 14-day news");
        assert_eq!(due(AUTHORIZED, false, &notified, at(3, 0)).unwrap().threshold, Threshold::ThreeDays);

        // Off until 2 days before the end: one "3 days" reminder, not the 14-day one after it.
        let late = Notified::default().record(AUTHORIZED, Threshold::ThreeDays);
        assert_eq!(late.given, [Threshold::RenewSoon, Threshold::ThreeDays].into());
        assert_eq!(due(AUTHORIZED, false, &late, at(2, 0)), None);

        // A rejection is news whatever was said about the calendar.
        let all = Notified::default().record(AUTHORIZED, Threshold::Expired);
        assert_eq!(due(AUTHORIZED, true, &all, at(-1, 0)).unwrap().threshold, Threshold::Rejected);
        let rejected = all.record(AUTHORIZED, Threshold::Rejected);
        assert_eq!(due(AUTHORIZED, true, &rejected, at(-1, 0)), None);
    }

    #[test]
    fn a_relink_starts_afresh() {
        let notified = Notified::default().record(AUTHORIZED, Threshold::Expired);
        let relinked = datetime!(2026-11-20 09:00 UTC);
        assert_eq!(due(relinked, false, &notified, datetime!(2026-11-20 10:00 UTC)), None, "a new link is fine");
        let ends = lifetime::link_expires_at(relinked);
        let reminder = due(relinked, false, &notified, ends - Duration::days(14)).expect("the new link's first");
        assert_eq!(reminder.threshold, Threshold::RenewSoon);
        assert_eq!(notified.record(relinked, Threshold::RenewSoon).given, [Threshold::RenewSoon].into());
    }

    #[test]
    fn the_next_one_is_scheduled_by_the_calendar() {
        let none = Notified::default();
        assert_eq!(next_due_at(AUTHORIZED, false, &none, at(30, 0)), Some(at(14, 0)));
        let given = none.record(AUTHORIZED, Threshold::RenewSoon);
        assert_eq!(next_due_at(AUTHORIZED, false, &given, at(10, 0)), Some(at(3, 0)));
        let given = given.record(AUTHORIZED, Threshold::OneDay);
        assert_eq!(next_due_at(AUTHORIZED, false, &given, at(0, -60)), Some(at(0, 0)));
        let given = given.record(AUTHORIZED, Threshold::Expired);
        assert_eq!(next_due_at(AUTHORIZED, false, &given, at(0, 60)), None, "all given");
        assert_eq!(next_due_at(AUTHORIZED, true, &none, at(30, 0)), None, "rejected: nothing timed");
        // Due already but not given: `due` answers now; the next one is the one after.
        assert_eq!(next_due_at(AUTHORIZED, false, &none, at(5, 0)), Some(at(3, 0)));
    }

    #[test]
    fn texts_name_the_account_and_the_time_left() {
        let reminder = |threshold, days_left| Reminder { threshold, link_expires_at: AUTHORIZED, days_left };
        let en = i18n::english();
        let body = |threshold, days_left| en.format(&reminder(threshold, days_left).body("Ada"));
        assert!(body(Threshold::ThreeDays, 3).contains("The link to Ada ends in 3 days"));
        assert!(body(Threshold::OneDay, 1).contains("ends in 1 day:"));
        assert!(body(Threshold::OneDay, 0).contains("in less than a day"));
        assert_eq!(en.format(&reminder(Threshold::Rejected, 0).title()), "Spotify no longer accepts your link");
        assert!(body(Threshold::Expired, 0).contains("Relink"));
        assert_eq!(
            body(Threshold::RenewSoon, 14),
            "The link to Ada ends in 14 days: Spotify's links last six months. Relink to keep tokens coming."
        );
    }

    #[test]
    fn reminders_speak_russian() {
        let ru = i18n::Catalog::new(i18n::Language::from_tag("ru").unwrap());
        let reminder = |threshold, days_left| Reminder { threshold, link_expires_at: AUTHORIZED, days_left };
        assert_eq!(ru.format(&reminder(Threshold::ThreeDays, 3).title()), "Продлите привязку Spotify");
        assert_eq!(ru.format(&reminder(Threshold::Expired, 0).title()), "Срок привязки Spotify истёк");
        assert_eq!(
            ru.format(&reminder(Threshold::ThreeDays, 3).body("Ada")),
            "Привязка аккаунта Ada закончится через 3 дня: привязки Spotify действуют шесть месяцев. \
             Привяжите аккаунт заново, чтобы и дальше получать токены."
        );
        assert!(ru.format(&reminder(Threshold::OneDay, 1).body("Ada")).contains("через 1 день:"));
        assert!(ru.format(&reminder(Threshold::OneDay, 0).body("Ada")).contains("менее чем через сутки:"));
        assert!(ru
            .format(&reminder(Threshold::Rejected, 0).body("Ada"))
            .starts_with("Spotify отклонил привязку аккаунта Ada"));
    }

    #[test]
    fn notified_is_stored_without_secrets_in_plain_words() {
        let notified = Notified::default().record(AUTHORIZED, Threshold::ThreeDays);
        let json = serde_json::to_string(&notified).unwrap();
        assert_eq!(
            json,
            format!(r#"{{"authorized_at":{},"given":["renew_soon","three_days"]}}"#, AUTHORIZED.unix_timestamp())
        );
        assert_eq!(serde_json::from_str::<Notified>(&json).unwrap(), notified);
    }
}
