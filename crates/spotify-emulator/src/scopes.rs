//! Spotify's authorization scopes, kept inside this crate so the emulator
//! depends on no other SpotLink crate. Source: Spotify's "Scopes" page.

/// Every scope Spotify's accounts service accepts, with what the user grants.
pub const ALL: &[(&str, &str)] = &[
    ("ugc-image-upload", "Upload custom playlist cover images"),
    ("user-read-playback-state", "Read your playback state and devices"),
    ("user-modify-playback-state", "Control playback on your devices"),
    ("user-read-currently-playing", "Read what you are playing now"),
    ("app-remote-control", "Remote control playback (mobile SDKs)"),
    ("streaming", "Play content (Web Playback SDK)"),
    ("playlist-read-private", "Read your private playlists"),
    ("playlist-read-collaborative", "Read your collaborative playlists"),
    ("playlist-modify-private", "Modify your private playlists"),
    ("playlist-modify-public", "Modify your public playlists"),
    ("user-follow-read", "See who you follow"),
    ("user-follow-modify", "Follow and unfollow artists and users"),
    ("user-read-playback-position", "Read your playback position in episodes"),
    ("user-top-read", "Read your top artists and tracks"),
    ("user-read-recently-played", "Read what you played recently"),
    ("user-library-read", "Read your saved tracks, albums and episodes"),
    ("user-library-modify", "Save and remove items in your library"),
    ("user-read-email", "Read your account email address"),
    ("user-read-private", "Read your subscription level, country and explicit-content settings"),
    ("user-soa-link", "Link a partner account (Open Access partners only)"),
    ("user-soa-unlink", "Unlink a partner account (Open Access partners only)"),
    ("user-manage-entitlements", "Manage entitlements (Open Access partners only)"),
    ("user-manage-partner", "Manage partner settings (Open Access partners only)"),
    ("user-create-partner", "Create partner users (Open Access partners only)"),
];

/// Scope that unlocks `email` in `/v1/me`.
pub const USER_READ_EMAIL: &str = "user-read-email";
/// Scope that unlocks `country`, `product` and `explicit_content` in `/v1/me`.
pub const USER_READ_PRIVATE: &str = "user-read-private";

/// Whether `name` is a Spotify scope (case-sensitive, as Spotify is).
pub fn is_known(name: &str) -> bool {
    ALL.iter().any(|(known, _)| *known == name)
}

/// What granting `name` allows, for the consent page.
pub fn describe(name: &str) -> Option<&'static str> {
    ALL.iter().find(|(known, _)| *known == name).map(|(_, what)| *what)
}

/// Splits a `scope` parameter (space separated, RFC 6749 §3.3) into distinct
/// scopes in request order. Returns the first unknown scope as the error.
pub fn parse(param: &str) -> Result<Vec<String>, String> {
    let mut scopes: Vec<String> = Vec::new();
    for name in param.split(' ').filter(|s| !s.is_empty()) {
        if !is_known(name) {
            return Err(name.to_owned());
        }
        if !scopes.iter().any(|s| s == name) {
            scopes.push(name.to_owned());
        }
    }
    Ok(scopes)
}

/// The scopes actually granted: all requested ones, or only those also in
/// `grantable` when the emulator is configured to withhold some.
pub fn grant(requested: &[String], grantable: Option<&[String]>) -> Vec<String> {
    match grantable {
        None => requested.to_vec(),
        Some(allowed) => requested.iter().filter(|s| allowed.contains(s)).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_keeps_order_and_drops_duplicates() {
        let parsed = parse("user-read-private  user-read-email user-read-private");
        assert_eq!(parsed, Ok(vec!["user-read-private".into(), "user-read-email".into()]));
    }

    #[test]
    fn parse_rejects_unknown_and_comma_separated() {
        assert_eq!(parse("user-read-private user-read-everything"), Err("user-read-everything".into()));
        assert_eq!(parse("user-read-private,user-read-email"), Err("user-read-private,user-read-email".into()));
    }

    #[test]
    fn empty_scope_is_no_scopes() {
        assert_eq!(parse(""), Ok(vec![]));
    }

    #[test]
    fn grant_intersects_in_request_order() {
        let requested = vec!["user-top-read".to_string(), "user-read-email".to_string()];
        let allowed = vec!["user-read-email".to_string()];
        assert_eq!(grant(&requested, Some(&allowed)), vec!["user-read-email".to_string()]);
        assert_eq!(grant(&requested, None), requested);
    }
}
