//! The loopback redirect (RFC 8252 §7.3): a one-shot HTTP listener on 127.0.0.1 that
//! receives `GET /callback?...` from the browser and answers with a small page.
//!
//! Any local process can connect, so a request that does not complete the pending
//! flow gets an error page and the listener keeps waiting for the real one.

use std::time::Duration;

use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::authorize::RedirectUri;
use crate::callback::{self, CallbackError, Completed, PendingFlow};
use crate::i18n::{self, Catalog, Message};
use crate::msg;

/// Longest request head read from the browser.
const MAX_REQUEST: usize = 16 * 1024;
/// How long one connection may take to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the loopback redirect failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoopbackError {
    /// The port is taken or not allowed (the OS's words).
    Bind { port: u16, detail: String },
    /// The browser never came back.
    TimedOut { secs: u64 },
    /// The OS's words, or SpotLink's for an answer it cannot hand over.
    Io(Message),
}

impl LoopbackError {
    /// What went wrong, in words of the catalogues (`locales/*/errors.ftl`).
    pub fn message(&self) -> Message {
        match self {
            LoopbackError::Bind { port, detail } => msg!("error-loopback-bind", port = *port, detail = detail),
            LoopbackError::TimedOut { secs } => msg!("error-loopback-timed-out", minutes = secs / 60),
            LoopbackError::Io(detail) => msg!("error-loopback-io", detail = detail.clone()),
        }
    }
}

crate::display_in_english!(LoopbackError);

/// A listener bound to 127.0.0.1 for one sign-in.
#[derive(Debug)]
pub struct LoopbackServer {
    listener: TcpListener,
    redirect_uri: RedirectUri,
}

impl LoopbackServer {
    /// Binds 127.0.0.1 on `port` (or any free port).
    pub async fn bind(port: Option<u16>) -> Result<Self, LoopbackError> {
        let wanted = port.unwrap_or(0);
        let listener = TcpListener::bind(("127.0.0.1", wanted))
            .await
            .map_err(|e| LoopbackError::Bind { port: wanted, detail: e.to_string() })?;
        let port = listener.local_addr().map_err(|e| LoopbackError::Io(Message::verbatim(e.to_string())))?.port();
        Ok(Self { listener, redirect_uri: RedirectUri::loopback(port) })
    }

    /// The redirect URI to send in the authorize request.
    pub fn redirect_uri(&self) -> &RedirectUri {
        &self.redirect_uri
    }

    /// Serves requests until one completes (or definitively ends) the pending flow, or
    /// until `timeout`. `on_ignored` hears about callbacks that were refused but did
    /// not end the flow (wrong state, malformed request), so a caller can warn.
    pub async fn wait(
        &self,
        flow: &mut PendingFlow,
        timeout: Duration,
        mut on_ignored: impl FnMut(&CallbackError),
    ) -> Result<Result<Completed, CallbackError>, LoopbackError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let accepted = tokio::time::timeout_at(deadline, self.listener.accept()).await;
            let (stream, _) = match accepted {
                Err(_) => return Err(LoopbackError::TimedOut { secs: timeout.as_secs() }),
                Ok(Err(e)) => return Err(LoopbackError::Io(Message::verbatim(e.to_string()))),
                Ok(Ok(conn)) => conn,
            };
            if let Some(outcome) = self.serve(stream, flow, &mut on_ignored).await {
                return Ok(outcome);
            }
        }
    }

    /// Handles one connection; `Some` when it ended the flow.
    async fn serve(
        &self,
        mut stream: TcpStream,
        flow: &mut PendingFlow,
        on_ignored: &mut impl FnMut(&CallbackError),
    ) -> Option<Result<Completed, CallbackError>> {
        let head = match tokio::time::timeout(REQUEST_TIMEOUT, read_head(&mut stream)).await {
            Ok(Some(head)) => head,
            _ => return None,
        };
        let reply = reply(&head, flow, OffsetDateTime::now_utc());
        let _ = stream.write_all(reply.response().as_bytes()).await;
        let _ = stream.shutdown().await;
        if let Some(e) = &reply.ignored {
            on_ignored(e);
        }
        reply.outcome
    }
}

