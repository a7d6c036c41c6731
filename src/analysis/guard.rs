//! Containment of bugs: each per-file stage runs under `catch_unwind`, so a panic in one file's
//! analysis becomes a finding about that file and the run goes on to a verdict (exit 0, 1 or
//! 2, never an abort). The release profile unwinds for exactly this reason.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A stage that panicked, and what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalError {
    pub stage: &'static str,
    pub message: String,
}

impl std::fmt::Display for InternalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "internal error in {}: {} (please report it)",
            self.stage, self.message
        )
    }
}

/// Which stage a guarded closure is in, so a panic names it.
pub struct Stage(Cell<&'static str>);

impl Stage {
    pub fn set(&self, stage: &'static str) {
        self.0.set(stage);
    }
}

/// Runs `work`, turning a panic into an `InternalError` naming the stage it was in.
pub fn run<T>(
    first_stage: &'static str,
    work: impl FnOnce(&Stage) -> T,
) -> Result<T, InternalError> {
    let stage = Stage(Cell::new(first_stage));
    catch_unwind(AssertUnwindSafe(|| work(&stage))).map_err(|payload| InternalError {
        stage: stage.0.get(),
        message: panic_message(payload.as_ref()),
    })
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    // One line, bounded: a panic message may quote input.
    crate::util::escape::clip(&text.replace(['\n', '\r'], " "), 300)
}

/// A panic planted by unit tests in the analysis of one path, to prove containment.
#[cfg(test)]
pub mod inject {
    use std::sync::Mutex;

    static PATH: Mutex<Option<String>> = Mutex::new(None);

    pub fn panic_on(path: Option<&str>) {
        *PATH.lock().unwrap_or_else(|e| e.into_inner()) = path.map(str::to_owned);
    }

    pub fn maybe_panic(path: &str) {
        let planted = PATH.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if planted.as_deref() == Some(path) {
            panic!("planted panic for {path}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_names_the_stage_it_happened_in() {
        let err = run("parse", |stage| {
            stage.set("config keys");
            if stage.0.get() == "config keys" {
                panic!("boom\nsecond line");
            }
            1
        })
        .unwrap_err();
        assert_eq!(err.stage, "config keys");
        assert_eq!(err.message, "boom second line");
        assert_eq!(run("parse", |_| 7), Ok(7));
    }
}
