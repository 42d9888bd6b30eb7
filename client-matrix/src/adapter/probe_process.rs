//! Probe programs, one process per client per run, speaking JSON lines
//! (`docs/adapter-protocol.md`). Their sources are embedded in the binary and written to a
//! cache directory, so `badtls matrix` works from any directory and in the container.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use badtls_contract::Capability;
use serde::Deserialize;

use super::cli_tool::{run_bounded, Bounded};
use super::{command, Adapter, Attempt, Target};
use crate::cell::Outcome;
use crate::classify::Classifier;
use crate::clients::{Client, ProbeProgram, Runtime};

// The probe sources, as shipped: every file a registry entry names (`source`, `files`).
use crate::embedded::PROBE_SOURCES as SOURCES;

/// FNV-1a over every source's name and text: stable across runs and builds, unlike `std`'s
/// randomly keyed hasher.
fn sources_digest() -> u64 {
    SOURCES
        .iter()
        .flat_map(|(name, text)| name.bytes().chain([0]).chain(text.bytes()))
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Probes run targets this many at a time (their own limit), so a batch needs this many rounds;
/// a registry entry may say otherwise (a browser's `parallelism`).
pub const PROBE_PARALLELISM: u64 = crate::clients::DEFAULT_PARALLELISM;

/// Write the probe sources into `dir` (idempotent: unchanged files are left alone, so the Go
/// binary and the compiled Java class stay cached).
pub fn install(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in SOURCES {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(*text) {
            std::fs::write(&path, text)?;
        }
    }
    Ok(())
}

/// The probe sources' directory for these sources, in the user's cache (`$BADTLS_CACHE`, else
/// `$XDG_CACHE_HOME/badtls`, else `~/.cache/badtls`), written there by [`install`]. The name
/// carries a digest of the sources as well as the version: two builds of one version with
/// different probes (a checkout and its branch, say) would otherwise rewrite each other's files
/// under each other's running matrix.
pub fn default_dir() -> std::io::Result<PathBuf> {
    let base = std::env::var_os("BADTLS_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("badtls")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/badtls")))
        .unwrap_or_else(|| std::env::temp_dir().join("badtls-cache"));
    let dir = base.join(format!(
        "probes-{}-{:016x}",
        env!("CARGO_PKG_VERSION"),
        sources_digest()
    ));
    match install(&dir) {
        Ok(()) => Ok(dir),
        Err(e) => Err(std::io::Error::new(
            e.kind(),
            format!("{}: {e}", dir.display()),
        )),
    }
}

/// One probe program: a built-in one, or a user's (`badtls matrix --probe NAME=COMMAND`).
pub struct ProbeProcess {
    name: String,
    dir: PathBuf,
    launch: Launch,
    /// The user's table for this client, instead of the built-in one of its name.
    classifier: Option<Classifier>,
    /// What a built-in probe does that some scenarios require (`None` for a user's probe: its
    /// table declares them).
    capabilities: Option<Vec<Capability>>,
}

enum Launch {
    /// A registry entry's probe, from the probe directory.
    Builtin(ProbeProgram),
    /// Any program that speaks the adapter protocol: the command and its arguments.
    External(Vec<String>),
}

impl ProbeProcess {
    /// The probe of the registry entry `client`, run as `program` says (its `Run::Probe`), from
    /// the probe sources in `dir` (see [`install`]).
    pub fn builtin(client: &Client, program: ProbeProgram, dir: &Path) -> ProbeProcess {
        ProbeProcess {
            name: client.name.clone(),
            dir: dir.to_path_buf(),
            launch: Launch::Builtin(program),
            classifier: None,
            capabilities: Some(client.capabilities.clone()),
        }
    }

    /// A user's probe: `command` (program and arguments) speaks the adapter protocol
    /// (`docs/adapter-protocol.md`) for the client `name`; `classifier` maps its errors to
    /// reasons (without one, its rejections are unclassified). Runs from the current directory.
    pub fn external(
        name: &str,
        command: Vec<String>,
        classifier: Option<Classifier>,
    ) -> ProbeProcess {
        ProbeProcess {
            name: name.to_string(),
            dir: PathBuf::from("."),
            launch: Launch::External(command),
            classifier,
            capabilities: None,
        }
    }

