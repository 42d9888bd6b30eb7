//! The runner: every selected client against every selected endpoint of a manifest, judged,
//! gated by the controls, and compared with a baseline. Reporting is the reporters' business.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use badtls_contract::control_client::{self, ControlClientError};
use badtls_contract::{Capability, Reason};
use badtls_contract::{Manifest, ManifestEndpoint};

use crate::adapter::{Adapter, Attempt, Target};
use crate::baseline::{Baseline, VersionDrift};
use crate::cell::{judge, reason_of, Cell, Outcome, Status};
use crate::identity::ManifestIdentity;
use crate::merge::Source;
use crate::partition::Partition;
use crate::platform::Platform;

/// The control every other cell of a client depends on.
pub const GATE: &str = "good/default";

/// The client timeout for endpoints that never answer (their expectation is
/// `transport.timeout`): long enough for any client to start and send its first flight.
pub const HANG_DEADLINE: Duration = Duration::from_millis(1500);

/// How many times the per-target timeout the control gets. The control goes first to every
/// client and pays its warm-up: under CPU load, a JVM's first HttpClient handshake (class
/// loading, the JIT, the TLS stack's set-up) took more than the 4 s default, and a control that
/// fails makes the whole row ERROR.
pub const CONTROL_TIMEOUT_FACTOR: u32 = 3;

/// How to run.
pub struct RunOptions {
    /// Per-target client timeout.
    pub timeout: Duration,
    /// Parallel targets per command-line client, and clients at once.
    pub jobs: usize,
    /// Where the CA, CRL and client identity files go.
    pub work_dir: PathBuf,
    /// XPASS (a recorded deviation that did not happen) fails the run.
    pub strict: bool,
    /// Run only this partition's cells (`--partition K/N`).
    pub partition: Option<Partition>,
}

/// A client's row header.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClientInfo {
    pub name: String,
    /// The version line, or why the client was skipped.
    pub version: Option<String>,
    pub skipped: Option<String>,
    pub elapsed_ms: u64,
}

/// The whole matrix, as `--out FILE.json` writes it (docs/matrix-json.md). The fields after
/// `version_drift` say where and against what it ran; reports written before they existed
/// read as `None`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MatrixResult {
    pub clients: Vec<ClientInfo>,
    pub scenarios: Vec<ManifestEndpoint>,
    pub cells: Vec<Cell>,
    pub elapsed_ms: u64,
    /// Whether XPASS counts as unexpected (`--strict`).
    pub strict: bool,
    /// Baseline rows recorded with another version of their client than the installed one.
    pub version_drift: Vec<VersionDrift>,
    /// The badtls that ran it.
    #[serde(default)]
    pub badtls_version: Option<String>,
    /// The machine it ran on (for a merged report: none, see `merged_from`).
    #[serde(default)]
    pub platform: Option<Platform>,
    /// The suite it ran against.
    #[serde(default)]
    pub manifest: Option<ManifestIdentity>,
    /// The slice of the cells it ran (`--partition K/N`); none for the whole matrix.
    #[serde(default)]
    pub partition: Option<Partition>,
    /// For a merged report (`badtls report merge`): the runs it was made of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<Source>,
}

impl MatrixResult {
    /// Each client that ran, with its version line.
    pub fn installed(&self) -> std::collections::BTreeMap<String, String> {
        self.clients
            .iter()
            .filter_map(|c| Some((c.name.clone(), c.version.clone()?)))
            .collect()
    }

