//! Exit codes (documented in the README; scripts rely on them).

use std::process::ExitCode;

use spotlink_core::i18n::Message;
use spotlink_core::{Error, ErrorKind};

pub const FAILURE: u8 = 1;
/// A usage error: clap's code, also for values only a verb can check.
pub const USAGE: u8 = 2;
pub const NOT_LINKED: u8 = 3;
pub const RELINK_NEEDED: u8 = 4;
pub const KEYCHAIN: u8 = 5;
pub const NETWORK: u8 = 6;
pub const CONFIG: u8 = 7;
pub const NOT_COMPLETED: u8 = 8;
/// `status --check` only: the link works but ends within 14 days; renew it.
pub const RENEW_SOON: u8 = 9;
/// `--require-scope`: the link was not granted a scope the script needs.
pub const MISSING_SCOPE: u8 = 10;

/// The exit code for an engine error.
pub fn code_of(error: &Error) -> u8 {
    match error.kind() {
        ErrorKind::NotLinked => NOT_LINKED,
        ErrorKind::RelinkNeeded => RELINK_NEEDED,
        ErrorKind::KeychainUnavailable => KEYCHAIN,
        ErrorKind::Network | ErrorKind::RateLimited | ErrorKind::Timeout | ErrorKind::NotAllowListed => NETWORK,
        ErrorKind::Config | ErrorKind::InvalidClient => CONFIG,
        ErrorKind::Denied | ErrorKind::StateMismatch => NOT_COMPLETED,
        ErrorKind::MissingScope => MISSING_SCOPE,
        ErrorKind::Other => FAILURE,
    }
}

/// Prints one sentence on stderr, in the user's language, and returns `code`.
pub fn fail(message: Message, code: u8) -> ExitCode {
    fail_text(&message.text(), code)
}

/// Prints one sentence already in words on stderr and returns `code`.
pub fn fail_text(message: &str, code: u8) -> ExitCode {
    eprintln!("spotlink: {}", spotlink_core::sentence(message));
    ExitCode::from(code)
}

/// Prints the error's sentence on stderr and returns its exit code.
pub fn fail_with(error: &Error) -> ExitCode {
    fail(error.message(), code_of(error))
}
