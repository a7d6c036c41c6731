//! Named items of code (functions, types, impls, classes, methods) and which of them a change
//! added, removed, modified, renamed, or only reformatted.
//!
//! Each changed line belongs to the innermost item that encloses it; an item is touched when it
//! owns a changed line. Old and new items are matched by kind and qualified name; an unmatched
//! removed/added pair of the same kind whose bodies are at least 60% alike is a rename with edits.
//! "Formatting" means the item's tokens, comments excluded, are equal on both sides.

use super::Language;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use tree_sitter::{Node, Tree};

/// A named item in one version of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `fn`, `struct`, `enum`, `trait`, `impl`, `const`, `static`, `macro`, `mod`, `type`,
    /// `union`, `function`, `method`, `class`, `interface`.
    pub kind: &'static str,
    /// Qualified name: `control_plane::Router::apply`, `Router.Apply`, `Class.method`.
    pub name: String,
    /// 1-based, inclusive.
    pub start_line: u32,
    pub end_line: u32,
    /// Exported / `pub`.
    pub public: bool,
    /// The declaration up to its body, whitespace-normalised (`pub fn apply(&self) -> Result<()>`).
    pub signature: String,
    /// Byte range of the item's node; its tokens are read from the tree only when compared.
    pub bytes: (usize, usize),
    /// Index of the enclosing item, if any.
    pub parent: Option<usize>,
}

/// How an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemChange {
    Added,
    Removed,
    Modified,
    /// Renamed, possibly with edits; `ChangedItem::old_name` holds the old name.
    Renamed,
    /// Only whitespace or comments changed.
    Formatting,
}

impl ItemChange {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemChange::Added => "added",
            ItemChange::Removed => "removed",
            ItemChange::Modified => "modified",
            ItemChange::Renamed => "renamed",
            ItemChange::Formatting => "formatting",
        }
    }
}

/// An item the change touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ChangedItem {
    pub change: ItemChange,
    pub kind: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_name: Option<String>,
    /// Lines on the new side (the old side for a removal), 1-based inclusive.
    pub start_line: u32,
    pub end_line: u32,
    pub public: bool,
    /// The declaration changed (parameters, return type, visibility).
    pub signature_changed: bool,
}

impl ChangedItem {
    /// `fn control_plane::Router::apply`.
    pub fn label(&self) -> String {
        format!("{} {}", self.kind, self.name)
    }
}

/// Every named item of a parsed file; `path` gives Rust items their module prefix.
pub fn items(
    language: Language,
    tree: &Tree,
    text: &str,
    path: &str,
) -> Result<Vec<Item>, super::TooDeep> {
    let mut collector = Collector {
        language,
        src: text.as_bytes(),
        items: Vec::new(),
        too_deep: false,
    };
    let mut scope = match language {
        Language::Rust => rust_module_path(path),
        _ => Vec::new(),
    };
    collector.visit(tree.root_node(), &mut scope, None, Context::default(), 0);
    if collector.too_deep {
        return Err(super::TooDeep);
    }
    Ok(collector.items)
}

/// `src/control_plane/router.rs` → `["control_plane", "router"]`.
fn rust_module_path(path: &str) -> Vec<String> {
    let path = path.strip_suffix(".rs").unwrap_or(path);
    let mut parts: Vec<&str> = path.split('/').collect();
    if let Some(pos) = parts.iter().position(|p| *p == "src") {
        parts.drain(..=pos);
    } else {
        parts.clear();
    }
    if matches!(parts.last(), Some(&("mod" | "lib" | "main"))) {
        parts.pop();
    }
    parts.into_iter().map(str::to_owned).collect()
}

/// Where a node sits: its parent and grandparent, and the first row of the attributes or
/// decorators right before it.
#[derive(Clone, Copy, Default)]
struct Context<'t> {
    parent: Option<Node<'t>>,
    grandparent: Option<Node<'t>>,
    attributes_from: Option<usize>,
}

struct Collector<'s> {
    language: Language,
    src: &'s [u8],
    items: Vec<Item>,
    /// The walk reached `MAX_TREE_DEPTH` and stopped.
    too_deep: bool,
}

