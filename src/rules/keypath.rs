//! Key-path globs for config rules: `spec.replicas`, `**.readinessProbe`,
//! `spec.template.spec.containers[*].image`, `Deployment/*:spec.replicas`.
//!
//! Paths and patterns are split into segments (keys, quoted keys, `[i]` indexes). `*` matches one
//! segment, `**` any number (including none), `[*]` any index. A pattern without a document part
//! (`Kind/name:`) matches inside any document.

use crate::util::glob::wildcard;

/// A compiled key pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPattern {
    document: Option<Vec<String>>,
    segments: Vec<String>,
}

impl KeyPattern {
    pub fn new(text: &str) -> Result<KeyPattern, String> {
        let (document, key) = split_document(text);
        let segments = segments(key)?;
        if segments.is_empty() {
            return Err("empty key pattern".into());
        }
        let document = document.map(|d| d.split('/').map(str::to_owned).collect());
        Ok(KeyPattern { document, segments })
    }

    /// Whether a flattened key path matches.
    pub fn matches(&self, path: &str) -> bool {
        let (document, key) = split_document(path);
        if let Some(want) = &self.document {
            let Some(have) = document else { return false };
            let have: Vec<&str> = have.split('/').collect();
            if have.len() != want.len() || !want.iter().zip(&have).all(|(w, h)| segment_match(w, h))
            {
                return false;
            }
        }
        match segments(key) {
            Ok(have) => glob_match(&self.segments, &have),
            Err(_) => false,
        }
    }
}

/// Splits `Kind/name:rest` or `#0:rest` at the first `:` outside quotes and brackets.
fn split_document(text: &str) -> (Option<&str>, &str) {
    let mut in_quotes = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => return (Some(&text[..i]), &text[i + 1..]),
            '.' | '[' if !in_quotes => break,
            _ => {}
        }
    }
    (None, text)
}

fn segments(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut current = String::new();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            '[' => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                let mut index = String::from("[");
                for d in chars.by_ref() {
                    index.push(d);
                    if d == ']' {
                        break;
                    }
                }
                if !index.ends_with(']') {
                    return Err(format!("unclosed `[` in `{text}`"));
                }
                out.push(index);
            }
            '"' => {
                let mut quoted = String::new();
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => quoted.extend(chars.next()),
                        '"' => {
                            closed = true;
                            break;
                        }
                        other => quoted.push(other),
                    }
                }
                if !closed {
                    return Err(format!("unclosed `\"` in `{text}`"));
                }
                current.push_str(&quoted);
            }
            other => current.push(other),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// One segment: `*`, `[*]`, a literal, a wildcard (`*timeout*`) or alternatives
/// (`{timeout,*_timeout}`).
fn segment_match(pattern: &str, segment: &str) -> bool {
    if pattern == "[*]" {
        return segment.starts_with('[');
    }
    if segment.starts_with('[') {
        return pattern == "*" || pattern == segment;
    }
    match pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(alternatives) => alternatives
            .split(',')
            .any(|alt| wildcard(alt.trim(), segment)),
        None => wildcard(pattern, segment),
    }
}

fn glob_match(pattern: &[String], path: &[String]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| glob_match(rest, &path[skip..]))
        }
        Some((first, rest)) => match path.split_first() {
            Some((head, tail)) => segment_match(first, head) && glob_match(rest, tail),
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_globs() {
        let cases = [
            ("spec.replicas", "Deployment/api:spec.replicas", true),
            ("spec.replicas", "spec.replicas", true),
            ("spec.replicas", "spec.template.replicas", false),
            ("**.replicas", "spec.template.replicas", true),
            ("**.replicas", "replicas", true),
            ("spec.*.image", "spec.main.image", true),
            (
                "**.containers[*].image",
                "spec.template.spec.containers[1].image",
                true,
            ),
            (
                "**.containers[*].image",
                "spec.template.spec.containers.image",
                false,
            ),
            (
                "Deployment/*:spec.replicas",
                "Deployment/api:spec.replicas",
                true,
            ),
            (
                "Deployment/*:spec.replicas",
                "StatefulSet/db:spec.replicas",
                false,
            ),
            ("Deployment/*:spec.replicas", "spec.replicas", false),
            ("data.\"app.conf\"", "ConfigMap/x:data.\"app.conf\"", true),
            (
                "resource.*.*.deletion_protection",
                "resource.aws_db_instance.main.deletion_protection",
                true,
            ),
            (
                "**.ingress[*].cidr_blocks[*]",
                "resource.aws_security_group.web.ingress[1].cidr_blocks[0]",
                true,
            ),
            (
                "**.ingress.**.cidr_blocks[*]",
                "resource.aws_security_group.web.ingress.cidr_blocks[0]",
                true,
            ),
            (
                "**.ingress.**.cidr_blocks[*]",
                "resource.aws_security_group.web.ingress[1].cidr_blocks[0]",
                true,
            ),
            ("**.*timeout*", "server.read_timeout_ms", true),
            ("**.*timeout*", "server.timeouts.read", false),
            ("**.{*retries*,max_attempts}", "client.max_attempts", true),
            ("**.{*retries*,max_attempts}", "client.retries_max", true),
            ("**.{*retries*,max_attempts}", "client.attempts", false),
            (
                "resource.{aws_db_instance,aws_s3_bucket}.*.count",
                "resource.aws_s3_bucket.logs.count",
                true,
            ),
            (
                "resource.{aws_db_instance,aws_s3_bucket}.*.count",
                "resource.aws_instance.web.count",
                false,
            ),
            ("*", "[0]", true),
            (
                "{Deployment,StatefulSet}/*:kind",
                "StatefulSet/db:kind",
                true,
            ),
            ("{Deployment,StatefulSet}/*:kind", "Service/db:kind", false),
        ];
        for (pattern, path, expected) in cases {
            assert_eq!(
                KeyPattern::new(pattern).unwrap().matches(path),
                expected,
                "{pattern} ~ {path}"
            );
        }
    }

    #[test]
    fn bad_patterns_are_errors() {
        assert!(KeyPattern::new("a[0").is_err());
        assert!(KeyPattern::new("a.\"b").is_err());
        assert!(KeyPattern::new("").is_err());
    }
}
