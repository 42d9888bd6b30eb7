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
use crate::server::Server;

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
    pub badtls: Figures,
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
    /// Failure texts (warm-up included) and how often each happened.
    pub failures: BTreeMap<String, u64>,
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
    pub ready_vs_target: f64,
    pub ready_vs_nginx: Option<f64>,
    pub ready_vs_s_server: Option<f64>,
    pub handshakes_vs_nginx: Option<f64>,
    pub handshakes_vs_s_server: Option<f64>,
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
    let badtls = measure_badtls(opts).await.context("badtls")?;
    let dir = TempDir::new().context("temporary directory for nginx and s_server")?;
    let pki =
        BenchPki::write(dir.path()).context("generating the P-256 chain for nginx and s_server")?;
    let nginx = measure_rival(Rival::Nginx, opts, &pki, dir.path()).await;
    let s_server = measure_rival(Rival::SServer, opts, &pki, dir.path()).await;
    let mut report = Report::new(opts, badtls, nginx, s_server);
    report.cpu_busy_before_percent = cpu_busy_before_percent;
    report.load_average_before = load_average_before;
    Ok(report)
}

// ---------------------------------------------------------------------------------------------
// The sequence every server goes through

/// A server process this benchmark started.
trait UnderTest: Sized {
    fn ready_after(&self) -> Duration;
    /// SIGTERM by PID and wait; `Err` with the reason when it did not stop cleanly.
    fn stop(self) -> impl Future<Output = Result<(), String>>;
}

impl UnderTest for Server {
    fn ready_after(&self) -> Duration {
        self.ready_after
    }
    async fn stop(self) -> Result<(), String> {
        Server::stop(self, STOP_WITHIN).await.map(drop)
    }
}

/// Start a server `opts.starts` times for the time-to-ready figure. Every start but the last
/// is stopped at once; the last is returned running, with the problems met on the way.
async fn start_repeatedly<S, F, Fut>(
    name: &str,
    starts: usize,
    mut start: F,
) -> anyhow::Result<(S, Vec<Duration>, Vec<String>)>
where
    S: UnderTest,
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<S>>,
{
    let mut ready = Vec::with_capacity(starts);
    let mut problems = Vec::new();
    for i in 1..=starts {
        let server = start()
            .await
            .with_context(|| format!("start {i} of {starts}"))?;
        ready.push(server.ready_after());
        progress(&format!(
            "{name}: start {i}/{starts} ready in {:.3} s",
            server.ready_after().as_secs_f64()
        ));
        if i == starts {
            return Ok((server, ready, problems));
        }
        if let Err(e) = server.stop().await {
            problems.push(format!("{name} start {i}: {e}"));
        }
    }
    bail!("no start")
}

/// What is measured on the running server, in order: idle RSS (before any connection, so that
/// it is the idle figure), the negotiated parameters, the handshake rate.
async fn measure_running(
    name: &str,
    opts: &BenchOptions,
    processes: Processes,
    ca_pem: &str,
    addr: SocketAddr,
    host: &str,
) -> anyhow::Result<(u64, Negotiated, Load)> {
    tokio::time::sleep(opts.idle_wait).await;
    let rss = processes
        .rss_kib()
        .with_context(|| format!("{name} is gone: no /proc figures"))?;
    let tls = negotiate(ca_pem, addr, host)
        .await
        .with_context(|| format!("probe connection to {name} on {addr}"))?;
    progress(&format!(
        "{name}: {}; handshakes from {} tasks, {} s warm-up + {} s...",
        tls.summary(),
        opts.concurrency,
        opts.warmup.as_secs_f64(),
        opts.duration.as_secs_f64()
    ));
    let client = Client::new(ca_pem, CLIENT_TIMEOUT)?;
    let load = measure_load(&client, addr, host, opts, processes).await;
    progress(&format!(
        "{name}: {:.0} handshakes/s, {} failed",
        load.per_second, load.failed
    ));
    Ok((rss, tls, load))
}

