//! Secret newtypes: values that must never reach a log, a file or the webview by accident.
//!
//! Modelled on oauth2-rs `types.rs`: `Debug` prints `Name([redacted])`, the value
//! is reached only through an explicit `.secret()`, and memory is zeroed on drop.

use zeroize::Zeroize;

macro_rules! secret_type {
    ($(#[$meta:meta])* $name:ident, clone) => {
        secret_type!(@define $(#[$meta])* $name, #[derive(Clone, PartialEq, Eq)]);
    };
    ($(#[$meta:meta])* $name:ident) => {
        secret_type!(@define $(#[$meta])* $name, #[derive(PartialEq, Eq)]);
    };
    (@define $(#[$meta:meta])* $name:ident, #[$derive:meta]) => {
        $(#[$meta])*
        #[$derive]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: String) -> Self {
                Self(value)
            }

            /// The secret itself. Every call site is a place where the secret leaves its box.
            pub fn secret(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "([redacted])"))
            }
        }

        impl Drop for $name {
            fn drop(&mut self) {
                self.0.zeroize();
            }
        }
    };
}

secret_type!(
    /// A Spotify access token (about one hour of API access).
    AccessToken,
    clone
);
secret_type!(
    /// A Spotify refresh token: the long-lived credential of a link. Lives only in the keychain.
    RefreshToken,
    clone
);
secret_type!(
    /// A single-use authorization code from the redirect (RFC 6749 §4.1.2).
    AuthorizationCode
);
secret_type!(
    /// The PKCE code verifier (RFC 7636 §4.1). Deliberately not `Clone`: one flow, one verifier.
    PkceCodeVerifier
);
secret_type!(
    /// The anti-CSRF `state` value sent in the authorize request (RFC 6749 §10.12).
    CsrfState
);

impl AccessToken {
    /// A display form that shows the token's shape but none of its characters.
    pub fn masked(&self) -> String {
        let n = self.0.chars().count().min(24);
        "•".repeat(n)
    }
}

impl CsrfState {
    /// Compares in constant time, so a forged callback learns nothing from timing.
    pub fn matches(&self, other: &str) -> bool {
        use subtle::ConstantTimeEq;
        let (a, b) = (self.0.as_bytes(), other.as_bytes());
        a.len() == b.len() && bool::from(a.ct_eq(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_is_redacted() {
        let token = AccessToken::new("BQDsecretvalue".into());
        let refresh = RefreshToken::new("AQBrefresh".into());
        let verifier = PkceCodeVerifier::new("verifier-value".into());
        let rendered = format!("{token:?} {refresh:?} {verifier:?} {:?}", Some(&token));
        assert!(!rendered.contains("secret"), "{rendered}");
        assert!(!rendered.contains("refresh\""), "{rendered}");
        assert!(!rendered.contains("verifier-value"), "{rendered}");
        assert!(rendered.contains("AccessToken([redacted])"));
    }

    #[test]
    fn masked_token_reveals_no_character() {
        let token = AccessToken::new("BQDabc".into());
        let masked = token.masked();
        assert!(masked.chars().all(|c| c == '•'));
        assert_eq!(masked.chars().count(), 6);
    }

    #[test]
    fn state_comparison() {
        let state = CsrfState::new("abc".into());
        assert!(state.matches("abc"));
        assert!(!state.matches("abd"));
        assert!(!state.matches("ab"));
        assert!(!state.matches(""));
    }
}
