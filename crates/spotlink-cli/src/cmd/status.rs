//! `spotlink status`: who is linked and until when. Offline: reads the keychain only.

use std::process::ExitCode;

use spotlink_core::lifetime::LinkHealth;
use spotlink_core::status::{AccountSummary, LinkStatus};
use spotlink_core::Error;
use time::OffsetDateTime;

use crate::{exit, output};

#[derive(Debug, clap::Args)]
pub struct Options {
    /// Print the status as JSON (never includes token values). Exit code 0 whenever the status could be read (unless --check).
    #[arg(long)]
    json: bool,
    /// For cron jobs and status bars: one line (or the JSON with --json) and an exit code
    /// for the link's health: 0 ok, 9 renew soon (14 days or less left), 4 must be
    /// renewed now, 3 nothing linked. The line starts with the health: ok, renew_soon,
    /// expired, needs_relink or not_linked.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    account: super::AccountOption,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = options.account.engine()?;
    let status = engine.status().await?;
    if options.json {
        // The chosen account's fields as before, and every linked account.
        let mut json = serde_json::to_value(&status).unwrap_or_default();
        if let Some(fields) = json.as_object_mut() {
            let accounts = engine.accounts().await?;
            fields.insert("accounts".into(), serde_json::to_value(&accounts).unwrap_or_default());
        }
        println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
        return Ok(if options.check { ExitCode::from(check_code(status.link_health)) } else { ExitCode::SUCCESS });
    }
    if options.check {
        println!("{}", check_line(&status, OffsetDateTime::now_utc()));
        return Ok(ExitCode::from(check_code(status.link_health)));
    }
    let Some(account) = &status.account else {
        return Ok(exit::fail("no Spotify account is linked; run `spotlink link`", exit::NOT_LINKED));
    };
    let now = OffsetDateTime::now_utc();
    let name = account.display_name.as_deref().unwrap_or(&account.id);
    println!("Linked to Spotify as {name} ({})", account.id);
    let details: Vec<String> = [
        account.product.as_ref().map(|p| format!("plan: {p}")),
        account.email.as_ref().map(|e| format!("email: {e}")),
        account.country.as_ref().map(|c| format!("country: {c}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        println!("  {}", details.join(" · "));
    }
    println!("  Scopes: {}", if status.scopes.is_empty() { "none".into() } else { status.scopes.join(", ") });
    if !status.not_granted_scopes.is_empty() {
        println!("  Requested but not granted: {}", status.not_granted_scopes.join(", "));
    }
    match status.access_token_expires_at {
        Some(at) if at > now => println!("  Access token: valid until {}", output::when(at, now)),
        Some(at) => println!("  Access token: expired {}; `spotlink token` refreshes it", output::relative(at - now)),
        None => println!("  Access token: none"),
    }
    if let (Some(at), Some(days)) = (status.link_expires_at, status.link_days_left) {
        println!("  Link: valid until {} — {days} days left (Spotify links last 6 months)", output::when(at, now));
    }
    if let Some(client) = &status.client_id {
        println!("  Client ID: {client}");
    }
    let accounts = engine.accounts().await?;
    if accounts.len() > 1 {
        println!();
        println!("Linked accounts ({}; * active, `spotlink switch ACCOUNT` changes it):", accounts.len());
        let width = accounts.iter().map(|a| label(a).chars().count()).max().unwrap_or(0);
        for summary in &accounts {
            let mark = if summary.active { '*' } else { ' ' };
            let label = label(summary);
            let pad = " ".repeat(width - label.chars().count());
            println!("{mark} {label}{pad}  {}", health_words(summary, now));
        }
    }
    match status.link_health {
        Some(LinkHealth::NeedsRelink) | Some(LinkHealth::Expired) => Ok(exit::fail(
            "Spotify no longer accepts this link; run `spotlink link` to link again",
            exit::RELINK_NEEDED,
        )),
        Some(LinkHealth::RenewSoon) => {
            eprintln!("spotlink: the link expires soon; run `spotlink link` to renew it for another 6 months.");
            Ok(ExitCode::SUCCESS)
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// An account in the list: `Ada (ada)`, or the id alone when that is its name.
fn label(summary: &AccountSummary) -> String {
    spotlink_core::state::labelled(summary.name(), &summary.id)
}

/// An account's link in a few words, for the list.
fn health_words(summary: &AccountSummary, now: OffsetDateTime) -> String {
    if let Some(problem) = &summary.problem {
        return format!("cannot be read: {problem}");
    }
    let until = summary.link_expires_at.map(|at| output::when(at, now)).unwrap_or_default();
    let days = summary.link_days_left.unwrap_or(0);
    match summary.link_health {
        Some(LinkHealth::Ok) | None => format!("ok, valid until {until}"),
        Some(LinkHealth::RenewSoon) => format!("renew soon: {days} days left ({until})"),
        Some(LinkHealth::Expired) => format!("ended {until}; link it again"),
        Some(LinkHealth::NeedsRelink) => "Spotify no longer accepts it; link it again".into(),
    }
}

/// `status --check`'s exit code for a link's health (`None`: nothing linked).
fn check_code(health: Option<LinkHealth>) -> u8 {
    match health {
        None => exit::NOT_LINKED,
        Some(LinkHealth::Ok) => 0,
        Some(LinkHealth::RenewSoon) => exit::RENEW_SOON,
        Some(LinkHealth::Expired | LinkHealth::NeedsRelink) => exit::RELINK_NEEDED,
    }
}

/// `status --check`'s line: the health as `status --json` spells it, then a sentence.
fn check_line(status: &LinkStatus, now: OffsetDateTime) -> String {
    let Some(account) = &status.account else {
        return "not_linked: no Spotify account is linked; run `spotlink link`".into();
    };
    let name = account.display_name.as_deref().unwrap_or(&account.id);
    let until = status.link_expires_at.map(|at| output::when(at, now)).unwrap_or_default();
    let days = status.link_days_left.unwrap_or(0);
    match status.link_health {
        Some(LinkHealth::Ok) | None => format!("ok: linked as {name}; the link is valid until {until}"),
        Some(LinkHealth::RenewSoon) => format!(
            "renew_soon: the link for {name} ends in {days} days ({until}); run `spotlink link` to renew it for another 6 months"
        ),
        Some(LinkHealth::Expired) => {
            format!("expired: the link for {name} ended ({until}); run `spotlink link` to link again")
        }
        Some(LinkHealth::NeedsRelink) => {
            format!("needs_relink: Spotify no longer accepts the link for {name}; run `spotlink link` to link again")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spotlink_core::store::Account;
    use time::macros::datetime;

    fn status(health: LinkHealth, days: i64) -> LinkStatus {
        let mut status = LinkStatus::unlinked(None);
        status.linked = true;
        status.account = Some(Account { id: "ada".into(), display_name: Some("Ada".into()), ..Account::default() });
        status.link_expires_at = Some(datetime!(2027-05-01 12:00 UTC));
        status.link_days_left = Some(days);
        status.link_health = Some(health);
        status
    }

    #[test]
    fn each_health_has_its_code_and_first_word() {
        let now = datetime!(2027-04-21 12:00 UTC);
        for (health, code, word) in [
            (LinkHealth::Ok, 0, "ok:"),
            (LinkHealth::RenewSoon, exit::RENEW_SOON, "renew_soon:"),
            (LinkHealth::Expired, exit::RELINK_NEEDED, "expired:"),
            (LinkHealth::NeedsRelink, exit::RELINK_NEEDED, "needs_relink:"),
        ] {
            assert_eq!(check_code(Some(health)), code, "{health:?}");
            let line = check_line(&status(health, 10), now);
            assert!(line.starts_with(word), "{line}");
            assert!(line.contains("Ada"), "{line}");
        }
        assert_eq!(check_code(None), exit::NOT_LINKED);
        assert!(check_line(&LinkStatus::unlinked(None), now).starts_with("not_linked:"));
        assert!(check_line(&status(LinkHealth::RenewSoon, 10), now).contains("in 10 days"));
    }
}