async fn measure_badtls(opts: &BenchOptions) -> anyhow::Result<Figures> {
    let (server, ready, mut problems) = start_repeatedly("badtls", opts.starts, || async {
        Ok(Server::start(&opts.badtls, &[], BADTLS_READY_WITHIN).await?)
    })
    .await?;
    let endpoint = server.endpoint(ENDPOINT)?.clone();
    let addr = SocketAddr::new(
        endpoint
            .address
            .parse()
            .with_context(|| format!("{ENDPOINT} address {:?}", endpoint.address))?,
        endpoint.port,
    );
    let (idle_rss_kib, tls, load) = measure_running(
        "badtls",
        opts,
        Processes::One(server.pid()),
        &server.manifest.ca_pem,
        addr,
        &endpoint.host,
    )
    .await?;
    let endpoints = server.manifest.endpoints.len();
    let log = server.log();
    if log.panics > 0 {
        problems.push(format!(
            "badtls logged {} panics: {:?}",
            log.panics, log.last
        ));
    }
    if let Err(e) = UnderTest::stop(server).await {
        problems.push(format!("badtls: {e}"));
    }
    Ok(Figures {
        version: program_version(&opts.badtls, &["--version"]),
        setup: format!(
            "badtls serve, whole embedded catalogue ({endpoints} endpoints); load on {ENDPOINT}: {:?}",
            endpoint.summary
        ),
        ready: ReadyStats::new("its `badtls ready` line (every listener bound, the whole PKI made)", &ready),
        idle_rss_kib,
        rss_of: "the badtls process (VmRSS)".into(),
        endpoints: Some(endpoints),
        tls,
        load,
        problems,
    })
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

/// The servers badtls is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rival {
    Nginx,
    SServer,
}

impl Rival {
    fn name(self) -> &'static str {
        match self {
            Rival::Nginx => "nginx",
            Rival::SServer => "s_server",
        }
    }

    fn install_hint(self) -> &'static str {
        match self {
            Rival::Nginx => "apt install nginx-light",
            Rival::SServer => "apt install openssl",
        }
    }

    fn setup(self, opts: &BenchOptions) -> String {
        match self {
            Rival::Nginx => format!(
                "daemon off, master_process on, worker_processes {}; TLSv1.2+1.3, session cache and \
                 tickets off, keepalive_timeout 0, return 200 \"ok\"",
                opts.nginx_workers
            ),
            Rival::SServer => "s_server -www -no_ticket: single-threaded, one connection at a time".into(),
        }
    }

    fn version(self, program: &Path) -> String {
        match self {
            Rival::Nginx => program_version(program, &["-v"]).replace("nginx version: ", ""),
            Rival::SServer => {
                let v = program_version(program, &["version"]);
                // "OpenSSL 3.0.22 25 Aug 2026 (Library: ...)": the library part repeats it.
                v.split(" (").next().unwrap_or(&v).to_string()
            }
        }
    }

    /// The command for one start on `addr`; its logs go to files in `work`.
    fn command(
        self,
        program: &Path,
        opts: &BenchOptions,
        pki: &BenchPki,
        work: &Path,
        addr: SocketAddr,
    ) -> anyhow::Result<Command> {
        let mut cmd = Command::new(program);
        match self {
            Rival::Nginx => {
                let conf = work.join("nginx.conf");
                std::fs::write(&conf, nginx_conf(work, pki, addr, opts.nginx_workers))
                    .with_context(|| format!("writing {}", conf.display()))?;
                // -e: nginx opens its compiled-in error log before it reads the configuration.
                cmd.arg("-p")
                    .arg(work)
                    .arg("-c")
                    .arg(&conf)
                    .arg("-e")
                    .arg(work.join("error.log"));
            }
            Rival::SServer => {
                cmd.arg("s_server")
                    .arg("-accept")
                    .arg(addr.to_string())
                    .arg("-cert")
                    .arg(&pki.leaf)
                    .arg("-cert_chain")
                    .arg(&pki.intermediate)
                    .arg("-key")
                    .arg(&pki.key)
                    .args(["-www", "-no_ticket", "-quiet"]);
            }
        }
        Ok(cmd)
    }
}

/// A minimal nginx configuration: one TLS server answering 200, everything in `work` (nginx
/// must not touch /var/lib/nginx or /var/log/nginx of the machine).
fn nginx_conf(work: &Path, pki: &BenchPki, addr: SocketAddr, workers: usize) -> String {
    let w = work.display();
    format!(
        r#"daemon off;
master_process on;
worker_processes {workers};
pid "{w}/nginx.pid";
error_log "{w}/error.log" warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
    client_body_temp_path "{w}/body";
    proxy_temp_path "{w}/proxy";
    fastcgi_temp_path "{w}/fastcgi";
    uwsgi_temp_path "{w}/uwsgi";
    scgi_temp_path "{w}/scgi";
    server {{
        listen {addr} ssl;
        server_name {HOST};
        ssl_certificate "{fullchain}";
        ssl_certificate_key "{key}";
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache off;
        ssl_session_tickets off;
        keepalive_timeout 0;
        location / {{
            return 200 "ok\n";
        }}
    }}
}}
"#,
        fullchain = pki.fullchain.display(),
        key = pki.key.display(),
    )
}