/// Hands Spotify's answer (`query`, as in the address the browser ended on) to the
/// listener of `redirect_uri` on this computer, as the browser would have: the app's
/// sign-in with the browser on another device, whose answer the user pasted. The
/// listener checks it like any other request. Returns the listener's status code.
pub async fn deliver(redirect_uri: &RedirectUri, query: &str) -> Result<u16, LoopbackError> {
    let invalid = || LoopbackError::Io(msg!("error-loopback-detail-not-loopback"));
    let url = url::Url::parse(redirect_uri.as_str()).map_err(|_| invalid())?;
    let port = url.port().filter(|_| url.host_str() == Some("127.0.0.1")).ok_or_else(invalid)?;
    if query.contains(|c: char| c.is_whitespace() || c.is_control() || c == '#') {
        return Err(LoopbackError::Io(msg!("error-loopback-detail-bad-characters")));
    }
    let exchange = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
        let request =
            format!("GET {}?{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n", url.path());
        stream.write_all(request.as_bytes()).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .map_err(|_| LoopbackError::Io(msg!("error-loopback-detail-no-answer")))?
        .map_err(|e| LoopbackError::Io(Message::verbatim(e.to_string())))?;
    let head = String::from_utf8_lossy(&answer[..answer.len().min(64)]).into_owned();
    head.strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| LoopbackError::Io(msg!("error-loopback-detail-not-http")))
}

/// The listener's answer to one request, and what the request did to the sign-in.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// The page's language (`<html lang>`): that of the catalogue its words came from.
    lang: &'static str,
    /// The browser tab's title, the page's heading and its text.
    title: String,
    heading: String,
    message: String,
    /// `Some` when the request ended the pending flow (completed, declined, expired).
    pub outcome: Option<Result<Completed, CallbackError>>,
    /// A callback that was refused and left the pending flow as it was.
    pub ignored: Option<CallbackError>,
}

impl Reply {
    /// A page headed by the message `heading`, saying `message`.
    fn new(catalog: &Catalog, status: u16, heading: &'static str, message: String) -> Self {
        let heading = catalog.text(heading);
        Self {
            status,
            lang: catalog.language().tag(),
            title: catalog.format(&msg!("signin-page-title", heading = &heading)),
            heading,
            message,
            outcome: None,
            ignored: None,
        }
    }

    /// The whole HTTP response: head and page.
    pub fn response(&self) -> String {
        let reason = match self.status {
            200 => "OK",
            404 => "Not Found",
            _ => "Bad Request",
        };
        let body = page(self.lang, &self.title, &self.heading, &self.message);
        format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n\
             Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\nConnection: close\r\n\r\n{body}",
            self.status,
            body.len()
        )
    }
}

/// Decides the answer to the request `head` (everything up to the blank line) at `now`,
/// worded in the language of [`i18n::current`]. Only a `GET /callback?...` whose
/// parameters complete `flow` ends it; any other request leaves it as it was.
pub(crate) fn reply(head: &str, flow: &mut PendingFlow, now: OffsetDateTime) -> Reply {
    reply_in(&i18n::current(), head, flow, now)
}

/// [`reply`] in the language of `catalog`.
fn reply_in(catalog: &Catalog, head: &str, flow: &mut PendingFlow, now: OffsetDateTime) -> Reply {
    let Some(target) = request_target(head) else {
        return Reply::new(catalog, 400, "signin-bad-request", catalog.text("signin-bad-request-text"));
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != "/callback" {
        return Reply::new(catalog, 404, "signin-not-found", catalog.text("signin-not-found-text"));
    }
    match callback::parse_query(query).and_then(|params| flow.complete(params, now)) {
        Ok(completed) => Reply {
            outcome: Some(Ok(completed)),
            ..Reply::new(catalog, 200, "signin-done", catalog.text("signin-done-text"))
        },
        // The error's own sentence, in English until the callback's errors have their
        // words in the catalogues.
        Err(
            e @ (CallbackError::Malformed(_)
            | CallbackError::StateMismatch
            | CallbackError::Replayed
            | CallbackError::NoPendingFlow),
        ) => Reply {
            ignored: Some(e.clone()),
            ..Reply::new(catalog, 400, "signin-not-for-spotlink", crate::sentence(&catalog.format(&e.message())))
        },
        Err(e) => Reply {
            outcome: Some(Err(e.clone())),
            ..Reply::new(catalog, 200, "signin-nothing-linked", crate::sentence(&catalog.format(&e.message())))
        },
    }
}

async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") {
            return String::from_utf8(buf).ok();
        }
        if buf.len() > MAX_REQUEST {
            return None;
        }
    }
}

/// The target of a `GET <target> HTTP/1.x` request line.
fn request_target(head: &str) -> Option<&str> {
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    (method == "GET" && target.starts_with('/') && version.starts_with("HTTP/1.") && parts.next().is_none())
        .then_some(target)
}

