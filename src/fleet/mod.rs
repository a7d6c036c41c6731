//! The fleet: many systems under one policy, audited on the org's own CI engine.
//!
//! Stages: `systems` (the inventory, `systems.yml`) → `matrix` (one CI job per system) → each
//! job runs `changegate audit --systems … --system NAME` → `merge` (the per-system JSON reports
//! joined into one org audit) → `report` / `html` (md, json, csv, html).

pub mod html;
pub mod matrix;
pub mod merge;
pub mod report;
pub mod systems;
