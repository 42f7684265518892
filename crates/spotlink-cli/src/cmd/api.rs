//! `spotlink api`: calls Spotify's Web API with the link's token, modelled on `gh api`.
//! The engine sends the request ([`spotlink_core::api`] has the rules); this file turns
//! the options into a request and the answer into output.

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::process::ExitCode;

use serde_json::{Map, Value};
use spotlink_core::api::{self, ApiEvent, ApiRequest, ApiResponse, Pages};
use spotlink_core::scopes::ScopeSet;
use spotlink_core::{msg, Error};

use crate::{exit, jq};

#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
pub struct Options {
    /// A path relative to the Web API (`me`, `/me/top/tracks?limit=5`; a leading /v1 is
    /// fine) or a full URL on it. Other hosts are refused: the token goes nowhere else.
    #[arg(value_name = "PATH")]
    target: String,
    /// The HTTP method (default GET, also with fields: a forgotten -X changes nothing).
    #[arg(short = 'X', long, value_name = "METHOD")]
    method: Option<String>,
    /// A string field, KEY=VALUE: a query parameter for GET, else a member of a JSON body.
    /// KEY[]=VALUE appends to an array, KEY[SUB]=VALUE makes an object.
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    raw_fields: Vec<String>,
    /// A typed field: true, false, null and numbers become JSON values, @FILE the
    /// content of FILE (@- standard input); anything else a string.
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    fields: Vec<String>,
    /// The request body from FILE (- for standard input); fields then go into the query.
    #[arg(long, value_name = "FILE")]
    input: Option<String>,
    /// An extra request header, "Name: value" (not Authorization: that is SpotLink's).
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// Print the HTTP status line and the response headers before the body.
    #[arg(short = 'i', long, conflicts_with = "paginate")]
    include: bool,
    /// Follow Spotify's `next` links (GET only) and print every page's items as one JSON array.
    #[arg(long)]
    paginate: bool,
    /// With --paginate: one item per line (JSON Lines) instead of one array.
    #[arg(long, requires = "paginate")]
    jsonl: bool,
    /// Filter the answer with a jq expression (strings print without quotes); with
    /// --jsonl it runs on each item.
    #[arg(short = 'q', long, value_name = "EXPR")]
    jq: Option<String>,
    /// Fail (exit 10) before sending unless the link was granted these scopes, comma separated.
    #[arg(long, value_name = "a,b,...")]
    require_scope: Option<String>,
    #[command(flatten)]
    account: super::AccountOption,
}

const AFTER_LONG_HELP: &str = "\
Examples:
  spotlink api me
  spotlink api me/top/tracks -f time_range=short_term -q '.items[].name'
  spotlink api me/playlists --paginate --jsonl -q '.name'
  spotlink api -X PUT playlists/ID -f name='Road trip' -F public=false

A rejected token is renewed once and the request sent again. Throttling (429) is
waited out when Spotify asks for 30 s or less. Server errors and broken connections
are retried for GET, PUT and DELETE only: a POST may have been acted on.";

pub async fn run(options: Options) -> Result<ExitCode, Error> {
    let request = match Request::from_options(&options) {
        Ok(request) => request,
        Err(message) => return Ok(exit::fail_text(&message, exit::USAGE)),
    };
    let required = match &options.require_scope {
        Some(list) => ScopeSet::parse_requested(list)?,
        None => ScopeSet::default(),
    };
    let engine = options.account.engine()?;
    let target = match api::resolve(&engine.config().api_url, &options.target) {
        Ok(url) => url,
        Err(e) => return Ok(exit::fail(e.message(), exit::USAGE)),
    };
    let request = request.build(target);
    let progress = Progress::new(options.paginate && std::io::stderr().is_terminal());
    let mut events = |event: ApiEvent| progress.show(&event);
    let stdout = std::io::stdout();
    let pretty = stdout.is_terminal();
    // https://no-color.org
    let color = pretty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let output = if options.paginate {
        if request.method != reqwest::Method::GET {
            return Ok(exit::fail(msg!("cli-api-paginate-get-only"), exit::USAGE));
        }
        let paged = engine.call_api_paged(request, &required, &mut events).await;
        progress.done();
        match paged? {
            Ok(pages) => Output::Items(pages),
            Err(single) => Output::Body(single),
        }
    } else {
        Output::Body(engine.call_api(&request, &required, &mut events).await?)
    };
    let mut out = stdout.lock();
    let written = output.write(&mut out, &options, Style { pretty, color });
    match written.and_then(|()| out.flush().map_err(|e| e.to_string())) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A closed pipe (`spotlink api ... | head -1`) is the reader's choice.
        Err(e) if e.contains("Broken pipe") => Ok(ExitCode::SUCCESS),
        Err(e) => Ok(exit::fail_text(&e, exit::FAILURE)),
    }
}

