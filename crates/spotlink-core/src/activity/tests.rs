use std::io::Write as _;

use time::macros::{datetime, offset};
use time::OffsetDateTime;

use super::unusual::{self, Alert, Given, Rules};
use super::*;

fn record(dir: &tempfile::TempDir, bounds: Bounds) -> Record {
    Record::new(dir.path(), bounds)
}

fn token_by(name: &str, at: OffsetDateTime) -> Entry {
    Entry { time: at, ..Entry::now(Event::Token, Some("ada")) }.by(Some(Program {
        name: name.into(),
        exe: Some(format!("/usr/bin/{name}")),
        pid: Some(4242),
    }))
}

#[test]
fn entries_round_trip_in_order_and_the_file_is_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let record = record(&dir, Bounds::default());
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    let entries = [
        Entry { time: now - time::Duration::minutes(2), ..Entry::now(Event::Link, Some("ada")) },
        token_by("backup.sh", now - time::Duration::minutes(1)),
        Entry { time: now, ..Entry::now(Event::Api, Some("ada")).detail("GET /v1/me") },
    ];
    for entry in &entries {
        record.append(entry).unwrap();
    }
    let read = record.read().unwrap();
    assert_eq!(read, Read { entries: entries.to_vec(), damaged: 0 });
    let text = std::fs::read_to_string(&record.paths().current).unwrap();
    assert_eq!(text.lines().count(), 3);
    let first: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(first["event"], "token");
    assert_eq!(first["program"]["name"], "backup.sh");
    assert!(first["time"].as_str().unwrap().ends_with('Z'), "RFC 3339 in UTC: {first}");
}

#[test]
fn a_torn_or_damaged_entry_costs_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let record = record(&dir, Bounds::default());
    record.append(&Entry::now(Event::Link, Some("ada"))).unwrap();
    // A crash mid-write: half an entry, no newline.
    let mut file = std::fs::OpenOptions::new().append(true).open(&record.paths().current).unwrap();
    file.write_all(br#"{"time":"2026-12-07T05:00:00Z","ev"#).unwrap();
    record.append(&Entry::now(Event::Token, Some("ada"))).unwrap();
    // Garbage in the middle, as a disk error might leave.
    file.write_all(b"\x00\x00\xff not json\n").unwrap();
    record.append(&Entry::now(Event::Unlink, Some("ada"))).unwrap();
    let read = record.read().unwrap();
    let events: Vec<Event> = read.entries.iter().map(|e| e.event).collect();
    assert_eq!(events, [Event::Link, Event::Token, Event::Unlink]);
    assert_eq!(read.damaged, 2);
}

#[test]
fn rotation_keeps_the_size_bound_and_the_newest_entries() {
    let dir = tempfile::tempdir().unwrap();
    let bounds = Bounds { days: 90, max_bytes: 16 * 1024 };
    let record = record(&dir, bounds);
    let now = OffsetDateTime::now_utc();
    for i in 0..2000 {
        record.append(&token_by(&format!("script-{i}"), now)).unwrap();
    }
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let total = size(&record.paths().current) + size(&record.paths().previous);
    let line = serde_json::to_vec(&token_by("script-1999", now)).unwrap().len() as u64 + 1;
    assert!(total <= bounds.max_bytes + line, "{total} bytes kept, the bound is {}", bounds.max_bytes);
    let read = record.read().unwrap();
    assert_eq!(read.damaged, 0);
    assert_eq!(read.entries.last().unwrap().program.as_ref().unwrap().name, "script-1999", "the newest stays");
    let at_least = (bounds.max_bytes / 2 / line) as usize;
    assert!(read.entries.len() >= at_least, "at least half the cap's worth is kept: {}", read.entries.len());
}

#[test]
fn entries_older_than_the_days_kept_are_left_out_and_rotated_away() {
    let dir = tempfile::tempdir().unwrap();
    let record = record(&dir, Bounds { days: 10, max_bytes: 1 << 20 });
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    record.append(&token_by("old", now - time::Duration::days(12))).unwrap();
    record.append(&token_by("middle", now - time::Duration::days(6))).unwrap();
    let names = |r: &Record| -> Vec<String> {
        r.read().unwrap().entries.iter().map(|e| e.program.as_ref().unwrap().name.clone()).collect()
    };
    assert_eq!(names(&record), ["middle"], "twelve days old is past ten days");
    let on_disk = |r: &Record| {
        [&r.paths().previous, &r.paths().current].map(|p| std::fs::read_to_string(p).unwrap_or_default()).concat()
    };
    assert!(on_disk(&record).contains("\"old\""), "kept on disk until the next rotation");
    // The segment's first entry is over half the days kept old: each append rotates,
    // and the entry two rotations back is gone from the disk.
    record.append(&token_by("new", now)).unwrap();
    assert_eq!(names(&record), ["middle", "new"]);
    assert!(!on_disk(&record).contains("\"old\""));
}

