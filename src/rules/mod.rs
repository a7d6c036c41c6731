//! Rules: YAML files that say what risky additions look like, compiled once per run.
//!
//! A rule has exactly one matcher: a tree-sitter `query` (with `@match` marking the reported
//! node), a config `key` glob with a `when` transition, or a line `regex`. Built-in packs live in
//! `rules/*.yml` and are embedded in the binary; custom rules come from `rules.dirs` of the
//! policy, read from the same revision as the policy.

mod credential;
mod engine;
mod keypath;
mod packs;
mod raw;
pub mod selftest;
mod when;

pub use engine::{
    run_file, run_file_queries, run_file_rest, run_file_within_budget, run_rule, QueryOutcome,
    RuleMatch,
};
pub use keypath::KeyPattern;
pub use packs::{catalog_anchor, Pack, BUILTIN_PACKS, CATALOG_URL};
pub use raw::{Scope, Side};
pub use when::When;

use crate::analysis::syntax::Language;
use crate::model::Severity;
use crate::util::glob::{glob_set, Pattern};
use globset::GlobSet;
use raw::{RawCase, RawRule, RawWhen};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    /// Languages it applies to; empty means any file (regex rules).
    pub languages: Vec<Language>,
    pub severity: Severity,
    pub tiers: Vec<String>,
    paths: Option<GlobSet>,
    /// The `paths:` globs as written (to pick a sample path in rule tests).
    pub path_globs: Vec<String>,
    exclude: Option<GlobSet>,
    pub exclude_test_code: bool,
    pub scope: Scope,
    /// Which version of the file a query runs on.
    pub side: Side,
    /// Regex rules: lines that also match this are skipped.
    pub unless: Option<regex::Regex>,
    /// Only files whose new text matches this.
    pub file_contains: Option<regex::Regex>,
    pub message: String,
    pub note: Option<String>,
    pub url: Option<String>,
    /// Rule ids this rule supersedes at the same place.
    pub supersedes: Vec<String>,
    /// Key rules: also report on a file the change deletes (a deleted file is one fact, the
    /// deletion of what it defined; its timeouts and probes going with it are not news).
    pub deleted_files: bool,
    pub matcher: Matcher,
    /// The matcher as written (query text, key pattern with conditions, or regex), for `explain`.
    pub source: String,
    pub tests: Vec<TestCase>,
    /// Where the rule was defined: `builtin:rust` or a file path.
    pub origin: String,
    /// 1-based line of the rule's `id:` in its file.
    pub line: usize,
}

/// How a rule finds matches.
#[derive(Debug)]
pub enum Matcher {
    /// One query per language, compiled on first use (custom rules: at load, to validate them).
    Query(Vec<QuerySlot>),
    Key {
        pattern: KeyPattern,
        when: When,
    },
    Regex(regex::Regex),
}

impl Matcher {
    /// `query`, `key` or `regex`.
    pub fn kind(&self) -> &'static str {
        match self {
            Matcher::Query(_) => "query",
            Matcher::Key { .. } => "key",
            Matcher::Regex(_) => "regex",
        }
    }
}

/// A rule's query for one language. Compiling a query costs more than running it on a small
/// change, so built-in rules (whose queries their tests prove valid) compile on first use.
#[derive(Debug)]
pub struct QuerySlot {
    pub language: Language,
    source: String,
    /// The query and the index of its `@match` capture; `None` inside when it does not compile.
    compiled: std::sync::OnceLock<Option<(tree_sitter::Query, u32)>>,
}

impl QuerySlot {
    fn deferred(language: Language, source: &str) -> QuerySlot {
        QuerySlot {
            language,
            source: source.to_owned(),
            compiled: std::sync::OnceLock::new(),
        }
    }

    fn compiled(
        language: Language,
        source: &str,
        query: tree_sitter::Query,
        index: u32,
    ) -> QuerySlot {
        let slot = QuerySlot::deferred(language, source);
        let _ = slot.compiled.set(Some((query, index)));
        slot
    }