impl Collector<'_> {
    fn text(&self, node: Node<'_>) -> &str {
        std::str::from_utf8(&self.src[node.byte_range()]).unwrap_or("")
    }

    fn field_text(&self, node: Node<'_>, field: &str) -> Option<String> {
        node.child_by_field_name(field)
            .map(|n| self.text(n).to_owned())
    }

    /// Walks the tree once. Siblings are iterated in order so that attributes and decorators are
    /// known before the item they precede: `prev_sibling`/`parent` lookups are linear in
    /// tree-sitter and would make large files quadratic.
    fn visit<'t>(
        &mut self,
        node: Node<'t>,
        scope: &mut Vec<String>,
        parent: Option<usize>,
        cx: Context<'t>,
        depth: usize,
    ) {
        if depth > super::MAX_TREE_DEPTH || self.too_deep {
            self.too_deep = true;
            return;
        }
        let described = self.describe(node, scope);
        let (index, pushed) = match described {
            Some((kind, name, child_scope)) => {
                let index = self.push(node, kind, &name, scope, parent, cx);
                let pushed = child_scope
                    .map(|s| {
                        scope.push(s);
                    })
                    .is_some();
                (Some(index), pushed)
            }
            None => (None, false),
        };
        let mut cursor = node.walk();
        let mut attributes_from: Option<usize> = None;
        for child in node.named_children(&mut cursor) {
            let kind = child.kind();
            if matches!(kind, "attribute_item" | "decorator") {
                attributes_from.get_or_insert(child.start_position().row);
                continue;
            }
            if kind.contains("comment") {
                continue;
            }
            let child_cx = Context {
                parent: Some(node),
                grandparent: cx.parent,
                attributes_from: attributes_from.take(),
            };
            self.visit(child, scope, index.or(parent), child_cx, depth + 1);
        }
        if pushed {
            scope.pop();
        }
    }

    /// `(kind, name, scope segment for children)` when `node` is a named item.
    fn describe(
        &self,
        node: Node<'_>,
        scope: &[String],
    ) -> Option<(&'static str, String, Option<String>)> {
        let name = |field: &str| self.field_text(node, field);
        let class_like = |kind: &'static str| name("name").map(|n| (kind, n.clone(), Some(n)));
        match (self.language, node.kind()) {
            (Language::Rust, "function_item" | "function_signature_item") => {
                name("name").map(|n| ("fn", n, None))
            }
            (Language::Rust, "struct_item") => name("name").map(|n| ("struct", n, None)),
            (Language::Rust, "enum_item") => name("name").map(|n| ("enum", n, None)),
            (Language::Rust, "union_item") => name("name").map(|n| ("union", n, None)),
            (Language::Rust, "type_item") => name("name").map(|n| ("type", n, None)),
            (Language::Rust, "const_item") => name("name").map(|n| ("const", n, None)),
            (Language::Rust, "static_item") => name("name").map(|n| ("static", n, None)),
            (Language::Rust, "macro_definition") => name("name").map(|n| ("macro", n, None)),
            (Language::Rust, "mod_item") => class_like("mod"),
            (Language::Rust, "trait_item") => class_like("trait"),
            (Language::Rust, "impl_item") => {
                let ty = node
                    .child_by_field_name("type")
                    .map(|t| self.base_type(t))?;
                let label = match node.child_by_field_name("trait") {
                    Some(tr) => format!("{} for {ty}", self.base_type(tr)),
                    None => ty.clone(),
                };
                Some(("impl", label, Some(ty)))
            }
            (Language::Go, "function_declaration") => name("name").map(|n| ("function", n, None)),
            (Language::Go, "method_declaration") => {
                let receiver = node
                    .child_by_field_name("receiver")
                    .map(|r| {
                        self.text(r)
                            .trim_matches(|c| c == '(' || c == ')')
                            .to_owned()
                    })
                    .and_then(|r| {
                        r.split_whitespace()
                            .last()
                            .map(|t| t.trim_start_matches('*').to_owned())
                    })
                    .unwrap_or_default();
                name("name").map(|n| ("method", format!("{receiver}.{n}"), None))
            }
            (Language::Go, "type_spec") => name("name").map(|n| ("type", n, None)),
            (Language::Python, "function_definition") => {
                let kind = if scope.is_empty() {
                    "function"
                } else {
                    "method"
                };
                name("name").map(|n| (kind, n, None))
            }
            (Language::Python, "class_definition") => class_like("class"),
            (Language::JavaScript | Language::TypeScript | Language::Tsx, kind) => match kind {
                "function_declaration" | "generator_function_declaration" => {
                    name("name").map(|n| ("function", n, None))
                }
                "class_declaration" | "abstract_class_declaration" => class_like("class"),
                "method_definition" => name("name").map(|n| ("method", n, None)),
                "interface_declaration" => name("name").map(|n| ("interface", n, None)),
                "type_alias_declaration" => name("name").map(|n| ("type", n, None)),
                "variable_declarator" => {
                    let value = node.child_by_field_name("value")?;
                    matches!(
                        value.kind(),
                        "arrow_function" | "function_expression" | "function"
                    )
                    .then(|| name("name").map(|n| ("function", n, None)))
                    .flatten()
                }
                _ => None,
            },
            (Language::Bash, "function_definition") => name("name").map(|n| ("function", n, None)),
            _ => None,
        }
    }

    /// `Router` for `Router<T>`, `crate::x::Router` → `Router`, `&mut Router` → `Router`.
    fn base_type(&self, node: Node<'_>) -> String {
        let text = self.text(node);
        let head = text.split('<').next().unwrap_or(text);
        head.rsplit("::")
            .next()
            .unwrap_or(head)
            .trim_start_matches(['&', ' '])
            .trim_start_matches("mut ")
            .trim()
            .to_owned()
    }

    fn push(
        &mut self,
        node: Node<'_>,
        kind: &'static str,
        name: &str,
        scope: &[String],
        parent: Option<usize>,
        cx: Context<'_>,
    ) -> usize {
        let separator = match self.language {
            Language::Rust => "::",
            _ => ".",
        };
        let qualified = if scope.is_empty() {
            name.to_owned()
        } else {
            format!("{}{separator}{name}", scope.join(separator))
        };
        let outer = match cx.parent {
            Some(p) if matches!(p.kind(), "export_statement" | "decorated_definition") => p,
            Some(p) if node.kind() == "variable_declarator" => cx
                .grandparent
                .filter(|g| g.kind() == "export_statement")
                .unwrap_or(p),
            _ => node,
        };
        // Attributes and decorators belong to the item they precede.
        let start_line = cx
            .attributes_from
            .unwrap_or(usize::MAX)
            .min(node.start_position().row)
            .min(outer.start_position().row)
            + 1;
        let end_line = node.end_position().row + 1;
        let public = self.is_public(node, outer, name);
        let body_start = ["body", "value"]
            .iter()
            .filter_map(|f| node.child_by_field_name(f))
            .map(|b| b.start_byte())
            .next()
            .unwrap_or(node.end_byte());
        let signature =
            std::str::from_utf8(&self.src[node.start_byte()..body_start.max(node.start_byte())])
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        self.items.push(Item {
            kind,
            name: qualified,
            start_line: u32::try_from(start_line).unwrap_or(u32::MAX),
            end_line: u32::try_from(end_line).unwrap_or(u32::MAX),
            public,
            signature,
            bytes: (node.start_byte(), node.end_byte()),
            parent,
        });
        self.items.len() - 1
    }

    fn is_public(&self, node: Node<'_>, outer: Node<'_>, name: &str) -> bool {
        match self.language {
            Language::Rust => {
                let mut cursor = node.walk();
                let public = node
                    .children(&mut cursor)
                    .any(|c| c.kind() == "visibility_modifier" && self.text(c).starts_with("pub"));
                public
            }
            Language::Go => name
                .rsplit('.')
                .next()
                .and_then(|n| n.chars().next())
                .is_some_and(char::is_uppercase),
            Language::Python => !name.starts_with('_'),
            Language::JavaScript | Language::TypeScript | Language::Tsx => {
                outer.kind() == "export_statement"
            }
            _ => false,
        }
    }
}

