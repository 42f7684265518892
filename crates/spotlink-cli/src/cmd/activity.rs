//! `spotlink activity`: the activity record — what happened to the links and which
//! programs took a token — as a table, as JSON, or per program; and clearing it.

use std::process::ExitCode;

use spotlink_core::activity::{self, Entry, Event, Filter};
use spotlink_core::i18n::Message;
use spotlink_core::{msg, Error};
use time::OffsetDateTime;

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Only entries since then: a duration back from now (30m, 12h, 7d, 2w) or a time
    /// (2026-12-01, 2026-12-01T08:00:00Z).
    #[arg(long, value_name = "DURATION|TIME", value_parser = parse_since)]
    since: Option<OffsetDateTime>,
    /// Only entries about this account (its Spotify user id, or a linked account's
    /// display name).
    #[arg(long, value_name = "ACCOUNT")]
    account: Option<String>,
    /// Only tokens taken by this program (its name, or its executable's path).
    #[arg(long, value_name = "NAME|PATH")]
    program: Option<String>,
    /// Only these events, comma separated: link, relink, unlink, switch, refresh,
    /// refresh-refused, refresh-failed, token, api, copy, clipboard-cleared, reminder,
    /// wake, cleared.
    #[arg(long, value_name = "EVENT,...", value_delimiter = ',', value_parser = parse_event)]
    event: Vec<Event>,
    /// How many tokens each program took, with when it first and last took one.
    #[arg(long)]
    summary: bool,
    /// Print the entries (or, with --summary, the programs) as a JSON array.
    #[arg(long)]
    json: bool,
    /// Empty the record; it then holds one entry that says so.
    #[arg(long, conflicts_with_all = ["since", "account", "program", "event", "summary", "json"])]
    clear: bool,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = super::engine()?;
    if options.clear {
        engine.clear_activity()?;
        output::say(msg!("cli-activity-cleared", path = engine.activity().paths().current.display().to_string()));
        return Ok(ExitCode::SUCCESS);
    }
    let read = engine.read_activity()?;
    if read.damaged > 0 {
        output::tell(msg!(
            "cli-activity-damaged",
            count = read.damaged,
            path = engine.activity().paths().current.display().to_string()
        ));
    }
    let account = options.account.map(|asked| engine.recorded_account(&asked));
    let filter = Filter { since: options.since, account, program: options.program, events: options.event };
    let entries: Vec<Entry> = read.entries.into_iter().filter(|e| filter.keeps(e)).collect();
    if options.summary {
        let summary = activity::summary(&entries);
        if options.json {
            println!("{}", serde_json::to_string_pretty(&summary).unwrap_or_default());
        } else if summary.is_empty() {
            output::say(msg!("cli-activity-no-tokens"));
        } else {
            let header = [
                msg!("cli-activity-column-program"),
                msg!("cli-activity-column-tokens"),
                msg!("cli-activity-column-first"),
                msg!("cli-activity-column-last"),
            ];
            let rows = summary.iter().map(|s| {
                let program = s.program.clone().unwrap_or_else(|| msg!("cli-activity-clipboard").text());
                vec![program, s.tokens.to_string(), output::stamp(s.first), output::stamp(s.last)]
            });
            print_table(&header, rows.collect());
        }
        return Ok(ExitCode::SUCCESS);
    }
    if options.json {
        println!("{}", serde_json::to_string_pretty(&entries).unwrap_or_default());
    } else if entries.is_empty() {
        output::say(if filter == Filter::default() {
            msg!("cli-activity-empty")
        } else {
            msg!("cli-activity-none-match")
        });
    } else {
        let header = [
            msg!("cli-activity-column-time"),
            msg!("cli-activity-column-event"),
            msg!("cli-activity-column-account"),
            msg!("cli-activity-column-program"),
            msg!("cli-activity-column-detail"),
        ];
        // The record keeps ids; a linked account shows by its name (`--json` keeps ids).
        let names = engine.account_names();
        let rows = entries.iter().map(|e| {
            let account = e.account.as_ref().map(|id| names.get(id).unwrap_or(id).clone());
            vec![
                output::stamp(e.time),
                event_words(e.event).text(),
                account.unwrap_or_default(),
                e.program.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                e.detail.as_deref().map(|d| msg!("cli-activity-detail", detail = d).text()).unwrap_or_default(),
            ]
        });
        print_table(&header, rows.collect());
    }
    Ok(ExitCode::SUCCESS)
}

/// The event in the user's words.
fn event_words(event: Event) -> Message {
    msg!("cli-activity-event", event = event.name())
}

/// Prints `rows` under `header`, columns aligned; on a terminal, the last column is cut
/// to its width (with `…`), so every entry keeps to one line.
fn print_table(header: &[Message], rows: Vec<Vec<String>>) {
    let header: Vec<String> = header.iter().map(Message::text).collect();
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let terminal = terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0));
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == columns {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        let out = out.trim_end().to_owned();
        match terminal {
            Some(width) if out.chars().count() > width && width > 1 => {
                out.chars().take(width - 1).chain(std::iter::once('…')).collect()
            }
            _ => out,
        }
    };
    println!("{}", line(&header));
    for row in &rows {
        println!("{}", line(row));
    }
}

/// `--since`: `30m`, `12h`, `7d`, `2w`, `45s` back from now, or an RFC 3339 time, or a
/// date (midnight UTC).
fn parse_since(value: &str) -> Result<OffsetDateTime, String> {
    let value = value.trim();
    let now = OffsetDateTime::now_utc();
    if let Some(unit) = value.chars().last().filter(char::is_ascii_alphabetic) {
        if let Ok(count) = value[..value.len() - 1].parse::<i64>() {
            let seconds = match unit {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                'w' => 7 * 86_400,
                _ => return Err(msg!("cli-activity-bad-since", value = value).text()),
            };
            return count
                .checked_mul(seconds)
                .filter(|s| *s >= 0)
                .and_then(|s| now.checked_sub(time::Duration::seconds(s)))
                .ok_or_else(|| msg!("cli-activity-bad-since", value = value).text());
        }
    }
    if let Ok(at) = OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339) {
        return Ok(at);
    }
    let date = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(value, &date)
        .map(|d| d.midnight().assume_utc())
        .map_err(|_| msg!("cli-activity-bad-since", value = value).text())
}

fn parse_event(value: &str) -> Result<Event, String> {
    Event::from_name(value.trim()).ok_or_else(|| {
        let names: Vec<&str> = Event::ALL.iter().map(|e| e.name()).collect();
        msg!("cli-activity-bad-event", value = value, events = names.join(", ")).text()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_durations_times_and_dates() {
        let now = OffsetDateTime::now_utc();
        let near = |at: OffsetDateTime, expected: OffsetDateTime| (at - expected).abs() < time::Duration::seconds(5);
        assert!(near(parse_since("30m").unwrap(), now - time::Duration::minutes(30)));
        assert!(near(parse_since("7d").unwrap(), now - time::Duration::days(7)));
        assert!(near(parse_since("2w").unwrap(), now - time::Duration::weeks(2)));
        assert_eq!(parse_since("2026-12-01T08:00:00Z").unwrap(), time::macros::datetime!(2026-12-01 08:00 UTC));
        assert_eq!(parse_since("2026-12-01").unwrap(), time::macros::datetime!(2026-12-01 00:00 UTC));
        for bad in ["", "7", "7y", "-3d", "yesterday", "99999999999999999d"] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }
}
