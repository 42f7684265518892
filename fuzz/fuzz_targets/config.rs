//! The config file (`config.rs`): TOML written by the user or the app, then resolved
//! with the environment (`SPOTLINK_*`) on top.
//!
//! Asserts: the text loads or gives a parse error naming the file and a line and
//! column inside it; a loaded file writes back (as the app writes it) to one that
//! loads the same; a resolved configuration's endpoints are HTTPS, or plain HTTP only
//! on a loopback address, with no query or fragment, whether they came from the file
//! or the environment; an insecure one is a named error.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use spotlink_core::config::{parse_file_config, Config, ConfigError, FileConfig};
use spotlink_core::fuzzing;
use url::{Host, Url};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("/fuzz/config.toml");
    let file = match parse_file_config(text, path) {
        Ok(file) => file,
        Err(ConfigError::Parse { path: p, line, column, .. }) => {
            assert_eq!(p, path);
            assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "line {line}");
            assert!(column >= 1);
            return;
        }
        Err(e) => panic!("a config text is read or has a parse error, not {e:?}"),
    };
    let written = fuzzing::config_file_text(&file).expect("a loaded config writes");
    assert_eq!(parse_file_config(&written, path).expect("a written config loads"), file);

    check(Config::resolve(file.clone(), path.into(), |_| None), &file, false);
    // The same values from the environment instead of the file.
    let env = |name: &str| match name {
        "SPOTLINK_ACCOUNTS_URL" => file.accounts_url.clone(),
        "SPOTLINK_API_URL" => file.api_url.clone(),
        "SPOTLINK_CLIENT_ID" => file.client_id.clone(),
        _ => None,
    };
    check(Config::resolve(FileConfig::default(), path.into(), env), &file, true);
});

fn secure(url: &Url) -> bool {
    let loopback = match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name == "localhost",
        None => false,
    };
    (url.scheme() == "https" || (url.scheme() == "http" && loopback))
        && url.query().is_none()
        && url.fragment().is_none()
}

fn check(resolved: Result<Config, ConfigError>, file: &FileConfig, from_env: bool) {
    match resolved {
        Ok(config) => {
            for url in [&config.accounts_url, &config.api_url] {
                assert!(secure(url), "an insecure endpoint passed: {url}");
            }
            for url in [config.authorize_endpoint(), config.token_endpoint(), config.me_endpoint()] {
                assert!(secure(&url), "an insecure endpoint passed: {url}");
            }
            if let Some(id) = &config.client_id {
                assert!(!id.as_str().is_empty() && id.as_str().chars().all(|c| c.is_ascii_graphic()));
            }
            assert_eq!(config.loopback_port, file.loopback_port.filter(|p| *p != 0).filter(|_| !from_env));
        }
        Err(ConfigError::Invalid { origin, message }) => {
            assert!(!message.english().is_empty());
            if from_env {
                assert!(origin.starts_with("SPOTLINK_"), "{origin}");
            } else {
                assert_eq!(origin, "/fuzz/config.toml");
            }
        }
        Err(e) => panic!("resolving gives a configuration or names what is invalid, not {e:?}"),
    }
}