    /// The compiled query and its `@match` capture index.
    pub fn get(&self) -> Option<(&tree_sitter::Query, u32)> {
        self.compiled
            .get_or_init(|| {
                let query = tree_sitter::Query::new(&self.language.grammar(), &self.source).ok()?;
                let index = query.capture_index_for_name("match")?;
                Some((query, index))
            })
            .as_ref()
            .map(|(query, index)| (query, *index))
    }

    /// Whether the query has been compiled yet.
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

/// A rule test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestCase {
    pub must_match: bool,
    pub before: Option<String>,
    pub after: Option<String>,
    pub path: Option<String>,
}

impl Rule {
    /// Whether the rule looks at a file with this path and language at all.
    pub fn applies_to(&self, path: &str, language: Option<Language>) -> bool {
        if !self.languages.is_empty() && !language.is_some_and(|l| self.languages.contains(&l)) {
            return false;
        }
        if self.paths.as_ref().is_some_and(|p| !p.is_match(path)) {
            return false;
        }
        !self.exclude.as_ref().is_some_and(|e| e.is_match(path))
    }
}

/// One problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    pub origin: String,
    pub location: Option<(usize, usize)>,
    pub rule: Option<String>,
    pub message: String,
}

/// Every problem found while loading rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RulesError(pub Vec<RuleProblem>);

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid rules ({} problem{})",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" }
        )?;
        for p in &self.0 {
            write!(f, "\n{}", p.origin)?;
            if let Some((line, col)) = p.location {
                write!(f, ":{line}:{col}")?;
            }
            write!(f, ": ")?;
            if let Some(rule) = &p.rule {
                write!(f, "rule `{rule}`: ")?;
            }
            write!(f, "{}", p.message)?;
        }
        Ok(())
    }
}

/// The rules of one run, sorted by id.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Per language, every new-side query rule compiled into one query (one tree walk per file).
    pub combined: Vec<CombinedQuery>,
}

/// Several rules' queries as one.
#[derive(Debug)]
pub struct CombinedQuery {
    pub language: Language,
    pub query: tree_sitter::Query,
    pub match_index: u32,
    /// Rule index (into `RuleSet::rules`) of each pattern.
    pub pattern_rules: Vec<usize>,
    /// The rules it covers.
    pub rules: Vec<usize>,
}

/// Concatenates the query rules of each language; a language whose combination does not compile
/// (it always should, each part compiled alone) simply runs its rules one by one.
fn combine(rules: &[Rule], present: Option<&BTreeSet<Language>>) -> Vec<CombinedQuery> {
    use rayon::prelude::*;
    Language::ALL
        .par_iter()
        .filter(|language| present.is_none_or(|p| p.contains(language)))
        .filter_map(|&language| combine_language(rules, language))
        .collect()
}

fn combine_language(rules: &[Rule], language: Language) -> Option<CombinedQuery> {
    let mut source = String::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        if rule.side != Side::New {
            continue;
        }
        if let Matcher::Query(queries) = &rule.matcher {
            if queries.iter().any(|slot| slot.language == language) {
                spans.push((source.len(), index));
                source.push_str(&rule.source);
                source.push('\n');
            }
        }
    }
    if spans.len() < 2 {
        return None;
    }
    let query = tree_sitter::Query::new(&language.grammar(), &source).ok()?;
    let match_index = query.capture_index_for_name("match")?;
    let pattern_rules = (0..query.pattern_count())
        .map(|p| {
            let start = query.start_byte_for_pattern(p);
            let at = spans.partition_point(|&(offset, _)| offset <= start);
            spans[at.saturating_sub(1)].1
        })
        .collect();
    Some(CombinedQuery {
        language,
        query,
        match_index,
        pattern_rules,
        rules: spans.iter().map(|&(_, i)| i).collect(),
    })
}

