//! "Start at login": SpotLink starts with the session, in the tray (`--tray`), so the
//! token stays fresh and the reminders arrive without anyone opening the window.
//!
//! On Linux this is an XDG autostart entry (Desktop Application Autostart
//! Specification) in `$XDG_CONFIG_HOME/autostart/`; the entry itself is the setting,
//! so removing it elsewhere (a desktop's "Startup Applications") turns it off here too.
//! On macOS a LaunchAgent and on Windows the `Run` key, through the auto-launch crate
//! (not exercised by this repository's tests, which run on Linux).

use tauri::AppHandle;
#[cfg(target_os = "linux")]
use tauri::Manager;

use crate::args::TRAY;
use crate::error::ErrorView;

/// Whether SpotLink starts at login.
pub fn enabled(app: &AppHandle) -> bool {
    #[cfg(target_os = "linux")]
    {
        linux::entry_path(app).is_some_and(|path| linux::enabled_in(std::fs::read_to_string(path).ok().as_deref()))
    }
    #[cfg(not(target_os = "linux"))]
    {
        other::launcher(app).and_then(|l| l.is_enabled().map_err(|e| e.to_string())).unwrap_or(false)
    }
}

/// Turns starting at login on or off.
pub fn set(app: &AppHandle, on: bool) -> Result<(), ErrorView> {
    let failed = |e: String| ErrorView::login_item(e);
    #[cfg(target_os = "linux")]
    {
        let path = linux::entry_path(app).ok_or_else(|| failed("no configuration directory".into()))?;
        let result = if on {
            let exe = executable(app).map_err(|e| failed(e.to_string()))?;
            linux::write(&path, &linux::entry(&exe.to_string_lossy()))
        } else {
            linux::remove(&path)
        };
        result.map_err(|e| failed(format!("{}: {e}", path.display())))?;
        tracing::info!(on, file = %path.display(), "login item changed");
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let launcher = other::launcher(app).map_err(failed)?;
        let result = if on { launcher.enable() } else { launcher.disable() };
        result.map_err(|e| failed(e.to_string()))?;
        tracing::info!(on, "login item changed");
        Ok(())
    }
}

/// The program the login item starts: this binary (or, on Linux, the AppImage holding it).
fn executable(app: &AppHandle) -> std::io::Result<std::path::PathBuf> {
    #[cfg(target_os = "linux")]
    if let Some(appimage) = app.env().appimage.clone() {
        return Ok(appimage.into());
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
    tauri::utils::platform::current_exe()
}

#[cfg(target_os = "linux")]
mod linux {
    use std::fs;
    use std::io;
    use std::path::{Path, PathBuf};

    use tauri::{AppHandle, Manager};

    use super::TRAY;
    use crate::deep_link::linux::{exec_argument, group_entries};

    /// The entry's file name.
    const FILE_NAME: &str = "spotlink.desktop";

    pub fn entry_path(app: &AppHandle) -> Option<PathBuf> {
        app.path().config_dir().ok().map(|dir| dir.join("autostart").join(FILE_NAME))
    }

    /// The autostart entry for the program at `exe`. `TryExec` makes the session skip it
    /// once that program is gone (the package was removed), instead of failing at login.
    pub fn entry(exe: &str) -> String {
        format!(
            "[Desktop Entry]\n\
             Type=Application\n\
             Name=SpotLink\n\
             Comment=Keeps your Spotify link fresh from the tray (SpotLink's \"Start at login\")\n\
             Exec={} {TRAY}\n\
             TryExec={}\n\
             Icon=spotlink\n\
             Terminal=false\n\
             X-GNOME-Autostart-enabled=true\n",
            exec_argument(exe),
            exe.replace('\\', "\\\\"),
        )
    }

    /// Whether an entry (its text; `None`: no file) starts SpotLink: present, and neither
    /// hidden (the spec's way to disable an entry) nor turned off in GNOME's key.
    pub fn enabled_in(text: Option<&str>) -> bool {
        let Some(text) = text else { return false };
        let mut starts = false;
        for (key, value) in group_entries(text, "[Desktop Entry]") {
            match key {
                "Hidden" if value == "true" => return false,
                "X-GNOME-Autostart-enabled" if value == "false" => return false,
                "Exec" => starts = true,
                _ => {}
            }
        }
        starts
    }

    /// Writes the entry atomically (a half-written one could start nothing, or garbage).
    pub fn write(path: &Path, entry: &str) -> io::Result<()> {
        let dir = path.parent().expect("the entry is in a directory");
        fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
        fs::write(&tmp, entry).and_then(|()| fs::rename(&tmp, path)).inspect_err(|_| {
            let _ = fs::remove_file(&tmp);
        })
    }

    pub fn remove(path: &Path) -> io::Result<()> {
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn entry_starts_this_program_in_the_tray() {
            let entry = entry("/usr/bin/spotlink-app");
            assert!(entry.contains("\nExec=/usr/bin/spotlink-app --tray\n"), "{entry}");
            assert!(entry.contains("\nTryExec=/usr/bin/spotlink-app\n"), "{entry}");
            assert!(enabled_in(Some(&entry)));
            // A build tree in a path with a space: quoted as the spec requires.
            let spaced = super::entry("/home/me/my code/spotlink-app");
            assert!(spaced.contains("\nExec=\"/home/me/my code/spotlink-app\" --tray\n"), "{spaced}");
        }

        #[test]
        fn disabled_or_absent_entries_do_not_start() {
            assert!(!enabled_in(None));
            assert!(!enabled_in(Some("")));
            let on = entry("/usr/bin/spotlink-app");
            assert!(!enabled_in(Some(&format!("{on}Hidden=true\n"))));
            assert!(!enabled_in(Some(
                &on.replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false")
            )));
            // Only the main group counts.
            assert!(!enabled_in(Some("[Desktop Action x]\nExec=spotlink-app\n")));
        }

        #[test]
        fn write_and_remove() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("autostart").join(FILE_NAME);
            write(&path, "[Desktop Entry]\nExec=x\n").unwrap();
            assert!(enabled_in(fs::read_to_string(&path).ok().as_deref()));
            assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no temporary file left");
            remove(&path).unwrap();
            remove(&path).unwrap();
            assert!(!path.exists());
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod other {
    use auto_launch::{AutoLaunch, AutoLaunchBuilder};
    use tauri::AppHandle;

    use super::TRAY;

    pub fn launcher(app: &AppHandle) -> Result<AutoLaunch, String> {
        let exe = super::executable(app).map_err(|e| e.to_string())?;
        AutoLaunchBuilder::new()
            .set_app_name("SpotLink")
            .set_app_path(&exe.to_string_lossy())
            .set_use_launch_agent(true)
            .set_args(&[TRAY])
            .build()
            .map_err(|e| e.to_string())
    }
}
