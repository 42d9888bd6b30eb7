//! One bounded connection to the server with the vendored OpenSSL, and what it showed.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use badtls_matrix::probe::{body_shortfall, handshake_error, keylog_from_env};
use badtls_openssl_legacy::{allow_weak_security, load_legacy_provider, peer_dh_bits};
use openssl::pkey::PKey;
use openssl::ssl::{
    HandshakeError, SslConnector, SslMethod, SslOptions, SslVerifyMode, SslVersion,
};
use openssl::x509::store::X509StoreBuilder;
use openssl::x509::X509;

/// The TLS 1.2 suites a mainstream client offers (browsers, curl, Python, Go, Java): ECDHE and
/// DHE with AES-GCM or ChaCha20, AES-CBC, static RSA; never RC4, 3DES, NULL, anonymous,
/// ARIA or Camellia.
pub const MAINSTREAM_CIPHERS: &str = "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:DHE+CHACHA20:ECDHE+AES:DHE+AES:RSA+AESGCM:RSA+AES:!aNULL:!eNULL:!PSK:!SRP:!DSS:!ARIA:!CAMELLIA";

/// Every suite the vendored OpenSSL knows, for enumeration.
pub const ALL_CIPHERS: &str = "ALL:eNULL:aNULL:@SECLEVEL=0";

/// Every TLS 1.3 suite.
pub const ALL_TLS13: &[&str] = &[
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_AES_128_CCM_SHA256",
    "TLS_AES_128_CCM_8_SHA256",
];

/// How one connection is made.
#[derive(Clone, Debug)]
pub struct Attempt {
    /// Both bounds: `None` is OpenSSL's default.
    pub min: Option<SslVersion>,
    pub max: Option<SslVersion>,
    /// TLS ≤ 1.2 cipher list (OpenSSL syntax).
    pub ciphers: String,
    /// TLS 1.3 suites, `:`-separated; `None` is OpenSSL's default.
    pub tls13: Option<String>,
    /// Allow what modern OpenSSL refuses (SSLv3, security level 0, any DH size).
    pub legacy: bool,
    pub sni: bool,
    /// ALPN protocols in wire format; empty: none offered.
    pub alpn: Vec<u8>,
    /// Verify against these roots, recording every error instead of stopping at the first.
    pub verify: Option<Arc<Vec<X509>>>,
    /// Send `GET /` and read the answer after the handshake.
    pub request: bool,
}

impl Attempt {
    /// What a mainstream client does: TLS 1.2 and 1.3, mainstream suites, default security
    /// level, ALPN h2 and http/1.1.
    pub fn mainstream(sni: bool, verify: Option<Arc<Vec<X509>>>) -> Attempt {
        Attempt {
            min: Some(SslVersion::TLS1_2),
            max: None,
            ciphers: MAINSTREAM_CIPHERS.to_string(),
            tls13: None,
            legacy: false,
            sni,
            alpn: b"\x02h2\x08http/1.1".to_vec(),
            verify,
            request: true,
        }
    }

    /// One protocol version with every suite allowed, no verification, no request.
    pub fn version_only(v: SslVersion, sni: bool) -> Attempt {
        Attempt {
            min: Some(v),
            max: Some(v),
            ciphers: ALL_CIPHERS.to_string(),
            tls13: Some(ALL_TLS13.join(":")),
            legacy: true,
            sni,
            alpn: Vec::new(),
            verify: None,
            request: false,
        }
    }
}

/// One verification error, as OpenSSL's verify callback saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// 0 = the leaf.
    pub depth: u32,
    pub code: i32,
    pub text: String,
}

/// What a connection showed.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The handshake completed.
    pub handshake: bool,
    pub protocol: Option<String>,
    pub cipher: Option<String>,
    pub dh_bits: Option<u32>,
    pub alpn: Option<String>,
    /// The certificates as sent, DER, in the order sent.
    pub chain: Vec<Vec<u8>>,
    pub verify_errors: Vec<VerifyError>,
    /// HTTP status line of the answer to `GET /`.
    pub status: Option<String>,
    /// The failure in OpenSSL's (or the OS's) words; `None` when everything asked worked.
    pub error: Option<String>,
}

/// The client identity to present (PEM chain, PEM key).
pub type ClientIdentity = (String, String);

/// Connect to `addr` as `host` within `timeout` and run `a`.
pub fn connect(
    host: &str,
    addr: SocketAddr,
    a: &Attempt,
    identity: Option<&ClientIdentity>,
    timeout: Duration,
) -> Outcome {
    let mut out = Outcome::default();
    let errors: Arc<Mutex<Vec<VerifyError>>> = Arc::default();
    if let Err(e) = run(host, addr, a, identity, timeout, &mut out, &errors) {
        out.error = Some(e);
    }
    out.verify_errors = errors.lock().map(|v| v.clone()).unwrap_or_default();
    out
}

