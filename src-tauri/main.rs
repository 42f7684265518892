//! SpotLink's desktop shell: translates between Tauri (commands, events, deep links,
//! clipboard, browser) and `spotlink-core`. Decisions live in the engine.

// Prevents an additional console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod accounts;
mod alerts;
mod args;
mod autostart;
mod clipboard;
mod commands;
mod deep_link;
mod desktop_font;
mod error;
mod handoff;
mod language;
#[cfg(test)]
mod layering;
mod notify;
#[cfg(target_os = "linux")]
mod old_identifier;
mod profile;
mod reminders;
mod scheduler;
mod signin;
mod startup;
mod state;
mod tray;
mod tray_host;
mod trim;
mod view;
mod wake;
mod window;

use tracing_subscriber::EnvFilter;

fn main() {
    let in_tray = match args::parse(std::env::args().skip(1)) {
        args::Request::Answer(text) => {
            print!("{text}");
            return;
        }
        args::Request::Run { in_tray } => in_tray,
    };
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
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            // The deep-link feature already passed the arguments to the deep-link plugin,
            // which opens the window for a link itself (`deep_link::listen`): opening it here
            // too would show Windows' missing-WebView2 dialog twice for one link.
            // Started again at login (`--tray`): the running one is already where it should be.
            let link_or_tray = args.iter().skip(1).any(|a| a == args::TRAY || deep_link::is_link(a));
            if !link_or_tray {
                window::open(app);
            }
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
            commands::settings::set_alerts,
            commands::settings::set_keep_in_tray,
            commands::settings::set_autostart,
            commands::settings::answer_close,
            commands::settings::copy_redirect_uri,
            commands::link::start_link,
            commands::link::open_authorize_url,
            commands::link::copy_authorize_url,
            commands::link::cancel_link,
            commands::link::paste_answer,
            commands::accounts::switch_account,
            commands::accounts::add_account,
            commands::token::copy_token,
            commands::token::refresh_now,
            commands::unlink::unlink,
            commands::open::open_account_apps,
            commands::open::open_dashboard,
            commands::rendered::rendered,
            commands::catalog::catalog,
            commands::settings::set_language,
            commands::activity::activity,
            commands::activity::clear_activity,
        ])
        .on_window_event(window::on_window_event)
        .setup(move |app| startup::init(app.handle(), in_tray))
        .build(context);
    match app {
        Ok(app) => app.run(|app, event| window::on_run_event(app, &event)),
        Err(e) => {
            eprintln!("{}", spotlink_core::msg!("app-cannot-start", detail = e.to_string()).text());
            std::process::exit(1);
        }
    }
}
