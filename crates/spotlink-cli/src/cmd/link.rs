//! `spotlink link`: Authorization Code + PKCE with a loopback redirect on 127.0.0.1, or,
//! with `--remote`, with the browser on another device and its answer pasted back.

use std::io::{BufRead as _, IsTerminal as _};
use std::process::ExitCode;
use std::time::Duration;

use spotlink_core::authorize::RedirectUri;
use spotlink_core::callback::{self, CallbackError, Completed, PendingFlow};
use spotlink_core::loopback::LoopbackServer;
use spotlink_core::scopes::{self, ScopeSet};
use spotlink_core::{i18n, lifetime, msg, Error};
use time::OffsetDateTime;

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Scopes to request, comma separated (default: the previous link's, or profile only).
    #[arg(long, value_name = "a,b,...", conflicts_with = "add_scopes")]
    scopes: Option<String>,
    /// Keep what the link has and ask for these scopes too, comma separated (like `gh auth
    /// refresh -s`); Spotify's consent page lists them all.
    #[arg(long, value_name = "a,b,...")]
    add_scopes: Option<String>,
    /// Listen on this port (default: any free port). Register http://127.0.0.1/callback at Spotify.
    #[arg(long)]
    port: Option<u16>,
    /// Do not open the browser; only print the URL.
    #[arg(long)]
    no_browser: bool,
    /// For a machine without a browser (a server, over SSH): print the sign-in address
    /// (and a QR code for a phone) to open on any device, then read from standard input
    /// the address that browser ended on. Nothing listens here.
    #[arg(long, conflicts_with = "no_browser")]
    remote: bool,
    /// Give up after this many seconds without an answer (at most 600).
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u64).range(10..=600))]
    timeout: u64,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = super::engine()?;
    // The active account's link, if any: its scopes and client ID are the defaults.
    let previous = engine.load().await.ok().flatten();
    let kept = previous.as_ref().map(|p| p.requested.union(&p.record.granted)).filter(|s| !s.is_empty());
    let scopes = match (&options.scopes, &options.add_scopes) {
        (Some(list), _) => ScopeSet::parse_requested(list)?,
        // What was asked for and granted before, plus the new ones.
        (None, Some(added)) => kept.unwrap_or_else(scopes::default_scopes).union(&ScopeSet::parse_requested(added)?),
        (None, None) => kept.unwrap_or_else(scopes::default_scopes),
    };
    // With an account linked, Spotify's consent page is shown, where the user can switch
    // to another account (to add it) or review the permissions.
    let relink = previous.is_some();
    let linked_client = previous.as_ref().map(|p| p.record.client_id.as_str());
    let linked_before = engine.accounts().await.unwrap_or_default();
    let mut flow = PendingFlow::new();

    let completed = if options.remote {
        let redirect = RedirectUri::loopback(options.port.unwrap_or_else(unused_port));
        flow.begin(engine.begin_link(scopes, redirect.clone(), relink, linked_client)?);
        remote(&mut flow, &redirect)?
    } else {
        let server = LoopbackServer::bind(options.port).await?;
        let pending = flow.begin(engine.begin_link(scopes, server.redirect_uri().clone(), relink, linked_client)?);
        let url = pending.authorize_url().to_string();
        output::tell(msg!("cli-link-open"));
        eprintln!("{url}");
        if !options.no_browser {
            if let Err(e) = open::that_detached(&url) {
                output::tell(msg!("cli-link-no-browser", detail = e.to_string()));
            }
        }
        output::tell(msg!("cli-link-waiting", redirect = server.redirect_uri().as_str()));
        server
            .wait(&mut flow, Duration::from_secs(options.timeout), |ignored| {
                eprintln!("spotlink: {}", msg!("cli-link-ignored", request = ignored.message()).text());
            })
            .await??
    };
    let link = engine.finish_link(completed).await?;

    let record = &link.record;
    let name = record.account.display_name.as_deref().unwrap_or(&record.account.id);
    let now = OffsetDateTime::now_utc();
    output::say(msg!("cli-link-linked", name = name, id = &record.account.id));
    let mut lines = vec![if record.granted.is_empty() {
        msg!("cli-link-no-scopes")
    } else {
        msg!("cli-link-scopes", scopes = i18n::list(&record.granted.to_vec()))
    }];
    let missing = link.requested.missing_from(&record.granted);
    if !missing.is_empty() {
        lines.push(msg!("cli-link-not-granted", scopes = i18n::list(&missing)));
    }
    lines.push(msg!("cli-link-valid-until", when = output::when(lifetime::link_expires_at(record.authorized_at), now)));
    let others: Vec<&str> = linked_before.iter().filter(|a| a.id != record.account.id).map(|a| a.name()).collect();
    if !others.is_empty() {
        let others = i18n::list(&others);
        lines.push(if linked_before.iter().any(|a| a.id == record.account.id) {
            msg!("cli-link-renewed-beside", others = others)
        } else {
            msg!("cli-link-added-beside", others = others)
        });
    }
    for line in lines {
        println!("  {}", line.text());
    }
    Ok(ExitCode::SUCCESS)
}