/// The page in the language `lang` (a tag of ours, never input): the tab's `title`, a
/// `heading` and a `message`.
fn page(lang: &str, title: &str, heading: &str, message: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{t}</title>\
<meta name=\"viewport\" content=\"width=device-width\"><style>\
body{{font:16px/1.5 system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;margin:0;background:#f6f7f6;color:#111}}\
main{{max-width:28rem;padding:2rem;border-radius:12px;background:#fff;box-shadow:0 1px 4px #0002}}\
h1{{font-size:1.3rem;margin:0 0 .5rem}}@media (prefers-color-scheme:dark){{body{{background:#121212;color:#eee}}main{{background:#1e1e1e}}}}\
</style></head><body><main><h1>{h}</h1><p>{m}</p></main></body></html>",
        t = escape(title),
        h = escape(heading),
        m = escape(message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_request_lines() {
        assert_eq!(request_target("GET /callback?code=a HTTP/1.1\r\nHost: x\r\n\r\n"), Some("/callback?code=a"));
        assert_eq!(request_target("POST /callback HTTP/1.1\r\n\r\n"), None);
        assert_eq!(request_target("GET http://evil/ HTTP/1.1\r\n\r\n"), None);
        assert_eq!(request_target("GET /a b HTTP/1.1\r\n\r\n"), None);
        assert_eq!(request_target(""), None);
    }

    #[test]
    fn pages_escape_their_text() {
        let html = page("en", "<i>", "<b>", "a & \"b\"");
        assert!(html.contains("<title>&lt;i&gt;</title>") && html.contains("<h1>&lt;b&gt;</h1>"));
        assert!(html.contains("a &amp; &quot;b&quot;"));
    }

    #[test]
    fn pages_are_in_the_users_language() {
        let mut flow = PendingFlow::new();
        let now = OffsetDateTime::now_utc();
        let english = reply_in(i18n::english(), "GET /favicon.ico HTTP/1.1\r\n\r\n", &mut flow, now).response();
        assert!(english.starts_with("HTTP/1.1 404 Not Found\r\n"), "{english}");
        assert!(english.contains("<html lang=\"en\">"), "{english}");
        assert!(english.contains("<title>SpotLink: Not found</title>"), "{english}");
        assert!(english.contains("<h1>Not found</h1><p>This address only receives Spotify's sign-in redirect.</p>"));

        let russian = Catalog::new(i18n::Language::from_tag("ru").unwrap());
        let page = reply_in(&russian, "GET /favicon.ico HTTP/1.1\r\n\r\n", &mut flow, now).response();
        assert!(page.starts_with("HTTP/1.1 404 Not Found\r\n"), "the protocol's words stay: {page}");
        assert!(page.contains("<html lang=\"ru\">"), "{page}");
        assert!(page.contains("<title>SpotLink: Страница не найдена</title><"), "{page}");
        let body = page.split("\r\n\r\n").nth(1).unwrap();
        assert!(page.contains(&format!("Content-Length: {}\r\n", body.len())), "bytes, not characters: {page}");
        let bad = reply_in(&russian, "nonsense", &mut flow, now);
        assert_eq!((bad.status, bad.heading.as_str()), (400, "Некорректный запрос"));
    }

    #[tokio::test]
    async fn a_delivered_answer_is_checked_like_the_browsers() {
        use crate::authorize::{AuthorizeRequest, PendingAuthorization};
        use crate::config::ClientId;

        let server = LoopbackServer::bind(None).await.unwrap();
        let redirect = server.redirect_uri().clone();
        let endpoint = url::Url::parse("http://127.0.0.1:1/authorize").unwrap();
        let request = AuthorizeRequest {
            client_id: ClientId::parse("client", &endpoint).unwrap(),
            redirect_uri: redirect.clone(),
            scopes: crate::scopes::ScopeSet::default(),
            show_dialog: false,
        };
        let mut flow = PendingFlow::new();
        let state = flow
            .begin(PendingAuthorization::begin(request, &endpoint, OffsetDateTime::now_utc()))
            .state
            .secret()
            .to_owned();
        let waiting = tokio::spawn(async move {
            let mut ignored = Vec::new();
            let outcome = server.wait(&mut flow, Duration::from_secs(10), |e| ignored.push(e.clone())).await;
            (outcome, ignored)
        });
        assert_eq!(deliver(&redirect, "code=c&state=forged").await, Ok(400), "a forged state is refused");
        assert!(deliver(&redirect, "code=c&state=x y").await.is_err(), "nothing an address cannot hold is sent");
        assert!(deliver(&RedirectUri::deep_link(), "code=c").await.is_err(), "only to a loopback listener");
        assert_eq!(deliver(&redirect, &format!("code=the-code&state={state}")).await, Ok(200));
        let (outcome, ignored) = waiting.await.unwrap();
        assert!(matches!(outcome, Ok(Ok(_))), "the good answer completes the sign-in: {outcome:?}");
        assert_eq!(ignored, vec![CallbackError::StateMismatch]);
    }
}
