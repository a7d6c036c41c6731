//! The floor a check is measured against (`benches/vs-floor.sh`): the least work that finds the
//! same added-line matches — `git diff`, both sides of each changed `.rs` file read through one
//! `git cat-file --batch`, both parsed with tree-sitter, one combined query on the new side,
//! matches kept on added lines. Nothing else: no policy, items, config diff, fan-in or report.
//!
//! `cargo run --release --example floor -- REPO BASE HEAD QUERY.scm` prints
//! `files N matches M`.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use tree_sitter::StreamingIterator;

struct File {
    old_blob: Option<String>,
    new_blob: Option<String>,
    added: Vec<u32>,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [repo, base, head, query_file] = args.as_slice() else {
        anyhow::bail!("usage: floor REPO BASE HEAD QUERY.scm");
    };
    let diff = Command::new("git")
        .args([
            "-C",
            repo,
            "diff",
            "-U0",
            "--full-index",
            "--no-color",
            "--no-ext-diff",
        ])
        .args(["--no-renames", base, head, "--", "*.rs"])
        .output()?;
    let files = parse_diff(&String::from_utf8_lossy(&diff.stdout));
    let blobs: Vec<&String> = files
        .values()
        .flat_map(|f| f.old_blob.iter().chain(f.new_blob.iter()))
        .collect();
    let texts = cat_file(repo, &blobs)?;
    let language: tree_sitter::Language = tree_sitter_rust::LANGUAGE.into();
    let query = tree_sitter::Query::new(&language, &std::fs::read_to_string(query_file)?)?;
    let at = query.capture_index_for_name("match").unwrap_or(0);
    let matches: usize = files
        .par_iter()
        .map(|(_, file)| {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&language).ok();
            if let Some(old) = file.old_blob.as_ref().and_then(|b| texts.get(b)) {
                let _ = parser.parse(old, None);
            }
            let Some(new) = file.new_blob.as_ref().and_then(|b| texts.get(b)) else {
                return 0;
            };
            let Some(tree) = parser.parse(new, None) else {
                return 0;
            };
            let mut cursor = tree_sitter::QueryCursor::new();
            let mut found = 0;
            let mut it = cursor.matches(&query, tree.root_node(), new.as_bytes());
            while let Some(m) = it.next() {
                let node = m.captures.iter().find(|c| c.index == at).map(|c| c.node);
                let line = node.map_or(0, |n| n.start_position().row as u32 + 1);
                if file.added.binary_search(&line).is_ok() {
                    found += 1;
                }
            }
            found
        })
        .sum();
    println!("files {} matches {matches}", files.len());
    Ok(())
}

/// Per path: blob ids (`index OLD..NEW`) and added new-side lines (`@@ … +START,COUNT @@`).
fn parse_diff(text: &str) -> BTreeMap<String, File> {
    let mut files = BTreeMap::new();
    let mut current: Option<(String, File)> = None;
    let null = |id: &str| id.bytes().all(|b| b == b'0');
    for line in text.lines() {
        if line.starts_with("diff --git ") {
            if let Some((path, file)) = current.take() {
                files.insert(path, file);
            }
            let path = line.rsplit(" b/").next().unwrap_or_default().to_owned();
            current = Some((
                path,
                File {
                    old_blob: None,
                    new_blob: None,
                    added: Vec::new(),
                },
            ));
        } else if let (Some(ids), Some((_, file))) = (line.strip_prefix("index "), current.as_mut())
        {
            let ids = ids.split(' ').next().unwrap_or_default();
            if let Some((old, new)) = ids.split_once("..") {
                file.old_blob = (!null(old)).then(|| old.to_owned());
                file.new_blob = (!null(new)).then(|| new.to_owned());
            }
        } else if let (Some(hunk), Some((_, file))) = (line.strip_prefix("@@ "), current.as_mut()) {
            let new = hunk
                .split(' ')
                .nth(1)
                .unwrap_or_default()
                .trim_start_matches('+');
            let (start, count) = new.split_once(',').unwrap_or((new, "1"));
            let (start, count): (u32, u32) =
                (start.parse().unwrap_or(0), count.parse().unwrap_or(0));
            file.added.extend(start..start + count);
        }
    }
    if let Some((path, file)) = current {
        files.insert(path, file);
    }
    files
}

/// Every blob through one `git cat-file --batch`.
fn cat_file(repo: &str, blobs: &[&String]) -> anyhow::Result<BTreeMap<String, String>> {
    let mut child = Command::new("git")
        .args(["-C", repo, "cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().expect("piped");
    let input: String = blobs.iter().map(|b| format!("{b}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().expect("piped"));
    let mut out = BTreeMap::new();
    for blob in blobs {
        let mut header = String::new();
        reader.read_line(&mut header)?;
        let size: usize = header
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or("0")
            .parse()
            .unwrap_or(0);
        let mut bytes = vec![0; size + 1];
        reader.read_exact(&mut bytes)?;
        bytes.pop();
        out.insert(
            (*blob).clone(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    }
    writer.join().expect("writer")?;
    child.wait()?;
    Ok(out)
}
