//! The soak/abuse run: hostile connections against several endpoints of a separate
//! `badtls serve` process, while a well-behaved client keeps checking that `good/default`
//! still answers and `cert/expired` still fails for its reason. Bounded in time and count,
//! loopback only.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use badtls_contract::Reason;

use crate::abuse::{self, Attack, Ending};
use crate::client::{Client, Outcome};
use crate::procfs;
use crate::server::{LogSummary, Server};

/// What to run.
#[derive(Clone, Debug)]
pub struct SoakOptions {
    /// The `badtls` binary to start.
    pub badtls: PathBuf,
    /// Extra `serve` arguments (e.g. a shorter `--handshake-timeout`).
    pub server_args: Vec<String>,
    /// How long the attack lasts.
    pub duration: Duration,
    /// At most this many hostile connections.
    pub max_attacks: u64,
    /// Hostile connections in flight at once.
    pub concurrency: usize,
    /// Pause between two rounds of the well-behaved client's checks.
    pub probe_interval: Duration,
}

impl Default for SoakOptions {
    fn default() -> Self {
        SoakOptions {
            badtls: crate::server::sibling_badtls(),
            server_args: Vec::new(),
            duration: Duration::from_secs(60),
            max_attacks: 200_000,
            concurrency: 48,
            probe_interval: Duration::from_millis(100),
        }
    }
}

/// Endpoints under attack (when the catalogue has them): each engine and fault path.
pub const TARGETS: &[&str] = &[
    "good/default",         // rustls, the one the good probe checks
    "tls/sni-required",     // rustls behind the ClientHello peek
    "client-auth/required", // rustls asking for a client certificate
    "cipher/cbc",           // OpenSSL engine
    "kex/dh2048",           // OpenSSL engine, DHE
    "transport/plain-http", // raw engine
    "transport/close-after-hello",
];

/// Per attack kind: how many were tried and how they ended.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct AttackCount {
    pub tried: u64,
    pub server_closed: u64,
    pub attacker_stopped: u64,
    pub connect_failed: u64,
}

/// The well-behaved client's tally for one check.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ProbeCount {
    pub tried: u64,
    pub failed: u64,
    /// The first few failures, in words.
    pub failures: Vec<String>,
}

/// What a soak run saw.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SoakReport {
    pub seconds: f64,
    pub attacks: BTreeMap<&'static str, AttackCount>,
    pub connections_tried: u64,
    /// `good/default` must answer every time (on its port and through the SNI port).
    pub good_probes: ProbeCount,
    /// `cert/expired` must fail as cert.expired every time.
    pub bad_probes: ProbeCount,
    /// Complete handshakes on the OpenSSL engine (DHE on kex/dh2048, CBC on cipher/cbc), two
    /// at a time, mixed into the attack: concurrent legacy handshakes are where a thread-unsafe
    /// OpenSSL build corrupts its heap. They must all succeed.
    pub legacy_handshakes: ProbeCount,
    pub ready_seconds: f64,
    pub rss_after_ready_kib: u64,
    pub peak_rss_kib: u64,
    pub rss_at_end_kib: u64,
    pub fds_after_ready: usize,
    pub fds_at_end: usize,
    pub log: LogSummary,
    /// `None` while it kept running; the exit status if it died during the run.
    pub died: Option<String>,
    /// How it stopped on SIGTERM.
    pub stop: String,
    pub stopped_cleanly: bool,
}

/// Descriptors the server may legitimately hold beyond its count after ready (a connection
/// still being closed, the runtime's own).
const FD_SLACK: usize = 8;

