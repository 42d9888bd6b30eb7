//! The engines that serve scenarios, and what they share: connection limits and ClientHello
//! inspection.
//!
//! - [`tls`]: rustls, for everything a modern stack can serve;
//! - [`openssl`]: the vendored OpenSSL, for legacy protocols, ciphers and DH;
//! - [`raw`]: transport faults, no TLS at all;
//! - [`stall`]: rustls endpoints that stop part-way (after the ServerHello, after the
//!   handshake, or trickling), each bounded; [`intolerance`]: closing on a TLS 1.3 hello.

pub mod hello;
pub mod intolerance;
#[cfg(feature = "openssl")]
pub mod openssl;
#[cfg(feature = "openssl")]
pub mod openssl_key;
pub mod raw;
pub mod stall;
pub mod tls;

use std::time::Duration;

use tokio::net::TcpStream;

use crate::scenario::Fault;

/// Bounds on every connection, so that a hostile or broken peer cannot hold the suite.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Time from accept to a finished handshake.
    pub handshake_timeout: Duration,
    /// Time from the handshake to the end of the answer.
    pub request_timeout: Duration,
    /// How long the hanging faults (`hang`, `hang-after-server-hello`, `hang-after-handshake`,
    /// `slow-drip`) hold a connection open before closing it.
    pub hang_timeout: Duration,
    /// Connections served at once per listener; further ones wait in the kernel's backlog.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            handshake_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(10),
            hang_timeout: Duration::from_secs(60),
            max_connections: 256,
        }
    }
}

/// A fatal unrecognized_name alert in a TLS 1.2-framed record, readable by any TLS version.
const UNRECOGNIZED_NAME_ALERT: [u8; 7] = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 112];

/// Read the ClientHello, answer with a fatal unrecognized_name alert, then close gently (so the
/// client reads the alert rather than a RST).
pub async fn refuse_unrecognized_name(
    mut stream: TcpStream,
    limits: &Limits,
) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    hello::consume_first_record(&mut stream, limits.handshake_timeout).await?;
    stream.write_all(&UNRECOGNIZED_NAME_ALERT).await?;
    close_gently(&mut stream, limits).await
}

/// Send FIN, then drain what the peer still sends until it closes too (or the request timeout
/// passes). Closing a socket with unread data makes the kernel send a RST, which would race, and
/// often beat, whatever we said last (an alert, an HTTP error).
pub async fn close_gently(stream: &mut TcpStream, limits: &Limits) -> std::io::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream.shutdown().await?;
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(limits.request_timeout, async {
        while stream.read(&mut sink).await.unwrap_or(0) > 0 {}
    })
    .await;
    Ok(())
}

/// How one endpoint serves a connection.
pub enum Handler {
    Tls(Box<tls::TlsEndpoint>),
    #[cfg(feature = "openssl")]
    Openssl(Box<openssl::OpensslEndpoint>),
    Raw(Fault),
    /// An endpoint whose certificate is still being made (an RSA-4096 key takes about a second):
    /// its port already accepts, and connections wait for it within the handshake timeout.
    Deferred(Deferred),
}

/// The receiving end of a handler being built on another thread.
pub type Deferred = tokio::sync::watch::Receiver<Option<Result<std::sync::Arc<Handler>, String>>>;

impl Handler {
    /// Serve one accepted connection. Errors are the peer's doing (or a timeout) and are logged
    /// at debug level by the caller; they never stop the listener.
    pub async fn serve(&self, stream: TcpStream, limits: &Limits) -> std::io::Result<()> {
        match self {
            Handler::Tls(endpoint) => endpoint.serve(stream, limits).await,
            #[cfg(feature = "openssl")]
            Handler::Openssl(endpoint) => endpoint.serve(stream, limits).await,
            Handler::Raw(fault) => raw::serve(stream, *fault, limits).await,
            Handler::Deferred(built) => {
                let mut built = built.clone();
                let ready =
                    tokio::time::timeout(limits.handshake_timeout, built.wait_for(Option::is_some));
                let handler = match ready.await {
                    Ok(Ok(slot)) => match slot.as_ref() {
                        Some(Ok(handler)) => handler.clone(),
                        Some(Err(e)) => return Err(std::io::Error::other(e.clone())),
                        None => return Err(std::io::Error::other("endpoint never built")),
                    },
                    Ok(Err(_)) => return Err(std::io::Error::other("endpoint builder stopped")),
                    Err(_) => {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::TimedOut,
                            "endpoint still being built",
                        ))
                    }
                };
                // Boxed: an async fn cannot recurse into itself unboxed.
                Box::pin(handler.serve(stream, limits)).await
            }
        }
    }
}

/// The shared SNI port: route each connection by its ClientHello's SNI name to an endpoint.
pub struct SniRouter {
    routes: std::collections::HashMap<String, std::sync::Arc<Handler>>,
}

impl SniRouter {
    pub fn new(routes: std::collections::HashMap<String, std::sync::Arc<Handler>>) -> SniRouter {
        SniRouter { routes }
    }

    /// Peek the SNI name (leaving the ClientHello in the socket) and hand the connection on.
    /// No SNI, or a name we do not serve: a fatal unrecognized_name alert.
    pub async fn serve(&self, stream: TcpStream, limits: &Limits) -> std::io::Result<()> {
        let route = match hello::peek(&stream, limits.handshake_timeout).await? {
            hello::Hello::Tls { sni: Some(name) } => self.routes.get(&name.to_ascii_lowercase()),
            _ => None,
        };
        match route {
            // Boxed: a Handler may be served from inside another's future.
            Some(handler) => Box::pin(handler.serve(stream, limits)).await,
            None => refuse_unrecognized_name(stream, limits).await,
        }
    }
}
