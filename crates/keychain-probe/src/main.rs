//! `keychain-probe get|set|delete SERVICE ACCOUNT`: one keychain entry, raw, through the
//! same [`KeyringStore`] SpotLink uses. The Windows suite runs its Windows build under
//! Wine to see what `spotlink.exe` left in Credential Manager (Wine keeps it encrypted
//! in the prefix's registry, so there is no reading it from outside), and to plant
//! records there. `set` reads the secret from standard input.
//!
//! A test fixture: it prints secrets, and is never shipped.

use std::io::{Read, Write};
use std::process::ExitCode;

use spotlink_core::store::{KeyringStore, SecretStore};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [verb, service, account] = args.as_slice() else {
        eprintln!("usage: keychain-probe get|set|delete SERVICE ACCOUNT");
        return ExitCode::from(2);
    };
    let store = KeyringStore::new(service.clone());
    let result = match verb.as_str() {
        // Exit 3: no such entry.
        "get" => store.get(account).map(|secret| match secret {
            Some(secret) => {
                let _ = std::io::stdout().write_all(secret.as_bytes());
                ExitCode::SUCCESS
            }
            None => ExitCode::from(3),
        }),
        "set" => {
            let mut secret = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut secret) {
                eprintln!("keychain-probe: standard input: {e}");
                return ExitCode::FAILURE;
            }
            store.set(account, &secret).map(|()| ExitCode::SUCCESS)
        }
        "delete" => store.delete(account).map(|had| if had { ExitCode::SUCCESS } else { ExitCode::from(3) }),
        _ => {
            eprintln!("keychain-probe: unknown verb {verb:?}");
            return ExitCode::from(2);
        }
    };
    result.unwrap_or_else(|e| {
        eprintln!("keychain-probe: {e}");
        ExitCode::FAILURE
    })
}