    /// The command line that starts the probe.
    fn command_line(&self) -> (String, Vec<String>) {
        let file = |f: &str| self.dir.join(f).display().to_string();
        match &self.launch {
            Launch::Builtin(p) => {
                let (program, mut args) = match p.runtime {
                    // BADTLS_PYTHON picks an interpreter with `requests` installed (a venv, say);
                    // the browser probe needs only Python's standard library.
                    Runtime::Python => (
                        std::env::var("BADTLS_PYTHON").unwrap_or_else(|_| "python3".into()),
                        vec![file(&p.source)],
                    ),
                    Runtime::Node => ("node".into(), vec![file(&p.source)]),
                    Runtime::Sh => ("sh".into(), vec![file(&p.source)]),
                    Runtime::Go => (file(GO_BINARY), vec![]),
                };
                args.extend(p.args.iter().cloned());
                (program, args)
            }
            Launch::External(command) => match command.split_first() {
                Some((program, args)) => (program.clone(), args.to_vec()),
                None => (String::new(), Vec::new()),
            },
        }
    }

    /// How many targets the probe runs at once.
    fn parallelism(&self) -> u64 {
        match &self.launch {
            Launch::Builtin(p) => p.parallelism,
            Launch::External(_) => PROBE_PARALLELISM,
        }
    }

    /// What the probe may spend besides its targets.
    fn start_up(&self) -> Duration {
        match &self.launch {
            Launch::Builtin(p) => p.start_up,
            Launch::External(_) => Duration::from_secs(crate::clients::DEFAULT_START_UP_SECS),
        }
    }

