//! `changegate fleet`: the systems inventory turned into the CI engine's job matrix.

use crate::fleet::matrix::{self, Shard};
use crate::fleet::systems::{Inventory, PlatformName};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum FleetCommand {
    /// Print the job matrix for auditing every system of the inventory, one job each: GitHub
    /// Actions `strategy.matrix` JSON (for `fromJSON`), or a GitLab child pipeline
    /// (`parallel:matrix`). Systems on the other platform are named on stderr.
    Matrix(MatrixArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixPlatform {
    Github,
    Gitlab,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// The inventory (systems.yml).
    pub systems: PathBuf,
    #[arg(long, value_enum)]
    pub platform: MatrixPlatform,
    /// Only the I-th of N parts (GitHub caps a matrix at 256 jobs).
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// GitLab: the file (in the parent project) defining `.changegate-fleet-audit` and
    /// `.changegate-fleet-merge`, included by the child pipeline.
    #[arg(long, value_name = "PATH", default_value = "ci/changegate-fleet.yml")]
    pub template: String,
}

pub fn run(command: &FleetCommand) -> anyhow::Result<u8> {
    let FleetCommand::Matrix(args) = command;
    let inventory = Inventory::load(&args.systems)?;
    let platform = match args.platform {
        MatrixPlatform::Github => PlatformName::Github,
        MatrixPlatform::Gitlab => PlatformName::Gitlab,
    };
    let (systems, others) = matrix::select(&inventory, platform, args.shard);
    let text = match platform {
        PlatformName::Github => matrix::github(&systems)?,
        PlatformName::Gitlab => matrix::gitlab(&systems, &args.template)?,
    };
    if !others.is_empty() {
        eprintln!(
            "changegate fleet matrix: {} system{} not on {} (audit them from their own platform's CI): {}",
            others.len(),
            if others.len() == 1 { " is" } else { "s are" },
            platform.name(),
            others.join(", ")
        );
    }
    print!("{text}");
    Ok(0)
}
