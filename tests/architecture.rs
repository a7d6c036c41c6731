//! The module graph has no cycles: neither between the stages (top-level modules) nor between
//! sibling modules inside a stage. Each stage may use what lies below it and the models, never
//! the reverse; a cycle is reported with the reference that closes it.
//!
//! Paths are read with `syn` from every file under `src/` (use trees and paths in code); test
//! code (`#[cfg(test)]` items, `tests.rs` files) is left out, since tests may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// Items the crate root re-exports from `pipeline` (`changegate::check`, …).
const ROOT_REEXPORTS: [&str; 7] = [
    "check",
    "check_timed",
    "load_rules",
    "CheckOptions",
    "Error",
    "SourceSpec",
    "Timings",
];

type Module = Vec<String>;

struct SourceFile {
    module: Module,
    path: PathBuf,
    /// Whether this file's own module is a directory module (`mod.rs`, `lib.rs`).
    text: String,
}

fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_owned());
    }
    parts
}

fn sources() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path
                    .file_name()
                    .is_some_and(|n| n != "tests.rs" && n != "main.rs")
            {
                out.push(SourceFile {
                    module: module_of(&src, &path),
                    text: std::fs::read_to_string(&path).unwrap(),
                    path,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// Every `crate::…`, `super::…` and `self::…` path in non-test code, made absolute.
struct PathCollector<'a> {
    /// The module the code being visited is in (inline modules push onto it).
    module: Module,
    out: &'a mut Vec<(Module, usize)>,
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string().contains("test"))
    })
}

impl PathCollector<'_> {
    fn absolute(&self, segments: &[String], line: usize) -> Option<(Module, usize)> {
        let first = segments.first()?;
        let mut base: Module = match first.as_str() {
            "crate" => Vec::new(),
            "super" => {
                let mut m = self.module.clone();
                m.pop();
                m
            }
            "self" => self.module.clone(),
            _ => return None,
        };
        let mut rest = &segments[1..];
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        Some((base, line))
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree, line: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree, line);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                if let Some(p) = self.absolute(prefix, line) {
                    self.out.push(p);
                }
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                if let Some(p) = self.absolute(prefix, line) {
                    self.out.push(p);
                }
                prefix.pop();
            }
            syn::UseTree::Glob(_) => {
                if let Some(p) = self.absolute(prefix, line) {
                    self.out.push(p);
                }
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t, line);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for PathCollector<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if is_test_only(attrs) {
            return;
        }
        match item {
            syn::Item::Mod(m) if m.content.is_some() => {
                self.module.push(m.ident.to_string());
                syn::visit::visit_item_mod(self, m);
                self.module.pop();
            }
            syn::Item::Use(u) => {
                let line = u.use_token.span.start().line;
                self.use_tree(&mut Vec::new(), &u.tree, line);
            }
            _ => syn::visit::visit_item(self, item),
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let line = path
            .segments
            .first()
            .map(|s| s.ident.span().start().line)
            .unwrap_or(0);
        if let Some(p) = self.absolute(&segments, line) {
            self.out.push(p);
        }
        syn::visit::visit_path(self, path);
    }
}

/// An edge of the graph and one reference that makes it, for the failure message.
type Edges = BTreeMap<String, BTreeMap<String, String>>;

fn resolve(known: &BTreeSet<Module>, target: &Module) -> Module {
    if target.len() == 1 && ROOT_REEXPORTS.contains(&target[0].as_str()) {
        return vec!["pipeline".to_owned()];
    }
    (0..=target.len())
        .rev()
        .map(|n| target[..n].to_vec())
        .find(|m| known.contains(m))
        .unwrap_or_default()
}

/// Edges between top-level modules, and between siblings under each parent.
fn graphs() -> BTreeMap<String, Edges> {
    let files = sources();
    let known: BTreeSet<Module> = files.iter().map(|f| f.module.clone()).collect();
    let mut graphs: BTreeMap<String, Edges> = BTreeMap::new();
    for file in &files {
        let parsed =
            syn::parse_file(&file.text).unwrap_or_else(|e| panic!("{}: {e}", file.path.display()));
        let mut refs = Vec::new();
        let mut collector = PathCollector {
            module: file.module.clone(),
            out: &mut refs,
        };
        collector.visit_file(&parsed);
        for (target, line) in refs {
            let to = resolve(&known, &target);
            let from = &file.module;
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common >= from.len() || common >= to.len() {
                continue; // a module using its own parent or child: not a sibling edge
            }
            let parent = if common == 0 {
                "crate".to_owned()
            } else {
                from[..common].join("::")
            };
            let where_ = format!(
                "{}:{line} uses {}",
                file.path
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap()
                    .display(),
                target.join("::")
            );
            graphs
                .entry(parent)
                .or_default()
                .entry(from[common].clone())
                .or_default()
                .entry(to[common].clone())
                .or_insert(where_);
        }
    }
    graphs
}

/// The first cycle found by depth-first search, as the references along it.
fn cycle(edges: &Edges) -> Option<Vec<String>> {
    fn dfs(
        node: &str,
        edges: &Edges,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            let mut path: Vec<String> = stack[start..].to_vec();
            path.push(node.to_owned());
            return Some(
                path.windows(2)
                    .map(|w| edges[&w[0]][&w[1]].clone())
                    .collect(),
            );
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flat_map(|m| m.keys()) {
            if let Some(c) = dfs(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| dfs(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_module_graph_has_no_cycles() {
    let graphs = graphs();
    assert!(graphs.contains_key("crate"), "the collector found no edges");
    let cycles: Vec<String> = graphs
        .iter()
        .filter_map(|(parent, edges)| {
            cycle(edges).map(|refs| format!("under {parent}:\n    {}", refs.join("\n    ")))
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "module cycles:\n  {}",
        cycles.join("\n  ")
    );
}

#[test]
fn the_detector_sees_a_planted_cycle() {
    let mut edges = Edges::new();
    edges
        .entry("a".into())
        .or_default()
        .insert("b".into(), "a uses b".into());
    edges
        .entry("b".into())
        .or_default()
        .insert("c".into(), "b uses c".into());
    assert!(cycle(&edges).is_none());
    edges
        .entry("c".into())
        .or_default()
        .insert("a".into(), "c uses a".into());
    assert_eq!(cycle(&edges).unwrap(), ["a uses b", "b uses c", "c uses a"]);
}

#[test]
fn the_stages_are_layered_as_the_tour_says() {
    // Bottom to top; a stage may use only stages to its left. (The tour at the top of lib.rs.)
    const LAYERS: [&str; 14] = [
        "util", "model", "policy", "source", "analysis", "rules", "facts", "checks", "verdict",
        "report", "pipeline", "platform", "audit", "cli",
    ];
    let graphs = graphs();
    let mut wrong = Vec::new();
    for (from, targets) in &graphs["crate"] {
        for (to, why) in targets {
            let (Some(f), Some(t)) = (
                LAYERS.iter().position(|l| l == from),
                LAYERS.iter().position(|l| l == to),
            ) else {
                continue;
            };
            if t > f {
                wrong.push(format!("{from} → {to}: {why}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "upward references:\n  {}",
        wrong.join("\n  ")
    );
}
