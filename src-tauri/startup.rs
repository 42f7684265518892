//! Start-up: the engine, the managed state, the window, the deep-link wiring, and the
//! first look at the keychain (no network), followed by a background profile check.

use std::sync::Arc;
use std::time::Duration;

use spotlink_core::config::{Config, FileConfig, Paths};
use spotlink_core::store::KeyringStore;
use spotlink_core::{Engine, EngineOptions};
use tauri::async_runtime::spawn;
use tauri::{AppHandle, Manager};

use crate::error::ErrorView;
use crate::state::{shell, Shell};
use crate::view::Model;
use crate::{deep_link, profile, scheduler, signin, tray, window};

/// The longest the background profile check waits for the window's first paint.
const PROFILE_CHECK_DELAY_LIMIT: Duration = Duration::from_secs(3);
/// The longest the tray icon waits for the window's first paint.
const TRAY_DELAY_LIMIT: Duration = Duration::from_secs(3);

/// Sets everything up; an error here stops the app. `in_tray`: started for the tray
/// (at login), so no window is opened.
pub fn init(app: &AppHandle, in_tray: bool) -> Result<(), Box<dyn std::error::Error>> {
    let (engine, problem) = engine_or_fallback()?;
    // Before anything is worded: the setting (unreadable settings: the desktop's language).
    crate::language::apply(engine.config());
    let model =
        Model { error: problem.map(ErrorView::from), autostart: crate::autostart::enabled(app), ..Model::default() };
    app.manage(Shell::new(app.clone(), engine, model));
    spawn(crate::reminders::follow(app.clone(), shell(app).links()));
    spawn(crate::alerts::follow(app.clone()));
    // The window is created only now (`create: false` in tauri.conf.json), so no
    // command can arrive before the state exists. Without a web view runtime (Windows
    // without WebView2, which Tauri has just told the user about, with where to get it)
    // SpotLink goes on in the tray: the link stays fresh and the tray copies the token.
    let in_tray = in_tray
        || match window::create(app) {
            Ok(()) => false,
            Err(e) if window::web_view_runtime_missing() => {
                tracing::warn!(error = %e, "no web view runtime: SpotLink runs in the tray, without its window");
                true
            }
            Err(e) => return Err(e.into()),
        };
    if in_tray {
        shell(app).update(|inner| inner.in_tray = true);
        // The tray's first menu names the link: it waits (briefly) for the keychain's first
        // read, as the window's first view does, or a panel that reads the menu at once
        // shows "No Spotify account linked" for a linked account.
        add_tray_when(app, TrayAfter::FirstRead);
        tracing::info!("started in the tray");
    } else {
        // The tray follows the window's first frame: setting it up (the indicator, its
        // menu exported over D-Bus) on the main thread would otherwise delay that frame.
        add_tray_when(app, TrayAfter::FirstFrame);
    }
    deep_link::register_handler(app);
    deep_link::listen(app);
    crate::wake::listen(app);
    #[cfg(target_os = "linux")]
    if let Ok(data_dir) = app.path().data_dir() {
        std::thread::spawn(move || match crate::old_identifier::remove_old_webview_data(&data_dir) {
            Ok(true) => tracing::info!("removed the web view caches of the old identifier"),
            Ok(false) => {}
            Err(e) => tracing::debug!(error = %e, "could not remove the old web view caches"),
        });
    }
    spawn(first_load(app.clone()));
    Ok(())
}

/// What the tray waits for before it is added (at most [`TRAY_DELAY_LIMIT`]).
enum TrayAfter {
    /// The keychain's first read, so its first menu names the link.
    FirstRead,
    /// The window's first frame, which setting the tray up on the main thread would delay.
    FirstFrame,
}

/// Adds the tray icon on the main thread once `after` happened.
fn add_tray_when(app: &AppHandle, after: TrayAfter) {
    let app = app.clone();
    spawn(async move {
        match after {
            TrayAfter::FirstRead => shell(&app).wait_loaded(TRAY_DELAY_LIMIT).await,
            TrayAfter::FirstFrame => shell(&app).wait_painted(TRAY_DELAY_LIMIT).await,
        }
        let handle = app.clone();
        let added = app.run_on_main_thread(move || {
            if let Err(e) = tray::create(&handle) {
                tracing::warn!(error = %e, "could not add the tray icon");
            }
        });
        if let Err(e) = added {
            tracing::warn!(error = %e, "could not add the tray icon");
        }
    });
}