/// nginx or s_server, started by this benchmark. Stopped by SIGTERM to its PID, also when
/// dropped on an error path (not SIGKILL: nginx's workers would outlive a killed master).
struct RivalProcess {
    name: &'static str,
    child: Child,
    pid: u32,
    addr: SocketAddr,
    ready_after: Duration,
    logs: Vec<PathBuf>,
    stopped: bool,
}

impl RivalProcess {
    /// Spawn on a free port and wait until the port accepts a TCP connection.
    async fn start(
        rival: Rival,
        program: &Path,
        opts: &BenchOptions,
        pki: &BenchPki,
        work: &Path,
    ) -> anyhow::Result<RivalProcess> {
        let addr = free_port()?;
        let stderr_path = work.join("stderr.log");
        let stderr = std::fs::File::create(&stderr_path)
            .with_context(|| format!("creating {}", stderr_path.display()))?;
        let mut cmd = rival.command(program, opts, pki, work, addr)?;
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr);
        let t0 = Instant::now();
        let child = cmd
            .spawn()
            .with_context(|| format!("spawning {}", program.display()))?;
        let pid = child.id().context("it exited at once")?;
        let mut process = RivalProcess {
            name: rival.name(),
            child,
            pid,
            addr,
            ready_after: Duration::ZERO,
            logs: vec![stderr_path, work.join("error.log")],
            stopped: false,
        };
        if let Err(e) = wait_for_port(&mut process.child, addr, RIVAL_READY_WITHIN).await {
            return Err(e.context(format!(
                "{} did not come up on {addr}{}",
                rival.name(),
                process.log_tail()
            )));
        }
        process.ready_after = t0.elapsed();
        Ok(process)
    }

    /// The end of its log files, for an error message.
    fn log_tail(&self) -> String {
        let mut out = String::new();
        for path in &self.logs {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let tail = lines[lines.len().saturating_sub(5)..].join(" | ");
                // The name only: the directory is removed when the bench ends.
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let _ = write!(out, "; {name}: {tail}");
            }
        }
        out
    }
}

impl UnderTest for RivalProcess {
    fn ready_after(&self) -> Duration {
        self.ready_after
    }
    async fn stop(mut self) -> Result<(), String> {
        self.stopped = true;
        send_sigterm(self.pid)?;
        match tokio::time::timeout(STOP_WITHIN, self.child.wait()).await {
            Ok(Ok(status)) if status.success() || terminated_by_sigterm(&status) => Ok(()),
            Ok(Ok(status)) => Err(format!(
                "{} exited with {status} after SIGTERM{}",
                self.name,
                self.log_tail()
            )),
            Ok(Err(e)) => Err(format!("waiting for {}: {e}", self.name)),
            Err(_) => Err(format!(
                "{} still running {STOP_WITHIN:?} after SIGTERM",
                self.name
            )),
        }
    }
}

impl Drop for RivalProcess {
    fn drop(&mut self) {
        if !self.stopped {
            let _ = send_sigterm(self.pid);
        }
    }
}

/// s_server has no SIGTERM handler: the default action ends it, which is a clean stop here.
fn terminated_by_sigterm(status: &std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(15)
}