#[test]
fn threads_appending_at_once_lose_and_interleave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let record = record(&dir, Bounds::default());
    std::thread::scope(|scope| {
        for t in 0..8 {
            let record = record.clone();
            scope.spawn(move || {
                for i in 0..50 {
                    let entry = token_by(&format!("t{t}-{i}"), OffsetDateTime::now_utc()).detail("x".repeat(3000));
                    record.append(&entry).unwrap();
                }
            });
        }
    });
    let read = record.read().unwrap();
    assert_eq!((read.entries.len(), read.damaged), (400, 0));
}

#[test]
fn clearing_leaves_one_entry_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let record = record(&dir, Bounds::default());
    record.append(&token_by("a", OffsetDateTime::now_utc())).unwrap();
    record.clear(&Entry::now(Event::Cleared, None)).unwrap();
    let events: Vec<Event> = record.read().unwrap().entries.iter().map(|e| e.event).collect();
    assert_eq!(events, [Event::Cleared]);
}

#[test]
fn a_record_that_does_not_exist_reads_empty() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(Record::new(&dir.path().join("nowhere"), Bounds::default()).read().unwrap(), Read::default());
}

#[test]
fn summary_counts_tokens_per_program() {
    let at = datetime!(2026-12-07 05:00 UTC);
    let entries = [
        token_by("backup.sh", at),
        token_by("backup.sh", at + time::Duration::minutes(5)),
        Entry { time: at, ..Entry::now(Event::Copy, Some("ada")).detail("tray") },
        token_by("polybar", at + time::Duration::minutes(1)),
        token_by("backup.sh", at + time::Duration::minutes(9)),
        Entry { time: at, ..Entry::now(Event::Refresh, Some("ada")) },
    ];
    let summary = summary(&entries);
    let rows: Vec<(Option<&str>, usize)> = summary.iter().map(|s| (s.program.as_deref(), s.tokens)).collect();
    assert_eq!(rows, [(Some("backup.sh"), 3), (None, 1), (Some("polybar"), 1)]);
    assert_eq!((summary[0].first, summary[0].last), (at, at + time::Duration::minutes(9)));
}

#[test]
fn filters_combine() {
    let at = datetime!(2026-12-07 05:00 UTC);
    let entries = [
        token_by("backup.sh", at),
        Entry { time: at + time::Duration::hours(1), ..Entry::now(Event::Refresh, Some("bob")) },
        token_by("polybar", at + time::Duration::hours(2)),
    ];
    let kept = |filter: Filter| entries.iter().filter(|e| filter.keeps(e)).count();
    assert_eq!(kept(Filter::default()), 3);
    assert_eq!(kept(Filter { since: Some(at + time::Duration::minutes(30)), ..Filter::default() }), 2);
    assert_eq!(kept(Filter { account: Some("bob".into()), ..Filter::default() }), 1);
    assert_eq!(kept(Filter { program: Some("polybar".into()), ..Filter::default() }), 1);
    assert_eq!(kept(Filter { program: Some("/usr/bin/backup.sh".into()), ..Filter::default() }), 1);
    assert_eq!(kept(Filter { events: vec![Event::Token], account: Some("ada".into()), ..Filter::default() }), 2);
}

#[test]
fn event_names_are_the_records() {
    for event in Event::ALL {
        assert_eq!(serde_json::to_value(event).unwrap(), event.name());
        assert_eq!(Event::from_name(event.name()), Some(event));
    }
}

mod alerts {
    use super::*;

    const RULES: Rules = Rules { tokens_per_minute: 5 };

    fn at(minutes: i64) -> OffsetDateTime {
        datetime!(2026-12-07 05:00 UTC) + time::Duration::minutes(minutes)
    }

    fn on(event: Event, account: &str, minutes: i64) -> Entry {
        Entry { time: at(minutes), ..Entry::now(event, Some(account)) }
    }

