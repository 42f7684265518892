//! The pseudo-language `en-XA`: every message of the English catalogue with its
//! letters accented, a third longer, in brackets. Text that reaches a user unchanged
//! bypassed the catalogues; a cut-off bracket shows text that does not fit.
//!
//! Rust formats it with Fluent's transform and wraps each formatted message
//! ([`transform`], [`wrap`]); the window, which formats with Fluent's JavaScript
//! runtime, gets the catalogue already rewritten ([`catalogue`]).

use std::borrow::Cow;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

/// Fluent's transform of a message's own text (never of its arguments): accents and
/// lengthening.
pub(super) fn transform(text: &str) -> Cow<'_, str> {
    let letters = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 {
        return Cow::Borrowed(text);
    }
    let body = text.trim_end();
    let mut out: String = body.chars().map(accented).collect();
    // Russian and German run about a third longer than English.
    out.extend(std::iter::repeat_n('~', letters.div_ceil(3)));
    out.push_str(&text[body.len()..]);
    Cow::Owned(out)
}

/// A whole message, arguments and all, in brackets.
pub(super) fn wrap(text: &str) -> String {
    format!("[{text}]")
}

/// An English catalogue file (`.ftl`) rewritten into the pseudo-language: every text of
/// every message and term as [`transform`] turns it when Rust formats, and each
/// message's value and attributes between `[` and `]`, as [`wrap`] puts them. Formatted
/// by any Fluent runtime, its messages read as Rust's pseudo-language catalogue formats
/// them (a message another one names is then bracketed inside it too).
pub(super) fn catalogue(source: &str) -> String {
    let mut resource = match fluent_syntax::parser::parse(source.to_owned()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            // What parsed is kept, as `super::bundle` does; a test keeps the catalogues clean.
            tracing::error!(?errors, "a catalogue has syntax errors");
            resource
        }
    };
    for entry in &mut resource.body {
        match entry {
            Entry::Message(message) => {
                let patterns = message.value.iter_mut().chain(message.attributes.iter_mut().map(|a| &mut a.value));
                for pattern in patterns {
                    transform_pattern(pattern);
                    // String literals, so a bracket at the start of a line is never read as
                    // a variant key.
                    pattern.elements.insert(0, literal("["));
                    pattern.elements.push(literal("]"));
                }
            }
            Entry::Term(term) => {
                transform_pattern(&mut term.value);
                for attribute in &mut term.attributes {
                    transform_pattern(&mut attribute.value);
                }
            }
            _ => {}
        }
    }
    fluent_syntax::serializer::serialize(&resource)
}

/// Transforms every text of `pattern`, those of its select expressions' variants too.
fn transform_pattern(pattern: &mut Pattern<String>) {
    for element in &mut pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                if let Cow::Owned(changed) = transform(value) {
                    *value = changed;
                }
            }
            PatternElement::Placeable { expression } => transform_expression(expression),
        }
    }
}

fn transform_expression(expression: &mut Expression<String>) {
    match expression {
        Expression::Select { variants, .. } => {
            for variant in variants {
                transform_pattern(&mut variant.value);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => transform_expression(expression),
        Expression::Inline(_) => {}
    }
}

fn literal(text: &str) -> PatternElement<String> {
    PatternElement::Placeable {
        expression: Expression::Inline(InlineExpression::StringLiteral { value: text.to_owned() }),
    }
}

fn accented(c: char) -> char {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: [char; 52] = [
        'à', 'ƀ', 'ç', 'ð', 'é', 'ƒ', 'ĝ', 'ĥ', 'í', 'ĵ', 'ķ', 'ĺ', 'ɱ', 'ñ', 'ó', 'ƥ', 'ǫ', 'ŕ', 'š', 'ţ', 'û', 'ṽ',
        'ŵ', 'ẋ', 'ý', 'ž', 'Å', 'Ɓ', 'Ç', 'Ð', 'É', 'Ƒ', 'Ĝ', 'Ĥ', 'Í', 'Ĵ', 'Ķ', 'Ŀ', 'Ṁ', 'Ñ', 'Ó', 'Ƥ', 'Ǫ', 'Ŕ',
        'Ś', 'Ţ', 'Û', 'Ṽ', 'Ŵ', 'Ẋ', 'Ý', 'Ž',
    ];
    FROM.find(c).map_or(c, |i| TO[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_change_and_text_grows() {
        assert_eq!(transform("Link Spotify account"), "Ŀíñķ Śƥóţíƒý àççóûñţ~~~~~~");
        assert_eq!(transform(" · "), " · ");
        assert_eq!(transform("3"), "3");
        assert_eq!(wrap("x"), "[x]");
    }

    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};

    /// `id` of `ftl` formatted by a Fluent bundle with `transform` (none: as the window
    /// formats, without isolation marks either way).
    fn format(ftl: &str, transform: Option<fn(&str) -> Cow<'_, str>>, id: &str, args: &FluentArgs<'_>) -> String {
        let mut bundle = FluentBundle::new(vec![unic_langid::langid!("en-XA")]);
        bundle.set_use_isolating(false);
        bundle.set_transform(transform);
        bundle.add_resource(FluentResource::try_new(ftl.to_owned()).expect("the catalogue parses")).unwrap();
        let pattern = bundle.get_message(id).and_then(|m| m.value()).expect("the message is there");
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        assert!(errors.is_empty(), "{id}: {errors:?}");
        text
    }

    const FTL: &str = "# Counts.
count =
    { $n ->
        [one] One link for { $name }
       *[other] { $n } links for { $name }
    }
plain = Copy token
multi =
    First line
    second line
dotted = { \"[\" }already bracketed{ \"]\" }
-brand = Spotify
with-term = Open { -brand }
nested = Say { plain }
attributes =
    .label = Close
";

    #[test]
    fn a_rewritten_catalogue_formats_as_rust_formats_the_pseudo_language() {
        let pseudo = catalogue(FTL);
        let mut args = FluentArgs::new();
        args.set("name", FluentValue::from("Ada"));
        for n in [1, 3] {
            args.set("n", FluentValue::from(n));
            for id in ["count", "plain", "multi", "dotted", "with-term"] {
                let rust = wrap(&format(FTL, Some(transform), id, &args));
                assert_eq!(format(&pseudo, None, id, &args), rust, "{id} with n = {n}");
            }
        }
        args.set("n", FluentValue::from(1));
        assert_eq!(format(&pseudo, None, "count", &args), "[Óñé ĺíñķ ƒóŕ~~~~ Ada]");
        assert_eq!(format(&pseudo, None, "plain", &args), "[Çóƥý ţóķéñ~~~]");
        // A term is not a message: its words change, but it gets no brackets of its own.
        assert_eq!(format(&pseudo, None, "with-term", &args), "[Óƥéñ~~ Śƥóţíƒý~~~]");
        // A message another names brings its own brackets along.
        assert_eq!(format(&pseudo, None, "nested", &args), "[Śàý~ [Çóƥý ţóķéñ~~~]]");
        // Comments and the variables' names are left alone.
        assert!(pseudo.starts_with("# Counts.\n"), "{pseudo}");
        assert!(pseudo.contains("$name"), "{pseudo}");
        // Attributes are words a person reads too.
        let mut bundle = FluentBundle::new(vec![unic_langid::langid!("en-XA")]);
        bundle.add_resource(FluentResource::try_new(pseudo).unwrap()).unwrap();
        let label = bundle.get_message("attributes").and_then(|m| m.get_attribute("label")).unwrap();
        assert_eq!(bundle.format_pattern(label.value(), None, &mut Vec::new()), "[Çĺóšé~~]");
    }
}
