//! The reference servers: nginx and `openssl s_server`, on an ECDSA P-256 chain equivalent to
//! good/default's, and how to find, start, reach and stop them.

use super::*;

/// The servers badtls is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rival {
    Nginx,
    SServer,
}

impl Rival {
    pub(super) fn name(self) -> &'static str {
        match self {
            Rival::Nginx => "nginx",
            Rival::SServer => "s_server",
        }
    }

    pub(super) fn install_hint(self) -> &'static str {
        match self {
            Rival::Nginx => "apt install nginx-light",
            Rival::SServer => "apt install openssl",
        }
    }

    pub(super) fn setup(self, opts: &BenchOptions) -> String {
        match self {
            Rival::Nginx => format!(
                "daemon off, master_process on, worker_processes {}; TLSv1.2+1.3, session cache and \
                 tickets off, keepalive_timeout 0, return 200 \"ok\"",
                opts.nginx_workers
            ),
            Rival::SServer => "s_server -www -no_ticket: single-threaded, one connection at a time".into(),
        }
    }

    pub(super) fn version(self, program: &Path) -> String {
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
    pub(super) fn command(
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
pub(super) fn nginx_conf(work: &Path, pki: &BenchPki, addr: SocketAddr, workers: usize) -> String {
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
pub(super) struct RivalProcess {
    pub(super) name: &'static str,
    pub(super) child: Child,
    pub(super) pid: u32,
    pub(super) addr: SocketAddr,
    pub(super) ready_after: Duration,
    pub(super) logs: Vec<PathBuf>,
    pub(super) stopped: bool,
}

impl RivalProcess {
    /// Spawn on a free port and wait until the port accepts a TCP connection.
    pub(super) async fn start(
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
    pub(super) fn log_tail(&self) -> String {
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
pub(super) fn terminated_by_sigterm(status: &std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal() == Some(15)
}

/// Poll until `addr` accepts a TCP connection, failing early if the process exits.
pub(super) async fn wait_for_port(
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
pub(super) fn free_port() -> anyhow::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("binding 127.0.0.1:0")?;
    Ok(listener.local_addr()?)
}

/// `program` if it is a path to a file, else its first match in `PATH`.
pub(super) fn find_program(program: &Path) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// The first line a program prints for its version flag (stdout or stderr), or "unknown".
pub(super) fn program_version(program: &Path, args: &[&str]) -> String {
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

/// The chain nginx and s_server serve, like good/default's: P-256 root → P-256 intermediate →
/// P-256 leaf for `localhost` (SAN localhost and 127.0.0.1), as PEM files.
pub(super) struct BenchPki {
    pub(super) root_pem: String,
    pub(super) leaf: PathBuf,
    pub(super) intermediate: PathBuf,
    /// Leaf then intermediate, for nginx's `ssl_certificate`.
    pub(super) fullchain: PathBuf,
    pub(super) key: PathBuf,
}

impl BenchPki {
    pub(super) fn write(dir: &Path) -> anyhow::Result<BenchPki> {
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
