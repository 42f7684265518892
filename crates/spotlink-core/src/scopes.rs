//! The catalogue of Spotify scopes, with a plain-language line for each, and scope sets.
//!
//! Source: Spotify's "Scopes" page (see `shared/SPOTIFY.md`). Unknown names that
//! Spotify grants are kept (the catalogue may lag behind Spotify), but names a user
//! *asks* for must be in the catalogue, so a typo is caught before the browser opens.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::i18n::Message;
use crate::msg;

/// The group a scope belongs to on Spotify's scopes page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Images,
    SpotifyConnect,
    Playback,
    Playlists,
    Follow,
    ListeningHistory,
    Library,
    Users,
    OpenAccess,
}

impl Category {
    /// The heading shown to users.
    pub fn label(self) -> Message {
        match self {
            Category::Images => msg!("scope-category-images"),
            Category::SpotifyConnect => msg!("scope-category-spotify-connect"),
            Category::Playback => msg!("scope-category-playback"),
            Category::Playlists => msg!("scope-category-playlists"),
            Category::Follow => msg!("scope-category-follow"),
            Category::ListeningHistory => msg!("scope-category-listening-history"),
            Category::Library => msg!("scope-category-library"),
            Category::Users => msg!("scope-category-users"),
            Category::OpenAccess => msg!("scope-category-open-access"),
        }
    }
}

/// One scope: its exact protocol name, its group and what granting it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeInfo {
    pub name: &'static str,
    pub category: Category,
    /// The message (`locales/*/scopes.ftl`) saying what granting it allows.
    description: &'static str,
}

impl ScopeInfo {
    /// What granting the scope allows, in plain words: one sentence.
    pub fn description(&self) -> Message {
        Message::new(self.description)
    }
}

const fn scope(name: &'static str, category: Category, description: &'static str) -> ScopeInfo {
    ScopeInfo { name, category, description }
}

/// Every scope Spotify documents, in the order of Spotify's page.
pub const CATALOGUE: &[ScopeInfo] = &[
    scope("ugc-image-upload", Category::Images, "scope-ugc-image-upload"),
    scope("user-read-playback-state", Category::SpotifyConnect, "scope-user-read-playback-state"),
    scope("user-modify-playback-state", Category::SpotifyConnect, "scope-user-modify-playback-state"),
    scope("user-read-currently-playing", Category::SpotifyConnect, "scope-user-read-currently-playing"),
    scope("app-remote-control", Category::Playback, "scope-app-remote-control"),
    scope("streaming", Category::Playback, "scope-streaming"),
    scope("playlist-read-private", Category::Playlists, "scope-playlist-read-private"),
    scope("playlist-read-collaborative", Category::Playlists, "scope-playlist-read-collaborative"),
    scope("playlist-modify-private", Category::Playlists, "scope-playlist-modify-private"),
    scope("playlist-modify-public", Category::Playlists, "scope-playlist-modify-public"),
    scope("user-follow-read", Category::Follow, "scope-user-follow-read"),
    scope("user-follow-modify", Category::Follow, "scope-user-follow-modify"),
    scope("user-read-playback-position", Category::ListeningHistory, "scope-user-read-playback-position"),
    scope("user-top-read", Category::ListeningHistory, "scope-user-top-read"),
    scope("user-read-recently-played", Category::ListeningHistory, "scope-user-read-recently-played"),
    scope("user-library-read", Category::Library, "scope-user-library-read"),
    scope("user-library-modify", Category::Library, "scope-user-library-modify"),
    scope("user-read-email", Category::Users, "scope-user-read-email"),
    scope("user-read-private", Category::Users, "scope-user-read-private"),
    scope("user-soa-link", Category::OpenAccess, "scope-user-soa-link"),
    scope("user-soa-unlink", Category::OpenAccess, "scope-user-soa-unlink"),
    scope("user-manage-entitlements", Category::OpenAccess, "scope-user-manage-entitlements"),
    scope("user-manage-partner", Category::OpenAccess, "scope-user-manage-partner"),
    scope("user-create-partner", Category::OpenAccess, "scope-user-create-partner"),
];

/// The catalogue entry for `name`, if Spotify documents it.
pub fn lookup(name: &str) -> Option<&'static ScopeInfo> {
    CATALOGUE.iter().find(|s| s.name == name)
}

/// A named bundle of scopes offered in the app's permissions picker.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub id: &'static str,
    /// The messages (`locales/*/scopes.ftl`) of its name and of what it is for.
    label: &'static str,
    description: &'static str,
    pub scopes: &'static [&'static str],
}