fn run(
    host: &str,
    addr: SocketAddr,
    a: &Attempt,
    identity: Option<&ClientIdentity>,
    timeout: Duration,
    out: &mut Outcome,
    errors: &Arc<Mutex<Vec<VerifyError>>>,
) -> Result<(), String> {
    let e = |e: openssl::error::ErrorStack| e.to_string();
    if a.legacy {
        // Before the context: a context sees only the ciphers of providers loaded before it.
        load_legacy_provider()?;
    }
    let mut b = SslConnector::builder(SslMethod::tls_client()).map_err(e)?;
    if a.legacy {
        allow_weak_security(&mut b);
        b.clear_options(SslOptions::NO_SSLV3);
    }
    b.set_min_proto_version(a.min).map_err(e)?;
    b.set_max_proto_version(a.max).map_err(e)?;
    // A list with nothing this version can use is an error of OpenSSL's; the attempt then just
    // fails, which for enumeration means "nothing more".
    b.set_cipher_list(&a.ciphers).map_err(e)?;
    if let Some(s) = &a.tls13 {
        b.set_ciphersuites(s).map_err(e)?;
    }
    if !a.alpn.is_empty() {
        b.set_alpn_protos(&a.alpn).map_err(e)?;
    }
    match &a.verify {
        Some(roots) => {
            let mut store = X509StoreBuilder::new().map_err(e)?;
            for r in roots.iter() {
                // A duplicate root is not worth failing for.
                let _ = store.add_cert(r.clone());
            }
            b.set_verify_cert_store(store.build()).map_err(e)?;
            let errors = Arc::clone(errors);
            b.set_verify_callback(SslVerifyMode::PEER, move |ok, ctx| {
                if !ok {
                    let err = ctx.error();
                    if let Ok(mut v) = errors.lock() {
                        v.push(VerifyError {
                            depth: ctx.error_depth(),
                            code: err.as_raw(),
                            text: err.error_string().to_string(),
                        });
                    }
                }
                // Go on: diagnose wants every problem and the rest of the handshake.
                true
            });
        }
        None => b.set_verify(SslVerifyMode::NONE),
    }
    if let Some((chain, key)) = identity {
        let mut certs = X509::stack_from_pem(chain.as_bytes())
            .map_err(|e| format!("client certificate: {e}"))?;
        if certs.is_empty() {
            return Err("client certificate: no PEM certificate".into());
        }
        let leaf = certs.remove(0);
        b.set_certificate(&leaf).map_err(e)?;
        for c in certs {
            b.add_extra_chain_cert(c).map_err(e)?;
        }
        let key =
            PKey::private_key_from_pem(key.as_bytes()).map_err(|e| format!("client key: {e}"))?;
        b.set_private_key(&key).map_err(e)?;
    }
    keylog_from_env(&mut b)?;
    let connector = b.build();

    let start = Instant::now();
    let tcp =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("connect {addr}: {e}"))?;
    let left = timeout
        .saturating_sub(start.elapsed())
        .max(Duration::from_millis(100));
    tcp.set_read_timeout(Some(left))
        .map_err(|e| e.to_string())?;
    tcp.set_write_timeout(Some(left))
        .map_err(|e| e.to_string())?;
    let mut config = connector.configure().map_err(e)?;
    // The host name is checked by diagnose itself, with the names shown.
    config.set_verify_hostname(false);
    config.set_use_server_name_indication(a.sni && host.parse::<std::net::IpAddr>().is_err());
    let mut tls = match config.connect(host, tcp) {
        Ok(tls) => tls,
        Err(err) => {
            if let HandshakeError::Failure(mid) = &err {
                out.chain = chain_der(mid.ssl());
            }
            return Err(handshake_error(&err));
        }
    };
    out.handshake = true;
    let ssl = tls.ssl();
    out.protocol = Some(ssl.version_str().to_string());
    out.cipher = ssl.current_cipher().map(|c| c.name().to_string());
    out.dh_bits = peer_dh_bits(ssl);
    out.alpn = ssl
        .selected_alpn_protocol()
        .map(|p| String::from_utf8_lossy(p).into_owned());
    out.chain = chain_der(ssl);
    if !a.request {
        let _ = tls.shutdown();
        return Ok(());
    }
    let request = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    tls.write_all(request.as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    // Bounded: a server that streams forever is cut at 1 MiB, and one that trickles
    // (transport/slow-drip) at the deadline of the whole answer, not of each read.
    let mut limited = (&mut tls).take(1 << 20);
    let set = |s: &mut std::io::Take<&mut openssl::ssl::SslStream<TcpStream>>, left| {
        s.get_ref().get_ref().set_read_timeout(Some(left))
    };
    let read = badtls_matrix::deadline::read_to_end_by(&mut limited, set, start + timeout);
    let answer = match read {
        Ok(answer) => answer,
        Err(e) => return Err(format!("read: {e}")),
    };
    let text = String::from_utf8_lossy(&answer);
    out.status = text.lines().next().map(str::to_string);
    if !badtls_matrix::deadline::head_complete(&answer) {
        return Err(format!(
            "unexpected eof while reading: the answer ended inside its HTTP head, after {} bytes",
            answer.len()
        ));
    }
    if let Some((want, got)) = body_shortfall(&answer) {
        return Err(format!("unexpected eof while reading: the body ended after {got} of {want} bytes, without close_notify"));
    }
    Ok(())
}

fn chain_der(ssl: &openssl::ssl::SslRef) -> Vec<Vec<u8>> {
    ssl.peer_cert_chain()
        .map(|s| s.iter().filter_map(|c| c.to_der().ok()).collect())
        .unwrap_or_default()
}
