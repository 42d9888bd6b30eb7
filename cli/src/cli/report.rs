//! `badtls report merge`: the JSON reports of many runs (partitions, platforms) as one matrix.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use badtls_matrix::baseline::Baseline;
use badtls_matrix::merge;
use badtls_matrix::runner::MatrixResult;
use clap::{Args, Subcommand};

use super::output::ReportOutput;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Merge JSON reports of `badtls matrix` (partitions, other machines) into one matrix.
    ///
    /// Each client becomes one column per platform, CLIENT@LABEL (curl@linux-x86_64,
    /// curl@windows-x86_64; LABEL is the run's OS-ARCH or its --platform-label), and the
    /// partitions of one platform fill one column together. Runs against different catalogues
    /// (other scenarios or expectations), or that both have a cell, are refused. Same formats
    /// and exit codes as `badtls matrix`: 0 when nothing unexpected happened, 1 otherwise, 2
    /// for bad input.
    Merge(MergeArgs),
}

#[derive(Args)]
pub struct MergeArgs {
    /// The reports (`badtls matrix --out FILE.json`), in the order their columns should appear.
    #[arg(value_name = "FILE.json", required = true)]
    files: Vec<PathBuf>,
    /// Known deviations (TOML): rows apply to their client on every platform, or with
    /// `platform = LABEL` on that platform only. The runs must have been made without one.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Fail on XPASS too, as `badtls matrix --strict`.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: ReportOutput,
}

pub fn run(command: ReportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ReportCommand::Merge(args) => run_merge(args),
    }
}

fn run_merge(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let mut runs: Vec<(String, MatrixResult)> = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{name}: cannot read it"))?;
        let run: MatrixResult = serde_json::from_str(&text)
            .with_context(|| format!("{name}: not a JSON report of `badtls matrix`"))?;
        runs.push((name, run));
    }
    let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
    let result = merge::merge(&runs, baseline.as_ref(), args.strict).map_err(|e| anyhow!(e))?;
    for (label, count, present) in merge::missing_partitions(&result.merged_from) {
        let present: Vec<String> = present.iter().map(usize::to_string).collect();
        eprintln!(
            "badtls: warning: {label}: only partitions {} of {count} were merged",
            present.join(", ")
        );
    }
    args.output.write(&result)
}
