//! `activity`, `clear_activity`: the engine's activity record as the window's Activity
//! view shows it (docs/ui.md, "Activity"). The engine reads, filters ([`Filter::keeps`])
//! and counts per program ([`activity::summary`]); this only turns the window's choices
//! into a [`Filter`], orders what is kept newest first and names the accounts the app
//! knows. An entry reaches the web view field by field ([`EntryView`]): the record holds
//! no token, and nothing added to it later reaches the window unless named here.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use spotlink_core::activity::{self, Entry, Event, Filter, ProgramSummary, Read, RecordError};
use spotlink_core::msg;
use tauri::AppHandle;
use time::{Duration, OffsetDateTime};

use crate::error::{ErrorView, Kind};
use crate::state::shell;
use crate::view::Model;

/// How many entries the window gets unless it asks for more ("Show more").
const DEFAULT_LIMIT: usize = 200;
/// The most it may ask for at once: a full record (4 MiB) holds tens of thousands.
const MAX_LIMIT: usize = 5_000;

/// How far back the window looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Since {
    Hour,
    Day,
    Week,
    /// Everything the record keeps (its days, [`spotlink_core::activity::Bounds`]).
    #[default]
    All,
}

impl Since {
    fn start(self, now: OffsetDateTime) -> Option<OffsetDateTime> {
        let back = match self {
            Since::Hour => Duration::hours(1),
            Since::Day => Duration::days(1),
            Since::Week => Duration::weeks(1),
            Since::All => return None,
        };
        Some(now - back)
    }
}

/// The window's filters (`activity {filter}`), each optional: `{since: "hour" | "day" |
/// "week" | "all", account: id | null, program: name | null, events: ["token", …]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct FilterArgs {
    pub since: Since,
    /// A Spotify user id.
    pub account: Option<String>,
    /// A program's name (or its executable's path).
    pub program: Option<String>,
    /// The events shown; none: every event.
    pub events: Vec<Event>,
}

impl FilterArgs {
    /// The engine's filter for these choices at `now` (an empty choice is none).
    fn at(&self, now: OffsetDateTime) -> Filter {
        let chosen = |s: &Option<String>| s.clone().filter(|s| !s.is_empty());
        Filter {
            since: self.since.start(now),
            account: chosen(&self.account),
            program: chosen(&self.program),
            events: self.events.clone(),
        }
    }
}

/// What the Activity view shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityView {
    /// The entries the filters keep, newest first; the newest `limit` of them.
    pub entries: Vec<EntryView>,
    /// How many entries the filters keep (`entries` may hold fewer).
    pub matched: usize,
    /// How many entries the record holds (within the days it keeps).
    pub total: usize,
    /// Tokens handed out per program among the entries kept, most first; `program` null:
    /// copied to the clipboard from the window or the tray.
    pub programs: Vec<ProgramSummary>,
    /// The refusals and failures among the entries kept, newest first (the newest `limit`).
    pub trouble: Vec<EntryView>,
    /// How many refusals and failures the filters keep.
    pub trouble_count: usize,
    /// Lines of the record that could not be read (each a torn or damaged entry).
    pub damaged: usize,
    /// Every account the record names (for the account filter), with its name where the
    /// app knows it (a linked account's display name).
    pub accounts: Vec<AccountName>,
    /// Every program the record names (for the program filter), by name.
    pub program_names: Vec<String>,
    /// How many days the record keeps.
    pub days: u32,
}

/// One entry of the record, as the window gets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryView {
    #[serde(with = "time::serde::rfc3339")]
    pub time: OffsetDateTime,
    pub event: Event,
    pub account: Option<String>,
    pub program: Option<ProgramView>,
    pub detail: Option<String>,
}

/// The program that asked: its name, executable and process id, where known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramView {
    pub name: String,
    pub exe: Option<String>,
    pub pid: Option<u32>,
}

