//! Command-line parsing and dispatch. Each subcommand lives in its own module.

mod ca;
mod diagnose;
mod explain;
mod healthcheck;
mod list;
mod matrix;
mod output;
mod probe;
mod reasons;
mod report;
mod serve;

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// badtls: a local suite of deliberately broken TLS endpoints.
///
/// Every endpoint is a misconfiguration you meet in the wild (expired certificate, missing
/// intermediate, wrong host, plain HTTP on a TLS port, ...), with the reason a correct client
/// must give for rejecting it. Certificates are made at start-up from the suite's own clock, so
/// nothing ever expires by itself.
#[derive(Parser)]
#[command(name = "badtls", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the endpoints until Ctrl-C or SIGTERM.
    ///
    /// Prints one line `badtls ready: N endpoints, control http://ADDR:PORT` once every listener
    /// is bound. The control port serves /manifest.json (every endpoint with its port, SNI name
    /// and expected verdict and reason), /ca.pem, /client.pem, /client.key, /crl/*.crl and /healthz.
    Serve(ServeArgs),
    /// List the scenarios of the catalogue.
    List(ListArgs),
    /// Print the CA certificate (PEM) clients should trust.
    ///
    /// With --control URL (or --state-dir of a suite that keeps its CA) it prints that suite's
    /// CA; otherwise it makes a fresh PKI and prints its CA, which is only useful together with
    /// --state-dir (the next `serve --state-dir` reuses it).
    Ca(ca::CaArgs),
    /// Connect with the built-in OpenSSL client and report protocol, cipher and DH size.
    ///
    /// No system client still speaks SSLv3, RC4 or DH-512: with --allow-legacy this one does,
    /// so you can see that a legacy endpoint really negotiates what it claims. Without it, it is
    /// an OpenSSL client with default settings and says why it was refused. Exit 0 when the
    /// endpoint answered, 1 when it did not.
    Probe(probe::ProbeArgs),
    /// Run every installed client stack against every endpoint and judge each cell.
    ///
    /// Each client trusts only the suite CA, with CA and proxy variables cleared. A rejection is
    /// classified into a canonical reason at the finest level that client can express, then
    /// judged: PASS, WRONG-REASON, FALSE-ACCEPT, FALSE-REJECT, SKIP (client not installed),
    /// ERROR, HANG; with --baseline, known deviations are XFAIL and stale ones XPASS. If a
    /// client fails good/default, its other cells are ERROR. Exit 0 only when nothing
    /// unexpected happened.
    Matrix(matrix::MatrixArgs),
    /// Exit 0 when a running suite's control port answers /healthz (the container's health check).
    Healthcheck(healthcheck::HealthcheckArgs),
    /// Explain a client's TLS error text: reason, cause, fix, and the scenario that reproduces it.
    ///
    /// Every client's pattern table reads the text (or one, with --client). Prints the canonical
    /// reason, what it means, its usual causes and the fix, which faults an ambiguous text can
    /// stand for and how to tell them apart, how other clients word it, and the command that
    /// serves a scenario reproducing it. Exit 0 when recognised, 1 when not.
    Explain(explain::ExplainArgs),
    /// Diagnose a TLS server: the chain as sent, host name, SNI, versions, ciphers, DH, ALPN.
    ///
    /// Works on the suite's endpoints and real servers alike, with a handful of connections to
    /// the host and port named (never anything else) and a total deadline. Every problem is a
    /// canonical reason with severity, cause and fix. Exit 0 when no problem was found, 1
    /// otherwise, 2 for bad usage.
    Diagnose(diagnose::DiagnoseArgs),
    /// List the canonical reasons, each with its coarse parent and explanation.
    Reasons(ReasonsArgs),
    /// Work with `badtls matrix` reports: `report merge A.json B.json ...` makes one matrix of
    /// many runs (partitions, platforms), with a column per client and platform.
    #[command(subcommand)]
    Report(report::ReportCommand),
}

/// Which scenarios: shared by every subcommand that starts or lists a suite.
#[derive(Args, Clone, Debug, Default)]
struct Selection {
    /// Only scenarios whose id matches this glob (e.g. 'cert/*', 'good/default'); repeatable.
    /// A pattern that matches nothing is an error.
    #[arg(long = "only", value_name = "GLOB")]
    only: Vec<String>,
    /// Add the scenario files (*.toml) of this directory to the embedded catalogue.
    #[arg(long, value_name = "DIR")]
    scenarios: Option<PathBuf>,
    /// Use only the scenarios of --scenarios, not the embedded catalogue.
    #[arg(long, requires = "scenarios")]
    no_embedded: bool,
}

