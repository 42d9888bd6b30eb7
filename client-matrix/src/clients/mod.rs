//! The registry of built-in clients: `client-matrix/clients.toml`, one entry per client, in
//! report order. It is the one list of them: the adapters (`adapter::all`), the `--client` help,
//! the tests and the README's client table all come from it, and the build embeds the files its
//! entries name (classifier tables, samples, probe sources).
//!
//! ```
//! use badtls_matrix::clients::{self, Kind};
//! use badtls_contract::Capability;
//!
//! let curl = clients::get("curl").unwrap();
//! assert_eq!(curl.kind, Kind::CliTool);
//! assert!(curl.has(Capability::Revocation));
//! let browsers: Vec<&str> = clients::of_kind(Kind::Browser).map(|c| c.name.as_str()).collect();
//! assert_eq!(browsers, ["chromium", "firefox"]);
//! ```

mod render;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::time::Duration;

use badtls_contract::{Capability, Reason};
use serde::Deserialize;

pub use render::{client_help, markdown_table, table_client_help};

/// How a client is driven.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A library driven from this process (rustls, the `openssl` crate).
    InProcess,
    /// A command-line tool, one process per endpoint.
    CliTool,
    /// A probe program, one process per run, speaking the adapter protocol.
    Probe,
    /// A headless browser, driven by a probe program (one browser per run).
    Browser,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 4] = [Kind::InProcess, Kind::CliTool, Kind::Probe, Kind::Browser];

    /// The name used in `clients.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::InProcess => "in-process",
            Kind::CliTool => "cli-tool",
            Kind::Probe => "probe",
            Kind::Browser => "browser",
        }
    }
}

/// Which in-process adapter drives the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    Rustls,
    Openssl,
}

/// Which command line the runner writes for a command-line tool (after its `command`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Syntax {
    /// curl's options (`--cacert`, `--resolve`, `--crlfile`, `--cert`/`--key`, the URL).
    Curl,
    /// `openssl s_client`'s (`-connect`, `-CAfile`, `-verify_hostname`, ...).
    SClient,
    /// `gnutls-cli`'s (`--x509cafile`, `--port`, `--verify-hostname`, ...).
    GnutlsCli,
}

/// What starts a probe's source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Runtime {
    /// `$BADTLS_PYTHON`, else `python3`.
    Python,
    Node,
    Sh,
    /// The probe directory is built once with `go build` into `go-probe`, which runs.
    Go,
}

/// A command-line tool's invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandLine {
    /// Program and leading arguments.
    pub command: Vec<String>,
    pub syntax: Syntax,
    /// The command that prints the tool's version.
    pub version: Vec<String>,
    /// It enforces the per-endpoint timeout itself (curl `--max-time`); the runner stops it a
    /// grace period later. Otherwise the runner's deadline is the timeout itself.
    pub own_timeout: bool,
    /// It speaks HTTP; when not, the runner writes the request on its stdin.
    pub http: bool,
}

/// A probe program (a probe or a browser's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeProgram {
    pub runtime: Runtime,
    /// Its file in `probes/`.
    pub source: String,
    pub args: Vec<String>,
    /// Other files of `probes/` it needs next to it.
    pub files: Vec<String>,
    /// How many targets it runs at once.
    pub parallelism: u64,
    /// What it may spend besides its targets (starting a browser, say).
    pub start_up: Duration,
}

/// How the client runs: what its kind's adapter needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Run {
    InProcess(Engine),
    CliTool(CommandLine),
    /// A probe or a browser.
    Probe(ProbeProgram),
}

/// One built-in client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    /// Its name in reports, baselines and `--client`.
    pub name: String,
    pub kind: Kind,
    /// One line: the stack.
    pub description: String,
    /// Its classifier table in `classifiers/` (and samples in `classifiers/samples/`); `None`
    /// for a client whose errors are typed (rustls).
    pub classifier: Option<String>,
    /// What it does that some scenarios require.
    pub capabilities: Vec<Capability>,
    /// The reasons its table never gives, because the client cannot say them.
    pub cannot_express: Vec<Reason>,
    pub run: Run,
}