impl From<&Entry> for EntryView {
    fn from(entry: &Entry) -> Self {
        Self {
            time: entry.time,
            event: entry.event,
            account: entry.account.clone(),
            program: entry.program.as_ref().map(|p| ProgramView {
                name: p.name.clone(),
                exe: p.exe.clone(),
                pid: p.pid,
            }),
            detail: entry.detail.clone(),
        }
    }
}

/// An account the record names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountName {
    pub id: String,
    /// Its display name, where the app knows one.
    pub name: Option<String>,
}

/// The activity record through the window's filters (`filter`; none: everything kept),
/// the newest `limit` entries (200 unless asked). Answers a request to show the view
/// ([`crate::window::show_activity`]): the window is showing it now.
#[tauri::command]
pub async fn activity(
    app: AppHandle,
    filter: Option<FilterArgs>,
    limit: Option<usize>,
) -> Result<ActivityView, ErrorView> {
    let shell = shell(&app);
    if shell.read(|inner| inner.model.show_activity) {
        shell.update(|inner| inner.model.show_activity = false);
    }
    let engine = shell.engine();
    let days = engine.activity().bounds().days;
    let read = blocking(move || engine.read_activity()).await?;
    let names = shell.read(|inner| known_names(&inner.model));
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    Ok(build(read, &filter.unwrap_or_default(), limit, OffsetDateTime::now_utc(), &names, days))
}

/// Empties the record (it then holds one entry saying so) and returns the view of it,
/// unfiltered: there is nothing left to filter.
#[tauri::command]
pub async fn clear_activity(app: AppHandle) -> Result<ActivityView, ErrorView> {
    let engine = shell(&app).engine();
    blocking(move || engine.clear_activity()).await?;
    tracing::info!("activity record cleared from the window");
    activity(app, None, None).await
}

/// Runs a record operation (file I/O, and waiting up to 3 s for another process's lock)
/// off the async runtime.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, RecordError> + Send + 'static,
) -> Result<T, ErrorView> {
    let title = || msg!("app-error-activity-title");
    match tauri::async_runtime::spawn_blocking(work).await {
        Ok(Ok(done)) => Ok(done),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "cannot use the activity record");
            Err(ErrorView::titled(Kind::Other, title(), e.message().text()))
        }
        Err(e) => Err(ErrorView::titled(Kind::Other, title(), e.to_string())),
    }
}

/// The display names of the linked accounts, by id.
fn known_names(model: &Model) -> BTreeMap<String, String> {
    let active = model.link.iter().filter_map(|l| {
        let account = &l.record.account;
        account.display_name.clone().map(|name| (account.id.clone(), name))
    });
    let others = model.others.iter().filter_map(|o| {
        let name = o.link.as_ref().and_then(|l| l.record.account.display_name.clone());
        name.or_else(|| o.account.display_name.clone()).map(|name| (o.account.id.clone(), name))
    });
    active.chain(others).filter(|(_, name)| !name.is_empty()).collect()
}

