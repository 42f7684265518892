//! The slice of the user's library the emulator serves, enough for a Web API client
//! to meet paging, scope-gated endpoints and a write:
//! - `GET /v1/me/playlists`: paged; private playlists only with `playlist-read-private`;
//! - `GET /v1/me/top/tracks`: paged; needs `user-top-read`;
//! - `GET /v1/playlists/{id}` and `PUT /v1/playlists/{id}` (change details: needs
//!   `playlist-modify-public` or `-private` as the playlist is, and ownership);
//! - `POST /v1/users/{user_id}/playlists` (create one: not idempotent).
//!
//! Paging follows Spotify's paging object: `limit` 1–50 (default 20), `offset`
//! 0–100,000, absolute `next`/`previous` URLs, `total`. Values out of range are a 400.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::config::User;
use crate::state::Shared;
use crate::web_api::{self, INSUFFICIENT_SCOPE};

/// Playlists in the emulated library (every fourth of the user's own is private,
/// every seventh is a friend's that the user follows).
const PLAYLISTS: usize = 57;
/// The user's top tracks in each time range.
const TOP_TRACKS: usize = 50;
const MAX_LIMIT: usize = 50;
const DEFAULT_LIMIT: usize = 20;
const MAX_OFFSET: usize = 100_000;
/// The followed playlists' owner.
const FRIEND: (&str, &str) = ("emu-friend", "Emu Friend");

const PLAYLIST_READ_PRIVATE: &str = "playlist-read-private";
const PLAYLIST_MODIFY_PUBLIC: &str = "playlist-modify-public";
const PLAYLIST_MODIFY_PRIVATE: &str = "playlist-modify-private";
const USER_TOP_READ: &str = "user-top-read";

/// One playlist.
#[derive(Debug, Clone)]
pub(crate) struct Playlist {
    id: String,
    name: String,
    description: String,
    public: bool,
    collaborative: bool,
    /// The owner's user ID and display name.
    owner: (String, String),
    tracks: usize,
    /// Bumped by every change, as Spotify's `snapshot_id` is.
    version: u32,
}

/// The library: made once from the configured user, changed by `PUT`.
#[derive(Debug)]
pub(crate) struct Library {
    /// The user it was made for: `GET /v1/me/playlists` shows that user what they own and
    /// follow, any other user only the playlists they made.
    owner: String,
    playlists: Vec<Playlist>,
}

impl Library {
    pub(crate) fn of(user: &User) -> Self {
        let playlists = (0..PLAYLISTS)
            .map(|i| {
                let friends = i % 7 == 6;
                let owner = if friends {
                    (FRIEND.0.to_owned(), FRIEND.1.to_owned())
                } else {
                    (user.id.clone(), user.display_name.clone())
                };
                Playlist {
                    id: base62_id("5pL", i),
                    name: format!("Emu playlist {}", i + 1),
                    description: String::new(),
                    public: friends || i % 4 != 3,
                    collaborative: false,
                    owner,
                    tracks: 3 + i * 5 % 40,
                    version: 1,
                }
            })
            .collect();
        Self { owner: user.id.clone(), playlists }
    }
}

/// A 22-character base62 ID, Spotify's shape, unique per `prefix` and `n`.
fn base62_id(prefix: &str, n: usize) -> String {
    format!("{prefix}{n:0>width$}", width = 22 - prefix.len())
}

