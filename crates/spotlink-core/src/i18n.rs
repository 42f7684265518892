//! SpotLink in the user's language: the message catalogues (Project Fluent, one `.ftl`
//! file per language and area under `locales/`), which language to speak, and
//! [`Message`], the sentence the engine's errors and the shells' texts are made of
//! before a language is chosen.
//!
//! Every language falls back to English per message, never to a message's id. English
//! is also what logs and `Display` use, whatever the user reads. `en-XA` is a
//! pseudo-language made from the English catalogue (accented, a third longer, each
//! message in brackets), for tests that find text bypassing the catalogues.

mod language;
mod pseudo;

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use language::{available, negotiate, requested_by_locales, requested_by_posix, Language};
/// What a user asks for (`ru-RU`): [`negotiate`] matches it with a catalogue.
pub use unic_langid::LanguageIdentifier;

/// One catalogue file, embedded by `build.rs`.
pub(crate) struct Source {
    pub language: &'static str,
    pub area: &'static str,
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The catalogue files of a language (`en`, `ru`), area by area.
pub fn sources(language: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    SOURCES.iter().filter(move |s| s.language == language).map(|s| (s.area, s.text))
}

/// The catalogue files of `language` for `areas`, as text for a Fluent runtime outside
/// Rust (the window's `@fluent/bundle`): the language's own files, or for the
/// pseudo-language English's rewritten into it, so that runtime needs no pseudo logic.
pub fn texts(language: &Language, areas: &[&str]) -> Vec<String> {
    let tag = if language.is_pseudo() { "en" } else { language.tag() };
    sources(tag)
        .filter(|(area, _)| areas.contains(area))
        .map(|(_, text)| if language.is_pseudo() { pseudo::catalogue(text) } else { text.to_owned() })
        .collect()
}

/// A sentence before it is put into words: a message id of the catalogues and its
/// arguments. Errors carry one, so each shell words them in its user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A message's argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is: a name, an id, a path, Spotify's own words.
    Text(String),
    /// A count: plural forms follow it.
    Number(i64),
    /// Another message, worded in the same language first.
    Message(Message),
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    /// `text` as it is, in every language: the OS's or Spotify's own words where an
    /// error's detail is sometimes the engine's words (a message) and sometimes theirs.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Self::new("verbatim").with("text", text.into())
    }

    /// Adds the argument `$name`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// This message in the language of [`current`].
    pub fn text(&self) -> String {
        current().format(self)
    }

    /// This message in English, for logs.
    pub fn english(&self) -> String {
        english().format(self)
    }
}

/// `msg!("id", name = value, ...)`: a [`Message`] with its arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message::new($id)$(.with(stringify!($name), $value))*
    };
}

/// `Display` in English (for logs and `to_string`) for a type with a `message()`:
/// the catalogue is the only place its words are written.
#[macro_export]
macro_rules! display_in_english {
    ($($t:ty),* $(,)?) => {$(
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.message().english())
            }
        }
    )*};
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

