//! The runner: every selected client against every selected endpoint of a manifest, judged,
//! gated by the controls, and compared with a baseline. Reporting is the reporters' business.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;

use badtls_servers::{Manifest, ManifestEndpoint};

use crate::adapter::{Adapter, Attempt, Target};
use crate::baseline::Baseline;
use crate::cell::{judge, reason_of, Cell, Outcome, Status};

/// The control every other cell of a client depends on.
pub const GATE: &str = "good/default";

/// How to run.
pub struct RunOptions {
    /// Per-target client timeout.
    pub timeout: Duration,
    /// Parallel targets per command-line client, and clients at once.
    pub jobs: usize,
    /// Where the CA and client identity files go.
    pub work_dir: PathBuf,
}

/// A client's row header.
#[derive(Clone, Debug, Serialize)]
pub struct ClientInfo {
    pub name: String,
    /// The version line, or why the client was skipped.
    pub version: Option<String>,
    pub skipped: Option<String>,
    pub elapsed_ms: u64,
}

/// The whole matrix.
#[derive(Clone, Debug, Serialize)]
pub struct MatrixResult {
    pub clients: Vec<ClientInfo>,
    pub scenarios: Vec<ManifestEndpoint>,
    pub cells: Vec<Cell>,
    pub elapsed_ms: u64,
}

impl MatrixResult {
    /// Cells that make the run fail.
    pub fn unexpected(&self) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(|c| c.status.is_unexpected())
    }

    /// How many cells have each status.
    pub fn counts(&self) -> std::collections::BTreeMap<Status, usize> {
        let mut m = std::collections::BTreeMap::new();
        for c in &self.cells {
            *m.entry(c.status).or_insert(0) += 1;
        }
        m
    }
}

/// Write the CA and the client identity next to each other and build the targets.
pub fn targets(
    manifest: &Manifest,
    client_pem: &str,
    client_key: &str,
    opts: &RunOptions,
) -> std::io::Result<Vec<Target>> {
    std::fs::create_dir_all(&opts.work_dir)?;
    let ca = opts.work_dir.join("ca.pem");
    std::fs::write(&ca, &manifest.ca_pem)?;
    let cert = opts.work_dir.join("client.pem");
    let key = opts.work_dir.join("client.key");
    std::fs::write(&cert, client_pem)?;
    write_private(&key, client_key)?;
    Ok(manifest
        .endpoints
        .iter()
        .map(|e| Target {
            id: e.id.clone(),
            url: e.url.clone(),
            host: e.host.clone(),
            port: e.port,
            address: e.address.clone(),
            ca_file: ca.clone(),
            client_cert: e.client_cert.then(|| cert.clone()),
            client_key: e.client_cert.then(|| key.clone()),
            timeout_ms: opts.timeout.as_millis() as u64,
        })
        .collect())
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    std::io::Write::write_all(&mut f, text.as_bytes())
}

/// Run every adapter over `targets`; `progress` hears about each finished client.
pub fn run(
    adapters: &[Box<dyn Adapter>],
    manifest: &Manifest,
    targets: &[Target],
    baseline: Option<&Baseline>,
    opts: &RunOptions,
    progress: &(dyn Fn(&ClientInfo) + Sync),
) -> MatrixResult {
    let start = Instant::now();
    // Every client runs side by side: most of their time is spent waiting (timeouts, JVM and
    // interpreter start-up), not computing. Each bounds its own parallelism.
    let rows: Vec<(ClientInfo, Vec<Cell>)> =
        crate::adapter::parallel_map(adapters, adapters.len().max(1), |adapter| {
            let row = run_client(adapter.as_ref(), manifest, targets, opts);
            progress(&row.0);
            row
        });
    let mut clients = Vec::new();
    let mut cells = Vec::new();
    for (info, mut row) in rows {
        gate(&mut row);
        clients.push(info);
        cells.extend(row);
    }
    if let Some(b) = baseline {
        b.apply(&mut cells);
    }
    MatrixResult {
        clients,
        scenarios: manifest.endpoints.clone(),
        cells,
        elapsed_ms: start.elapsed().as_millis() as u64,
    }
}

fn run_client(
    adapter: &dyn Adapter,
    manifest: &Manifest,
    targets: &[Target],
    opts: &RunOptions,
) -> (ClientInfo, Vec<Cell>) {
    let start = Instant::now();
    let name = adapter.name();
    let (version, attempts) = match adapter.version() {
        Ok(v) => (Ok(v), adapter.run(targets, opts.jobs)),
        Err(why) => {
            let skipped = targets
                .iter()
                .map(|t| Attempt {
                    id: t.id.clone(),
                    outcome: Outcome::Skipped(why.clone()),
                    reason: None,
                    elapsed: Duration::ZERO,
                })
                .collect();
            (Err(why), skipped)
        }
    };
    let classifier = adapter.classifier();
    let cells = attempts
        .into_iter()
        .filter_map(|a| {
            let ep = manifest.endpoints.iter().find(|e| e.id == a.id)?;
            let reason = reason_of(&a.outcome, a.reason, classifier);
            let status = judge(ep.expect, &a.outcome, reason);
            let (raw, protocol, cipher) = match a.outcome {
                Outcome::Accepted { protocol, cipher } => (None, protocol, cipher),
                Outcome::Rejected { raw } => (Some(raw), None, None),
                Outcome::Skipped(why) | Outcome::Error(why) => (Some(why), None, None),
                Outcome::Hang => (
                    Some(format!(
                        "no answer within the runner's deadline ({} ms + grace)",
                        opts.timeout.as_millis()
                    )),
                    None,
                    None,
                ),
            };
            Some(Cell {
                client: name.to_string(),
                scenario: a.id,
                expect: ep.expect,
                status,
                reason,
                raw,
                protocol,
                cipher,
                note: None,
                elapsed_ms: a.elapsed.as_millis() as u64,
            })
        })
        .collect();
    let info = ClientInfo {
        name: name.to_string(),
        version: version.as_ref().ok().cloned(),
        skipped: version.err(),
        elapsed_ms: start.elapsed().as_millis() as u64,
    };
    (info, cells)
}

/// If a client failed its control, its trust setup is broken: every other cell is ERROR.
fn gate(row: &mut [Cell]) {
    let Some(control) = row.iter().find(|c| c.scenario == GATE) else {
        return;
    };
    if matches!(control.status, Status::Pass | Status::Skip) {
        return;
    }
    let why = format!(
        "control {GATE} was {} ({}): this client's trust setup is broken, so its other cells mean nothing",
        control.status.label(),
        control.raw.as_deref().unwrap_or("")
    );
    for cell in row.iter_mut().filter(|c| c.scenario != GATE) {
        cell.status = Status::Error;
        cell.note = Some(why.clone());
    }
}
