//! The `badtls` binary as a user meets it: `list`, its one-line errors (exit code 2), and
//! `serve` from its ready line to a clean stop on SIGTERM.
//!
//! Every child is bounded in time and killed (by its own handle) on any failure path.

mod common;
use common::TempDir;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_badtls");

/// How long a one-shot command (`list`, `ca`, a failing `serve`) may take.
const COMMAND_DEADLINE: Duration = Duration::from_secs(20);

/// A child process that is killed and reaped when dropped, whatever happened to the test.
struct ChildGuard(Option<Child>);

impl ChildGuard {
    fn spawn(cmd: &mut Command) -> ChildGuard {
        ChildGuard(Some(cmd.spawn().expect("spawn badtls")))
    }

    fn child(&mut self) -> &mut Child {
        self.0.as_mut().expect("child present until drop")
    }

    /// Wait at most `limit`; `None` if it is still running (it is left for Drop to kill).
    fn wait_timeout(&mut self, limit: Duration) -> Option<ExitStatus> {
        let started = Instant::now();
        loop {
            match self.child().try_wait().expect("try_wait") {
                Some(status) => return Some(status),
                None if started.elapsed() >= limit => return None,
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            if let Ok(None) = child.try_wait() {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
    }
}

/// Read a pipe to its end on a thread of its own, so that a chatty child never blocks on it.
fn drain(pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = BufReader::new(pipe).read_to_string(&mut s);
        s
    })
}

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

fn badtls() -> Command {
    let mut cmd = Command::new(BIN);
    // Log output would add stderr lines; the one-line error contract is about the default.
    cmd.env_remove("BADTLS_LOG");
    cmd
}

/// Run `badtls ARGS` to completion within [`COMMAND_DEADLINE`].
fn run(args: &[&str]) -> Run {
    let mut guard = ChildGuard::spawn(
        badtls()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let out = drain(guard.child().stdout.take().expect("stdout piped"));
    let err = drain(guard.child().stderr.take().expect("stderr piped"));
    let Some(status) = guard.wait_timeout(COMMAND_DEADLINE) else {
        drop(guard); // kills it
        panic!("badtls {args:?} still running after {COMMAND_DEADLINE:?}; killed");
    };
    Run {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

/// Exit code 2 and exactly one stderr line `badtls: error: ...`; returns that line.
fn one_error_line(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(
        r.status.code(),
        Some(2),
        "badtls {args:?}: want exit 2, got {:?}\nstdout: {}\nstderr: {}",
        r.status,
        r.stdout,
        r.stderr
    );
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "badtls {args:?}: want one stderr line, got {}:\n{}",
        lines.len(),
        r.stderr
    );
    assert!(
        lines[0].starts_with("badtls: error:"),
        "badtls {args:?}: stderr line does not start with 'badtls: error:': {}",
        lines[0]
    );
    lines[0].to_string()
}

fn assert_mentions(line: &str, needles: &[&str]) {
    let missing: Vec<&&str> = needles.iter().filter(|n| !line.contains(**n)).collect();
    assert!(missing.is_empty(), "error line lacks {missing:?}:\n{line}");
}

#[test]
fn list_prints_the_catalogue() {
    let r = run(&["list"]);
    assert!(
        r.status.success(),
        "badtls list: {:?}\n{}",
        r.status,
        r.stderr
    );
    for id in ["good/default", "cert/expired"] {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.split_whitespace().next() == Some(id)),
            "badtls list does not list {id}:\n{}",
            r.stdout
        );
    }
}

#[test]
fn list_json_is_an_array_of_scenarios() {
    let r = run(&["list", "--json"]);
    assert!(
        r.status.success(),
        "badtls list --json: {:?}\n{}",
        r.status,
        r.stderr
    );
    let value: serde_json::Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("badtls list --json is not JSON ({e}):\n{}", r.stdout));
    let rows = value.as_array().expect("a JSON array");
    assert!(!rows.is_empty(), "empty list");
    for row in rows {
        assert!(
            row.get("id").and_then(|v| v.as_str()).is_some(),
            "row without id: {row}"
        );
        assert!(
            row.get("expect").is_some_and(|v| v.is_object()),
            "row without expect: {row}"
        );
    }
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(
        ids.contains(&"good/default") && ids.contains(&"cert/expired"),
        "{ids:?}"
    );
}