/// `GET /v1/me/playlists`.
pub(crate) async fn my_playlists(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, Response> {
    let caller = web_api::admit(&shared, &headers, |_| ()).await?;
    let paging = match Paging::parse(query.as_deref()) {
        Ok(paging) => paging,
        Err(message) => return Err(web_api::error(StatusCode::BAD_REQUEST, message)),
    };
    let base = &shared.base_url;
    let state = shared.lock();
    let mine = |p: &&Playlist| state.library.owner == caller.user || p.owner.0 == caller.user;
    let visible: Vec<Value> = state
        .library
        .playlists
        .iter()
        .filter(mine)
        .filter(|p| p.public || caller.has(PLAYLIST_READ_PRIVATE))
        .map(|p| playlist_json(p, base))
        .collect();
    Ok(axum::Json(paging.page(&format!("{base}/v1/me/playlists"), "", visible)).into_response())
}

/// `GET /v1/me/top/tracks`.
pub(crate) async fn top_tracks(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, Response> {
    let caller = web_api::admit(&shared, &headers, |_| ()).await?;
    if !caller.has(USER_TOP_READ) {
        return Err(web_api::error(StatusCode::FORBIDDEN, INSUFFICIENT_SCOPE));
    }
    let paging = match Paging::parse(query.as_deref()) {
        Ok(paging) => paging,
        Err(message) => return Err(web_api::error(StatusCode::BAD_REQUEST, message)),
    };
    let range = query_value(query.as_deref(), "time_range");
    let rotation = match range.as_deref() {
        None | Some("medium_term") => 0,
        Some("short_term") => 17,
        Some("long_term") => 31,
        Some(_) => return Err(web_api::error(StatusCode::BAD_REQUEST, "Invalid time range")),
    };
    let base = &shared.base_url;
    let tracks = (0..TOP_TRACKS).map(|i| track_json((i + rotation) % TOP_TRACKS, base)).collect();
    let extra = range.map(|r| format!("&time_range={r}")).unwrap_or_default();
    Ok(axum::Json(paging.page(&format!("{base}/v1/me/top/tracks"), &extra, tracks)).into_response())
}

/// `GET /v1/playlists/{id}`: a private playlist only with `playlist-read-private`.
pub(crate) async fn get_playlist(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    let caller = web_api::admit(&shared, &headers, |_| ()).await?;
    let state = shared.lock();
    match state.library.playlists.iter().find(|p| p.id == id) {
        Some(p) if p.public || caller.has(PLAYLIST_READ_PRIVATE) => {
            Ok(axum::Json(playlist_json(p, &shared.base_url)).into_response())
        }
        _ => Err(web_api::error(StatusCode::NOT_FOUND, "Resource not found")),
    }
}

/// `PUT /v1/playlists/{id}`: changes `name`, `description`, `public` or
/// `collaborative` from a JSON body; answers 200 with no body.
pub(crate) async fn change_playlist(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    let caller = web_api::admit(&shared, &headers, |_| ()).await?;
    let mut state = shared.lock();
    let user_id = caller.user.clone();
    let Some(playlist) = state.library.playlists.iter_mut().find(|p| p.id == id) else {
        return Err(web_api::error(StatusCode::NOT_FOUND, "Resource not found"));
    };
    if !caller.has(modify_scope(playlist.public)) {
        return Err(web_api::error(StatusCode::FORBIDDEN, INSUFFICIENT_SCOPE));
    }
    if playlist.owner.0 != user_id {
        return Err(web_api::error(StatusCode::FORBIDDEN, "You cannot change a playlist you do not own."));
    }
    Change::from_request(&headers, &body).ok_or_else(not_json)?.apply(playlist);
    Ok(StatusCode::OK.into_response())
}

/// `POST /v1/users/{user_id}/playlists`: creates a playlist from a JSON body with
/// `name` (required), `public` (default true), `collaborative`, `description`;
/// answers 201 with the playlist. Only for the caller's own user ID.
pub(crate) async fn create_playlist(
    State(shared): State<Arc<Shared>>,
    Path(user_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Response> {
    let caller = web_api::admit(&shared, &headers, |_| ()).await?;
    let change = Change::from_request(&headers, &body).ok_or_else(not_json)?;
    let public = change.public.unwrap_or(true);
    if !caller.has(modify_scope(public)) {
        return Err(web_api::error(StatusCode::FORBIDDEN, INSUFFICIENT_SCOPE));
    }
    let mut state = shared.lock();
    let Some(user) = state.user(&caller.user).cloned() else {
        return Err(web_api::error(StatusCode::NOT_FOUND, "User not found"));
    };
    if user_id != user.id {
        return Err(web_api::error(StatusCode::FORBIDDEN, "You cannot create a playlist for another user."));
    }
    if change.name.is_none() {
        return Err(web_api::error(StatusCode::BAD_REQUEST, "Missing required field: name"));
    }
    let mut playlist = Playlist {
        id: base62_id("5pL", state.library.playlists.len()),
        name: String::new(),
        description: String::new(),
        public,
        collaborative: false,
        owner: (user.id.clone(), user.display_name.clone()),
        tracks: 0,
        version: 0,
    };
    change.apply(&mut playlist);
    let created = playlist_json(&playlist, &shared.base_url);
    state.library.playlists.push(playlist);
    Ok((StatusCode::CREATED, axum::Json(created)).into_response())
}

/// Spotify's answer to a body that is not the JSON an endpoint takes.
fn not_json() -> Response {
    web_api::error(StatusCode::BAD_REQUEST, "Error parsing JSON.")
}

/// The scope changing a playlist of this visibility needs.
fn modify_scope(public: bool) -> &'static str {
    if public {
        PLAYLIST_MODIFY_PUBLIC
    } else {
        PLAYLIST_MODIFY_PRIVATE
    }
}

/// The fields a `PUT /v1/playlists/{id}` body may change; unknown ones are ignored,
/// as Spotify does, but a known one of the wrong type fails the whole request.
#[derive(Debug, Default)]
struct Change {
    name: Option<String>,
    description: Option<String>,
    public: Option<bool>,
    collaborative: Option<bool>,
}

impl Change {
    /// The change a request's body asks for, if it is JSON by its `Content-Type` and valid.
    fn from_request(headers: &HeaderMap, body: &[u8]) -> Option<Self> {
        let is_json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
        is_json.then(|| Self::parse(body)).flatten()
    }

    fn parse(body: &[u8]) -> Option<Self> {
        let Value::Object(fields) = serde_json::from_slice(body).ok()? else { return None };
        let text = |key: &str| match fields.get(key) {
            None => Some(None),
            Some(Value::String(s)) => Some(Some(s.clone())),
            Some(_) => None,
        };
        let flag = |key: &str| match fields.get(key) {
            None => Some(None),
            Some(Value::Bool(b)) => Some(Some(*b)),
            Some(_) => None,
        };
        let change = Change {
            name: text("name")?,
            description: text("description")?,
            public: flag("public")?,
            collaborative: flag("collaborative")?,
        };
        // An empty name is refused by Spotify too.
        (change.name.as_deref() != Some("")).then_some(change)
    }

    fn apply(self, playlist: &mut Playlist) {
        if let Some(name) = self.name {
            playlist.name = name;
        }
        if let Some(description) = self.description {
            playlist.description = description;
        }
        if let Some(public) = self.public {
            playlist.public = public;
        }
        if let Some(collaborative) = self.collaborative {
            playlist.collaborative = collaborative;
        }
        playlist.version += 1;
    }
}

/// `limit` and `offset` of a paged request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Paging {
    limit: usize,
    offset: usize,
}

impl Paging {
    fn parse(query: Option<&str>) -> Result<Self, &'static str> {
        let number =
            |key: &str, default: usize, range: std::ops::RangeInclusive<usize>, error: &'static str| match query_value(
                query, key,
            ) {
                None => Ok(default),
                Some(text) => text.parse().ok().filter(|n| range.contains(n)).ok_or(error),
            };
        Ok(Paging {
            limit: number("limit", DEFAULT_LIMIT, 1..=MAX_LIMIT, "Invalid limit")?,
            offset: number("offset", 0, 0..=MAX_OFFSET, "Invalid offset")?,
        })
    }

    /// The paging object over `all` for this request; `extra` is appended to the
    /// query of `href`, `next` and `previous` (e.g. `&time_range=short_term`).
    fn page(self, url: &str, extra: &str, all: Vec<Value>) -> Value {
        let Paging { limit, offset } = self;
        let total = all.len();
        let at = |offset: usize| format!("{url}?offset={offset}&limit={limit}{extra}");
        let items: Vec<Value> = all.into_iter().skip(offset).take(limit).collect();
        json!({
            "href": at(offset),
            "items": items,
            "limit": limit,
            "next": (offset + limit < total).then(|| at(offset + limit)),
            "offset": offset,
            "previous": (offset > 0).then(|| at(offset.saturating_sub(limit))),
            "total": total,
        })
    }
}

