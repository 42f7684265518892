//! `catalog`: the message catalogues the window formats its own words with (Project
//! Fluent's `@fluent/bundle` in the web view, `ui/js/i18n.js`), in the language the app
//! speaks. Sentences the shell and the engine word themselves (errors, notices, scope
//! descriptions) arrive in the view already in that language.

use serde::Serialize;
use spotlink_core::i18n::{self, Language};

/// The catalogue areas the window formats: its own, and the durations and dates.
const AREAS: &[&str] = &["window", "common"];

/// What the window gets: its language and the catalogue texts to build bundles from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogView {
    /// The language's tag (`en`, `ru`, or the pseudo-language `en-XA`): the page's `lang`.
    pub language: &'static str,
    /// The user's locale (`ru-RU`), for plural rules and the platform's `Intl` formats.
    pub locale: String,
    /// The language's catalogue files (for the pseudo-language, already rewritten into it).
    pub sources: Vec<String>,
    /// English's, for any message the language lacks; empty when the language is English.
    pub fallback: Vec<String>,
}

impl CatalogView {
    pub fn of(language: &Language) -> Self {
        let english = language.tag() == "en";
        Self {
            language: language.tag(),
            locale: language.id().to_string(),
            sources: i18n::texts(language, AREAS),
            fallback: if english { Vec::new() } else { i18n::texts(&Language::english(), AREAS) },
        }
    }
}

/// The catalogue of the language the app speaks now (`AppView.language.current`).
#[tauri::command]
pub fn catalog() -> CatalogView {
    CatalogView::of(i18n::current().language())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_brings_the_windows_areas_and_english_behind_them() {
        let russian = CatalogView::of(&Language::from_tag("ru").unwrap());
        assert_eq!((russian.language, russian.locale.as_str()), ("ru", "ru"));
        assert_eq!(russian.sources.len(), AREAS.len());
        assert!(russian.sources.iter().any(|s| s.contains("window-language-name = Русский")));
        assert!(russian.fallback.iter().any(|s| s.contains("window-language-name = English")));

        let english = CatalogView::of(&Language::english());
        assert_eq!(english.sources.len(), AREAS.len());
        assert!(english.fallback.is_empty());

        let pseudo = CatalogView::of(&Language::from_tag("en-XA").unwrap());
        assert_eq!(pseudo.language, "en-XA");
        assert!(pseudo.sources.iter().any(|s| s.contains("[\" }Éñĝĺíšĥ")), "{:?}", pseudo.sources);
        assert_eq!(pseudo.fallback, english.sources);
    }
}
