//! Which language to speak: the languages with a catalogue, the one a user's settings
//! ask for, and the match between them.

use std::fmt;

use unic_langid::LanguageIdentifier;

use super::SOURCES;

/// The pseudo-language of the tests: English, transformed (see `pseudo.rs`).
const PSEUDO: &str = "en-XA";

/// A language SpotLink speaks: one with a catalogue directory, or the pseudo-language.
#[derive(Clone, PartialEq, Eq)]
pub struct Language {
    /// The catalogue directory (`en`, `ru`), or `en-XA`.
    tag: &'static str,
    /// What the user asked for (`ru-RU`), for the language's plural rules.
    id: LanguageIdentifier,
}

impl Language {
    pub fn english() -> Self {
        Self { tag: "en", id: unic_langid::langid!("en") }
    }

    /// The catalogue directory's name, or `en-XA`: what a setting stores.
    pub fn tag(&self) -> &'static str {
        self.tag
    }

    pub fn id(&self) -> &LanguageIdentifier {
        &self.id
    }

    pub fn is_pseudo(&self) -> bool {
        self.tag == PSEUDO
    }

    pub(super) fn has_catalogue(&self) -> bool {
        !self.is_pseudo()
    }

    /// The language with the catalogue `tag` (`ru`, or `en-XA`), if there is one.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let id: LanguageIdentifier = tag.parse().ok()?;
        let language = negotiate(&[id]);
        (language.tag == tag).then_some(language)
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.tag, self.id)
    }
}

/// The languages SpotLink has a catalogue for (English first), not the pseudo-language.
pub fn available() -> Vec<&'static str> {
    let mut tags: Vec<&'static str> = SOURCES.iter().map(|s| s.language).collect();
    tags.sort_by_key(|tag| (*tag != "en", *tag));
    tags.dedup();
    tags
}

/// The first of `requested` (most wanted first) that SpotLink speaks, matched by its
/// language (`ru-UA` is `ru`); English when none is.
pub fn negotiate(requested: &[LanguageIdentifier]) -> Language {
    let tags = available();
    for asked in requested {
        if asked.language.as_str() == "en" && asked.region.is_some_and(|r| r.as_str() == "XA") {
            return Language { tag: PSEUDO, id: asked.clone() };
        }
        if let Some(tag) = tags.iter().find(|tag| **tag == asked.language.as_str()) {
            return Language { tag, id: asked.clone() };
        }
    }
    Language::english()
}

/// The languages the POSIX environment asks for, most wanted first: the locale of
/// `LC_ALL`, else `LC_MESSAGES`, else `LANG`; before it the list in `LANGUAGE`, which
/// GNU gettext honours unless the locale is `C` or `POSIX`. Those, or no locale at
/// all, mean English: an empty list.
pub fn requested_by_posix(var: impl Fn(&str) -> Option<String>) -> Vec<LanguageIdentifier> {
    let Some(locale) = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|name| var(name).filter(|v| !v.is_empty()))
    else {
        return Vec::new();
    };
    let Some(from_locale) = parse_posix(&locale) else { return Vec::new() };
    let mut requested: Vec<LanguageIdentifier> =
        var("LANGUAGE").unwrap_or_default().split(':').filter_map(parse_posix).collect();
    requested.push(from_locale);
    requested
}

/// The languages a platform's preferred locales ask for, most wanted first: BCP 47
/// tags (`ru-RU`, as macOS and Windows give them) or POSIX names (`ru_RU.UTF-8`, as
/// Linux may). `C` and `POSIX` stand for English where they appear; a name that is no
/// language is passed over.
pub fn requested_by_locales<S: AsRef<str>>(locales: impl IntoIterator<Item = S>) -> Vec<LanguageIdentifier> {
    locales
        .into_iter()
        .filter_map(|locale| match parse_posix(locale.as_ref()) {
            Some(id) => Some(id),
            None => is_c(posix_name(locale.as_ref())).then(|| Language::english().id().clone()),
        })
        .collect()
}

/// `ru_RU.UTF-8@euro` → `ru-RU`; `C`, `POSIX`, `C.UTF-8` and nonsense → none.
fn parse_posix(locale: &str) -> Option<LanguageIdentifier> {
    let name = posix_name(locale);
    if name.is_empty() || is_c(name) {
        return None;
    }
    name.replace('_', "-").parse().ok()
}