/// The last value of `key` in a query string, decoded.
fn query_value(query: Option<&str>, key: &str) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes()).filter(|(k, _)| k == key).last().map(|(_, v)| v.into_owned())
}

/// A simplified playlist object.
fn playlist_json(p: &Playlist, base: &str) -> Value {
    let (owner_id, owner_name) = &p.owner;
    json!({
        "collaborative": p.collaborative,
        "description": p.description,
        "external_urls": { "spotify": format!("https://open.spotify.com/playlist/{}", p.id) },
        "href": format!("{base}/v1/playlists/{}", p.id),
        "id": p.id,
        "images": [],
        "name": p.name,
        "owner": {
            "display_name": owner_name,
            "external_urls": { "spotify": format!("https://open.spotify.com/user/{owner_id}") },
            "href": format!("{base}/v1/users/{owner_id}"),
            "id": owner_id,
            "type": "user",
            "uri": format!("spotify:user:{owner_id}"),
        },
        "public": p.public,
        "snapshot_id": format!("MTAsZW11LHNuYXBzaG90{}", p.version),
        "tracks": { "href": format!("{base}/v1/playlists/{}/tracks", p.id), "total": p.tracks },
        "type": "playlist",
        "uri": format!("spotify:playlist:{}", p.id),
    })
}

