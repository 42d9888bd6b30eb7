//! What the client matrix costs, and what batching the probe programs saves.
//!
//! Two measurements, side by side in one run:
//! - **end to end**: `badtls matrix` as a user runs it (a fresh process that starts the embedded
//!   suite, runs every client and renders the report), timed from spawn to exit;
//! - **batched against one process per cell**: one suite, and the matrix runner run over it with
//!   the probe programs (Python, Node, Java, Go) batched as `badtls matrix` runs them (one
//!   process per client per run, targets as JSON lines), then with every cell of those clients
//!   in a process of its own. The command-line tools (curl, s_client, gnutls-cli) run once per
//!   cell in both modes, and the in-process clients need no process at all.
//!
//! Both modes must reach the same verdicts; cells that differ are listed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, ensure, Context};
use badtls_matrix::adapter::{self, parallel_map, Adapter, Attempt, Target, PROBE_PARALLELISM};
use badtls_matrix::clients::{self, Kind};
use badtls_matrix::runner::{self, MatrixResult, RunOptions};
use badtls_servers::{Config, Suite};
use serde::Serialize;

/// What to measure.
#[derive(Clone, Debug)]
pub struct MatrixBenchOptions {
    /// The `badtls` binary for the end-to-end runs.
    pub badtls: PathBuf,
    /// End-to-end runs and batched runs (each).
    pub runs: usize,
    /// Runs with one process per cell (slow: a minute or more each).
    pub per_cell_runs: usize,
    /// Processes of one probe client at a time in the per-cell runs. More than the machine's
    /// CPUs starves the JVMs into timing out on good endpoints, which is not what is measured.
    pub per_cell_jobs: usize,
    /// Only these clients (all of them when empty).
    pub clients: Vec<String>,
    /// As `badtls matrix --jobs`.
    pub jobs: usize,
    /// As `badtls matrix --timeout`.
    pub timeout: Duration,
}

impl Default for MatrixBenchOptions {
    fn default() -> Self {
        MatrixBenchOptions {
            badtls: crate::server::sibling_badtls(),
            runs: 3,
            per_cell_runs: 1,
            per_cell_jobs: crate::procfs::cpus(),
            clients: Vec::new(),
            jobs: 4,
            timeout: Duration::from_secs(4),
        }
    }
}

/// One client's time in each mode (medians over the runs).
#[derive(Clone, Debug, Serialize)]
pub struct ClientTimes {
    pub name: String,
    /// Whether the probe batching applies to it (the probe programs).
    pub batched_probe: bool,
    pub batched_ms: u64,
    pub per_cell_ms: u64,
}

/// The figures.
#[derive(Clone, Debug, Serialize)]
pub struct MatrixBenchReport {
    pub cpus: usize,
    pub clients: usize,
    pub scenarios: usize,
    pub cells: usize,
    /// `badtls matrix` processes, spawn to exit.
    pub end_to_end_ms: Vec<u64>,
    /// Whole-runner wall times, probes batched.
    pub batched_ms: Vec<u64>,
    /// Whole-runner wall times, one process per cell.
    pub per_cell_ms: Vec<u64>,
    pub per_client: Vec<ClientTimes>,
    /// Processes of one probe client at a time in the per-cell runs.
    pub per_cell_jobs: usize,
    /// `client scenario: batched status / per-cell status` for cells the modes judged apart.
    pub differing: Vec<String>,
    /// Clients skipped (not installed), with the reason.
    pub skipped: Vec<String>,
}