/// The request as the options describe it, before the URL is known.
struct Request {
    method: reqwest::Method,
    query: Vec<(String, String)>,
    body: Option<(Vec<u8>, String)>,
    headers: Vec<(reqwest::header::HeaderName, reqwest::header::HeaderValue)>,
}

impl Request {
    fn from_options(options: &Options) -> Result<Self, String> {
        if let Some(expr) = &options.jq {
            jq::check(expr)?;
        }
        let mut fields = Vec::new();
        for raw in &options.raw_fields {
            let (key, value) = split_field(raw)?;
            fields.push((key, Value::String(value.to_owned())));
        }
        for typed in &options.fields {
            let (key, value) = split_field(typed)?;
            fields.push((key, typed_value(value)?));
        }
        let method = match &options.method {
            Some(name) => reqwest::Method::from_bytes(name.to_ascii_uppercase().as_bytes())
                .map_err(|_| msg!("cli-api-not-a-method", name = name).text())?,
            // Unlike gh, fields alone do not make a POST: a forgotten -X never changes anything.
            None => reqwest::Method::GET,
        };
        let (mut query, mut body) = (Vec::new(), None);
        if let Some(file) = &options.input {
            body = Some((read_file(file)?, "application/json".to_owned()));
            query = query_pairs(fields)?;
        } else if method == reqwest::Method::GET || method == reqwest::Method::HEAD {
            query = query_pairs(fields)?;
        } else if !fields.is_empty() {
            let mut object = Value::Object(Map::new());
            for (key, value) in fields {
                insert(&mut object, &key, value)?;
            }
            body = Some((object.to_string().into_bytes(), "application/json".to_owned()));
        }
        let headers = options.headers.iter().map(|h| header(h)).collect::<Result<_, _>>()?;
        Ok(Request { method, query, body, headers })
    }

    fn build(self, mut url: url::Url) -> ApiRequest {
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&self.query);
        }
        ApiRequest { method: self.method, url, headers: self.headers, body: self.body }
    }
}

fn split_field(field: &str) -> Result<(String, &str), String> {
    match field.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value)),
        _ => Err(msg!("cli-api-not-a-field", field = field).text()),
    }
}

/// `-F`'s value: JSON literals and numbers as such, `@FILE` read, else a string.
fn typed_value(value: &str) -> Result<Value, String> {
    Ok(match value {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        _ if value.starts_with('@') => {
            let bytes = read_file(&value[1..])?;
            Value::String(String::from_utf8(bytes).map_err(|_| msg!("cli-api-not-utf8", path = &value[1..]).text())?)
        }
        _ => match value.parse::<i64>() {
            Ok(n) => Value::from(n),
            Err(_) => match value.parse::<f64>().ok().filter(|f| f.is_finite()) {
                Some(f) => Value::from(f),
                None => Value::String(value.to_owned()),
            },
        },
    })
}

fn read_file(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes)).map(drop)
    };
    read.map_err(|e| msg!("cli-api-cannot-read", path = path, detail = e.to_string()).text())?;
    Ok(bytes)
}

