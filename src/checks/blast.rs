//! Blocks a change whose blast radius is above `blast_radius.block_above`; the score and its
//! table are always in the report.

use super::{Check, CheckContext};
use crate::model::{Finding, Severity};

pub struct Blast;

impl Check for Blast {
    fn id(&self) -> &'static str {
        "blast"
    }

    fn run(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let Some(limit) = cx.policy.blast.block_above else {
            return;
        };
        let blast = &cx.facts.blast;
        if blast.score <= limit {
            return;
        }
        let top: Vec<String> = blast
            .components
            .iter()
            .filter(|c| c.points > 0)
            .map(|c| format!("{} {}", c.id, c.points))
            .collect();
        out.push(
            Finding::new(
                self.id(),
                "blast/too-wide",
                Severity::Error,
                format!("blast radius {} is above the limit of {limit}", blast.score),
            )
            .blocking(true)
            .note(format!(
                "split the change, or get it approved outside the gate; points: {}",
                top.join(", ")
            )),
        );
    }
}