/// The view of `read` through `filter` at `now`: the newest `limit` entries kept, the
/// counts per program and the refusals and failures among them, and the choices the
/// filters offer (from the whole record).
pub fn build(
    read: Read,
    filter: &FilterArgs,
    limit: usize,
    now: OffsetDateTime,
    names: &BTreeMap<String, String>,
    days: u32,
) -> ActivityView {
    let total = read.entries.len();
    let account_ids: BTreeSet<&str> = read.entries.iter().filter_map(|e| e.account.as_deref()).collect();
    let accounts =
        account_ids.into_iter().map(|id| AccountName { id: id.to_owned(), name: names.get(id).cloned() }).collect();
    let program_names: BTreeSet<&str> =
        read.entries.iter().filter_map(|e| e.program.as_ref()).map(|p| p.name.as_str()).collect();
    let program_names = program_names.into_iter().map(str::to_owned).collect();

    let filter = filter.at(now);
    let kept: Vec<Entry> = read.entries.iter().filter(|e| filter.keeps(e)).cloned().collect();
    let trouble: Vec<&Entry> = kept.iter().rev().filter(|e| e.event.is_trouble()).collect();
    ActivityView {
        entries: kept.iter().rev().take(limit).map(EntryView::from).collect(),
        matched: kept.len(),
        total,
        programs: activity::summary(&kept),
        trouble_count: trouble.len(),
        trouble: trouble.into_iter().take(limit).map(EntryView::from).collect(),
        damaged: read.damaged,
        accounts,
        program_names,
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spotlink_core::activity::Program;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-07 12:00 UTC);

    fn entry(minutes_ago: i64, event: Event, account: Option<&str>, program: Option<&str>) -> Entry {
        Entry {
            time: NOW - Duration::minutes(minutes_ago),
            event,
            account: account.map(str::to_owned),
            program: program.map(|name| Program {
                name: name.into(),
                exe: Some("/usr/bin/dash".into()),
                pid: Some(42),
            }),
            detail: None,
        }
    }

    /// Oldest first, as the engine reads it.
    fn record() -> Read {
        let mut entries = vec![
            entry(3 * 24 * 60, Event::Link, Some("ada"), None).detail("user-read-email streaming"),
            entry(2 * 24 * 60, Event::Token, Some("ada"), Some("backup.sh")),
            entry(300, Event::RefreshFailed, Some("ada"), None).detail("network unreachable"),
            entry(120, Event::Token, Some("ada"), Some("backup.sh")),
            entry(90, Event::Copy, Some("ada"), None).detail("window"),
            entry(30, Event::RefreshRefused, Some("bob"), None).detail("invalid_grant"),
            entry(10, Event::Token, Some("bob"), Some("cron-sync")),
        ];
        entries.sort_by_key(|e| e.time);
        Read { entries, damaged: 1 }
    }

    fn names() -> BTreeMap<String, String> {
        BTreeMap::from([("ada".to_owned(), "Ada".to_owned())])
    }

    fn events(view: &ActivityView) -> Vec<Event> {
        view.entries.iter().map(|e| e.event).collect()
    }

    #[test]
    fn everything_kept_newest_first_with_counts_trouble_and_choices() {
        let view = build(record(), &FilterArgs::default(), 200, NOW, &names(), 90);
        assert_eq!(
            events(&view),
            [
                Event::Token,
                Event::RefreshRefused,
                Event::Copy,
                Event::Token,
                Event::RefreshFailed,
                Event::Token,
                Event::Link
            ]
        );
        assert_eq!((view.matched, view.total, view.damaged, view.days), (7, 7, 1, 90));
        let programs: Vec<_> = view.programs.iter().map(|p| (p.program.as_deref(), p.tokens)).collect();
        assert_eq!(programs, [(Some("backup.sh"), 2), (None, 1), (Some("cron-sync"), 1)]);
        assert_eq!(view.programs[0].first, NOW - Duration::days(2));
        assert_eq!(view.programs[0].last, NOW - Duration::minutes(120));
        let trouble: Vec<_> = view.trouble.iter().map(|e| e.event).collect();
        assert_eq!(trouble, [Event::RefreshRefused, Event::RefreshFailed]);
        assert_eq!(view.trouble_count, 2);
        assert_eq!(
            view.accounts,
            [AccountName { id: "ada".into(), name: Some("Ada".into()) }, AccountName { id: "bob".into(), name: None }]
        );
        assert_eq!(view.program_names, ["backup.sh", "cron-sync"]);
    }

    #[test]
    fn each_filter_narrows_what_is_shown_but_not_the_choices() {
        let day = FilterArgs { since: Since::Day, ..Default::default() };
        let view = build(record(), &day, 200, NOW, &names(), 90);
        assert_eq!(view.matched, 5, "the last 24 hours");
        assert_eq!(view.accounts.len(), 2, "the choices come from the whole record");
        assert_eq!(
            build(record(), &FilterArgs { since: Since::Hour, ..day.clone() }, 200, NOW, &names(), 90).matched,
            2
        );
        assert_eq!(
            build(record(), &FilterArgs { since: Since::Week, ..day.clone() }, 200, NOW, &names(), 90).matched,
            7
        );

        let bob = FilterArgs { account: Some("bob".into()), ..Default::default() };
        assert_eq!(events(&build(record(), &bob, 200, NOW, &names(), 90)), [Event::Token, Event::RefreshRefused]);

        let script = FilterArgs { program: Some("backup.sh".into()), ..Default::default() };
        let view = build(record(), &script, 200, NOW, &names(), 90);
        assert_eq!(events(&view), [Event::Token, Event::Token]);
        assert_eq!(view.programs.len(), 1);
        assert_eq!(view.trouble_count, 0);

        let tokens = FilterArgs { events: vec![Event::Token, Event::Api, Event::Copy], ..Default::default() };
        let view = build(record(), &tokens, 200, NOW, &names(), 90);
        assert_eq!(events(&view), [Event::Token, Event::Copy, Event::Token, Event::Token]);
        assert!(view.trouble.is_empty());

        let empty_choices =
            FilterArgs { account: Some(String::new()), program: Some(String::new()), ..Default::default() };
        assert_eq!(build(record(), &empty_choices, 200, NOW, &names(), 90).matched, 7, "an empty choice is none");
    }

    #[test]
    fn the_newest_limit_are_sent_and_the_rest_counted() {
        let view = build(record(), &FilterArgs::default(), 3, NOW, &names(), 90);
        assert_eq!(events(&view), [Event::Token, Event::RefreshRefused, Event::Copy]);
        assert_eq!(view.matched, 7);
        let view = build(record(), &FilterArgs::default(), 1, NOW, &names(), 90);
        assert_eq!(view.trouble.len(), 1);
        assert_eq!(view.trouble_count, 2);
    }

    #[test]
    fn filters_come_from_the_window_as_json() {
        let filter: FilterArgs = serde_json::from_value(serde_json::json!({
            "since": "day", "account": null, "program": "backup.sh", "events": ["refresh-refused", "refresh-failed"]
        }))
        .unwrap();
        assert_eq!(filter.since, Since::Day);
        assert_eq!(filter.program.as_deref(), Some("backup.sh"));
        assert_eq!(filter.events, [Event::RefreshRefused, Event::RefreshFailed]);
        assert_eq!(serde_json::from_value::<FilterArgs>(serde_json::json!({})).unwrap(), FilterArgs::default());
        assert!(serde_json::from_value::<FilterArgs>(serde_json::json!({"events": ["steal"]})).is_err());
        assert!(serde_json::from_value::<FilterArgs>(serde_json::json!({"since": "year"})).is_err());
    }

    #[test]
    fn an_entry_reaches_the_window_with_the_records_fields_only() {
        let view = build(record(), &FilterArgs::default(), 200, NOW, &names(), 90);
        let json = serde_json::to_value(&view).unwrap();
        let token = &json["entries"][0];
        let mut keys: Vec<&str> = token.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["account", "detail", "event", "program", "time"]);
        assert_eq!(token["time"], "2026-12-07T11:50:00Z");
        assert_eq!(token["event"], "token");
        assert_eq!(token["program"], serde_json::json!({"name": "cron-sync", "exe": "/usr/bin/dash", "pid": 42}));
        assert_eq!(json["entries"][1]["event"], "refresh-refused");
        assert_eq!(
            json["programs"][1],
            serde_json::json!({
                "program": null, "exe": null, "tokens": 1, "first": "2026-12-07T10:30:00Z", "last": "2026-12-07T10:30:00Z"
            })
        );
    }
}
