//! Reads many objects through ONE `git cat-file --batch` process, kept for the run: one process
//! per file (or per read) would cost milliseconds each and dominate small and large diffs.

use super::SourceError;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// What the object database returned for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blob {
    Bytes(Vec<u8>),
    /// Present but larger than the limit; the size, and the bytes when they are within
    /// `SCAN_CAP` (read for text and secret rules only, never parsed).
    TooLarge(u64, Option<Vec<u8>>),
    /// Not in the repository (a shallow clone, a submodule commit).
    Missing,
}

/// Files larger than the analysis limit are still read up to this size, so that text and
/// secret rules see them: padding a file past the limit must not hide what it adds.
pub const SCAN_CAP: u64 = 32 * 1024 * 1024;

/// All oversized files of one read together are scanned up to this many bytes (a change of a
/// hundred 30 MiB files must not take gigabytes); past it they are classified by path only.
pub const SCAN_TOTAL: u64 = 256 * 1024 * 1024;

/// One `git cat-file --batch` process kept for the whole run: a check reads objects a dozen
/// times (policy, rules, CODEOWNERS, templates, both sides, fan-in), and a process start costs
/// more than a small change's reads. A failed batch drops the process; the next one starts anew.
#[derive(Debug, Default)]
pub struct BlobSession {
    process: Option<CatFile>,
}

#[derive(Debug)]
struct CatFile {
    child: Child,
    stdin: ChildStdin,
    reader: BufReader<ChildStdout>,
}

impl Drop for CatFile {
    fn drop(&mut self) {
        // Closing stdin ends `git cat-file`; a process stuck mid-batch is killed.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn failed(detail: String) -> SourceError {
    SourceError::GitOutput {
        command: "cat-file --batch".into(),
        detail,
    }
}

impl BlobSession {
    /// Reads every requested object (`<sha>` or `<rev>:<path>`), returning them by request.
    pub fn read(
        &mut self,
        repo: &std::path::Path,
        requests: &[String],
        max_bytes: u64,
    ) -> Result<BTreeMap<String, Blob>, SourceError> {
        let mut unique: Vec<&String> = requests.iter().collect();
        unique.sort();
        unique.dedup();
        if unique.is_empty() {
            return Ok(BTreeMap::new());
        }
        if self.process.is_none() {
            self.process = Some(CatFile::start(repo)?);
        }
        let process = self
            .process
            .as_mut()
            .ok_or_else(|| failed("no process".into()))?;
        let answers = process.batch(&unique, max_bytes);
        if answers.is_err() {
            self.process = None;
        }
        answers
    }
}

impl CatFile {
    fn start(repo: &std::path::Path) -> Result<CatFile, SourceError> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(SourceError::GitMissing)?;
        let stdin = child
            .stdin
            .take()
            .ok_or_else(|| failed("no stdin".into()))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| failed("no stdout".into()))?;
        Ok(CatFile {
            child,
            stdin,
            reader: BufReader::new(stdout),
        })
    }

    fn batch(
        &mut self,
        unique: &[&String],
        max_bytes: u64,
    ) -> Result<BTreeMap<String, Blob>, SourceError> {
        let input: String = unique.iter().map(|r| format!("{r}\n")).collect();
        let (stdin, reader) = (&mut self.stdin, &mut self.reader);
        // Write from a thread: git answers while we write, and both pipes could fill up.
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || {
                stdin
                    .write_all(input.as_bytes())
                    .and_then(|()| stdin.flush())
            });
            let answers = read_answers(reader, unique, max_bytes);
            let written = writer
                .join()
                .map_err(|_| failed("writer thread panicked".into()))?
                .map_err(|e| failed(e.to_string()));
            let answers = answers?;
            written?;
            Ok(answers)
        })
    }
}

