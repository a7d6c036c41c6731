//! Text from the change (file names, YAML keys and values, commit messages, PR text) is data,
//! never terminal control, markup or a workflow command. Every renderer that writes for a
//! terminal, a CI log or a page shows it through `visible`: control characters become their
//! Unicode control pictures (one character each, so columns stay right), C1 controls and
//! bidirectional overrides become U+FFFD. JSON and SARIF need nothing more: serde escapes them.

use std::borrow::Cow;

/// Whether `c` could steer a terminal, a log or the reading order of the text around it.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// `text` with every hostile character replaced by a visible one; tabs stay.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\t' && is_hostile(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\t' => '\t',
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if is_hostile(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// `visible` as an owned string, for the verdict's fields.
pub fn visible_owned(text: &mut String) {
    if let Cow::Owned(clean) = visible(text) {
        *text = clean;
    }
}

/// `text` cut to at most `max` characters, the last one an ellipsis when cut (API field limits).
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_one_for_one() {
        assert_eq!(visible("plain\ttext"), "plain\ttext");
        assert_eq!(
            visible("a\nb\r\u{1b}[31m"),
            "a\u{240a}b\u{240d}\u{241b}[31m"
        );
        assert_eq!(visible("x\u{202e}y\u{85}"), "x\u{fffd}y\u{fffd}");
        assert_eq!(visible("key\n::error::owned").chars().count(), 18);
        assert!(!visible("key\n::error::owned").contains('\n'));
    }
}
