//! The built-in probe: a client on the same vendored OpenSSL as the legacy engine, which can
//! reach every legacy scenario when told to allow legacy crypto (no system client still speaks
//! SSLv3, RC4 or DH-512), and which otherwise behaves like an OpenSSL client with default settings.
//!
//! It reports what was negotiated (protocol, cipher, DH size), so tests and users can see that
//! the server side of each legacy scenario is real.

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode, SslVersion};
use openssl::x509::X509;
use serde::Serialize;

use badtls_openssl_legacy::{allow_weak_security, load_legacy_provider, peer_dh_bits};

/// What to probe and how.
#[derive(Clone, Debug)]
pub struct ProbeOptions {
    /// Name for SNI and certificate verification.
    pub host: String,
    /// Where to connect.
    pub addr: SocketAddr,
    /// Trust only this CA (PEM). `None` skips certificate verification (handshake only).
    pub ca_pem: Option<String>,
    /// Allow SSLv3, every cipher (eNULL, aNULL, RC4, 3DES) and any DH size.
    pub allow_legacy: bool,
    /// Client identity (PEM certificate chain, PEM key).
    pub client_identity: Option<(PathBuf, PathBuf)>,
    /// Check the whole chain against the CRLs of this PEM file.
    pub crl_file: Option<PathBuf>,
    pub timeout: Duration,
}

/// What happened.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct ProbeReport {
    /// The handshake and the HTTP exchange completed.
    pub ok: bool,
    /// Negotiated protocol, as OpenSSL names it (`SSLv3`, `TLSv1`, ..., `TLSv1.3`).
    pub protocol: Option<String>,
    /// Negotiated cipher, as OpenSSL names it.
    pub cipher: Option<String>,
    /// Size of the server's ephemeral finite-field DH key, if DHE was used.
    pub dh_bits: Option<u32>,
    /// HTTP status line of the answer.
    pub status: Option<String>,
    /// The error, OpenSSL's words, when not ok.
    pub error: Option<String>,
    /// The certificates the server sent, DER, in the order sent (also when verification failed).
    #[serde(skip)]
    pub chain: Vec<Vec<u8>>,
}

/// Connect, handshake, send `GET /`, read the answer.
pub fn probe(opts: &ProbeOptions) -> ProbeReport {
    let mut report = ProbeReport::default();
    if let Err(e) = run(opts, &mut report) {
        report.error = Some(e);
    }
    report
}

