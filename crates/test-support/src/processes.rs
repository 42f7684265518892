//! Processes, from /proc: who runs, under which parent and with which environment, and
//! killing them for good. The desktop suites use it to end everything a scenario started,
//! including what no process tree shows any more (a program a killed launcher started).

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const POLL: Duration = Duration::from_millis(50);

/// `(pid, parent pid, state)` of every process, from /proc.
pub fn processes() -> Vec<(u32, u32, char)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            let mut rest = stat[stat.rfind(')')? + 1..].split_whitespace();
            let state = rest.next()?.chars().next()?;
            let ppid = rest.next()?.parse().ok()?;
            Some((pid, ppid, state))
        })
        .collect()
}

/// A process's command name (`/proc/<pid>/comm`: at most 15 bytes of the program's name).
pub fn command_name(pid: u32) -> Option<String> {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).ok().map(|s| s.trim_end().to_owned())
}

/// A process's command line, its arguments joined by spaces (Wine shows a Windows
/// program's own path and arguments there; its `comm` is a thread's name, "main").
pub fn command_line(pid: u32) -> Option<String> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let args: Vec<String> =
        raw.split(|&b| b == 0).filter(|a| !a.is_empty()).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
    Some(args.join(" "))
}

/// Every live descendant of `root`.
pub fn descendants(root: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (pid, ppid, _) in processes() {
        children.entry(ppid).or_default().push(pid);
    }
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        for &child in children.get(&pid).into_iter().flatten() {
            found.push(child);
            queue.push(child);
        }
    }
    found
}

/// Sends SIGKILL to each of `pids`.
pub fn kill(pids: &[u32]) {
    if !pids.is_empty() {
        let _ = Command::new("kill").arg("-KILL").args(pids.iter().map(u32::to_string)).stderr(Stdio::null()).status();
    }
}

/// Waits (up to 10 s) until none of `pids` runs.
pub fn wait_until_gone(pids: &[u32]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids.iter().any(|&pid| alive(pid)) && Instant::now() < deadline {
        std::thread::sleep(POLL);
    }
}

/// The environment `pid` was started with, as `NAME=value` entries (none once it is gone).
pub fn environment(pid: u32) -> Vec<String> {
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
    environ
        .split(|&b| b == 0)
        .filter(|var| !var.is_empty())
        .map(|var| String::from_utf8_lossy(var).into_owned())
        .collect()
}

/// Every running process but this one whose environment, as it was started,
/// holds `entry` (`NAME=value`).
pub fn processes_with_env(entry: &str) -> Vec<u32> {
    let me = std::process::id();
    processes()
        .into_iter()
        .filter(|&(pid, _, state)| pid != me && state != 'Z')
        .map(|(pid, _, _)| pid)
        .filter(|&pid| environment(pid).iter().any(|var| var == entry))
        .collect()
}

/// Kills every process whose environment holds `entry` and waits until they
/// are gone, then looks again until it finds none: a launcher killed while
/// starting a program (xdg-open running the app for a `spotlink://` link)
/// leaves that program behind, under no parent a process tree would show.
/// Returns what it killed, as `pid (name)`.
pub fn kill_all_with_env(entry: &str) -> Vec<String> {
    assert!(
        entry.split_once('=').is_some_and(|(name, value)| !name.is_empty() && !value.is_empty()),
        "not NAME=value: {entry:?}"
    );
    let mut killed = Vec::new();
    for _ in 0..10 {
        let found = processes_with_env(entry);
        if found.is_empty() {
            break;
        }
        killed.extend(found.iter().map(|&pid| format!("{pid} ({})", command_name(pid).unwrap_or_default())));
        kill(&found);
        wait_until_gone(&found);
    }
    killed
}

/// True while `pid` runs (a zombie has already let go of everything).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| stat.rfind(')').and_then(|i| stat[i + 1..].split_whitespace().next().map(|s| s != "Z")))
        .unwrap_or(false)
}
