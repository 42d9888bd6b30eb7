//! Looking at a ClientHello: peeked (left in the socket, for SNI routing) or consumed (for the
//! raw faults, which must read it before closing or the kernel answers with a reset).
//!
//! The byte-level decisions are pure functions ([`inspect_hello`], [`HelloInspector`],
//! [`first_record_complete`]) so that they can be fuzzed and unit-tested without sockets; the
//! async functions only move bytes and keep time.

use std::io;
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;
use tokio::time::{timeout_at, Instant};

/// The largest ClientHello we look at: a handshake message in one record plus its header.
/// A hello that has not completed within this many bytes (one that spans records, say) counts
/// as not TLS: the SNI router refuses it rather than buffer without bound.
pub const PEEK_LIMIT: usize = 16 * 1024 + 5;

/// What the first bytes of a connection said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hello {
    /// A ClientHello, with its SNI name if it carried one.
    Tls { sni: Option<String> },
    /// Bytes that are not a TLS ClientHello.
    NotTls,
    /// The peer closed before saying enough.
    Eof,
}

/// What the bytes received so far say: a decision, or a request for more bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inspection {
    /// Enough was seen to decide: [`Hello::Tls`] or [`Hello::NotTls`], never [`Hello::Eof`]
    /// (only the caller, which owns the socket, can see the peer close).
    Done(Hello),
    /// A ClientHello may still be on its way: wait for more bytes.
    NeedMore,
}

/// Incremental ClientHello inspection over a growing prefix of the connection's bytes, as
/// repeated `peek`s return it. Feeds rustls' [`rustls::server::Acceptor`] only the bytes it has
/// not seen yet, so a peer that trickles its hello in byte by byte costs linear work.
#[derive(Default)]
pub struct HelloInspector {
    acceptor: rustls::server::Acceptor,
    /// How many bytes of the prefix the acceptor has been given.
    fed: usize,
    /// Once decided, the answer stays (the acceptor cannot be asked again).
    decided: Option<Hello>,
}

impl HelloInspector {
    /// A fresh inspector, for one connection.
    pub fn new() -> HelloInspector {
        HelloInspector::default()
    }

    /// Look at everything received so far, from the connection's first byte. A `received`
    /// shorter than what was already seen is not progress (and never an error). Bytes past
    /// [`PEEK_LIMIT`] are ignored.
    pub fn update(&mut self, received: &[u8]) -> Inspection {
        if let Some(hello) = &self.decided {
            return Inspection::Done(hello.clone());
        }
        let received = &received[..received.len().min(PEEK_LIMIT)];
        if let Some(mut fresh) = received.get(self.fed..) {
            // `read_tls` takes at most one read's worth (4 KiB in rustls 0.23) per call, so feed
            // until the new bytes are used up, asking for a decision after each step as rustls
            // would see them arrive.
            while !fresh.is_empty() {
                match self.acceptor.read_tls(&mut fresh) {
                    Ok(n) if n > 0 => {}
                    // Zero bytes taken from a non-empty slice, or a full buffer: rustls will
                    // take no more, so this cannot become a ClientHello.
                    _ => return self.decide(Hello::NotTls),
                }
                match self.acceptor.accept() {
                    Ok(Some(accepted)) => {
                        let sni = accepted.client_hello().server_name().map(str::to_string);
                        return self.decide(Hello::Tls { sni });
                    }
                    Ok(None) => {}
                    Err(_) => return self.decide(Hello::NotTls),
                }
            }
            self.fed = received.len();
        }
        if self.fed >= PEEK_LIMIT {
            return self.decide(Hello::NotTls);
        }
        Inspection::NeedMore
    }

    fn decide(&mut self, hello: Hello) -> Inspection {
        self.decided = Some(hello.clone());
        Inspection::Done(hello)
    }
}

