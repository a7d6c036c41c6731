//! Git's C-style path quoting: `"a/caf\303\251 \"x\".txt"`. Git quotes a path when it holds
//! control characters, `"`, `\`, or (with `core.quotePath`, the default) non-ASCII bytes.

/// A quoted path that does not follow git's quoting rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    #[error("quoted path has no closing quote")]
    Unterminated,
    #[error("unknown escape `\\{0}` in quoted path")]
    UnknownEscape(char),
}

/// Decodes a quoted path at the start of `input` (which must begin with `"`). Returns the path
/// bytes and the rest of the input after the closing quote.
pub fn unquote_c_path(input: &[u8]) -> Result<(Vec<u8>, &[u8]), QuoteError> {
    debug_assert_eq!(input.first(), Some(&b'"'));
    let mut out = Vec::with_capacity(input.len());
    let mut i = 1;
    while let Some(&byte) = input.get(i) {
        match byte {
            b'"' => return Ok((out, &input[i + 1..])),
            b'\\' => {
                let esc = *input.get(i + 1).ok_or(QuoteError::Unterminated)?;
                i += 2;
                let decoded = match esc {
                    b'\\' => b'\\',
                    b'"' => b'"',
                    b'a' => 0x07,
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'v' => 0x0b,
                    b'0'..=b'7' => {
                        // Up to three octal digits; the first is already consumed.
                        let mut value = u32::from(esc - b'0');
                        for _ in 0..2 {
                            match input.get(i) {
                                Some(d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        // Three octal digits can exceed a byte (\777); keep the low byte.
                        (value & 0xff) as u8
                    }
                    other => return Err(QuoteError::UnknownEscape(char::from(other))),
                };
                out.push(decoded);
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    Err(QuoteError::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_octal_utf8_and_simple_escapes() {
        let (path, rest) = unquote_c_path(br#""a/caf\303\251 \"x\"\t.txt" tail"#).unwrap();
        assert_eq!(String::from_utf8(path).unwrap(), "a/café \"x\"\t.txt");
        assert_eq!(rest, b" tail");
    }

    #[test]
    fn rejects_unterminated_and_unknown_escapes() {
        assert_eq!(unquote_c_path(br#""abc"#), Err(QuoteError::Unterminated));
        assert_eq!(
            unquote_c_path(br#""a\q""#),
            Err(QuoteError::UnknownEscape('q'))
        );
        assert_eq!(unquote_c_path(br#""a\"#), Err(QuoteError::Unterminated));
    }
}