impl SoakReport {
    /// Every condition of a passing run, as a list of what went wrong (empty: passed).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.good_probes.tried == 0 {
            out.push("the good probe never ran".into());
        }
        if self.good_probes.failed > 0 {
            out.push(format!(
                "{} good probes failed: {:?}",
                self.good_probes.failed, self.good_probes.failures
            ));
        }
        if self.bad_probes.failed > 0 {
            out.push(format!(
                "{} bad-endpoint probes did not fail as cert.expired: {:?}",
                self.bad_probes.failed, self.bad_probes.failures
            ));
        }
        if self.legacy_handshakes.failed > 0 {
            out.push(format!(
                "{} legacy handshakes failed: {:?}",
                self.legacy_handshakes.failed, self.legacy_handshakes.failures
            ));
        }
        if let Some(status) = &self.died {
            out.push(format!("the server died during the run: {status}"));
        }
        if self.log.panics > 0 {
            out.push(format!(
                "the server logged {} panics: {:?}",
                self.log.panics, self.log.last
            ));
        }
        if self.fds_at_end > self.fds_after_ready + FD_SLACK {
            out.push(format!(
                "descriptors leaked: {} after ready, {} after the run settled",
                self.fds_after_ready, self.fds_at_end
            ));
        }
        if !self.stopped_cleanly {
            out.push(format!("no clean stop on SIGTERM: {}", self.stop));
        }
        out
    }

    /// The human-readable report.
    pub fn render(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "soak: {} hostile connections in {:.1} s ({:.0}/s)\n",
            self.connections_tried,
            self.seconds,
            self.connections_tried as f64 / self.seconds.max(0.001)
        ));
        s.push_str(&format!(
            "  {:18} {:>8} {:>14} {:>17} {:>15}\n",
            "attack", "tried", "server closed", "attacker stopped", "connect failed"
        ));
        for (name, c) in &self.attacks {
            s.push_str(&format!(
                "  {:18} {:>8} {:>14} {:>17} {:>15}\n",
                name, c.tried, c.server_closed, c.attacker_stopped, c.connect_failed
            ));
        }
        s.push_str(&format!(
            "good probes: {} tried, {} failed\nbad probes (cert/expired must fail as cert.expired): {} tried, {} failed\n",
            self.good_probes.tried, self.good_probes.failed, self.bad_probes.tried, self.bad_probes.failed
        ));
        s.push_str(&format!(
            "legacy handshakes (OpenSSL engine, DHE and CBC): {} tried, {} failed\n",
            self.legacy_handshakes.tried, self.legacy_handshakes.failed
        ));
        s.push_str(&format!(
            "server: ready in {:.2} s; RSS {:.1} MiB after ready, peak {:.1} MiB, {:.1} MiB at end; fds {} after ready, {} at end\n",
            self.ready_seconds,
            self.rss_after_ready_kib as f64 / 1024.0,
            self.peak_rss_kib as f64 / 1024.0,
            self.rss_at_end_kib as f64 / 1024.0,
            self.fds_after_ready,
            self.fds_at_end
        ));
        s.push_str(&format!(
            "errors logged: {} errors, {} warnings, {} panics; stop on SIGTERM: {}\n",
            self.log.errors, self.log.warnings, self.log.panics, self.stop
        ));
        let problems = self.problems();
        if problems.is_empty() {
            s.push_str("soak: PASS\n");
        } else {
            for p in &problems {
                s.push_str(&format!("FAIL: {p}\n"));
            }
        }
        s
    }
}