/// SIGTERM to one process we started, by PID.
fn send_sigterm(pid: u32) -> Result<(), String> {
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

/// Poll until `addr` accepts a TCP connection, failing early if the process exits.
async fn wait_for_port(
    child: &mut Child,
    addr: SocketAddr,
    within: Duration,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + within;
    loop {
        if TcpStream::connect(addr).await.is_ok() {
            return Ok(());
        }
        if let Some(status) = child.try_wait()? {
            bail!("exited ({status}) before its port accepted a connection");
        }
        if Instant::now() > deadline {
            bail!("its port did not accept a connection within {within:?}");
        }
        // Refused connects on loopback are cheap: poll finely, the figure is in milliseconds.
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// A loopback address with a port free right now (bound, read, released).
fn free_port() -> anyhow::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0")?;
    Ok(listener.local_addr()?)
}

/// `program` if it is a path to a file, else its first match in `PATH`.
fn find_program(program: &Path) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// The first line a program prints for its version flag (stdout or stderr), or "unknown".
fn program_version(program: &Path, args: &[&str]) -> String {
    let Ok(out) = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
    else {
        return "unknown".into();
    };
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .next()
        .unwrap_or("unknown")
        .trim()
        .to_string()
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> anyhow::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("badtls-bench-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(TempDir(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The chain nginx and s_server serve, like good/default's: P-256 root → P-256 intermediate →
/// P-256 leaf for `localhost` (SAN localhost and 127.0.0.1), as PEM files.
struct BenchPki {
    root_pem: String,
    leaf: PathBuf,
    intermediate: PathBuf,
    /// Leaf then intermediate, for nginx's `ssl_certificate`.
    fullchain: PathBuf,
    key: PathBuf,
}

impl BenchPki {
    fn write(dir: &Path) -> anyhow::Result<BenchPki> {
        let ca_params = |name: &str, path_len: Option<u8>| {
            let mut p = CertificateParams::default();
            p.distinguished_name.push(DnType::CommonName, name);
            p.is_ca = IsCa::Ca(path_len.map_or(
                BasicConstraints::Unconstrained,
                BasicConstraints::Constrained,
            ));
            p.key_usages = vec![
                KeyUsagePurpose::KeyCertSign,
                KeyUsagePurpose::CrlSign,
                KeyUsagePurpose::DigitalSignature,
            ];
            p
        };
        let p256 = || KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256);
        let root = CertifiedIssuer::self_signed(ca_params("badtls-bench root", None), p256()?)?;
        let intermediate = CertifiedIssuer::signed_by(
            ca_params("badtls-bench intermediate", Some(0)),
            p256()?,
            &root,
        )?;
        let mut leaf_params =
            CertificateParams::new(vec![HOST.to_string(), "127.0.0.1".to_string()])?;
        leaf_params
            .distinguished_name
            .push(DnType::CommonName, HOST);
        leaf_params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        leaf_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_key = p256()?;
        let leaf = leaf_params.signed_by(&leaf_key, &intermediate)?;

        let pki = BenchPki {
            root_pem: root.pem(),
            leaf: dir.join("leaf.pem"),
            intermediate: dir.join("intermediate.pem"),
            fullchain: dir.join("fullchain.pem"),
            key: dir.join("leaf.key"),
        };
        let files = [
            (&pki.leaf, leaf.pem()),
            (&pki.intermediate, intermediate.pem()),
            (
                &pki.fullchain,
                format!("{}{}", leaf.pem(), intermediate.pem()),
            ),
            (&pki.key, leaf_key.serialize_pem()),
        ];
        for (path, text) in files {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(pki)
    }
}

// ---------------------------------------------------------------------------------------------
// The load generator and the negotiation probe

/// A warm-up run (not counted in the rate), then the measured run, with the CPU time the
/// server and this process (the load generator) spent on it.
async fn measure_load(
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
    let connections = (run.ok + run.failed).max(1) as f64;
    let mut failures = warmup.failures;
    for (what, n) in run.failures {
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
    }
}

impl Load {
    /// `other_cpu_seconds` as a share of what `cpus` CPUs could do during the run, in percent.
    pub fn other_cpu_percent(&self, cpus: usize) -> f64 {
        100.0 * self.other_cpu_seconds / (self.seconds * cpus.max(1) as f64).max(f64::EPSILON)
    }
}

/// Which processes a server's /proc figures cover.
#[derive(Clone, Copy, Debug)]
enum Processes {
    One(u32),
    /// A process and its descendants (nginx's master and workers).
    Tree(u32),
}

impl Processes {
    fn rss_kib(self) -> Option<u64> {
        match self {
            Processes::One(pid) => procfs::memory(pid).map(|m| m.rss_kib),
            Processes::Tree(pid) => Some(procfs::tree_rss_kib(pid)).filter(|&kib| kib > 0),
        }
    }

    fn cpu_seconds(self) -> Option<f64> {
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
struct Tally {
    ok: u64,
    failed: u64,
    failures: BTreeMap<String, u64>,
    seconds: f64,
}

impl Tally {
    fn record(&mut self, outcome: Outcome) {
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

    fn count_failure(&mut self, what: String, n: u64) {
        let key = if self.failures.len() < MAX_FAILURE_KINDS || self.failures.contains_key(&what) {
            what
        } else {
            "other failures".to_string()
        };
        *self.failures.entry(key).or_default() += n;
    }

    fn merge(&mut self, other: Tally) {
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
async fn drive(
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

/// Counts the tickets a server sends and never hands one back, so nothing is ever resumed.
#[derive(Debug, Default)]
struct TicketCounter(AtomicUsize);

impl ClientSessionStore for TicketCounter {
    fn set_kx_hint(&self, _: ServerName<'static>, _: NamedGroup) {}
    fn kx_hint(&self, _: &ServerName<'_>) -> Option<NamedGroup> {
        None
    }
    fn set_tls12_session(&self, _: ServerName<'static>, _: Tls12ClientSessionValue) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn tls12_session(&self, _: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        None
    }
    fn remove_tls12_session(&self, _: &ServerName<'static>) {}
    fn insert_tls13_ticket(&self, _: ServerName<'static>, _: Tls13ClientSessionValue) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
    fn take_tls13_ticket(&self, _: &ServerName<'static>) -> Option<Tls13ClientSessionValue> {
        None
    }
}

/// One connection configured as [`Client`]'s, to read what was negotiated, which [`Client`]
/// does not expose. Its ClientHello is the same: rustls offers the PSK modes (which is what
/// makes a TLS 1.3 server send tickets) whether or not resumption is enabled.
async fn negotiate(ca_pem: &str, addr: SocketAddr, host: &str) -> anyhow::Result<Negotiated> {
    let ca = pem_certs(ca_pem)?;
    let mut roots = RootCertStore::empty();
    for der in &ca {
        roots.add(der.clone())?;
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let tickets = Arc::new(TicketCounter::default());
    config.resumption = Resumption::store(tickets.clone());
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = ServerName::try_from(host.to_string())?;
    let exchange = async {
        let tcp = TcpStream::connect(addr).await?;
        let mut tls = TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await?;
        tls.write_all(
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await?;
        let mut answer = Vec::new();
        // As in Client: servers end differently (close_notify or not); tickets are read by now.
        let _ = tls.read_to_end(&mut answer).await;
        Ok::<_, std::io::Error>((tls, answer))
    };
    let (tls, answer) = tokio::time::timeout(CLIENT_TIMEOUT, exchange)
        .await
        .context("timed out")??;
    ensure!(
        answer.starts_with(b"HTTP/1.1 200") || answer.starts_with(b"HTTP/1.0 200"),
        "unexpected answer: {:?}",
        String::from_utf8_lossy(&answer[..answer.len().min(64)])
    );
    let conn = tls.get_ref().1;
    let text = |v: Option<String>| v.unwrap_or_else(|| "none".into());
    Ok(Negotiated {
        protocol: text(conn.protocol_version().map(|v| format!("{v:?}"))),
        cipher_suite: text(
            conn.negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite())),
        ),
        key_exchange: text(
            conn.negotiated_key_exchange_group()
                .map(|g| format!("{:?}", g.name())),
        ),
        alpn: conn
            .alpn_protocol()
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        chain: conn
            .peer_certificates()
            .unwrap_or_default()
            .iter()
            .map(|c| key_algorithm(c))
            .collect(),
        root: key_algorithm(&ca[0]),
        session_tickets: tickets.0.load(Ordering::Relaxed),
    })
}

impl Negotiated {
    /// One line: protocol, suite, group, ALPN, keys of the chain, tickets.
    pub fn summary(&self) -> String {
        let mut chain: Vec<String> = self.chain.iter().map(|k| format!("{k} (sent)")).collect();
        chain.push(format!("{} (root)", self.root));
        format!(
            "{} {} {}, ALPN {}; keys {}; {} session tickets/connection",
            self.protocol,
            self.cipher_suite,
            self.key_exchange,
            self.alpn.as_deref().unwrap_or("none"),
            chain.join(" <- "),
            self.session_tickets
        )
    }
}

/// The public key of a DER certificate in words: "ECDSA P-256", "RSA-2048", "Ed25519".
pub fn key_algorithm(cert: &[u8]) -> String {
    spki_algorithm(cert).unwrap_or_else(|| "unparsable key".into())
}

fn spki_algorithm(cert: &[u8]) -> Option<String> {
    const EC: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    const RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
    const P521: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];

    let (cert, _) = der_sequence(cert)?;
    let (mut tbs, _) = der_sequence(cert)?;
    if tbs.first() == Some(&0xa0) {
        tbs = der(tbs)?.2; // [0] version
    }
    for _ in 0..5 {
        tbs = der(tbs)?.2; // serial, signature, issuer, validity, subject
    }
    let (spki, _) = der_sequence(tbs)?;
    let (algorithm, key) = der_sequence(spki)?;
    let (0x06, oid, parameters) = der(algorithm)? else {
        return None;
    };
    Some(match oid {
        EC => match der(parameters)?.1 {
            P256 => "ECDSA P-256".into(),
            P384 => "ECDSA P-384".into(),
            P521 => "ECDSA P-521".into(),
            _ => "ECDSA (other curve)".into(),
        },
        RSA => {
            // BIT STRING (no unused bits) of SEQUENCE { modulus, exponent }.
            let (0x03, bits, _) = der(key)? else {
                return None;
            };
            let (rsa_key, _) = der_sequence(bits.get(1..)?)?;
            let (0x02, modulus, _) = der(rsa_key)? else {
                return None;
            };
            let significant = modulus.iter().skip_while(|&&b| b == 0).count();
            format!("RSA-{}", significant * 8)
        }
        ED25519 => "Ed25519".into(),
        _ => "other key type".into(),
    })
}

/// One DER element of `input`: (tag, contents, what follows).
fn der(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| acc << 8 | usize::from(b));
        (len, &rest[n..])
    };
    (rest.len() >= len).then(|| (tag, &rest[..len], &rest[len..]))
}

fn der_sequence(input: &[u8]) -> Option<(&[u8], &[u8])> {
    match der(input)? {
        (0x30, contents, rest) => Some((contents, rest)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The report

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
fn median(values: &[f64]) -> f64 {
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

impl Report {
    fn new(opts: &BenchOptions, badtls: Figures, nginx: Column, s_server: Column) -> Report {
        let of = |c: &Column, f: fn(&Figures) -> f64| ratio(f(&badtls), c.figures().map(f));
        let ready = |f: &Figures| f.ready.median;
        let rate = |f: &Figures| f.load.per_second;
        let rss = |f: &Figures| f.idle_rss_kib as f64;
        let cpu = |f: &Figures| f.load.server_cpu_ms_per_handshake;
        let ratios = Ratios {
            ready_vs_target: badtls.ready.median / READY_TARGET.as_secs_f64(),
            ready_vs_nginx: of(&nginx, ready),
            ready_vs_s_server: of(&s_server, ready),
            handshakes_vs_nginx: of(&nginx, rate),
            handshakes_vs_s_server: of(&s_server, rate),
            server_cpu_vs_nginx: of(&nginx, cpu),
            server_cpu_vs_s_server: of(&s_server, cpu),
            idle_rss_vs_nginx: of(&nginx, rss),
            idle_rss_vs_s_server: of(&s_server, rss),
        };
        let mut differences = Vec::new();
        let mut problems = figure_problems("badtls", &badtls);
        for (name, column) in [("nginx", &nginx), ("s_server", &s_server)] {
            match column {
                Column::Measured(f) => {
                    differences.extend(tls_differences(&badtls.tls, &f.tls, name));
                    problems.extend(figure_problems(name, f));
                }
                Column::Failed { error } => {
                    problems.push(format!("{name} was not measured: {error}"))
                }
                Column::NotInstalled { .. } => {}
            }
        }
        Report {
            cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
            endpoint: ENDPOINT,
            starts: opts.starts,
            concurrency: opts.concurrency,
            warmup_seconds: opts.warmup.as_secs_f64(),
            duration_seconds: opts.duration.as_secs_f64(),
            idle_wait_seconds: opts.idle_wait.as_secs_f64(),
            ready_target_seconds: READY_TARGET.as_secs_f64(),
            cpu_busy_before_percent: 0.0,
            load_average_before: 0.0,
            badtls,
            nginx,
            s_server,
            ratios,
            differences,
            problems,
        }
    }

    /// The three columns: figures, or why there are none.
    fn columns(&self) -> [(&'static str, Result<&Figures, &Column>); 3] {
        [
            ("badtls", Ok(&self.badtls)),
            ("nginx", self.nginx.figures().ok_or(&self.nginx)),
            ("s_server", self.s_server.figures().ok_or(&self.s_server)),
        ]
    }

    /// The human-readable report: setup, negotiated parameters, the table, how to read it.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "badtls-bench: {} CPUs; before the run {:.0}% CPU busy (1 s sample), load average {:.2}. The load \
             generator (rustls, resumption disabled: every connection is a full handshake + GET /; {} concurrent \
             tasks, {} s warm-up, then {} s) runs on the SAME cores as the server under test, one server at a time.",
            self.cpus,
            self.cpu_busy_before_percent,
            self.load_average_before,
            self.concurrency,
            self.warmup_seconds,
            self.duration_seconds
        );
        if self.cpu_busy_before_percent > BUSY_WARNING_PERCENT {
            let _ = writeln!(
                s,
                "WARNING: other processes were using {:.0}% of the CPUs before the run: the figures are noisy.",
                self.cpu_busy_before_percent
            );
        }
        let busiest = self
            .columns()
            .into_iter()
            .filter_map(|(name, c)| Some((name, c.ok()?.load.other_cpu_percent(self.cpus))))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((name, percent)) = busiest.filter(|(_, p)| *p > BUSY_WARNING_PERCENT) {
            let _ = writeln!(
                s,
                "WARNING: other processes used up to {percent:.0}% of the CPUs during a handshake run ({name}'s): \
                 the handshake and CPU figures are noisy (see \"other processes' CPU in run\")."
            );
        }
        let _ = writeln!(s, "\nservers:");
        for (name, column) in self.columns() {
            let text = match column {
                Ok(f) => format!("{}: {}", f.version, f.setup),
                Err(c) => column_text(c),
            };
            let _ = writeln!(s, "  {name:<9} {text}");
        }
        let _ = writeln!(
            s,
            "\nnegotiated (one probe connection each, rustls client):"
        );
        for (name, column) in self.columns() {
            if let Ok(f) = column {
                let _ = writeln!(s, "  {name:<9} {}", f.tls.summary());
            }
        }
        let compared = self.nginx.figures().is_some() || self.s_server.figures().is_some();
        if compared && self.differences.is_empty() {
            let _ = writeln!(
                s,
                "  like-for-like: same protocol, cipher suite, key exchange, certificate keys and tickets"
            );
        }
        for d in &self.differences {
            let _ = writeln!(s, "  DIFFERS: {d}");
        }
        s.push('\n');
        for row in self.rows() {
            let _ = writeln!(s, "{row}");
        }
        self.render_notes(&mut s);
        s
    }

    /// The table, header first.
    fn rows(&self) -> Vec<Row> {
        let columns = self.columns();
        let row =
            |label: String, cell: &dyn Fn(&Figures) -> String, ratios: [Option<f64>; 2]| Row {
                label,
                cells: columns.map(|(_, c)| match c {
                    Ok(f) => cell(f),
                    Err(Column::NotInstalled { .. }) => "not installed".into(),
                    Err(_) => "FAILED".into(),
                }),
                ratios: ratios.map(|r| r.map_or("-".into(), |r| format!("{r:.2}x"))),
            };
        let r = &self.ratios;
        let no_ratio = [None, None];
        let badtls_only = |text: String| {
            move |f: &Figures| {
                if f.endpoints.is_some() {
                    text.clone()
                } else {
                    "-".into()
                }
            }
        };
        vec![
            Row {
                label: "figure".into(),
                cells: ["badtls", "nginx", "s_server"].map(String::from),
                ratios: ["badtls/nginx", "badtls/s_server"].map(String::from),
            },
            row(
                format!("ready (median of {})", self.starts),
                &|f| format!("{:.3} s", f.ready.median),
                [r.ready_vs_nginx, r.ready_vs_s_server],
            ),
            row(
                "ready (min-max)".into(),
                &|f| format!("{:.3}-{:.3} s", f.ready.min, f.ready.max),
                no_ratio,
            ),
            row(
                format!("ready / target {:.1} s", self.ready_target_seconds),
                &badtls_only(format!("{:.2}x", r.ready_vs_target)),
                no_ratio,
            ),
            row(
                format!("handshakes/s ({ENDPOINT})"),
                &|f| format!("{:.0}", f.load.per_second),
                [r.handshakes_vs_nginx, r.handshakes_vs_s_server],
            ),
            row(
                "  failed / succeeded".into(),
                &|f| format!("{} / {}", f.load.failed, f.load.ok),
                no_ratio,
            ),
            row(
                "  failed in warm-up".into(),
                &|f| f.load.warmup_failed.to_string(),
                no_ratio,
            ),
            row(
                "server CPU per handshake".into(),
                &|f| format!("{:.3} ms", f.load.server_cpu_ms_per_handshake),
                [r.server_cpu_vs_nginx, r.server_cpu_vs_s_server],
            ),
            row(
                "client CPU per handshake".into(),
                &|f| format!("{:.3} ms", f.load.client_cpu_ms_per_handshake),
                no_ratio,
            ),
            row(
                "other processes' CPU in run".into(),
                &|f| format!("{:.2} s", f.load.other_cpu_seconds),
                no_ratio,
            ),
            row(
                "idle RSS".into(),
                &|f| mib(f.idle_rss_kib),
                [r.idle_rss_vs_nginx, r.idle_rss_vs_s_server],
            ),
            row(
                format!(
                    "idle RSS per endpoint ({})",
                    self.badtls.endpoints.unwrap_or(0)
                ),
                &|f| {
                    f.endpoints.map_or("-".into(), |n| {
                        format!("{} KiB", f.idle_rss_kib / n.max(1) as u64)
                    })
                },
                no_ratio,
            ),
        ]
    }

    fn render_notes(&self, s: &mut String) {
        let lines = [
            "",
            "ratios are badtls / other: above 1, badtls takes longer, uses more CPU per handshake or more memory;",
            "  for handshakes/s, below 1 means badtls completes fewer.",
            "ready: badtls until its `badtls ready` line (every listener bound, every key made but RSA-4096's, which follows on the other core);",
            "  nginx and s_server until their port accepts a TCP connection.",
            "handshakes/s: successful full handshakes + GET / per second, all tasks, over the run's wall time",
            "  (in-flight connections at the end are waited for). The client shares the cores: see client CPU.",
            "server CPU per handshake: utime+stime of the server's processes during the run / connections.",
        ];
        for line in lines {
            let _ = writeln!(s, "{line}");
        }
        let _ = writeln!(
            s,
            "idle RSS: {} s after ready, before any load, of:",
            self.idle_wait_seconds
        );
        for (name, column) in self.columns() {
            if let Ok(f) = column {
                let _ = writeln!(s, "  {name:<9} {}", f.rss_of);
            }
        }
        for (name, column) in self.columns() {
            for (what, n) in column.ok().map(|f| &f.load.failures).into_iter().flatten() {
                let _ = writeln!(s, "{name} failure ({n}x): {what}");
            }
        }
        if self.problems.is_empty() {
            let _ = writeln!(s, "bench: every figure measured, no failed handshake");
        }
        for p in &self.problems {
            let _ = writeln!(s, "PROBLEM: {p}");
        }
    }
}

/// One line of the table.
struct Row {
    label: String,
    cells: [String; 3],
    ratios: [String; 2],
}

impl std::fmt::Display for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [badtls, nginx, s_server] = &self.cells;
        let [vs_nginx, vs_s_server] = &self.ratios;
        write!(
            f,
            "{:<30}{badtls:>15}{nginx:>15}{s_server:>15}{vs_nginx:>15}{vs_s_server:>17}",
            self.label
        )
    }
}

/// The text of a column that was not measured.
fn column_text(column: &Column) -> String {
    match column {
        Column::Measured(_) => "measured".into(),
        Column::NotInstalled { hint } => hint.clone(),
        Column::Failed { error } => format!("FAILED: {error}"),
    }
}

/// What makes one server's figures untrustworthy.
fn figure_problems(name: &str, f: &Figures) -> Vec<String> {
    let mut out = f.problems.clone();
    if f.load.failed + f.load.warmup_failed > 0 {
        out.push(format!(
            "{name}: {} handshakes failed ({} in the warm-up)",
            f.load.failed + f.load.warmup_failed,
            f.load.warmup_failed
        ));
    }
    if f.load.ok == 0 {
        out.push(format!(
            "{name}: no successful handshake in the measured run"
        ));
    }
    out
}

/// Where `other` negotiated differently from badtls.
fn tls_differences(badtls: &Negotiated, other: &Negotiated, name: &str) -> Vec<String> {
    let keys = |n: &Negotiated| format!("{} <- {}", n.chain.join(" <- "), n.root);
    [
        ("protocol", badtls.protocol.clone(), other.protocol.clone()),
        (
            "cipher suite",
            badtls.cipher_suite.clone(),
            other.cipher_suite.clone(),
        ),
        (
            "key exchange",
            badtls.key_exchange.clone(),
            other.key_exchange.clone(),
        ),
        ("certificate keys", keys(badtls), keys(other)),
        (
            "session tickets per connection",
            badtls.session_tickets.to_string(),
            other.session_tickets.to_string(),
        ),
    ]
    .into_iter()
    .filter(|(_, a, b)| a != b)
    .map(|(what, a, b)| format!("{what}: badtls {a}, {name} {b}"))
    .collect()
}

/// Busy CPU seconds of the whole machine so far (all CPUs: user, nice, system, irq, softirq,
/// steal from the first line of /proc/stat, in USER_HZ ticks), or `None` if unreadable.
fn machine_busy_cpu_seconds() -> Option<f64> {
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
async fn cpu_busy_percent(window: Duration) -> f64 {
    let before = machine_busy_cpu_seconds();
    tokio::time::sleep(window).await;
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    match (before, machine_busy_cpu_seconds()) {
        (Some(b), Some(a)) => 100.0 * (a - b) / (window.as_secs_f64() * cpus),
        _ => 0.0,
    }
}

/// The one-minute load average, or 0 when /proc/loadavg cannot be read.
fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
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
        assert_eq!(key_algorithm(b"\x30\x03\x02\x01"), "unparsable key");
    }

    #[test]
    fn the_generated_chain_is_p256_throughout() {
        let dir = TempDir::new().unwrap();
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