impl Preset {
    /// Its name in the picker.
    pub fn label(&self) -> Message {
        Message::new(self.label)
    }

    /// What it is for, in a sentence or two.
    pub fn description(&self) -> Message {
        Message::new(self.description)
    }
}

/// Presets, smallest first. `basic` is the default: enough to show who is linked.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "basic",
        label: "scope-preset-basic",
        description: "scope-preset-basic-description",
        scopes: &["user-read-private", "user-read-email"],
    },
    Preset {
        id: "playback",
        label: "scope-preset-playback",
        description: "scope-preset-playback-description",
        scopes: &[
            "user-read-private",
            "user-read-email",
            "user-read-playback-state",
            "user-modify-playback-state",
            "user-read-currently-playing",
        ],
    },
    Preset {
        id: "library",
        label: "scope-preset-library",
        description: "scope-preset-library-description",
        scopes: &[
            "user-read-private",
            "user-read-email",
            "user-library-read",
            "user-library-modify",
            "playlist-read-private",
            "playlist-read-collaborative",
            "playlist-modify-private",
            "playlist-modify-public",
        ],
    },
    Preset {
        id: "everything",
        label: "scope-preset-everything",
        description: "scope-preset-everything-description",
        scopes: &[
            "ugc-image-upload",
            "user-read-playback-state",
            "user-modify-playback-state",
            "user-read-currently-playing",
            "app-remote-control",
            "streaming",
            "playlist-read-private",
            "playlist-read-collaborative",
            "playlist-modify-private",
            "playlist-modify-public",
            "user-follow-read",
            "user-follow-modify",
            "user-read-playback-position",
            "user-top-read",
            "user-read-recently-played",
            "user-library-read",
            "user-library-modify",
            "user-read-email",
            "user-read-private",
        ],
    },
];

/// The heading and the line for a granted scope the catalogue does not know yet (the
/// catalogue may lag behind Spotify).
pub fn undescribed() -> (Message, Message) {
    (msg!("scope-category-other"), msg!("scope-undescribed"))
}

/// The scopes requested when the user does not choose.
pub fn default_scopes() -> ScopeSet {
    ScopeSet::from_known(PRESETS[0].scopes)
}

/// A set of scope names, ordered for stable output.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ScopeSet(BTreeSet<String>);

/// A scope name the user asked for that Spotify does not document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownScope(pub String);

impl UnknownScope {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        msg!("error-scopes-unknown", scope = &self.0)
    }
}

crate::display_in_english!(UnknownScope);

impl ScopeSet {
    /// Parses scopes as Spotify sends them (space separated), keeping unknown names.
    pub fn from_granted(space_separated: &str) -> Self {
        Self(space_separated.split_ascii_whitespace().map(str::to_owned).collect())
    }

    /// Parses a user's choice (commas and/or spaces), rejecting names not in the catalogue.
    pub fn parse_requested(list: &str) -> Result<Self, UnknownScope> {
        Self::try_from_names(list.split(|c: char| c == ',' || c.is_ascii_whitespace()).filter(|s| !s.is_empty()))
    }

    /// Builds a requested set from names, rejecting names not in the catalogue.
    pub fn try_from_names<I, S>(names: I) -> Result<Self, UnknownScope>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut set = BTreeSet::new();
        for name in names {
            let name = name.as_ref().trim();
            if lookup(name).is_none() {
                return Err(UnknownScope(name.to_owned()));
            }
            set.insert(name.to_owned());
        }
        Ok(Self(set))
    }

    fn from_known(names: &[&str]) -> Self {
        Self(names.iter().map(|s| (*s).to_owned()).collect())
    }

    /// Whether the set holds `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }

    /// Names in `self` that are not in `other` (e.g. requested but not granted).
    pub fn missing_from(&self, other: &ScopeSet) -> Vec<String> {
        self.0.difference(&other.0).cloned().collect()
    }

    /// Every name in `self` or in `other` (adding scopes to a link keeps the old ones).
    pub fn union(&self, other: &ScopeSet) -> ScopeSet {
        Self(self.0.union(&other.0).cloned().collect())
    }

    /// The names, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The names as owned strings, sorted.
    pub fn to_vec(&self) -> Vec<String> {
        self.0.iter().cloned().collect()
    }

    /// Number of scopes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when no scope is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The protocol form: names separated by single spaces.
impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for name in &self.0 {
            if !first {
                f.write_str(" ")?;
            }
            f.write_str(name)?;
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Spotify's space-separated form reads back as the same set.
        #[test]
        fn the_protocol_form_round_trips(text in "(?s).{0,200}") {
            let set = ScopeSet::from_granted(&text);
            prop_assert_eq!(ScopeSet::from_granted(&set.to_string()), set.clone());
            prop_assert!(set.iter().all(|name| !name.is_empty() && !name.contains(|c: char| c.is_ascii_whitespace())));
        }

        /// A union keeps every scope of both sides, and nothing else.
        #[test]
        fn union_keeps_both_sides(
            a in proptest::collection::vec(0..CATALOGUE.len(), 0..10),
            b in proptest::collection::vec(0..CATALOGUE.len(), 0..10),
        ) {
            let names = |picks: &[usize]| picks.iter().map(|&i| CATALOGUE[i].name).collect::<Vec<_>>();
            let (a, b) = (ScopeSet::try_from_names(names(&a)).unwrap(), ScopeSet::try_from_names(names(&b)).unwrap());
            let union = a.union(&b);
            prop_assert!(a.missing_from(&union).is_empty() && b.missing_from(&union).is_empty());
            prop_assert!(union.iter().all(|n| a.contains(n) || b.contains(n)));
            prop_assert_eq!(union, b.union(&a));
        }

        /// A user's list parses to the catalogue names it holds, in any separators; any
        /// other name is refused by name.
        #[test]
        fn requested_lists_parse_or_name_the_unknown(list in "[a-z, -]{0,80}") {
            match ScopeSet::parse_requested(&list) {
                Ok(set) => prop_assert!(set.iter().all(|n| lookup(n).is_some())),
                Err(UnknownScope(name)) => {
                    prop_assert!(lookup(&name).is_none());
                    prop_assert!(list.contains(&name));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{english, Catalog, Language};

    #[test]
    fn catalogue_is_complete_and_unique() {
        let names: BTreeSet<_> = CATALOGUE.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), CATALOGUE.len(), "duplicate scope names");
        assert_eq!(CATALOGUE.len(), 24);
        for preset in PRESETS {
            for name in preset.scopes {
                assert!(lookup(name).is_some(), "{} in {}", name, preset.id);
            }
        }
    }

    #[test]
    fn every_scope_and_preset_has_its_words() {
        let english = english();
        let said = |message: &Message| {
            let text = english.format(message);
            assert_ne!(text, message.id(), "locales/en/scopes.ftl lacks {}", message.id());
            text
        };
        for s in CATALOGUE {
            // A scope's message is named for it, so a translator finds it by the scope.
            assert_eq!(s.description().id().strip_prefix("scope-"), Some(s.name));
            assert!(said(&s.description()).ends_with('.'), "{}", s.name);
            said(&s.category.label());
        }
        for preset in PRESETS {
            said(&preset.label());
            assert!(said(&preset.description()).ends_with('.'), "{}", preset.id);
        }
        let (other, line) = undescribed();
        assert_eq!((said(&other), said(&line)), ("Other".into(), "A scope SpotLink does not describe yet.".into()));
    }

    #[test]
    fn the_catalogue_speaks_russian() {
        let russian = Catalog::new(Language::from_tag("ru").unwrap());
        let email = lookup("user-read-email").unwrap();
        assert_eq!(english().format(&email.description()), "See your account's email address.");
        assert_eq!(russian.format(&email.description()), "Видеть адрес электронной почты вашего аккаунта.");
        assert_eq!(russian.format(&email.category.label()), "Аккаунт");
        assert_eq!(russian.format(&PRESETS[0].label()), "Только профиль");
        // Every line is a sentence in Russian too.
        for s in CATALOGUE {
            assert!(russian.format(&s.description()).ends_with('.'), "{}", s.name);
        }
    }

    #[test]
    fn parses_user_lists_and_rejects_typos() {
        let set = ScopeSet::parse_requested("user-read-email, streaming  user-top-read").unwrap();
        assert_eq!(set.to_string(), "streaming user-read-email user-top-read");
        assert_eq!(ScopeSet::parse_requested("user-read-emial").unwrap_err(), UnknownScope("user-read-emial".into()));
        assert!(ScopeSet::parse_requested("").unwrap().is_empty());
    }

    #[test]
    fn granted_keeps_unknown_names_and_diffs() {
        let granted = ScopeSet::from_granted("user-read-email  brand-new-scope");
        assert!(granted.contains("brand-new-scope"));
        let requested = ScopeSet::parse_requested("user-read-email,streaming").unwrap();
        assert_eq!(requested.missing_from(&granted), vec!["streaming".to_string()]);
    }
}
