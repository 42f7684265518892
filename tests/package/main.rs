//! The installed package, checked as a user and a packager would: what
//! `apt-get install ./spotlink_*.deb` put on this machine (binaries, man pages,
//! completions, menu entry, metainfo, icons), what the validators and lintian say
//! of it, that the package's desktop entry alone hands `spotlink://` links to the
//! installed app, warm and cold, and that `apt-get purge` removes every file and
//! keeps the user's link.
//!
//! `scripts/test` builds the packages (`scripts/package`) and installs the .deb
//! before this suite runs, inside the private session `scripts/in-session` makes.
//! Its scenarios run one at a time with the desktop suite (`.config/nextest.toml`):
//! they start the app (one per D-Bus session) and one of them removes and
//! reinstalls the package.

// The desktop suite's driver, harness and flows, shared as files: this suite uses
// only part of them.
#[allow(dead_code)]
#[path = "../e2e/driver.rs"]
mod driver;
#[allow(dead_code)]
#[path = "../e2e/flows.rs"]
mod flows;
#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;

mod contents;
mod installed;
mod lifecycle;
mod system;
