//! The emulator's HTML: home page, authorize error page, consent page and the
//! avatar image. Self-contained (inline CSS, no scripts, no remote resources).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::config::User;
use crate::scopes;
use crate::state::Shared;

/// Path of the built-in profile image referenced by the default [`User`].
pub const AVATAR_PATH: &str = "/_emulator/avatar.jpg";

/// Pages may not load anything from elsewhere. `form-action` is deliberately
/// absent: browsers apply it to the redirect after the consent form, which
/// must be allowed to reach any registered redirect URI.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'";

const STYLE: &str = "\
:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}\
body{max-width:36rem;margin:2rem auto;padding:0 1rem}\
h1{font-size:1.4rem}code{font-size:.95em}\
.note{border-left:4px solid #1db954;padding:.25rem .75rem}\
.warn{color:#b3261e}\
.actions{display:flex;gap:1rem;margin-top:1.5rem}\
button{font:inherit;padding:.6rem 1.4rem;border-radius:2rem;border:1px solid currentColor;cursor:pointer}\
button.approve{background:#1db954;color:#000;border-color:#1db954}\
button:focus-visible{outline:3px solid #4a90e2;outline-offset:2px}";

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A complete HTML document with the emulator's CSP; `body` must be escaped.
fn html(status: StatusCode, title: &str, body: &str) -> Response {
    let document = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>\n",
        title = escape(title),
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_FRAME_OPTIONS, "DENY"),
        ],
        document,
    )
        .into_response()
}

/// The error page Spotify shows instead of redirecting, e.g. for an unknown
/// client or unregistered redirect URI (`INVALID_CLIENT: Invalid client`).
pub(crate) fn error_page(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<h1>Something went wrong</h1><p class=\"warn\" id=\"error\">{}</p>\
         <p>Nothing was sent back to the app.</p>",
        escape(message)
    );
    html(status, "Error - Spotify emulator", &body)
}

/// What the consent page shows about one authorization request.
pub(crate) struct ConsentView<'a> {
    pub consent_id: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    /// Every account that can sign in; the first is signed in.
    pub users: &'a [User],
    pub requested: &'a [String],
    pub granted: &'a [String],
}

/// The interactive consent page: who asks, for which account, which scopes,
/// and Approve / Deny buttons posting an opaque consent ID.
pub(crate) fn consent_page(view: &ConsentView<'_>) -> Response {
    let scope_items: String = if view.requested.is_empty() {
        "<li>No scopes: only your public profile.</li>".to_owned()
    } else {
        view.requested
            .iter()
            .map(|scope| {
                let what = scopes::describe(scope).unwrap_or("");
                let withheld = if view.granted.contains(scope) {
                    ""
                } else {
                    " <span class=\"warn\">(will not be granted: emulator setting)</span>"
                };
                format!("<li><code>{}</code> — {}{withheld}</li>", escape(scope), escape(what))
            })
            .collect()
    };
    let user = &view.users[0];
    // "Not you?": any other account can sign in instead.
    let switch = if view.users.len() > 1 {
        let options: String = view
            .users
            .iter()
            .map(|u| {
                format!(
                    "<option value=\"{}\">{} ({})</option>",
                    escape(&u.id),
                    escape(&u.display_name),
                    escape(&u.email)
                )
            })
            .collect();
        format!("<p>Not you? Sign in as <select name=\"user\" id=\"user\">{options}</select></p>")
    } else {
        String::new()
    };
    let body = format!(
        "<h1>Allow access to your Spotify account?</h1>\
         <p class=\"note\">This is the local Spotify emulator, not Spotify. No real account is involved.</p>\
         <p>The app with client ID <code>{client}</code> asks to connect to the account \
         <strong>{name}</strong> ({email}).</p>\
         <h2>It asks to</h2><ul>{scope_items}</ul>\
         <p>After you decide you are sent back to <code>{redirect}</code>.</p>\
         <form method=\"post\" action=\"/authorize/decision\">\
         <input type=\"hidden\" name=\"consent_id\" value=\"{id}\">{switch}\
         <div class=\"actions\">\
         <button type=\"submit\" class=\"approve\" name=\"decision\" value=\"approve\">Approve</button>\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
         </div></form>",
        client = escape(view.client_id),
        name = escape(&user.display_name),
        email = escape(&user.email),
        redirect = escape(view.redirect_uri),
        id = escape(view.consent_id),
    );
    html(StatusCode::OK, "Authorize - Spotify emulator", &body)
}

/// `GET /`: what this is and which URLs to give SpotLink.
pub(crate) async fn index(State(shared): State<Arc<Shared>>) -> Response {
    let base = &shared.base_url;
    let client = shared.lock().config.client_ids.first().cloned().unwrap_or_default();
    let body = format!(
        "<h1>Spotify emulator</h1>\
         <p>A strict local stand-in for Spotify's accounts service and <code>GET /v1/me</code>, \
         for SpotLink's tests and for trying SpotLink without a Spotify developer account.</p>\
         <h2>Point SpotLink here</h2>\
         <pre>SPOTLINK_CLIENT_ID={client}\nSPOTLINK_ACCOUNTS_URL={base}\nSPOTLINK_API_URL={base}/v1</pre>\
         <h2>Endpoints</h2><ul>\
         <li><code>GET {base}/authorize</code></li>\
         <li><code>POST {base}/api/token</code></li>\
         <li><code>GET {base}/v1/me</code></li>\
         <li>Control: <code>{base}/_emulator/config</code>, <code>/_emulator/faults</code>, \
         <code>/_emulator/revoke-all</code>, <code>/_emulator/stats</code>, <code>/_emulator/log</code></li>\
         </ul>",
        client = escape(&client),
        base = escape(base),
    );
    html(StatusCode::OK, "Spotify emulator", &body)
}

/// `GET /_emulator/avatar.jpg`: a 300×300 JPEG profile picture (Spotify's images are
/// JPEGs on its CDN) that needs no network.
pub(crate) async fn avatar() -> Response {
    const JPEG: &[u8] = include_bytes!("../assets/avatar.jpg");
    ([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "max-age=3600")], JPEG).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