#[test]
fn reasons_json_lists_the_taxonomy_with_parents() {
    let r = run(&["reasons", "--json"]);
    assert!(
        r.status.success(),
        "badtls reasons --json: {:?}\n{}",
        r.status,
        r.stderr
    );
    let value: serde_json::Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("badtls reasons --json is not JSON ({e}):\n{}", r.stdout));
    let rows = value.as_array().expect("a JSON array");
    assert_eq!(rows.len(), badtls::Reason::all().count());
    for reason in badtls::Reason::all() {
        let row = rows
            .iter()
            .find(|row| row["name"] == reason.as_str())
            .unwrap_or_else(|| panic!("{reason} missing from {rows:?}"));
        assert_eq!(
            row["parent"].as_str(),
            reason.parent().map(|p| p.as_str()),
            "{row}"
        );
        assert_eq!(row["explain"].as_str(), Some(reason.explain()), "{row}");
    }
    let table = run(&["reasons"]);
    assert!(table.status.success(), "{}", table.stderr);
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("cert.self-signed ") && l.contains(" cert.untrusted ")),
        "{}",
        table.stdout
    );
}

#[test]
fn unknown_field_names_file_scenario_and_field() {
    let dir = TempDir::new("cli-unknown-field");
    let file = dir.write(
        "bad.toml",
        "[[scenario]]\n\
         id = \"mine/x\"\n\
         summary = \"x\"\n\
         expect = { verdict = \"accept\" }\n\
         colour = \"red\"\n",
    );
    let line = one_error_line(&["list", "--scenarios", dir.str()]);
    assert_mentions(&line, &[file.to_str().unwrap(), "mine/x", "colour"]);
}

#[test]
fn toml_syntax_error_names_the_file() {
    let dir = TempDir::new("cli-syntax");
    let file = dir.write("broken.toml", "[[scenario]\n");
    let line = one_error_line(&["list", "--scenarios", dir.str()]);
    assert_mentions(&line, &[file.to_str().unwrap()]);
}

#[test]
fn duplicate_id_names_both_files() {
    let dir = TempDir::new("cli-duplicate");
    let file = dir.write(
        "mine.toml",
        "[[scenario]]\n\
         id = \"good/default\"\n\
         summary = \"mine\"\n\
         expect = { verdict = \"accept\" }\n",
    );
    let line = one_error_line(&["list", "--scenarios", dir.str()]);
    assert_mentions(
        &line,
        &[
            file.to_str().unwrap(),
            "good/default",
            "duplicate",
            "good.toml",
        ],
    );
}

#[test]
fn only_pattern_matching_nothing_is_an_error() {
    for sub in ["list", "serve"] {
        let line = one_error_line(&[sub, "--only", "nope/*"]);
        assert_mentions(&line, &["nope/*", "matches no scenario"]);
    }
}

#[test]
fn busy_control_port_is_a_one_line_error() {
    let busy = TcpListener::bind("127.0.0.1:0").expect("bind a port to make busy");
    let port = busy.local_addr().unwrap().port();
    let line = one_error_line(&[
        "serve",
        "--only",
        "good/default",
        "--port-base",
        &port.to_string(),
    ]);
    assert_mentions(
        &line,
        &["cannot bind", &format!("127.0.0.1:{port}"), "control port"],
    );
    drop(busy);
}

/// One HTTP/1.0 GET on the control port: (status code, body).
fn http_get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
        .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read the answer");
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    (status, body.to_string())
}

/// A `badtls serve` that printed its ready line: the child, its control port and its stderr.
struct Served {
    guard: ChildGuard,
    control_url: String,
    control: SocketAddr,
    stderr: std::thread::JoinHandle<String>,
}

