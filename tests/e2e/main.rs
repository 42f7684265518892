//! End-to-end tests of the SpotLink desktop app: the real `spotlink-app`
//! binary in a real WebKitGTK window, driven over W3C WebDriver
//! (`tauri-driver` + `WebKitWebDriver`), signing in against the Spotify
//! emulator through a fake system browser (`scripts/e2e-browser`) that hands
//! the `spotlink://callback` redirect back through `xdg-open` or `gio open`,
//! with the link kept in a real Secret Service.
//!
//! Run inside a private desktop session (Xvfb, D-Bus, gnome-keyring):
//!
//! ```sh
//! scripts/in-session cargo nextest run -p spotlink --test e2e
//! ```
//!
//! The scenarios run one at a time (`.config/nextest.toml`): the app is a
//! single-instance app, one per D-Bus session. Set
//! `SPOTLINK_E2E_SCREENSHOTS=docs/screenshots` to save a screenshot of each view.

mod driver;
mod flows;
mod harness;
mod sni;

mod accounts;
mod activity;
mod alerts;
mod browser_script;
mod cancel;
mod core_dump;
mod deny;
mod desktop_font;
mod drills;
mod forged_state;
mod handoff;
mod identifier;
mod languages;
mod link;
mod notifications;
mod offline;
mod refresh;
mod relink;
mod reminders;
mod restart;
mod service_errors;
mod setup;
mod tray;
mod unlink;
mod wake;