/// Run both measurements.
pub fn run(opts: &MatrixBenchOptions) -> anyhow::Result<MatrixBenchReport> {
    ensure!(opts.runs >= 1, "at least one run");
    let probes = adapter::default_probes_dir().context("cannot write the probe programs")?;
    // The clients first: a bad --client fails at once, not after the end-to-end runs. Browsers
    // stay batched in the per-cell runs too: a browser started per cell is nobody's way of
    // running one, and would cost minutes.
    let probe_names: Vec<&str> = clients::of_kind(Kind::Probe)
        .map(|c| c.name.as_str())
        .collect();
    let select = |all| adapter::select(all, &opts.clients).map_err(|e| anyhow!("--client {e}"));
    let batched = select(adapter::all(&probes))?;
    let per_cell: Vec<Box<dyn Adapter>> = select(adapter::all(&probes))?
        .into_iter()
        .map(|a| {
            if probe_names.contains(&a.name()) {
                Box::new(OneProcessPerCell(a, opts.per_cell_jobs.max(1))) as Box<dyn Adapter>
            } else {
                a
            }
        })
        .collect();

    let mut end_to_end_ms = Vec::new();
    for i in 0..opts.runs {
        let ms = end_to_end(opts).with_context(|| format!("`badtls matrix` run {}", i + 1))?;
        eprintln!(
            "matrix-bench: `badtls matrix` {}/{}: {:.1} s",
            i + 1,
            opts.runs,
            ms as f64 / 1000.0
        );
        end_to_end_ms.push(ms);
    }

    let suite = Suite::start_blocking(Config::default()).context("cannot start the suite")?;
    let manifest = suite.manifest().clone();
    let work_dir = tempfile::Builder::new()
        .prefix("badtls-matrix-bench-")
        .tempdir()
        .context("temporary directory for the CA and client files")?;
    let run_opts = RunOptions {
        timeout: opts.timeout,
        jobs: opts.jobs.max(1),
        work_dir: work_dir.path().to_path_buf(),
        strict: false,
        partition: None,
    };
    let files = runner::SuiteFiles::fetch(&manifest)?;
    let targets = runner::targets(&manifest, &files, &run_opts)
        .context("cannot write the CA, CRL and client files")?;

    let timed = |adapters: &[Box<dyn Adapter>], runs: usize, mode: &str| {
        (0..runs)
            .map(|i| {
                let r = runner::run(adapters, &manifest, &targets, None, &run_opts, &|_| {});
                eprintln!(
                    "matrix-bench: {mode} {}/{runs}: {:.1} s",
                    i + 1,
                    r.elapsed_ms as f64 / 1000.0
                );
                r
            })
            .collect::<Vec<MatrixResult>>()
    };
    let batched_runs = timed(&batched, opts.runs, "batched");
    let per_cell_runs = timed(&per_cell, opts.per_cell_runs.max(1), "one process per cell");
    drop(suite);
    drop(work_dir);

    let first = &batched_runs[0];
    let per_client = first
        .clients
        .iter()
        .map(|c| ClientTimes {
            name: c.name.clone(),
            batched_probe: probe_names.contains(&c.name.as_str()),
            batched_ms: median(client_ms(&batched_runs, &c.name)),
            per_cell_ms: median(client_ms(&per_cell_runs, &c.name)),
        })
        .collect();
    Ok(MatrixBenchReport {
        cpus: crate::procfs::cpus(),
        clients: first.clients.len(),
        scenarios: first.scenarios.len(),
        cells: first.cells.len(),
        end_to_end_ms,
        batched_ms: batched_runs.iter().map(|r| r.elapsed_ms).collect(),
        per_cell_ms: per_cell_runs.iter().map(|r| r.elapsed_ms).collect(),
        per_client,
        per_cell_jobs: opts.per_cell_jobs.max(1),
        differing: differing(first, &per_cell_runs[0]),
        skipped: first
            .clients
            .iter()
            .filter_map(|c| Some(format!("{}: {}", c.name, c.skipped.as_ref()?)))
            .collect(),
    })
}

/// `badtls matrix --format json` once; its wall time. A report with unexpected cells (exit 1)
/// still counts: the time is what is measured, and the verdicts are the tests' business.
fn end_to_end(opts: &MatrixBenchOptions) -> anyhow::Result<u64> {
    let mut cmd = Command::new(&opts.badtls);
    cmd.args(["matrix", "--format", "json"])
        .arg(format!("--jobs={}", opts.jobs))
        .arg(format!("--timeout={}", opts.timeout.as_secs().max(1)));
    for c in &opts.clients {
        cmd.arg(format!("--client={c}"));
    }
    let start = Instant::now();
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .with_context(|| format!("cannot run {}", opts.badtls.display()))?;
    let ms = start.elapsed().as_millis() as u64;
    ensure!(
        matches!(out.status.code(), Some(0 | 1)),
        "{} matrix ended with {}: {}",
        opts.badtls.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr).trim()
    );
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("the JSON report does not parse")?;
    ensure!(
        json["cells"].as_array().is_some_and(|c| !c.is_empty()),
        "the JSON report has no cells"
    );
    Ok(ms)
}

/// A probe adapter made to start one process per target, so many at a time.
struct OneProcessPerCell(Box<dyn Adapter>, usize);

impl Adapter for OneProcessPerCell {
    fn name(&self) -> &str {
        self.0.name()
    }
    fn classifier(&self) -> Option<&badtls_matrix::classify::Classifier> {
        self.0.classifier()
    }
    // What the client can do decides which cells are N/A: the same in both modes.
    fn capabilities(&self) -> Vec<badtls_contract::Capability> {
        self.0.capabilities()
    }
    fn version(&self) -> Result<String, String> {
        self.0.version()
    }
    fn run(&self, targets: &[Target], _jobs: usize) -> Vec<Attempt> {
        parallel_map(targets, self.1, |t| self.0.run(std::slice::from_ref(t), 1))
            .into_iter()
            .flatten()
            .collect()
    }
}

