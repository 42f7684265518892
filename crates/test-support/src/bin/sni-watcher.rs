//! A StatusNotifierWatcher for scripts (the tray benchmark, a look by hand): owns the
//! watcher's name on the session bus and prints one line per item that registers,
//! `<pid> <bus name><object path>`, until killed. Prints `ready` once it owns the name.

use std::io::Write;
use std::time::Duration;

use test_support::sni::Watcher;

fn main() {
    zbus::block_on(async {
        let watcher = match Watcher::start().await {
            Ok(watcher) => watcher,
            Err(e) => {
                eprintln!("sni-watcher: {e}");
                std::process::exit(1);
            }
        };
        let mut out = std::io::stdout();
        let _ = writeln!(out, "ready").and_then(|()| out.flush());
        let mut seen = 0;
        loop {
            let items = watcher.items();
            for item in &items[seen..] {
                let pid = item.pid.map_or_else(|| "-".to_owned(), |p| p.to_string());
                let _ = writeln!(out, "{pid} {}{}", item.bus, item.path).and_then(|()| out.flush());
            }
            seen = items.len();
            async_io::Timer::after(Duration::from_millis(5)).await;
        }
    });
}
