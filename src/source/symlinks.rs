//! Symlinks inside the repository, so that a change cannot reach a tier-1 file through the path
//! it links to. Read from the trees of the base and head commits (never the file system), and
//! only links that resolve inside the repository count.

use super::blobs::Blob;
use super::git::Git;
use super::SourceError;
use crate::model::changeset::FileChange;
use std::collections::BTreeMap;

/// Link path → the repository path it resolves to, over every given commit.
pub fn links_at(git: &Git, commits: &[&str]) -> Result<BTreeMap<String, String>, SourceError> {
    let mut entries: Vec<(String, String)> = Vec::new();
    for commit in commits {
        let listing = git.run(&["ls-tree", "-r", "-z", "--full-tree", commit])?;
        for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
            let record = String::from_utf8_lossy(record);
            let Some((meta, path)) = record.split_once('\t') else {
                continue;
            };
            let mut fields = meta.split(' ');
            if fields.next() != Some("120000") {
                continue;
            }
            if let Some(blob) = fields.nth(1) {
                entries.push((path.to_owned(), blob.to_owned()));
            }
        }
    }
    if entries.is_empty() {
        return Ok(BTreeMap::new());
    }
    let requests: Vec<String> = entries.iter().map(|(_, blob)| blob.clone()).collect();
    let blobs = git.read_blobs(&requests, 4096)?;
    let mut out = BTreeMap::new();
    for (link, blob) in entries {
        let Some(Blob::Bytes(target)) = blobs.get(&blob) else {
            continue;
        };
        let target = String::from_utf8_lossy(target);
        if let Some(resolved) = resolve(&link, target.trim_end_matches('\n')) {
            out.insert(link, resolved);
        }
    }
    Ok(out)
}

/// The repository path `target` names from the link at `link`, if it stays inside.
fn resolve(link: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Gives each changed file the link paths that lead to it (directly, or through a linked
/// directory), one level deep.
pub fn attach_aliases(files: &mut [FileChange], links: &BTreeMap<String, String>) {
    if links.is_empty() {
        return;
    }
    for file in files {
        let mut aliases = Vec::new();
        for path in file.paths() {
            for (link, target) in links {
                if path == target {
                    aliases.push(link.clone());
                } else if let Some(rest) = path
                    .strip_prefix(target.as_str())
                    .and_then(|r| r.strip_prefix('/'))
                {
                    aliases.push(format!("{link}/{rest}"));
                }
            }
        }
        aliases.sort();
        aliases.dedup();
        file.aliases = aliases;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_inside_the_repository_only() {
        assert_eq!(
            resolve("deploy/app.yaml", "../shared/app.yaml").as_deref(),
            Some("shared/app.yaml")
        );
        assert_eq!(
            resolve("deploy/conf", "./x/./y").as_deref(),
            Some("deploy/x/y")
        );
        assert_eq!(resolve("a.yaml", "../../etc/passwd"), None);
        assert_eq!(resolve("a.yaml", "/etc/passwd"), None);
    }
}
