//! The window uses the desktop's interface font (GTK's `gtk-font-name`), ahead of
//! the stylesheet's generic stack, and plain `monospace` (see
//! `src-tauri/desktop_font.rs`).

use crate::harness::{E2e, Options};

async fn body_font(e2e: &E2e) -> String {
    let value = e2e.js("return getComputedStyle(document.body).fontFamily;", vec![]).await;
    value.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_names_the_desktop_font_first() {
    let mut e2e = E2e::start(Options::default()).await;
    // What GNOME or KDE would hand GTK; no settings daemon runs here, so GTK reads it
    // from its settings file.
    let gtk = e2e.config_home().join("gtk-3.0");
    std::fs::create_dir_all(&gtk).unwrap();
    std::fs::write(gtk.join("settings.ini"), "[Settings]\ngtk-font-name=DejaVu Serif Bold 11\n").unwrap();
    e2e.launch().await;
    e2e.expect_screen("unlinked").await;

    let font = body_font(&e2e).await;
    assert!(font.starts_with("\"DejaVu Serif\""), "the desktop's family comes first: {font}");
    assert!(
        font.contains("system-ui") && font.ends_with("sans-serif"),
        "the stylesheet's stack stays behind it: {font}"
    );
    let mono =
        e2e.js("return getComputedStyle(document.documentElement).getPropertyValue('--mono').trim();", vec![]).await;
    assert_eq!(mono.as_str(), Some("monospace"), "fontconfig has no ui-monospace: plain monospace on Linux");
    // Only the family: the page keeps its own sizes and weights.
    let heading = e2e.js("return getComputedStyle(document.querySelector('h1')).fontWeight;", vec![]).await;
    assert_eq!(heading.as_str(), Some("700"), "the heading keeps its weight");
    e2e.finish().await;
}
