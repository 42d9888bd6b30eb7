//! Security defaults, checked against the real binary and real clients:
//! - every listener binds loopback unless told otherwise (checked in the kernel's socket table);
//! - nothing a state directory keeps can vouch for a real-world name: a leaf for example.com
//!   signed with any key in it is refused by rustls, curl, openssl s_client and both Java
//!   clients trusting only `ca.pem` (the issuing CA's name constraints, which Java applies,
//!   where it ignores the root's), in both CA profiles;
//! - no answer of the control port carries a CA private key.
//!
//! (The state directory is 0700 and its files 0600, without the root key: tests/state_dir.rs.)

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use badtls_load::server::Server;

use badtls_contract::Reason;
use badtls_matrix::classify::Classifier;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

mod common;

/// `badtls serve ARGS` (killed on drop), once it printed its ready line.
async fn serve(args: &[&str]) -> Server {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    Server::start(
        env!("CARGO_BIN_EXE_badtls").as_ref(),
        &args,
        Duration::from_secs(60),
    )
    .await
    .expect("badtls serve gets ready")
}

/// GET a path of the suite's control port.
fn get(server: &Server, path: &str) -> Result<String, String> {
    badtls_servers::control_client::get(&format!("{}{path}", server.control))
        .map_err(|e| e.to_string())
}

/// Local addresses of the listening TCP sockets on `port`, from /proc/net/tcp and tcp6
/// (hex `ADDR:PORT`, state 0A = LISTEN).
fn listening_addresses(port: u16) -> Vec<String> {
    let mut out = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state)) = (fields.get(1), fields.get(3)) else {
                continue;
            };
            let Some((addr, p)) = local.split_once(':') else {
                continue;
            };
            if *state == "0A" && u16::from_str_radix(p, 16) == Ok(port) {
                out.push(addr.to_string());
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_listener_binds_loopback_by_default() {
    let served = serve(&["--only", "good/*", "--only", "cert/expired"]).await;
    let manifest = &served.manifest;
    let control_port = served.control_port().expect("control port");
    let mut ports = vec![control_port, manifest.sni_port];
    ports.extend(manifest.endpoints.iter().map(|e| e.port));
    assert!(ports.len() > 3);
    for port in ports {
        let addrs = listening_addresses(port);
        // 127.0.0.1 in /proc/net/tcp's little-endian hex.
        assert_eq!(
            addrs,
            vec!["0100007F".to_string()],
            "port {port} listens on {addrs:?}"
        );
    }
    for e in &manifest.endpoints {
        assert_eq!(e.address, "127.0.0.1", "{}", e.id);
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// Serve `chain`/`key` with rustls on 127.0.0.1 (one HTTP answer per connection).
async fn serve_leaf(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> SocketAddr {
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(tcp).await {
                    let mut buf = [0u8; 1024];
                    let _ = tls.read(&mut buf).await;
                    let _ = tls
                        .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n")
                        .await;
                    let _ = tls.shutdown().await;
                }
            });
        }
    });
    addr
}

/// Reason a client gives for `name` at `addr`, trusting only `ca_pem`; `None` when it connects.
async fn rustls_verdict(
    ca: &CertificateDer<'static>,
    addr: SocketAddr,
    name: &str,
) -> Option<Reason> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(ca.clone()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let server_name = ServerName::try_from(name.to_string()).unwrap();
    match connector.connect(server_name, tcp).await {
        Ok(_) => None,
        Err(e) => {
            Some(badtls_servers::classify_rustls(&e).unwrap_or_else(|| panic!("unclassified: {e}")))
        }
    }
}

/// Run a command-line client and classify what it printed; `None` when it exited 0.
fn cli_verdict(client: &str, cmd: &mut Command) -> Option<Reason> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{client}: {e} (is it installed?)"));
    if out.status.success() {
        return None;
    }
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let classifier = Classifier::for_client(client).expect("a classifier");
    Some(
        classifier
            .classify(&text)
            .unwrap_or_else(|| panic!("{client}: unclassified: {text}")),
    )
}

