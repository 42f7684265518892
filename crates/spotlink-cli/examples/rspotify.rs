//! rspotify with the token SpotLink keeps: `cargo run --example rspotify`.
//! (docs/using-the-token.md shows this file; the CLI's tests run it.)

use rspotify::prelude::*;
use rspotify::{AuthCodeSpotify, Config, Token};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::process::Command::new("spotlink").args(["token", "--json"]).output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().into());
    }
    let served: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let token = Token {
        access_token: served["access_token"].as_str().unwrap_or_default().to_owned(),
        expires_at: served["expires_at"].as_str().and_then(|at| at.parse().ok()),
        ..Token::default()
    };
    let config = Config {
        // SpotLink renews the token: ask it again rather than letting rspotify refresh.
        token_refreshing: false,
        // The API SpotLink is pointed at, if not Spotify's (e.g. the local emulator).
        api_base_url: std::env::var("SPOTLINK_API_URL").map(|url| url + "/").unwrap_or(Config::default().api_base_url),
        ..Config::default()
    };
    let spotify = AuthCodeSpotify::from_token_with_config(token, Default::default(), Default::default(), config);
    let me = spotify.current_user().await?;
    println!("{}", me.display_name.unwrap_or_else(|| me.id.to_string()));
    Ok(())
}
