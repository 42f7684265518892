//! The engine's error: every failure the user can meet, each with a sentence and a kind
//! that the CLI maps to an exit code and the app to a message and an action.

use serde::Serialize;

use crate::activity::RecordError;
use crate::api::ApiError;
use crate::callback::CallbackError;
use crate::config::ConfigError;
use crate::i18n::{self, Message};
use crate::lock::LockError;
use crate::loopback::LoopbackError;
use crate::msg;
use crate::profile::ProfileError;
use crate::scopes::UnknownScope;
use crate::store::StoreError;
use crate::token::TokenError;

/// Any failure of the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No account is linked.
    NotLinked,
    /// `--account` (or `SPOTLINK_ACCOUNT`, or a switch) named no linked account.
    UnknownAccount { asked: String, linked: Vec<String> },
    /// A display name that several linked accounts share.
    AmbiguousAccount { asked: String, ids: Vec<String> },
    /// Spotify no longer accepts the link. `reason` is Spotify's own description, or
    /// SpotLink's words when it found out itself.
    RelinkNeeded { account: String, reason: Message },
    /// The link was made with another client ID than the one configured now.
    ClientChanged { stored: String, configured: String },
    /// The settings.
    Config(#[from] ConfigError),
    /// The keychain or the state file.
    Store(#[from] StoreError),
    /// The token endpoint.
    Token(#[from] TokenError),
    /// The profile (`GET /me`).
    Profile(#[from] ProfileError),
    /// The redirect back from the browser.
    Callback(#[from] CallbackError),
    /// The loopback listener.
    Loopback(#[from] LoopbackError),
    /// The refresh lock.
    Lock(#[from] LockError),
    /// The activity record.
    Activity(#[from] RecordError),
    /// A scope name Spotify does not document.
    Scope(#[from] UnknownScope),
    /// A Web API call.
    Api(#[from] ApiError),
    /// A code exchange answered without a refresh token.
    NoRefreshToken,
    /// The sign-in ended without Spotify's answer (`spotlink link --remote`: the input
    /// ended first); the reason says what came instead.
    NoAnswer(Message),
    /// The code exchange got `invalid_grant` (code expired, already used, wrong verifier).
    /// The stored link is untouched: this sign-in failed, the link did not die.
    CodeRejected { description: String },
    /// A script asked for scopes the link was not granted (`--require-scope`).
    MissingScopes { missing: Vec<String> },
}

impl Error {
    /// What went wrong and what to do, in words of the catalogues
    /// (`locales/*/errors.ftl`): the CLI and the app word it in their user's language.
    pub fn message(&self) -> Message {
        match self {
            Error::NotLinked => msg!("error-engine-not-linked"),
            Error::UnknownAccount { asked, linked } if linked.is_empty() => {
                msg!("error-engine-unknown-account-none-linked", asked = asked)
            }
            Error::UnknownAccount { asked, linked } => {
                msg!("error-engine-unknown-account", asked = asked, linked = i18n::list(linked))
            }
            Error::AmbiguousAccount { asked, ids } => {
                msg!("error-engine-ambiguous-account", asked = asked, ids = i18n::list(ids))
            }
            Error::RelinkNeeded { account, reason } => {
                msg!("error-engine-relink-needed", account = account, reason = reason.clone())
            }
            Error::ClientChanged { stored, configured } => {
                msg!("error-engine-client-changed", stored = stored, configured = configured)
            }
            Error::Config(e) => e.message(),
            Error::Store(e) => e.message(),
            Error::Token(e) => e.message(),
            Error::Profile(e) => e.message(),
            Error::Callback(e) => e.message(),
            Error::Loopback(e) => e.message(),
            Error::Lock(e) => e.message(),
            Error::Activity(e) => e.message(),
            Error::Scope(e) => e.message(),
            Error::Api(e) => e.message(),
            Error::NoRefreshToken => msg!("error-engine-no-refresh-token"),
            Error::NoAnswer(reason) => msg!("error-engine-no-answer", reason = reason.clone()),
            Error::CodeRejected { description } => msg!("error-engine-code-rejected", description = description),
            Error::MissingScopes { missing } => msg!(
                "error-engine-missing-scopes",
                count = missing.len(),
                scopes = i18n::list(missing),
                argument = missing.join(",")
            ),
        }
    }
}

crate::display_in_english!(Error);

/// What kind of failure, for exit codes and the app's error banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotLinked,
    RelinkNeeded,
    KeychainUnavailable,
    Network,
    RateLimited,
    Timeout,
    Denied,
    StateMismatch,
    InvalidClient,
    NotAllowListed,
    Config,
    /// The link was not granted a scope the caller requires.
    MissingScope,
    Other,
}

impl Error {
    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        use ErrorKind as K;
        match self {
            Error::NotLinked | Error::UnknownAccount { .. } | Error::AmbiguousAccount { .. } => K::NotLinked,
            Error::RelinkNeeded { .. } | Error::ClientChanged { .. } => K::RelinkNeeded,
            Error::Config(_) | Error::Scope(_) => K::Config,
            // The keychain (usually its unlock prompt) did not answer: a keychain problem
            // (`spotlink` exit 5), not a network one.
            Error::Store(StoreError::Timeout { .. }) => K::KeychainUnavailable,
            Error::Store(StoreError::StateFile { .. }) => K::Config,
            // The entry is there but unusable: a new sign-in replaces it.
            Error::Store(StoreError::Corrupt { .. }) => K::RelinkNeeded,
            Error::Store(_) => K::KeychainUnavailable,
            Error::Token(e) => match e {
                TokenError::InvalidGrant { .. } => K::RelinkNeeded,
                TokenError::InvalidClient { .. } => K::InvalidClient,
                TokenError::RateLimited { .. } => K::RateLimited,
                TokenError::Timeout => K::Timeout,
                TokenError::Refused { .. } => K::Other,
                TokenError::Server { .. }
                | TokenError::Unreachable(_)
                | TokenError::Connection(_)
                | TokenError::Malformed(_) => K::Network,
            },
            Error::Profile(e) => match e {
                ProfileError::Forbidden(_) => K::NotAllowListed,
                ProfileError::RateLimited { .. } => K::RateLimited,
                ProfileError::Timeout => K::Timeout,
                ProfileError::Unauthorized(_) => K::RelinkNeeded,
                _ => K::Network,
            },
            Error::Callback(e) => match e {
                CallbackError::Denied => K::Denied,
                CallbackError::StateMismatch | CallbackError::Replayed | CallbackError::NoPendingFlow => {
                    K::StateMismatch
                }
                CallbackError::Malformed(_) => K::StateMismatch,
                CallbackError::Expired => K::Timeout,
                CallbackError::Refused { error, .. } if error == "invalid_client" => K::InvalidClient,
                CallbackError::Refused { .. } => K::Other,
            },
            Error::Loopback(LoopbackError::TimedOut { .. }) => K::Timeout,
            Error::Loopback(_) => K::Other,
            Error::Lock(LockError::Timeout { .. }) => K::Timeout,
            Error::Lock(_) => K::Other,
            Error::Activity(_) => K::Other,
            Error::NoRefreshToken => K::Network,
            Error::CodeRejected { .. } | Error::NoAnswer(_) => K::StateMismatch,
            Error::MissingScopes { .. } => K::MissingScope,
            Error::Api(e) => match e {
                ApiError::Foreign { .. } | ApiError::BadTarget(_) => K::Other,
                ApiError::Unauthorized { .. } => K::RelinkNeeded,
                ApiError::InsufficientScope { .. } => K::MissingScope,
                ApiError::NotAllowListed { .. } => K::NotAllowListed,
                ApiError::RateLimited { .. } => K::RateLimited,
                ApiError::Timeout => K::Timeout,
                ApiError::Server { .. } | ApiError::Unreachable(_) | ApiError::Broken(_) | ApiError::Malformed(_) => {
                    K::Network
                }
                ApiError::Status { .. } => K::Other,
            },
        }
    }

    /// The `Retry-After` of a rate-limited request, in seconds.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Error::Token(TokenError::RateLimited { retry_after })
            | Error::Profile(ProfileError::RateLimited { retry_after })
            | Error::Api(ApiError::RateLimited { retry_after }) => retry_after.map(|d| d.as_secs()),
            _ => None,
        }
    }
}

impl Serialize for Error {
    /// The webview gets `{kind, message}`, never a panic or a Rust debug string.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 3)?;
        s.serialize_field("kind", &self.kind())?;
        s.serialize_field("message", &crate::sentence(&self.message().text()))?;
        s.serialize_field("retry_after_secs", &self.retry_after_secs())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Catalog, Language};
    use crate::msg;

    fn russian(error: &Error) -> String {
        Catalog::new(Language::from_tag("ru").unwrap()).format(&error.message())
    }

    #[test]
    fn missing_scopes_name_one_scope_or_several() {
        let one = Error::MissingScopes { missing: vec!["user-top-read".into()] };
        let two = Error::MissingScopes { missing: vec!["user-top-read".into(), "streaming".into()] };
        assert_eq!(
            one.to_string(),
            "the link lacks the scope user-top-read; add it with `spotlink link --add-scopes user-top-read` \
             (or Relink / change permissions in the app)"
        );
        assert_eq!(
            two.to_string(),
            "the link lacks the scopes user-top-read, streaming; add them with \
             `spotlink link --add-scopes user-top-read,streaming` (or Relink / change permissions in the app)"
        );
        assert_eq!(
            russian(&one),
            "у привязки нет разрешения user-top-read; добавьте его командой \
             `spotlink link --add-scopes user-top-read` (или привяжите аккаунт заново либо измените разрешения в приложении)"
        );
        assert_eq!(
            russian(&two),
            "у привязки нет разрешений user-top-read, streaming; добавьте их командой \
             `spotlink link --add-scopes user-top-read,streaming` (или привяжите аккаунт заново либо измените разрешения в приложении)"
        );
    }

    #[test]
    fn wrapped_errors_and_their_details_come_in_the_same_language() {
        let malformed = Error::from(crate::callback::parse_deep_link("https://example.org/").unwrap_err());
        assert_eq!(
            malformed.to_string(),
            "the sign-in link is malformed (it is not spotlink://callback); nothing was changed"
        );
        assert_eq!(
            russian(&malformed),
            "неправильная ссылка для входа (это не spotlink://callback); ничего не изменено"
        );

        let slow = Error::Store(StoreError::Timeout { op: msg!("error-store-operation-save-link"), secs: 15 });
        assert_eq!(
            russian(&slow),
            "системное хранилище ключей не ответило за 15 с при попытке сохранить привязку; \
             возможно, оно ждёт, пока вы его разблокируете"
        );

        let throttled = Error::Token(TokenError::RateLimited { retry_after: Some(std::time::Duration::from_secs(7)) });
        assert_eq!(russian(&throttled), "Spotify ограничивает частоту запросов ещё 7 с; попробуйте позже");
        let throttled = Error::Api(ApiError::RateLimited { retry_after: None });
        assert_eq!(russian(&throttled), "Spotify ограничивает частоту запросов; попробуйте позже");
    }

    #[test]
    fn spotify_s_own_words_stay_as_they_are() {
        let revoked = Error::RelinkNeeded { account: "Ada".into(), reason: Message::verbatim("Refresh token revoked") };
        assert_eq!(
            revoked.to_string(),
            "the link to Ada must be renewed: Refresh token revoked. Link again to continue"
        );
        assert_eq!(
            russian(&revoked),
            "привязку аккаунта Ada нужно продлить: Refresh token revoked. Привяжите аккаунт заново, чтобы продолжить"
        );
        let unknown = Error::UnknownAccount { asked: "bob".into(), linked: vec!["Ada (ada)".into(), "cy".into()] };
        assert_eq!(
            russian(&unknown),
            "среди привязанных аккаунтов Spotify нет аккаунта с именем bob; привязаны: Ada (ada), cy"
        );
    }

    #[test]
    fn counts_take_russian_plural_forms() {
        let russian_of = |e: StoreError| russian(&Error::Store(e));
        let shared =
            |n: usize| StoreError::Other(msg!("error-store-detail-ambiguous", count = n, service = "spotlink"));
        assert_eq!(
            russian_of(shared(2)),
            "сбой системного хранилища ключей: у одного аккаунта 2 записи службы spotlink; отвяжите аккаунт, чтобы удалить их"
        );
        assert_eq!(
            russian_of(shared(5)),
            "сбой системного хранилища ключей: у одного аккаунта 5 записей службы spotlink; отвяжите аккаунт, чтобы удалить их"
        );
        assert_eq!(
            russian_of(StoreError::TooLarge(1301)),
            "привязка слишком велика для системного хранилища ключей (1301 единица UTF-16)"
        );
    }
}
