//! `git diff --raw -z` records: modes, blob ids, status and paths, with paths verbatim (NUL
//! separated, never quoted), which is why the listing comes from here and not from a patch.

use super::SourceError;

/// One record of the raw listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry {
    pub old_mode: u32,
    pub new_mode: u32,
    pub old_sha: String,
    pub new_sha: String,
    /// `A`, `C`, `D`, `M`, `R`, `T`, `U` or `X`.
    pub status: u8,
    pub score: Option<u8>,
    pub src: String,
    /// Destination path of a rename or copy.
    pub dst: Option<String>,
}

/// Whether a blob id is git's all-zero "not in the object database" id.
pub fn is_null_sha(sha: &str) -> bool {
    sha.bytes().all(|b| b == b'0')
}

/// Parses the whole `--raw -z` output.
pub fn parse_raw(output: &[u8]) -> Result<Vec<RawEntry>, SourceError> {
    let mut sections = parse_sections(output, "diff --raw -z")?;
    match sections.len() {
        0 => Ok(Vec::new()),
        1 if sections[0].0.is_empty() => Ok(sections.remove(0).1),
        _ => Err(SourceError::GitOutput {
            command: "diff --raw -z".into(),
            detail: "a record does not start with ':'".into(),
        }),
    }
}

/// Parses `git diff-tree --stdin -z -r --raw` output: each commit's id, then its records.
pub fn parse_diff_tree(output: &[u8]) -> Result<Vec<(String, Vec<RawEntry>)>, SourceError> {
    let sections = parse_sections(output, "diff-tree --stdin -z")?;
    if sections.first().is_some_and(|(sha, _)| sha.is_empty()) {
        return Err(SourceError::GitOutput {
            command: "diff-tree --stdin -z".into(),
            detail: "records before the first commit id".into(),
        });
    }
    Ok(sections)
}

/// Records grouped under the header fields (commit ids) that precede them; records before any
/// header go under an empty one.
fn parse_sections(
    output: &[u8],
    command: &str,
) -> Result<Vec<(String, Vec<RawEntry>)>, SourceError> {
    let bad = |detail: String| SourceError::GitOutput {
        command: command.into(),
        detail,
    };
    let mut fields = output.split(|&b| b == 0).peekable();
    let mut sections: Vec<(String, Vec<RawEntry>)> = Vec::new();
    while let Some(meta) = fields.next() {
        if meta.is_empty() && fields.peek().is_none() {
            break;
        }
        let meta = std::str::from_utf8(meta).map_err(|_| bad("non-UTF-8 record header".into()))?;
        let Some(meta) = meta.strip_prefix(':') else {
            let header = meta.trim();
            if header.is_empty() || !header.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(bad(format!("record does not start with ':': {meta:?}")));
            }
            sections.push((header.to_owned(), Vec::new()));
            continue;
        };
        let parts: Vec<&str> = meta.split(' ').collect();
        let [old_mode, new_mode, old_sha, new_sha, status] = parts[..] else {
            return Err(bad(format!("expected 5 fields, found {meta:?}")));
        };
        let mode = |m: &str| u32::from_str_radix(m, 8).map_err(|_| bad(format!("bad mode {m:?}")));
        let status_byte = *status
            .as_bytes()
            .first()
            .ok_or_else(|| bad("empty status".into()))?;
        let score = status.get(1..).and_then(|s| s.parse().ok());
        let mut path = || {
            fields
                .next()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .ok_or_else(|| bad("record without a path".into()))
        };
        let src = path()?;
        let dst = if matches!(status_byte, b'R' | b'C') {
            Some(path()?)
        } else {
            None
        };
        if sections.is_empty() {
            sections.push((String::new(), Vec::new()));
        }
        let entries = &mut sections.last_mut().expect("a section").1;
        entries.push(RawEntry {
            old_mode: mode(old_mode)?,
            new_mode: mode(new_mode)?,
            old_sha: old_sha.to_owned(),
            new_sha: new_sha.to_owned(),
            status: status_byte,
            score,
            src,
            dst,
        });
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_modify_rename_and_odd_paths() {
        let z = "0".repeat(40);
        let a = "a".repeat(40);
        let out = format!(
            ":100644 100644 {a} {z} M\0dir with space/f.txt\0:100644 100644 {a} {a} R087\0old\0new \u{e9}\0"
        );
        let entries = parse_raw(out.as_bytes()).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].src, "dir with space/f.txt");
        assert!(is_null_sha(&entries[0].new_sha));
        assert_eq!(entries[1].status, b'R');
        assert_eq!(entries[1].score, Some(87));
        assert_eq!(entries[1].dst.as_deref(), Some("new é"));
    }

    #[test]
    fn diff_tree_output_is_grouped_by_commit() {
        let (c1, c2, a) = ("1".repeat(40), "2".repeat(40), "a".repeat(40));
        let out = format!(
            "{c1}\0:100644 100644 {a} {a} M\0x\0:000000 100644 {z} {a} A\0y\0{c2}\0:100644 100644 {a} {a} R100\0p\0q\0",
            z = "0".repeat(40)
        );
        let sections = parse_diff_tree(out.as_bytes()).unwrap();
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].0, c1);
        assert_eq!(sections[0].1.len(), 2);
        assert_eq!(sections[1].1[0].dst.as_deref(), Some("q"));
        assert!(parse_diff_tree(format!(":100644 100644 {a} {a} M\0x\0").as_bytes()).is_err());
    }

    #[test]
    fn empty_output_is_no_entries() {
        assert!(parse_raw(b"").unwrap().is_empty());
    }

    #[test]
    fn malformed_output_is_an_error() {
        assert!(parse_raw(b"garbage\0").is_err());
        assert!(parse_raw(b":100644 100644 a b\0p\0").is_err());
    }
}