/// Inspect the first bytes of a connection in one go: the pure core of [`peek`].
///
/// ```
/// use badtls_servers::engine::hello::{inspect_hello, Hello, Inspection};
/// assert_eq!(inspect_hello(b"GET / HTTP/1.1\r\n"), Inspection::Done(Hello::NotTls));
/// assert_eq!(inspect_hello(&[0x16, 0x03, 0x01]), Inspection::NeedMore);
/// ```
pub fn inspect_hello(received: &[u8]) -> Inspection {
    HelloInspector::new().update(received)
}

/// Whether `received` (the bytes read so far) holds the whole first TLS record, or is clearly
/// not TLS, or has reached [`PEEK_LIMIT`]: the pure core of [`consume_first_record`].
///
/// ```
/// use badtls_servers::engine::hello::first_record_complete;
/// assert!(!first_record_complete(&[0x16, 3, 1, 0, 2, 1]));
/// assert!(first_record_complete(&[0x16, 3, 1, 0, 2, 1, 2]));
/// assert!(first_record_complete(b"SSH-2.0-x\r\n"));
/// ```
pub fn first_record_complete(received: &[u8]) -> bool {
    record_complete(received) || received.len() >= PEEK_LIMIT
}

/// Peek at the ClientHello without consuming it, so the connection can be handed on untouched.
pub async fn peek(stream: &TcpStream, within: Duration) -> io::Result<Hello> {
    let mut inspector = HelloInspector::new();
    peek_until(stream, within, Hello::Eof, |bytes| {
        match inspector.update(bytes) {
            Inspection::Done(hello) => Some(hello),
            _ => None,
        }
    })
    .await
}

