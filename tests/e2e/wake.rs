//! A token that expired while the laptop slept is renewed as soon as it wakes
//! (logind's `PrepareForSleep(false)`), or as soon as the network is back
//! (NetworkManager's `StateChanged` to connected), not when a timer set before the
//! sleep fires. A private bus stands in for the system bus; the test owns logind's and
//! NetworkManager's names on it and sends their signals.

use std::time::{Duration, Instant};

use test_support::PrivateBus;
use time::OffsetDateTime;

use crate::flows::link;
use crate::harness::{E2e, Options};

/// logind and NetworkManager as far as this test plays them: their names and objects,
/// so a call from anything in the app (GTK, WebKit) is answered with an error at once
/// instead of waiting for D-Bus's 25-second timeout.
struct Login1;
#[zbus::interface(name = "org.freedesktop.login1.Manager")]
impl Login1 {}
struct NetworkManager;
#[zbus::interface(name = "org.freedesktop.NetworkManager")]
impl NetworkManager {}

/// A private bus standing in for the system bus, for as long as this lives.
struct SystemBus {
    address: &'static str,
    _bus: PrivateBus,
    _dir: tempfile::TempDir,
}

/// A scenario whose app sees a private bus as its system bus: nothing answers there
/// unless the test serves it.
/// The bus comes first, so it outlives the app when both are dropped.
async fn start_with_private_system_bus() -> (SystemBus, E2e) {
    let dir = tempfile::tempdir().unwrap();
    let bus = PrivateBus::start(dir.path());
    let address: &'static str = Box::leak(bus.address.clone().into_boxed_str());
    let e2e = E2e::start(Options { env: vec![("DBUS_SYSTEM_BUS_ADDRESS", address)], ..Options::default() }).await;
    (SystemBus { address, _bus: bus, _dir: dir }, e2e)
}

async fn wait_for_refresh(e2e: &E2e, before: u64, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while e2e.emulator().stats().token_requests <= before {
        if Instant::now() > deadline {
            e2e.fail::<()>(&format!("no refresh within 10 s after {what}")).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let record = e2e.keychain().expect("still linked");
    let expires_at = record["expires_at"].as_i64().expect("a cached token");
    assert!(expires_at > OffsetDateTime::now_utc().unix_timestamp() + 3000, "a fresh hour-long token after {what}");
    e2e.wait_for(
        "the window to show the fresh token's expiry",
        "const at = Date.parse(document.getElementById('token-expiry')?.dataset.expiresAt ?? ''); return at > Date.now() + 3000 * 1000;",
        vec![],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waking_up_or_going_online_renews_a_token_that_expired_meanwhile() {
    let (system_bus, mut e2e) = start_with_private_system_bus().await;
    let address = system_bus.address;
    let bus = zbus::connection::Builder::address(address)
        .unwrap()
        .name("org.freedesktop.login1")
        .unwrap()
        .name("org.freedesktop.NetworkManager")
        .unwrap()
        .serve_at("/org/freedesktop/login1", Login1)
        .unwrap()
        .serve_at("/org/freedesktop/NetworkManager", NetworkManager)
        .unwrap()
        .build()
        .await
        .expect("the stand-in system bus");
    e2e.launch().await;
    link(&e2e).await;
    for _ in 0..100 {
        if e2e.app_output().contains("watching for wake-ups") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(e2e.app_output().contains("watching for wake-ups"), "the app listens on the (stand-in) system bus");

    // Asleep through the token's expiry: the refresh timer still waits for its hour.
    e2e.expire_cached_token();
    let before = e2e.emulator().stats().token_requests;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(e2e.emulator().stats().token_requests, before, "no refresh without a reason");
    bus.emit_signal(
        None::<()>,
        "/org/freedesktop/login1",
        "org.freedesktop.login1.Manager",
        "PrepareForSleep",
        &(true,),
    )
    .await
    .unwrap();
    bus.emit_signal(
        None::<()>,
        "/org/freedesktop/login1",
        "org.freedesktop.login1.Manager",
        "PrepareForSleep",
        &(false,),
    )
    .await
    .unwrap();
    wait_for_refresh(&e2e, before, "waking up").await;

    // The network comes back.
    e2e.expire_cached_token();
    let before = e2e.emulator().stats().token_requests;
    bus.emit_signal(
        None::<()>,
        "/org/freedesktop/NetworkManager",
        "org.freedesktop.NetworkManager",
        "StateChanged",
        &(70u32,),
    )
    .await
    .unwrap();
    wait_for_refresh(&e2e, before, "the network came back").await;
    e2e.finish().await;
}

/// Without logind or NetworkManager (a system bus with nothing on it), the kernel tells
/// the app: setting the wall clock (as NTP does when it steps it, and as a resume does)
/// cancels the app's `CLOCK_REALTIME` timerfd (src-tauri/wake.rs). Setting the clock to
/// what it says is such a change, and harmless to everything else on the machine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wall_clock_change_renews_a_token_that_expired_meanwhile() {
    let (_system_bus, mut e2e) = start_with_private_system_bus().await;
    e2e.launch().await;
    link(&e2e).await;

    e2e.expire_cached_token();
    let before = e2e.emulator().stats().token_requests;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(e2e.emulator().stats().token_requests, before, "no refresh without a reason");
    // SAFETY: reads the clock and sets it to that value; needs CAP_SYS_TIME (the test
    // sessions run as root, as scripts/test and CI do).
    let set = unsafe {
        let mut now: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_REALTIME, &mut now);
        libc::clock_settime(libc::CLOCK_REALTIME, &now)
    };
    assert_eq!(set, 0, "setting the clock needs root: {}", std::io::Error::last_os_error());
    wait_for_refresh(&e2e, before, "the wall clock was set").await;
    assert!(e2e.app_output().contains("ClockChanged"), "the app says why it looked again");
    e2e.finish().await;
}