/// Every private key in the files of `dir`, each with the chain that goes with it: the
/// certificate whose public key it is, and the certificates after it in the same file.
fn kept_keys(dir: &Path) -> Vec<(String, rcgen::KeyPair, Vec<CertificateDer<'static>>)> {
    use rustls::pki_types::pem::PemObject;
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the state directory") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("readable");
        texts.push((path, String::from_utf8_lossy(&bytes).into_owned()));
    }
    let files_certs: Vec<Vec<CertificateDer<'static>>> = texts
        .iter()
        .map(|(_, t)| badtls_load::client::pem_certs(t).unwrap_or_default())
        .collect();
    let mut out = Vec::new();
    for (path, text) in &texts {
        let keys: Vec<PrivateKeyDer<'static>> = PrivateKeyDer::pem_slice_iter(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        // Any kind of key block counts (PKCS#8, SEC1, PKCS#1): none may slip past the parser.
        assert_eq!(
            keys.len(),
            text.matches("PRIVATE KEY-----").count() / 2,
            "{}",
            path.display()
        );
        for key in keys {
            let pair = rcgen::KeyPair::try_from(&key).expect("a usable key");
            let public = rcgen::PublicKeyData::der_bytes(&pair).to_vec();
            let chain = files_certs
                .iter()
                .find_map(|certs| {
                    let at = certs
                        .iter()
                        .position(|c| c.windows(public.len()).any(|w| w == public))?;
                    Some(certs[at..].to_vec())
                })
                .unwrap_or_else(|| panic!("{}: no certificate for its key", path.display()));
            out.push((path.display().to_string(), pair, chain));
        }
    }
    out
}

/// A leaf for `name` signed with `key`, whose certificate is `chain[0]`: the chain to serve
/// (leaf first) and the leaf's key.
fn mint(
    name: &str,
    key: &rcgen::KeyPair,
    chain: &[CertificateDer<'static>],
) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) {
    let signer = rcgen::KeyPair::try_from(key.serialize_der()).expect("the key again");
    let issuer = rcgen::Issuer::from_ca_cert_der(&chain[0], signer).expect("issuer");
    let leaf_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let mut params = rcgen::CertificateParams::new(vec![name.to_string()]).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let cert = params.signed_by(&leaf_key, &issuer).unwrap();
    let mut served = vec![cert.der().clone()];
    served.extend(chain.iter().cloned());
    (
        served,
        PrivateKeyDer::try_from(leaf_key.serialize_der()).unwrap(),
    )
}

