//! Unified-diff parser for `changegate check --diff`: plain `diff -u` output and git's extended
//! format (renames, copies, modes, binary, submodules, quoted paths).
//!
//! Bytes in, `FileChange`s out. Text between files (mail headers of `git format-patch`, commit
//! messages) is skipped as `git apply` does; inside a hunk the line counts of the `@@` header are
//! enforced, so a truncated or hand-mangled patch is an error that names the line.

use super::quoted::unquote_c_path;
use crate::model::changeset::{Content, FileChange, FileStatus, Hunk, HunkLine, LineKind};

/// A patch that cannot be read, with the 1-based line where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct PatchError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> PatchError {
    PatchError {
        line,
        message: message.into(),
    }
}

/// Parses a unified diff. Empty input is an empty change; non-empty input without any file
/// header is an error (it is almost certainly not a diff).
pub fn parse_patch(input: &[u8]) -> Result<Vec<FileChange>, PatchError> {
    let lines: Vec<&[u8]> = split_lines(input);
    let mut files = Vec::new();
    let mut current: Option<Pending> = None;
    let mut i = 0;
    while i < lines.len() {
        let lineno = i + 1;
        let line = strip_cr(lines[i]);
        if let Some(rest) = line.strip_prefix(b"diff --git ") {
            finish(&mut files, current.take(), lineno)?;
            current = Some(Pending::git(rest, lineno)?);
            i += 1;
            continue;
        }
        if line.starts_with(b"diff --cc ") || line.starts_with(b"diff --combined ") {
            return Err(err(
                lineno,
                "combined diffs (of a merge commit) are not supported: diff against one parent",
            ));
        }
        if line.starts_with(b"--- ") && lines.get(i + 1).is_some_and(|n| n.starts_with(b"+++ ")) {
            let continues_git_header = current
                .as_ref()
                .is_some_and(|c| c.in_header && !c.saw_minus);
            if !continues_git_header {
                finish(&mut files, current.take(), lineno)?;
                current = Some(Pending::plain(lineno));
            }
            let pending = current.as_mut().expect("set above");
            pending.saw_minus = true;
            pending.minus = Some(header_path(&line[4..], lineno)?);
            pending.plus = Some(header_path(strip_cr(&lines[i + 1][4..]), lineno + 1)?);
            i += 2;
            continue;
        }
        if line.starts_with(b"@@") {
            let Some(pending) = current.as_mut() else {
                return Err(err(
                    lineno,
                    "hunk header `@@` before any file header (`diff --git` or `---`/`+++`)",
                ));
            };
            if line.starts_with(b"@@@") {
                return Err(err(
                    lineno,
                    "combined diffs (`@@@`) are not supported: diff against one parent",
                ));
            }
            let (hunk, next) = parse_hunk(&lines, i)?;
            pending.in_header = false;
            pending.hunks.push(hunk);
            i = next;
            continue;
        }
        if let Some(pending) = current.as_mut().filter(|p| p.in_header && p.git) {
            pending.extended_header(line, lineno)?;
        }
        // Anything else between files is commentary: skipped, as `git apply` does.
        i += 1;
    }
    finish(&mut files, current.take(), lines.len())?;
    if files.is_empty() && input.iter().any(|b| !b.is_ascii_whitespace()) {
        return Err(err(
            1,
            "no file header found: expected a unified diff (`diff --git a/… b/…` or `--- a/…` / `+++ b/…`)",
        ));
    }
    Ok(files)
}