/// The `n`th track of the catalogue, as a track object.
fn track_json(n: usize, base: &str) -> Value {
    let id = base62_id("6tR", n);
    let artist_id = base62_id("0aR", n % 9);
    let album_id = base62_id("4aL", n / 3);
    json!({
        "album": {
            "album_type": "album",
            "id": album_id,
            "name": format!("Emu album {}", n / 3 + 1),
            "release_date": format!("20{:02}-01-01", 10 + n % 16),
            "type": "album",
            "uri": format!("spotify:album:{album_id}"),
        },
        "artists": [{
            "id": artist_id,
            "name": format!("Emu artist {}", n % 9 + 1),
            "type": "artist",
            "uri": format!("spotify:artist:{artist_id}"),
        }],
        "disc_number": 1,
        "duration_ms": 150_000 + n * 7_919 % 120_000,
        "explicit": n.is_multiple_of(11),
        "external_urls": { "spotify": format!("https://open.spotify.com/track/{id}") },
        "href": format!("{base}/v1/tracks/{id}"),
        "id": id,
        "is_local": false,
        "name": format!("Emu track {}", n + 1),
        "popularity": 90 - n % 60,
        "track_number": n % 3 + 1,
        "type": "track",
        "uri": format!("spotify:track:{id}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_bounds_and_links() {
        assert_eq!(Paging::parse(None), Ok(Paging { limit: 20, offset: 0 }));
        assert_eq!(Paging::parse(Some("limit=50&offset=100000")), Ok(Paging { limit: 50, offset: 100_000 }));
        assert_eq!(Paging::parse(Some("limit=0")), Err("Invalid limit"));
        assert_eq!(Paging::parse(Some("limit=51")), Err("Invalid limit"));
        assert_eq!(Paging::parse(Some("limit=ten")), Err("Invalid limit"));
        assert_eq!(Paging::parse(Some("offset=-1")), Err("Invalid offset"));
        let all: Vec<Value> = (0..45).map(Value::from).collect();
        let page = Paging { limit: 20, offset: 40 }.page("http://e/v1/x", "&t=1", all.clone());
        assert_eq!(page["items"], json!([40, 41, 42, 43, 44]));
        assert_eq!(page["next"], Value::Null);
        assert_eq!(page["previous"], "http://e/v1/x?offset=20&limit=20&t=1");
        let first = Paging { limit: 20, offset: 0 }.page("http://e/v1/x", "", all);
        assert_eq!(first["next"], "http://e/v1/x?offset=20&limit=20");
        assert_eq!(first["total"], 45);
    }

    #[test]
    fn the_library_has_private_and_foreign_playlists_with_spotify_ids() {
        let library = Library::of(&User::default());
        assert_eq!(library.playlists.len(), PLAYLISTS);
        assert!(library.playlists.iter().any(|p| !p.public));
        assert!(library.playlists.iter().any(|p| p.owner.0 == FRIEND.0 && p.public));
        assert!(library.playlists.iter().all(|p| p.id.len() == 22));
    }

    #[test]
    fn a_change_needs_the_right_types() {
        assert!(Change::parse(br#"{"name":"New","public":false,"unknown":1}"#).is_some());
        assert!(Change::parse(br#"{"public":"false"}"#).is_none());
        assert!(Change::parse(br#"{"name":""}"#).is_none());
        assert!(Change::parse(b"[1]").is_none());
        assert!(Change::parse(b"name=New").is_none());
    }
}
