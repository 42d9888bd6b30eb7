//! In-process adapters: rustls and the `openssl` crate, driven from this process.

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Instant;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};

use badtls_contract::Capability;

use super::{parallel_map, Adapter, Attempt, Target};
use crate::cell::Outcome;
use crate::clients::Client;
use crate::probe::{probe, ProbeOptions};

fn socket_addr(t: &Target) -> Result<SocketAddr, String> {
    let ip: std::net::IpAddr = t
        .address
        .parse()
        .map_err(|e| format!("address {}: {e}", t.address))?;
    Ok(SocketAddr::new(ip, t.port))
}

fn attempt(
    t: &Target,
    start: Instant,
    outcome: Outcome,
    reason: Option<badtls_contract::Reason>,
) -> Attempt {
    Attempt {
        id: t.id.clone(),
        outcome,
        reason,
        elapsed: start.elapsed(),
    }
}

/// rustls with the aws-lc-rs provider and webpki verification, trusting only the suite CA. Given
/// CRLs it checks them (`with_crls`); it offers ALPN `http/1.1`.
pub struct RustlsAdapter {
    client: Client,
}

impl RustlsAdapter {
    /// The adapter of the registry entry `client` (`engine = "rustls"`).
    pub fn new(client: Client) -> RustlsAdapter {
        RustlsAdapter { client }
    }
}

impl Adapter for RustlsAdapter {
    fn name(&self) -> &str {
        &self.client.name
    }

    fn capabilities(&self) -> Vec<Capability> {
        self.client.capabilities.clone()
    }

    fn version(&self) -> Result<String, String> {
        Ok("rustls 0.23 (aws-lc-rs, webpki; in-process)".into())
    }

    fn run(&self, targets: &[Target], jobs: usize) -> Vec<Attempt> {
        parallel_map(targets, jobs, |t| {
            let start = Instant::now();
            match rustls_get(t) {
                Ok((protocol, cipher)) => {
                    attempt(t, start, Outcome::Accepted { protocol, cipher }, None)
                }
                Err(RustlsFailure::Setup(e)) => attempt(t, start, Outcome::Error(e), None),
                Err(RustlsFailure::Io(e)) => {
                    // Socket read timeouts surface as WouldBlock on Linux.
                    let e = if e.kind() == std::io::ErrorKind::WouldBlock {
                        std::io::Error::new(std::io::ErrorKind::TimedOut, "read timed out")
                    } else {
                        e
                    };
                    let reason = badtls_contract::classify_rustls(&e);
                    attempt(t, start, Outcome::Rejected { raw: e.to_string() }, reason)
                }
            }
        })
    }
}

enum RustlsFailure {
    Setup(String),
    Io(std::io::Error),
}

fn read_pem_certs(path: &std::path::Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    pem::parse_many(&text)
        .map_err(|e| format!("{}: {e}", path.display()))
        .map(|blocks| {
            blocks
                .into_iter()
                .filter(|b| b.tag() == "CERTIFICATE")
                .map(|b| CertificateDer::from(b.into_contents()))
                .collect()
        })
}

fn read_pem_crls(
    path: &std::path::Path,
) -> Result<Vec<rustls::pki_types::CertificateRevocationListDer<'static>>, String> {
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let blocks = pem::parse_many(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(blocks
        .into_iter()
        .filter(|b| b.tag() == "X509 CRL")
        .map(|b| b.into_contents().into())
        .collect())
}

