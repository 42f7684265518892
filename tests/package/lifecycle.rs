//! `apt-get purge` removes every file the package installed and leaves the user's
//! link alone; installing again shows that link.

use std::time::Instant;

use crate::flows::{assert_linked, link};
use crate::harness::{E2e, Options};
use crate::system::{as_root, both, deb, installed, package_files, APP};

/// Puts the package back if the scenario stops half-way, so the suites after it
/// still find it installed.
struct Reinstall;

impl Drop for Reinstall {
    fn drop(&mut self) {
        if !installed() {
            let out = as_root(&["apt-get", "install", "-y", "-q", &deb().to_string_lossy()]);
            eprintln!("reinstalled the package after a failure: {}", both(&out));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purge_removes_every_file_keeps_the_link_and_a_reinstall_shows_it() {
    assert!(installed(), "the spotlink package is not installed: run scripts/test, which installs it");
    let _reinstall = Reinstall;
    let mut e2e = E2e::start(Options { binary: APP, ..Options::default() }).await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;
    e2e.quit().await;

    let files = package_files();
    assert!(files.len() > 20, "dpkg lists the package's files: {files:?}");
    let out = as_root(&["apt-get", "purge", "-y", "-q", "spotlink"]);
    assert!(out.status.success(), "apt-get purge: {}", both(&out));
    assert!(!installed(), "the package is gone");
    let left: Vec<_> = files.iter().filter(|f| f.exists()).collect();
    assert!(left.is_empty(), "purge left files behind: {left:?}");
    let cache = std::fs::read_to_string("/usr/share/applications/mimeinfo.cache").unwrap_or_default();
    assert!(!cache.contains("spotlink.desktop"), "the menu's MIME cache forgot the entry:\n{cache}");
    assert!(e2e.keychain().is_some(), "the user's link in the keychain is untouched by purge");
    assert!(e2e.state_file().exists(), "the user's state file is untouched by purge");

    // From `apt-get install` to the linked view, from the link kept in the keychain.
    let started = Instant::now();
    let out = as_root(&["apt-get", "install", "-y", "-q", &deb().to_string_lossy()]);
    assert!(out.status.success(), "apt-get install: {}", both(&out));
    let installed_in = started.elapsed();
    e2e.launch().await;
    e2e.expect_screen("linked").await;
    println!(
        "figure: apt-get install {:.1} s; install to linked view {:.1} s",
        installed_in.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    e2e.finish().await;
}