impl Client {
    /// Whether the client has `capability`.
    pub fn has(&self, capability: Capability) -> bool {
        self.capabilities.contains(&capability)
    }
}

/// A registry that could not be loaded: every variant names the file, entry errors also the
/// 1-based `[[client]]` number and the name.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{file}: invalid TOML: {source}")]
    Toml {
        file: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{file}: [[client]] #{entry} ({name}): {problem}")]
    Entry {
        file: String,
        entry: usize,
        name: String,
        problem: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    client: Vec<toml::Table>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClient {
    name: String,
    kind: Kind,
    description: String,
    classifier: Option<String>,
    #[serde(default)]
    capabilities: Vec<Capability>,
    #[serde(default)]
    cannot_express: Vec<Reason>,
    // in-process
    engine: Option<Engine>,
    // cli-tool
    command: Option<Vec<String>>,
    syntax: Option<Syntax>,
    version: Option<Vec<String>>,
    own_timeout: Option<bool>,
    http: Option<bool>,
    // probe, browser
    runtime: Option<Runtime>,
    source: Option<String>,
    args: Option<Vec<String>>,
    files: Option<Vec<String>>,
    parallelism: Option<u64>,
    start_up_secs: Option<u64>,
}

/// Probes run this many targets at once unless their entry says otherwise.
pub const DEFAULT_PARALLELISM: u64 = 8;
/// What a probe may spend besides its targets (seconds) unless its entry says otherwise.
pub const DEFAULT_START_UP_SECS: u64 = 30;

/// Parse and validate a registry. `file` is only used in error messages.
pub fn from_toml(file: &str, text: &str) -> Result<Vec<Client>, RegistryError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| RegistryError::Toml {
        file: file.to_string(),
        source: Box::new(e),
    })?;
    let mut out: Vec<Client> = Vec::with_capacity(raw.client.len());
    for (i, table) in raw.client.into_iter().enumerate() {
        let name = table
            .get("name")
            .and_then(toml::Value::as_str)
            .unwrap_or("no name")
            .to_string();
        let problem = |problem: String| RegistryError::Entry {
            file: file.to_string(),
            entry: i + 1,
            name: name.clone(),
            problem,
        };
        let entry: RawClient = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| problem(e.message().to_string()))?;
        let client = validate(entry).map_err(problem)?;
        if out.iter().any(|c| c.name == client.name) {
            return Err(problem("a second client of this name".into()));
        }
        out.push(client);
    }
    Ok(out)
}

