//! Embeds the message catalogues (`locales/<language>/<area>.ftl` at the workspace's
//! root) in the engine: a language is a directory there, and adding one needs nothing
//! else (docs/i18n.md).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut languages: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .collect();
    languages.sort_by_key(|entry| entry.file_name());
    let mut code = String::from("pub(crate) static SOURCES: &[Source] = &[\n");
    for language in languages {
        println!("cargo:rerun-if-changed={}", language.path().display());
        let mut files: Vec<_> = std::fs::read_dir(language.path())
            .expect("a language directory")
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        let tag = language.file_name().into_string().expect("a language directory named in ASCII");
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let area = file.file_stem().and_then(|s| s.to_str()).expect("a catalogue named in ASCII");
            let path = file.canonicalize().expect("a catalogue's path");
            writeln!(
                code,
                "    Source {{ language: {tag:?}, area: {area:?}, text: include_str!({:?}) }},",
                path.display().to_string()
            )
            .unwrap();
        }
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogues.rs");
    std::fs::write(out, code).expect("writing catalogues.rs");
}