fn rustls_get(t: &Target) -> Result<(Option<String>, Option<String>), RustlsFailure> {
    let setup = RustlsFailure::Setup;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for ca in read_pem_certs(&t.ca_file).map_err(setup)? {
        roots.add(ca).map_err(|e| setup(e.to_string()))?;
    }
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| setup(e.to_string()))?;
    let builder = match &t.crl_file {
        // Revocation: webpki checks every certificate of the chain against the CRLs, and a
        // certificate whose issuer has no CRL there fails (rustls' default, the careful one).
        Some(crl_file) => {
            let crls = read_pem_crls(crl_file).map_err(setup)?;
            let verifier =
                rustls::client::WebPkiServerVerifier::builder_with_provider(roots.into(), provider)
                    .with_crls(crls)
                    .build()
                    .map_err(|e| setup(e.to_string()))?;
            builder.with_webpki_verifier(verifier)
        }
        None => builder.with_root_certificates(roots),
    };
    let mut config = match (&t.client_cert, &t.client_key) {
        (Some(cert), Some(key)) => {
            let chain = read_pem_certs(cert).map_err(setup)?;
            let key_pem = std::fs::read(key).map_err(|e| setup(e.to_string()))?;
            let key_der = pem::parse(key_pem)
                .map_err(|e| setup(e.to_string()))?
                .into_contents();
            builder
                .with_client_auth_cert(chain, PrivateKeyDer::Pkcs8(key_der.into()))
                .map_err(|e| setup(e.to_string()))?
        }
        _ => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let name = ServerName::try_from(t.host.clone()).map_err(|e| setup(e.to_string()))?;
    let conn =
        rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| setup(e.to_string()))?;
    let addr = socket_addr(t).map_err(setup)?;
    let io = RustlsFailure::Io;
    let deadline = Instant::now() + t.timeout();
    let tcp = TcpStream::connect_timeout(&addr, t.timeout()).map_err(io)?;
    tcp.set_read_timeout(Some(t.timeout())).map_err(io)?;
    tcp.set_write_timeout(Some(t.timeout())).map_err(io)?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let request = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        t.host
    );
    tls.write_all(request.as_bytes()).map_err(io)?;
    let set = |s: &mut rustls::StreamOwned<_, TcpStream>, left| s.sock.set_read_timeout(Some(left));
    let body = crate::deadline::read_to_end_by(&mut tls, set, deadline).map_err(io)?;
    if !body.starts_with(b"HTTP/1.1 200") || !crate::deadline::head_complete(&body) {
        let line = String::from_utf8_lossy(&body)
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        return Err(io(std::io::Error::other(format!(
            "unexpected answer: {line}"
        ))));
    }
    let protocol = tls.conn.protocol_version().map(|v| format!("{v:?}"));
    let cipher = tls
        .conn
        .negotiated_cipher_suite()
        .map(|s| format!("{:?}", s.suite()));
    Ok((protocol, cipher))
}

/// The `openssl` crate on the vendored OpenSSL, with default settings: the built-in probe. Given
/// CRLs it checks the whole chain (`X509_V_FLAG_CRL_CHECK_ALL`).
pub struct OpensslAdapter {
    client: Client,
}

impl OpensslAdapter {
    /// The adapter of the registry entry `client` (`engine = "openssl"`).
    pub fn new(client: Client) -> OpensslAdapter {
        OpensslAdapter { client }
    }
}

impl Adapter for OpensslAdapter {
    fn name(&self) -> &str {
        &self.client.name
    }

    fn capabilities(&self) -> Vec<Capability> {
        self.client.capabilities.clone()
    }

    fn version(&self) -> Result<String, String> {
        Ok(format!(
            "openssl crate on {} (vendored; in-process)",
            openssl::version::version()
        ))
    }

    fn run(&self, targets: &[Target], jobs: usize) -> Vec<Attempt> {
        parallel_map(targets, jobs, |t| {
            let start = Instant::now();
            let addr = match socket_addr(t) {
                Ok(a) => a,
                Err(e) => return attempt(t, start, Outcome::Error(e), None),
            };
            let ca_pem = match std::fs::read_to_string(&t.ca_file) {
                Ok(p) => p,
                Err(e) => return attempt(t, start, Outcome::Error(format!("CA file: {e}")), None),
            };
            let report = probe(&ProbeOptions {
                host: t.host.clone(),
                addr,
                ca_pem: Some(ca_pem),
                allow_legacy: false,
                client_identity: t.client_cert.clone().zip(t.client_key.clone()),
                crl_file: t.crl_file.clone(),
                timeout: t.timeout(),
            });
            let outcome = match report.error {
                None => Outcome::Accepted {
                    protocol: report.protocol,
                    cipher: report.cipher,
                },
                Some(raw) => Outcome::Rejected { raw },
            };
            attempt(t, start, outcome, None)
        })
    }
}
