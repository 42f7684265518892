//! The app's own command-line options. `spotlink-app --version` and `--help` answer
//! and exit before anything else starts (no window, no D-Bus, no hand-off);
//! `--tray` starts without the window (as at login); every other argument (the OS
//! passes a `spotlink://` link as the only one) is left to the deep-link path.

/// What the command line asks of this process.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// Print this text on stdout and exit successfully.
    Answer(String),
    /// Start (or hand the arguments to the running instance); `in_tray`: without
    /// opening the window.
    Run { in_tray: bool },
}

/// Starts SpotLink in the tray, without the window (the login item passes it).
pub const TRAY: &str = "--tray";

/// The app's version: the workspace's, as in the CLI, the packages and the metainfo.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Reads the arguments after the program name. Only a lone option is taken as one: a
/// link is never `--version`, and an unknown option is left to the normal start,
/// which ignores it (desktop launchers can pass their own).
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Request {
    let args: Vec<String> = args.into_iter().collect();
    match args.as_slice() {
        [one] if one == "--version" || one == "-V" => Request::Answer(format!("spotlink-app {VERSION}\n")),
        [one] if one == "--help" || one == "-h" => Request::Answer(help()),
        [one] if one == TRAY => Request::Run { in_tray: true },
        _ => Request::Run { in_tray: false },
    }
}

fn help() -> String {
    format!(
        "SpotLink {VERSION}: link a Spotify account to this computer and manage that link.\n\
         \n\
         Usage: spotlink-app [--tray | spotlink://callback?...]\n\
         \n\
         Starts the desktop app, or brings the running one forward. A spotlink:// link\n\
         (Spotify's answer to a sign-in) is handed to the running app.\n\
         \n\
         Options:\n\
         \x20     --tray     Start in the tray, without opening the window (as at login)\n\
         \x20 -h, --help     Print this help\n\
         \x20 -V, --version  Print the version\n\
         \n\
         For scripts and terminals, see the `spotlink` command (man spotlink).\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Request {
        parse(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn version_and_help_answer() {
        assert_eq!(parse_strs(&["--version"]), Request::Answer(format!("spotlink-app {VERSION}\n")));
        assert_eq!(parse_strs(&["-V"]), parse_strs(&["--version"]));
        let Request::Answer(help) = parse_strs(&["--help"]) else { panic!("help answers") };
        assert!(help.contains("Usage: spotlink-app"), "{help}");
    }

    #[test]
    fn links_and_everything_else_start_the_app() {
        let window = Request::Run { in_tray: false };
        assert_eq!(parse_strs(&[]), window);
        assert_eq!(parse_strs(&["spotlink://callback?code=a&state=b"]), window);
        // Not a lone option: a link that merely contains the text, or two arguments.
        assert_eq!(parse_strs(&["spotlink://callback?--version"]), window);
        assert_eq!(parse_strs(&["--version", "spotlink://callback"]), window);
        assert_eq!(parse_strs(&["--tray", "spotlink://callback"]), window);
    }

    #[test]
    fn tray_starts_without_the_window() {
        assert_eq!(parse_strs(&["--tray"]), Request::Run { in_tray: true });
    }
}
