//! The activity record's costs (scripts/bench-activity; results in docs/bench/activity.md):
//! 10,000 appends through `Record::append` (lock, torn-line check, rotation check, one
//! write) beside the floor of 10,000 plain appending writes of the same lines to a file
//! in the same directory; then 100,000 entries with the default bounds: the bytes kept
//! on disk, the entries kept, and the time to read them all back.

use std::io::Write as _;
use std::time::{Duration, Instant};

use spotlink_core::activity::{Bounds, Entry, Event, Program, Record};

fn entry(i: usize) -> Entry {
    Entry::now(Event::Token, Some("31l5ahlkxmpj7qg3yvbrhyfthk4e")).by(Some(Program {
        name: format!("nightly-backup-{}.sh", i % 7),
        exe: Some("/usr/bin/dash".into()),
        pid: Some(40_000 + (i % 1000) as u32),
    }))
}

fn per_op(total: Duration, n: usize) -> String {
    format!("{:.1} µs", total.as_secs_f64() * 1e6 / n as f64)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let runs: usize = std::env::var("BENCH_APPENDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);

    // The floor: the same lines, one write each to a file opened for appending.
    let lines: Vec<Vec<u8>> = (0..runs)
        .map(|i| {
            let mut line = serde_json::to_vec(&entry(i)).unwrap();
            line.push(b'\n');
            line
        })
        .collect();
    let plain = dir.path().join("plain.jsonl");
    let started = Instant::now();
    for line in &lines {
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&plain).unwrap();
        file.write_all(line).unwrap();
    }
    let floor = started.elapsed();

    let record = Record::new(&dir.path().join("record"), Bounds::default());
    let started = Instant::now();
    for i in 0..runs {
        record.append(&entry(i)).unwrap();
    }
    let appends = started.elapsed();

    println!("| what | time | per entry |");
    println!("|---|---|---|");
    println!(
        "| {runs} appends, `Record::append` | {:.0} ms | {} |",
        appends.as_secs_f64() * 1e3,
        per_op(appends, runs)
    );
    println!(
        "| {runs} plain appending writes (the floor) | {:.0} ms | {} |",
        floor.as_secs_f64() * 1e3,
        per_op(floor, runs)
    );
    println!();

    let big = Record::new(&dir.path().join("big"), Bounds::default());
    let total = 100_000;
    for i in 0..total {
        big.append(&entry(i)).unwrap();
    }
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let bytes = size(&big.paths().current) + size(&big.paths().previous);
    let started = Instant::now();
    let read = big.read().unwrap();
    let reading = started.elapsed();
    let line = serde_json::to_vec(&entry(0)).unwrap().len() + 1;
    println!(
        "After {total} entries with the default bounds ({} days, {} KiB): {bytes} bytes on disk \
         ({:.2} MiB) in two segments, {} entries kept (the newest; {line} bytes each), read back in {:.1} ms.",
        Bounds::default().days,
        Bounds::default().max_bytes / 1024,
        bytes as f64 / 1024.0 / 1024.0,
        read.entries.len(),
        reading.as_secs_f64() * 1e3
    );
}
