//! Configuration: the client ID and endpoints, from the config file and the environment.
//!
//! The file lives at `<platform config dir>/config.toml` (XDG on Linux:
//! `$XDG_CONFIG_HOME/spotlink/config.toml`); `SPOTLINK_CLIENT_ID`,
//! `SPOTLINK_ACCOUNTS_URL` and `SPOTLINK_API_URL` override it. Nothing secret is
//! ever written here: a PKCE client has no secret, and tokens live in the keychain.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::activity::unusual::Rules;
use crate::activity::Bounds;
use crate::i18n::{Language, Message};
use crate::msg;

/// Spotify's accounts service.
pub const SPOTIFY_ACCOUNTS_URL: &str = "https://accounts.spotify.com";
/// Spotify's Web API.
pub const SPOTIFY_API_URL: &str = "https://api.spotify.com/v1";
/// Where a user removes an app's access to their account (there is no revocation endpoint).
pub const ACCOUNT_APPS_URL: &str = "https://www.spotify.com/account/apps/";
/// Where a developer creates an app and finds its client ID.
pub const DASHBOARD_URL: &str = "https://developer.spotify.com/dashboard";
/// The keychain service name under which links are stored.
pub const DEFAULT_KEYRING_SERVICE: &str = "spotlink";

/// Where SpotLink keeps its (non-secret) files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform directories (XDG on Linux, Application Support on macOS, AppData on Windows).
    pub fn from_platform() -> Result<Self, ConfigError> {
        let dirs = directories::ProjectDirs::from("dev", "SpotLink", "SpotLink").ok_or(ConfigError::NoHome)?;
        Ok(Self { config_dir: dirs.config_dir().to_path_buf(), data_dir: dirs.data_dir().to_path_buf() })
    }

    /// Explicit directories (tests, portable installs).
    pub fn new(config_dir: impl Into<PathBuf>, data_dir: impl Into<PathBuf>) -> Self {
        Self { config_dir: config_dir.into(), data_dir: data_dir.into() }
    }

    /// The config file.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// The state file: which accounts are linked, the active one, what was asked for. No secrets.
    pub fn state_file(&self) -> PathBuf {
        self.data_dir.join("state.json")
    }

    /// The lock file that serialises changes of the state file between processes.
    pub fn state_lock(&self) -> PathBuf {
        self.data_dir.join("state.lock")
    }

    /// The lock file that serialises `account`'s refreshes between processes: one per
    /// account, so refreshing one never waits for another. The id is spelled safely for
    /// a file name (letters, digits, `-` and `_` as they are, any other byte `%XX`).
    pub fn refresh_lock(&self, account: &str) -> PathBuf {
        let mut name = String::from("refresh-");
        for byte in account.bytes() {
            if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
                name.push(char::from(byte));
            } else {
                name.push_str(&format!("%{byte:02X}"));
            }
        }
        name.push_str(".lock");
        self.data_dir.join(name)
    }
}

/// How the browser hands the authorization back to the desktop app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RedirectMode {
    /// `spotlink://callback`, delivered by the OS to the running app.
    #[default]
    DeepLink,
    /// `http://127.0.0.1:<port>/callback`, for systems that do not deliver custom schemes.
    Loopback,
}

/// The config file's contents, as written by the user or the app. All fields optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accounts_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<RedirectMode>,
    /// Fixed loopback port (0 or absent: any free port).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loopback_port: Option<u16>,
    /// Clear the clipboard this many seconds after copying a token, if it still holds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clipboard_clear_secs: Option<u32>,
    /// Desktop notifications before the link ends and when Spotify rejects it (default on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notifications: Option<bool>,
    /// Closing the window keeps SpotLink running in the tray (absent: not chosen yet,
    /// so the first close asks; see [`crate::background::on_close`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keep_in_tray: Option<bool>,
    /// The app's language: a catalogue's tag (`en`, `ru`); absent follows the desktop's.
    /// Anything else (another type, a language SpotLink does not speak) reads as absent,
    /// so a hand-edited value never keeps the app from starting.
    #[serde(default, deserialize_with = "lenient_text", skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// How many days the activity record keeps (default 90).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_days: Option<u32>,
    /// How large the activity record may grow, in KiB (default 4096).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity_max_kib: Option<u32>,
    /// Notifications about unusual activity (default on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alerts: Option<bool>,
    /// More tokens than this within a minute is unusual (default 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert_tokens_per_minute: Option<u32>,
}

