//! Test harness: a real emulator on loopback, the real Secret Service, a private state dir.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use spotify_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use spotlink_core::authorize::{PendingAuthorization, RedirectUri};
use spotlink_core::callback::{self, PendingFlow};
use spotlink_core::config::{Config, FileConfig, Paths};
use spotlink_core::scopes::ScopeSet;
use spotlink_core::store::{KeyringStore, SecretStore, StoredLink};
use spotlink_core::token::RetryPolicy;
use spotlink_core::{Engine, EngineOptions};
use tempfile::TempDir;

/// Fails loudly (never skips) when the test environment lacks a Secret Service.
pub fn require_secret_service() {
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "these tests use the real Secret Service on a private D-Bus session: run them with ./scripts/test"
    );
}

pub struct Harness {
    pub emulator: EmulatorHandle,
    pub dir: TempDir,
    pub service: String,
    pub engine: Engine,
}

/// Fast retries and short timeouts so fault tests run quickly.
pub fn test_options() -> EngineOptions {
    EngineOptions {
        http_timeout: Duration::from_secs(2),
        keychain_timeout: Duration::from_secs(10),
        retry: RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(2),
        },
        ..EngineOptions::default()
    }
}

impl Harness {
    pub async fn start(config: EmulatorConfig) -> Self {
        require_secret_service();
        let emulator = Emulator::start(config).await.expect("emulator starts");
        let dir = tempfile::tempdir().unwrap();
        let service = format!("spotlink-test-{}-{}", std::process::id(), rand_suffix());
        let engine = engine_for(&emulator, &dir, &service, test_options());
        Self { emulator, dir, service, engine }
    }

    pub async fn default() -> Self {
        Self::start(EmulatorConfig::default()).await
    }

    /// Another engine over the same keychain and state dir: another process, in effect.
    pub fn another_engine(&self) -> Engine {
        engine_for(&self.emulator, &self.dir, &self.service, test_options())
    }

    pub fn secrets(&self) -> KeyringStore {
        KeyringStore::new(self.service.clone())
    }

    /// The raw keychain record of the emulator's user.
    pub fn raw_record(&self) -> Option<String> {
        let store = self.secrets();
        std::thread::spawn(move || store.get("emu-user").unwrap().map(|s| s.to_string())).join().unwrap()
    }

    /// Plays the browser: follows the authorize URL to the emulator and returns the redirect it answers with.
    pub async fn authorize(&self, pending: &PendingAuthorization) -> String {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let response = client.get(pending.authorize_url().clone()).send().await.unwrap();
        assert_eq!(response.status(), 302, "the emulator redirects back");
        response.headers()["location"].to_str().unwrap().to_owned()
    }

    /// A full link through the deep-link redirect.
    pub async fn link(&self, scopes: &str, relink: bool) -> StoredLink {
        let mut flow = PendingFlow::new();
        let scopes = ScopeSet::parse_requested(scopes).unwrap();
        let pending = flow.begin(self.engine.begin_link(scopes, RedirectUri::deep_link(), relink, None).unwrap());
        let location = self.authorize(pending).await;
        let params = callback::parse_deep_link(&location).unwrap();
        let completed = flow.complete(params, time::OffsetDateTime::now_utc()).unwrap();
        self.engine.finish_link(completed).await.unwrap()
    }

    /// GET /v1/me with `token`; returns the HTTP status.
    pub async fn me_status(&self, token: &str) -> u16 {
        let url = format!("{}/me", self.emulator.api_url());
        reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap().status().as_u16()
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let store = self.secrets();
        // Keychain calls block; keep them off the async runtime's thread.
        let _ = std::thread::spawn(move || store.delete("emu-user")).join();
    }
}

pub fn engine_for(emulator: &EmulatorHandle, dir: &TempDir, service: &str, options: EngineOptions) -> Engine {
    engine_with_store(emulator, dir, service, options, |service| Arc::new(KeyringStore::new(service)))
}

/// As [`engine_for`], with no client ID configured (the setting was removed).
pub fn engine_without_client_id(emulator: &EmulatorHandle, dir: &TempDir, service: &str) -> Engine {
    engine_with(emulator, dir, service, test_options(), None, |service| Arc::new(KeyringStore::new(service)))
}

/// As [`engine_for`], over the keychain store `store` makes for the service name.
pub fn engine_with_store(
    emulator: &EmulatorHandle,
    dir: &TempDir,
    service: &str,
    options: EngineOptions,
    store: impl FnOnce(String) -> Arc<dyn SecretStore>,
) -> Engine {
    engine_with(emulator, dir, service, options, Some("spotlink-test-client"), store)
}

fn engine_with(
    emulator: &EmulatorHandle,
    dir: &TempDir,
    service: &str,
    options: EngineOptions,
    client_id: Option<&str>,
    store: impl FnOnce(String) -> Arc<dyn SecretStore>,
) -> Engine {
    let client_id = client_id.map(str::to_owned);
    let paths = Paths::new(dir.path().join("config"), dir.path().join("data"));
    let accounts = emulator.accounts_url();
    let api = emulator.api_url();
    let service = service.to_owned();
    let env = move |name: &str| match name {
        "SPOTLINK_CLIENT_ID" => client_id.clone(),
        "SPOTLINK_ACCOUNTS_URL" => Some(accounts.clone()),
        "SPOTLINK_API_URL" => Some(api.clone()),
        "SPOTLINK_KEYRING_SERVICE" => Some(service.clone()),
        _ => None,
    };
    let config = Config::resolve(FileConfig::default(), paths.config_file(), env).unwrap();
    let secrets = store(config.keyring_service.clone());
    Engine::new(config, paths, secrets, options)
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64);
    h.finish()
}