/// Start the server, attack it, check it, stop it.
pub async fn run(opts: &SoakOptions) -> anyhow::Result<SoakReport> {
    let mut server =
        Server::start(&opts.badtls, &opts.server_args, Duration::from_secs(60)).await?;
    let pid = server.pid();
    let mut report = SoakReport {
        ready_seconds: server.ready_after.as_secs_f64(),
        ..SoakReport::default()
    };
    // Let the start-up work (key warming on the second core) finish before the baseline.
    tokio::time::sleep(Duration::from_millis(500)).await;
    report.rss_after_ready_kib = procfs::memory(pid).map_or(0, |m| m.rss_kib);
    report.fds_after_ready = procfs::open_fds(pid).unwrap_or(0);

    let addr = |port: u16| SocketAddr::from(([127, 0, 0, 1], port));
    let mut targets: Vec<SocketAddr> = TARGETS
        .iter()
        .filter_map(|id| server.endpoint(id).ok().map(|e| addr(e.port)))
        .collect();
    targets.push(addr(server.manifest.sni_port));
    if let Some(port) = server.control_port() {
        targets.push(addr(port));
    }
    let good = server.endpoint("good/default")?.clone();
    let bad = server.endpoint("cert/expired")?.clone();
    let client = Client::new(&server.manifest.ca_pem, Duration::from_secs(5))?;

    let started = Instant::now();
    let end = started + opts.duration;
    let tried = Arc::new(AtomicU64::new(0));
    let slowloris_live = Arc::new(AtomicUsize::new(0));
    let counts: Arc<Mutex<BTreeMap<&'static str, AttackCount>>> = Arc::default();
    let targets = Arc::new(targets);

    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..opts.concurrency.max(1) {
        let (tried, live, counts, targets) = (
            tried.clone(),
            slowloris_live.clone(),
            counts.clone(),
            targets.clone(),
        );
        let max = opts.max_attacks;
        let slowloris_cap = (opts.concurrency / 4).max(1);
        workers.spawn(async move {
            while Instant::now() < end && tried.fetch_add(1, Ordering::Relaxed) < max {
                let mut attack = pick();
                if attack == Attack::Slowloris
                    && live.fetch_add(1, Ordering::Relaxed) >= slowloris_cap
                {
                    live.fetch_sub(1, Ordering::Relaxed);
                    attack = Attack::Garbage;
                }
                let target = targets[fastrand::usize(..targets.len())];
                let ending = abuse::run(attack, target, end).await;
                if attack == Attack::Slowloris {
                    live.fetch_sub(1, Ordering::Relaxed);
                }
                if let Ok(mut counts) = counts.lock() {
                    let c = counts.entry(attack.name()).or_default();
                    c.tried += 1;
                    match ending {
                        Ending::ServerClosed => c.server_closed += 1,
                        Ending::AttackerStopped => c.attacker_stopped += 1,
                        Ending::ConnectFailed => c.connect_failed += 1,
                    }
                }
            }
        });
    }

    // Real legacy handshakes alongside, on two blocking threads (the probe is blocking OpenSSL).
    let legacy: Vec<(SocketAddr, String)> = ["kex/dh2048", "cipher/cbc"]
        .iter()
        .filter_map(|id| {
            server
                .endpoint(id)
                .ok()
                .map(|e| (addr(e.port), e.host.clone()))
        })
        .collect();
    let legacy_count: Arc<Mutex<ProbeCount>> = Arc::default();
    let mut legacy_workers = Vec::new();
    for k in 0..if legacy.is_empty() { 0 } else { 2 } {
        let (targets, count, ca) = (
            legacy.clone(),
            legacy_count.clone(),
            server.manifest.ca_pem.clone(),
        );
        legacy_workers.push(tokio::task::spawn_blocking(move || {
            let mut i = k;
            while Instant::now() < end {
                let (addr, host) = &targets[i % targets.len()];
                i += 1;
                let report = badtls_matrix::probe::probe(&badtls_matrix::probe::ProbeOptions {
                    host: host.clone(),
                    addr: *addr,
                    ca_pem: Some(ca.clone()),
                    allow_legacy: true,
                    client_identity: None,
                    crl_file: None,
                    timeout: Duration::from_secs(5),
                });
                if let Ok(mut c) = count.lock() {
                    c.tried += 1;
                    if !report.ok {
                        c.failed += 1;
                        note(&mut c, format!("{addr}: {:?}", report.error));
                    }
                }
            }
        }));
    }

    // The well-behaved client, until the attack ends.
    let sni_addr = addr(server.manifest.sni_port);
    while Instant::now() < end {
        if let Some(status) = server.exited() {
            report.died = Some(status);
            break;
        }
        for (target, host) in [
            (addr(good.port), good.host.as_str()),
            (sni_addr, good.sni.as_str()),
        ] {
            report.good_probes.tried += 1;
            if let Outcome::Failed(reason, words) = client.get(target, host).await {
                report.good_probes.failed += 1;
                note(
                    &mut report.good_probes,
                    format!("{target} as {host}: {reason:?}: {words}"),
                );
            }
        }
        report.bad_probes.tried += 1;
        match client.get(addr(bad.port), &bad.host).await {
            Outcome::Failed(Some(Reason::CertExpired), _) => {}
            other => {
                report.bad_probes.failed += 1;
                note(&mut report.bad_probes, format!("{other:?}"));
            }
        }
        tokio::time::sleep(opts.probe_interval).await;
    }
    while workers.join_next().await.is_some() {}
    for w in legacy_workers {
        let _ = w.await;
    }
    report.legacy_handshakes = legacy_count.lock().map(|c| c.clone()).unwrap_or_default();
    report.seconds = started.elapsed().as_secs_f64();
    report.attacks = counts.lock().map(|c| c.clone()).unwrap_or_default();
    report.connections_tried = report.attacks.values().map(|c| c.tried).sum();

    // Settle: the server must give back every connection's descriptor.
    let settle_until = Instant::now() + Duration::from_secs(5);
    loop {
        report.fds_at_end = procfs::open_fds(pid).unwrap_or(0);
        if report.fds_at_end <= report.fds_after_ready + FD_SLACK || Instant::now() >= settle_until
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if let Some(m) = procfs::memory(pid) {
        report.peak_rss_kib = m.peak_rss_kib;
        report.rss_at_end_kib = m.rss_kib;
    }
    if report.died.is_none() {
        report.died = server.exited();
    }
    report.log = server.log();
    if report.died.is_none() {
        match server.stop(Duration::from_secs(10)).await {
            Ok(status) => {
                report.stop = status;
                report.stopped_cleanly = true;
            }
            Err(e) => report.stop = e,
        }
    } else {
        report.stop = "already dead".into();
    }
    Ok(report)
}

fn note(count: &mut crate::soak::ProbeCount, what: String) {
    if count.failures.len() < 5 {
        count.failures.push(what);
    }
}

/// An attack kind, weighted toward the cheap ones.
fn pick() -> Attack {
    match fastrand::u32(0..100) {
        0..25 => Attack::Garbage,
        25..45 => Attack::TruncatedHello,
        45..60 => Attack::OversizedHello,
        60..70 => Attack::Slowloris,
        70..85 => Attack::Reset,
        _ => Attack::ConnectOnly,
    }
}
