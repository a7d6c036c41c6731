//! Sections of a change description, found by heading with pulldown-cmark (not regexes over raw
//! text, which trip over code blocks and HTML comments), plus the `Label: text` form that
//! survives in commit messages, where git strips `#` lines as comments.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// A section of a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading (or label) text as written.
    pub heading: String,
    /// 1-based line of the heading.
    pub line: u32,
    /// The section's prose: text and code, without HTML comments or markup.
    pub body: String,
}

/// Every heading-led section, in document order, then every `Label:` section.
pub fn sections(text: &str) -> Vec<Section> {
    let mut out = heading_sections(text);
    out.extend(label_sections(text));
    out
}

fn heading_sections(text: &str) -> Vec<Section> {
    struct Open {
        level: HeadingLevel,
        section: Section,
    }
    let mut done = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut in_heading: Option<(HeadingLevel, usize, String)> = None;
    let lines = LineStarts::new(text);
    for (event, span) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                // A heading closes every open section of the same or a deeper level.
                while stack.last().is_some_and(|o| o.level >= level) {
                    done.push(stack.pop().map(|o| o.section));
                }
                in_heading = Some((level, span.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, heading)) = in_heading.take() {
                    let line = lines.line_of(start);
                    stack.push(Open {
                        level,
                        section: Section {
                            heading: heading.trim().to_owned(),
                            line,
                            body: String::new(),
                        },
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, heading)) = in_heading.as_mut() {
                    heading.push_str(&t);
                } else {
                    // Text belongs to every open section: a `### Details` under `## Risk` is risk text.
                    for open in &mut stack {
                        open.section.body.push_str(&t);
                        open.section.body.push(' ');
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                for open in &mut stack {
                    open.section.body.push(' ');
                }
            }
            _ => {}
        }
    }
    done.extend(stack.into_iter().map(|o| Some(o.section)));
    let mut sections: Vec<Section> = done.into_iter().flatten().collect();
    sections.sort_by_key(|s| s.line);
    sections
}

/// `Risk: low, only affects …` lines; the section runs to the next blank line or label.
fn label_sections(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut current: Option<Section> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some((label, rest)) = label(trimmed) {
            out.extend(current.take());
            current = Some(Section {
                heading: label.to_owned(),
                line: u32::try_from(index + 1).unwrap_or(u32::MAX),
                body: rest.trim().to_owned(),
            });
        } else if trimmed.is_empty() {
            out.extend(current.take());
        } else if let Some(section) = current.as_mut() {
            section.body.push(' ');
            section.body.push_str(trimmed);
        }
    }
    out.extend(current);
    out
}

/// `Word words: rest` with at most three words before the colon and no URL scheme.
fn label(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(':')?;
    let words = label.split_whitespace().count();
    let plain = label
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_');
    ((1..=3).contains(&words) && plain && !rest.starts_with("//")).then_some((label.trim(), rest))
}

/// Where lines start, so a heading's line is a binary search, not a count from the top: with a
/// long range's commit messages as the description (6 MB, 8,000 headings) counting took seconds.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        LineStarts(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> u32 {
        u32::try_from(self.0.partition_point(|&start| start <= offset)).unwrap_or(u32::MAX)
    }
}

/// Whether `heading` is the section `wanted` names: same leading words, case-insensitive, an
/// optional plural `s` (`Risks` is `Risk`), then nothing or more words (`Rollback plan`).
pub fn heading_matches(heading: &str, wanted: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (have, want) = (norm(heading), norm(wanted));
    if want.is_empty() || have.len() < want.len() {
        return false;
    }
    let last = want.len() - 1;
    have.iter()
        .zip(&want)
        .enumerate()
        .all(|(i, (h, w))| h == w || (i == last && h.strip_suffix('s') == Some(w.as_str())))
}