impl Selection {
    fn apply(&self, mut config: badtls::Config) -> badtls::Config {
        config.only = self.only.clone();
        config.scenarios_dir = self.scenarios.clone();
        config.no_embedded = self.no_embedded;
        config
    }
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    selection: Selection,
    /// Address every listener binds. Use 0.0.0.0 in a container.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: IpAddr,
    /// Fixed ports: control on N, the shared SNI port on N+1, endpoint i of the full catalogue
    /// on N+2+i. Without it (or with 0) every port is ephemeral (the manifest lists them).
    #[arg(long, value_name = "N", env = "BADTLS_PORT_BASE")]
    port_base: Option<u16>,
    /// Also write the manifest to this file once ready.
    #[arg(long, value_name = "PATH")]
    manifest_out: Option<PathBuf>,
    /// Keep the CA across restarts: writes ca.pem (the root to trust), root.crl, issuing-ca.pem,
    /// issuing-ca.key, client.pem and client.key there (directory 0700, files 0600). The root
    /// key is never written.
    #[arg(long, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    /// strict: name constraints critical (RFC 5280). compat: non-critical, for mbedTLS clients,
    /// which refuse critical ones and then ignore the constraints (README "Safety").
    #[arg(long, default_value = "strict", value_name = "strict|compat")]
    ca_profile: badtls::CaProfile,
    /// Keep the scenarios' RSA keys here between runs, so that a warm start generates none (default:
    /// the state directory's keys/, else $XDG_CACHE_HOME/badtls/keys or ~/.cache/badtls/keys;
    /// BADTLS_KEY_CACHE=off turns it off). Directory 0700, keys 0600; a bad file is replaced.
    #[arg(long, value_name = "DIR", conflicts_with = "no_key_cache")]
    key_cache: Option<PathBuf>,
    /// Generate every key in this process; read and write no key cache.
    #[arg(long, env = "BADTLS_NO_KEY_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    no_key_cache: bool,
    /// Seconds a client gets to finish its handshake.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    handshake_timeout: u64,
    /// Seconds a client gets to send its request and read the answer.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    request_timeout: u64,
    /// Seconds a hanging endpoint (transport/hang, hang-after-server-hello, hang-after-handshake,
    /// slow-drip) holds a connection before closing it.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    hang_timeout: u64,
    /// Connections served at once per listener; more wait in the kernel's backlog.
    #[arg(long, default_value_t = 256, value_name = "N")]
    max_connections: usize,
}

#[derive(Args)]
struct ListArgs {
    #[command(flatten)]
    selection: Selection,
    /// Print JSON (one array of scenarios with their expectations) instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ReasonsArgs {
    /// Print JSON (one array of {name, parent, explain}) instead of a table.
    #[arg(long)]
    json: bool,
}

/// Run the CLI; errors print as one line `badtls: error: ...` with exit code 2.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let result = match cli.command {
        Command::Serve(args) => serve::run(args).map(|()| ExitCode::SUCCESS),
        Command::List(args) => list::run(args).map(|()| ExitCode::SUCCESS),
        Command::Ca(args) => ca::run(args).map(|()| ExitCode::SUCCESS),
        Command::Probe(args) => probe::run(args),
        Command::Matrix(args) => matrix::run(args),
        Command::Healthcheck(args) => healthcheck::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Diagnose(args) => diagnose::run(args),
        Command::Reasons(args) => reasons::run(args).map(|()| ExitCode::SUCCESS),
        Command::Report(command) => report::run(command),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("badtls: error: {}", one_line(&e));
            ExitCode::from(2)
        }
    }
}

/// Write to stdout. A reader that went away (`badtls list | head`) is not an error: the rest is
/// dropped instead of panicking as `print!` does on a broken pipe.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn one_line(e: &anyhow::Error) -> String {
    let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
    let mut out: Vec<String> = Vec::new();
    for part in chain {
        // thiserror messages often repeat their source: keep each piece once.
        if !out.iter().any(|p| p.contains(&part)) {
            out.push(part);
        }
    }
    out.join(": ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn init_tracing() {
    let level = std::env::var("BADTLS_LOG")
        .ok()
        .and_then(|l| l.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::WARN);
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        .init();
}

/// Where `probe` and `diagnose` connect: `--connect IP` when given (a `*.badtls.test` name no
/// resolver knows), else the first address `host` resolves to.
fn resolve(
    host: &str,
    port: u16,
    connect: Option<std::net::IpAddr>,
) -> anyhow::Result<std::net::SocketAddr> {
    use anyhow::Context;
    use std::net::ToSocketAddrs;
    match connect {
        Some(ip) => Ok(std::net::SocketAddr::new(ip, port)),
        None => (host, port)
            .to_socket_addrs()
            .with_context(|| {
                format!("cannot resolve {host} (for a *.badtls.test name give --connect 127.0.0.1)")
            })?
            .next()
            .with_context(|| format!("no address for {host}")),
    }
}
