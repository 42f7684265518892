//! The activity record as the engine writes it, against the emulator and the real Secret
//! Service: link and relink, each refresh's outcome (renewed, refused by Spotify, failed),
//! tokens handed out with who took them, and the unusual activity judged from it.

mod common;

use common::Harness;
use spotify_emulator::{EmulatorConfig, Fault, Rotation};
use spotlink_core::activity::unusual::Alert;
use spotlink_core::activity::{Event, Program};
use spotlink_core::engine::Taker;
use spotlink_core::scopes::ScopeSet;
use time::OffsetDateTime;

fn events(h: &Harness) -> Vec<(Event, Option<String>)> {
    let read = h.engine.read_activity().unwrap();
    assert_eq!(read.damaged, 0);
    read.entries.into_iter().map(|e| (e.event, e.detail)).collect()
}

fn program(name: &str) -> Option<Program> {
    Some(Program { name: name.into(), exe: Some(format!("/usr/bin/{name}")), pid: Some(7) })
}

#[tokio::test(flavor = "multi_thread")]
async fn each_outcome_is_recorded() {
    let h = Harness::start(EmulatorConfig { rotation: Rotation::On, ..EmulatorConfig::default() }).await;
    h.link("user-read-email", false).await;
    h.link("user-read-email,user-read-private", true).await;
    h.engine.refresh().await.unwrap();
    h.emulator.inject_faults(Fault::ServerError, 3);
    assert!(h.engine.refresh().await.is_err());
    h.emulator.revoke_all();
    assert!(h.engine.refresh().await.is_err());

    let got = events(&h);
    let names: Vec<Event> = got.iter().map(|(e, _)| *e).collect();
    assert_eq!(
        names,
        [Event::Link, Event::Relink, Event::Refresh, Event::RefreshFailed, Event::RefreshRefused],
        "{got:?}"
    );
    assert_eq!(got[1].1.as_deref(), Some("user-read-email user-read-private"), "the scopes granted");
    assert_eq!(got[2].1.as_deref(), Some("rotated"));
    assert!(got[4].1.as_deref().is_some_and(|reason| !reason.is_empty()), "Spotify's reason: {got:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn tokens_handed_out_name_who_took_them_and_unusual_ones_are_told_once() {
    let h = Harness::default().await;
    h.link("user-read-email", false).await;
    // The first look only notes when it was: nothing from before counts.
    assert_eq!(h.engine.unusual_activity(OffsetDateTime::now_utc()).unwrap(), []);

    let cron = h.another_engine().called_by(program("cron-job.sh"));
    cron.hand_out(Taker::Caller, None, &ScopeSet::default()).await.unwrap();
    h.engine.hand_out(Taker::Tray, None, &ScopeSet::default()).await.unwrap();
    let read = h.engine.read_activity().unwrap();
    let last: Vec<_> = read.entries.iter().rev().take(2).collect();
    assert_eq!((last[0].event, last[0].detail.as_deref()), (Event::Copy, Some("tray")));
    assert_eq!(last[1].event, Event::Token);
    assert_eq!(last[1].program.as_ref().unwrap().name, "cron-job.sh");

    let told = h.engine.unusual_activity(OffsetDateTime::now_utc()).unwrap();
    assert!(
        matches!(&told[..], [Alert::NewProgram { program, account }]
            if program.name == "cron-job.sh" && account.as_deref() == Some("emu-user")),
        "{told:?}"
    );
    cron.hand_out(Taker::Caller, None, &ScopeSet::default()).await.unwrap();
    assert_eq!(h.engine.unusual_activity(OffsetDateTime::now_utc()).unwrap(), [], "known now");

    // Spotify refusing the link, which worked, is told.
    h.emulator.revoke_all();
    assert!(h.engine.refresh().await.is_err());
    let told = h.engine.unusual_activity(OffsetDateTime::now_utc()).unwrap();
    assert!(matches!(&told[..], [Alert::Refused { account, .. }] if account == "emu-user"), "{told:?}");
}
