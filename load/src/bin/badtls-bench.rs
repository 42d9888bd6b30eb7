//! `badtls-bench`: time to ready, full handshakes per second and idle memory of `badtls serve`,
//! side by side with nginx and `openssl s_server` on the same machine, with ratios.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;

use badtls_load::bench::{self, BenchOptions};

/// Benchmark badtls against nginx and openssl s_server on this machine.
///
/// Runs one server at a time and prints each figure side by side, with the ratio badtls / other:
///
/// READY: `badtls serve` with the whole embedded catalogue is started --starts times with a cold
/// key cache (a fresh, empty `--key-cache` directory each start) and --starts times with a warm
/// one (a directory filled by one priming start, not counted); the time from spawn to its
/// `badtls ready` line (every listener bound, the whole PKI made) gives a median, min and max of
/// each, and the warm median is compared with the project's target of 1.0 s. nginx
/// and s_server are started as many times, timed from spawn until their port accepts a TCP
/// connection.
///
/// HANDSHAKES/S: full handshakes + `GET /` per second on good/default (an ECDSA P-256 leaf under
/// an ECDSA intermediate and root). nginx and s_server serve an equivalent P-256 chain generated
/// for the run. All three are driven by the same rustls client with resumption disabled, from
/// --concurrency tasks, for --warmup seconds (not counted) then --duration seconds. Failed
/// connections are counted and printed. One probe connection per server shows what was
/// negotiated (protocol, cipher suite, key exchange, certificate keys, session tickets), and the
/// report says where it differs from badtls's. The load generator shares the machine's cores
/// with the server under test.
///
/// SUITE::START: the in-process start of five scenarios, timed in --starts fresh processes (this
/// program, re-run) that each start the selection several times: the first start of a process
/// and the second are reported apart (the first pays for one-time set-up).
///
/// IDLE RSS: --idle-wait seconds after ready, before any load: VmRSS of `badtls serve` (and per
/// endpoint), of the nginx master and its workers summed, of s_server.
///
/// nginx (worker_processes --nginx-workers, session cache and tickets off, keepalive off) and
/// s_server (`-www -no_ticket`, single-threaded) are optional: one that is not installed is
/// reported as such and badtls is still measured. Their files live in a temporary directory that
/// is removed afterwards. Every process is started by this program and stopped by SIGTERM to its
/// PID.
///
/// Exit status: 0 when every installed server was measured with no failed handshake and stopped
/// cleanly; 1 otherwise (the report says why); 2 for bad usage.
#[derive(Parser)]
#[command(name = "badtls-bench", version)]
struct Args {
    /// The badtls binary [default: `badtls` next to this program, e.g. target/release/badtls]
    #[arg(long, value_name = "PATH")]
    badtls: Option<PathBuf>,
    /// The nginx binary (a path, or a name looked up in PATH)
    #[arg(long, value_name = "PATH", default_value = "/usr/sbin/nginx")]
    nginx: PathBuf,
    /// The openssl binary for s_server (a path, or a name looked up in PATH)
    #[arg(long, value_name = "PATH", default_value = "openssl")]
    openssl: PathBuf,
    /// Starts of each server for the time-to-ready figure (1 to 100)
    #[arg(long, default_value_t = 5, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=100))]
    starts: u64,
    /// Connections in flight at once during the handshake run (1 to 1024)
    #[arg(long, default_value_t = 16, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=1024))]
    concurrency: u64,
    /// Seconds of measured handshakes per server (0.1 to 3600)
    #[arg(long, default_value = "5", value_name = "SECS", value_parser = run_seconds)]
    duration: Duration,
    /// Seconds of handshakes before the measured run, not counted (0 to 600)
    #[arg(long, default_value = "1", value_name = "SECS", value_parser = pause_seconds)]
    warmup: Duration,
    /// Seconds between ready and the idle RSS reading (0 to 600)
    #[arg(long, default_value = "2", value_name = "SECS", value_parser = pause_seconds)]
    idle_wait: Duration,
    /// nginx worker_processes (1 to 64)
    #[arg(long, default_value_t = 2, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=64))]
    nginx_workers: u64,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
    /// Internal: be one process of the in-process `Suite::start` figure, with this key cache;
    /// print the seconds of each start as JSON.
    #[arg(long, value_name = "DIR", hide = true)]
    in_process_child: Option<PathBuf>,
}

/// Seconds (fractions allowed) within `range`; clap reports the error as bad usage.
fn seconds(text: &str, range: std::ops::RangeInclusive<f64>) -> Result<Duration, String> {
    let value: f64 = text.parse().map_err(|e| format!("{e}"))?;
    if range.contains(&value) {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(format!("{} to {} seconds", range.start(), range.end()))
    }
}

/// The length of a measured run.
fn run_seconds(text: &str) -> Result<Duration, String> {
    seconds(text, 0.1..=3600.0)
}

/// A wait or a warm-up, which may be zero.
fn pause_seconds(text: &str) -> Result<Duration, String> {
    seconds(text, 0.0..=600.0)
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let args = Args::parse();
    if let Some(key_cache) = &args.in_process_child {
        // BADTLS_LOG=debug shows the suite's timing spans (where each start's time goes).
        if let Some(level) = std::env::var("BADTLS_LOG")
            .ok()
            .and_then(|l| l.parse::<tracing::Level>().ok())
        {
            tracing_subscriber::fmt()
                .with_max_level(level)
                .with_writer(std::io::stderr)
                .init();
        }
        let seconds = bench::in_process::child_starts(key_cache).await?;
        println!("{}", serde_json::to_string(&seconds)?);
        return Ok(ExitCode::SUCCESS);
    }
    // The parsers above bound every number: these conversions cannot truncate.
    let opts = BenchOptions {
        badtls: args
            .badtls
            .unwrap_or_else(badtls_load::server::sibling_badtls),
        nginx: args.nginx,
        openssl: args.openssl,
        starts: args.starts as usize,
        concurrency: args.concurrency as usize,
        duration: args.duration,
        warmup: args.warmup,
        idle_wait: args.idle_wait,
        nginx_workers: args.nginx_workers as usize,
    };
    let report = bench::run(&opts).await.context("bench")?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.render());
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
