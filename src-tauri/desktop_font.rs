//! The desktop's interface font for the page, on Linux.
//!
//! The stylesheet asks for `system-ui`, which WebKitGTK hands to fontconfig's own
//! `system-ui` list (Cantarell, Noto Sans UI, Segoe UI, …). That list knows nothing of
//! the font the user chose for their desktop (GNOME's and KDE's settings reach GTK as
//! `gtk-font-name`), and where none of its names is installed, WebKit rejects the
//! match only after comparing long alias lists, for every size and weight on the page:
//! about a third of the first frame here. Naming the desktop's own family first shows
//! the font every other window uses and, as that family is installed, matches at once.
//!
//! For the same reason the monospace stack drops `ui-monospace` here: fontconfig has
//! no such name (it is Safari's name for SF Mono), so every lookup of it fails the
//! same slow way before `monospace` is tried.
//!
//! Both go in through a constructed stylesheet from an initialization script, so they
//! are in place before the page's first style pass; the stylesheet's own stack stays
//! behind the desktop's family.

/// A script that puts `family` in front of the page's `--font` stack and makes
/// `--mono` plain `monospace`, or `None` for a name that could not be written safely
/// into a CSS string.
pub fn script(family: &str) -> Option<String> {
    let family = family.trim();
    let unsafe_char = |c: char| c.is_control() || matches!(c, '"' | '\\' | '<' | '>' | '{' | '}' | ';');
    if family.is_empty() || family.len() > 100 || family.chars().any(unsafe_char) {
        return None;
    }
    let css = format!(":root{{--font:\"{family}\",system-ui,sans-serif;--mono:monospace}}");
    let css = serde_json::to_string(&css).ok()?;
    Some(format!(
        "(()=>{{try{{const s=new CSSStyleSheet();s.replaceSync({css});\
         document.adoptedStyleSheets=[...document.adoptedStyleSheets,s];}}catch(e){{}}}})();"
    ))
}

/// The family of the desktop's interface font (`gtk-font-name`, e.g. "Cantarell 11"),
/// if GTK has one. Call on the main thread after GTK started.
#[cfg(target_os = "linux")]
pub fn desktop_family() -> Option<String> {
    use gtk::prelude::GtkSettingsExt;
    let name = gtk::Settings::default()?.gtk_font_name()?;
    let family = pango::FontDescription::from_string(&name).family()?;
    Some(family.to_string())
}

#[cfg(not(target_os = "linux"))]
pub fn desktop_family() -> Option<String> {
    // macOS and Windows resolve `system-ui` to their interface font directly.
    None
}

#[cfg(test)]
mod tests {
    use super::script;

    #[test]
    fn a_family_goes_first_in_the_stack() {
        let js = script("Cantarell").unwrap();
        assert!(js.contains(r#":root{--font:\"Cantarell\",system-ui,sans-serif;--mono:monospace}"#), "{js}");
        assert!(js.contains("adoptedStyleSheets"));
    }

    #[test]
    fn names_with_spaces_and_non_ascii_letters_pass() {
        assert!(script("Noto Sans CJK JP").is_some());
        assert!(script("文泉驿微米黑").is_some());
        assert!(script("  Adwaita Sans ").unwrap().contains(r#"\"Adwaita Sans\""#));
    }

    #[test]
    fn names_that_could_escape_the_css_string_are_refused() {
        for bad in ["", "  ", "a\"b", "a\\b", "x}body{display:none", "a;b", "a\nb", "</script>", &"x".repeat(101)] {
            assert_eq!(script(bad), None, "{bad:?}");
        }
    }
}
