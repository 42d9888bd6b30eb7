//! The headline scenarios against the real system `curl` (OpenSSL backend), trusting only the
//! suite CA. Each row pins curl's exit code and a piece of its error message, so a change in what
//! an endpoint does on the wire shows up as a readable mismatch.
//!
//! Expectations were taken from curl 7.88.1 / OpenSSL 3.0.19.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use badtls::{Config, Suite};

/// Extra arguments a row needs besides the common ones.
#[derive(Clone, Copy)]
enum Extra {
    None,
    /// Present the suite's client identity (`--cert` / `--key`).
    ClientCert,
}

/// (scenario id, extra args, expected curl exit code, substring of curl's stderr).
const CASES: &[(&str, Extra, i32, &str)] = &[
    ("good/default", Extra::None, 0, ""),
    ("good/wildcard", Extra::None, 0, ""),
    ("good/client-cert", Extra::ClientCert, 0, ""),
    ("cert/expired", Extra::None, 60, "certificate has expired"),
    (
        "cert/not-yet-valid",
        Extra::None,
        60,
        "certificate is not yet valid",
    ),
    (
        "cert/self-signed",
        Extra::None,
        60,
        "self-signed certificate",
    ),
    (
        "cert/untrusted-root",
        Extra::None,
        60,
        "unable to get local issuer certificate",
    ),
    (
        "cert/incomplete-chain",
        Extra::None,
        60,
        "unable to get local issuer certificate",
    ),
    (
        "cert/root-in-chain",
        Extra::None,
        60,
        "self-signed certificate in certificate chain",
    ),
    (
        "cert/wrong-host",
        Extra::None,
        60,
        "no alternative certificate subject name matches",
    ),
    (
        "cert/bad-eku",
        Extra::None,
        60,
        "unsuitable certificate purpose",
    ),
    // TLS 1.3: the alert arrives after curl's handshake finished, on its first read (exit 56).
    // Flaky until the server drained the socket before closing (else a RST raced the alert).
    (
        "client-auth/required",
        Extra::None,
        56,
        "certificate required",
    ),
    ("tls/sni-required", Extra::None, 35, "unrecognized name"),
    (
        "tls/alpn-mismatch",
        Extra::None,
        35,
        "no application protocol",
    ),
    (
        "transport/plain-http",
        Extra::None,
        35,
        "wrong version number",
    ),
    (
        "transport/reset",
        Extra::None,
        35,
        "Connection reset by peer",
    ),
    (
        "transport/close-after-hello",
        Extra::None,
        35,
        "SSL_ERROR_SYSCALL",
    ),
    ("transport/truncated", Extra::None, 18, "transfer closed"),
    // Old-protocol (TLS 1.0/1.1, SSLv3) and no-common-cipher scenarios do not exist yet (a later issue).
];

/// Generous: curl itself gives up after `--max-time 5`.
const CURL_DEADLINE: Duration = Duration::from_secs(20);

fn curl_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("curl"))
        .find(|p| p.is_file())
}

struct CurlOutcome {
    code: Option<i32>,
    stderr: String,
}

/// Run curl with a clean environment (no CA bundle or proxy variables) and a hard deadline.
fn run_curl(curl: &Path, args: &[String]) -> Result<CurlOutcome, String> {
    let mut cmd = Command::new(curl);
    cmd.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    if let Some(home) = std::env::var_os("HOME") {
        cmd.env("HOME", home);
    }
    let mut child = cmd
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run curl: {e}"))?;
    let mut pipe = child.stderr.take().expect("stderr piped");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < CURL_DEADLINE => {
                std::thread::sleep(Duration::from_millis(20))
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "curl still running after {CURL_DEADLINE:?}; killed"
                ));
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("waiting for curl: {e}"));
            }
        }
    };
    let stderr = reader.join().unwrap_or_default();
    Ok(CurlOutcome {
        code: status.code(),
        stderr,
    })
}

#[test]
fn curl_headline_scenarios() {
    let Some(curl) = curl_path() else {
        eprintln!("skipping: no `curl` on PATH (.ci/run installs it)");
        return;
    };
    let ids: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    let suite = Suite::start_blocking(Config::default().only(ids)).expect("suite starts");

    let tmp = tempfile::Builder::new()
        .prefix("badtls-curl")
        .tempdir()
        .expect("temp dir");
    let write = |name: &str, contents: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, contents).expect("write temp file");
        path
    };
    let ca = write("ca.pem", suite.ca_pem());
    let identity = suite.client_identity();
    let client_cert = write("client.pem", &identity.chain_pem());
    let client_key = write("client.key", &identity.key_pem());

    let mut mismatches = Vec::new();
    for &(id, extra, want_code, want_stderr) in CASES {
        let ep = match suite.endpoint(id) {
            Ok(ep) => ep,
            Err(e) => {
                mismatches.push(format!("{id}: {e}"));
                continue;
            }
        };
        let mut args: Vec<String> = vec![
            // Ignore any ~/.curlrc: only the arguments below count.
            "-q".into(),
            "--cacert".into(),
            ca.display().to_string(),
            "-sS".into(),
            "-o".into(),
            "/dev/null".into(),
            "--max-time".into(),
            "5".into(),
            "--resolve".into(),
            format!("{}:{}:{}", ep.host(), ep.port(), ep.socket_addr().ip()),
        ];
        if let Extra::ClientCert = extra {
            args.extend([
                "--cert".into(),
                client_cert.display().to_string(),
                "--key".into(),
                client_key.display().to_string(),
            ]);
        }
        args.push(ep.url());

        match run_curl(&curl, &args) {
            Err(e) => mismatches.push(format!("{id}: {e}")),
            Ok(out) => {
                let stderr = out.stderr.trim();
                let code_ok = out.code == Some(want_code);
                let stderr_ok = if want_stderr.is_empty() {
                    // A success must be quiet under -sS.
                    want_code != 0 || stderr.is_empty()
                } else {
                    stderr.contains(want_stderr)
                };
                if !(code_ok && stderr_ok) {
                    let code = out
                        .code
                        .map_or_else(|| "killed by a signal".to_string(), |c| c.to_string());
                    // curl's first line says it all; the rest is boilerplate advice.
                    let first = stderr.lines().next().unwrap_or("");
                    mismatches.push(format!(
                        "{id}: want exit {want_code} with stderr containing {want_stderr:?}; \
                         got exit {code}, stderr {first:?}"
                    ));
                }
            }
        }
    }

    assert!(
        mismatches.is_empty(),
        "{} of {} curl cases differ:\n  {}",
        mismatches.len(),
        CASES.len(),
        mismatches.join("\n  ")
    );
}
