//! `spotlink completions SHELL`: the shell completion script, generated from the same
//! definitions the binary parses (like `gh completion -s SHELL`). The packages install
//! the same scripts in the shells' standard directories.

use std::io::Write as _;
use std::process::ExitCode;

use clap_complete::Shell;

#[derive(Debug, clap::Args)]
#[command(after_help = "Packages install these already. By hand, for example:\n  \
    spotlink completions bash > ~/.local/share/bash-completion/completions/spotlink\n  \
    spotlink completions zsh > ~/.zfunc/_spotlink   # with fpath+=(~/.zfunc) before compinit\n  \
    spotlink completions fish > ~/.config/fish/completions/spotlink.fish")]
pub struct Options {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: Shell,
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut crate::command(), "spotlink", &mut out);
    out
}

pub fn run(options: Options) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe is the reader's choice, not our failure.
    let _ = stdout.write_all(&script(options.shell)).and_then(|()| stdout.flush());
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_is_completed_in_every_shell() {
        let verbs: Vec<String> = crate::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
        assert!(verbs.len() >= 7, "{verbs:?}");
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = String::from_utf8(script(shell)).unwrap();
            for verb in &verbs {
                assert!(script.contains(verb.as_str()), "{shell}: no {verb}");
            }
            assert!(script.contains("min-ttl"), "{shell}: flags are completed too");
        }
    }
}