/// Peek at the first bytes (leaving them in the socket) until `inspect` has an answer, the
/// peer closes (`on_eof`), or `within` has passed (`TimedOut`). `inspect` sees the whole of what
/// has arrived each time more arrives.
///
/// Peeking returns the same bytes until more arrive, so between peeks that made no progress we
/// sleep briefly; ClientHellos almost always arrive in one segment, so this rarely loops. The
/// deadline is checked on every round, not only while a peek waits: a peer that sends half a
/// record and stops would otherwise keep the loop going forever.
pub async fn peek_until<T>(
    stream: &TcpStream,
    within: Duration,
    on_eof: T,
    mut inspect: impl FnMut(&[u8]) -> Option<T>,
) -> io::Result<T> {
    let deadline = Instant::now() + within;
    let timed_out = || io::Error::new(io::ErrorKind::TimedOut, "no ClientHello in time");
    let mut buf = vec![0u8; PEEK_LIMIT];
    let mut seen = 0;
    loop {
        let n = timeout_at(deadline, stream.peek(&mut buf))
            .await
            .map_err(|_| timed_out())??;
        if n == 0 {
            return Ok(on_eof);
        }
        if n > seen {
            seen = n;
            if let Some(answer) = inspect(&buf[..n]) {
                return Ok(answer);
            }
        }
        if Instant::now() >= deadline {
            return Err(timed_out());
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
        if first_record_complete(&got) {
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
    use std::sync::Arc;

    use super::*;

    /// A real ClientHello, as rustls' client writes it, for `server_name`.
    fn client_hello(server_name: &str, alpn: Vec<Vec<u8>>) -> Vec<u8> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("default versions")
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth();
        config.alpn_protocols = alpn;
        let name = rustls_pki_types::ServerName::try_from(server_name.to_string()).expect("name");
        let mut conn = rustls::ClientConnection::new(Arc::new(config), name).expect("client");
        let mut out = Vec::new();
        while conn.wants_write() {
            conn.write_tls(&mut out).expect("write to a Vec");
        }
        out
    }

    fn tls(sni: Option<&str>) -> Inspection {
        Inspection::Done(Hello::Tls {
            sni: sni.map(str::to_string),
        })
    }

    #[test]
    fn record_completeness() {
        assert!(!record_complete(&[0x16, 3, 1]));
        assert!(!record_complete(&[0x16, 3, 1, 0, 3, 1, 2]));
        assert!(record_complete(&[0x16, 3, 1, 0, 2, 1, 2]));
        assert!(record_complete(b"GET / HTTP/1.1\r\n"));
    }

    #[test]
    fn a_record_announcing_more_than_the_limit_completes_at_the_limit() {
        let mut bytes = vec![0x16, 3, 1, 0xff, 0xff];
        bytes.resize(PEEK_LIMIT - 1, 0);
        assert!(!first_record_complete(&bytes));
        bytes.push(0);
        assert!(first_record_complete(&bytes));
    }

    #[test]
    fn a_real_hello_gives_its_sni_name_or_none_for_an_ip_address() {
        let hello = client_hello("cert-expired.badtls.test", vec![]);
        assert_eq!(inspect_hello(&hello), tls(Some("cert-expired.badtls.test")));
        // rustls sends no SNI to an IP address.
        assert_eq!(inspect_hello(&client_hello("127.0.0.1", vec![])), tls(None));
    }

    #[test]
    fn every_strict_prefix_of_a_hello_needs_more() {
        let hello = client_hello("localhost", vec![]);
        for cut in 0..hello.len() {
            assert_eq!(
                inspect_hello(&hello[..cut]),
                Inspection::NeedMore,
                "cut at {cut} of {}",
                hello.len()
            );
        }
    }

    #[test]
    fn a_hello_fed_byte_by_byte_is_seen_as_one_fed_at_once() {
        let hello = client_hello("localhost", vec![b"h2".to_vec()]);
        let mut inspector = HelloInspector::new();
        let mut last = Inspection::NeedMore;
        for end in 1..=hello.len() {
            last = inspector.update(&hello[..end]);
            if end < hello.len() {
                assert_eq!(last, Inspection::NeedMore, "at {end}");
            }
        }
        assert_eq!(last, tls(Some("localhost")));
        // Decided for good: a shorter view later changes nothing.
        assert_eq!(inspector.update(&hello[..3]), tls(Some("localhost")));
    }

    /// Regression: rustls' `read_tls` takes at most 4 KiB per call, and the SNI router used to
    /// mark a whole peek as fed after one call. A ClientHello over 4 KiB arriving in one segment
    /// then never completed: the connection waited out the handshake timeout.
    #[test]
    fn a_hello_larger_than_one_rustls_read_is_seen_whole() {
        let alpn = (0..40u8).map(|i| vec![b'a' + i % 26; 200]).collect();
        let hello = client_hello("good-default.badtls.test", alpn);
        assert!(hello.len() > 8 * 1024, "only {} bytes", hello.len());
        assert_eq!(inspect_hello(&hello), tls(Some("good-default.badtls.test")));
    }

    #[test]
    fn bytes_that_are_not_a_client_hello_are_not_tls() {
        let sslv2_hello = [
            0x80, 0x2e, 0x01, 0x00, 0x02, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10,
        ];
        let alert = [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28];
        let cases: [&[u8]; 4] = [
            b"GET / HTTP/1.1\r\n",
            b"SSH-2.0-x\r\n",
            &sslv2_hello,
            &alert,
        ];
        for bytes in cases {
            assert_eq!(
                inspect_hello(bytes),
                Inspection::Done(Hello::NotTls),
                "{bytes:02x?}"
            );
        }
    }

    #[test]
    fn a_hello_that_spans_records_is_refused_at_the_limit() {
        // One full record carrying the first 16 KiB of a 20000-byte ClientHello: rustls would
        // need the next record, but the router looks no further than PEEK_LIMIT.
        let mut bytes = vec![0x16, 0x03, 0x01, 0x40, 0x00, 0x01, 0x00, 0x4e, 0x20];
        bytes.resize(PEEK_LIMIT - 1, 0);
        assert_eq!(inspect_hello(&bytes), Inspection::NeedMore);
        bytes.push(0);
        assert_eq!(inspect_hello(&bytes), Inspection::Done(Hello::NotTls));
        bytes.resize(PEEK_LIMIT + 100, 0);
        assert_eq!(inspect_hello(&bytes), Inspection::Done(Hello::NotTls));
    }
}
