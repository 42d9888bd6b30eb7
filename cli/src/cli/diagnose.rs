//! `badtls diagnose`: what is wrong with a TLS server, as canonical reasons.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use badtls_doctor::diagnose::{self, render::render_text, Options};
use clap::Args;

#[derive(Args)]
pub struct DiagnoseArgs {
    /// The server, e.g. https://example.com/ or https://localhost:40123/ (from the manifest).
    url: String,
    /// Trust only the certificates in this PEM file (e.g. the suite's /ca.pem). Default: the
    /// system's roots (SSL_CERT_FILE, /etc/ssl/certs/ca-certificates.crt).
    #[arg(long, value_name = "FILE")]
    ca: Option<PathBuf>,
    /// Connect to this address instead of resolving the URL's host (for *.badtls.test names).
    #[arg(long, value_name = "ADDR")]
    connect: Option<std::net::IpAddr>,
    /// Present this client certificate chain (PEM); needs --key.
    #[arg(long, value_name = "FILE", requires = "key")]
    cert: Option<PathBuf>,
    /// The client certificate's private key (PEM).
    #[arg(long, value_name = "FILE", requires = "cert")]
    key: Option<PathBuf>,
    /// Fetch the leaf's CRLs (plain HTTP, at most 2; the only traffic to another host) and
    /// report a revoked certificate.
    #[arg(long)]
    check_revocation: bool,
    /// Seconds one connection may take.
    #[arg(long, default_value_t = 5, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=60))]
    timeout: u64,
    /// Seconds the whole diagnosis may take.
    #[arg(long, default_value_t = 30, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=300))]
    deadline: u64,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Exit 0 when no problem was found, 1 otherwise (bad usage is 2, from main).
pub fn run(args: DiagnoseArgs) -> anyhow::Result<ExitCode> {
    let (host, port) = diagnose::parse_url(&args.url)?;
    let addr = super::resolve(&host, port, args.connect)?;
    let (roots, roots_source) = match &args.ca {
        Some(path) => (diagnose::load_roots(path)?, path.display().to_string()),
        None => diagnose::system_roots()?,
    };
    let client_identity = match args.cert.zip(args.key) {
        Some((cert, key)) => Some((
            std::fs::read_to_string(&cert)
                .with_context(|| format!("cannot read {}", cert.display()))?,
            std::fs::read_to_string(&key)
                .with_context(|| format!("cannot read {}", key.display()))?,
        )),
        None => None,
    };
    let report = diagnose::diagnose(&Options {
        url: args.url.clone(),
        host,
        addr,
        roots,
        roots_source,
        client_identity,
        timeout: Duration::from_secs(args.timeout),
        deadline: Duration::from_secs(args.deadline),
        check_revocation: args.check_revocation,
    });
    if args.json {
        super::emit(&format!("{}\n", serde_json::to_string(&report)?));
    } else {
        super::emit(&render_text(&report));
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
