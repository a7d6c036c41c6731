//! changegate: a deterministic change-safety gate.
//!
//! One pipeline, five stages: a source reads the change into a `ChangeSet`; `analysis` learns
//! what each file is; `checks` produce `Finding`s; the `Verdict` sorts and judges them; `report`
//! renders the verdict. Only `source` touches git or the file system; everything after it is pure.

pub mod analysis;
pub mod audit;
pub mod checks;
pub mod cli;
pub mod facts;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
mod pipeline;
pub mod platform;
pub mod policy;
pub mod report;
pub mod rules;
pub mod source;
pub mod util;
pub mod verdict;

pub use pipeline::{check, check_timed, load_rules, CheckOptions, Error, SourceSpec, Timings};
