//! Handing memory back once only the tray runs. Destroying the window ends its web
//! content process, but about 140 MiB of what the window brought would stay: WebKit's
//! network process (kept by the web context for the next window), the heap the web
//! view freed but the allocator keeps, and the pages of the libraries the window ran
//! (WebKit, JavaScriptCore, and the GL stack WebKit's UI side loads, Mesa's software
//! rasteriser with LLVM where there is no GPU). A SpotLink that waits in the tray for
//! days should not hold that. So, a moment after the window is gone:
//!
//! - the network process is asked to end (SIGTERM); WebKit starts a new one with the
//!   next window, as it does after a crash of it;
//! - freed heap is returned to the system (`malloc_trim`);
//! - the file-backed pages of every mapped library and of the binary are handed back
//!   (`madvise(MADV_PAGEOUT)`, Linux 5.4+): they are clean copies of files, read in
//!   again on demand when the tray's menu or the next window needs them. Private,
//!   changed pages (the heap, relocations) stay: without swap they cannot go anywhere.
//!
//! Measured by `scripts/bench-tray` (docs/bench/tray.md).

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::state::shell;

/// How long after the window closed the memory is handed back: by then the web
/// content process has exited, and a quick reopen has not happened.
const SETTLE: Duration = Duration::from_secs(2);

/// Hands memory back a moment after the window was closed to the tray, unless the
/// window came back meanwhile.
pub fn after_window_closed(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        let still_in_tray = shell(&app).read(|inner| inner.in_tray);
        // SpotLink has one window: any window at all means it came back.
        if !still_in_tray || !app.webview_windows().is_empty() {
            return;
        }
        match tauri::async_runtime::spawn_blocking(release).await {
            Ok(report) => tracing::info!(%report, "memory handed back while only the tray runs"),
            Err(e) => tracing::warn!(error = %e, "could not hand memory back"),
        }
    });
}

/// Does the work; returns what it did, for the log.
#[cfg(target_os = "linux")]
fn release() -> String {
    let ended = end_network_processes();
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe { libc::malloc_trim(0) };
    let (ranges, failed) = page_out_files();
    format!("network processes ended: {ended}; file mappings paged out: {ranges} ({failed} refused)")
}

#[cfg(not(target_os = "linux"))]
fn release() -> String {
    "nothing to do on this platform".to_owned()
}

/// Asks WebKit's network processes among this process's children to end.
#[cfg(target_os = "linux")]
fn end_network_processes() -> usize {
    let me = std::process::id();
    let mut ended = 0;
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        if is_network_child(&stat, me) {
            // SAFETY: a signal to a child of ours, found a moment ago; kill() touches no memory.
            if unsafe { libc::kill(pid, libc::SIGTERM) } == 0 {
                ended += 1;
            }
        }
    }
    ended
}

/// Whether a `/proc/<pid>/stat` line is of WebKit's network process, child of `parent`.
#[cfg(target_os = "linux")]
fn is_network_child(stat: &str, parent: u32) -> bool {
    // "pid (comm) state ppid …": comm (at most 15 bytes) may hold spaces and parentheses.
    let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { return false };
    let comm = &stat[open + 1..close];
    let ppid = stat[close + 1..].split_whitespace().nth(1).and_then(|p| p.parse::<u32>().ok());
    comm.starts_with("WebKitNetworkPr") && ppid == Some(parent)
}

/// `madvise(MADV_PAGEOUT)` over every file-backed mapping of this process. Returns how
/// many ranges were handed back and how many the kernel refused (e.g. locked pages).
#[cfg(target_os = "linux")]
fn page_out_files() -> (usize, usize) {
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else { return (0, 0) };
    let (mut done, mut failed) = (0, 0);
    for (start, end) in file_mappings(&maps) {
        // SAFETY: the range is one of this process's own mappings, as the kernel listed
        // it; MADV_PAGEOUT only drops resident copies of file pages, never contents.
        let result = unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_PAGEOUT) };
        if result == 0 {
            done += 1;
        } else {
            failed += 1;
        }
    }
    (done, failed)
}

/// The address ranges of the file-backed mappings in a `/proc/<pid>/maps` listing
/// (a path, not a pseudo-file such as `[heap]`, `[stack]` or `[vdso]`).
#[cfg(target_os = "linux")]
fn file_mappings(maps: &str) -> Vec<(usize, usize)> {
    maps.lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let range = fields.next()?;
            let path = fields.nth(4)?;
            if !path.starts_with('/') {
                return None;
            }
            let (start, end) = range.split_once('-')?;
            Some((usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?))
        })
        .collect()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn finds_file_mappings_only() {
        let maps = "\
55d0c0a00000-55d0c0a21000 r--p 00000000 08:01 1234   /usr/bin/spotlink-app
55d0c2000000-55d0c2400000 rw-p 00000000 00:00 0      [heap]
7f00aa000000-7f00aa100000 r-xp 00010000 08:01 99     /usr/lib/x86_64-linux-gnu/libLLVM-15.so.1
7f00ab000000-7f00ab001000 rw-p 00000000 00:00 0
7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0      [stack]
7f00ac000000-7f00ac010000 r--s 00000000 00:05 7      /memfd:wayland-shm (deleted)
";
        assert_eq!(
            file_mappings(maps),
            vec![(0x55d0c0a00000, 0x55d0c0a21000), (0x7f00aa000000, 0x7f00aa100000), (0x7f00ac000000, 0x7f00ac010000)]
        );
        // This process's own listing parses, and pages out without harm.
        let own = file_mappings(&std::fs::read_to_string("/proc/self/maps").unwrap());
        assert!(!own.is_empty());
        let (done, _) = page_out_files();
        assert!(done > 0);
    }

    #[test]
    fn recognises_the_network_process_of_this_parent() {
        assert!(is_network_child("4242 (WebKitNetworkPr) S 100 4242 …", 100));
        assert!(!is_network_child("4242 (WebKitNetworkPr) S 101 4242 …", 100), "another app's");
        assert!(!is_network_child("4243 (WebKitWebProces) S 100 4243 …", 100));
        assert!(!is_network_child("4244 (a) (WebKitNetworkPr) S 100 …", 100), "a name that only contains it");
        assert!(!is_network_child("garbage", 100));
    }
}
