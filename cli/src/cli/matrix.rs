//! `badtls matrix`: every installed client against every endpoint, classified and judged.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{anyhow, bail, Context};
use badtls_matrix::adapter::{self, Adapter, ProbeProcess, WithClassifier};
use badtls_matrix::baseline::Baseline;
use badtls_matrix::classify::Classifier;
use badtls_matrix::partition::Partition;
use badtls_matrix::platform::Platform;
use badtls_matrix::runner::{self, RunOptions};
use clap::Args;

use super::output::ReportOutput;
use super::Selection;

#[derive(Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    selection: Selection,
    // The help lists the built-in clients, from the registry (client-matrix/clients.toml).
    #[arg(long = "client", value_name = "NAME", help = badtls_matrix::clients::client_help())]
    clients: Vec<String>,
    /// Add your own client (repeatable): a program that speaks the adapter protocol
    /// (docs/adapter-protocol.md), as NAME=COMMAND, e.g.
    /// --probe 'my-client=python3 probes/my_client.py'. COMMAND is split like a shell would
    /// (quotes work; no variables or globs) and runs from the current directory.
    #[arg(long = "probe", value_name = "NAME=COMMAND")]
    probes: Vec<String>,
    /// A classifier table (TOML, client-matrix/classifiers/README.md) for the client its
    /// `client` field names (repeatable): a --probe's, or a built-in client's instead of its own.
    #[arg(long = "classifier", value_name = "FILE")]
    classifiers: Vec<PathBuf>,
    /// Run against a running suite (a container, say) through its control URL, e.g.
    /// http://127.0.0.1:8443, instead of starting one in-process.
    #[arg(long, value_name = "URL")]
    target: Option<String>,
    /// The in-process suite's CA profile: strict, or compat for mbedTLS clients (see `serve`).
    #[arg(
        long,
        default_value = "strict",
        value_name = "strict|compat",
        conflicts_with = "target"
    )]
    ca_profile: badtls::CaProfile,
    /// Known deviations (TOML); they become XFAIL, and a recorded one that no longer happens XPASS.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Rewrite --baseline with every deviation of this run (keeping the written reasons of known
    /// ones) and exit 0.
    #[arg(long, requires = "baseline")]
    update_baseline: bool,
    /// Fail on XPASS too: a deviation the baseline records that did not happen (the baseline is
    /// stale). Without it XPASS is reported but the run passes, as pytest treats xfail.
    #[arg(long)]
    strict: bool,
    #[command(flatten)]
    output: ReportOutput,
    /// Targets run in parallel per command-line client and in-process client (every client runs
    /// side by side).
    #[arg(long, default_value_t = 4, value_name = "N")]
    jobs: usize,
    /// Seconds each client gets per endpoint; the runner stops a client a few seconds later.
    #[arg(long, default_value_t = 4, value_name = "SECS")]
    timeout: u64,
    /// Run only slice K of N (K/N, 1-based; nextest's count:K/N is accepted too): the
    /// (client, scenario) cells in report order are dealt round-robin, so N jobs with the same
    /// clients and scenarios cover every cell exactly once. Each client still runs its control
    /// (good/default) for its gate, but only the partition it was dealt to reports it.
    /// Merge the jobs' JSON with `badtls report merge`.
    #[arg(long, value_name = "K/N")]
    partition: Option<Partition>,
    /// Name this machine in the JSON report and in merged columns (CLIENT@LABEL) instead of
    /// OS-ARCH (linux-x86_64, macos-aarch64, windows-x86_64): for two jobs on one OS with
    /// different client versions, say. Baseline rows with `platform = LABEL` apply to this run.
    #[arg(long, value_name = "LABEL", env = "BADTLS_PLATFORM_LABEL")]
    platform_label: Option<String>,
}

/// How long the matrix waits for endpoints built after `ready` (an RSA-4096 key takes about a
/// second, several on a loaded machine).
const COMPLETE_WITHIN: Duration = Duration::from_secs(120);