impl From<Message> for Arg {
    fn from(value: Message) -> Self {
        Arg::Message(value)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u8, u16, u32, u64, usize);

/// A list of names or ids, comma-separated.
pub fn list<S: AsRef<str>>(items: &[S]) -> Arg {
    Arg::Text(items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "))
}

/// A time relative to now in a few words: `in 42 s`, `in 58 min`, `in 5 h`, `in 3 days`,
/// `2 h ago`.
pub fn relative(delta: time::Duration) -> Message {
    let secs = delta.whole_seconds();
    let abs = secs.unsigned_abs();
    let duration = match abs {
        0..=59 => msg!("duration-seconds", n = abs),
        60..=5399 => msg!("duration-minutes", n = abs / 60),
        5400..=172_799 => msg!("duration-hours", n = abs / 3600),
        _ => days(i64::try_from(abs / 86_400).unwrap_or(i64::MAX)),
    };
    if secs >= 0 {
        msg!("time-in", duration = duration)
    } else {
        msg!("time-ago", duration = duration)
    }
}

/// `3 days`, `1 day`.
pub fn days(n: i64) -> Message {
    msg!("duration-days", n = n)
}

/// A day in the language's words and order: `28 May 2027`, `28 мая 2027 г.`.
pub fn date(date: time::Date) -> Message {
    use time::Month as M;
    let month = match date.month() {
        M::January => msg!("month-1"),
        M::February => msg!("month-2"),
        M::March => msg!("month-3"),
        M::April => msg!("month-4"),
        M::May => msg!("month-5"),
        M::June => msg!("month-6"),
        M::July => msg!("month-7"),
        M::August => msg!("month-8"),
        M::September => msg!("month-9"),
        M::October => msg!("month-10"),
        M::November => msg!("month-11"),
        M::December => msg!("month-12"),
    };
    // Day and year as text: digits as they are, never grouped ("2 027").
    msg!("date", day = date.day().to_string(), month = month, year = date.year().to_string())
}

/// The catalogues of one language, with English behind it for any message it lacks.
pub struct Catalog {
    language: Language,
    /// The language's bundle first (none for English itself), then English's.
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Catalog {
    /// Parses the catalogues of `language` (and English's).
    pub fn new(language: Language) -> Self {
        let mut bundles = Vec::new();
        if language.has_catalogue() && language.tag() != "en" {
            bundles.push(bundle(language.id(), language.tag(), None));
        }
        let transform = language.is_pseudo().then_some(pseudo::transform as fn(&str) -> Cow<'_, str>);
        bundles.push(bundle(language.id(), "en", transform));
        Self { language, bundles }
    }

    pub fn language(&self) -> &Language {
        &self.language
    }

    /// `message` in this catalogue's language, or in English where the language lacks it.
    pub fn format(&self, message: &Message) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Message(inner) => FluentValue::from(self.format(inner)),
            };
            args.set(*name, value);
        }
        for bundle in &self.bundles {
            let Some(pattern) = bundle.get_message(message.id).and_then(|m| m.value()) else { continue };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(id = message.id, ?errors, "a message was formatted with errors");
            }
            return if self.language.is_pseudo() { pseudo::wrap(&text) } else { text.into_owned() };
        }
        // Only a message missing from English itself gets here, which a test rules out.
        tracing::error!(id = message.id, "no catalogue has this message");
        message.id.to_owned()
    }

    /// A message without arguments.
    pub fn text(&self, id: &'static str) -> String {
        self.format(&Message::new(id))
    }
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog").field("language", &self.language).finish_non_exhaustive()
    }
}

fn bundle(
    locale: &LanguageIdentifier,
    language: &str,
    transform: Option<fn(&str) -> Cow<'_, str>>,
) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.clone()]);
    // Terminals and notifications show the isolation marks Fluent puts around
    // arguments by default; SpotLink's arguments are names and numbers.
    bundle.set_use_isolating(false);
    bundle.set_transform(transform);
    for (area, text) in sources(language) {
        match FluentResource::try_new(text.to_owned()) {
            Ok(resource) => {
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!(language, area, ?errors, "a catalogue repeats a message");
                }
            }
            Err((resource, errors)) => {
                // What parsed is kept; a test keeps every catalogue free of errors.
                tracing::error!(language, area, ?errors, "a catalogue has syntax errors");
                let _ = bundle.add_resource(resource);
            }
        }
    }
    bundle
}

/// The English catalogue: what logs and `Display` use.
pub fn english() -> &'static Catalog {
    static ENGLISH: OnceLock<Catalog> = OnceLock::new();
    ENGLISH.get_or_init(|| Catalog::new(Language::english()))
}

static CURRENT: RwLock<Option<Arc<Catalog>>> = RwLock::new(None);

/// The catalogue this process speaks: the one [`set_current`] chose, else the language
/// the POSIX environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`, `LANGUAGE`).
pub fn current() -> Arc<Catalog> {
    if let Some(catalog) = CURRENT.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        return catalog.clone();
    }
    let language = negotiate(&requested_by_posix(|name| std::env::var(name).ok()));
    let mut slot = CURRENT.write().unwrap_or_else(|e| e.into_inner());
    slot.get_or_insert_with(|| Arc::new(Catalog::new(language))).clone()
}

/// The language [`set_current`] chose, if it was called: unlike [`current`], it builds no
/// catalogue.
pub fn chosen() -> Option<Language> {
    CURRENT.read().unwrap_or_else(|e| e.into_inner()).as_ref().map(|catalog| catalog.language().clone())
}

/// Makes `language` the one this process speaks from now on.
pub fn set_current(language: Language) {
    let catalog = Arc::new(Catalog::new(language));
    *CURRENT.write().unwrap_or_else(|e| e.into_inner()) = Some(catalog);
}

/// `message` in the language of [`current`].
pub fn text(message: &Message) -> String {
    current().format(message)
}

#[cfg(test)]
mod tests;
