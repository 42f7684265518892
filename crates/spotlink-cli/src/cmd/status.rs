//! `spotlink status`: who is linked and until when. Offline: reads the keychain only.

use std::process::ExitCode;

use spotlink_core::i18n::{self, Message};
use spotlink_core::lifetime::LinkHealth;
use spotlink_core::status::{AccountSummary, LinkStatus};
use spotlink_core::{msg, Error};
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
        return Ok(exit::fail(msg!("cli-check-not-linked"), exit::NOT_LINKED));
    };
    let now = OffsetDateTime::now_utc();
    let name = account.display_name.as_deref().unwrap_or(&account.id);
    output::say(msg!("cli-status-linked-as", name = name, id = &account.id));
    let details: Vec<String> = [
        account.product.as_ref().map(|p| msg!("cli-status-plan", plan = p).text()),
        account.email.as_ref().map(|e| msg!("cli-status-email", email = e).text()),
        account.country.as_ref().map(|c| msg!("cli-status-country", country = c).text()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        println!("  {}", details.join(" · "));
    }
    let mut lines = vec![if status.scopes.is_empty() {
        msg!("cli-status-no-scopes")
    } else {
        msg!("cli-status-scopes", scopes = i18n::list(&status.scopes))
    }];
    if !status.not_granted_scopes.is_empty() {
        lines.push(msg!("cli-status-not-granted", scopes = i18n::list(&status.not_granted_scopes)));
    }
    lines.push(match status.access_token_expires_at {
        Some(at) if at > now => msg!("cli-status-token-valid", when = output::when(at, now)),
        Some(at) => msg!("cli-status-token-expired", ago = output::relative(at - now)),
        None => msg!("cli-status-token-none"),
    });
    if let (Some(at), Some(days)) = (status.link_expires_at, status.link_days_left) {
        lines.push(msg!("cli-status-link-valid", when = output::when(at, now), days = days));
    }
    if let Some(client) = &status.client_id {
        lines.push(msg!("cli-status-client-id", client = client));
    }
    for line in lines {
        println!("  {}", line.text());
    }
    let accounts = engine.accounts().await?;
    if accounts.len() > 1 {
        println!();
        output::say(msg!("cli-status-accounts", count = accounts.len()));
        let width = accounts.iter().map(|a| label(a).chars().count()).max().unwrap_or(0);
        for summary in &accounts {
            let mark = if summary.active { '*' } else { ' ' };
            let label = label(summary);
            let pad = " ".repeat(width - label.chars().count());
            println!("{mark} {label}{pad}  {}", health_words(summary, now).text());
        }
    }
    match status.link_health {
        Some(LinkHealth::NeedsRelink) | Some(LinkHealth::Expired) => {
            Ok(exit::fail(msg!("cli-status-relink-needed"), exit::RELINK_NEEDED))
        }
        Some(LinkHealth::RenewSoon) => {
            eprintln!("spotlink: {}", msg!("cli-status-renew-soon").text());
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
fn health_words(summary: &AccountSummary, now: OffsetDateTime) -> Message {
    if let Some(problem) = &summary.problem {
        return msg!("cli-status-account-unreadable", problem = problem);
    }
    let until = summary.link_expires_at.map(|at| output::when(at, now)).unwrap_or_default();
    let days = summary.link_days_left.unwrap_or(0);
    match summary.link_health {
        Some(LinkHealth::Ok) | None => msg!("cli-status-account-ok", when = until),
        Some(LinkHealth::RenewSoon) => msg!("cli-status-account-renew-soon", days = days, when = until),
        Some(LinkHealth::Expired) => msg!("cli-status-account-ended", when = until),
        Some(LinkHealth::NeedsRelink) => msg!("cli-status-account-rejected"),
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
        return format!("not_linked: {}", msg!("cli-check-not-linked").text());
    };
    let name = account.display_name.as_deref().unwrap_or(&account.id);
    let until = status.link_expires_at.map(|at| output::when(at, now)).unwrap_or_default();
    let days = status.link_days_left.unwrap_or(0);
    // The first word is for scripts, in every language; the sentence is for people.
    let (health, sentence) = match status.link_health {
        Some(LinkHealth::Ok) | None => ("ok", msg!("cli-check-ok", name = name, when = until)),
        Some(LinkHealth::RenewSoon) => {
            ("renew_soon", msg!("cli-check-renew-soon", name = name, days = days, when = until))
        }
        Some(LinkHealth::Expired) => ("expired", msg!("cli-check-expired", name = name, when = until)),
        Some(LinkHealth::NeedsRelink) => ("needs_relink", msg!("cli-check-needs-relink", name = name)),
    };
    format!("{health}: {}", sentence.text())
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
