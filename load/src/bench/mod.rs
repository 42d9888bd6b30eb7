//! The benchmark behind `badtls-bench`: time to ready, full handshakes per second and idle
//! memory of `badtls serve`, side by side with nginx and `openssl s_server` serving an
//! equivalent ECDSA P-256 chain on the same machine, printed with ratios (badtls / other).
//!
//! One server runs at a time. All three are driven by the same load generator, [`Client`]
//! (rustls, resumption disabled, so every connection is a full handshake and one `GET /`).
//! nginx and s_server are optional: one that is not installed is reported, not measured.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, PKCS_ECDSA_P256_SHA256,
};
use rustls::client::{
    ClientSessionStore, Resumption, Tls12ClientSessionValue, Tls13ClientSessionValue,
};
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, NamedGroup, RootCertStore};
use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio_rustls::TlsConnector;

use crate::client::{pem_certs, Client, Outcome};
use crate::procfs;
use crate::server::{send_sigterm, Server};

mod badtls;
pub mod in_process;
mod load;
mod negotiated;
mod report;
mod rivals;
mod sequence;

use badtls::*;
pub use in_process::InProcess;
use in_process::*;
use load::*;
use negotiated::*;
use rivals::*;
use sequence::*;

/// The project's target for the time to ready of the whole embedded catalogue.
pub const READY_TARGET: Duration = Duration::from_secs(1);

/// The endpoint under load: ECDSA P-256 leaf, ECDSA intermediate, ECDSA root, TLS 1.2 and 1.3.
pub const ENDPOINT: &str = "good/default";

/// The name every server's certificate is for, and the client connects to.
const HOST: &str = "localhost";

/// `badtls serve` makes its PKI before it is ready (all but the RSA-4096 key, made just after).
const BADTLS_READY_WITHIN: Duration = Duration::from_secs(60);
/// nginx and s_server only read a few files.
const RIVAL_READY_WITHIN: Duration = Duration::from_secs(30);
const STOP_WITHIN: Duration = Duration::from_secs(10);
/// Per connection of the load generator and of the negotiation probe.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);
/// Above this share of busy CPU before the run, the report warns that figures are noisy.
const BUSY_WARNING_PERCENT: f64 = 10.0;
/// Distinct failure texts kept per run; more are counted under one "other" entry.
const MAX_FAILURE_KINDS: usize = 8;

/// What to run and where the servers are.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// The `badtls` binary.
    pub badtls: PathBuf,
    /// The nginx binary: a path, or a name looked up in `PATH`.
    pub nginx: PathBuf,
    /// The openssl binary: a path, or a name looked up in `PATH`.
    pub openssl: PathBuf,
    /// How many times each server is started for the time-to-ready figure.
    pub starts: usize,
    /// Connections in flight at once (one tokio task each) during the handshake run.
    pub concurrency: usize,
    /// Load before the measured run, not counted in the rate.
    pub warmup: Duration,
    /// Length of the measured handshake run.
    pub duration: Duration,
    /// Idle time between ready and the RSS reading.
    pub idle_wait: Duration,
    /// nginx `worker_processes`.
    pub nginx_workers: usize,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions {
            badtls: crate::server::sibling_badtls(),
            nginx: PathBuf::from("/usr/sbin/nginx"),
            openssl: PathBuf::from("openssl"),
            starts: 5,
            concurrency: 16,
            warmup: Duration::from_secs(1),
            duration: Duration::from_secs(5),
            idle_wait: Duration::from_secs(2),
            nginx_workers: 2,
        }
    }
}

/// The whole result: settings, one column per server, ratios and anything that went wrong.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// CPUs this process may use; the servers and the load generator share them.
    pub cpus: usize,
    pub endpoint: &'static str,
    pub starts: usize,
    pub concurrency: usize,
    pub warmup_seconds: f64,
    pub duration_seconds: f64,
    pub idle_wait_seconds: f64,
    pub ready_target_seconds: f64,
    /// Share of all CPUs busy during one second before anything started (/proc/stat), in
    /// percent: other processes that may compete with the servers and the load generator.
    pub cpu_busy_before_percent: f64,
    /// One-minute load average (/proc/loadavg) then; it lags by about a minute.
    pub load_average_before: f64,
    /// badtls's figures; `ready` is with a warm key cache.
    pub badtls: Figures,
    /// badtls's time to ready with a cold key cache (a fresh, empty directory each start).
    pub badtls_cold_ready: ReadyStats,
    /// The start that filled the warm cache (its keys generated), in seconds.
    pub badtls_prime_seconds: f64,
    /// The in-process `Suite::start` of a small selection, or why it was not measured.
    pub in_process: Result<InProcess, String>,
    pub nginx: Column,
    pub s_server: Column,
    pub ratios: Ratios,
    /// How the TLS parameters of nginx and s_server differ from badtls's (empty: identical).
    pub differences: Vec<String>,
    /// What makes the run untrustworthy (failed handshakes, a server that did not come up or
    /// stop); empty when every figure was measured cleanly.
    pub problems: Vec<String>,
}

