//! The app's language: the one the user chose in the window (the config file's
//! `language`), else the desktop's, negotiated against the catalogues. Unlike the CLI,
//! which follows the POSIX locale of its terminal, the app asks the platform
//! (`sys-locale`: the user's preferred languages on macOS and Windows, `LANGUAGE`,
//! `LC_ALL`, `LC_MESSAGES` and `LANG` on Linux).

use std::sync::OnceLock;

use serde::Serialize;
use spotlink_core::config::Config;
use spotlink_core::i18n::{self, Catalog, Language};
use spotlink_core::msg;

/// The language the desktop asks for, worked out once.
pub fn system() -> &'static Language {
    static SYSTEM: OnceLock<Language> = OnceLock::new();
    SYSTEM.get_or_init(|| i18n::negotiate(&i18n::requested_by_locales(sys_locale::get_locales())))
}

/// The language `config` asks for: the user's choice, else the desktop's.
pub fn chosen(config: &Config) -> Language {
    config.language.clone().unwrap_or_else(|| system().clone())
}

/// Makes the language `config` asks for the one the app speaks, if it is not already.
pub fn apply(config: &Config) {
    let language = chosen(config);
    // Not `current()`: before the first choice it would build the POSIX environment's
    // catalogue only to compare it.
    if i18n::chosen().as_ref() != Some(&language) {
        tracing::info!(language = ?language, "speaking");
        i18n::set_current(language);
    }
}

/// A language in the window's choice, named in itself ("Русский").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub tag: &'static str,
    pub name: String,
}

/// What the window's language setting shows (`AppView.language`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageView {
    /// The language the window speaks (a catalogue's tag, or `en-XA`): when it changes,
    /// the window loads its catalogue again (the `catalog` command).
    pub current: &'static str,
    /// The user's choice; null follows the system.
    pub chosen: Option<&'static str>,
    /// The desktop's language, named in itself: what "System default" stands for.
    pub system: Choice,
    /// Every language with a catalogue, each named in itself, English first.
    pub available: &'static [Choice],
}

/// The language setting as the window shows it.
pub fn view(config: &Config) -> LanguageView {
    LanguageView {
        current: i18n::current().language().tag(),
        chosen: config.language.as_ref().map(Language::tag),
        system: system_name().clone(),
        available: available(),
    }
}

/// Every language with a catalogue, named once.
fn available() -> &'static [Choice] {
    static AVAILABLE: OnceLock<Vec<Choice>> = OnceLock::new();
    AVAILABLE.get_or_init(|| i18n::available().into_iter().filter_map(Language::from_tag).map(|l| named(&l)).collect())
}

/// The desktop's language named in its own words (the pseudo-language too).
fn system_name() -> &'static Choice {
    static SYSTEM_NAME: OnceLock<Choice> = OnceLock::new();
    SYSTEM_NAME.get_or_init(|| {
        let system = system();
        available().iter().find(|c| c.tag == system.tag()).cloned().unwrap_or_else(|| named(system))
    })
}

fn named(language: &Language) -> Choice {
    Choice { tag: language.tag(), name: Catalog::new(language.clone()).format(&msg!("window-language-name")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_is_named_in_itself() {
        let names: Vec<(&str, &str)> = available().iter().map(|c| (c.tag, c.name.as_str())).collect();
        assert_eq!(names[..2], [("en", "English"), ("ru", "Русский")]);
    }
}
