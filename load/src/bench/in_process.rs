//! The in-process `Suite::start` of a small selection: what a test binary pays for its first
//! suite and for every suite after it. Each sample is a fresh process (this program, run with a
//! hidden flag) that starts the selection several times in a row and stops each suite before
//! the next; the first start of every process and the second are reported separately.

use badtls_servers::pki::KeyCache;
use badtls_servers::{Config, Suite};

use super::*;

/// Five scenarios of different kinds: a good chain, an expired leaf, a wrong name, a
/// self-signed leaf (the untrusted hierarchy) and plain HTTP.
pub const SELECTION: [&str; 5] = [
    "good/default",
    "cert/expired",
    "cert/wrong-host",
    "cert/self-signed",
    "transport/plain-http",
];

/// Starts in each process: the first, the second and a few more for the later figure.
pub const STARTS_PER_PROCESS: usize = 6;

/// How long one process may take for all its starts.
const PROCESS_WITHIN: Duration = Duration::from_secs(120);
/// A suite's grace to stop between starts (nothing is connected).
const SUITE_GRACE: Duration = Duration::from_secs(1);

/// The hidden flag that makes `badtls-bench` a child: `--in-process-child DIR` (the key cache).
pub const CHILD_FLAG: &str = "--in-process-child";

/// The in-process figures, in seconds.
#[derive(Clone, Debug, Serialize)]
pub struct InProcess {
    pub selection: Vec<String>,
    /// Processes started (one sample of each figure per process).
    pub processes: usize,
    pub starts_per_process: usize,
    /// The first `Suite::start` in a process.
    pub first: ReadyStats,
    /// The second, after the first was shut down.
    pub second: ReadyStats,
    /// The third and later.
    pub later: ReadyStats,
}

/// In the child: start the selection `STARTS_PER_PROCESS` times on `key_cache`, stopping each
/// suite before the next; the seconds each `Suite::start` took, in order.
pub async fn child_starts(key_cache: &Path) -> anyhow::Result<Vec<f64>> {
    let mut seconds = Vec::with_capacity(STARTS_PER_PROCESS);
    for i in 1..=STARTS_PER_PROCESS {
        let mut config = Config::default().only(SELECTION);
        config.key_cache = KeyCache::Dir(key_cache.to_path_buf());
        let t0 = Instant::now();
        let suite = Suite::start(config)
            .await
            .with_context(|| format!("Suite::start {i} of {STARTS_PER_PROCESS}"))?;
        seconds.push(t0.elapsed().as_secs_f64());
        ensure!(
            suite.endpoints().len() == SELECTION.len(),
            "start {i}: {} endpoints, expected {}",
            suite.endpoints().len(),
            SELECTION.len()
        );
        suite.shutdown(SUITE_GRACE).await;
    }
    Ok(seconds)
}

/// Run `processes` children of this program on `key_cache` and sum up their starts.
pub(super) async fn measure_in_process(
    processes: usize,
    key_cache: &Path,
) -> anyhow::Result<InProcess> {
    let exe = std::env::current_exe().context("this program's path, to run it as a child")?;
    let (mut first, mut second, mut later) = (Vec::new(), Vec::new(), Vec::new());
    for i in 1..=processes {
        let child = Command::new(&exe)
            .arg(CHILD_FLAG)
            .arg(key_cache)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .output();
        let out = tokio::time::timeout(PROCESS_WITHIN, child)
            .await
            .with_context(|| format!("process {i}: not done within {PROCESS_WITHIN:?}"))?
            .with_context(|| format!("process {i}: running {}", exe.display()))?;
        ensure!(
            out.status.success(),
            "process {i}: {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
        let seconds: Vec<f64> = serde_json::from_slice(&out.stdout)
            .with_context(|| format!("process {i}: its output is not a JSON list of seconds"))?;
        ensure!(
            seconds.len() == STARTS_PER_PROCESS,
            "process {i}: {} starts, expected {STARTS_PER_PROCESS}",
            seconds.len()
        );
        progress(&format!(
            "in-process Suite::start, process {i}/{processes}: {}",
            seconds
                .iter()
                .map(|s| format!("{:.1} ms", s * 1000.0))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        first.push(Duration::from_secs_f64(seconds[0]));
        second.push(Duration::from_secs_f64(seconds[1]));
        later.extend(seconds[2..].iter().copied().map(Duration::from_secs_f64));
    }
    Ok(InProcess {
        selection: SELECTION.map(String::from).to_vec(),
        processes,
        starts_per_process: STARTS_PER_PROCESS,
        first: ReadyStats::new("the first Suite::start in a process", &first),
        second: ReadyStats::new("the second Suite::start in the same process", &second),
        later: ReadyStats::new("the third and later Suite::start", &later),
    })
}
