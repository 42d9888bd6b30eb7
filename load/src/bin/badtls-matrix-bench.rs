//! `badtls-matrix-bench`: the client matrix's wall time as a user sees it, and what batching the
//! probe programs saves against starting one process per cell. Figures, not a gate: it exits 0
//! whenever every run finished, and warns when the two modes judged a cell differently.

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use badtls_load::matrix_bench::{self, MatrixBenchOptions};

/// Benchmark of the badtls client matrix.
///
/// Times `badtls matrix` end to end (--runs processes, each starting the embedded suite), then
/// starts one suite and runs the matrix over it with the probe programs (Python urllib and
/// requests, Node, Java HttpClient and URLConnection, Go) batched as `badtls matrix` runs them
/// (--runs times), and with one process per cell (--per-cell-runs times). Prints medians, the
/// per-client times and the ratio. Clients that are not installed are skipped, as in the matrix.
#[derive(Parser)]
#[command(name = "badtls-matrix-bench", version)]
struct Args {
    /// The badtls binary [default: `badtls` next to this program, e.g. target/release/badtls]
    #[arg(long, value_name = "PATH")]
    badtls: Option<PathBuf>,
    /// End-to-end runs, and batched runs (1 to 20)
    #[arg(long, default_value_t = 3, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=20))]
    runs: u64,
    /// Runs with one process per cell, each a minute or more (1 to 10)
    #[arg(long, default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=10))]
    per_cell_runs: u64,
    /// Processes of one probe client at a time in the per-cell runs [default: the CPU count]
    #[arg(long, value_name = "N")]
    per_cell_jobs: Option<usize>,
    /// Only this client (repeatable), as in `badtls matrix --client`
    #[arg(long = "client", value_name = "NAME")]
    clients: Vec<String>,
    /// As `badtls matrix --jobs`
    #[arg(long, default_value_t = 4, value_name = "N")]
    jobs: usize,
    /// As `badtls matrix --timeout`, in seconds (1 to 60)
    #[arg(long, default_value_t = 4, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=60))]
    timeout: u64,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // The parsers above bound every number: these conversions cannot truncate.
    let opts = MatrixBenchOptions {
        badtls: args
            .badtls
            .unwrap_or_else(badtls_load::server::sibling_badtls),
        runs: args.runs as usize,
        per_cell_runs: args.per_cell_runs as usize,
        per_cell_jobs: args.per_cell_jobs.unwrap_or_else(badtls_load::procfs::cpus),
        clients: args.clients,
        jobs: args.jobs.max(1),
        timeout: Duration::from_secs(args.timeout),
    };
    let report = matrix_bench::run(&opts)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.render());
    }
    Ok(())
}
