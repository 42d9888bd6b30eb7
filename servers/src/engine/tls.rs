//! The rustls engine: a real TLS server per scenario, with the scenario's certificates,
//! versions, ALPN and client-auth policy, answering one small HTTP response.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsAcceptor;

use super::{hello, Limits};
use crate::pki::Identity;
use crate::scenario::{ClientAuth, Fault, Scenario, TlsVersion};

/// The crypto provider every config is built with. Explicit, because a second provider
/// feature switched on anywhere in the build (by a dev-dependency, say) makes rustls'
/// implicit default panic.
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// Why a scenario's TLS config could not be built.
#[derive(Debug, thiserror::Error)]
#[error("scenario '{id}': {message}")]
pub struct ConfigError {
    pub id: String,
    pub message: String,
}

/// A rustls endpoint, ready to serve connections.
pub struct TlsEndpoint {
    id: String,
    acceptor: TlsAcceptor,
    /// The same config, for faults that drive rustls by hand.
    config: Arc<ServerConfig>,
    require_sni: bool,
    fault: Option<Fault>,
}

impl TlsEndpoint {
    /// Build the server config of `scenario` with its certificates; `client_ca` is the root that
    /// client certificates must chain to.
    pub fn new(
        scenario: &Scenario,
        identity: &Identity,
        client_ca: &rustls_pki_types::CertificateDer<'static>,
    ) -> Result<TlsEndpoint, ConfigError> {
        let err = |message: String| ConfigError {
            id: scenario.id.clone(),
            message,
        };
        let versions: Vec<&'static rustls::SupportedProtocolVersion> = scenario
            .tls
            .versions
            .iter()
            .filter_map(|v| match v {
                TlsVersion::Tls12 => Some(&rustls::version::TLS12),
                TlsVersion::Tls13 => Some(&rustls::version::TLS13),
                _ => None,
            })
            .collect();
        let builder = ServerConfig::builder_with_provider(provider())
            .with_protocol_versions(&versions)
            .map_err(|e| err(format!("protocol versions: {e}")))?;
        let builder = match scenario.tls.client_auth {
            ClientAuth::None => builder.with_no_client_auth(),
            ClientAuth::Required => {
                let mut roots = RootCertStore::empty();
                roots
                    .add(client_ca.clone())
                    .map_err(|e| err(format!("client CA: {e}")))?;
                let verifier =
                    WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider())
                        .build()
                        .map_err(|e| err(format!("client verifier: {e}")))?;
                builder.with_client_cert_verifier(verifier)
            }
        };
        // A resolver rather than `with_single_cert`: that one parses the leaf with webpki first,
        // and some of our leaves (10000 SANs) are deliberately beyond what webpki will parse.
        // key-mismatch: the handshake is signed with a fresh key of the leaf's kind, which the
        // certificate does not name.
        let other_key;
        let signer = if scenario.tls.fault == Some(Fault::KeyMismatch) {
            other_key = crate::pki::keys::fresh(scenario.pki.leaf.key)
                .map_err(|e| err(format!("the mismatched key: {e}")))?;
            &other_key
        } else {
            &identity.key
        };
        let signing_key = match provider()
            .key_provider
            .load_private_key(signer.private_der())
        {
            Ok(key) => key,
            // aws-lc-rs signs with no RSA key under 2048 or over 4096 bits: OpenSSL does.
            #[cfg(feature = "openssl")]
            Err(aws_lc) => super::openssl_key::OpensslRsaKey::from_pkcs8(signer.pkcs8_der())
                .map(|k| Arc::new(k) as Arc<dyn rustls::sign::SigningKey>)
                .map_err(|e| err(format!("private key: aws-lc-rs: {aws_lc}; OpenSSL: {e}")))?,
            #[cfg(not(feature = "openssl"))]
            Err(aws_lc) => return Err(err(format!("private key: aws-lc-rs: {aws_lc}"))),
        };
        let certified = rustls::sign::CertifiedKey::new(identity.chain.clone(), signing_key);
        let mut config =
            builder.with_cert_resolver(Arc::new(rustls::sign::SingleCertAndKey::from(certified)));
        config.alpn_protocols = match (&scenario.tls.alpn, scenario.tls.fault) {
            (Some(list), _) => list.iter().map(|p| p.as_bytes().to_vec()).collect(),
            // The truncation is written by hand in HTTP/1.1.
            (None, Some(Fault::Truncated | Fault::NoCloseNotify | Fault::SlowDrip)) => {
                vec![b"http/1.1".to_vec()]
            }
            (None, _) => vec![b"h2".to_vec(), b"http/1.1".to_vec()],
        };
        let config = Arc::new(config);
        Ok(TlsEndpoint {
            id: scenario.id.clone(),
            acceptor: TlsAcceptor::from(config.clone()),
            config,
            require_sni: scenario.tls.require_sni,
            fault: scenario.tls.fault,
        })
    }

    /// Serve one connection: handshake, one HTTP answer, clean close.
    pub async fn serve(&self, stream: TcpStream, limits: &Limits) -> std::io::Result<()> {
        if self.require_sni {
            if let hello::Hello::Tls { sni: None } =
                hello::peek(&stream, limits.handshake_timeout).await?
            {
                // Refuse as virtual-hosting front ends do.
                return super::refuse_unrecognized_name(stream, limits).await;
            }
        }
        match self.fault {
            Some(Fault::HangAfterServerHello) => {
                return super::stall::after_server_hello(stream, self.config.clone(), limits).await
            }
            Some(Fault::Tls13Intolerant)
                if super::intolerance::peek_offers_tls13(&stream, limits.handshake_timeout)
                    .await? =>
            {
                let mut stream = stream;
                return super::close_gently(&mut stream, limits).await;
            }
            _ => {}
        }
        let handshake = self.acceptor.accept(stream).into_fallible();
        let tls = match tokio::time::timeout(limits.handshake_timeout, handshake).await {
            Err(_) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "handshake timed out",
                ))
            }
            Ok(Ok(tls)) => tls,
            Ok(Err((e, mut tcp))) => {
                // The alert is written; close so that the client reads it rather than a RST.
                super::close_gently(&mut tcp, limits).await?;
                return Err(e);
            }
        };
        match self.fault {
            Some(Fault::Truncated) => truncate(tls, &self.id, limits, Framing::ShortOfLength).await,
            Some(Fault::NoCloseNotify) => {
                truncate(tls, &self.id, limits, Framing::UntilClose).await
            }
            Some(Fault::HangAfterHandshake) => super::stall::after_handshake(tls, limits).await,
            Some(Fault::SlowDrip) => super::stall::slow_drip(tls, limits).await,
            _ => answer(tls, &self.id, limits).await,
        }
    }
}