/// A POSIX locale's name without its encoding and modifier: `ru_RU.UTF-8@euro` → `ru_RU`.
fn posix_name(locale: &str) -> &str {
    locale.split(['.', '@']).next().unwrap_or_default()
}

/// The POSIX locale that means no translation.
fn is_c(name: &str) -> bool {
    name == "C" || name == "POSIX"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    fn spoken(pairs: &[(&str, &str)]) -> &'static str {
        negotiate(&requested_by_posix(env(pairs))).tag()
    }

    #[test]
    fn platform_locales_become_language_identifiers() {
        let ids = |locales: &[&str]| -> Vec<String> {
            requested_by_locales(locales).iter().map(ToString::to_string).collect()
        };
        assert_eq!(ids(&["ru-RU", "en-US"]), ["ru-RU", "en-US"]);
        assert_eq!(ids(&["ru_RU.UTF-8", "de_DE@euro"]), ["ru-RU", "de-DE"]);
        // C is English where it stands; a name that is no language is passed over.
        assert_eq!(ids(&["C", "ru-RU"]), ["en", "ru-RU"]);
        assert_eq!(ids(&["C.UTF-8"]), ["en"]);
        assert_eq!(ids(&["!!", "ru"]), ["ru"]);
        assert_eq!(negotiate(&requested_by_locales(["uk-UA", "ru-UA"])).tag(), "ru");
    }

    #[test]
    fn posix_order_decides() {
        assert_eq!(spoken(&[("LANG", "ru_RU.UTF-8")]), "ru");
        assert_eq!(spoken(&[("LANG", "ru_RU.UTF-8"), ("LC_MESSAGES", "en_GB.UTF-8")]), "en");
        assert_eq!(spoken(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "ru_UA.UTF-8")]), "ru");
        assert_eq!(spoken(&[("LC_MESSAGES", "ru_RU.UTF-8"), ("LC_ALL", "C")]), "en");
        assert_eq!(spoken(&[("LC_ALL", "ru_RU.KOI8-R"), ("LANG", "C")]), "ru");
        // An empty variable is unset.
        assert_eq!(spoken(&[("LC_ALL", ""), ("LANG", "ru_RU.UTF-8")]), "ru");
        assert_eq!(spoken(&[]), "en");
    }

    #[test]
    fn language_list_comes_first_unless_the_locale_is_c() {
        assert_eq!(spoken(&[("LANG", "en_US.UTF-8"), ("LANGUAGE", "de:ru:en")]), "ru");
        assert_eq!(spoken(&[("LANG", "ru_RU.UTF-8"), ("LANGUAGE", "en")]), "en");
        assert_eq!(spoken(&[("LANG", "C.UTF-8"), ("LANGUAGE", "ru")]), "en");
        assert_eq!(spoken(&[("LC_ALL", "POSIX"), ("LANGUAGE", "ru")]), "en");
        // A language without a catalogue is passed over.
        assert_eq!(spoken(&[("LANG", "de_DE.UTF-8")]), "en");
        assert_eq!(spoken(&[("LANG", "de_DE.UTF-8"), ("LANGUAGE", "fr:ru")]), "ru");
    }

    #[test]
    fn locale_names_parse() {
        assert_eq!(parse_posix("ru_RU.UTF-8@euro").unwrap().to_string(), "ru-RU");
        assert_eq!(parse_posix("sr_RS@latin").unwrap().to_string(), "sr-RS");
        assert_eq!(parse_posix("ru").unwrap().to_string(), "ru");
        for nothing in ["C", "POSIX", "C.UTF-8", "", "!!"] {
            assert!(parse_posix(nothing).is_none(), "{nothing}");
        }
    }

    #[test]
    fn tags_name_the_catalogues() {
        assert_eq!(available()[0], "en");
        assert!(available().contains(&"ru"));
        assert_eq!(Language::from_tag("ru").unwrap().tag(), "ru");
        assert_eq!(Language::from_tag("en-XA").unwrap().tag(), "en-XA");
        assert!(Language::from_tag("en-XA").unwrap().is_pseudo());
        assert!(Language::from_tag("de").is_none());
        assert!(Language::from_tag("").is_none());
    }
}
