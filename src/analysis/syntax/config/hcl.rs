//! HCL (Terraform) → `Value`: blocks by type and labels, repeated blocks as sequences,
//! attributes by name. Literals, objects and tuples become values; any other expression
//! (references, function calls, templates, `for`) is kept as its text, so that a change to it
//! is still a change.

use super::walk::Walk;
use super::{insert_path, line, named_children, push_path, text_of, Value};
use std::collections::BTreeMap;
use tree_sitter::Node;

/// The top-level body as one map.
pub(super) fn document(root: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    named_children(root)
        .into_iter()
        .find(|n| n.kind() == "body")
        .map_or(Value::Map(Vec::new()), |b| body(b, src, walk))
}

fn body(body: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    let children = named_children(body);
    // Blocks that repeat with the same type and labels become a sequence (`ingress[1]`).
    let mut block_counts: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for child in &children {
        if child.kind() == "block" {
            *block_counts.entry(block_key(*child, src)).or_default() += 1;
        }
    }
    let mut map = Value::Map(Vec::new());
    for child in children {
        match child.kind() {
            "attribute" => {
                let parts = named_children(child);
                let key = parts
                    .iter()
                    .find(|p| p.kind() == "identifier")
                    .map(|k| text_of(*k, src).to_owned())
                    .unwrap_or_default();
                let value = parts
                    .iter()
                    .find(|p| p.kind() == "expression")
                    .map_or(Value::Null, |e| expression(*e, src, walk));
                insert_path(&mut map, &[key], value, line(child));
            }
            "block" => {
                let keys = block_key(child, src);
                let inner = if walk.enter(child) {
                    let inner = named_children(child)
                        .into_iter()
                        .find(|c| c.kind() == "body")
                        .map_or(Value::Map(Vec::new()), |b| self::body(b, src, walk));
                    walk.leave();
                    inner
                } else {
                    Value::Scalar(text_of(child, src).to_owned())
                };
                let at = line(child);
                if block_counts.get(&keys).copied().unwrap_or(0) > 1 {
                    push_path(&mut map, &keys, inner, at);
                } else {
                    insert_path(&mut map, &keys, inner, at);
                }
            }
            _ => {}
        }
    }
    map
}

/// `[resource, aws_db_instance, main]`: the block type and its labels.
fn block_key(block: Node<'_>, src: &[u8]) -> Vec<String> {
    named_children(block)
        .into_iter()
        .take_while(|c| c.kind() != "block_start" && c.kind() != "body")
        .map(|c| {
            if c.kind() == "string_lit" {
                string_lit(c, src)
            } else {
                text_of(c, src).to_owned()
            }
        })
        .collect()
}

fn string_lit(lit: Node<'_>, src: &[u8]) -> String {
    named_children(lit)
        .into_iter()
        .filter(|p| p.kind() == "template_literal")
        .map(|p| text_of(p, src))
        .collect()
}

/// An expression's value. Only a lone child is looked into (`expression` wraps every term);
/// an expression of several parts (`var.x`, `a[0]`, `a.b.c`) is its text.
fn expression(expr: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    let text = || Value::Scalar(text_of(expr, src).trim().to_owned());
    if expr.named_child_count() != 1 {
        return text();
    }
    let Some(inner) = expr.named_child(0) else {
        return text();
    };
    if !walk.enter(inner) {
        return text();
    }
    let value = match inner.kind() {
        "collection_value" => match inner.named_child(0) {
            Some(c) if c.kind() == "object" => object(c, src, walk),
            Some(c) if c.kind() == "tuple" => tuple(c, src, walk),
            _ => text(),
        },
        "literal_value" => match inner.named_child(0) {
            Some(lit) if lit.kind() == "string_lit" => Value::Scalar(string_lit(lit, src)),
            Some(lit) if lit.kind() == "null_lit" => Value::Null,
            _ => text(),
        },
        // A parenthesised expression: its own (strictly smaller) inner expression.
        "expression" => expression(inner, src, walk),
        _ => text(),
    };
    walk.leave();
    value
}

fn object(object: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    Value::Map(
        named_children(object)
            .into_iter()
            .filter(|e| e.kind() == "object_elem")
            .map(|elem| {
                let key = elem
                    .child_by_field_name("key")
                    .map(|k| match expression(k, src, walk) {
                        Value::Scalar(s) => s,
                        _ => text_of(k, src).to_owned(),
                    })
                    .unwrap_or_default();
                let value = elem
                    .child_by_field_name("val")
                    .map_or(Value::Null, |v| expression(v, src, walk));
                (key, value, line(elem))
            })
            .collect(),
    )
}

fn tuple(tuple: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    Value::Seq(
        named_children(tuple)
            .into_iter()
            .filter(|c| c.kind() == "expression")
            .map(|c| (expression(c, src, walk), line(c)))
            .collect(),
    )
}