/// The answers to `unique`, in order, as `git cat-file --batch` prints them.
fn read_answers(
    reader: &mut BufReader<ChildStdout>,
    unique: &[&String],
    max_bytes: u64,
) -> Result<BTreeMap<String, Blob>, SourceError> {
    let mut result = BTreeMap::new();
    let mut header = Vec::new();
    let mut scanned = 0u64;
    for request in unique {
        header.clear();
        reader
            .read_until(b'\n', &mut header)
            .map_err(|e| failed(e.to_string()))?;
        if header.is_empty() {
            return Err(failed("git cat-file ended early".into()));
        }
        let line = String::from_utf8_lossy(&header);
        let line = line.trim_end_matches('\n');
        if line.ends_with(" missing") || line.ends_with(" ambiguous") {
            result.insert((*request).clone(), Blob::Missing);
            continue;
        }
        let size: u64 = line
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| failed(format!("unexpected header {line:?}")))?;
        let blob = if size > max_bytes && (size > SCAN_CAP || scanned + size > SCAN_TOTAL) {
            std::io::copy(&mut (&mut *reader).take(size), &mut std::io::sink())
                .map_err(|e| failed(e.to_string()))?;
            Blob::TooLarge(size, None)
        } else if size > max_bytes {
            scanned += size;
            let mut bytes = Vec::new();
            (&mut *reader)
                .take(size)
                .read_to_end(&mut bytes)
                .map_err(|e| failed(e.to_string()))?;
            Blob::TooLarge(size, Some(bytes))
        } else {
            let mut bytes =
                vec![0; usize::try_from(size).map_err(|_| failed("object too large".into()))?];
            reader
                .read_exact(&mut bytes)
                .map_err(|e| failed(e.to_string()))?;
            Blob::Bytes(bytes)
        };
        let mut newline = [0u8; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|e| failed(e.to_string()))?;
        result.insert((*request).clone(), blob);
    }
    Ok(result)
}

/// Blobs handed out to the files that need them: each is moved out on its last use (cloned only
/// when two files share it), so the contents of a change are held once, not once in the map and
/// again in its files.
pub struct BlobPool {
    blobs: std::sync::Mutex<BTreeMap<String, (Blob, usize)>>,
}

impl BlobPool {
    /// `uses`: every request for a blob, once per time it will be taken.
    pub fn new<'a>(blobs: BTreeMap<String, Blob>, uses: impl IntoIterator<Item = &'a str>) -> Self {
        let mut counted: BTreeMap<String, (Blob, usize)> = blobs
            .into_iter()
            .map(|(id, blob)| (id, (blob, 0)))
            .collect();
        for id in uses {
            if let Some(entry) = counted.get_mut(id) {
                entry.1 += 1;
            }
        }
        BlobPool {
            blobs: std::sync::Mutex::new(counted),
        }
    }

    /// The blob `id`: moved out on its last use, a copy before that.
    pub fn take(&self, id: &str) -> Option<Blob> {
        let mut blobs = self
            .blobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = blobs.get_mut(id)?;
        if entry.1 > 1 {
            entry.1 -= 1;
            return Some(entry.0.clone());
        }
        blobs.remove(id).map(|(blob, _)| blob)
    }
}

#[cfg(test)]
mod pool_tests {
    use super::*;

    #[test]
    fn a_shared_blob_is_copied_until_its_last_use_then_moved_out() {
        let blobs: BTreeMap<String, Blob> = [
            ("a".to_owned(), Blob::Bytes(b"one".to_vec())),
            ("b".to_owned(), Blob::Bytes(b"two".to_vec())),
        ]
        .into_iter()
        .collect();
        let pool = BlobPool::new(blobs, ["a", "a", "b"]);
        assert_eq!(pool.take("a"), Some(Blob::Bytes(b"one".to_vec())));
        assert_eq!(pool.take("a"), Some(Blob::Bytes(b"one".to_vec())));
        assert_eq!(pool.take("a"), None, "moved out on its last use");
        assert_eq!(pool.take("b"), Some(Blob::Bytes(b"two".to_vec())));
        assert_eq!(pool.take("unknown"), None);
    }
}
