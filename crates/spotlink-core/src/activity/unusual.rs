//! Unusual activity: what in the record deserves a notification, each cause at most
//! once a day.
//!
//! - A program that has never taken a token before takes one.
//! - More than [`Rules::tokens_per_minute`] tokens are taken within a minute.
//! - Spotify refuses a link that worked (the account's last refresh before the refusal
//!   succeeded, or it was linked).
//! - Renewing an account's token has been failing for more than an hour.
//!
//! Only entries since the last look (`since`) raise alerts, so starting the app does not
//! report what happened weeks ago; the whole record is the history they are judged by.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Entry, Event, Program};
use crate::i18n::{self, Message};
use crate::msg;

/// How long refreshes must keep failing before it is unusual.
pub const FAILING_FOR: time::Duration = time::Duration::hours(1);

/// The thresholds (the config file's `alert_tokens_per_minute`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub tokens_per_minute: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Self { tokens_per_minute: 30 }
    }
}

/// Something unusual, with what a notification says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cause", rename_all = "kebab-case")]
pub enum Alert {
    /// `program` took a token for the first time (for `account`).
    NewProgram { program: Program, account: Option<String> },
    /// `count` tokens were taken within a minute, more than the rules allow.
    Burst { count: usize, limit: u32 },
    /// Spotify refused `account`'s link, which worked before.
    Refused { account: String, reason: Option<String> },
    /// Renewing `account`'s token has failed since `since`.
    Failing {
        account: String,
        #[serde(with = "time::serde::rfc3339")]
        since: OffsetDateTime,
    },
}

impl Alert {
    /// What makes two alerts the same cause: at most one notification per cause and day.
    pub fn cause(&self) -> String {
        match self {
            Alert::NewProgram { program, .. } => {
                format!("new-program:{}:{}", program.name, program.exe.as_deref().unwrap_or_default())
            }
            Alert::Burst { .. } => "burst".to_owned(),
            Alert::Refused { account, .. } => format!("refused:{account}"),
            Alert::Failing { account, .. } => format!("failing:{account}"),
        }
    }
}

impl Alert {
    /// The notification's title.
    pub fn title(&self) -> Message {
        match self {
            Alert::NewProgram { .. } => msg!("notify-alert-new-program-title"),
            Alert::Burst { .. } => msg!("notify-alert-burst-title"),
            Alert::Refused { .. } => msg!("notify-alert-refused-title"),
            Alert::Failing { .. } => msg!("notify-alert-failing-title"),
        }
    }

    /// The notification's text; `name` gives an account id's name as shown.
    pub fn body(&self, name: impl Fn(&str) -> String, now: OffsetDateTime) -> Message {
        match self {
            Alert::NewProgram { program, account } => msg!(
                "notify-alert-new-program-body",
                program = &program.name,
                path = program.exe.as_deref().unwrap_or(&program.name),
                account = account.as_deref().map(&name).unwrap_or_default()
            ),
            Alert::Burst { count, limit } => msg!("notify-alert-burst-body", count = *count, limit = *limit),
            Alert::Refused { account, reason } => msg!(
                "notify-alert-refused-body",
                account = name(account),
                reason = Message::verbatim(reason.clone().unwrap_or_default())
            ),
            Alert::Failing { account, since } => {
                msg!("notify-alert-failing-body", account = name(account), ago = i18n::relative(*since - now))
            }
        }
    }
}

/// The alerts raised by entries after `since`, judged against the whole record
/// (`entries`, oldest first), as of `now`.
pub fn alerts(entries: &[Entry], since: OffsetDateTime, now: OffsetDateTime, rules: Rules) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let mut seen: Vec<&Program> = Vec::new();
    for entry in entries.iter().filter(|e| e.event.hands_out_token()) {
        let Some(program) = &entry.program else { continue };
        if seen.iter().any(|p| p.same_as(program)) {
            continue;
        }
        seen.push(program);
        if entry.time > since {
            alerts.push(Alert::NewProgram { program: program.clone(), account: entry.account.clone() });
        }
    }

    // The most tokens in any minute that ended after `since`.
    let handed: Vec<OffsetDateTime> = entries.iter().filter(|e| e.event.hands_out_token()).map(|e| e.time).collect();
    let mut most = 0;
    let mut start = 0;
    for (end, time) in handed.iter().enumerate() {
        while *time - handed[start] >= time::Duration::MINUTE {
            start += 1;
        }
        if *time > since {
            most = most.max(end - start + 1);
        }
    }
    if most > rules.tokens_per_minute as usize {
        alerts.push(Alert::Burst { count: most, limit: rules.tokens_per_minute });
    }

    let mut accounts: Vec<&str> = entries.iter().filter_map(|e| e.account.as_deref()).collect();
    accounts.sort_unstable();
    accounts.dedup();
    for account in accounts {
        let history: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.account.as_deref() == Some(account))
            .filter(|e| matches!(e.event, Event::Link | Event::Relink | Event::Refresh) || e.event.is_trouble())
            .collect();
        for (i, entry) in history.iter().enumerate() {
            if entry.event == Event::RefreshRefused && entry.time > since {
                let worked = history[..i].iter().rev().find(|e| e.event != Event::RefreshFailed);
                if worked.is_some_and(|e| !e.event.is_trouble()) {
                    alerts.push(Alert::Refused { account: account.to_owned(), reason: entry.detail.clone() });
                }
            }
        }
        // The failures since the last success (or refusal, which is its own alert).
        let failing: Vec<&&Entry> = history.iter().rev().take_while(|e| e.event == Event::RefreshFailed).collect();
        if let (Some(first), Some(last)) = (failing.last(), failing.first()) {
            if last.time > since && now - first.time > FAILING_FOR {
                alerts.push(Alert::Failing { account: account.to_owned(), since: first.time });
            }
        }
    }
    alerts
}

/// The causes already notified, and on which day (`alerts.json` in the data directory).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Given {
    /// When the record was last looked at: alerts come only from entries after it.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub looked_at: Option<OffsetDateTime>,
    /// Cause → the day (`2026-12-07`) it was last notified, in the offset of the `now`
    /// it was told at: the app passes the user's, so a day is the user's day.
    #[serde(default)]
    pub causes: std::collections::BTreeMap<String, String>,
}

impl Given {
    /// Of `alerts`, those not notified today, noting them as notified now.
    pub fn take_new(&mut self, alerts: Vec<Alert>, now: OffsetDateTime) -> Vec<Alert> {
        let today = now.date().to_string();
        self.causes.retain(|_, day| *day == today);
        let mut fresh = Vec::new();
        for alert in alerts {
            if self.causes.insert(alert.cause(), today.clone()).is_none() {
                fresh.push(alert);
            }
        }
        self.looked_at = Some(now);
        fresh
    }
}