    /// Cells that make the run fail.
    pub fn unexpected(&self) -> impl Iterator<Item = &Cell> {
        self.cells
            .iter()
            .filter(|c| c.status.is_unexpected(self.strict))
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

/// What clients are given besides the CA: the client identity, and for scenarios that require
/// revocation checking the CRLs and their issuers.
#[derive(Clone, Debug, Default)]
pub struct SuiteFiles {
    /// The client identity's chain (PEM) and key (PEM).
    pub client_pem: String,
    pub client_key: String,
    /// Every CRL of the suite, DER.
    pub crls: Vec<Vec<u8>>,
    /// The certificates of the CAs that signed them, PEM.
    pub crl_issuers_pem: String,
    /// Endpoint-specific client identity files (a bad identity the server must refuse), by URL.
    pub identities: std::collections::BTreeMap<String, String>,
}

impl SuiteFiles {
    /// Fetch them from a running suite's control port, as the manifest names them.
    pub fn fetch(manifest: &Manifest) -> Result<SuiteFiles, ControlClientError> {
        let mut files = SuiteFiles {
            client_pem: control_client::get(&manifest.client_cert_url)?,
            client_key: control_client::get(&manifest.client_key_url)?,
            ..SuiteFiles::default()
        };
        for url in &manifest.crls {
            files.crls.push(control_client::get_bytes(url)?);
        }
        for e in &manifest.endpoints {
            for url in e.client_cert_url.iter().chain(&e.client_key_url) {
                if !files.identities.contains_key(url) {
                    let text = control_client::get(url)?;
                    files.identities.insert(url.clone(), text);
                }
            }
        }
        for issuer in &manifest.crl_issuers {
            files
                .crl_issuers_pem
                .push_str(&control_client::get(&issuer.issuer_url)?);
        }
        Ok(files)
    }
}

/// Write the CA, the client identity and the CRL files next to each other and build the
/// targets. Only endpoints that require revocation checking get the CRLs.
pub fn targets(
    manifest: &Manifest,
    files: &SuiteFiles,
    opts: &RunOptions,
) -> std::io::Result<Vec<Target>> {
    std::fs::create_dir_all(&opts.work_dir)?;
    let ca = opts.work_dir.join("ca.pem");
    std::fs::write(&ca, &manifest.ca_pem)?;
    let cert = opts.work_dir.join("client.pem");
    let key = opts.work_dir.join("client.key");
    std::fs::write(&cert, &files.client_pem)?;
    write_private(&key, &files.client_key)?;
    let crl = opts.work_dir.join("crls.pem");
    let crl_pem: String = files
        .crls
        .iter()
        .map(|der| pem::encode(&pem::Pem::new("X509 CRL", der.clone())))
        .collect();
    std::fs::write(&crl, crl_pem)?;
    let crl_ca = opts.work_dir.join("ca-and-crl-issuers.pem");
    std::fs::write(
        &crl_ca,
        format!("{}\n{}", manifest.ca_pem.trim_end(), files.crl_issuers_pem),
    )?;
    // Each endpoint-specific identity file, written once under its URL's last segment.
    let mut identity_files = std::collections::BTreeMap::new();
    for (url, text) in &files.identities {
        let name = url.rsplit('/').next().unwrap_or("identity");
        let path = opts.work_dir.join(format!("client-{name}"));
        write_private(&path, text)?;
        identity_files.insert(url.as_str(), path);
    }
    let identity = |url: &Option<String>, default: &PathBuf| match url {
        Some(u) => identity_files.get(u.as_str()).cloned(),
        None => Some(default.clone()),
    };
    Ok(manifest
        .endpoints
        .iter()
        .map(|e| {
            let revocation = e.expect.requires.contains(&Capability::Revocation);
            // An endpoint that expects a timeout never answers: waiting longer than a short
            // deadline only delays the verdict, which stays the same.
            let timeout = if e.expect.reason == Some(Reason::TransportTimeout) {
                opts.timeout.min(HANG_DEADLINE)
            } else if e.id == GATE {
                opts.timeout * CONTROL_TIMEOUT_FACTOR
            } else {
                opts.timeout
            };
            Target {
                id: e.id.clone(),
                url: e.url.clone(),
                host: e.host.clone(),
                port: e.port,
                address: e.address.clone(),
                ca_file: ca.clone(),
                client_cert: identity(&e.client_cert_url, &cert).filter(|_| e.client_cert),
                client_key: identity(&e.client_key_url, &key).filter(|_| e.client_cert),
                crl_file: revocation.then(|| crl.clone()),
                crl_ca_file: revocation.then(|| crl_ca.clone()),
                timeout_ms: timeout.as_millis() as u64,
            }
        })
        .collect())
}

/// Write `text` readable by its owner only (0600 on Unix; elsewhere the directory's ACL rules,
/// the work directory being the user's own temporary one).
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(path)?;
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
    // Under a partition each client runs only the scenarios dealt to it, plus its control: its
    // other cells mean nothing without it. A client with no cells here does not run at all.
    let dealt: Vec<Option<BTreeSet<&str>>> = match opts.partition {
        None => vec![None; adapters.len()],
        Some(p) => p
            .deal(adapters.len(), manifest.endpoints.len())
            .into_iter()
            .map(|ss| {
                Some(
                    ss.iter()
                        .map(|&s| manifest.endpoints[s].id.as_str())
                        .collect(),
                )
            })
            .collect(),
    };
    let work: Vec<(&dyn Adapter, Option<BTreeSet<&str>>)> = adapters
        .iter()
        .zip(dealt)
        .filter(|(_, owned)| owned.as_ref().is_none_or(|o| !o.is_empty()))
        .map(|(a, owned)| (a.as_ref(), owned))
        .collect();
    // Every client runs side by side: most of their time is spent waiting (timeouts, JVM and
    // interpreter start-up), not computing. Each bounds its own parallelism.
    let rows: Vec<(ClientInfo, Vec<Cell>)> =
        crate::adapter::parallel_map(&work, work.len().max(1), |(adapter, owned)| {
            let mut mine: Vec<Target> = targets
                .iter()
                .filter(|t| {
                    owned
                        .as_ref()
                        .is_none_or(|o| o.contains(t.id.as_str()) || t.id == GATE)
                })
                .cloned()
                .collect();
            // The control first: a probe that runs targets side by side may run the first one
            // alone, so that its warm-up is paid once, by the cell with the long timeout.
            mine.sort_by_key(|t| t.id != GATE);
            let mut row = run_client(*adapter, manifest, &mine, opts);
            progress(&row.0);
            gate(&mut row.1);
            // The control is reported by the partition it was dealt to.
            if let Some(o) = owned {
                row.1.retain(|c| o.contains(c.scenario.as_str()));
            }
            row
        });
    let mut clients = Vec::new();
    let mut cells = Vec::new();
    for (info, row) in rows {
        clients.push(info);
        cells.extend(row);
    }
    let mut result = MatrixResult {
        clients,
        scenarios: manifest.endpoints.clone(),
        cells,
        elapsed_ms: start.elapsed().as_millis() as u64,
        strict: opts.strict,
        version_drift: Vec::new(),
        badtls_version: Some(env!("CARGO_PKG_VERSION").to_string()),
        // Without a label to check, detection cannot fail.
        platform: Platform::detect(None).ok(),
        manifest: Some(ManifestIdentity::of(manifest)),
        partition: opts.partition,
        merged_from: Vec::new(),
    };
    if let Some(b) = baseline {
        b.apply(&mut result.cells);
        result.version_drift = b.drift(&result.installed());
    }
    result
}

fn run_client(
    adapter: &dyn Adapter,
    manifest: &Manifest,
    targets: &[Target],
    opts: &RunOptions,
) -> (ClientInfo, Vec<Cell>) {
    let start = Instant::now();
    let name = adapter.name();
    // A scenario that requires what this client does not do is N/A: never run, never judged.
    let capabilities = adapter.capabilities();
    let missing = |t: &Target| {
        manifest
            .endpoints
            .iter()
            .find(|e| e.id == t.id)
            .and_then(|e| e.expect.missing(|c| capabilities.contains(&c)))
    };
    let mut runnable = Vec::new();
    let mut not_applicable = Vec::new();
    for t in targets {
        match missing(t) {
            None => runnable.push(t.clone()),
            Some(c) => not_applicable.push((t.id.clone(), c)),
        }
    }
    let (version, mut attempts) = match adapter.version() {
        Ok(v) => (Ok(v), adapter.run(&runnable, opts.jobs)),
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
    if version.is_ok() {
        attempts.extend(not_applicable.into_iter().map(|(id, c)| Attempt {
            id,
            outcome: Outcome::NotApplicable(format!("needs {c}: {}", c.missing())),
            reason: None,
            elapsed: Duration::ZERO,
        }));
    }
    // Report order is the manifest's, whatever order the client ran them in.
    let position = |id: &str| manifest.endpoints.iter().position(|e| e.id == id);
    attempts.sort_by_key(|a| position(&a.id));
    let classifier = adapter.classifier();
    let cells = attempts
        .into_iter()
        .filter_map(|a| {
            let ep = manifest.endpoints.iter().find(|e| e.id == a.id)?;
            let reason = reason_of(&a.outcome, a.reason, classifier);
            // What this client must do: `accept_with` turns a rejection into acceptance for a
            // client with the capability (AIA fetching).
            let expect = ep.expect.for_client(|c| capabilities.contains(&c));
            let status = judge(&expect, &a.outcome, reason);
            let (raw, protocol, cipher) = match a.outcome {
                Outcome::Accepted { protocol, cipher } => (None, protocol, cipher),
                Outcome::Rejected { raw } => (Some(raw), None, None),
                Outcome::Skipped(why) | Outcome::Error(why) | Outcome::NotApplicable(why) => {
                    (Some(why), None, None)
                }
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
                expect,
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
    for cell in row
        .iter_mut()
        .filter(|c| c.scenario != GATE && c.status != Status::NotApplicable)
    {
        cell.status = Status::Error;
        cell.note = Some(why.clone());
    }
}
