//! `badtls-soak`: hostile connections against a `badtls serve` process while a well-behaved
//! client checks it still works. Exit 0 only when no good probe failed, the bad endpoint kept
//! failing for its reason, the server neither died nor panicked nor leaked descriptors, and it
//! stopped cleanly on SIGTERM.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;

use badtls_load::soak::{self, SoakOptions};

/// Soak/abuse test for badtls.
///
/// Starts `badtls serve` (every endpoint, ephemeral loopback ports), then for --duration opens
/// hostile connections — garbage bytes, truncated and oversized ClientHellos, slowloris
/// handshakes, TCP resets, bare connects — against the rustls, OpenSSL and raw engines, the
/// shared SNI port and the control port, while a well-behaved rustls client keeps checking
/// good/default (directly and through the SNI port) and cert/expired. Reports connections
/// tried, good probes that failed (must be 0), peak RSS, descriptors and errors logged.
#[derive(Parser)]
#[command(name = "badtls-soak", version)]
struct Args {
    /// The badtls binary [default: `badtls` next to this program, e.g. target/release/badtls]
    #[arg(long, value_name = "PATH")]
    badtls: Option<PathBuf>,
    /// Seconds of attack
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    duration: u64,
    /// At most this many hostile connections
    #[arg(long, default_value_t = 200_000, value_name = "N")]
    max_connections: u64,
    /// Hostile connections in flight at once (a quarter at most are slowloris)
    #[arg(long, default_value_t = 48, value_name = "N")]
    concurrency: usize,
    /// Extra argument for `badtls serve` (repeatable), e.g. --serve-arg=--handshake-timeout=2
    #[arg(long = "serve-arg", value_name = "ARG", allow_hyphen_values = true)]
    serve_args: Vec<String>,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let args = Args::parse();
    anyhow::ensure!(
        args.duration > 0 && args.duration <= 3600,
        "--duration: 1 to 3600 seconds"
    );
    anyhow::ensure!(
        (1..=1024).contains(&args.concurrency),
        "--concurrency: 1 to 1024"
    );
    let opts = SoakOptions {
        badtls: args
            .badtls
            .unwrap_or_else(badtls_load::server::sibling_badtls),
        server_args: args.serve_args,
        duration: Duration::from_secs(args.duration),
        max_attacks: args.max_connections,
        concurrency: args.concurrency,
        ..SoakOptions::default()
    };
    let report = soak::run(&opts).await.context("soak")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.render());
    }
    Ok(if report.problems().is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
