//! Runs docs/using-the-token.md as a reader would: every `sh` block in bash, the
//! `python` block with spotipy, the `rust` block (which must be
//! `examples/rspotify.rs`, byte for byte) as the built example, each with `spotlink` on
//! the PATH and a link to the emulator. A `text` block right after one is its exact
//! standard output. The only change made to a block: `https://api.spotify.com/v1` is the
//! emulator's API (spotipy gets the same through its `prefix`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{stderr, stdout, Env};
use spotify_emulator::EmulatorConfig;

const PAGE: &str = include_str!("../../../docs/using-the-token.md");
const RSPOTIFY_EXAMPLE: &str = include_str!("../examples/rspotify.rs");
const SPOTIFY_API: &str = "https://api.spotify.com/v1";
/// Made by `scripts/setup --test`, with spotipy in it.
const DOCS_PYTHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/docs-venv/bin/python");

/// A fenced code block and the `text` block that follows it, if any.
#[derive(Debug)]
struct Example {
    lang: String,
    code: String,
    expected: Option<String>,
}

fn examples(page: &str) -> Vec<Example> {
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut lines = page.lines();
    let mut between_blocks_blank = Vec::new();
    while let Some(line) = lines.next() {
        let Some(lang) = line.strip_prefix("```") else {
            between_blocks_blank.push(line.trim().is_empty());
            continue;
        };
        let mut code = String::new();
        for line in lines.by_ref().take_while(|l| !l.starts_with("```")) {
            code.push_str(line);
            code.push('\n');
        }
        // A text block counts as output only when nothing but blank lines separate it.
        let adjacent = between_blocks_blank.iter().all(|blank| *blank);
        between_blocks_blank.clear();
        blocks.push((if lang == "text" && !adjacent { "text-alone".into() } else { lang.into() }, code));
    }
    let mut examples: Vec<Example> = Vec::new();
    for (lang, code) in blocks {
        match (lang.as_str(), examples.last_mut()) {
            ("text", Some(last)) if last.expected.is_none() => last.expected = Some(code),
            ("text" | "text-alone", _) => panic!("a text block that follows no example:\n{code}"),
            _ => examples.push(Example { lang, code, expected: None }),
        }
    }
    examples
}

/// The built `examples/rspotify.rs`, next to this test's own directory.
fn rspotify_example() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    profile_dir.join("examples").join("rspotify")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_using_the_token_page_runs_as_written() {
    let env = Env::start(EmulatorConfig::default()).await;
    let scopes = "user-read-email,user-read-private,user-top-read,playlist-read-private,playlist-modify-public";
    let out = env.link(&["--scopes", scopes]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_spotlink")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let api = env.emulator.api_url();

    let examples = examples(PAGE);
    let langs: Vec<&str> = examples.iter().map(|e| e.lang.as_str()).collect();
    assert!(langs.contains(&"python") && langs.contains(&"rust") && langs.iter().filter(|l| **l == "sh").count() >= 8);
    let mut printed = Vec::new();
    for example in &examples {
        let mut cmd = match example.lang.as_str() {
            "sh" => {
                let mut cmd = Command::new("bash");
                cmd.args(["-euo", "pipefail", "-c", &example.code.replace(SPOTIFY_API, &api)]);
                cmd
            }
            "python" => {
                assert!(Path::new(DOCS_PYTHON).exists(), "{DOCS_PYTHON} is missing: run scripts/setup --test");
                // spotipy has no setting for its API base; point the constructor's at the emulator.
                let prelude = format!(
                    "import spotipy\n_init = spotipy.Spotify.__init__\n\
                     def _at_emulator(self, *a, **k):\n    _init(self, *a, **k)\n    self.prefix = '{api}/'\n\
                     spotipy.Spotify.__init__ = _at_emulator\n"
                );
                let mut cmd = Command::new(DOCS_PYTHON);
                cmd.args(["-c", &format!("{prelude}{}", example.code)]);
                cmd
            }
            "rust" => {
                assert_eq!(example.code, RSPOTIFY_EXAMPLE, "the page shows examples/rspotify.rs as it is");
                Command::new(rspotify_example())
            }
            other => panic!("no way to run a `{other}` block"),
        };
        env.environment(&mut cmd);
        cmd.env("PATH", &path).env("PLAYLIST_ID", "5pL0000000000000000000");
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}:\n{}\nfailed: {}", example.lang, example.code, stderr(&out));
        match &example.expected {
            Some(expected) => assert_eq!(&stdout(&out), expected, "the output of\n{}", example.code),
            None => assert!(!out.stdout.is_empty(), "no output from\n{}", example.code),
        }
        printed.push(format!("{}{}", stdout(&out), stderr(&out)));
    }
    let token = stdout(&env.run(&["token"])).trim().to_owned();
    assert!(printed.iter().all(|p| !p.contains(&token)), "an example printed the token");
}

#[test]
fn text_blocks_belong_to_the_example_before_them() {
    let page = "```sh\necho a\n```\n\n```text\na\n```\nprose\n```sh\necho b\n```\n";
    let found = examples(page);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].expected.as_deref(), Some("a\n"));
    assert_eq!(found[1].expected, None);
}