    #[test]
    fn a_program_never_seen_before() {
        let entries = [token_by("backup.sh", at(0)), token_by("backup.sh", at(10)), token_by("stranger", at(20))];
        let alerts = unusual::alerts(&entries, at(5), at(30), RULES);
        assert_eq!(alerts.len(), 1, "{alerts:?}");
        assert!(matches!(&alerts[0], Alert::NewProgram { program, .. } if program.name == "stranger"));
        // Looked at after it: nothing new.
        assert!(unusual::alerts(&entries, at(25), at(30), RULES).is_empty());
    }

    #[test]
    fn too_many_tokens_in_a_minute() {
        let burst: Vec<Entry> = (0..6).map(|i| token_by("loop.sh", at(0) + time::Duration::seconds(i * 10))).collect();
        let alerts = unusual::alerts(&burst, at(-1), at(2), RULES);
        assert!(alerts.contains(&Alert::Burst { count: 6, limit: 5 }), "{alerts:?}");
        // Six within seventy seconds is no more than five in any minute.
        let spread: Vec<Entry> = (0..6).map(|i| token_by("loop.sh", at(0) + time::Duration::seconds(i * 14))).collect();
        assert!(!unusual::alerts(&spread, at(-1), at(2), RULES).iter().any(|a| matches!(a, Alert::Burst { .. })));
    }

    #[test]
    fn spotify_refusing_a_link_that_worked() {
        let worked = [on(Event::Link, "ada", 0), on(Event::Refresh, "ada", 60), on(Event::RefreshRefused, "ada", 120)];
        assert!(
            matches!(&unusual::alerts(&worked, at(90), at(121), RULES)[..], [Alert::Refused { account, .. }] if account == "ada")
        );
        // Refused again later: it did not work in between, nothing new to say.
        let again =
            [on(Event::Link, "ada", 0), on(Event::RefreshRefused, "ada", 60), on(Event::RefreshRefused, "ada", 120)];
        assert!(unusual::alerts(&again, at(90), at(121), RULES).is_empty());
    }

    #[test]
    fn refreshes_failing_for_more_than_an_hour() {
        let failing = [
            on(Event::Refresh, "ada", 0),
            on(Event::RefreshFailed, "ada", 10),
            on(Event::RefreshFailed, "ada", 40),
            on(Event::RefreshFailed, "ada", 75),
        ];
        assert!(
            matches!(&unusual::alerts(&failing, at(70), at(76), RULES)[..], [Alert::Failing { since, .. }] if *since == at(10))
        );
        // Forty minutes of failures are not yet unusual; a success ends the run.
        assert!(unusual::alerts(&failing[..3], at(30), at(41), RULES).is_empty());
        let recovered = [&failing[..], &[on(Event::Refresh, "ada", 80)]].concat();
        assert!(unusual::alerts(&recovered, at(78), at(81), RULES).is_empty());
    }

    #[test]
    fn each_cause_once_a_day() {
        let mut given = Given::default();
        let alert = Alert::Burst { count: 9, limit: 5 };
        assert_eq!(given.take_new(vec![alert.clone()], at(0)).len(), 1);
        assert!(given.take_new(vec![alert.clone()], at(60)).is_empty(), "the same day");
        assert_eq!(given.take_new(vec![alert], at(24 * 60)).len(), 1, "the next day");
        assert_eq!(given.looked_at, Some(at(24 * 60)));
    }

    #[test]
    fn a_day_is_the_users_day() {
        let alert = Alert::Burst { count: 9, limit: 5 };
        // How many of two alerts an hour apart, from `first` (UTC), are told at `offset`.
        let told = |first: OffsetDateTime, offset| {
            let mut given = Given::default();
            let mut count = given.take_new(vec![alert.clone()], first.to_offset(offset)).len();
            count += given.take_new(vec![alert.clone()], (first + time::Duration::HOUR).to_offset(offset)).len();
            count
        };
        let before_midnight_utc = datetime!(2026-12-07 23:30 UTC);
        assert_eq!(told(before_midnight_utc, offset!(UTC)), 2, "23:30 and 00:30: two days");
        assert_eq!(told(before_midnight_utc, offset!(-5)), 1, "New York: 18:30 and 19:30, one evening");
        let before_midnight_in_moscow = datetime!(2026-12-07 20:30 UTC);
        assert_eq!(told(before_midnight_in_moscow, offset!(UTC)), 1, "20:30 and 21:30: one day");
        assert_eq!(told(before_midnight_in_moscow, offset!(+3)), 2, "Moscow: 23:30 and 00:30, two days");
    }
}