/// One server's figures.
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    /// The program and version.
    pub version: String,
    /// How it was configured.
    pub setup: String,
    pub ready: ReadyStats,
    /// Resident memory after `idle_wait` with nothing connected, in KiB.
    pub idle_rss_kib: u64,
    /// Which processes `idle_rss_kib` covers.
    pub rss_of: String,
    /// Endpoints served (badtls only: the whole catalogue).
    pub endpoints: Option<usize>,
    /// What one probe connection negotiated.
    pub tls: Negotiated,
    pub load: Load,
    /// Unclean stops and the like.
    pub problems: Vec<String>,
}

/// Time from spawn to ready over several starts, in seconds.
#[derive(Clone, Debug, Serialize)]
pub struct ReadyStats {
    /// What "ready" means for this server.
    pub until: String,
    pub seconds: Vec<f64>,
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

/// The parameters of one connection, as the rustls client saw them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Negotiated {
    pub protocol: String,
    pub cipher_suite: String,
    pub key_exchange: String,
    pub alpn: Option<String>,
    /// The public key of each certificate the server sent, leaf first.
    pub chain: Vec<String>,
    /// The public key of the trusted root.
    pub root: String,
    /// TLS 1.3 tickets (or a TLS 1.2 session) the server sent on the connection: work and bytes
    /// it spends even though this client never resumes.
    pub session_tickets: usize,
}

/// One handshake run: full handshakes + `GET /` from `concurrency` tasks.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Load {
    pub concurrency: usize,
    /// From the start of the run until the last in-flight connection finished.
    pub seconds: f64,
    pub ok: u64,
    pub failed: u64,
    /// Successful connections per second.
    pub per_second: f64,
    /// CPU time the server (all its processes) used during the measured run.
    pub server_cpu_seconds: f64,
    /// CPU time the load generator (this process) used during the measured run.
    pub client_cpu_seconds: f64,
    /// CPU time the rest of the machine used during the measured run: competition for the
    /// cores that is neither the server nor the load generator.
    pub other_cpu_seconds: f64,
    /// `server_cpu_seconds` per connection, in milliseconds: the server's cost of a handshake,
    /// whatever share of the cores the load generator took.
    pub server_cpu_ms_per_handshake: f64,
    pub client_cpu_ms_per_handshake: f64,
    pub warmup_ok: u64,
    pub warmup_failed: u64,
    /// Failure texts (warm-up and the sequential run included) and how often each happened.
    pub failures: BTreeMap<String, u64>,
    /// Successful connections per second with one connection at a time (a second run, as
    /// long as the measured one): the latency of one full handshake + `GET /`, which is what a
    /// matrix cell or `openssl s_time` pays, rather than the throughput of many.
    pub sequential_per_second: f64,
    pub sequential_failed: u64,
    /// `openssl s_time -new -tls1_3` connections per second over the same duration (a third
    /// run): one at a time, a handshake and a close, no request. `None` without openssl.
    pub s_time_per_second: Option<f64>,
}

/// A rival server's column.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Column {
    Measured(Box<Figures>),
    NotInstalled { hint: String },
    Failed { error: String },
}

impl Column {
    /// The figures, when the server was measured.
    pub fn figures(&self) -> Option<&Figures> {
        match self {
            Column::Measured(f) => Some(f),
            _ => None,
        }
    }
}

/// badtls's figure divided by the other's (or by the target).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Ratios {
    /// Warm-cache ready / the target.
    pub ready_vs_target: f64,
    /// Warm-cache ready / the rival's ready.
    pub ready_vs_nginx: Option<f64>,
    pub ready_vs_s_server: Option<f64>,
    /// Cold-cache ready / the rival's ready.
    pub ready_cold_vs_nginx: Option<f64>,
    pub ready_cold_vs_s_server: Option<f64>,
    pub handshakes_vs_nginx: Option<f64>,
    pub handshakes_vs_s_server: Option<f64>,
    pub sequential_vs_nginx: Option<f64>,
    pub sequential_vs_s_server: Option<f64>,
    pub s_time_vs_nginx: Option<f64>,
    pub s_time_vs_s_server: Option<f64>,
    pub server_cpu_vs_nginx: Option<f64>,
    pub server_cpu_vs_s_server: Option<f64>,
    pub idle_rss_vs_nginx: Option<f64>,
    pub idle_rss_vs_s_server: Option<f64>,
}

