//! `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning via
//! `github/codeql-action/upload-sarif`), within GitHub's limits: one run, at most 25,000 results,
//! rule descriptions ≤ 1,000 characters, stable `partialFingerprints`.

use crate::model::finding::fingerprints;
use crate::model::finding::{Finding, Severity};
use crate::util::escape::clip;
use crate::verdict::Verdict;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write;

/// GitHub code scanning keeps at most this many results per run.
const MAX_RESULTS: usize = 25_000;
/// `fullDescription` limit.
const MAX_DESCRIPTION: usize = 1_000;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Writes the SARIF log, pretty-printed, with a final newline.
pub fn render(v: &Verdict, out: &mut dyn Write) -> std::io::Result<()> {
    // One rule entry per rule id, described by its first finding (findings are sorted).
    let mut rules: BTreeMap<&str, &Finding> = BTreeMap::new();
    for f in &v.findings {
        rules.entry(f.rule_id.as_str()).or_insert(f);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, id)| (*id, i)).collect();
    let rule_entries: Vec<Value> = rules
        .iter()
        .map(|(id, f)| {
            let mut entry = json!({
                "id": id,
                "name": id.replace(['/', '-'], "_"),
                "shortDescription": { "text": clip(id, MAX_DESCRIPTION) },
                // The rule's own text (its note), not one finding's message.
                "fullDescription": { "text": clip(f.note.as_deref().unwrap_or(id), MAX_DESCRIPTION) },
                "help": { "text": f.note.clone().unwrap_or_else(|| f.message.clone()) },
                "defaultConfiguration": { "level": level(f.severity) },
                "properties": { "check": f.check },
            });
            if let Some(url) = f.url.as_deref().filter(|u| u.starts_with("https://")) {
                entry["helpUri"] = json!(url);
            }
            entry
        })
        .collect();
    // Code scanning rejects a result without a location: change-wide findings (approvals,
    // docs) are anchored at line 1 of the change's first file, and say so.
    let anchor = v.files.first().map(|f| f.path.as_str());
    let results: Vec<Value> = v
        .findings
        .iter()
        .zip(fingerprints(&v.findings))
        .filter(|(f, _)| f.path.is_some() || anchor.is_some())
        .take(MAX_RESULTS)
        .map(|(f, fingerprint)| {
            let mut result = json!({
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id.as_str()],
                "level": level(f.severity),
                "message": { "text": f.message },
                "partialFingerprints": { "changegateFingerprint/v1": fingerprint },
                "properties": { "blocking": f.blocking },
            });
            if f.path.is_none() {
                if let Some(path) = anchor {
                    result["locations"] = json!([{
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(path), "uriBaseId": "%SRCROOT%" },
                            "region": { "startLine": 1 },
                        },
                        "message": { "text": "a finding about the whole change, shown at its first file" },
                    }]);
                    result["properties"]["changeWide"] = json!(true);
                }
            }
            if let Some(path) = &f.path {
                let mut location = json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(path), "uriBaseId": "%SRCROOT%" },
                    }
                });
                if let Some(r) = f.range {
                    let mut region = json!({ "startLine": r.start_line.max(1), "endLine": r.end_line.max(r.start_line).max(1) });
                    if r.start_line == r.end_line {
                        region["startColumn"] = json!(r.start_col.max(1));
                        // SARIF's endColumn is exclusive.
                        region["endColumn"] = json!(r.end_col.max(r.start_col).max(1) + 1);
                    }
                    if let Some(snippet) = &f.snippet {
                        region["snippet"] = json!({ "text": snippet });
                    }
                    location["physicalLocation"]["region"] = region;
                }
                if let Some(item) = &f.item {
                    location["logicalLocations"] = json!([{ "fullyQualifiedName": item }]);
                }
                result["locations"] = json!([location]);
            }
            result
        })
        .collect();
    let (partial, no_grammar) = v.not_analysed();
    let not_analysed: Vec<serde_json::Value> = partial
        .iter()
        .map(|(path, what)| json!({ "path": path, "reason": what }))
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "changegate",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/changegate/changegate",
                    "rules": rule_entries,
                }
            },
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {
                "verdict": if v.blocked { "blocked" } else { "pass" },
                "blastRadius": v.blast_radius.score,
                "notAnalysed": not_analysed,
                "noGrammar": no_grammar,
            },
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// A repo-relative path as a URI reference: `%`-encode what a URI cannot hold.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("config/café menu.yaml"), "config/caf%C3%A9%20menu.yaml");
    }
}
