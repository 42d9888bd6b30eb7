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
    /// End-to-end runs, and batched runs
    #[arg(long, default_value_t = 3, value_name = "N")]
    runs: usize,
    /// Runs with one process per cell (each takes a minute or more)
    #[arg(long, default_value_t = 1, value_name = "N")]
    per_cell_runs: usize,
    /// Processes of one probe client at a time in the per-cell runs [default: the CPU count]
    #[arg(long, value_name = "N")]
    per_cell_jobs: Option<usize>,
    /// Only this client (repeatable), as in `badtls matrix --client`
    #[arg(long = "client", value_name = "NAME")]
    clients: Vec<String>,
    /// As `badtls matrix --jobs`
    #[arg(long, default_value_t = 4, value_name = "N")]
    jobs: usize,
    /// As `badtls matrix --timeout`, in seconds
    #[arg(long, default_value_t = 4, value_name = "SECS")]
    timeout: u64,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!((1..=20).contains(&args.runs), "--runs: 1 to 20");
    anyhow::ensure!(
        (1..=10).contains(&args.per_cell_runs),
        "--per-cell-runs: 1 to 10"
    );
    anyhow::ensure!(
        (1..=60).contains(&args.timeout),
        "--timeout: 1 to 60 seconds"
    );
    let opts = MatrixBenchOptions {
        badtls: args
            .badtls
            .unwrap_or_else(badtls_load::server::sibling_badtls),
        runs: args.runs,
        per_cell_runs: args.per_cell_runs,
        per_cell_jobs: args
            .per_cell_jobs
            .unwrap_or_else(|| MatrixBenchOptions::default().per_cell_jobs),
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