fn split_lines(input: &[u8]) -> Vec<&[u8]> {
    let mut lines: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A file whose headers are being read.
#[derive(Default)]
struct Pending {
    start_line: usize,
    git: bool,
    /// Still reading headers (no hunk yet).
    in_header: bool,
    saw_minus: bool,
    git_old: Option<String>,
    git_new: Option<String>,
    /// `---` path; `Some(None)` is `/dev/null`.
    minus: Option<Option<String>>,
    plus: Option<Option<String>>,
    rename_from: Option<String>,
    rename_to: Option<String>,
    copy_from: Option<String>,
    copy_to: Option<String>,
    new_file: bool,
    deleted: bool,
    old_mode: Option<u32>,
    new_mode: Option<u32>,
    similarity: Option<u8>,
    binary: bool,
    non_utf8: bool,
    hunks: Vec<Hunk>,
}

impl Pending {
    fn plain(start_line: usize) -> Self {
        Pending {
            start_line,
            in_header: true,
            ..Pending::default()
        }
    }

    fn git(rest: &[u8], start_line: usize) -> Result<Self, PatchError> {
        let (old, new) = git_header_paths(rest, start_line)?;
        Ok(Pending {
            start_line,
            git: true,
            in_header: true,
            git_old: old,
            git_new: new,
            ..Pending::default()
        })
    }

    fn extended_header(&mut self, line: &[u8], lineno: usize) -> Result<(), PatchError> {
        let path = |rest: &[u8]| path_value(rest, lineno);
        if let Some(rest) = line.strip_prefix(b"old mode ") {
            self.old_mode = Some(mode(rest, lineno)?);
        } else if let Some(rest) = line.strip_prefix(b"new mode ") {
            self.new_mode = Some(mode(rest, lineno)?);
        } else if let Some(rest) = line.strip_prefix(b"deleted file mode ") {
            self.deleted = true;
            self.old_mode = Some(mode(rest, lineno)?);
        } else if let Some(rest) = line.strip_prefix(b"new file mode ") {
            self.new_file = true;
            self.new_mode = Some(mode(rest, lineno)?);
        } else if let Some(rest) = line.strip_prefix(b"rename from ") {
            self.rename_from = Some(path(rest)?);
        } else if let Some(rest) = line.strip_prefix(b"rename to ") {
            self.rename_to = Some(path(rest)?);
        } else if let Some(rest) = line.strip_prefix(b"copy from ") {
            self.copy_from = Some(path(rest)?);
        } else if let Some(rest) = line.strip_prefix(b"copy to ") {
            self.copy_to = Some(path(rest)?);
        } else if let Some(rest) = line
            .strip_prefix(b"similarity index ")
            .or_else(|| line.strip_prefix(b"dissimilarity index "))
        {
            let digits = rest.strip_suffix(b"%").unwrap_or(rest);
            self.similarity = std::str::from_utf8(digits)
                .ok()
                .and_then(|s| s.parse().ok());
        } else if let Some(rest) = line.strip_prefix(b"index ") {
            // `index abc..def 100644`: the trailing mode applies to both sides.
            if let Some(m) = rest.split(|&b| b == b' ').nth(1) {
                let m = mode(m, lineno)?;
                self.old_mode.get_or_insert(m);
                self.new_mode.get_or_insert(m);
            }
        } else if line.starts_with(b"Binary files ") || line == b"GIT binary patch" {
            self.binary = true;
        }
        Ok(())
    }

    fn into_file(self) -> FileChange {
        let (minus, plus) = match (self.minus.clone(), self.plus.clone()) {
            (Some(m), Some(p)) => {
                let (m, p) = strip_prefixes(m, p);
                (Some(m), Some(p))
            }
            (m, p) => (
                m.map(|m| strip_prefixes(m, None).0),
                p.map(|p| strip_prefixes(None, p).1),
            ),
        };
        let old_path = self
            .rename_from
            .clone()
            .or_else(|| self.copy_from.clone())
            .map(|p| normalise(&p))
            .or_else(|| minus.clone().flatten())
            .or_else(|| self.git_old.clone());
        let new_path = self
            .rename_to
            .clone()
            .or_else(|| self.copy_to.clone())
            .map(|p| normalise(&p))
            .or_else(|| plus.clone().flatten())
            .or_else(|| self.git_new.clone());
        let added = self.new_file || matches!(minus, Some(None));
        let deleted = self.deleted || matches!(plus, Some(None));
        let status = if added {
            FileStatus::Added
        } else if deleted {
            FileStatus::Deleted
        } else if self.rename_from.is_some() || self.rename_to.is_some() {
            FileStatus::Renamed
        } else if self.copy_from.is_some() || self.copy_to.is_some() {
            FileStatus::Copied
        } else if is_type_change(self.old_mode, self.new_mode) {
            FileStatus::TypeChanged
        } else {
            FileStatus::Modified
        };
        let (old_path, new_path) = match status {
            FileStatus::Added => (None, new_path.or(old_path)),
            FileStatus::Deleted => (old_path.or(new_path), None),
            _ => (old_path.clone().or(new_path.clone()), new_path.or(old_path)),
        };
        let mut file = FileChange::new(status, old_path, new_path);
        file.old_mode = self.old_mode.filter(|_| status != FileStatus::Added);
        file.new_mode = self.new_mode.filter(|_| status != FileStatus::Deleted);
        file.similarity = self.similarity;
        file.content = if file.is_submodule() {
            Content::Submodule
        } else if self.binary {
            Content::Binary
        } else if self.non_utf8 {
            Content::NonUtf8
        } else {
            Content::Text
        };
        file.hunks = self.hunks;
        file
    }
}

fn finish(
    files: &mut Vec<FileChange>,
    pending: Option<Pending>,
    lineno: usize,
) -> Result<(), PatchError> {
    let Some(mut pending) = pending else {
        return Ok(());
    };
    pending.non_utf8 = pending.non_utf8
        || pending
            .hunks
            .iter()
            .any(|h| h.lines.iter().any(|l| l.text().contains('\u{fffd}')));
    let start = pending.start_line;
    let file = pending.into_file();
    if file.path().is_empty() {
        return Err(err(
            start.min(lineno),
            "file header names no path (expected `diff --git a/PATH b/PATH` or `---`/`+++` lines)",
        ));
    }
    files.push(file);
    Ok(())
}

fn is_type_change(old: Option<u32>, new: Option<u32>) -> bool {
    match (old, new) {
        (Some(o), Some(n)) => o & 0o170000 != n & 0o170000,
        _ => false,
    }
}

/// The one-letter prefixes git writes: `a/`/`b/`, and with `diff.mnemonicPrefix` `i/` (index),
/// `w/` (work tree), `c/` (commit), `o/` (object), `1/`/`2/` (`--no-index`).
const GIT_PREFIXES: [&str; 8] = ["a", "b", "i", "w", "c", "o", "1", "2"];

/// Takes the diff's prefixes off a pair of paths, as `git apply -p1` and `patch -p1` would:
/// the first component goes when the two sides' first components differ (`a/x b/x`,
/// `old/x new/x` from `diff -ruN old new`) or is one of git's prefixes; then `./` and empty
/// components go and `..` is resolved, so `./deploy//app.yaml` is `deploy/app.yaml` and a tier
/// cannot be dodged by spelling.
fn strip_prefixes(old: Option<String>, new: Option<String>) -> (Option<String>, Option<String>) {
    let first = |p: &str| {
        let p = p.trim_start_matches("./");
        p.split_once('/').map(|(head, _)| head.to_owned())
    };
    let strip = |p: &str| {
        let p = p.trim_start_matches("./");
        p.split_once('/')
            .map_or(p.to_owned(), |(_, rest)| rest.to_owned())
    };
    let strip_both = match (
        old.as_deref().and_then(first),
        new.as_deref().and_then(first),
    ) {
        (Some(a), Some(b)) => a != b || GIT_PREFIXES.contains(&a.as_str()),
        (Some(one), None) | (None, Some(one)) => GIT_PREFIXES.contains(&one.as_str()),
        (None, None) => false,
    };
    let finish = |p: Option<String>| {
        p.map(|p| {
            let p = if strip_both { strip(&p) } else { p };
            normalise(&p)
        })
    };
    (finish(old), finish(new))
}

/// `./a//b/../c` → `a/c`; a leading `/` and `..` above the root are dropped.
fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn mode(text: &[u8], lineno: usize) -> Result<u32, PatchError> {
    std::str::from_utf8(text)
        .ok()
        .and_then(|s| u32::from_str_radix(s.trim(), 8).ok())
        .ok_or_else(|| {
            err(
                lineno,
                format!(
                    "expected an octal file mode, found `{}`",
                    String::from_utf8_lossy(text)
                ),
            )
        })
}

/// A path value in an extended header: quoted or taken verbatim.
fn path_value(text: &[u8], lineno: usize) -> Result<String, PatchError> {
    if text.first() == Some(&b'"') {
        let (bytes, _) = unquote_c_path(text).map_err(|e| err(lineno, e.to_string()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    } else {
        Ok(String::from_utf8_lossy(text).into_owned())
    }
}

/// A `---`/`+++` path: `/dev/null`, quoted, or verbatim up to a tab (timestamps follow it).
fn header_path(text: &[u8], lineno: usize) -> Result<Option<String>, PatchError> {
    let path = if text.first() == Some(&b'"') {
        path_value(text, lineno)?
    } else {
        let end = text.iter().position(|&b| b == b'\t').unwrap_or(text.len());
        String::from_utf8_lossy(&text[..end]).into_owned()
    };
    if path == "/dev/null" {
        return Ok(None);
    }
    if path.is_empty() {
        return Err(err(lineno, "expected a path after `---`/`+++`"));
    }
    Ok(Some(path))
}

/// Paths of `diff --git a/X b/Y`. Ambiguous when names hold spaces; later headers (`---`,
/// `rename from`) take precedence, so the split only matters for mode-only and binary changes.
fn git_header_paths(
    rest: &[u8],
    lineno: usize,
) -> Result<(Option<String>, Option<String>), PatchError> {
    let pair = |old: String, new: String| strip_prefixes(Some(old), Some(new));
    if rest.first() == Some(&b'"') {
        let (old, tail) = unquote_c_path(rest).map_err(|e| err(lineno, e.to_string()))?;
        let tail = tail.strip_prefix(b" ").unwrap_or(tail);
        let new = path_value(tail, lineno)?;
        return Ok(pair(String::from_utf8_lossy(&old).into_owned(), new));
    }
    if let Some(pos) = find(rest, b" \"") {
        let old = String::from_utf8_lossy(&rest[..pos]).into_owned();
        let new = path_value(&rest[pos + 1..], lineno)?;
        return Ok(pair(old, new));
    }
    // `a/X b/X`: the two halves are equal but for the prefix.
    let text = String::from_utf8_lossy(rest).into_owned();
    if text.len() % 2 == 1 {
        let half = text.len() / 2;
        if text.is_char_boundary(half) && text.is_char_boundary(half + 1) {
            let (left, right) = (&text[..half], &text[half + 1..]);
            if left.get(2..) == right.get(2..) {
                return Ok(pair(left.to_owned(), right.to_owned()));
            }
        }
    }
    match text.find(" b/") {
        Some(pos) => Ok(pair(text[..pos].to_owned(), text[pos + 1..].to_owned())),
        None => Ok((None, None)),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Parses `@@ -a,b +c,d @@` and its body starting at `lines[start]`; returns the hunk and the
/// index of the first line after it.
fn parse_hunk(lines: &[&[u8]], start: usize) -> Result<(Hunk, usize), PatchError> {
    let lineno = start + 1;
    let header = strip_cr(lines[start]);
    let (old_start, old_len, new_start, new_len) = parse_hunk_header(header).ok_or_else(|| {
        err(
            lineno,
            format!(
                "expected a hunk header `@@ -START[,COUNT] +START[,COUNT] @@`, found `{}`",
                String::from_utf8_lossy(header)
            ),
        )
    })?;
    let (mut old_left, mut new_left) = (old_len, new_len);
    let mut body = Vec::new();
    let mut i = start + 1;
    while old_left > 0 || new_left > 0 {
        let Some(&raw) = lines.get(i) else {
            return Err(err(
                i,
                format!(
                    "unexpected end of patch: the hunk at line {lineno} still expects {old_left} old and {new_left} new lines"
                ),
            ));
        };
        let (kind, text) = match raw.first() {
            Some(b' ') => (LineKind::Context, &raw[1..]),
            Some(b'+') => (LineKind::Added, &raw[1..]),
            Some(b'-') => (LineKind::Removed, &raw[1..]),
            Some(b'\\') => {
                mark_no_newline(&mut body);
                i += 1;
                continue;
            }
            // Editors strip the lone space of an empty context line; accept it as one.
            None => (LineKind::Context, &raw[..0]),
            Some(_) if raw == b"\r" => (LineKind::Context, &raw[..0]),
            Some(_) => {
                return Err(err(
                    i + 1,
                    format!(
                        "expected a hunk line starting with ' ', '+', '-' or '\\' (the hunk at line {lineno} still expects {old_left} old and {new_left} new lines), found `{}`",
                        truncate(&String::from_utf8_lossy(raw), 60)
                    ),
                ))
            }
        };
        let (takes_old, takes_new) = match kind {
            LineKind::Context => (true, true),
            LineKind::Added => (false, true),
            LineKind::Removed => (true, false),
        };
        if (takes_old && old_left == 0) || (takes_new && new_left == 0) {
            return Err(err(
                i + 1,
                format!("more lines than the hunk header at line {lineno} declares (-{old_start},{old_len} +{new_start},{new_len})"),
            ));
        }
        old_left -= u32::from(takes_old);
        new_left -= u32::from(takes_new);
        body.push(HunkLine::owned(kind, String::from_utf8_lossy(text), false));
        i += 1;
    }
    if lines.get(i).is_some_and(|l| l.first() == Some(&b'\\')) {
        mark_no_newline(&mut body);
        i += 1;
    }
    Ok((
        Hunk {
            old_start,
            old_len,
            new_start,
            new_len,
            lines: body,
        },
        i,
    ))
}

fn mark_no_newline(body: &mut [HunkLine]) {
    if let Some(last) = body.last_mut() {
        last.no_newline = true;
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((pos, _)) => format!("{}…", &text[..pos]),
        None => text.to_owned(),
    }
}

fn parse_hunk_header(line: &[u8]) -> Option<(u32, u32, u32, u32)> {
    let text = std::str::from_utf8(line).ok()?;
    let rest = text.strip_prefix("@@ -")?;
    let end = rest.find(" @@")?;
    let (old, new) = rest[..end].split_once(" +")?;
    let range = |r: &str| -> Option<(u32, u32)> {
        match r.split_once(',') {
            Some((s, l)) => Some((s.parse().ok()?, l.parse().ok()?)),
            None => Some((r.parse().ok()?, 1)),
        }
    };
    let (os, ol) = range(old)?;
    let (ns, nl) = range(new)?;
    Some((os, ol, ns, nl))
}

#[cfg(test)]
mod tests;