/// Measure badtls, then nginx, then s_server.
pub async fn run(opts: &BenchOptions) -> anyhow::Result<Report> {
    ensure!(opts.starts > 0, "at least one start");
    ensure!(opts.concurrency > 0, "at least one connection in flight");
    let load_average_before = load_average();
    let cpu_busy_before_percent = cpu_busy_percent(Duration::from_secs(1)).await;
    let dir = tempfile::Builder::new()
        .prefix("badtls-bench-")
        .tempdir()
        .context("temporary directory for the key caches, nginx and s_server")?;
    let warm_cache = dir.path().join("keys-warm");
    let badtls = measure_badtls(opts, dir.path(), &warm_cache)
        .await
        .context("badtls")?;
    let in_process = measure_in_process(opts.starts, &warm_cache)
        .await
        .map_err(|e| {
            progress(&format!("in-process Suite::start: {e:#}"));
            format!("{e:#}")
        });
    let pki =
        BenchPki::write(dir.path()).context("generating the P-256 chain for nginx and s_server")?;
    let nginx = measure_rival(Rival::Nginx, opts, &pki, dir.path()).await;
    let s_server = measure_rival(Rival::SServer, opts, &pki, dir.path()).await;
    let mut report = Report::new(opts, badtls, in_process, nginx, s_server);
    report.cpu_busy_before_percent = cpu_busy_before_percent;
    report.load_average_before = load_average_before;
    Ok(report)
}

/// A rival's column: measured, not installed, or failed (with the reason).
async fn measure_rival(rival: Rival, opts: &BenchOptions, pki: &BenchPki, dir: &Path) -> Column {
    let program = match rival {
        Rival::Nginx => &opts.nginx,
        Rival::SServer => &opts.openssl,
    };
    let Some(program) = find_program(program) else {
        progress(&format!(
            "{}: not installed ({})",
            rival.name(),
            rival.install_hint()
        ));
        return Column::NotInstalled {
            hint: format!("not installed ({})", rival.install_hint()),
        };
    };
    match measure_installed_rival(rival, &program, opts, pki, dir).await {
        Ok(figures) => Column::Measured(Box::new(figures)),
        Err(e) => {
            progress(&format!("{}: {e:#}", rival.name()));
            Column::Failed {
                error: format!("{e:#}"),
            }
        }
    }
}

async fn measure_installed_rival(
    rival: Rival,
    program: &Path,
    opts: &BenchOptions,
    pki: &BenchPki,
    dir: &Path,
) -> anyhow::Result<Figures> {
    let work = dir.join(rival.name());
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let (process, ready, mut problems) = start_repeatedly(rival.name(), opts.starts, || {
        RivalProcess::start(rival, program, opts, pki, &work)
    })
    .await?;
    let processes = match rival {
        // The master and its workers: what the service costs, as a whole.
        Rival::Nginx => Processes::Tree(process.pid),
        Rival::SServer => Processes::One(process.pid),
    };
    let measured = measure_running(
        rival.name(),
        opts,
        processes,
        &pki.root_pem,
        process.addr,
        HOST,
    )
    .await;
    if let Err(e) = process.stop().await {
        problems.push(format!("{}: {e}", rival.name()));
    }
    let (idle_rss_kib, tls, load) = measured?;
    Ok(Figures {
        version: rival.version(program),
        setup: rival.setup(opts),
        ready: ReadyStats::new("its port accepts a TCP connection", &ready),
        idle_rss_kib,
        rss_of: match rival {
            Rival::Nginx => format!(
                "the master and its {} workers (VmRSS summed)",
                opts.nginx_workers
            ),
            Rival::SServer => "the s_server process (VmRSS)".into(),
        },
        endpoints: None,
        tls,
        load,
        problems,
    })
}

// ---------------------------------------------------------------------------------------------
// nginx and s_server

impl ReadyStats {
    fn new(until: &str, ready: &[Duration]) -> ReadyStats {
        let seconds: Vec<f64> = ready.iter().map(Duration::as_secs_f64).collect();
        ReadyStats {
            until: until.into(),
            median: median(&seconds),
            min: seconds.iter().copied().fold(f64::INFINITY, f64::min),
            max: seconds.iter().copied().fold(0.0, f64::max),
            seconds,
        }
    }
}