fn run(opts: &ProbeOptions, report: &mut ProbeReport) -> Result<(), String> {
    if opts.allow_legacy {
        // Before the context exists: a context only sees the ciphers of the providers loaded
        // when it was created (RC4 lives in the legacy provider).
        load_legacy_provider()?;
    }
    let mut b = SslConnector::builder(SslMethod::tls_client()).map_err(|e| e.to_string())?;
    if opts.allow_legacy {
        allow_weak_security(&mut b);
        // SslConnector's presets switch SSLv3 off with an option, not a version bound.
        b.clear_options(openssl::ssl::SslOptions::NO_SSLV3);
        b.set_min_proto_version(Some(SslVersion::SSL3))
            .map_err(|e| e.to_string())?;
        b.set_cipher_list("ALL:eNULL:aNULL:@SECLEVEL=0")
            .map_err(|e| e.to_string())?;
    }
    match &opts.ca_pem {
        Some(pem) => {
            let ca = X509::from_pem(pem.as_bytes()).map_err(|e| format!("CA: {e}"))?;
            let mut store =
                openssl::x509::store::X509StoreBuilder::new().map_err(|e| e.to_string())?;
            store.add_cert(ca).map_err(|e| format!("CA: {e}"))?;
            if let Some(crls) = &opts.crl_file {
                let lookup = store
                    .add_lookup(openssl::x509::store::X509Lookup::file())
                    .map_err(|e| e.to_string())?;
                lookup
                    .load_crl_file(crls, openssl::ssl::SslFiletype::PEM)
                    .map_err(|e| format!("CRLs {}: {e}", crls.display()))?;
                store
                    .set_flags(
                        openssl::x509::verify::X509VerifyFlags::CRL_CHECK
                            | openssl::x509::verify::X509VerifyFlags::CRL_CHECK_ALL,
                    )
                    .map_err(|e| e.to_string())?;
            }
            b.set_verify_cert_store(store.build())
                .map_err(|e| e.to_string())?;
        }
        None => b.set_verify(SslVerifyMode::NONE),
    }
    if let Some((cert, key)) = &opts.client_identity {
        b.set_certificate_chain_file(cert)
            .map_err(|e| format!("client certificate: {e}"))?;
        b.set_private_key_file(key, openssl::ssl::SslFiletype::PEM)
            .map_err(|e| format!("client key: {e}"))?;
    }
    b.set_alpn_protos(b"\x08http/1.1")
        .map_err(|e| e.to_string())?;
    keylog_from_env(&mut b)?;
    let connector = b.build();

    let deadline = std::time::Instant::now() + opts.timeout;
    let tcp = TcpStream::connect_timeout(&opts.addr, opts.timeout)
        .map_err(|e| format!("connect {}: {e}", opts.addr))?;
    tcp.set_read_timeout(Some(opts.timeout))
        .map_err(|e| e.to_string())?;
    tcp.set_write_timeout(Some(opts.timeout))
        .map_err(|e| e.to_string())?;
    let mut config = connector.configure().map_err(|e| e.to_string())?;
    if opts.ca_pem.is_none() {
        config.set_verify_hostname(false);
    }
    // An IP address is never sent as SNI.
    let sni = opts.host.parse::<std::net::IpAddr>().is_err();
    config.set_use_server_name_indication(sni);
    let mut tls = match config.connect(&opts.host, tcp) {
        Ok(tls) => tls,
        Err(e) => {
            if let openssl::ssl::HandshakeError::Failure(mid) = &e {
                report.chain = peer_chain(mid.ssl());
            }
            return Err(handshake_error(&e));
        }
    };
    let ssl = tls.ssl();
    report.chain = peer_chain(ssl);
    report.protocol = Some(ssl.version_str().to_string());
    report.cipher = ssl.current_cipher().map(|c| c.name().to_string());
    report.dh_bits = peer_dh_bits(ssl);

    let request = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        opts.host
    );
    tls.write_all(request.as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    let set =
        |s: &mut openssl::ssl::SslStream<TcpStream>, left| s.get_ref().set_read_timeout(Some(left));
    let answer = crate::deadline::read_to_end_by(&mut tls, set, deadline)
        .map_err(|e| format!("read: {e}"))?;
    let text = String::from_utf8_lossy(&answer);
    report.status = text.lines().next().map(str::to_string);
    if !report
        .status
        .as_deref()
        .is_some_and(|s| s.starts_with("HTTP/1.1 200"))
        || !crate::deadline::head_complete(&answer)
    {
        return Err(format!("unexpected answer: {:?}", report.status));
    }
    // The openssl crate reads a TCP close without close_notify as a plain end of stream, so
    // check the body against its Content-Length, as an HTTP client must.
    if let Some((want, got)) = body_shortfall(&answer) {
        return Err(format!("unexpected eof while reading: the body ended after {got} of {want} bytes, without close_notify"));
    }
    report.ok = true;
    Ok(())
}

/// The certificates the peer sent, DER, in the order sent.
fn peer_chain(ssl: &openssl::ssl::SslRef) -> Vec<Vec<u8>> {
    ssl.peer_cert_chain()
        .map(|s| s.iter().filter_map(|c| c.to_der().ok()).collect())
        .unwrap_or_default()
}

/// When `SSLKEYLOGFILE` names a file, append this context's TLS secrets to it in the NSS key log
/// format, so that Wireshark can decrypt a capture of the connection. An unusable file is an
/// error naming it (the user asked for the secrets; silently not writing them would mislead).
pub fn keylog_from_env(b: &mut openssl::ssl::SslContextBuilder) -> Result<(), String> {
    let Some(path) = std::env::var_os("SSLKEYLOGFILE").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("SSLKEYLOGFILE {}: {e}", PathBuf::from(&path).display()))?;
    let file = std::sync::Mutex::new(file);
    b.set_keylog_callback(move |_, line| {
        // One write per line, under the lock, so concurrent connections do not interleave.
        if let Ok(mut f) = file.lock() {
            let _ = f.write_all(format!("{line}\n").as_bytes());
        }
    });
    Ok(())
}

/// `Some((promised, received))` when the body is shorter than its Content-Length.
pub fn body_shortfall(answer: &[u8]) -> Option<(usize, usize)> {
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&answer[..split]).to_ascii_lowercase();
    let promised: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())?;
    let received = answer.len() - split;
    (received < promised).then_some((promised, received))
}

/// OpenSSL's error stack plus, for verification failures, the verify result in words, the way
/// s_client and Python show it.
pub fn handshake_error<S: std::fmt::Debug>(e: &openssl::ssl::HandshakeError<S>) -> String {
    match e {
        openssl::ssl::HandshakeError::Failure(mid) => {
            let verify = mid.ssl().verify_result();
            let base = mid.error().to_string();
            if verify == openssl::x509::X509VerifyResult::OK {
                base
            } else {
                format!(
                    "{base} (verify error {}: {})",
                    verify.as_raw(),
                    verify.error_string()
                )
            }
        }
        other => other.to_string(),
    }
}
