//! SpotLink's desktop shell: translates between Tauri (commands, events, deep links,
//! clipboard, browser) and `spotlink-core`. Decisions live in the engine.

// Prevents an additional console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod args;
mod clipboard;
mod commands;
mod deep_link;
mod desktop_font;
mod error;
mod handoff;
#[cfg(target_os = "linux")]
mod old_identifier;
mod profile;
mod reminders;
mod scheduler;
mod signin;
mod startup;
mod state;
mod view;
mod wake;

use tracing_subscriber::EnvFilter;

fn main() {
    if let args::Request::Answer(text) = args::parse(std::env::args().skip(1)) {
        print!("{text}");
        return;
    }
    startup::choose_renderer();
    commands::rendered::mark_process_start();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        // `SPOTLINK_LOG` as for the CLI (e.g. `debug`), else `RUST_LOG`, else info. No path logs a token.
        .with_env_filter(
            EnvFilter::try_from_env("SPOTLINK_LOG")
                .or_else(|_| EnvFilter::try_from_default_env())
                .unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    startup::protect_memory();

    let context = tauri::generate_context!();
    if handoff::to_running_instance(&context.config().identifier) == handoff::Handoff::Delivered {
        return;
    }

    let app = tauri::Builder::default()
        // First: if a second process gets this far (see `handoff`), it hands over its
        // arguments here before anything else runs.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // The deep-link feature already passed the arguments to the deep-link plugin.
            deep_link::show_main_window(app);
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(tauri::generate_handler![
            commands::view::get_view,
            commands::view::dismiss_error,
            commands::view::dismiss_notice,
            commands::settings::save_client_id,
            commands::settings::edit_client_id,
            commands::settings::set_redirect_mode,
            commands::settings::set_clipboard_clear,
            commands::settings::set_notifications,
            commands::settings::copy_redirect_uri,
            commands::link::start_link,
            commands::link::open_authorize_url,
            commands::link::copy_authorize_url,
            commands::link::cancel_link,
            commands::token::copy_token,
            commands::token::refresh_now,
            commands::unlink::unlink,
            commands::open::open_account_apps,
            commands::open::open_dashboard,
            commands::rendered::rendered,
        ])
        .setup(|app| startup::init(app.handle()))
        .run(context);
    if let Err(e) = app {
        eprintln!("SpotLink could not start: {e}");
        std::process::exit(1);
    }
}
