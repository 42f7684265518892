/// The app's own commands: each gets `allow-<command>` and `deny-<command>` permissions,
/// and `capabilities/default.json` allows exactly these for the main window.
const COMMANDS: &[&str] = &[
    "get_view",
    "dismiss_error",
    "dismiss_notice",
    "save_client_id",
    "edit_client_id",
    "set_redirect_mode",
    "set_clipboard_clear",
    "set_notifications",
    "set_alerts",
    "set_keep_in_tray",
    "answer_close",
    "set_autostart",
    "copy_redirect_uri",
    "start_link",
    "open_authorize_url",
    "copy_authorize_url",
    "cancel_link",
    "paste_answer",
    "switch_account",
    "add_account",
    "copy_token",
    "refresh_now",
    "unlink",
    "open_account_apps",
    "open_dashboard",
    "rendered",
    "catalog",
    "set_language",
    "activity",
    "clear_activity",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