/// Text that only holds a place: `N/A`, `TBD`, `TODO`, `-`, `none`, `…`.
pub fn is_placeholder(body: &str) -> bool {
    let t = body.trim().trim_end_matches('.').to_lowercase();
    matches!(
        t.as_str(),
        "" | "n/a"
            | "na"
            | "tbd"
            | "tbc"
            | "todo"
            | "-"
            | "--"
            | "none"
            | "…"
            | "..."
            | "nothing"
            | "no"
    )
}

/// Words in a section body, by Unicode word boundaries (UAX #29): ideographs count one word each,
/// so a Chinese or Japanese section is not a single "word" that fails `min_words`.
pub fn word_count(body: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    body.unicode_words().count()
}

/// Whitespace-normalised text, for comparing a section with the template's.
pub fn normalised(body: &str) -> String {
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_heading_skip_comments_and_nest() {
        let text = "# Title\nintro\n\n## Risk\n<!-- describe the risk -->\nLow: config only.\n### Detail\nmore words here\n## Rollback\n\nTBD\n";
        let s = sections(text);
        let risk = s.iter().find(|s| s.heading == "Risk").unwrap();
        assert_eq!(risk.line, 4);
        assert!(
            !risk.body.contains("describe"),
            "HTML comments are not prose: {risk:?}"
        );
        assert!(risk.body.contains("Low: config only."));
        assert!(
            risk.body.contains("more words here"),
            "sub-sections count: {risk:?}"
        );
        let rollback = s.iter().find(|s| s.heading == "Rollback").unwrap();
        assert!(is_placeholder(&rollback.body));
        let title = s.iter().find(|s| s.heading == "Title").unwrap();
        assert!(
            title.body.contains("intro") && title.body.contains("Low"),
            "a level-1 section holds its sub-sections"
        );
    }

    #[test]
    fn headings_inside_code_blocks_are_not_sections() {
        let s = sections("```\n## Risk\n```\n");
        assert!(s.iter().all(|s| s.heading != "Risk"), "{s:?}");
    }

    #[test]
    fn label_form_for_commit_messages() {
        let text = "Bump replicas\n\nRisk: low, one service restarts\ngracefully.\nRollback: revert this commit\n\nSigned-off-by: A <a@b>\n";
        let s = label_sections(text);
        assert_eq!(s[0].heading, "Risk");
        assert_eq!(s[0].body, "low, one service restarts gracefully.");
        assert_eq!(s[0].line, 3);
        assert_eq!(s[1].heading, "Rollback");
        assert!(s.iter().all(|s| !s.body.contains("http")));
    }

    #[test]
    fn heading_matching_rules() {
        assert!(heading_matches("Rollback plan", "Rollback"));
        assert!(heading_matches("RISKS", "Risk"));
        assert!(heading_matches("Testing:", "testing"));
        assert!(!heading_matches("Riskless", "Risk"));
        assert!(!heading_matches("Roll", "Rollback"));
        assert!(heading_matches("How to roll back", "How to roll back"));
    }

    #[test]
    fn word_count_ignores_punctuation_and_handles_other_scripts() {
        assert_eq!(word_count("Low risk - only docs ."), 4);
        assert_eq!(word_count("Geringes Risiko: nur Konfiguration geändert"), 5);
        assert_eq!(word_count("Риск низкий, откат простой"), 4);
        assert_eq!(
            word_count("风险很低回滚简单"),
            8,
            "each ideograph is a word"
        );
        assert_eq!(word_count("deploy 回滚"), 3);
    }

    #[test]
    fn heading_levels_and_setext_headings() {
        let text = "Risk\n====\nlow risk here\n\n#### Rollback\nrevert\n";
        let s = sections(text);
        assert!(
            s.iter()
                .any(|s| s.heading == "Risk" && s.body.contains("low risk")),
            "{s:?}"
        );
        assert!(
            s.iter()
                .any(|s| s.heading == "Rollback" && s.body.contains("revert")),
            "{s:?}"
        );
    }
}