/// A text setting that reads as absent when the file holds another type there.
fn lenient_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Lenient {
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Lenient::deserialize(deserializer)? {
        Lenient::Text(text) => Some(text),
        Lenient::Other(_) => None,
    })
}

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub client_id: Option<ClientId>,
    pub accounts_url: Url,
    pub api_url: Url,
    pub redirect: RedirectMode,
    pub loopback_port: Option<u16>,
    pub clipboard_clear_secs: Option<u32>,
    /// Remind the user with desktop notifications before the link ends ([`crate::reminders`]).
    pub notifications: bool,
    /// Closing the window keeps SpotLink in the tray; `None` until the user chose.
    pub keep_in_tray: Option<bool>,
    /// The language the user chose for the app; `None` follows the desktop's (also for
    /// a value in the file that names no language SpotLink speaks).
    pub language: Option<Language>,
    /// How long the activity record is kept and how large it grows.
    pub activity: Bounds,
    /// Notify about unusual activity ([`crate::activity::unusual`]).
    pub alerts: bool,
    pub alert_rules: Rules,
    /// Keychain service name; `SPOTLINK_KEYRING_SERVICE` lets tests and side-by-side
    /// installs keep separate links.
    pub keyring_service: String,
    /// The file the settings came from (whether or not it exists).
    pub file: PathBuf,
}

/// A validated OAuth client ID (not a secret: it appears in every authorize URL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ClientId(String);

impl ClientId {
    /// Validates a client ID. Spotify's are 32 hex characters; other servers configured
    /// like Spotify may use other forms, so only Spotify's accounts URL gets the strict check.
    /// The error says what a client ID must look like.
    pub fn parse(value: &str, accounts_url: &Url) -> Result<Self, Message> {
        let value = value.trim();
        if value.is_empty() {
            return Err(msg!("error-config-detail-client-id-empty"));
        }
        if value.len() > 128 || !value.chars().all(|c| c.is_ascii_graphic()) {
            return Err(msg!("error-config-detail-client-id-form"));
        }
        let spotify = accounts_url.host_str() == Some("accounts.spotify.com");
        if spotify && !(value.len() == 32 && value.chars().all(|c| c.is_ascii_hexdigit())) {
            return Err(msg!("error-config-detail-client-id-spotify"));
        }
        Ok(Self(value.to_owned()))
    }

    /// The ID as sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ClientId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why the configuration could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// No home directory, so no place for the settings.
    NoHome,
    /// The settings file exists but cannot be read.
    Read { path: PathBuf, source: std::io::Error },
    /// The settings file cannot be written.
    Write { path: PathBuf, source: std::io::Error },
    /// The file is not TOML SpotLink reads; `message` is the parser's.
    Parse { path: PathBuf, line: usize, column: usize, message: String },
    /// A setting's value is refused; `origin` is the file or the variable it came from.
    Invalid { origin: String, message: Message },
    /// The client ID kept with a link is not one the accounts service takes.
    InvalidStoredClientId(Message),
    /// No client ID is configured; the path is the settings file to set it in.
    MissingClientId(PathBuf),
}

impl ConfigError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            ConfigError::NoHome => msg!("error-config-no-home"),
            ConfigError::Read { path, source } => {
                msg!("error-config-read", path = path.display().to_string(), detail = source.to_string())
            }
            ConfigError::Write { path, source } => {
                msg!("error-config-write", path = path.display().to_string(), detail = source.to_string())
            }
            ConfigError::Parse { path, line, column, message } => msg!(
                "error-config-parse",
                path = path.display().to_string(),
                line = *line,
                column = *column,
                detail = message
            ),
            ConfigError::Invalid { origin, message } => {
                msg!("error-config-invalid", origin = origin, detail = message.clone())
            }
            ConfigError::InvalidStoredClientId(message) => {
                msg!("error-config-invalid-stored-client-id", detail = message.clone())
            }
            ConfigError::MissingClientId(path) => {
                msg!("error-config-missing-client-id", dashboard = DASHBOARD_URL, path = path.display().to_string())
            }
        }
    }
}