/// Fields as query parameters: keys as written, values as text (`null` empty).
fn query_pairs(fields: Vec<(String, Value)>) -> Result<Vec<(String, String)>, String> {
    Ok(fields
        .into_iter()
        .map(|(key, value)| {
            let text = match value {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (key, text)
        })
        .collect())
}

/// Puts `value` at `key` in a JSON object: `a` a member, `a[]` appends to an array,
/// `a[b]` a member of an object, and so on (`a[b][]`).
fn insert(root: &mut Value, key: &str, value: Value) -> Result<(), String> {
    let bad = || msg!("cli-api-bad-key", key = key).text();
    let (name, mut rest) = key.split_once('[').map(|(n, r)| (n, Some(r))).unwrap_or((key, None));
    if name.is_empty() {
        return Err(bad());
    }
    let mut path = vec![name.to_owned()];
    while let Some(r) = rest {
        let (segment, after) = r.split_once(']').ok_or_else(bad)?;
        path.push(segment.to_owned());
        rest = match after {
            "" => None,
            more => Some(more.strip_prefix('[').ok_or_else(bad)?),
        };
    }
    let mut slot = root;
    let last = path.len() - 1;
    for (i, segment) in path.iter().enumerate() {
        let next_is_array = path.get(i + 1).is_some_and(String::is_empty);
        let empty = || if next_is_array { Value::Array(Vec::new()) } else { Value::Object(Map::new()) };
        slot = match slot {
            Value::Array(items) if segment.is_empty() => {
                items.push(if i == last { value.clone() } else { empty() });
                items.last_mut().ok_or_else(bad)?
            }
            Value::Object(members) if !segment.is_empty() => {
                if i == last {
                    members.insert(segment.clone(), value);
                    return Ok(());
                }
                members.entry(segment.clone()).or_insert_with(empty)
            }
            _ => return Err(msg!("cli-api-mixed-key", key = key).text()),
        };
        if i == last {
            return Ok(());
        }
    }
    Ok(())
}

/// `Name: value`, refusing the headers SpotLink sets itself.
fn header(text: &str) -> Result<(reqwest::header::HeaderName, reqwest::header::HeaderValue), String> {
    let (name, value) = text.split_once(':').ok_or_else(|| msg!("cli-api-not-a-header", header = text).text())?;
    let name = reqwest::header::HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| msg!("cli-api-bad-header-name", name = name.trim()).text())?;
    if [reqwest::header::AUTHORIZATION, reqwest::header::HOST, reqwest::header::CONTENT_LENGTH].contains(&name) {
        return Err(msg!("cli-api-reserved-header", name = name.as_str()).text());
    }
    let value = reqwest::header::HeaderValue::from_str(value.trim())
        .map_err(|_| msg!("cli-api-bad-header-value", name = name.as_str()).text())?;
    Ok((name, value))
}

/// How the answer is printed: indented for a terminal, coloured unless NO_COLOR is set.
#[derive(Debug, Clone, Copy)]
struct Style {
    pretty: bool,
    color: bool,
}

/// What is printed.
enum Output {
    Body(ApiResponse),
    Items(Pages),
}

impl Output {
    fn write(self, out: &mut dyn std::io::Write, options: &Options, style: Style) -> Result<(), String> {
        let io = |e: std::io::Error| e.to_string();
        match self {
            Output::Body(response) => {
                if options.include {
                    write!(out, "{:?} {}\r\n", response.version, response.status).map_err(io)?;
                    for (name, value) in &response.headers {
                        out.write_all(name.as_str().as_bytes()).map_err(io)?;
                        out.write_all(b": ").map_err(io)?;
                        out.write_all(value.as_bytes()).map_err(io)?;
                        out.write_all(b"\r\n").map_err(io)?;
                    }
                    out.write_all(b"\r\n").map_err(io)?;
                }
                let body = response.body;
                match &options.jq {
                    Some(expr) => filter(out, expr, jq::parse(&body)?, style),
                    None if style.pretty && !body.is_empty() => match jq::parse(&body) {
                        Ok(value) => jq::print(out, &value, true, style.color, false).map_err(io),
                        Err(_) => out.write_all(&body).map_err(io),
                    },
                    None => out.write_all(&body).map_err(io),
                }
            }
            Output::Items(pages) if options.jsonl => {
                for item in pages.items {
                    match &options.jq {
                        Some(expr) => {
                            filter(out, expr, jq::parse(item.get().as_bytes())?, Style { pretty: false, ..style })?
                        }
                        None => writeln!(out, "{}", item.get()).map_err(io)?,
                    }
                }
                Ok(())
            }
            Output::Items(pages) => {
                let mut array = Vec::with_capacity(pages.items.iter().map(|i| i.get().len() + 1).sum::<usize>() + 2);
                array.push(b'[');
                for (i, item) in pages.items.iter().enumerate() {
                    if i > 0 {
                        array.push(b',');
                    }
                    array.extend_from_slice(item.get().as_bytes());
                }
                array.push(b']');
                match &options.jq {
                    Some(expr) => filter(out, expr, jq::parse(&array)?, style),
                    None if style.pretty => jq::print(out, &jq::parse(&array)?, true, style.color, false).map_err(io),
                    None => {
                        array.push(b'\n');
                        out.write_all(&array).map_err(io)
                    }
                }
            }
        }
    }
}

