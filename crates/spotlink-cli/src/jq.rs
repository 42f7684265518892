//! `--jq` filters, run by jaq (a jq implementation in Rust), and JSON printing that
//! keeps Spotify's key order.

use std::io::{self, Write};

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::write::{Pp, Styles};
use jaq_json::Val;
use spotlink_core::msg;

type Filter = jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>;

/// Compiles `expr` with jq's standard library and hands the filter to `then`.
fn compiled<T>(expr: &str, then: impl FnOnce(&Filter) -> T) -> Result<T, String> {
    let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
    let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let modules = loader
        .load(&arena, File { code: expr, path: () })
        .map_err(|errors| msg!("cli-api-jq-parse", count = errors.len()).text())?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errors| msg!("cli-api-jq-compile", count = errors.len()).text())?;
    Ok(then(&filter))
}

/// Runs `expr` on `input`, returning every output.
pub fn run(expr: &str, input: Val) -> Result<Vec<Val>, String> {
    compiled(expr, |filter| {
        let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
        filter
            .id
            .run((ctx, input))
            .map(unwrap_valr)
            .map(|out| out.map_err(|e| msg!("cli-api-jq-failed", detail = e.to_string()).text()))
            .collect()
    })?
}

/// Checks that `expr` compiles, before any request is sent (without running it).
pub fn check(expr: &str) -> Result<(), String> {
    compiled(expr, |_| ())
}

/// Parses one JSON document.
pub fn parse(body: &[u8]) -> Result<Val, String> {
    jaq_json::read::parse_single(body).map_err(|e| msg!("cli-api-not-json", detail = e.to_string()).text())
}

/// Writes `value` and a newline: indented (and coloured, for a terminal) when
/// `pretty`, else on one line. A string result of `--jq` is written raw, as gh and
/// `jq -r` do, when `raw_strings`.
pub fn print(out: &mut dyn Write, value: &Val, pretty: bool, color: bool, raw_strings: bool) -> io::Result<()> {
    if raw_strings {
        if let Val::TStr(text) = value {
            out.write_all(text)?;
            return out.write_all(b"\n");
        }
    }
    let pp = Pp {
        indent: pretty.then(|| "  ".to_owned()),
        styles: if color { Styles::ansi() } else { Styles::default() },
        sep_space: pretty,
        ..Pp::default()
    };
    jaq_json::write::write(out, &pp, 0, value)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &Val, pretty: bool, raw: bool) -> String {
        let mut out = Vec::new();
        print(&mut out, value, pretty, false, raw).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn filters_run_and_strings_print_raw() {
        let input = parse(br#"{"items":[{"name":"B","n":2},{"name":"A","n":1}]}"#).expect("json");
        let out = run(".items[] | .name", input.clone()).expect("run");
        assert_eq!(out.iter().map(|v| text(v, false, true)).collect::<String>(), "B\nA\n");
        let sorted = run("[.items[].n] | sort", input).expect("run");
        assert_eq!(text(&sorted[0], false, true), "[1,2]\n");
        assert!(check(".items[").is_err());
        assert!(check("no_such_filter").is_err());
        assert!(check(".a.b").is_ok());
        assert!(check("last(range(1e15))").is_ok(), "checked without running it");
    }

    #[test]
    fn printing_keeps_key_order() {
        let value = parse(br#"{"z":1,"a":[true,null]}"#).expect("json");
        assert_eq!(text(&value, false, false), "{\"z\":1,\"a\":[true,null]}\n");
        assert_eq!(text(&value, true, false), "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}\n");
    }
}
