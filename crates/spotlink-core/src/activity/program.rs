//! Which program asked for a token: the process that started `spotlink`.
//!
//! - **Linux**: the parent's `/proc/<pid>/exe`, `comm` and `cmdline`. A script run by
//!   an interpreter (`sh`, `bash`, `python3`, …) is named after the script, not the
//!   interpreter: `/proc` shows the interpreter as the executable and the script as its
//!   first argument that is no option.
//! - **macOS**: the parent's executable (`proc_pidpath`).
//! - **Windows**: the parent's executable, from the process snapshot (`Toolhelp32`) and
//!   `QueryFullProcessImageNameW`.
//!
//! What cannot be told is left out rather than guessed.

use serde::{Deserialize, Serialize};

/// A program that took a token.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Program {
    /// What people call it: the script's or the executable's file name.
    pub name: String,
    /// The executable's full path (for a script, its interpreter's), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exe: Option<String>,
    /// Its process id at the time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
}

impl Program {
    /// The same program as `other`, whatever its process id: same name and executable.
    pub fn same_as(&self, other: &Program) -> bool {
        self.name == other.name && self.exe == other.exe
    }
}

/// The program that started this process, where it can be told.
pub fn parent() -> Option<Program> {
    platform::parent()
}

/// Interpreters whose first argument that is no option is the script they run.
const INTERPRETERS: [&str; 16] = [
    "sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "busybox", "python", "perl", "ruby", "node", "php", "lua",
    "tclsh", "Rscript",
];

/// The name for a process running `exe` with `args` (argv, the program first) whose
/// kernel name is `comm`: the script's file name when `exe` is an interpreter running
/// one, else `comm`, else the executable's file name.
pub fn name_of(exe: Option<&str>, comm: Option<&str>, args: &[String]) -> Option<String> {
    let exe_name = exe.map(file_name);
    let interpreter = exe_name
        .as_deref()
        .and_then(|name| INTERPRETERS.into_iter().find(|i| name == *i || name.strip_prefix(i).is_some_and(is_version)));
    if let Some(interpreter) = interpreter {
        // Inline code (`sh -c`, `perl -e`, `python -m`) names no script; for a shell,
        // `-e` is an option like any other.
        let inline: &[&str] = match interpreter {
            "python" => &["-c", "-m", "-"],
            "perl" | "ruby" | "node" | "php" | "lua" => &["-c", "-e", "-E", "--eval", "-p", "-r", "-"],
            _ => &["-c", "-s", "-"],
        };
        for arg in args.iter().skip(1) {
            if inline.contains(&arg.as_str()) {
                break;
            }
            if arg.starts_with('-') {
                continue;
            }
            return Some(file_name(arg));
        }
    }
    comm.filter(|c| !c.is_empty()).map(str::to_owned).or(exe_name)
}

