//! How `spotlink://callback?...` reaches the running app, whether it was running or not:
//!
//! - running: the OS starts a second process with the URL as its argument; that
//!   process hands it over before it starts GTK ([`crate::handoff`], in the
//!   single-instance plugin's protocol; the plugin itself if that fails) and exits,
//!   the plugin (feature `deep-link`) passes it on here, and `on_open_url` fires;
//! - not running: this process was started with the URL, read once at start-up;
//! - macOS delivers URLs to the running app directly (`on_open_url` too).
//!
//! Every URL goes to [`crate::signin::on_deep_link`], which trusts none of them.

#[cfg(target_os = "linux")]
pub mod linux;

use tauri::AppHandle;
#[cfg(target_os = "linux")]
use tauri::Manager;
use tauri_plugin_deep_link::DeepLinkExt;

use crate::signin;

/// The scheme in `tauri.conf.json` (`plugins.deep-link.desktop.schemes`).
pub const SCHEME: &str = "spotlink";

/// Whether a command-line argument is a `spotlink:` link (the OS passes one to a second
/// instance); the scheme compares without case, as in URLs.
pub fn is_link(arg: &str) -> bool {
    arg.get(..SCHEME.len() + 1).is_some_and(|head| head.eq_ignore_ascii_case(&format!("{SCHEME}:")))
}

/// Listens for URLs delivered while the app runs.
pub fn listen(app: &AppHandle) {
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            signin::on_deep_link(&handle, url.as_str());
        }
        crate::window::open(&handle);
    });
}

/// The URL this process was started with, if it was started for one.
pub fn startup_urls(app: &AppHandle) -> Vec<String> {
    match app.deep_link().get_current() {
        Ok(urls) => urls.unwrap_or_default().into_iter().map(String::from).collect(),
        Err(e) => {
            tracing::warn!(error = %e, "could not read the start-up link");
            Vec::new()
        }
    }
}

/// Makes the OS hand `spotlink://` URLs to this binary. On Linux an installed package's
/// desktop entry does that already, so an installed SpotLink only takes the default back
/// from a per-user entry another copy left; any other copy writes its own per-user entry.
/// Runs in the background: it spawns helper programs and nothing waits for it.
pub fn register_handler(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    {
        let exec = match app.env().appimage.clone() {
            Some(appimage) => std::path::PathBuf::from(appimage),
            None => match tauri::utils::platform::current_exe() {
                Ok(exe) => exe,
                Err(e) => return tracing::warn!(error = %e, "cannot find this program's path; links may not arrive"),
            },
        };
        let (applications, mimeapps) = match (app.path().data_dir(), app.path().config_dir()) {
            (Ok(data), Ok(config)) => (data.join("applications"), config.join("mimeapps.list")),
            (Err(e), _) | (_, Err(e)) => {
                return tracing::warn!(error = %e, "cannot find the XDG directories; links may not arrive")
            }
        };
        let bin = tauri::utils::platform::current_exe()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "spotlink-app".into());
        // The plugin's own file name, so an entry it wrote earlier (quoted Exec) is replaced.
        let file_name = format!("{bin}-handler.desktop");
        let name = app.config().product_name.clone().unwrap_or_else(|| "SpotLink".into());
        let data_dirs = linux::data_dirs(std::env::var_os("XDG_DATA_DIRS").as_deref());
        let path_env = std::env::var_os("PATH");
        std::thread::spawn(move || {
            // Installed from a package: its entry hands links to this binary already.
            if let Some(entry) = linux::package_entry(&data_dirs, SCHEME, &exec, path_env.as_deref()) {
                let package_id = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                match linux::rely_on_package(&applications, &file_name, &package_id, SCHEME, &mimeapps) {
                    Ok(done) => {
                        tracing::info!(entry = %entry.display(), "spotlink:// handled by the installed package");
                        if let Some(removed) = done.removed {
                            tracing::info!(file = %removed.display(), "removed the per-user handler another copy left");
                        }
                        if done.reset_default {
                            tracing::info!(default = %package_id, "spotlink:// links go to the installed app again");
                        }
                        if let Some(other) = done.foreign_default {
                            tracing::warn!(
                                default = %other,
                                "your mimeapps.list sends spotlink:// links to another program; sign-in answers will not reach SpotLink (choose Loopback, or run `xdg-mime default {package_id} x-scheme-handler/spotlink`)"
                            );
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "could not check the per-user spotlink:// handler"),
                }
                return;
            }
            let entry = linux::desktop_entry(&name, &exec.to_string_lossy(), SCHEME);
            match linux::register(&applications, &file_name, &entry, SCHEME, &mimeapps) {
                Ok(done) => tracing::info!(
                    file = %done.file.display(),
                    rewrote = done.rewrote_entry,
                    set_default = done.set_default,
                    "spotlink:// handler registered"
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "could not register the spotlink:// handler; links may not arrive")
                }
            }
        });
    }
    #[cfg(windows)]
    if let Err(e) = app.deep_link().register_all() {
        tracing::warn!(error = %e, "could not register the spotlink:// handler; links may not arrive");
    }
    // macOS: the scheme is declared in the bundle's Info.plist.
    #[cfg(target_os = "macos")]
    let _ = app;
}

#[cfg(test)]
mod tests {
    use super::is_link;

    #[test]
    fn links_are_told_from_other_arguments() {
        assert!(is_link("spotlink://callback?code=x&state=y"));
        assert!(is_link("SpotLink://callback"));
        assert!(!is_link("--tray"));
        assert!(!is_link("spotlink"));
        assert!(!is_link("https://accounts.spotify.com"));
        assert!(!is_link("spötlink://"));
    }
}