/// Start `badtls serve ARGS` and wait (at most 30 s) for a ready line that starts with `ready`.
fn serve(args: &[&std::ffi::OsStr], ready: &str) -> Served {
    let mut guard = ChildGuard::spawn(
        badtls()
            .arg("serve")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
    );
    let stderr = drain(guard.child().stderr.take().expect("stderr piped"));
    let stdout = guard.child().stdout.take().expect("stdout piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    let ready = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line.starts_with(ready) => break line,
            Ok(line) => seen.push(line),
            Err(e) => {
                drop(guard); // kills it, so that stderr ends
                panic!(
                    "no ready line ({e}); stdout so far: {seen:?}\nstderr: {}",
                    stderr.join().unwrap_or_default()
                );
            }
        }
    };
    let control_url = ready
        .split_once("control ")
        .map(|(_, url)| url.trim().to_string())
        .expect("control URL on the ready line");
    let control: SocketAddr = control_url
        .trim_start_matches("http://")
        .parse()
        .unwrap_or_else(|e| panic!("control address in {ready:?}: {e}"));
    Served {
        guard,
        control_url,
        control,
        stderr,
    }
}

#[test]
fn serve_gets_ready_serves_and_stops_cleanly() {
    const READY: &str = "badtls ready: 17 endpoints, control http://127.0.0.1:";
    let dir = TempDir::new("cli-serve");
    let manifest_path = dir.path().join("manifest.json");
    let Served {
        mut guard,
        control_url,
        control,
        stderr,
    } = serve(
        &[
            "--only".as_ref(),
            "good/*".as_ref(),
            "--manifest-out".as_ref(),
            manifest_path.as_os_str(),
        ],
        READY,
    );

    // The manifest is written before the ready line.
    let text = std::fs::read_to_string(&manifest_path).expect("manifest written before ready");
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("manifest is JSON");
    assert_eq!(manifest["version"], 2, "manifest version");
    let endpoints = manifest["endpoints"].as_array().expect("endpoints array");
    assert_eq!(endpoints.len(), 17, "good/* has 17 endpoints");
    assert_eq!(manifest["control"], control_url.as_str());

    // The control port answers.
    let (status, body) = http_get(control, "/healthz");
    assert_eq!((status, body.trim()), (200, "ok"), "GET /healthz");

    // `badtls ca --control` prints the running suite's CA.
    let ca = run(&["ca", "--control", &control_url]);
    assert!(
        ca.status.success(),
        "badtls ca: {:?}\n{}",
        ca.status,
        ca.stderr
    );
    assert!(
        ca.stdout.starts_with("-----BEGIN CERTIFICATE-----"),
        "badtls ca printed:\n{}",
        ca.stdout
    );
    assert_eq!(
        Some(ca.stdout.as_str()),
        manifest["ca_pem"].as_str(),
        "badtls ca prints the manifest's CA"
    );

    // SIGTERM (to the child we started, by its PID) stops it cleanly, within 5 s.
    let pid = guard.child().id().to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("run kill");
    assert!(kill.success(), "kill -TERM {pid}: {kill:?}");
    let Some(status) = guard.wait_timeout(Duration::from_secs(5)) else {
        drop(guard);
        panic!("badtls serve still running 5 s after SIGTERM; killed");
    };
    let stderr = stderr.join().unwrap_or_default();
    assert_eq!(
        status.code(),
        Some(0),
        "exit after SIGTERM: {status:?}\nstderr: {stderr}"
    );
}

