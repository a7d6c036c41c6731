//! Transition conditions of config rules: what a key's value was and became.

use super::raw::RawWhen;
use crate::analysis::syntax::config::ConfigChange;
use crate::util::quantity::quantity;

/// Compiled `when:`; every set condition must hold.
#[derive(Debug, Clone, Default)]
pub struct When {
    pub from: Option<Vec<String>>,
    pub to: Option<Vec<String>>,
    pub added: Option<bool>,
    pub removed: Option<bool>,
    pub changed: Option<bool>,
    pub decreased_by_percent: Option<f64>,
    pub increased_by_factor: Option<f64>,
    pub matches: Option<regex::Regex>,
    pub not_matches: Option<regex::Regex>,
    pub credential: Option<bool>,
}

impl TryFrom<RawWhen> for When {
    type Error = String;

    fn try_from(raw: RawWhen) -> Result<Self, String> {
        let compile = |r: Option<String>, name: &str| {
            r.map(|r| {
                regex::Regex::new(&r).map_err(|e| format!("invalid `when.{name}` regex: {e}"))
            })
            .transpose()
        };
        Ok(When {
            matches: compile(raw.matches, "matches")?,
            not_matches: compile(raw.not_matches, "not_matches")?,
            from: raw.from.map(|v| v.texts()),
            to: raw.to.map(|v| v.texts()),
            added: raw.added,
            removed: raw.removed,
            changed: raw.changed,
            credential: raw.credential,
            decreased_by_percent: raw.decreased_by_percent,
            increased_by_factor: raw.increased_by_factor,
        })
    }
}

impl When {
    /// Whether no condition is set (which means "any change").
    pub fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.to.is_none()
            && self.added.is_none()
            && self.removed.is_none()
            && self.changed.is_none()
            && self.decreased_by_percent.is_none()
            && self.increased_by_factor.is_none()
            && self.matches.is_none()
            && self.not_matches.is_none()
            && self.credential.is_none()
    }

    /// Whether `change` satisfies every condition.
    pub fn holds(&self, change: &ConfigChange) -> bool {
        let before = change.before.as_ref();
        let after = change.after.as_ref();
        let before_text = before.and_then(|e| e.text.as_deref());
        let after_text = after.and_then(|e| e.text.as_deref());
        let checks = [
            self.added
                .map(|want| want == (before.is_none() && after.is_some())),
            self.removed
                .map(|want| want == (before.is_some() && after.is_none())),
            self.changed
                .map(|want| want == (before.is_some() && after.is_some())),
            self.from
                .as_ref()
                .map(|vals| before_text.is_some_and(|t| vals.iter().any(|v| same(v, t)))),
            self.to
                .as_ref()
                .map(|vals| after_text.is_some_and(|t| vals.iter().any(|v| same(v, t)))),
            self.decreased_by_percent.map(|pct| {
                match (
                    before_text.and_then(quantity),
                    after_text.and_then(quantity),
                ) {
                    (Some((b, bu)), Some((a, au))) if bu == au && b > 0.0 => {
                        (b - a) / b * 100.0 >= pct
                    }
                    _ => false,
                }
            }),
            self.matches
                .as_ref()
                .map(|re| after_text.is_some_and(|t| re.is_match(t))),
            self.not_matches
                .as_ref()
                .map(|re| after_text.is_some_and(|t| !re.is_match(t))),
            self.credential.map(|want| {
                want == after_text
                    .is_some_and(|t| super::credential::is_credential(&change.path, t))
            }),
            self.increased_by_factor.map(|factor| {
                match (
                    before_text.and_then(quantity),
                    after_text.and_then(quantity),
                ) {
                    (Some((b, bu)), Some((a, au))) if bu == au && b > 0.0 => a / b >= factor,
                    _ => false,
                }
            }),
        ];
        checks.iter().all(|c| c.unwrap_or(true))
    }
}

/// Equal as text, or as numbers (`0` = `0.0`), or as quantities with units when the rule gives
/// none (`to: 0` matches `0s`).
fn same(want: &str, have: &str) -> bool {
    if want.eq_ignore_ascii_case(have) {
        return true;
    }
    match (quantity(want), quantity(have)) {
        (Some((w, wu)), Some((h, hu))) => w == h && (wu == hu || wu.is_empty()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::syntax::config::Entry;

    fn change(before: Option<&str>, after: Option<&str>) -> ConfigChange {
        let entry = |t: &str| Entry {
            text: Some(t.to_owned()),
            kind: "scalar",
            line: 1,
        };
        ConfigChange {
            path: "k".into(),
            before: before.map(entry),
            after: after.map(entry),
        }
    }

    #[test]
    fn conditions() {
        let to_zero = When {
            to: Some(vec!["0".into()]),
            ..When::default()
        };
        assert!(to_zero.holds(&change(Some("3"), Some("0"))));
        assert!(to_zero.holds(&change(Some("30s"), Some("0s"))));
        assert!(!to_zero.holds(&change(Some("3"), Some("1"))));
        assert!(!to_zero.holds(&change(Some("0"), None)));

        let removed = When {
            removed: Some(true),
            ..When::default()
        };
        assert!(removed.holds(&change(Some("x"), None)));
        assert!(!removed.holds(&change(None, Some("x"))));

        let decreased = When {
            decreased_by_percent: Some(50.0),
            ..When::default()
        };
        assert!(decreased.holds(&change(Some("10"), Some("4"))));
        assert!(!decreased.holds(&change(Some("10"), Some("6"))));
        assert!(
            !decreased.holds(&change(Some("10s"), Some("1m"))),
            "different units are not compared"
        );

        let raised = When {
            increased_by_factor: Some(10.0),
            ..When::default()
        };
        assert!(raised.holds(&change(Some("100"), Some("1000"))));
        assert!(!raised.holds(&change(Some("100"), Some("999"))));

        let flip = When {
            from: Some(vec!["true".into()]),
            to: Some(vec!["false".into()]),
            ..When::default()
        };
        assert!(flip.holds(&change(Some("true"), Some("false"))));
        assert!(flip.holds(&change(Some("True"), Some("False"))));
        assert!(!flip.holds(&change(None, Some("false"))));
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity("500m"), Some((500.0, "m")));
        assert_eq!(quantity("-1"), Some((-1.0, "")));
        assert_eq!(quantity("100%"), Some((100.0, "%")));
        assert_eq!(quantity("abc"), None);
        assert_eq!(quantity("1.2.3"), None);
    }
}