/// Java's two clients, through the matrix's probe (client-matrix/probes/Probe.java: a KeyStore
/// with `ca_file` only, default PKIX validation and host name checks), each name pinned to
/// 127.0.0.1 with `-Djdk.net.hosts.file`. For each (name, port): `Some` when it refused, with
/// the reason its classifier table gives, `None` when it fetched the page. `None` for the whole
/// run when no JDK is installed.
fn java_verdicts(
    client: &str,
    ca_file: &Path,
    hosts: &Path,
    targets: &[(String, u16)],
) -> Option<Vec<Option<Option<Reason>>>> {
    use std::io::{BufRead, Write};
    let has_jdk = ["java", "javac"].iter().all(|tool| {
        Command::new(tool)
            .arg("-version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if !has_jdk {
        eprintln!("SKIP {client}: no JDK (java and javac) on PATH (.ci/run installs one)");
        return None;
    }
    let mode = client.trim_start_matches("java-");
    let probe = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .join("client-matrix/probes/java_probe.sh");
    let mut cmd = Command::new("sh");
    cmd.arg(&probe).arg(mode).env_clear();
    for var in ["PATH", "HOME", "LANG", "JAVA_HOME"] {
        if let Some(v) = std::env::var_os(var) {
            cmd.env(var, v);
        }
    }
    let mut child = cmd
        .env(
            "JAVA_TOOL_OPTIONS",
            format!("-Djdk.net.hosts.file={}", hosts.display()),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the Java probe");
    let mut stdin = child.stdin.take().expect("stdin");
    for (i, (name, port)) in targets.iter().enumerate() {
        let target = serde_json::json!({
            "id": i.to_string(), "url": format!("https://{name}:{port}/"), "host": name,
            "port": port, "address": "127.0.0.1", "ca_file": ca_file, "client_cert": null,
            "client_key": null, "timeout_ms": 10_000,
        });
        writeln!(stdin, "{target}").expect("write a target");
    }
    drop(stdin);
    // The probe answers every target within its timeout (plus a JVM start): bound the wait.
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let lines: Vec<String> = std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect();
        let _ = tx.send(lines);
    });
    let lines = rx.recv_timeout(Duration::from_secs(180));
    let _ = child.kill();
    let _ = child.wait();
    let lines = lines.unwrap_or_else(|_| panic!("{client}: no answer within 180 s"));
    let classifier = Classifier::for_client(client).expect("a classifier");
    let mut verdicts = vec![None; targets.len()];
    let mut answered = 0;
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("{client}: not JSON ({e}): {line}"));
        let i: usize = v["id"].as_str().and_then(|s| s.parse().ok()).expect("id");
        answered += 1;
        if v["ok"] != serde_json::Value::Bool(true) {
            let text = v["error"].as_str().unwrap_or_default();
            eprintln!("{client} {}: {text}", targets[i].0);
            verdicts[i] = Some(classifier.classify(text));
        }
    }
    assert_eq!(answered, targets.len(), "{client}: one answer per target");
    Some(verdicts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_a_state_directory_keeps_can_vouch_for_a_real_world_name() {
    for profile in ["strict", "compat"] {
        nothing_kept_vouches_for_a_real_name(profile).await;
    }
}

/// Serve with a state directory, then sign a leaf for `example.com` with every key it holds,
/// as whoever copied the directory could, and serve each with the matching chain on loopback:
/// rustls, OpenSSL (curl, s_client) and Java (HttpClient, HttpsURLConnection), trusting only
/// `ca.pem`, refuse every one. A leaf for `localhost` signed the same way is the control: the
/// CA key's is accepted by all of them, so the refusals are about the name.
async fn nothing_kept_vouches_for_a_real_name(profile: &str) {
    let scratch = common::TempDir::new(&format!("constraints-{profile}"));
    let state = scratch.path().join("state");
    let served = serve(&[
        "--only",
        "good/default",
        "--state-dir",
        state.to_str().unwrap(),
        "--ca-profile",
        profile,
    ])
    .await;
    let ca_pem = std::fs::read_to_string(state.join("ca.pem")).expect("ca.pem");
    let ca_file = scratch.write("ca.pem", &ca_pem);
    let ca_der = badtls_load::client::pem_certs(&ca_pem).unwrap().remove(0);
    let keys = kept_keys(&state);
    drop(served);
    for (file, key, _) in &keys {
        let public = rcgen::PublicKeyData::der_bytes(key);
        assert!(
            !ca_der.windows(public.len()).any(|w| w == public),
            "{file} holds the root's key"
        );
    }

    // (file, name, port) for every key, for example.com and for the localhost control.
    let mut cases = Vec::new();
    for (file, key, chain) in &keys {
        for name in ["example.com", "localhost"] {
            let (served_chain, leaf_key) = mint(name, key, chain);
            let addr = serve_leaf(served_chain, leaf_key).await;
            cases.push((file.clone(), name, addr));
        }
    }
    let curl = |name: &str, addr: SocketAddr| {
        let mut cmd = Command::new("curl");
        cmd.args(["-sS", "-o", "/dev/null", "--max-time", "10"])
            .args(["--noproxy", "*", "--cacert"])
            .arg(&ca_file)
            .arg("--resolve")
            .arg(format!("{name}:{}:127.0.0.1", addr.port()))
            .arg(format!("https://{name}:{}/", addr.port()))
            .env_remove("CURL_CA_BUNDLE")
            .env_remove("SSL_CERT_FILE")
            .env_remove("SSL_CERT_DIR");
        cli_verdict("curl", &mut cmd)
    };
    let s_client = |name: &str, addr: SocketAddr| {
        let mut cmd = Command::new("openssl");
        cmd.args(["s_client", "-brief", "-verify_return_error", "-connect"])
            .arg(addr.to_string())
            .args(["-servername", name, "-verify_hostname", name, "-CAfile"])
            .arg(&ca_file)
            .stdin(Stdio::null());
        cli_verdict("openssl-s-client", &mut cmd)
    };
    let targets: Vec<(String, u16)> = cases
        .iter()
        .map(|(_, n, a)| (n.to_string(), a.port()))
        .collect();
    let mut java = Vec::new();
    for client in ["java-httpclient", "java-urlconnection"] {
        let hosts = scratch.write(&format!("{client}.hosts"), "");
        let (ca_file, targets) = (ca_file.clone(), targets.clone());
        // Off the runtime's threads: the leaves are served by tasks on them meanwhile.
        let verdicts =
            tokio::task::spawn_blocking(move || java_verdicts(client, &ca_file, &hosts, &targets))
                .await
                .expect("the Java run");
        java.push((client, verdicts));
    }

    let mut all = Vec::new();
    for (i, (file, name, addr)) in cases.iter().enumerate() {
        // None: connected; Some(reason): refused, for that reason if the client's table knows it.
        let mut verdicts: Vec<(&str, Option<Option<Reason>>)> = vec![
            (
                "rustls",
                rustls_verdict(&ca_der, *addr, name).await.map(Some),
            ),
            ("curl", curl(name, *addr).map(Some)),
            ("openssl-s-client", s_client(name, *addr).map(Some)),
        ];
        for (client, results) in &java {
            if let Some(results) = results {
                verdicts.push((*client, results[i]));
            }
        }
        eprintln!("{profile} {file} {name}: {verdicts:?}");
        all.push(verdicts);
    }
    // Cases come in pairs per key: example.com, then the localhost control.
    let mut ca_keys = 0;
    for (pair, verdicts) in cases.chunks(2).zip(all.chunks(2)) {
        let (file, example, control) = (&pair[0].0, &verdicts[0], &verdicts[1]);
        for (client, verdict) in example {
            assert!(
                verdict.is_some(),
                "{profile}: {client} accepted example.com signed with {file}"
            );
        }
        // A key whose localhost leaf passes everywhere is a working CA key: its example.com
        // leaf must have failed on the name constraints, and on nothing else.
        if control.iter().all(|(_, v)| v.is_none()) {
            ca_keys += 1;
            for (client, verdict) in example {
                assert_eq!(
                    *verdict,
                    Some(Some(Reason::CertNameConstraints)),
                    "{profile}: {client}, example.com signed with {file}"
                );
            }
        }
    }
    assert!(
        ca_keys >= 1,
        "{profile}: no key in the state directory signs a leaf clients accept: the control \
         failed, so the refusals above prove nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_control_answer_carries_the_ca_key() {
    let scratch = common::TempDir::new("nokey");
    let state = scratch.path().join("state");
    let served = serve(&[
        "--only",
        "good/default",
        "--only",
        "cert/revoked",
        "--state-dir",
        state.to_str().unwrap(),
    ])
    .await;
    // The only CA key the suite keeps on disk (the root's lives in memory while the PKI is made).
    let ca_key = std::fs::read_to_string(state.join("issuing-ca.key")).expect("issuing-ca.key");
    // The key's base64 body, a line at a time: any line of it in an answer is a leak.
    let key_lines: Vec<&str> = ca_key
        .lines()
        .filter(|l| !l.starts_with("-----") && l.len() > 16)
        .collect();
    assert!(!key_lines.is_empty());
    let manifest = &served.manifest;
    let mut urls: Vec<String> = [
        "/",
        "/manifest.json",
        "/ca.pem",
        "/client.pem",
        "/client.key",
        "/healthz",
    ]
    .iter()
    .map(|p| format!("{}{p}", served.control))
    .collect();
    urls.extend(manifest.crls.iter().cloned());
    urls.push(manifest.client_cert_url.clone());
    urls.push(manifest.client_key_url.clone());
    for guess in [
        "/ca.key",
        "/ca-key.pem",
        "/root.key",
        "/issuing-ca.key",
        "/state/issuing-ca.key",
        "/state/ca.key",
        "/../ca.key",
        "/ca.pem/../ca.key",
        "/%2e%2e/ca.key",
    ] {
        urls.push(format!("{}{guess}", served.control));
    }
    let mut answered = 0;
    for url in &urls {
        let Ok(body) = badtls_servers::control_client::get(url) else {
            continue;
        };
        answered += 1;
        for line in &key_lines {
            assert!(
                !body.contains(line),
                "{url} serves part of the CA private key"
            );
        }
    }
    assert!(answered >= 6, "only {answered} control URLs answered");
    // The client key it does serve is a different key.
    let client_key = get(&served, "/client.key").expect("client.key");
    assert!(
        client_key.contains("PRIVATE KEY") && !key_lines.iter().any(|l| client_key.contains(l))
    );
}