/// The median (the mean of the middle two for an even count); 0 for none.
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// `a / b`, when there is a `b` to divide by.
fn ratio(a: f64, b: Option<f64>) -> Option<f64> {
    b.filter(|&b| b > 0.0).map(|b| a / b)
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// Progress on stderr, so that stdout is only the report (or the JSON).
fn progress(line: &str) {
    eprintln!("bench: {line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[]), 0.0);
    }

    #[test]
    fn ratios_need_a_divisor() {
        assert_eq!(ratio(2.0, Some(4.0)), Some(0.5));
        assert_eq!(ratio(2.0, Some(0.0)), None);
        assert_eq!(ratio(2.0, None), None);
    }

    #[test]
    fn reads_the_key_of_a_certificate() {
        for (alg, words) in [
            (&rcgen::PKCS_ECDSA_P256_SHA256, "ECDSA P-256"),
            (&rcgen::PKCS_ECDSA_P384_SHA384, "ECDSA P-384"),
            (&rcgen::PKCS_ED25519, "Ed25519"),
        ] {
            let key = KeyPair::generate_for(alg).unwrap();
            let cert = CertificateParams::new(vec!["localhost".into()])
                .unwrap()
                .self_signed(&key)
                .unwrap();
            assert_eq!(key_algorithm(cert.der()), words);
        }
        let rsa =
            KeyPair::generate_rsa_for(&rcgen::PKCS_RSA_SHA256, rcgen::RsaKeySize::_2048).unwrap();
        let cert = CertificateParams::new(vec!["localhost".into()])
            .unwrap()
            .self_signed(&rsa)
            .unwrap();
        assert_eq!(key_algorithm(cert.der()), "RSA-2048");
        assert_eq!(key_algorithm(b"\x30\x03\x02\x01"), "unparsable key");
    }

    #[test]
    fn the_generated_chain_is_p256_throughout() {
        let dir = tempfile::TempDir::new().unwrap();
        let pki = BenchPki::write(dir.path()).unwrap();
        let certs = pem_certs(&std::fs::read_to_string(&pki.fullchain).unwrap()).unwrap();
        assert_eq!(certs.len(), 2, "leaf and intermediate");
        for der in certs.iter().chain(&pem_certs(&pki.root_pem).unwrap()) {
            assert_eq!(key_algorithm(der), "ECDSA P-256");
        }
        assert!(std::fs::read_to_string(&pki.key)
            .unwrap()
            .contains("PRIVATE KEY"));
    }

    #[test]
    fn nginx_writes_nothing_outside_its_directory() {
        let pki = BenchPki {
            root_pem: String::new(),
            leaf: "/t/leaf.pem".into(),
            intermediate: "/t/intermediate.pem".into(),
            fullchain: "/t/fullchain.pem".into(),
            key: "/t/leaf.key".into(),
        };
        let conf = nginx_conf(Path::new("/t"), &pki, "127.0.0.1:4433".parse().unwrap(), 2);
        for needed in [
            "daemon off;",
            "worker_processes 2;",
            "listen 127.0.0.1:4433 ssl;",
            "ssl_session_cache off;",
            "ssl_session_tickets off;",
            "keepalive_timeout 0;",
            "access_log off;",
        ] {
            assert!(conf.contains(needed), "{needed} missing from\n{conf}");
        }
        // Every directive that names a file or directory, or nginx uses its compiled-in path.
        for directive in [
            "pid ",
            "error_log ",
            "client_body_temp_path ",
            "proxy_temp_path ",
            "fastcgi_temp_path ",
            "uwsgi_temp_path ",
            "scgi_temp_path ",
            "ssl_certificate ",
            "ssl_certificate_key ",
        ] {
            let line = conf.lines().find(|l| l.trim_start().starts_with(directive));
            assert!(
                line.is_some_and(|l| l.contains("\"/t/")),
                "{directive}outside the work directory: {line:?}"
            );
        }
    }

    #[test]
    fn failure_kinds_are_bounded() {
        let mut tally = Tally::default();
        for i in 0..20 {
            tally.record(Outcome::Failed(None, format!("failure {i}")));
        }
        assert_eq!(tally.failed, 20);
        assert_eq!(tally.failures.len(), MAX_FAILURE_KINDS + 1);
        assert_eq!(
            tally.failures["other failures"],
            20 - MAX_FAILURE_KINDS as u64
        );
    }

    #[test]
    fn finds_programs() {
        assert_eq!(find_program(Path::new("/nonexistent/nginx")), None);
        assert!(find_program(Path::new("sh")).is_some(), "sh is on PATH");
        assert_eq!(find_program(Path::new("no-such-program-badtls")), None);
    }
}
