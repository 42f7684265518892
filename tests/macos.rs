//! SpotLink for macOS, as far as this machine can go: `scripts/cross macos` type-checks
//! the engine, the CLI and the app, every `cfg(target_os = "macos")` path included, for
//! Apple silicon and Intel Macs (docs/platforms.md). Linking needs Apple's SDK, which
//! cannot be had here.
//!
//! A test rather than a step of `scripts/test`, so it runs beside the other suites
//! (niced: it only takes the CPU they leave) and its outcome is in the same summary.

use std::process::Command;

#[test]
fn the_engine_cli_and_app_type_check_for_both_apple_targets() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("nice")
        .args(["-n", "19", "scripts/cross", "macos"])
        .current_dir(root)
        .output()
        .expect("scripts/cross runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let shown: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error") || l.contains("apple-cc:") || l.starts_with("cross:"))
        .collect();
    println!("{}", shown.join("\n"));
    assert!(out.status.success(), "scripts/cross macos failed ({}):\n{stderr}", out.status);
}