/// `--remote`: prints where to sign in, then reads the address the browser ended on until
/// one completes the sign-in. A wrong one is refused with the reason; on a terminal the
/// user is asked again, and the end of input ends the sign-in with the last reason.
fn remote(flow: &mut PendingFlow, redirect: &RedirectUri) -> Result<Completed, Error> {
    let url = flow.current().map(|p| p.authorize_url().to_string()).unwrap_or_default();
    let interactive = std::io::stdin().is_terminal();
    output::tell(msg!("cli-remote-open"));
    eprintln!();
    eprintln!("{url}");
    eprintln!();
    if std::io::stderr().is_terminal() {
        match qr_lines(&url) {
            Some(lines) => lines.iter().for_each(|line| eprintln!("{line}")),
            None => output::tell(msg!("cli-remote-too-long")),
        }
        eprintln!();
    }
    output::tell(msg!("cli-remote-ssh"));
    output::tell(msg!("cli-remote-paste", redirect = redirect.as_str()));
    let mut last: Option<CallbackError> = None;
    let mut line = String::new();
    loop {
        if interactive {
            eprint!("{} ", msg!("cli-remote-prompt").text());
        }
        line.clear();
        let read = std::io::stdin().lock().read_line(&mut line);
        match read {
            Ok(0) => {
                let reason = match last {
                    Some(e) => msg!("error-engine-detail-input-ended-after", error = e.message()),
                    None => msg!("error-engine-detail-input-ended"),
                };
                return Err(Error::NoAnswer(reason));
            }
            Ok(_) => {}
            Err(e) => {
                return Err(Error::NoAnswer(msg!("error-engine-detail-input-unreadable", detail = e.to_string())))
            }
        }
        if line.trim().is_empty() {
            continue;
        }
        let outcome = callback::parse_pasted(&line, redirect).and_then(|p| flow.complete(p, OffsetDateTime::now_utc()));
        match outcome {
            Ok(completed) => return Ok(completed),
            // Not this sign-in's answer: the sign-in is still waiting for the right one.
            Err(e @ (CallbackError::Malformed(_) | CallbackError::StateMismatch | CallbackError::Replayed)) => {
                eprintln!("spotlink: {}", spotlink_core::sentence(&e.message().text()));
                if interactive {
                    output::tell(msg!("cli-remote-again"));
                }
                last = Some(e);
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// A port on 127.0.0.1 nothing here listens on, for the redirect of a remote sign-in
/// (Spotify accepts any port on the loopback address).
fn unused_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0)).and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(43_110)
}

/// `text` as a QR code in terminal lines, two modules a character (upper and lower half
/// blocks), dark on light whatever the terminal's colours, with the quiet zone scanners
/// need. `None` when it does not fit in a QR code.
fn qr_lines(text: &str) -> Option<Vec<String>> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::L).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 2;
    let dark = |x: isize, y: isize| {
        (0..width as isize).contains(&x)
            && (0..width as isize).contains(&y)
            && colors[y as usize * width + x as usize] == qrcode::Color::Dark
    };
    let size = width as isize + 2 * quiet;
    let mut lines = Vec::new();
    for row in (0..size).step_by(2) {
        // Black on white: ESC[30;107m; each cell shows the upper module in the foreground
        // colour with ▀, and the lower one in the background colour.
        let mut line = String::from("\x1b[30;107m");
        for col in 0..size {
            let (x, y) = (col - quiet, row - quiet);
            line.push(match (dark(x, y), dark(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        line.push_str("\x1b[0m");
        lines.push(line);
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_has_every_module_and_its_quiet_zone() {
        let url =
            format!("https://accounts.spotify.com/authorize?client_id={}&state={}", "c".repeat(32), "s".repeat(43));
        let lines = qr_lines(&url).unwrap();
        let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::L).unwrap();
        let size = code.width() + 4;
        assert_eq!(lines.len(), size.div_ceil(2));
        for line in &lines {
            let cells = line.trim_start_matches("\x1b[30;107m").trim_end_matches("\x1b[0m");
            assert_eq!(cells.chars().count(), size, "{line:?}");
        }
        // The top row of modules (after the quiet zone) starts with a finder pattern:
        // seven dark modules.
        let second: Vec<char> = lines[1].trim_start_matches("\x1b[30;107m").chars().collect();
        assert_eq!(second[..2], [' ', ' '], "quiet zone");
        assert!(second[2..9].iter().all(|c| matches!(c, '█' | '▀' | '▄')), "{second:?}");
        assert!(qr_lines(&"x".repeat(4000)).is_none(), "too long for a QR code");
    }
}
