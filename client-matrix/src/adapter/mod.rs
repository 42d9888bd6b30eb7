//! Client adapters: how each client stack is driven against a list of targets. Which clients
//! there are, and each one's command, probe and capabilities, is the registry's
//! ([`crate::clients`]); how each kind is driven is here.
//!
//! - in-process: [`rustls`](inprocess::RustlsAdapter) and the [`openssl`](inprocess::OpensslAdapter) crate;
//! - command-line tools run once per target, in parallel: curl, `openssl s_client`, `gnutls-cli`
//!   (they cannot take a batch, and start in milliseconds);
//! - probe programs, one process per client per run, speaking JSON lines
//!   (`docs/adapter-protocol.md`): Python urllib and requests, Node, Java (two APIs), Go
//!   (runtimes whose start-up costs too much to pay per cell).
//!
//! Every adapter gets only the suite CA, runs with CA and proxy variables cleared, and is bounded
//! by a hard deadline: a client that does not finish is reported as a hang, never waited on.

mod cli_tool;
mod inprocess;
mod probe_process;

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use badtls_contract::Capability;

use crate::cell::Outcome;
use crate::classify::Classifier;
use crate::clients::{Client, Engine, Run};

pub use cli_tool::CliTool;
pub use inprocess::{OpensslAdapter, RustlsAdapter};
pub use probe_process::{
    default_dir as default_probes_dir, install as install_probes, ProbeProcess, PROBE_PARALLELISM,
};

/// One endpoint as a client is given it (the adapter protocol's target).
#[derive(Clone, Debug, Serialize)]
pub struct Target {
    pub id: String,
    pub url: String,
    pub host: String,
    pub port: u16,
    pub address: String,
    pub ca_file: PathBuf,
    pub client_cert: Option<PathBuf>,
    pub client_key: Option<PathBuf>,
    /// The suite's CRLs (PEM), given only for scenarios that require revocation checking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl_file: Option<PathBuf>,
    /// The suite CA followed by every CRL issuer (PEM), alongside `crl_file`: for clients that
    /// only check a CRL whose issuer is among their CA certificates (GnuTLS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl_ca_file: Option<PathBuf>,
    pub timeout_ms: u64,
}

impl Target {
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

/// What an adapter reports for one target.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub id: String,
    pub outcome: Outcome,
    /// The canonical reason, when the adapter can tell it without a pattern table (rustls).
    pub reason: Option<badtls_contract::Reason>,
    pub elapsed: Duration,
}

/// A client stack.
pub trait Adapter: Send + Sync {
    /// The client's name in reports and baselines (`curl`, `python-requests`, ...).
    fn name(&self) -> &str;
    /// The table that classifies this client's errors: by default the built-in one of its name.
    fn classifier(&self) -> Option<&Classifier> {
        Classifier::for_client(self.name())
    }
    /// What this client does that some scenarios require (it is given the CRLs and checks
    /// them; it offers ALPN). A scenario that requires something else is N/A for it. By default,
    /// what its classifier table declares.
    fn capabilities(&self) -> Vec<Capability> {
        self.classifier()
            .map(|c| c.capabilities().to_vec())
            .unwrap_or_default()
    }
    /// The client's version line, or why it cannot run here (→ every cell SKIP).
    fn version(&self) -> Result<String, String>;
    /// Run every target; one attempt per target, in any order. `jobs` bounds parallelism.
    fn run(&self, targets: &[Target], jobs: usize) -> Vec<Attempt>;
}

/// A client judged with a user's classifier table instead of its built-in one
/// (`badtls matrix --classifier FILE`).
pub struct WithClassifier {
    pub inner: Box<dyn Adapter>,
    pub table: Classifier,
}

impl Adapter for WithClassifier {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn classifier(&self) -> Option<&Classifier> {
        Some(&self.table)
    }
    fn capabilities(&self) -> Vec<Capability> {
        self.inner.capabilities()
    }
    fn version(&self) -> Result<String, String> {
        self.inner.version()
    }
    fn run(&self, targets: &[Target], jobs: usize) -> Vec<Attempt> {
        self.inner.run(targets, jobs)
    }
}

