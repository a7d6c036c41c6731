//! Small, stage-free helpers: glob matching, Markdown sections, secret redaction. Nothing here
//! knows about changes, policies or findings.

pub mod escape;
pub mod glob;
pub mod markdown;
pub mod quantity;
pub mod redact;

/// Test helper: `generated` is what `schemas/NAME` holds (`CHANGEGATE_BLESS=1` rewrites it).
#[cfg(test)]
pub(crate) fn assert_schema_checked_in(name: &str, generated: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name);
    if std::env::var("CHANGEGATE_BLESS").is_ok() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/{name} is stale: run `CHANGEGATE_BLESS=1 cargo test checked_in_json_schema` and commit it"
    );
}