impl RuleSet {
    /// Loads built-in packs (all, or those named) and custom rule files, then drops disabled ids.
    pub fn load(
        packs: Option<&[String]>,
        custom: &[(String, String)],
        disable: &[String],
    ) -> Result<RuleSet, RulesError> {
        RuleSet::load_for(packs, custom, disable, None)
    }

    /// `load` for one change: the built-in rules' queries are compiled only for `present`
    /// languages (those of the change's files; compiling every grammar's queries costs more
    /// than a small change's whole analysis). Built-in queries are known to compile (their
    /// tests); custom rules are always compiled in full, so a broken one is an error whatever
    /// the change holds.
    pub fn load_for(
        packs: Option<&[String]>,
        custom: &[(String, String)],
        disable: &[String],
        present: Option<&BTreeSet<Language>>,
    ) -> Result<RuleSet, RulesError> {
        let mut problems = Vec::new();
        let mut rules = Vec::new();
        // Query compilation dominates loading: files compile in parallel, results keep file order.
        let mut sources: Vec<(String, &str)> = BUILTIN_PACKS
            .iter()
            .filter(|pack| packs.is_none_or(|wanted| wanted.iter().any(|w| pack.is(w))))
            .map(|pack| (format!("builtin:{}", pack.name), pack.text))
            .collect();
        sources.extend(
            custom
                .iter()
                .map(|(origin, text)| (origin.clone(), text.as_str())),
        );
        let compiled: Vec<(Vec<Rule>, Vec<RuleProblem>)> = {
            use rayon::prelude::*;
            sources
                .par_iter()
                .map(|(origin, text)| {
                    let (mut file_rules, mut file_problems) = (Vec::new(), Vec::new());
                    let eager = !origin.starts_with("builtin:");
                    compile_file(origin, text, eager, &mut file_rules, &mut file_problems);
                    (file_rules, file_problems)
                })
                .collect()
        };
        for (file_rules, file_problems) in compiled {
            rules.extend(file_rules);
            problems.extend(file_problems);
        }
        if let Some(wanted) = packs {
            for name in wanted {
                if !BUILTIN_PACKS.iter().any(|pack| pack.is(name)) {
                    let known: Vec<&str> = BUILTIN_PACKS.iter().map(|pack| pack.name).collect();
                    problems.push(RuleProblem {
                        origin: "policy".into(),
                        location: None,
                        rule: None,
                        message: format!(
                            "unknown rule pack `{name}` (built-in packs: {})",
                            known.join(", ")
                        ),
                    });
                }
            }
        }

        let mut seen: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
        for rule in &rules {
            if let Some((origin, line)) = seen.insert(&rule.id, (&rule.origin, rule.line)) {
                problems.push(RuleProblem {
                    origin: rule.origin.clone(),
                    location: Some((rule.line, 1)),
                    rule: Some(rule.id.clone()),
                    message: format!("duplicate id: already defined at {origin}:{line}"),
                });
            }
        }
        for id in disable {
            if !rules.iter().any(|r| &r.id == id) {
                problems.push(RuleProblem {
                    origin: "policy".into(),
                    location: None,
                    rule: None,
                    message: format!("rules.disable names `{id}`, which no loaded rule has"),
                });
            }
        }
        if !problems.is_empty() {
            return Err(RulesError(problems));
        }
        rules.retain(|r| !disable.contains(&r.id));
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let combined = combine(&rules, present);
        Ok(RuleSet { rules, combined })
    }

