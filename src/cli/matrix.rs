//! `badtls matrix`: every installed client against every endpoint, classified and judged.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use badtls_matrix::adapter::{self, Adapter};
use badtls_matrix::baseline::Baseline;
use badtls_matrix::report::{self, Format};
use badtls_matrix::runner::{self, RunOptions};
use clap::Args;

use super::Selection;

#[derive(Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    selection: Selection,
    /// Only this client (repeatable): rustls, openssl, curl, openssl-s-client, gnutls-cli,
    /// python-urllib, python-requests, node-https, java-httpclient, java-urlconnection, go-nethttp.
    #[arg(long = "client", value_name = "NAME")]
    clients: Vec<String>,
    /// Run against a running suite (a container, say) through its control URL, e.g.
    /// http://127.0.0.1:8443, instead of starting one in-process.
    #[arg(long, value_name = "URL")]
    target: Option<String>,
    /// Known deviations (TOML); they become XFAIL, and a recorded one that no longer happens XPASS.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Rewrite --baseline with every deviation of this run (keeping the written reasons of known
    /// ones) and exit 0.
    #[arg(long, requires = "baseline")]
    update_baseline: bool,
    /// Format on stdout.
    #[arg(
        long,
        default_value = "table",
        value_name = "table|json|junit|markdown|html"
    )]
    format: Format,
    /// Also write a report here (repeatable); the format follows the extension: .json, .xml
    /// (JUnit), .md, .html, anything else a table.
    #[arg(long = "out", value_name = "PATH")]
    outs: Vec<PathBuf>,
    /// Targets run in parallel per command-line client and in-process client (every client runs
    /// side by side).
    #[arg(long, default_value_t = 4, value_name = "N")]
    jobs: usize,
    /// Seconds each client gets per endpoint; the runner stops a client a few seconds later.
    #[arg(long, default_value_t = 4, value_name = "SECS")]
    timeout: u64,
}

pub fn run(args: MatrixArgs) -> anyhow::Result<ExitCode> {
    let adapters = select_clients(&args.clients, &probes_dir()?)?;
    let work_dir = std::env::temp_dir().join(format!("badtls-matrix-{}", std::process::id()));
    let opts = RunOptions {
        timeout: Duration::from_secs(args.timeout),
        jobs: args.jobs.max(1),
        work_dir: work_dir.clone(),
    };
    let baseline = match &args.baseline {
        Some(path) if args.update_baseline && !path.exists() => Some(Baseline::default()),
        Some(path) => Some(Baseline::load(path)?),
        None => None,
    };

    // Keep the in-process suite alive until every client has run.
    let (manifest, client_pem, client_key, _suite) = match &args.target {
        Some(url) => {
            let (m, pem, key) = remote_manifest(url, &args.selection)?;
            (m, pem, key, None)
        }
        None => {
            let config = args.selection.apply(badtls::Config::default());
            let suite = badtls::Suite::start_blocking(config)?;
            let id = suite.client_identity();
            (
                suite.manifest().clone(),
                id.chain_pem(),
                id.key_pem(),
                Some(suite),
            )
        }
    };
    let targets = runner::targets(&manifest, &client_pem, &client_key, &opts)
        .context("cannot write the CA and client files")?;

    let bar = indicatif::ProgressBar::new(adapters.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} clients  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    let progress = |c: &runner::ClientInfo| {
        bar.inc(1);
        bar.set_message(format!(
            "{} done ({:.1} s)",
            c.name,
            c.elapsed_ms as f64 / 1000.0
        ));
    };
    let result = runner::run(
        &adapters,
        &manifest,
        &targets,
        baseline.as_ref(),
        &opts,
        &progress,
    );
    bar.finish_and_clear();
    let _ = std::fs::remove_dir_all(&work_dir);

    if args.update_baseline {
        let (Some(path), Some(old)) = (&args.baseline, &baseline) else {
            bail!("--update-baseline needs --baseline FILE");
        };
        let updated = old.updated(&result.cells);
        std::fs::write(path, updated.to_toml())
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!(
            "badtls: wrote {} deviations to {}",
            updated.deviations.len(),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let color = args.format == Format::Table && std::io::stdout().is_terminal();
    super::emit(&report::render(&result, args.format, color));
    for path in &args.outs {
        std::fs::write(path, report::render(&result, Format::for_path(path), false))
            .with_context(|| format!("cannot write the report {}", path.display()))?;
    }
    Ok(if result.unexpected().next().is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn select_clients(
    names: &[String],
    probes: &std::path::Path,
) -> anyhow::Result<Vec<Box<dyn Adapter>>> {
    let all = adapter::all(probes);
    if names.is_empty() {
        return Ok(all);
    }
    let known: Vec<&str> = all.iter().map(|a| a.name()).collect();
    for n in names {
        if !known.contains(&n.as_str()) {
            bail!("--client {n}: unknown client (known: {})", known.join(", "));
        }
    }
    Ok(all
        .into_iter()
        .filter(|a| names.iter().any(|n| n == a.name()))
        .collect())
}

/// The probe sources, written once per version into the user's cache.
fn probes_dir() -> anyhow::Result<PathBuf> {
    adapter::default_probes_dir().context("cannot write the probe programs to the cache")
}

/// A running suite's manifest and client identity, through its control URL.
fn remote_manifest(
    url: &str,
    selection: &Selection,
) -> anyhow::Result<(badtls::Manifest, String, String)> {
    let base = url.trim_end_matches('/');
    let text = badtls_servers::control_client::get(&format!("{base}/manifest.json"))?;
    let mut manifest: badtls::Manifest = serde_json::from_str(&text)
        .with_context(|| format!("{base}/manifest.json is not a badtls manifest"))?;
    if manifest.version != badtls::Manifest::VERSION {
        bail!(
            "{base}: manifest version {} (this badtls reads {})",
            manifest.version,
            badtls::Manifest::VERSION
        );
    }
    let filter = badtls_servers::suite::IdFilter::new(&selection.only)?;
    for pattern in &selection.only {
        let one = badtls_servers::suite::IdFilter::new(std::slice::from_ref(pattern))?;
        if !manifest.endpoints.iter().any(|e| one.matches(&e.id)) {
            bail!("--only '{pattern}': matches no endpoint of {base}");
        }
    }
    manifest.endpoints.retain(|e| filter.matches(&e.id));
    let pem = badtls_servers::control_client::get(&manifest.client_cert_url)?;
    let key = badtls_servers::control_client::get(&manifest.client_key_url)?;
    Ok((manifest, pem, key))
}
