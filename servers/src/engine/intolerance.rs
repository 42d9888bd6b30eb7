//! `tls13-intolerant`: a server that closes on any ClientHello offering TLS 1.3, as broken
//! middleboxes and old load balancers did, and serves a TLS 1.2-only hello normally. A client
//! that retries without TLS 1.3 therefore connects, and shows as FALSE-ACCEPT.

use std::io;
use std::time::Duration;

use tokio::net::TcpStream;

/// TLS 1.3 in the supported_versions extension.
const TLS13: [u8; 2] = [0x03, 0x04];
/// The supported_versions extension (RFC 8446 §4.2.1).
const SUPPORTED_VERSIONS: u16 = 43;

/// Whether a ClientHello record (from its first byte) lists TLS 1.3 in supported_versions.
/// `None`: the bytes are not a whole ClientHello record.
pub fn offers_tls13(record: &[u8]) -> Option<bool> {
    let mut r = Reader(record);
    if r.u8()? != 0x16 {
        return None;
    }
    r.take(2)?;
    let mut body = Reader(r.vec16()?);
    if body.u8()? != 1 {
        return None;
    }
    let length = body.u24()?;
    let mut hello = Reader(body.take(length)?);
    hello.take(2 + 32)?; // legacy_version, random
    hello.vec8()?; // session id
    hello.vec16()?; // cipher suites
    hello.vec8()?; // compression methods
    if hello.0.is_empty() {
        return Some(false); // no extensions at all
    }
    let mut extensions = Reader(hello.vec16()?);
    while !extensions.0.is_empty() {
        let kind = extensions.u16()?;
        let data = extensions.vec16()?;
        if kind == SUPPORTED_VERSIONS {
            let mut list = Reader(Reader(data).vec8()?);
            while !list.0.is_empty() {
                if list.take(2)? == TLS13 {
                    return Some(true);
                }
            }
            return Some(false);
        }
    }
    Some(false)
}

/// A cursor over bytes; every read is checked.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
    fn u24(&mut self) -> Option<usize> {
        self.take(3)
            .map(|b| usize::from(b[0]) << 16 | usize::from(b[1]) << 8 | usize::from(b[2]))
    }
    fn vec8(&mut self) -> Option<&'a [u8]> {
        let n = self.u8()?;
        self.take(usize::from(n))
    }
    fn vec16(&mut self) -> Option<&'a [u8]> {
        let n = self.u16()?;
        self.take(usize::from(n))
    }
}

/// Peek (leaving it in the socket) until the first record is whole; whether it offers TLS 1.3.
/// Anything that is not a one-record ClientHello counts as not offering it (rustls then
/// refuses it as it would anyway).
pub async fn peek_offers_tls13(stream: &TcpStream, within: Duration) -> io::Result<bool> {
    super::hello::peek_until(stream, within, false, |bytes| {
        offers_tls13(bytes).or_else(|| super::hello::first_record_complete(bytes).then_some(false))
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn hello(versions: &[&'static rustls::SupportedProtocolVersion]) -> Vec<u8> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_protocol_versions(versions)
            .expect("versions")
            .with_root_certificates(rustls::RootCertStore::empty())
            .with_no_client_auth();
        let name = rustls_pki_types::ServerName::try_from("localhost").expect("name");
        let mut conn = rustls::ClientConnection::new(Arc::new(config), name).expect("client");
        let mut out = Vec::new();
        while conn.wants_write() {
            conn.write_tls(&mut out).expect("write to a Vec");
        }
        out
    }

    #[test]
    fn a_tls13_hello_offers_it_and_a_tls12_only_one_does_not() {
        let both = hello(&[&rustls::version::TLS13, &rustls::version::TLS12]);
        assert_eq!(offers_tls13(&both), Some(true));
        let old = hello(&[&rustls::version::TLS12]);
        assert_eq!(offers_tls13(&old), Some(false));
        for cut in 0..both.len() {
            assert_eq!(offers_tls13(&both[..cut]), None, "cut at {cut}");
        }
        assert_eq!(offers_tls13(b"GET / HTTP/1.1\r\n\r\n"), None);
    }
}