    /// The built-in packs only.
    pub fn builtin() -> Result<RuleSet, RulesError> {
        RuleSet::load(None, &[], &[])
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Parses one rule file and compiles each rule, collecting problems.
fn compile_file(
    origin: &str,
    text: &str,
    eager: bool,
    rules: &mut Vec<Rule>,
    problems: &mut Vec<RuleProblem>,
) {
    let raw: Vec<RawRule> = match serde_yaml::from_str::<Option<Vec<RawRule>>>(text) {
        Ok(list) => list.unwrap_or_default(),
        Err(e) => {
            let message = crate::policy::error::parser_message(&e);
            problems.push(RuleProblem {
                origin: origin.to_owned(),
                location: e.location().map(|l| (l.line(), l.column())),
                rule: None,
                message,
            });
            return;
        }
    };
    let mut search_from = 0;
    for rule in raw {
        let (line, id_offset) = locate_id(text, &rule.id, search_from);
        search_from = id_offset;
        match compile_rule(rule, origin, text, eager, line, id_offset) {
            Ok(rule) => rules.push(rule),
            Err(mut errs) => problems.append(&mut errs),
        }
    }
}

/// Line (1-based) and byte offset of `id: <id>` at or after `from`.
fn locate_id(text: &str, id: &str, from: usize) -> (usize, usize) {
    let offset = text
        .get(from..)
        .and_then(|rest| {
            rest.match_indices(id)
                .find(|(i, _)| {
                    rest[..*i]
                        .trim_end_matches(['"', '\'', ' '])
                        .ends_with("id:")
                })
                .map(|(i, _)| from + i)
        })
        .unwrap_or(from);
    (
        text[..offset.min(text.len())].matches('\n').count() + 1,
        offset,
    )
}

fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

fn compile_rule(
    raw: RawRule,
    origin: &str,
    text: &str,
    eager: bool,
    line: usize,
    id_offset: usize,
) -> Result<Rule, Vec<RuleProblem>> {
    let mut problems = Vec::new();
    let problem = |location: Option<(usize, usize)>, message: String| RuleProblem {
        origin: origin.to_owned(),
        location,
        rule: Some(raw.id.clone()),
        message,
    };
    let at_id = Some((line, 1));
    if !is_kebab_id(&raw.id) {
        problems.push(problem(
            at_id,
            "ids are kebab-case, optionally `pack/name` (e.g. `rust/unwrap`)".into(),
        ));
    }
    let mut languages = Vec::new();
    for name in raw
        .language
        .clone()
        .map(|l| l.into_vec())
        .unwrap_or_default()
    {
        match Language::from_name(&name) {
            Some(l) => languages.push(l),
            None => {
                let known: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
                problems.push(problem(
                    at_id,
                    format!("unknown language `{name}` (known: {})", known.join(", ")),
                ));
            }
        }
    }
    let matchers = [raw.query.is_some(), raw.key.is_some(), raw.regex.is_some()];
    if matchers.iter().filter(|m| **m).count() != 1 {
        problems.push(problem(
            at_id,
            "needs exactly one matcher: `query`, `key` (with `when`) or `regex`".into(),
        ));
        return Err(problems);
    }
    if raw.when.is_some() && raw.key.is_none() {
        problems.push(problem(at_id, "`when` only applies to `key` rules".into()));
    }
    let mut exclude_globs = Vec::new();
    let mut exclude_test_code = false;
    for entry in &raw.exclude {
        if entry == "test-code" {
            exclude_test_code = true;
        } else {
            match Pattern::new(entry) {
                Ok(p) => exclude_globs.push(p),
                Err(e) => problems.push(problem(at_id, e)),
            }
        }
    }
    let placeholders = placeholders(&raw.message);
    let source = match (&raw.query, &raw.key, &raw.regex) {
        (Some(q), _, _) => q.trim_end().to_owned(),
        (_, Some(k), _) => format!(
            "key: {k}\nwhen: {}{}",
            raw.when
                .as_ref()
                .map_or("any change".into(), RawWhen::describe),
            if raw.deleted_files {
                "\nalso on files the change deletes"
            } else {
                ""
            }
        ),
        (_, _, Some(r)) => r.clone(),
        _ => String::new(),
    };
    let matcher = if let Some(query) = &raw.query {
        if languages.is_empty() {
            problems.push(problem(at_id, "a `query` rule needs `language:`".into()));
        }
        let mut compiled = Vec::new();
        for &language in &languages {
            if !eager {
                compiled.push(QuerySlot::deferred(language, query));
                continue;
            }
            match tree_sitter::Query::new(&language.grammar(), query) {
                Ok(q) => {
                    let Some(index) = q.capture_index_for_name("match") else {
                        problems.push(problem(
                            query_location(text, id_offset, 0, 0),
                            "the query has no `@match` capture to report".into(),
                        ));
                        continue;
                    };
                    for pattern in 0..q.pattern_count() {
                        // Text predicates are evaluated by tree-sitter; anything else would be
                        // silently ignored, so it is an error.
                        let unsupported = q
                            .general_predicates(pattern)
                            .iter()
                            .map(|p| p.operator.to_string())
                            .chain(q.property_predicates(pattern).iter().map(|(p, positive)| {
                                let _ = p;
                                if *positive {
                                    "is?".to_owned()
                                } else {
                                    "is-not?".to_owned()
                                }
                            }))
                            .chain(
                                q.property_settings(pattern)
                                    .iter()
                                    .map(|_| "set!".to_owned()),
                            )
                            .next();
                        if let Some(operator) = unsupported {
                            problems.push(problem(
                                query_location(text, id_offset, 0, 0),
                                format!("unsupported predicate `#{operator}` (supported: #eq? #not-eq? #match? #not-match? #any-of? #not-any-of?)"),
                            ));
                        }
                    }
                    for name in &placeholders {
                        if !q.capture_names().contains(&name.as_str())
                            && !is_context_placeholder(name)
                        {
                            problems.push(problem(at_id, format!("message uses `{{{{{name}}}}}`, which the query does not capture")));
                        }
                    }
                    compiled.push(QuerySlot::compiled(language, query, q, index));
                }
                Err(e) => problems.push(problem(
                    query_location(text, id_offset, e.row, e.column),
                    format!(
                        "invalid {} query ({:?} error): {}",
                        language.name(),
                        e.kind,
                        e.message.trim()
                    ),
                )),
            }
        }
        Matcher::Query(compiled)
    } else if let Some(key) = &raw.key {
        let pattern = KeyPattern::new(key).unwrap_or_else(|e| {
            problems.push(problem(at_id, format!("invalid key pattern: {e}")));
            KeyPattern::new("**").expect("valid")
        });
        if !languages.iter().all(|l| l.is_config()) {
            problems.push(problem(
                at_id,
                "`key` rules apply to config languages only (yaml, json, toml, hcl)".into(),
            ));
        }
        if languages.is_empty() {
            languages = vec![
                Language::Yaml,
                Language::Json,
                Language::Toml,
                Language::Hcl,
            ];
        }
        for name in &placeholders {
            if !matches!(name.as_str(), "key" | "before" | "after") && !is_context_placeholder(name)
            {
                problems.push(problem(at_id, format!("message uses `{{{{{name}}}}}`; key rules offer key, before, after, tier, path")));
            }
        }
        let when = match raw.when.map(When::try_from).transpose() {
            Ok(when) => when.unwrap_or_default(),
            Err(e) => {
                problems.push(problem(at_id, e));
                When::default()
            }
        };
        Matcher::Key { pattern, when }
    } else {
        let source = raw.regex.as_deref().unwrap_or_default();
        match regex::Regex::new(source) {
            Ok(re) => {
                for name in &placeholders {
                    if !re.capture_names().flatten().any(|n| n == name)
                        && !is_context_placeholder(name)
                    {
                        problems.push(problem(
                            at_id,
                            format!(
                                "message uses `{{{{{name}}}}}`, which the regex does not capture"
                            ),
                        ));
                    }
                }
                Matcher::Regex(re)
            }
            Err(e) => {
                problems.push(problem(at_id, format!("invalid regex: {e}")));
                Matcher::Regex(regex::Regex::new("$^").expect("valid"))
            }
        }
    };
    let mut optional_regex = |source: &Option<String>, field: &str| {
        source.as_deref().and_then(|r| match regex::Regex::new(r) {
            Ok(re) => Some(re),
            Err(e) => {
                problems.push(problem(at_id, format!("invalid `{field}` regex: {e}")));
                None
            }
        })
    };
    let unless = optional_regex(&raw.unless, "unless");
    let file_contains = optional_regex(&raw.file_contains, "file_contains");
    if raw.unless.is_some() && raw.regex.is_none() {
        problems.push(problem(
            at_id,
            "`unless` only applies to `regex` rules".into(),
        ));
    }
    if raw.side == Side::Old && raw.query.is_none() && raw.regex.is_none() {
        problems.push(problem(
            at_id,
            "`side: old` only applies to `query` and `regex` rules".into(),
        ));
    }
    let tests: Vec<TestCase> = raw
        .tests
        .must_match
        .iter()
        .map(|c| (true, c))
        .chain(raw.tests.no_match.iter().map(|c| (false, c)))
        .map(|(must_match, case)| match case {
            RawCase::Text(after) => TestCase {
                must_match,
                before: None,
                after: Some(after.clone()),
                path: None,
            },
            RawCase::Sides(s) => TestCase {
                must_match,
                before: s.before.clone(),
                after: s.after.clone(),
                path: s.path.clone(),
            },
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    // A built-in rule without its own link points at its catalog entry.
    let url = raw.url.clone().or_else(|| {
        origin
            .starts_with("builtin:")
            .then(|| format!("{CATALOG_URL}#{}", catalog_anchor(&raw.id)))
    });
    Ok(Rule {
        id: raw.id,
        languages,
        severity: raw.severity,
        tiers: raw.tiers,
        path_globs: raw.paths.iter().map(|p| p.glob.glob().to_owned()).collect(),
        paths: (!raw.paths.is_empty()).then(|| glob_set(&raw.paths)),
        exclude: (!exclude_globs.is_empty()).then(|| glob_set(&exclude_globs)),
        exclude_test_code,
        scope: raw.scope,
        side: raw.side,
        unless,
        file_contains,
        message: raw.message,
        note: raw.note,
        url,
        supersedes: raw.supersedes,
        deleted_files: raw.deleted_files,
        matcher,
        source,
        tests,
        origin: origin.to_owned(),
        line,
    })
}

fn is_context_placeholder(name: &str) -> bool {
    matches!(name, "tier" | "path" | "line")
}

/// `{{name}}` placeholders in a message.
pub fn placeholders(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                out.push(after[..end].trim().to_owned());
                rest = &after[end + 2..];
            }
            None => break,
        }
    }
    out
}

/// Where in the YAML file a query error sits: the `query:` after the rule's id, plus the
/// error's row/column inside the query text (block scalars start on the next line, indented).
fn query_location(
    text: &str,
    id_offset: usize,
    row: usize,
    column: usize,
) -> Option<(usize, usize)> {
    let rest = text.get(id_offset..)?;
    let key = rest.find("query:")? + id_offset;
    let key_line = text[..key].matches('\n').count() + 1;
    let line_start = text[..key].rfind('\n').map_or(0, |p| p + 1);
    let after_key = text[key + "query:".len()..]
        .lines()
        .next()
        .unwrap_or("")
        .trim();
    if after_key.starts_with('|') || after_key.starts_with('>') {
        // Block scalar: content starts on the next line, at its indentation.
        let indent = text[key..]
            .lines()
            .nth(1)
            .map_or(0, |l| l.len() - l.trim_start().len());
        Some((key_line + 1 + row, indent + column + 1))
    } else {
        let after = &text[key + "query:".len()..];
        let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
        let value_col = key - line_start + "query:".len() + spaces;
        Some((key_line + row, value_col + column + 1))
    }
}

#[cfg(test)]
mod tests;
