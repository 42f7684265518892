//! A bare Tauri 2 window, built with the same release profile as SpotLink, used by
//! `scripts/bench-app` as the baseline for start-up time, memory and idle CPU.
//! Its only code is the benchmark marker both apps share: when the page reports its
//! first painted frame, the time is written to `$SPOTLINK_READY_FILE`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn rendered(screen: String) {
    if let Some(path) = std::env::var_os("SPOTLINK_READY_FILE") {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        let _ = std::fs::write(path, format!("{} {screen}\n", now.as_nanos()));
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![rendered])
        .run(tauri::generate_context!())
        .expect("error while running the bare window");
}
