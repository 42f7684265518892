//! A second SpotLink process (the OS starting `spotlink-app spotlink://callback?…`
//! while the app runs, or the user opening it again) hands its arguments to the
//! running one before it starts anything else.
//!
//! The single-instance plugin does the same from its setup hook, but by then Tauri has
//! initialised GTK and tao has started a thread that talks to the X server. The plugin
//! then calls `exit`, and the shared libraries' destructors can pull libXext's state
//! from under that thread: the process crashes in `XISelectEvents` after the link was
//! delivered (here about once in 600 hand-offs; `xdg-open` then reports a failure to
//! the browser). Handing off first, from a process with no GUI threads yet, removes
//! that race, and GTK's start-up from every deep link.
//!
//! It speaks the plugin's own D-Bus protocol (`<identifier>.SingleInstance`, method
//! `org.SingleInstance.DBus.ExecuteCallback(argv, cwd)`), so the running app receives
//! the arguments exactly as the plugin would pass them, deep-link handling included.
//! Anything unexpected (no session bus, no running instance, a newer plugin that
//! speaks differently) falls through to the normal start, where the plugin decides.

/// How long the running instance may take to accept the arguments. Its handler only
/// queues the link; a longer wait means it is stuck, and starting a second full
/// instance would not help.
#[cfg(target_os = "linux")]
const ANSWER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// What became of this process's arguments.
#[derive(Debug, PartialEq, Eq)]
pub enum Handoff {
    /// The running instance took them; this process has nothing left to do.
    Delivered,
    /// No instance is running (or none could be reached): start normally.
    StartHere,
}

/// Offers this process's arguments and working directory to the running instance of
/// the app with this identifier (`tauri.conf.json`). Call before Tauri starts.
pub fn to_running_instance(identifier: &str) -> Handoff {
    #[cfg(target_os = "linux")]
    {
        linux::offer(identifier)
    }
    #[cfg(not(target_os = "linux"))]
    {
        // The plugin's Windows and macOS hand-offs run before any window system thread.
        let _ = identifier;
        Handoff::StartHere
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use zbus::blocking::{connection, fdo::DBusProxy, Connection};
    use zbus::names::BusName;

    use super::{Handoff, ANSWER_TIMEOUT};

    /// The plugin's well-known name and object path for an app identifier
    /// (`tauri-plugin-single-instance` 2.x, without its `semver` feature).
    pub(super) fn address(identifier: &str) -> (String, String) {
        let name = format!("{identifier}.SingleInstance");
        let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
        (name, path)
    }

    pub(super) fn offer(identifier: &str) -> Handoff {
        let (name, path) = address(identifier);
        let connection = match connection::Builder::session().and_then(|b| b.method_timeout(ANSWER_TIMEOUT).build()) {
            Ok(connection) => connection,
            Err(e) => {
                tracing::debug!(error = %e, "no session bus to look for a running instance");
                return Handoff::StartHere;
            }
        };
        match running(&connection, &name) {
            Ok(true) => {}
            Ok(false) => return Handoff::StartHere,
            Err(e) => {
                tracing::debug!(error = %e, "could not ask the bus for a running instance");
                return Handoff::StartHere;
            }
        }
        let argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
        let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
        let call = connection.call_method(
            Some(name.as_str()),
            path.as_str(),
            Some("org.SingleInstance.DBus"),
            "ExecuteCallback",
            &(argv, cwd.as_str()),
        );
        match call {
            Ok(_) => Handoff::Delivered,
            Err(zbus::Error::InputOutput(e)) if e.kind() == std::io::ErrorKind::TimedOut => {
                // Starting normally would only queue behind the same stuck instance.
                eprintln!("{}", spotlink_core::msg!("app-already-running", secs = ANSWER_TIMEOUT.as_secs()).text());
                std::process::exit(1);
            }
            Err(e) => {
                // It quit meanwhile, or speaks differently: the plugin takes over.
                tracing::debug!(error = %e, "the running instance did not take the arguments");
                Handoff::StartHere
            }
        }
    }

    fn running(connection: &Connection, name: &str) -> zbus::Result<bool> {
        let name = BusName::try_from(name)?;
        Ok(DBusProxy::new(connection)?.name_has_owner(name)?)
    }

    #[cfg(test)]
    mod tests {
        use super::address;

        #[test]
        fn address_is_the_plugins() {
            let (name, path) = address("dev.spotlink.app");
            assert_eq!(name, "dev.spotlink.app.SingleInstance");
            assert_eq!(path, "/dev/spotlink/app/SingleInstance");
            let (_, path) = address("com.example.my-app");
            assert_eq!(path, "/com/example/my_app/SingleInstance");
        }
    }
}
