//! GitHub Actions workflow commands: annotations in the log when no check run can be posted, with
//! the escaping the runner needs, and a guard so that text from the change (titles, descriptions,
//! file contents) printed to the log cannot issue commands of its own.

use crate::model::finding::{Finding, Severity};
use crate::verdict::Verdict;

/// The runner shows at most this many errors and warnings per step.
const SHOWN_PER_LEVEL: usize = 10;

/// `%` → `%25`, CR → `%0D`, LF → `%0A` (messages); other control characters (ESC, …) become
/// visible (`report::escape`) so that they cannot steer the log viewer.
pub fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::util::escape::visible(&escaped).into_owned()
}

/// Data escaping plus `:` → `%3A` and `,` → `%2C` (property values).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation command for a finding.
pub fn annotation(f: &Finding) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = Vec::new();
    if let Some(path) = &f.path {
        props.push(format!("file={}", escape_property(path)));
        if let Some(r) = f.range {
            props.push(format!("line={}", r.start_line));
            props.push(format!("endLine={}", r.end_line));
            if r.start_line == r.end_line {
                props.push(format!("col={}", r.start_col));
                props.push(format!("endColumn={}", r.end_col));
            }
        }
    }
    props.push(format!("title={}", escape_property(&f.rule_id)));
    format!(
        "::{command} {}::{}",
        props.join(","),
        escape_data(&f.message)
    )
}

/// Annotation commands, most severe first, limited to what the runner shows (10 errors,
/// 10 warnings, 10 notices); the job summary carries the full list.
pub fn annotations(v: &Verdict) -> Vec<String> {
    let mut out = Vec::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        out.extend(
            v.findings
                .iter()
                .filter(|f| f.severity == severity)
                .take(SHOWN_PER_LEVEL)
                .map(annotation),
        );
    }
    out
}

/// A token no text can guess: wraps untrusted output in `::stop-commands::TOKEN` … `::TOKEN::`.
pub fn stop_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    format!("changegate-{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Range;

    #[test]
    fn annotations_escape_messages_and_properties() {
        let f = Finding::new("c", "k8s/x", Severity::Error, "50% down\nnext: line").at(
            "dir/a,b:c.yaml",
            Some(Range {
                start_line: 3,
                start_col: 2,
                end_line: 3,
                end_col: 9,
            }),
        );
        assert_eq!(
            annotation(&f),
            "::error file=dir/a%2Cb%3Ac.yaml,line=3,endLine=3,col=2,endColumn=9,title=k8s/x::50%25 down%0Anext: line"
        );
        let multi = Finding::new("c", "r", Severity::Info, "m").at(
            "f",
            Some(Range {
                start_line: 1,
                start_col: 1,
                end_line: 4,
                end_col: 1,
            }),
        );
        assert_eq!(
            annotation(&multi),
            "::notice file=f,line=1,endLine=4,title=r::m"
        );
    }

    #[test]
    fn injected_commands_in_messages_stay_data() {
        let f = Finding::new("c", "r", Severity::Warning, "x\n::set-output name=a::b");
        let line = annotation(&f);
        assert_eq!(line.matches("\n").count(), 0);
        assert!(line.ends_with("x%0A::set-output name=a::b"));
    }

    #[test]
    fn stop_tokens_differ() {
        assert_ne!(stop_token(), stop_token());
    }
}
