//! A `badtls serve` process started for a load run: waits for its ready line, reads its
//! manifest and counts what it logs.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use badtls_servers::manifest::{Manifest, ManifestEndpoint};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Why the server could not be started or used.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{path}: {what} (build it first: cargo build --release --workspace)")]
    Missing { path: PathBuf, what: String },
    #[error("{path} serve: {what}")]
    Start { path: PathBuf, what: String },
    #[error("manifest: {0}")]
    Manifest(String),
    #[error("the manifest has no endpoint '{0}' (is it in the catalogue, and not filtered out by --only?)")]
    NoEndpoint(String),
}

/// What the server wrote to stderr, summed up.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct LogSummary {
    pub warnings: usize,
    pub errors: usize,
    pub panics: usize,
    /// The last few lines it wrote (any level), for error messages and the report.
    pub last: Vec<String>,
}

/// A running `badtls serve`, killed when dropped.
pub struct Server {
    child: Child,
    pid: u32,
    /// From spawn to the ready line.
    pub ready_after: Duration,
    /// The control URL from the ready line.
    pub control: String,
    pub manifest: Manifest,
    log: Arc<Mutex<LogSummary>>,
}

/// The badtls binary next to this executable (`target/release/badtls` beside
/// `target/release/badtls-soak`), where `cargo build --release --workspace` puts it.
pub fn sibling_badtls() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("badtls")))
        .unwrap_or_else(|| PathBuf::from("badtls"))
}

impl Server {
    /// Start `badtls serve ARGS...` and wait (at most `within`) for its ready line.
    pub async fn start(
        badtls: &Path,
        args: &[String],
        within: Duration,
    ) -> Result<Server, ServerError> {
        if !badtls.is_file() {
            return Err(ServerError::Missing {
                path: badtls.to_path_buf(),
                what: "no such file".into(),
            });
        }
        let start_err = |what: String| ServerError::Start {
            path: badtls.to_path_buf(),
            what,
        };
        let t0 = Instant::now();
        let mut child = Command::new(badtls)
            .arg("serve")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| start_err(e.to_string()))?;
        let pid = child
            .id()
            .ok_or_else(|| start_err("exited at once".into()))?;
        let log = Arc::new(Mutex::new(LogSummary::default()));
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(count_log(BufReader::new(stderr), log.clone()));
        }
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| start_err("no stdout".into()))?;
        let mut lines = BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(within, async {
            while let Some(line) = lines.next_line().await? {
                if line.starts_with("badtls ready:") {
                    return Ok(Some(line));
                }
            }
            Ok::<_, std::io::Error>(None)
        })
        .await;
        let line = match ready {
            Ok(Ok(Some(line))) => line,
            Ok(Ok(None)) | Ok(Err(_)) => {
                let status = child
                    .wait()
                    .await
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                let last = log.lock().map(|l| l.last.join(" | ")).unwrap_or_default();
                return Err(start_err(format!(
                    "exited before it was ready ({status}): {last}"
                )));
            }
            Err(_) => return Err(start_err(format!("not ready within {within:?}"))),
        };
        let ready_after = t0.elapsed();
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let control = line
            .rsplit_once("control ")
            .map(|(_, url)| url.trim().to_string())
            .ok_or_else(|| start_err(format!("ready line without a control URL: {line}")))?;
        let url = format!("{control}/manifest.json");
        let text = tokio::task::spawn_blocking(move || badtls_servers::control_client::get(&url))
            .await
            .map_err(|e| ServerError::Manifest(e.to_string()))?
            .map_err(|e| ServerError::Manifest(e.to_string()))?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|e| ServerError::Manifest(e.to_string()))?;
        Ok(Server {
            child,
            pid,
            ready_after,
            control,
            manifest,
            log,
        })
    }

    /// The process id (for `/proc` figures).
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// An endpoint of the manifest by scenario id.
    pub fn endpoint(&self, id: &str) -> Result<&ManifestEndpoint, ServerError> {
        self.manifest
            .endpoints
            .iter()
            .find(|e| e.id == id)
            .ok_or_else(|| ServerError::NoEndpoint(id.to_string()))
    }

    /// The control port, from the control URL of the ready line.
    pub fn control_port(&self) -> Option<u16> {
        self.control.rsplit(':').next()?.parse().ok()
    }

    /// `None` while the process runs; its exit status once it has stopped.
    pub fn exited(&mut self) -> Option<String> {
        match self.child.try_wait() {
            Ok(None) => None,
            Ok(Some(status)) => Some(status.to_string()),
            Err(e) => Some(format!("unknown ({e})")),
        }
    }

    /// What it has logged so far.
    pub fn log(&self) -> LogSummary {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// SIGTERM, then wait (at most `within`) for a clean exit; the status, or an error string.
    pub async fn stop(mut self, within: Duration) -> Result<String, String> {
        send_sigterm(self.pid)?;
        match tokio::time::timeout(within, self.child.wait()).await {
            Ok(Ok(status)) if status.success() => Ok(status.to_string()),
            Ok(Ok(status)) => Err(format!("exited with {status} after SIGTERM")),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!("still running {within:?} after SIGTERM")),
        }
    }
}

/// SIGTERM to one process we started, by PID (never by name).
pub fn send_sigterm(pid: u32) -> Result<(), String> {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .map_err(|e| format!("kill: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("kill -TERM {pid} failed"))
    }
}

/// Count WARN/ERROR lines and panics on the server's stderr, and keep its last lines.
async fn count_log<R: tokio::io::AsyncBufRead + Unpin>(reader: R, log: Arc<Mutex<LogSummary>>) {
    let mut lines = reader.lines();
    while let Ok(Some(line)) = lines.next_line().await {
        let Ok(mut log) = log.lock() else { return };
        let panic = line.contains("panicked at");
        let error = line.contains(" ERROR ");
        let warn = line.contains(" WARN ");
        log.panics += usize::from(panic);
        log.errors += usize::from(error);
        log.warnings += usize::from(warn);
        if !line.is_empty() {
            log.last.push(line);
            if log.last.len() > 10 {
                log.last.remove(0);
            }
        }
    }
}