pub fn run(args: MatrixArgs) -> anyhow::Result<ExitCode> {
    let adapters = select_clients(&args, &probes_dir()?)?;
    let work_dir = std::env::temp_dir().join(format!("badtls-matrix-{}", std::process::id()));
    let opts = RunOptions {
        timeout: Duration::from_secs(args.timeout),
        jobs: args.jobs.max(1),
        work_dir: work_dir.clone(),
        strict: args.strict,
        partition: args.partition,
    };
    let platform = Platform::detect(args.platform_label.as_deref())
        .map_err(|e| anyhow!("--platform-label: {e}"))?;
    let baseline = match &args.baseline {
        Some(path) if args.update_baseline && !path.exists() => Some(Baseline::default()),
        Some(path) => Some(Baseline::load(path)?),
        None => None,
    };
    if args.update_baseline {
        if args.partition.is_some() {
            bail!("--update-baseline records the whole matrix: not with --partition");
        }
        if baseline.as_ref().is_some_and(Baseline::has_platform_rows) {
            bail!("--update-baseline: the baseline has rows for one platform (`platform = ...`); edit those by hand");
        }
    }
    // Rows for this platform apply as this run's own; rows for other platforms do not.
    let applied = baseline.as_ref().map(|b| b.for_platform(&platform.label));

    // Keep the in-process suite alive until every client has run.
    let (manifest, _suite) = match &args.target {
        Some(url) => (remote_manifest(url, &args.selection)?, None),
        None => {
            let mut config = args.selection.apply(badtls::Config::default());
            config.ca_profile = args.ca_profile;
            let suite = badtls::Suite::start_blocking(config)?;
            // A control must never fail because the suite is still making a slow key.
            if !suite.wait_complete(COMPLETE_WITHIN) {
                bail!("the suite did not finish building its endpoints within {COMPLETE_WITHIN:?}");
            }
            (suite.manifest().clone(), Some(suite))
        }
    };
    // The client identity and the CRLs come from the control port, in-process or not.
    let files = runner::SuiteFiles::fetch(&manifest)?;
    let targets = runner::targets(&manifest, &files, &opts)
        .context("cannot write the CA, CRL and client files")?;

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
        applied.as_ref(),
        &opts,
        &progress,
    );
    let result = runner::MatrixResult {
        platform: Some(platform),
        ..result
    };
    bar.finish_and_clear();
    let _ = std::fs::remove_dir_all(&work_dir);

    if args.update_baseline {
        let (Some(path), Some(old)) = (&args.baseline, &baseline) else {
            bail!("--update-baseline needs --baseline FILE");
        };
        let updated = old.updated(&result.cells, &result.installed());
        std::fs::write(path, updated.to_toml())
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!(
            "badtls: wrote {} deviations to {}",
            updated.deviations.len(),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    args.output.write(&result)
}

/// The built-in clients and the user's probes, each with its classifier table, narrowed by
/// `--client`.
fn select_clients(
    args: &MatrixArgs,
    probes: &std::path::Path,
) -> anyhow::Result<Vec<Box<dyn Adapter>>> {
    let mut tables: BTreeMap<String, (Classifier, &PathBuf)> = BTreeMap::new();
    for path in &args.classifiers {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("--classifier {}: cannot read it", path.display()))?;
        let table = Classifier::from_toml(&path.display().to_string(), &text)
            .map_err(|e| anyhow!("--classifier {e}"))?;
        let client = table.client().to_string();
        if let Some((_, first)) = tables.get(&client) {
            bail!(
                "--classifier {}: a second table for client '{client}' (the first is {})",
                path.display(),
                first.display()
            );
        }
        tables.insert(client, (table, path));
    }

    let mut all = adapter::all(probes);
    for spec in &args.probes {
        let (name, command) = parse_probe(spec)?;
        if all.iter().any(|a| a.name() == name) {
            bail!("--probe {spec}: there is already a client named '{name}'");
        }
        let table = tables.remove(&name).map(|(t, _)| t);
        all.push(Box::new(ProbeProcess::external(&name, command, table)));
    }
    let all: Vec<Box<dyn Adapter>> = all
        .into_iter()
        .map(|a| {
            let name = a.name().to_string();
            match tables.remove(&name) {
                Some((table, _)) => Box::new(WithClassifier { inner: a, table }),
                None => a,
            }
        })
        .collect();
    if let Some((client, (_, path))) = tables.iter().next() {
        bail!(
            "--classifier {}: its `client` is '{client}', which is neither a built-in client nor a --probe",
            path.display()
        );
    }

    adapter::select(all, &args.clients).map_err(|e| anyhow!("--client {e}"))
}

/// `NAME=COMMAND` → the name and the command's words.
fn parse_probe(spec: &str) -> anyhow::Result<(String, Vec<String>)> {
    let Some((name, command)) = spec.split_once('=') else {
        bail!("--probe {spec}: expected NAME=COMMAND, e.g. 'my-client=python3 my_probe.py'");
    };
    let name = name.trim();
    let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c);
    if name.is_empty() || !name.chars().all(valid) {
        bail!(
            "--probe {spec}: the name '{name}' must be lowercase letters, digits, '-', '.' or '_'"
        );
    }
    let words = shell_words::split(command).map_err(|e| anyhow!("--probe {spec}: {e}"))?;
    if words.is_empty() {
        bail!("--probe {spec}: no command after '='");
    }
    Ok((name.to_string(), words))
}

/// The probe sources, written once per version into the user's cache.
fn probes_dir() -> anyhow::Result<PathBuf> {
    adapter::default_probes_dir().context("cannot write the probe programs to the cache")
}

/// A running suite's manifest, through its control URL, narrowed to the selection.
fn remote_manifest(url: &str, selection: &Selection) -> anyhow::Result<badtls::Manifest> {
    let base = url.trim_end_matches('/');
    let text = badtls_servers::control_client::get(&format!("{base}/manifest.json"))?;
    let mut manifest: badtls::Manifest = serde_json::from_str(&text)
        .with_context(|| format!("{base}/manifest.json is not a badtls manifest"))?;
    let readable = badtls::Manifest::OLDEST_READABLE..=badtls::Manifest::VERSION;
    if !readable.contains(&manifest.version) {
        bail!(
            "{base}: manifest version {} (this badtls reads {} to {})",
            manifest.version,
            readable.start(),
            readable.end()
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
    wait_remote_complete(base)?;
    Ok(manifest)
}

/// Wait until a running suite says every endpoint is built (`/complete`; a suite older than
/// that endpoint answers 404, and its endpoints are taken as they are).
fn wait_remote_complete(base: &str) -> anyhow::Result<()> {
    let start = std::time::Instant::now();
    loop {
        match badtls_servers::control_client::get(&format!("{base}/complete")) {
            Ok(_) => return Ok(()),
            Err(e) if e.what.contains("404") => return Ok(()),
            Err(e) if start.elapsed() >= COMPLETE_WITHIN => {
                bail!("{base}: endpoints not complete within {COMPLETE_WITHIN:?}: {e}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}
