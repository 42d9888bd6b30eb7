//! The handshake run: the same rustls load generator against each server, and the CPU it and
//! the server spend.

use super::*;

/// A warm-up run (not counted in the rate), then the measured run, with the CPU time the
/// server and this process (the load generator) spent on it.
pub(super) async fn measure_load(
    client: &Client,
    addr: SocketAddr,
    host: &str,
    opts: &BenchOptions,
    server: Processes,
) -> Load {
    let warmup = drive(client, addr, host, opts.concurrency, opts.warmup).await;
    let cpu_before = (
        server.cpu_seconds(),
        procfs::cpu_seconds(std::process::id()),
        machine_busy_cpu_seconds(),
    );
    let run = drive(client, addr, host, opts.concurrency, opts.duration).await;
    let cpu_after = (
        server.cpu_seconds(),
        procfs::cpu_seconds(std::process::id()),
        machine_busy_cpu_seconds(),
    );
    // 0 when a figure is missing (the process vanished: the run then reports failures anyway).
    let spent =
        |before: Option<f64>, after: Option<f64>| after.zip(before).map_or(0.0, |(a, b)| a - b);
    let server_cpu_seconds = spent(cpu_before.0, cpu_after.0);
    let client_cpu_seconds = spent(cpu_before.1, cpu_after.1);
    // Ticks are counted per process and per CPU at slightly different moments: a small
    // negative remainder is rounding, not time.
    let other_cpu_seconds =
        (spent(cpu_before.2, cpu_after.2) - server_cpu_seconds - client_cpu_seconds).max(0.0);
    // After the CPU accounting: these runs are about latency, not cost.
    let sequential = drive(client, addr, host, 1, opts.duration).await;
    let s_time = s_time(&opts.openssl, addr, opts.duration).await;
    let connections = (run.ok + run.failed).max(1) as f64;
    let mut failures = warmup.failures;
    for (what, n) in run.failures.into_iter().chain(sequential.failures) {
        *failures.entry(what).or_default() += n;
    }
    Load {
        concurrency: opts.concurrency,
        seconds: run.seconds,
        ok: run.ok,
        failed: run.failed,
        per_second: run.ok as f64 / run.seconds.max(f64::EPSILON),
        server_cpu_seconds,
        client_cpu_seconds,
        other_cpu_seconds,
        server_cpu_ms_per_handshake: server_cpu_seconds * 1000.0 / connections,
        client_cpu_ms_per_handshake: client_cpu_seconds * 1000.0 / connections,
        warmup_ok: warmup.ok,
        warmup_failed: warmup.failed,
        failures,
        sequential_per_second: sequential.ok as f64 / sequential.seconds.max(f64::EPSILON),
        sequential_failed: sequential.failed,
        s_time_per_second: s_time,
    }
}

/// `openssl s_time -new -tls1_3` for `duration` (whole seconds, at least one): one full
/// handshake after another, each on a new connection, closed without a request. `None` when
/// openssl is missing or prints no count. The rate is over the process's own wall time (its
/// "real seconds" are whole seconds).
async fn s_time(openssl: &Path, addr: SocketAddr, duration: Duration) -> Option<f64> {
    let seconds = duration.as_secs().max(1);
    let started = Instant::now();
    let out = Command::new(openssl)
        .args(["s_time", "-new", "-tls1_3", "-connect"])
        .arg(addr.to_string())
        .args(["-time", &seconds.to_string()])
        .stdin(Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(duration * 3 + Duration::from_secs(5), out)
        .await
        .ok()?
        .ok()?;
    let wall = started.elapsed().as_secs_f64();
    // "1488 connections in 4 real seconds, 0 bytes read per connection"
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("real seconds"))?;
    let count: f64 = line.split_whitespace().next()?.parse().ok()?;
    Some(count / wall.max(f64::EPSILON))
}

impl Load {
    /// `other_cpu_seconds` as a share of what `cpus` CPUs could do during the run, in percent.
    pub fn other_cpu_percent(&self, cpus: usize) -> f64 {
        100.0 * self.other_cpu_seconds / (self.seconds * cpus.max(1) as f64).max(f64::EPSILON)
    }
}