/// The body every good endpoint answers with.
fn body(id: &str) -> String {
    format!("badtls: {id}: handshake OK\n")
}

/// Bytes of HTTP/1 request head (and h2 send buffer) one connection may hold.
const MAX_HTTP1_BUFFER: usize = 16 * 1024;
/// Bytes of header list one h2 request may carry.
const MAX_HEADER_BYTES: u32 = 16 * 1024;
/// Streams one h2 connection may have open at once.
const MAX_H2_STREAMS: u32 = 8;

/// Answer one HTTP request (HTTP/1.1, or h2 if ALPN chose it) on an established TLS stream.
pub(super) async fn answer<IO>(tls: IO, id: &str, limits: &Limits) -> std::io::Result<()>
where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let body = Bytes::from(body(id));
    let service = hyper::service::service_fn(move |_req: Request<Incoming>| {
        let body = body.clone();
        async move {
            Response::builder()
                .header("content-type", "text/plain; charset=utf-8")
                // The control port's page fetches every endpoint from another origin and reads
                // the whole body (a truncation must show there as it does in the matrix).
                .header("access-control-allow-origin", "*")
                // HTTP/1.1: close after this answer (hyper then sends close_notify and FIN), so
                // that no client waits on an idle TLS 1.3 connection.
                .header("connection", "close")
                .body(Full::new(body))
        }
    });
    let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    // No header_read_timeout: the whole connection is bounded by the request timeout below.
    // Buffers are bounded explicitly (a request here is one small GET): hyper's defaults allow
    // ~400 KiB of HTTP/1 head and 100+ concurrent h2 streams per connection.
    builder
        .http1()
        .keep_alive(false)
        .max_buf_size(MAX_HTTP1_BUFFER)
        .max_headers(64);
    builder
        .http2()
        .max_concurrent_streams(MAX_H2_STREAMS)
        .max_header_list_size(MAX_HEADER_BYTES)
        .max_send_buf_size(MAX_HTTP1_BUFFER);
    let conn = builder.serve_connection(TokioIo::new(tls), service);
    match tokio::time::timeout(limits.request_timeout, conn).await {
        Ok(result) => result.map_err(std::io::Error::other),
        Err(_) => Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "request timed out",
        )),
    }
}

/// How a truncated answer says where its body ends.
enum Framing {
    /// A Content-Length 4 KiB more than is sent: an HTTP client can see the body is short.
    ShortOfLength,
    /// No Content-Length: the body ends when the connection does (RFC 9112 §6.3), so only the
    /// missing close_notify tells a truncation from the end (RFC 9112 §9.8).
    UntilClose,
}

/// After the handshake, answer 200 and close TCP without close_notify.
async fn truncate(
    mut tls: tokio_rustls::server::TlsStream<TcpStream>,
    id: &str,
    limits: &Limits,
    framing: Framing,
) -> std::io::Result<()> {
    read_request_head(&mut tls, limits).await?;
    let body = body(id);
    let length = match framing {
        Framing::ShortOfLength => format!("Content-Length: {}\r\n", body.len() + 4096),
        Framing::UntilClose => String::new(),
    };
    let head =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nAccess-Control-Allow-Origin: *\r\n{length}Connection: close\r\n\r\n");
    tls.write_all(head.as_bytes()).await?;
    tls.write_all(body.as_bytes()).await?;
    tls.flush().await?;
    let (mut tcp, _) = tls.into_inner();
    tcp.shutdown().await
}

/// Read until the end of the request head (or 8 KiB, or the request timeout).
pub(super) async fn read_request_head(
    tls: &mut tokio_rustls::server::TlsStream<TcpStream>,
    limits: &Limits,
) -> std::io::Result<()> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    tokio::time::timeout(limits.request_timeout, async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 8192 {
            let n = tls.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&chunk[..n]);
        }
        Ok::<_, std::io::Error>(())
    })
    .await
    .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "request timed out"))?
}
