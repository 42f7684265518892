//! Parsing of `application/x-www-form-urlencoded` parameters (authorize query,
//! token and decision bodies) with the OAuth rules Spotify applies.

use std::collections::HashMap;

/// Request parameters. RFC 6749 §3.1 and §3.2: a parameter sent without a
/// value is treated as omitted, and a parameter must not appear twice — the
/// names of repeated ones are kept in `duplicates` so callers can refuse them.
#[derive(Debug, Default)]
pub(crate) struct Params {
    values: HashMap<String, String>,
    duplicates: Vec<String>,
}

impl Params {
    /// Parses form-encoded bytes (`a=1&b=two+words`).
    pub(crate) fn parse(input: &[u8]) -> Self {
        let mut params = Self::default();
        for (name, value) in url::form_urlencoded::parse(input) {
            if value.is_empty() {
                continue;
            }
            if params.values.contains_key(name.as_ref()) {
                if !params.duplicates.iter().any(|d| d == name.as_ref()) {
                    params.duplicates.push(name.into_owned());
                }
            } else {
                params.values.insert(name.into_owned(), value.into_owned());
            }
        }
        params
    }

    /// The value of `name`, `None` when absent or empty.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Whether `name` was sent more than once.
    pub(crate) fn is_duplicated(&self, name: &str) -> bool {
        self.duplicates.iter().any(|d| d == name)
    }

    /// The first repeated parameter, if any.
    pub(crate) fn first_duplicate(&self) -> Option<&str> {
        self.duplicates.first().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_treats_empty_as_absent() {
        let p = Params::parse(b"scope=user-read-email+user-top-read&state=&x=%26");
        assert_eq!(p.get("scope"), Some("user-read-email user-top-read"));
        assert_eq!(p.get("state"), None);
        assert_eq!(p.get("x"), Some("&"));
        assert_eq!(p.first_duplicate(), None);
    }

    #[test]
    fn remembers_duplicates() {
        let p = Params::parse(b"code=a&code=b&client_id=c");
        assert!(p.is_duplicated("code"));
        assert!(!p.is_duplicated("client_id"));
        assert_eq!(p.first_duplicate(), Some("code"));
    }
}
