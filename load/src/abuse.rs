//! Hostile connections: what a broken or malicious peer sends a TLS server.
//!
//! Each [`Attack`] is one TCP connection. None of them expects an answer; what is checked
//! elsewhere is that the server survives them, stays responsive and gives the resources back.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One kind of hostile connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attack {
    /// Random bytes (1 B to 4 KiB), then wait for the server to close.
    Garbage,
    /// A real ClientHello cut short at a random byte, then half-close.
    TruncatedHello,
    /// A record header announcing more than TLS allows, or a handshake message announcing
    /// megabytes, followed by up to 64 KiB of filler.
    OversizedHello,
    /// A real ClientHello dribbled a byte at a time, slower than any handshake timeout
    /// tolerates; the connection is held until the server cuts it (or the run ends).
    Slowloris,
    /// Part of a ClientHello, then a TCP reset (SO_LINGER 0) instead of a close.
    Reset,
    /// Connect and close at once, without a byte.
    ConnectOnly,
}

impl Attack {
    /// Every kind, in report order.
    pub const ALL: [Attack; 6] = [
        Attack::Garbage,
        Attack::TruncatedHello,
        Attack::OversizedHello,
        Attack::Slowloris,
        Attack::Reset,
        Attack::ConnectOnly,
    ];

    /// The kebab-case name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Attack::Garbage => "garbage",
            Attack::TruncatedHello => "truncated-hello",
            Attack::OversizedHello => "oversized-hello",
            Attack::Slowloris => "slowloris",
            Attack::Reset => "reset",
            Attack::ConnectOnly => "connect-only",
        }
    }
}

/// How one attack ended, from the attacker's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The server closed (FIN or RST) or refused: what a hardened server does.
    ServerClosed,
    /// The attacker gave up first (its own deadline, or the run ended).
    AttackerStopped,
    /// The connection could not be made at all (refused, or the backlog was full).
    ConnectFailed,
}

/// A real TLS 1.3/1.2 ClientHello from rustls for `localhost`, made once.
pub fn client_hello() -> Arc<Vec<u8>> {
    static HELLO: OnceLock<Arc<Vec<u8>>> = OnceLock::new();
    HELLO
        .get_or_init(|| {
            let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
            let hello = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map(|b| {
                    b.with_root_certificates(rustls::RootCertStore::empty())
                        .with_no_client_auth()
                })
                .ok()
                .and_then(|config| {
                    let name = rustls::pki_types::ServerName::try_from("localhost").ok()?;
                    let mut conn = rustls::ClientConnection::new(Arc::new(config), name).ok()?;
                    let mut out = Vec::new();
                    conn.write_tls(&mut out).ok()?;
                    Some(out)
                })
                // A fixed SSLv3-style record header as a last resort: still a hello-shaped start.
                .unwrap_or_else(|| {
                    vec![0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00]
                });
            Arc::new(hello)
        })
        .clone()
}

/// Run one `attack` against `addr`, giving up at `deadline` at the latest.
pub async fn run(attack: Attack, addr: SocketAddr, deadline: Instant) -> Ending {
    let budget = deadline.saturating_duration_since(Instant::now());
    let Ok(Ok(mut tcp)) =
        tokio::time::timeout(budget.min(Duration::from_secs(5)), TcpStream::connect(addr)).await
    else {
        return Ending::ConnectFailed;
    };
    let hello = client_hello();
    let sent = match attack {
        Attack::ConnectOnly => Ok(()),
        Attack::Garbage => {
            let len = fastrand::usize(1..=4096);
            let bytes: Vec<u8> = std::iter::repeat_with(|| fastrand::u8(..))
                .take(len)
                .collect();
            tcp.write_all(&bytes).await
        }
        Attack::TruncatedHello => {
            let cut = fastrand::usize(1..hello.len());
            match tcp.write_all(&hello[..cut]).await {
                Ok(()) => tcp.shutdown().await,
                Err(e) => Err(e),
            }
        }
        Attack::OversizedHello => tcp.write_all(&oversized()).await,
        Attack::Reset => {
            let cut = fastrand::usize(1..hello.len());
            let _ = tcp.write_all(&hello[..cut]).await;
            // Linger 0: close() sends RST and drops unsent data.
            let _ = socket2::SockRef::from(&tcp).set_linger(Some(Duration::ZERO));
            drop(tcp);
            return Ending::AttackerStopped;
        }
        Attack::Slowloris => return slowloris(tcp, &hello, deadline).await,
    };
    if sent.is_err() {
        // The server closed while we were still writing: it refused the input early.
        return Ending::ServerClosed;
    }
    if attack == Attack::ConnectOnly {
        return Ending::AttackerStopped;
    }
    wait_for_close(&mut tcp, deadline).await
}

/// A record header that lies about its length, or a handshake header that does.
fn oversized() -> Vec<u8> {
    let filler = fastrand::usize(1024..=65536);
    let mut out = if fastrand::bool() {
        // Record length 0xFFFF: above the 2^14 + 2048 a TLS record may carry.
        vec![0x16, 0x03, 0x01, 0xFF, 0xFF]
    } else {
        // A legal record announcing a 16 MiB ClientHello.
        vec![
            0x16, 0x03, 0x01, 0x40, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0x03, 0x03,
        ]
    };
    out.extend(std::iter::repeat_with(|| fastrand::u8(..)).take(filler));
    out
}

/// Dribble the hello a byte at a time, one byte every 500 ms: a ClientHello of a few hundred
/// bytes then takes minutes, far beyond any handshake timeout.
async fn slowloris(mut tcp: TcpStream, hello: &[u8], deadline: Instant) -> Ending {
    for byte in hello {
        if Instant::now() >= deadline {
            return Ending::AttackerStopped;
        }
        if tcp.write_all(std::slice::from_ref(byte)).await.is_err() {
            return Ending::ServerClosed;
        }
        // Watch for the server's close while waiting for the next byte.
        let mut buf = [0u8; 512];
        let pause =
            Duration::from_millis(500).min(deadline.saturating_duration_since(Instant::now()));
        match tokio::time::timeout(pause, tcp.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Ending::ServerClosed,
            Ok(Ok(_)) | Err(_) => {}
        }
    }
    wait_for_close(&mut tcp, deadline).await
}

/// Read (and discard) until the server closes, or the deadline.
async fn wait_for_close(tcp: &mut TcpStream, deadline: Instant) -> Ending {
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, tcp.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Ending::ServerClosed,
            Ok(Ok(_)) => continue,
            Err(_) => return Ending::AttackerStopped,
        }
    }
}
