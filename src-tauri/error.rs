//! Errors as the window shows them: `{kind, title, message, retry_after_secs}`.
//!
//! The engine decides what went wrong ([`spotlink_core::ErrorKind`]) and words it;
//! the shell only adds a short title per kind and the few failures of its own
//! (browser, clipboard, bad input from the window).

use serde::Serialize;
use spotlink_core::i18n::Message;
use spotlink_core::{msg, Error, ErrorKind};

/// The error kinds of the UI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Denied,
    StateMismatch,
    Network,
    RateLimited,
    RelinkNeeded,
    KeychainUnavailable,
    NotAllowListed,
    InvalidClient,
    Timeout,
    Config,
    Other,
}

impl Kind {
    /// The banner's heading.
    pub fn title(self) -> Message {
        match self {
            Kind::Denied => msg!("app-error-denied"),
            Kind::StateMismatch => msg!("app-error-state-mismatch"),
            Kind::Network => msg!("app-error-network"),
            Kind::RateLimited => msg!("app-error-rate-limited"),
            Kind::RelinkNeeded => msg!("app-error-relink-needed"),
            Kind::KeychainUnavailable => msg!("app-error-keychain-unavailable"),
            Kind::NotAllowListed => msg!("app-error-not-allow-listed"),
            Kind::InvalidClient => msg!("app-error-invalid-client"),
            Kind::Timeout => msg!("app-error-timeout"),
            Kind::Config => msg!("app-error-config"),
            Kind::Other => msg!("app-error-other"),
        }
    }
}

impl From<ErrorKind> for Kind {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::Denied => Kind::Denied,
            ErrorKind::StateMismatch => Kind::StateMismatch,
            ErrorKind::Network => Kind::Network,
            ErrorKind::RateLimited => Kind::RateLimited,
            ErrorKind::RelinkNeeded => Kind::RelinkNeeded,
            ErrorKind::KeychainUnavailable => Kind::KeychainUnavailable,
            ErrorKind::NotAllowListed => Kind::NotAllowListed,
            ErrorKind::InvalidClient => Kind::InvalidClient,
            ErrorKind::Timeout => Kind::Timeout,
            ErrorKind::Config => Kind::Config,
            // The app asks for no scope by name; a relink dialog is where scopes change.
            ErrorKind::MissingScope => Kind::RelinkNeeded,
            ErrorKind::NotLinked | ErrorKind::Other => Kind::Other,
        }
    }
}

/// An error in the view (`AppView.error`) or returned by a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorView {
    pub kind: Kind,
    pub title: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
}

impl ErrorView {
    /// An error with its own title (failures that are not the engine's), in the user's
    /// language.
    pub fn titled(kind: Kind, title: Message, message: impl AsRef<str>) -> Self {
        Self { kind, title: title.text(), message: spotlink_core::sentence(message.as_ref()), retry_after_secs: None }
    }

    /// Input from the window that the shell refuses (a bad client ID, an unknown scope).
    pub fn invalid_input(title: Message, message: impl AsRef<str>) -> Self {
        Self::titled(Kind::Config, title, message)
    }

    /// The system browser could not be started.
    pub fn browser(detail: impl std::fmt::Display, url: &str) -> Self {
        let message = msg!("app-error-browser", detail = detail.to_string(), url = url);
        Self::titled(Kind::Other, msg!("app-error-browser-title"), message.text())
    }

    /// The login item ("Start at login") could not be changed.
    pub fn login_item(detail: impl std::fmt::Display) -> Self {
        Self::titled(Kind::Config, msg!("app-error-login-item-title"), detail.to_string())
    }

    /// The clipboard could not be used.
    pub fn clipboard(detail: impl std::fmt::Display) -> Self {
        let message = msg!("app-error-clipboard", detail = detail.to_string());
        Self::titled(Kind::Other, msg!("app-error-clipboard-title"), message.text())
    }
}

impl From<&Error> for ErrorView {
    fn from(error: &Error) -> Self {
        let kind = Kind::from(error.kind());
        let title = if error.kind() == ErrorKind::NotLinked { msg!("app-error-not-linked") } else { kind.title() };
        Self {
            kind,
            title: title.text(),
            message: spotlink_core::sentence(&error.message().text()),
            retry_after_secs: error.retry_after_secs(),
        }
    }
}

impl From<Error> for ErrorView {
    fn from(error: Error) -> Self {
        Self::from(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spotlink_core::callback::CallbackError;
    use spotlink_core::i18n::Message;
    use spotlink_core::profile::ProfileError;
    use spotlink_core::token::TokenError;
    use std::time::Duration;

    #[test]
    fn engine_errors_keep_their_kind_and_sentence() {
        let denied = ErrorView::from(Error::Callback(CallbackError::Denied));
        assert_eq!(denied.kind, Kind::Denied);
        assert_eq!(denied.title, "Access denied");
        assert_eq!(denied.message, "You declined the request on Spotify's page, so nothing was linked.");

        let slow = ErrorView::from(Error::Token(TokenError::RateLimited { retry_after: Some(Duration::from_secs(7)) }));
        assert_eq!((slow.kind, slow.title.as_str(), slow.retry_after_secs), (Kind::RateLimited, "Slow down", Some(7)));

        let forbidden = ErrorView::from(Error::Profile(ProfileError::Forbidden("user not registered".into())));
        assert_eq!((forbidden.kind, forbidden.title.as_str()), (Kind::NotAllowListed, "Account not allowed"));

        let relink =
            ErrorView::from(Error::RelinkNeeded { account: "Ada".into(), reason: Message::verbatim("revoked") });
        assert_eq!(relink.title, "Link must be renewed");

        let not_linked = ErrorView::from(Error::NotLinked);
        assert_eq!((not_linked.kind, not_linked.title.as_str()), (Kind::Other, "Not linked"));
    }

    #[test]
    fn serialises_as_the_contract_says() {
        let json =
            serde_json::to_value(ErrorView::titled(Kind::InvalidClient, Kind::InvalidClient.title(), "no such client"))
                .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "invalid_client", "title": "Client ID not recognised", "message": "No such client."})
        );
        let json = serde_json::to_value(ErrorView::from(Error::Token(TokenError::RateLimited {
            retry_after: Some(Duration::from_secs(3)),
        })))
        .unwrap();
        assert_eq!(json["retry_after_secs"], 3);
    }
}
