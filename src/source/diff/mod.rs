//! Diffs in both directions: parsing unified diffs into `FileChange`s (the `--diff` source) and
//! computing hunks from two full texts (the git and API sources, where both blobs are known).

mod hunks;
mod parser;
mod quoted;

pub use hunks::{compute_hunks, compute_hunks_shared};
pub use parser::{parse_patch, PatchError};
pub use quoted::{unquote_c_path, QuoteError};
