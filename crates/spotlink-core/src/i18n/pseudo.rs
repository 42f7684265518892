//! The pseudo-language `en-XA`: every message of the English catalogue with its
//! letters accented, a third longer, in brackets. Text that reaches a user unchanged
//! bypassed the catalogues; a cut-off bracket shows text that does not fit.

use std::borrow::Cow;

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
}