    /// Go is compiled once into the cache directory.
    fn prepare(&self) -> Result<(), String> {
        let go = matches!(&self.launch, Launch::Builtin(p) if p.runtime == Runtime::Go);
        if !go || self.dir.join(GO_BINARY).exists() {
            return Ok(());
        }
        let mut go = command("go");
        go.args(["build", "-o", GO_BINARY, "."])
            .current_dir(&self.dir);
        if std::env::var_os("GOCACHE").is_none() && std::env::var_os("HOME").is_none() {
            go.env("GOCACHE", self.dir.join(".gocache"));
        }
        let out = go
            .output()
            .map_err(|e| format!("go is not installed ({e})"))?;
        if !out.status.success() {
            return Err(format!(
                "go build failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(())
    }
}

/// What `go build` makes of the probe directory (a Go probe's module is the whole directory).
const GO_BINARY: &str = "go-probe";

#[derive(Deserialize)]
struct ProbeResult {
    id: String,
    ok: bool,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    protocol: Option<String>,
    #[serde(default)]
    cipher: Option<String>,
}

impl Adapter for ProbeProcess {
    fn name(&self) -> &str {
        &self.name
    }

    fn classifier(&self) -> Option<&Classifier> {
        self.classifier
            .as_ref()
            .or_else(|| Classifier::for_client(&self.name))
    }

    fn capabilities(&self) -> Vec<Capability> {
        match &self.capabilities {
            Some(own) => own.clone(),
            None => self
                .classifier()
                .map(|c| c.capabilities().to_vec())
                .unwrap_or_default(),
        }
    }

    fn version(&self) -> Result<String, String> {
        self.prepare()?;
        let (program, mut args) = self.command_line();
        args.push("--version".into());
        // The first Java run compiles the probe: allow for it.
        match run_bounded(&program, &args, b"", Duration::from_secs(90)) {
            Ok(f) if f.code == Some(0) => {
                Ok(f.stdout.lines().next().unwrap_or("").trim().to_string())
            }
            Ok(f) => Err(format!(
                "{program} cannot run the probe: {}",
                f.stderr.lines().last().unwrap_or("").trim()
            )),
            Err(Bounded::Hang) => Err(format!("{program} --version did not answer")),
            Err(Bounded::Spawn(e)) => Err(e),
        }
    }

    fn run(&self, targets: &[Target], _jobs: usize) -> Vec<Attempt> {
        let start = Instant::now();
        let longest = targets.iter().map(|t| t.timeout_ms).max().unwrap_or(0);
        let rounds = (targets.len() as u64).div_ceil(self.parallelism()).max(1);
        let deadline = Duration::from_millis(longest * rounds) + self.start_up();
        let (results, failure) = match self.exchange(targets, deadline) {
            Ok(results) => (results, None),
            Err((results, why)) => (results, Some(why)),
        };
        targets
            .iter()
            .map(|t| {
                let (outcome, elapsed) = match results.get(&t.id) {
                    Some((r, at)) if r.ok => (
                        Outcome::Accepted {
                            protocol: r.protocol.clone(),
                            cipher: r.cipher.clone(),
                        },
                        *at,
                    ),
                    Some((r, at)) => (
                        Outcome::Rejected {
                            raw: r.error.clone().unwrap_or_else(|| "(no error text)".into()),
                        },
                        *at,
                    ),
                    None => match &failure {
                        Some(Failure::Deadline) => (Outcome::Hang, start.elapsed()),
                        Some(Failure::Broken(why)) => {
                            (Outcome::Error(why.clone()), start.elapsed())
                        }
                        None => (
                            Outcome::Error("the probe gave no answer for this target".into()),
                            start.elapsed(),
                        ),
                    },
                };
                Attempt {
                    id: t.id.clone(),
                    outcome,
                    reason: None,
                    elapsed,
                }
            })
            .collect()
    }
}

enum Failure {
    Deadline,
    Broken(String),
}

type Answers = HashMap<String, (ProbeResult, Duration)>;

impl ProbeProcess {
    /// Send every target, collect answers until the probe exits or the deadline passes.
    fn exchange(
        &self,
        targets: &[Target],
        deadline: Duration,
    ) -> Result<Answers, (Answers, Failure)> {
        let start = Instant::now();
        let (program, args) = self.command_line();
        let mut child = match command(&program)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                return Err((
                    HashMap::new(),
                    Failure::Broken(format!("cannot start {program}: {e}")),
                ))
            }
        };
        let mut input = String::new();
        for t in targets {
            input.push_str(&serde_json::to_string(t).unwrap_or_default());
            input.push('\n');
        }
        let mut stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(s) = stdin.as_mut() {
                let _ = s.write_all(input.as_bytes());
            }
            // Dropping stdin closes it: the probe finishes and exits.
        });
        let stderr = child.stderr.take();
        let stderr_tail = std::thread::spawn(move || {
            let mut tail = Vec::new();
            if let Some(e) = stderr {
                for line in BufReader::new(e).lines().map_while(Result::ok) {
                    tail.push(line);
                    if tail.len() > 20 {
                        tail.remove(0);
                    }
                }
            }
            tail.join(" | ")
        });
        let (tx, rx) = std::sync::mpsc::channel();
        if let Some(out) = child.stdout.take() {
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut answers = HashMap::new();
        let mut garbage = None;
        let failure = loop {
            let left = deadline.saturating_sub(start.elapsed());
            match rx.recv_timeout(left) {
                Ok(line) => match serde_json::from_str::<ProbeResult>(&line) {
                    Ok(r) => {
                        answers.insert(r.id.clone(), (r, start.elapsed()));
                    }
                    Err(e) => garbage = Some(format!("unreadable probe output {line:?}: {e}")),
                },
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break None,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break Some(Failure::Deadline),
            }
        };
        let _ = child.kill();
        let status = child.wait();
        let _ = writer.join();
        let tail = stderr_tail.join().unwrap_or_default();
        match failure {
            Some(f) => Err((answers, f)),
            None if answers.len() < targets.len() => {
                let why = garbage.unwrap_or_else(|| {
                    format!(
                        "the probe exited ({}) without answering every target: {tail}",
                        status.map(|s| s.to_string()).unwrap_or_default()
                    )
                });
                Err((answers, Failure::Broken(why)))
            }
            None => Ok(answers),
        }
    }
}