/// Keeps the process's memory, which holds tokens while it runs, out of core dumps and
/// away from other processes of the same user: on Linux the process becomes
/// non-dumpable (`prctl(PR_SET_DUMPABLE, 0)`), so a crash writes no core file and
/// `ptrace` or `/proc/<pid>/mem` need root. The web view's processes hold no token and
/// keep the default. The price: `/proc/<pid>/` of the app belongs to root, so tools run
/// as the user (a debugger, the benchmarks' memory reading) need root for it.
///
/// Call first thing in `main` (after logging is set up, so a failure is logged).
pub fn protect_memory() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_DUMPABLE takes an integer and touches no memory of ours.
    if unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } != 0 {
        tracing::warn!(error = %std::io::Error::last_os_error(), "could not keep this process out of core dumps");
    }
}

/// Draws the window without GPU compositing. SpotLink's window is a small static page:
/// compositing buys it nothing, while entering WebKitGTK's accelerated mode costs a GL
/// context per web process (tens of MiB, and with no GPU, as in VMs and remote
/// sessions, Mesa's software rasteriser: about 0.7 s before the first frame on two
/// cores), and is the mode behind most blank-window reports on Linux.
///
/// WebKitGTK's own switch is read when the first web view is created. The per-view
/// setting (`HardwareAccelerationPolicy::Never`) would do the same, but Tauri applies
/// it only after the page has started loading in accelerated mode, and leaving that
/// mode cost ~0.1 s of start-up. A user's own value (`0` keeps compositing) wins.
///
/// Without compositing nothing in this process draws with GL through GTK either, so
/// GTK's own GL set-up (which GTK 3 does for every X11 display it opens, loading the
/// GL driver: with no GPU, Mesa's LLVM-based rasteriser, about 30 MiB) is turned off
/// too (`GDK_GL=disable`), unless the user set `GDK_GL`. A SpotLink started in the
/// tray, without a window, then stays near 60 MiB (scripts/bench-tray).
///
/// Child processes inherit the variables; the only ones SpotLink starts are `xdg-open`
/// and the handler-registration tools.
///
/// Call first thing in `main`, while the process has one thread.
pub fn choose_renderer() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
        if std::env::var_os("GDK_GL").is_none() {
            std::env::set_var("GDK_GL", "disable");
        }
    }
}

/// The engine for this user. With a broken config file the app still starts, on the
/// environment and defaults, and says what is wrong; no home directory is fatal.
fn engine_or_fallback() -> Result<(Engine, Option<spotlink_core::Error>), Box<dyn std::error::Error>> {
    let error = match Engine::from_environment() {
        Ok(engine) => return Ok((engine, None)),
        Err(error) => error,
    };
    tracing::warn!(error = %error, "settings unusable; starting on defaults");
    let paths = Paths::from_platform()?;
    let file = paths.config_file();
    let env = |name: &str| std::env::var(name).ok();
    let config = match Config::resolve(FileConfig::default(), file.clone(), env) {
        Ok(config) => config,
        // The environment itself is invalid: keep only which keychain service to use.
        Err(_) => Config::resolve(FileConfig::default(), file, |name| {
            (name == "SPOTLINK_KEYRING_SERVICE").then(|| env(name)).flatten()
        })?,
    };
    let secrets = Arc::new(KeyringStore::new(config.keyring_service.clone()));
    let engine = Engine::new(config, paths, secrets, EngineOptions::default());
    Ok((engine, Some(error)))
}

/// Shows the stored link at once, then handles a link the app was started with, then,
/// once the window has painted, checks the profile over the network in the background.
async fn first_load(app: AppHandle) {
    let shell = shell(&app);
    let stored = shell.engine().load().await;
    let linked = shell.update(|inner| match stored {
        Ok(link) => {
            inner.model.link = link;
            scheduler::arm(&app, inner, false);
            inner.model.link.is_some()
        }
        Err(e) => {
            tracing::warn!(error = %e, "could not read the link");
            inner.model.error = Some(ErrorView::from(e));
            false
        }
    });
    // A sign-in an earlier run started: its answer may be what started this run.
    match shell.engine().take_remembered_pending().await {
        Ok(Some(pending)) => signin::resume(&app, pending).await,
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "could not read a sign-in kept from an earlier run"),
    }
    shell.mark_loaded();
    for url in deep_link::startup_urls(&app) {
        tracing::info!("started for a sign-in link");
        signin::on_deep_link(&app, &url);
    }
    // The other linked accounts (their entries are read after the active one's, so the
    // linked view does not wait for them), the switcher fills in right after.
    if linked {
        crate::accounts::reload(&app, |_| {}).await;
    }
    if linked {
        // The network check waits for the first paint: on a busy machine it would
        // otherwise compete with the webview's start for the CPU and the keychain.
        shell.wait_painted(PROFILE_CHECK_DELAY_LIMIT).await;
        profile::refresh_in_background(app).await;
    }
}
