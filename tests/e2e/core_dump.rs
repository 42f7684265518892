//! The app's memory holds tokens while it runs: a crash must not write it to a core
//! file (src-tauri/startup.rs, `protect_memory`; docs/security.md). A control process
//! first shows that this machine writes core files at all, so the check can fail.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::{E2e, Options};

/// Starts `program` in `dir` with core files allowed (`ulimit -c unlimited`), in the
/// scenario's session environment.
fn spawn_with_cores(e2e: &E2e, dir: &Path, program: &str, log: &Path) -> tokio::process::Child {
    let mut cmd = tokio::process::Command::new("sh");
    cmd.args(["-c", &format!("ulimit -c unlimited && exec {program}")])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .kill_on_drop(true);
    e2e.put_in_session(&mut cmd, &[]);
    cmd.spawn().expect("the program starts")
}

/// Crashes the process as `abort()` does (SIGABRT, which dumps core by default; a sent
/// SIGSEGV would be taken by the runtimes' own handlers).
async fn crash(child: &mut tokio::process::Child) {
    let pid = child.id().expect("running").to_string();
    let killed = tokio::process::Command::new("kill").args(["-ABRT", &pid]).status().await.unwrap();
    assert!(killed.success());
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("it ends").unwrap();
    assert!(!status.success(), "the crash ended it: {status:?}");
}

fn core_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("core"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_of_the_app_writes_no_core_file() {
    let e2e = E2e::start(Options::default()).await;
    let pattern = std::fs::read_to_string("/proc/sys/kernel/core_pattern").unwrap_or_default();
    assert!(
        !pattern.starts_with('|'),
        "core files go to a program here ({pattern:?}), not to the crashing process's directory: this check needs core_pattern `core`"
    );

    // Control: a process that allows core dumps leaves one.
    let control = tempfile::tempdir().unwrap();
    let mut sleeper = spawn_with_cores(&e2e, control.path(), "sleep 30", &control.path().join("log"));
    tokio::time::sleep(Duration::from_millis(200)).await;
    crash(&mut sleeper).await;
    assert!(!core_files(control.path()).is_empty(), "this machine writes core files: the check below can fail");

    // The app, linked or not, at its first painted screen.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("app.log");
    let mut app = spawn_with_cores(&e2e, dir.path(), crate::driver::APP_BINARY, &log);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !std::fs::read_to_string(&log).unwrap_or_default().contains("first screen painted") {
        assert!(
            Instant::now() < deadline,
            "the app did not paint within 30 s: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    crash(&mut app).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(core_files(dir.path()), Vec::<String>::new(), "the app's crash wrote its memory to a core file");
    e2e.finish().await;
}
