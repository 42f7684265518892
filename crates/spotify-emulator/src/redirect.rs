//! Redirect URI rules, as Spotify enforces them since 2025-11-27: HTTPS, HTTP
//! only to a loopback IP literal (`localhost` is refused), or a custom scheme;
//! exact string match against a registered URI, except that a loopback URI
//! registered without a port accepts any port at run time (RFC 8252 §7.3).

use url::Url;

/// The two loopback origins Spotify accepts over plain HTTP, without port.
const LOOPBACK_ORIGINS: &[&str] = &["http://127.0.0.1", "http://[::1]"];

/// Checks that `uri` could be registered on Spotify's dashboard.
pub(crate) fn check_registrable(uri: &str) -> Result<(), &'static str> {
    let parsed = Url::parse(uri).map_err(|_| "not an absolute URI")?;
    if parsed.fragment().is_some() {
        return Err("must not contain a fragment");
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if is_loopback_ip(&parsed) => Ok(()),
        "http" => Err("plain HTTP is only allowed to 127.0.0.1 or [::1]"),
        _ => Ok(()),
    }
}

/// Whether the `redirect_uri` presented at `/authorize` matches one of the
/// `registered` URIs.
pub(crate) fn is_allowed(presented: &str, registered: &[String]) -> bool {
    // The presented URI itself must satisfy the policy (this is what refuses
    // `localhost` even if someone registered it).
    if check_registrable(presented).is_err() {
        return false;
    }
    registered.iter().any(|reg| reg == presented || loopback_port_match(reg, presented))
}

/// `http://127.0.0.1/cb` registered accepts `http://127.0.0.1:PORT/cb`: same
/// bytes apart from the `:PORT` right after the host.
fn loopback_port_match(registered: &str, presented: &str) -> bool {
    LOOPBACK_ORIGINS.iter().any(|origin| {
        let (Some(reg_rest), Some(pres_rest)) =
            (registered.strip_prefix(origin), presented.strip_prefix(origin).and_then(|r| r.strip_prefix(':')))
        else {
            return false;
        };
        // The registered URI must have no port of its own.
        if reg_rest.starts_with(':') {
            return false;
        }
        let digits = pres_rest.bytes().take_while(u8::is_ascii_digit).count();
        let (port, pres_path) = pres_rest.split_at(digits);
        let port_ok = matches!(port.parse::<u16>(), Ok(p) if p != 0) && !port.starts_with('0');
        port_ok && pres_path == reg_rest
    })
}

fn is_loopback_ip(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip == std::net::Ipv4Addr::LOCALHOST,
        Some(url::Host::Ipv6(ip)) => ip == std::net::Ipv6Addr::LOCALHOST,
        _ => false,
    }
}

/// Builds the redirect back to the client: `presented` with `params` appended
/// to any query it already has, properly form-encoded.
pub(crate) fn with_params(presented: &str, params: &[(&str, &str)]) -> Option<String> {
    let mut url = Url::parse(presented).ok()?;
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in params {
            query.append_pair(name, value);
        }
    }
    Some(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(uris: &[&str]) -> Vec<String> {
        uris.iter().map(|u| (*u).to_owned()).collect()
    }

    #[test]
    fn loopback_without_port_accepts_any_port() {
        let r = reg(&["http://127.0.0.1/callback", "http://[::1]/callback"]);
        assert!(is_allowed("http://127.0.0.1:51234/callback", &r));
        assert!(is_allowed("http://127.0.0.1/callback", &r));
        assert!(is_allowed("http://[::1]:8080/callback", &r));
        assert!(!is_allowed("http://127.0.0.1:51234/callback/", &r));
        assert!(!is_allowed("http://127.0.0.1:51234/other", &r));
        assert!(!is_allowed("http://127.0.0.1:/callback", &r));
        assert!(!is_allowed("http://127.0.0.1:0/callback", &r));
        assert!(!is_allowed("http://127.0.0.1:99999/callback", &r));
        assert!(!is_allowed("http://127.0.0.1:051234/callback", &r));
        assert!(!is_allowed("http://127.0.0.1:5000/callback?x=1", &r));
    }

    #[test]
    fn registered_port_must_match_exactly() {
        let r = reg(&["http://127.0.0.1:8080/callback"]);
        assert!(is_allowed("http://127.0.0.1:8080/callback", &r));
        assert!(!is_allowed("http://127.0.0.1:9090/callback", &r));
    }

    #[test]
    fn localhost_and_remote_http_are_refused() {
        let r = reg(&["http://localhost/callback", "http://example.com/callback"]);
        assert!(!is_allowed("http://localhost/callback", &r));
        assert!(!is_allowed("http://localhost:8080/callback", &r));
        assert!(!is_allowed("http://example.com/callback", &r));
    }

    #[test]
    fn custom_scheme_and_https_match_exactly() {
        let r = reg(&["spotlink://callback", "https://example.com/cb"]);
        assert!(is_allowed("spotlink://callback", &r));
        assert!(is_allowed("https://example.com/cb", &r));
        assert!(!is_allowed("spotlink://callback/", &r));
        assert!(!is_allowed("SPOTLINK://callback", &r));
        assert!(!is_allowed("https://example.com/cb#x", &r));
    }

    #[test]
    fn params_are_appended_to_existing_query() {
        let url = with_params("spotlink://callback?from=app", &[("code", "a b"), ("state", "x&y")]);
        assert_eq!(url.as_deref(), Some("spotlink://callback?from=app&code=a+b&state=x%26y"));
        let url = with_params("http://127.0.0.1:4000/callback", &[("error", "access_denied")]);
        assert_eq!(url.as_deref(), Some("http://127.0.0.1:4000/callback?error=access_denied"));
    }
}
