//! `spotlink scopes`: what the link may do, in plain words; `--all` lists every scope.

use std::process::ExitCode;

use spotlink_core::scopes::{self, CATALOGUE};
use spotlink_core::{msg, Error};

use crate::output;

#[derive(Debug, clap::Args)]
pub struct Options {
    /// List every Spotify scope by category, marking the granted ones.
    #[arg(long)]
    all: bool,
    /// Print JSON: [{"name", "category", "description", "granted", "requested"}].
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    account: super::AccountOption,
}

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let engine = options.account.engine()?;
    let link = match engine.load().await {
        Ok(link) => link,
        // The catalogue needs no link (and no keychain).
        Err(_) if options.all => None,
        Err(e) => return Err(e),
    };
    if link.is_none() && !options.all {
        return Err(Error::NotLinked);
    }
    let granted = link.as_ref().map(|l| l.record.granted.clone()).unwrap_or_default();
    let requested = link.as_ref().map(|l| l.requested.clone()).unwrap_or_default();

    // Granted and requested names, plus any granted name the catalogue does not know yet.
    let mut rows: Vec<(String, String, String)> = CATALOGUE
        .iter()
        .filter(|s| options.all || granted.contains(s.name) || requested.contains(s.name))
        .map(|s| (s.name.to_owned(), s.category.label().text(), s.description().text()))
        .collect();
    let (other, undescribed) = scopes::undescribed();
    for name in granted.iter().filter(|n| scopes::lookup(n).is_none()) {
        rows.push((name.to_owned(), other.text(), undescribed.text()));
    }

    if options.json {
        let list: Vec<_> = rows
            .iter()
            .map(|(name, category, description)| {
                serde_json::json!({
                    "name": name, "category": category, "description": description,
                    "granted": granted.contains(name), "requested": requested.contains(name),
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(list));
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        output::say(msg!("cli-scopes-none"));
    }
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut category = "";
    for (name, cat, description) in &rows {
        if cat != category {
            category = cat;
            println!("{cat}");
        }
        let mark = match (granted.contains(name), requested.contains(name)) {
            (true, _) => "✓",
            (false, true) => "✗",
            (false, false) => " ",
        };
        println!("  {mark} {name:width$}  {description}");
    }
    if link.is_some() {
        println!();
        output::say(msg!("cli-scopes-legend"));
    }
    Ok(ExitCode::SUCCESS)
}
