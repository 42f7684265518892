//! The account's details in the background: the profile re-read from Spotify at start,
//! and the accounts' pictures downloaded into `data:` URLs (the webview loads no remote content).

use base64::Engine as _;
use spotlink_core::profile::ProfileError;
use spotlink_core::{Error, ErrorKind};
use tauri::AppHandle;

use crate::error::ErrorView;
use crate::scheduler;
use crate::state::shell;
use crate::view::Avatar;

/// Re-reads the profile (refreshing the token first if needed). The network may be
/// down: then the stored details stay and nothing is shown, unless the outcome is one
/// the user must act on (the link must be renewed, the account is not allow-listed).
pub async fn refresh_in_background(app: AppHandle) {
    let shell = shell(&app);
    let engine = shell.engine();
    let mut result = engine.refresh_profile().await;
    if matches!(result, Err(Error::Profile(ProfileError::Unauthorized(_)))) {
        // The stored token was refused before its expiry (revoked or replaced): only a
        // refresh tells whether the link itself still works.
        tracing::info!("the stored access token was refused; refreshing");
        result = match engine.refresh().await {
            Ok(_) => engine.refresh_profile().await,
            Err(e) => Err(e),
        };
    }
    match result {
        Ok(link) => shell.update(|inner| {
            inner.model.link = Some(link);
            scheduler::arm(&app, inner, false);
        }),
        Err(e) => {
            let stored = engine.load().await;
            let must_show = matches!(e.kind(), ErrorKind::RelinkNeeded | ErrorKind::NotAllowListed);
            if must_show {
                tracing::warn!(error = %e, "profile check failed");
            } else {
                tracing::info!(error = %e, "could not update the profile; keeping the stored one");
            }
            shell.update(|inner| {
                if let Ok(link) = stored {
                    inner.model.link = link;
                }
                if must_show {
                    inner.model.error = Some(ErrorView::from(e));
                }
                scheduler::arm(&app, inner, false);
            });
        }
    }
    fetch_avatars(&app).await;
}

/// Downloads the pictures of the linked accounts that are not shown yet, one by one.
pub async fn fetch_avatars(app: &AppHandle) {
    let shell = shell(app);
    let wanted: Vec<String> = shell.read(|inner| {
        let model = &inner.model;
        let mut urls: Vec<String> = model
            .link
            .iter()
            .chain(model.others.iter().filter_map(|o| o.link.as_ref()))
            .filter_map(|l| l.record.account.image_url.clone())
            .filter(|url| !model.avatars.iter().any(|a| &a.url == url))
            .collect();
        urls.dedup();
        urls
    });
    if wanted.is_empty() {
        return;
    }
    let engine = shell.engine();
    for url in wanted {
        let Some((bytes, media)) = spotlink_core::profile::fetch_image(engine.http(), &url).await else {
            tracing::info!("could not download an account picture");
            continue;
        };
        let data_url = format!("data:{media};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes));
        shell.update(|inner| {
            inner.model.avatars.retain(|a| a.url != url);
            inner.model.avatars.push(Avatar { url, data_url });
        });
    }
}