/// Leaf tokens without comments, space-joined.
fn collect_tokens(node: Node<'_>, src: &[u8], out: &mut String) {
    if node.kind().contains("comment") {
        return;
    }
    if node.child_count() == 0 {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(std::str::from_utf8(&src[node.byte_range()]).unwrap_or(""));
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_tokens(child, src, out);
    }
}

/// One version of a file: its items and the tree they came from.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub items: &'a [Item],
    pub tree: Option<&'a Tree>,
    pub text: &'a str,
}

impl<'a> Side<'a> {
    /// The item's tokens without comments, space-joined (for the rename search).
    fn tokens(&self, item: &Item) -> String {
        let mut out = String::new();
        if let Some(node) = self.node_of(item) {
            collect_tokens(node, self.text.as_bytes(), &mut out);
        }
        out
    }

    fn node_of(&self, item: &Item) -> Option<Node<'a>> {
        self.tree?
            .root_node()
            .descendant_for_byte_range(item.bytes.0, item.bytes.1)
    }

    /// Whether two items have the same tokens, comments left out: a formatting-only edit.
    /// Compared leaf by leaf, stopping at the first difference — an `impl` or `mod` around a
    /// one-line change would otherwise be spelled out in full, on both sides, for every level.
    fn same_tokens(&self, item: &Item, other: &Side<'_>, other_item: &Item) -> bool {
        let (mut a, mut b) = (
            Leaves::new(self.node_of(item)),
            Leaves::new(other.node_of(other_item)),
        );
        let (src_a, src_b) = (self.text.as_bytes(), other.text.as_bytes());
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if src_a.get(x.byte_range()) == src_b.get(y.byte_range()) => {}
                _ => return false,
            }
        }
    }
}