crate::display_in_english!(ConfigError);

impl Config {
    /// Reads the config file (absent is fine) and applies the environment on top.
    pub fn load(paths: &Paths) -> Result<Self, ConfigError> {
        let file = paths.config_file();
        let file_config = read_file_config(&file)?;
        Self::resolve(file_config, file, |name| std::env::var(name).ok())
    }

    /// Applies `env` over `file_config` and validates the result.
    pub fn resolve(
        file_config: FileConfig,
        file: PathBuf,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let origin = |var: &str, from_env: bool| if from_env { var.to_owned() } else { file.display().to_string() };
        let pick = |var: &str, from_file: Option<String>| match env(var).filter(|v| !v.trim().is_empty()) {
            Some(v) => (Some(v), true),
            None => (from_file, false),
        };

        let (accounts, env_accounts) = pick("SPOTLINK_ACCOUNTS_URL", file_config.accounts_url);
        let accounts_url = parse_endpoint(accounts.as_deref().unwrap_or(SPOTIFY_ACCOUNTS_URL)).map_err(|message| {
            ConfigError::Invalid { origin: origin("SPOTLINK_ACCOUNTS_URL", env_accounts), message }
        })?;
        let (api, env_api) = pick("SPOTLINK_API_URL", file_config.api_url);
        let api_url = parse_endpoint(api.as_deref().unwrap_or(SPOTIFY_API_URL))
            .map_err(|message| ConfigError::Invalid { origin: origin("SPOTLINK_API_URL", env_api), message })?;
        let (client_id, env_client) = pick("SPOTLINK_CLIENT_ID", file_config.client_id);
        let client_id = client_id
            .map(|id| ClientId::parse(&id, &accounts_url))
            .transpose()
            .map_err(|message| ConfigError::Invalid { origin: origin("SPOTLINK_CLIENT_ID", env_client), message })?;
        let keyring_service = env("SPOTLINK_KEYRING_SERVICE")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_KEYRING_SERVICE.to_owned());

        Ok(Self {
            client_id,
            accounts_url,
            api_url,
            redirect: file_config.redirect.unwrap_or_default(),
            loopback_port: file_config.loopback_port.filter(|p| *p != 0),
            clipboard_clear_secs: file_config.clipboard_clear_secs.filter(|s| *s != 0),
            notifications: file_config.notifications.unwrap_or(true),
            keep_in_tray: file_config.keep_in_tray,
            language: file_config.language.as_deref().and_then(|tag| {
                let language = Language::from_tag(tag);
                if language.is_none() {
                    tracing::warn!(
                        language = tag,
                        "the settings name a language SpotLink does not speak; following the desktop's"
                    );
                }
                language
            }),
            activity: Bounds {
                days: file_config.activity_days.filter(|d| *d > 0).unwrap_or(Bounds::default().days),
                max_bytes: file_config
                    .activity_max_kib
                    .filter(|k| *k > 0)
                    .map_or(Bounds::default().max_bytes, |k| u64::from(k) * 1024),
            },
            alerts: file_config.alerts.unwrap_or(true),
            alert_rules: Rules {
                tokens_per_minute: file_config
                    .alert_tokens_per_minute
                    .filter(|n| *n > 0)
                    .unwrap_or(Rules::default().tokens_per_minute),
            },
            keyring_service,
            file,
        })
    }

    /// The client ID, or an error telling the user how to get one.
    pub fn require_client_id(&self) -> Result<&ClientId, ConfigError> {
        self.client_id.as_ref().ok_or_else(|| ConfigError::MissingClientId(self.file.clone()))
    }

    /// `<accounts>/authorize`.
    pub fn authorize_endpoint(&self) -> Url {
        join(&self.accounts_url, "authorize")
    }

    /// `<accounts>/api/token`.
    pub fn token_endpoint(&self) -> Url {
        join(&self.accounts_url, "api/token")
    }

    /// `<api>/me`.
    pub fn me_endpoint(&self) -> Url {
        join(&self.api_url, "me")
    }

    /// True when the endpoints are Spotify's own (not an emulator or another server).
    pub fn is_spotify(&self) -> bool {
        self.accounts_url.host_str() == Some("accounts.spotify.com")
    }
}

