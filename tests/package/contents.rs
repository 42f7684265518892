//! What the package put on the machine, and what the validators say of it.

use std::collections::BTreeSet;
use std::path::Path;

use crate::system::{
    both, command, deb, desktop_key, rpm, run, stdout, APP, CLI, DESKTOP_ENTRY, DESKTOP_ID, METAINFO, VERSION,
};

#[test]
fn the_package_the_app_and_the_command_have_the_workspace_version() {
    let out = run("dpkg-query", &["-W", "-f=${Version}", "spotlink"]);
    assert_eq!(stdout(&out), VERSION, "the installed package's version: {}", both(&out));
    assert_eq!(stdout(&run(CLI, &["--version"])), format!("spotlink {VERSION}\n"));
    assert_eq!(stdout(&run(APP, &["--version"])), format!("spotlink-app {VERSION}\n"));
    // On the PATH as a user types them.
    let out = run("sh", &["-c", "command -v spotlink; command -v spotlink-app"]);
    assert_eq!(stdout(&out), format!("{CLI}\n{APP}\n"));
}

#[test]
fn a_man_page_renders_for_the_app_the_command_and_every_verb() {
    let mut pages = vec!["spotlink".to_owned(), "spotlink-app".to_owned()];
    pages.extend(spotlink_cli::command().get_subcommands().map(|c| format!("spotlink-{}", c.get_name())));
    for page in &pages {
        let out = command("man", &["-P", "cat", page]).env("LC_ALL", "C").env("MANWIDTH", "80").output().unwrap();
        let text = stdout(&out);
        assert!(out.status.success(), "man {page}: {}", both(&out));
        assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "man {page} renders sections:\n{text}");
        if page != "spotlink-app" {
            assert!(text.contains(&format!("v{VERSION}")), "man {page} names the version:\n{text}");
        }
    }
    let token = stdout(&command("man", &["-P", "cat", "spotlink-token"]).env("LC_ALL", "C").output().unwrap());
    assert!(token.contains("--min-ttl"), "the options are documented:\n{token}");
    // man justifies lines: compare with single spaces.
    let flat = token.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("SYNOPSIS spotlink token [--json]"), "the synopsis is what a user types:\n{token}");
}

/// Asks bash's completion for `words` (the last one being completed) and returns the candidates.
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = format!(
        "source /usr/share/bash-completion/bash_completion\n\
         _completion_loader spotlink\n\
         fn=$(complete -p spotlink | sed -E 's/.* -F ([^ ]+) .*/\\1/')\n\
         COMP_WORDS=({words})\n\
         COMP_CWORD={cword}\n\
         COMP_LINE=\"{words}\"\n\
         COMP_POINT=${{#COMP_LINE}}\n\
         \"$fn\" spotlink \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = words.join(" "),
        cword = words.len() - 1,
    );
    let out = run("bash", &["--norc", "-c", &script]);
    assert!(out.status.success(), "bash completion: {}", both(&out));
    stdout(&out).lines().map(str::to_owned).collect()
}

#[test]
fn bash_completes_verbs_and_flags_zsh_and_fish_scripts_are_installed() {
    let verbs = bash_complete(&["spotlink", "to"]);
    assert_eq!(verbs, ["token"], "`spotlink to<TAB>`");
    let all = bash_complete(&["spotlink", ""]);
    for verb in ["link", "status", "token", "api", "refresh", "scopes", "switch", "unlink", "completions"] {
        assert!(all.contains(&verb.to_owned()), "`spotlink <TAB>` offers {verb}: {all:?}");
    }
    let flags = bash_complete(&["spotlink", "token", "--m"]);
    assert_eq!(flags, ["--min-ttl"], "`spotlink token --m<TAB>`");

    // The same scripts `spotlink completions SHELL` prints, where each shell looks.
    for (shell, path) in [
        ("bash", "/usr/share/bash-completion/completions/spotlink"),
        ("zsh", "/usr/share/zsh/vendor-completions/_spotlink"),
        ("fish", "/usr/share/fish/vendor_completions.d/spotlink.fish"),
    ] {
        let installed = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let printed = run(CLI, &["completions", shell]);
        assert!(printed.status.success(), "spotlink completions {shell}: {}", both(&printed));
        assert_eq!(installed, printed.stdout, "{path} is what `spotlink completions {shell}` prints");
    }
}

#[test]
fn the_desktop_entry_is_valid_and_hands_spotlink_links_to_the_installed_app() {
    let out = run("desktop-file-validate", &[DESKTOP_ENTRY]);
    assert!(out.status.success() && both(&out).trim().is_empty(), "desktop-file-validate: {}", both(&out));
    let entry = std::fs::read_to_string(DESKTOP_ENTRY).unwrap();
    let key = |k: &str| desktop_key(&entry, k).unwrap_or_else(|| panic!("{DESKTOP_ENTRY} has no {k}=:\n{entry}"));
    assert_eq!(key("Name"), "SpotLink", "the menu shows the product's name");
    assert_eq!(key("Type"), "Application");
    assert_eq!(key("Exec"), "spotlink-app %u", "the link is passed to the app (a cold start needs %u)");
    assert!(key("MimeType").split(';').any(|m| m == "x-scheme-handler/spotlink"));
    assert!(!key("Categories").trim_matches(';').is_empty(), "a real category");
    assert!(key("Keywords").contains("Spotify"));
    assert_eq!(key("StartupWMClass"), "spotlink-app", "matches the window's WM_CLASS (checked in `installed`)");
    assert_eq!(desktop_key(&entry, "NoDisplay"), None, "listed in menus and in desktop settings");
    // Icon= names icons in every hicolor size, and a scalable one.
    let icon = key("Icon");
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let png = format!("/usr/share/icons/hicolor/{size}x{size}/apps/{icon}.png");
        assert!(Path::new(&png).is_file(), "{png} is installed");
        let identify = stdout(&run("identify", &["-format", "%w %h", &png]));
        assert_eq!(identify, format!("{size} {size}"), "{png} is {size} px");
    }
    assert!(Path::new(&format!("/usr/share/icons/hicolor/scalable/apps/{icon}.svg")).is_file());
}

