//! The catalogues themselves: they parse, every language has English's messages with
//! the same arguments, and every message the code names exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;

/// Message id → the variables its value and attributes use.
fn messages_of(language: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut messages = BTreeMap::new();
    for (area, text) in sources(language) {
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("locales/{language}/{area}.ftl does not parse: {errors:?}"));
        for entry in resource.body {
            let ast::Entry::Message(message) = entry else { continue };
            let mut variables = BTreeSet::new();
            if let Some(pattern) = &message.value {
                pattern_variables(pattern, &mut variables);
            }
            for attribute in &message.attributes {
                pattern_variables(&attribute.value, &mut variables);
            }
            let id = message.id.name.to_owned();
            assert!(messages.insert(id.clone(), variables).is_none(), "{language}: {id} is defined twice");
        }
    }
    messages
}

/// The messages whose text names another message (`{ other-message }`).
fn messages_naming_others(language: &str) -> BTreeSet<String> {
    fn names(pattern: &ast::Pattern<&str>) -> bool {
        pattern.elements.iter().any(|element| match element {
            ast::PatternElement::Placeable { expression } => expression_names(expression),
            ast::PatternElement::TextElement { .. } => false,
        })
    }
    fn expression_names(expression: &ast::Expression<&str>) -> bool {
        match expression {
            ast::Expression::Select { variants, .. } => variants.iter().any(|v| names(&v.value)),
            ast::Expression::Inline(ast::InlineExpression::MessageReference { .. }) => true,
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => expression_names(expression),
            ast::Expression::Inline(_) => false,
        }
    }
    let mut naming = BTreeSet::new();
    for (_, text) in sources(language) {
        let Ok(resource) = fluent_syntax::parser::parse(text) else { continue };
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                if message.value.as_ref().is_some_and(names) {
                    naming.insert(message.id.name.to_owned());
                }
            }
        }
    }
    naming
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for named in &arguments.named {
                inline_variables(&named.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[test]
fn every_language_has_englishs_messages_with_the_same_arguments() {
    let english = messages_of("en");
    assert!(english.len() > 10, "the English catalogue is nearly empty");
    for language in available().into_iter().filter(|l| *l != "en") {
        let other = messages_of(language);
        for (id, variables) in &english {
            let Some(theirs) = other.get(id) else { panic!("locales/{language} lacks {id}") };
            assert_eq!(theirs, variables, "locales/{language}: {id} takes other arguments than in English");
        }
        for id in other.keys() {
            assert!(english.contains_key(id), "locales/{language} has {id}, which English no longer has");
        }
        // Each area of English has its file in the language, so translators find it.
        let areas: BTreeSet<_> = sources(language).map(|(area, _)| area).collect();
        for (area, _) in sources("en") {
            assert!(areas.contains(area), "locales/{language} has no {area}.ftl");
        }
    }
}

/// Every `msg!("id"…)` and `Message::new("id")` in the Rust code, and every `t("id"…)`
/// in the window's code, names a message of the English catalogue.
#[test]
fn every_message_the_code_names_exists() {
    let english = messages_of("en");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut named = 0;
    for dir in ["crates/spotlink-core/src", "crates/spotlink-cli/src", "src-tauri", "ui/js"] {
        // The i18n module's own examples and tests name ids that are not messages.
        for file in files_under(&root.join(dir)).into_iter().filter(|f| !f.to_string_lossy().contains("i18n")) {
            let text = std::fs::read_to_string(&file).unwrap();
            for opener in ["msg!(\"", "Message::new(\"", "t(\""] {
                for (at, _) in text.match_indices(opener) {
                    // `t("` only as a call of its own, not the end of `get("`.
                    let before = text[..at].chars().next_back().unwrap_or(' ');
                    if before.is_alphanumeric() || before == '_' || before == '.' {
                        continue;
                    }
                    let rest = &text[at + opener.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                        continue;
                    }
                    named += 1;
                    assert!(english.contains_key(id), "{} names {id}, which no catalogue has", file.display());
                }
            }
        }
    }
    assert!(named > 10, "found only {named} message ids in the code");
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target" && n != "node_modules") {
                out.extend(files_under(&path));
            }
        } else if path.extension().is_some_and(|e| e == "rs" || e == "js") {
            out.push(path);
        }
    }
    out
}

fn russian() -> Catalog {
    Catalog::new(Language::from_tag("ru").unwrap())
}

#[test]
fn russian_has_three_plural_forms() {
    let catalog = russian();
    let said: Vec<String> = [1, 2, 5, 11, 21, 22, 111].iter().map(|n| catalog.format(&days(*n))).collect();
    assert_eq!(said, ["1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня", "111 дней"]);
    assert_eq!(english().format(&days(1)), "1 day");
    assert_eq!(english().format(&days(21)), "21 days");
}

