//! Formatting shared by the verbs: times as users read them, sentences in the user's
//! language (the catalogues of `locales/*/cli.ftl`, chosen by `LC_ALL`, `LC_MESSAGES`,
//! `LANG` and `LANGUAGE`).

use std::sync::OnceLock;

use spotlink_core::i18n::{self, Message};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

static LOCAL_OFFSET: OnceLock<UtcOffset> = OnceLock::new();

/// Reads the local UTC offset. Call first thing in `main`: the `time` crate can only
/// read it safely while the process has a single thread.
pub fn capture_local_offset() {
    let _ = LOCAL_OFFSET.set(UtcOffset::current_local_offset().unwrap_or(UtcOffset::UTC));
}

/// `2026-11-23 14:02 UTC+01:00 (in 58 min)`-style text, in local time where known.
pub fn when(at: OffsetDateTime, now: OffsetDateTime) -> String {
    let local = at.to_offset(*LOCAL_OFFSET.get().unwrap_or(&UtcOffset::UTC));
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
    let stamp = local.format(&format).unwrap_or_else(|_| at.format(&Rfc3339).unwrap_or_default());
    let offset = local.offset();
    let zone = if offset.is_utc() { "UTC".to_owned() } else { format!("UTC{offset}") };
    format!("{stamp} {zone} ({})", relative(at - now))
}

/// `2026-12-07 05:01:22`, in local time where known (the activity table's times).
pub fn stamp(at: OffsetDateTime) -> String {
    let local = at.to_offset(*LOCAL_OFFSET.get().unwrap_or(&UtcOffset::UTC));
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    local.format(&format).unwrap_or_else(|_| rfc3339(at))
}

/// `in 58 min`, `in 3 days`, `2 h ago`.
pub fn relative(delta: time::Duration) -> String {
    i18n::relative(delta).text()
}

/// Prints a message on stdout, in the user's language.
pub fn say(message: Message) {
    println!("{}", message.text());
}

/// Prints a message on stderr, in the user's language.
pub fn tell(message: Message) {
    eprintln!("{}", message.text());
}

/// RFC 3339, for JSON.
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    #[test]
    fn relative_times() {
        assert_eq!(relative(Duration::seconds(42)), "in 42 s");
        assert_eq!(relative(Duration::minutes(58)), "in 58 min");
        assert_eq!(relative(Duration::hours(5)), "in 5 h");
        assert_eq!(relative(Duration::days(181)), "in 181 days");
        assert_eq!(relative(Duration::hours(-2)), "2 h ago");
    }
}