/// The leaves under a node, comments left out, in order, without recursion.
struct Leaves<'a> {
    /// `None` once the walk is over (or when there was no node).
    cursor: Option<tree_sitter::TreeCursor<'a>>,
    /// The cursor stands on a node not yet looked at.
    fresh: bool,
}

impl<'a> Leaves<'a> {
    /// No node: no leaves.
    fn new(node: Option<Node<'a>>) -> Self {
        Leaves {
            cursor: node.map(|n| n.walk()),
            fresh: true,
        }
    }
}

impl<'a> Iterator for Leaves<'a> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        let cursor = self.cursor.as_mut()?;
        loop {
            if self.fresh {
                self.fresh = false;
                let node = cursor.node();
                if !node.kind().contains("comment") {
                    if node.child_count() == 0 {
                        return Some(node);
                    }
                    if cursor.goto_first_child() {
                        self.fresh = true;
                        continue;
                    }
                }
            }
            // Next sibling, or up until there is one; the cursor's root ends the walk.
            if cursor.goto_next_sibling() {
                self.fresh = true;
            } else if !cursor.goto_parent() {
                self.cursor = None;
                return None;
            }
        }
    }
}

/// Marks the items that own at least one of `lines`: a line belongs to the innermost item around
/// it, so an item owns the lines in its range minus those in its children's ranges.
/// O(items · log lines), which matters on files with thousands of items.
fn touched(items: &[Item], lines: &[u32]) -> Vec<bool> {
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    let count = |start: u32, end: u32| {
        let from = sorted.partition_point(|&l| l < start);
        let to = sorted.partition_point(|&l| l <= end);
        i64::try_from(to.saturating_sub(from)).unwrap_or(i64::MAX)
    };
    let mut own: Vec<i64> = items
        .iter()
        .map(|it| count(it.start_line, it.end_line))
        .collect();
    for item in items {
        if let Some(parent) = item.parent {
            own[parent] -= count(item.start_line, item.end_line);
        }
    }
    own.into_iter().map(|n| n > 0).collect()
}

/// Above this many unmatched items on a side, renames are not searched for (each candidate pair
/// costs a token diff); the items are reported as added and removed.
const MAX_RENAME_CANDIDATES: usize = 64;

