//! CHANGELOG.md (the "Keep a Changelog" shape) read once, and written out as a Debian
//! changelog and as AppStream `<release>` elements, so the packages, the metainfo and
//! the file people read tell the same story from one source.

use time::macros::format_description;
use time::Date;

/// One released version, newest first in a [`Changelog`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub version: String,
    pub date: Date,
    /// The bullet points, as plain text (Markdown code marks removed).
    pub changes: Vec<String>,
}

/// What CHANGELOG.md says, released versions only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changelog {
    pub releases: Vec<Release>,
}

impl Changelog {
    /// Reads `## [VERSION] - YYYY-MM-DD` headings and the `- ` bullets under them
    /// (continuation lines are joined); `## [Unreleased]` and `### ` subheadings are
    /// skipped. A release without a date or without a bullet is an error.
    pub fn parse(markdown: &str) -> Result<Self, String> {
        let mut releases: Vec<Release> = Vec::new();
        let mut in_release = false;
        for (n, line) in markdown.lines().enumerate() {
            let line_no = n + 1;
            if let Some(heading) = line.strip_prefix("## ") {
                in_release = false;
                let heading = heading.trim();
                if heading.eq_ignore_ascii_case("[unreleased]") {
                    continue;
                }
                let (version, date) = heading
                    .split_once(" - ")
                    .ok_or_else(|| format!("line {line_no}: expected `## [VERSION] - YYYY-MM-DD`"))?;
                let version = version.trim().trim_start_matches('[').trim_end_matches(']').to_owned();
                if version.is_empty() || !version.chars().all(|c| c.is_ascii_alphanumeric() || ".+~-".contains(c)) {
                    return Err(format!("line {line_no}: `{version}` is not a version"));
                }
                let date = Date::parse(date.trim(), format_description!("[year]-[month]-[day]"))
                    .map_err(|e| format!("line {line_no}: bad date: {e}"))?;
                releases.push(Release { version, date, changes: Vec::new() });
                in_release = true;
            } else if !in_release || line.starts_with('#') {
                continue;
            } else if let Some(item) = line.strip_prefix("- ") {
                let release = releases.last_mut().expect("in a release");
                release.changes.push(plain(item));
            } else if line.starts_with("  ") && !line.trim().is_empty() {
                let release = releases.last_mut().expect("in a release");
                match release.changes.last_mut() {
                    Some(last) => {
                        last.push(' ');
                        last.push_str(&plain(line.trim()));
                    }
                    None => return Err(format!("line {line_no}: text before the first bullet")),
                }
            }
        }
        if let Some(empty) = releases.iter().find(|r| r.changes.is_empty()) {
            return Err(format!("release {} lists no change", empty.version));
        }
        if releases.is_empty() {
            return Err("no released version".into());
        }
        Ok(Self { releases })
    }

    /// The newest release.
    pub fn latest(&self) -> &Release {
        &self.releases[0]
    }

    /// The Debian changelog (Debian Policy 4.4), newest entry first.
    pub fn debian(&self, package: &str, maintainer: &str) -> String {
        let mut out = String::new();
        for release in &self.releases {
            out.push_str(&format!("{package} ({}) unstable; urgency=medium\n\n", release.version));
            for change in &release.changes {
                out.push_str(&wrap(change, "  * ", "    "));
            }
            let date = release
                .date
                .format(format_description!("[weekday repr:short], [day] [month repr:short] [year]"))
                .expect("a date formats");
            out.push_str(&format!("\n -- {maintainer}  {date} 00:00:00 +0000\n\n"));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }

    /// AppStream's `<releases>` element (newest first), indented for the metainfo file.
    pub fn appstream(&self) -> String {
        let mut out = String::from("<releases>\n");
        for release in &self.releases {
            out.push_str(&format!("    <release version=\"{}\" date=\"{}\">\n", xml(&release.version), release.date));
            out.push_str("      <description>\n        <ul>\n");
            for change in &release.changes {
                out.push_str(&format!("          <li>{}</li>\n", xml(change)));
            }
            out.push_str("        </ul>\n      </description>\n    </release>\n");
        }
        out.push_str("  </releases>");
        out
    }
}

/// Markdown inline marks that mean nothing in plain text: code spans and emphasis.
fn plain(text: &str) -> String {
    text.replace(['`', '*'], "").trim().to_owned()
}

/// `text` in lines of at most 80 columns, the first after `first`, the rest after `rest`.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.len() + 1 + word.len() > 80 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// Text escaped for XML character data and attribute values.
pub fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- not yet\n\n\
        ## [0.2.0] - 2027-01-05\n\n### Added\n\n- `spotlink api` calls the Web API & prints\n  the answer.\n- Tray <icon>.\n\n\
        ## [0.1.0] - 2026-11-28\n\n- First release.\n";

    #[test]
    fn reads_released_versions_newest_first() {
        let log = Changelog::parse(SAMPLE).unwrap();
        assert_eq!(log.releases.len(), 2);
        assert_eq!(log.latest().version, "0.2.0");
        assert_eq!(log.latest().changes, ["spotlink api calls the Web API & prints the answer.", "Tray <icon>."]);
        assert_eq!(log.releases[1].date.to_string(), "2026-11-28");
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(Changelog::parse("## [0.1.0]\n- x\n").unwrap_err().contains("line 1"));
        assert!(Changelog::parse("## [0.1.0] - 2026-13-01\n- x\n").unwrap_err().contains("bad date"));
        assert!(Changelog::parse("## [0.1.0] - 2026-11-28\n").unwrap_err().contains("no change"));
        assert!(Changelog::parse("# Changelog\n").is_err());
        assert!(Changelog::parse("## [0 1] - 2026-11-28\n- x\n").unwrap_err().contains("not a version"));
    }

    #[test]
    fn writes_a_debian_changelog() {
        let debian = Changelog::parse(SAMPLE).unwrap().debian("spotlink", "A <a@example.org>");
        let expected = "spotlink (0.2.0) unstable; urgency=medium\n\n  \
            * spotlink api calls the Web API & prints the answer.\n  * Tray <icon>.\n\n \
            -- A <a@example.org>  Tue, 05 Jan 2027 00:00:00 +0000\n\n\
            spotlink (0.1.0) unstable; urgency=medium\n\n  * First release.\n\n \
            -- A <a@example.org>  Sat, 28 Nov 2026 00:00:00 +0000\n";
        assert_eq!(debian, expected);
    }

    #[test]
    fn wraps_long_entries_at_80_columns() {
        let text = "word ".repeat(40);
        let wrapped = wrap(&text, "  * ", "    ");
        assert!(wrapped.lines().all(|l| l.len() <= 80), "{wrapped}");
        assert!(wrapped.starts_with("  * word") && wrapped.lines().nth(1).unwrap().starts_with("    word"));
        assert_eq!(wrapped.split_whitespace().filter(|w| *w == "word").count(), 40);
    }

    #[test]
    fn writes_escaped_appstream_releases() {
        let xml = Changelog::parse(SAMPLE).unwrap().appstream();
        assert!(xml.contains("<release version=\"0.2.0\" date=\"2027-01-05\">"), "{xml}");
        assert!(xml.contains("<li>spotlink api calls the Web API &amp; prints the answer.</li>"), "{xml}");
        assert!(xml.contains("<li>Tray &lt;icon&gt;.</li>"), "{xml}");
        assert!(xml.find("0.2.0").unwrap() < xml.find("0.1.0").unwrap());
    }
}