/// Reads and parses the config file; a missing file is an empty config.
pub fn read_file_config(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
        Err(source) => return Err(ConfigError::Read { path: path.to_owned(), source }),
    };
    parse_file_config(&text, path)
}

/// Parses the text of the config file read from `path` (named in the error).
pub fn parse_file_config(text: &str, path: &Path) -> Result<FileConfig, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|span| line_column(text, span.start)).unwrap_or((1, 1));
        ConfigError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: e.message().trim_end_matches('\n').to_owned(),
        }
    })
}

/// Writes the config file atomically (temporary file + rename), creating its directory.
pub fn write_file_config(path: &Path, config: &FileConfig) -> Result<(), ConfigError> {
    let write_err = |source| ConfigError::Write { path: path.to_owned(), source };
    let body = file_config_text(config).map_err(|e| write_err(std::io::Error::other(e)))?;
    atomic_write(path, body.as_bytes()).map_err(write_err)
}

/// The text [`write_file_config`] writes.
pub(crate) fn file_config_text(config: &FileConfig) -> Result<String, toml::ser::Error> {
    let text = toml::to_string_pretty(config)?;
    Ok(format!("# SpotLink settings. Nothing secret belongs here: tokens live in the system keychain.\n{text}"))
}

/// Replaces `path` with `bytes` so a reader sees either the old or the new file, never half of one.
/// The temporary file is unique to the process and the call, and removed again when
/// anything fails (a full or read-only disk), so no half-written file is ever left.
pub(crate) fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let written = fs::File::create_new(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    let renamed = written.and_then(|()| fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    renamed
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    // toml's span can start inside a multi-byte character (after a `\` that escapes it).
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Endpoints must be HTTPS, or plain HTTP on a loopback address (a local emulator).
fn parse_endpoint(value: &str) -> Result<Url, Message> {
    let url = Url::parse(value.trim())
        .map_err(|e| msg!("error-config-detail-not-a-url", value = value, detail = e.to_string()))?;
    let loopback = matches!(url.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback())
        || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
        || url.host_str() == Some("localhost");
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => return Err(msg!("error-config-detail-not-https", value = value)),
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(msg!("error-config-detail-query-or-fragment", value = value));
    }
    Ok(url)
}

fn join(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!("{}/{}", base.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn each_account_has_a_refresh_lock_of_its_own_with_a_safe_name() {
        let paths = Paths::new("/c", "/d");
        assert_eq!(paths.refresh_lock("ada_L-1"), Path::new("/d/refresh-ada_L-1.lock"));
        assert_eq!(paths.refresh_lock("../x y"), Path::new("/d/refresh-%2E%2E%2Fx%20y.lock"));
        assert_eq!(paths.refresh_lock("jö"), Path::new("/d/refresh-j%C3%B6.lock"));
        assert_ne!(paths.refresh_lock("a.b"), paths.refresh_lock("a%2Eb"), "no two ids share a lock");
    }

    #[test]
    fn defaults_are_spotify() {
        let c = Config::resolve(FileConfig::default(), "c.toml".into(), env_of(&[])).unwrap();
        assert_eq!(c.authorize_endpoint().as_str(), "https://accounts.spotify.com/authorize");
        assert_eq!(c.token_endpoint().as_str(), "https://accounts.spotify.com/api/token");
        assert_eq!(c.me_endpoint().as_str(), "https://api.spotify.com/v1/me");
        assert!(c.client_id.is_none());
        assert!(matches!(c.require_client_id(), Err(ConfigError::MissingClientId(_))));
        assert_eq!(c.keyring_service, "spotlink");
    }

    #[test]
    fn environment_overrides_file() {
        let file = FileConfig {
            client_id: Some("0123456789abcdef0123456789abcdef".into()),
            accounts_url: Some("https://example.org/".into()),
            ..Default::default()
        };
        let env = env_of(&[
            ("SPOTLINK_ACCOUNTS_URL", "http://127.0.0.1:4380"),
            ("SPOTLINK_API_URL", "http://127.0.0.1:4380/v1/"),
            ("SPOTLINK_CLIENT_ID", "spotlink-test-client"),
        ]);
        let c = Config::resolve(file, "c.toml".into(), env).unwrap();
        assert_eq!(c.client_id.as_ref().unwrap().as_str(), "spotlink-test-client");
        assert_eq!(c.token_endpoint().as_str(), "http://127.0.0.1:4380/api/token");
        assert_eq!(c.me_endpoint().as_str(), "http://127.0.0.1:4380/v1/me");
    }

    #[test]
    fn spotify_client_ids_are_checked_strictly() {
        let spotify = Url::parse(SPOTIFY_ACCOUNTS_URL).unwrap();
        assert!(ClientId::parse("0123456789abcdef0123456789ABCDEF", &spotify).is_ok());
        assert!(ClientId::parse("spotlink-test-client", &spotify).is_err());
        assert!(ClientId::parse("", &spotify).is_err());
        let other = Url::parse("http://127.0.0.1:1").unwrap();
        assert!(ClientId::parse("spotlink-test-client", &other).is_ok());
        assert!(ClientId::parse("has space", &other).is_err());
    }

    #[test]
    fn insecure_endpoints_are_refused() {
        let env = env_of(&[("SPOTLINK_ACCOUNTS_URL", "http://accounts.example.com")]);
        let err = Config::resolve(FileConfig::default(), "c.toml".into(), env).unwrap_err();
        assert!(err.to_string().starts_with("SPOTLINK_ACCOUNTS_URL:"), "{err}");
    }

    #[test]
    fn corrupt_file_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        fs::write(&path, "client_id = \"abc\"\nredirect = \"carrier-pigeon\"\n").unwrap();
        let err = read_file_config(&path).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, ConfigError::Parse { line: 2, .. }), "{text}");
        assert!(text.contains("config.toml line 2"), "{text}");

        fs::write(&path, "client_id = \n").unwrap();
        assert!(matches!(read_file_config(&path), Err(ConfigError::Parse { line: 1, .. })));
    }

    #[test]
    fn an_escaped_multibyte_character_is_a_parse_error_not_a_crash() {
        // Found by the `config` fuzz target: the error's position fell inside `ҙ`, and
        // slicing the text there panicked.
        let text = "accounts_url = \"http:/l\\ҙttt\"\n";
        let err = parse_file_config(text, Path::new("c.toml")).unwrap_err();
        assert!(matches!(err, ConfigError::Parse { line: 1, .. }), "{err}");
    }

    #[test]
    fn file_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/config.toml");
        let config = FileConfig {
            client_id: Some("x".into()),
            redirect: Some(RedirectMode::Loopback),
            clipboard_clear_secs: Some(30),
            notifications: Some(false),
            keep_in_tray: Some(true),
            ..Default::default()
        };
        write_file_config(&path, &config).unwrap();
        assert_eq!(read_file_config(&path).unwrap(), config);
        let config = FileConfig { language: Some("ru".into()), ..config };
        write_file_config(&path, &config).unwrap();
        assert_eq!(read_file_config(&path).unwrap(), config);
        assert_eq!(read_file_config(&dir.path().join("absent.toml")).unwrap(), FileConfig::default());
    }

    #[test]
    fn a_language_setting_that_names_nothing_follows_the_desktop() {
        let language = |text: &str| {
            let file = parse_file_config(text, Path::new("c.toml")).expect("the file reads");
            Config::resolve(file, "c.toml".into(), env_of(&[])).unwrap().language.map(|l| l.tag())
        };
        assert_eq!(language("language = \"ru\"\n"), Some("ru"));
        assert_eq!(language("language = \"en\"\n"), Some("en"));
        assert_eq!(language(""), None);
        // Unknown, empty, or not text at all: no error, the desktop's language.
        for other in ["\"de\"", "\"\"", "\"../../etc\"", "5", "true", "[\"ru\"]", "{ tag = \"ru\" }"] {
            assert_eq!(language(&format!("language = {other}\n")), None, "{other}");
        }
    }
}