/// `3`, `3.11`, `-5.36`: what follows an interpreter's name in a versioned executable.
fn is_version(rest: &str) -> bool {
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The last component of a path, `/` or `\` separated.
fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned()
}

#[cfg(target_os = "linux")]
mod platform {
    use super::{name_of, Program};

    pub fn parent() -> Option<Program> {
        let pid = std::os::unix::process::parent_id();
        // 0: started by something outside this PID namespace; 1: orphaned to init.
        if pid <= 1 {
            return None;
        }
        let proc = std::path::PathBuf::from(format!("/proc/{pid}"));
        let exe = std::fs::read_link(proc.join("exe")).ok().map(|p| p.to_string_lossy().into_owned());
        let comm = std::fs::read_to_string(proc.join("comm")).ok().map(|c| c.trim_end_matches('\n').to_owned());
        let args: Vec<String> = std::fs::read(proc.join("cmdline"))
            .map(|raw| {
                raw.split(|b| *b == 0)
                    .filter(|a| !a.is_empty())
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let name = name_of(exe.as_deref(), comm.as_deref(), &args)?;
        Some(Program { name, exe, pid: Some(pid) })
    }
}

#[cfg(target_os = "macos")]
mod platform {
    use super::{name_of, Program};

    pub fn parent() -> Option<Program> {
        let pid = std::os::unix::process::parent_id();
        if pid <= 1 {
            return None;
        }
        let mut path = vec![0u8; libc::PROC_PIDPATHINFO_MAXSIZE as usize];
        // SAFETY: the buffer is as long as the size passed; proc_pidpath writes at most that.
        let len = unsafe { libc::proc_pidpath(pid as libc::c_int, path.as_mut_ptr().cast(), path.len() as u32) };
        let exe = (len > 0).then(|| String::from_utf8_lossy(&path[..len as usize]).into_owned());
        let name = name_of(exe.as_deref(), None, &[])?;
        Some(Program { name, exe, pid: Some(pid) })
    }
}

#[cfg(windows)]
mod platform {
    use windows_sys::Win32::Foundation::{CloseHandle, INVALID_HANDLE_VALUE};
    use windows_sys::Win32::System::Diagnostics::ToolHelp::{
        CreateToolhelp32Snapshot, Process32FirstW, Process32NextW, PROCESSENTRY32W, TH32CS_SNAPPROCESS,
    };
    use windows_sys::Win32::System::Threading::{
        OpenProcess, QueryFullProcessImageNameW, PROCESS_QUERY_LIMITED_INFORMATION,
    };

    use super::{name_of, Program};

    pub fn parent() -> Option<Program> {
        let me = std::process::id();
        let (pid, exe_file) =
            processes().into_iter().find(|(id, _, _)| *id == me).map(|(_, parent, _)| parent).and_then(|parent| {
                processes().into_iter().find(|(id, _, _)| *id == parent).map(|(id, _, file)| (id, file))
            })?;
        let exe = full_path(pid);
        let name = name_of(exe.as_deref(), Some(&exe_file), &[])?;
        Some(Program { name, exe, pid: Some(pid) })
    }

    /// Every process: its id, its parent's id and its executable's file name.
    fn processes() -> Vec<(u32, u32, String)> {
        let mut out = Vec::new();
        // SAFETY: the snapshot handle is checked and closed; the entry's size is set
        // before the first call, as the API requires.
        unsafe {
            let snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
            if snapshot == INVALID_HANDLE_VALUE {
                return out;
            }
            let mut entry: PROCESSENTRY32W = std::mem::zeroed();
            entry.dwSize = std::mem::size_of::<PROCESSENTRY32W>() as u32;
            let mut more = Process32FirstW(snapshot, &mut entry) != 0;
            while more {
                let len = entry.szExeFile.iter().position(|c| *c == 0).unwrap_or(entry.szExeFile.len());
                let file = String::from_utf16_lossy(&entry.szExeFile[..len]);
                out.push((entry.th32ProcessID, entry.th32ParentProcessID, file));
                more = Process32NextW(snapshot, &mut entry) != 0;
            }
            CloseHandle(snapshot);
        }
        out
    }

    fn full_path(pid: u32) -> Option<String> {
        // SAFETY: the handle is checked and closed; the buffer's length is passed in and
        // updated to what was written.
        unsafe {
            let process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if process.is_null() {
                return None;
            }
            let mut buffer = [0u16; 1024];
            let mut len = buffer.len() as u32;
            let ok = QueryFullProcessImageNameW(process, 0, buffer.as_mut_ptr(), &mut len) != 0;
            CloseHandle(process);
            ok.then(|| String::from_utf16_lossy(&buffer[..len as usize]))
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
mod platform {
    pub fn parent() -> Option<super::Program> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn a_script_is_named_after_itself_not_its_interpreter() {
        let name = |exe, comm, argv: &[&str]| name_of(Some(exe), comm, &args(argv));
        assert_eq!(
            name("/usr/bin/bash", Some("nightly-backup."), &["/bin/bash", "/home/u/nightly-backup.sh"]).unwrap(),
            "nightly-backup.sh"
        );
        assert_eq!(name("/usr/bin/dash", Some("sh"), &["sh", "-e", "./sync.sh"]).unwrap(), "sync.sh");
        assert_eq!(name("/usr/bin/perl", Some("perl"), &["perl", "-e", "print 1"]).unwrap(), "perl");
        assert_eq!(name("/usr/bin/python3", Some("python3"), &["python3", "-m", "http.server"]).unwrap(), "python3");
        assert_eq!(name("/usr/bin/dash", Some("sh"), &["sh", "-x", "./sync.sh"]).unwrap(), "sync.sh");
        assert_eq!(
            name("/usr/bin/python3.11", Some("python3"), &["python3", "-u", "tool.py", "x"]).unwrap(),
            "tool.py"
        );
        assert_eq!(name("/usr/bin/bash", Some("bash"), &["-bash"]).unwrap(), "bash", "a login shell");
        assert_eq!(name("/usr/bin/bash", Some("bash"), &["bash", "-c", "spotlink token"]).unwrap(), "bash");
        assert_eq!(name("/usr/bin/cron", Some("cron"), &["/usr/sbin/cron", "-f"]).unwrap(), "cron", "no interpreter");
        assert_eq!(name("/usr/lib/bashful", Some("bashful"), &["bashful", "x"]).unwrap(), "bashful");
        assert_eq!(name_of(Some("C:\\Tools\\sync.exe"), None, &[]).unwrap(), "sync.exe");
        assert_eq!(name_of(None, None, &[]), None);
    }
}