/// Check one entry and build its client.
fn validate(e: RawClient) -> Result<Client, String> {
    let valid = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c);
    if e.name.is_empty() || !e.name.chars().all(valid) {
        return Err("`name`: use lowercase letters, digits, '-', '.' or '_'".into());
    }
    if e.description.trim().is_empty() || e.description.contains('\n') {
        return Err("`description`: one line, not empty".into());
    }
    if let Some(table) = &e.classifier {
        if !is_file_name(table) || !table.ends_with(".toml") {
            return Err(format!(
                "`classifier`: '{table}' is not a .toml file name in classifiers/"
            ));
        }
    } else if !e.cannot_express.is_empty() {
        return Err("`cannot_express` is about a classifier table, and there is none".into());
    }
    if let Some(dup) = duplicate(&e.capabilities) {
        return Err(format!("`capabilities`: {dup} twice"));
    }
    if let Some(dup) = duplicate(&e.cannot_express) {
        return Err(format!("`cannot_express`: {dup} twice"));
    }
    // Each kind's own fields, and no other kind's.
    let fields: [(&str, bool, &[Kind]); 12] = [
        ("engine", e.engine.is_some(), &[Kind::InProcess]),
        ("command", e.command.is_some(), &[Kind::CliTool]),
        ("syntax", e.syntax.is_some(), &[Kind::CliTool]),
        ("version", e.version.is_some(), &[Kind::CliTool]),
        ("own_timeout", e.own_timeout.is_some(), &[Kind::CliTool]),
        ("http", e.http.is_some(), &[Kind::CliTool]),
        (
            "runtime",
            e.runtime.is_some(),
            &[Kind::Probe, Kind::Browser],
        ),
        ("source", e.source.is_some(), &[Kind::Probe, Kind::Browser]),
        ("args", e.args.is_some(), &[Kind::Probe, Kind::Browser]),
        ("files", e.files.is_some(), &[Kind::Probe, Kind::Browser]),
        (
            "parallelism",
            e.parallelism.is_some(),
            &[Kind::Probe, Kind::Browser],
        ),
        (
            "start_up_secs",
            e.start_up_secs.is_some(),
            &[Kind::Probe, Kind::Browser],
        ),
    ];
    if let Some((field, _, kinds)) = fields
        .iter()
        .find(|(_, set, kinds)| *set && !kinds.contains(&e.kind))
    {
        let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        return Err(format!(
            "`{field}` is for {}, not {}",
            kinds.join(" and "),
            e.kind.as_str()
        ));
    }
    let required = |field: &str| format!("a {} needs `{field}`", e.kind.as_str());
    let run = match e.kind {
        Kind::InProcess => Run::InProcess(e.engine.ok_or_else(|| required("engine"))?),
        Kind::CliTool => {
            let command = e.command.ok_or_else(|| required("command"))?;
            let Some(program) = command.first().filter(|p| !p.is_empty()) else {
                return Err("`command` needs a program".into());
            };
            let version = e
                .version
                .unwrap_or_else(|| vec![program.clone(), "--version".into()]);
            if version.first().is_none_or(String::is_empty) {
                return Err("`version` needs a program".into());
            }
            Run::CliTool(CommandLine {
                syntax: e.syntax.ok_or_else(|| required("syntax"))?,
                command,
                version,
                own_timeout: e.own_timeout.unwrap_or(false),
                http: e.http.unwrap_or(true),
            })
        }
        Kind::Probe | Kind::Browser => {
            let source = e.source.ok_or_else(|| required("source"))?;
            let files = e.files.unwrap_or_default();
            if let Some(bad) = std::iter::once(&source)
                .chain(&files)
                .find(|f| !is_file_name(f))
            {
                return Err(format!("'{bad}' is not a file name in probes/"));
            }
            let parallelism = e.parallelism.unwrap_or(DEFAULT_PARALLELISM);
            if parallelism == 0 {
                return Err("`parallelism` must be at least 1".into());
            }
            Run::Probe(ProbeProgram {
                runtime: e.runtime.ok_or_else(|| required("runtime"))?,
                source,
                args: e.args.unwrap_or_default(),
                files,
                parallelism,
                start_up: Duration::from_secs(e.start_up_secs.unwrap_or(DEFAULT_START_UP_SECS)),
            })
        }
    };
    Ok(Client {
        name: e.name,
        kind: e.kind,
        description: e.description,
        classifier: e.classifier,
        capabilities: e.capabilities,
        cannot_express: e.cannot_express,
        run,
    })
}

/// A plain file name: no directory, not hidden.
fn is_file_name(f: &str) -> bool {
    !f.is_empty() && !f.contains(['/', '\\']) && !f.starts_with('.')
}

fn duplicate<T: Ord + Copy + std::fmt::Display>(items: &[T]) -> Option<T> {
    let mut seen = BTreeSet::new();
    items.iter().copied().find(|i| !seen.insert(*i))
}

/// Every built-in client, in report order.
pub fn builtin() -> &'static [Client] {
    static CLIENTS: OnceLock<Vec<Client>> = OnceLock::new();
    // Compiled in; `the_registry_loads` proves it is valid.
    CLIENTS.get_or_init(|| {
        from_toml("clients.toml", crate::embedded::REGISTRY)
            .unwrap_or_else(|e| panic!("built-in client registry: {e}"))
    })
}

/// The built-in client `name`.
pub fn get(name: &str) -> Option<&'static Client> {
    builtin().iter().find(|c| c.name == name)
}

/// The built-in clients of one kind, in report order.
pub fn of_kind(kind: Kind) -> impl Iterator<Item = &'static Client> {
    builtin().iter().filter(move |c| c.kind == kind)
}
