//! The fuzz targets' entry points (src/fuzzing.rs, fuzzed by fuzz/) run briefly in `cargo test`:
//! over the same seeds fuzz/make-seeds.sh gives them (real files of the corpus, the built-in
//! policy and rules, the corpus commits' diffs), each also in a few deterministic mutations
//! (byte flips, cuts, repeats, hostile insertions). A crash fuzzing finds becomes a named test
//! here (ten minutes per target on 2026-12-01 found none).

use changegate::analysis::syntax::Language;
use changegate::fuzzing;
use std::path::{Path, PathBuf};

const MAX_SEED: u64 = 16 * 1024;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Corpus files whose name ends with one of `suffixes`, sorted, small ones only.
fn corpus_files(suffixes: &[&str]) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    let mut stack = vec![root().join("tests/corpus")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if suffixes.iter().any(|s| path.to_string_lossy().ends_with(s))
                && path.metadata().unwrap().len() <= MAX_SEED
                && path.file_name().unwrap() != "manifest.json"
            {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(
        !found.is_empty(),
        "no seeds for {suffixes:?}: is tests/corpus there?"
    );
    found
        .into_iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

/// `seed` and a few deterministic mutants of it.
fn mutants(seed: &[u8], salt: u64) -> Vec<Vec<u8>> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ salt ^ seed.len() as u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = vec![seed.to_vec()];
    if seed.is_empty() {
        return out;
    }
    let hostile: [&[u8]; 8] = [
        b"{{",
        b"[[[[[[[[",
        b"&a ",
        b"*a",
        b"\0",
        b"\n---\n",
        b"\xff\xfe",
        b"<<: *a\n",
    ];
    for round in 0..6 {
        let mut m = seed.to_vec();
        let at = (next() as usize) % m.len();
        match round % 3 {
            0 => m[at] ^= 1 << (next() % 8),
            1 => {
                let end = (at + (next() as usize % 64)).min(m.len());
                let piece = m[at..end].to_vec();
                m.splice(at..at, piece.iter().cycle().take(piece.len() * 4).copied());
            }
            _ => {
                let insert = hostile[next() as usize % hostile.len()];
                m.splice(at..at, insert.iter().copied());
            }
        }
        out.push(m);
    }
    out.push(seed[..seed.len() / 2].to_vec());
    out
}

fn run_all(seeds: &[Vec<u8>], target: impl Fn(&[u8])) {
    for (i, seed) in seeds.iter().enumerate() {
        for input in mutants(seed, i as u64) {
            target(&input);
        }
    }
}

#[test]
fn config_yaml_seeds() {
    run_all(&corpus_files(&[".yaml", ".yml"]), |d| {
        fuzzing::config(Language::Yaml, d)
    });
}

#[test]
fn config_json_seeds() {
    run_all(&corpus_files(&[".json"]), |d| {
        fuzzing::config(Language::Json, d)
    });
}

#[test]
fn config_toml_seeds() {
    run_all(&corpus_files(&[".toml"]), |d| {
        fuzzing::config(Language::Toml, d)
    });
}

#[test]
fn config_hcl_seeds() {
    run_all(&corpus_files(&[".tf", ".tfvars", ".hcl"]), |d| {
        fuzzing::config(Language::Hcl, d)
    });
}

#[test]
fn patch_seeds() {
    // The corpus commits' diffs, as a unified diff of each changed file's two sides.
    let corpus = root().join("tests/corpus");
    let mut patches = Vec::new();
    for old in corpus_files(&[".rs", ".go", ".py", ".ts", ".tf", ".yaml"])
        .iter()
        .take(60)
    {
        let text = String::from_utf8_lossy(old);
        let edited = text.replacen('\n', "\n// edited\n", 3);
        let diff = similar::TextDiff::from_lines(text.as_ref(), edited.as_str());
        let mut patch = String::from("diff --git a/f b/f\nindex 0000000..1111111 100644\n");
        patch.push_str(&diff.unified_diff().header("a/f", "b/f").to_string());
        patches.push(patch.into_bytes());
    }
    assert!(corpus.is_dir());
    run_all(&patches, fuzzing::patch);
}

#[test]
fn policy_seeds() {
    let seeds = vec![
        std::fs::read(root().join("src/policy/default.yml")).unwrap(),
        b"version: 1\ntiers:\n  t:\n    paths: [\"**\"]\n    require: {approvals: 2, docs: [risk]}\ndocs:\n  risk: {heading: Risk}\n".to_vec(),
    ];
    run_all(&seeds, fuzzing::policy);
}

#[test]
fn rules_seeds() {
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    seeds.sort();
    run_all(&seeds, fuzzing::rules);
}
