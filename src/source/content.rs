//! Turns the bytes of both sides of a file into `Content`, texts and hunks. Shared by every
//! source that knows full blobs, so the same bytes always give the same analysis.

use super::blobs::Blob;
use crate::model::changeset::{Content, FileChange};
use crate::source::diff::{compute_hunks, compute_hunks_shared};
use std::ops::Not;
use std::sync::Arc;

/// How many leading bytes git inspects for NUL to call a file binary.
const BINARY_SNIFF_BYTES: usize = 8000;

/// One side of a file as read.
#[derive(Debug, Clone)]
pub enum Side {
    /// The side does not exist (added or deleted file).
    Absent,
    Text(String),
    /// The raw bytes: hunks are computed on them, not on a lossy decoding.
    NonUtf8(Vec<u8>),
    /// NUL bytes in the first 8,000 (git's test); the bytes are kept for text rules.
    Binary(Vec<u8>),
    /// Over the size limit; the bytes when within `blobs::SCAN_CAP`.
    TooLarge(Option<Vec<u8>>),
    Unknown,
}

impl Side {
    /// Classifies raw bytes the way git does (NUL in the first 8,000 bytes means binary).
    pub fn from_bytes(bytes: Vec<u8>) -> Side {
        let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
        if sniff.contains(&0) {
            return Side::Binary(bytes);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Side::Text(text),
            Err(e) => Side::NonUtf8(e.into_bytes()),
        }
    }

    /// From a cat-file answer.
    pub fn from_blob(blob: Option<Blob>) -> Side {
        match blob {
            Some(Blob::Bytes(bytes)) => Side::from_bytes(bytes),
            Some(Blob::TooLarge(_, bytes)) => Side::TooLarge(bytes),
            Some(Blob::Missing) | None => Side::Unknown,
        }
    }

    fn bytes(&self) -> Option<&[u8]> {
        match self {
            Side::Absent => Some(b""),
            Side::Text(t) => Some(t.as_bytes()),
            Side::NonUtf8(b) => Some(b),
            _ => None,
        }
    }

    /// Every byte known of this side, text or not (for the lossy reading).
    fn raw(&self) -> Option<&[u8]> {
        match self {
            Side::Binary(b) | Side::TooLarge(Some(b)) => Some(b),
            other => other.bytes(),
        }
    }
}

/// Fills `content`, texts and hunks of `file` from both sides.
pub fn fill(file: &mut FileChange, old: Side, new: Side, context: usize) {
    let sides = [&old, &new];
    file.content = if sides.iter().any(|s| matches!(s, Side::Binary(_))) {
        Content::Binary
    } else if sides.iter().any(|s| matches!(s, Side::TooLarge(_))) {
        Content::TooLarge
    } else if sides.iter().any(|s| matches!(s, Side::Unknown)) {
        Content::Unknown
    } else if sides.iter().any(|s| matches!(s, Side::NonUtf8(_))) {
        Content::NonUtf8
    } else {
        Content::Text
    };
    if file.content == Content::Text {
        file.old_text = as_arc(old);
        file.new_text = as_arc(new);
        file.hunks = compute_hunks_shared(file.old_text.as_ref(), file.new_text.as_ref(), context);
        return;
    }
    if let (Some(old_text), Some(new_text)) = (old.bytes(), new.bytes()) {
        file.hunks = compute_hunks(old_text, new_text, context);
    }
    // Not text: what the bytes say is still read, so that a NUL byte, an invalid UTF-8 byte or
    // padding past the size limit cannot hide a secret or a privileged container.
    let (Some(old_raw), Some(new_raw)) = (old.raw(), new.raw()) else {
        return;
    };
    let lossy = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let small = file.content != Content::TooLarge;
    let language = crate::model::Language::detect(file.path(), None);
    if small && (file.content == Content::NonUtf8 || language.is_some()) {
        // A file of a language we parse (or near-text): analysed in full as lossy text.
        if file.hunks.is_empty() {
            file.hunks = compute_hunks(old_raw, new_raw, context);
        }
        file.lossy = true;
        file.old_text = matches!(old, Side::Absent)
            .not()
            .then(|| Arc::from(lossy(old_raw)));
        file.new_text = matches!(new, Side::Absent)
            .not()
            .then(|| Arc::from(lossy(new_raw)));
    } else {
        // Anything else (a real binary, a huge file): its new lines, for text rules only.
        let old_text = lossy(old_raw);
        let seen: std::collections::HashSet<&str> = old_text.lines().collect();
        file.scan_lines = lossy(new_raw)
            .lines()
            .enumerate()
            .filter(|(_, line)| !seen.contains(line))
            .map(|(i, line)| (u32::try_from(i + 1).unwrap_or(u32::MAX), line.to_owned()))
            .collect();
    }
}

fn as_arc(side: Side) -> Option<Arc<str>> {
    match side {
        Side::Text(t) => Some(Arc::from(t)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::changeset::FileStatus;

    #[test]
    fn nul_bytes_make_a_file_binary_and_keep_it() {
        let mut f = FileChange::new(FileStatus::Modified, Some("a".into()), Some("a".into()));
        fill(
            &mut f,
            Side::from_bytes(b"x\0y".to_vec()),
            Side::from_bytes(b"z".to_vec()),
            3,
        );
        assert_eq!(f.content, Content::Binary);
        assert!(f.hunks.is_empty());
    }

    #[test]
    fn non_utf8_still_gets_hunks() {
        let mut f = FileChange::new(FileStatus::Modified, Some("a".into()), Some("a".into()));
        fill(
            &mut f,
            Side::from_bytes(b"caf\xe9\n".to_vec()),
            Side::from_bytes(b"cafe\n".to_vec()),
            3,
        );
        assert_eq!(f.content, Content::NonUtf8);
        assert_eq!(f.line_counts(), (1, 1));
        // Read in full as lossy text, and marked so.
        assert!(f.lossy);
        assert_eq!(f.old_text.as_deref(), Some("caf\u{fffd}\n"));
    }

    #[test]
    fn a_binary_file_keeps_only_its_new_lines_for_text_rules() {
        let mut f = FileChange::new(
            FileStatus::Modified,
            Some("a.bin".into()),
            Some("a.bin".into()),
        );
        fill(
            &mut f,
            Side::from_bytes(b"\0same\nold\n".to_vec()),
            Side::from_bytes(b"\0same\nnew secret\n".to_vec()),
            3,
        );
        assert_eq!(f.content, Content::Binary);
        assert!(!f.lossy && f.new_text.is_none());
        assert_eq!(f.scan_lines, vec![(2, "new secret".to_owned())]);
    }

    #[test]
    fn added_text_file_has_texts_and_hunks() {
        let mut f = FileChange::new(FileStatus::Added, None, Some("a".into()));
        fill(
            &mut f,
            Side::Absent,
            Side::from_bytes(b"one\ntwo\n".to_vec()),
            3,
        );
        assert_eq!(f.content, Content::Text);
        assert_eq!(f.added_lines().collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(f.new_text.as_deref(), Some("one\ntwo\n"));
        assert!(f.old_text.is_none());
    }
}
