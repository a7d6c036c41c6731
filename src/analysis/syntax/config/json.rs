//! JSON documents → `Value`, within the walk's depth bound.

use super::walk::Walk;
use super::{line, named_children, text_of, unquote_double, Value};
use tree_sitter::Node;

/// The top-level values of a JSON file (one, or several in JSON Lines).
pub(super) fn documents(root: Node<'_>, src: &[u8], walk: &mut Walk) -> Vec<Value> {
    named_children(root)
        .into_iter()
        .filter(|n| n.kind() != "comment")
        .map(|n| value(n, src, walk))
        .collect()
}

fn value(node: Node<'_>, src: &[u8], walk: &mut Walk) -> Value {
    if !walk.enter(node) {
        return Value::Scalar(text_of(node, src).to_owned());
    }
    let value = match node.kind() {
        "object" => Value::Map(
            named_children(node)
                .into_iter()
                .filter(|p| p.kind() == "pair")
                .map(|pair| {
                    let key = pair
                        .child_by_field_name("key")
                        .map(|k| unquote_double(text_of(k, src)))
                        .unwrap_or_default();
                    let child = pair
                        .child_by_field_name("value")
                        .map_or(Value::Null, |v| value(v, src, walk));
                    (key, child, line(pair))
                })
                .collect(),
        ),
        "array" => Value::Seq(
            named_children(node)
                .into_iter()
                .filter(|c| c.kind() != "comment")
                .map(|c| (value(c, src, walk), line(c)))
                .collect(),
        ),
        "string" => Value::Scalar(unquote_double(text_of(node, src))),
        "null" => Value::Null,
        _ => Value::Scalar(text_of(node, src).to_owned()),
    };
    walk.leave();
    value
}
