//! Terraform blocks that moved, not went: a Terraform module is a directory, so a `resource`,
//! `data` or `module` block moved from `main.tf` to `endpoints.tf` of the same directory keeps its
//! address and is not destroyed; one renamed with an added `moved { from = … to = … }` block is
//! not destroyed either. Per file, both look like "every key removed" on one side and "every key
//! added" on the other. This pass pairs them across the change's files so rules see what really
//! changed: the moved block's keys compared with their old values, nothing removed.

use super::{ConfigChangeView, FileAnalysis, FileSyntax};
use crate::analysis::syntax::config::{ConfigChange, Entry};
use crate::analysis::syntax::Language;
use std::collections::{BTreeMap, BTreeSet};

/// Rewrites the config changes of HCL files whose blocks moved within their directory.
/// `changes[i]` is the file `files[i]` and `syntax[i]` describe.
pub fn terraform_moves(
    changes: &[crate::model::changeset::FileChange],
    files: &mut [FileAnalysis],
    syntax: &mut [FileSyntax],
) {
    let mut dirs: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in syntax.iter().enumerate() {
        if s.language == Some(Language::Hcl) && !s.config_changes.is_empty() {
            dirs.entry(directory(&files[i].path)).or_default().push(i);
        }
    }
    for members in dirs.values() {
        let renames = moved_blocks(members, syntax);
        let removed = addresses(members, syntax, |c| c.after.is_none());
        let added = addresses(members, syntax, |c| c.before.is_none());
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut still_declared: Vec<String> = Vec::new();
        for from in &removed {
            let to = renames.get(from).cloned().unwrap_or_else(|| from.clone());
            if added.contains(&to) {
                // Removed from one file and added in another (or renamed by a `moved` block).
                if to != *from || !same_file_only(members, syntax, from) {
                    pairs.push((from.clone(), to));
                }
            } else if members
                .iter()
                .any(|&i| declares(changes[i].new_text.as_deref(), &to))
            {
                // Still declared, unchanged, in a file of the module: the removal is a copy's
                // phantom (git paired a new file with an old one) or a rename's old side.
                still_declared.push(from.clone());
            }
        }
        for (from, to) in pairs {
            merge(members, syntax, &from, &to);
        }
        for address in still_declared {
            for &i in members {
                syntax[i]
                    .config_changes
                    .retain(|c| !(c.after.is_none() && under(&c.path, &address)));
            }
        }
        for &i in members {
            files[i].config_changes = syntax[i]
                .config_changes
                .iter()
                .map(ConfigChangeView::from)
                .collect();
        }
    }
}

/// `path` is `root` or a key inside it.
fn under(path: &str, root: &str) -> bool {
    path == root
        || path
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// Whether `text` declares the block at `address` (`resource "T" "N"`, `data "T" "N"`,
/// `module "N"`), quoted or not.
fn declares(text: Option<&str>, address: &str) -> bool {
    let Some(text) = text else { return false };
    let parts: Vec<&str> = address.split('.').collect();
    let label = |l: &str| format!(r#"(?:"{0}"|{0})"#, regex::escape(l));
    let pattern = match parts.as_slice() {
        [kind @ ("resource" | "data"), t, n] => {
            format!(r"(?m)^\s*{kind}\s+{}\s+{}\s*\{{", label(t), label(n))
        }
        ["module", n] => format!(r"(?m)^\s*module\s+{}\s*\{{", label(n)),
        _ => return false,
    };
    regex::Regex::new(&pattern).is_ok_and(|re| re.is_match(text))
}

fn directory(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_owned())
}

/// Block addresses (`resource.T.N`, `data.T.N`, `module.N`) with a top-level change passing
/// `keep`.
fn addresses(
    members: &[usize],
    syntax: &[FileSyntax],
    keep: impl Fn(&ConfigChange) -> bool,
) -> BTreeSet<String> {
    members
        .iter()
        .flat_map(|&i| syntax[i].config_changes.iter())
        .filter(|c| keep(c) && is_address(&c.path))
        .map(|c| c.path.clone())
        .collect()
}

fn is_address(path: &str) -> bool {
    let parts: Vec<&str> = path.split('.').collect();
    matches!(
        (parts.first().copied(), parts.len()),
        (Some("resource" | "data"), 3) | (Some("module"), 2)
    )
}

/// `moved { from = a.b  to = c.d }` blocks the change adds: old address → new address.
fn moved_blocks(members: &[usize], syntax: &[FileSyntax]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for &i in members {
        let added: BTreeMap<&str, &str> = syntax[i]
            .config_changes
            .iter()
            .filter(|c| c.before.is_none() && c.path.starts_with("moved"))
            .filter_map(|c| Some((c.path.as_str(), c.after.as_ref()?.text.as_deref()?)))
            .collect();
        for (path, from) in &added {
            let Some(block) = path.strip_suffix(".from") else {
                continue;
            };
            if let Some(to) = added.get(format!("{block}.to").as_str()) {
                out.insert(address_of(from), address_of(to));
            }
        }
    }
    out
}

/// A reference as written in a `moved` block (`aws_s3_bucket.logs`, `module.vpc`,
/// `data.aws_ami.x`) as a config key path.
fn address_of(reference: &str) -> String {
    let reference = reference.trim();
    if reference.starts_with("module.") || reference.starts_with("data.") {
        reference.to_owned()
    } else {
        format!("resource.{reference}")
    }
}

/// Whether `address` is removed and added in the same file only (that is a change in place,
/// which the per-file diff already describes).
fn same_file_only(members: &[usize], syntax: &[FileSyntax], address: &str) -> bool {
    members.iter().any(|&i| {
        let changes = &syntax[i].config_changes;
        changes
            .iter()
            .any(|c| c.path == address && c.after.is_none())
            && changes
                .iter()
                .any(|c| c.path == address && c.before.is_none())
    })
}

/// Folds the removal of `from` (and its keys) into the addition of `to`: keys with the same value
/// on both sides disappear, changed ones become before → after, keys only on one side stay.
fn merge(members: &[usize], syntax: &mut [FileSyntax], from: &str, to: &str) {
    let mut old: BTreeMap<String, Entry> = BTreeMap::new();
    for &i in members {
        syntax[i].config_changes.retain(|c| {
            if c.after.is_none() && under(&c.path, from) {
                if let Some(before) = &c.before {
                    old.insert(c.path[from.len()..].to_owned(), before.clone());
                }
                false
            } else {
                true
            }
        });
    }
    let mut matched = BTreeSet::new();
    for &i in members {
        syntax[i].config_changes.retain_mut(|c| {
            if c.before.is_some() || !under(&c.path, to) {
                return true;
            }
            let suffix = c.path[to.len()..].to_owned();
            let Some(before) = old.get(&suffix) else {
                return true;
            };
            matched.insert(suffix);
            let same = before.text == c.after.as_ref().and_then(|a| a.text.clone())
                && Some(before.kind) == c.after.as_ref().map(|a| a.kind);
            if same {
                false
            } else {
                c.before = Some(before.clone());
                true
            }
        });
    }
    // Keys the moved block lost are still removals, reported in the file that has the block now.
    if let Some(&home) = members
        .iter()
        .find(|&&i| syntax[i].config_changes.iter().any(|c| under(&c.path, to)))
    {
        for (suffix, before) in old {
            if !matched.contains(&suffix) && !suffix.is_empty() {
                syntax[home].config_changes.push(ConfigChange {
                    path: format!("{to}{suffix}"),
                    before: Some(before),
                    after: None,
                });
            }
        }
        syntax[home]
            .config_changes
            .sort_by(|a, b| a.path.cmp(&b.path));
    }
}
