//! Policy errors that point into the file: file:line:col, the line itself, and a caret.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::fmt;

/// One problem in a policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    /// 1-based line and column; `None` when the problem has no place (an empty file).
    pub location: Option<(usize, usize)>,
    pub message: String,
}

/// Every problem found in one policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub origin: String,
    pub problems: Vec<PolicyProblem>,
    source_text: String,
}

impl PolicyError {
    pub(super) fn new(origin: &str, text: &str, problems: Vec<PolicyProblem>) -> Self {
        PolicyError {
            origin: origin.to_owned(),
            problems,
            source_text: text.to_owned(),
        }
    }
}

impl std::error::Error for PolicyError {}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(
            f,
            "invalid policy {} ({count} problem{})",
            self.origin,
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            writeln!(f)?;
            match problem.location {
                Some((line, col)) => write!(f, "{}", self.snippet(line, col, &problem.message))?,
                None => write!(f, "{}: {}", self.origin, problem.message)?,
            }
        }
        Ok(())
    }
}

impl PolicyError {
    /// The offending line with a caret under the column, rendered without colour.
    fn snippet(&self, line: usize, col: usize, message: &str) -> String {
        let Some(text) = self.source_text.lines().nth(line.saturating_sub(1)) else {
            return String::new();
        };
        let start = text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        let end = text[start..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || *c == ':' || *c == ',' || *c == ']')
            .map_or(text.len(), |(i, _)| start + i)
            .max((start + 1).min(text.len()));
        let report = [Level::ERROR.primary_title(message).element(
            Snippet::source(text)
                .line_start(line)
                .path(self.origin.as_str())
                .annotation(AnnotationKind::Primary.span(start..end)),
        )];
        Renderer::plain().render(&report).to_string()
    }
}

/// serde_yaml's message for `e`, without its location (shown separately) and bounded: serde
/// quotes the offending value, which for a file that is not YAML at all (a symlink to a system
/// file, a secret) would echo the whole file into logs. One line, at most 160 characters.
pub fn parser_message(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(pos) => &message[..pos],
        None => message.as_str(),
    };
    let one_line = message.replace(['\n', '\r'], " ");
    crate::util::escape::clip(&one_line, 160)
}