/// Compares the items of both sides given the changed lines of each side.
pub fn changed_items(
    old: Side<'_>,
    new: Side<'_>,
    removed_lines: &[u32],
    added_lines: &[u32],
) -> Vec<ChangedItem> {
    let old_touched = touched(old.items, removed_lines);
    let new_touched = touched(new.items, added_lines);
    let mut out = Vec::new();
    let mut unmatched_new: Vec<usize> = Vec::new();
    let mut matched_old = vec![false; old.items.len()];
    // Old items by (kind, name), in order, so each new item finds its counterpart in O(1).
    let mut by_key: HashMap<(&str, &str), VecDeque<usize>> = HashMap::new();
    for (oi, item) in old.items.iter().enumerate() {
        by_key
            .entry((item.kind, item.name.as_str()))
            .or_default()
            .push_back(oi);
    }
    for (ni, item) in new.items.iter().enumerate() {
        match by_key
            .get_mut(&(item.kind, item.name.as_str()))
            .and_then(VecDeque::pop_front)
        {
            Some(oi) => {
                matched_old[oi] = true;
                if !(new_touched[ni] || old_touched[oi]) {
                    continue;
                }
                let before = &old.items[oi];
                let change = if old.same_tokens(before, &new, item) {
                    ItemChange::Formatting
                } else {
                    ItemChange::Modified
                };
                out.push(changed(
                    item,
                    change,
                    None,
                    before.signature != item.signature,
                ));
            }
            None => unmatched_new.push(ni),
        }
    }
    let unmatched_old: Vec<usize> = (0..old.items.len())
        .filter(|&oi| !matched_old[oi])
        .collect();
    let search_renames = unmatched_old.len() <= MAX_RENAME_CANDIDATES
        && unmatched_new.len() <= MAX_RENAME_CANDIDATES;
    let old_tokens: Vec<String> = if search_renames {
        unmatched_old
            .iter()
            .map(|&oi| without_name(&old.items[oi], &old.tokens(&old.items[oi])))
            .collect()
    } else {
        Vec::new()
    };
    let mut renamed_old = vec![false; old.items.len()];
    for ni in unmatched_new {
        let item = &new.items[ni];
        let best = if search_renames {
            let tokens = without_name(item, &new.tokens(item));
            unmatched_old
                .iter()
                .zip(&old_tokens)
                .filter(|(&oi, _)| !renamed_old[oi] && old.items[oi].kind == item.kind)
                .map(|(&oi, before)| (oi, rename_similarity(before, &tokens)))
                .filter(|&(_, ratio)| ratio >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        } else {
            None
        };
        match best {
            Some((oi, _)) => {
                renamed_old[oi] = true;
                let signature_changed = strip_name(&old.items[oi]) != strip_name(item);
                out.push(changed(
                    item,
                    ItemChange::Renamed,
                    Some(old.items[oi].name.clone()),
                    signature_changed,
                ));
            }
            None => out.push(changed(item, ItemChange::Added, None, false)),
        }
    }
    for oi in unmatched_old {
        if !renamed_old[oi] {
            out.push(changed(&old.items[oi], ItemChange::Removed, None, false));
        }
    }
    out.sort_by(|a, b| {
        (a.start_line, a.end_line, &a.name, a.change).cmp(&(
            b.start_line,
            b.end_line,
            &b.name,
            b.change,
        ))
    });
    out
}

fn changed(
    item: &Item,
    change: ItemChange,
    old_name: Option<String>,
    signature_changed: bool,
) -> ChangedItem {
    ChangedItem {
        change,
        kind: item.kind.to_owned(),
        name: item.name.clone(),
        old_name,
        start_line: item.start_line,
        end_line: item.end_line,
        public: item.public,
        signature_changed,
    }
}

fn strip_name(item: &Item) -> String {
    let short = item.name.rsplit([':', '.']).next().unwrap_or(&item.name);
    item.signature.replacen(short, "", 1)
}

/// Below this many tokens two items are too small to call alike unless identical.
const MIN_TOKENS_FOR_FUZZY_RENAME: usize = 8;

/// An item's tokens with its own name left out, so a pure rename compares equal.
fn without_name(item: &Item, tokens: &str) -> String {
    let short = item.name.rsplit([':', '.']).next().unwrap_or(&item.name);
    tokens.replacen(short, "", 1)
}

/// How alike two items' name-less tokens are: the Dice coefficient of their token multisets
/// (1.0 for identical bodies). Order-insensitive, but linear: a rename search compares many pairs.
fn rename_similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    fn bag(s: &str) -> Vec<&str> {
        let mut tokens: Vec<&str> = s.split(' ').filter(|t| !t.is_empty()).collect();
        tokens.sort_unstable();
        tokens
    }
    let (a, b) = (bag(a), bag(b));
    if a.len().min(b.len()) < MIN_TOKENS_FOR_FUZZY_RENAME
        || a.len().max(b.len()) > 2 * a.len().min(b.len())
    {
        // Too small to judge, or too different in size to reach the threshold anyway.
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(b[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    (2 * common) as f32 / (a.len() + b.len()) as f32
}

#[cfg(test)]
mod tests;
