//! The `ChangeSet`: everything changegate knows about one change, whatever source it came from.
//!
//! Sources (`crate::source`) build it; analysis and checks only read it. Paths are repo-relative
//! with `/` separators; files are kept sorted by display path so that every later stage is
//! deterministic without sorting again.

mod meta;

pub use meta::{parse_trailers, ChangeMeta, Commit, Platform, Review, ReviewState};

/// A commit id cut to the 12 characters reports show (the whole text if shorter).
pub fn short_sha(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

use serde::Serialize;
use std::sync::Arc;

/// Git's mode for a submodule entry ("gitlink").
pub const SUBMODULE_MODE: u32 = 0o160000;

/// One change: two revisions, the files between them, and what is known about who made it.
#[derive(Debug, Clone, Default)]
pub struct ChangeSet {
    /// The revision the change is compared against, when known.
    pub base: Option<Rev>,
    /// The revision (or working tree / index) holding the change.
    pub head: Option<Rev>,
    /// Changed files, sorted by display path.
    pub files: Vec<FileChange>,
    /// Title, description, commits, reviews.
    pub meta: ChangeMeta,
    /// What the source wants the reader to know (which base was picked, what was left out).
    pub notes: Vec<String>,
    /// Set when the source could not list every file (an API cap): the gate fails closed.
    pub incomplete: Option<String>,
}

impl ChangeSet {
    /// Sorts files by display path (then old path) so output never depends on input order.
    pub fn sort_files(&mut self) {
        self.files.sort_by(|a, b| {
            (a.path(), a.old_path.as_deref()).cmp(&(b.path(), b.old_path.as_deref()))
        });
    }
}

/// A revision as the user named it and as it resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Rev {
    /// What the revision was called: `origin/main`, `HEAD`, `working tree`, `index`.
    pub name: String,
    /// The commit it resolved to; absent for the working tree and the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha: Option<String>,
}

/// How a file changed, as git names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Added,
    Modified,
    Deleted,
    Renamed,
    Copied,
    TypeChanged,
}

impl FileStatus {
    /// Lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Added => "added",
            FileStatus::Modified => "modified",
            FileStatus::Deleted => "deleted",
            FileStatus::Renamed => "renamed",
            FileStatus::Copied => "copied",
            FileStatus::TypeChanged => "type_changed",
        }
    }
}

/// What we could learn about a file's bytes. Anything but `Text` limits analysis, and the
/// verdict says so: files are never dropped silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Content {
    /// UTF-8 text on every side that exists.
    Text,
    /// Contains NUL bytes (git's heuristic) or the patch said `Binary files … differ`.
    Binary,
    /// Text that is not valid UTF-8; hunks are computed on a lossy decoding.
    NonUtf8,
    /// Larger than the configured limit: classified by path, not parsed.
    TooLarge,
    /// A submodule pointer (gitlink): only the commit id changed.
    Submodule,
    /// Bytes not available (a patch without the full files, a missing blob).
    Unknown,
}

impl Content {
    /// Why a file with this content cannot be fully analysed, if it cannot.
    pub fn limitation(self) -> Option<&'static str> {
        match self {
            Content::Text => None,
            Content::Unknown => Some("content not available (a missing blob, or a file the API gives no patch for): classified by path only"),
            Content::Binary => Some("binary file: not parsed; its new lines still meet text and secret rules"),
            Content::NonUtf8 => Some("not valid UTF-8: lines compared, syntax not analysed"),
            Content::TooLarge => Some("too large to parse (`--max-file-size`): its new lines still meet text and secret rules, up to 32 MiB"),
            Content::Submodule => {
                Some("submodule pointer: the submodule's own changes are not analysed")
            }
        }
    }
}

/// One changed file.
#[derive(Debug, Clone)]
pub struct FileChange {
    /// Path before the change; `None` for an added file.
    pub old_path: Option<String>,
    /// Path after the change; `None` for a deleted file.
    pub new_path: Option<String>,
    pub status: FileStatus,
    /// Similarity percentage for renames and copies.
    pub similarity: Option<u8>,
    pub old_mode: Option<u32>,
    pub new_mode: Option<u32>,
    pub content: Content,
    /// Changed regions, in order.
    pub hunks: Vec<Hunk>,
    /// Full text before the change, when known and text (or read lossily: see `lossy`).
    pub old_text: Option<Arc<str>>,
    /// Full text after the change, when known and text.
    pub new_text: Option<Arc<str>>,
    /// Git object ids of the two sides, when read from a repository: an audit parses a blob
    /// once, though it is the new side of one commit and the old side of the next.
    pub old_blob: Option<String>,
    pub new_blob: Option<String>,
    /// The texts were decoded lossily from bytes that are not clean UTF-8 text (invalid bytes
    /// became U+FFFD): analysed in full, and reported as such.
    pub lossy: bool,
    /// For a binary or oversized file that is not analysed: its new-side lines (lossy) that the
    /// old side does not have, with their numbers, so that text and secret rules still see them.
    pub scan_lines: Vec<(u32, String)>,
    /// Other paths the file is reached at: symlinks in the repository (at the base or the head)
    /// that lead to it. Tiers judge these too, and the strictest wins.
    pub aliases: Vec<String>,
    /// For a Rust file: the parent module file that declares it (or an ancestor module) only
    /// for tests (`#[cfg(test)] mod x;`), so the whole file is test code.
    pub test_module_of: Option<String>,
}