fn filter(out: &mut dyn std::io::Write, expr: &str, input: jaq_json::Val, style: Style) -> Result<(), String> {
    for value in jq::run(expr, input)? {
        jq::print(out, &value, style.pretty, style.color, true).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Messages on stderr while the call waits or pages.
struct Progress {
    /// Show a progress line for pages (stderr is a terminal).
    pages: bool,
    shown: std::cell::Cell<bool>,
}

impl Progress {
    fn new(pages: bool) -> Self {
        Self { pages, shown: std::cell::Cell::new(false) }
    }

    fn show(&self, event: &ApiEvent) {
        match event {
            ApiEvent::Waiting(wait) => {
                self.done();
                eprintln!("spotlink: {}", msg!("cli-api-rate-limited", secs = wait.as_secs().max(1)).text());
            }
            ApiEvent::Page { pages, items, total } if self.pages => {
                let counted = match total {
                    Some(total) => msg!("cli-api-items-of", items = *items, total = *total, pages = *pages),
                    None => msg!("cli-api-items", items = *items, pages = *pages),
                };
                eprint!("\r\x1b[Kspotlink: {}", counted.text());
                self.shown.set(true);
            }
            ApiEvent::Page { .. } => {}
        }
    }

    /// Ends a progress line.
    fn done(&self) {
        if self.shown.replace(false) {
            eprint!("\r\x1b[K");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(fields: &[(&str, Value)]) -> Result<Value, String> {
        let mut root = Value::Object(Map::new());
        for (key, value) in fields {
            insert(&mut root, key, value.clone())?;
        }
        Ok(root)
    }

    #[test]
    fn fields_nest_into_arrays_and_objects() {
        let built = body(&[
            ("name", "x".into()),
            ("uris[]", "spotify:track:a".into()),
            ("uris[]", "spotify:track:b".into()),
            ("range[start]", 1.into()),
            ("range[ids][]", "c".into()),
        ]);
        assert_eq!(
            built,
            Ok(serde_json::json!({
                "name": "x",
                "uris": ["spotify:track:a", "spotify:track:b"],
                "range": { "start": 1, "ids": ["c"] },
            }))
        );
        assert!(body(&[("a", 1.into()), ("a[]", 2.into())]).is_err(), "a number is not a list");
        assert!(body(&[("[x]", 1.into())]).is_err());
        assert!(body(&[("a[b", 1.into())]).is_err());
    }

    #[test]
    fn typed_values() {
        assert_eq!(typed_value("false"), Ok(Value::Bool(false)));
        assert_eq!(typed_value("50"), Ok(Value::from(50)));
        assert_eq!(typed_value("0.5"), Ok(Value::from(0.5)));
        assert_eq!(typed_value("NaN"), Ok(Value::from("NaN")));
        assert_eq!(typed_value("spotify:track:a"), Ok(Value::from("spotify:track:a")));
        assert!(typed_value("@/no/such/file").is_err());
    }

    #[test]
    fn headers_cannot_replace_the_token() {
        assert!(header("Accept-Language: sv").is_ok());
        assert!(header("authorization: Bearer stolen").is_err());
        assert!(header("no colon").is_err());
    }
}
