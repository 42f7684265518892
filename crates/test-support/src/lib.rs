//! Helpers shared by the workspace's tests; never part of a shipped binary.

pub mod processes;
pub mod sni;
pub mod wine;
pub mod x11;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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

const SECRETS: &str = "org.freedesktop.secrets";

/// gnome-keyring's Secret Service on a [`PrivateBus`], keeping its keyrings under `home`
/// (so a restarted daemon finds what the previous one stored) and unlocking them. A
/// test can stop it, kill it, and start it again. Stopped on drop.
pub struct PrivateKeyring {
    daemon: Child,
}

impl PrivateKeyring {
    pub fn start(bus: &PrivateBus, home: &Path) -> Self {
        let runtime = home.join("run");
        std::fs::create_dir_all(&runtime).unwrap();
        std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        daemon.stdin.take().unwrap().write_all(b"spotlink-test").unwrap();
        wait_for(|| bus.name_has_owner(SECRETS), "gnome-keyring to own the Secret Service name");
        Self { daemon }
    }

    /// Stops the daemon the way a session ends it (SIGTERM) and waits for it to go.
    pub fn stop(self, bus: &PrivateBus) {
        self.signal(bus, "-TERM");
    }

    /// Kills the daemon outright (SIGKILL: it dies, it is not asked to leave).
    pub fn kill(self, bus: &PrivateBus) {
        self.signal(bus, "-KILL");
    }

    fn signal(mut self, bus: &PrivateBus, signal: &str) {
        let status = Command::new("kill").args([signal, &self.daemon.id().to_string()]).status().unwrap();
        assert!(status.success());
        self.daemon.wait().unwrap();
        wait_for(|| !bus.name_has_owner(SECRETS), "the Secret Service name to be released");
    }
}

impl Drop for PrivateKeyring {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// A small tmpfs mounted at a test's directory (root only), to make a disk full or
/// read-only for real. Unmounted on drop.
pub struct Tmpfs {
    path: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (as `mount` reads it, e.g. `256k`) at `path`, creating it.
    /// The error says why not (not root, mounting not permitted in this container).
    pub fn mount(path: &Path, size: &str) -> Result<Self, String> {
        std::fs::create_dir_all(path).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(path)
            .output()
            .map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
        }
        Ok(Self { path: path.to_owned() })
    }

    /// Fills the file system: `filler` grows until the disk says it is full.
    pub fn fill(&self) {
        let mut file = std::fs::File::create(self.path.join("filler")).unwrap();
        let chunk = vec![0u8; 4096];
        loop {
            match file.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.raw_os_error() == Some(28) => break, // ENOSPC
                Err(e) => panic!("filling the tmpfs: {e}"),
            }
        }
        // Whatever is left is less than a block: the smallest write now fails.
        for n in 0.. {
            if std::fs::write(self.path.join(format!("crumb{n}")), b"x").is_err() {
                break;
            }
        }
    }

    /// Removes what [`Self::fill`] wrote.
    pub fn empty(&self) {
        for entry in std::fs::read_dir(&self.path).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == "filler" || name.starts_with("crumb") {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
    }

    /// Remounts it read-only (`true`) or read-write.
    pub fn set_read_only(&self, read_only: bool) {
        let options = if read_only { "remount,ro" } else { "remount,rw" };
        let status = Command::new("mount").args(["-o", options]).arg(&self.path).status().unwrap();
        assert!(status.success(), "mount -o {options}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}
