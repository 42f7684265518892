//! SpotLink's Windows build (`scripts/cross windows`) under Wine, as far as Wine goes:
//! the desktop app without WebView2 (which Wine cannot run): started in the tray, its
//! `spotlink://` registration, a second instance handing a link to the first through the
//! Windows shell (`start spotlink://…`), the token renewed from the tray,
//! and what a start with a window but no WebView2 shows; and the NSIS installer
//! (`scripts/windows-installer`).
//! The CLI's Windows suite is `crates/spotlink-cli/tests/windows.rs`; what Wine cannot
//! check, and why, is in docs/platforms.md.
//!
//! Run inside a private desktop session (Wine draws its tray and dialogs on Xvfb):
//!
//! ```sh
//! scripts/cross windows && scripts/in-session cargo nextest run -p spotlink --test windows
//! ```
//!
//! The scenarios run one at a time (`.config/nextest.toml`): the single-instance
//! plugin's mutex and Wine's tray are the prefix's, shared by every test.

mod app;
mod harness;
mod installer;
