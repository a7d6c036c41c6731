//! `changegate publish`: posts a JSON verdict from an earlier, unprivileged job to GitHub (the
//! `workflow_run` pattern for fork pull requests).

use super::PublishArgs;
use anyhow::Context as _;

pub fn run(args: &PublishArgs) -> anyhow::Result<u8> {
    let PublishArgs {
        report,
        github_token,
        neutral_on_warnings,
    } = args;
    let text = std::fs::read_to_string(report)
        .with_context(|| format!("cannot read {}", report.display()))?;
    let verdict = crate::report::json::parse(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", report.display()))?;
    let env = crate::platform::github::Env::from_env()
        .ok_or_else(|| anyhow::anyhow!("`publish` runs in GitHub Actions (GITHUB_ACTIONS=true)"))?
        .map_err(anyhow::Error::msg)?;
    let token = github_token
        .clone()
        .or_else(|| std::env::var("GITHUB_TOKEN").ok());
    Ok(crate::platform::github::publish(
        &env,
        token,
        &verdict,
        *neutral_on_warnings,
    )?)
}