/// `badtls list | head -1`: a reader that goes away is not a crash.
#[test]
fn a_closed_stdout_is_not_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_badtls"))
        .arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("badtls starts");
    drop(child.stdout.take()); // the reader is gone before anything is written
    let out = child.wait_with_output().expect("badtls ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// A second `badtls serve` with the same key cache makes no RSA key: its RSA-4096 endpoint is
/// complete as soon as it is ready. A cache file that is not a key of its size is replaced.
#[test]
fn a_warm_key_cache_serves_rsa4096_at_once() {
    use std::os::unix::fs::PermissionsExt;
    const READY: &str = "badtls ready: 1 endpoints, control http://127.0.0.1:";
    let dir = TempDir::new("cli-key-cache");
    let cache = dir.path().join("cache").join("keys");
    let args = [
        "--only".as_ref(),
        "good/rsa4096".as_ref(),
        "--key-cache".as_ref(),
        cache.as_os_str(),
    ];
    let wait_complete = |served: &Served| {
        let deadline = Instant::now() + Duration::from_secs(120);
        while http_get(served.control, "/complete").0 != 200 {
            assert!(Instant::now() < deadline, "not complete within 120 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let key_file = cache.join("rsa4096.pk8");

    // Cold: the key is made (after ready) and left in the cache, private.
    let first = serve(&args, READY);
    wait_complete(&first);
    drop(first.guard);
    assert_eq!(mode(&cache), 0o700, "the key cache directory");
    assert_eq!(mode(&key_file), 0o600, "the cached key");
    let cached = std::fs::read(&key_file).unwrap();

    // Warm: complete at once, with the same key file.
    let second = serve(&args, READY);
    assert_eq!(
        http_get(second.control, "/complete").0,
        200,
        "a warm cache leaves nothing to build after ready"
    );
    drop(second.guard);
    assert_eq!(std::fs::read(&key_file).unwrap(), cached);

    // A corrupt file is named in a warning and replaced by a whole key.
    std::fs::write(&key_file, b"not a key").unwrap();
    let third = serve(&args, READY);
    wait_complete(&third);
    drop(third.guard);
    let stderr = third.stderr.join().unwrap_or_default();
    assert!(
        stderr.contains("rsa4096.pk8") && stderr.contains("replacing it"),
        "the warning names the file:\n{stderr}"
    );
    let replaced = std::fs::read(&key_file).unwrap();
    assert!(
        replaced.len() > 2000,
        "an RSA-4096 PKCS#8 key is over 2 kB: {}",
        replaced.len()
    );
    assert_ne!(replaced, cached);
}

/// A scenario's own intermediate takes its key from the cache too (its own slot, apart from the
/// leaves'): `cert/sha1-leaf`'s RSA-2048 issuer is served with the cached key, and a second start
/// serves the same key.
#[test]
fn a_scenario_intermediate_key_comes_from_the_cache() {
    const READY: &str = "badtls ready: 1 endpoints, control http://127.0.0.1:";
    let dir = TempDir::new("cli-intermediate-key");
    let cache = dir.path().join("keys");
    let args = [
        "--only".as_ref(),
        "cert/sha1-leaf".as_ref(),
        "--key-cache".as_ref(),
        cache.as_os_str(),
    ];
    let served_issuer_key = || {
        let served = serve(&args, READY);
        let (status, body) = http_get(served.control, "/manifest.json");
        assert_eq!(status, 200, "{body}");
        let manifest: serde_json::Value = serde_json::from_str(&body).expect("manifest");
        let port = manifest["endpoints"][0]["port"].as_u64().expect("a port");
        // s_client does not verify by default: it prints the chain the server sent.
        let chain = openssl(
            &[
                "s_client",
                "-connect",
                &format!("127.0.0.1:{port}"),
                "-showcerts",
            ],
            b"",
        );
        drop(served.guard);
        let issuer = chain
            .split_inclusive("-----END CERTIFICATE-----\n")
            .filter_map(|block| {
                block
                    .find("-----BEGIN CERTIFICATE-----")
                    .map(|i| &block[i..])
            })
            .nth(1)
            .expect("the server sent the leaf and its issuer")
            .to_string();
        openssl(&["x509", "-noout", "-pubkey"], issuer.as_bytes())
    };
    let first = served_issuer_key();
    let cached = cache.join("intermediate-rsa2048.pk8");
    let cached_public = openssl(
        &[
            "pkey",
            "-inform",
            "DER",
            "-pubout",
            "-in",
            cached.to_str().expect("a UTF-8 path"),
        ],
        b"",
    );
    assert!(first.contains("BEGIN PUBLIC KEY"), "{first}");
    assert_eq!(
        first, cached_public,
        "the issuer is served with the cached key"
    );
    assert!(
        !cache.join("rsa2048.pk8").exists(),
        "the ECDSA leaf left no leaf key: the issuer's key has its own slot"
    );
    assert_eq!(
        served_issuer_key(),
        first,
        "a warm start serves the same key"
    );
}

/// Run the openssl CLI with `input` on stdin; its stdout (stderr is shown on failure).
fn openssl(args: &[&str], input: &[u8]) -> String {
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl is installed (.ci/run installs it)");
    let mut stdin = child.stdin.take().expect("stdin piped");
    stdin.write_all(input).expect("openssl reads its input");
    drop(stdin);
    let out = child.wait_with_output().expect("openssl ends");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() || stdout.contains("-----BEGIN CERTIFICATE-----"),
        "openssl {args:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}