#[test]
fn a_new_user_gets_the_package_entry_as_the_spotlink_handler() {
    let home = tempfile::tempdir().unwrap();
    for (opener, args) in [
        ("xdg-mime", &["query", "default", "x-scheme-handler/spotlink"][..]),
        ("gio", &["mime", "x-scheme-handler/spotlink"][..]),
    ] {
        let out = command(opener, args)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("XDG_CURRENT_DESKTOP")
            .output()
            .unwrap();
        assert!(out.status.success(), "{opener}: {}", both(&out));
        assert!(stdout(&out).contains(DESKTOP_ID), "{opener} names {DESKTOP_ID}: {}", both(&out));
    }
}

#[test]
fn the_metainfo_validates_and_carries_this_release() {
    let out = run("appstreamcli", &["validate", "--no-net", "--pedantic", METAINFO]);
    assert!(out.status.success(), "appstreamcli validate: {}", both(&out));
    let text = std::fs::read_to_string(METAINFO).unwrap();
    assert!(text.contains(&format!("<release version=\"{VERSION}\"")), "the newest release is this version");
    assert!(text.contains(&format!("<launchable type=\"desktop-id\">{DESKTOP_ID}</launchable>")));
    assert!(text.contains("<content_rating type=\"oars-1.1\""));
    assert!(text.matches("<caption>").count() >= 3, "the screenshots have captions");
    // Software centres show the summary, description and captions in the desktop's
    // language: each English element has its Russian twin. (The release notes below
    // them, from CHANGELOG.md, are English only, as AppStream allows.)
    let component = text[text.find("<component").unwrap()..].split("<releases>").next().unwrap();
    for element in ["summary", "p", "li", "caption"] {
        let english = component.matches(&format!("<{element}>")).count();
        let russian = component.matches(&format!("<{element} xml:lang=\"ru\">")).count();
        assert!(english > 0 && russian == english, "<{element}>: {english} in English, {russian} in Russian");
    }
}

#[test]
fn lintian_reports_no_error_and_no_warning() {
    let out = run("lintian", &["--fail-on", "error,warning", &deb().to_string_lossy()]);
    let report: Vec<String> =
        both(&out).lines().filter(|l| l.starts_with("E:") || l.starts_with("W:")).map(str::to_owned).collect();
    assert!(out.status.success() && report.is_empty(), "lintian:\n{}", both(&out));
}

#[test]
fn the_rpm_carries_the_same_files_as_the_deb() {
    let deb_files: BTreeSet<String> = stdout(&run("dpkg-deb", &["--contents", &deb().to_string_lossy()]))
        .lines()
        .filter(|l| !l.starts_with('d'))
        .filter_map(|l| l.split_whitespace().last().map(|p| format!("/{}", p.trim_start_matches("./"))))
        .filter(|p| !p.starts_with("/usr/share/doc/"))
        .collect();
    let out = run("rpm", &["-qlp", &rpm().to_string_lossy()]);
    assert!(out.status.success(), "rpm -qlp: {}", both(&out));
    let rpm_files: BTreeSet<String> = stdout(&out)
        .lines()
        .filter(|p| !p.starts_with("/usr/share/licenses/"))
        .map(str::to_owned)
        .filter(|p| {
            // rpm lists directories too; the .deb list above has none.
            !deb_files.iter().any(|f| f.starts_with(&format!("{p}/")))
        })
        .collect();
    assert_eq!(rpm_files, deb_files, "the .rpm and the .deb install the same files");
    assert!(rpm_files.contains(CLI) && rpm_files.contains(APP));
    let out = run("rpm", &["-qp", "--queryformat", "%{NAME} %{VERSION}\\n", &rpm().to_string_lossy()]);
    assert_eq!(stdout(&out), format!("spotlink {VERSION}\n"));
    let requires = stdout(&run("rpm", &["-qp", "--requires", &rpm().to_string_lossy()]));
    for need in
        ["libwebkit2gtk-4.1.so.0()(64bit)", "libgtk-3.so.0()(64bit)", "xdg-utils", "libayatana-appindicator-gtk3"]
    {
        assert!(requires.lines().any(|l| l.trim() == need), "the .rpm requires {need}: {requires}");
    }
}

#[test]
fn the_deb_depends_on_what_the_binaries_link_and_recommends_a_secret_service() {
    let control = stdout(&run(
        "dpkg-deb",
        &["--field", &deb().to_string_lossy(), "Package", "Depends", "Recommends", "Maintainer"],
    ));
    assert!(control.contains("Package: spotlink\n"), "{control}");
    // The tray's library is loaded at run time: no linked library names it.
    for need in [
        "libc6 (>=",
        "libwebkit2gtk-4.1-0 (>=",
        "libgtk-3-0 (>=",
        "libssl3",
        "xdg-utils",
        "libayatana-appindicator3-1 |",
    ] {
        assert!(control.contains(need), "Depends has {need}: {control}");
    }
    assert!(control.contains("gnome-keyring |"), "a Secret Service provider is recommended: {control}");
    assert!(control.contains("Maintainer: SpotLink developers <"), "{control}");
}
