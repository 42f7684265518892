//! Linking through the system browser, with the redirect delivered by
//! `xdg-open` and by `gio open`, and copying the token.

use std::time::{Duration, Instant};

use crate::flows::{assert_linked, link, page_html};
use crate::harness::{E2e, Opener, Options};

/// Link → waiting → the browser approves → linked, for one deep-link opener.
async fn link_through(opener: Opener, screenshots: bool) {
    let mut e2e = E2e::start(Options {
        opener,
        hold_browser: true,
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;
    assert!(e2e.keychain().is_none(), "nothing is linked yet");
    if screenshots {
        e2e.screenshot("unlinked").await;
    }

    e2e.click("#link-button").await;
    e2e.expect_screen("waiting").await;
    // The fake browser is holding Spotify's page: the authorize URL reached it.
    e2e.wait_browser_log("opened: ").await;
    if screenshots {
        e2e.screenshot("waiting").await;
    }

    e2e.release_browser();
    e2e.expect_screen("linked").await;
    assert_linked(&e2e).await;
    let log = e2e.browser_log();
    let opener_name = match opener {
        Opener::XdgOpen => "xdg-open",
        Opener::Gio => "gio open",
    };
    assert!(
        log.contains(&format!("{opener_name} exited with status 0")),
        "the redirect went back through {opener_name}:\n{log}"
    );
    assert!(
        !log.contains("refused"),
        "the fake browser was never handed a spotlink:// link:\n{log}"
    );
    if screenshots {
        e2e.screenshot("linked").await;
    }
    e2e.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_with_redirect_through_xdg_open() {
    link_through(Opener::XdgOpen, true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn link_with_redirect_through_gio_open() {
    link_through(Opener::Gio, false).await;
}

/// Reads the clipboard of the session's display (the app owns the selection).
async fn clipboard() -> Option<String> {
    let out = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::process::Command::new("xclip")
            .args(["-selection", "clipboard", "-o"])
            .kill_on_drop(true)
            .output(),
    )
    .await
    .ok()?
    .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_token_puts_a_working_token_on_the_clipboard_and_never_in_the_window() {
    // Trace logging: not even the most verbose log may show a token. RUST_LOG
    // too, because the app reads only that one (see the test below).
    let mut e2e = E2e::start(Options {
        log_level: "trace",
        env: vec![("RUST_LOG", "spotlink_app=trace,spotlink_core=trace")],
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    link(&e2e).await;
    assert_linked(&e2e).await;

    e2e.click("#copy-token").await;
    let deadline = Instant::now() + Duration::from_secs(5);
    let token = loop {
        match clipboard().await {
            Some(text) if !text.trim().is_empty() => break text,
            _ if Instant::now() > deadline => {
                e2e.fail("nothing on the clipboard 5 s after clicking Copy token")
                    .await
            }
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    assert_eq!(
        token,
        token.trim(),
        "the clipboard holds the bare token, no whitespace or newline"
    );
    assert!(
        !token.contains(' ') && token.len() >= 20,
        "the clipboard holds a token, not a message: {token:?}"
    );
    assert_eq!(
        e2e.me_status(&token).await,
        200,
        "Spotify (the emulator) accepts the copied token"
    );

    // The token itself never reaches the web view (DESIGN.md).
    let html = page_html(&e2e).await;
    assert!(
        !html.contains(&token),
        "the access token appears in the window's HTML"
    );
    let record = e2e.keychain().expect("linked");
    if let Some(refresh) = record["refresh_token"].as_str() {
        assert!(
            !html.contains(refresh),
            "the refresh token appears in the window's HTML"
        );
    }
    let output = e2e.app_output();
    assert!(
        output.contains("DEBUG") || output.contains("TRACE"),
        "the app logged verbosely:\n{output}"
    );
    assert!(
        !output.contains(&token),
        "the access token appears in the app's log"
    );
    if let Some(refresh) = record["refresh_token"].as_str() {
        assert!(
            !output.contains(refresh),
            "the refresh token appears in the app's log"
        );
    }
    for file in e2e.files() {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(&token),
            "the access token is written to {}",
            file.display()
        );
    }
    e2e.finish().await;
}

/// README: `SPOTLINK_LOG` (e.g. `debug`) turns on diagnostics on stderr.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_logs_at_the_level_spotlink_log_asks_for() {
    let mut e2e = E2e::start(Options {
        log_level: "debug",
        ..Options::default()
    })
    .await;
    e2e.launch().await;
    link(&e2e).await;
    e2e.quit().await;
    let output = e2e.app_output();
    assert!(
        output.contains("DEBUG"),
        "SPOTLINK_LOG=debug: the app's stderr has no DEBUG line (it reads RUST_LOG instead?):\n{output}"
    );
    e2e.finish().await;
}