#[test]
fn relative_times_and_dates_in_each_language() {
    use time::macros::date as day;
    use time::Duration;
    let en = english();
    assert_eq!(en.format(&relative(Duration::seconds(42))), "in 42 s");
    assert_eq!(en.format(&relative(Duration::minutes(58))), "in 58 min");
    assert_eq!(en.format(&relative(Duration::hours(5))), "in 5 h");
    assert_eq!(en.format(&relative(Duration::days(181))), "in 181 days");
    assert_eq!(en.format(&relative(Duration::hours(-2))), "2 h ago");
    assert_eq!(en.format(&date(day!(2027 - 05 - 28))), "28 May 2027");
    let ru = russian();
    assert_eq!(ru.format(&relative(Duration::days(181))), "через 181 день");
    assert_eq!(ru.format(&relative(Duration::days(-3))), "3 дня назад");
    assert_eq!(ru.format(&date(day!(2027 - 05 - 28))), "28 мая 2027 г.");
    assert_eq!(ru.format(&date(day!(2026 - 12 - 01))), "1 декабря 2026 г.");
}

#[test]
fn a_message_a_language_lacks_comes_in_english() {
    let german = Language::from_tag("de");
    assert!(german.is_none(), "a test language must have no catalogue");
    // Russian without a message: the catalogue of a language that lacks one.
    let mut catalog = russian();
    let only_english = Message::new("month-1");
    catalog.bundles.remove(0);
    catalog.bundles.insert(0, bundle(&unic_langid::langid!("ru"), "none", None));
    assert_eq!(catalog.format(&only_english), "Jan");
    // A message no catalogue has shows its id: the test above keeps that from happening.
    assert_eq!(english().format(&Message::new("no-such-message")), "no-such-message");
}

#[test]
fn the_pseudo_language_wraps_every_message() {
    let pseudo = Catalog::new(Language::from_tag("en-XA").unwrap());
    let said = pseudo.format(&relative(time::Duration::days(3)));
    // The outer message and the inner one are each wrapped; arguments stay as they are.
    assert_eq!(said, "[íñ~ [3 ðàýš~~]]");
}

/// The window formats the pseudo-language from catalogues Rust rewrote (`texts`); every
/// English message comes out as the pseudo-language's `Catalog` formats it.
#[test]
fn the_rewritten_pseudo_catalogues_say_what_rust_says() {
    let pseudo = Language::from_tag("en-XA").unwrap();
    let catalog = Catalog::new(pseudo.clone());
    let areas: Vec<&str> = sources("en").map(|(area, _)| area).collect();
    let mut bundle = FluentBundle::new_concurrent(vec![pseudo.id().clone()]);
    bundle.set_use_isolating(false);
    for text in texts(&pseudo, &areas) {
        bundle.add_resource(FluentResource::try_new(text).expect("a rewritten catalogue parses")).unwrap();
    }
    // A message that names another has that one's brackets inside it too (Rust brackets
    // only the whole): those are compared without their inner brackets.
    let naming = messages_naming_others("en");
    let mut compared = 0;
    for (id, variables) in messages_of("en") {
        for value in [Arg::Number(1), Arg::Number(3), Arg::Text("Ada".into())] {
            let mut message = Message::new(Box::leak(id.clone().into_boxed_str()));
            let mut args = FluentArgs::new();
            for name in &variables {
                message = message.with(Box::leak(name.clone().into_boxed_str()), value.clone());
                args.set(
                    name.clone(),
                    match &value {
                        Arg::Number(n) => FluentValue::from(*n),
                        Arg::Text(t) => FluentValue::from(t.clone()),
                        Arg::Message(_) => unreachable!(),
                    },
                );
            }
            let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                panic!("the rewritten catalogues lack {id}")
            };
            let mut window = bundle.format_pattern(pattern, Some(&args), &mut Vec::new()).into_owned();
            if naming.contains(&id) {
                let inner = &window[1..window.len() - 1];
                window = format!("[{}]", inner.replace(['[', ']'], ""));
            }
            assert_eq!(window, catalog.format(&message), "{id}");
            compared += 1;
        }
    }
    assert!(compared > 30, "compared only {compared} messages");
    // The other languages go out as they are.
    let russian = Language::from_tag("ru").unwrap();
    assert_eq!(texts(&russian, &["common"]), [sources("ru").find(|(a, _)| *a == "common").unwrap().1]);
}

/// The window's few sentences for when it has no catalogue (`BEFORE_CATALOGUE` in
/// ui/js/i18n.js: the bridge to the app is missing, or the app does not answer) say
/// what English's window.ftl says.
#[test]
fn the_windows_words_before_its_catalogue_are_englishs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let js = std::fs::read_to_string(root.join("ui/js/i18n.js")).unwrap();
    let start = js.find("const BEFORE_CATALOGUE = {").expect("ui/js/i18n.js has BEFORE_CATALOGUE");
    let table = &js[start..start + js[start..].find("\n};").unwrap()];
    // Its string literals, in order: id, text, id, text...
    let literals: Vec<&str> = table.split('"').skip(1).step_by(2).collect();
    assert!(literals.len() >= 10 && literals.len().is_multiple_of(2), "{literals:?}");
    let window = sources("en").find(|(area, _)| *area == "window").expect("locales/en/window.ftl").1;
    for pair in literals.chunks(2) {
        let (id, text) = (pair[0], pair[1]);
        let line = window.lines().find(|l| l.starts_with(&format!("{id} = "))).unwrap_or_else(|| {
            panic!("window.ftl has no one-line message {id}, which ui/js/i18n.js's BEFORE_CATALOGUE has")
        });
        assert_eq!(&line[id.len() + 3..], text, "ui/js/i18n.js's {id} differs from window.ftl's");
    }
}