/// The adapter of one built-in client: its kind's code, configured by its registry entry.
pub fn build(client: &Client, probes_dir: &std::path::Path) -> Box<dyn Adapter> {
    match &client.run {
        Run::InProcess(Engine::Rustls) => Box::new(RustlsAdapter::new(client.clone())),
        Run::InProcess(Engine::Openssl) => Box::new(OpensslAdapter::new(client.clone())),
        Run::CliTool(line) => Box::new(CliTool::new(client.clone(), line.clone())),
        Run::Probe(program) => Box::new(ProbeProcess::builtin(client, program.clone(), probes_dir)),
    }
}

/// Every built-in client's adapter, in report order (the registry's, `clients.toml`). Probes run
/// from `probes_dir` (see [`install_probes`]); building the adapters touches no file.
pub fn all(probes_dir: &std::path::Path) -> Vec<Box<dyn Adapter>> {
    crate::clients::builtin()
        .iter()
        .map(|c| build(c, probes_dir))
        .collect()
}

/// A `--client` name that is none of the clients of this run.
#[derive(Debug, thiserror::Error)]
#[error("{name}: unknown client (known: {known})")]
pub struct UnknownClient {
    pub name: String,
    /// The clients that are, comma-separated.
    pub known: String,
}

/// The adapters named in `names`, in report order; every adapter when `names` is empty.
pub fn select(
    all: Vec<Box<dyn Adapter>>,
    names: &[String],
) -> Result<Vec<Box<dyn Adapter>>, UnknownClient> {
    if let Some(name) = names
        .iter()
        .find(|n| !all.iter().any(|a| a.name() == n.as_str()))
    {
        let known: Vec<&str> = all.iter().map(|a| a.name()).collect();
        return Err(UnknownClient {
            name: name.clone(),
            known: known.join(", "),
        });
    }
    Ok(all
        .into_iter()
        .filter(|a| names.is_empty() || names.iter().any(|n| n == a.name()))
        .collect())
}

/// Environment variables no client may inherit: they would change what it trusts or where it
/// connects.
pub const SCRUBBED_ENV: &[&str] = &[
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "NIX_SSL_CERT_FILE",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "NODE_EXTRA_CA_CERTS",
    "AWS_CA_BUNDLE",
    "GIT_SSL_CAINFO",
    "http_proxy",
    "https_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
    "JAVA_TOOL_OPTIONS",
    "_JAVA_OPTIONS",
    "NODE_OPTIONS",
    "OPENSSL_CONF",
    "SSLKEYLOGFILE",
];

/// A command with the scrubbed environment.
pub fn command(program: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(program);
    for var in SCRUBBED_ENV {
        cmd.env_remove(var);
    }
    cmd
}

/// Run `f` over `items` on at most `jobs` threads, keeping results in input order.
pub fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
            });
        }
    });
    results
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_keeps_report_order_and_names_an_unknown_client() {
        // Building the adapters touches no file: any directory will do.
        let dir = std::path::Path::new("/nonexistent");
        assert_eq!(select(all(dir), &[]).unwrap().len(), all(dir).len());
        let names: Vec<String> = all(dir).iter().map(|a| a.name().to_string()).collect();
        let registry: Vec<&str> = crate::clients::builtin()
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            names, registry,
            "one adapter per registry entry, in its order"
        );
        for (a, c) in all(dir).iter().zip(crate::clients::builtin()) {
            assert_eq!(a.capabilities(), c.capabilities, "{}", c.name);
        }
        let picked = select(all(dir), &["curl".into(), "rustls".into()]).unwrap();
        let names: Vec<&str> = picked.iter().map(|a| a.name()).collect();
        assert_eq!(names, ["rustls", "curl"]);
        let err = select(all(dir), &["lynx".into()])
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("lynx") && err.contains("curl"), "{err}");
    }
}