/// Which processes a server's /proc figures cover.
#[derive(Clone, Copy, Debug)]
pub(super) enum Processes {
    One(u32),
    /// A process and its descendants (nginx's master and workers).
    Tree(u32),
}

impl Processes {
    pub(super) fn rss_kib(self) -> Option<u64> {
        match self {
            Processes::One(pid) => procfs::memory(pid).map(|m| m.rss_kib),
            Processes::Tree(pid) => Some(procfs::tree_rss_kib(pid)).filter(|&kib| kib > 0),
        }
    }

    pub(super) fn cpu_seconds(self) -> Option<f64> {
        match self {
            Processes::One(pid) => procfs::cpu_seconds(pid),
            Processes::Tree(pid) => {
                let children: f64 = procfs::children(pid)
                    .into_iter()
                    .filter_map(procfs::cpu_seconds)
                    .sum();
                Some(procfs::cpu_seconds(pid)? + children)
            }
        }
    }
}

/// What one run of [`drive`] counted.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) ok: u64,
    pub(super) failed: u64,
    pub(super) failures: BTreeMap<String, u64>,
    pub(super) seconds: f64,
}

impl Tally {
    pub(super) fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Ok => self.ok += 1,
            Outcome::Failed(reason, words) => {
                self.failed += 1;
                let what = match reason {
                    Some(reason) => format!("{reason}: {words}"),
                    None => words,
                };
                self.count_failure(what, 1);
            }
        }
    }

    pub(super) fn count_failure(&mut self, what: String, n: u64) {
        let key = if self.failures.len() < MAX_FAILURE_KINDS || self.failures.contains_key(&what) {
            what
        } else {
            "other failures".to_string()
        };
        *self.failures.entry(key).or_default() += n;
    }

    pub(super) fn merge(&mut self, other: Tally) {
        self.ok += other.ok;
        self.failed += other.failed;
        for (what, n) in other.failures {
            self.count_failure(what, n);
        }
    }
}

/// `concurrency` tasks, each connecting again and again until `duration` is over. Connections
/// still in flight then are waited for and counted, and so is the time they took: the rate is
/// completions over the whole wall time.
pub(super) async fn drive(
    client: &Client,
    addr: SocketAddr,
    host: &str,
    concurrency: usize,
    duration: Duration,
) -> Tally {
    let t0 = Instant::now();
    let end = t0 + duration;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (client, host) = (client.clone(), host.to_string());
        tasks.spawn(async move {
            let mut tally = Tally::default();
            while Instant::now() < end {
                tally.record(client.get(addr, &host).await);
            }
            tally
        });
    }
    let mut total = Tally::default();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(tally) => total.merge(tally),
            Err(e) => {
                total.failed += 1;
                total.count_failure(format!("load task: {e}"), 1);
            }
        }
    }
    total.seconds = t0.elapsed().as_secs_f64();
    total
}

/// Busy CPU seconds of the whole machine so far (all CPUs: user, nice, system, irq, softirq,
/// steal from the first line of /proc/stat, in USER_HZ ticks), or `None` if unreadable.
pub(super) fn machine_busy_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: Vec<u64> = stat
        .lines()
        .next()?
        .strip_prefix("cpu ")?
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
    let busy = [0, 1, 2, 5, 6, 7]
        .iter()
        .filter_map(|&i| ticks.get(i))
        .sum::<u64>();
    Some(busy as f64 / 100.0)
}

/// Percent of all CPUs busy over `window`, or 0 when /proc/stat cannot be read.
pub(super) async fn cpu_busy_percent(window: Duration) -> f64 {
    let before = machine_busy_cpu_seconds();
    tokio::time::sleep(window).await;
    let cpus = procfs::cpus() as f64;
    match (before, machine_busy_cpu_seconds()) {
        (Some(b), Some(a)) => 100.0 * (a - b) / (window.as_secs_f64() * cpus),
        _ => 0.0,
    }
}

/// The one-minute load average, or 0 when /proc/loadavg cannot be read.
pub(super) fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}