impl FileChange {
    /// An empty change record; sources fill in what they know.
    pub fn new(status: FileStatus, old_path: Option<String>, new_path: Option<String>) -> Self {
        FileChange {
            old_path,
            new_path,
            status,
            similarity: None,
            old_mode: None,
            new_mode: None,
            content: Content::Unknown,
            hunks: Vec::new(),
            old_text: None,
            new_text: None,
            old_blob: None,
            new_blob: None,
            lossy: false,
            scan_lines: Vec::new(),
            aliases: Vec::new(),
            test_module_of: None,
        }
    }

    /// The path reports use: the new path, or the old one for a deletion.
    pub fn path(&self) -> &str {
        self.new_path
            .as_deref()
            .or(self.old_path.as_deref())
            .unwrap_or("")
    }

    /// Every path the file had: a rename is judged by both its old and new location.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let old = self.old_path.as_deref();
        let new = self.new_path.as_deref().filter(|n| Some(*n) != old);
        old.into_iter().chain(new)
    }

    /// Whether the file is or was a submodule.
    pub fn is_submodule(&self) -> bool {
        self.old_mode == Some(SUBMODULE_MODE) || self.new_mode == Some(SUBMODULE_MODE)
    }

    /// Line numbers (1-based, new side) of added lines.
    pub fn added_lines(&self) -> impl Iterator<Item = u32> + '_ {
        self.hunks.iter().flat_map(Hunk::added_lines)
    }

    /// Number of added and removed lines.
    pub fn line_counts(&self) -> (usize, usize) {
        self.hunks.iter().fold((0, 0), |(a, r), h| {
            let (ha, hr) = h.counts();
            (a + ha, r + hr)
        })
    }
}

/// Whether a hunk line is context, added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Context,
    Added,
    Removed,
}

/// One line of a hunk, without its line terminator.
#[derive(Clone)]
pub struct HunkLine {
    pub kind: LineKind,
    text: LineText,
    /// The line has no terminating newline (`\ No newline at end of file`).
    pub no_newline: bool,
}

/// Where a hunk line's text lives: in the file's text when both sides are known (a large
/// change's lines would otherwise be held twice: as the file and as a string per line), or in
/// its own string (from a patch, or a lossy reading).
#[derive(Clone)]
enum LineText {
    Owned(Box<str>),
    /// Bytes `start..end` of a file's text.
    Shared(Arc<str>, u32, u32),
}

impl HunkLine {
    /// A line with its own copy of `text`.
    pub fn owned(kind: LineKind, text: impl Into<Box<str>>, no_newline: bool) -> HunkLine {
        HunkLine {
            kind,
            text: LineText::Owned(text.into()),
            no_newline,
        }
    }

    /// A line that is bytes `range` of `source` (copied when the range is not on character
    /// boundaries or past 4 GiB, which a well-formed line never is).
    pub fn shared(
        kind: LineKind,
        source: &Arc<str>,
        range: std::ops::Range<usize>,
        no_newline: bool,
    ) -> HunkLine {
        let text = match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if source.get(range.clone()).is_some() => {
                LineText::Shared(Arc::clone(source), start, end)
            }
            _ => LineText::Owned(
                String::from_utf8_lossy(source.as_bytes().get(range).unwrap_or_default()).into(),
            ),
        };
        HunkLine {
            kind,
            text,
            no_newline,
        }
    }

    /// The line's text, without its terminator.
    pub fn text(&self) -> &str {
        match &self.text {
            LineText::Owned(text) => text,
            LineText::Shared(source, start, end) => &source[*start as usize..*end as usize],
        }
    }
}

impl PartialEq for HunkLine {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.no_newline == other.no_newline
            && self.text() == other.text()
    }
}

impl Eq for HunkLine {}

/// The line as it reads, not the whole file text a shared line points into.
impl std::fmt::Debug for HunkLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HunkLine")
            .field("kind", &self.kind)
            .field("text", &self.text())
            .field("no_newline", &self.no_newline)
            .finish()
    }
}

/// A changed region: `@@ -old_start,old_len +new_start,new_len @@`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    pub old_start: u32,
    pub old_len: u32,
    pub new_start: u32,
    pub new_len: u32,
    pub lines: Vec<HunkLine>,
}

impl Hunk {
    /// New-side line numbers of the added lines.
    pub fn added_lines(&self) -> impl Iterator<Item = u32> + '_ {
        self.numbered()
            .filter(|(l, _, _)| l.kind == LineKind::Added)
            .map(|(_, _, new)| new)
    }

    /// (added, removed) line counts.
    pub fn counts(&self) -> (usize, usize) {
        self.lines.iter().fold((0, 0), |(a, r), l| match l.kind {
            LineKind::Added => (a + 1, r),
            LineKind::Removed => (a, r + 1),
            LineKind::Context => (a, r),
        })
    }

    /// Each line with its old and new line number (the number the line has, or would have next).
    pub fn numbered(&self) -> impl Iterator<Item = (&HunkLine, u32, u32)> + '_ {
        let (mut old, mut new) = (self.old_start, self.new_start);
        self.lines.iter().map(move |line| {
            let here = (line, old, new);
            match line.kind {
                LineKind::Context => {
                    old += 1;
                    new += 1;
                }
                LineKind::Added => new += 1,
                LineKind::Removed => old += 1,
            }
            here
        })
    }
}