fn client_ms(runs: &[MatrixResult], name: &str) -> Vec<u64> {
    runs.iter()
        .filter_map(|r| r.clients.iter().find(|c| c.name == name))
        .map(|c| c.elapsed_ms)
        .collect()
}

/// Cells the two runs judged differently.
fn differing(a: &MatrixResult, b: &MatrixResult) -> Vec<String> {
    let statuses = |r: &MatrixResult| -> BTreeMap<(String, String), String> {
        r.cells
            .iter()
            .map(|c| {
                let reason = c.reason.map(|r| format!(" {r}")).unwrap_or_default();
                (
                    (c.client.clone(), c.scenario.clone()),
                    format!("{:?}{reason}", c.status),
                )
            })
            .collect()
    };
    let (a, b) = (statuses(a), statuses(b));
    a.iter()
        .filter_map(|(key, sa)| {
            let sb = b.get(key).map_or("(missing)", String::as_str);
            (sa != sb).then(|| format!("{} {}: batched {sa} / per cell {sb}", key.0, key.1))
        })
        .collect()
}

/// The median of some milliseconds, in milliseconds.
fn median(ms: Vec<u64>) -> u64 {
    let v: Vec<f64> = ms.into_iter().map(|m| m as f64).collect();
    crate::bench::median(&v).round() as u64
}

fn secs(ms: u64) -> String {
    format!("{:.1} s", ms as f64 / 1000.0)
}

fn spread(v: &[u64]) -> String {
    let lo = v.iter().min().copied().unwrap_or(0);
    let hi = v.iter().max().copied().unwrap_or(0);
    format!(
        "median {} ({:.1}-{:.1} s, {} runs)",
        secs(median(v.to_vec())),
        lo as f64 / 1000.0,
        hi as f64 / 1000.0,
        v.len()
    )
}

impl MatrixBenchReport {
    /// The report as text: figures first, then what they mean.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "badtls-matrix-bench: {} clients x {} scenarios = {} cells, {} CPUs",
            self.clients, self.scenarios, self.cells, self.cpus
        );
        let _ = writeln!(
            out,
            "`badtls matrix` end to end (suite start, every client, JSON report): {}",
            spread(&self.end_to_end_ms)
        );
        let batched = median(self.batched_ms.clone());
        let per_cell = median(self.per_cell_ms.clone());
        let _ = writeln!(
            out,
            "\nthe runner on one suite     probes batched  one process per cell   per cell / batched"
        );
        let ratio = |a: u64, b: u64| {
            if b == 0 {
                "-".to_string()
            } else {
                format!("{:.1}x", a as f64 / b as f64)
            }
        };
        let _ = writeln!(
            out,
            "{:<27} {:>14}  {:>20}   {:>18}",
            "every client (wall)",
            secs(batched),
            secs(per_cell),
            ratio(per_cell, batched)
        );
        for c in &self.per_client {
            let label = if c.batched_probe {
                format!("  {}", c.name)
            } else {
                format!("  {} (same)", c.name)
            };
            let _ = writeln!(
                out,
                "{:<27} {:>14}  {:>20}   {:>18}",
                label,
                secs(c.batched_ms),
                secs(c.per_cell_ms),
                ratio(c.per_cell_ms, c.batched_ms)
            );
        }
        let _ = writeln!(
            out,
            "\nbatched: each probe program (Python, Node, Java, Go) runs once per client per run and takes every \
             target as a JSON line, {PROBE_PARALLELISM} at a time;\n\
             one process per cell: the same programs started once per target, {} at a time.\n\
             \"(same)\": curl, s_client and gnutls-cli run once per target in both modes; rustls and openssl run in-process.\n\
             Every client runs side by side in both modes, as `badtls matrix` runs them; times are medians.",
            self.per_cell_jobs
        );
        if !self.skipped.is_empty() {
            let _ = writeln!(out, "skipped: {}", self.skipped.join("; "));
        }
        if self.differing.is_empty() {
            let _ = writeln!(out, "verdicts: the same in both modes");
        } else {
            let _ = writeln!(
                out,
                "WARNING: {} cells judged differently:",
                self.differing.len()
            );
            for d in &self.differing {
                let _ = writeln!(out, "  {d}");
            }
        }
        out
    }
}
