//! The activity record: what happened to the links and who took a token, kept on this
//! computer so the user can see it (`spotlink activity`, the window's Activity view) and
//! be told when something looks wrong ([`unusual`]).
//!
//! The engine writes every entry, so the CLI, the window and the tray record the same
//! way. An entry never holds a token, a code, a verifier or any part of one: only what
//! happened, to which account, when, and which program asked.
//!
//! Storage ([`Record`]): JSON Lines in the data directory, appended under a lock file,
//! in two segments that rotate (docs/engine.md, "Activity", says why not SQLite).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub mod program;
mod record;
pub mod unusual;

pub use program::Program;
pub use record::{Bounds, Read, Record, RecordError};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    /// An account was linked for the first time on this computer.
    Link,
    /// An account already linked was linked again (other scopes, or a renewed link).
    Relink,
    /// An account was unlinked here.
    Unlink,
    /// Another account became the active one.
    Switch,
    /// The access token was renewed (`detail`: `renewed`, or `rotated` when Spotify
    /// also sent a new refresh token).
    Refresh,
    /// Spotify refused the link when renewing it (`detail`: its reason): it needs relinking.
    RefreshRefused,
    /// Renewing failed for another reason (`detail`: its kind, such as `network`,
    /// `timeout`, `rate_limited` or `keychain_unavailable`).
    RefreshFailed,
    /// `spotlink token` handed out the access token.
    Token,
    /// `spotlink api` called the Web API with it (`detail`: method and path).
    Api,
    /// The token was copied to the clipboard (`detail`: `window` or `tray`).
    Copy,
    /// The copied token was cleared from the clipboard again.
    ClipboardCleared,
    /// A reminder about the link's end was shown (`detail`: how long is left).
    Reminder,
    /// The computer woke up and the app renewed the token.
    Wake,
    /// The record was cleared (the one entry a cleared record starts with).
    Cleared,
}

impl Event {
    /// Every event, in the order the filters list them.
    pub const ALL: [Event; 14] = [
        Event::Link,
        Event::Relink,
        Event::Unlink,
        Event::Switch,
        Event::Refresh,
        Event::RefreshRefused,
        Event::RefreshFailed,
        Event::Token,
        Event::Api,
        Event::Copy,
        Event::ClipboardCleared,
        Event::Reminder,
        Event::Wake,
        Event::Cleared,
    ];

    /// The name in the record and on the command line (`refresh-failed`).
    pub fn name(self) -> &'static str {
        match self {
            Event::Link => "link",
            Event::Relink => "relink",
            Event::Unlink => "unlink",
            Event::Switch => "switch",
            Event::Refresh => "refresh",
            Event::RefreshRefused => "refresh-refused",
            Event::RefreshFailed => "refresh-failed",
            Event::Token => "token",
            Event::Api => "api",
            Event::Copy => "copy",
            Event::ClipboardCleared => "clipboard-cleared",
            Event::Reminder => "reminder",
            Event::Wake => "wake",
            Event::Cleared => "cleared",
        }
    }

    /// The event named `name`, as [`Event::name`] spells it.
    pub fn from_name(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.name() == name)
    }

    /// Whether a token left SpotLink: to a program, or to the clipboard.
    pub fn hands_out_token(self) -> bool {
        matches!(self, Event::Token | Event::Api | Event::Copy)
    }

    /// Whether this is a refusal or a failure (the window lists them on their own).
    pub fn is_trouble(self) -> bool {
        matches!(self, Event::RefreshRefused | Event::RefreshFailed)
    }
}

/// One entry of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(with = "time::serde::rfc3339")]
    pub time: OffsetDateTime,
    pub event: Event,
    /// The Spotify account id it concerns, where one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The program that asked, where one did and it could be told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<Program>,
    /// What else there is to say, in the event's own terms (see [`Event`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Entry {
    /// An entry about `account` at this moment.
    pub fn now(event: Event, account: Option<&str>) -> Self {
        Self {
            time: OffsetDateTime::now_utc(),
            event,
            account: account.map(str::to_owned),
            program: None,
            detail: None,
        }
    }

    pub fn by(mut self, program: Option<Program>) -> Self {
        self.program = program;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// Where the record lives in the data directory.
pub fn paths(data_dir: &std::path::Path) -> RecordPaths {
    RecordPaths {
        current: data_dir.join("activity.jsonl"),
        previous: data_dir.join("activity.1.jsonl"),
        lock: data_dir.join("activity.lock"),
    }
}

/// The record's files: the segment appended to, the one before it, and the lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPaths {
    pub current: PathBuf,
    pub previous: PathBuf,
    pub lock: PathBuf,
}

/// Per-program counts of tokens handed out (`spotlink activity --summary`, the window).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramSummary {
    /// The program's name; `None` for tokens copied in the window or the tray.
    pub program: Option<String>,
    pub exe: Option<String>,
    pub tokens: usize,
    #[serde(with = "time::serde::rfc3339")]
    pub first: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub last: OffsetDateTime,
}

/// How many tokens each program took in `entries`, most first (then by name).
pub fn summary(entries: &[Entry]) -> Vec<ProgramSummary> {
    let mut by_program: Vec<ProgramSummary> = Vec::new();
    for entry in entries.iter().filter(|e| e.event.hands_out_token()) {
        let (name, exe) = match &entry.program {
            Some(p) => (Some(p.name.clone()), p.exe.clone()),
            None => (None, None),
        };
        match by_program.iter_mut().find(|s| s.program == name && s.exe == exe) {
            Some(seen) => {
                seen.tokens += 1;
                seen.first = seen.first.min(entry.time);
                seen.last = seen.last.max(entry.time);
            }
            None => {
                by_program.push(ProgramSummary { program: name, exe, tokens: 1, first: entry.time, last: entry.time })
            }
        }
    }
    by_program.sort_by(|a, b| b.tokens.cmp(&a.tokens).then_with(|| a.program.cmp(&b.program)));
    by_program
}

/// Which entries to show (`spotlink activity`'s options, the window's filters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub since: Option<OffsetDateTime>,
    pub account: Option<String>,
    /// A program's name, or its path.
    pub program: Option<String>,
    pub events: Vec<Event>,
}

impl Filter {
    pub fn keeps(&self, entry: &Entry) -> bool {
        self.since.is_none_or(|since| entry.time >= since)
            && self.account.as_ref().is_none_or(|a| entry.account.as_ref() == Some(a))
            && self.program.as_ref().is_none_or(|wanted| {
                entry.program.as_ref().is_some_and(|p| p.name == *wanted || p.exe.as_ref() == Some(wanted))
            })
            && (self.events.is_empty() || self.events.contains(&entry.event))
    }
}

#[cfg(test)]
mod tests;
