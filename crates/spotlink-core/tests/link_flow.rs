//! The whole sign-in against the emulator, over real HTTP, stored in the real Secret Service.

mod common;

use std::time::Duration;

use common::Harness;
use spotify_emulator::{Consent, EmulatorConfig};
use spotlink_core::authorize::RedirectUri;
use spotlink_core::callback::{self, CallbackError, PendingFlow};
use spotlink_core::loopback::LoopbackServer;
use spotlink_core::scopes::ScopeSet;
use spotlink_core::{Error, ErrorKind};
use time::OffsetDateTime;

#[tokio::test(flavor = "multi_thread")]
async fn full_link_stores_the_link_and_serves_a_working_token() {
    let h = Harness::default().await;
    let link = h.link("user-read-email,user-read-private", false).await;
    assert_eq!(link.record.account.id, "emu-user");
    assert!(link.record.account.display_name.is_some());
    assert!(link.record.account.email.is_some(), "email granted, so cached");
    assert_eq!(link.record.granted.to_string(), "user-read-email user-read-private");

    let status = h.engine.status().await.unwrap();
    assert!(status.linked && !status.needs_relink);
    assert_eq!(status.account.unwrap().id, "emu-user");
    assert!(status.not_granted_scopes.is_empty());
    let link_expiry = status.link_expires_at.unwrap() - status.authorized_at.unwrap();
    assert!((181..=184).contains(&link_expiry.whole_days()), "6 months: {link_expiry}");

    let served = h.engine.access_token(None).await.unwrap();
    assert!(!served.refreshed, "a fresh link serves its token from the keychain");
    assert_eq!(h.me_status(served.token.secret()).await, 200);

    // The secret record is in the keychain; no file holds a token.
    let raw = h.raw_record().expect("keychain entry exists");
    let refresh = link.record.refresh_token.as_ref().unwrap().secret().to_owned();
    assert!(raw.contains(&refresh));
    for entry in test_support::files_under(h.dir.path()) {
        let text = std::fs::read_to_string(&entry).unwrap_or_default();
        assert!(!text.contains(&refresh) && !text.contains(served.token.secret()), "{entry:?} holds a token");
    }
    assert_eq!(h.emulator.stats().codes_exchanged, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn requested_but_not_granted_scopes_are_reported() {
    let h = Harness::default().await;
    h.emulator.set_grantable_scopes(Some(vec!["user-read-email".into()]));
    let link = h.link("user-read-email,user-read-private,streaming", false).await;
    assert_eq!(link.record.granted.to_string(), "user-read-email");
    let status = h.engine.status().await.unwrap();
    assert_eq!(status.not_granted_scopes, vec!["streaming", "user-read-private"]);
    assert_eq!(status.requested_scopes.len(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_and_replayed_state_change_nothing() {
    let h = Harness::default().await;
    let first = h.link("user-read-email", false).await;

    let mut flow = PendingFlow::new();
    let scopes = ScopeSet::parse_requested("user-read-private").unwrap();
    let pending = flow.begin(h.engine.begin_link(scopes, RedirectUri::deep_link(), true, None).unwrap());
    let location = h.authorize(pending).await;

    let forged = location.replace("state=", "state=x");
    let err = flow.complete(callback::parse_deep_link(&forged).unwrap(), OffsetDateTime::now_utc()).unwrap_err();
    assert_eq!(err, CallbackError::StateMismatch);
    assert!(flow.current().is_some(), "the real sign-in is still pending");
    assert_eq!(h.engine.load().await.unwrap().unwrap(), first, "the stored link is untouched");

    let completed = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap();
    let second = h.engine.finish_link(completed).await.unwrap();
    assert_eq!(second.record.granted.to_string(), "user-read-private");

    let err = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap_err();
    assert_eq!(err, CallbackError::Replayed);
    assert_eq!(h.engine.load().await.unwrap().unwrap(), second);
    let log = h.emulator.request_log();
    assert!(log.iter().any(|e| e.path == "/authorize" && e.show_dialog == Some(true)), "relink forces consent");
}

#[tokio::test(flavor = "multi_thread")]
async fn denial_keeps_the_previous_link() {
    let h = Harness::default().await;
    let before = h.link("user-read-email", false).await;
    h.emulator.set_consent(Consent::AutoDeny);
    let mut flow = PendingFlow::new();
    let pending = flow.begin(h.engine.begin_link(ScopeSet::default(), RedirectUri::deep_link(), true, None).unwrap());
    let location = h.authorize(pending).await;
    assert!(location.contains("error=access_denied"));
    let err = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap_err();
    assert_eq!(err, CallbackError::Denied);
    assert_eq!(Error::from(err).kind(), ErrorKind::Denied);
    assert_eq!(h.engine.load().await.unwrap().unwrap(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn not_allow_listed_user_is_reported_and_not_stored() {
    let h = Harness::start(EmulatorConfig { allow_listed: false, ..EmulatorConfig::default() }).await;
    let mut flow = PendingFlow::new();
    let pending = flow.begin(h.engine.begin_link(ScopeSet::default(), RedirectUri::deep_link(), false, None).unwrap());
    let location = h.authorize(pending).await;
    let completed = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap();
    let err = h.engine.finish_link(completed).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotAllowListed, "{err}");
    assert!(err.to_string().contains("User Management"), "{err}");
    assert!(h.engine.load().await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn loopback_redirect_completes_and_ignores_strangers() {
    let h = Harness::default().await;
    let server = LoopbackServer::bind(None).await.unwrap();
    let redirect = server.redirect_uri().clone();
    assert!(redirect.as_str().starts_with("http://127.0.0.1:"));
    let mut flow = PendingFlow::new();
    let pending = flow.begin(h.engine.begin_link(ScopeSet::default(), redirect.clone(), false, None).unwrap());
    let url = pending.authorize_url().clone();

    let browser = tokio::spawn(async move {
        let client = reqwest::Client::new();
        // A local stranger first: wrong state, and a path that is not /callback.
        let stranger = client.get(format!("{}?code=x&state=forged", redirect.as_str())).send().await.unwrap();
        assert_eq!(stranger.status(), 400);
        let other = client.get(redirect.as_str().replace("/callback", "/favicon.ico")).send().await.unwrap();
        assert_eq!(other.status(), 404);
        // Then the real browser, following the emulator's redirect to the loopback listener.
        let page = client.get(url).send().await.unwrap();
        assert_eq!(page.status(), 200);
        page.text().await.unwrap()
    });
    let mut ignored = Vec::new();
    let completed =
        server.wait(&mut flow, Duration::from_secs(20), |e| ignored.push(e.clone())).await.unwrap().unwrap();
    let page = browser.await.unwrap();
    assert!(page.contains("You can close this tab"), "{page}");
    assert_eq!(ignored, vec![CallbackError::StateMismatch]);
    let link = h.engine.finish_link(completed).await.unwrap();
    assert_eq!(link.record.account.id, "emu-user");
}

#[tokio::test(flavor = "multi_thread")]
async fn loopback_wait_times_out() {
    let server = LoopbackServer::bind(None).await.unwrap();
    let mut flow = PendingFlow::new();
    let err = server.wait(&mut flow, Duration::from_millis(200), |_| {}).await.unwrap_err();
    assert_eq!(Error::from(err).kind(), ErrorKind::Timeout);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_remembered_sign_in_completes_after_a_restart() {
    let h = Harness::default().await;
    let pending = h.engine.begin_link(ScopeSet::default(), RedirectUri::deep_link(), false, None).unwrap();
    h.engine.remember_pending(&pending).await.unwrap();
    let location = h.authorize(&pending).await;
    drop(pending); // the app closes

    // A new process (the app cold-started by the deep link) picks the sign-in up.
    let engine = h.another_engine();
    let mut flow = PendingFlow::new();
    flow.begin(engine.take_remembered_pending().await.unwrap().expect("remembered"));
    assert!(engine.take_remembered_pending().await.unwrap().is_none(), "taken once");
    let completed = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap();
    let link = engine.finish_link(completed).await.unwrap();
    assert_eq!(link.record.account.id, "emu-user");

    let other = h.engine.begin_link(ScopeSet::default(), RedirectUri::deep_link(), false, None).unwrap();
    h.engine.remember_pending(&other).await.unwrap();
    h.engine.forget_pending().await.unwrap();
    assert!(h.engine.take_remembered_pending().await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_code_fails_the_sign_in_not_the_link() {
    let h = Harness::default().await;
    let before = h.link("user-read-email", false).await;
    h.emulator.set_code_ttl(Duration::ZERO);
    let mut flow = PendingFlow::new();
    let pending = flow.begin(h.engine.begin_link(ScopeSet::default(), RedirectUri::deep_link(), true, None).unwrap());
    let location = h.authorize(pending).await;
    let completed = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap();
    let err = h.engine.finish_link(completed).await.unwrap_err();
    assert!(matches!(err, Error::CodeRejected { .. }), "{err}");
    assert_eq!(err.kind(), ErrorKind::StateMismatch, "a failed sign-in, not a dead link");
    assert!(err.to_string().contains("Authorization code expired"), "{err}");
    assert_eq!(h.engine.load().await.unwrap().unwrap(), before);
    assert!(!h.engine.status().await.unwrap().needs_relink);
}

/// Counts keychain writes, over the real Secret Service.
struct CountingStore {
    inner: spotlink_core::store::KeyringStore,
    writes: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl spotlink_core::store::SecretStore for CountingStore {
    fn get(&self, account: &str) -> Result<Option<zeroize::Zeroizing<String>>, spotlink_core::store::StoreError> {
        self.inner.get(account)
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), spotlink_core::store::StoreError> {
        self.writes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.inner.set(account, secret)
    }
    fn delete(&self, account: &str) -> Result<bool, spotlink_core::store::StoreError> {
        self.inner.delete(account)
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_profile_check_writes_the_keychain_only_when_the_details_changed() {
    let h = Harness::default().await;
    h.link("user-read-private user-read-email", false).await;
    let writes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = writes.clone();
    let engine = common::engine_with_store(&h.emulator, &h.dir, &h.service, common::test_options(), |service| {
        std::sync::Arc::new(CountingStore { inner: spotlink_core::store::KeyringStore::new(service), writes: counted })
    });

    let link = engine.refresh_profile().await.unwrap();
    assert_eq!(link.record.account.display_name.as_deref(), Some("Emu Listener"));
    assert_eq!(writes.load(std::sync::atomic::Ordering::SeqCst), 0, "nothing changed, nothing written");

    // Details that are out of date (the user renamed themselves at Spotify) are rewritten.
    let stale = h.raw_record().unwrap().replace("Emu Listener", "Old Name");
    let store = h.secrets();
    std::thread::spawn(move || spotlink_core::store::SecretStore::set(&store, "emu-user", &stale).unwrap())
        .join()
        .unwrap();
    assert_eq!(engine.load().await.unwrap().unwrap().record.account.display_name.as_deref(), Some("Old Name"));
    let link = engine.refresh_profile().await.unwrap();
    assert_eq!(link.record.account.display_name.as_deref(), Some("Emu Listener"));
    assert_eq!(writes.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert!(h.raw_record().unwrap().contains("Emu Listener"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_is_renewed_with_its_own_client_id_when_none_is_configured() {
    let h = Harness::default().await;
    let before = h.link("user-read-email", false).await;
    // The client ID setting is gone (removed from the file, or it came from an environment).
    let engine = common::engine_without_client_id(&h.emulator, &h.dir, &h.service);

    let err = engine.begin_link(ScopeSet::default(), RedirectUri::deep_link(), true, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config, "nothing to sign in with: {err}");
    let err =
        engine.begin_link(ScopeSet::default(), RedirectUri::deep_link(), true, Some("not a client id")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config, "a broken stored client ID is reported: {err}");

    let mut flow = PendingFlow::new();
    let linked_client = before.record.client_id.as_str();
    let pending = flow.begin(
        engine.begin_link(before.requested.clone(), RedirectUri::deep_link(), true, Some(linked_client)).unwrap(),
    );
    assert!(pending.authorize_url().as_str().contains("client_id=spotlink-test-client"));
    // The emulator checks that the code exchange uses the client the code was issued to.
    let location = h.authorize(pending).await;
    let completed = flow.complete(callback::parse_deep_link(&location).unwrap(), OffsetDateTime::now_utc()).unwrap();
    let after = engine.finish_link(completed).await.unwrap();
    assert_eq!(after.record.client_id, before.record.client_id);
    assert_ne!(after.record.refresh_token, before.record.refresh_token, "a new grant was stored");
}
