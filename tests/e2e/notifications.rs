//! The session's notification server (dunst, started by scripts/in-session), read
//! through `dunstctl`: what it received, and a user choosing a notification's action.

use std::time::{Duration, Instant};

use serde_json::Value;

/// One notification as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub id: i64,
    pub app: String,
    pub summary: String,
    pub body: String,
}

async fn dunstctl(args: &[&str]) -> String {
    let out =
        tokio::process::Command::new("dunstctl").args(args).kill_on_drop(true).output().await.unwrap_or_else(|e| {
            panic!("dunstctl {args:?}: {e}: run the tests through scripts/in-session, which starts dunst")
        });
    assert!(out.status.success(), "dunstctl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Everything received so far, oldest first (shown ones are closed into the history first).
pub async fn received() -> Vec<Received> {
    dunstctl(&["close-all"]).await;
    let history: Value = serde_json::from_str(&dunstctl(&["history"]).await).expect("dunstctl history is JSON");
    let field = |n: &Value, key: &str| n[key]["data"].clone();
    let mut all: Vec<Received> = history["data"][0]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|n| Received {
            id: field(n, "id").as_i64().unwrap_or_default(),
            app: field(n, "appname").as_str().unwrap_or_default().to_owned(),
            summary: field(n, "summary").as_str().unwrap_or_default().to_owned(),
            body: field(n, "body").as_str().unwrap_or_default().to_owned(),
        })
        .collect();
    all.sort_by_key(|n| n.id);
    all
}

/// The newest id so far: notifications after it belong to the scenario that asked.
pub async fn mark() -> i64 {
    received().await.last().map(|n| n.id).unwrap_or(0)
}

/// SpotLink's notifications received after `mark`.
pub async fn since(mark: i64) -> Vec<Received> {
    received().await.into_iter().filter(|n| n.id > mark && n.app == "SpotLink").collect()
}

/// Waits (10 s at most) until SpotLink's notifications after `mark` include one titled
/// `summary`; returns them all.
pub async fn wait_for(mark: i64, summary: &str) -> Result<Vec<Received>, Vec<Received>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = since(mark).await;
        if got.iter().any(|n| n.summary == summary) {
            return Ok(got);
        }
        if Instant::now() > deadline {
            return Err(got);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Opens the actions menu of the notification on screen; the session's fake menu
/// (scripts/e2e-dmenu) picks "Relink", as a user clicking it would.
pub async fn choose_relink() {
    dunstctl(&["context"]).await;
}

/// Waits (10 s at most) until a notification is on screen; false if none came.
pub async fn wait_displayed() -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if dunstctl(&["count", "displayed"]).await.trim().parse::<u32>().unwrap_or(0) > 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Saves what the screen shows (the notification popups are windows of their own, not
/// part of the app's page) as `<SPOTLINK_E2E_SCREENSHOTS>/<name>.png`, cropped to the
/// notification area at the top right; does nothing unless screenshots are asked for.
pub async fn screenshot(name: &str) {
    let Some(dir) = std::env::var_os("SPOTLINK_E2E_SCREENSHOTS") else { return };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(format!("{name}.png"));
    let out = tokio::process::Command::new("import")
        .args(["-window", "root", "-crop", "420x200+860+0", "+repage"])
        .arg(&path)
        .kill_on_drop(true)
        .output()
        .await
        .expect("ImageMagick's import runs");
    assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
}
