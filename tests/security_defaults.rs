//! Security defaults, checked against the real binary and real clients:
//! - every listener binds loopback unless told otherwise (checked in the kernel's socket table);
//! - the root CA is name-constrained: even someone holding `ca.key` cannot mint a certificate
//!   for a real-world name that rustls, OpenSSL or curl would accept;
//! - no answer of the control port carries the CA private key.
//!
//! (Private key files are written 0600: tests/state_dir.rs.)

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use badtls_load::server::Server;

use badtls_matrix::classify::Classifier;
use badtls_reasons::Reason;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_root_cannot_vouch_for_a_real_world_name_even_with_its_key() {
    // The CA of a real suite, as `--state-dir` keeps it (key included, as a leaked key would be).
    let scratch = common::TempDir::new("constraints");
    let state = scratch.path().join("state");
    let served = serve(&[
        "--only",
        "good/default",
        "--state-dir",
        state.to_str().unwrap(),
    ])
    .await;
    let ca_pem = std::fs::read_to_string(state.join("ca.pem")).expect("ca.pem");
    let ca_key = std::fs::read_to_string(state.join("ca.key")).expect("ca.key");
    drop(served);

    // Mint leaves with that key directly, as whoever holds it could: one for a real-world name,
    // and one for localhost as the control (same CA, same code, different name).
    let ca_pair = rcgen::KeyPair::from_pem(&ca_key).expect("the CA key loads");
    let ca_der = badtls_load::client::pem_certs(&ca_pem).unwrap().remove(0);
    let issuer = rcgen::Issuer::from_ca_cert_der(&ca_der, ca_pair).expect("issuer");
    let mint = |name: &str| {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let params = rcgen::CertificateParams::new(vec![name.to_string()]).unwrap();
        let cert = params.signed_by(&key, &issuer).unwrap();
        (
            vec![cert.der().clone()],
            PrivateKeyDer::try_from(key.serialize_der()).unwrap(),
        )
    };
    let (google, google_key) = mint("www.google.com");
    let (local, local_key) = mint("localhost");
    let google_addr = serve_leaf(google, google_key).await;
    let local_addr = serve_leaf(local, local_key).await;

    // rustls (webpki).
    assert_eq!(
        rustls_verdict(&ca_der, local_addr, "localhost").await,
        None,
        "control"
    );
    assert_eq!(
        rustls_verdict(&ca_der, google_addr, "www.google.com").await,
        Some(Reason::CertNameConstraints)
    );

    // curl and openssl s_client, trusting only the suite CA; --resolve keeps it on loopback.
    let ca_file = scratch.write("ca.pem", &ca_pem);
    let curl = |name: &str, addr: SocketAddr| {
        let mut cmd = Command::new("curl");
        cmd.args([
            "-sS",
            "-o",
            "/dev/null",
            "--max-time",
            "10",
            "--noproxy",
            "*",
            "--cacert",
        ])
        .arg(&ca_file)
        .arg("--resolve")
        .arg(format!("{name}:{}:127.0.0.1", addr.port()))
        .arg(format!("https://{name}:{}/", addr.port()));
        cli_verdict("curl", &mut cmd)
    };
    assert_eq!(curl("localhost", local_addr), None, "control");
    assert_eq!(
        curl("www.google.com", google_addr),
        Some(Reason::CertNameConstraints)
    );

    let s_client = |name: &str, addr: SocketAddr| {
        let mut cmd = Command::new("openssl");
        cmd.args(["s_client", "-brief", "-verify_return_error", "-connect"])
            .arg(addr.to_string())
            .args(["-servername", name, "-verify_hostname", name, "-CAfile"])
            .arg(&ca_file)
            .stdin(Stdio::null());
        cli_verdict("openssl-s-client", &mut cmd)
    };
    assert_eq!(s_client("localhost", local_addr), None, "control");
    assert_eq!(
        s_client("www.google.com", google_addr),
        Some(Reason::CertNameConstraints)
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
    let ca_key = std::fs::read_to_string(state.join("ca.key")).expect("ca.key");
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
