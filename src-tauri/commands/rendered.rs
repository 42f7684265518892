//! `rendered`: the window reports its first painted screen. The shell logs how long
//! start-up took, and `scripts/bench-app` reads the same moment from
//! `$SPOTLINK_READY_FILE` (the bare window it is compared with does exactly the same).
//! A window opened again later (from the tray) reports too, and is logged as such.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tauri::AppHandle;

use crate::state::shell;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Call first thing in `main`.
pub fn mark_process_start() {
    let _ = STARTED.set(Instant::now());
}

#[tauri::command]
pub fn rendered(app: AppHandle, screen: String) {
    let screen: String = screen.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(32).collect();
    if shell(&app).mark_painted() {
        let elapsed = STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or_default();
        tracing::info!(%screen, elapsed_ms = elapsed, "first screen painted");
    } else {
        tracing::info!(%screen, "window painted again");
    }
    // Every window's first frame: `scripts/bench-tray` times a window reopened from the tray too.
    if let Some(path) = std::env::var_os("SPOTLINK_READY_FILE") {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        if let Err(e) = std::fs::write(path, format!("{} {screen}\n", now.as_nanos())) {
            tracing::warn!(error = %e, "could not write SPOTLINK_READY_FILE");
        }
    }
}
