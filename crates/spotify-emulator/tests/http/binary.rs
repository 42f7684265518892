//! The `spotify-emulator` binary: announces itself and writes the port file.

use std::io::{BufRead as _, BufReader, Read as _};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::support::http;

/// Kills the child even if an assertion fails.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_announces_its_url_and_writes_the_port_file() {
    let dir = std::env::temp_dir().join(format!("spotify-emulator-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let port_file = dir.join("port");
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_spotify-emulator"))
            .args(["--port", "0", "--consent", "auto-deny", "--rotation", "on", "--grant-scopes", "user-read-email"])
            .arg("--port-file")
            .arg(&port_file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout");
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .expect("reader")
    .expect("one line");

    let port: u16 = std::fs::read_to_string(&port_file).expect("port file").trim().parse().expect("a port");
    assert_eq!(line, format!("spotify-emulator listening on http://127.0.0.1:{port}\n"));

    let settings: serde_json::Value = http()
        .get(format!("http://127.0.0.1:{port}/_emulator/config"))
        .send()
        .await
        .expect("config")
        .json()
        .await
        .expect("JSON");
    assert_eq!(settings["consent"], "auto-deny");
    assert_eq!(settings["rotation"], "on");
    assert_eq!(settings["grantable_scopes"], serde_json::json!(["user-read-email"]));
    let home = http().get(format!("http://127.0.0.1:{port}/")).send().await.expect("home");
    assert_eq!(home.status(), StatusCode::OK);
    drop(child);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn binary_refuses_a_localhost_redirect_uri() {
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_spotify-emulator"))
            .args(["--port", "0", "--redirect-uri", "http://localhost:8888/callback"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary runs"),
    );
    // If the binary wrongly starts it would run until killed: fail, don't hang.
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.0.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "binary started with a localhost redirect URI");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success());
    let mut stdout = String::new();
    let _ = child.0.stdout.take().expect("stdout").read_to_string(&mut stdout);
    assert!(stdout.is_empty(), "no listening line on failure: {stdout}");
}
