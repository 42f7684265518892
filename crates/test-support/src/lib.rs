//! Helpers shared by the workspace's tests; never part of a shipped binary.

pub mod sni;
pub mod x11;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

/// Every file below `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Polls `ready` every 50 ms for up to 5 s; panics naming `what` if it never holds.
pub fn wait_for(ready: impl Fn() -> bool, what: &str) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

/// A D-Bus session bus of the test's own, listening on a socket in `dir`, with no
/// service activation: nothing runs on it unless the test starts it. Stopped on drop.
pub struct PrivateBus {
    daemon: Child,
    /// For `DBUS_SESSION_BUS_ADDRESS`.
    pub address: String,
}

impl PrivateBus {
    pub fn start(dir: &Path) -> Self {
        let socket = dir.join("bus");
        let config = dir.join("bus.conf");
        std::fs::write(
            &config,
            format!(
                "<busconfig><type>session</type><listen>unix:path={}</listen>\
                 <policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>\
                 <allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>",
                socket.display()
            ),
        )
        .unwrap();
        let daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .arg("--nofork")
            .spawn()
            .unwrap();
        wait_for(|| socket.exists(), "the private bus to listen");
        Self { daemon, address: format!("unix:path={}", socket.display()) }
    }

    /// Whether some connection owns `name` (asked without activating anything).
    pub fn name_has_owner(&self, name: &str) -> bool {
        let out = Command::new("dbus-send")
            .args([
                &format!("--bus={}", self.address),
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                &format!("string:{name}"),
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains("boolean true")
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}
