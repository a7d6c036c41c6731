//! `changegate policy show`: the effective policy, one value per line with where it came from
//! (like `git config --show-origin`): the repository's file and line, the baseline's, or a
//! built-in default.

use super::{spans, Policy};

impl Policy {
    /// Every effective value as `ORIGIN<TAB>KEY = VALUE`, in file order.
    pub fn show(&self) -> String {
        let mut out = Shown {
            policy: self,
            lines: Vec::new(),
        };
        out.value("version", "1".into());
        if let Some(baseline) = &self.baseline {
            out.value("extends", baseline.clone());
        }
        out.value(
            "case_insensitive_paths",
            self.case_insensitive_paths.to_string(),
        );
        for tier in &self.tiers {
            let key = spans::join("tiers", &tier.name);
            let r = &tier.require;
            out.value(&format!("{key}.paths"), list(&tier.patterns));
            if !tier.excludes.is_empty() {
                out.value(&format!("{key}.exclude"), list(&tier.excludes));
            }
            let req = |field: &str| format!("{key}.require.{field}");
            out.value(&req("approvals"), r.approvals.to_string());
            out.value(&req("fresh_approvals"), r.fresh_approvals.to_string());
            out.value(
                &req("exclude_contributors"),
                r.exclude_contributors.to_string(),
            );
            out.value(&req("reviewers_from"), list(&r.reviewers_from));
            out.value(
                &req("reviewers_from_count"),
                r.reviewers_from_count.to_string(),
            );
            out.value(&req("require_code_owner"), r.require_code_owner.to_string());
            out.value(&req("docs"), list(&r.docs));
            out.value(&req("complete_analysis"), r.complete_analysis.to_string());
        }
        for doc in &self.docs {
            let key = spans::join("docs", &doc.key);
            out.value(&format!("{key}.heading"), doc.heading.clone());
            out.value(&format!("{key}.min_words"), doc.min_words.to_string());
        }
        out.value(
            "rules.packs",
            self.rule_packs
                .as_ref()
                .map_or_else(|| "all".to_owned(), |p| list(p)),
        );
        out.value("rules.dirs", list(&self.rule_dirs));
        out.value("rules.disable", list(&self.rule_disable));
        for (team, members) in &self.teams {
            out.value(&spans::join("teams", team), list(members));
        }
        out.value("bots", list(&self.bots));
        let ai = &self.ai;
        let trailers: Vec<String> = ai
            .trailers
            .iter()
            .map(|(t, v)| format!("{t}: {v}"))
            .collect();
        out.value("ai_assisted.trailers", list(&trailers));
        out.value("ai_assisted.labels", list(&ai.labels));
        out.value("ai_assisted.authors", list(&ai.authors));
        out.value("ai_assisted.messages", list(&ai.messages));
        out.value("ai_assisted.branches", list(&ai.branches));
        if let Some(checkbox) = &ai.checkbox {
            out.value("ai_assisted.checkbox", checkbox.clone());
        }
        out.value(
            "ai_assisted.require.extra_approvals",
            ai.extra_approvals.to_string(),
        );
        out.value(
            "ai_assisted.require.reviewers_from",
            list(&ai.reviewers_from),
        );
        out.value("ai_assisted.require.tiers", list(&ai.tiers));
        out.value("automation.authors", list(&self.automation.authors));
        out.value(
            "automation.may_change",
            if self.automation.version_bumps_only {
                "version-bumps"
            } else {
                "anything"
            }
            .into(),
        );
        if let Some(ticket) = &self.ticket {
            out.value("ticket", ticket.as_str().to_owned());
        }
        let blast = &self.blast;
        if let Some(limit) = blast.block_above {
            out.value("blast_radius.block_above", limit.to_string());
        }
        if let Some((score, approvals)) = blast.require_approvals_above {
            out.value(
                "blast_radius.require_approvals_above",
                format!("score {score}, approvals {approvals}"),
            );
        }
        out.value("blast_radius.fan_in", blast.fan_in.to_string());
        let width = out.lines.iter().map(|(o, _)| o.len()).max().unwrap_or(0);
        let mut text = String::new();
        for (origin, line) in out.lines {
            text.push_str(&format!("{origin:<width$}  {line}\n"));
        }
        text
    }
}

struct Shown<'a> {
    policy: &'a Policy,
    lines: Vec<(String, String)>,
}

impl Shown<'_> {
    fn value(&mut self, key: &str, value: String) {
        let origin = self.origin(key);
        self.lines.push((origin, format!("{key} = {value}")));
    }

    /// The file and line that set `key`; `default` when none did.
    fn origin(&self, key: &str) -> String {
        let section = key.split(['.', '[']).next().unwrap_or(key);
        let policy = self.policy;
        let file = policy.file.as_deref().unwrap_or("built-in");
        if policy.file.is_none() {
            return "built-in".into();
        }
        if policy.spans.exact(section).is_some() {
            return match policy.spans.exact(key) {
                Some((line, _)) => format!("{file}:{line}"),
                None => "default".into(),
            };
        }
        if let (Some(baseline), Some(spans)) = (&policy.baseline, &policy.baseline_spans) {
            if section == "extends" {
                return policy
                    .spans
                    .exact("extends")
                    .map_or_else(|| file.to_owned(), |(line, _)| format!("{file}:{line}"));
            }
            if spans.exact(section).is_some() {
                return match spans.exact(key) {
                    Some((line, _)) => format!("{baseline}:{line}"),
                    None => "default".into(),
                };
            }
        }
        // Sections no file writes: AI and automation come from the built-in policy.
        if matches!(section, "ai_assisted" | "automation") {
            "built-in".into()
        } else {
            "default".into()
        }
    }
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}
