//! Looking at a ClientHello: peeked (left in the socket, for SNI routing) or consumed (for the
//! raw faults, which must read it before closing or the kernel answers with a reset).

use std::io;
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// The largest ClientHello we look at: a handshake message in one record plus its header.
/// Bigger hellos (post-quantum key shares span records) are still routed once this much is seen.
const PEEK_LIMIT: usize = 16 * 1024 + 5;

/// What the first bytes of a connection said.
#[derive(Debug, PartialEq, Eq)]
pub enum Hello {
    /// A ClientHello, with its SNI name if it carried one.
    Tls { sni: Option<String> },
    /// Bytes that are not a TLS ClientHello.
    NotTls,
    /// The peer closed before saying enough.
    Eof,
}

/// Peek at the ClientHello without consuming it, so the connection can be handed on untouched.
///
/// Peeking returns the same bytes until more arrive, so between peeks that made no progress we
/// sleep briefly; ClientHellos almost always arrive in one segment, so this rarely loops.
pub async fn peek(stream: &TcpStream, within: Duration) -> io::Result<Hello> {
    let deadline = Instant::now() + within;
    let mut buf = vec![0u8; PEEK_LIMIT];
    let mut acceptor = rustls::server::Acceptor::default();
    let mut fed = 0;
    loop {
        let n = timeout_at(deadline, stream.peek(&mut buf))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "no ClientHello in time"))??;
        if n == 0 {
            return Ok(Hello::Eof);
        }
        if n > fed {
            let mut fresh = &buf[fed..n];
            acceptor.read_tls(&mut fresh)?;
            fed = n;
            match acceptor.accept() {
                Ok(Some(accepted)) => {
                    let sni = accepted.client_hello().server_name().map(str::to_string);
                    return Ok(Hello::Tls { sni });
                }
                Ok(None) => {}
                Err(_) => return Ok(Hello::NotTls),
            }
        }
        if n == buf.len() {
            return Ok(Hello::NotTls);
        }
        if Instant::now() >= deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "no ClientHello in time",
            ));
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Read (and consume) the first TLS record, or whatever arrives first if it is not TLS.
/// Returns the bytes read; an empty vector means the peer closed at once.
pub async fn consume_first_record(stream: &mut TcpStream, within: Duration) -> io::Result<Vec<u8>> {
    let deadline = Instant::now() + within;
    let mut got = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    loop {
        let n = timeout_at(deadline, stream.read(&mut chunk))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "no ClientHello in time"))??;
        if n == 0 {
            return Ok(got);
        }
        got.extend_from_slice(&chunk[..n]);
        if record_complete(&got) || got.len() >= PEEK_LIMIT {
            return Ok(got);
        }
    }
}

/// Whether `bytes` hold at least one whole TLS record (or are clearly not TLS).
fn record_complete(bytes: &[u8]) -> bool {
    match bytes {
        [0x16, _, _, hi, lo, rest @ ..] => {
            rest.len() >= usize::from(u16::from_be_bytes([*hi, *lo]))
        }
        [0x16, ..] => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_completeness() {
        assert!(!record_complete(&[0x16, 3, 1]));
        assert!(!record_complete(&[0x16, 3, 1, 0, 3, 1, 2]));
        assert!(record_complete(&[0x16, 3, 1, 0, 2, 1, 2]));
        assert!(record_complete(b"GET / HTTP/1.1\r\n"));
    }
}
